"""Switching an instance to one of its alternative structures (14 teams, 26 clusters, 5 areas, ...).

The result is an ordinary `Instance` whose `teams` are exactly the structure's teams, so the engine, the
checker and every report work on it unchanged, and teams the structure does not use cannot receive anyone.
Institutions carry their team in the structure. The other teams move to `structure_teams`, so the instance
still holds every structure and can be switched again.

Staff keep their current teams in the book, which belong to the book's own structure. In another structure
each staff member *starts* in the team the workbook's sheet Startteams gives: a row for the person (structure,
staff id -> team), else a row for their book team (structure, book team -> team). Moves are counted from there,
so they measure real changes of working ties, not an artefact of a rule.

Without a row, the documented fallback, the start rule: the structure's team that holds most of their current
team's children, within their own area (the staff member's area does not change): a district split into two
clusters starts all its staff in the larger cluster, and a district merged into an area team starts in that
team. So under the rule a split costs moves — the people who go to the new, smaller cluster change colleagues
and institutions — and a merger costs none. Locked and preferred teams are mapped by book team (the row for
the book team, else the rule).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from optimiser.domain import Instance, Team


@dataclass(frozen=True)
class Structured:
    """An instance in a structure, where each of the book's teams starts (book team -> structure team), and
    the staff whose start comes from sheet Startteams (staff id -> structure team; the rest: the rule)."""

    instance: Instance
    team_map: dict[str, str]
    explicit: dict[str, str] = field(default_factory=dict)


class StartOutsideArea(ValueError):
    """A Startteams row puts a staff member in a team of another area (their area does not change)."""

    def __init__(self, structure: str, staff_id: str, team: str) -> None:
        super().__init__(f"structure {structure!r}: staff {staff_id!r} would start in {team!r}, another area")
        self.structure, self.staff_id, self.team = structure, staff_id, team


class NoTeamInArea(ValueError):
    """The structure has no team in an area where staff work (they could not be placed)."""

    def __init__(self, structure: str, area: str) -> None:
        super().__init__(f"structure {structure!r} has no team in area {area!r}")
        self.structure, self.area = structure, area


def apply_structure(instance: Instance, name: str) -> Structured:
    """`instance` in structure `name` (a key of `instance.structures`). Pure: `instance` is not changed."""
    mapping = instance.structures[name]
    every_team = [*instance.teams, *instance.structure_teams]
    used = set(mapping.values())
    teams = tuple(t for t in every_team if t.id in used)
    team_map = _start_teams(instance, mapping, teams, name)
    rows = [r for r in instance.start_teams if r.structure == name]
    by_team = {r.team_id: r.start_team_id for r in rows if r.team_id is not None and r.staff_id is None}
    by_staff = {r.staff_id: r.start_team_id for r in rows if r.staff_id is not None}
    team_map |= by_team
    start = {s.id: by_staff.get(s.id, team_map[s.current_team_id]) for s in instance.staff}
    area_of = {t.id: t.area_id for t in teams}
    for s in instance.staff:
        if area_of.get(start[s.id]) != s.area_id:
            raise StartOutsideArea(name, s.id, start[s.id])
    explicit = {s.id: start[s.id] for s in instance.staff if s.id in by_staff or s.current_team_id in by_team}

    def mapped(team_id: str | None) -> str | None:
        return None if team_id is None else team_map.get(team_id, team_id)

    staff = tuple(
        s.model_copy(
            update={
                "current_team_id": start[s.id],
                "locked_team_id": mapped(s.locked_team_id),
                "preferred_team_id": mapped(s.preferred_team_id),
            }
        )
        for s in instance.staff
    )
    switched = Instance.model_validate(
        {
            **{f: getattr(instance, f) for f in Instance.model_fields},
            "teams": teams,
            "structure_teams": tuple(t for t in every_team if t.id not in used),
            "institutions": tuple(i.model_copy(update={"team_id": mapping[i.id]}) for i in instance.institutions),
            "staff": staff,
            "start_teams": (),  # used up: they name the book's teams, which the switched instance may not have
        }
    )
    return Structured(switched, team_map, explicit)


def _start_teams(instance: Instance, mapping: dict[str, str], teams: tuple[Team, ...], name: str) -> dict[str, str]:
    """Book team -> the structure's team in the same area holding most of its children (ties: team order);
    for a book team without children, the structure's team in its area with most children."""
    children: dict[tuple[str, str], int] = defaultdict(int)  # (book team, structure team) -> children
    total: dict[str, int] = defaultdict(int)
    for inst in instance.institutions:
        children[inst.team_id, mapping[inst.id]] += inst.children
        total[mapping[inst.id]] += inst.children
    out: dict[str, str] = {}
    for old in instance.teams:
        candidates = [t for t in teams if t.area_id == old.area_id]
        if not candidates:
            if any(s.current_team_id == old.id for s in instance.staff):
                raise NoTeamInArea(name, old.area_id)
            continue
        own = [t for t in candidates if children[old.id, t.id] > 0]
        # max() keeps the first of equals, so ties go to the team listed first
        pick = max(own, key=lambda t: children[old.id, t.id]) if own else max(candidates, key=lambda t: total[t.id])
        out[old.id] = pick.id
    return out
