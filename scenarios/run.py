"""Running one scenario on a workbook: apply it, solve, and store the run.

A run store that fails does not lose the solve: `run_scenario` keeps the result and says why the run was not
stored (`Outcome.store_error`); `bydelsteam solve` writes its files before it stores (`store_outcome`).

`inputs_hash` identifies what went in: sha256 over the workbook's bytes, a zero byte, and the scenario's
text (UTF-8; empty without a scenario). Two runs with the same hash had the same inputs; their parameter
overrides from the command line are stored beside it.
"""

from __future__ import annotations

import hashlib
import platform
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from optimiser.domain import Instance, Parameters
from optimiser.io import load_instance
from optimiser.problems import Lang
from optimiser.results import SolveResult
from optimiser.solve import ProgressCallback, solve
from scenarios.apply import Applied, apply_scenario
from scenarios.errors import StoreError
from scenarios.schema import Scenario, parse_scenario
from scenarios.store import RunRecord, RunStore

PACKAGES = ("bydelsteam", "ortools", "pydantic", "openpyxl", "sqlalchemy")


@dataclass(frozen=True)
class Book:
    """A workbook: its name, exact bytes (for the hash) and instance."""

    name: str
    data: bytes
    instance: Instance


def load_book(path: str | Path) -> Book:
    """Read a workbook; raises `optimiser.io.BookError` (with every problem) when it cannot be used."""
    file = Path(path)
    instance = load_instance(file)
    return Book(file.name, file.read_bytes(), instance)


@dataclass(frozen=True)
class Outcome:
    """One scenario solved: the applied scenario, the result, and its run in the store (None: not stored,
    with `store_error` saying why when the store failed)."""

    applied: Applied
    result: SolveResult
    inputs_hash: str
    run_id: int | None
    started: datetime | None = None
    store_error: StoreError | None = None

    @property
    def name(self) -> str:
        return self.applied.scenario.name


def inputs_hash(book: bytes, scenario_text: str) -> str:
    digest = hashlib.sha256(book)
    digest.update(b"\0")
    digest.update(scenario_text.encode("utf-8"))
    return digest.hexdigest()


def versions() -> dict[str, str]:
    """Python's and the packages' versions, for the record."""
    out = {"python": platform.python_version()}
    for package in PACKAGES:
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "unknown"
    return out


NO_SCENARIO = parse_scenario("", "(arbejdsbogen)", default_name="arbejdsbog")


def run_scenario(
    book: Book,
    scenario: Scenario | None = None,
    *,
    overrides: Mapping[str, object] | None = None,
    store: RunStore | None = None,
    command: str = "api",
    progress: ProgressCallback | None = None,
    lang: Lang = "da",
) -> Outcome:
    """Apply `scenario` (None: the book as it is), solve, and store the run when `store` is given.

    `overrides` are run parameters set on top of the scenario's (the command line's --time-limit, ...).
    Raises ScenarioError for a scenario that does not fit the book; a solver outcome and a failing store
    never raise.
    """
    applied = apply_scenario(book.instance, scenario or NO_SCENARIO)
    if overrides:
        params = applied.params.model_validate({**applied.params.model_dump(), **overrides})
        applied = replace(applied, params=params)
    started = datetime.now(UTC)
    result = solve(applied.instance, applied.params, structure=applied.structure, progress=progress, lang=lang)
    outcome = Outcome(applied, result, inputs_hash(book.data, scenario.text if scenario else ""), None, started)
    if store is None:
        return outcome
    try:
        return replace(outcome, run_id=store_outcome(store, book, outcome, command))
    except StoreError as err:
        return replace(outcome, store_error=err)


def store_outcome(store: RunStore, book: Book, outcome: Outcome, command: str) -> int:
    """Store a solve that `run_scenario` did without a store; its run id (StoreError when the store fails)."""
    scenario = None if outcome.applied.scenario is NO_SCENARIO else outcome.applied.scenario
    started = outcome.started or datetime.now(UTC)
    return record_run(store, book, scenario, outcome.applied.params, outcome.result, started, command)


def record_run(
    store: RunStore,
    book: Book,
    scenario: Scenario | None,
    params: Parameters,
    result: SolveResult,
    started: datetime,
    command: str,
) -> int:
    """Store one finished solve (one transaction); its run id."""
    text = scenario.text if scenario else ""
    return store.add(
        RunRecord(
            started_at=started,
            finished_at=datetime.now(UTC),
            command=command,
            inputs_hash=inputs_hash(book.data, text),
            book_name=book.name,
            book_sha256=hashlib.sha256(book.data).hexdigest(),
            scenario_name=scenario.name if scenario else None,
            scenario_text=text if scenario else None,
            structure=scenario.spec.structure if scenario else None,
            parameters=params.model_dump(mode="json"),
            solver=result.solver,
            versions=versions(),
            status=result.status,
            kpis=result.kpis.model_dump(mode="json") if result.kpis else None,
            result=result.model_dump_json(),
        )
    )
