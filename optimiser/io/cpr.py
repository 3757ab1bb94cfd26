"""Danish personal id numbers (CPR) must never be in an uploaded workbook.

A CPR number is DDMMYY-SSSS (the dash is optional). The first serial digit gives the century of the
birth year, so the date can be checked exactly, leap years included. The modulus-11 check is not used:
numbers issued since 2007 need not satisfy it.
"""

from __future__ import annotations

import datetime as dt
import re

# Ten digits, optionally DDMMYY-SSSS, not part of a longer run of digits.
_PATTERN = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})-?(\d)\d{3}(?!\d)")
MASK = "******-****"


def _century(year: int, serial_digit: int) -> int:
    """The century of a two-digit birth year, from the first serial digit (CPR rules)."""
    if serial_digit <= 3:
        return 1900
    if serial_digit in (4, 9):
        return 2000 if year <= 36 else 1900
    return 2000 if year <= 57 else 1800  # serial digits 5-8


def _is_cpr(match: re.Match[str]) -> bool:
    day, month, year, serial = (int(g) for g in match.groups())
    try:
        dt.date(_century(year, serial) + year, month, day)
    except ValueError:
        return False
    return True


def contains_cpr(value: object) -> bool:
    """Whether a cell value looks like (or contains) a CPR number.

    Numbers count too: typed into Excel, 0101801234 becomes the number 101801234 (leading zero lost).
    """
    if isinstance(value, bool):
        return False
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        text = str(value)
        return len(text) in (9, 10) and contains_cpr(text.zfill(10))
    if isinstance(value, str):
        return any(_is_cpr(m) for m in _PATTERN.finditer(value))
    return False


def mask_cpr(text: str) -> str:
    """`text` with every CPR-like number replaced, so messages never repeat one."""
    return _PATTERN.sub(lambda m: MASK if _is_cpr(m) else m.group(0), text)
