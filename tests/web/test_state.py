"""The session's state without a browser (Streamlit's AppTest): what a session keeps in the run store under its
token and a reload restores, what Optimér will solve, and pages whose fields show the selected thing's values."""

from __future__ import annotations

from pathlib import Path

import pytest
from samplepaths import ROOT
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import TextInput

from app.web import session, state
from app.web.book import Book, read_bytes, sample
from app.web.session import Snapshot
from app.web.state import ToSolve
from scenarios import service
from scenarios.edits import NeedEdit
from scenarios.schema import load_scenario
from scenarios.store import RunStore

PAGES = ROOT / "app" / "web" / "pages"
EXAMPLE = ROOT / "scenarios" / "examples" / "s3_5_omraader.yaml"


def page(name: str) -> AppTest:
    return AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=120)


@pytest.fixture
def upload(tiny_book: Path) -> Book:
    """A planner's upload: the tiny municipality (professions psykolog and tale), read as the Data page does."""
    return read_bytes("lille.xlsx", tiny_book.read_bytes())


def test_a_snapshot_reads_back_as_it_was() -> None:
    kept = Snapshot(
        "upload", "ab" * 32, "lille.xlsx", (NeedEdit(profession="psykolog", floor=0.9),), load_scenario(EXAMPLE), 7, "X"
    )
    assert Snapshot.from_json(kept.to_json()) == kept


def test_what_no_longer_reads_is_left_out_not_guessed() -> None:
    got = Snapshot.from_json(
        {
            "source": "elsewhere",
            "need_edits": [{"profession": "psykolog", "floor": -1}, {"profession": "tale", "blend": 0.5}],
            "scenario": {"name": "x", "source": "x.yaml", "text": "policy: 5\n"},
            "run_id": "7",
        }
    )
    assert got == Snapshot(need_edits=(NeedEdit(profession="tale", blend=0.5),))


def test_tokens_are_random_and_checked() -> None:
    tokens = {session.new_token() for _ in range(100)}
    assert len(tokens) == 100 and all(session.valid_token(t) for t in tokens)
    assert (
        not session.valid_token("abc")
        and not session.valid_token("x" * 30 + "'; drop")
        and not session.valid_token(None)
    )


FLOOR, BLEND = "Gulv for behovsfaktoren", "Andel efter behov (resten efter antal børn)"


def field(at: AppTest, label: str) -> TextInput:
    """A field found by its label, as the planner finds it (not by its key, which the test would then fix)."""
    return next(t for t in at.text_input if t.label == label)


def edit_floor(at: AppTest, typed: str) -> None:
    field(at, FLOOR).set_value(typed).run()


def test_a_reload_restores_that_session_and_no_other(upload: Book) -> None:
    first = page("need")
    first.session_state[state.BOOK] = upload
    first.session_state[state.SOURCE] = "upload"
    first.run()
    edit_floor(first, "0,9")
    assert first.session_state[state.NEED] == (NeedEdit(profession="psykolog", floor=0.9),)
    token = first.query_params[session.PARAM]

    reload = page("need")
    reload.query_params[session.PARAM] = token
    reload.run()
    assert not reload.exception
    assert reload.session_state[state.BOOK].name == "lille.xlsx"
    assert reload.session_state[state.BOOK].digest == upload.digest
    assert reload.session_state[state.NEED] == (NeedEdit(profession="psykolog", floor=0.9),)
    assert field(reload, FLOOR).value == "0,9"

    other = page("need").run()  # another browser: a token of its own, the sample, no edits
    assert other.query_params[session.PARAM] != token
    assert other.session_state[state.BOOK].is_sample
    assert state.NEED not in other.session_state


def test_a_reload_reopens_the_shown_run(upload: Book) -> None:
    assert upload.instance is not None
    book = service.Book(upload.name, upload.data, upload.instance)
    store = RunStore()
    outcome = service.run(service.RunInputs(book, overrides={"time_limit_s": 20}), store=store, command="app")
    store.close()
    assert outcome.run_id is not None
    token = session.new_token()
    kept = Snapshot("upload", upload.digest, upload.name, run_id=outcome.run_id, run_label="Min plan")
    session.save(token, kept, upload.data)

    at = page("data")
    at.query_params[session.PARAM] = token
    at.run()
    shown = at.session_state[state.SHOWN]
    assert (shown.label, shown.run_id, shown.result) == ("Min plan", str(outcome.run_id), outcome.result)
    assert at.session_state[state.SOURCE] == "upload"
    assert at.radio(key="data_source").value == "upload"


def test_data_keeps_the_upload_when_the_sample_is_chosen_in_between(upload: Book) -> None:
    at = page("data")
    at.session_state[state.BOOK] = upload
    at.session_state[state.SOURCE] = "upload"
    at.run()
    assert at.subheader[0].value == "lille.xlsx"
    at.radio(key="data_source").set_value("sample").run()
    assert at.session_state[state.BOOK].is_sample
    at.radio(key="data_source").set_value("upload").run()
    assert at.session_state[state.BOOK] is upload and at.subheader[0].value == "lille.xlsx"


