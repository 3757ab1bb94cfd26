"""Numbers as a planner types and reads them: "0,9", "6.400.000", "25 %" in Danish (Babel's `parse_decimal`, locale
da_DK; en_GB in English), read strictly, so "0.9" in Danish is refused with "did you mean 0,9?" rather than read
as 9. A value that cannot be read, or lies outside the field's range, is refused with a message for the planner;
nothing is ever read as a silently different number.

This module imports no Streamlit: the widgets that use it are in `app.web.fields`. (Not named `numbers`: Streamlit
puts app/web on the path, where such a module would shadow the standard library's.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import InvalidOperation

from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from optimiser import i18n
from optimiser.i18n import N_
from optimiser.problems import Lang

NOT_A_NUMBER = N_("“{value}” is not a number. Write decimals with a comma and thousands with a dot: 0,9 · 6.400.000.")
MEANT = N_("“{value}” cannot be read as a number. Did you mean {suggestion}?")
NOT_WHOLE = N_("“{value}” is not a whole number.")
OUT_OF_RANGE = N_("{value} is outside the range: write a number from {low} to {high}.")
EMPTY = N_("Write a number.")
SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")  # spaces, no-break and thin spaces: "6 400 000"
SUFFIXES = ("mio. kr.", "kr.", "kr", "dkk")  # a money field may be written with its unit


@dataclass(frozen=True)
class Kind:
    """What a field holds and how it is shown: its range, at most `decimals` places (at least `min_decimals`),
    a share shown and typed in per cent ("25 %": 0.25) when `percent`, whole numbers only when `whole`."""

    low: float
    high: float
    decimals: int = 2
    min_decimals: int = 0
    percent: bool = False
    whole: bool = False


@dataclass(frozen=True)
class Refused:
    """Why a typed value was refused: a msgid and its arguments, worded when shown."""

    msgid: str
    args: dict[str, str] = field(default_factory=dict)

    def text(self, lang: Lang) -> str:
        return i18n.text(self.msgid, lang, **self.args)


def show(value: float, kind: Kind, lang: Lang = "da") -> str:
    """A value as the field shows it: 0.9 → "0,9", 6400000 → "6.400.000", a share 0.25 → "25 %"."""
    shown = value * 100 if kind.percent else value
    places = 0 if kind.whole else kind.decimals
    pattern = "#,##0" + ("." + "0" * kind.min_decimals + "#" * (places - kind.min_decimals) if places else "")
    words = format_decimal(round(shown, places), format=pattern, locale=i18n.LOCALES[lang])
    if not kind.percent:
        return words
    return f"{words} %" if lang == "da" else f"{words}%"


def read(typed: str, kind: Kind, lang: Lang = "da") -> float | Refused:
    """The value of what the planner typed, or why it is refused. A per-cent field takes "25 %", "25" or
    "25,0"; any field takes a value in per cent with its sign ("90 %" is 0,9)."""
    cleaned = typed.strip().replace("\u2212", "-")  # the typographic minus
    per_cent = kind.percent or cleaned.endswith("%")  # "90 %" in a share field written as 0,9 is 0,9 too
    cleaned = cleaned.removesuffix("%")
    lowered = cleaned.lower()
    for suffix in () if kind.percent else SUFFIXES:
        if lowered.endswith(suffix):
            cleaned = cleaned[: -len(suffix)]
            break
    cleaned = SPACES.sub("", cleaned)
    quoted = typed.strip()[:40]
    if not cleaned:
        return Refused(EMPTY)
    try:
        number = parse_decimal(cleaned, locale=i18n.LOCALES[lang], strict=True)
    except NumberFormatError as err:
        # Babel's last suggestion reads the dot or comma as the decimal sign: the likely meaning.
        suggestions = getattr(err, "suggestions", None) or []
        if suggestions:
            return Refused(MEANT, {"value": quoted, "suggestion": suggestions[-1]})
        return Refused(NOT_A_NUMBER, {"value": quoted})
    except InvalidOperation:
        return Refused(NOT_A_NUMBER, {"value": quoted})
    if not number.is_finite():
        return Refused(NOT_A_NUMBER, {"value": quoted})
    if kind.whole and number != number.to_integral_value():
        return Refused(NOT_WHOLE, {"value": quoted})
    value = float(number / 100 if per_cent else number)
    if not kind.low <= value <= kind.high:
        return Refused(
            OUT_OF_RANGE,
            {"value": quoted, "low": show(kind.low, kind, lang), "high": show(kind.high, kind, lang)},
        )
    return int(value) if kind.whole else round(value, kind.decimals + (2 if per_cent else 0))
