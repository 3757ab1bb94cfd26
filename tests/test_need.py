"""The need model against a three-institution example worked out by hand.

One psychologist profession `psy` serving schools (floor 0.5, blend alpha 0.8, weight 0.5 on indicator
`idx`, practice share 0.8) and a support pedagogue profession `ped` serving daycare (floor 0.7, alpha 1).

    institution  type       team  children  idx
    i1           skole      A     100       2.0
    i2           skole      B     300       1.0
    i3           dagtilbud  B     100       0.2

Child-weighted mean of idx: (100*2 + 300*1 + 100*0.2) / 500 = 1.04 = 26/25.
Multipliers for psy: i1 = 1 + 0.5 * (2/1.04 - 1) = 19/13; i2 = 1 + 0.5 * (1/1.04 - 1) = 51/52.
Need: i1 = 100 * 19/13 = 1900/13 ~ 146.154; i2 = 300 * 51/52 = 3825/13 ~ 294.231; i3 = 0 (psy does not
serve daycare). Need shares 76/229 and 153/229; head-count shares 1/4 and 3/4.
Blended: i1 = 0.8 * 76/229 + 0.2 * 1/4 ~ 0.315502; i2 ~ 0.684498.
Five psychologist FTE give 5 * 0.8 = 4.0 practice-near FTE: demand i1 ~ 1.262009, i2 ~ 2.737991.
Norm mode at 100 children per FTE: i1 = (0.8 * 1900/13 + 0.2 * 100) / 100 ~ 1.369231,
i2 = (0.8 * 3825/13 + 0.2 * 300) / 100 ~ 2.953846.
For ped at i3 the raw multiplier 1 + 0.5 * (0.2/1.04 - 1) ~ 0.596 is lifted to the floor 0.7.
"""

from __future__ import annotations

import pytest
from instances import DAYCARE, SCHOOL, make_instance
from pytest import approx

from optimiser.domain import DemandMode, Instance, NeedWeight, Parameters, Profession
from optimiser.need import InstitutionNeed, demand_table, indicator_means, institution_needs, shrink, team_demand


def three() -> Instance:
    professions = [
        Profession(
            id="psy",
            annual_cost_dkk=600_000,
            institution_types=frozenset({SCHOOL}),
            need_floor=0.5,
            need_blend=0.8,
            practice_share=0.8,
            norm_children_per_fte=100,
        ),
        Profession(
            id="ped",
            annual_cost_dkk=500_000,
            institution_types=frozenset({DAYCARE}),
            need_floor=0.7,
            need_blend=1.0,
            practice_share=0.8,
            norm_children_per_fte=100,
        ),
    ]
    return make_instance(
        {"A": "x", "B": "x"},
        [("i1", "A", 100, SCHOOL), ("i2", "B", 300, SCHOOL), ("i3", "B", 100, DAYCARE)],
        [(f"m{n}", "psy", 1.0, "A") for n in range(5)] + [("p1", "ped", 1.0, "B")],
        professions=professions,
        indicators={"i1": {"idx": 2.0}, "i2": {"idx": 1.0}, "i3": {"idx": 0.2}},
        weights=[
            NeedWeight(profession="psy", indicator="idx", weight=0.5),
            NeedWeight(profession="ped", indicator="idx", weight=0.5),
        ],
    )


def rows(mode: DemandMode = DemandMode.FAIR_SHARE) -> dict[tuple[str, str], InstitutionNeed]:
    return {(r.institution_id, r.profession): r for r in institution_needs(three(), mode)}


def test_child_weighted_mean() -> None:
    assert indicator_means(three()) == {"idx": approx(1.04)}


def test_multipliers_need_and_shares() -> None:
    r = rows()
    i1, i2, i3 = r["i1", "psy"], r["i2", "psy"], r["i3", "psy"]
    assert i1.multiplier == approx(19 / 13) and i2.multiplier == approx(51 / 52)
    assert i1.need == approx(1900 / 13) and i2.need == approx(3825 / 13)
    assert i3.base_children == 0 and i3.need == 0 and i3.demand_fte == 0
    assert i1.need_share == approx(76 / 229) and i1.headcount_share == approx(0.25)
    assert i1.share == approx(0.8 * 76 / 229 + 0.05)


def test_fair_share_demand_distributes_what_exists() -> None:
    r = rows()
    assert r["i1", "psy"].demand_fte == approx(1.262009, abs=1e-6)
    assert r["i2", "psy"].demand_fte == approx(2.737991, abs=1e-6)
    demand = team_demand(three())
    assert demand["A", "psy"] + demand["B", "psy"] == approx(4.0)


