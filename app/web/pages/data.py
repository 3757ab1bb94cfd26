"""Data: the sample municipality or an uploaded workbook, its validation report, the empty template."""

from __future__ import annotations

import streamlit as st

from app.web import fields, state, ui
from app.web.book import MAX_UPLOAD_BYTES, problem_frame, read_bytes, refusal_text, template_bytes
from app.web.session import Source
from optimiser.i18n import N_

MAX_UPLOAD_MB = MAX_UPLOAD_BYTES // (1024 * 1024)

ui.page(N_("Data"))
fields.danish_widgets()
CHOICES: dict[Source, str] = {
    "sample": N_("The sample municipality (illustrative data)"),
    "upload": N_("Upload"),
}
# The choice is the session's (`state.source`), not the widget's: a widget forgets its value when the planner
# visits another page, and the radio would come back on the sample.
choice = st.radio(
    ui.t(N_("Workbook")),
    list(CHOICES),
    index=list(CHOICES).index(state.source()),
    format_func=lambda c: ui.t(CHOICES[c]),
    horizontal=True,
    key="data_source",
)
state.choose_source(choice)
if state.source() == "upload":
    upload = fields.upload(ui.t(N_("Choose a filled-in template (.xlsx)")), ["xlsx"], "data_upload", MAX_UPLOAD_MB)
    if upload is not None and upload.file_id != st.session_state.get("upload_id"):
        st.session_state["upload_id"] = upload.file_id
        state.set_book(read_bytes(upload.name, upload.getvalue()))

book = state.book()
st.subheader(book.name)
if state.source() == "upload" and book.is_sample:
    st.caption(ui.t(N_("No workbook uploaded yet: the sample is used until one is.")))
if book.instance is not None:
    inst = book.instance
    cols = st.columns(5)
    for col, label, value in zip(
        cols,
        (
            N_("Areas"),
            N_("Teams"),
            N_("Institutions"),
            N_("Staff"),
            N_("FTE"),
        ),
        (
            str(len(inst.areas)),
            str(len(inst.teams)),
            str(len(inst.institutions)),
            str(len(inst.staff)),
            ui.number(sum(s.fte for s in inst.staff), 1),
        ),
        strict=True,
    ):
        col.metric(ui.t(label), value)
if book.refusal is not None:
    st.error(refusal_text(book.refusal, ui.lang()))
elif book.problems:
    st.warning(
        ui.t(N_("{e} errors and {w} warnings. Fix them in the workbook and upload it again.")).format(
            e=book.errors, w=book.warnings
        )
    )
    frame = problem_frame(book.problems, ui.lang())
    headers = {
        "kind": N_("Kind"),
        "sheet": N_("Sheet"),
        "row": N_("Row"),
        "column": N_("Column"),
        "what": N_("What is wrong"),
        "fix": N_("How to fix"),
    }
    frame["kind"] = [ui.t(N_("error")) if k == "error" else ui.t(N_("warning")) for k in frame["kind"]]
    st.dataframe(frame.rename(columns={k: ui.t(v) for k, v in headers.items()}), hide_index=True, width="stretch")
else:
    st.success(ui.t(N_("The workbook is valid.")))
st.download_button(
    ui.t(N_("Download an empty template")),
    template_bytes(),
    file_name="bydelsteam-skabelon.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
st.caption(
    ui.t(
        N_(
            "Your workbook, need edits and scenario are kept under this page's address, so a reload loses "
            "nothing; give the address only to colleagues who may see them. Solved runs are kept in the shared "
            "run store on purpose: everyone using the app can open them on the Compare page."
        )
    )
)
problem = state.store_problem()
if problem is not None:
    st.warning(
        ui.t(N_("Your work cannot be kept in the run store ({reason}): a reload would lose it.")).format(reason=problem)
    )
