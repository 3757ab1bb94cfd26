"""The domain model: areas, teams, institutions, professions, need weights, staff and parameters.

Everything here is data; nothing is specific to one municipality. Each model validates its own fields;
`Instance` validates the cross-references between them (team -> area, staff -> team in its area, ...).
Cross-reference problems are found by `reference_findings`, which the Excel reader also uses so that
it can report them with the sheet, row and column they come from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from optimiser.settings import SolverSettings

Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class InstitutionType(StrEnum):
    """The kinds of institution served; the values are the template's Danish words."""

    SCHOOL = "skole"
    DAYCARE = "dagtilbud"
    LEISURE = "fritid"


class DemandMode(StrEnum):
    """How need becomes demand in FTE (see `optimiser.need`)."""

    FAIR_SHARE = "fair_share"  # distribute the FTE that exist by need
    NORM = "norm"  # children per practice-near FTE: shows the gap and its price


def rule_names() -> tuple[str, ...]:
    """The business rules by the names a planner uses to switch them off: the one registry's
    (`optimiser.model.rules`, one module per rule), imported when first needed (it reads this module)."""
    from optimiser.model.rules import RULE_NAMES

    return RULE_NAMES


def __getattr__(name: str) -> tuple[str, ...]:
    # `from optimiser.domain import RULE_NAMES` keeps working: the names are the rule registry's.
    if name == "RULE_NAMES":
        return rule_names()
    raise AttributeError(name)


OBJECTIVE_TERMS = ("equity", "shortfall", "moves", "preferences", "cost")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Area(_Model):
    id: Id
    name: Text


class Team(_Model):
    id: Id
    name: Text
    area_id: Id
    latitude: float | None = Field(default=None, ge=-90, le=90)  # the team's base (bredde), for distances
    longitude: float | None = Field(default=None, ge=-180, le=180)  # (længde); blank: its institutions' centroid


class Institution(_Model):
    id: Id
    name: Text
    type: InstitutionType
    team_id: Id
    children: int = Field(ge=0, description="children enrolled (count)")
    # Need indicators by name; None means "not reported" and counts as the municipal mean.
    indicators: dict[str, float | None] = Field(default_factory=dict)
    # Statutory cases a year (PPV and other written work the non-practice share is for); None: not given.
    statutory_cases: float | None = Field(default=None, ge=0)
    # The reporting geography every structure shares (column bydel); blank: the institution's team in the book.
    district_id: Id = ""
    cluster_id: Id | None = None  # a daycare cluster (klynge_id): kept in one team, checked per structure
    latitude: float | None = Field(default=None, ge=-90, le=90)  # WGS84 degrees (bredde), for distances
    longitude: float | None = Field(default=None, ge=-180, le=180)  # (længde)

    @model_validator(mode="before")
    @classmethod
    def _district(cls, data: Any) -> Any:
        if isinstance(data, dict) and not str(data.get("district_id") or "").strip() and data.get("team_id"):
            return {**data, "district_id": data["team_id"]}
        return data


def readable(identifier: str) -> str:
    """A display name made from an id where the book gives none: "tale_hørekonsulent" -> "Tale hørekonsulent"."""
    words = identifier.replace("_", " ").strip()
    return words[:1].upper() + words[1:]


class _Named(_Model):
    """An entity with a display name; a blank name is made from the id (`readable`)."""

    @model_validator(mode="before")
    @classmethod
    def _named(cls, data: Any) -> Any:
        if isinstance(data, dict) and not str(data.get("name") or "").strip() and data.get("id"):
            return {**data, "name": readable(str(data["id"]))}
        return data


