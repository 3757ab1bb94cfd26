"""`bydelsteam template OUT.xlsx`: write the empty Excel template planners fill in."""

from __future__ import annotations

import argparse
from pathlib import Path

from optimiser.io import write_template

TEXT = {
    "da": {
        "exists": "{path} findes allerede. Vælg et andet filnavn, eller brug --force for at overskrive.",
        "failed": "Kunne ikke skrive {path}: {error}",
        "done": "Skabelonen er skrevet til {path}.",
    },
    "en": {
        "exists": "{path} already exists. Choose another name, or use --force to overwrite it.",
        "failed": "Could not write {path}: {error}",
        "done": "The template is written to {path}.",
    },
}


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Write the empty Excel template (Danish) that planners fill in: instructions, header notes, "
        "drop-down lists and every parameter at its default."
    )
    p.add_argument("out", help="the file to write (.xlsx)")
    p.add_argument("--force", action="store_true", help="overwrite the file if it exists")
    p.add_argument("--lang", choices=["da", "en"], default="da", help="language of the messages")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    text = TEXT[args.lang]
    path = Path(args.out)
    if path.exists() and not args.force:  # never lose a planner's filled-in book
        print(text["exists"].format(path=path))
        return 2
    try:
        write_template(path)
    except OSError as err:
        print(text["failed"].format(path=path, error=err.strerror or type(err).__name__))
        return 2
    print(text["done"].format(path=path))
    return 0
