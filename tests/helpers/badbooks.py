"""Bad workbooks: a small valid base book and the ways the fuzzer damages it.

Used by tests/io/test_read_fuzz.py (hypothesis), tests/data/bad/make_corpus.py (the hand-made corpus) and
tests/reliability/report.py (the fixed-seed campaign behind docs/reliability.md).

A `Mutation` is one thing wrong with a book, with the `kind` it is counted under. Most edit the book in
openpyxl; some edit the saved file (raw XML or bytes) for what openpyxl will not write: NaN in a cell,
control characters, a damaged zip.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import openpyxl
from hypothesis import strategies as st
from instances import four_named
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.utils import get_column_letter

from optimiser.io import ReadResult, read_book, render, write_book
from optimiser.io.limits import MAX_DATA_ROWS
from optimiser.io.messages import MESSAGES

DATA_SHEETS = ("Områder", "Teams", "Institutioner", "Faggrupper", "Behovsvægte", "Medarbejdere", "Parametre")
# The heavy profile (`make fuzz`) also appends a sheet's worth of rows: 100,000.
HEAVY = os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
FIXED_TIME = (2025, 1, 1, 0, 0, 0)


@cache
def base_book() -> bytes:
    """`instances.four_named` written with `write_book`, as bytes."""
    with TemporaryDirectory() as folder:
        path = Path(folder) / "base.xlsx"
        write_book(four_named(), path)
        return path.read_bytes()


def rewrite_zip(data: bytes, edit: Callable[[str, bytes], bytes | None], add: dict[str, bytes] | None = None) -> bytes:
    """The zip `data` with each part passed through `edit` (None drops it) and the parts in `add` added.
    Timestamps are fixed, so the same edit gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = edit(info.filename, source.read(info))
            if content is not None:
                target.writestr(zipfile.ZipInfo(info.filename, FIXED_TIME), content, zipfile.ZIP_DEFLATED)
        for name, content in (add or {}).items():
            target.writestr(zipfile.ZipInfo(name, FIXED_TIME), content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def edit_part(data: bytes, part: str, change: Callable[[str], str]) -> bytes:
    """`data` with the XML of one part changed as text."""
    return rewrite_zip(data, lambda name, content: change(content.decode()).encode() if name == part else content)


def edit_sheet_xml(data: bytes, sheet: str, change: Callable[[str], str]) -> bytes:
    """`data` with the XML of one sheet changed as text (openpyxl numbers the parts in sheet order);
    unchanged if there is no such sheet."""
    names = openpyxl.load_workbook(io.BytesIO(data), read_only=True).sheetnames
    if sheet not in names:
        return data
    return edit_part(data, f"xl/worksheets/sheet{names.index(sheet) + 1}.xml", change)


def set_raw_cell(data: bytes, sheet: str, ref: str, cell: str) -> bytes:
    """`data` with cell `ref` of a sheet replaced by raw XML `cell` (added at the end of its row if blank);
    for what openpyxl will not write: `<v>1E999</v>`, a shared string that does not exist, a bad reference."""
    row = re.sub(r"^[A-Z]+", "", ref)

    def change(xml: str) -> str:
        old = re.compile(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)')
        if old.search(xml):
            return old.sub(lambda _: cell, xml, count=1)
        end = xml.index("</row>", xml.index(f'<row r="{row}"'))
        return xml[:end] + cell + xml[end:]

    return edit_sheet_xml(data, sheet, change)


def raw_number(data: bytes, sheet: str, ref: str, text: str) -> bytes:
    """`data` with a number cell whose stored text is `text` (NaN, 1E999, 1e300, ...)."""
    return set_raw_cell(data, sheet, ref, f'<c r="{ref}" t="n"><v>{text}</v></c>')


def styles_bomb(count: int, data: bytes | None = None) -> bytes:
    """The base book with `count` cell formats in styles.xml. The formats differ (as in the probe's 168 MB
    styles.xml, which packed 13 times), so the compression-ratio limit does not catch them first."""
    xfs = "".join(
        f'<xf numFmtId="{n % 164}" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="{n}"/>'
        for n in range(count)
    )

    def change(xml: str) -> str:
        start, end = xml.index("<cellXfs"), xml.index("</cellXfs>") + len("</cellXfs>")
        return xml[:start] + f'<cellXfs count="{count}">{xfs}</cellXfs>' + xml[end:]

    return edit_part(data or base_book(), "xl/styles.xml", change)


# -- mutations -----------------------------------------------------------------------------------------

BookEdit = Callable[[Any], object]  # an openpyxl Workbook, edited in place
FileEdit = Callable[[bytes], bytes]


@dataclass(frozen=True)
class Mutation:
    kind: str  # what is wrong, for counting: "huge number", "merged cells", ...
    detail: str  # where and what, for a failing example's report
    book: BookEdit | None = None
    file: FileEdit | None = None


def apply(mutations: list[Mutation], base: bytes | None = None) -> bytes:
    """The base book with every mutation applied: the openpyxl edits first, then the file edits."""
    data = base if base is not None else base_book()
    edits = [m.book for m in mutations if m.book is not None]
    if edits:
        book = openpyxl.load_workbook(io.BytesIO(data))
        for edit in edits:
            edit(book)
        out = io.BytesIO()
        book.save(out)
        data = out.getvalue()
    for m in mutations:
        if m.file is not None:
            data = m.file(data)
    return data


def on_sheet(sheet: str, edit: Callable[[Any], object]) -> BookEdit:
    """An edit of one worksheet; nothing if an earlier mutation removed or renamed the sheet."""

    def run(book: Any) -> None:
        if sheet in book.sheetnames:
            edit(book[sheet])

    return run


def _set_cell(sheet: str, row: int, column: int, value: object) -> BookEdit:
    def edit(ws: Any) -> None:
        ws.cell(row, column).value = value

    return on_sheet(sheet, edit)


# Text openpyxl can write (no surrogates, no XML-illegal control characters).
_WRITABLE = st.characters(
    exclude_categories=["Cs"], exclude_characters=[chr(c) for c in range(32) if c not in (9, 10, 13)]
)
UNICODE = [
    "\u202eevil\u202c",  # right-to-left override
    "مدرسة النور",  # Arabic (right to left)
    "בית ספר",  # Hebrew
    "😀👩‍👩‍👧🏳️‍🌈",  # emoji with joiners
    "Omra\u030ade",  # "Område" with a combining ring (NFD)
    "zero\u200bwidth",
    "\ufeffBOM",
    "１２３",  # full-width digits
    "Ⅻ",
    "\u00a0",  # non-breaking space only
]
CPR_TEXT = ["Barn 010203-1234", "0102031234", "cpr: 311299-4321.", "010203-1234 og 020304-2345", "M-010203-1234"]
CPR_NUMBERS: list[object] = [102031234, 3112994321, 102031234.0]
FORMULAS = ["=1/0", "=SUM(A1:A9)", "=A2", "=NOW()", '=HYPERLINK("http://example.org")', "=", "=1+"]

# kind -> values of that kind
VALUES: dict[str, st.SearchStrategy[object]] = {
    "wrong type": st.one_of(
        st.sampled_from(["mange", "ja", "T9", "1,2,3", "0,8 FTE", "1.2.3"]), st.text(_WRITABLE, max_size=12)
    ),
    "blank": st.sampled_from([None, "", " ", "\t", "\n"]),
    "huge number": st.one_of(
        st.sampled_from([10**15, 10**30, 2**63, -(2**63), 1e308, -1e308, 1.7976931348623157e308]),
        st.integers(10**9, 10**40),
        st.floats(1e9, 1e300),
    ),
    "negative number": st.one_of(st.integers(-(10**6), -1), st.floats(-1e6, -1e-9)),
    "tiny number": st.sampled_from([1e-300, 5e-324, 0.001, 0.004, 0.0]),
    "formula": st.sampled_from(FORMULAS),
    "formula error": st.sampled_from(sorted(ERROR_CODES)),
    "unicode": st.one_of(st.sampled_from(UNICODE), st.text(_WRITABLE, min_size=1, max_size=30)),
    "long text": st.sampled_from([201, 1000, 32_767]).map(lambda n: "x" * n),
    "date": st.one_of(
        st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(2100, 1, 1)),
        st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)),
        st.times(),
    ),
    "boolean": st.booleans(),
    "CPR number": st.sampled_from([*CPR_TEXT, *CPR_NUMBERS]),  # in text, unless counted more precisely
}


