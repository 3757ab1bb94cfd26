"""The column reference in docs/template.md, generated from `optimiser.io.columns` so that it cannot drift.

Run `python -m optimiser.io.docs` to rewrite the part of docs/template.md between the markers;
a test fails when the file is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

from optimiser.io import limits, package
from optimiser.io.cells import to_cell
from optimiser.io.columns import MAX_INDICATOR, PARAMETERS, PARAMS, SHEETS, Choices, Kind, Param
from optimiser.io.messages import COUNTED_WORDS, MESSAGES, WARNING_CODES

START = "<!-- generated: columns -->"
END = "<!-- end generated -->"
DOC = Path(__file__).resolve().parents[2] / "docs" / "template.md"

KIND_TEXT = {
    Kind.ID: "id",
    Kind.TEXT: "text",
    Kind.INT: "whole number",
    Kind.NUMBER: "number",
    Kind.FTE: "FTE, 0.00",
    Kind.MONEY: "DKK, #,##0",
    Kind.SHARE: "share (0.8 or 80 %)",
    Kind.BOOL: "ja / nej",
    Kind.CHOICE: "one of a list",
    Kind.CHOICES: "comma-separated list",
    Kind.NAMES: "comma-separated names",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _kind(kind: Kind, choices: Choices = (), lookup: str | None = None) -> str:
    text = KIND_TEXT[kind]
    if choices:
        text += ": " + ", ".join(d for d, _ in choices)
    if lookup:
        text += f" from sheet {lookup}"
    return text


def _default(param: Param) -> str:
    value = to_cell(param.kind, param.default, param.choices)
    if value is None or value == "":
        return "blank"
    if param.kind is Kind.SHARE and isinstance(value, float):
        return f"{value * 100:g} %"
    return f"{value:g}" if isinstance(value, float) else str(value)


LIMITS = (
    ("MAX_FILE_BYTES", f"{limits.MAX_FILE_BYTES // limits.MB} MB", "size of the file", "file_too_large"),
    (
        "MAX_UNPACKED_BYTES",
        f"{limits.MAX_UNPACKED_BYTES // limits.MB} MB",
        "all parts of the zip unpacked, from its central directory (nothing is unpacked to check)",
        "unpacked_too_large",
    ),
    (
        "MAX_COMPRESSION_RATIO",
        f"{limits.MAX_COMPRESSION_RATIO} : 1",
        f"unpacked / packed size of one part of more than {limits.RATIO_MIN_BYTES // limits.MB} MB (zip bomb)",
        "compression_too_high",
    ),
    (
        "MAX_DATA_ROWS",
        f"{limits.MAX_DATA_ROWS:,}",
        "rows below the header of any sheet; refused at the first row with data beyond it",
        "too_many_rows",
    ),
    (
        "MAX_CELLS",
        f"{limits.MAX_CELLS:,}",
        "cells over the whole book, each row counted up to its last cell in the file",
        "too_many_cells",
    ),
)


def _range(low: float | None, high: float | None) -> str:
    """A plausible range as docs show it: "≤ 100,000", "-100 to 100"."""
    if low is not None and high is not None:
        return f"{low:,.0f} to {high:,.0f}"
    return f"≤ {high:,.0f}" if high is not None else f"≥ {low:,.0f}" if low is not None else ""


def _bounds() -> list[str]:
    """Every plausible range: by sheet and column, then by parameter key."""
    rows = [
        f"| {sheet.name} | `{c.name}` | {_range(c.low, c.high)} |"
        for sheet in SHEETS
        for c in sheet.columns
        if c.low is not None or c.high is not None
    ]
    rows.append(f"| Institutioner | every indicator column | {_range(-MAX_INDICATOR, MAX_INDICATOR)} |")
    rows += [
        f"| {PARAMETERS.name} | `{p.key}` | {_range(p.low, p.high)} |"
        for p in PARAMS
        if p.low is not None or p.high is not None
    ]
    return rows


def reference() -> str:
    """The generated markdown: one table per sheet, the parameter keys, the limits and the message codes."""
    out: list[str] = []
    for sheet in SHEETS:
        out += [f"### {sheet.name}", "", sheet.help_en, ""]
        out += ["| column | required | kind | meaning | example |", "| --- | --- | --- | --- | --- |"]
        for c in sheet.columns:
            name = f"**`{c.name}`**" if c.required else f"`{c.name}`"
            required = "yes" if c.required else "no"
            kind = _kind(c.kind, c.choices, c.lookup)
            out.append(f"| {name} | {required} | {_cell(kind)} | {_cell(c.help_en)} | {_cell(c.example)} |")
        out.append("")
    out += [f"### Keys of sheet {PARAMETERS.name}", ""]
    out += ["| key | kind | default | meaning |", "| --- | --- | --- | --- |"]
    for p in PARAMS:
        out.append(f"| `{p.key}` | {_cell(_kind(p.kind, p.choices))} | {_default(p)} | {_cell(p.help_en)} |")
    out += ["", "### Limits", "", "Constants in `optimiser/io/limits.py`, checked before and while a book is read.", ""]
    out += ["| constant | value | what it bounds | code |", "| --- | --- | --- | --- |"]
    out += [f"| `{name}` | {value} | {what} | `{code}` |" for name, value, what, code in LIMITS]
    out += [
        "",
        "Counted in the package's XML parts before openpyxl reads them (`optimiser/io/package.py`, code "
        "`part_too_large`; reading stops at the first limit passed):",
        "",
        "| what | at most |",
        "| --- | --- |",
    ]
    out += [f"| {COUNTED_WORDS[what]} | {limit:,} |" for what, limit in package.LIMITS.items()]
    out += [
        "",
        "Plausible values (`implausible_value`; the domain's own rules, such as 0 < FTE ≤ 1 or shares of 0-100 %, "
        "come on top; constants in `optimiser/io/columns.py`). NaN and infinities are refused in every cell "
        "(`not_finite`).",
        "",
        "| sheet | column or key | plausible range |",
        "| --- | --- | --- |",
        *_bounds(),
    ]
    out += [
        "",
        "Refused whatever their size: macro-enabled books (`macro_enabled`: a `vbaProject.bin` or macro sheet in "
        "the zip, or a macro-enabled content type), OLE2 compound files (signature `D0 CF 11 E0 A1 B1 1A E1`): "
        "password-protected books (`encrypted`: an `EncryptedPackage` stream) and old .xls files "
        "(`old_excel_format`), binary workbooks (`binary_workbook`: .xlsb), strict Open XML (`strict_ooxml`), a "
        "DTD in any part (`xml_doctype`), and anything that is not a zip (`not_xlsx`). CPR numbers are refused in "
        "cells, sheet names, comments, defined names, headers and footers, data validations, hyperlinks and "
        "document properties, also when written with spaces, dots, slashes, dashes, Unicode digits or invisible "
        "characters (`cpr_number`, `cpr_in_part`); messages say where, never the number.",
    ]
    out += ["", "### Message codes", "", "| code | level | message (English) |", "| --- | --- | --- |"]
    for code, texts in MESSAGES.items():
        level = "warning" if code in WARNING_CODES else "error"
        out.append(f"| `{code}` | {level} | {_cell(texts[0])} |")
    return "\n".join(out)


def updated(text: str) -> str:
    """`text` (the document) with the generated part replaced by the current reference."""
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{reference()}\n{END}{tail}"


def main() -> int:
    DOC.write_text(updated(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
