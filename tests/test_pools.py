"""Specialist pools (`optimiser.pools`), worked out by hand on the town.

The town: teams A and B in area x; school sA (100 children) in A, sB (300) in B; psychologists of 1.0 FTE, m1-m3
in A and m4 in B; practice share 0.8. Fair-share demand: 4 x 0.8 = 3.2 FTE by children, sA 0.8 and sB 2.4.
"""

from __future__ import annotations

from typing import Any

import pytest
from instances import make_instance, psy
from rulecase import solved, team_of

from optimiser.check import verify
from optimiser.domain import Catchment, DemandMode, Instance, Pool, PoolKind
from optimiser.need import current_supply, institution_needs, team_demand
from optimiser.pools import catchment, pool_cells, pool_of, split_demand, team_share
from optimiser.sample import COMPETENCE_CENTRE, generate

TEAMS = {"A": "x", "B": "x"}
SCHOOLS = [("sA", "A", 100), ("sB", "B", 300)]
STAFF = [("m1", "psy", 1.0, "A"), ("m2", "psy", 1.0, "A"), ("m3", "psy", 1.0, "A"), ("m4", "psy", 1.0, "B")]


def pool(pool_id: str = "P", **fields: Any) -> Pool:
    values: dict[str, Any] = {"id": pool_id, "kind": PoolKind.CENTRE, "home": "sA", "professions": frozenset({"psy"})}
    return Pool(**(values | fields))


def pooled_town(pools: tuple[Pool, ...], members: dict[str, str], **changes: Any) -> Instance:
    """The town with `pools`; `members`: staff id -> pool id (column pulje)."""
    extra = {sid: {"pool_id": pid} for sid, pid in members.items()}
    args: dict[str, Any] = {"teams": TEAMS, "institutions": SCHOOLS, "staff": STAFF, "staff_extra": extra}
    return make_instance(**(args | changes), pools=pools)


def one_centre() -> Instance:
    """m1 is the centre at sA, serving its area (both schools)."""
    return pooled_town((pool(),), {"m1": "P"})


def test_pool_members_by_column_or_by_centre() -> None:
    by_centre = make_instance(TEAMS, SCHOOLS, STAFF, staff_extra={"m2": {"competence_centre": "sA"}}, pools=[pool()])
    assert pool_of(by_centre) == {"m2": "P"}
    assert pool_of(one_centre()) == {"m1": "P"}
    assert team_share(one_centre()) == {"psy": 0.75}


def test_catchments() -> None:
    town = one_centre()
    assert catchment(town, pool()) == ("sA", "sB")  # its home's area: both schools
    assert catchment(town, pool(catchment=Catchment.LIST, members=frozenset({"B"}))) == ("sB",)
    assert catchment(town, pool(catchment=Catchment.CITY)) == ("sA", "sB")


def test_teams_cover_what_the_pool_leaves() -> None:
    # The pool's 0.8 FTE by need: sA 0.2, sB 0.6. The teams' part: sA 0.8 - 0.2 = 0.6, sB 2.4 - 0.6 = 1.8, on
    # their own 3 x 0.8 = 2.4 FTE (scale 1). The pools' part: 1/4 of demand, sA 0.2, sB 0.6.
    needs = {r.institution_id: r for r in institution_needs(one_centre())}
    assert needs["sA"].demand_fte == pytest.approx(0.6) and needs["sB"].demand_fte == pytest.approx(1.8)
    assert needs["sA"].pool_demand_fte == pytest.approx(0.2) and needs["sB"].pool_demand_fte == pytest.approx(0.6)
    assert sum(team_demand(one_centre()).values()) == pytest.approx(2.4)  # = the teams' practice-near FTE


def test_fair_share_rescales_what_is_left_to_the_teams_fte() -> None:
    # A pool serving only sB with 0.8 FTE: left sA 0.8, sB 1.6 (2.4), the teams hold 2.4: unchanged. With two
    # pool members there (1.6 FTE): left 0.8 and 0.8, the teams hold 1.6: each 0.8 x 1.6 / 1.6.
    only_b = pool(catchment=Catchment.LIST, members=frozenset({"sB"}))
    teams, pools = split_demand(pooled_town((only_b,), {"m1": "P", "m4": "P"}), "psy", {"sA": 0.8, "sB": 2.4}, True)
    assert teams == pytest.approx({"sA": 0.8, "sB": 0.8})
    assert pools == pytest.approx({"sA": 0.4, "sB": 1.2})


def test_norm_mode_leaves_the_teams_the_uncovered_need() -> None:
    # Norm 100 children per FTE: sA 1.0, sB 3.0. The pool's 0.8 by need gives sA 0.2 and sB 0.6, so the teams
    # keep the rest as it is (no rescaling in norm mode); the pools' part is a quarter: 0.25 and 0.75.
    town = pooled_town((pool(),), {"m1": "P"}, professions=[psy(norm_children_per_fte=100)])
    needs = {r.institution_id: r for r in institution_needs(town, DemandMode.NORM)}
    assert needs["sA"].demand_fte == pytest.approx(0.8) and needs["sB"].demand_fte == pytest.approx(2.4)
    assert needs["sA"].pool_demand_fte == pytest.approx(0.25) and needs["sB"].pool_demand_fte == pytest.approx(0.75)


