"""A browser session's work, kept in the run store under a random token that the session's address carries
(`?s=…`), so that a reload restores it: the workbook (the sample, or an upload's bytes), the Behov page's need
edits, the scenario, and the run on the results page (by its id; the run itself is in the store).

A fresh browser gets a fresh token, so two planners never see each other's workbooks, edits or runs; the
address is the key, so whoever is given it sees that work (the Data page says so). A session not touched for
30 days (`BYDELSTEAM_SESSION_DAYS`) is forgotten when the server next opens the store. Stored runs are shared
on purpose: the Compare page lists every run in the store.

This module imports no Streamlit: `app.web.state` reads and writes the session through it.
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any, Literal

from optimiser.domain import Instance
from optimiser.results import SolveResult
from scenarios import service
from scenarios.apply import Applied
from scenarios.edits import NeedEdit, NeedEdits
from scenarios.errors import ScenarioError
from scenarios.schema import Scenario, parse_scenario
from scenarios.store import RunStore, database_url

PARAM = "s"  # the query parameter that carries the token
ENV_DAYS = "BYDELSTEAM_SESSION_DAYS"
DEFAULT_DAYS = 30.0
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")
Source = Literal["sample", "upload"]


def new_token() -> str:
    """A token no one can guess (144 random bits)."""
    return secrets.token_urlsafe(18)


def valid_token(value: object) -> bool:
    return isinstance(value, str) and TOKEN.fullmatch(value) is not None


@dataclass(frozen=True)
class ShownRun:
    """A finished solve as the results page shows it: the instance as solved (scenario applied, locks set),
    the structure it used, the result, and the id under which it is stored (None if not stored)."""

    label: str
    instance: Instance
    structure: dict[str, str] | None
    result: SolveResult
    run_id: str | None = None
    scenario: Scenario | None = None  # re-solves (locks) are stored under the same scenario
    inputs: service.RunInputs | None = None  # what the run was made from: a re-solve with locks adds to them


def shown_run(
    label: str, inputs: service.RunInputs, applied: Applied, result: SolveResult, run_id: int | None
) -> ShownRun:
    """A solved (or stored) run as the results page shows it: the instance with the parameters and solver
    settings it was solved with."""
    instance = applied.instance.model_copy(update={"parameters": applied.params, "solver": applied.settings})
    return ShownRun(
        label, instance, applied.structure, result, str(run_id) if run_id else None, inputs.scenario, inputs
    )


@dataclass(frozen=True)
class Snapshot:
    """What a session keeps: where its workbook came from (and the upload's sha256 and name), the need edits,
    the scenario (its text, read again when restored), and the shown run's id and label."""

    source: Source = "sample"
    book_sha256: str | None = None
    book_name: str | None = None
    need_edits: NeedEdits = ()
    scenario: Scenario | None = None
    run_id: int | None = None
    run_label: str | None = None

    def to_json(self) -> dict[str, Any]:
        scenario = self.scenario
        return {
            "source": self.source,
            "book_sha256": self.book_sha256,
            "book_name": self.book_name,
            "need_edits": [e.model_dump(mode="json") for e in self.need_edits],
            "scenario": None
            if scenario is None
            else {"name": scenario.name, "source": scenario.source, "text": scenario.text},
            "run_id": self.run_id,
            "run_label": self.run_label,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Snapshot:
        """A kept state read back; what no longer reads (a scenario or an edit of an older version) is left out,
        never guessed."""
        edits: list[NeedEdit] = []
        for raw in data.get("need_edits") or []:
            try:
                edits.append(NeedEdit.model_validate(raw))
            except ValueError:
                continue
        scenario = None
        kept = data.get("scenario")
        if isinstance(kept, dict) and isinstance(kept.get("text"), str):
            try:
                scenario = parse_scenario(kept["text"], str(kept.get("source", "")), str(kept.get("name", "")))
            except ScenarioError:
                scenario = None
        run_id = data.get("run_id")
        return cls(
            source="upload" if data.get("source") == "upload" else "sample",
            book_sha256=_text(data.get("book_sha256")),
            book_name=_text(data.get("book_name")),
            need_edits=tuple(edits),
            scenario=scenario,
            run_id=run_id if isinstance(run_id, int) else None,
            run_label=_text(data.get("run_label")),
        )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def keep_days() -> float:
    """How long a session not touched is kept: `BYDELSTEAM_SESSION_DAYS`, else 30 days."""
    try:
        return max(0.0, float(os.environ.get(ENV_DAYS, DEFAULT_DAYS)))
    except ValueError:
        return DEFAULT_DAYS


@cache
def store(url: str) -> RunStore:
    """One open store per database for the server's life (opening one runs the migrations check). Sessions
    not touched for `keep_days` are forgotten when it opens, with uploads no run or session uses."""
    runs = RunStore(url)
    runs.forget_sessions(datetime.now(UTC) - timedelta(days=keep_days()))
    return runs


def current_store() -> RunStore:
    """The run store the app uses (`BYDELSTEAM_DB_URL`, else the default file). StoreError when it fails."""
    return store(database_url())


def save(token: str, snapshot: Snapshot, book_data: bytes | None = None) -> None:
    """Keep `snapshot` under `token`; an upload's bytes go in with it (`book_data`, once per sha256)."""
    book = None
    if book_data is not None and snapshot.book_sha256 is not None:
        book = (snapshot.book_name or "", book_data)
    current_store().save_session(token, snapshot.to_json(), snapshot.book_sha256, book)


def load(token: str) -> tuple[Snapshot, bytes | None] | None:
    """The snapshot kept under `token` and its upload's bytes (None for the sample, or when they are gone)."""
    runs = current_store()
    data = runs.session_state(token)
    if data is None:
        return None
    snapshot = Snapshot.from_json(data)
    book = runs.book_data(snapshot.book_sha256) if snapshot.source == "upload" and snapshot.book_sha256 else None
    return snapshot, book


def reopen(run_id: int, label: str, book: service.Book | None = None) -> ShownRun:
    """A stored run as the results page shows it, rebuilt from the store (`book`: the same workbook, read
    already). LookupError when there is no such run; `service.CannotRerun`, ScenarioError or ValueError when its
    inputs cannot be rebuilt."""
    runs = current_store()
    record = runs.get(run_id)
    if record is None:
        raise LookupError(run_id)
    inputs = service.inputs_of(runs, record, book)
    result = SolveResult.model_validate_json(record.result)
    return shown_run(label, inputs, service.prepare(inputs), result, run_id)
