"""Every page's logic through Streamlit's AppTest: what the planner sees for the sample, for a bad book, and for a
solve run end to end in the background process."""

from __future__ import annotations

import time
import tomllib
from io import BytesIO

import openpyxl
import pytest
from badbooks import base_book
from samplepaths import ROOT, SAMPLE_BOOK
from streamlit.testing.v1 import AppTest

from app.web import state
from app.web.book import read_bytes, sample
from app.web.runner import Job, poll
from optimiser.solve import solve
from scenarios.schema import load_scenario, parse_scenario
from scenarios.service import Book, Outcome, RunInputs, prepare, record, run
from scenarios.store import RunStore

PAGES = ROOT / "app" / "web" / "pages"
TIMEOUT = 120


def page(name: str) -> AppTest:
    return AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=TIMEOUT)


def test_the_app_opens_on_the_start_page_and_data_has_the_sample() -> None:
    at = AppTest.from_file(str(ROOT / "app" / "web" / "main.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Bydelsteams: behovsvægtet fordeling af støttefagligt personale"]
    assert [s.value for s in at.subheader] == ["Fire trin"]
    assert "# Method: how bydelsteam turns need into an allocation" in [m.value for m in at.markdown][-1]
    at.switch_page("pages/data.py").run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Data"]
    instance = sample().instance
    assert instance is not None
    assert [m.value for m in at.metric][:4] == ["5", "14", str(len(instance.institutions)), str(len(instance.staff))]
    assert "Arbejdsbogen er gyldig." in [s.value for s in at.success]
    assert any("Åben adgang" in c.value for c in at.sidebar.caption)  # no login configured


def test_english_switch() -> None:
    at = page("data").run()
    at.sidebar.radio[0].set_value("English").run()
    assert [t.value for t in at.title] == ["Data"]
    assert "The workbook is valid." in [s.value for s in at.success]


def test_a_bad_book_shows_every_problem_where_it_is() -> None:

    wb = openpyxl.load_workbook(BytesIO(base_book()))
    wb["Medarbejdere"]["D2"] = 1.5  # FTE above 1
    wb["Institutioner"]["E3"] = -5  # negative children
    out = BytesIO()
    wb.save(out)
    at = page("data")
    at.session_state[state.BOOK] = read_bytes("ond.xlsx", out.getvalue())
    at.session_state[state.SOURCE] = "upload"  # as after an upload: the sample is not put back
    at.run()
    table = at.dataframe[0].value
    assert set(table["Ark"]) == {"Medarbejdere", "Institutioner"}
    assert sorted(table["Række"].tolist()) == [2, 3]
    assert "2 fejl" in at.warning[0].value


def test_need_edits_change_the_demand_at_once() -> None:
    at = page("need").run()
    before = at.dataframe[1].value.copy()  # [0] is the weights editor
    first = sample().instance.professions[0].id  # type: ignore[union-attr]
    at.text_input(key=f"need_blend.{first}.0.da").set_value("0").run()  # head count only, first profession
    assert not at.exception
    assert at.session_state[state.NEED] is not None
    assert not at.dataframe[1].value.equals(before)
    at.button[0].click().run()  # back to the workbook's values
    assert state.NEED not in at.session_state or at.session_state[state.NEED] is None


def test_a_scenario_built_on_the_page() -> None:
    at = page("scenario").run()
    at.selectbox(key="sc_structure.0").set_value("26_klynger").run()
    at.text_input(key="sc_moves.0.da").set_value("40").run()
    assert "26" in at.success[0].value
    code = at.code[0].value
    assert "structure: 26_klynger" in code and "max_moves: 40" in code
    scenario = at.session_state[state.SCENARIO]
    assert scenario.spec.structure == "26_klynger"


def test_changes_on_the_scenario_page() -> None:
    at = page("scenario")
    at.session_state["sc_posts.0"] = {  # the table shows display names and Danish numbers
        "edited_rows": {},
        "added_rows": [
            {"profession": "Psykolog", "fte": "2,0", "team": "automatisk"},
            {"profession": "Tale-hørekonsulent", "fte": "-1"},
        ],
        "deleted_rows": [],
    }
    at.run()
    first = sample().instance.staff[0].id  # type: ignore[union-attr]
    at.multiselect(key="sc_locks.0").select(first).run()
    assert not at.exception
    changes = [c.kind for c in at.session_state[state.SCENARIO].spec.changes]
    assert changes == ["add", "remove", "lock"]
    assert "fte: 2.0" in at.code[0].value and "remove:" in at.code[0].value


def wait_for(at: AppTest, seconds: float = 120) -> Job:
    end = time.monotonic() + seconds
    while True:
        at.run()
        job: Job = at.session_state[state.JOB]
        if job.status != "running" or time.monotonic() > end:
            return job
        time.sleep(0.5)


def test_optimise_runs_in_the_background_and_stores_the_run() -> None:
    at = page("optimise").run()
    at.number_input[0].set_value(20.0).run()
    at.button[0].click().run()
    job = wait_for(at)
    assert job.status == "done"
    assert any("Færdig" in s.value for s in at.success)
    shown = at.session_state[state.SHOWN]
    assert shown.result.status == "optimal" and shown.run_id is not None
    store = RunStore()
    assert store.get(int(shown.run_id)) is not None
    store.close()


@pytest.mark.slow  # a fault test: a solver process started and killed (`make test-slow`)
def test_a_crashed_solver_is_reported_and_the_app_lives_on() -> None:
    at = page("optimise").run()
    at.button[0].click().run()
    job = at.session_state[state.JOB]
    job.process.kill()  # the solver process dies (out of memory, a native crash ...)
    job = wait_for(at, 30)
    assert job.status == "crashed"
    assert any("stoppede uventet" in e.value for e in at.error)
    assert not at.exception
    assert not at.button[0].disabled  # the planner can start again


@pytest.fixture(scope="module")
def solved_sample() -> state.ShownRun:
    instance = sample().instance
    assert instance is not None
    result = solve(instance)
    return state.ShownRun("Arbejdsbogen", instance, None, result, "1")


def test_the_result_page(solved_sample: state.ShownRun) -> None:
    at = page("result")
    at.session_state[state.SHOWN] = solved_sample
    at.run()
    assert not at.exception
    k = solved_sample.result.kpis
    assert k is not None
    assert at.metric[2].value == str(k.staff_moved)
    captions = [c.value for c in at.caption]
    assert any("Den uafhængige kontrol" in c for c in captions)
    assert any(c.startswith("Målt mod: ") for c in captions)  # every output says its reference
    assert len(at.get("download_button")) == 2
    moves = at.dataframe[1].value
    assert len(moves) == k.staff_moved


def wait_for_job(job: Job, seconds: float = 120) -> Job:
    end = time.monotonic() + seconds
    while poll(job).status == "running" and time.monotonic() < end:
        time.sleep(0.5)
    return job


def test_the_compare_page_shows_stored_runs() -> None:
    book = Book(SAMPLE_BOOK.name, SAMPLE_BOOK.read_bytes(), sample().instance)  # type: ignore[arg-type]
    store = RunStore()
    for name in ("s1_14_bydelsteams", "s3_5_omraader"):
        scenario = load_scenario(ROOT / "scenarios" / "examples" / f"{name}.yaml")
        run(RunInputs(book, scenario, overrides={"time_limit_s": 30}), store=store, command="test")
    store.close()
    at = page("compare").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table.columns) == 3  # today and the two runs, one column each
    assert table.index[0] == "Største relative underdækning"  # a row per figure, by its full title
    # the committee pack: the comparison workbook, the deck and the draft committee paper
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == [
        "Hent sammenligningen som Excel",
        "Hent udvalgspræsentationen (PowerPoint)",
        "Hent udkastet til sagsfremstilling (Word)",
    ]


