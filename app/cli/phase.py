"""`bydelsteam phase BOOK.xlsx --scenario S.yaml --out PLAN.json [--xlsx OUT.xlsx] [--pptx OUT.pptx]`.

Plans the scenario's dated steps (docs/scenarios.md "Steps"; the method in docs/method.md "The path") and
writes PLAN.json (docs/result.md "PLAN.json"), optionally the results workbook with the step sheets and a
deck with coverage along the path; prints one line per step and how the last step compares with the
one-step plan. Every step's plan is recorded in the run store unless `--no-store` is given.

Exit codes: 0 every step has a plan; 2 the book or the scenario is not valid; 3 a step has no plan (its
rules clash or nothing was found in time: the step's line says so).
"""

from __future__ import annotations

import argparse
import hashlib

from app.cli.common import (
    add_solver_options,
    load_book_or_report,
    load_scenarios_or_report,
    not_stored,
    open_store,
    solver_overrides,
)
from optimiser import fmt
from optimiser.i18n import N_, text
from optimiser.problems import Lang
from optimiser.transition import PhasePlan, reach_text
from optimiser.vocabulary import short_status
from scenarios.errors import ScenarioError, format_scenario_problems

HEADERS = (
    N_("Date"),
    N_("Status"),
    N_("Moves"),
    N_("Move cap"),
    N_("Largest relative shortfall"),
    N_("Total shortfall (FTE)"),
    N_("Checker"),
)
SAVED = N_("Saved in {path}.")
STORED = N_("The steps are stored as runs no. {ids} (bydelsteam runs list).")
PASSES = N_("passes")
FAILS = N_("{n} problems")
NO_CAP = "–"


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Plan a scenario's dated steps from today to the target (moves per step, budgets per year, pace) and "
        "save PLAN.json (docs/result.md). Exit 0: every step has a plan; 2: invalid input; 3: a step has none."
    )
    p.add_argument("book", help="the workbook (.xlsx)")
    p.add_argument("--scenario", required=True, help="a scenario file (.yaml) with steps:")
    p.add_argument("--out", required=True, help="where to write PLAN.json")
    p.add_argument("--xlsx", metavar="OUT.xlsx", help="also write the results workbook with the step sheets")
    p.add_argument("--pptx", metavar="OUT.pptx", help="also write a deck with coverage along the path")
    p.add_argument("--pseudonymise", action="store_true", help="show staff by id, never by name, in the workbook")
    add_solver_options(p)
    p.add_argument("--lang", choices=["da", "en"], default="da")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from optimiser.export.phase import write_phase_book, write_phase_deck
    from optimiser.names import Names
    from scenarios.phase import plan_phase

    lang: Lang = args.lang
    book = load_book_or_report(args.book, lang)
    if book is None:
        return 2
    loaded = load_scenarios_or_report([args.scenario], lang)
    if loaded is None:
        return 2
    store = open_store(args.no_store, lang)
    try:
        outcome = plan_phase(book, loaded[0], overrides=solver_overrides(args), store=store, lang=lang)
    except ScenarioError as err:
        print(format_scenario_problems(err.problems, lang))
        return 2
    finally:
        if store is not None:
            store.close()
    plan = outcome.plan
    plan.save(args.out)
    print(summary(plan, lang))
    print(text(SAVED, lang, path=args.out))
    if args.xlsx:
        inputs = hashlib.sha256(book.data).hexdigest()
        write_phase_book(
            outcome.final_instance,
            outcome.final_result,
            plan,
            args.xlsx,
            pseudonymise=args.pseudonymise,
            lang=lang,
            inputs_sha256=inputs,
        )
        print(text(SAVED, lang, path=args.xlsx))
    if args.pptx:
        write_phase_deck(plan, Names.of(outcome.final_instance, pseudonymise=True), args.pptx, lang)
        print(text(SAVED, lang, path=args.pptx))
    if outcome.store_error is not None:
        print(not_stored(outcome.store_error, lang))
    elif outcome.run_ids:
        print(text(STORED, lang, ids=", ".join(str(i) for i in outcome.run_ids)))
    return 0 if all(s.kpis is not None for s in plan.steps) else 3


def summary(plan: PhasePlan, lang: Lang) -> str:
    """One line per step, then the path against the one-step plan."""
    rows = [
        [
            s.date.isoformat(),
            short_status(s.status, lang),
            str(len(s.moves)),
            _cap(s.limits.max_moves, s.limits.max_moves_per_profession),
            fmt.percent(s.kpis.max_relative_shortfall, 1, lang) if s.kpis else "–",
            fmt.number(s.kpis.total_shortfall_fte, 2, lang) if s.kpis else "–",
            text(PASSES, lang) if not s.checker else text(FAILS, lang, n=len(s.checker)),
        ]
        for s in plan.steps
    ]
    table = fmt.table([text(h, lang) for h in HEADERS], rows, right={2, 3, 4, 5})
    return "\n\n".join([f"{plan.title}", table, reach_text(plan, lang)])


def _cap(overall: int | None, per_profession: dict[str, int]) -> str:
    """The most people who may move at a step: the overall cap, else the caps per profession added up."""
    if overall is not None:
        return str(overall)
    return str(sum(per_profession.values())) if per_profession else NO_CAP