def _is_cpr_sample(value: object) -> bool:
    return any(value == v and type(value) is type(v) for v in (*CPR_TEXT, *CPR_NUMBERS))


@st.composite
def _cell_value(draw: st.DrawFn) -> Mutation:
    kind = draw(st.sampled_from(sorted(VALUES)))
    value = draw(VALUES[kind])
    sheet = draw(st.sampled_from(DATA_SHEETS))
    row = draw(st.integers(1, 8))  # row 1: a header
    column = draw(st.integers(1, 12))
    if kind == "CPR number":
        kind = (
            "CPR number in a header"
            if row == 1
            else "CPR number as a number"
            if value in CPR_NUMBERS
            else "CPR number in text"
        )
    where = f"{sheet}!{get_column_letter(column)}{row}"
    return Mutation(kind, f"{where} = {value!r:.60}", book=_set_cell(sheet, row, column, value))


def _replace_nth(pattern: str, n: int, replacement: Callable[[re.Match[str]], str]) -> Callable[[str], str]:
    def change(xml: str) -> str:
        matches = list(re.finditer(pattern, xml))
        if not matches:
            return xml
        m = matches[n % len(matches)]
        return xml[: m.start()] + replacement(m) + xml[m.end() :]

    return change


@st.composite
def _raw_value(draw: st.DrawFn) -> Mutation:
    """What openpyxl will not write: NaN and infinities in a number cell, control characters in text."""
    sheet = draw(st.sampled_from(DATA_SHEETS[:-1]))
    n = draw(st.integers(0, 50))
    if draw(st.booleans()):
        text = draw(
            st.sampled_from(["NaN", "nan", "inf", "-inf", "1e999", "-1e999", "1E5", "0x1F", "", " 1 ", "1e-999"])
        )
        change = _replace_nth(r"<v>[^<]*</v>", n, lambda m: f"<v>{text}</v>")
        return Mutation("NaN/inf", f"{sheet}: number #{n} -> {text!r}", file=lambda d: edit_sheet_xml(d, sheet, change))
    char = chr(draw(st.sampled_from([0, 1, 8, 11, 12, 27, 31, 0xFFFE, 0xFFFF])))
    escaped = draw(st.booleans())
    inserted = f"_x{ord(char):04X}_" if escaped else char
    change = _replace_nth(r"<t>([^<]*)</t>", n, lambda m: f"<t>{m.group(1)}{inserted}</t>")
    return Mutation(
        "control characters",
        f"{sheet}: text #{n} + {inserted!r}",
        file=lambda d: edit_sheet_xml(d, sheet, change),
    )


