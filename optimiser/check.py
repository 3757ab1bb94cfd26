"""Independent checker: every hard rule and every figure of a result, recomputed from the plan and the book.

It reads the book (the instance, with a scenario's structure) and the result's plan — assignments, new posts,
institution allocations — and works every figure out again with plain loops of its own: no solver, no model
and none of the evaluator's helpers (`optimiser.evaluate`), so that a mistake in either shows as a
disagreement. Demand is the need model's (`optimiser.need`): it is part of the book's meaning, not of the plan.

It then compares with what the result reports — coverage rows, institution allocations, new posts and their
cost, KPIs, stage values, equity levels — and with the solver's own values of the plan (`result.model`:
supply and new FTE per cell, moves, the cost of new posts as the model priced them). Each rule's own check
(`optimiser.model.rules`) runs where the rule is on; `optimality.py` adds its solver-free optimality checks.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from optimiser.domain import Instance, Parameters
from optimiser.model.rules import RULES
from optimiser.model.rules.base import Cell, Facts
from optimiser.need import institution_needs
from optimiser.optimality import check_optimality
from optimiser.pools import pool_of
from optimiser.results import Assignment, SolveResult

EPS = 1e-6
# Demand is rounded to 1e-5 FTE inside the solver: figures the model computes from it get this much room.
DEMAND_EPS = 1e-4


def verify(
    instance: Instance,
    result: SolveResult,
    params: Parameters | None = None,
    structure: Mapping[str, str] | None = None,
) -> list[str]:
    """Every broken hard rule and every reported figure that differs from the recomputation; empty when all
    is well. A result without a plan (infeasible, or nothing found in time) has nothing to verify."""
    params = params or instance.parameters
    if result.status in ("infeasible", "invalid") or not result.assignments:
        return []
    problems = _staff_covered_once(instance, result.assignments)
    if problems:
        return problems  # the rest assumes everyone is placed once
    facts = _facts(instance, params, result, structure)
    problems += _assignments(instance, result.assignments)
    for name, rule in RULES.items():
        if facts.on(name):
            problems += rule.check(facts)
    problems += _new_posts(facts)
    problems += _reference(instance, params, result)
    problems += _statutory(facts, result)
    problems += _coverage(facts, result)
    problems += _institutions(facts)
    problems += _kpis(facts, result)
    problems += _stages(facts, result)
    problems += _model_values(facts, result)
    problems += _pools(facts, result)
    problems += _districts(facts, result)
    problems += _structure_kpis(facts, result)
    problems += check_optimality(instance, params, result, structure)
    return problems


def _staff_covered_once(instance: Instance, assignments: Sequence[Assignment]) -> list[str]:
    """Every staff member exactly once, at their own FTE, in a known team."""
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


def _assignments(instance: Instance, assignments: Sequence[Assignment]) -> list[str]:
    """Each assignment's current team is the book's, and `moved` and `locked` say what the plan does."""
    staff = {s.id: s for s in instance.staff}
    problems = []
    for a in assignments:
        member = staff[a.staff_id]
        if a.current_team_id != member.current_team_id:
            problems.append(f"assignment {a.staff_id}: current team {a.current_team_id}, not {member.current_team_id}")
        if a.moved != (a.team_id != member.current_team_id) or a.locked != (member.locked_team_id is not None):
            problems.append(f"assignment {a.staff_id}: moved {a.moved}, locked {a.locked} do not match the plan")
    return problems


def _share(instance: Instance, params: Parameters, profession: str) -> float:
    """Practice-near share of time (all of it with the 80/20 rule off)."""
    if "practice-share" not in params.enabled_rules():
        return 1.0
    return instance.profession(profession).practice_share


def _facts(instance: Instance, params: Parameters, result: SolveResult, structure: Mapping[str, str] | None) -> Facts:
    team_of = {a.staff_id: a.team_id for a in result.assignments}
    inst_team = dict(structure) if structure else {i.id: i.team_id for i in instance.institutions}
    serves: set[Cell] = set()
    for i in instance.institutions:
        for p in instance.professions:
            if i.type in p.institution_types:
                serves.add((inst_team[i.id], p.id))
    demand: dict[Cell, float] = {(t.id, p.id): 0.0 for t in instance.teams for p in instance.professions}
    for row in institution_needs(instance, params.demand_mode, structure):
        demand[row.team_id, row.profession] = demand.get((row.team_id, row.profession), 0.0) + row.demand_fte
    heads: Counter[Cell] = Counter()
    size: dict[str, float] = {t.id: 0.0 for t in instance.teams}
    supply: dict[Cell, float] = defaultdict(float)
    moved = 0
    pooled = pool_of(instance)
    for s in instance.staff:
        team = team_of[s.id]
        size[team] += s.fte
        moved += team != s.current_team_id
        if s.id not in pooled:  # a pool's staff are not the team's supply nor its head count
            heads[team, s.profession] += 1
            supply[team, s.profession] += s.fte * _share(instance, params, s.profession)
    for post in result.new_posts:
        size[post.team_id] = size.get(post.team_id, 0.0) + post.fte
        supply[post.team_id, post.profession] += post.fte * _share(instance, params, post.profession)
    return Facts(
        instance=instance,
        params=params,
        structure=inst_team,
        team_of=team_of,
        new_posts=result.new_posts,
        institutions=result.institutions,
        team_area={t.id: t.area_id for t in instance.teams},
        serves=frozenset(serves),
        heads=heads,
        size_fte=size,
        supply_fte=dict(supply),
        demand_fte=demand,
        moved=moved,
    )


def _differs(reported: float, recomputed: float, room: float = EPS) -> bool:
    return not math.isfinite(reported) or abs(reported - recomputed) > room * max(1.0, abs(recomputed))


def _new_posts(facts: Facts) -> list[str]:
    params, problems = facts.params, []
    for post in facts.new_posts:
        price = facts.instance.profession(post.profession).annual_cost_dkk * (1 + params.overhead_share) * post.fte
        # The solver prices in whole DKK per 0.01 FTE: up to half a krone of rounding per hundredth.
        if post.fte <= 0 or abs(price - post.cost_dkk) > 1 + 50 * post.fte:
            problems.append(f"budget: new post {post.team_id}/{post.profession} priced {post.cost_dkk}, not {price}")
        if facts.demand_fte.get((post.team_id, post.profession), 0.0) <= 0:
            problems.append(f"new posts: {post.team_id}/{post.profession} has no demand")
        if post.fte < params.min_post_fte - EPS:
            problems.append(f"new posts: {post.team_id}/{post.profession} {post.fte} FTE < {params.min_post_fte}")
    if facts.new_posts and params.budget_dkk is None and params.min_coverage is None:
        problems.append("budget: new posts without a budget or a coverage level")
    return problems


def _reference(instance: Instance, params: Parameters, result: SolveResult) -> list[str]:
    """The result says which reference demand it was measured against: the one the book gives it. A book read
    as it is (no reference set) gives its own demand, so a result measured against that book's own FTE — the
    run service's default on an unchanged book — agrees with it."""
    if result.reference == instance.reference:
        return []
    ref = result.reference
    if instance.reference is None and ref is not None and ref.kind == "book" and ref.mode == params.demand_mode:
        own: dict[str, float] = defaultdict(float)
        for s in instance.staff:
            own[s.profession] += s.fte * _share(instance, params, s.profession)
        names = set(own) | set(ref.practice_fte)
        if all(not _differs(ref.practice_fte.get(p, 0.0), own.get(p, 0.0)) for p in names):
            return []
    return [f"reference: the result names {result.reference}, the book gives {instance.reference}"]


