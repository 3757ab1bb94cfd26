"""`bydelsteam demand BOOK.xlsx`: need-weighted demand against current supply per team and profession."""

from __future__ import annotations

import argparse
import json

from app.cli.common import load_or_report
from optimiser import fmt, i18n
from optimiser.domain import DemandMode
from optimiser.i18n import N_, text
from optimiser.names import Names
from optimiser.need import demand_table
from optimiser.vocabulary import PROFESSION, TEAM

HEADERS = (TEAM, PROFESSION, N_("Demand (FTE)"), N_("Supply today (FTE)"), N_("Coverage today"))


def configure(p: argparse.ArgumentParser) -> None:
    p.description = "Print need-weighted demand, current practice-near supply and coverage per team × profession."
    p.add_argument("book", help="the workbook (.xlsx)")
    p.add_argument("--mode", choices=[m.value for m in DemandMode], help="override the book's demand mode")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--lang", choices=["da", "en"], default="da")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    instance = load_or_report(args.book, args.lang)
    if instance is None:
        return 2
    mode = DemandMode(args.mode) if args.mode else None
    try:
        rows = demand_table(instance, mode)
    except ValueError as err:  # norm mode without norms
        print(err)
        return 2
    if args.json:
        out = [
            {
                "team_id": r.team_id,
                "profession": r.profession,
                "demand_fte": round(r.demand_fte, 4),
                "supply_fte": round(r.supply_fte, 4),
                "coverage": None if r.coverage is None else round(r.coverage, 4),
            }
            for r in rows
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    names = Names.of(instance)
    lang = args.lang
    cells = [
        [
            names.team(r.team_id),
            names.profession(r.profession),
            i18n.number(r.demand_fte, 2, lang),
            i18n.number(r.supply_fte, 2, lang),
            i18n.percent(r.coverage, 0, lang),
        ]
        for r in rows
    ]
    print(fmt.table([text(h, lang) for h in HEADERS], cells, right={2, 3, 4}))
    return 0
