"""Small hand-checkable instances for tests, built in code (no workbook needed)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from optimiser.domain import (
    Area,
    Instance,
    Institution,
    InstitutionType,
    NeedWeight,
    Parameters,
    Profession,
    Staff,
    StructureAssignment,
    Team,
)

SCHOOL = InstitutionType.SCHOOL
DAYCARE = InstitutionType.DAYCARE


def make_instance(
    teams: dict[str, str],
    institutions: Sequence[tuple[str, str, int] | tuple[str, str, int, InstitutionType]],
    staff: list[tuple[str, str, float, str]],
    *,
    professions: list[Profession] | None = None,
    areas: list[str] | None = None,
    params: Parameters | None = None,
    indicators: dict[str, dict[str, float | None]] | None = None,
    weights: list[NeedWeight] | None = None,
    staff_extra: dict[str, dict[str, Any]] | None = None,
) -> Instance:
    """An instance from compact tuples.

    teams: team id -> area id; institutions: (id, team, children[, type]); staff: (id, profession, fte,
    current team) — each staff member's area is their current team's area. Professions default to one,
    `psy`, serving schools, practice share 0.8, no minimum; weights default to a zero weight on `idx`.
    """
    professions = professions or [
        Profession(id="psy", annual_cost_dkk=600_000, institution_types=frozenset({SCHOOL}), practice_share=0.8)
    ]
    area_ids = areas or sorted(set(teams.values()))
    indicators = indicators or {}
    extra = staff_extra or {}
    insts = []
    for row in institutions:
        iid, team, children = row[0], row[1], row[2]
        kind = row[3] if len(row) > 3 else SCHOOL
        insts.append(
            Institution(
                id=iid,
                name=iid,
                type=kind,
                team_id=team,
                children=children,
                indicators=indicators.get(iid, {"idx": None}),
            )
        )
    return Instance(
        areas=tuple(Area(id=a, name=f"Område {a}") for a in area_ids),
        teams=tuple(Team(id=t, name=f"Team {t}", area_id=a) for t, a in teams.items()),
        institutions=tuple(insts),
        professions=tuple(professions),
        need_weights=tuple(weights or [NeedWeight(profession=p.id, indicator="idx", weight=0) for p in professions]),
        staff=tuple(
            Staff(id=sid, profession=p, fte=fte, area_id=teams[team], current_team_id=team, **extra.get(sid, {}))
            for sid, p, fte, team in staff
        ),
        parameters=params or Parameters(),
    )


def with_structures(
    instance: Instance, structures: dict[str, dict[str, str]], new_teams: dict[str, str] | None = None
) -> Instance:
    """`instance` with alternative structures: name -> (institution -> team), and the teams only they use
    (team id -> area id)."""
    rows = [
        StructureAssignment(structure=name, institution_id=i, team_id=t)
        for name, mapping in structures.items()
        for i, t in mapping.items()
    ]
    teams = [Team(id=t, name=f"Team {t}", area_id=a) for t, a in (new_teams or {}).items()]
    return Instance.model_validate(
        {
            **{f: getattr(instance, f) for f in Instance.model_fields},
            "structure_teams": teams,
            "structure_assignments": rows,
        }
    )


def two_team_town() -> Instance:
    """Teams A and B in one area, one school each (100 children, equal need), one profession `psy`; everyone
    in A today: p1 and p2 with 1.0 FTE, p3 and p4 with 0.5 (demand 1.2 practice-near FTE per team). The
    transition plan's hand-worked case (tests/scenarios/test_phase.py)."""
    return make_instance(
        {"A": "X", "B": "X"},
        [("a1", "A", 100), ("b1", "B", 100)],
        [("p1", "psy", 1.0, "A"), ("p2", "psy", 1.0, "A"), ("p3", "psy", 0.5, "A"), ("p4", "psy", 0.5, "A")],
        params=Parameters(workers=1, time_limit_s=30),
    )