@st.composite
def _merge(draw: st.DrawFn) -> Mutation:
    sheet = draw(st.sampled_from(DATA_SHEETS))
    top, left = draw(st.integers(1, 6)), draw(st.integers(1, 8))
    bottom, right = top + draw(st.integers(0, 3)), left + draw(st.integers(0, 3))
    span = f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"

    def edit(ws: Any) -> None:
        if (top, left) != (bottom, right):
            ws.merge_cells(span)

    return Mutation("merged cells", f"{sheet}!{span}", book=on_sheet(sheet, edit))


@st.composite
def _sheets(draw: st.DrawFn) -> Mutation:
    sheet = draw(st.sampled_from(DATA_SHEETS))
    action = draw(st.sampled_from(["delete", "duplicate", "rename", "extra", "empty", "reorder"]))
    if action == "delete":
        return Mutation("missing sheet", sheet, book=on_sheet(sheet, lambda ws: ws.parent.remove(ws)))
    if action == "duplicate":
        title = draw(st.sampled_from([f" {sheet}", f"{sheet} ", f"{sheet}_"]))
        changed = draw(st.booleans())  # the copy's first id changed, so that the two differ

        def duplicate(ws: Any) -> None:
            copy = ws.parent.copy_worksheet(ws)
            copy.title = title
            if changed:
                copy.cell(2, 1).value = "ANDET"

        return Mutation("duplicated sheet", f"{sheet} as {title!r}", book=on_sheet(sheet, duplicate))
    if action == "rename":
        title = draw(
            st.one_of(
                st.sampled_from(["Barn 010203-1234", "0102031234", sheet.upper(), sheet.replace("e", "é"), "مدرسة"]),
                st.text(
                    st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="\\*?:/[]'"),
                    min_size=1,
                    max_size=31,
                ),
            )
        )
        kind = "CPR number in a sheet name" if "1234" in title else "renamed sheet"

        def rename(ws: Any) -> None:
            if title not in ws.parent.sheetnames:
                ws.title = title

        return Mutation(kind, f"{sheet} -> {title!r}", book=on_sheet(sheet, rename))
    if action == "extra":
        value = draw(st.one_of(VALUES["unicode"], VALUES["CPR number"], VALUES["huge number"]))
        kind = "CPR number in an extra sheet" if _is_cpr_sample(value) else "extra sheet"

        def extra(book: Any) -> None:
            book.create_sheet("Noter").append(["note", value])

        return Mutation(kind, f"Noter: {value!r:.40}", book=extra)
    if action == "empty":
        return Mutation("empty sheet", sheet, book=on_sheet(sheet, lambda ws: ws.delete_rows(1, ws.max_row)))

    def reorder(ws: Any) -> None:
        ws.parent.move_sheet(ws, offset=-ws.parent.sheetnames.index(ws.title))

    return Mutation("reordered sheets", sheet, book=on_sheet(sheet, reorder))


