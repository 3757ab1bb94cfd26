"""`bydelsteam check BOOK.xlsx RESULT.json [--scenario S.yaml] [--need-edits E.json]`: verify a result with the
independent checker.

A result solved with a scenario (and need edits) is checked against the book prepared as the run service
prepared it for the solve (`scenarios.service.prepare`): the same need edits, scenario and structure.

Exit codes: 0 every hard rule holds and every figure recomputes; 1 something does not (listed); 2 bad input.
"""

from __future__ import annotations

import argparse

from pydantic import ValidationError

from app.cli.common import (
    add_need_edits_option,
    load_book_or_report,
    load_need_edits_or_report,
    load_scenarios_or_report,
    need_edits_refused,
)
from optimiser.check import verify
from optimiser.domain import Parameters
from optimiser.i18n import text
from optimiser.reference import shown as reference_line
from optimiser.reference import with_reference
from optimiser.results import SolveResult
from optimiser.vocabulary import short_status
from scenarios import service
from scenarios.errors import ScenarioError, format_scenario_problems


def configure(p: argparse.ArgumentParser) -> None:
    p.description = "Verify every hard rule and every figure of RESULT.json, recomputed from its plan and the book."
    p.add_argument("book", help="the workbook (.xlsx) the result was made from")
    p.add_argument("result", help="RESULT.json from `bydelsteam solve`")
    p.add_argument("--scenario", help="the scenario file (.yaml) the result was solved with")
    add_need_edits_option(p)
    p.add_argument("--lang", choices=["da", "en"], default="da")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    book = load_book_or_report(args.book, args.lang)
    if book is None:
        return 2
    scenario = None
    if args.scenario is not None:
        scenarios = load_scenarios_or_report([args.scenario], args.lang)
        if scenarios is None:
            return 2
        scenario = scenarios[0]
    edits = load_need_edits_or_report(args.need_edits, args.lang)
    if edits is None:
        return 2
    try:
        result = SolveResult.load(args.result)
        params = Parameters.model_validate(result.parameters)
    except (OSError, ValueError, ValidationError) as err:
        print(text("{path}: cannot be read ({error})", args.lang, path=args.result, error=type(err).__name__))
        return 2
    # A stored run as the reference is taken as the result names it; the book's is recomputed from the book.
    chosen = result.reference if result.reference is not None and result.reference.kind == "run" else None
    try:
        applied = service.prepare(service.RunInputs(book, scenario, edits, reference=chosen))
    except ScenarioError as err:
        print(format_scenario_problems(err.problems, args.lang))
        return 2
    except ValueError as err:  # need edits naming what the book does not have
        print(need_edits_refused(args.need_edits, str(err), args.lang))
        return 2
    if not result.assignments:
        shown = short_status(result.status, args.lang)
        print(text("The result holds no plan (status: {status}); there is nothing to check.", args.lang, status=shown))
        return 1
    # A result made outside the run service (a library call) names no reference: it is checked as it was made,
    # against its own staff, and says so ("Målt mod: kørslens egne medarbejdere").
    instance = applied.instance if result.reference is not None else with_reference(applied.instance, None)
    problems = verify(instance, result, params, applied.structure)
    print(reference_line(result.reference, args.lang))
    for line in problems:
        print(line)
    if problems:
        print(text("{count} problem(s)", args.lang, count=len(problems)))
    else:
        print(text("All rules hold; KPIs agree.", args.lang))
    return 0 if not problems else 1
