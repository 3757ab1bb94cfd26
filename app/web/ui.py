"""What every page shares: the language switch, the access notice, Danish labels and number formats, charts.

Charts are Altair (Vega-Lite, drawn in the browser; no external service): each has a Danish title, axis
titles and units. Numbers in tables are formatted by `optimiser.fmt` (1.234,5 and 93,0 %).
"""

from __future__ import annotations

import logging
import re
import secrets
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import cast

import altair as alt
import pandas as pd
import streamlit as st

from app.web import state
from optimiser import i18n
from optimiser.domain import Instance
from optimiser.export.style import COVERAGE_SCALE, GREEN, RED, YELLOW
from optimiser.i18n import N_
from optimiser.problems import Lang

TITLE = N_("District teams")
OPEN_NOTICE = N_("Open access: no login is configured (see docs/access.md). Use the tool on a trusted network only.")
COLUMNS: dict[str, str] = {
    "team": N_("Team"),
    "area": N_("Area"),
    "profession": N_("Profession"),
    "demand_fte": N_("Demand (FTE)"),
    "supply_fte": N_("Supply (FTE)"),
    "current_supply_fte": N_("Supply today (FTE)"),
    "coverage": N_("Coverage"),
    "current_coverage": N_("Coverage today"),
    "staff_id": N_("Staff member"),
    "name": N_("Name"),
    "fte": N_("FTE"),
    "from_team": N_("From team"),
    "to_team": N_("To team"),
    "locked": N_("Locked"),
    "institution_id": N_("Institution id"),
    "institution": N_("Institution"),
    "type": N_("Type"),
    "contact": N_("Contact"),
    "current_team": N_("Current team"),
    "planned_team": N_("Planned team"),
    "locked_team": N_("Locked to team"),
    "base_children": N_("Children served"),
    "raw_multiplier": N_("Need multiplier before the floor"),
    "multiplier": N_("Need multiplier"),
    "need_share": N_("Share of the need"),
    "headcount_share": N_("Share of the children"),
    "share": N_("Share (blended)"),
    "indicator": N_("Indicator"),
    "value": N_("Value"),
    "mean": N_("Municipal mean"),
    "weight": N_("Weight"),
    "contribution": N_("Contribution to the multiplier"),
    "lowest_coverage": N_("Lowest coverage (profession)"),
    "staff": N_("Staff"),
    "total": N_("Total (FTE)"),
}
PAGE_ERROR = N_(
    "Something went wrong on the page. Your data is not lost: try again, or go to another page "
    "and back. The error is written to the server's log (error id {ref})."
)
LOG = logging.getLogger("bydelsteam.app")
SHARE_COLUMNS = {"coverage", "current_coverage", "need_share", "headcount_share", "share", "max_shortfall"}


def lang() -> Lang:
    return state.lang()


def t(msgid: str) -> str:
    """A msgid in the session's language (`optimiser.i18n`)."""
    return i18n.text(msgid, lang())


def sidebar() -> None:
    """The language switch and the access notice, on every page."""
    with st.sidebar:
        choice = st.radio("Sprog / Language", ["Dansk", "English"], index=0 if lang() == "da" else 1, horizontal=True)
        st.session_state[state.LANG] = "da" if choice == "Dansk" else "en"
        if not login_configured():
            st.caption(t(OPEN_NOTICE))


BOOK_ERRORS = N_("The workbook has errors: fix them on the Data page.")


