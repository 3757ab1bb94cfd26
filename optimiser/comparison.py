"""A comparison of scenarios as plain data: what the comparison workbook, the deck and the app print.

Built by `scenarios.compare` from solved scenarios; read by `optimiser.export.comparison_book` and the app's
compare page. Nothing here knows how a scenario is applied or solved, so the library's exports can print a
comparison without importing the scenarios layer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from optimiser.domain import Instance
from optimiser.export.deck import SUMMARY_KIND
from optimiser.names import Names
from optimiser.results import Status

if TYPE_CHECKING:  # pandas only for the app's frames
    import pandas as pd

CURRENT = "nuværende"  # the name of the current allocation's row


@dataclass(frozen=True)
class KpiRow:
    """One scenario's figures (None where the scenario has no plan)."""

    scenario: str
    title: str
    structure: str | None  # None: the book's own structure
    status: str
    teams: int
    max_shortfall: float | None
    mean_shortfall: float | None
    total_shortfall_fte: float | None  # FTE short against the reference: a cut raises it, new posts lower it
    cv_coverage: float | None
    staff_moved: int | None
    contacts_changed: int | None
    team_min_fte: float | None
    team_max_fte: float | None
    fte: float | None  # staff and new posts
    new_posts_fte: float | None
    new_posts_cost_dkk: float | None
    cost_dkk: float | None
    cost_delta_dkk: float | None
    cost_per_child_dkk: float | None
    teams_gaining: int | None
    teams_losing: int | None
    institutions_gaining: int | None
    institutions_losing: int | None
    seconds: float | None
    run_id: int | None
    # The consultation's arguments (`optimiser.figures.ARGUMENTS`, `optimiser.arguments`); None: not measurable
    # (no plan, no coordinates, no clusters in the book).
    team_fte_median: float | None = None
    team_heads_min: int | None = None
    team_heads_median: float | None = None
    team_heads_max: int | None = None
    alone_cells: int | None = None
    absence_risk_max: float | None = None
    absence_risk_mean: float | None = None
    institutions_per_contact_mean: float | None = None
    institutions_per_contact_max: int | None = None
    clusters_split: int | None = None
    distance_mean_km: float | None = None
    distance_max_km: float | None = None


@dataclass(frozen=True)
class TeamRow:
    """One team of a scenario's structure: practice-near FTE now and in the plan, coverage, cost."""

    scenario: str
    team_id: str
    team_name: str
    area_id: str
    children: int
    demand_fte: float
    current_fte: float
    new_fte: float
    change_fte: float
    current_coverage: float | None
    new_coverage: float | None
    cost_dkk: float
    cost_per_child_dkk: float | None


@dataclass(frozen=True)
class DistrictRow:
    """One district (`bydel`, the reporting geography every structure shares) and profession of a scenario:
    demand against the comparison's one reference, practice-near supply today and in the plan. A district is
    the same set of institutions in every structure, so 5, 14 and 26 teams are compared on the same units."""

    scenario: str
    district_id: str
    district_name: str
    profession: str
    demand_fte: float
    current_supply_fte: float
    supply_fte: float
    current_coverage: float | None
    coverage: float | None


@dataclass(frozen=True)
class InstitutionRow:
    scenario: str
    institution_id: str
    name: str
    type: str
    current_team_id: str  # in the book
    team_id: str  # in the scenario
    current_fte: float
    new_fte: float
    change_fte: float


@dataclass(frozen=True)
class MoveRow:
    """A staff member who changes team in the plan (counted in `staff_moved`)."""

    scenario: str
    staff_id: str
    profession: str
    fte: float
    book_team_id: str | None  # the team in the book (None: a post the scenario added)
    start_team_id: str  # the team they start in (in the scenario's structure)
    team_id: str  # the team the plan gives them


@dataclass(frozen=True)
class EffectRow:
    """What one of a scenario's changes did to one person: added, removed (FTE taken), moved or locked."""

    scenario: str
    action: str
    staff_id: str
    profession: str
    team_id: str
    fte: float