class Profession(_Named):
    id: Id
    name: Text = Field(default="", description="display name; blank: made from the id (`readable`)")
    annual_cost_dkk: float = Field(ge=0, description="annual cost of one FTE in DKK")
    min_per_team: int = Field(default=0, ge=0, description="minimum number of staff in every team")
    institution_types: frozenset[InstitutionType]
    practice_share: float = Field(default=0.8, gt=0, le=1, description="share of time spent practice-near")
    need_floor: float = Field(default=0.5, ge=0, description="lowest need multiplier of any institution")
    need_blend: float = Field(default=1.0, ge=0, le=1, description="weight of need vs plain head count (alpha)")
    norm_children_per_fte: float | None = Field(
        default=None, gt=0, description="norm mode: children served by one practice-near FTE"
    )
    contact_per_institution: bool = Field(
        default=True, description="every institution served needs a named primary contact of this profession"
    )
    # Hours of this profession's time one statutory case takes (optimiser.statutory); 0: it takes none.
    hours_per_case: float = Field(default=0.0, ge=0, le=1000)


class Indicator(_Named):
    """A need indicator's display name and description (sheet Indikatorer); its id is the Institutioner
    column header the weights name."""

    id: Id
    name: Text = Field(default="", description="display name; blank: made from the id (`readable`)")
    description: Text | None = None


class NeedWeight(_Model):
    profession: Id
    indicator: Id
    weight: float


class Staff(_Model):
    id: Id
    name: Text | None = None
    profession: Id
    fte: float = Field(gt=0, le=1, description="FTE (årsværk), 0 < f <= 1")
    area_id: Id
    current_team_id: Id
    locked_team_id: Id | None = None
    competence_centre: Id | None = None
    preferred_team_id: Id | None = None
    cost_override_dkk: float | None = Field(default=None, ge=0)
    # The specialist pool the member belongs to (column `pulje`); blank with a competence centre: the pool
    # whose home is that centre (`optimiser.pools.pool_of`).
    pool_id: Id | None = None


class PoolKind(StrEnum):
    """What a specialist pool is; the values are the template's Danish words."""

    CENTRE = "kompetencecenter"  # specialists attached to a centre institution
    FLEX = "flexteam"  # an area's flex team that the schools can call on
    CITY = "bydækkende"  # a city-wide unit


class Catchment(StrEnum):
    """Which institutions a pool serves: its home's area, the whole municipality, or a list of ids."""

    AREA = "område"
    CITY = "by"
    LIST = "liste"


class Pool(_Named):
    """A specialist pool (sheet Puljer): its staff are never moved between teams by the optimiser, and their
    capacity is shared over the catchment by need (`optimiser.pools`)."""

    id: Id
    name: Text = Field(default="", description="display name; blank: made from the id (`readable`)")
    kind: PoolKind
    home: Id = Field(description="an institution id (a centre) or an area id (a flex team)")
    catchment: Catchment = Catchment.AREA
    members: frozenset[Id] = Field(default=frozenset(), description="catchment = liste: team or institution ids")
    professions: frozenset[Id] = Field(description="the professions the pool holds")


class StartTeam(_Model):
    """One row of sheet Startteams: in `structure`, the staff of book team `team_id` (or only `staff_id`, where
    given) start in `start_team_id`; moves are counted from there (`scenarios.structure`)."""

    structure: Id
    team_id: Id | None = None
    staff_id: Id | None = None
    start_team_id: Id


class Contact(_Model):
    """One row of sheet Kontakter: today's primary contact of `profession` at `institution_id`."""

    institution_id: Id
    profession: Id
    staff_id: Id


def _positive_number(text: str) -> bool:
    try:
        return 0 < float(text) < float("inf")
    except ValueError:
        return False


def _for_every(value: object) -> object:
    """One whole number stands for every team or profession: `3` means `{"*": 3}`."""
    return {"*": value} if isinstance(value, int) and not isinstance(value, bool) else value