def _statutory(facts: Facts, result: SolveResult) -> list[str]:
    """Statutory work: hours of caseload per team x profession against the non-practice FTE there."""
    if result.kpis is None:
        return []
    instance, params = facts.instance, facts.params
    required: dict[Cell, float] = defaultdict(float)
    for i in instance.institutions:
        for p in instance.professions:
            if i.statutory_cases and p.hours_per_case > 0 and i.type in p.institution_types:
                required[facts.structure[i.id], p.id] += i.statutory_cases * p.hours_per_case / params.hours_per_fte
    fte: dict[Cell, float] = defaultdict(float)
    for s in instance.staff:
        fte[facts.team_of[s.id], s.profession] += s.fte
    for post in facts.new_posts:
        fte[post.team_id, post.profession] += post.fte
    needed = covered = 0.0
    short: list[tuple[str, str, float, float]] = []
    for (team, profession), hours in required.items():
        kept = fte[team, profession] * (1 - _share(instance, params, profession))
        needed += hours
        covered += min(kept, hours)
        if kept < hours - 1e-9:
            short.append((team, profession, hours, kept))
    share = covered / needed if needed > 0 else None
    problems = []
    reported = result.kpis.statutory_covered
    if (share is None) != (reported is None) or (share is not None and _differs(float(reported or 0.0), share)):
        problems.append(f"kpi statutory_covered: reported {reported}, recomputed {share}")
    listed = {(c.team_id, c.profession): (c.required_fte, c.available_fte) for c in result.kpis.statutory_short}
    if set(listed) != {(t, p) for t, p, _, _ in short}:
        problems.append(
            f"kpi statutory_short: reported {sorted(listed)}, recomputed {sorted((t, p) for t, p, _, _ in short)}"
        )
    for team, profession, hours, kept in short:
        got = listed.get((team, profession))
        if got is not None and (_differs(got[0], hours) or _differs(got[1], kept)):
            problems.append(f"kpi statutory_short {team}/{profession}: reported {got}, recomputed {(hours, kept)}")
    return problems