@dataclass(frozen=True)
class ScenarioRow:
    """One scenario as run: where it came from, its text, and the run it is stored as."""

    scenario: str
    title: str
    description: str
    source: str
    structure: str | None
    status: Status
    run_id: int | None
    inputs_hash: str
    solver: str
    parameters: str  # the run parameters (policy) as JSON
    text: str  # the scenario file as written
    solver_settings: str = ""  # how the solver ran (time limit, seed, deterministic, workers) as JSON


@dataclass(frozen=True)
class FrontierPoint:
    tolerance: float
    max_shortfall: float
    staff_moved: int
    total_shortfall_fte: float
    status: Status


@dataclass(frozen=True)
class Frontier:
    """The sweep of one scenario: every point with a plan, and the Pareto frontier among them."""

    scenario: str
    points: tuple[FrontierPoint, ...]
    pareto: tuple[FrontierPoint, ...]


@dataclass(frozen=True)
class Comparison:
    """Scenarios side by side on one base book (`base`: its instance, for the names of people)."""

    book: str
    created_at: datetime
    current: KpiRow
    kpis: list[KpiRow]
    teams: list[TeamRow]
    institutions: list[InstitutionRow]
    moves: list[MoveRow]
    effects: list[EffectRow] = field(default_factory=list)
    scenarios: list[ScenarioRow] = field(default_factory=list)
    frontier: Frontier | None = None
    base: Instance | None = field(default=None, repr=False)
    # Coverage per district x profession of every scenario (and of today, scenario `CURRENT`).
    districts: list[DistrictRow] = field(default_factory=list)
    # Which demand every figure is measured against, in words (e.g. "the base book's fair-share demand").
    reference: str = ""

    @property
    def every_scenario_planned(self) -> bool:
        """True when every scenario has a plan (a row without a plan has no largest shortfall)."""
        return all(row.max_shortfall is not None for row in self.kpis)

    def frames(self) -> dict[str, pd.DataFrame]:
        """The tables as DataFrames (for the app): kpis (current first), teams, institutions, moves, districts,
        frontier."""
        import pandas as pd

        frames = {
            "kpis": pd.DataFrame([asdict(r) for r in [self.current, *self.kpis]]),
            "teams": pd.DataFrame([asdict(r) for r in self.teams]),
            "institutions": pd.DataFrame([asdict(r) for r in self.institutions]),
            "moves": pd.DataFrame([asdict(r) for r in self.moves]),
            "districts": pd.DataFrame([asdict(r) for r in self.districts]),
        }
        if self.frontier is not None:
            on_front = set(self.frontier.pareto)
            frames["frontier"] = pd.DataFrame(
                [asdict(p) | {"on_frontier": p in on_front} for p in self.frontier.points]
            )
        return frames

    def summary(self) -> dict[str, object]:
        """The comparison as JSON-ready data (written beside the workbook; the committee deck reads it).
        Institutions are left out: the deck shows teams."""
        frontier = None
        if self.frontier is not None:
            frontier = {
                "scenario": self.frontier.scenario,
                "points": [asdict(p) for p in self.frontier.points],
                "pareto": [asdict(p) for p in self.frontier.pareto],
            }
        return {
            "kind": SUMMARY_KIND,
            "book": self.book,
            "created_at": self.created_at.isoformat(),
            "current": asdict(self.current),
            "kpis": [asdict(r) for r in self.kpis],
            "teams": [asdict(r) for r in self.teams],
            "moves": [asdict(r) for r in self.moves],
            "districts": [asdict(r) for r in self.districts],
            "reference": self.reference,
            "frontier": frontier,
            "names": self._names(),
        }

    def _names(self) -> dict[str, dict[str, str]]:
        """The base book's display names, so a deck or paper made from the summary alone shows no raw id."""
        names = Names.of(self.base)
        return {"professions": names.professions, "areas": names.areas, "teams": names.teams}
