"""`bydelsteam solve BOOK.xlsx --out RESULT.json [--scenario S.yaml]`: allocate staff and print a summary.

With `--scenario` the scenario is applied to the book first (docs/scenarios.md). Every run is recorded in the
run store (`bydelsteam runs list`) unless `--no-store` is given: after RESULT.json, the workbook and the
summary, so a store that fails (full, locked, another schema) costs the record only, with a warning.

Exit codes: 0 a plan was found (optimal, or the best within the time limit); 2 the book or the scenario is not
valid; 3 no plan (the rules clash — the summary names them — or nothing was found in time).
"""

from __future__ import annotations

import argparse

from app.cli.common import (
    add_need_edits_option,
    add_reference_option,
    add_solver_options,
    load_book_or_report,
    load_need_edits_or_report,
    load_scenarios_or_report,
    need_edits_refused,
    reference_or_report,
    solver_overrides,
    store_or_warn,
)
from optimiser import fmt, i18n
from optimiser.explain import render
from optimiser.export import write_result_book
from optimiser.figures import Unit, as_text, figure
from optimiser.i18n import N_, text
from optimiser.names import Names
from optimiser.problems import Lang
from optimiser.reference import shown
from optimiser.results import SolveResult
from optimiser.statutory import covered_line
from optimiser.vocabulary import short_status, stage
from scenarios import service
from scenarios.errors import ScenarioError, format_scenario_problems

STAGE_HEADERS = (N_("Stage"), N_("Status"), N_("Objective"), N_("Bound"), N_("Seconds"))
KPI_HEADERS = (N_("Key figure"), N_("Value"))
POOL_HEADERS = (N_("Specialist pool"), N_("Profession"), N_("Demand (FTE)"), N_("Pool supply (FTE)"), N_("Coverage"))
# The key figures the summary prints, from the one catalogue.
SUMMARY = (
    "max_relative_shortfall",
    "mean_relative_shortfall",
    "total_shortfall_fte",
    "staff_moved",
    "contacts_changed",
    "cost_dkk",
    "new_posts_fte",
)
SAVED = N_("The result is saved in {path}.")
STORED = N_("The run is stored as no. {id} (bydelsteam runs show {id}).")


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Allocate staff to teams by need (lexicographic: equity, shortfall, moves, ...), save the "
        "result (docs/result.md) and print a summary. Exit 0: a plan; 2: invalid book; 3: no plan."
    )
    p.add_argument("book", help="the workbook (.xlsx)")
    p.add_argument("--out", required=True, help="where to write RESULT.json")
    p.add_argument("--scenario", help="a scenario file (.yaml) to apply to the book first")
    add_need_edits_option(p)
    add_reference_option(p)
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="also write the results workbook (docs/exports.md)")
    p.add_argument("--pseudonymise", action="store_true", help="show staff by id, never by name, in the workbook")
    add_solver_options(p)
    p.add_argument("--lang", choices=["da", "en"], default="da")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    book = load_book_or_report(args.book, lang)
    if book is None:
        return 2
    scenario = None
    if args.scenario is not None:
        loaded = load_scenarios_or_report([args.scenario], lang)
        if loaded is None:
            return 2
        scenario = loaded[0]
    edits = load_need_edits_or_report(args.need_edits, lang)
    if edits is None:
        return 2
    found, reference = reference_or_report(args.reference, lang)
    if not found:
        return 2
    try:
        inputs = service.RunInputs(book, scenario, edits, overrides=solver_overrides(args), reference=reference)
        outcome = service.run(inputs, lang=lang)
    except ScenarioError as err:
        print(format_scenario_problems(err.problems, lang))
        return 2
    except ValueError as err:  # need edits naming a profession or indicator weight the book does not have
        print(need_edits_refused(args.need_edits, str(err), lang))
        return 2
    result = outcome.result
    result.save(args.out)
    print(summary(result, lang, Names.of(outcome.applied.instance)))
    print(text(SAVED, lang, path=args.out))
    if args.xlsx:
        write_result_book(
            outcome.applied.instance,
            result,
            args.xlsx,
            pseudonymise=args.pseudonymise,
            lang=lang,
            inputs_sha256=book.sha256,
        )
        print(text(SAVED, lang, path=args.xlsx))
    run_id = store_or_warn(args.no_store, lang, lambda store: service.record(store, outcome, "solve"))
    if run_id is not None:
        print(text(STORED, lang, id=run_id))
    return 0 if result.kpis is not None else 3


def summary(result: SolveResult, lang: Lang, names: Names | None = None) -> str:
    """Status, the stages and the main key figures as plain-text tables, each specialist pool's coverage over
    its catchment, then the explanation."""
    stages = []
    for s in result.stages:
        label, unit = stage(s.name, lang)
        seconds = i18n.number(s.seconds, 2, lang)
        stages.append(
            [
                label,
                short_status(s.status, lang),
                as_text(s.objective, unit, lang),
                as_text(s.bound, unit, lang),
                seconds,
            ]
        )
    headers = [text(h, lang) for h in STAGE_HEADERS]
    blocks = [
        text("Status: {status}", lang, status=short_status(result.status, lang)),
        shown(result.reference, lang),
        fmt.table(headers, stages, right={2, 3, 4}),
    ]
    if result.kpis is not None:
        k = result.kpis
        rows = [[f.title(lang), f.show(getattr(k, f.field), lang)] for f in map(figure, SUMMARY)]
        blocks.append(fmt.table([text(h, lang) for h in KPI_HEADERS], rows, right={1}))
        if k.statutory_covered is not None:
            blocks.append(covered_line(k, lang, names))
    names = names or Names()
    pools = [
        [
            names.pool(c.pool_id),
            names.profession(c.profession),
            as_text(c.demand_fte, Unit.FTE, lang),
            as_text(c.supply_fte, Unit.FTE, lang),
            as_text(c.coverage, Unit.SHARE, lang),
        ]
        for c in result.pools
        if c.team_id is None
    ]
    if pools:
        blocks.append(fmt.table([text(h, lang) for h in POOL_HEADERS], pools, right={2, 3, 4}))
    blocks.append("\n".join(render(result.explanation, lang)))
    return "\n\n".join(blocks)