def _coverage(facts: Facts, result: SolveResult) -> list[str]:
    """Every coverage row: demand, supply and current supply, one row per team x profession."""
    before: dict[Cell, float] = defaultdict(float)
    pooled = pool_of(facts.instance)
    for s in facts.instance.staff:
        if s.id not in pooled:
            before[s.current_team_id, s.profession] += s.fte * _share(facts.instance, facts.params, s.profession)
    problems = []
    seen: set[Cell] = set()
    for row in result.coverage:
        cell = (row.team_id, row.profession)
        name = f"coverage {row.team_id}/{row.profession}"
        if cell in seen or cell not in facts.demand_fte:
            problems.append(f"{name}: {'listed twice' if cell in seen else 'not a team and profession'}")
            continue
        seen.add(cell)
        expected = {
            "demand_fte": facts.demand_fte[cell],
            "supply_fte": facts.supply_fte.get(cell, 0.0),
            "current_supply_fte": before[cell],
        }
        for field, value in expected.items():
            reported = float(getattr(row, field))
            if _differs(reported, value):
                problems.append(f"{name}: {field} reported {reported:.6f}, recomputed {value:.6f}")
    problems += [f"coverage {t}/{p}: missing" for t, p in facts.demand_fte if (t, p) not in seen]
    return problems


