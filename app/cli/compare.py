"""`bydelsteam compare BOOK.xlsx S1.yaml S2.yaml … --out CMP.xlsx`: run scenarios side by side.

Every scenario is applied to the book (the book on the command line is the base of all of them) and solved;
then the equity tolerance of one scenario (`--frontier NAME`, default the first) is swept for the trade-off
curve. The comparison workbook has the KPI table, winners and losers per team and institution, who moves
where, the curve and a method note (`optimiser.export.comparison_book`). Every solve is stored unless `--no-store`.

Exit codes: 0 every scenario has a plan; 2 bad input (book, scenario files, output folder); 3 some scenario
has no plan (the workbook is still written; its status says which).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from app.cli.common import (
    add_solver_options,
    load_scenarios_or_report,
    not_stored,
    open_store,
    solver_overrides,
)
from optimiser import fmt
from optimiser.comparison import FrontierPoint
from optimiser.export.comparison_book import write_comparison
from optimiser.io import BookError, format_problems
from optimiser.problems import Lang
from scenarios.compare import compare
from scenarios.errors import ScenarioError, format_scenario_problems
from scenarios.frontier import DEFAULT_TOLERANCES
from scenarios.service import Outcome, load_book

TEXT: dict[Lang, dict[str, str]] = {
    "da": {
        "no_folder": "Kan ikke skrive {path}: mappen findes ikke.",
        "solved": "{name}: {status}, største underdækning {shortfall}, {moved} skifter team, {seconds} s",
        "no_plan": "{name}: ingen plan ({status})",
        "point": "  afvejning: tolerance {tolerance} → største underdækning {shortfall}, {moved} skifter team",
        "frontier": "Afvejningskurve for {name} ({points} punkter):",
        "written": "Sammenligningen er skrevet til {path}.",
        "failed": "Kunne ikke skrive {path}: {error}",
    },
    "en": {
        "no_folder": "Cannot write {path}: the folder does not exist.",
        "solved": "{name}: {status}, largest shortfall {shortfall}, {moved} change team, {seconds} s",
        "no_plan": "{name}: no plan ({status})",
        "point": "  trade-off: tolerance {tolerance} → largest shortfall {shortfall}, {moved} change team",
        "frontier": "Trade-off curve of {name} ({points} points):",
        "written": "The comparison is written to {path}.",
        "failed": "Could not write {path}: {error}",
    },
}
HEADERS: dict[Lang, list[str]] = {
    "da": ["Scenarie", "Største underdækning", "Skifter team", "Omkostning (kr.)", "Forskel (kr.)"],
    "en": ["Scenario", "Largest shortfall", "Change team", "Cost (DKK)", "Difference (DKK)"],
}


def _points(text: str) -> int:
    value = int(text)
    if not 2 <= value <= len(DEFAULT_TOLERANCES):
        raise argparse.ArgumentTypeError(f"between 2 and {len(DEFAULT_TOLERANCES)}")
    return value


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Apply each scenario (.yaml, docs/scenarios.md) to the book, solve it, sweep the trade-off "
        "curve of one of them, and write the comparison workbook. Exit 0: all have a plan; 2: bad input; "
        "3: some scenario has no plan."
    )
    p.add_argument("book", help="the workbook (.xlsx): the base of every scenario")
    p.add_argument("scenarios", nargs="+", help="scenario files (.yaml)")
    p.add_argument("--out", required=True, help="the comparison workbook to write (.xlsx)")
    p.add_argument("--frontier", metavar="NAME", help="the scenario whose trade-off curve to draw (default: the first)")
    p.add_argument("--no-frontier", action="store_true", help="skip the trade-off curve")
    p.add_argument("--pseudonymise", action="store_true", help="show staff by id, never by name, in the workbook")
    p.add_argument(
        "--points",
        type=_points,
        default=len(DEFAULT_TOLERANCES),
        help=f"points on the trade-off curve (default {len(DEFAULT_TOLERANCES)})",
    )
    add_solver_options(p)
    p.add_argument("--lang", choices=["da", "en"], default="da")
    p.set_defaults(func=run)


def _tolerances(points: int) -> tuple[float, ...]:
    """`points` of the default tolerances, spread over the whole range (always the first and the last)."""
    n = len(DEFAULT_TOLERANCES)
    picks = sorted({round(k * (n - 1) / (points - 1)) for k in range(points)})
    return tuple(DEFAULT_TOLERANCES[i] for i in picks)


def run(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    text = TEXT[lang]
    out = Path(args.out)
    if not out.resolve().parent.is_dir():
        print(text["no_folder"].format(path=out))
        return 2
    try:
        book = load_book(args.book)
    except BookError as err:
        print(format_problems(err.problems, lang))
        return 2
    scenarios = load_scenarios_or_report(args.scenarios, lang)
    if scenarios is None:
        return 2
    frontier_of = None if args.no_frontier else (args.frontier or scenarios[0].name)

    def solved(outcome: Outcome) -> None:
        if outcome.store_error is not None:
            print(not_stored(outcome.store_error, lang), flush=True)
        result, kpis = outcome.result, outcome.result.kpis
        if kpis is None:
            print(text["no_plan"].format(name=outcome.name, status=result.status), flush=True)
            return
        line = text["solved"].format(
            name=outcome.name,
            status=result.status,
            shortfall=fmt.percent(kpis.max_relative_shortfall, 1, lang),
            moved=kpis.staff_moved,
            seconds=fmt.number(result.seconds, 1, lang),
        )
        print(line, flush=True)

    def point(p: FrontierPoint) -> None:
        line = text["point"].format(
            tolerance=fmt.percent(p.tolerance, 1, lang),
            shortfall=fmt.percent(p.max_shortfall, 1, lang),
            moved=p.staff_moved,
        )
        print(line, flush=True)

    store = open_store(args.no_store, lang)
    try:
        comparison = compare(
            book,
            scenarios,
            frontier_of=frontier_of,
            tolerances=_tolerances(args.points),
            overrides=solver_overrides(args),
            store=store,
            on_outcome=solved,
            on_point=point,
            lang=lang,
        )
    except ScenarioError as err:
        print(format_scenario_problems(err.problems, lang))
        return 2
    except ValueError as err:  # two scenarios with one name, or --frontier naming none
        print(err)
        return 2
    try:
        write_comparison(comparison, out, lang, pseudonymise=args.pseudonymise)
        out.with_suffix(".json").write_text(json.dumps(comparison.summary(), ensure_ascii=False, indent=1), "utf-8")
    except OSError as err:
        print(text["failed"].format(path=out, error=err.strerror or type(err).__name__))
        return 2

    rows = [
        [
            row.scenario,
            fmt.percent(row.max_shortfall, 1, lang),
            "–" if row.staff_moved is None else str(row.staff_moved),
            "–" if row.cost_dkk is None else fmt.number(row.cost_dkk, 0, lang),
            "–" if row.cost_delta_dkk is None else fmt.number(row.cost_delta_dkk, 0, lang),
        ]
        for row in [comparison.current, *comparison.kpis]
    ]
    print()
    print(fmt.table(HEADERS[lang], rows, right={1, 2, 3, 4}))
    print(text["written"].format(path=out))
    return 0 if comparison.every_scenario_planned else 3
