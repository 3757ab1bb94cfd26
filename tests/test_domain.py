"""The instance's cached lookups and derived results follow its fields, also in a changed copy."""

from __future__ import annotations

from instances import town as base

from optimiser.need import institution_needs


def test_a_changed_copy_does_not_inherit_stale_lookups() -> None:
    instance = base()
    institution_needs(instance)  # fills the memo
    psy = instance.professions[0].model_copy(update={"need_blend": 0.25, "practice_share": 0.5})
    changed = instance.model_copy(update={"professions": (psy,)})
    assert changed.profession("psy").need_blend == 0.25
    assert changed.profession("psy").practice_share == 0.5
    assert instance.profession("psy").practice_share == 0.8


def test_needs_are_computed_once_per_instance_and_question() -> None:
    instance = base()
    first = institution_needs(instance)
    assert institution_needs(instance) == first
    assert institution_needs(instance) is not first  # a copy: callers may not change the memo
    moved = instance.model_copy(
        update={"institutions": tuple(i.model_copy(update={"children": 1}) for i in instance.institutions)}
    )
    assert [r.base_children for r in institution_needs(moved)] == [1, 1]
