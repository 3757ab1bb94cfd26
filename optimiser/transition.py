"""A transition plan: the allocation at every dated step from today to the target (`PLAN.json`, docs/result.md).

The records here are what `scenarios.phase` plans and every front end reads (the CLI, the app's Overgang page,
the workbook's step sheets, the deck's path slide); the functions are the plain arithmetic over them: who
moves between two plans, how far each team and profession is from its need-based target, and how the final
step's leximin levels compare with the one-step plan's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from optimiser.contacts import practice_share
from optimiser.domain import Instance, Parameters
from optimiser.i18n import N_, number, percent, text
from optimiser.problems import Lang
from optimiser.results import Coverage, Kpis, NewPost, Reason, Status

KIND: Literal["bydelsteam-phase"] = "bydelsteam-phase"
LEVEL_EPS = 1e-4  # leximin levels are proved in 0.01 percentage points; closer than this is the same level


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Placement(_Record):
    staff_id: str
    team_id: str
    fte: float


class Move(_Record):
    """One person changing team on a step's date."""

    staff_id: str
    profession: str
    fte: float
    from_team_id: str
    to_team_id: str
    date: dt.date


class StepChange(_Record):
    """What the step's own changes did to one person before the solve: arrived, ended (FTE taken), left,
    locked; `team_id` is where."""

    action: Literal["add", "remove", "move", "lock"]
    staff_id: str
    profession: str
    team_id: str
    fte: float


class Limits(_Record):
    """The limits a step was solved under (None: no limit of that kind)."""

    max_moves: int | None
    max_moves_per_team: dict[str, int] = {}  # team -> staff who may leave it
    max_moves_per_profession: dict[str, int]
    budget_dkk: float | None
    floor: float | None


class PhaseStep(_Record):
    date: dt.date
    title: str | None
    status: Status
    limits: Limits
    assignments: tuple[Placement, ...]
    new_posts: tuple[NewPost, ...]
    coverage: tuple[Coverage, ...]
    kpis: Kpis | None
    moves: tuple[Move, ...]
    changes: tuple[StepChange, ...]
    checker: tuple[str, ...]  # what `optimiser.check.verify` found wrong; empty: the plan passes
    floor_held: bool
    explanation: tuple[Reason, ...]  # codes; words when shown (optimiser.explain.render)
    gap: float | None  # the engine's: 0 when every stage is proven
    seconds: float


class Target(_Record):
    """The one-step plan (every step's changes at once, no caps on moves): where the path is headed."""

    status: Status
    kpis: Kpis | None
    levels: tuple[float, ...]  # relative shortfall of every cell with demand, worst first
    moves: int


# Limits that can hold the final step back from the target's levels; each a text for the reader.
BINDING = {
    "max_moves": N_("the cap on moves at the last step"),
    "max_moves_per_team": N_("the caps on moves per team"),
    "max_moves_per_profession": N_("the caps on moves per profession"),
    "moved_once": N_("nobody is moved twice (people moved at an earlier step stay)"),
    "budget": N_("the budget is spent step by step (posts bought early stay where they were bought)"),
}


class Reach(_Record):
    """How the final step compares with the target: `reached` when every leximin level is as good;
    otherwise the largest difference, at which rank (1 = worst cell) and which limits bind (relaxing them at the
    last step reaches the target; empty when none of them alone does)."""

    reached: bool
    short_by: float
    rank: int | None
    binding: tuple[str, ...]


class Distance(_Record):
    """One team and profession: practice-near FTE today, the need-based target (the final step's demand), and
    the distance left (target - supply; below zero: above target) after every step, in FTE and in kr. a year
    (the staff FTE that close it at the profession's cost)."""

    team_id: str
    profession: str
    today_fte: float
    target_fte: float
    fte: tuple[float, ...]
    dkk: tuple[float, ...]


class PhasePlan(_Record):
    kind: Literal["bydelsteam-phase"] = KIND
    scenario: str
    title: str
    steps: tuple[PhaseStep, ...]
    target: Target
    reach: Reach
    distance: tuple[Distance, ...]
    seconds: float
    solver: str

    @property
    def status(self) -> Status:
        """The path's status: the worst of its steps'."""
        order: tuple[Status, ...] = ("invalid", "infeasible", "timeout", "feasible", "optimal")
        return min((s.status for s in self.steps), key=order.index, default="invalid")

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.model_dump_json(indent=2), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> PhasePlan:
        return cls.model_validate_json(Path(path).read_text(encoding="utf-8"))


