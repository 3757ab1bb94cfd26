"""Statuses, stages, actions and yes / no as a planner reads them."""

from __future__ import annotations

from optimiser.figures import Unit
from optimiser.vocabulary import action, short_status, stage, status, yes_no


def test_statuses() -> None:
    assert status("infeasible", "da") == "ingen mulig plan (reglerne modsiger hinanden)"
    assert short_status("infeasible", "da") == "ingen mulig plan"
    assert short_status("optimal", "da") == "bedste plan"
    assert short_status("optimal", "en") == "optimal"
    assert short_status("current", "da") == "i dag"
    assert status("something new", "da") == "something new"  # an unknown status is shown, not lost


def test_stages() -> None:
    assert stage("equity", "da") == ("Lighed: største relative underdækning", Unit.SHARE)
    assert stage("moves", "en") == ("Continuity: staff changing team", Unit.COUNT)
    assert stage("custom", "da") == ("custom", Unit.NUMBER)


def test_actions_and_yes_no() -> None:
    assert [action(a, "da") for a in ("add", "remove", "move", "lock")] == ["tilføjet", "fjernet", "flyttet", "låst"]
    assert (yes_no(True, "da"), yes_no(False, "da"), yes_no(True, "en")) == ("ja", "nej", "yes")
