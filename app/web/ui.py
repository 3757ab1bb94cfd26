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
from optimiser import i18n, views
from optimiser.domain import Instance
from optimiser.export.style import COVERAGE_SCALE, GREEN, RED, YELLOW
from optimiser.i18n import N_
from optimiser.problems import Lang
from optimiser.results import SolveResult

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
    "scenario": N_("Scenario"),
    "team_name": N_("Team"),
    "current_fte": N_("FTE today"),
    "new_fte": N_("FTE in the plan"),
    "change_fte": N_("Change (FTE)"),
    "district": N_("District"),
    "total": N_("Total (FTE)"),
}
PAGE_ERROR = N_(
    "Something went wrong on the page. Your data is not lost: try again, or go to another page "
    "and back. The error is written to the server's log (error id {ref})."
)
LOG = logging.getLogger("bydelsteam.app")
ALL = N_("All")
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
    legend = alt.Legend(labelExpr=label_expr("percent"))
    return alt.Color(f"{field}:Q", title=t(N_("Coverage (%)")), scale=scale, legend=legend)


def label_expr(kind: str = "number") -> str:
    """A Vega expression that writes an axis or legend label in the session's number format: "number"
    (1.234), "percent" (25 %) or "mio" (kroner as millions: 6,4). Vega-Lite formats in English; the
    expression swaps the separators for Danish."""
    fmt = {"percent": ".0%", "mio": ",.1f"}.get(kind, ",.0f")
    value = "datum.value / 1000000" if kind == "mio" else "datum.value"
    label = f"format({value}, '{fmt}')"
    if lang() == "da":
        label = (
            f"replace(replace(replace(replace({label}, regexp(',', 'g'), '_'), regexp('[.]', 'g'), ','), "
            "regexp('_', 'g'), '.'), '%', ' %')"
        )
    return label


def axis(kind: str = "number", **extra: object) -> alt.Axis:
    """An axis whose labels read in the session's number format (`label_expr`)."""
    return alt.Axis(labelExpr=label_expr(kind), **extra)  # type: ignore[arg-type]


def heat_map(frame: pd.DataFrame, x: str, y: str, value: str, title: str) -> alt.Chart:
    """A coverage heat map, each cell's value written in it: red below 75 %, yellow at 90 %, green from 100 %."""
    data = frame.assign(label=[percent(v, 0) if pd.notna(v) else "" for v in frame[value]])
    base = alt.Chart(data, title=t(title)).encode(
        x=alt.X(
            f"{x}:N", title=t(COLUMNS[x]), sort=None, axis=alt.Axis(labelAngle=-35, labelLimit=170, labelOverlap=False)
        ),
        y=alt.Y(f"{y}:N", title=t(COLUMNS[y]), sort=None, axis=alt.Axis(labelLimit=170, labelOverlap=False)),
    )
    rect = base.mark_rect().encode(
        color=coverage_color(value),
        tooltip=[
            alt.Tooltip(f"{x}:N", title=t(COLUMNS[x])),
            alt.Tooltip(f"{y}:N", title=t(COLUMNS[y])),
            alt.Tooltip("label:N", title=t(COLUMNS[value])),
        ],
    )
    text = base.mark_text(fontSize=10).encode(text="label:N")
    return cast(alt.Chart, rect + text)


def team_map(instance: Instance, result: SolveResult) -> alt.Chart:
    """Where the teams are: the institutions by their coordinates, coloured by their team's coverage, when the
    book has coordinates; otherwise a schematic map, each area a block of its teams' tiles (no map tiles
    from any service either way)."""
    teams = views.team_frame(instance, result)
    points = _located(instance, result)
    if points is not None:
        chart = (
            alt.Chart(points, title=t(N_("Map: institutions by their team's coverage")))
            .mark_circle(size=40, opacity=0.8)
            .encode(
                x=alt.X("longitude:Q", title=None, scale=alt.Scale(zero=False), axis=None),
                y=alt.Y("latitude:Q", title=None, scale=alt.Scale(zero=False), axis=None),
                color=coverage_color("coverage"),
                tooltip=[
                    alt.Tooltip("institution:N", title=t(COLUMNS["institution"])),
                    alt.Tooltip("team:N", title=t(COLUMNS["team"])),
                    alt.Tooltip("label:N", title=t(COLUMNS["coverage"])),
                ],
            )
        )
        return cast(alt.Chart, chart.properties(height=320))
    tiles = views.tile_layout(instance, list(teams["team_id"])).merge(
        teams[["team_id", "team", "coverage"]], on="team_id"
    )
    tiles["label"] = [percent(v, 0) if pd.notna(v) else "–" for v in tiles["coverage"]]
    # Each tile names its team (cut to the tile's width; the full name in the tooltip) over its coverage.
    tiles["joined"] = [f"{name}|{text}" for name, text in zip(tiles["team"], tiles["label"], strict=True)]
    tile = alt.Chart(tiles)
    encoding = {
        "x": alt.X("col:O", title=None, axis=None),
        "y": alt.Y("row:O", title=None, axis=None),
    }
    rect = tile.mark_rect(stroke="white", strokeWidth=2).encode(
        **encoding,
        color=coverage_color("coverage"),
        tooltip=[
            alt.Tooltip("team:N", title=t(COLUMNS["team"])),
            alt.Tooltip("area:N", title=t(COLUMNS["area"])),
            alt.Tooltip("label:N", title=t(COLUMNS["coverage"])),
        ],
    )
    label = (
        tile.transform_calculate(lines="split(datum.joined, '|')")  # an array of lines: Vega writes one a line
        .mark_text(fontSize=10, limit=66, lineHeight=13)
        .encode(**encoding, text="lines:N")
    )
    # One small panel per area, its name on top, one line per part of a joined name ("Nørrebro/Bispebjerg"): all
    # areas readable side by side at 1366 px.
    header = alt.Header(labelFontSize=12, labelLimit=150, labelExpr="split(datum.label, '/')")
    chart = (
        (rect + label)
        .properties(width=140, height=110)
        .facet(column=alt.Column("area:N", title=None, sort=None, header=header), spacing=8)
        .properties(title=t(N_("Schematic map: teams by coverage")))
    )
    return cast(alt.Chart, chart)


