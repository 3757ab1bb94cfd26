"""The results page's hand edits in the session: the edits of the shown plan, the edited plan (evaluated by
`scenarios.plan_edits`, no solve), their words, and what a re-solve that could not keep them says.

The edits belong to one shown plan: they are kept with that plan's result, so another plan starts with none.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.web import state
from optimiser.explain import CLASHING_RULE, render
from optimiser.i18n import N_, text
from optimiser.names import Names
from optimiser.problems import Lang
from optimiser.results import Reason, SolveResult
from scenarios.plan_edits import CLASH_TOGETHER, EDIT_BREAKS, Contact, Edit, Edited, Lock, Move, apply_edits, clashes

EDITS = "plan_edits"
EDITED = "plan_edited"
RESOLVE = "plan_resolve"
CLASH = "plan_clash"
MOVE = N_("Move {person} to {team}")
LOCK = N_("Lock {person} to {team}")
UNLOCK = N_("Unlock {person}")
CONTACT = N_("{person} as contact for {institution} ({profession})")
KEPT = N_("The solve with your edits found no plan, so the previous plan is kept on screen with your edits.")


def edits(run: state.ShownRun) -> tuple[Edit, ...]:
    """The hand edits of the shown plan (none for another plan)."""
    kept = state.get_object(EDITS)
    if isinstance(kept, tuple) and len(kept) == 2 and kept[0] is run.result:
        return tuple(kept[1])
    return ()


def set_edits(run: state.ShownRun, new: tuple[Edit, ...]) -> None:
    state.set_object(EDITS, (run.result, new) if new else None)
    state.set_object(CLASH, None)  # a new edit: the old clash no longer describes the screen


def edited(run: state.ShownRun) -> Edited | None:
    """The shown plan with its edits applied (kept while the edits stay the same); None without edits."""
    chosen = edits(run)
    if not chosen:
        return None
    kept = state.get_object(EDITED)
    if isinstance(kept, tuple) and kept[0] is run.result and kept[1] == chosen:
        return kept[2]  # type: ignore[no-any-return]
    instance = run.instance
    made = apply_edits(instance, instance.parameters, run.structure, run.result, chosen)
    state.set_object(EDITED, (run.result, chosen, made))
    return made


def describe(edit: Edit, names: Names, lang: Lang) -> str:
    """One edit in the planner's words: "Flyt Anna Hansen til Team Amager Øst"."""
    if isinstance(edit, Contact):
        return text(
            CONTACT,
            lang,
            person=names.person(edit.staff_id),
            institution=names.institution(edit.institution_id),
            profession=names.profession(edit.profession),
        )
    person = names.person(edit.staff_id)
    if isinstance(edit, Lock):
        if edit.team_id is None:
            return text(UNLOCK, lang, person=person)
        return text(LOCK, lang, person=person, team=names.team(edit.team_id))
    return text(MOVE, lang, person=person, team=names.team(edit.team_id))


def broken_lines(made: Edited, lang: Lang) -> list[str]:
    return render(made.broken, lang)


@dataclass(frozen=True)
class Resolve:
    """A solve started by "optimise the rest": the plan and the edits it started from."""

    job: object
    previous: state.ShownRun
    edits: tuple[Edit, ...]


def clash_lines(resolve: Resolve, failed: SolveResult, lang: Lang) -> list[str]:
    """Why the solve with the edits found no plan: which edit breaks which rule (the rules the solve named
    first), else which rules the edits together cannot meet."""
    run = resolve.previous
    named = [str(r.args.get("rule")) for r in failed.explanation if r.code == CLASHING_RULE]
    pairs = clashes(run.instance, run.instance.parameters, run.structure, run.result, resolve.edits, named)
    names = Names.of(run.instance)
    if pairs:
        reasons = [Reason(code=EDIT_BREAKS, args={"edit": describe(e, names, lang), "rule": r}) for e, r in pairs]
    else:
        rules = [Reason(code="{rule}", args={"rule": r}) for r in named]
        reasons = [Reason(code=CLASH_TOGETHER, args={"rules": rules})]
    return [text(KEPT, lang), *render(reasons, lang)]


def move_or_lock(staff_id: str, team_id: str | None, lock: bool) -> Edit:
    return Lock(staff_id, team_id) if lock or team_id is None else Move(staff_id, team_id)
