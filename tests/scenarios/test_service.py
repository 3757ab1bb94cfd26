"""The run service: one path for the CLI and the app, a stored run that holds its inputs, `runs rerun`.

The town (tests/helpers/rulecase.py): teams A and B, school sA (100 children) in A, sB (300) in B, four
psychologists of 1.0 FTE, three now in A, one in B; practice share 0.8, so 3.2 practice-near FTE to share.
Here the schools also report an indicator `idx`: sA 3.0, sB 1.0; its child-weighted mean is
(100 × 3 + 300 × 1) / 400 = 1.5. The book weighs it 0, so demand follows children: A 0.8, B 2.4, and the
optimum moves two people from A to B. The need edit `idx: 1.0` gives multipliers 1 + (3 / 1.5 − 1) = 2 for sA
and 1 + (1 / 1.5 − 1) = 2/3 for sB, so needs 200 and 200: demand A 1.6, B 1.6, and one move is enough.
The book's parameters make every run deterministic on one worker.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from rulecase import base
from sqlalchemy import create_engine, text

from app.cli.main import main
from app.web import jobs, runner
from app.web.book import read_bytes
from optimiser import need
from optimiser.io import BookError, read, write_book
from optimiser.results import SolveResult
from optimiser.settings import SolverSettings
from scenarios import service
from scenarios.edits import NeedEdit, apply_need_edits, need_edits
from scenarios.rerun import plan_differences
from scenarios.schema import parse_scenario
from scenarios.store import MIGRATIONS, RunRecord, RunStore, database_url

EDIT = NeedEdit(profession="psy", weights={"idx": 1.0})
SCENARIO = "title: Én flytning højst\npolicy: {max_moves: 1}\n"


@pytest.fixture(scope="module")
def book_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    town = base(
        solver=SolverSettings(deterministic=True, workers=1, time_limit_s=30),
        indicators={"sA": {"idx": 3.0}, "sB": {"idx": 1.0}},
    )
    path = tmp_path_factory.mktemp("town") / "town.xlsx"
    write_book(town, path)
    return path


@pytest.fixture
def store() -> Any:
    opened = RunStore()
    yield opened
    opened.close()


def moved(result: Any) -> int:
    return sum(a.moved for a in result.assignments)


def test_the_need_edit_changes_the_plan_as_worked_out(book_file: Path) -> None:
    book = service.load_book(book_file)
    plain = service.run(service.RunInputs(book))
    edited = service.run(service.RunInputs(book, need_edits=(EDIT,)))
    assert moved(plain.result) == 2
    assert moved(edited.result) == 1
    demand = {(c.team_id, c.profession): round(c.demand_fte, 6) for c in edited.result.coverage}
    assert demand == {("A", "psy"): 1.6, ("B", "psy"): 1.6}


def test_need_edits_are_the_difference_between_two_instances(book_file: Path) -> None:
    town = service.load_book(book_file).instance
    both = NeedEdit(profession="psy", blend=0.5, weights={"idx": 1.0})
    changed = apply_need_edits(town, (both,))
    assert (changed.profession("psy").need_blend, changed.need_weights[0].weight) == (0.5, 1.0)
    assert need_edits(town, changed) == (both,)
    assert apply_need_edits(town, ()) is town
    with pytest.raises(ValueError, match="tale"):
        apply_need_edits(town, (NeedEdit(profession="tale"),))
    with pytest.raises(ValueError, match="twice"):
        apply_need_edits(town, (EDIT, NeedEdit(profession="psy", blend=0.5)))


def test_one_solve_reads_the_book_once_and_computes_the_need_model_once(
    book_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before the run service: the book was opened twice (parsed, then read for its hash) and the need model
    computed three times (the scenario's "auto" demand, the model's structure, the contacts without one)."""
    calls: Counter[str] = Counter()
    read_bytes_of_path = Path.read_bytes
    parse, needs = read._load, need._institution_needs

    def counted_read(self: Path) -> bytes:
        calls[f"read {self.name}"] += 1
        return read_bytes_of_path(self)

    def counted_parse(path: Path) -> Any:
        calls["parse " + ("book" if path == book_file else "copy")] += 1
        return parse(path)

    def counted_needs(*args: Any) -> Any:
        calls["need"] += 1
        return needs(*args)

    monkeypatch.setattr(Path, "read_bytes", counted_read)
    monkeypatch.setattr(read, "_load", counted_parse)
    monkeypatch.setattr(need, "_institution_needs", counted_needs)
    scenario = tmp_path / "s.yaml"
    scenario.write_text("changes:\n  - add: {profession: psy, fte: 1.0, team: B}\n", encoding="utf-8")
    out = str(tmp_path / "r.json")
    assert main(["solve", str(book_file), "--out", out, "--no-store"]) == 0
    assert calls == {"read town.xlsx": 1, "parse copy": 1, "need": 1}
    calls.clear()
    assert main(["solve", str(book_file), "--out", out, "--no-store", "--scenario", str(scenario)]) == 0
    assert calls == {"read town.xlsx": 1, "parse copy": 1, "need": 1}  # a named team: no "auto" demand needed
    calls.clear()
    scenario.write_text("changes:\n  - add: {profession: psy, fte: 1.0, team: auto}\n", encoding="utf-8")
    assert main(["solve", str(book_file), "--out", out, "--no-store", "--scenario", str(scenario)]) == 0
    assert calls["need"] == 2  # the demand before the change chooses the team; the plan's after it


