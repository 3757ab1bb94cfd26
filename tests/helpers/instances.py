"""Every small named instance the tests share, built in code and worked out by hand (as PyVRP's `ok_small`).

`make_instance` builds one from compact tuples; the named builders below are the instances tests refer to by
name, and `tests/conftest.py` offers the plain ones as fixtures. A builder takes changes as keyword arguments
(those of `make_instance`), so a test states only how its case differs from the named one.

- `town`: the rule tests' base (worked out below); `evil_town` is it with names that try formula injection.
- `two_areas`: four teams in two areas, uneven need, psychologists with a minimum of one per team.
- `two_areas_part_time`: four teams in two areas with part-time staff (the benchmark peers' case).
- `four_named`: two areas, three teams, two professions, four named staff: the workbook fuzzer's base.
- `tiny`: every sheet and every optional field used once, with non-default parameters (the workbook tests).
- `DEGENERATE`: valid but degenerate variants of the town (no staff in a profession, zero children, ...).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from optimiser.domain import (
    Area,
    DemandMode,
    Instance,
    Institution,
    InstitutionType,
    NeedWeight,
    Parameters,
    Pool,
    PoolKind,
    Profession,
    Staff,
    StructureAssignment,
    Team,
)
from optimiser.settings import SolverSettings

SCHOOL, DAYCARE, LEISURE = InstitutionType.SCHOOL, InstitutionType.DAYCARE, InstitutionType.LEISURE

# Staff names with Danish letters: what data protection must keep out of every output.
NAMES = ("Anna Kirstine Hansen", "Bjørn Ølgaard", "Cecilie Åberg", "Dorthe Mølgaard")
# Text a spreadsheet would execute if written as it is.
EVIL = {"m1": '=HYPERLINK("http://x")', "m2": "+45 1234 5678", "m3": "@SUM(1)", "m4": "-Bo Ærø"}
EVIL_TEAM_NAME = "=cmd|' /C calc'!A0"


def make_instance(
    teams: dict[str, str],
    institutions: Sequence[tuple[str, str, int] | tuple[str, str, int, InstitutionType]],
    staff: Sequence[tuple[str, str, float, str]],
    *,
    professions: Sequence[Profession] | None = None,
    areas: list[str] | None = None,
    params: Parameters | None = None,
    indicators: dict[str, dict[str, float | None]] | None = None,
    weights: list[NeedWeight] | None = None,
    staff_extra: dict[str, dict[str, Any]] | None = None,
    solver: SolverSettings | None = None,
    pools: Sequence[Pool] = (),
) -> Instance:
    """An instance from compact tuples.

    teams: team id -> area id; institutions: (id, team, children[, type]); staff: (id, profession, fte,
    current team) — each staff member's area is their current team's area. Professions default to one,
    `psy` (`psy()`); weights default to a zero weight on `idx`; `solver`: the book's solver settings;
    `pools`: specialist pools (members by `staff_extra` pool_id or competence_centre).
    """
    professions = professions or [psy()]
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
        solver=solver or SolverSettings(),
        pools=tuple(pools),
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


def psy(**fields: Any) -> Profession:
    """The psychologists of the small instances: 600,000 kr. a year, schools only, practice share 0.8."""
    values: dict[str, Any] = {
        "id": "psy",
        "annual_cost_dkk": 600_000,
        "institution_types": frozenset({SCHOOL}),
        "practice_share": 0.8,
    }
    values.update(fields)
    return Profession(**values)


# -- the town ------------------------------------------------------------------------------------------------
# Two teams A and B in area x; school sA (100 children) in A, sB (300) in B; four psychologists of 1.0 FTE,
# three currently in A and one in B; practice share 0.8. Fair-share demand distributes 4 x 0.8 = 3.2
# practice-near FTE by children: A 0.8, B 2.4. The optimum moves two people from A to B (coverage 100 %
# everywhere); staying put leaves B at 0.8 / 2.4 (shortfall 2/3).
TOWN_TEAMS = {"A": "x", "B": "x"}
TOWN_SCHOOLS = [("sA", "A", 100), ("sB", "B", 300)]
TOWN_STAFF = [("m1", "psy", 1.0, "A"), ("m2", "psy", 1.0, "A"), ("m3", "psy", 1.0, "A"), ("m4", "psy", 1.0, "B")]


def town(params: Parameters | None = None, **changes: Any) -> Instance:
    """The town (above); `changes` replace `make_instance`'s arguments (teams, institutions, staff, ...)."""
    args: dict[str, Any] = {"teams": TOWN_TEAMS, "institutions": TOWN_SCHOOLS, "staff": TOWN_STAFF, "params": params}
    args.update(changes)
    return make_instance(**args)


def evil_town() -> Instance:
    """The town with staff names from `EVIL` and team A named `EVIL_TEAM_NAME`."""
    instance = town(staff_extra={sid: {"name": name} for sid, name in EVIL.items()})
    teams = tuple(t.model_copy(update={"name": EVIL_TEAM_NAME if t.id == "A" else t.name}) for t in instance.teams)
    return instance.model_copy(update={"teams": teams})