@st.composite
def _rows(draw: st.DrawFn) -> Mutation:
    sheet = draw(st.sampled_from(DATA_SHEETS))
    action = draw(st.sampled_from(["delete", "insert", "copies", "beyond"]))
    if action == "delete":
        first, count = draw(st.integers(1, 5)), draw(st.integers(1, 3))
        return Mutation(
            "deleted rows",
            f"{sheet}: rows {first}+{count}",
            book=on_sheet(sheet, lambda ws: ws.delete_rows(first, count)),
        )
    if action == "insert":
        at, count = draw(st.integers(1, 5)), draw(st.integers(1, 50))
        return Mutation(
            "blank rows", f"{sheet}: {count} at {at}", book=on_sheet(sheet, lambda ws: ws.insert_rows(at, count))
        )
    if action == "beyond":
        row = MAX_DATA_ROWS + draw(st.integers(2, 50))
        return Mutation("rows beyond the limit", f"{sheet}!A{row}", book=_set_cell(sheet, row, 1, "x"))
    count = draw(st.sampled_from([1, 10, 500, 2_000, *((MAX_DATA_ROWS,) if HEAVY else ())]))

    def copies(ws: Any) -> None:
        values = [c.value for c in ws[min(2, ws.max_row)]]
        for _ in range(count):
            ws.append(values)

    return Mutation("many rows", f"{sheet}: +{count} copies of row 2", book=on_sheet(sheet, copies))


@st.composite
def _columns(draw: st.DrawFn) -> Mutation:
    sheet = draw(st.sampled_from(DATA_SHEETS))
    column = draw(st.integers(1, 8))
    action = draw(st.sampled_from(["delete", "duplicate", "rename"]))
    if action == "delete":
        return Mutation(
            "missing column", f"{sheet}: column {column}", book=on_sheet(sheet, lambda ws: ws.delete_cols(column))
        )
    if action == "duplicate":

        def duplicate(ws: Any) -> None:
            ws.cell(1, ws.max_column + 1).value = ws.cell(1, column).value

        return Mutation("duplicated column", f"{sheet}: column {column}", book=on_sheet(sheet, duplicate))
    title = draw(
        st.one_of(st.sampled_from(["", "ID", "navn ", "NAVN", "team id", "Barn 010203-1234"]), VALUES["unicode"])
    )
    kind = "CPR number in a header" if _is_cpr_sample(title) else "renamed column"
    return Mutation(kind, f"{sheet}: header {column} -> {title!r:.40}", book=_set_cell(sheet, 1, column, title))


