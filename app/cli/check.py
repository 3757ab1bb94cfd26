"""`bydelsteam check BOOK.xlsx RESULT.json [--scenario S.yaml]`: verify a result with the independent checker.

A result solved with a scenario is checked against the book with that scenario applied (`--scenario`).

Exit codes: 0 every hard rule holds and every KPI recomputes; 1 something does not (listed); 2 bad input.
"""

from __future__ import annotations

import argparse

from pydantic import ValidationError

from app.cli.common import load_or_report, load_scenarios_or_report
from optimiser.check import verify
from optimiser.domain import Parameters
from optimiser.i18n import text
from optimiser.results import SolveResult
from optimiser.vocabulary import short_status
from scenarios.apply import apply_scenario
from scenarios.errors import ScenarioError, format_scenario_problems


def configure(p: argparse.ArgumentParser) -> None:
    p.description = "Verify every hard rule on RESULT.json and recompute every KPI from its assignments alone."
    p.add_argument("book", help="the workbook (.xlsx) the result was made from")
    p.add_argument("result", help="RESULT.json from `bydelsteam solve`")
    p.add_argument("--scenario", help="the scenario file (.yaml) the result was solved with")
    p.add_argument("--lang", choices=["da", "en"], default="da")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    instance = load_or_report(args.book, args.lang)
    if instance is None:
        return 2
    structure = None
    if args.scenario is not None:
        scenarios = load_scenarios_or_report([args.scenario], args.lang)
        if scenarios is None:
            return 2
        try:
            applied = apply_scenario(instance, scenarios[0])
        except ScenarioError as err:
            print(format_scenario_problems(err.problems, args.lang))
            return 2
        instance, structure = applied.instance, applied.structure
    try:
        result = SolveResult.load(args.result)
        params = Parameters.model_validate(result.parameters)
    except (OSError, ValueError, ValidationError) as err:
        print(text("{path}: cannot be read ({error})", args.lang, path=args.result, error=type(err).__name__))
        return 2
    if not result.assignments:
        shown = short_status(result.status, args.lang)
        print(text("The result holds no plan (status: {status}); there is nothing to check.", args.lang, status=shown))
        return 1
    problems = verify(instance, result, params, structure)
    for line in problems:
        print(line)
    if problems:
        print(text("{count} problem(s)", args.lang, count=len(problems)))
    else:
        print(text("All rules hold; KPIs agree.", args.lang))
    return 0 if not problems else 1
