"""Start: what the tool is for, the four steps, the sample to try, and the method (docs/method.md, shown here)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app.web import state, ui
from optimiser.i18n import N_

METHOD = Path(__file__).resolve().parents[3] / "docs" / "method.md"
PURPOSE = N_(
    "The tool shares the municipality's cross-disciplinary support staff — psychologists, speech consultants, "
    "support pedagogues and the others — out to the district teams by the children's need, not by size. It "
    "proposes who works in which team and who is each institution's contact, under the rules you set, and "
    "shows what a plan gives: coverage per team and profession, moves, contacts and cost."
)
STEPS = (
    (N_("Data"), "pages/data.py", N_("Use the sample municipality or upload your own workbook; the page checks it.")),
    (N_("Need"), "pages/need.py", N_("See and adjust how need is weighted for each profession.")),
    (N_("Scenario"), "pages/scenario.py", N_("Choose a structure, the rules and a budget, or load an example.")),
    (N_("Optimise"), "pages/optimise.py", N_("Solve, then read, edit by hand and download the plan in Result.")),
)
SAMPLE = N_(
    "To try it: the sample municipality (illustrative data, five areas, 14 teams) is already loaded. Go "
    "straight to Optimise and press Start; the plan is ready in under a minute."
)

ui.page(N_("District teams: need-weighted allocation of support staff"))
st.write(ui.t(PURPOSE))
st.subheader(ui.t(N_("Four steps")))
for column, (n, (title, target, text)) in zip(st.columns(len(STEPS)), enumerate(STEPS, 1), strict=True):
    with column.container(border=True):
        st.markdown(f"**{n}. {ui.t(title)}**")
        st.caption(ui.t(text))
        st.page_link(target, label=ui.t(N_("Open the page")), icon=":material/arrow_forward:")
st.info(ui.t(SAMPLE))
st.caption(ui.t(N_("The workbook in use: {name}")).format(name=state.book().name))
with st.expander(ui.t(N_("The method: how need becomes an allocation"))):
    st.markdown(METHOD.read_text(encoding="utf-8"))
