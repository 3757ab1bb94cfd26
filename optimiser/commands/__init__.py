"""Sub-commands of `bydelsteam`; each module has `register(subparsers)`. Shared helpers live here."""

from __future__ import annotations

from optimiser.domain import Instance
from optimiser.io import BookError, format_problems, load_instance
from optimiser.problems import Lang


def load_or_report(path: str, lang: Lang) -> Instance | None:
    """The book's instance, or None after printing its problems (the caller exits 2)."""
    try:
        return load_instance(path)
    except BookError as err:
        print(format_problems(err.problems, lang))
        return None
