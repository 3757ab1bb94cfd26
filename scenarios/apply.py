"""Applying a scenario to a workbook's instance: a new instance, its parameters and its structure.

Pure: the base instance is never changed. The steps, in this order:

1. the structure (`scenarios.structure`): the instance's teams become the structure's teams;
2. policy and need settings per profession (practice share, minimum per team, need floor, blend, norm,
   weights) — so that "auto" choices in the changes see the scenario's own demand;
3. the changes, in the order written:
   * `add` — new people of at most 1 FTE each (3.5 FTE = 1 + 1 + 1 + 0.5), ids `NY001`, `NY002`, …, each
     starting in the given team or, with `team: auto`, in the team with the largest relative shortfall of
     the profession at that moment (any area: added posts are not yet tied to one);
   * `remove` — FTE taken from the given team or, with `auto`, step by step from the team with the highest
     coverage: whole people first (while one fits in what is left: the largest such, the last by id; never
     locked people, never below the profession's minimum per team), the last piece as fewer hours for one
     person who keeps at least the smallest post (`Parameters.min_post_fte`), or, where nobody can, one
     more whole person (a little more than asked: no 1.0 -> 0.04 FTE remnants);
   * `cut` — `share` of each profession's FTE in the district teams, removed as `remove … team: auto` (every
     profession carries its share of the cut, taken where supply is highest relative to need);
   "auto" choices see the district teams only: a specialist pool's staff (`optimiser.pools`) are neither the
   teams' supply nor cut by `auto` or `cut` — a pool is cut by naming its team in `remove`;
   * `move` — named people, or whole unlocked people of a profession from one team (by id) until the FTE is
     reached, start in another team (and that team's area); a lock moves with the person;
   * `lock` — named people locked to a team (default: the team they start in);
4. the dated steps' changes (`steps:`), all at once and in order, each step's `add`, `end` (as `remove`),
   `leave` (named people gone) and `lock`, with the steps' budgets added up: the one-step plan that a
   transition plan (`scenarios.phase`, which applies them step by step with `apply_step`) is measured against;
5. the run parameters: the book's `Parametre` with the scenario's values on top; and apart, the solver
   settings: the book's (`Instance.solver`) with the scenario's `solver:` section on top.

Every problem — an unknown team, profession, staff member, structure, indicator or rule, or a change that
cannot be carried out — is collected and raised as one `ScenarioError` naming the file, key and line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from pydantic import ValidationError

from optimiser.contacts import practice_share
from optimiser.domain import (
    OBJECTIVE_TERMS,
    RULE_NAMES,
    DemandMode,
    Instance,
    NeedWeight,
    Parameters,
    Profession,
    Staff,
)
from optimiser.need import team_demand
from optimiser.pools import pool_of
from optimiser.settings import SolverSettings
from scenarios.errors import KeyPath, ScenarioError, ScenarioProblem
from scenarios.schema import ALL, AddPosts, Cut, Lock, MovePosts, RemovePosts, Scenario, Step
from scenarios.structure import NoTeamInArea, StartOutsideArea, apply_structure

HUNDREDTHS = 100  # FTE is handled in whole hundredths here, as in the solver and the template
ADDED_PER_STAFF_FTE = 2.0  # `add` changes together: at most this many times the book's staff FTE …
MIN_ADDED_LIMIT_FTE = 10.0  # … or this many FTE, whichever is more (a tiny book can still grow)
NEW_ID = "NY{:03d}"


@dataclass(frozen=True)
class Effect:
    """What one change did to one person: added, removed (FTE taken), moved or locked, in which team."""

    action: Literal["add", "remove", "move", "lock"]
    staff_id: str
    profession: str
    team_id: str
    fte: float
    from_team_id: str | None = None  # a move: the team they leave (counted as a move in the comparison)


@dataclass(frozen=True)
class Applied:
    """A scenario applied to a base instance: pass `instance`, `params` and `structure` to `solve`/`verify`,
    and `settings` to `solve` (how the solver runs: the book's with the scenario's `solver:` on top)."""

    scenario: Scenario
    instance: Instance
    params: Parameters
    structure: dict[str, str]  # institution -> team, in the applied instance
    team_map: dict[str, str]  # the book's team -> the team its staff start in (identity without a structure)
    effects: tuple[Effect, ...]
    settings: SolverSettings = field(default_factory=SolverSettings)


def apply_scenario(base: Instance, scenario: Scenario, *, with_steps: bool = True) -> Applied:
    """The scenario on top of `base` (`with_steps=False`: as it stands before its first dated step). Raises
    ScenarioError with every problem found."""
    spec = scenario.spec
    problems = _references(base, scenario)
    if problems:
        raise ScenarioError(problems)
    instance, team_map = base, {t.id: t.id for t in base.teams}
    if spec.structure is not None:
        try:
            structured = apply_structure(base, spec.structure)
        except NoTeamInArea as err:
            raise ScenarioError(
                [scenario.problem(("structure",), "no_team_in_area", value=err.structure, area=err.area)]
            ) from None
        except StartOutsideArea as err:
            raise ScenarioError(
                [scenario.problem(("structure",), "start_outside_area", value=err.staff_id, team=err.team)]
            ) from None
        instance, team_map = structured.instance, structured.team_map
    team_problems = _team_references(instance, scenario)
    if team_problems:
        raise ScenarioError(team_problems)
    instance = _validated(
        scenario, instance, professions=_professions(instance, scenario), need_weights=_weights(instance, scenario)
    )
    params = _parameters(base.parameters, scenario)
    settings = _settings(base.solver, scenario)
    budgets = [s.budget_dkk for s in spec.steps if s.budget_dkk is not None]
    if with_steps and budgets:
        params = params.model_copy(update={"budget_dkk": sum(budgets)})
    added = sum(c.add.fte for c in spec.changes if c.add is not None) + sum(a.fte for s in spec.steps for a in s.add)
    limit = added_fte_limit(base)
    if added > limit + 1e-9:
        raise ScenarioError([scenario.problem(("changes",), "too_much_added_for_book", fte=added, limit=limit)])
    if params.demand_mode is DemandMode.NORM:
        missing = [p.id for p in instance.professions if p.norm_children_per_fte is None]
        if missing:
            raise ScenarioError([scenario.problem(("need", "mode"), "norm_missing", value=p) for p in missing])

    changes = _Changes(instance, params, scenario)
    for n, change in enumerate(spec.changes):
        changes.apply(("changes", n, change.kind), getattr(change, change.kind))
    for n, step in enumerate(spec.steps if with_steps else []):
        changes.step(n, step)
    if changes.problems:
        raise ScenarioError(changes.problems)
    # Without changes the instance stays the same object, so the need model computed for it is kept.
    final = (
        _validated(scenario, instance, staff=tuple(changes.staff))
        if spec.changes or (with_steps and spec.steps)
        else instance
    )
    return Applied(
        scenario=scenario,
        instance=final,
        params=params,
        structure={i.id: i.team_id for i in final.institutions},
        team_map=team_map,
        effects=tuple(changes.effects),
        settings=settings,
    )


def apply_step(
    instance: Instance, params: Parameters, scenario: Scenario, n: int
) -> tuple[Instance, tuple[Effect, ...]]:
    """Step `n` of the scenario's `steps:` on `instance` (the plan of the step before, as people's current
    teams): who arrives, ends, leaves and is locked. Raises ScenarioError with every problem found."""
    changes = _Changes(instance, params, scenario)
    changes.step(n, scenario.spec.steps[n])
    if changes.problems:
        raise ScenarioError(changes.problems)
    return _validated(scenario, instance, staff=tuple(changes.staff)), tuple(changes.effects)


def _validated(scenario: Scenario, instance: Instance, **update: object) -> Instance:
    if "staff" in update:  # today's contacts and start rows of people the scenario removes go with them
        kept = {s.id for s in update["staff"]}  # type: ignore[attr-defined]
        update["contacts"] = tuple(c for c in instance.contacts if c.staff_id in kept)
        update["start_teams"] = tuple(r for r in instance.start_teams if r.staff_id is None or r.staff_id in kept)
    try:
        return Instance.model_validate({**{f: getattr(instance, f) for f in Instance.model_fields}, **update})
    except ValidationError as err:
        detail = str(err).splitlines()[-1].strip() if str(err) else type(err).__name__
        raise ScenarioError([scenario.problem((), "invalid_scenario", detail=detail)]) from None


# -- references ---------------------------------------------------------------------------------------------


def _unknown(scenario: Scenario, path: KeyPath, kind: str, value: str, known: Sequence[str]) -> ScenarioProblem:
    return scenario.problem(path, "unknown_reference", kind=kind, value=value, known=list(known))


def _references(base: Instance, scenario: Scenario) -> list[ScenarioProblem]:
    """Every name in the scenario that the base instance does not know (teams are checked after the structure)."""
    spec = scenario.spec
    out: list[ScenarioProblem] = []
    professions = [p.id for p in base.professions]
    indicators = list(dict.fromkeys(k for i in base.institutions for k in i.indicators))
    staff = {s.id for s in base.staff}

    def profession(path: KeyPath, value: str | None) -> None:
        if value is not None and value != ALL and value not in professions:
            out.append(_unknown(scenario, path, "profession", value, professions))

    if spec.structure is not None and spec.structure not in base.structures:
        out.append(_unknown(scenario, ("structure",), "structure", spec.structure, list(base.structures)))
    for section, name in (
        ("policy", "practice_share"),
        ("policy", "min_per_team"),
        ("need", "floor"),
        ("need", "blend"),
        ("need", "norms"),
        ("need", "weights"),
    ):
        for prof in getattr(getattr(spec, section), name) or {}:
            profession((section, name, prof), prof)
    for prof, weights in (spec.need.weights or {}).items():
        for indicator in weights:
            if indicator not in indicators:
                out.append(_unknown(scenario, ("need", "weights", prof, indicator), "indicator", indicator, indicators))
    for n, rule in enumerate(spec.policy.disabled_rules or []):
        if rule not in RULE_NAMES:
            out.append(_unknown(scenario, ("policy", "disabled_rules", n), "rule", rule, RULE_NAMES))
    for term in spec.objective.weights or {}:
        if term not in OBJECTIVE_TERMS:
            out.append(_unknown(scenario, ("objective", "weights", term), "term", term, OBJECTIVE_TERMS))
    for n, change in enumerate(spec.changes):
        item = getattr(change, change.kind)
        path: KeyPath = ("changes", n, change.kind)
        profession((*path, "profession"), getattr(item, "profession", None))
        for prof in getattr(item, "professions", None) or []:
            profession((*path, "professions"), prof)
        for k, sid in enumerate(getattr(item, "staff", None) or []):
            if sid not in staff:
                out.append(_unknown(scenario, (*path, "staff", k), "staff", sid, sorted(staff)))
    for n, step in enumerate(spec.steps):
        for kind, item, k in _step_items(step):
            path = ("steps", n, kind, k)
            profession((*path, "profession"), getattr(item, "profession", None))
            for j, sid in enumerate(getattr(item, "staff", None) or []):
                if sid not in staff:
                    out.append(_unknown(scenario, (*path, "staff", j), "staff", sid, sorted(staff)))
        for k, sid in enumerate(step.leave):
            if sid not in staff:
                out.append(_unknown(scenario, ("steps", n, "leave", k), "staff", sid, sorted(staff)))
        for key in ("max_moves_per_profession", "max_share_moved"):
            for prof in getattr(step, key) or {}:
                profession(("steps", n, key, prof), prof)
    return out


def _step_items(step: Step) -> list[tuple[str, AddPosts | RemovePosts | Lock, int]]:
    """A step's changes with their key and position, in the order they are applied (leavers go after `end`)."""
    out: list[tuple[str, AddPosts | RemovePosts | Lock, int]] = [("add", item, k) for k, item in enumerate(step.add)]
    out += [("end", item, k) for k, item in enumerate(step.end)]
    return out + [("lock", item, k) for k, item in enumerate(step.lock)]


