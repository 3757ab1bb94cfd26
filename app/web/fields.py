"""Input widgets in the planner's language: number fields that read Danish numbers (`app.web.danish_numbers`) and say
beside the field what they cannot read, and a file uploader without Streamlit's English texts.

Streamlit's number input reads "0,7" as 7 and its hints are English ("Press Enter to apply", "Drag and drop
file here", "Browse files", "Limit 200MB per file"); a text field read by Babel and a few lines of CSS replace them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from app.web import state
from app.web.danish_numbers import Kind, Refused, read, show
from optimiser import i18n
from optimiser.i18n import N_

BROWSE = N_("Choose file")
UPLOAD_NOTE = N_("Drag the file here or choose it. At most {mb} MB, {types}.")
CELL_REFUSED = N_("Row {row}, {column}: {why}")


def danish_widgets() -> None:
    """Hide Streamlit's English hints on this page and name the uploader's button in the session's language."""
    browse = i18n.text(BROWSE, state.lang()).replace('"', "")
    st.html(
        "<style>"
        '[data-testid="InputInstructions"]{display:none}'
        '[data-testid="stFileUploaderDropzoneInstructions"]{display:none}'
        '[data-testid="stFileUploaderDropzone"] button>*{display:none}'
        f'[data-testid="stFileUploaderDropzone"] button::after{{content:"{browse}";font-size:1rem}}'
        "</style>"
    )


def number_field(
    label: str, value: float, key: str, kind: Kind, where: DeltaGenerator | None = None, help: str | None = None
) -> float | None:
    """A number typed as the planner writes it ("0,9", "6.400.000", "25 %"), starting at `value`. Returns the
    value read, or None when it cannot be read: the field then says why, beside it, and the caller keeps its
    previous value. A value read is shown again in the field's format ("6400000" becomes "6.400.000")."""
    lang = state.lang()
    box = where if where is not None else st.container()
    full_key = f"{key}.{lang}"  # a language switch shows the value again in that language's format

    def tidy() -> None:
        got = read(str(st.session_state.get(full_key, "")), kind, lang)
        if not isinstance(got, Refused):
            st.session_state[full_key] = show(got, kind, lang)

    # The value is given only to a new field: once the planner has typed, the field holds what they typed.
    start = "" if full_key in st.session_state else show(value, kind, lang)
    typed = box.text_input(label, start, key=full_key, on_change=tidy, help=help)
    if typed == show(value, kind, lang):  # untouched: the exact value, not its rounding for the screen
        return value
    got = read(typed, kind, lang)
    if isinstance(got, Refused):
        box.error(got.text(lang))
        return None
    return got


def number_cells(
    frame: pd.DataFrame, column: str, kind: Kind, label: str, originals: Sequence[float] = ()
) -> tuple[list[float], list[str]]:
    """The numbers in a text column of an edited table (nan where a cell cannot be read), and a message per
    such cell (rows counted from 1, as the planner does). A cell still showing its original value (`originals`,
    by row) gives that exact value."""
    lang = state.lang()
    values: list[float] = []
    refusals: list[str] = []
    for row, cell in enumerate(frame[column].tolist(), start=1):
        typed = "" if cell is None or (isinstance(cell, float) and pd.isna(cell)) else str(cell)
        if row <= len(originals) and typed == show(originals[row - 1], kind, lang):
            values.append(originals[row - 1])
            continue
        got = read(typed, kind, lang)
        if isinstance(got, Refused):
            refusals.append(i18n.text(CELL_REFUSED, lang, row=row, column=label, why=got.text(lang)))
            values.append(float("nan"))
        else:
            values.append(got)
    return values, refusals


def shown_cells(values: list[float], kind: Kind) -> list[str]:
    """Numbers as a text column shows them, in the session's language."""
    return [show(v, kind, state.lang()) for v in values]


def upload(label: str, types: list[str], key: str, max_mb: int, **kwargs: Any) -> Any:
    """A file uploader whose texts are the session's language: the button's word (`danish_widgets`) and a
    note under it of the size limit and file types (Streamlit's own line is hidden)."""
    lang = state.lang()
    found = st.file_uploader(label, type=types, key=key, **kwargs)
    kinds = ", ".join(f".{t}" for t in types)
    st.caption(i18n.text(UPLOAD_NOTE, lang, mb=max_mb, types=kinds))
    return found
