"""Hand edits of a solved plan: move a person, lock a person, name another contact — evaluated at once, no solve.

An edit changes the plan's decisions only; what the plan then gives is worked out by the one evaluator
(`optimiser.evaluate`), the institutions' shares and contacts by `optimiser.contacts.allocate` (the previous
plan's contacts kept where they still fit, as after a solve), and the rules the edited plan breaks by the
independent checker (`optimiser.check.verify`), reported as `Reason` records that name the rule (its title
when shown, `optimiser.explain.render`).

"Optimise the rest" solves again with the edits as locks (`locks`): everyone the edits placed stays where
they were put. A contact cannot be a lock (the solver places people, not contacts), so contact edits are
applied again to the new plan (`reapply_contacts`). When that solve finds no plan, `clashes` says which edit
breaks which rule on its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from optimiser.check import verify
from optimiser.contacts import allocate
from optimiser.domain import Instance, Parameters
from optimiser.evaluate import evaluate
from optimiser.i18n import N_
from optimiser.model.rules import RULES
from optimiser.results import Assignment, Coverage, InstitutionAllocation, Plan, Reason, SolveResult

Cell = tuple[str, str]  # (team id, profession)

BREAKS = N_("The plan breaks the rule: {rule}.")
EDIT_BREAKS = N_("{edit} breaks the rule: {rule}.")
CLASH_TOGETHER = N_("The edits together cannot be met: {rules}.")


@dataclass(frozen=True)
class Move:
    """Put a staff member in another team (not locked: "optimise the rest" keeps them there all the same)."""

    staff_id: str
    team_id: str


@dataclass(frozen=True)
class Lock:
    """Lock a staff member to a team (None: unlock); they are put there at once."""

    staff_id: str
    team_id: str | None


@dataclass(frozen=True)
class Contact:
    """Name another primary contact for one institution and profession."""

    institution_id: str
    profession: str
    staff_id: str


Edit = Move | Lock | Contact


@dataclass(frozen=True)
class Edited:
    """A plan after hand edits: the instance with the locks set, the re-evaluated result (status "feasible":
    nothing was solved; no stages, equity levels or model values, which belong to a solve), the rules it
    breaks (rule ids, and as reasons) and the team x profession cells whose supply changed."""

    instance: Instance
    result: SolveResult
    broken_rules: tuple[str, ...]
    broken: tuple[Reason, ...]
    changed_cells: tuple[Cell, ...]


def allowed_teams(instance: Instance, params: Parameters, staff_id: str) -> list[str]:
    """The teams a staff member may be put in: the run's teams (the instance as solved: its structure's),
    in their own area when the area boundary is on."""
    member = next(s for s in instance.staff if s.id == staff_id)
    bounded = "area-boundary" in params.enabled_rules()
    return [t.id for t in instance.teams if not bounded or t.area_id == member.area_id]


def contact_candidates(instance: Instance, result: SolveResult, institution_id: str, profession: str) -> list[str]:
    """The staff who can be an institution's contact in `result`: its team's staff of the profession."""
    team = next((a.team_id for a in result.institutions if a.institution_id == institution_id), None)
    team_of = {a.staff_id: a.team_id for a in result.assignments}
    return [s.id for s in instance.staff if s.profession == profession and team_of.get(s.id) == team]


def apply_edits(
    instance: Instance,
    params: Parameters,
    structure: Mapping[str, str] | None,
    result: SolveResult,
    edits: Sequence[Edit],
) -> Edited:
    """`result`'s plan with `edits` applied in order, evaluated and checked. ValueError for an edit that names
    a staff member, team or institution the run does not have."""
    staff = {s.id: s for s in instance.staff}
    teams = {t.id for t in instance.teams}
    team_of = {a.staff_id: a.team_id for a in result.assignments}
    locks: dict[str, str | None] = {}
    contacts: dict[tuple[str, str], str] = {}
    for edit in edits:
        if isinstance(edit, Contact):
            contacts[edit.institution_id, edit.profession] = _known(edit.staff_id, staff, "staff member")
            continue
        _known(edit.staff_id, staff, "staff member")
        if edit.team_id is not None:
            team_of[edit.staff_id] = _known(edit.team_id, teams, "team")
        if isinstance(edit, Lock):
            locks[edit.staff_id] = edit.team_id
    if locks:
        instance = instance.model_copy(
            update={
                "staff": tuple(
                    s.model_copy(update={"locked_team_id": locks[s.id]}) if s.id in locks else s for s in instance.staff
                )
            }
        )
    new_fte: dict[Cell, float] = defaultdict(float)
    for post in result.new_posts:
        new_fte[post.team_id, post.profession] += post.fte
    previous = {(a.institution_id, a.profession): a.contact_staff_id for a in result.institutions}
    institutions = allocate(instance, params, team_of, new_fte, structure, {**previous, **contacts})
    institutions = [_with_contact(a, contacts) for a in institutions]
    plan = Plan(
        assignments=tuple(
            Assignment(
                staff_id=s.id,
                team_id=team_of[s.id],
                fte=s.fte,
                current_team_id=s.current_team_id,
                moved=team_of[s.id] != s.current_team_id,
                locked=s.locked_team_id is not None,
            )
            for s in instance.staff
        ),
        new_posts=result.new_posts,
        institutions=tuple(institutions),
    )
    evaluation = evaluate(instance, params, plan, structure)
    edited = result.model_copy(
        update={
            "status": "feasible",
            "stages": (),
            "kpis": evaluation.kpis,
            "assignments": plan.assignments,
            "coverage": evaluation.coverage,
            "institutions": plan.institutions,
            "explanation": (),
            "gap": None,
            "equity_levels": (),
            "model": None,
        }
    )
    rules = broken_rules(instance, params, structure, edited)
    return Edited(
        instance,
        edited,
        rules,
        tuple(Reason(code=BREAKS, args={"rule": r}) for r in rules),
        changed_cells(result.coverage, evaluation.coverage),
    )


def _known(value: str, known: Mapping[str, object] | set[str], kind: str) -> str:
    if value not in known:
        raise ValueError(f"the edit names a {kind} the run does not have: {value}")
    return value


def _with_contact(a: InstitutionAllocation, contacts: Mapping[tuple[str, str], str]) -> InstitutionAllocation:
    """The allocation with the planner's contact where they named one (kept even where it breaks a rule:
    the checker then says so)."""
    chosen = contacts.get((a.institution_id, a.profession))
    return a if chosen is None else a.model_copy(update={"contact_staff_id": chosen})


def broken_rules(
    instance: Instance, params: Parameters, structure: Mapping[str, str] | None, result: SolveResult
) -> tuple[str, ...]:
    """The rules (ids, in rule order) the checker finds broken in `result`'s plan."""
    problems = verify(instance, result, params, structure)
    hit = {p.split(":", 1)[0] for p in problems}
    return tuple(name for name in RULES if name in hit)


