"""What one browser session holds, behind typed accessors: language, workbook and where it came from, need
edits, scenario, job, shown run; and what the Optimér page will solve (`to_solve`).

Everything lives in `st.session_state`, which Streamlit keeps per session in the server's memory, and the
session's work is also kept in the run store under a random token in the page's address (`app.web.session`):
a reload restores it, and another browser, with its own token, sees none of it. Stored runs (the run store)
are shared on purpose.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, cast

import streamlit as st

from app.web import session
from app.web.book import Book, read_bytes, sample
from app.web.session import ShownRun as ShownRun
from app.web.session import Snapshot, Source
from optimiser import i18n
from optimiser.domain import Instance
from optimiser.i18n import N_
from optimiser.names import Names
from optimiser.problems import Lang
from scenarios import service
from scenarios.edits import NeedEdits, apply_need_edits
from scenarios.errors import StoreError
from scenarios.schema import Scenario

LANG = "lang"
BOOK = "book"
SOURCE = "book_source"
UPLOAD = "last_upload"  # the session's upload, kept while the sample is chosen
NEED = "need_edits"
NEED_APPLIED = "need_applied"
SCENARIO = "scenario"
JOB = "job"
SHOWN = "shown_run"
TOKEN = "session_token"
SAVED = "session_saved"  # the snapshot last kept in the store: a save that changes nothing is skipped
STORE_FAILED = "session_store_failed"
LOG = logging.getLogger("bydelsteam.app")

AS_IT_IS = N_("The workbook as it is")
SAMPLE_NOTE = N_("the sample")
NO_EDITS = N_("none")
BOOK_LINE = N_("Workbook: {book}")
SCENARIO_LINE = N_("Scenario: {scenario}")
EDITS_LINE = N_("Need edits: {edits}")
FLOOR = N_("floor {value}")
BLEND = N_("share by need {value}")
WEIGHTS = N_("{n} weights")
CHANGED_BOOK = N_("the workbook")
CHANGED_SCENARIO = N_("the scenario")
CHANGED_EDITS = N_("the need edits")


@dataclass(frozen=True)
class ToSolve:
    """What the Optimér page will solve, as one object: the workbook, the scenario (None: the workbook as it
    is) and the Behov page's need edits. `lines` says it in the planner's words; `label` names the run."""

    book: Book
    scenario: Scenario | None
    need_edits: NeedEdits

    def label(self, lang: Lang) -> str:
        return self.scenario.title if self.scenario else i18n.text(AS_IT_IS, lang)

    def lines(self, lang: Lang) -> list[str]:
        """ "Workbook: kommune.xlsx (the sample)", "Scenario: …", "Need edits: …" in `lang`."""
        book = f"{self.book.name} ({i18n.text(SAMPLE_NOTE, lang)})" if self.book.is_sample else self.book.name
        if self.scenario is None:
            scenario = i18n.text(AS_IT_IS, lang)
        elif self.scenario.title != self.scenario.name:
            scenario = f"{self.scenario.title} ({self.scenario.name})"
        else:
            scenario = self.scenario.name
        return [
            i18n.text(BOOK_LINE, lang, book=book),
            i18n.text(SCENARIO_LINE, lang, scenario=scenario),
            i18n.text(EDITS_LINE, lang, edits=self.edits_text(lang)),
        ]

    def edits_text(self, lang: Lang) -> str:
        if not self.need_edits or self.book.instance is None:
            return i18n.text(NO_EDITS, lang)
        names = Names.of(self.book.instance)
        parts = []
        for edit in self.need_edits:
            what = []
            if edit.floor is not None:
                what.append(i18n.text(FLOOR, lang, value=i18n.number(edit.floor, 2, lang)))
            if edit.blend is not None:
                what.append(i18n.text(BLEND, lang, value=i18n.percent(edit.blend, 0, lang)))
            if edit.weights:
                what.append(i18n.text(WEIGHTS, lang, n=len(edit.weights)))
            parts.append(f"{names.profession(edit.profession)}: {', '.join(what)}")
        return "; ".join(parts)

    def differs_from(self, inputs: service.RunInputs | None) -> tuple[str, ...]:
        """What differs from the inputs of a run (msgids: the workbook, the scenario, the need edits); empty when
        this is what the run solved. Locks added on the results page are the run's own, not a difference."""
        if inputs is None:
            return ()
        out = []
        if inputs.book.sha256 != self.book.digest:
            out.append(CHANGED_BOOK)
        if (inputs.scenario.text if inputs.scenario else None) != (self.scenario.text if self.scenario else None):
            out.append(CHANGED_SCENARIO)
        if tuple(inputs.need_edits) != tuple(self.need_edits):
            out.append(CHANGED_EDITS)
        return tuple(out)


