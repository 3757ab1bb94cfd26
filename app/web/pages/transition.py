"""Overgang: a scenario's dated steps on a timeline, planned from today to the target (`scenarios.phase`).

The scenario comes from the Scenario page, or one of the examples with steps. The path is planned in a
background process (`app.web.phase_job`: every step is a solve; the phased example takes about a minute on a
quiet machine) with its progress and a cancel button, so the page never freezes; each step is stored in the
run store like any run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from app.web import phase_job, state, ui
from app.web.phase_job import PhaseJob, PhaseRequest
from optimiser.explain import render
from optimiser.i18n import N_, text
from optimiser.names import Names
from optimiser.transition import PhasePlan, reach_text
from optimiser.vocabulary import short_status
from scenarios.phase import book_steps, step_dates
from scenarios.schema import ALL, Scenario, load_scenario
from scenarios.service import Book

EXAMPLES = Path(__file__).resolve().parents[3] / "scenarios" / "examples"
PLAN = "phase_plan"
JOB = "phase_job"
SHOWN = "phase_shown"  # the job whose plan is drawn


def w(msgid: str, **args: object) -> str:
    return text(msgid, state.lang(), **args)


ui.page(N_("Transition"))
instance = ui.workbook()
chosen = state.get_object(state.SCENARIO)
# A scenario with steps, or any scenario when the workbook has steps (sheet Trin; the scenario's own win)
scenario = chosen if isinstance(chosen, Scenario) and (chosen.spec.steps or instance.steps) else None
if scenario is None:
    st.info(w(N_("The scenario chosen on the Scenario page has no dated steps (steps:). Pick an example with steps:")))
    stepped = [s for s in (load_scenario(p) for p in sorted(EXAMPLES.glob("*.yaml"))) if s.spec.steps]
    titles = {s.title: s for s in stepped}
    scenario = titles[str(st.selectbox(w(N_("Example")), list(titles), key="phase_example"))]

st.subheader(scenario.title)


def caps_words(given: list[Mapping[str, int | float] | None], label: Callable[[str], str], every: str) -> str:
    """A step's caps as written, by name: "Psykolog 5, hver faggruppe 10 %"."""
    return ", ".join(
        f"{every if key == ALL else label(key)} {value if isinstance(value, int) else ui.percent(value, 0)}"
        for caps in given
        for key, value in (caps or {}).items()
    )


book_names = Names.of(instance)
steps = scenario.spec.steps or book_steps(instance)
dates = step_dates(steps, pd.Timestamp.today().date())
st.dataframe(
    pd.DataFrame(
        [
            {
                w(N_("Date")): when.isoformat(),
                w(N_("Step")): step.title or "",
                w(N_("Move cap")): "" if step.max_moves is None else str(step.max_moves),
                w(N_("Caps per team (staff who leave it)")): caps_words(
                    [step.max_moves_per_team], book_names.team, w(N_("every team"))
                ),
                w(N_("Caps per profession")): caps_words(
                    [step.max_moves_per_profession, step.max_share_moved],
                    book_names.profession,
                    w(N_("every profession")),
                ),
                w(N_("Budget for new posts")): ui.money(step.budget_dkk) if step.budget_dkk is not None else "",
                w(N_("Posts that arrive (FTE)")): sum(a.fte for a in step.add) or None,
                w(N_("Posts that end (FTE)")): sum(e.fte for e in step.end) or None,
                w(N_("People who leave")): len(step.leave) or None,
            }
            for step, when in zip(steps, dates, strict=True)
        ]
    ),
    hide_index=True,
)

job = state.get_object(JOB)
running = isinstance(job, PhaseJob) and job.status == "running"
if not running and st.button(w(N_("Plan the transition")), type="primary"):
    book = state.book()
    job = phase_job.start(PhaseRequest(Book(book.name, book.data, instance), scenario, state.lang()))
    state.set_object(JOB, job)
    st.rerun()  # drawn again without the button while the plan runs (a second click would start another)


@st.fragment(run_every=1.0)
def progress() -> None:
    """How far the path has come, with a cancel button; a finished plan is kept and the page drawn again."""
    job = state.get_object(JOB)
    if not isinstance(job, PhaseJob):
        return
    phase_job.poll(job)
    if job.status == "running":
        words = w(
            N_("Planning: {done} of {total} solves done (the one-step plan, every step, the comparison), {seconds} s"),
            done=job.done,
            total=job.total,
            seconds=round(job.elapsed),
        )
        st.progress(job.done / max(1, job.total), text=words)
        if st.button(w(N_("Cancel")), key="phase_cancel"):
            phase_job.cancel(job)
            st.rerun(scope="app")
        return
    if job.status == "cancelled":
        st.warning(w(N_("Planning was cancelled; steps already stored stay in the run store.")))
    elif job.status == "failed":
        st.error(ui.plain_lines(job.error or ""))
    elif job.status == "crashed":
        st.error(w(N_("The planning process stopped unexpectedly (exit code {code}). Try again."), code=job.exitcode))
    elif job.planned is not None and state.get_object(SHOWN) is not job:
        state.set_object(PLAN, job.planned.plan)
        state.set_object(SHOWN, job)
        st.rerun(scope="app")  # the whole page: the plan is drawn below the fragment
    if job.planned is not None:
        if job.planned.run_ids:
            ids = ", ".join(str(i) for i in job.planned.run_ids)
            st.caption(w(N_("The steps are stored as runs no. {ids} (bydelsteam runs list)."), ids=ids))
        elif job.planned.store_error:
            st.caption(w(N_("The steps were not stored: {error}"), error=job.planned.store_error))


