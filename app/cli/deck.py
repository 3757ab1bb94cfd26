"""`bydelsteam deck RESULT.json|CMP.json --out DECK.pptx`: the committee deck (docs/exports.md).

The input is a result from `bydelsteam solve --out` (one plan against today) or the JSON summary that
`bydelsteam compare --out CMP.xlsx` writes beside its workbook (`CMP.json`: every scenario against today), or a
transition plan from `bydelsteam phase --out` (PLAN.json: coverage per team along the path).
With `--book`, teams are shown by name.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pydantic import ValidationError

from app.cli.common import load_or_report
from optimiser.export.deck import from_comparison, from_result, is_comparison, write_deck
from optimiser.i18n import N_, text
from optimiser.names import Names
from optimiser.problems import Lang
from optimiser.results import SolveResult
from optimiser.transition import KIND, PhasePlan

TEXT: dict[str, str] = {
    "unreadable": N_(
        "{path} cannot be read as a result or a comparison ({error}). Use RESULT.json from "
        "`bydelsteam solve --out` or CMP.json, which `bydelsteam compare` writes beside its "
        "workbook."
    ),
    "failed": N_("Could not write {path}: {error}"),
    "done": N_("The deck is written to {path}."),
}


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Write a PowerPoint deck with native charts: the options side by side, coverage per team, "
        "cost, the trade-off curve, who moves, method and caveats."
    )
    p.add_argument("input", help="RESULT.json (bydelsteam solve) or CMP.json (bydelsteam compare)")
    p.add_argument("--out", required=True, help="the deck to write (.pptx)")
    p.add_argument("--book", help="the workbook, to show teams by name")
    p.add_argument("--lang", choices=["da", "en"], default="da")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    instance = None
    if args.book is not None:
        instance = load_or_report(args.book, lang)
        if instance is None:
            return 2
    names = Names.of(instance, pseudonymise=True)  # a deck never names staff
    path = Path(args.input)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("kind") == KIND:
            return _phase_deck(PhasePlan.model_validate(data), names, args.out, lang)
        if is_comparison(data):
            deck = from_comparison(data, names, lang, source=path.name)
        else:
            deck = from_result(SolveResult.model_validate(data), names, path.name, lang)
    except (OSError, ValueError, KeyError, TypeError, ValidationError) as err:
        print(text(TEXT["unreadable"], lang, path=path, error=type(err).__name__))
        return 2
    try:
        write_deck(deck, args.out, lang)
    except OSError as err:
        print(text(TEXT["failed"], lang, path=args.out, error=err.strerror or type(err).__name__))
        return 2
    print(text(TEXT["done"], lang, path=args.out))
    return 0


def _phase_deck(plan: PhasePlan, names: Names, out: str, lang: Lang) -> int:
    from optimiser.export.phase import write_phase_deck

    try:
        write_phase_deck(plan, names, out, lang)
    except OSError as err:
        print(text(TEXT["failed"], lang, path=out, error=err.strerror or type(err).__name__))
        return 2
    print(text(TEXT["done"], lang, path=out))
    return 0
