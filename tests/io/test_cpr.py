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
        "010180 1234",  # disguised: separators, dashes, Unicode digits and spaces, invisible characters
        "01 01 80 12 34",
        "01.01.80-1234",
        "01-01-80-1234",
        "010180\u20131234",  # en dash
        "010180\u20141234",  # em dash
        "010180/1234",
        "\uff10\uff11\uff10\uff11\uff18\uff10\uff11\uff12\uff13\uff14",  # full-width digits
        "010180\u00a01234",  # no-break space
        "010180\u200b1234",  # zero-width space
        "01\u200b01\u200b80\u200b1234",
        "010203-1234 020304-2345",
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
        "01.01.25-31.12.25",  # a period: twelve digits, no CPR number standing apart
        "01.01.25 - 31.12.25",
        "01-08-2025 12:00",  # a date and an hour
        "1234-010180",
        "0101-801234",  # not a CPR layout: the date cut inside
        "6.400.000",
        "1 234 567 890",  # an amount with spaces: 12/34 is no date
        "0,85",
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
    assert mask_cpr("01 01 80 12 34 / 010203-1234 020304-2345") == f"{MASK} / {MASK} {MASK}"