def test_switching_profession_shows_that_professions_values() -> None:
    at = page("need").run()
    edit_floor(at, "0,9")
    at.selectbox(key="need_profession").set_value("støttepædagog").run()
    # The sample's støttepædagog: floor 0,5, blend 1,0, weights 0,5 · 0,3 · 0,2 (the book's, not psykolog's)
    assert field(at, FLOOR).value == "0,5"
    assert field(at, BLEND).value == "1,0"
    assert at.dataframe[0].value["weight"].tolist() == ["0,5", "0,3", "0,2"]
    at.selectbox(key="need_profession").set_value("psykolog").run()
    assert field(at, FLOOR).value == "0,9"  # its own edit
    assert field(at, BLEND).value == "0,9"  # the book's


def test_a_value_that_cannot_be_read_is_refused_beside_the_field_and_changes_nothing() -> None:
    at = page("need").run()
    edit_floor(at, "0,9")
    edit_floor(at, "abc")
    assert [e.value for e in at.error] == [
        "»abc« er ikke et tal. Skriv decimaler med komma og tusinder med punktum: 0,9 · 6.400.000."
    ]
    assert at.session_state[state.NEED] == (NeedEdit(profession="psykolog", floor=0.9),)


def test_a_weight_typed_in_danish_is_read_right() -> None:
    """The table's weights are Danish text: "0,9" is 0.9 (a number cell read it as 0,00); "abc" is refused."""
    at = page("need").run()
    weights = "need_weights.psykolog.0"
    at.session_state[weights] = {"edited_rows": {0: {"weight": "0,9"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert at.session_state[state.NEED] == (NeedEdit(profession="psykolog", weights={"socioøkonomisk_indeks": 0.9}),)
    at.session_state[weights] = {"edited_rows": {1: {"weight": "abc"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    assert [e.value for e in at.error] == [
        "Række 2, Vægt: »abc« er ikke et tal. Skriv decimaler med komma og tusinder med punktum: 0,9 · 6.400.000."
    ]
    assert state.NEED not in at.session_state  # the first edit is undone by the new table state; abc changes nothing


def test_visiting_the_scenario_page_makes_no_scenario() -> None:
    at = page("scenario").run()
    at.run()
    assert state.SCENARIO not in at.session_state
    assert "Intet scenarie" in at.info[0].value


def load(at: AppTest, example: str) -> None:
    at.selectbox(key="scenario_example").set_value(example).run()
    next(b for b in at.button if b.label == "Hent").click().run()


def test_a_loaded_example_shows_at_once_and_is_what_runs() -> None:
    at = page("scenario").run()
    load(at, EXAMPLE.name)
    assert not at.exception
    scenario = at.session_state[state.SCENARIO]
    assert scenario.text == EXAMPLE.read_text(encoding="utf-8")  # the file exactly: the CLI's run of it
    assert at.text_input(key="sc_title.1").value == "Scenarie 3: ét team pr. område"
    assert at.selectbox(key="sc_structure.1").value == "5_områder"
    assert "Optimér beregner **Scenarie 3: ét team pr. område**" in at.success[0].value

    at.text_input(key="sc_moves.1.da").set_value("40").run()
    changed = at.session_state[state.SCENARIO]
    assert changed.spec.policy.max_moves == 40
    assert changed.spec.structure == "5_områder" and changed.spec.description == scenario.spec.description

    at.text_input(key="sc_budget.1.da").set_value("abc").run()
    assert at.session_state[state.SCENARIO] == changed  # not changed while a field cannot be read
    assert any("»abc« er ikke et tal" in e.value for e in at.error)


def test_a_budget_in_danish_is_read_right() -> None:
    at = page("scenario").run()
    at.text_input(key="sc_budget.0.da").set_value("6.400.000").run()
    assert at.session_state[state.SCENARIO].spec.budget.new_posts_dkk == 6_400_000
    assert at.session_state[state.SCENARIO].title == "Mit scenarie"  # not the id "mit_scenarie"
    assert at.text_input(key="sc_budget.0.da").value == "6.400.000"


def test_what_will_be_solved_in_words() -> None:
    scenario = load_scenario(EXAMPLE)
    edits = (NeedEdit(profession="psykolog", floor=0.9, weights={"ppr_sager_pr_100": 0.4}),)
    assert ToSolve(sample(), scenario, edits).lines("da") == [
        "Arbejdsbog: kommune.xlsx (eksemplet)",
        "Scenarie: Scenarie 3: ét team pr. område (s3_5_omraader)",
        "Behovsændringer: Psykolog: gulv 0,90, 1 vægte",
    ]
    assert ToSolve(sample(), None, ()).lines("da")[1:] == [
        "Scenarie: Arbejdsbogen som den er",
        "Behovsændringer: ingen",
    ]
    assert ToSolve(sample(), scenario, ()).label("da") == "Scenarie 3: ét team pr. område"


def test_what_differs_from_the_shown_run() -> None:
    book = sample()
    assert book.instance is not None
    scenario = load_scenario(EXAMPLE)
    edits = (NeedEdit(profession="psykolog", floor=0.9),)
    inputs = service.RunInputs(service.Book(book.name, book.data, book.instance), scenario, edits, (("M1", None),))
    assert ToSolve(book, scenario, edits).differs_from(inputs) == ()  # the run's own locks are no difference
    assert ToSolve(book, None, edits).differs_from(inputs) == ("the scenario",)
    assert ToSolve(book, scenario, ()).differs_from(inputs) == ("the need edits",)
    assert ToSolve(book, scenario, edits).differs_from(None) == ()
