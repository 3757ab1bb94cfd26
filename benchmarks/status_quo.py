"""The status quo the tool replaces: today's allocation, and the proportional share-out a planner does in Excel.

* **today**: everyone stays in their current team;
* **spreadsheet**: within each area and profession, each team's target is its demand (the fair share of the
  practice-near FTE). People stay where they are while their team is under its target (largest FTE first);
  everyone left over goes, largest FTE first, to the team of the area with the largest gap to its target.
  Locked people go to their lock. This is the proportional rule with people rounded greedily; it knows no
  minimum per team, contact or size rules.

Both are scored with the independent checker's KPI functions, as the optimiser's plans are.
"""

from __future__ import annotations

from collections import defaultdict

from optimiser.domain import Instance, Parameters
from optimiser.evaluate import compute_kpis
from optimiser.need import practice_fte, team_demand
from optimiser.results import Kpis

EPS = 1e-9


def today(instance: Instance) -> dict[str, str]:
    return {s.id: s.current_team_id for s in instance.staff}


def spreadsheet(instance: Instance, params: Parameters | None = None) -> dict[str, str]:
    """The proportional share-out with greedy rounding, as described above."""
    params = params or instance.parameters
    target = team_demand(instance, params.demand_mode)
    teams_in: dict[str, list[str]] = defaultdict(list)
    for t in instance.teams:
        teams_in[t.area_id].append(t.id)
    placed: dict[tuple[str, str], float] = defaultdict(float)
    team_of: dict[str, str] = {}
    order = sorted(instance.staff, key=lambda s: (-s.fte, s.id))
    for s in order:
        if s.locked_team_id is not None:
            team_of[s.id] = s.locked_team_id
            placed[s.locked_team_id, s.profession] += practice_fte(instance, s)
    for s in order:
        key = (s.current_team_id, s.profession)
        if s.id not in team_of and placed[key] + practice_fte(instance, s) <= target[key] + EPS:
            team_of[s.id] = s.current_team_id
            placed[key] += practice_fte(instance, s)
    for s in order:
        if s.id in team_of:
            continue
        teams = teams_in[s.area_id]
        best = max(teams, key=lambda t: (target[t, s.profession] - placed[t, s.profession], t == s.current_team_id))
        team_of[s.id] = best
        placed[best, s.profession] += practice_fte(instance, s)
    return team_of


def score(instance: Instance, team_of: dict[str, str], params: Parameters | None = None) -> Kpis:
    """The checker's KPIs of a plan with no new posts and no contacts named."""
    return compute_kpis(instance, params or instance.parameters, team_of, (), ())
