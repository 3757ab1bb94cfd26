"""The cost model: what a plan costs a year, in total, per team and per child, and against today.

* a staff member costs their FTE × the annual cost of one FTE (their own `årsløn_kr` if the book gives one,
  else their profession's); the overhead share is not added to today's staff (template: a mark-up on new posts);
* a new post costs what the solver priced it at: FTE × the profession's annual cost × (1 + overhead share);
* a team's cost is its staff's and new posts' cost; per child, over the children of its institutions;
* the delta of a scenario is its cost minus the cost of the book's staff today: a budget of 3 mio. kr.
  for new posts shows as at most 3 mio. kr. more, whatever the overhead share.

Every cost comes from the evaluator's one formula (`optimiser.evaluate`); the totals are its `cost_dkk`,
which the checker recomputes on its own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from optimiser.domain import Instance, Parameters
from optimiser.evaluate import current_cost_dkk, staff_cost_dkk
from optimiser.results import SolveResult

__all__ = ["TeamCost", "cost_delta_dkk", "current_cost_dkk", "team_costs"]


@dataclass(frozen=True)
class TeamCost:
    team_id: str
    fte: float  # staff and new posts
    cost_dkk: float
    new_posts_fte: float
    new_posts_cost_dkk: float
    children: int

    @property
    def cost_per_child_dkk(self) -> float | None:
        return self.cost_dkk / self.children if self.children else None


def team_costs(instance: Instance, params: Parameters, result: SolveResult) -> list[TeamCost]:
    """Cost per team of a solved plan (teams in input order); empty without a plan."""
    if not result.assignments:
        return []
    team_of = {a.staff_id: a.team_id for a in result.assignments}
    fte: dict[str, float] = defaultdict(float)
    cost: dict[str, float] = defaultdict(float)
    new_fte: dict[str, float] = defaultdict(float)
    new_cost: dict[str, float] = defaultdict(float)
    children: dict[str, int] = defaultdict(int)
    for s in instance.staff:
        fte[team_of[s.id]] += s.fte
        cost[team_of[s.id]] += staff_cost_dkk(instance, s)
    for post in result.new_posts:
        new_fte[post.team_id] += post.fte
        new_cost[post.team_id] += post.cost_dkk
    for inst in instance.institutions:
        children[inst.team_id] += inst.children
    return [
        TeamCost(
            team_id=t.id,
            fte=fte[t.id] + new_fte[t.id],
            cost_dkk=cost[t.id] + new_cost[t.id],
            new_posts_fte=new_fte[t.id],
            new_posts_cost_dkk=new_cost[t.id],
            children=children[t.id],
        )
        for t in instance.teams
    ]


def cost_delta_dkk(base: Instance, params: Parameters, result: SolveResult) -> float | None:
    """The plan's annual cost minus today's (the book's staff)."""
    if result.kpis is None:
        return None
    return result.kpis.cost_dkk - current_cost_dkk(base)
