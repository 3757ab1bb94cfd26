"""`bydelsteam template OUT.xlsx`: write the empty Excel template planners fill in."""

from __future__ import annotations

import argparse
from pathlib import Path

from optimiser.i18n import N_, text
from optimiser.io import write_template

TEXT: dict[str, str] = {
    "exists": N_("{path} already exists. Choose another name, or use --force to overwrite it."),
    "failed": N_("Could not write {path}: {error}"),
    "done": N_("The template is written to {path}."),
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
    lang = args.lang
    path = Path(args.out)
    if path.exists() and not args.force:  # never lose a planner's filled-in book
        print(text(TEXT["exists"], lang, path=path))
        return 2
    try:
        write_template(path)
    except OSError as err:
        print(text(TEXT["failed"], lang, path=path, error=err.strerror or type(err).__name__))
        return 2
    print(text(TEXT["done"], lang, path=path))
    return 0