@contextmanager
def guarded() -> Iterator[None]:
    """Run a page body (or a fragment): an unexpected exception becomes a short message instead of Streamlit's
    traceback, and is logged with its type and frames only: the exception's text may quote workbook cells
    (names), so it is left out. Streamlit's own stop and rerun are BaseExceptions and pass through."""
    try:
        yield
    except Exception as err:
        ref = secrets.token_hex(3)
        frames = "; ".join(f"{f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(err.__traceback__))
        LOG.error("page error %s: %s at %s", ref, type(err).__name__, frames)
        st.error(t(PAGE_ERROR).format(ref=ref))


def plain_lines(text: str) -> str:
    """Lines of plain text (messages that quote keys such as `max_moves` or `changes[1]`) as a Markdown list
    that shows them as written."""
    escaped = re.sub(r"([\\`*_{}\[\]<>()#+!|~-])", r"\\\1", text)
    return "\n".join(f"- {line}" for line in escaped.splitlines())


def page(title: str) -> None:
    """The start of every page: the sidebar, then the title."""
    sidebar()
    st.title(t(title))


def workbook(edited: bool = True) -> Instance:
    """The session's workbook as an instance (with the Behov page's edits unless `edited` is False); a page
    whose workbook has errors stops here, pointing to the Data page."""
    instance = state.instance() if edited else state.book().instance
    if instance is None:
        st.error(t(BOOK_ERRORS))
        st.stop()
    return instance


def login_configured() -> bool:
    """True when Streamlit's OIDC login is set up (an [auth] section in .streamlit/secrets.toml)."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, KeyError, st.errors.StreamlitAPIException):  # no secrets file at all
        return False


def require_login() -> bool:
    """With login configured, ask who the user is first; False while they are not logged in."""
    if not login_configured():
        return True
    if not st.user.get("is_logged_in", False):
        st.button(t(N_("Log in")), on_click=st.login)
        return False
    return True


def number(value: float | None, decimals: int = 1) -> str:
    return "–" if value is None else i18n.number(value, decimals, lang())


def percent(value: float | None, decimals: int = 1) -> str:
    return i18n.percent(value, decimals, lang())


def money(value: float | None) -> str:
    return "–" if value is None else i18n.dkk(value, lang())


def headers(frame: pd.DataFrame) -> dict[str, str]:
    """The frame's columns in the session's language (for an editor's column labels)."""
    return {str(c): t(COLUMNS[str(c)]) for c in frame.columns if str(c) in COLUMNS}


def shown(frame: pd.DataFrame, decimals: Mapping[str, int] | None = None) -> pd.DataFrame:
    """A frame as the planner reads it: numbers as Danish text (shares in %), headers in the chosen language."""
    out = frame.copy()
    for column in out.columns:
        if column in SHARE_COLUMNS:
            out[column] = [percent(v) if pd.notna(v) else "–" for v in out[column]]
        elif pd.api.types.is_float_dtype(out[column]):
            places = (decimals or {}).get(str(column), 2)
            out[column] = [number(v, places) if pd.notna(v) else "–" for v in out[column]]
    return out.rename(columns=headers(out))


def coverage_color(field: str) -> alt.Color:
    """Coverage as colour, the exports' scale (`optimiser.export.style`): red at or below 75 %, yellow at 90 %,
    green from 100 %."""
    colours = [f"#{c}" for c in (RED, YELLOW, GREEN)]
    scale = alt.Scale(domain=list(COVERAGE_SCALE), range=colours, clamp=True)
    return alt.Color(f"{field}:Q", title=t(N_("Coverage (%)")), scale=scale, legend=alt.Legend(format="%"))


def heat_map(frame: pd.DataFrame, x: str, y: str, value: str, title: str) -> alt.Chart:
    """A coverage heat map: red below 75 %, yellow at 90 %, green from 100 %."""
    chart = (
        alt.Chart(frame, title=t(title))
        .mark_rect()
        .encode(
            x=alt.X(f"{x}:N", title=t(COLUMNS[x])),
            y=alt.Y(f"{y}:N", title=t(COLUMNS[y])),
            color=coverage_color(value),
            tooltip=[x, y, alt.Tooltip(f"{value}:Q", format=".1%")],
        )
    )
    return cast(alt.Chart, chart)


def bar(
    frame: pd.DataFrame, x: str, y: str, title: str, x_title: str, y_title: str, percent_axis: bool = False
) -> alt.Chart:
    axis = alt.Axis(format="%") if percent_axis else alt.Axis()
    chart = (
        alt.Chart(frame, title=t(title))
        .mark_bar(color="#1F4E79")
        .encode(
            x=alt.X(f"{x}:N", title=t(x_title), sort=None),
            y=alt.Y(f"{y}:Q", title=t(y_title), axis=axis),
            tooltip=[x, y],
        )
    )
    return cast(alt.Chart, chart)


def choose(label: str, options: Sequence[str], key: str, shown: Callable[[str], str] = str) -> str:
    """A drop-down of ids that shows each by `shown` (its display name)."""
    return str(st.selectbox(t(label), list(options), key=key, format_func=shown))