def test_a_stored_run_that_no_longer_fits_is_left_out(solved_sample: state.ShownRun) -> None:
    book = Book(SAMPLE_BOOK.name, SAMPLE_BOOK.read_bytes(), solved_sample.instance)
    store = RunStore()
    stale = parse_scenario("structure: en_gammel_struktur\n", "gammel.yaml", "gammel")
    # Stored when the structure existed: the run's inputs name it, its plan is the book's.
    record(store, Outcome(RunInputs(book, stale), prepare(RunInputs(book)), solved_sample.result), "test")
    store.close()
    at = page("compare").run()
    assert not at.exception
    assert any("passer ikke til arbejdsbogen" in c.value for c in at.caption)


def test_an_unexpected_error_is_a_short_message_and_a_log_line_without_its_text(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(title: str) -> None:
        raise RuntimeError("Jens Hansen")  # an exception's text may quote a workbook cell

    monkeypatch.setattr("app.web.ui.page", broken)  # the first page, Start, fails at its first line
    at = AppTest.from_file(str(ROOT / "app" / "web" / "main.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert any("Noget gik galt på siden" in e.value and "Dine data er ikke tabt" in e.value for e in at.error)
    assert "RuntimeError" in caplog.text and "home.py" in caplog.text
    assert "Jens" not in caplog.text


def test_the_browser_never_gets_a_traceback() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"  # `false` would mean "stacktrace"
