"""ProblemData: the instance reduced to what the solver needs, in integer units.

Scaling (the solver works in integers):
* staff FTE in hundredths (`FTE_UNIT` = 100 per FTE; the template's resolution is 0.01);
* supply and demand in `SUPPLY_UNIT` = 100,000 per FTE, so that FTE hundredths times the practice share
  in per mille (0.8 -> 800) is exact;
* relative shortfall in `RATIO_UNIT` = 10,000 per 100 % (0.01 percentage point);
* money in whole DKK.

Interchangeable staff — same profession, FTE, locked and preferred team, cost, and area where the area
boundary applies — form one `StaffGroup`; the solver decides how many of each group go to each team, and
`naming` names them afterwards. Their current teams do not split a group: moves are counted from how many
of a group can stay where they are (`current`), which is exact and keeps the model small. Staff of a
specialist pool (`optimiser.pools`) are grouped by pool and current team: they stay there (`pool-staff`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import cached_property

from optimiser.domain import Instance, Parameters, Staff
from optimiser.evaluate import fte_cost_dkk
from optimiser.need import institution_needs
from optimiser.pools import pool_of

FTE_UNIT = 100
PERMILLE = 1000
SUPPLY_UNIT = FTE_UNIT * PERMILLE
RATIO_UNIT = 10_000


@dataclass(frozen=True)
class StaffGroup:
    """Staff who are interchangeable for the allocation; `members` are their ids, sorted."""

    index: int
    profession: str
    fte: int  # hundredths
    area_id: str  # "" where the area boundary is off (areas do not matter then)
    current: tuple[tuple[str, int], ...]  # (team, members there now), teams sorted
    locked_team_id: str | None
    preferred_team_id: str | None
    cost_per_fte_dkk: float
    members: tuple[str, ...]
    pool_id: str | None = None  # a specialist pool's staff: not the teams' supply, never moved

    @property
    def size(self) -> int:
        return len(self.members)

    def now_in(self, team: str) -> int:
        """Members currently in `team`."""
        return dict(self.current).get(team, 0)


@dataclass(frozen=True)
class ProblemData:
    """Everything the constraint modules read. Built once per solve by `problem_data`."""

    instance: Instance
    params: Parameters
    groups: tuple[StaffGroup, ...]
    teams: tuple[str, ...]
    professions: tuple[str, ...]
    team_area: dict[str, str]
    demand: dict[tuple[str, str], int]  # (team, profession) -> SUPPLY_UNIT
    practice_permille: dict[str, int]  # profession -> practice share in per mille
    contacts_needed: dict[tuple[str, str], int]  # (team, profession) -> institutions needing a contact
    serves: frozenset[tuple[str, str]]  # (team, profession) with at least one institution p serves
    new_posts: bool  # may the solver buy new posts?

    @cached_property
    def enabled(self) -> frozenset[str]:
        return self.params.enabled_rules()

    @cached_property
    def teams_in_area(self) -> dict[str, tuple[str, ...]]:
        out: dict[str, list[str]] = defaultdict(list)
        for t in self.teams:
            out[self.team_area[t]].append(t)
        return {a: tuple(ts) for a, ts in out.items()}

    def candidate_teams(self, g: StaffGroup, full: bool = False) -> tuple[str, ...]:
        """Teams group g may go to: every team, less what each enabled rule prunes (in the registry's
        order); every team with `full=True` (the explanation model, which relaxes rules instead)."""
        from optimiser.model.rules import RULES

        teams = self.teams
        if not full:
            for name, rule in RULES.items():
                if name in self.enabled:
                    teams = rule.prune(self, g, teams)
        return teams

    def price_per_hundredth(self, profession: str) -> int:
        """Annual cost in whole DKK of 0.01 FTE of a new post, overhead included (the solver's price)."""
        annual = fte_cost_dkk(self.instance.profession(profession).annual_cost_dkk, self.params.overhead_share)
        return round(annual / FTE_UNIT)

    def contact_capacity(self, group: StaffGroup) -> int:
        """How many institutions one member of `group` can be primary contact for."""
        return self.params.contact_capacity(group.fte * self.practice_permille[group.profession] / SUPPLY_UNIT)


def decomposable(data: ProblemData) -> bool:
    """Can the problem be solved as independent parts? Only when nothing couples them: a lexicographic
    objective (its max and sums split exactly), no cap on moves and no shared budget."""
    on = data.enabled
    coupled = ("max-moves" in on and data.params.max_moves is not None) or (
        "budget" in on and data.params.budget_dkk is not None
    )
    return data.params.objective == "lexicographic" and not coupled


def split(data: ProblemData) -> list[ProblemData]:
    """Independent parts of the problem: teams x professions linked by staff who could move between them
    (and, with team size bounds, by the teams' professions). With the area boundary on, a part is one area
    and one profession. Returns `[data]` when the problem does not decompose."""
    homes = {g.index: data.candidate_teams(g) for g in data.groups}
    from optimiser.model.rules import team_moves

    if not decomposable(data) or not all(homes.values()):
        return [data]  # someone with nowhere to go makes it infeasible: explain on the whole
    parent: dict[tuple[str, str], tuple[str, str]] = {(t, p): (t, p) for t in data.teams for p in data.professions}

    def find(node: tuple[str, str]) -> tuple[str, str]:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def join(a: tuple[str, str], b: tuple[str, str]) -> None:
        parent[find(a)] = find(b)

    for g in data.groups:
        teams = homes[g.index]
        for t in teams[1:]:
            join((teams[0], g.profession), (t, g.profession))
    bounded = "team-size-bounds" in data.enabled and (
        data.params.team_size_min_fte is not None or data.params.team_size_max_fte is not None
    )
    if bounded:
        for t in data.teams:
            for p in data.professions[1:]:
                join((t, data.professions[0]), (t, p))
    for a, b in team_moves.links(data, homes):  # caps per team and per profession: one part holds their leavers
        join(a, b)
    members: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for node in parent:
        members[find(node)].append(node)
    parts = []
    for nodes in members.values():
        teams = tuple(t for t in data.teams if any(n[0] == t for n in nodes))
        profs = tuple(p for p in data.professions if any(n[1] == p for n in nodes))
        if len(nodes) != len(teams) * len(profs):
            return [data]  # not a product of teams and professions: solve as one
        pairs = set(nodes)
        parts.append(
            replace(
                data,
                groups=tuple(g for g in data.groups if g.profession in profs and (set(homes[g.index]) & set(teams))),
                teams=teams,
                professions=profs,
                demand={k: v for k, v in data.demand.items() if k in pairs},
                contacts_needed={k: v for k, v in data.contacts_needed.items() if k in pairs},
                serves=frozenset(k for k in data.serves if k in pairs),
            )
        )
    return parts


def problem_data(
    instance: Instance, params: Parameters | None = None, structure: dict[str, str] | None = None
) -> ProblemData:
    """Reduce `instance` to solver data. `params` defaults to the instance's own parameters."""
    params = params or instance.parameters
    by_area = "area-boundary" in params.enabled_rules()
    keyed: dict[tuple[str, int, str, str, str, float, str, str], list[Staff]] = defaultdict(list)
    pooled = pool_of(instance)
    for s in instance.staff:
        fte = round(s.fte * FTE_UNIT)
        lock, pref = s.locked_team_id or "", s.preferred_team_id or ""
        area = s.area_id if by_area else ""
        pool, home = (pooled[s.id], s.current_team_id) if s.id in pooled else ("", "")
        keyed[s.profession, fte, area, lock, pref, instance.cost_per_fte_dkk(s), pool, home].append(s)
    groups = tuple(
        StaffGroup(
            n,
            p,
            f,
            a,
            tuple(sorted(Counter(m.current_team_id for m in staff).items())),
            lock or None,
            pref or None,
            cost,
            tuple(sorted(m.id for m in staff)),
            pool or None,
        )
        for n, ((p, f, a, lock, pref, cost, pool, _), staff) in enumerate(sorted(keyed.items()))
    )

    demand: dict[tuple[str, str], int] = {(t.id, p.id): 0 for t in instance.teams for p in instance.professions}
    raw: dict[tuple[str, str], float] = defaultdict(float)
    contacts: dict[tuple[str, str], int] = defaultdict(int)
    serves: set[tuple[str, str]] = set()
    kind = {i.id: i.type for i in instance.institutions}
    for row in institution_needs(instance, params.demand_mode, structure):
        raw[row.team_id, row.profession] += row.demand_fte
        if kind[row.institution_id] in instance.profession(row.profession).institution_types:
            serves.add((row.team_id, row.profession))  # even with no children: staff must have somewhere to be
        if row.base_children > 0 and instance.profession(row.profession).contact_per_institution:
            contacts[row.team_id, row.profession] += 1
    for key, value in raw.items():
        demand[key] = round(value * SUPPLY_UNIT)

    data = ProblemData(
        instance=instance,
        params=params,
        groups=groups,
        teams=tuple(t.id for t in instance.teams),
        professions=tuple(p.id for p in instance.professions),
        team_area={t.id: t.area_id for t in instance.teams},
        demand=demand,
        practice_permille={p.id: round(p.practice_share * PERMILLE) for p in instance.professions},
        contacts_needed=dict(contacts),
        serves=frozenset(serves),
        new_posts=bool(params.budget_dkk) or params.min_coverage is not None,
    )
    # An institution needs a contact only where someone of the profession may work in its team: a profession
    # with no staff in an area leaves its institutions there without one (a shortfall), not the plan infeasible.
    reachable = {(t, g.profession) for g in groups if g.pool_id is None for t in data.candidate_teams(g)}
    return replace(data, contacts_needed={k: n for k, n in contacts.items() if k in reachable})