def _team_references(instance: Instance, scenario: Scenario) -> list[ScenarioProblem]:
    """Teams named by the changes must be teams of the scenario's structure."""
    teams = [t.id for t in instance.teams]
    items: list[tuple[KeyPath, object]] = [
        (("changes", n, c.kind), getattr(c, c.kind)) for n, c in enumerate(scenario.spec.changes)
    ]
    items += [
        (("steps", n, kind, k), item) for n, s in enumerate(scenario.spec.steps) for kind, item, k in _step_items(s)
    ]
    out = []
    for path, item in items:
        for key in ("team", "to_team", "from_team"):
            value = getattr(item, key, None)
            if value is not None and value != "auto" and value not in teams:
                out.append(_unknown(scenario, (*path, key), "team", value, teams))
    for n, step in enumerate(scenario.spec.steps):  # a step's caps per team
        for team in step.max_moves_per_team or {}:
            if team != ALL and team not in teams:
                out.append(_unknown(scenario, ("steps", n, "max_moves_per_team", team), "team", team, teams))
    return out


# -- professions, weights, parameters -----------------------------------------------------------------------


def _pick(values: Mapping[str, float] | None, profession: str) -> float | None:
    """A per-profession setting: the profession's own value, else the one for all (`*`), else None."""
    if not values:
        return None
    return values.get(profession, values.get(ALL))