# -- two areas -----------------------------------------------------------------------------------------------


def two_areas(params: Parameters | None = None) -> Instance:
    """Teams A, B in area x and C, D in y; schools sA 120, sB 400, sC 250, sD 90 children; psychologists
    (minimum one per team) m0-m2 in A (1.0, 1.0, 0.5), m3 in B (0.75), m4-m5 in C (1.0, 0.37), m6-m7 in D (1.0)."""
    return make_instance(
        {"A": "x", "B": "x", "C": "y", "D": "y"},
        [("sA", "A", 120), ("sB", "B", 400), ("sC", "C", 250), ("sD", "D", 90)],
        [
            (f"m{n}", "psy", fte, team)
            for n, (fte, team) in enumerate(
                [(1.0, "A"), (1.0, "A"), (0.5, "A"), (0.75, "B"), (1.0, "C"), (0.37, "C"), (1.0, "D"), (1.0, "D")]
            )
        ],
        professions=[psy(min_per_team=1)],
        params=params,
    )


def two_areas_part_time(params: Parameters | None = None) -> Instance:
    """Teams A, B in area x and C, D in y; schools sA 120, sB 380, sC 250, sD 250 children; psychologists
    p1-p3 in A (1.0, 1.0, 0.5), p4 in B (0.5), p5-p7 in C (0.8 each), p8 in D (0.6): part-time staff, so
    the solver's groups and a one-variable-per-person model differ."""
    return make_instance(
        {"A": "x", "B": "x", "C": "y", "D": "y"},
        [("sA", "A", 120), ("sB", "B", 380), ("sC", "C", 250), ("sD", "D", 250)],
        [
            ("p1", "psy", 1.0, "A"),
            ("p2", "psy", 1.0, "A"),
            ("p3", "psy", 0.5, "A"),
            ("p4", "psy", 0.5, "B"),
            ("p5", "psy", 0.8, "C"),
            ("p6", "psy", 0.8, "C"),
            ("p7", "psy", 0.8, "C"),
            ("p8", "psy", 0.6, "D"),
        ],
        params=params,
    )


def four_named() -> Instance:
    """Areas O1 (teams T1, T2) and O2 (T3); I1 school 300 in T1, I2 daycare 120 in T2, I3 school 450 and I4
    school 80 in T3; psy (schools, practice share 1) S1 1.0 in T1, S2 0.8 in T2, S3 1.0 in T3; tale (every
    type) S4 0.6 in T3; the staff named from `NAMES`. Valid and solvable."""
    professions = [
        Profession(id="psy", annual_cost_dkk=600_000, institution_types=frozenset({SCHOOL})),
        Profession(id="tale", annual_cost_dkk=550_000, institution_types=frozenset(InstitutionType)),
    ]
    return make_instance(
        {"T1": "O1", "T2": "O1", "T3": "O2"},
        [("I1", "T1", 300), ("I2", "T2", 120, DAYCARE), ("I3", "T3", 450), ("I4", "T3", 80)],
        [("S1", "psy", 1.0, "T1"), ("S2", "psy", 0.8, "T2"), ("S3", "psy", 1.0, "T3"), ("S4", "tale", 0.6, "T3")],
        professions=professions,
        staff_extra={sid: {"name": name} for sid, name in zip(("S1", "S2", "S3", "S4"), NAMES, strict=True)},
    )


# -- tiny: the workbook tests' instance ----------------------------------------------------------------------