def moves_between(instance: Instance, team_of: Mapping[str, str], when: dt.date) -> list[Move]:
    """Everyone whose planned team differs from their current team in `instance`, by staff id."""
    return [
        Move(
            staff_id=s.id,
            profession=s.profession,
            fte=s.fte,
            from_team_id=s.current_team_id,
            to_team_id=team_of[s.id],
            date=when,
        )
        for s in sorted(instance.staff, key=lambda s: s.id)
        if team_of[s.id] != s.current_team_id
    ]


def levels(coverage: Sequence[Coverage]) -> tuple[float, ...]:
    """The relative shortfall (D - S)+ / D of every cell with demand, worst first: the leximin vector."""
    return tuple(
        sorted((max(0.0, 1 - c.supply_fte / c.demand_fte) for c in coverage if c.demand_fte > 0), reverse=True)
    )


def shortfall_against(final: Sequence[float], target: Sequence[float]) -> tuple[float, int | None]:
    """How far the final step's sorted levels fall short of the target's: the largest excess and its rank
    (1-based; None when every level is as good, within LEVEL_EPS)."""
    worst, rank = 0.0, None
    for n, (mine, best) in enumerate(zip(final, target, strict=False), start=1):
        if mine - best > worst + LEVEL_EPS and mine - best > LEVEL_EPS:
            worst, rank = mine - best, n
    return (worst if rank is not None else 0.0), rank


def distances(
    instance: Instance,
    params: Parameters,
    today: Sequence[Coverage],
    target: Mapping[tuple[str, str], float],
    steps: Sequence[Sequence[Coverage]],
) -> list[Distance]:
    """Distance from the need-based target per team and profession after every step (see `Distance`)."""
    now = {(c.team_id, c.profession): c.current_supply_fte for c in today}
    out = []
    for (team, profession), goal in sorted(target.items()):
        cost, share = instance.profession(profession).annual_cost_dkk, practice_share(instance, params, profession)
        per_step = [
            {(c.team_id, c.profession): c.supply_fte for c in cov}.get((team, profession), 0.0) for cov in steps
        ]
        left = [goal - supply for supply in per_step]
        out.append(
            Distance(
                team_id=team,
                profession=profession,
                today_fte=now.get((team, profession), 0.0),
                target_fte=goal,
                fte=tuple(left),
                dkk=tuple(d / share * cost for d in left),
            )
        )
    return out


REACHED = N_("The last step reaches the one-step plan's leximin levels (largest relative shortfall {worst}).")
SHORT = N_(
    "The last step falls short of the one-step plan's leximin levels by up to {points} percentage points "
    "(rank {rank}: {mine} against {best})."
)
BINDS = N_("Binding: {limits}.")
NOTHING_TO_COMPARE = N_(
    "The last step or the one-step plan has no plan (its rules clash, or nothing was found in time): there is "
    "nothing to compare."
)
NONE_BINDS = N_("No single limit of the last step explains it: the path as a whole (its earlier steps) does.")


def reach_text(plan: PhasePlan, lang: Lang = "da") -> str:
    """The path against its target, in the reader's words."""
    target = plan.target.levels
    if not plan.target.levels or not plan.steps or plan.steps[-1].kpis is None:
        return text(NOTHING_TO_COMPARE, lang)
    if plan.reach.reached or plan.reach.rank is None:
        return text(REACHED, lang, worst=percent(target[0] if target else 0.0, 1, lang))
    final = plan.steps[-1].coverage
    rank = plan.reach.rank
    mine = levels(final)[rank - 1]
    line = text(
        SHORT,
        lang,
        points=number(100 * plan.reach.short_by, 1, lang),
        rank=rank,
        mine=percent(mine, 1, lang),
        best=percent(target[rank - 1], 1, lang),
    )
    if plan.reach.binding:
        limits = "; ".join(text(BINDING[b], lang) for b in plan.reach.binding)
        return f"{line} {text(BINDS, lang, limits=limits)}"
    return f"{line} {text(NONE_BINDS, lang)}"
