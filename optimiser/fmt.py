"""Text made safe for a terminal, and plain-text tables. Numbers for people are `optimiser.i18n`'s (Babel);
`number` and `percent` here only pass on to it."""

from __future__ import annotations

import re

from optimiser import i18n
from optimiser.problems import Lang

# What a terminal acts on instead of showing: C0 controls (ESC starts every ANSI sequence), DEL, C1 controls
# (0x9b alone is a CSI) and the bidirectional overrides that reorder a line. Tab and newline only in `multiline`.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_MULTILINE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def unsafe_character(text: str, multiline: bool = False) -> str | None:
    """The first character of `text` that `printable` would escape, or None."""
    found = (_UNSAFE_MULTILINE if multiline else _UNSAFE).search(text)
    return found.group(0) if found else None


def printable(text: str, multiline: bool = False) -> str:
    """`text` safe to print to a terminal: every control character shown as an escape (ESC as `\\x1b`), so
    stored text can neither colour, move, clear nor retitle the reader's terminal."""
    return (_UNSAFE_MULTILINE if multiline else _UNSAFE).sub(_escape, text)


def number(value: float, decimals: int = 1, lang: Lang = "da") -> str:
    """Babel's number (`optimiser.i18n.number`), for the modules that still call it here (the explanations)."""
    return i18n.number(value, decimals, lang)


def percent(value: float | None, decimals: int = 0, lang: Lang = "da") -> str:
    """Babel's percentage (`optimiser.i18n.percent`), whole per cent by default, for the same modules."""
    return i18n.percent(value, decimals, lang)


def table(headers: list[str], rows: list[list[str]], right: set[int] | None = None) -> str:
    """A plain-text table; columns in `right` are right-aligned (numbers)."""
    right = right or set()
    widths = [max(len(h), *(len(r[c]) for r in rows)) if rows else len(h) for c, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.rjust(widths[c]) if c in right else cell.ljust(widths[c]) for c, cell in enumerate(cells)
        ).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])