def _professions(instance: Instance, scenario: Scenario) -> tuple[Profession, ...]:
    spec = scenario.spec
    out = []
    for p in instance.professions:
        settings = {
            "practice_share": _pick(spec.policy.practice_share, p.id),
            "min_per_team": _pick(spec.policy.min_per_team, p.id),
            "need_floor": _pick(spec.need.floor, p.id),
            "need_blend": _pick(spec.need.blend, p.id),
            "norm_children_per_fte": (spec.need.norms or {}).get(p.id),
        }
        update = {k: v for k, v in settings.items() if v is not None}
        out.append(p.model_copy(update=update) if update else p)
    return tuple(out)


def _weights(instance: Instance, scenario: Scenario) -> tuple[NeedWeight, ...]:
    """The book's weights with the scenario's replacing them; new (profession, indicator) pairs appended."""
    given = {(p, k): w for p, ws in (scenario.spec.need.weights or {}).items() for k, w in ws.items()}
    out = [
        w.model_copy(update={"weight": given.pop((w.profession, w.indicator))})
        if (w.profession, w.indicator) in given
        else w
        for w in instance.need_weights
    ]
    out += [NeedWeight(profession=p, indicator=k, weight=w) for (p, k), w in given.items()]
    return tuple(out)


def added_fte_limit(base: Instance) -> float:
    """The most FTE a scenario's `add` changes may add to `base`: twice its staff (at least 10 FTE), so that a
    scenario can triple a profession but not make the model a hundred times the book's size."""
    return max(MIN_ADDED_LIMIT_FTE, round(ADDED_PER_STAFF_FTE * sum(s.fte for s in base.staff), 2))