def tiny() -> Instance:
    """2 areas, 3 teams, 4 institutions, 2 professions, 3 weights, 5 staff, non-default parameters.

    Its book's Excel rows: Områder 2-3, Teams 2-4 (T1, T2, T3), Institutioner 2-5 (I1-I4), Faggrupper 2-3
    (psykolog, tale), Behovsvægte 2-4, Medarbejdere 2-6 (M1-M5), Puljer 2 (KC: M3's competence centre).
    """
    return Instance(
        areas=(Area(id="O1", name="Nord"), Area(id="O2", name="Syd")),
        teams=(
            Team(id="T1", name="Nord 1", area_id="O1"),
            Team(id="T2", name="Nord 2", area_id="O1"),
            Team(id="T3", name="Syd", area_id="O2"),
        ),
        institutions=(
            Institution(
                id="I1",
                name="Skolen ved Søen",
                type=SCHOOL,
                team_id="T1",
                children=400,
                indicators={"risiko": 0.12, "sager": 8.0},
            ),
            Institution(
                id="I2",
                name="Børnehuset",
                type=DAYCARE,
                team_id="T2",
                children=60,
                indicators={"risiko": None, "sager": 2.0},
            ),
            Institution(
                id="I3",
                name="Fritten",
                type=LEISURE,
                team_id="T3",
                children=120,
                indicators={"risiko": 0.05, "sager": None},
            ),
            Institution(
                id="I4",
                name="Syd Skole",
                type=SCHOOL,
                team_id="T3",
                children=650,
                indicators={"risiko": 0.2, "sager": 14.0},
            ),
        ),
        professions=(
            Profession(
                id="psykolog",
                annual_cost_dkk=620_000,
                min_per_team=1,
                institution_types=frozenset({SCHOOL, DAYCARE}),
                practice_share=0.8,
                need_floor=0.5,
                need_blend=0.9,
                norm_children_per_fte=1500,
            ),
            Profession(
                id="tale",
                annual_cost_dkk=580_500.5,
                institution_types=frozenset(InstitutionType),
                practice_share=0.75,
                need_floor=0.6,
                contact_per_institution=False,
            ),
        ),
        need_weights=(
            NeedWeight(profession="psykolog", indicator="risiko", weight=0.6),
            NeedWeight(profession="psykolog", indicator="sager", weight=0.3),
            NeedWeight(profession="tale", indicator="sager", weight=0.5),
        ),
        staff=(
            Staff(id="M1", name="Anna", profession="psykolog", fte=1.0, area_id="O1", current_team_id="T1"),
            Staff(id="M2", profession="psykolog", fte=0.8, area_id="O1", current_team_id="T2", locked_team_id="T2"),
            Staff(
                id="M3",
                profession="psykolog",
                fte=0.5,
                area_id="O2",
                current_team_id="T3",
                competence_centre="I4",
                cost_override_dkk=650_000,
            ),
            Staff(id="M4", profession="tale", fte=1.0, area_id="O2", current_team_id="T3", preferred_team_id="T3"),
            Staff(id="M5", profession="tale", fte=0.6, area_id="O1", current_team_id="T1"),
        ),
        parameters=Parameters(
            area_boundary=False,
            disabled_rules=frozenset({"max-moves", "budget"}),
            team_size_min_fte=1.5,
            max_moves=5,
            budget_dkk=1_500_000,
            overhead_share=0.1,
            tolerance=0.05,
            objective="weighted",
            contact_min_fte=0.1,
            min_coverage=0.9,
            weights={"equity": 20.0, "moves": 2.0},
        ),
        solver=SolverSettings(time_limit_s=30, seed=7, deterministic=True, workers=4),
        pools=(
            Pool(
                id="KC",
                name="Syd Skoles kompetencecenter",
                kind=PoolKind.CENTRE,
                home="I4",
                professions=frozenset({"psykolog"}),
            ),
        ),
    )


# -- degenerate but valid: the town at its edges (tests/reliability and the reliability report) --------------


def no_staff_in_a_profession() -> Instance:
    """The town with a second profession, `tale`, that has no staff."""
    tale = Profession(id="tale", annual_cost_dkk=550_000, institution_types=frozenset({SCHOOL}))
    return town(professions=[psy(), tale])


def a_team_without_institutions() -> Instance:
    """The town with a third team C in area x and no institution in it."""
    return town(teams={"A": "x", "B": "x", "C": "x"})


def zero_children() -> Instance:
    return town(institutions=[("sA", "A", 0), ("sB", "B", 0)])


def zero_children_norm_mode() -> Instance:
    """Zero children with demand by norm (300 children per FTE): no demand at all."""
    norm = psy(norm_children_per_fte=300)
    return town(
        institutions=[("sA", "A", 0), ("sB", "B", 0)],
        professions=[norm],
        params=Parameters(demand_mode=DemandMode.NORM),
    )


def everyone_locked() -> Instance:
    """The town with each psychologist locked to their current team."""
    return town(staff_extra={sid: {"locked_team_id": team} for sid, _, _, team in TOWN_STAFF})


def one_staff_member() -> Instance:
    """The town's schools and one half-time psychologist, m1 in A."""
    return town(staff=[("m1", "psy", 0.5, "A")])


DEGENERATE: dict[str, Callable[[], Instance]] = {
    "a profession with no staff": no_staff_in_a_profession,
    "a team with no institutions": a_team_without_institutions,
    "zero children": zero_children,
    "zero children, norm mode": zero_children_norm_mode,
    "all staff locked": everyone_locked,
    "one staff member": one_staff_member,
}


def two_team_town() -> Instance:
    """Teams A and B in one area, one school each (100 children, equal need), one profession `psy`; everyone
    in A today: p1 and p2 with 1.0 FTE, p3 and p4 with 0.5 (demand 1.2 practice-near FTE per team). The
    transition plan's hand-worked case (tests/scenarios/test_phase.py)."""
    return make_instance(
        {"A": "X", "B": "X"},
        [("a1", "A", 100), ("b1", "B", 100)],
        [("p1", "psy", 1.0, "A"), ("p2", "psy", 1.0, "A"), ("p3", "psy", 0.5, "A"), ("p4", "psy", 0.5, "A")],
        solver=SolverSettings(workers=1, time_limit_s=30),
    )
