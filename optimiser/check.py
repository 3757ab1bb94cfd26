"""Independent checker: verifies every hard rule on a result and recomputes every KPI from assignments alone.

It imports no solver code: it reads the instance, the parameters and the result's assignments, new posts and
institution allocations, and works everything out again with plain arithmetic and the need model.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from optimiser.contacts import current_contacts, practice_share
from optimiser.domain import Instance, InstitutionType, Parameters
from optimiser.need import institution_needs, team_demand
from optimiser.optimality import check_optimality
from optimiser.results import Assignment, Coverage, InstitutionAllocation, Kpis, NewPost, SolveResult

EPS = 1e-6
# Demand is rounded to 1e-5 FTE inside the solver; coverage levels are compared with this much room.
DEMAND_EPS = 1e-4


def coverage_rows(
    instance: Instance,
    params: Parameters,
    team_of: Mapping[str, str],
    new_posts: Sequence[NewPost] = (),
    structure: Mapping[str, str] | None = None,
) -> list[Coverage]:
    """Demand, practice-near supply and current supply per team and profession."""
    demand = team_demand(instance, params.demand_mode, structure)
    fte: dict[tuple[str, str], float] = defaultdict(float)
    before: dict[tuple[str, str], float] = defaultdict(float)
    for s in instance.staff:
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
) -> Kpis:
    rows = coverage_rows(instance, params, team_of, new_posts, structure)
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

    before = current_contacts(instance, params)
    changed = sum(
        1
        for a in institutions
        if a.contact_staff_id is not None and before.get((a.institution_id, a.profession)) != a.contact_staff_id
    )
    overhead = 1 + params.overhead_share
    new_cost = sum(p.cost_dkk for p in new_posts)
    cost = sum(instance.cost_per_fte_dkk(s) * s.fte for s in instance.staff) * overhead + new_cost
    children = sum(i.children for i in instance.institutions)
    total_fte = sum(size.values())
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
    )


def verify(
    instance: Instance,
    result: SolveResult,
    params: Parameters | None = None,
    structure: Mapping[str, str] | None = None,
) -> list[str]:
    """Every broken hard rule and every KPI that differs from a recomputation; empty when all is well.

    A result without a plan (infeasible, or nothing found in time) has nothing to verify.
    """
    params = params or instance.parameters
    if result.status in ("infeasible", "invalid") or not result.assignments:
        return []
    problems = _coverage_of_staff(instance, result.assignments)
    if problems:
        return problems  # the rest assumes everyone is placed once
    team_of = {a.staff_id: a.team_id for a in result.assignments}
    on = params.enabled_rules()
    problems += _structural(instance, params, team_of, on, structure)
    problems += _new_posts(instance, params, result.new_posts, on)
    problems += _institutions(instance, params, team_of, result, on, structure)
    if "minimum-coverage" in on and params.min_coverage is not None:
        for r in coverage_rows(instance, params, team_of, result.new_posts, structure):
            if r.supply_fte < params.min_coverage * r.demand_fte - DEMAND_EPS:
                problems.append(f"minimum-coverage: {r.team_id}/{r.profession} covers {r.coverage:.3f}")
    problems += check_optimality(instance, params, result, structure)
    if result.kpis is not None:
        expected = compute_kpis(instance, params, team_of, result.new_posts, result.institutions, structure)
        for name, value in expected.model_dump().items():
            reported = getattr(result.kpis, name)
            if abs(reported - value) > 1e-6 * max(1.0, abs(value)):
                problems.append(f"kpi {name}: reported {reported}, recomputed {value}")
    return problems


def _coverage_of_staff(instance: Instance, assignments: Sequence[Assignment]) -> list[str]:
    """Staff covered once: every staff member exactly once, at their own FTE, in a known team."""
    counts = Counter(a.staff_id for a in assignments)
    staff = {s.id: s for s in instance.staff}
    teams = {t.id for t in instance.teams}
    problems = [f"staff-covered-once: {sid} placed {n} times" for sid, n in counts.items() if n > 1]
    problems += [f"staff-covered-once: {sid} not placed" for sid in staff if sid not in counts]
    for a in assignments:
        if a.staff_id not in staff:
            problems.append(f"staff-covered-once: unknown staff {a.staff_id}")
        elif abs(a.fte - staff[a.staff_id].fte) > EPS:
            problems.append(f"staff-covered-once: {a.staff_id} placed with {a.fte} FTE")
        if a.team_id not in teams:
            problems.append(f"staff-covered-once: {a.staff_id} in unknown team {a.team_id}")
    return problems


def _structural(
    instance: Instance,
    params: Parameters,
    team_of: Mapping[str, str],
    on: frozenset[str],
    structure: Mapping[str, str] | None,
) -> list[str]:
    problems: list[str] = []
    team_area = {t.id: t.area_id for t in instance.teams}
    needs = institution_needs(instance, params.demand_mode, structure)
    kind = {i.id: i.type for i in instance.institutions}
    # A team "has something the profession serves" when it has an institution of a type the profession serves.
    serves = {
        (r.team_id, r.profession)
        for r in needs
        if kind[r.institution_id] in instance.profession(r.profession).institution_types
    }
    heads: Counter[tuple[str, str]] = Counter()
    for s in instance.staff:
        team = team_of[s.id]
        heads[team, s.profession] += 1
        if "area-boundary" in on and team_area[team] != s.area_id:
            problems.append(f"area-boundary: {s.id} of {s.area_id} in {team}")
        if "locked-assignments" in on and s.locked_team_id and team != s.locked_team_id:
            problems.append(f"locked-assignments: {s.id} locked to {s.locked_team_id}, in {team}")
        if "profession-serves-institution-types" in on and (team, s.profession) not in serves:
            problems.append(f"profession-serves-institution-types: {s.id} ({s.profession}) in {team}")
    if "team-minimum-per-profession" in on:
        for p in instance.professions:
            for t in instance.teams:
                if (t.id, p.id) in serves and heads[t.id, p.id] < p.min_per_team:
                    problems.append(f"team-minimum-per-profession: {t.id} has {heads[t.id, p.id]} {p.id}")
    if "max-moves" in on and params.max_moves is not None:
        moved = sum(1 for s in instance.staff if team_of[s.id] != s.current_team_id)
        if moved > params.max_moves:
            problems.append(f"max-moves: {moved} > {params.max_moves}")
    return problems


def _new_posts(instance: Instance, params: Parameters, posts: Sequence[NewPost], on: frozenset[str]) -> list[str]:
    problems = []
    for post in posts:
        price = instance.profession(post.profession).annual_cost_dkk * (1 + params.overhead_share) * post.fte
        # The solver prices in whole DKK per 0.01 FTE: up to half a krone of rounding per hundredth.
        if post.fte < 0 or abs(price - post.cost_dkk) > 1 + 50 * post.fte:
            problems.append(f"budget: new post {post.team_id}/{post.profession} priced {post.cost_dkk}, not {price}")
    total = sum(p.cost_dkk for p in posts)
    if posts and params.budget_dkk is None and params.min_coverage is None:
        problems.append("budget: new posts without a budget or a coverage level")
    if "budget" in on and params.budget_dkk is not None and total > params.budget_dkk + 1:
        problems.append(f"budget: new posts cost {total:.0f} > {params.budget_dkk:.0f}")
    return problems


def _institutions(
    instance: Instance,
    params: Parameters,
    team_of: Mapping[str, str],
    result: SolveResult,
    on: frozenset[str],
    structure: Mapping[str, str] | None,
) -> list[str]:
    """Practice share (80/20) and contact load / minimum slice, from the institution allocations."""
    problems = []
    staff = {s.id: s for s in instance.staff}
    supply = {
        (r.team_id, r.profession): r.supply_fte
        for r in coverage_rows(instance, params, team_of, result.new_posts, structure)
    }
    given: dict[tuple[str, str], float] = defaultdict(float)
    load: Counter[str] = Counter()
    for a in result.institutions:
        given[a.team_id, a.profession] += a.fte
        if a.contact_staff_id is not None:
            load[a.contact_staff_id] += 1
            contact = staff.get(a.contact_staff_id)
            if contact is None or team_of[contact.id] != a.team_id or contact.profession != a.profession:
                problems.append(f"contact-load: {a.contact_staff_id} cannot be contact for {a.institution_id}")
    for pair, fte in given.items():
        if fte > supply.get(pair, 0.0) + EPS:
            problems.append(f"practice-share: {pair} gives {fte:.4f} FTE of {supply.get(pair, 0.0):.4f}")
    if "contact-load" in on:
        reachable = _reachable(instance, on, structure)
        needed = {
            (r.institution_id, r.profession)
            for r in institution_needs(instance, params.demand_mode, structure)
            if r.base_children > 0
            and instance.profession(r.profession).contact_per_institution
            and (r.team_id, r.profession) in reachable
        }
        have = {(a.institution_id, a.profession) for a in result.institutions if a.contact_staff_id}
        problems += [f"contact-load: {i}/{p} has no contact" for i, p in sorted(needed - have)]
        problems += [
            f"contact-load: {a.institution_id}/{a.profession} gets {a.fte:.4f} FTE"
            for a in result.institutions
            if (a.institution_id, a.profession) in needed and a.fte < params.contact_min_fte - EPS
        ]
        for sid, n in load.items():
            practice = practice_share(instance, params, staff[sid].profession) * staff[sid].fte
            if n > params.contact_max_institutions or n * params.contact_min_fte > practice + EPS:
                problems.append(f"contact-load: {sid} is contact for {n} institutions")
    return problems


def _reachable(instance: Instance, on: frozenset[str], structure: Mapping[str, str] | None) -> set[tuple[str, str]]:
    """(team, profession) pairs where some staff member of the profession may work under the switched-on rules:
    only there does an institution need a named contact."""
    area = {t.id: t.area_id for t in instance.teams}
    team_of_inst = dict(structure) if structure else {i.id: i.team_id for i in instance.institutions}
    kinds: dict[str, set[InstitutionType]] = defaultdict(set)
    for i in instance.institutions:
        kinds[team_of_inst[i.id]].add(i.type)
    out = set()
    for s in instance.staff:
        if s.locked_team_id is not None and "locked-assignments" in on:
            teams = [s.locked_team_id]
        elif "area-boundary" in on:
            teams = [t for t, a in area.items() if a == s.area_id]
        else:
            teams = list(area)
        serves = instance.profession(s.profession).institution_types
        for t in teams:
            if "profession-serves-institution-types" not in on or kinds[t] & serves:
                out.add((t, s.profession))
    return out