progress()

plan = state.get_object(PLAN)
if isinstance(plan, PhasePlan) and plan.scenario == scenario.name:
    names = Names.of(instance, pseudonymise=True)
    (st.success if plan.reach.reached else st.warning)(reach_text(plan, state.lang()))
    start = [c for c in plan.steps[0].coverage if c.demand_fte > 0]
    rows = [
        {
            "date": pd.Timestamp(plan.steps[0].date) - pd.DateOffset(months=1),
            "label": w(N_("Today")),
            "worst": max((max(0.0, 1 - c.current_supply_fte / c.demand_fte) for c in start), default=None),
            "moves": 0,
        }
    ]
    rows += [
        {
            "date": pd.Timestamp(s.date),
            "label": s.title or s.date.isoformat(),
            "worst": s.kpis.max_relative_shortfall if s.kpis else None,
            "moves": len(s.moves),
        }
        for s in plan.steps
    ]
    frame = pd.DataFrame(rows)
    worst_title, moves_title = w(N_("Largest relative shortfall")), w(N_("Moves"))
    line = (
        alt.Chart(frame)
        .mark_line(point=True, color="#1F4E79")
        .encode(
            x=alt.X("date:T", title=w(N_("Date"))),
            y=alt.Y("worst:Q", title=worst_title, axis=alt.Axis(format="%")),
            tooltip=["label", alt.Tooltip("worst:Q", format=".1%"), "moves"],
        )
    )
    bars = (
        alt.Chart(frame)
        .mark_bar(color="#ED7D31", opacity=0.5, size=30)
        .encode(x="date:T", y=alt.Y("moves:Q", title=moves_title), tooltip=["label", "moves"])
    )
    st.altair_chart(
        alt.layer(bars, line).resolve_scale(y="independent").properties(title=w(N_("The steps on a timeline"))),
        use_container_width=True,
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    w(N_("Date")): s.date.isoformat(),
                    w(N_("Status")): short_status(s.status, state.lang()),
                    w(N_("Moves")): len(s.moves),
                    w(N_("Largest relative shortfall")): ui.percent(s.kpis.max_relative_shortfall) if s.kpis else "–",
                    w(N_("Total shortfall (FTE)")): ui.number(s.kpis.total_shortfall_fte, 2) if s.kpis else "–",
                    w(N_("Checker")): w(N_("passes")) if not s.checker else "; ".join(s.checker),
                }
                for s in plan.steps
            ]
        ),
        hide_index=True,
    )
    for s in plan.steps:
        for line_text in render(s.explanation[:1], state.lang()):
            st.caption(f"{s.date.isoformat()}: {line_text}")
    st.subheader(w(N_("Who moves when")))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    w(N_("Date")): m.date.isoformat(),
                    w(N_("Staff id")): m.staff_id,
                    w(N_("Profession")): names.profession(m.profession),
                    w(N_("FTE")): ui.number(m.fte, 2),
                    w(N_("From team")): names.team(m.from_team_id),
                    w(N_("To team")): names.team(m.to_team_id),
                }
                for s in plan.steps
                for m in s.moves
            ]
        ),
        hide_index=True,
    )
    st.subheader(w(N_("Distance to target")))
    st.caption(w(N_("Target = the need at the last step. Above zero: short of the target; below zero: above it.")))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    w(N_("Team")): names.team(d.team_id),
                    w(N_("Profession")): names.profession(d.profession),
                    w(N_("Today")): ui.number(d.today_fte, 2),
                    w(N_("Target (FTE)")): ui.number(d.target_fte, 2),
                    **{f"{s.date.isoformat()}": ui.number(x, 2) for s, x in zip(plan.steps, d.fte, strict=True)},
                    w(N_("Last step (kr.)")): ui.money(d.dkk[-1]),
                }
                for d in plan.distance
            ]
        ),
        hide_index=True,
    )
    st.download_button(
        w(N_("Download PLAN.json")), plan.model_dump_json(indent=2), file_name="PLAN.json", mime="application/json"
    )