class Parameters(_Model):
    """Run parameters from the `Parametre` sheet or a scenario: policy, what the plan must do and what counts
    as best. How the solver runs (time limit, seed, threads) is not here: `SolverSettings`, `Instance.solver`."""

    demand_mode: DemandMode = DemandMode.FAIR_SHARE
    area_boundary: bool = True
    disabled_rules: frozenset[str] = frozenset()
    team_size_min_fte: float | None = Field(default=None, ge=0)
    team_size_max_fte: float | None = Field(default=None, ge=0)
    max_moves: int | None = Field(default=None, ge=0)
    # Caps on moves (rule team-moves): staff who leave a team, by team id, and staff of a profession who change
    # team, by profession id; "*" for every one not named; one number is the same cap for every one.
    max_moves_per_team: Annotated[dict[str, Annotated[int, Field(ge=0)]] | None, BeforeValidator(_for_every)] = None
    max_moves_per_profession: Annotated[dict[str, Annotated[int, Field(ge=0)]] | None, BeforeValidator(_for_every)] = (
        None
    )
    budget_dkk: float | None = Field(default=None, ge=0)
    overhead_share: float = Field(default=0.0, ge=0, le=1)
    tolerance: float = Field(default=0.0, ge=0, le=1)
    objective: Literal["lexicographic", "weighted"] = "lexicographic"
    contact_min_fte: float = Field(default=0.05, ge=0, le=1)
    contact_max_institutions: int = Field(default=25, ge=1)
    min_coverage: float | None = Field(default=None, ge=0, le=1)
    shortfall_tolerance: float = Field(default=0.0, ge=0)
    # A move must buy at least this much total shortfall (FTE); a leximin level bought is always worth a move.
    min_gain: float = Field(default=0.1, ge=0, le=10)
    # Fewest moves before least total shortfall: with an equity tolerance this traces equity against moves.
    moves_before_shortfall: bool = False
    weights: dict[str, float] = Field(default_factory=dict, description="weighted mode: weight per term")
    # Empirical-Bayes shrinkage of small-count rates (optimiser.need.shrink), off when empty: each entry is an
    # indicator's name, a share of children, or "name/100" for a rate per 100 children (the unit sets how many
    # cases a value stands for). `shrink_years`: how many years the book's rates average (more years, less pull).
    shrink_indicators: frozenset[str] = frozenset()
    shrink_years: int = Field(default=1, ge=1, le=50)
    # The smallest new post the solver buys, and the smallest piece a cut leaves a person with (FTE).
    min_post_fte: float = Field(default=0.1, ge=0.01, le=1)
    # Working hours in one FTE-year, for statutory work (optimiser.statutory). An assumption (docs/method.md):
    # 1,924 gross (37 h x 52 weeks) less 6 weeks' holiday (222 h) and about 10 weekday public holidays (74 h).
    hours_per_fte: float = Field(default=1628.0, gt=0, le=3000)
    # The chance that one person is away on a given day (holiday, illness, courses), for the double-staffing
    # figure q^n (`optimiser.arguments`). 0.15: an assumption, about 6 weeks' holiday, 2 weeks' illness and
    # a few days' courses in a 52-week year.
    absence_probability: float = Field(default=0.15, ge=0, le=1)

    @field_validator("disabled_rules")
    @classmethod
    def _known_rules(cls, value: frozenset[str]) -> frozenset[str]:
        known = rule_names()
        unknown = sorted(value - set(known))
        if unknown:
            raise ValueError(f"unknown rule(s) {', '.join(unknown)}; known: {', '.join(known)}")
        return value

    @field_validator("weights")
    @classmethod
    def _known_terms(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - set(OBJECTIVE_TERMS))
        if unknown:
            raise ValueError(f"unknown objective term(s) {', '.join(unknown)}; known: {', '.join(OBJECTIVE_TERMS)}")
        return value

    @field_validator("shrink_indicators")
    @classmethod
    def _shrink_units(cls, value: frozenset[str]) -> frozenset[str]:
        for entry in value:
            name, _, unit = entry.partition("/")
            if not name.strip() or (unit and not _positive_number(unit)):
                raise ValueError(f"{entry!r}: write an indicator's name, or name/100 for a rate per 100 children")
        return value

    def shrink_units(self) -> dict[str, float]:
        """Indicator -> children per unit of its value (1: a share of children; 100: per 100 children)."""
        out = {}
        for entry in self.shrink_indicators:
            name, _, unit = entry.partition("/")
            out[name.strip()] = float(unit) if unit else 1.0
        return out

    def enabled_rules(self) -> frozenset[str]:
        """Rules in force: all but those switched off by name; the area boundary is also a policy switch."""
        off = set(self.disabled_rules)
        if not self.area_boundary:
            off.add("area-boundary")
        return frozenset(r for r in rule_names() if r not in off)

    def contact_capacity(self, practice_fte: float) -> int:
        """How many institutions one person with `practice_fte` practice-near FTE can be primary contact for:
        at most `contact_max_institutions`, each given at least `contact_min_fte`."""
        if self.contact_min_fte <= 0:
            return self.contact_max_institutions
        return min(self.contact_max_institutions, int(practice_fte / self.contact_min_fte + 1e-9))


