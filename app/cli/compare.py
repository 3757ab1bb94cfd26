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
    _bounded,
    add_need_edits_option,
    add_reference_option,
    add_solver_options,
    load_book_or_report,
    load_need_edits_or_report,
    load_scenarios_or_report,
    not_stored,
    open_store,
    reference_or_report,
    solver_overrides,
)
from optimiser import fmt, i18n
from optimiser.comparison import Comparison, FrontierPoint
from optimiser.export.argument_sheets import DISTRICT, NO_CONTACTS, argument_rows, district_names, district_totals
from optimiser.export.comparison_book import write_comparison
from optimiser.figures import figure
from optimiser.i18n import N_, text
from optimiser.names import Names
from optimiser.problems import Lang
from optimiser.reference import SHOWN
from optimiser.vocabulary import SCENARIO, TODAY, short_status, status
from scenarios.compare import CURRENT, compare
from scenarios.errors import ScenarioError, format_scenario_problems
from scenarios.executor import RayMissing
from scenarios.frontier import DEFAULT_TOLERANCES
from scenarios.service import Outcome

TEXT: dict[str, str] = {
    "no_folder": N_("Cannot write {path}: the folder does not exist."),
    "solved": N_("{name}: {status}, largest shortfall {shortfall}, {moved} change team, {seconds} s"),
    "no_plan": N_("{name}: no plan ({status})"),
    "point": N_("  trade-off: tolerance {tolerance} → largest shortfall {shortfall}, {moved} change team"),
    "written": N_("The comparison is written to {path}."),
    "failed": N_("Could not write {path}: {error}"),
    "arguments": N_("The consultation's arguments per option:"),
    "districts": N_("Coverage per district (all professions, practice-near FTE / demand):"),
}
# The summary table's figures, from the one catalogue.
TABLE = ("max_shortfall", "staff_moved", "cost_dkk", "cost_delta_dkk")


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
    add_need_edits_option(p)
    add_reference_option(p)
    add_solver_options(p)
    jobs = _bounded(int, 1, 64)
    p.add_argument("--jobs", type=jobs, help="scenarios solved at once on the local process pool (default: one by one)")
    p.add_argument("--ray", metavar="auto|ADDRESS", help="solve the scenarios on Ray (also BYDELSTEAM_RAY_ADDRESS)")
    p.add_argument("--lang", choices=["da", "en"], default="da")
    p.set_defaults(func=run)


def _tolerances(points: int) -> tuple[float, ...]:
    """`points` of the default tolerances, spread over the whole range (always the first and the last)."""
    n = len(DEFAULT_TOLERANCES)
    picks = sorted({round(k * (n - 1) / (points - 1)) for k in range(points)})
    return tuple(DEFAULT_TOLERANCES[i] for i in picks)


def _print_arguments(comparison: Comparison, lang: Lang) -> None:
    """The consultation's arguments per option, and coverage per district (all professions together)."""
    headers, table = argument_rows(comparison, lang)
    print()
    print(text(TEXT["arguments"], lang))
    print(fmt.table(headers, table, right=set(range(1, len(headers)))))
    if comparison.base is not None and not comparison.base.contacts:
        print(text(NO_CONTACTS, lang))
    options = [comparison.current, *comparison.kpis]
    shown = district_names(comparison)
    rows = [
        [
            shown[d],
            *(
                i18n.percent(s / w, 1, lang) if w > 0 else "–"
                for w, s in (per.get(r.scenario, (0.0, 0.0)) for r in options)
            ),
        ]
        for d, per in district_totals(comparison).items()
    ]
    if rows:
        print()
        print(text(TEXT["districts"], lang))
        print(fmt.table([text(DISTRICT, lang), *headers[1:]], rows, right=set(range(1, len(headers)))))


def run(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    out = Path(args.out)
    if not out.resolve().parent.is_dir():
        print(text(TEXT["no_folder"], lang, path=out))
        return 2
    book = load_book_or_report(args.book, lang)
    if book is None:
        return 2
    scenarios = load_scenarios_or_report(args.scenarios, lang)
    if scenarios is None:
        return 2
    edits = load_need_edits_or_report(args.need_edits, lang)
    if edits is None:
        return 2
    found, reference = reference_or_report(args.reference, lang)
    if not found:
        return 2
    names = Names.of(book.instance, scenarios={s.name: s.title for s in scenarios})
    frontier_of = None if args.no_frontier else (args.frontier or scenarios[0].name)

    def solved(outcome: Outcome) -> None:
        if outcome.store_error is not None:
            print(not_stored(outcome.store_error, lang), flush=True)
        result, kpis = outcome.result, outcome.result.kpis
        if kpis is None:
            shown = status(result.status, lang)
            print(text(TEXT["no_plan"], lang, name=names.scenario(outcome.name), status=shown), flush=True)
            return
        line = text(
            TEXT["solved"],
            lang,
            name=names.scenario(outcome.name),
            status=short_status(result.status, lang),
            shortfall=i18n.percent(kpis.max_relative_shortfall, 1, lang),
            moved=kpis.staff_moved,
            seconds=i18n.number(result.seconds, 1, lang),
        )
        print(line, flush=True)

    def point(p: FrontierPoint) -> None:
        line = text(
            TEXT["point"],
            lang,
            tolerance=i18n.percent(p.tolerance, 1, lang),
            shortfall=i18n.percent(p.max_shortfall, 1, lang),
            moved=p.staff_moved,
        )
        print(line, flush=True)

    store = open_store(args.no_store, lang)
    try:
        comparison = compare(
            book,
            scenarios,
            need_edits=edits,
            frontier_of=frontier_of,
            tolerances=_tolerances(args.points),
            overrides=solver_overrides(args),
            store=store,
            on_outcome=solved,
            on_point=point,
            lang=lang,
            jobs=args.jobs,
            ray=args.ray,
            reference=reference,
        )
    except RayMissing as err:
        print(err.words(lang))
        return 2
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
        print(text(TEXT["failed"], lang, path=out, error=err.strerror or type(err).__name__))
        return 2

    figures = [figure(name) for name in TABLE]
    rows = [
        [
            text(TODAY, lang) if row.scenario == CURRENT else row.title or names.scenario(row.scenario),
            *(f.show(getattr(row, f.row), lang) for f in figures),
        ]
        for row in [comparison.current, *comparison.kpis]
    ]
    print()
    print(text(SHOWN, lang, reference=comparison.reference))
    headers = [text(SCENARIO, lang), *(f.short_title(lang) for f in figures)]
    print(fmt.table(headers, rows, right={1, 2, 3, 4}))
    _print_arguments(comparison, lang)
    print(text(TEXT["written"], lang, path=out))
    return 0 if comparison.every_scenario_planned else 3