def wait(job: runner.Job) -> runner.Job:
    end = time.monotonic() + 120
    while runner.poll(job).status == "running" and time.monotonic() < end:
        time.sleep(0.2)
    return job


def test_the_cli_and_the_app_store_identical_runs(book_file: Path, tmp_path: Path, store: RunStore) -> None:
    scenario_file = tmp_path / "en_flytning.yaml"
    scenario_file.write_text(SCENARIO, encoding="utf-8")
    edits_file = tmp_path / "edits.json"
    edits_file.write_text(json.dumps([EDIT.model_dump(mode="json")]), encoding="utf-8")
    out = str(tmp_path / "r.json")
    args = ["solve", str(book_file), "--out", out, "--scenario", str(scenario_file), "--time-limit", "30"]
    assert main([*args, "--need-edits", str(edits_file)]) == 0

    # The app as the Optimér page drives it: the uploaded book, the scenario from the Scenarie page, the Behov
    # page's edits, the time limit; prepared and stored by `app.web.jobs`, solved by the runner's child process.
    upload = read_bytes("town.xlsx", book_file.read_bytes())
    scenario = parse_scenario(SCENARIO, str(scenario_file), default_name="en_flytning")
    request, pending = jobs.request("Én flytning højst", jobs.session_inputs(upload, scenario, 30.0, (EDIT,)))
    job = wait(runner.start(request))
    assert job.status == "done"
    app_id = jobs.record(store, job, pending)

    cli, app = store.get(store.list_runs()[1].id or 0), store.get(app_id)
    assert cli is not None and app is not None and (cli.command, app.command) == ("solve", "app")
    same = ("inputs_hash", "book_name", "book_sha256", "scenario_name", "scenario_text", "parameters", "inputs")
    assert {k: getattr(cli, k) for k in same} == {k: getattr(app, k) for k in same}
    assert app.inputs is not None and app.inputs.need_edits == [
        {"profession": "psy", "floor": None, "blend": None, "weights": {"idx": 1.0}}
    ]
    assert app.inputs.solver_settings == {"time_limit_s": 30.0, "seed": 0, "deterministic": True, "workers": 1}
    cli_result, app_result = (SolveResult.model_validate_json(r.result) for r in (cli, app))
    assert plan_differences(cli_result, app_result) == []
    assert moved(app_result) == 1  # the need edit was solved, not only stored
    assert store.book_count() == 1  # the workbook's bytes once for both runs


def test_runs_rerun_reproduces_a_deterministic_run(
    book_file: Path, tmp_path: Path, store: RunStore, capsys: pytest.CaptureFixture[str]
) -> None:
    book = service.load_book(book_file)
    scenario = parse_scenario(SCENARIO, "en_flytning.yaml", default_name="en_flytning")
    outcome = service.run(service.RunInputs(book, scenario, (EDIT,)), store=store, command="solve")
    assert outcome.run_id is not None
    capsys.readouterr()
    assert main(["runs", "rerun", str(outcome.run_id)]) == 0
    assert "planen er den samme" in capsys.readouterr().out

    # The same inputs stored with a doctored plan (m1 in B rather than where the solver put them): different.
    first = next(a for a in outcome.result.assignments if a.staff_id == "m1")
    other = "A" if first.team_id == "B" else "B"
    doctored = outcome.result.model_copy(
        update={
            "assignments": tuple(
                a.model_copy(update={"team_id": other}) if a.staff_id == "m1" else a for a in outcome.result.assignments
            )
        }
    )
    bad = service.record(store, service.Outcome(outcome.inputs, outcome.applied, doctored), "test")
    assert main(["runs", "rerun", str(bad), "--lang", "en"]) == 1
    printed = capsys.readouterr().out
    assert "differs in 1 place(s)" in printed
    assert f"m1: Team {other} → Team {first.team_id}" in printed  # teams by name


