"""`bydelsteam paper CMP.json --out SAG.docx`: the draft committee paper (Word) from a comparison
(docs/exports.md). With `--book`, teams and professions are shown by the book's names (the summary carries
them too)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.cli.common import load_or_report
from optimiser.export.deck import from_comparison, is_comparison
from optimiser.export.paper import write_paper
from optimiser.i18n import N_, text
from optimiser.names import Names
from optimiser.problems import Lang

TEXT: dict[str, str] = {
    "unreadable": N_(
        "{path} cannot be read as a comparison ({error}). Use CMP.json, which `bydelsteam compare` writes "
        "beside its workbook."
    ),
    "failed": N_("Could not write {path}: {error}"),
    "done": N_("The committee paper is written to {path}."),
}


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Write the draft committee paper (Word): recommendation, problem, the options with their figures, "
        "economy per budget year, consequences and risks per option, further process, appendices."
    )
    p.add_argument("input", help="CMP.json (bydelsteam compare)")
    p.add_argument("--out", required=True, help="the paper to write (.docx)")
    p.add_argument("--book", help="the workbook, to show teams and professions by name")
    p.add_argument("--lang", choices=["da", "en"], default="da")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    instance = None
    if args.book is not None:
        instance = load_or_report(args.book, lang)
        if instance is None:
            return 2
    path = Path(args.input)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not is_comparison(data):
            raise ValueError("not a comparison")
        deck = from_comparison(data, Names.of(instance, pseudonymise=True), lang, source=path.name)
    except (OSError, ValueError, KeyError, TypeError) as err:
        print(text(TEXT["unreadable"], lang, path=path, error=type(err).__name__))
        return 2
    try:
        write_paper(deck, args.out, lang)
    except OSError as err:
        print(text(TEXT["failed"], lang, path=args.out, error=err.strerror or type(err).__name__))
        return 2
    print(text(TEXT["done"], lang, path=args.out))
    return 0
