"""The Robusthed page through Streamlit's AppTest: Danish words, a running sweep's progress bar and cancel
button, and a finished sweep's tables with display names."""

from __future__ import annotations

import threading

from samplepaths import ROOT
from streamlit.testing.v1 import AppTest

from app.web.robust_job import RobustJob
from optimiser.robust import Cell, Flip, Ranking, RobustReport, SweepSettings
from scenarios.executor import Progress
from scenarios.robust import Sweep

PAGE = str(ROOT / "app" / "web" / "pages" / "robust.py")
JOB = "robust_job"


def report() -> RobustReport:
    quantiles = {"p05": 0.7, "p25": 0.75, "p50": 0.8, "p75": 0.85, "p95": 0.9}
    return RobustReport(
        book="kommune.xlsx",
        scenarios=["arbejdsbog"],
        settings=SweepSettings(samples=10, seed=0),
        samples_done=10,
        failures=[],
        cells=[
            Cell(
                scenario="arbejdsbog",
                district="nørrebro",
                profession="tale_hørekonsulent",
                base_coverage=0.8,
                coverage_quantiles={"fixed": quantiles, "reoptimised": quantiles},
                probability_below={"fixed": 0.9, "reoptimised": 0.6},
                samples={"fixed": 10, "reoptimised": 10},
            )
        ],
        flips=[Flip(scenario="arbejdsbog", staff_id="s0001", base_team="nørrebro", share=0.3, teams={"bispebjerg": 3})],
        ranking=[Ranking(kpi="max_relative_shortfall", first={"arbejdsbog": 1.0})],
    )


def test_the_page_asks_in_danish() -> None:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Robusthed"]
    assert [b.label for b in at.button] == ["Start beregningen"]
    assert at.number_input[0].label == "Prøver"


def test_a_running_sweep_shows_progress_and_can_be_cancelled() -> None:
    release = threading.Event()
    job = RobustJob(total=40, progress=Progress(10, 1, 40, 30.0, 120.0))
    job.thread = threading.Thread(target=release.wait, daemon=True)
    job.thread.start()
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state[JOB] = job
    at.run()
    assert not at.exception
    cancel = next(b for b in at.button if b.label == "Annullér")
    cancel.click().run()
    assert job.cancel.is_set()
    release.set()


def test_a_finished_sweep_shows_display_names() -> None:
    job = RobustJob(total=10, result=Sweep(report(), (None,)))
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.session_state[JOB] = job
    at.run()
    assert not at.exception
    frame = at.dataframe[0].value
    assert list(frame.columns)[:3] == ["Team", "Faggruppe", "Dækning i planen"]
    assert frame.iloc[0].tolist()[:5] == ["Nørrebro", "Tale-hørekonsulent", "80 %", "90 %", "60 %"]
    assert [s.value for s in at.subheader][:2] == [
        "De mest udsatte teams og faggrupper",
        "Medarbejdere, hvis team ofte skifter",
    ]
