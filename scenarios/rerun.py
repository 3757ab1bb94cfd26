"""Running a stored run again from its stored inputs, and saying whether the plan is the same.

The plan is the same when every staff member goes to the same team and the same new posts are bought (team,
profession and FTE); the differences are listed otherwise, staff in id order, then new posts. Only a
deterministic run (`deterministic`, a fixed seed, one worker) can be expected to come out the same: a run
with several workers or a wall-clock limit may find another of several equally good plans.
"""

from __future__ import annotations

from dataclasses import dataclass

from optimiser.problems import Lang
from optimiser.results import SolveResult
from scenarios.service import CannotRerun, Outcome, inputs_of, run
from scenarios.store import RunStore


@dataclass(frozen=True)
class Difference:
    """One difference between two plans: a staff member's team, or the FTE of new posts of one team and
    profession (None: none in that plan)."""

    kind: str  # "team" or "new_posts"
    key: str  # a staff id, or "team/profession"
    before: str | float | None
    after: str | float | None


def plan_differences(before: SolveResult, after: SolveResult) -> list[Difference]:
    """What differs between two plans: teams of staff, then new posts. Empty: the same plan."""
    old = {a.staff_id: a.team_id for a in before.assignments}
    new = {a.staff_id: a.team_id for a in after.assignments}
    out = [
        Difference("team", s, old.get(s), new.get(s))
        for s in sorted(old.keys() | new.keys())
        if old.get(s) != new.get(s)
    ]
    old_posts = _posts(before)
    new_posts = _posts(after)
    for key in sorted(old_posts.keys() | new_posts.keys()):
        if old_posts.get(key) != new_posts.get(key):
            out.append(Difference("new_posts", key, old_posts.get(key), new_posts.get(key)))
    return out


def _posts(result: SolveResult) -> dict[str, float]:
    out: dict[str, float] = {}
    for p in result.new_posts:
        key = f"{p.team_id}/{p.profession}"
        out[key] = round(out.get(key, 0.0) + p.fte, 2)  # FTE in hundredths, as the solver counts them
    return out


@dataclass(frozen=True)
class Rerun:
    """A stored run done again: the stored result, the new outcome and how their plans differ."""

    run_id: int
    stored: SolveResult
    outcome: Outcome
    differences: list[Difference]

    @property
    def identical(self) -> bool:
        return not self.differences


class NoSuchRun(LookupError):
    pass


def rerun(store: RunStore, run_id: int, *, lang: Lang = "da") -> Rerun:
    """Solve run `run_id` again from its stored inputs (not stored again). NoSuchRun; CannotRerun when its
    inputs cannot be rebuilt; ScenarioError or ValueError when they no longer apply."""
    stored = store.get(run_id)
    if stored is None:
        raise NoSuchRun(run_id)
    inputs = inputs_of(store, stored)
    before = SolveResult.model_validate_json(stored.result)
    outcome = run(inputs, lang=lang)
    return Rerun(run_id, before, outcome, plan_differences(before, outcome.result))


__all__ = ["CannotRerun", "Difference", "NoSuchRun", "Rerun", "plan_differences", "rerun"]