def _parameters(book: Parameters, scenario: Scenario) -> Parameters:
    """The book's run parameters with every value the scenario sets."""
    spec = scenario.spec
    size = spec.policy.team_size
    values: dict[str, object] = {
        "area_boundary": spec.policy.area_boundary,
        "team_size_min_fte": size.min_fte if size else None,
        "team_size_max_fte": size.max_fte if size else None,
        "max_moves": spec.policy.max_moves,
        "disabled_rules": frozenset(spec.policy.disabled_rules) if spec.policy.disabled_rules is not None else None,
        "demand_mode": spec.need.mode,
        "budget_dkk": spec.budget.new_posts_dkk,
        "overhead_share": spec.budget.overhead_share,
        "min_coverage": spec.budget.min_coverage,
        "objective": spec.objective.mode,
        "tolerance": spec.objective.tolerance,
        "shortfall_tolerance": spec.objective.shortfall_tolerance,
        "min_gain": spec.objective.min_gain,
        "moves_before_shortfall": spec.objective.moves_before_shortfall,
        "weights": spec.objective.weights,
    }
    try:
        return Parameters.model_validate({**book.model_dump(), **{k: v for k, v in values.items() if v is not None}})
    except ValidationError as err:  # the schema's limits are the tighter ones; this is the last safety net
        detail = str(err).splitlines()[-1].strip() if str(err) else type(err).__name__
        raise ScenarioError([scenario.problem((), "invalid_scenario", detail=detail)]) from None


def _settings(book: SolverSettings, scenario: Scenario) -> SolverSettings:
    """The book's solver settings with every value the scenario's `solver:` section sets."""
    try:
        return book.updated(scenario.spec.solver.model_dump())
    except ValidationError as err:  # the schema's limits are the tighter ones; this is the last safety net
        detail = str(err).splitlines()[-1].strip() if str(err) else type(err).__name__
        raise ScenarioError([scenario.problem((), "invalid_scenario", detail=detail)]) from None


# -- changes ------------------------------------------------------------------------------------------------


def _hundredths(fte: float) -> int:
    return round(fte * HUNDREDTHS)


