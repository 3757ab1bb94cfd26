"""Hostile YAML in a scenario file: refused while it is composed, with the file, line and key, before any value
is built or quoted; and every value a message quotes is a short, terminal-safe preview."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from instances import town as base

from app.cli.main import main
from optimiser.io import write_book
from scenarios.errors import ScenarioError, format_scenario_problems
from scenarios.schema import parse_scenario


def problems(text: str, lang: str = "en") -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "s.yaml")
    return format_scenario_problems(caught.value.problems, lang).splitlines()  # type: ignore[arg-type]


def billion_laughs() -> str:
    """391 bytes that plain YAML expands to 9**8 = 43 million strings (a 351 MB message before the fix)."""
    lines = ["need:", "  mode:", "    - &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefg", "bcdefgh", strict=True):
        lines.append(f"    - &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_billion_laughs_is_refused_at_the_first_anchor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book, scenario = tmp_path / "town.xlsx", tmp_path / "laughs.yaml"
    write_book(base(), book)
    scenario.write_text(billion_laughs(), encoding="utf-8")
    started = time.monotonic()
    assert main(["solve", str(book), "--scenario", str(scenario), "--out", str(tmp_path / "r.json")]) == 2
    assert time.monotonic() - started < 30  # refused, not expanded (was 9.5 s and 1.2 GB)
    assert capsys.readouterr().out == (
        f"{scenario}:3: need.mode[1]: ankre (&) og aliasser (*) bruges ikke i en scenariefil; skriv værdien ud\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: &n x\ntitle: *n\n", "s.yaml:1: name: anchors (&) and aliases (*) are not allowed in a scenario file; "),
        ("name: x\ntitle: *n\n", "s.yaml:2: title: anchors (&) and aliases (*) are not allowed in a scenario file; "),
    ],
)
def test_any_anchor_or_alias_is_refused(text: str, message: str) -> None:
    assert problems(text) == [message + "write the value out"]


def test_duplicate_keys_are_refused_with_both_lines() -> None:
    assert problems("name: a\npolicy:\n  max_moves: 1\n  max_moves: 2\n") == [
        "s.yaml:4: policy.max_moves: the key is given twice in one section (first on line 3); remove one"
    ]
    assert problems("name: a\nname: b\n", "da") == [
        "s.yaml:2: name: nøglen står to gange i samme afsnit (første gang i linje 1); slet den ene"
    ]


def test_tags_are_refused() -> None:
    assert problems("name: !!python/object/apply:os.system [ls]\n") == [
        "s.yaml:1: name: the tag 'tag:yaml.org,2002:python/object/apply:os…' is not allowed in a scenario file; "
        "write the value without a tag"
    ]
    assert problems("policy: !vigtig {max_moves: 3}\n") == [
        "s.yaml:1: policy: the tag '!vigtig' is not allowed in a scenario file; write the value without a tag"
    ]
    assert problems("name: !!str 007\n")[0].startswith("s.yaml:1: name: the tag 'tag:yaml.org,2002:str' is not")


def test_fifty_thousand_nested_lists_are_refused_quickly() -> None:
    started = time.monotonic()
    got = problems("changes: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert time.monotonic() - started < 10
    assert got == ["s.yaml:1: changes" + "[1]" * 19 + ": lists and sections are nested more than 20 levels deep"]


def test_too_many_values_too_many_characters_too_many_digits() -> None:
    assert problems("policy:\n  disabled_rules: [" + ", ".join(["a"] * 20_001) + "]\n") == [
        "s.yaml:2: policy.disabled_rules[19996]: the file holds more than 20,000 values; a scenario file is short"
    ]
    assert problems("description: '" + "x" * 1_000_000 + "'\n") == [
        "s.yaml: the file has 1,000,016 characters; a scenario file has at most 1,000,000"
    ]
    assert problems("solver: {seed: " + "9" * 5000 + "}\n") == [
        "s.yaml:1: solver.seed: the number has more than 100 digits"
    ]


def test_quoted_values_are_short_and_terminal_safe() -> None:
    assert problems("need: {mode: " + "x" * 100 + "}\n") == [
        "s.yaml:1: need.mode: '" + "x" * 40 + "…' is not one of: fair_share, norm"
    ]
    assert problems('need: {mode: "\\e[2Jhi"}\n') == [
        "s.yaml:1: need.mode: '\\x1b[2Jhi' is not one of: fair_share, norm"
    ]
    long_key = "k" * 100
    assert problems(f"{long_key}: 1\n")[0].startswith("s.yaml:1: " + "k" * 40 + "…: unknown key '" + "k" * 40 + "…'")


def test_exponent_floats_are_numbers_as_in_yaml_1_2() -> None:
    spec = parse_scenario("solver: {time_limit_s: 1e3}\nbudget: {new_posts_dkk: 6.4E6}\n", "s.yaml").spec
    assert spec.solver.time_limit_s == 1000.0
    assert spec.budget.new_posts_dkk == 6_400_000
