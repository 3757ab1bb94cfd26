"""Specialist pools: competence centres, area flex teams and city-wide units (sheet Puljer, docs/method.md).

A pool's staff stay where they are (the rule `pool-staff`); their time is not the district teams' supply.
Each pool shares its practice-near FTE S_P over its catchment C_P by need (D_ip, the need model's demand):

    A_Pi = S_P * D_ip / sum_{j in C_P} D_jp            A_i = sum_P A_Pi  (what the pools give i)

The district teams cover what the pools leave, on their own FTE (`split_demand`):

    R_ip = max(0, D_ip - A_ip)
    team part of D_ip = R_ip * phi_p * sum_j D_jp / sum_j R_jp     (fair-share mode: team demand = team FTE)
                      = R_ip                                       (norm mode: the need the pools leave)
    phi_p = FTE of p outside pools / FTE of p  (1 where p has no staff); no team part where phi_p = 0

So a profession held only by pools has no team demand (no cells in the leximin), one partly in pools has team
demand for the rest, less where a pool already serves. The pools' part, (1 - phi_p) * D_ip, is what their
coverage is measured against (`pool_cells`): where catchments overlap, an institution's pool part is
attributed to the pools in proportion to what they give it (D_Pi = Dpool_i * A_Pi / A_i), so a pool's coverage
S_P / sum_i D_Pi is the coverage of the institutions it serves, weighted by what it gives them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import cast

from optimiser.domain import Catchment, Instance, Parameters, Pool
from optimiser.results import PoolCoverage


def pool_of(instance: Instance) -> dict[str, str]:
    """Staff id -> pool id for every pooled member: column pulje, else the pool whose home is the member's
    competence centre (validation makes it unique)."""
    key = ("pool_of",)
    if key not in instance.memo:
        homes = {p.home: p.id for p in instance.pools}
        out = {}
        for s in instance.staff:
            pool = s.pool_id or (homes.get(s.competence_centre) if s.competence_centre else None)
            if pool is not None:
                out[s.id] = pool
        instance.memo[key] = out
    return cast(dict[str, str], instance.memo[key])


def team_share(instance: Instance) -> dict[str, float]:
    """phi_p per profession: the share of its FTE outside pools (1 where it has no staff)."""
    key = ("team_share",)
    if key not in instance.memo:
        pooled = pool_of(instance)
        every: dict[str, float] = defaultdict(float)
        outside: dict[str, float] = defaultdict(float)
        for s in instance.staff:
            every[s.profession] += s.fte
            if s.id not in pooled:
                outside[s.profession] += s.fte
        share = {p.id: outside[p.id] / every[p.id] if every[p.id] > 0 else 1.0 for p in instance.professions}
        instance.memo[key] = share
    return cast(dict[str, float], instance.memo[key])


def split_demand(
    instance: Instance, profession: str, demand: Mapping[str, float], fair_share: bool
) -> tuple[dict[str, float], dict[str, float]]:
    """(teams' part, pools' part) of each institution's demand `demand` (institution -> FTE) for `profession`
    (the module docstring's R, phi and A; capacity at the profession's practice share, as demand is)."""
    phi = team_share(instance)[profession]
    pooled = pool_of(instance)
    share = instance.profession(profession).practice_share
    capacity: dict[str, float] = defaultdict(float)
    for s in instance.staff:
        if s.id in pooled and s.profession == profession:
            capacity[pooled[s.id]] += s.fte * share
    if not any(capacity.values()) and phi == 1.0:
        return dict(demand), dict.fromkeys(demand, 0.0)  # no pool of this profession: demand as it was
    given: dict[str, float] = defaultdict(float)
    for pool in instance.pools:
        if capacity.get(pool.id, 0.0) > 0 and profession in pool.professions:
            places = catchment(instance, pool)
            weight = sum(demand.get(i, 0.0) for i in places)
            for i in places:
                if weight > 0:
                    given[i] += capacity[pool.id] * demand.get(i, 0.0) / weight
    left = {i: max(0.0, d - given[i]) for i, d in demand.items()}
    scale = 1.0
    if phi == 0.0:
        scale = 0.0
    elif fair_share:
        rest = sum(left.values())
        scale = phi * sum(demand.values()) / rest if rest > 0 else 0.0
    return {i: r * scale for i, r in left.items()}, {i: (1 - phi) * d for i, d in demand.items()}


def catchment(instance: Instance, pool: Pool) -> tuple[str, ...]:
    """The institutions a pool serves: its home's area (a centre's area is its team's in the book), the
    whole municipality, or the listed institutions and the institutions of the listed teams; in book order."""
    if pool.catchment is Catchment.CITY:
        return tuple(i.id for i in instance.institutions)
    if pool.catchment is Catchment.LIST:
        return tuple(i.id for i in instance.institutions if i.id in pool.members or i.team_id in pool.members)
    home = next((i for i in instance.institutions if i.id == pool.home), None)
    area = instance.team(home.team_id).area_id if home is not None else pool.home
    return tuple(i.id for i in instance.institutions if instance.team(i.team_id).area_id == area)


def pool_supply(instance: Instance, params: Parameters) -> dict[tuple[str, str], float]:
    """(pool, profession) -> practice-near FTE of the pool's staff (all of their time with 80/20 off)."""
    from optimiser.contacts import practice_share

    pooled = pool_of(instance)
    out: dict[tuple[str, str], float] = defaultdict(float)
    for s in instance.staff:
        if s.id in pooled:
            out[pooled[s.id], s.profession] += s.fte * practice_share(instance, params, s.profession)
    return dict(out)