class _Changes:
    """The staff list as the changes edit it, in hundredths of FTE, with the effects and problems so far."""

    def __init__(self, instance: Instance, params: Parameters, scenario: Scenario) -> None:
        self.instance, self.params, self.scenario = instance, params, scenario
        self.staff: list[Staff] = list(instance.staff)
        self.effects: list[Effect] = []
        self.problems: list[ScenarioProblem] = []
        self.next_id = 1
        self.taken: set[str] | None = None

    @cached_property
    def pooled(self) -> frozenset[str]:
        """The book's pool members: kept out of the teams' supply and head counts in the "auto" choices, as
        the need model keeps them out of the teams' demand."""
        return frozenset(pool_of(self.instance))

    def _in_team(self, member: Staff, team: str, profession: str) -> bool:
        return member.current_team_id == team and member.profession == profession and member.id not in self.pooled

    @cached_property
    def demand(self) -> dict[tuple[str, str], float]:
        """Demand before the changes, for the "auto" choices: computed only when a change needs it (the need
        model is the dearest step of applying a scenario, and most scenarios choose no team by it)."""
        return team_demand(self.instance, self.params.demand_mode)

    def step(self, n: int, step: Step) -> None:
        """A dated step's changes: arrivals, ended posts (as removals), leavers, locks."""
        for kind, item, k in _step_items(step):
            if kind == "lock":
                continue  # after the leavers: a lock on someone who leaves is reported as such
            self.apply(("steps", n, kind, k), item)
        gone = set(step.leave)
        for k, sid in enumerate(step.leave):
            if not any(s.id == sid for s in self.staff):
                self.problems.append(self.scenario.problem(("steps", n, "leave", k), "cannot_leave", value=sid))
        for s in self.staff:
            if s.id in gone:
                self.effects.append(Effect("remove", s.id, s.profession, s.current_team_id, s.fte))
        self.staff = [s for s in self.staff if s.id not in gone]
        for k, lock in enumerate(step.lock):
            self.apply(("steps", n, "lock", k), lock)

    def apply(self, path: KeyPath, item: AddPosts | RemovePosts | MovePosts | Lock | Cut) -> None:
        if isinstance(item, AddPosts):
            self.add(path, item)
        elif isinstance(item, RemovePosts):
            self.remove(path, item.profession, _hundredths(item.fte), item.team)
        elif isinstance(item, Cut):
            total: dict[str, int] = defaultdict(int)
            for s in self.staff:
                if s.id not in self.pooled:
                    total[s.profession] += _hundredths(s.fte)
            for prof in item.professions or [p.id for p in self.instance.professions]:
                self.remove(path, prof, round(item.share * total[prof]), "auto")
        elif isinstance(item, MovePosts):
            self.move(path, item)
        else:
            self.lock(item)

    # supply and head count of (team, profession) in the staff list as it is now
    def _supply(self, team: str, profession: str) -> float:
        """The team's supply now; a specialist pool's staff are not part of it (`optimiser.pools`)."""
        share = practice_share(self.instance, self.params, profession)
        return share * sum(s.fte for s in self.staff if self._in_team(s, team, profession))

    def _heads(self, team: str, profession: str) -> int:
        return sum(1 for s in self.staff if self._in_team(s, team, profession))

    def _teams_with_demand(self, profession: str) -> list[str]:
        return [t.id for t in self.instance.teams if self.demand[t.id, profession] > 0]

    def add(self, path: KeyPath, item: AddPosts) -> None:
        left = _hundredths(item.fte)
        teams = self._teams_with_demand(item.profession) if item.team == "auto" else []
        if item.team == "auto" and not teams:
            self.problems.append(self.scenario.problem((*path, "profession"), "no_demand", value=item.profession))
            return
        # supply per team, kept up to date person by person (recounting the staff each time is quadratic)
        supply = {t: self._supply(t, item.profession) for t in teams}
        share = practice_share(self.instance, self.params, item.profession)
        while left > 0:
            size = min(left, HUNDREDTHS)
            if item.team == "auto":
                # largest relative shortfall; max() keeps the first of equals (team order)
                team = max(teams, key=lambda t: 1 - supply[t] / self.demand[t, item.profession])
                supply[team] += share * size / HUNDREDTHS
            else:
                team = item.team
            sid = self._new_id()
            area = self.instance.team(team).area_id
            self.staff.append(
                Staff(id=sid, profession=item.profession, fte=size / HUNDREDTHS, area_id=area, current_team_id=team)
            )
            self.effects.append(Effect("add", sid, item.profession, team, size / HUNDREDTHS))
            left -= size

    def _new_id(self) -> str:
        if self.taken is None:  # staff ids only grow by the ids given here, so collect them once
            self.taken = {s.id for s in self.staff}
        taken = self.taken
        while NEW_ID.format(self.next_id) in taken:
            self.next_id += 1
        sid = NEW_ID.format(self.next_id)
        taken.add(sid)
        self.next_id += 1
        return sid

    def remove(self, path: KeyPath, profession: str, amount: int, team: str) -> None:
        """Take `amount` hundredths of `profession` away (see the module docstring for the order)."""
        minimum = self.instance.profession(profession).min_per_team
        smallest = _hundredths(self.params.min_post_fte)
        asked, left = amount, amount
        teams = [t.id for t in self.instance.teams] if team == "auto" else [team]
        while left > 0:
            options = self._cut_options(profession, teams, left, minimum, smallest, pools=team != "auto")
            if not options:
                self.problems.append(
                    self.scenario.problem(
                        path,
                        "cannot_remove",
                        fte=asked / HUNDREDTHS,
                        profession=profession,
                        available=(asked - left) / HUNDREDTHS,
                    )
                )
                return
            _, person = max(options, key=lambda o: self._coverage(o[0], profession))
            own = _hundredths(person.fte)
            cut = own if own - left < smallest else left  # a remnant below the smallest post goes whole
            index = self.staff.index(person)
            if cut == own:
                del self.staff[index]
            else:
                self.staff[index] = person.model_copy(update={"fte": (own - cut) / HUNDREDTHS})
            self.effects.append(Effect("remove", person.id, profession, person.current_team_id, cut / HUNDREDTHS))
            left -= cut

    def _cut_options(
        self, profession: str, teams: Sequence[str], left: int, minimum: int, smallest: int, pools: bool
    ) -> list[tuple[str, Staff]]:
        """(team, the person to cut) per team: a whole person who fits in `left` where any team has one (the
        largest, then the last by id); else one who keeps at least `smallest` after the cut; else a whole one."""
        whole: list[tuple[str, Staff]] = []
        part: list[tuple[str, Staff]] = []
        over: list[tuple[str, Staff]] = []
        for t in teams:
            here = [s for s in self.staff if s.current_team_id == t and s.profession == profession]
            people = [s for s in here if (pools or s.id not in self.pooled) and s.locked_team_id is None]
            whole_ok = self._heads(t, profession) - 1 >= minimum
            fits = [s for s in people if _hundredths(s.fte) <= left] if whole_ok else []
            if fits:
                whole.append((t, max(fits, key=lambda s: (_hundredths(s.fte), s.id))))
            keeps = [s for s in people if _hundredths(s.fte) - left >= smallest]
            if keeps:
                part.append((t, max(keeps, key=lambda s: s.id)))
            if whole_ok and people:
                over.append((t, min(people, key=lambda s: (_hundredths(s.fte), s.id))))
        return whole or part or over

    def _coverage(self, team: str, profession: str) -> float:
        demand = self.demand[team, profession]
        return self._supply(team, profession) / demand if demand > 0 else float("inf")

    def move(self, path: KeyPath, item: MovePosts) -> None:
        if item.staff is not None:
            chosen = [s for s in self.staff if s.id in set(item.staff)]
        else:
            assert item.profession is not None and item.fte is not None and item.from_team is not None
            pool = sorted(
                (
                    s
                    for s in self.staff
                    if s.current_team_id == item.from_team
                    and s.profession == item.profession
                    and s.locked_team_id is None
                ),
                key=lambda s: s.id,
            )
            chosen, moved = [], 0
            for s in pool:
                if moved >= _hundredths(item.fte):
                    break
                chosen.append(s)
                moved += _hundredths(s.fte)
            if moved < _hundredths(item.fte):
                self.problems.append(
                    self.scenario.problem(
                        path,
                        "cannot_move",
                        fte=item.fte,
                        profession=item.profession,
                        team=item.from_team,
                        available=moved / HUNDREDTHS,
                    )
                )
                return
        to = self.instance.team(item.to_team)
        for s in chosen:
            lock = to.id if s.locked_team_id is not None else None
            index = self.staff.index(s)
            self.staff[index] = s.model_copy(
                update={"current_team_id": to.id, "area_id": to.area_id, "locked_team_id": lock}
            )
            self.effects.append(Effect("move", s.id, s.profession, to.id, s.fte, s.current_team_id))

    def lock(self, item: Lock) -> None:
        for index, s in enumerate(self.staff):
            if s.id in item.staff:
                team = item.team or s.current_team_id
                self.staff[index] = s.model_copy(update={"locked_team_id": team})
                self.effects.append(Effect("lock", s.id, s.profession, team, s.fte))