def changed_cells(before: Sequence[Coverage], after: Sequence[Coverage]) -> tuple[Cell, ...]:
    """The team x profession cells whose supply differs, in the order of `after`."""
    old = {(c.team_id, c.profession): c.supply_fte for c in before}
    return tuple(
        (c.team_id, c.profession) for c in after if abs(old.get((c.team_id, c.profession), 0.0) - c.supply_fte) > 1e-9
    )


def locks(previous: SolveResult, edited: Edited) -> tuple[tuple[str, str | None], ...]:
    """The locks that keep the edits in a new solve: everyone placed elsewhere than in `previous`, and every
    lock or unlock the edits made (staff in book order)."""
    before = {a.staff_id: a for a in previous.assignments}
    out: list[tuple[str, str | None]] = []
    for a in edited.result.assignments:
        member_lock = next(s.locked_team_id for s in edited.instance.staff if s.id == a.staff_id)
        if a.team_id != before[a.staff_id].team_id:
            out.append((a.staff_id, a.team_id))
        elif a.locked != before[a.staff_id].locked:
            out.append((a.staff_id, member_lock))
    return tuple(out)


def reapply_contacts(
    instance: Instance,
    params: Parameters,
    structure: Mapping[str, str] | None,
    result: SolveResult,
    edits: Sequence[Edit],
) -> Edited | None:
    """A new solve's plan with the contact edits applied again; None when there are none."""
    named = [e for e in edits if isinstance(e, Contact)]
    return apply_edits(instance, params, structure, result, named) if named else None


def clashes(
    instance: Instance,
    params: Parameters,
    structure: Mapping[str, str] | None,
    result: SolveResult,
    edits: Sequence[Edit],
    unsolvable: Sequence[str] = (),
) -> list[tuple[Edit, str]]:
    """Which edit breaks which rule on its own (each applied alone to `result`'s plan): (edit, rule id) pairs,
    edits in order. `unsolvable`: the rules the failed solve named (`optimiser.explain.clashing_rules`);
    when given, only those are reported where any edit breaks one."""
    pairs = [
        (edit, rule) for edit in edits for rule in apply_edits(instance, params, structure, result, [edit]).broken_rules
    ]
    named = [p for p in pairs if p[1] in unsolvable]
    return named or pairs
