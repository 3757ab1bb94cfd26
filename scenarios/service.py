"""The run service: every run — `bydelsteam solve` and `compare`, the app's Optimér page, the trade-off curve,
`runs rerun`, the benchmark — goes load → prepare (need edits, scenario, locks, overrides) → solve → store.

    book = load_book(path)                               # the file read once: its bytes and its instance
    inputs = RunInputs(book, scenario, need_edits, locks, overrides)
    applied = prepare(inputs)                            # ScenarioError when the scenario does not fit
    result = solve_applied(applied)                      # `scenarios.engine`: the one call of the solver
    run_id = record(store, Outcome(inputs, applied, result, started=started), "solve")

`run(inputs, store)` does all of it; the app does the same steps apart (prepare in the server, solve in a child
process, record in the server) through the same functions.

A stored run holds everything needed to do it again (`RunInputs` as data, `scenarios.store`): the workbook's
bytes (kept once per sha256 however many runs use them), the parsed scenario, the need edits, the locks, the
parameter overrides, the resulting parameters and solver settings, and the versions of Python, OR-Tools and
bydelsteam. `inputs_of(record)` rebuilds the inputs; `scenarios.rerun` solves them again and compares.

Every run is measured against one fixed reference demand (`optimiser.reference`): `prepare` computes the
book's (its staff before the scenario, after the need edits) unless the inputs name another (`RunInputs.reference`,
e.g. a stored run's: `stored_reference`), and puts it on the applied instance, where the need model reads it.

`inputs_hash` identifies what went in: sha256 over the workbook's bytes, a zero byte, the scenario's text
(UTF-8; empty without a scenario), and — only when there are any — a zero byte and the need edits, locks,
overrides and a chosen reference as sorted JSON. A run without edits keeps the hash it had before edits were stored.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import tempfile
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from optimiser.comparison import Frontier, FrontierPoint
from optimiser.domain import Instance, Parameters, Reference
from optimiser.io import BookError, load_instance
from optimiser.io.limits import MAX_FILE_BYTES
from optimiser.problems import Lang, Problem
from optimiser.reference import book_reference, run_reference, with_reference
from optimiser.results import SolveResult
from optimiser.settings import split_solver
from optimiser.solve import ProgressCallback
from scenarios.apply import Applied, apply_scenario
from scenarios.edits import NeedEdit, NeedEdits, apply_need_edits
from scenarios.engine import solve_applied
from scenarios.errors import StoreError
from scenarios.frontier import DEFAULT_TOLERANCES, SWEEP, trade_off
from scenarios.schema import Scenario, ScenarioSpec, parse_scenario
from scenarios.store import RunRecord, RunStore, StoredInputs

PACKAGES = ("bydelsteam", "ortools", "pydantic", "openpyxl", "sqlalchemy")
Locks = tuple[tuple[str, str | None], ...]  # staff id -> the team they are locked to (None: not locked)


@dataclass(frozen=True)
class Book:
    """A workbook: its name, exact bytes (hashed and stored) and the instance read from those bytes."""

    name: str
    data: bytes = field(repr=False)
    instance: Instance

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def generated(name: str, instance: Instance) -> Book:
    """A book made in memory (the benchmark's generated municipalities): no bytes, so not for the store."""
    return Book(name, b"", instance)


def load_book(path: str | Path) -> Book:
    """Read a workbook file once: the bytes, and the instance parsed from those very bytes (an edit to the file
    in between cannot make the stored bytes differ from what was solved). BookError with every problem."""
    file = Path(path)
    try:
        data = file.read_bytes() if file.is_file() and file.stat().st_size <= MAX_FILE_BYTES else None
    except OSError:
        data = None
    if data is None:
        load_instance(file)  # raises BookError saying why: missing, not a file, too large, unreadable
        raise BookError([Problem(None, None, None, "unreadable", {"detail": "OSError"})])  # gone in between
    return book_from_bytes(file.name, data, shown_path=str(file))


def book_from_bytes(name: str, data: bytes, shown_path: str | None = None) -> Book:
    """A workbook given as bytes (a stored run's): parsed from a private temporary copy. BookError as
    `load_book`, naming `shown_path` (default: `name`) rather than the copy."""
    with tempfile.TemporaryDirectory(prefix="bydelsteam-") as folder:  # created 0700: private to this user
        copy = Path(folder) / "book.xlsx"
        with os.fdopen(os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
            out.write(data)
        try:
            instance = load_instance(copy)
        except BookError as err:
            shown = shown_path or name
            problems = [_renamed(p, str(copy), shown) for p in err.problems]
            raise BookError(problems) from None
    return Book(name, data, instance)


def _renamed(problem: Problem, copy: str, shown: str) -> Problem:
    if problem.args.get("path") != copy:
        return problem
    return replace(problem, args={**problem.args, "path": shown})


@dataclass(frozen=True)
class RunInputs:
    """Everything a run is made from. Need edits apply to the book first, then the scenario, then the locks
    (to the scenario's staff), then `overrides` on the scenario's parameters and solver settings (the command
    line's --seed, --time-limit, ... fill the settings; `tolerance` and other policy keys the parameters).
    `reference`: the demand to measure against instead of the book's (a stored run's, `stored_reference`)."""

    book: Book
    scenario: Scenario | None = None
    need_edits: NeedEdits = ()
    locks: Locks = ()
    overrides: Mapping[str, object] = field(default_factory=dict)
    reference: Reference | None = None

    @property
    def name(self) -> str:
        return self.scenario.name if self.scenario else NO_SCENARIO.name

    def edits_json(self) -> str:
        """The need edits, locks, overrides and a chosen reference as one canonical JSON text (hashed; empty when
        none; the reference only when one is chosen, so a run's hash stays what it was before references)."""
        if not (self.need_edits or self.locks or self.overrides or self.reference):
            return ""
        data: dict[str, object] = {
            "need_edits": [e.model_dump(mode="json") for e in self.need_edits],
            "locks": [list(lock) for lock in self.locks],
            "overrides": dict(self.overrides),
        }
        if self.reference is not None:
            data["reference"] = self.reference.model_dump(mode="json")
        return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)

    def hash(self) -> str:
        digest = hashlib.sha256(self.book.data)
        digest.update(b"\0")
        digest.update(self.scenario.text.encode("utf-8") if self.scenario else b"")
        edits = self.edits_json()
        if edits:
            digest.update(b"\0")
            digest.update(edits.encode("utf-8"))
        return digest.hexdigest()


NO_SCENARIO = parse_scenario("", "(arbejdsbogen)", default_name="arbejdsbog")


def prepare(inputs: RunInputs) -> Applied:
    """The instance, parameters and structure to solve. Raises ScenarioError for a scenario that does not fit
    the book, ValueError for need edits or locks that name what the book does not have."""
    base = apply_need_edits(inputs.book.instance, inputs.need_edits)
    applied = apply_scenario(base, inputs.scenario or NO_SCENARIO)
    if inputs.locks:
        applied = replace(applied, instance=_locked(applied.instance, dict(inputs.locks)))
    policy, solver = split_solver(inputs.overrides)
    if policy:
        params = applied.params.model_validate({**applied.params.model_dump(), **policy})
        applied = replace(applied, params=params)
    if solver:
        applied = replace(applied, settings=applied.settings.updated(solver))
    return measured(applied, base, inputs.book, inputs.reference)


def measured(applied: Applied, base: Instance, book: Book | None = None, reference: Reference | None = None) -> Applied:
    """`applied` measured against `reference`, else against the book's demand: `base` (the book before the
    scenario) at the run's basis (80/20 on or off). Every path that applies a scenario — `prepare`, the phased
    plan, the robustness sweep — goes through here, so all of them share one reference."""
    if reference is None:
        reference = book_reference(base, applied.params, book.sha256 if book is not None and book.data else None)
    return replace(applied, instance=with_reference(applied.instance, reference))


def stored_reference(store: RunStore, run_id: int) -> Reference:
    """A stored run as the reference (`--reference RUN_ID`): the practice-near FTE its plan gives. ValueError
    when there is no such run or it has no plan."""
    stored = store.get(run_id)
    if stored is None:
        raise ValueError(f"no stored run no. {run_id}")
    return run_reference(SolveResult.model_validate_json(stored.result), run_id, stored.book_sha256)


def _locked(instance: Instance, locks: Mapping[str, str | None]) -> Instance:
    unknown = sorted(set(locks) - {s.id for s in instance.staff})
    teams = {t.id for t in instance.teams}
    unknown += sorted(str(t) for t in locks.values() if t is not None and t not in teams)
    if unknown:
        raise ValueError(f"locks name staff or teams the book does not have: {', '.join(unknown)}")
    staff = tuple(s.model_copy(update={"locked_team_id": locks[s.id]}) if s.id in locks else s for s in instance.staff)
    return instance.model_copy(update={"staff": staff})


@dataclass(frozen=True)
class Outcome:
    """One run: its inputs, the applied scenario, the result, and its id in the store (None: not stored, with
    `store_error` saying why when the store failed)."""

    inputs: RunInputs
    applied: Applied
    result: SolveResult
    run_id: int | None = None
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    store_error: StoreError | None = None

    @property
    def name(self) -> str:
        return self.applied.scenario.name

    @property
    def inputs_hash(self) -> str:
        return self.inputs.hash()


def run(
    inputs: RunInputs,
    *,
    applied: Applied | None = None,
    store: RunStore | None = None,
    command: str = "api",
    warm_start: SolveResult | None = None,
    progress: ProgressCallback | None = None,
    lang: Lang = "da",
) -> Outcome:
    """Prepare (unless `applied` is given: `prepare(inputs)` done already), solve and, with a `store`, store one
    run. Raises ScenarioError/ValueError from `prepare`; a solver outcome and a failing store never raise."""
    applied = applied or prepare(inputs)
    started = datetime.now(UTC)
    result = solve_applied(applied, warm_start=warm_start, progress=progress, lang=lang)
    outcome = Outcome(inputs, applied, result, started=started)
    return store_outcome(store, outcome, command) if store is not None else outcome


def store_outcome(store: RunStore, outcome: Outcome, command: str) -> Outcome:
    """The outcome with its run id, or with the store's error (the result stands either way; `record` raises)."""
    try:
        run_id = record(store, outcome, command)
    except StoreError as err:
        return replace(outcome, store_error=err)
    return replace(outcome, run_id=run_id)


def run_curve(
    inputs: RunInputs,
    tolerances: Sequence[float] = DEFAULT_TOLERANCES,
    *,
    applied: Applied | None = None,
    name: str | None = None,
    store: RunStore | None = None,
    command: str = "frontier",
    on_point: Callable[[FrontierPoint], None] | None = None,
) -> Frontier:
    """The trade-off curve of one run's inputs (`applied`: prepared already). With a `store`, every point is
    stored as a run of its own, its tolerance among its overrides, so `runs rerun` can redo it; a point the
    store cannot keep is only not stored (the curve stands)."""
    applied = applied or prepare(inputs)

    def keep(params: Parameters, result: SolveResult, started: datetime) -> None:
        if store is None:
            return
        point = replace(inputs, overrides={**inputs.overrides, **SWEEP, "tolerance": params.tolerance})
        with suppress(StoreError):
            record(store, Outcome(point, replace(applied, params=params), result, started=started), command)

    return trade_off(
        name or inputs.name, applied.instance, applied.params, None, tolerances, on_point, keep, applied.settings
    )


def versions() -> dict[str, str]:
    """Python's and the packages' versions, for the record."""
    out = {"python": platform.python_version()}
    for package in PACKAGES:
        try:
            out[package] = version(package)
        except PackageNotFoundError:
            out[package] = "unknown"
    return out


def record(store: RunStore, outcome: Outcome, command: str) -> int:
    """Store one finished run with everything needed to run it again (one transaction); its run id.
    StoreError when the store fails."""
    inputs, result, scenario = outcome.inputs, outcome.result, outcome.inputs.scenario
    params = outcome.applied.params.model_dump(mode="json")
    return store.add(
        RunRecord(
            started_at=outcome.started,
            finished_at=datetime.now(UTC),
            command=command,
            inputs_hash=inputs.hash(),
            book_name=inputs.book.name,
            book_sha256=inputs.book.sha256,
            scenario_name=scenario.name if scenario else None,
            scenario_text=scenario.text if scenario else None,
            structure=scenario.spec.structure if scenario else None,
            parameters=params,
            solver=result.solver,
            versions=versions(),
            status=result.status,
            kpis=result.kpis.model_dump(mode="json") if result.kpis else None,
            result=result.model_dump_json(),
            inputs=StoredInputs(
                scenario=_scenario_data(scenario) if scenario else None,
                need_edits=[e.model_dump(mode="json") for e in inputs.need_edits],
                locks=[list(lock) for lock in inputs.locks],
                overrides=json.loads(json.dumps(dict(inputs.overrides), default=str)),
                solver_settings=outcome.applied.settings.model_dump(mode="json"),
                reference=inputs.reference.model_dump(mode="json") if inputs.reference else None,
            ),
        ),
        book_data=inputs.book.data,
    )


def _scenario_data(scenario: Scenario) -> dict[str, object]:
    return {
        "name": scenario.name,
        "source": scenario.source,
        "text": scenario.text,
        "spec": scenario.spec.model_dump(mode="json"),
    }


def _stored_book(store: RunStore, stored: RunRecord) -> Book:
    data = store.book_data(stored.book_sha256)
    if data is None:
        raise CannotRerun("no_book", stored.book_sha256[:12])
    try:
        return book_from_bytes(stored.book_name, data)
    except BookError as err:
        raise CannotRerun("bad_book", str(err).splitlines()[0] if str(err) else "") from None


class CannotRerun(Exception):
    """A stored run whose inputs cannot be rebuilt; `code` names why (`scenarios.rerun` words it)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code, self.detail = code, detail


def inputs_of(store: RunStore, stored: RunRecord, book: Book | None = None) -> RunInputs:
    """The inputs of a stored run, rebuilt from the store (`book`: the same workbook read already, used when its
    sha256 is the run's). CannotRerun when the run was stored before runs kept their inputs, when its workbook's
    bytes are gone, or when they no longer read as a valid workbook."""
    if stored.inputs is None:
        raise CannotRerun("no_inputs")
    if book is None or book.sha256 != stored.book_sha256:
        book = _stored_book(store, stored)
    saved = stored.inputs
    scenario = None
    if saved.scenario is not None:
        try:
            spec = ScenarioSpec.model_validate_json(json.dumps(saved.scenario["spec"]))
        except ValueError as err:  # pydantic's ValidationError: the scenario does not read in this version
            raise CannotRerun("bad_scenario", type(err).__name__) from None
        scenario = Scenario(
            str(saved.scenario["name"]), spec, str(saved.scenario["source"]), str(saved.scenario["text"])
        )
    edits = tuple(NeedEdit.model_validate(e) for e in saved.need_edits)
    locks = tuple((str(s), None if t is None else str(t)) for s, t in saved.locks)
    reference = Reference.model_validate(saved.reference) if saved.reference else None
    return RunInputs(book, scenario, edits, locks, dict(saved.overrides), reference)
