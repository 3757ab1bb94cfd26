"""Text from a user's workbook is written so that no spreadsheet can execute it (formula injection).

A cell whose text starts with `=`, `+`, `-` or `@`, or with a tab, carriage return or NUL, is read as a formula
by Excel, LibreOffice and Google Sheets when it is typed, pasted or imported from CSV (e.g. `=cmd|' /C calc'!A0`,
`@SUM(1)`, `=HYPERLINK(...)`). The OWASP rule (CSV Injection page; ASVS 5.0, requirement 1.2.10) is to escape such
text by prefixing a single quote `'`; it is then inert text everywhere, also after copying it elsewhere or
saving as CSV. The quote stays visible: the honest sign that the text was neutralised.

Every export writes each piece of text through `safe_text` (the workbook helpers and the deck helpers do it for
every cell, table cell, text box and chart category), so no caller can forget it. It also drops the control
characters XML cannot hold, so a write never fails on them.
"""

from __future__ import annotations

import re

# OWASP: = + - @ tab CR; ASVS 1.2.10 adds NUL (which is dropped as illegal XML below, so cannot lead).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\0")
ESCAPE = "'"
# Characters XML 1.0 cannot hold (openpyxl and python-pptx refuse them); tab, LF and CR are allowed.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_text(text: str) -> str:
    """`text` as inert text: illegal control characters dropped, a formula-like start escaped with `'`."""
    clean = _ILLEGAL.sub("", text)
    return ESCAPE + clean if clean.startswith(FORMULA_PREFIXES) else clean


def is_inert(text: str) -> bool:
    """True when a spreadsheet would not read `text` as a formula."""
    return not text.startswith(FORMULA_PREFIXES)