def pool_cells(
    instance: Instance, params: Parameters, structure: Mapping[str, str] | None = None
) -> tuple[PoolCoverage, ...]:
    """Every pool x profession it holds: the whole catchment first, then each catchment team (in the run's
    structure), pools in book order."""
    from optimiser.need import institution_needs

    pools = [p for p in instance.pools if p.professions]
    if not pools:
        return ()
    demand: dict[tuple[str, str], float] = {}
    team_of: dict[str, str] = {}
    for row in institution_needs(instance, params.demand_mode, structure):
        demand[row.institution_id, row.profession] = row.pool_demand_fte
        team_of[row.institution_id] = row.team_id
    supply = pool_supply(instance, params)
    given: dict[tuple[str, str, str], float] = {}  # (pool, profession, institution) -> A_Pi
    for pool in pools:
        places = catchment(instance, pool)
        for prof in sorted(pool.professions):
            weight = sum(demand.get((i, prof), 0.0) for i in places)
            for i in places:
                d = demand.get((i, prof), 0.0)
                if weight > 0 and d > 0:
                    given[pool.id, prof, i] = supply.get((pool.id, prof), 0.0) * d / weight
    combined: dict[tuple[str, str], float] = defaultdict(float)
    for (_, prof, i), a in given.items():
        combined[i, prof] += a
    order = [t.id for t in instance.teams] + sorted({t for t in team_of.values()} - {t.id for t in instance.teams})
    out: list[PoolCoverage] = []
    for pool in pools:
        for prof in sorted(pool.professions):
            by_team: dict[str | None, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
            for (pid, p, i), a in given.items():
                if pid != pool.id or p != prof:
                    continue
                attributed = demand[i, prof] * a / combined[i, prof]
                for key in (None, team_of[i]):
                    by_team[key][0] += a
                    by_team[key][1] += attributed
                    by_team[key][2] += 1
            whole = by_team.get(None, [0.0, 0.0, 0.0])
            rows: list[tuple[str | None, float, float, float]] = [
                (None, supply.get((pool.id, prof), 0.0), whole[1], whole[2])
            ]
            rows += [(team, by_team[team][0], by_team[team][1], by_team[team][2]) for team in order if team in by_team]
            out += [
                PoolCoverage(
                    pool_id=pool.id, profession=prof, team_id=t, demand_fte=d, supply_fte=a, institutions=int(n)
                )
                for t, a, d, n in rows
            ]
    return tuple(out)
