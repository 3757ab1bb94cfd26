"""Property tests: hypothesis generates small valid instances; every plan passes the independent checker,
and every infeasible one is explained by naming at least one rule."""

from __future__ import annotations

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from optimiser.check import verify
from optimiser.domain import (
    Area,
    Instance,
    Institution,
    InstitutionType,
    NeedWeight,
    Parameters,
    Profession,
    Staff,
    Team,
)
from optimiser.explain import render
from optimiser.settings import SolverSettings
from optimiser.solve import solve

TYPES = list(InstitutionType)
FTES = [0.37, 0.5, 0.75, 0.8, 1.0]


@st.composite
def instances(draw: st.DrawFn) -> Instance:
    n_areas = draw(st.integers(1, 2))
    teams = [
        Team(id=f"T{a}{k}", name=f"Team {a}{k}", area_id=f"A{a}")
        for a in range(n_areas)
        for k in range(draw(st.integers(1, 3)))
    ]
    institutions = [
        Institution(
            id=f"I{n}",
            name=f"I{n}",
            type=draw(st.sampled_from(TYPES)),
            team_id=t.id,
            children=draw(st.integers(0, 400)),
            indicators={"idx": draw(st.one_of(st.none(), st.floats(0, 3)))},
        )
        for n, t in enumerate(t for t in teams for _ in range(draw(st.integers(1, 3))))
    ]
    professions = [
        Profession(
            id=f"P{p}",
            annual_cost_dkk=draw(st.sampled_from([500_000, 650_000])),
            min_per_team=draw(st.integers(0, 1)),
            institution_types=frozenset(draw(st.lists(st.sampled_from(TYPES), min_size=1, max_size=3))),
            practice_share=draw(st.sampled_from([0.8, 1.0])),
            need_floor=0.5,
            need_blend=draw(st.sampled_from([0.5, 1.0])),
        )
        for p in range(draw(st.integers(1, 2)))
    ]
    staff = []
    for n in range(draw(st.integers(1, 10))):
        team = draw(st.sampled_from(teams))
        lock = draw(st.one_of(st.none(), st.sampled_from([t.id for t in teams if t.area_id == team.area_id])))
        staff.append(
            Staff(
                id=f"S{n:02d}",
                profession=draw(st.sampled_from([p.id for p in professions])),
                fte=draw(st.sampled_from(FTES)),
                area_id=team.area_id,
                current_team_id=team.id,
                locked_team_id=lock if draw(st.booleans()) else None,
            )
        )
    params = Parameters(
        area_boundary=draw(st.booleans()),
        contact_max_institutions=draw(st.integers(1, 4)),
        tolerance=draw(st.sampled_from([0.0, 0.1])),
        max_moves=draw(st.one_of(st.none(), st.integers(0, 3))),
    )
    return Instance(
        areas=tuple(Area(id=f"A{a}", name=f"Område {a}") for a in range(n_areas)),
        teams=tuple(teams),
        institutions=tuple(institutions),
        professions=tuple(professions),
        need_weights=tuple(NeedWeight(profession=p.id, indicator="idx", weight=0.5) for p in professions),
        staff=tuple(staff),
        parameters=params,
        solver=SolverSettings(time_limit_s=20, workers=1),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(instances())
def test_every_plan_passes_the_checker_and_every_clash_is_named(instance: Instance) -> None:
    result = solve(instance)
    event(result.status)
    assert result.status in ("optimal", "infeasible")
    if result.status == "optimal":
        assert verify(instance, result) == []
    else:
        text = "\n".join(render(result.explanation))
        assert any(f"({rule})" in text for rule in instance.parameters.enabled_rules())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(instances())
def test_a_minimum_beyond_the_staff_is_explained(instance: Instance) -> None:
    # Demand one more of the first profession in every team than there are staff of it at all.
    first = instance.professions[0]
    heads = sum(1 for s in instance.staff if s.profession == first.id)
    too_many = first.model_copy(update={"min_per_team": heads + 1, "institution_types": frozenset(TYPES)})
    children = tuple(i.model_copy(update={"children": max(i.children, 1)}) for i in instance.institutions)
    clash = instance.model_copy(update={"professions": (too_many, *instance.professions[1:]), "institutions": children})
    result = solve(clash)
    assert result.status == "infeasible"
    assert "(team-minimum-per-profession)" in "\n".join(render(result.explanation))
