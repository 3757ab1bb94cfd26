"""What every report calls professions, indicators, areas, teams, institutions, scenarios and staff — and when
a staff member's name may be shown.

Display names come from the book (a profession's `navn`, sheet Indikatorer, the areas', teams' and
institutions' names) and from the scenario files (`title`). Where there is none (a deck made from result
files alone), an id is shown readably (`readable`: "tale_hørekonsulent" -> "Tale hørekonsulent") — never raw.

Staff names are personal data. A name is shown only where the book has one and pseudonymisation is off; with
`pseudonymise=True` every staff member is shown by their pseudonymous id, in every export.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from optimiser.domain import Instance, readable


@dataclass(frozen=True)
class Names:
    professions: dict[str, str] = field(default_factory=dict)
    indicators: dict[str, str] = field(default_factory=dict)
    indicator_notes: dict[str, str] = field(default_factory=dict)
    areas: dict[str, str] = field(default_factory=dict)
    teams: dict[str, str] = field(default_factory=dict)
    team_areas: dict[str, str] = field(default_factory=dict)
    institutions: dict[str, str] = field(default_factory=dict)
    staff: dict[str, str] = field(default_factory=dict)
    scenarios: dict[str, str] = field(default_factory=dict)
    pools: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls, instance: Instance | None, *, pseudonymise: bool = False, scenarios: Mapping[str, str] | None = None
    ) -> Names:
        """Labels from the book (readable ids when there is none); staff names only when not pseudonymised;
        `scenarios` maps a scenario's name to its title."""
        titles = {k: v for k, v in (scenarios or {}).items() if v}
        if instance is None:
            return cls(scenarios=titles)
        areas = {a.id: a.name for a in instance.areas}
        teams = (*instance.teams, *instance.structure_teams)  # alternative structures' teams too
        return cls(
            professions={p.id: p.name for p in instance.professions},
            indicators={k.id: k.name for k in instance.indicators},
            indicator_notes={k.id: k.description for k in instance.indicators if k.description},
            areas=areas,
            teams={t.id: t.name for t in teams},
            team_areas={t.id: areas.get(t.area_id, readable(t.area_id)) for t in teams},
            institutions={i.id: i.name for i in instance.institutions},
            staff={} if pseudonymise else {s.id: s.name for s in instance.staff if s.name},
            scenarios=titles,
            pools={p.id: p.name for p in instance.pools},
        )

    @property
    def has_staff_names(self) -> bool:
        return bool(self.staff)

    def profession(self, profession_id: str) -> str:
        return self.professions.get(profession_id) or readable(profession_id)

    def indicator(self, indicator_id: str) -> str:
        return self.indicators.get(indicator_id) or readable(indicator_id)

    def area(self, area_id: str) -> str:
        return self.areas.get(area_id) or readable(area_id)

    def team(self, team_id: str) -> str:
        return self.teams.get(team_id) or readable(team_id)

    def area_of(self, team_id: str) -> str:
        return self.team_areas.get(team_id, "")

    def institution(self, institution_id: str) -> str:
        return self.institutions.get(institution_id, institution_id)

    def pool(self, pool_id: str) -> str:
        return self.pools.get(pool_id) or readable(pool_id)

    def scenario(self, name: str) -> str:
        return self.scenarios.get(name) or readable(name)

    def person(self, staff_id: str | None) -> str:
        """A staff member as shown: the name where allowed, else the pseudonymous id ("" for nobody)."""
        if staff_id is None:
            return ""
        return self.staff.get(staff_id, staff_id)
