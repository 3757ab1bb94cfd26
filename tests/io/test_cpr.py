"""CPR numbers: exact dates (leap years by century), numbers that lost their leading zero, masking."""

from __future__ import annotations

import pytest

from optimiser.io.cpr import MASK, contains_cpr, mask_cpr


@pytest.mark.parametrize(
    "value",
    [
        "010180-1234",
        "0101801234",
        "Se 311299-0001 i sagen",
        "290296-1234",  # 1996 is a leap year
        "290200-4234",  # serial 4, year 00 -> 2000, a leap year
        "290200-5234",  # serial 5, year 00 -> 2000
        "010158-5234",  # serial 5, year 58 -> 1858
        101801234,  # 0101801234 as a number
        1012801234,
        1012801234.0,
    ],
)
def test_cpr_numbers(value: object) -> None:
    assert contains_cpr(value)


@pytest.mark.parametrize(
    "value",
    [
        "290200-1234",  # serial 1 -> 1900, not a leap year
        "290297-1234",  # 1997 is not a leap year
        "310480-1234",  # 31 April
        "001280-1234",  # day 0
        "011380-1234",  # month 13
        "010180-12345",  # eleven digits
        "12010180-1234",  # part of a longer number
        "010180 1234",  # a space is not the CPR form
        "M0001",
        "2025-01-01",
        12345678,
        1.5,
        True,
        None,
    ],
)
def test_not_cpr_numbers(value: object) -> None:
    assert not contains_cpr(value)


def test_mask_hides_only_cpr_numbers() -> None:
    assert mask_cpr("id 010180-1234 og 310480-1234") == f"id {MASK} og 310480-1234"