def _session() -> None:
    """Once per session: take the token from the address (or make one) and restore what the store keeps under
    it; on every run: put the token back in the address (a page change in the sidebar drops it)."""
    token = st.session_state.get(TOKEN)
    if not isinstance(token, str):
        given = st.query_params.get(session.PARAM)
        token = given if isinstance(given, str) and session.valid_token(given) else session.new_token()
        st.session_state[TOKEN] = token
        if given == token:
            _restore(token)
    if st.query_params.get(session.PARAM) != token:
        st.query_params[session.PARAM] = token


def _restore(token: str) -> None:
    try:
        found = session.load(token)
    except StoreError as err:
        _store_failed(err)
        return
    if found is None:
        return
    snapshot, data = found
    book = sample()
    if snapshot.source == "upload" and data is not None:
        book = read_bytes(snapshot.book_name or "", data)
        st.session_state[UPLOAD] = book
    st.session_state[SOURCE] = snapshot.source
    st.session_state[BOOK] = book
    if snapshot.need_edits:
        st.session_state[NEED] = snapshot.need_edits
    if snapshot.scenario is not None:
        st.session_state[SCENARIO] = snapshot.scenario
    if snapshot.run_id is not None and book.instance is not None:
        run_book = service.Book(book.name, book.data, book.instance)
        try:
            st.session_state[SHOWN] = session.reopen(snapshot.run_id, snapshot.run_label or book.name, run_book)
        except Exception as err:  # the run was deleted, or no longer reads: the rest of the work is restored
            LOG.warning("shown run %s not restored: %s", snapshot.run_id, type(err).__name__)
    st.session_state[SAVED] = _snapshot()


def _snapshot() -> Snapshot:
    value = st.session_state.get(BOOK)
    book = value if isinstance(value, Book) else None
    upload = book is not None and not book.is_sample
    shown = st.session_state.get(SHOWN)
    run = shown if isinstance(shown, ShownRun) and shown.run_id is not None else None
    return Snapshot(
        source=source(),
        book_sha256=book.digest if upload and book else None,
        book_name=book.name if upload and book else None,
        need_edits=need_edits(),
        scenario=scenario(),
        run_id=int(run.run_id) if run and run.run_id else None,
        run_label=run.label if run else None,
    )


def _save() -> None:
    """Keep the session's work in the store when it changed (an upload's bytes when the upload is new)."""
    _session()
    now = _snapshot()
    before = st.session_state.get(SAVED, Snapshot())  # a session that changed nothing keeps nothing
    if now == before:
        return
    new_book = now.book_sha256 is not None and getattr(before, "book_sha256", None) != now.book_sha256
    try:
        session.save(st.session_state[TOKEN], now, book().data if new_book else None)
    except StoreError as err:
        _store_failed(err)
        return
    st.session_state[SAVED] = now


def _store_failed(err: StoreError) -> None:
    """The work stays in this session; a reload would lose it: said once per session (`store_problem`)."""
    LOG.warning("session not kept in the store: %s", err.reason)
    st.session_state[STORE_FAILED] = err.reason


def store_problem() -> str | None:
    """Why the session's work could not be kept in the store (None: it is kept)."""
    value = st.session_state.get(STORE_FAILED)
    return value if isinstance(value, str) else None


def _get(key: str) -> Any:
    _session()
    return st.session_state.get(key)


def lang() -> Lang:
    value = _get(LANG)
    return "en" if value == "en" else "da"


def book() -> Book:
    """The session's workbook; the sample municipality until the planner uploads another."""
    value = _get(BOOK)
    if not isinstance(value, Book):
        value = sample()
        st.session_state[BOOK] = value
    return value


