"""The consultation's arguments as figures, per option, and coverage per district (docs/method.md).

The committee weighs uniform service, a robust team size, a person alone in their profession, double staffing,
closeness to the institutions, daycare clusters kept together and continuity of relations (seeds/000, 001).
`structure_kpis` measures each on one plan; `district_coverage` sums coverage over the districts (`bydel`),
which are the same institutions in every structure, so 5, 14 and 26 teams are compared on the same units.

* Team size: FTE (staff and new posts) and head count (staff; a new post counts as one person per started
  FTE) per team: smallest, median, largest.
* Alone in the profession: team x profession cells with demand that hold one person or nobody.
* Double staffing: each person is away on a given day with probability q (`Parameters.absence_probability`),
  independently, so a cell of n people has nobody present with probability q^n (1 for n = 0). Reported: the
  largest and the mean over the cells with demand.
* Institutions per contact person: over the people who are a primary contact in the plan, mean and largest.
* Daycare clusters (`klynge_id`): a cluster whose institutions lie in more than one team is split. The
  institutions' teams are the structure's data, so this is a check of the structure, reported per option.
* Distance: straight-line (great-circle) km from a team's base to each of its institutions with coordinates;
  the base is the team's own coordinates where the Teams sheet gives them, else the children-weighted
  centroid of its institutions with coordinates. Reported per team and, per option, the mean over all
  institutions and the largest. None without coordinates.
* Contacts changed: today's contacts (sheet Kontakter) the plan breaks; None without the sheet.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence

from optimiser.contacts import allocate, ties_broken
from optimiser.domain import Instance, Institution, Parameters, Team
from optimiser.need import institution_needs, team_demand
from optimiser.results import (
    DistrictCoverage,
    InstitutionAllocation,
    NewPost,
    Plan,
    StructureKpis,
    TeamArguments,
)

EARTH_RADIUS_KM = 6371.0  # mean Earth radius (IUGG)
Pair = tuple[str, str]  # (institution, profession)


def institution_demand(
    instance: Instance, params: Parameters, structure: Mapping[str, str] | None = None
) -> dict[Pair, float]:
    """Demand in practice-near FTE per institution and profession, from the need model."""
    return {
        (r.institution_id, r.profession): r.demand_fte
        for r in institution_needs(instance, params.demand_mode, structure)
    }


def district_coverage(
    instance: Instance,
    demand: Mapping[Pair, float],
    supply: Sequence[InstitutionAllocation],
    current: Sequence[InstitutionAllocation],
) -> list[DistrictCoverage]:
    """Demand and practice-near supply per district and profession: the sums over the district's institutions
    of `demand`, of the plan's allocations (`supply`) and of the allocations before the solve (`current`).
    Districts in first-seen order of the institutions, professions in the book's order."""
    district = {i.id: i.district_id for i in instance.institutions}
    order = list(dict.fromkeys(i.district_id for i in instance.institutions))
    wanted: dict[Pair, float] = defaultdict(float)
    given: dict[Pair, float] = defaultdict(float)
    before: dict[Pair, float] = defaultdict(float)
    for (inst, prof), d in demand.items():
        wanted[district[inst], prof] += d
    for a in supply:
        given[district[a.institution_id], a.profession] += a.fte
    for a in current:
        before[district[a.institution_id], a.profession] += a.fte
    return [
        DistrictCoverage(
            district_id=d,
            profession=p.id,
            demand_fte=wanted[d, p.id],
            supply_fte=given[d, p.id],
            current_supply_fte=before[d, p.id],
        )
        for d in order
        for p in instance.professions
        if wanted[d, p.id] > 0 or given[d, p.id] > 0 or before[d, p.id] > 0
    ]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (latitude, longitude) points in degrees (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def team_base(team: Team, institutions: Sequence[Institution]) -> tuple[float, float] | None:
    """The team's own coordinates, else the children-weighted centroid of its institutions with coordinates
    (the plain centroid where they have no children); None where none has coordinates."""
    if team.latitude is not None and team.longitude is not None:
        return team.latitude, team.longitude
    placed = [i for i in institutions if i.latitude is not None and i.longitude is not None]
    if not placed:
        return None
    weights = [float(i.children) for i in placed] if sum(i.children for i in placed) > 0 else [1.0] * len(placed)
    total = sum(weights)
    lat = sum(w * i.latitude for w, i in zip(weights, placed, strict=True) if i.latitude is not None) / total
    lon = sum(w * i.longitude for w, i in zip(weights, placed, strict=True) if i.longitude is not None) / total
    return lat, lon


def _distances(instance: Instance, team_of_institution: Mapping[str, str]) -> dict[str, list[float]]:
    """Team -> the distance from its base to each of its institutions with coordinates."""
    members: dict[str, list[Institution]] = defaultdict(list)
    for i in instance.institutions:
        members[team_of_institution[i.id]].append(i)
    out: dict[str, list[float]] = {}
    for t in instance.teams:
        base = team_base(t, members[t.id])
        out[t.id] = [
            km(base, (i.latitude, i.longitude))
            for i in members[t.id]
            if base is not None and i.latitude is not None and i.longitude is not None
        ]
    return out


def split_clusters(instance: Instance, team_of_institution: Mapping[str, str]) -> tuple[int, list[str]]:
    """How many clusters (`klynge_id`) the book has, and those whose institutions lie in more than one team."""
    teams: dict[str, set[str]] = defaultdict(set)
    for i in instance.institutions:
        if i.cluster_id is not None:
            teams[i.cluster_id].add(team_of_institution[i.id])
    return len(teams), [c for c, ts in teams.items() if len(ts) > 1]


def structure_kpis(
    instance: Instance,
    params: Parameters,
    team_of: Mapping[str, str],
    new_posts: Sequence[NewPost],
    institutions: Sequence[InstitutionAllocation],
    structure: Mapping[str, str] | None = None,
) -> StructureKpis:
    """The consultation's arguments of the plan that puts staff by `team_of` (staff id -> team)."""
    fte: dict[str, float] = {t.id: 0.0 for t in instance.teams}
    heads: dict[str, int] = {t.id: 0 for t in instance.teams}
    people: dict[tuple[str, str], int] = defaultdict(int)  # (team, profession) -> persons
    for s in instance.staff:
        fte[team_of[s.id]] += s.fte
        heads[team_of[s.id]] += 1
        people[team_of[s.id], s.profession] += 1
    for post in new_posts:
        persons = math.ceil(post.fte - 1e-9)  # a new post of 1.5 FTE is two people
        fte[post.team_id] += post.fte
        heads[post.team_id] += persons
        people[post.team_id, post.profession] += persons

    demand = team_demand(instance, params.demand_mode, structure)
    cells = [cell for cell, d in demand.items() if d > 0]
    q = params.absence_probability
    risks = [q ** people[cell] for cell in cells]
    alone = [cell for cell in cells if people[cell] <= 1]

    load: dict[str, int] = defaultdict(int)
    for a in institutions:
        if a.contact_staff_id is not None:
            load[a.contact_staff_id] += 1

    placed = {i.id: (structure or {}).get(i.id, i.team_id) for i in instance.institutions}
    clusters, split = split_clusters(instance, placed)
    distances = _distances(instance, placed)
    every = [d for ds in distances.values() for d in ds]
    teams = tuple(
        TeamArguments(
            team_id=t.id,
            fte=fte[t.id],
            heads=heads[t.id],
            alone_professions=tuple(p for tt, p in alone if tt == t.id),
            distance_mean_km=statistics.fmean(distances[t.id]) if distances[t.id] else None,
            distance_max_km=max(distances[t.id]) if distances[t.id] else None,
        )
        for t in instance.teams
    )
    sizes, counts = list(fte.values()) or [0.0], list(heads.values()) or [0]
    return StructureKpis(
        team_fte_min=min(sizes),
        team_fte_median=statistics.median(sizes),
        team_fte_max=max(sizes),
        team_heads_min=min(counts),
        team_heads_median=statistics.median(counts),
        team_heads_max=max(counts),
        alone_cells=len(alone),
        absence_probability=q,
        absence_risk_max=max(risks) if risks else None,
        absence_risk_mean=statistics.fmean(risks) if risks else None,
        institutions_per_contact_mean=statistics.fmean(load.values()) if load else None,
        institutions_per_contact_max=max(load.values()) if load else None,
        clusters=clusters,
        clusters_split=len(split) if clusters else None,
        split_clusters=tuple(split),
        distance_mean_km=statistics.fmean(every) if every else None,
        distance_max_km=max(every) if every else None,
        contacts_supplied=bool(instance.contacts),
        contacts_changed=ties_broken(instance.contacts, institutions),
        teams=teams,
    )


def of_plan(
    instance: Instance, params: Parameters, plan: Plan, structure: Mapping[str, str] | None = None
) -> tuple[tuple[DistrictCoverage, ...], StructureKpis]:
    """RESULT.json's `districts` and `structure_kpis` of a plan; the supply before the solve is the staff where
    they start, shared over their team's institutions as a plan's supply is (`optimiser.contacts.allocate`)."""
    team_of = {a.staff_id: a.team_id for a in plan.assignments}
    before = allocate(instance, params, {s.id: s.current_team_id for s in instance.staff}, {}, structure)
    demand = institution_demand(instance, params, structure)
    districts = tuple(district_coverage(instance, demand, plan.institutions, before))
    return districts, structure_kpis(instance, params, team_of, plan.new_posts, plan.institutions, structure)
