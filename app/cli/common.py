"""Helpers the sub-commands share: loading a book or scenario files (problems printed), solver options, the store."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from optimiser.i18n import N_, text
from optimiser.io import BookError, format_problems, load_instance
from optimiser.problems import Lang

if TYPE_CHECKING:  # the store and the scenario schema load SQLAlchemy: only the commands that use them pay
    from optimiser.domain import Instance
    from scenarios.edits import NeedEdits
    from scenarios.errors import StoreError
    from scenarios.schema import Scenario
    from scenarios.service import Book
    from scenarios.store import RunStore


def load_or_report(path: str, lang: Lang) -> Instance | None:
    """The book's instance, or None after printing its problems (the caller exits 2)."""
    try:
        return load_instance(path)
    except BookError as err:
        print(format_problems(err.problems, lang))
        return None


def load_book_or_report(path: str, lang: Lang) -> Book | None:
    """The book read once (its bytes and instance, for a run to be stored), or None after printing its problems."""
    from scenarios.service import load_book

    try:
        return load_book(path)
    except BookError as err:
        print(format_problems(err.problems, lang))
        return None


def _plain(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _bounded(kind: type[int] | type[float], low: float, high: float, low_open: bool = False) -> Callable[[str], Any]:
    """An argparse type: a number within the scenario file's limits (argparse reports anything else, exit 2)."""

    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text[:40]!r}") from None
        if not (low < value if low_open else low <= value) or not value <= high:  # also refuses nan
            raise argparse.ArgumentTypeError(f"{text[:40]} is outside {_plain(low)}–{_plain(high)}")
        return value

    return parse


def add_solver_options(parser: Any) -> None:
    """The options that override the run parameters of a solve (solve, compare), within the scenario limits."""
    from scenarios.schema import MAX_SEED, MAX_TIME_LIMIT_S

    time_limit = _bounded(float, 0, MAX_TIME_LIMIT_S, low_open=True)
    parser.add_argument("--time-limit", type=time_limit, help="seconds per solve (default: the book's tidsgrænse_s)")
    parser.add_argument("--seed", type=_bounded(int, 0, MAX_SEED), help="random seed of the solver")
    parser.add_argument("--deterministic", action="store_true", help="reproducible run (deterministic time limit)")
    parser.add_argument("--workers", type=_bounded(int, 1, 64), help="solver threads (default 2)")
    parser.add_argument("--no-store", action="store_true", help="do not record the run in the run store")


def solver_overrides(args: argparse.Namespace) -> dict[str, object]:
    overrides: dict[str, object] = {}
    if args.time_limit is not None:
        overrides["time_limit_s"] = args.time_limit
    if args.seed is not None:
        overrides["seed"] = args.seed
    if args.deterministic:
        overrides["deterministic"] = True
    if args.workers is not None:
        overrides["workers"] = args.workers
    return overrides


def load_scenarios_or_report(paths: Sequence[str], lang: Lang) -> list[Scenario] | None:
    """Every scenario file, validated, or None after printing every problem in all of them (exit 2).

    A `base:` workbook a file names must stay inside the working directory (the project folder), even
    though the command line's book is the one used.
    """
    from scenarios.errors import ScenarioError, format_scenario_problems
    from scenarios.schema import load_scenario, resolve_base

    scenarios: list[Scenario] = []
    problems = []
    for path in paths:
        try:
            scenario = load_scenario(path)
            resolve_base(scenario, Path.cwd(), must_exist=False)
            scenarios.append(scenario)
        except ScenarioError as err:
            problems += err.problems
    if problems:
        print(format_scenario_problems(problems, lang))
        return None
    return scenarios


def add_need_edits_option(parser: Any) -> None:
    parser.add_argument(
        "--need-edits",
        metavar="EDITS.json",
        help="need edits to apply before the scenario, as the app's Behov page makes them (`runs show` lists a "
        "run's): a JSON list of {profession, floor, blend, weights}",
    )


def add_reference_option(parser: Any) -> None:
    parser.add_argument(
        "--reference",
        metavar="RUN_ID",
        type=int,
        help="measure against the demand of this stored run (`runs list`: its staff and new posts) instead of "
        "the workbook's",
    )


REFERENCE_REFUSED = N_("--reference {id}: {error}. Choose a stored run with a plan (bydelsteam runs list).")


def reference_or_report(run_id: int | None, lang: Lang) -> tuple[bool, Any]:
    """(True, the stored run's reference or None when none is asked for), or (False, None) after printing why
    the run cannot be the reference (the caller exits 2)."""
    if run_id is None:
        return True, None
    from scenarios.service import stored_reference

    store = open_store(False, lang)
    if store is None:
        return False, None
    try:
        return True, stored_reference(store, run_id)
    except ValueError as err:
        print(text(REFERENCE_REFUSED, lang, id=run_id, error=str(err)))
        return False, None
    finally:
        store.close()


def need_edits_refused(path: str, error: str, lang: Lang) -> str:
    from optimiser import fmt, i18n
    from optimiser.i18n import N_

    words = N_("The need edits in {path} cannot be used ({error}).")
    return i18n.text(words, lang, path=fmt.printable(path), error=fmt.printable(error))


def load_need_edits_or_report(path: str | None, lang: Lang) -> NeedEdits | None:
    """The need edits in a JSON file (none without a file), or None after saying why they cannot be used."""
    if path is None:
        return ()
    import json

    from scenarios.edits import NeedEdit

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return tuple(NeedEdit.model_validate(e) for e in data)
    except (OSError, UnicodeDecodeError, ValueError, TypeError) as err:  # ValidationError is a ValueError
        print(need_edits_refused(path, type(err).__name__, lang))
        return None


NOT_STORED = N_("Warning: the run is not stored in the run store, but the result stands: {reason}.")


def not_stored(err: StoreError, lang: Lang) -> str:
    """The warning for a run the store could not keep."""
    from scenarios.errors import store_reason

    return text(NOT_STORED, lang, reason=store_reason(err, lang))


def _store_error(err: Exception) -> StoreError:
    from scenarios.errors import StoreError

    # Anything else the store raises (a missing driver, a bug) must not stop the planner's solve either.
    return err if isinstance(err, StoreError) else StoreError("failed", type(err).__name__)


def open_store(no_store: bool, lang: Lang) -> RunStore | None:
    """The run store (None with --no-store, or after a warning when it cannot be opened: the solve goes on)."""
    if no_store:
        return None
    from scenarios.store import RunStore

    try:
        return RunStore()
    except Exception as err:  # a store that cannot be reached must not stop the planner's solve
        print(not_stored(_store_error(err), lang))
        return None


def store_or_warn(no_store: bool, lang: Lang, write: Callable[[RunStore], int]) -> int | None:
    """Open the store and `write` one run to it: its id, or None (with --no-store, or after a warning)."""
    store = open_store(no_store, lang)
    if store is None:
        return None
    try:
        return write(store)
    except Exception as err:  # the result is written already; a failing store only loses the record
        print(not_stored(_store_error(err), lang))
        return None
    finally:
        store.close()
