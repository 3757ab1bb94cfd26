"""Careless and hostile values in a scenario file: every limit (docs/scenarios.md, "Limits") as a message with
file, line and key, exit 2 from the command line — never a hang, never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from instances import town as base

from app.cli.main import main
from optimiser.io import write_book
from scenarios.apply import apply_scenario
from scenarios.errors import ScenarioError, format_scenario_problems
from scenarios.schema import parse_scenario

CPR = "the text looks like a CPR number; personal id numbers do not belong in a scenario file"


def problems(text: str, lang: str = "en") -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "s.yaml")
    return format_scenario_problems(caught.value.problems, lang).splitlines()  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "changes:\n  - add: {profession: psy, fte: 1000000}\n",
            "s.yaml:2: changes[1].add.fte: the value 1,000,000 must be at most 1,000",
        ),
        (
            "changes:\n  - add: {profession: psy, fte: 1e12}\n",
            "s.yaml:2: changes[1].add.fte: the value 1,000,000,000,000 must be at most 1,000",
        ),
        (
            "changes:\n" + "  - add: {profession: psy, fte: 1000}\n" * 3,
            "s.yaml:1: changes: the changes add 3,000 FTE in total; at most 2,000",
        ),
        (
            "changes:\n" + "  - lock: {staff: [m1]}\n" * 501,
            "s.yaml:1: changes: there are more than 500 changes; split the scenario",
        ),
        (
            "policy: {max_moves: 1000000000000000000000000000000}\n",
            "s.yaml:1: policy.max_moves: the value 1e+30 must be at most 1,000,000",
        ),
        (
            "solver: {seed: 100000000000000000000000}\n",
            "s.yaml:1: solver.seed: the value 1e+23 must be at most 2,147,483,647",
        ),
        ("solver: {seed: -1}\n", "s.yaml:1: solver.seed: the value -1 must be at least 0"),
        ("solver: {time_limit_s: 86401}\n", "s.yaml:1: solver.time_limit_s: the value 86,401 must be at most 86,400"),
        ("solver: {time_limit_s: .inf}\n", "s.yaml:1: solver.time_limit_s: wrong type: must be a finite number"),
        ("need: {norms: {psy: 1e-300}}\n", "s.yaml:1: need.norms.psy: the value 1e-300 must be at least 1"),
        ("need: {norms: {psy: 1e6}}\n", "s.yaml:1: need.norms.psy: the value 1,000,000 must be at most 100,000"),
        ("need: {floor: 1e300}\n", "s.yaml:1: need.floor: the value 1e+300 must be at most 10"),
        (
            "need: {weights: {psy: {idx: -1e9}}}\n",
            "s.yaml:1: need.weights.psy.idx: the value -1,000,000,000 must be at least -100",
        ),
        ("policy: {min_per_team: 5000}\n", "s.yaml:1: policy.min_per_team: the value 5,000 must be at most 1,000"),
        (
            "policy: {team_size: {max_fte: 1e9}}\n",
            "s.yaml:1: policy.team_size.max_fte: the value 1,000,000,000 must be at most 100,000",
        ),
        (
            "budget: {new_posts_dkk: 1e300}\n",
            "s.yaml:1: budget.new_posts_dkk: the value 1e+300 must be at most 100,000,000,000",
        ),
        ("budget: {min_coverage: .nan}\n", "s.yaml:1: budget.min_coverage: wrong type: must be a finite number"),
        (
            "objective: {weights: {moves: 1e9}}\n",
            "s.yaml:1: objective.weights.moves: the value 1,000,000,000 must be at most 1,000,000",
        ),
        (
            'base: "data/\\0book.xlsx"\n',
            "s.yaml:1: base: the text holds a control character (\\x00, character 6); remove it",
        ),
        (
            'title: "\\e[31mrød"\n',
            "s.yaml:1: title: the text holds a control character (\\x1b, character 1); remove it",
        ),
        (
            'changes:\n  - lock: {staff: ["m\\x7f1"]}\n',
            "s.yaml:2: changes[1].lock.staff: the text holds a control character (\\x7f, character 2); remove it",
        ),
    ],
)
def test_limits(text: str, message: str) -> None:
    assert problems(text) == [message]


def test_limits_in_danish() -> None:
    assert problems("changes:\n  - add: {profession: psy, fte: 1e12}\n", "da") == [
        "s.yaml:2: changes[1].add.fte: værdien 1.000.000.000.000 skal være højst 1.000"
    ]
    assert problems('description: "a\\0b"\n', "da") == [
        "s.yaml:1: description: teksten har et kontroltegn (\\x00, tegn nr. 2); slet det"
    ]


def test_plausible_values_pass() -> None:
    text = (
        "description: |\n  Two lines,\n  with\ta tab.\n"
        "policy: {max_moves: 1000000}\nsolver: {seed: 2147483647, time_limit_s: 86400}\n"
        "need: {norms: {psy: 400}, floor: 0.5, weights: {psy: {idx: -0.3}}}\n"
        "changes:\n  - add: {profession: psy, fte: 1000}\n  - add: {profession: psy, fte: 1000}\n"
    )
    spec = parse_scenario(text, "s.yaml").spec
    assert spec.description == "Two lines,\nwith\ta tab.\n" and spec.solver.seed == 2**31 - 1


def test_twenty_thousand_changes_are_refused_quickly() -> None:
    started = time.monotonic()
    got = problems("changes:\n" + "  - add: {profession: psy, fte: 1000}\n" * 20_000)
    assert time.monotonic() - started < 10
    assert got == ["s.yaml:2858: changes[2857].add: the file holds more than 20,000 values; a scenario file is short"]


def test_added_fte_at_most_twice_the_book() -> None:
    """The town has 4 FTE: a scenario may add max(10, 2 x 4) = 10 FTE in all."""
    ok = parse_scenario("changes:\n  - add: {profession: psy, fte: 6}\n  - add: {profession: psy, fte: 4}\n", "s.yaml")
    assert len(apply_scenario(base(), ok).instance.staff) == 4 + 10
    too_much = parse_scenario("changes:\n  - add: {profession: psy, fte: 10.01}\n", "s.yaml")
    with pytest.raises(ScenarioError) as caught:
        apply_scenario(base(), too_much)
    assert format_scenario_problems(caught.value.problems, "en") == (
        "s.yaml:1: changes: the changes add 10.01 FTE in total; at most 10 "
        "(twice the workbook's staff FTE, at least 10)"
    )


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("description", "description: Sagen om 010180-1234 er lukket\n"),
        ("title", "title: '0101801234'\n"),
        ("name", "name: x0101801234\n"),
        ("changes[1].lock.staff", "changes:\n  - lock: {staff: ['010180-1234']}\n"),
    ],
)
def test_cpr_numbers_in_any_text_are_refused(field: str, text: str) -> None:
    (message,) = problems(text)
    assert message.endswith(f": {field}: {CPR}")
    assert "1234" not in message


def test_a_cpr_number_is_never_repeated_in_a_message() -> None:
    assert problems("'010180-1234': 1\n") == [
        "s.yaml:1: ******-****: unknown key '******-****'; keys allowed here: name, title, description, base, "
        "structure, policy, need, changes, budget, objective, solver, steps, … (+1)"
    ]


def test_the_command_line_says_where_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book, scenario = tmp_path / "town.xlsx", tmp_path / "s.yaml"
    write_book(base(), book)
    out = tmp_path / "r.json"
    for text, message in [
        ('name: x\nbase: "a\\0b.xlsx"\n', "s.yaml:2: base: the text holds a control character (\\x00, character 2)"),
        ("changes:\n  - add: {profession: psy, fte: 1000000}\n", "s.yaml:2: changes[1].add.fte: the value 1,000,000"),
        ("solver: {seed: 100000000000000000000000}\n", "s.yaml:1: solver.seed: the value 1e+23 must be at most"),
    ]:
        scenario.write_text(text, encoding="utf-8")
        assert main(["solve", str(book), "--scenario", str(scenario), "--out", str(out), "--lang", "en"]) == 2
        printed = capsys.readouterr().out
        assert printed.startswith(f"{tmp_path}/{message}") and printed.count("\n") == 1
    assert not out.exists()


@pytest.mark.parametrize(
    ("option", "error"),
    [
        (["--seed", str(10**23)], "argument --seed: 100000000000000000000000 is outside 0–2147483647"),
        (["--time-limit", "nan"], "argument --time-limit: nan is outside 0–86400"),
        (["--time-limit", "0"], "argument --time-limit: 0 is outside 0–86400"),
        (["--workers", "1000"], "argument --workers: 1000 is outside 1–64"),
    ],
)
def test_solver_options_have_the_same_limits(
    tmp_path: Path, option: list[str], error: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["solve", str(tmp_path / "town.xlsx"), "--out", str(tmp_path / "r.json"), *option])
    assert caught.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"bydelsteam solve: error: {error}"
