"""What one browser session holds, behind typed accessors: language, workbook, need edits, job, shown run.

Everything lives in `st.session_state`, which Streamlit keeps per session in the server's memory: one
planner's upload or runs are never visible to another. Stored runs (the run store) are the exception,
and are shared on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

import streamlit as st

from app.web.book import Book, sample
from optimiser.domain import Instance
from optimiser.problems import Lang
from optimiser.results import SolveResult
from scenarios.edits import NeedEdits, apply_need_edits
from scenarios.schema import Scenario
from scenarios.service import RunInputs

LANG = "lang"
BOOK = "book"
NEED = "need_edits"
NEED_APPLIED = "need_applied"
SCENARIO = "scenario"
JOB = "job"
SHOWN = "shown_run"


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
    inputs: RunInputs | None = None  # what the run was made from: a re-solve with locks adds to them


def _get(key: str) -> Any:
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
    st.session_state[BOOK] = new
    for key in (NEED, SCENARIO, SHOWN):
        st.session_state.pop(key, None)


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


def shown_run() -> ShownRun | None:
    value = _get(SHOWN)
    return value if isinstance(value, ShownRun) else None


def set_shown_run(run: ShownRun | None) -> None:
    st.session_state[SHOWN] = run


def get_object(key: str) -> object | None:
    """A session value of a kind this module does not know (the job, the scenario draft)."""
    return cast(object | None, _get(key))


def set_object(key: str, value: object | None) -> None:
    if value is None:
        st.session_state.pop(key, None)
    else:
        st.session_state[key] = value
