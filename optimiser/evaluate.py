"""The evaluator: what a plan gives, for every consumer — coverage per team x profession, the KPIs and costs.

Costs: a staff member costs their FTE x their annual cost (their own override, else the profession's); a new
post costs FTE x the profession's annual cost x (1 + overhead share) (`fte_cost_dkk`): the overhead share is
the mark-up on new posts (management, premises) that the template documents, not on today's staff, whose
salaries the budget already carries. Team costs (`scenarios.costs`), the exports' cost figures and the
solver's price of a new post (`model.data.ProblemData.price_per_hundredth`) all use these functions.

The checker (`optimiser.check`) does not use this module: it recomputes the same figures with code of its own,
so that a mistake here shows as a disagreement there.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from optimiser import statutory
from optimiser.contacts import practice_share, ties_broken
from optimiser.domain import Instance, Parameters, Staff
from optimiser.need import team_demand
from optimiser.pools import pool_cells, pool_of
from optimiser.results import Coverage, InstitutionAllocation, Kpis, NewPost, Plan, PoolCoverage


def fte_cost_dkk(annual_cost_dkk: float, overhead_share: float) -> float:
    """The annual cost of one FTE of a new post, overhead included."""
    return annual_cost_dkk * (1 + overhead_share)


def staff_cost_dkk(instance: Instance, member: Staff) -> float:
    """Annual cost of one staff member (their FTE); no overhead (it is a mark-up on new posts only)."""
    return instance.cost_per_fte_dkk(member) * member.fte


def current_cost_dkk(instance: Instance) -> float:
    """Annual cost of all staff of `instance` (where they are does not change it)."""
    return sum(staff_cost_dkk(instance, s) for s in instance.staff)


@dataclass(frozen=True)
class Evaluation:
    coverage: tuple[Coverage, ...]
    kpis: Kpis
    pools: tuple[PoolCoverage, ...] = ()


def coverage_rows(
    instance: Instance,
    params: Parameters,
    team_of: Mapping[str, str],
    new_posts: Sequence[NewPost] = (),
    structure: Mapping[str, str] | None = None,
) -> list[Coverage]:
    """Demand, practice-near supply and current supply per team and profession (a pool's staff apart: their
    time is the pool's, `optimiser.pools`)."""
    demand = team_demand(instance, params.demand_mode, structure)
    fte: dict[tuple[str, str], float] = defaultdict(float)
    before: dict[tuple[str, str], float] = defaultdict(float)
    pooled = pool_of(instance)
    for s in instance.staff:
        if s.id in pooled:
            continue
        fte[team_of[s.id], s.profession] += s.fte
        before[s.current_team_id, s.profession] += s.fte
    for post in new_posts:
        fte[post.team_id, post.profession] += post.fte
    return [
        Coverage(
            team_id=t,
            profession=p,
            demand_fte=d,
            supply_fte=practice_share(instance, params, p) * fte[t, p],
            current_supply_fte=practice_share(instance, params, p) * before[t, p],
        )
        for (t, p), d in demand.items()
    ]


def compute_kpis(
    instance: Instance,
    params: Parameters,
    team_of: Mapping[str, str],
    new_posts: Sequence[NewPost],
    institutions: Sequence[InstitutionAllocation],
    structure: Mapping[str, str] | None = None,
    rows: Sequence[Coverage] | None = None,
) -> Kpis:
    """The KPIs of a plan given as staff id -> team (`rows`: its coverage, when already worked out)."""
    rows = rows if rows is not None else coverage_rows(instance, params, team_of, new_posts, structure)
    with_demand = [r for r in rows if r.demand_fte > 0]
    relative = [max(0.0, (r.demand_fte - r.supply_fte) / r.demand_fte) for r in with_demand]
    ratios = [r.supply_fte / r.demand_fte for r in with_demand]
    mean_ratio = statistics.fmean(ratios) if ratios else 0.0
    cv = statistics.pstdev(ratios) / mean_ratio if mean_ratio > 0 else 0.0

    size: dict[str, float] = {t.id: 0.0 for t in instance.teams}
    for s in instance.staff:
        size[team_of[s.id]] += s.fte
    for post in new_posts:
        size[post.team_id] += post.fte

    changed = ties_broken(instance.contacts, institutions)  # None: today's contacts were not supplied
    new_cost = sum(p.cost_dkk for p in new_posts)
    cost = current_cost_dkk(instance) + new_cost
    children = sum(i.children for i in instance.institutions)
    total_fte = sum(size.values())
    work = statutory.statutory_cells(instance, params, team_of, new_posts, structure)
    return Kpis(
        max_relative_shortfall=max(relative, default=0.0),
        mean_relative_shortfall=statistics.fmean(relative) if relative else 0.0,
        total_shortfall_fte=sum(max(0.0, r.demand_fte - r.supply_fte) for r in rows),
        cv_coverage=cv,
        staff_moved=sum(1 for s in instance.staff if team_of[s.id] != s.current_team_id),
        contacts_changed=changed,
        team_size_min_fte=min(size.values(), default=0.0),
        team_size_max_fte=max(size.values(), default=0.0),
        cost_dkk=cost,
        cost_per_child_dkk=cost / children if children else 0.0,
        fte_per_1000_children=1000 * total_fte / children if children else 0.0,
        new_posts_fte=sum(p.fte for p in new_posts),
        new_posts_cost_dkk=new_cost,
        statutory_covered=statutory.covered_share(work),
        statutory_short=statutory.short(work),
    )


def evaluate(
    instance: Instance, params: Parameters, plan: Plan, structure: Mapping[str, str] | None = None
) -> Evaluation:
    """Coverage and KPIs of `plan`."""
    team_of = {a.staff_id: a.team_id for a in plan.assignments}
    rows = coverage_rows(instance, params, team_of, plan.new_posts, structure)
    kpis = compute_kpis(instance, params, team_of, plan.new_posts, plan.institutions, structure, rows)
    return Evaluation(tuple(rows), kpis, pool_cells(instance, params, structure))
