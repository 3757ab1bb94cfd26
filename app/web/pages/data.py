"""Data: the sample municipality or an uploaded workbook, its validation report, the empty template."""

from __future__ import annotations

import streamlit as st

from app.web import state, ui
from app.web.book import problem_frame, read_bytes, refusal_text, sample, template_bytes
from optimiser.i18n import N_

ui.page(N_("Data"))
source = st.radio(
    ui.t(N_("Workbook")),
    [
        ui.t(N_("The sample municipality (illustrative data)")),
        ui.t(N_("Upload")),
    ],
    horizontal=True,
    key="data_source",
)
if source.startswith(("Eksempel", "The sample")):
    if not state.book().is_sample:
        state.set_book(sample())
else:
    upload = st.file_uploader(ui.t(N_("Choose a filled-in template (.xlsx)")), type=["xlsx"])
    if upload is not None and upload.file_id != st.session_state.get("upload_id"):
        st.session_state["upload_id"] = upload.file_id
        state.set_book(read_bytes(upload.name, upload.getvalue()))

book = state.book()
st.subheader(book.name)
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
