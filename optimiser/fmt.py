"""Number formatting for people: Danish (1.234,5) by default, English (1,234.5) on request."""

from __future__ import annotations

from optimiser.problems import Lang


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