def set_book(new: Book) -> None:
    """Use another workbook: the need edits, the scenario and the shown run of the old one are dropped."""
    _session()
    st.session_state[BOOK] = new
    if not new.is_sample:
        st.session_state[UPLOAD] = new
    st.session_state[SOURCE] = "sample" if new.is_sample else "upload"
    for key in (NEED, SCENARIO, SHOWN):
        st.session_state.pop(key, None)
    _save()


def source() -> Source:
    """Where the planner chose to take the workbook from (the Data page's choice; kept across pages)."""
    return "upload" if _get(SOURCE) == "upload" else "sample"


def choose_source(choice: Source) -> None:
    """The Data page's choice: the sample, or the session's upload (kept when the sample was chosen in
    between); choosing upload before there is one keeps the current book until a file comes."""
    if choice == source():
        return
    if choice == "sample":
        if not book().is_sample:
            st.session_state[UPLOAD] = book()
        set_book(sample())
        return
    kept = _get(UPLOAD)
    if isinstance(kept, Book):
        set_book(kept)
    else:
        st.session_state[SOURCE] = "upload"
        _save()


def instance() -> Instance | None:
    """The instance to work on: the book's, with the need edits of the Behov page when there are any."""
    base, edits = book().instance, need_edits()
    if base is None or not edits:
        return base
    # Kept with its edits: a fresh copy on every page run would compute the need model again each time.
    kept = _get(NEED_APPLIED)
    if isinstance(kept, tuple) and kept[0] is base and kept[1] == edits:
        return cast(Instance, kept[2])
    edited = apply_need_edits(base, edits)
    st.session_state[NEED_APPLIED] = (base, edits, edited)
    return edited


def need_edits() -> NeedEdits:
    """The Behov page's edits, as data (stored with every run solved on them)."""
    value = _get(NEED)
    return value if isinstance(value, tuple) else ()


def set_need_edits(edits: NeedEdits) -> None:
    if edits:
        st.session_state[NEED] = edits
    else:
        st.session_state.pop(NEED, None)
    _save()


def scenario() -> Scenario | None:
    """The scenario the Scenarie page made or loaded; None: the workbook as it is."""
    value = _get(SCENARIO)
    return value if isinstance(value, Scenario) else None


def set_scenario(value: Scenario | None) -> None:
    if value is None:
        st.session_state.pop(SCENARIO, None)
    else:
        st.session_state[SCENARIO] = value
    _save()


def to_solve() -> ToSolve:
    """What Optimér will solve now: the session's workbook, scenario and need edits."""
    return ToSolve(book(), scenario(), need_edits())


def unsaved_changes() -> tuple[str, ...]:
    """What differs on screen from the shown run's inputs (msgids; empty: the plan shown is of what is on
    screen, or there is no plan)."""
    run = shown_run()
    return to_solve().differs_from(run.inputs) if run is not None else ()


def shown_run() -> ShownRun | None:
    value = _get(SHOWN)
    return value if isinstance(value, ShownRun) else None


def set_shown_run(run: ShownRun | None) -> None:
    st.session_state[SHOWN] = run
    _save()


def open_run(run_id: int, label: str) -> ShownRun:
    """Show stored run `run_id` on the results page (any run in the store, as `label`). LookupError when there
    is no such run; `scenarios.service.CannotRerun`, ScenarioError or ValueError when its inputs cannot be
    rebuilt; StoreError when the store fails."""
    current = book()
    run_book = service.Book(current.name, current.data, current.instance) if current.instance is not None else None
    run = session.reopen(run_id, label, run_book)
    set_shown_run(run)
    return run


def generation(key: str) -> int:
    """A page's form generation (0 at first): part of its widgets' keys, so that a new generation draws every
    field afresh from its value (a loaded scenario, the book's values again)."""
    value = _get(key)
    return value if isinstance(value, int) else 0


def next_generation(key: str) -> None:
    st.session_state[key] = generation(key) + 1


def get_object(key: str) -> object | None:
    """A session value of a kind this module does not know (the job, the scenario draft)."""
    return cast(object | None, _get(key))


def set_object(key: str, value: object | None) -> None:
    if value is None:
        st.session_state.pop(key, None)
    else:
        st.session_state[key] = value
    if key == SCENARIO:
        _save()
