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
from scenarios.schema import Scenario

LANG = "lang"
BOOK = "book"
NEED = "need_instance"
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
    edited = _get(NEED)
    if isinstance(edited, Instance):
        return edited
    return book().instance


def set_need_instance(edited: Instance | None) -> None:
    if edited is None:
        st.session_state.pop(NEED, None)
    else:
        st.session_state[NEED] = edited


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
