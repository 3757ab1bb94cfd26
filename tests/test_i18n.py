"""The message layer: every msgid the source uses has its Danish words, every Danish entry is used, and
numbers, money and dates read as a Danish (or English) reader writes them."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest
from samplepaths import ROOT

from optimiser import i18n

# The calls that carry a msgid as their first argument: N_ marks one, text and the app's t translate one.
KEYWORDS = frozenset({"N_", "text", "t"})
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def used_msgids() -> dict[str, str]:
    """Every string literal passed first to N_/text/t in optimiser, scenarios and app -> where it is."""
    found: dict[str, str] = {}
    for package in ("optimiser", "scenarios", "app"):
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                func = node.func
                name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                first = node.args[0]
                if name in KEYWORDS and isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.setdefault(first.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def danish() -> dict[str, str]:
    catalogue = i18n.catalogue("da")
    assert catalogue is not None
    return {str(m.id): str(m.string) for m in catalogue if m.id}


def test_the_scan_finds_the_msgids_where_they_are_written() -> None:
    used = used_msgids()
    assert used["Largest relative shortfall"].startswith("optimiser/figures.py")
    assert used["The file does not exist: {path}."].startswith("optimiser/io/messages.py")
    assert len(used) > 500


def test_every_msgid_used_has_danish_words() -> None:
    entries = danish()
    missing = {m: where for m, where in used_msgids().items() if not entries.get(m)}
    assert missing == {}


def test_every_danish_entry_is_used() -> None:
    used = used_msgids()
    assert sorted(m for m in danish() if m not in used) == []


def test_danish_words_keep_the_placeholders() -> None:
    wrong = {m: s for m, s in danish().items() if set(PLACEHOLDER.findall(m)) != set(PLACEHOLDER.findall(s))}
    assert wrong == {}


def test_text_translates_and_fills_in() -> None:
    assert i18n.text("Largest relative shortfall", "da") == "Største relative underdækning"
    assert i18n.text("Largest relative shortfall", "en") == "Largest relative shortfall"
    assert i18n.text("{count} problem(s)", "da", count=3) == "3 problem(er)"
    assert i18n.text("{count} problem(s)", "en", count=3) == "3 problem(s)"
    assert i18n.text("not in the catalogue", "da") == "not in the catalogue"  # shown in English, never lost


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        (i18n.number(1234.5), "1.234,5"),
        (i18n.number(1234.5, lang="en"), "1,234.5"),
        (i18n.number(-0.125, 2), "-0,12"),  # Babel rounds half to even
        (i18n.number(1_000_000, 0), "1.000.000"),
        (i18n.percent(0.25), "25,0 %"),
        (i18n.percent(0.25, lang="en"), "25.0%"),
        (i18n.percent(0.934, 0), "93 %"),
        (i18n.percent(None), "–"),
        (i18n.dkk(6_400_000), "6.400.000 kr."),
        (i18n.dkk(6_400_000, "en"), "DKK 6,400,000"),
        (i18n.mio_dkk(6_400_000), "6,4 mio. kr."),
        (i18n.mio_dkk(6_400_000, lang="en"), "DKK 6.4m"),
        (i18n.currency("da"), "kr."),
        (i18n.day(date(2026, 12, 1)), "1. december 2026"),
        (i18n.day(date(2026, 12, 1), "en"), "1 December 2026"),
    ],
)
def test_numbers_money_and_dates(shown: str, expected: str) -> None:
    assert shown == expected


def test_the_catalogue_is_read_from_the_po_file() -> None:
    path = Path(i18n.LOCALE_DIR) / "da" / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"
    assert 'msgid "Largest relative shortfall"' in path.read_text(encoding="utf-8")
