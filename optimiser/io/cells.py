"""One cell's value: from what a planner typed to a domain value, and back.

Reading is lenient about the forms a Danish workbook takes: numbers stored as text, decimal commas
("0,8", "1.234,5"), percentages ("80 %"), "kr" after amounts, ids that Excel turned into numbers.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable

from openpyxl.cell.cell import ERROR_CODES

from optimiser.io.columns import Choices, Kind

_NUMBER = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)")
# Danish thousands separators ("1.234.567"); only trusted where fractions make no sense (counts, kroner).
_THOUSANDS_DOT = re.compile(r"[-+]?[1-9]\d{0,2}(\.\d{3})+")
_YES = frozenset({"ja", "j", "yes", "y", "true", "sand", "1", "x"})
_NO = frozenset({"nej", "n", "no", "false", "falsk", "0"})
_SEPARATORS = re.compile(r"[,;]")


class CellError(Exception):
    """A value that cannot be read as its column's kind; `code` and `details` become a Problem."""

    def __init__(self, code: str, details: dict[str, object]) -> None:
        super().__init__(code)
        self.code = code
        self.details = details


class Unreadable:
    """A cell whose stored value cannot be used: NaN or an infinity (`1E999`), number text that is no number,
    a shared string that does not exist. Kept in its cell, so the reader reports it there with `code`."""

    __slots__ = ("code", "text")

    def __init__(self, code: str, text: str) -> None:
        self.code = code  # not_finite | unreadable_cell
        self.text = text  # as stored in the file

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"Unreadable({self.code!r}, {self.text!r})"


PREVIEW = 40  # characters of a value quoted in a message


def preview(text: str) -> str:
    """`text` cut to a short preview: no message echoes unbounded input."""
    return text if len(text) <= PREVIEW else text[: PREVIEW - 1] + "…"


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value: object) -> str:
    """A cell value as a planner would recognise it in a message (shortened)."""
    text = text_of(value) if isinstance(value, int | float) else str(value)
    return preview(text.strip())


def text_of(value: object) -> str:
    """Text or id: Excel turns the id 123 into the number 123 (or 123.0); read it back as "123"."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:  # beyond: 1e+200, not 200 digits
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    return str(value).strip()


def _wrong(value: object, expected: str) -> CellError:
    return CellError("wrong_type", {"value": shown(value), "expected": expected})


def number(value: object, kind: Kind) -> float:
    """A number from a cell; text in Danish or English notation is accepted."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _wrong(value, "number")
    if not isinstance(value, str):
        return _finite(value)
    text = value.strip().replace("\u2212", "-")
    text = re.sub(r"\s+", "", text).casefold()
    text = re.sub(r"(kr\.?|dkk)$", "", text) if kind is Kind.MONEY else text
    scale = 1.0
    if text.endswith("%") and kind in (Kind.SHARE, Kind.NUMBER):
        text, scale = text[:-1], 0.01
    if "," in text and "." in text:
        # The later separator is the decimal one: "1.234,5" (Danish) or "1,234.5" (English).
        thousands = "." if text.rfind(",") > text.rfind(".") else ","
        text = text.replace(thousands, "").replace(",", ".")
    elif "," in text:
        text = text.replace(",", "") if text.count(",") > 1 else text.replace(",", ".")
    elif text.count(".") > 1 or (kind in (Kind.INT, Kind.MONEY) and _THOUSANDS_DOT.fullmatch(text)):
        text = text.replace(".", "")
    if not _NUMBER.fullmatch(text):
        raise _wrong(value, "integer" if kind is Kind.INT else "number")
    return _finite(float(text) * scale, value)


def _finite(number: float, shown_as: object = None) -> float:
    """`number` as a float, refused if it is NaN or infinite (or an integer too large for a float)."""
    try:
        result = float(number)
    except OverflowError:
        result = math.inf
    if not math.isfinite(result):
        raise CellError("not_finite", {"value": shown(number if shown_as is None else shown_as)})
    return result


def check_bounds(value: object, low: float | None, high: float | None) -> None:
    """Refuse a number outside its column's plausible range [low, high] (either end may be open)."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return
    if (low is not None and value < low) or (high is not None and value > high):
        raise CellError("implausible_value", {"value": shown(value), "low": low, "high": high})


def _choice(value: object, choices: Choices) -> str:
    word = text_of(value).casefold()
    for danish, domain in choices:
        if word == danish.casefold():
            return domain
    raise CellError("invalid_choice", {"value": shown(value), "choices": [d for d, _ in choices]})


def _names(value: object) -> list[str]:
    return [part.strip() for part in _SEPARATORS.split(text_of(value)) if part.strip()]


def parse(kind: Kind, value: object, choices: Choices = ()) -> object:
    """The domain value of a non-blank cell, or CellError."""
    if isinstance(value, Unreadable):
        raise CellError(value.code, {"value": shown(value.text)})
    if isinstance(value, float) and not math.isfinite(value):
        raise CellError("not_finite", {"value": shown(value)})
    if isinstance(value, str) and value.strip() in ERROR_CODES:
        raise CellError("formula_error", {"value": value.strip()})
    if kind in (Kind.ID, Kind.TEXT):
        return text_of(value)
    if kind is Kind.INT:
        result = number(value, kind)
        if not result.is_integer():
            raise _wrong(value, "integer")
        return int(result)
    if kind in (Kind.NUMBER, Kind.FTE, Kind.MONEY, Kind.SHARE):
        return number(value, kind)
    if kind is Kind.BOOL:
        if isinstance(value, bool):
            return value
        word = text_of(value).casefold()
        if word in _YES or word in _NO:
            return word in _YES
        raise _wrong(value, "yes_no")
    if kind is Kind.CHOICE:
        return _choice(value, choices)
    if kind is Kind.CHOICES:
        return frozenset(_choice(part, choices) for part in _names(value))
    return frozenset(_names(value))  # Kind.NAMES


def to_cell(kind: Kind, value: object, choices: Choices = ()) -> object:
    """What the writer puts in the cell for a domain value (None: blank)."""
    if value is None:
        return None
    if kind is Kind.BOOL:
        return "ja" if value else "nej"
    if kind is Kind.CHOICE:
        return _word(str(value), choices)
    if kind is Kind.CHOICES:
        assert isinstance(value, Iterable)
        members = {str(v) for v in value}
        return ", ".join(danish for danish, domain in choices if domain in members)
    if kind is Kind.NAMES:
        assert isinstance(value, Iterable)
        return ", ".join(sorted(str(v) for v in value))
    if kind in (Kind.ID, Kind.TEXT):
        return str(value)
    return value


def _word(domain: str, choices: Choices) -> str:
    return next(danish for danish, d in choices if d == domain)
