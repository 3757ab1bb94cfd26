"""Scenario files: every key read, and every mistake reported with the file, the key, its line and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from samplepaths import EXAMPLES

from scenarios.errors import ScenarioError, format_scenario_problems
from scenarios.schema import ALL, load_scenario, parse_scenario, resolve_base

FULL = """\
name: alt
title: Alt på én gang
description: Hver nøgle én gang.
base: data/book.xlsx
structure: 26_klynger
policy:
  area_boundary: false
  practice_share: 0.75
  min_per_team: {psy: 2}
  team_size: {min_fte: 5, max_fte: 80.5}
  max_moves: 40
  disabled_rules: [contact-load]
need:
  mode: norm
  floor: {psy: 0.4}
  blend: 0.5
  norms: {psy: 400}
  weights: {psy: {idx: 0.3}}
changes:
  - add: {profession: psy, fte: 2.5}
  - remove: {profession: psy, fte: 0.5, team: A}
  - move: {staff: [m1], to_team: B}
  - move: {profession: psy, fte: 1, from_team: A, to_team: B}
  - lock: {staff: [m2]}
  - cut: {share: 0.05, professions: [psy]}
budget: {new_posts_dkk: 6400000, overhead_share: 0.1, min_coverage: 0.9}
objective:
  {mode: weighted, tolerance: 0.02, shortfall_tolerance: 0.1, moves_before_shortfall: true, weights: {moves: 2}}
solver: {time_limit_s: 10, seed: 7, deterministic: true, workers: 1}
"""


def problems(text: str, lang: str = "en") -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "s.yaml")
    return format_scenario_problems(caught.value.problems, lang).splitlines()  # type: ignore[arg-type]


def test_every_key_is_read() -> None:
    spec = parse_scenario(FULL, "s.yaml").spec
    assert (spec.name, spec.structure, spec.base) == ("alt", "26_klynger", "data/book.xlsx")
    assert spec.policy.practice_share == {ALL: 0.75}  # one number stands for every profession
    assert spec.policy.min_per_team == {"psy": 2}
    assert spec.policy.team_size is not None and spec.policy.team_size.max_fte == 80.5
    assert spec.need.mode == "norm" and spec.need.weights == {"psy": {"idx": 0.3}}
    assert [c.kind for c in spec.changes] == ["add", "remove", "move", "move", "lock", "cut"]
    assert spec.changes[0].add is not None and spec.changes[0].add.team == "auto"
    assert spec.budget.new_posts_dkk == 6_400_000
    assert spec.objective.weights == {"moves": 2}
    assert spec.solver.seed == 7


def test_an_empty_file_is_the_book_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "som_i_dag.yaml"
    path.write_text("# nothing\n")
    scenario = load_scenario(path)
    assert scenario.name == "som_i_dag"
    assert scenario.spec.changes == [] and scenario.spec.structure is None


def test_unknown_key_names_the_file_line_key_and_the_keys_allowed() -> None:
    assert problems("name: x\npolicy:\n  max_move: 3\n") == [
        "s.yaml:3: policy.max_move: unknown key 'max_move'; keys allowed here: area_boundary, practice_share, "
        "min_per_team, team_size, max_moves, disabled_rules"
    ]
    assert problems("polcy: {}\n", "da")[0].startswith("s.yaml:1: polcy: ukendt nøgle 'polcy'; mulige nøgler her: name")


def test_wrong_types_and_ranges_in_danish_and_english() -> None:
    text = "policy:\n  area_boundary: ja tak\n  practice_share: høj\nchanges:\n  - add: {profession: psy, fte: tre}\n"
    assert problems(text) == [
        "s.yaml:2: policy.area_boundary: wrong type: must be true or false",
        "s.yaml:3: policy.practice_share: wrong type: must be one number for all professions or one per profession "
        "(profession: number)",
        "s.yaml:5: changes[1].add.fte: wrong type: must be a number",
    ]
    assert problems("budget:\n  min_coverage: 1.2\n", "da") == [
        "s.yaml:2: budget.min_coverage: værdien 1,2 skal være højst 1"
    ]
    assert problems("need: {mode: normal}\n") == ["s.yaml:1: need.mode: 'normal' is not one of: fair_share, norm"]


def test_changes_must_be_well_formed() -> None:
    text = (
        "changes:\n"
        "  - add: {profession: psy, fte: 1}\n"
        "    cut: {share: 0.1}\n"
        "  - move: {to_team: B, fte: 1}\n"
        "  - remove: {profession: psy, fte: 0.125}\n"
    )
    assert problems(text) == [
        "s.yaml:2: changes[1]: a change must have exactly one of: add, remove, move, lock, cut",
        "s.yaml:4: changes[2].move: move either named staff (staff) or FTE (profession, fte and from_team)",
        "s.yaml:5: changes[3].remove.fte: FTE is given in hundredths (e.g. 0.25), not 0.125",
    ]


def test_not_yaml_not_a_mapping_no_file(tmp_path: Path) -> None:
    assert problems("name: [x\n")[0].startswith("s.yaml:2: not valid YAML:")
    assert problems("- a\n- b\n") == ["s.yaml:1: a scenario file must be keys with values (key: value)"]
    with pytest.raises(ScenarioError, match="does not exist"):
        load_scenario(tmp_path / "nowhere.yaml")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "project" / "data").mkdir(parents=True)
    (tmp_path / "project" / "data" / "book.xlsx").write_bytes(b"x")
    (tmp_path / "outside.xlsx").write_bytes(b"x")
    return tmp_path / "project"


def test_base_inside_the_project(project: Path) -> None:
    scenario = parse_scenario("base: data/../data/book.xlsx\n", "s.yaml")
    assert resolve_base(scenario, project) == project / "data" / "book.xlsx"
    assert resolve_base(parse_scenario("name: x\n", "s.yaml"), project) is None


@pytest.mark.parametrize(
    ("base", "message"),
    [
        ("../outside.xlsx", "points outside the project folder"),
        ("data/../../outside.xlsx", "points outside the project folder"),
        ("/etc/passwd", "is absolute"),
        ("data/missing.xlsx", "does not exist"),
    ],
)
def test_base_outside_the_project_or_missing_is_refused(project: Path, base: str, message: str) -> None:
    scenario = parse_scenario(f"name: x\nbase: {base}\n", "s.yaml")
    with pytest.raises(ScenarioError) as caught:
        resolve_base(scenario, project)
    text = format_scenario_problems(caught.value.problems, "en")
    assert text.startswith("s.yaml:2: base: ") and message in text


def test_a_symbolic_link_out_of_the_project_is_refused(project: Path) -> None:
    (project / "data" / "link.xlsx").symlink_to(project.parent / "outside.xlsx")
    with pytest.raises(ScenarioError, match="outside the project"):
        resolve_base(parse_scenario("base: data/link.xlsx\n", "s.yaml"), project)


def test_the_examples_load_with_distinct_names() -> None:
    assert len(EXAMPLES) >= 8
    names = [load_scenario(path).name for path in EXAMPLES]
    assert len(set(names)) == len(names)
