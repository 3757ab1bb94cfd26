"""Danish personal id numbers (CPR) must never be in an uploaded workbook.

A CPR number is DDMMYY-SSSS; people write it with a space, dots, dashes or no separator at all, and text
pasted from elsewhere brings full-width digits, no-break and zero-width spaces. All of these are found.
The first serial digit gives the century of the birth year, so the date can be checked exactly, leap years
included. The modulus-11 check is not used:
numbers issued since 2007 need not satisfy it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

# Characters that may stand between the digits of a CPR number as people (and copy-paste) write it: spaces of
# every width (\s covers no-break and ideographic ones), dots, slashes, hyphens and dashes (also full-width),
# and the invisible ones (soft hyphen, zero-width space and joiners, word joiner, BOM). \d matches full-width
# and other Unicode digits too, and int() reads them.
_SEPARATOR = r"[\s./\-\u2010-\u2015\u2212\uff0d\uff0e\uff0f\u00ad\u200b-\u200d\u2060\ufeff]"
# A run of digits joined by up to three separators: the candidates, taken whole.
_GROUP = re.compile(rf"\d(?:{_SEPARATOR}{{0,3}}\d)*")
_DIGITS = re.compile(r"\d+")
MASK = "******-****"


def _century(year: int, serial_digit: int) -> int:
    """The century of a two-digit birth year, from the first serial digit (CPR rules)."""
    if serial_digit <= 3:
        return 1900
    if serial_digit in (4, 9):
        return 2000 if year <= 36 else 1900
    return 2000 if year <= 57 else 1800  # serial digits 5-8


def _is_date(digits: str) -> bool:
    """Whether ten digits start with a valid birth date ddmmyy (century from the first serial digit)."""
    day, month, year, serial = int(digits[:2]), int(digits[2:4]), int(digits[4:6]), int(digits[6])
    try:
        dt.date(_century(year, serial) + year, month, day)
    except ValueError:
        return False
    return True


def _layout_ok(cuts: set[int]) -> bool:
    """Whether separators after these digit counts give a CPR layout: ddmmyy ssss, dd mm yy ssss, dd mm yy ss ss
    and the like. Separators only between the pairs of the date and before or inside the serial; a grouped date
    is also cut from its serial, so "01-08-2025 12" (a date and an hour) is no CPR number."""
    if not cuts <= {2, 4, 6, 8} or (2 in cuts) != (4 in cuts):
        return False
    return 2 not in cuts or 6 in cuts


def _spans(text: str) -> list[tuple[int, int]]:
    """Where CPR numbers are in `text`: ten digits whose first six are a date, in a CPR layout.

    In a longer run of digits a CPR number must stand apart: bounded by spaces or the run's ends
    ("010203-1234 020304-2345"), unless it is written compactly (ddmmyy-ssss), which only needs no digit next to it.
    So dates, amounts and periods ("01.01.25-31.12.25", "6.400.000", "2025-08-01") are not taken for one.
    """
    found: list[tuple[int, int]] = []
    for group in _GROUP.finditer(text):
        runs = list(_DIGITS.finditer(group.group()))
        base = group.start()
        # Whether the edge after each run is a boundary: a gap with a space, or the group's end.
        apart = [any(c.isspace() for c in group.group()[a.end() : b.start()]) for a, b in itertools.pairwise(runs)]
        apart.append(True)

        for first in range(len(runs)):
            digits = ""
            cuts: set[int] = set()
            for last in range(first, len(runs)):
                digits += runs[last].group()
                if len(digits) >= 10:
                    break
                cuts.add(len(digits))
            if len(digits) != 10 or not _layout_ok(cuts) or not _is_date(digits):
                continue
            compact = cuts <= {6}
            if compact or ((first == 0 or apart[first - 1]) and apart[last]):
                found.append((base + runs[first].start(), base + runs[last].end()))
    return found


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
        return bool(_spans(value))
    return False


def mask_cpr(text: str) -> str:
    """`text` with every CPR-like number replaced, so messages never repeat one."""
    out, end = [], 0
    for start, stop in _spans(text):
        if start >= end:  # spans may overlap in a long run of digits
            out += [text[end:start], MASK]
            end = stop
    return "".join(out) + text[end:]
