"""The exports' figures: the cost KPI split by team and profession, on the hand-worked plan of `costcase`."""

from __future__ import annotations

import pytest
from costcase import priced

from optimiser.export import figures


def test_costs_split_the_cost_kpi_by_team_and_profession() -> None:
    instance, result = priced()
    costs = figures.costs(instance, result)
    assert costs.staff == {("A", "psy"): pytest.approx(600_000), ("B", "psy"): pytest.approx(350_000)}
    assert costs.new_posts == {}
    assert costs.team_total("B") == pytest.approx(350_000)
    assert result.kpis is not None and costs.total == pytest.approx(result.kpis.cost_dkk)


def test_moves_in_and_out_count_each_team_once() -> None:
    _, result = priced()
    moved_in, moved_out = figures.moves_in_out(result)
    assert (moved_in["B"], moved_out["A"]) == (1, 1)
    assert (moved_in["A"], moved_out["B"]) == (0, 0)
