"""What the exports call teams, areas, institutions and staff — and when a staff member's name may be shown.

Staff names are personal data. The exports show a name only where the book has one and pseudonymisation is
off; with `pseudonymise=True` every staff member is shown by their pseudonymous id, in every export. Without a
book (a deck made from result files alone) every label is the id.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from optimiser.domain import Instance


@dataclass(frozen=True)
class Names:
    teams: dict[str, str] = field(default_factory=dict)
    team_areas: dict[str, str] = field(default_factory=dict)
    institutions: dict[str, str] = field(default_factory=dict)
    staff: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, instance: Instance | None, *, pseudonymise: bool = False) -> Names:
        """Labels from the book (or ids when there is none); staff names only when not pseudonymised."""
        if instance is None:
            return cls()
        areas = {a.id: a.name for a in instance.areas}
        teams = (*instance.teams, *instance.structure_teams)  # alternative structures' teams too
        return cls(
            teams={t.id: t.name for t in teams},
            team_areas={t.id: areas.get(t.area_id, t.area_id) for t in teams},
            institutions={i.id: i.name for i in instance.institutions},
            staff={} if pseudonymise else {s.id: s.name for s in instance.staff if s.name},
        )

    @property
    def has_staff_names(self) -> bool:
        return bool(self.staff)

    def team(self, team_id: str) -> str:
        return self.teams.get(team_id, team_id)

    def area_of(self, team_id: str) -> str:
        return self.team_areas.get(team_id, "")

    def institution(self, institution_id: str) -> str:
        return self.institutions.get(institution_id, institution_id)

    def person(self, staff_id: str | None) -> str:
        """A staff member as shown: the name where allowed, else the pseudonymous id ("" for nobody)."""
        if staff_id is None:
            return ""
        return self.staff.get(staff_id, staff_id)