def _institutions(facts: Facts) -> list[str]:
    """Each institution served once by its own team, the team's supply shared in proportion to demand (those
    raised to the minimum slice apart), and each contact of the team and the profession."""
    instance, problems = facts.instance, []
    demand: dict[tuple[str, str], float] = {}
    for row in institution_needs(instance, facts.params.demand_mode, facts.structure):
        if row.base_children > 0:
            demand[row.institution_id, row.profession] = row.demand_fte
    staff = {s.id: s for s in instance.staff}
    given: dict[Cell, float] = defaultdict(float)
    ratios: dict[Cell, list[tuple[str, float]]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    floor = facts.params.contact_min_fte if facts.on("contact-load") else 0.0
    for a in facts.institutions:
        key, cell = (a.institution_id, a.profession), (a.team_id, a.profession)
        name = f"institution {a.institution_id}/{a.profession}"
        if key in seen or key not in demand:
            problems.append(f"{name}: {'listed twice' if key in seen else 'not served'}")
            continue
        seen.add(key)
        if facts.structure.get(a.institution_id) != a.team_id:
            problems.append(f"{name}: in team {a.team_id}, not {facts.structure.get(a.institution_id)}")
        given[cell] += a.fte
        if demand[key] > 0 and a.fte > floor + EPS:
            ratios[cell].append((a.institution_id, a.fte / demand[key]))
        if a.contact_staff_id is not None:
            contact = staff.get(a.contact_staff_id)
            if contact is None or facts.team_of[contact.id] != a.team_id or contact.profession != a.profession:
                problems.append(f"contact-load: {a.contact_staff_id} cannot be contact for {a.institution_id}")
    problems += [f"institution {i}/{p}: missing" for i, p in sorted(set(demand) - seen)]
    for cell, fte in given.items():
        supply = facts.supply_fte.get(cell, 0.0)
        if abs(fte - supply) > EPS * max(1.0, supply):
            problems.append(f"institutions of {cell[0]}/{cell[1]}: given {fte:.6f} FTE of a supply of {supply:.6f}")
    for (team, profession), shares in ratios.items():
        top, low = max(r for _, r in shares), min(r for _, r in shares)
        if top - low > EPS * max(1.0, top):
            odd = max(shares, key=lambda s: abs(s[1] - low))[0]
            problems.append(f"institution {odd}/{profession}: not its share of {team}'s supply by demand")
    return problems


def _kpis(facts: Facts, result: SolveResult) -> list[str]:
    if result.kpis is None:
        return ["kpis: missing"]
    instance = facts.instance
    relative, short = _shortfalls(facts)
    ratios = [facts.supply_fte.get(c, 0.0) / d for c, d in facts.demand_fte.items() if d > 0]
    mean = sum(ratios) / len(ratios) if ratios else 0.0
    spread = math.sqrt(sum((r - mean) ** 2 for r in ratios) / len(ratios)) if ratios else 0.0
    changed: int | None = None  # today's contacts broken; None without sheet Kontakter
    if instance.contacts:
        given: dict[tuple[str, str], str | None] = {}
        for a in facts.institutions:
            given[a.institution_id, a.profession] = a.contact_staff_id
        changed = 0
        for c in instance.contacts:
            if given.get((c.institution_id, c.profession)) != c.staff_id:
                changed += 1
    new_cost = sum(p.cost_dkk for p in facts.new_posts)
    cost = new_cost
    for member in instance.staff:
        own = member.cost_override_dkk
        annual = own if own is not None else instance.profession(member.profession).annual_cost_dkk
        cost += annual * member.fte  # the overhead share is a mark-up on new posts only
    children = sum(i.children for i in instance.institutions)
    expected: dict[str, float | None] = {
        "max_relative_shortfall": max(relative, default=0.0),
        "mean_relative_shortfall": sum(relative) / len(relative) if relative else 0.0,
        "total_shortfall_fte": short,
        "cv_coverage": spread / mean if mean > 0 else 0.0,
        "staff_moved": facts.moved,
        "contacts_changed": changed,
        "team_size_min_fte": min(facts.size_fte.values(), default=0.0),
        "team_size_max_fte": max(facts.size_fte.values(), default=0.0),
        "cost_dkk": cost,
        "cost_per_child_dkk": cost / children if children else 0.0,
        "fte_per_1000_children": 1000 * sum(facts.size_fte.values()) / children if children else 0.0,
        "new_posts_fte": sum(p.fte for p in facts.new_posts),
        "new_posts_cost_dkk": new_cost,
    }
    problems = []
    for name, value in expected.items():
        reported = getattr(result.kpis, name)
        if reported is None or value is None:
            if reported is not value:
                problems.append(f"kpi {name}: reported {reported}, recomputed {value}")
            continue
        if _differs(float(reported), value):
            problems.append(f"kpi {name}: reported {reported}, recomputed {value}")
    return problems


def _shortfalls(facts: Facts) -> tuple[list[float], float]:
    """The relative shortfall of every cell with demand, and the total shortfall (FTE)."""
    relative, short = [], 0.0
    for cell, d in facts.demand_fte.items():
        s = facts.supply_fte.get(cell, 0.0)
        short += max(0.0, d - s)
        if d > 0:
            relative.append(max(0.0, (d - s) / d))
    return relative, short


def _stages(facts: Facts, result: SolveResult) -> list[str]:
    """Each stage's reported value is its measure in the plan (the model's demand is rounded: a little room)."""
    misses = sum(1 for s in facts.instance.staff if s.preferred_team_id and facts.team_of[s.id] != s.preferred_team_id)
    relative, short = _shortfalls(facts)
    plan = {
        "equity": (max(relative, default=0.0), DEMAND_EPS),
        "shortfall": (short, 1e-5 * len(facts.demand_fte) + EPS),
        "moves": (float(facts.moved), EPS),
        "preferences": (float(misses), EPS),
        "cost": (sum(p.cost_dkk for p in facts.new_posts), 0.5),
    }
    problems = []
    for stage in result.stages:
        if stage.name in plan and stage.objective is not None:
            value, room = plan[stage.name]
            if not math.isfinite(stage.objective) or abs(stage.objective - value) > room:
                problems.append(f"stage {stage.name}: reported {stage.objective}, recomputed {value}")
    return problems


def _model_values(facts: Facts, result: SolveResult) -> list[str]:
    """The solver's own values of the plan against the recomputation."""
    model = result.model
    if model is None:
        return []
    problems = []
    posts: dict[Cell, float] = defaultdict(float)
    for post in facts.new_posts:
        posts[post.team_id, post.profession] += post.fte
    for c in model.cells:
        cell = (c.team_id, c.profession)
        supply = facts.supply_fte.get(cell, 0.0)
        if abs(c.supply_fte - supply) > EPS:
            problems.append(f"model {c.team_id}/{c.profession}: solver supply {c.supply_fte:.6f}, plan {supply:.6f}")
        if abs(c.new_fte - posts[cell]) > EPS:
            problems.append(f"model {c.team_id}/{c.profession}: solver new posts {c.new_fte}, plan {posts[cell]}")
    if model.moves != facts.moved:
        problems.append(f"model moves: solver {model.moves}, plan {facts.moved}")
    cost = sum(p.cost_dkk for p in facts.new_posts)
    if abs(model.new_posts_cost_dkk - cost) > 0.5:
        problems.append(f"model new posts cost: solver {model.new_posts_cost_dkk}, plan {cost}")
    return problems


def _pools(facts: Facts, result: SolveResult) -> list[str]:
    """Each pool's coverage, over its catchment and per catchment team: its staff's practice-near FTE shared
    over the catchment by the pool part of demand, overlapping pools' demand split by what each gives."""
    instance = facts.instance
    homes = {p.home: p.id for p in instance.pools}
    held: dict[tuple[str, str], float] = defaultdict(float)
    for s in instance.staff:
        pid = s.pool_id or homes.get(s.competence_centre or "")
        if pid is not None:
            held[pid, s.profession] += s.fte * _share(instance, facts.params, s.profession)
    area = {t.id: t.area_id for t in instance.teams}
    book_area = {i.id: area[i.team_id] for i in instance.institutions}
    wanted: dict[tuple[str, str, str], float] = {}
    for row in institution_needs(instance, facts.params.demand_mode, facts.structure):
        wanted[row.institution_id, row.profession, ""] = row.pool_demand_fte
    gives: dict[tuple[str, str, str], float] = {}  # (pool, profession, institution) -> FTE
    for pool in instance.pools:
        if pool.catchment == "by":
            places = [i.id for i in instance.institutions]
        elif pool.catchment == "liste":
            places = [i.id for i in instance.institutions if i.id in pool.members or i.team_id in pool.members]
        else:
            own = book_area.get(pool.home, pool.home)
            places = [i.id for i in instance.institutions if book_area[i.id] == own]
        for prof in pool.professions:
            total = sum(wanted.get((i, prof, ""), 0.0) for i in places)
            for i in places:
                if total > 0 and wanted.get((i, prof, ""), 0.0) > 0:
                    gives[pool.id, prof, i] = held[pool.id, prof] * wanted[i, prof, ""] / total
    together: dict[tuple[str, str], float] = defaultdict(float)
    for (_, prof, i), fte in gives.items():
        together[i, prof] += fte
    expected: dict[tuple[str, str, str | None], list[float]] = {}
    for pool in instance.pools:
        for prof in pool.professions:
            expected[pool.id, prof, None] = [0.0, held[pool.id, prof], 0.0]
    for (pool_id, prof, i), fte in gives.items():
        part = wanted[i, prof, ""] * fte / together[i, prof]
        for team in (None, facts.structure[i]):
            cell = expected.setdefault((pool_id, prof, team), [0.0, 0.0, 0.0])
            cell[0] += part
            cell[1] += fte if team is not None else 0.0
            cell[2] += 1
    problems = []
    seen = set()
    for got in result.pools:
        key = (got.pool_id, got.profession, got.team_id)
        name = f"pool {got.pool_id}/{got.profession}/{got.team_id or 'catchment'}"
        if key not in expected or key in seen:
            problems.append(f"{name}: {'listed twice' if key in seen else 'not a pool, profession and team'}")
            continue
        seen.add(key)
        demand, supply, count = expected[key]
        if _differs(got.demand_fte, demand) or _differs(got.supply_fte, supply) or got.institutions != count:
            problems.append(
                f"{name}: reported {got.demand_fte:.6f}/{got.supply_fte:.6f}, recomputed {demand:.6f}/{supply:.6f}"
            )
    problems += [f"pool {p}/{q}/{t or 'catchment'}: missing" for p, q, t in expected if (p, q, t) not in seen]
    return problems


def _districts(facts: Facts, result: SolveResult) -> list[str]:
    """Coverage per district (`bydel`) and profession: demand and the plan's supply summed over the district's
    institutions; today's supply summed over districts equals the practice-near supply that serves them."""
    if not result.districts:
        return []
    instance = facts.instance
    district = {i.id: i.district_id for i in instance.institutions}
    demand: dict[tuple[str, str], float] = defaultdict(float)
    for need in institution_needs(instance, facts.params.demand_mode, facts.structure):
        demand[district[need.institution_id], need.profession] += need.demand_fte
    supply: dict[tuple[str, str], float] = defaultdict(float)
    for a in facts.institutions:
        supply[district[a.institution_id], a.profession] += a.fte
    problems = []
    before: dict[str, float] = defaultdict(float)
    for row in result.districts:
        key = (row.district_id, row.profession)
        before[row.profession] += row.current_supply_fte
        for name, reported, value in (("demand", row.demand_fte, demand[key]), ("supply", row.supply_fte, supply[key])):
            if _differs(reported, value):
                problems.append(f"district {key[0]}/{key[1]}: {name} reported {reported:.6f}, recomputed {value:.6f}")
    served = {(facts.structure[i.id], p.id) for i in instance.institutions for p in instance.professions}
    served &= {cell for cell, d in facts.demand_fte.items() if d > 0}
    today: dict[str, float] = defaultdict(float)
    pooled = pool_of(instance)
    for s in instance.staff:
        if s.id not in pooled and (s.current_team_id, s.profession) in served:  # a pool's staff serve its catchment
            today[s.profession] += s.fte * _share(instance, facts.params, s.profession)
    for profession, value in today.items():
        if _differs(before[profession], value):
            problems.append(f"districts {profession}: today's supply {before[profession]:.6f}, recomputed {value:.6f}")
    listed = {(r.district_id, r.profession) for r in result.districts}
    problems += [f"district {d}/{p}: missing" for (d, p), v in demand.items() if v > 0 and (d, p) not in listed]
    return problems


def _great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance in km on a sphere of radius 6,371 km (the spherical law of cosines)."""
    a, b, d = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    cos = math.sin(a) * math.sin(b) + math.cos(a) * math.cos(b) * math.cos(d)
    return 6371.0 * math.acos(max(-1.0, min(1.0, cos)))


def _structure_kpis(facts: Facts, result: SolveResult) -> list[str]:
    """The consultation's arguments (`structure_kpis`), recomputed with loops of the checker's own."""
    got = result.structure_kpis
    if got is None:
        return []
    instance, params = facts.instance, facts.params
    heads: dict[str, int] = {t.id: 0 for t in instance.teams}
    people: dict[Cell, int] = defaultdict(int)
    for s in instance.staff:
        heads[facts.team_of[s.id]] += 1
        people[facts.team_of[s.id], s.profession] += 1
    for post in facts.new_posts:
        n = math.ceil(post.fte - 1e-9)
        heads[post.team_id] += n
        people[post.team_id, post.profession] += n
    cells = [cell for cell, d in facts.demand_fte.items() if d > 0]
    q = params.absence_probability
    risks = [q ** people[cell] for cell in cells]
    load: dict[str, int] = defaultdict(int)
    for a in facts.institutions:
        if a.contact_staff_id is not None:
            load[a.contact_staff_id] += 1
    cluster_teams: dict[str, set[str]] = defaultdict(set)
    for i in instance.institutions:
        if i.cluster_id is not None:
            cluster_teams[i.cluster_id].add(facts.structure[i.id])
    distances = []
    for t in instance.teams:
        own = [
            i
            for i in instance.institutions
            if facts.structure[i.id] == t.id and i.latitude is not None and i.longitude is not None
        ]
        if t.latitude is not None and t.longitude is not None:
            lat, lon = t.latitude, t.longitude
        elif own:
            weight = sum(i.children for i in own)
            w = {i.id: (i.children if weight > 0 else 1) for i in own}
            total = sum(w.values())
            lat = sum(w[i.id] * (i.latitude or 0.0) for i in own) / total
            lon = sum(w[i.id] * (i.longitude or 0.0) for i in own) / total
        for i in own:
            distances.append(_great_circle_km(lat, lon, i.latitude or 0.0, i.longitude or 0.0))
    changed = None
    if instance.contacts:
        now = {(a.institution_id, a.profession): a.contact_staff_id for a in facts.institutions}
        changed = sum(1 for c in instance.contacts if now.get((c.institution_id, c.profession)) != c.staff_id)
    sizes, counts = sorted(facts.size_fte.values()), sorted(heads.values())

    def median(values: list[float]) -> float:
        mid = len(values) // 2
        return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2

    expected: dict[str, float | None] = {
        "team_fte_min": sizes[0],
        "team_fte_median": median(sizes),
        "team_fte_max": sizes[-1],
        "team_heads_min": counts[0],
        "team_heads_median": median([float(c) for c in counts]),
        "team_heads_max": counts[-1],
        "alone_cells": sum(1 for cell in cells if people[cell] <= 1),
        "absence_risk_max": max(risks) if risks else None,
        "absence_risk_mean": sum(risks) / len(risks) if risks else None,
        "institutions_per_contact_mean": sum(load.values()) / len(load) if load else None,
        "institutions_per_contact_max": max(load.values()) if load else None,
        "clusters": len(cluster_teams),
        "clusters_split": sum(1 for ts in cluster_teams.values() if len(ts) > 1) if cluster_teams else None,
        # the two formulas differ in rounding only: a millimetre's room
        "distance_mean_km": sum(distances) / len(distances) if distances else None,
        "distance_max_km": max(distances) if distances else None,
        "contacts_changed": changed,
    }
    problems = []
    for name, value in expected.items():
        reported = getattr(got, name)
        if reported is None or value is None:
            if reported is not value:
                problems.append(f"structure {name}: reported {reported}, recomputed {value}")
        elif _differs(float(reported), value, 1e-6 if "distance" not in name else 1e-5):
            problems.append(f"structure {name}: reported {reported}, recomputed {value}")
    return problems
