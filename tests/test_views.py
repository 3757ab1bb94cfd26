"""The app's tables: display names for the planner, ids kept beside them for filtering."""

from __future__ import annotations

from instances import tiny as make_tiny_instance

from optimiser import views
from optimiser.domain import Indicator


def test_demand_frame_names_professions_and_keeps_their_ids() -> None:
    instance = make_tiny_instance()  # professions psykolog and tale, without names in the book
    frame = views.demand_frame(instance)
    assert list(dict.fromkeys(frame["profession"])) == ["Psykolog", "Tale"]
    assert list(dict.fromkeys(frame["profession_id"])) == ["psykolog", "tale"]
    assert list(dict.fromkeys(frame["team"])) == ["Nord 1", "Nord 2", "Syd"]


def test_indicator_frame_shows_the_indicators_names() -> None:
    tiny = make_tiny_instance()
    instance = tiny.model_copy(update={"indicators": (Indicator(id="risiko", name="Elever i særlig risiko"),)})
    frame = views.indicator_frame(instance, "I1", "psykolog")
    assert list(frame["indicator"]) == ["Elever i særlig risiko", "Sager"]
    assert list(frame["weight"]) == [0.6, 0.3]