def test_a_run_stored_before_inputs_were_kept_lists_shows_and_cannot_rerun(
    store: RunStore, capsys: pytest.CaptureFixture[str]
) -> None:
    now = datetime.now(UTC)
    old = RunRecord(
        now, now, "solve", "a" * 64, "gammel.xlsx", "b" * 64, None, None, None, {}, "x", {}, "optimal", None, "{}"
    )
    run_id = store.add(old)
    assert main(["runs", "list"]) == 0
    assert main(["runs", "show", str(run_id)]) == 0
    assert "ikke gemt" in capsys.readouterr().out
    assert main(["runs", "rerun", str(run_id)]) == 2
    assert "gemt, før kørsler gemte deres input" in capsys.readouterr().out
    assert main(["runs", "rerun", "999"]) == 2


def test_a_store_at_revision_0001_is_migrated_and_its_runs_still_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = database_url(str(tmp_path / "old.sqlite"))
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = create_engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text(
                "INSERT INTO runs (created_at, started_at, finished_at, command, inputs_hash, book_name, "
                "book_sha256, parameters, solver, versions, status, result) VALUES ('2026-11-01 12:00:00', "
                "'2026-11-01 12:00:00', '2026-11-01 12:00:00', 'solve', :h, 'kommune.xlsx', :h, '{}', 'x', '{}', "
                "'optimal', '{}')"
            ),
            {"h": "c" * 64},
        )
    engine.dispose()
    monkeypatch.setenv("BYDELSTEAM_DB_URL", str(tmp_path / "old.sqlite"))
    assert main(["runs", "list"]) == 0
    assert "kommune.xlsx" in capsys.readouterr().out
    assert main(["runs", "rerun", "1"]) == 2


def test_deleting_the_last_run_on_a_book_deletes_its_bytes(book_file: Path, store: RunStore) -> None:
    book = service.load_book(book_file)
    ids = [service.run(service.RunInputs(book), store=store).run_id for _ in range(2)]
    assert store.book_count() == 1 and store.book_data(book.sha256) == book_file.read_bytes()
    assert store.delete(ids[0] or 0)
    assert store.book_count() == 1  # the other run still uses it
    assert store.delete(ids[1] or 0)
    assert store.book_count() == 0


def test_the_inputs_hash_without_edits_is_the_old_one(book_file: Path) -> None:
    """sha256(book ‖ 0 ‖ scenario text): runs stored before edits were kept hash as they did."""
    book = service.load_book(book_file)
    scenario = parse_scenario(SCENARIO, "s.yaml")
    old = hashlib.sha256(book.data + b"\0" + SCENARIO.encode()).hexdigest()
    assert service.RunInputs(book, scenario).hash() == old
    assert service.RunInputs(book, scenario, (EDIT,)).hash() != old


def test_a_book_that_cannot_be_read_is_named_by_its_own_path(tmp_path: Path) -> None:
    bad = tmp_path / "ikke_en_bog.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(BookError) as err:
        service.load_book(bad)
    assert [p.args.get("path") for p in err.value.problems] == [str(bad)]


def test_locks_from_the_result_page_are_inputs_of_their_own(book_file: Path) -> None:
    """Locking m4 (now in B) to A: the plan keeps m4 in A, and an unknown person is refused."""
    book = service.load_book(book_file)
    outcome = service.run(service.RunInputs(book, locks=(("m4", "A"),)))
    assert next(s.locked_team_id for s in outcome.applied.instance.staff if s.id == "m4") == "A"
    assert {a.staff_id: a.team_id for a in outcome.result.assignments}["m4"] == "A"
    with pytest.raises(ValueError, match="m9"):
        service.prepare(service.RunInputs(book, locks=(("m9", "A"),)))


def test_compare_takes_the_need_edits_as_solve_does(book_file: Path, tmp_path: Path, store: RunStore) -> None:
    scenario_file = tmp_path / "en_flytning.yaml"
    scenario_file.write_text(SCENARIO, encoding="utf-8")
    edits_file = tmp_path / "edits.json"
    edits_file.write_text(json.dumps([EDIT.model_dump(mode="json")]), encoding="utf-8")
    edits = ["--need-edits", str(edits_file), "--time-limit", "30"]
    cmp = ["compare", str(book_file), str(scenario_file), "--out", str(tmp_path / "cmp.xlsx"), "--no-frontier"]
    assert main([*cmp, *edits]) == 0
    assert (
        main(["solve", str(book_file), "--out", str(tmp_path / "r.json"), "--scenario", str(scenario_file), *edits])
        == 0
    )
    runs = {r.command: r for r in store.list_runs()}
    compared, solved = runs["compare"], runs["solve"]
    assert compared.inputs is not None and compared.inputs.need_edits == [EDIT.model_dump(mode="json")]
    assert compared.inputs_hash == solved.inputs_hash  # the same book, scenario, edits and limits: one run