class Reference(_Model):
    """The fixed reference demand a run is measured against (`optimiser.reference`): what fair share
    distributes (practice-near FTE per profession) and on which basis (`basis`: the share of time demand is
    counted at, over the profession's own practice share; 1 with the 80/20 rule on), and where it comes from."""

    kind: Literal["book", "run"]
    mode: DemandMode
    practice_fte: dict[str, float]
    basis: dict[str, float] = Field(default_factory=dict)
    staff_fte: float = Field(ge=0, description="all FTE of the reference, for the reader")
    book_sha256: str | None = None
    run_id: int | None = None


def _step_date(value: object) -> object:
    """A step's date as Excel or a planner writes it: a date cell, or "2026-08-01" (a time of 00:00 ignored)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str) and len(value) > 10 and value[10:].strip(" T").strip("0:") == "":
        return value[:10]
    return value


def _move_cap(value: float | None) -> float | None:
    """A cap on moves: a whole number of people, or a share below 1 (10 % is 0.1)."""
    if value is not None and not (0 < value < 1 or (value >= 0 and value == int(value))):
        raise PydanticCustomError("move_cap", "a whole number of people or a share below 100 %", {"value": value})
    return value


MoveCap = Annotated[float | None, Field(ge=0), AfterValidator(_move_cap)]


class BookStep(_Model):
    """One row of the optional sheet Trin: a dated step of a transition plan (`scenarios.phase`; a scenario's
    own `steps:` win over the book's). Caps per team and per profession hold for every team and profession:
    a whole number is people, a share below 1 is of the people there at the step's start (rounded down)."""

    date: Annotated[dt.date, BeforeValidator(_step_date)]
    title: str | None = None
    max_moves: int | None = Field(default=None, ge=0)
    max_moves_per_team: MoveCap = None
    max_moves_per_profession: MoveCap = None
    budget_dkk: float | None = Field(default=None, ge=0)


class StructureAssignment(_Model):
    """One row of an alternative structure (sheet Strukturer): in `structure`, `institution_id` is served by
    `team_id`. A structure lists every institution once; its teams come from Teams or Strukturteams."""

    structure: Id
    institution_id: Id
    team_id: Id


EntityKind = Literal[
    "area",
    "team",
    "institution",
    "profession",
    "indicator",
    "need_weight",
    "staff",
    "structure_team",
    "structure_assignment",
    "pool",
    "start_team",
    "contact",
    "step",
]


@dataclass(frozen=True)
class Finding:
    """A cross-reference problem: which entity (by position in its list), which field, what code."""

    entity: EntityKind
    index: int
    field: str
    code: str
    args: dict[str, object] = dataclasses.field(default_factory=dict)


class Instance(_Model):
    """One municipality's input: the whole workbook as validated objects."""

    areas: tuple[Area, ...]
    teams: tuple[Team, ...]
    institutions: tuple[Institution, ...]
    professions: tuple[Profession, ...]
    need_weights: tuple[NeedWeight, ...]
    staff: tuple[Staff, ...]
    parameters: Parameters = Parameters()
    # The Parametre sheet's solver settings (tidsgrænse_s, frø, deterministisk, tråde), kept apart from policy.
    solver: SolverSettings = SolverSettings()
    # Display names of need indicators (optional sheet Indikatorer); an indicator without one is shown by
    # `readable(id)`.
    indicators: tuple[Indicator, ...] = ()
    # Alternative structures of the same institutions (14 teams, 26 clusters, 5 areas, ...): the teams only
    # they use, and institution -> team per structure. The book's own structure is the institutions' team_id.
    structure_teams: tuple[Team, ...] = ()
    structure_assignments: tuple[StructureAssignment, ...] = ()
    # Specialist pools (optional sheet Puljer): competence centres, area flex teams, city-wide units.
    pools: tuple[Pool, ...] = ()
    # The demand a run is measured against (set by the run service, `scenarios.service.prepare`); None: the
    # instance's own staff (a library call outside the run service).
    reference: Reference | None = None
    # Where staff start in each alternative structure (sheet Startteams) and today's contacts (sheet Kontakter):
    # both optional; without them the start rule (`scenarios.structure`) applies and contacts are not known.
    start_teams: tuple[StartTeam, ...] = ()
    contacts: tuple[Contact, ...] = ()
    steps: tuple[BookStep, ...] = ()  # the optional sheet Trin, dates in order

    @model_validator(mode="after")
    def _references(self) -> Self:
        findings = reference_findings(self)
        if findings:
            lines = [f"{f.entity}[{f.index}].{f.field}: {f.code} {f.args}" for f in findings[:20]]
            raise ValueError("inconsistent references:\n" + "\n".join(lines))
        return self

    # Lookups by id and derived results; cached, which is safe because the model is frozen. A copy with changed
    # fields must not inherit them: `model_copy` drops them (pydantic copies the instance's __dict__).
    CACHED: ClassVar[tuple[str, ...]] = ("teams_by_id", "professions_by_id", "structures", "memo")

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Self:
        copy = super().model_copy(update=update, deep=deep)
        for name in self.CACHED:
            copy.__dict__.pop(name, None)
        return copy

    @cached_property
    def memo(self) -> dict[object, object]:
        """Results derived from this instance, kept by the functions that derive them (the need model)."""
        return {}

    @cached_property
    def teams_by_id(self) -> dict[str, Team]:
        return {t.id: t for t in self.teams}

    @cached_property
    def professions_by_id(self) -> dict[str, Profession]:
        return {p.id: p for p in self.professions}

    @cached_property
    def structures(self) -> dict[str, dict[str, str]]:
        """Structure name -> (institution id -> team id), structures in first-seen order."""
        out: dict[str, dict[str, str]] = {}
        for row in self.structure_assignments:
            out.setdefault(row.structure, {})[row.institution_id] = row.team_id
        return out

    def team(self, team_id: str) -> Team:
        return self.teams_by_id[team_id]

    def profession(self, profession_id: str) -> Profession:
        return self.professions_by_id[profession_id]

    def indicator_names(self) -> list[str]:
        """Indicators named by any need weight, in first-seen order."""
        return list(dict.fromkeys(w.indicator for w in self.need_weights))

    def cost_per_fte_dkk(self, member: Staff) -> float:
        """Annual cost of one FTE of this staff member: their own override, else their profession's."""
        if member.cost_override_dkk is not None:
            return member.cost_override_dkk
        return self.profession(member.profession).annual_cost_dkk


def _duplicates(kind: EntityKind, ids: list[str]) -> list[Finding]:
    counts = Counter(ids)
    return [Finding(kind, i, "id", "duplicate_id", {"id": v}) for i, v in enumerate(ids) if counts[v] > 1]


def reference_findings(data: Instance) -> list[Finding]:
    """Every broken cross-reference in `data`, in a stable order (entity, then position).

    `data` may be an unvalidated `Instance.model_construct(...)`: the Excel reader builds one from the rows
    that passed their own checks and maps each finding back to a sheet, row and column.
    """
    out: list[Finding] = []
    out += _duplicates("area", [a.id for a in data.areas])
    out += _duplicates("team", [t.id for t in data.teams])
    out += _duplicates("institution", [i.id for i in data.institutions])
    out += _duplicates("profession", [p.id for p in data.professions])
    out += _duplicates("staff", [s.id for s in data.staff])
    out += _duplicates("indicator", [k.id for k in data.indicators])

    area_ids = {a.id for a in data.areas}
    team_area = {t.id: t.area_id for t in data.teams}
    profession_ids = {p.id for p in data.professions}
    institution_ids = {i.id for i in data.institutions}
    indicator_columns = {k for i in data.institutions for k in i.indicators}

    def unknown(kind: EntityKind, index: int, fld: str, value: str, target: str) -> Finding:
        return Finding(kind, index, fld, "unknown_reference", {"value": value, "target": target})

    for n, t in enumerate(data.teams):
        if t.area_id not in area_ids:
            out.append(unknown("team", n, "area_id", t.area_id, "area"))
    for n, inst in enumerate(data.institutions):
        if inst.team_id not in team_area:
            out.append(unknown("institution", n, "team_id", inst.team_id, "team"))

    weighted = set()
    seen_pairs: set[tuple[str, str]] = set()
    for n, w in enumerate(data.need_weights):
        weighted.add(w.profession)
        if w.profession not in profession_ids:
            out.append(unknown("need_weight", n, "profession", w.profession, "profession"))
        if w.indicator not in indicator_columns and w.weight != 0:
            out.append(Finding("need_weight", n, "indicator", "unknown_indicator", {"value": w.indicator}))
        if (w.profession, w.indicator) in seen_pairs:
            out.append(Finding("need_weight", n, "indicator", "duplicate_weight", {"value": w.indicator}))
        seen_pairs.add((w.profession, w.indicator))
    for n, p in enumerate(data.professions):
        if p.id not in weighted:
            out.append(Finding("profession", n, "id", "profession_without_weights", {"value": p.id}))

    for n, s in enumerate(data.staff):
        if s.profession not in profession_ids:
            out.append(unknown("staff", n, "profession", s.profession, "profession"))
        if s.area_id not in area_ids:
            out.append(unknown("staff", n, "area_id", s.area_id, "area"))
        if s.current_team_id not in team_area:
            out.append(unknown("staff", n, "current_team_id", s.current_team_id, "team"))
        elif s.area_id in area_ids and team_area[s.current_team_id] != s.area_id:
            out.append(
                Finding(
                    "staff",
                    n,
                    "current_team_id",
                    "team_outside_area",
                    {
                        "value": s.current_team_id,
                        "area": s.area_id,
                        "team_area": team_area[s.current_team_id],
                    },
                )
            )
        for fld in ("locked_team_id", "preferred_team_id"):
            value = getattr(s, fld)
            if value is not None and value not in team_area:
                out.append(unknown("staff", n, fld, value, "team"))
        if s.competence_centre is not None and s.competence_centre not in institution_ids:
            out.append(unknown("staff", n, "competence_centre", s.competence_centre, "institution"))
    out += _structure_findings(data, area_ids, set(team_area), institution_ids) + _pool_findings(data)
    return out + _start_team_findings(data) + _contact_findings(data, institution_ids)


def _pool_findings(data: Instance) -> list[Finding]:
    """Pools: a known home and catchment, professions that exist; a member's pool known and holding their
    profession; a competence centre that is the home of exactly one pool (so the member's pool is clear)."""
    pools = tuple(getattr(data, "pools", ()))  # an unvalidated instance built without pools has none
    out = _duplicates("pool", [p.id for p in pools])
    institution_ids = {i.id for i in data.institutions}
    area_ids = {a.id for a in data.areas}
    places = institution_ids | {t.id for t in (*data.teams, *data.structure_teams)}
    profession_ids = {p.id for p in data.professions}
    for n, pool in enumerate(pools):
        if pool.home not in institution_ids | area_ids:
            out.append(Finding("pool", n, "home", "unknown_pool_home", {"value": pool.home}))
        for member in sorted(pool.members - places):
            out.append(Finding("pool", n, "members", "unknown_pool_member", {"value": member}))
        if pool.catchment is Catchment.LIST and not pool.members:
            out.append(Finding("pool", n, "members", "pool_without_members", {"value": pool.id}))
        for prof in sorted(pool.professions - profession_ids):
            out.append(Finding("pool", n, "professions", "unknown_reference", {"value": prof, "target": "profession"}))
    by_id = {p.id: p for p in pools}
    homes = Counter(p.home for p in pools)
    for n, s in enumerate(data.staff):
        pool_id = s.pool_id
        if s.competence_centre is not None and s.competence_centre in institution_ids:
            centre = [p.id for p in pools if p.home == s.competence_centre]
            if homes[s.competence_centre] != 1 and pool_id is None:
                code = "centre_without_pool" if not centre else "centre_ambiguous"
                out.append(Finding("staff", n, "competence_centre", code, {"value": s.competence_centre}))
            elif pool_id is not None and centre and pool_id not in centre:
                args: dict[str, object] = {"value": s.competence_centre, "pool": pool_id}
                out.append(Finding("staff", n, "pool_id", "pool_not_centre", args))
            pool_id = pool_id or (centre[0] if len(centre) == 1 else None)
        if s.pool_id is not None and s.pool_id not in by_id:
            out.append(Finding("staff", n, "pool_id", "unknown_reference", {"value": s.pool_id, "target": "pool"}))
        elif pool_id is not None and pool_id in by_id and s.profession not in by_id[pool_id].professions:
            missing: dict[str, object] = {"value": pool_id, "profession": s.profession}
            out.append(Finding("staff", n, "profession", "profession_not_in_pool", missing))
    return out


def _unknown_ref(kind: EntityKind, index: int, fld: str, value: str, target: EntityKind) -> Finding:
    return Finding(kind, index, fld, "unknown_reference", {"value": value, "target": target})


def _start_team_findings(data: Instance) -> list[Finding]:
    """Startteams: a known structure, a book team or a staff member of it, and a team the structure uses."""
    out: list[Finding] = []
    used: dict[str, set[str]] = {}
    for assignment in data.structure_assignments:
        used.setdefault(assignment.structure, set()).add(assignment.team_id)
    team_ids = {t.id for t in data.teams}
    staff_team = {s.id: s.current_team_id for s in data.staff}
    seen: set[tuple[str, str | None, str | None]] = set()
    for n, row in enumerate(data.start_teams):
        args: dict[str, object]
        if row.structure not in used:
            out.append(Finding("start_team", n, "structure", "unknown_structure", {"value": row.structure}))
            continue
        if row.team_id is None and row.staff_id is None:
            out.append(Finding("start_team", n, "team_id", "start_team_without_source", {}))
        if row.team_id is not None and row.team_id not in team_ids:
            out.append(_unknown_ref("start_team", n, "team_id", row.team_id, "team"))
        if row.staff_id is not None:
            if row.staff_id not in staff_team:
                out.append(_unknown_ref("start_team", n, "staff_id", row.staff_id, "staff"))
            elif row.team_id is not None and staff_team[row.staff_id] != row.team_id:
                args = {"value": row.staff_id, "team": row.team_id, "own": staff_team[row.staff_id]}
                out.append(Finding("start_team", n, "staff_id", "staff_not_in_team", args))
        if row.start_team_id not in used[row.structure]:
            args = {"value": row.start_team_id, "structure": row.structure}
            out.append(Finding("start_team", n, "start_team_id", "team_not_in_structure", args))
        key = (row.structure, None if row.staff_id else row.team_id, row.staff_id)
        if key in seen:
            out.append(Finding("start_team", n, "structure", "duplicate_start", {"value": row.staff_id or row.team_id}))
        seen.add(key)
    return out


def _contact_findings(data: Instance, institution_ids: set[str]) -> list[Finding]:
    """Kontakter: a known institution, profession and staff member of that profession; one contact per
    institution and profession."""
    out: list[Finding] = []
    profession_ids = {p.id for p in data.professions}
    profession_of = {s.id: s.profession for s in data.staff}
    seen: set[tuple[str, str]] = set()
    for n, row in enumerate(data.contacts):
        if row.institution_id not in institution_ids:
            out.append(_unknown_ref("contact", n, "institution_id", row.institution_id, "institution"))
        if row.profession not in profession_ids:
            out.append(_unknown_ref("contact", n, "profession", row.profession, "profession"))
        if row.staff_id not in profession_of:
            out.append(_unknown_ref("contact", n, "staff_id", row.staff_id, "staff"))
        elif row.profession in profession_ids and profession_of[row.staff_id] != row.profession:
            args: dict[str, object] = {
                "value": row.staff_id,
                "profession": row.profession,
                "own": profession_of[row.staff_id],
            }
            out.append(Finding("contact", n, "staff_id", "contact_other_profession", args))
        if (row.institution_id, row.profession) in seen:
            args = {"value": row.institution_id, "profession": row.profession}
            out.append(Finding("contact", n, "institution_id", "duplicate_contact", args))
        seen.add((row.institution_id, row.profession))
    return out


def _structure_findings(
    data: Instance, area_ids: set[str], team_ids: set[str], institution_ids: set[str]
) -> list[Finding]:
    """Alternative structures: new teams are new and in a known area; every structure maps every institution
    exactly once to a known team."""
    out = _duplicates("structure_team", [t.id for t in data.structure_teams])
    for n, t in enumerate(data.structure_teams):
        if t.id in team_ids:
            out.append(Finding("structure_team", n, "id", "team_on_teams_sheet", {"value": t.id}))
        if t.area_id not in area_ids:
            out.append(
                Finding("structure_team", n, "area_id", "unknown_reference", {"value": t.area_id, "target": "area"})
            )
    known = team_ids | {t.id for t in data.structure_teams}
    first: dict[str, int] = {}
    covered: dict[str, set[str]] = {}
    for n, row in enumerate(data.structure_assignments):
        first.setdefault(row.structure, n)
        seen = covered.setdefault(row.structure, set())
        if row.institution_id not in institution_ids:
            out.append(
                Finding(
                    "structure_assignment",
                    n,
                    "institution_id",
                    "unknown_reference",
                    {"value": row.institution_id, "target": "institution"},
                )
            )
        elif row.institution_id in seen:
            out.append(
                Finding(
                    "structure_assignment",
                    n,
                    "institution_id",
                    "duplicate_assignment",
                    {"value": row.institution_id, "structure": row.structure},
                )
            )
        seen.add(row.institution_id)
        if row.team_id not in known:
            out.append(Finding("structure_assignment", n, "team_id", "unknown_structure_team", {"value": row.team_id}))
    for name, n in first.items():
        missing = sorted(institution_ids - covered[name])
        if missing:
            args: dict[str, object] = {"value": name, "missing": len(missing), "examples": missing[:3]}
            out.append(Finding("structure_assignment", n, "structure", "structure_incomplete", args))
    return out
