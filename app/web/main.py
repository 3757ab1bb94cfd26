"""The Streamlit app: `streamlit run app/web/main.py` (or `make run`). Danish by default, English in the sidebar.

Pages call the library only (no model logic here). With Streamlit's OIDC login configured
(`.streamlit/secrets.toml`, docs/access.md) every page asks who the user is first; without it the sidebar says
plainly that the app is open and meant for a trusted network.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app.web import ui
from optimiser.i18n import N_

PAGES = Path(__file__).resolve().parent / "pages"

st.set_page_config(page_title="Bydelsteam", layout="wide", initial_sidebar_state="expanded")
with ui.guarded():  # every page: a short Danish message, never a traceback
    if ui.require_login():
        pages = [
            st.Page(PAGES / "home.py", title=ui.t(N_("Start")), url_path="start", default=True),
            st.Page(PAGES / "data.py", title=ui.t(N_("Data")), url_path="data"),
            st.Page(PAGES / "need.py", title=ui.t(N_("Need")), url_path="behov"),
            st.Page(PAGES / "scenario.py", title=ui.t(N_("Scenario")), url_path="scenarie"),
            st.Page(PAGES / "optimise.py", title=ui.t(N_("Optimise")), url_path="optimer"),
            st.Page(PAGES / "result.py", title=ui.t(N_("Result")), url_path="resultat"),
            st.Page(PAGES / "compare.py", title=ui.t(N_("Compare")), url_path="sammenlign"),
            st.Page(PAGES / "transition.py", title=ui.t(N_("Transition")), url_path="overgang"),
            st.Page(PAGES / "robust.py", title=ui.t(N_("Robustness")), url_path="robusthed"),
        ]
        st.navigation(pages).run()