def _located(instance: Instance, result: SolveResult) -> pd.DataFrame | None:
    """Institutions with coordinates (optional columns of the book), with their team's coverage; None when
    the book has none."""
    rows = [(i, getattr(i, "latitude", None), getattr(i, "longitude", None)) for i in instance.institutions]
    rows = [(i, lat, lon) for i, lat, lon in rows if lat is not None and lon is not None]
    if not rows:
        return None
    teams = views.team_frame(instance, result).set_index("team_id")
    structure = {a.institution_id: a.team_id for a in result.institutions}
    frame = pd.DataFrame(
        [
            {
                "institution": i.name,
                "team": teams["team"].get(structure.get(i.id, i.team_id), ""),
                "coverage": teams["coverage"].get(structure.get(i.id, i.team_id)),
                "latitude": lat,
                "longitude": lon,
            }
            for i, lat, lon in rows
        ]
    )
    frame["label"] = [percent(v, 0) if pd.notna(v) else "–" for v in frame["coverage"]]
    return frame


def institution_table(frame: pd.DataFrame) -> None:
    """The institutions table, filterable by team, type and text (thousands of rows otherwise)."""
    team, kind, words = st.columns(3)
    teams = team.multiselect(t(COLUMNS["team"]), sorted(set(frame["team"])), key="inst_team", placeholder=t(ALL))
    kinds = kind.multiselect(t(COLUMNS["type"]), sorted(set(frame["type"])), key="inst_type", placeholder=t(ALL))
    search = words.text_input(t(N_("Search")), key="inst_text", placeholder=t(N_("Name or contact")))
    shown_rows = frame
    if teams:
        shown_rows = shown_rows[shown_rows["team"].isin(teams)]
    if kinds:
        shown_rows = shown_rows[shown_rows["type"].isin(kinds)]
    if search:
        hit = shown_rows["institution"].str.contains(search, case=False, regex=False)
        hit |= shown_rows["contact"].str.contains(search, case=False, regex=False)
        shown_rows = shown_rows[hit]
    st.caption(t(N_("{n} of {total} rows")).format(n=len(shown_rows), total=len(frame)))
    st.dataframe(shown(shown_rows.drop(columns=["institution_id"])), hide_index=True, width="stretch", height=400)


def bar(frame: pd.DataFrame, x: str, y: str, title: str, x_title: str, y_title: str, unit: str = "number") -> alt.Chart:
    """A bar per `x` (drawn across, so long names stay readable), from 0, its value axis in the session's number
    format (`axis`: number, percent, mio)."""
    chart = (
        alt.Chart(frame, title=t(title))
        .mark_bar(color="#1F4E79")
        .encode(
            y=alt.Y(f"{x}:N", title=t(x_title), sort=None, axis=alt.Axis(labelLimit=220)),
            x=alt.X(f"{y}:Q", title=t(y_title), axis=axis(unit), scale=alt.Scale(zero=True)),
            tooltip=[alt.Tooltip(f"{x}:N", title=t(x_title))],
        )
    )
    return cast(alt.Chart, chart)


def choose(label: str, options: Sequence[str], key: str, shown: Callable[[str], str] = str) -> str:
    """A drop-down of ids that shows each by `shown` (its display name)."""
    return str(st.selectbox(t(label), list(options), key=key, format_func=shown))