def test_norm_mode_demand() -> None:
    r = rows(DemandMode.NORM)
    assert r["i1", "psy"].demand_fte == approx(1.369231, abs=1e-6)
    assert r["i2", "psy"].demand_fte == approx(2.953846, abs=1e-6)


def test_floor_lifts_low_need() -> None:
    i3 = rows()["i3", "ped"]
    assert i3.raw_multiplier == approx(1 + 0.5 * (0.2 / 1.04 - 1))
    assert i3.multiplier == 0.7
    # The explanation carries each indicator's part.
    (term,) = i3.terms
    assert (term.indicator, term.value, term.weight) == ("idx", 0.2, 0.5)
    assert term.mean == approx(1.04)


def test_demand_table_against_current_supply() -> None:
    table = {(r.team_id, r.profession): r for r in demand_table(three())}
    assert table["A", "psy"].supply_fte == approx(4.0)  # all five psychologists sit in A
    assert table["B", "psy"].supply_fte == 0
    assert table["A", "psy"].coverage == approx(4.0 / 1.262009, rel=1e-6)
    assert table["A", "ped"].coverage is None  # no daycare in A


# Shrinkage, worked by hand on three schools with a referral rate `ref` per 100 children (unit 100), one year:
#
#     school  children  ref   r = ref/100
#     s1      20        2     0.02
#     s2      80        2     0.02
#     s3      400       12    0.12
#
# m = (20*0.02 + 80*0.02 + 400*0.12) / 500 = 50/500 = 0.1
# s2 = (20*0.0064 + 80*0.0064 + 400*0.0004) / 500 = 0.8/500 = 0.0016; mean exposure 500/3, m / (500/3) = 0.0006
# tau2 = 0.0016 - 0.0006 = 0.001; C = 0.001 / (0.001 + 0.1/e): s1 1/6, s2 4/9, s3 4/5
# shrunk: s1 10 - 8/6 = 26/3, s2 10 - 8*4/9 = 58/9, s3 10 + 2*4/5 = 11.6
# Two years: exposures 40, 160, 800; m and s2 unchanged, m / (1000/3) = 0.0003, tau2 = 0.0013,
# C(s1) = 0.0013 / (0.0013 + 0.0025) = 13/38, shrunk s1 = 10 - 8*13/38 = 138/19.


def referrals(**params: object) -> Instance:
    return make_instance(
        {"A": "x"},
        [("s1", "A", 20), ("s2", "A", 80), ("s3", "A", 400)],
        [("m1", "psy", 1.0, "A")],
        indicators={"s1": {"ref": 2.0}, "s2": {"ref": 2.0}, "s3": {"ref": 12.0}},
        weights=[NeedWeight(profession="psy", indicator="ref", weight=1.0)],
        params=Parameters.model_validate(params),
    )


def test_shrink_by_hand() -> None:
    assert shrink([2.0, 2.0, 12.0], [20, 80, 400], 100) == approx([26 / 3, 58 / 9, 11.6])
    assert shrink([2.0, 2.0, 12.0], [40, 160, 800], 100)[0] == approx(138 / 19)
    # No spread beyond chance: every place gets the mean.
    assert shrink([9.0, 11.0], [10, 10], 100) == approx([10.0, 10.0])


def test_shrinkage_off_by_default_and_explained() -> None:
    terms = {r.institution_id: r.terms[0] for r in institution_needs(referrals())}
    assert (terms["s1"].value, terms["s1"].raw_value) == (2.0, 2.0)
    shrunk = {r.institution_id: r.terms[0] for r in institution_needs(referrals(shrink_indicators={"ref/100"}))}
    assert shrunk["s1"].value == approx(26 / 3) and shrunk["s1"].raw_value == 2.0
    assert shrunk["s3"].value == approx(11.6) and shrunk["s3"].raw_value == 12.0
    # The mean the multiplier divides by is the child-weighted mean of the shrunk values.
    assert shrunk["s1"].mean == approx((20 * 26 / 3 + 80 * 58 / 9 + 400 * 11.6) / 500)
    two = {
        r.institution_id: r.terms[0]
        for r in institution_needs(referrals(shrink_indicators={"ref/100"}, shrink_years=2))
    }
    assert two["s1"].value == approx(138 / 19)


def test_shrinkage_refuses_unknown_indicators() -> None:
    with pytest.raises(ValueError, match="unknown indicator"):
        institution_needs(referrals(shrink_indicators={"refs/100"}))
    with pytest.raises(ValueError, match="name/100"):
        Parameters(shrink_indicators=frozenset({"ref/abc"}))
