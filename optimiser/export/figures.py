"""Figures the exports show that a `SolveResult` holds only in parts: per team, per team and profession, moves.

Plain arithmetic over the result (and, where a person's profession or cost is needed, the book); nothing here
decides anything. Teams and professions keep the order in which the result lists them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from optimiser.domain import Instance
from optimiser.evaluate import staff_cost_dkk
from optimiser.results import Coverage, SolveResult

Pair = tuple[str, str]  # (team id, profession)


def team_ids(result: SolveResult) -> list[str]:
    """The plan's teams: in the order of the coverage rows, then any team only the assignments name."""
    seen = [c.team_id for c in result.coverage] + [a.team_id for a in result.assignments]
    return list(dict.fromkeys(seen))


def professions(result: SolveResult) -> list[str]:
    return list(dict.fromkeys(c.profession for c in result.coverage))


def coverage_by_pair(result: SolveResult) -> dict[Pair, Coverage]:
    return {(c.team_id, c.profession): c for c in result.coverage}


@dataclass(frozen=True)
class TeamCoverage:
    """Demand and practice-near supply of one team over all professions, after the plan and before it."""

    team_id: str
    demand_fte: float
    supply_fte: float
    current_supply_fte: float
    lowest: float | None  # the lowest coverage of any profession in the team

    @property
    def coverage(self) -> float | None:
        return self.supply_fte / self.demand_fte if self.demand_fte > 0 else None

    @property
    def current_coverage(self) -> float | None:
        return self.current_supply_fte / self.demand_fte if self.demand_fte > 0 else None


def team_coverage(result: SolveResult) -> list[TeamCoverage]:
    demand: dict[str, float] = defaultdict(float)
    supply: dict[str, float] = defaultdict(float)
    before: dict[str, float] = defaultdict(float)
    lowest: dict[str, float] = {}
    for c in result.coverage:
        demand[c.team_id] += c.demand_fte
        supply[c.team_id] += c.supply_fte
        before[c.team_id] += c.current_supply_fte
        if c.coverage is not None:
            lowest[c.team_id] = min(lowest.get(c.team_id, c.coverage), c.coverage)
    return [TeamCoverage(t, demand[t], supply[t], before[t], lowest.get(t)) for t in team_ids(result) if t in demand]


def moves(result: SolveResult) -> list[tuple[str, str, int]]:
    """(from team, to team, staff) for every pair with moves, most moves first."""
    counts = Counter((a.current_team_id, a.team_id) for a in result.assignments if a.moved)
    return [(a, b, n) for (a, b), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def moves_in_out(result: SolveResult) -> tuple[Counter[str], Counter[str]]:
    """Staff moving into and out of each team."""
    moved = [a for a in result.assignments if a.moved]
    return Counter(a.team_id for a in moved), Counter(a.current_team_id for a in moved)


@dataclass(frozen=True)
class Composition:
    """Who is in each team after the plan: FTE per team and profession, head count, new posts."""

    fte: dict[Pair, float]
    heads: dict[str, int]
    new_posts_fte: dict[Pair, float]

    def team_fte(self, team_id: str) -> float:
        """All FTE of a team, new posts included."""
        staff = sum(v for (t, _), v in self.fte.items() if t == team_id)
        return staff + sum(v for (t, _), v in self.new_posts_fte.items() if t == team_id)


def composition(instance: Instance, result: SolveResult) -> Composition:
    profession = {s.id: s.profession for s in instance.staff}
    fte: dict[Pair, float] = defaultdict(float)
    heads: Counter[str] = Counter()
    for a in result.assignments:
        fte[a.team_id, profession.get(a.staff_id, "?")] += a.fte
        heads[a.team_id] += 1
    posts: dict[Pair, float] = defaultdict(float)
    for post in result.new_posts:
        posts[post.team_id, post.profession] += post.fte
    return Composition(dict(fte), dict(heads), dict(posts))


@dataclass(frozen=True)
class Costs:
    """Annual cost (DKK, overhead included) per team and profession: staff placed there and new posts."""

    staff: dict[Pair, float]
    new_posts: dict[Pair, float]

    def team_total(self, team_id: str) -> float:
        return sum(v for (t, _), v in (*self.staff.items(), *self.new_posts.items()) if t == team_id)

    @property
    def total(self) -> float:
        return sum(self.staff.values()) + sum(self.new_posts.values())


def costs(instance: Instance, result: SolveResult) -> Costs:
    """The cost KPI (`kpis.cost_dkk`) split by team and profession: each person's FTE × annual cost (their own
    override if given) in the team the plan gives them, plus the new posts (overhead included)."""
    staff = {s.id: s for s in instance.staff}
    out: dict[Pair, float] = defaultdict(float)
    for a in result.assignments:
        member = staff[a.staff_id]
        out[a.team_id, member.profession] += staff_cost_dkk(instance, member)
    posts: dict[Pair, float] = defaultdict(float)
    for post in result.new_posts:
        posts[post.team_id, post.profession] += post.cost_dkk
    return Costs(dict(out), dict(posts))
