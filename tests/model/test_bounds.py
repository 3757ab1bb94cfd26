"""Part shortfall floors: each part's least shortfall without the coupling rules, a valid cut."""

from instances import make_instance
from rulecase import psy

from optimiser.domain import Parameters
from optimiser.model.bounds import part_shortfall_floors
from optimiser.model.data import SUPPLY_UNIT, problem_data


def test_floor_is_each_parts_least_shortfall() -> None:
    # Area x: A needs 0.8, B 2.4, and 3 x 0.8 = 2.4 of supply: at best 0.8 short. Area y: C has its own.
    instance = make_instance(
        {"A": "x", "B": "x", "C": "y"},
        [("sA", "A", 100), ("sB", "B", 300), ("sC", "C", 100)],
        [("m1", "psy", 1.0, "A"), ("m2", "psy", 1.0, "A"), ("m3", "psy", 1.0, "B"), ("m4", "psy", 1.0, "C")],
        professions=[psy()],
        params=Parameters(demand_mode="norm", max_moves=1),
    )
    instance = instance.model_copy(update={"professions": (psy(norm_children_per_fte=100),)})
    floors = part_shortfall_floors(problem_data(instance))
    # Norm demand: 1, 3 and 1 practice-near FTE; supply 2.4 in x (short 1.6), 0.8 in y (short 0.2).
    assert floors == {(("A", "B"), "psy"): round(1.6 * SUPPLY_UNIT), (("C",), "psy"): round(0.2 * SUPPLY_UNIT)}
