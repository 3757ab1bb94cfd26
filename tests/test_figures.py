"""The one catalogue of figures: every key figure once, found by either of its names, shown the reader's way."""

from __future__ import annotations

import dataclasses

import pytest

from optimiser.comparison import KpiRow
from optimiser.figures import COMPARISON, KPIS, Unit, as_text, figure
from optimiser.results import Kpis


def test_every_kpi_has_one_figure_in_model_order() -> None:
    lists = {"statutory_short"}  # the cells where statutory work is short: a list beside its figure, not one
    assert [f.field for f in KPIS] == [name for name in Kpis.model_fields if name not in lists]


def test_every_figure_of_a_comparison_row_is_in_the_catalogue() -> None:
    words = {"scenario", "title", "status", "structure"}  # words, not figures
    fields = {f.name for f in dataclasses.fields(KpiRow)} - words
    assert {figure(name).row for name in fields} == fields


def test_a_figure_is_found_by_its_kpi_field_and_by_its_row_field() -> None:
    assert figure("max_shortfall") is figure("max_relative_shortfall")
    assert figure("team_min_fte").field == "team_size_min_fte"
    assert figure("cost_delta_dkk") in COMPARISON
    with pytest.raises(KeyError):
        figure("no_such_figure")


def test_labels_in_danish_and_english() -> None:
    cost = figure("cost_dkk")
    assert (cost.title("da"), cost.title("en")) == ("Omkostning (kr. pr. år)", "Cost (DKK a year)")
    assert cost.short_title("da") == "Omkostning (kr.)"
    assert figure("total_shortfall_fte").short_title("da") == "Samlet underdækning (årsværk)"  # no short label


@pytest.mark.parametrize(
    ("value", "unit", "lang", "expected"),
    [
        (0.25, Unit.SHARE, "da", "25,0 %"),
        (0.25, Unit.SHARE, "en", "25.0%"),
        (6_400_000, Unit.MONEY, "da", "6.400.000 kr."),
        (12.5, Unit.FTE, "da", "12,50"),
        (1.6, Unit.CHANGE, "da", "+1,60"),
        (-0.8, Unit.CHANGE, "da", "-0,80"),
        (1234, Unit.COUNT, "da", "1.234"),
        (None, Unit.FTE, "da", "–"),
    ],
)
def test_as_text(value: float | None, unit: Unit, lang: str, expected: str) -> None:
    assert as_text(value, unit, lang) == expected  # type: ignore[arg-type]
    if value is not None and unit is Unit.SHARE and lang == "da":
        assert figure("max_shortfall").show(value, "da") == expected
