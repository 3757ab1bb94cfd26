"""Name people: turn "how many of group g go to team t" into which staff member goes where.

Members of a group are interchangeable for the allocation, so the choice only serves continuity: members
stay in their current team as far as the counts allow, then in the team an earlier plan gave them (warm
start after a what-if edit), and the rest are placed in id order, teams in input order.
"""

from __future__ import annotations

from collections.abc import Mapping

from optimiser.model.data import ProblemData


def name_staff(
    data: ProblemData,
    counts: Mapping[tuple[int, str], int],
    previous: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Staff id -> team id from group counts `(group index, team) -> members`."""
    team_of: dict[str, str] = {}
    now = {s.id: s.current_team_id for s in data.instance.staff}
    for g in data.groups:
        left = {t: counts.get((g.index, t), 0) for t in data.teams}
        waiting = list(g.members)
        earlier = previous or {}
        for by_previous in (False, True):
            still = []
            for sid in waiting:
                team = earlier.get(sid) if by_previous else now[sid]
                if team is not None and left.get(team, 0) > 0:
                    team_of[sid] = team
                    left[team] -= 1
                else:
                    still.append(sid)
            waiting = still
        slots = [t for t in data.teams for _ in range(left[t])]
        team_of.update(zip(waiting, slots, strict=False))
    return team_of
