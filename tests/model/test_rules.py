"""The rule registry: built from the rule modules, each holding its words, pruning and check."""

from instances import DAYCARE, make_instance
from rulecase import base, psy

from optimiser.domain import RULE_NAMES, Parameters
from optimiser.i18n import text
from optimiser.model.data import problem_data
from optimiser.model.rules import RULES, area_boundary, locked_assignments, practice_share


def test_one_registry_of_every_rule_module_in_order() -> None:
    assert (
        RULE_NAMES
        == tuple(RULES)
        == (
            "staff-covered-once",
            "area-boundary",
            "locked-assignments",
            "pool-staff",
            "profession-serves-institution-types",
            "team-minimum-per-profession",
            "team-size-bounds",
            "practice-share",
            "budget",
            "max-moves",
            "team-moves",
            "contact-load",
            "minimum-coverage",
        )
    )
    assert RULES["practice-share"] is practice_share.RULE


def test_every_rule_has_danish_words() -> None:
    for rule in RULES.values():
        assert text(rule.title, "da") != rule.title, rule.name
        assert text(rule.description, "da") != rule.description, rule.name


def test_candidate_teams_ask_the_enabled_rules() -> None:
    instance = make_instance(
        {"A": "x", "B": "x", "D": "x", "C": "y"},
        [("sA", "A", 100), ("sB", "B", 100), ("dD", "D", 100, DAYCARE), ("sC", "C", 100)],
        [("m1", "psy", 1.0, "A"), ("m2", "psy", 0.5, "A"), ("m3", "psy", 1.0, "C")],
        professions=[psy()],
        staff_extra={"m2": {"locked_team_id": "C"}},
    )
    data = problem_data(instance)
    # m1: area x without D (daycare only, psy serves schools); m2: its lock, even outside its area; m3: area y.
    assert {g.members: data.candidate_teams(g) for g in data.groups} == {
        ("m1",): ("A", "B"),
        ("m2",): ("C",),
        ("m3",): ("C",),
    }
    off = frozenset({"locked-assignments", "profession-serves-institution-types"})
    free = problem_data(instance, Parameters(area_boundary=False, disabled_rules=off))
    assert {g.members: free.candidate_teams(g) for g in free.groups} == {
        ("m1", "m3"): ("A", "B", "D", "C"),
        ("m2",): ("A", "B", "D", "C"),
    }


def test_each_structural_rule_prunes_in_its_own_module() -> None:
    data = problem_data(base(staff_extra={"m1": {"locked_team_id": "B"}}))
    locked = next(g for g in data.groups if g.locked_team_id)
    assert locked_assignments.prune(data, locked, ("A", "B")) == ("B",)
    other = base(teams={"A": "x", "B": "y"})
    group = problem_data(other).groups[0]
    assert area_boundary.prune(problem_data(other), group, ("A", "B")) == ("A",)
