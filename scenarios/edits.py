"""Need edits: the Behov page's changes to the need model (floor, blend and indicator weights per profession), as
data that can be stored with a run and applied again to the same workbook.

They are applied to the book before any scenario, as the planner sees them: the scenario's own need settings
(`need:` in its file) then win where both set the same value.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field

from optimiser.domain import Instance, NeedWeight

NeedEdits = tuple["NeedEdit", ...]


class NeedEdit(BaseModel):
    """One profession's need settings where they differ from the book's (None / absent: the book's value)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    profession: str
    floor: float | None = Field(default=None, ge=0)
    blend: float | None = Field(default=None, ge=0, le=1)
    weights: dict[str, float] = Field(default_factory=dict)  # indicator -> weight


def need_edits(base: Instance, edited: Instance) -> NeedEdits:
    """The edits that turn `base` into `edited` (same professions and indicators), professions in book order."""
    old_weights = {(w.profession, w.indicator): w.weight for w in base.need_weights}
    edits = []
    for old, new in zip(base.professions, edited.professions, strict=True):
        weights = {
            w.indicator: w.weight
            for w in edited.need_weights
            if w.profession == new.id and old_weights.get((w.profession, w.indicator)) != w.weight
        }
        edit = NeedEdit(
            profession=new.id,
            floor=new.need_floor if new.need_floor != old.need_floor else None,
            blend=new.need_blend if new.need_blend != old.need_blend else None,
            weights=weights,
        )
        if edit != NeedEdit(profession=new.id):
            edits.append(edit)
    return tuple(edits)


def apply_need_edits(instance: Instance, edits: Sequence[NeedEdit]) -> Instance:
    """`instance` with the edits applied (the same instance when there are none). ValueError for two edits of
    one profession, or an edit that names a profession or an indicator weight the book does not have."""
    if not edits:
        return instance
    by_profession = {e.profession: e for e in edits}
    if len(by_profession) < len(edits):
        raise ValueError("need edits name one profession twice: one edit per profession")
    unknown = sorted(set(by_profession) - {p.id for p in instance.professions})
    weighted = {(w.profession, w.indicator) for w in instance.need_weights}
    unknown += sorted(f"{e.profession}/{k}" for e in edits for k in e.weights if (e.profession, k) not in weighted)
    if unknown:
        raise ValueError(f"need edits name what the book does not have: {', '.join(unknown)}")
    professions = tuple(
        p.model_copy(
            update={
                "need_floor": _or(by_profession[p.id].floor, p.need_floor),
                "need_blend": _or(by_profession[p.id].blend, p.need_blend),
            }
        )
        if p.id in by_profession
        else p
        for p in instance.professions
    )
    weights = tuple(
        NeedWeight(
            profession=w.profession,
            indicator=w.indicator,
            weight=by_profession[w.profession].weights.get(w.indicator, w.weight),
        )
        if w.profession in by_profession
        else w
        for w in instance.need_weights
    )
    return instance.model_copy(update={"professions": professions, "need_weights": weights})


def _or(value: float | None, default: float) -> float:
    return default if value is None else value
