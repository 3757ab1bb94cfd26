"""Number formatting for people: Danish (1.234,5) by default, English (1,234.5) on request; text made safe for a
terminal."""

from __future__ import annotations

import re

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
    text = f"{value:,.{decimals}f}"
    if lang == "da":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def percent(value: float | None, decimals: int = 0, lang: Lang = "da") -> str:
    """A share (0.93) as a percentage ("93 %"); a dash where there is nothing to show."""
    if value is None:
        return "–"
    return f"{number(100 * value, decimals, lang)} %"


def table(headers: list[str], rows: list[list[str]], right: set[int] | None = None) -> str:
    """A plain-text table; columns in `right` are right-aligned (numbers)."""
    right = right or set()
    widths = [max(len(h), *(len(r[c]) for r in rows)) if rows else len(h) for c, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.rjust(widths[c]) if c in right else cell.ljust(widths[c]) for c, cell in enumerate(cells)
        ).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])
