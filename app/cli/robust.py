"""`bydelsteam robust BOOK.xlsx [--scenario S.yaml …] --samples N --seed S --out ROB.json`: how much to trust
a plan when the need data are uncertain (`scenarios.robust`; the distributions are in docs/method.md).

Progress goes to standard error (samples done, failures, time left); ROB.json (docs/result.md) is written at
the end, also after a Ctrl+C (the samples not run are listed as cancelled). Exit codes: 0 every sample has a
plan; 2 bad input (book, scenario files, output folder, Ray asked for and absent); 3 some sample failed (ROB.json
is still written and lists which).
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import _bounded, load_scenarios_or_report
from optimiser.i18n import N_, percent, text
from optimiser.problems import Lang

if TYPE_CHECKING:
    from optimiser.domain import Instance
    from optimiser.robust import RobustReport
    from scenarios.executor import Progress
    from scenarios.robust import Sweep
    from scenarios.schema import Scenario

NO_FOLDER = N_("Cannot write {path}: the folder does not exist.")
WRITTEN = N_("The robustness report is written to {path}: {done} of {total} samples, {failed} failed.")
BAR = N_("{done} of {total} samples · {failed} failed · about {minutes} min left")
BAR_START = N_("{done} of {total} samples · {failed} failed")
FAILED_WRITE = N_("Could not write {path}: {error}")
WORST = N_("Most at risk (re-optimised): {district}, {profession}: below {level} in {share} of the samples")
STOPPED = N_("Stopped: the samples not run are listed as cancelled.")


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Draw the need data (indicators and child counts, or the weights) around the book's values, solve every "
        "sample and report how stable coverage, the plan and the ranking of scenarios are (docs/method.md). "
        "Exit 0: every sample solved; 2: bad input; 3: some samples failed (listed in ROB.json)."
    )
    p.add_argument("book", help="the workbook (.xlsx)")
    p.add_argument("--scenario", action="append", default=[], metavar="S.yaml", help="a scenario (repeatable)")
    p.add_argument("--samples", type=_bounded(int, 1, 100_000), default=100, help="samples to draw (default 100)")
    p.add_argument("--seed", type=_bounded(int, 0, 2**31 - 1), default=0, help="random seed of the draws (default 0)")
    p.add_argument("--out", required=True, help="ROB.json to write")
    p.add_argument("--xlsx", help="also write the results workbook of the first scenario's plan, with the sheet")
    p.add_argument("--pptx", help="also write the committee deck of that plan, with the robustness slide")
    p.add_argument("--vary", choices=["data", "weights", "both"], default="data", help="what to draw (default data)")
    p.add_argument("--indicator-cv", type=_bounded(float, 0, 2), default=0.15, help="spread of indicators (0.15)")
    p.add_argument("--children-cv", type=_bounded(float, 0, 1), default=0.05, help="spread of child counts (0.05)")
    p.add_argument("--weight-range", type=_bounded(float, 0, 1), default=0.25, help="weights within ± this (0.25)")
    p.add_argument(
        "--level", type=_bounded(float, 0, 2, low_open=True), default=0.9, help="coverage level for the risk (0.9)"
    )
    p.add_argument("--flip-share", type=_bounded(float, 0, 1), default=0.2, help="report people moved this often")
    p.add_argument(
        "--time-limit", type=_bounded(float, 0, 3600, low_open=True), default=20.0, help="deterministic s per solve"
    )
    p.add_argument("--workers", type=_bounded(int, 1, 1024), help="parallel samples (default: one per core)")
    p.add_argument("--ray", metavar="auto|ADDRESS", help="run on Ray (also BYDELSTEAM_RAY_ADDRESS)")
    p.add_argument("--lang", choices=["da", "en"], default="da")
    p.set_defaults(func=run)


def _bar(lang: Lang) -> Callable[[Progress], None]:
    shown: list[tuple[int, int, int | None]] = []

    def show(p: Progress) -> None:
        minutes = None if p.remaining_s is None else max(0, round(p.remaining_s / 60))
        if shown and shown[-1] == (p.done, p.failed, minutes):
            return  # the line changes only when there is news
        shown.append((p.done, p.failed, minutes))
        width = 30
        filled = width * p.done // max(1, p.total)
        args = {"done": p.done, "total": p.total, "failed": p.failed}
        words = text(BAR_START, lang, **args) if minutes is None else text(BAR, lang, **args, minutes=minutes)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {words}   ")
        if p.done == p.total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def run(args: argparse.Namespace) -> int:
    from optimiser.io import BookError, format_problems
    from optimiser.robust import SweepSettings, Uncertainty, Vary
    from scenarios.errors import ScenarioError, format_scenario_problems
    from scenarios.executor import RayMissing
    from scenarios.robust import sweep
    from scenarios.service import load_book

    lang: Lang = args.lang
    out = Path(args.out)
    for path in (out, args.xlsx, args.pptx):
        if path is not None and not Path(path).resolve().parent.is_dir():
            print(text(NO_FOLDER, lang, path=path))
            return 2
    try:
        book = load_book(args.book)
    except BookError as err:
        print(format_problems(err.problems, lang))
        return 2
    scenarios = load_scenarios_or_report(args.scenario, lang)
    if scenarios is None:
        return 2
    settings = SweepSettings(
        samples=args.samples,
        seed=args.seed,
        uncertainty=Uncertainty(
            vary=Vary(args.vary),
            indicator_cv=args.indicator_cv,
            children_cv=args.children_cv,
            weight_range=args.weight_range,
        ),
        level=args.level,
        flip_share=args.flip_share,
        time_limit_s=args.time_limit,
    )
    cancel = threading.Event()
    result: dict[str, object] = {}

    def work() -> None:
        try:
            result["report"] = sweep(
                book, scenarios, settings, ray=args.ray, workers=args.workers, progress=_bar(lang), cancel=cancel
            )
        except Exception as err:  # handed to the main thread, which reports it
            result["error"] = err

    # The sweep runs beside the main thread, so Ctrl+C stops it cleanly and the samples done are still written.
    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.5)
    except KeyboardInterrupt:
        cancel.set()
        print("\n" + text(STOPPED, lang), file=sys.stderr)
        worker.join()
    error = result.get("error")
    if isinstance(error, ScenarioError):
        print(format_scenario_problems(error.problems, lang))
        return 2
    if isinstance(error, RayMissing):
        print(error.words(lang))
        return 2
    if isinstance(error, ValueError):  # a shrinkage naming an unknown indicator, a norm missing, ...
        print(error)
        return 2
    if error is not None:
        raise error  # type: ignore[misc]
    from scenarios.robust import Sweep

    done = result["report"]
    assert isinstance(done, Sweep)
    report = done.report
    try:
        report.save(out)
        _exports(args, book.instance, scenarios, done, lang)
    except OSError as err:
        print(text(FAILED_WRITE, lang, path=out, error=err.strerror or type(err).__name__))
        return 2
    _summary(report, book.instance, lang)
    print(text(WRITTEN, lang, path=out, done=report.samples_done, total=settings.samples, failed=len(report.failures)))
    return 0 if not report.failures else 3


def _exports(args: argparse.Namespace, instance: Instance, scenarios: list[Scenario], done: Sweep, lang: Lang) -> None:
    """The workbook and the deck of the first scenario's plan, with the sweep's sheet and slide."""
    plan = done.plans[0] if done.plans else None
    if plan is None or not (args.xlsx or args.pptx):
        return
    from optimiser.export.deck import from_result, write_deck
    from optimiser.export.result_book import write_result_book
    from optimiser.export.robust_slide import robust_slide
    from optimiser.names import Names
    from scenarios.apply import apply_scenario
    from scenarios.service import NO_SCENARIO

    applied = apply_scenario(instance, scenarios[0] if scenarios else NO_SCENARIO).instance
    if args.xlsx:
        write_result_book(applied, plan, args.xlsx, lang=lang, robust=done.report)
    if args.pptx:
        names = Names.of(applied)
        deck = replace(from_result(plan, names, args.book, lang), robust=robust_slide(done.report, names, lang))
        write_deck(deck, args.pptx, lang)


def _summary(report: RobustReport, instance: Instance, lang: Lang) -> None:
    """The cell most at risk under re-optimisation, in the reader's words."""
    from optimiser.export.robust_sheet import profession_label
    from optimiser.robust import REOPTIMISED
    from optimiser.views import team_names

    risky = [c for c in report.cells if REOPTIMISED in c.probability_below]
    if not risky:
        return
    worst = max(risky, key=lambda c: c.probability_below[REOPTIMISED])
    print(
        text(
            WORST,
            lang,
            district=team_names(instance).get(worst.district, worst.district),
            profession=profession_label(worst.profession),
            level=percent(report.settings.level, 0, lang),
            share=percent(worst.probability_below[REOPTIMISED], 0, lang),
        )
    )
