"""Numbers typed as a Danish planner writes them are read right, and what cannot be read is refused with words
that say why, never read as another number."""

from __future__ import annotations

import pytest

from app.web.danish_numbers import Kind, Refused, read, show

FLOOR = Kind(0.0, 5.0, decimals=2, min_decimals=1)
MONEY = Kind(0, 1_000_000_000, whole=True)
SHARE = Kind(0.0, 0.5, decimals=1, percent=True)


@pytest.mark.parametrize(
    ("typed", "kind", "value"),
    [
        ("0,9", FLOOR, 0.9),
        ("1", FLOOR, 1.0),
        (" 0,85 ", FLOOR, 0.85),
        ("6.400.000", MONEY, 6_400_000),
        ("6400000", MONEY, 6_400_000),
        ("6 400 000", MONEY, 6_400_000),
        ("6\u00a0400\u00a0000", MONEY, 6_400_000),  # no-break spaces, as Babel and Excel write them
        ("6.400.000 kr.", MONEY, 6_400_000),
        ("25 %", SHARE, 0.25),
        ("25%", SHARE, 0.25),
        ("25", SHARE, 0.25),
        ("2,5 %", SHARE, 0.025),
        ("90 %", FLOOR, 0.9),  # a share written as 0,9 may be typed in per cent
    ],
)
def test_danish_numbers_are_read_right(typed: str, kind: Kind, value: float) -> None:
    assert read(typed, kind, "da") == value


def test_a_negative_number_with_either_minus() -> None:
    fte = Kind(-10.0, 10.0)
    assert read("-1,5", fte) == -1.5
    assert read("\u22121,5", fte) == -1.5  # the typographic minus a word processor puts in


def refusal(typed: str, kind: Kind) -> str:
    got = read(typed, kind, "da")
    assert isinstance(got, Refused), got
    return got.text("da")


def test_what_is_not_a_number_is_refused_in_danish() -> None:
    assert refusal("abc", FLOOR) == (
        "»abc« er ikke et tal. Skriv decimaler med komma og tusinder med punktum: 0,9 · 6.400.000."
    )
    assert refusal("", FLOOR) == "Skriv et tal."


def test_an_english_decimal_point_is_refused_not_read_as_thousands() -> None:
    """Babel, not strict, reads "0.9" in Danish as 9: refused, with the likely meaning suggested."""
    assert refusal("0.9", FLOOR) == "»0.9« kan ikke læses som et tal. Mente du 0,9?"
    assert refusal("1.5", FLOOR) == "»1.5« kan ikke læses som et tal. Mente du 1,5?"


def test_a_fraction_in_a_whole_field_and_a_value_out_of_range_are_refused() -> None:
    assert refusal("2,5", MONEY) == "»2,5« er ikke et helt tal."
    assert refusal("7", FLOOR) == "7 er uden for det tilladte: skriv et tal fra 0,0 til 5,0."
    assert refusal("60 %", SHARE) == "60 % er uden for det tilladte: skriv et tal fra 0 % til 50 %."


def test_english_numbers_in_english() -> None:
    assert read("0.9", FLOOR, "en") == 0.9
    assert read("6,400,000", MONEY, "en") == 6_400_000
    assert isinstance(read("0,9", FLOOR, "en"), Refused)


def test_values_are_shown_as_a_danish_reader_writes_them() -> None:
    assert [show(v, FLOOR) for v in (0.9, 1.0, 0.85, 0.125)] == ["0,9", "1,0", "0,85", "0,12"]
    assert show(6_400_000, MONEY) == "6.400.000"
    assert show(0.25, SHARE) == "25 %"
    assert show(0.025, SHARE) == "2,5 %"
    assert show(0.25, SHARE, "en") == "25%"
    assert show(6_400_000, MONEY, "en") == "6,400,000"


@pytest.mark.parametrize("value", [0.0, 0.5, 0.9, 1.25, 4.75])
def test_what_is_shown_reads_back_as_the_value(value: float) -> None:
    assert read(show(value, FLOOR), FLOOR) == value
