"""The Overgang page through Streamlit's AppTest: the steps of a scenario, a plan made in the background
process (`app.web.phase_job`) with its progress and cancel button, and the finished plan on a timeline,
stored in the run store like any run."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import time

from instances import two_team_town
from samplepaths import ROOT
from streamlit.testing.v1 import AppTest

from app.web import state
from app.web.book import Book as AppBook
from app.web.phase_job import PhaseJob, PhaseRequest
from optimiser.domain import BookStep
from scenarios.schema import parse_scenario
from scenarios.service import Book
from scenarios.store import RunStore

PAGE = str(ROOT / "app" / "web" / "pages" / "transition.py")
TWO_STEPS = (
    "name: two\ntitle: To trin\nsteps:\n  - {date: 2026-08-01, max_moves: 1}\n  - {date: 2027-08-01, max_moves: 1}\n"
)


def town_page() -> AppTest:
    """The page with the two-team town of tests/scenarios/test_phase.py: one 1.0-FTE move, then one 0.5."""
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state[state.BOOK] = AppBook("town.xlsx", "0" * 64, two_team_town(), ())
    at.session_state[state.SCENARIO] = parse_scenario(TWO_STEPS, "s.yaml")
    return at.run()


def wait_for(at: AppTest, seconds: float = 180) -> PhaseJob:
    end = time.monotonic() + seconds
    while True:
        at.run()
        job: PhaseJob = at.session_state["phase_job"]
        if job.status != "running" or time.monotonic() > end:
            at.run()  # the page drawn again with the plan
            return job
        time.sleep(0.5)


def test_the_page_plans_in_the_background_and_stores_every_step() -> None:
    at = town_page()
    assert [c.value for c in at.subheader][:1] == ["To trin"]
    at.button[0].click().run()
    assert not at.exception
    if at.session_state["phase_job"].status == "running":  # no second start while it plans
        assert "Beregn overgangen" not in [b.label for b in at.button]
    job = wait_for(at)
    assert job.status == "done" and job.planned is not None
    plan = at.session_state["phase_plan"]
    assert [s.date.isoformat() for s in plan.steps] == ["2026-08-01", "2027-08-01"]
    assert [[m.fte for m in s.moves] for s in plan.steps] == [[1.0], [0.5]]
    assert all(s.checker == () for s in plan.steps)
    assert at.success[0].value.startswith("Sidste trin når ettrinsplanens lighedsniveauer")
    assert [c.value for c in at.subheader][1:] == ["Hvem flytter hvornår", "Afstand til mål"]
    assert len(job.planned.run_ids) == 2
    assert any("gemt som kørsel nr." in c.value for c in at.caption)
    store = RunStore()
    assert all(store.get(i) is not None for i in job.planned.run_ids)
    store.close()


def test_a_running_plan_shows_its_progress_and_can_be_cancelled() -> None:
    at = town_page()
    context = multiprocessing.get_context("spawn")
    reader, writer = context.Pipe(duplex=False)
    busy = context.Process(target=time.sleep, args=(120,), daemon=True)  # a plan that takes its time
    busy.start()
    request = PhaseRequest(Book("town.xlsx", b"", two_team_town()), parse_scenario(TWO_STEPS, "s.yaml"))
    job = PhaseJob(request=request, process=busy, conn=reader, done=1, total=4)
    at.session_state["phase_job"] = job
    at.run()
    assert not at.exception
    assert at.get("progress")[0].proto.text.startswith("Planlægger: 1 af 4 beregninger færdige")
    at.button(key="phase_cancel").click().run()
    assert job.status == "cancelled" and not busy.is_alive()
    assert any("Planlægningen blev afbrudt" in w.value for w in at.warning)
    assert not at.exception
    writer.close()


def test_the_page_offers_the_examples_with_steps() -> None:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    assert "ingen daterede trin" in at.info[0].value
    assert set(at.selectbox(key="phase_example").options) == {
        "3 årsværk tale-høre fra Børnecenter København",
        "14 bydelsteams i to trin (2026/27 og 2027/28)",
    }


def test_the_workbooks_steps_make_any_scenario_plannable() -> None:
    # the sheet Trin's steps (as read), and a scenario without steps of its own
    steps = (BookStep(date=dt.date(2026, 8, 1), title="Første trin", max_moves_per_team=0.25),)
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state[state.BOOK] = AppBook(
        "town.xlsx", "0" * 64, two_team_town().model_copy(update={"steps": steps}), ()
    )
    at.session_state[state.SCENARIO] = parse_scenario("name: uden_trin\ntitle: Uden egne trin\n", "s.yaml")
    at.run()
    assert not at.exception
    assert [c.value for c in at.subheader][:1] == ["Uden egne trin"]
    table = at.dataframe[0].value
    assert list(table["Trin"]) == ["Første trin"]
    assert list(table["Lofter pr. team (medarbejdere, der forlader det)"]) == ["alle teams 25 %"]
