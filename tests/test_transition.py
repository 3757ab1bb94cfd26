"""The transition plan's arithmetic: the leximin vector, how far a path falls short, and its words."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from optimiser.i18n import catalogue
from optimiser.results import Coverage
from optimiser.transition import LEVEL_EPS, levels, shortfall_against

ROOT = Path(__file__).resolve().parent.parent
# The modules of the transition plan; every word they mark has its Danish entry.
MODULES = (
    "optimiser/transition.py",
    "optimiser/export/phase.py",
    "scenarios/phase.py",
    "app/cli/phase.py",
    "app/web/pages/transition.py",
)


def cell(team: str, demand: float, supply: float) -> Coverage:
    return Coverage(team_id=team, profession="psy", demand_fte=demand, supply_fte=supply, current_supply_fte=0.0)


def test_levels_are_the_relative_shortfalls_worst_first() -> None:
    rows = [cell("A", 1.2, 1.6), cell("B", 1.2, 0.8), cell("C", 2.0, 1.5), cell("D", 0.0, 0.4)]
    # A is over (0), B 1/3 short, C 1/4 short; D has no demand and no level
    assert levels(rows) == pytest.approx((1 / 3, 0.25, 0.0))


def test_shortfall_against_the_target_is_the_largest_excess_and_its_rank() -> None:
    assert shortfall_against((0.30, 0.20, 0.10), (0.30, 0.05, 0.08)) == pytest.approx((0.15, 2))
    assert shortfall_against((0.30, 0.20), (0.30, 0.20 - LEVEL_EPS / 2)) == (0.0, None)  # the same level
    assert shortfall_against((0.25, 0.0), (0.30, 0.10)) == (0.0, None)  # better is not short


def msgids(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", None) == "N_"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ]


def test_every_word_of_the_transition_plan_is_in_danish() -> None:
    danish = catalogue("da")
    assert danish is not None
    entries = {m: danish.get(m) for module in MODULES for m in msgids(ROOT / module)}
    assert [m for m, entry in entries.items() if entry is None or not entry.string] == []
