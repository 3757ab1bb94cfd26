"""One cell's value: the forms a Danish workbook takes, read to domain values and written back."""

from __future__ import annotations

import datetime as dt

import pytest

from optimiser.io.cells import (
    CellError,
    Unreadable,
    check_bounds,
    is_blank,
    number,
    parse,
    preview,
    shown,
    text_of,
    to_cell,
)
from optimiser.io.columns import Kind

TYPES = (("skole", "school"), ("dagtilbud", "daycare"), ("fritid", "leisure"))


def refusal(kind: Kind, value: object, choices: tuple[tuple[str, str], ...] = ()) -> tuple[str, dict[str, object]]:
    with pytest.raises(CellError) as caught:
        parse(kind, value, choices)
    return caught.value.code, caught.value.details


@pytest.mark.parametrize(
    ("kind", "typed", "read"),
    [
        (Kind.FTE, "0,8", 0.8),
        (Kind.NUMBER, "1.234,5", 1234.5),  # Danish: the later separator is the decimal one
        (Kind.NUMBER, "1,234.5", 1234.5),  # English
        (Kind.NUMBER, "1.234.567", 1234567.0),  # two dots can only be thousands
        (Kind.NUMBER, "1.234", 1.234),  # one dot in a number with fractions: a decimal point
        (Kind.INT, "1.234", 1234),  # ... but a count has no fractions: thousands
        (Kind.MONEY, "6.400.000 kr.", 6_400_000.0),
        (Kind.MONEY, "1.500 DKK", 1500.0),
        (Kind.SHARE, "80 %", 0.8),
        (Kind.NUMBER, "\u22123,5", -3.5),  # a typographic minus
        (Kind.NUMBER, " 1 234 ", 1234.0),  # spaces inside a number
        (Kind.INT, 12.0, 12),
        (Kind.FTE, 1, 1.0),
    ],
)
def test_numbers_in_the_forms_planners_type(kind: Kind, typed: object, read: object) -> None:
    assert parse(kind, typed) == read


@pytest.mark.parametrize(
    ("kind", "typed", "expected"),
    [
        (Kind.INT, "2,5", "integer"),
        (Kind.INT, 2.5, "integer"),
        (Kind.NUMBER, "otte", "number"),
        (Kind.FTE, True, "number"),  # a yes/no cell is not a number
        (Kind.MONEY, "80 %", "number"),  # a percentage is no amount of money
        (Kind.BOOL, "måske", "yes_no"),
    ],
)
def test_a_value_of_the_wrong_type_names_what_was_expected(kind: Kind, typed: object, expected: str) -> None:
    assert refusal(kind, typed) == ("wrong_type", {"value": shown(typed), "expected": expected})


def test_cells_excel_could_not_compute_are_refused_with_their_error() -> None:
    assert refusal(Kind.NUMBER, " #DIV/0! ") == ("formula_error", {"value": "#DIV/0!"})
    assert refusal(Kind.NUMBER, float("nan")) == ("not_finite", {"value": "nan"})
    assert refusal(Kind.NUMBER, float("-inf")) == ("not_finite", {"value": "-inf"})
    assert refusal(Kind.INT, 10**400) == ("not_finite", {"value": "1" + "0" * 38 + "…"})
    assert refusal(Kind.TEXT, Unreadable("unreadable_cell", "12abc")) == ("unreadable_cell", {"value": "12abc"})


def test_yes_and_no_in_danish_and_english() -> None:
    assert [parse(Kind.BOOL, v) for v in ("ja", "J", "x", "sand", 1, True)] == [True] * 6
    assert [parse(Kind.BOOL, v) for v in ("nej", "N", "falsk", "no", 0, False)] == [False] * 6


def test_choices_are_read_by_their_danish_word_whatever_the_case() -> None:
    assert parse(Kind.CHOICE, "Skole", TYPES) == "school"
    assert parse(Kind.CHOICES, "skole; FRITID,", TYPES) == frozenset({"school", "leisure"})
    assert refusal(Kind.CHOICE, "gymnasium", TYPES) == (
        "invalid_choice",
        {"value": "gymnasium", "choices": ["skole", "dagtilbud", "fritid"]},
    )
    assert parse(Kind.NAMES, "b, a ;a") == frozenset({"a", "b"})


def test_ids_that_excel_turned_into_numbers_or_dates_read_back_as_typed() -> None:
    assert parse(Kind.ID, 123.0) == "123"
    assert text_of(1e20) == "1e+20"  # beyond 1e15 the digits would be invented
    assert text_of(dt.datetime(2026, 1, 2)) == "2026-01-02"
    assert text_of(dt.datetime(2026, 1, 2, 8, 30)) == "2026-01-02 08:30:00"
    assert text_of("  T1 ") == "T1"


def test_number_accepts_only_numbers_and_text() -> None:
    with pytest.raises(CellError):
        number(dt.date(2026, 1, 1), Kind.NUMBER)
    assert number(7, Kind.INT) == 7.0


def test_a_message_quotes_at_most_forty_characters() -> None:
    assert preview("x" * 40) == "x" * 40
    assert preview("x" * 41) == "x" * 39 + "…"
    assert shown(2.0) == "2" and shown("  a  ") == "a"
    assert is_blank(None) and is_blank(" \t") and not is_blank(0) and not is_blank("0")


def test_bounds_refuse_implausible_numbers_only() -> None:
    check_bounds(5, 0, 10)
    check_bounds(True, 2, 3)  # a yes/no is not compared
    check_bounds("many", 0, 1)  # text is refused elsewhere
    check_bounds(1e9, 0, None)
    with pytest.raises(CellError) as caught:
        check_bounds(11, 0, 10)
    assert (caught.value.code, caught.value.details) == ("implausible_value", {"value": "11", "low": 0, "high": 10})


def test_the_writer_puts_danish_words_and_sorted_names_in_cells() -> None:
    assert to_cell(Kind.BOOL, True) == "ja" and to_cell(Kind.BOOL, False) == "nej"
    assert to_cell(Kind.CHOICE, "daycare", TYPES) == "dagtilbud"
    assert to_cell(Kind.CHOICES, frozenset({"leisure", "school"}), TYPES) == "skole, fritid"  # in the list's order
    assert to_cell(Kind.NAMES, frozenset({"b", "a"})) == "a, b"
    assert to_cell(Kind.ID, 12) == "12" and to_cell(Kind.FTE, 0.5) == 0.5 and to_cell(Kind.TEXT, None) is None


@pytest.mark.parametrize(
    ("kind", "value", "choices"),
    [
        (Kind.BOOL, True, ()),
        (Kind.CHOICE, "leisure", TYPES),
        (Kind.CHOICES, frozenset({"school", "daycare"}), TYPES),
        (Kind.NAMES, frozenset({"tale", "psykolog"}), ()),
        (Kind.MONEY, 580_500.5, ()),
    ],
)
def test_what_is_written_reads_back(kind: Kind, value: object, choices: tuple[tuple[str, str], ...]) -> None:
    assert parse(kind, to_cell(kind, value, choices), choices) == value
