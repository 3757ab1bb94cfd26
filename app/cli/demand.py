"""`bydelsteam demand BOOK.xlsx`: need-weighted demand against current supply per team and profession."""

from __future__ import annotations

import argparse
import json

from app.cli.common import load_or_report
from optimiser import fmt
from optimiser.domain import DemandMode
from optimiser.need import demand_table

HEADERS = {
    "da": ["Team", "Faggruppe", "Behov (årsværk)", "Nu (årsværk)", "Dækning"],
    "en": ["Team", "Profession", "Demand (FTE)", "Supply (FTE)", "Coverage"],
}


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
    names = {t.id: t.name for t in instance.teams}
    lang = args.lang
    cells = [
        [
            names[r.team_id],
            r.profession,
            fmt.number(r.demand_fte, 2, lang),
            fmt.number(r.supply_fte, 2, lang),
            fmt.percent(r.coverage, 0, lang),
        ]
        for r in rows
    ]
    print(fmt.table(HEADERS[lang], cells, right={2, 3, 4}))
    return 0