def test_a_profession_only_in_pools_has_no_team_cells() -> None:
    kc = psy(id="kc")
    kc_pool = pool("K", professions=frozenset({"kc"}))
    staff = [*STAFF, ("k1", "kc", 1.0, "A")]
    extra = {"k1": {"pool_id": "K"}}
    town = make_instance(TEAMS, SCHOOLS, staff, professions=[psy(), kc], staff_extra=extra, pools=[kc_pool])
    assert team_demand(town)["A", "kc"] == 0.0 and team_demand(town)["B", "kc"] == 0.0
    result = solved(town)
    assert {lv.profession for lv in result.equity_levels} == {"psy"}
    assert result.kpis is not None and result.kpis.max_relative_shortfall == 0.0  # psy levelled at 100 %
    assert team_of(result)["k1"] == "A"
    whole = next(c for c in result.pools if c.team_id is None)
    assert whole.supply_fte == pytest.approx(0.8) and whole.demand_fte == pytest.approx(0.8)


def test_the_plan_keeps_the_pool_and_levels_the_rest() -> None:
    # Teams' demand A 0.6, B 1.8 over m2, m3, m4 (0.8 each): one of m2/m3 to B gives A 0.8/0.6, B 1.6/1.8,
    # the largest shortfall 0.2 / 1.8 = 1/9 at one move; m1 stays in A.
    result = solved(one_centre())
    placed = team_of(result)
    assert placed["m1"] == "A" and sorted(placed[s] for s in ("m2", "m3", "m4")) == ["A", "B", "B"]
    assert result.kpis is not None and result.kpis.max_relative_shortfall == pytest.approx(1 / 9)
    assert result.kpis.staff_moved == 1
    assert [(c.team_id, round(c.demand_fte, 9), round(c.supply_fte, 9), c.institutions) for c in result.pools] == [
        (None, 0.8, 0.8, 2),
        ("A", 0.2, 0.2, 1),
        ("B", 0.6, 0.6, 1),
    ]


def test_overlapping_pools_share_an_institutions_demand_by_what_they_give() -> None:
    # P1 (m1, city) gives sA 0.2, sB 0.6; P2 (m2, sB only) gives sB 0.8. The pools' part: sA 0.4, sB 1.2; at
    # sB P1 is given 1.2 x 0.6/1.4 = 18/35 and P2 24/35. P1: 0.8 / (0.4 + 18/35) = 7/8; P2: 0.8 / (24/35) = 7/6.
    p1 = pool("P1", catchment=Catchment.CITY)
    p2 = pool("P2", home="sB", catchment=Catchment.LIST, members=frozenset({"sB"}))
    town = pooled_town((p1, p2), {"m1": "P1", "m2": "P2"})
    cells = {(c.pool_id, c.team_id): c for c in pool_cells(town, town.parameters)}
    assert cells["P1", None].demand_fte == pytest.approx(32 / 35) and cells["P1", None].coverage == pytest.approx(7 / 8)
    assert cells["P2", None].demand_fte == pytest.approx(24 / 35) and cells["P2", None].coverage == pytest.approx(7 / 6)
    assert cells["P1", "B"].supply_fte == pytest.approx(0.6) and cells["P1", "B"].demand_fte == pytest.approx(18 / 35)
    assert ("P2", "A") not in cells
    # The teams: left sA 0.6, sB 1.0 on m3 and m4's 1.6 FTE: A 0.8 / 0.6, B 0.8 / 1.0 (a move would empty A).
    result = solved(town)
    assert result.kpis is not None and result.kpis.max_relative_shortfall == pytest.approx(0.2)


def test_on_the_sample_the_teams_demand_is_the_teams_fte_and_centres_have_no_team_cells() -> None:
    sample = generate(1, 2025)
    demand = team_demand(sample)
    supply = current_supply(sample)
    for prof in sample.professions:
        teams = sum(d for (_, p), d in demand.items() if p == prof.id)
        assert teams == pytest.approx(sum(s for (_, p), s in supply.items() if p == prof.id))
    assert not any(d for (_, p), d in demand.items() if p == COMPETENCE_CENTRE)
    pools = {c.pool_id for c in pool_cells(sample, sample.parameters)}
    assert len(pools) == 9 and len(pool_of(sample)) == 86  # 80 centre staff, 6 in the flex team


def test_the_checker_recomputes_pool_coverage() -> None:
    town = one_centre()
    result = solved(town)
    doctored = (result.pools[0].model_copy(update={"supply_fte": 0.9}), *result.pools[1:])
    assert verify(town, result.model_copy(update={"pools": doctored})) == [
        "pool P/psy/catchment: reported 0.800000/0.900000, recomputed 0.800000/0.800000"
    ]
    assert verify(town, result.model_copy(update={"pools": result.pools[:2]})) == ["pool P/psy/B: missing"]