@st.composite
def _damage(draw: st.DrawFn) -> Mutation:
    """Bytes of the saved file: cut short, overwritten, with junk after it."""
    action = draw(st.sampled_from(["truncate", "flip", "append"]))
    where = draw(st.floats(0, 1))
    if action == "truncate":
        return Mutation("damaged file", f"cut at {where:.3f}", file=lambda d: d[: int(len(d) * where)])
    if action == "append":
        junk = draw(st.binary(min_size=1, max_size=64))
        return Mutation("damaged file", f"+{junk!r:.30}", file=lambda d: d + junk)
    count = draw(st.integers(1, 8))
    byte = draw(st.integers(0, 255))

    def flip(data: bytes) -> bytes:
        out = bytearray(data)
        for k in range(count):
            out[(int(len(out) * where) + 997 * k) % len(out)] ^= byte or 1
        return bytes(out)

    return Mutation("damaged file", f"{count} bytes at {where:.3f} ^ {byte}", file=flip)


MUTATIONS: st.SearchStrategy[Mutation] = st.one_of(
    _cell_value(), _cell_value(), _cell_value(), _raw_value(), _merge(), _sheets(), _rows(), _columns(), _damage()
)


def mutations(max_size: int = 3) -> st.SearchStrategy[list[Mutation]]:
    return st.lists(MUTATIONS, min_size=1, max_size=max_size)


# -- one trial: damage, write, read, judge -------------------------------------------------------------

# What a trial can come to: an instance, problems, or a broken promise (an exception, a wrong result).
VALID, REFUSED, NOT_WRITTEN, BROKEN = "valid", "refused", "not written", "broken"
INTERNAL_ERROR = "internal_error"  # read_book's code for a bug in the reader itself (optimiser/io/read.py)
CPR_SHOWN = ("010203", "0102031234", "102031234", "311299", "3112994321", "020304")


@dataclass(frozen=True)
class Trial:
    mutations: tuple[Mutation, ...]
    outcome: str
    codes: tuple[str, ...]  # the errors' codes, in report order
    seconds: float  # reading only
    why: str = ""  # for BROKEN: what went wrong

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.kind for m in self.mutations))


def judge(result: ReadResult) -> str:
    """Why `result` breaks the reader's promise, or "" when it keeps it: an instance and no errors, or no
    instance and at least one error, none of them the reader's own crash; every problem has a message in both
    languages, never showing a CPR number."""
    crashed = [p for p in result.problems if p.code == INTERNAL_ERROR]
    if crashed:
        return f"the reader crashed ({crashed[0].args.get('detail')}), which is not a refusal"
    if (result.instance is None) != bool(result.errors):
        return f"instance {'missing' if result.instance is None else 'given'} with {len(result.errors)} error(s)"
    for problem in result.problems:
        if problem.code not in MESSAGES:
            return f"no message for {problem.code}"
        for lang in ("da", "en"):
            text = render(problem, lang)
            if any(digits in text for digits in CPR_SHOWN):
                return f"CPR number shown: {text}"
    return ""


def trial(mutations: list[Mutation] | tuple[Mutation, ...], folder: Path, base: bytes | None = None) -> Trial:
    """Apply the mutations to the base book, read the result, and judge it."""
    muts = tuple(mutations)
    try:
        data = apply(list(muts), base)
    except Exception as err:  # openpyxl refuses to write it (a title it forbids, ...): not a reader case
        return Trial(muts, NOT_WRITTEN, (), 0.0, type(err).__name__)
    path = folder / "fuzzed.xlsx"
    path.write_bytes(data)
    start = time.perf_counter()
    try:
        result = read_book(path)
    except Exception as err:
        return Trial(muts, BROKEN, (), time.perf_counter() - start, f"{type(err).__name__}: {err}")
    seconds = time.perf_counter() - start
    codes = tuple(p.code for p in result.errors)
    why = judge(result)
    if why:
        return Trial(muts, BROKEN, codes, seconds, why)
    return Trial(muts, VALID if result.instance is not None else REFUSED, codes, seconds)
