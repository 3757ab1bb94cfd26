"""The XML parts of a workbook, streamed before openpyxl builds a single object from them.

openpyxl reads the styles, the shared strings and the workbook part whole, into Python objects: a 13 MB file
whose styles.xml holds 2.2 million cell formats took 4.7 GB. Here each part that grows with the file is streamed
through expat and counted, and reading stops at the first limit passed. The limits (below, with their reasons;
listed in docs/template.md) are far above what Excel itself writes or a municipal book needs.

The same pass looks for CPR numbers wherever a workbook keeps text outside its cells: comments, defined names,
headers and footers, data-validation prompts, hyperlinks (the sheets' relationship parts), document properties.
Cell values are checked by the reader; sheet data is skipped here, never parsed twice.

A DTD (and so any entity) in a part is refused: Excel never writes one, and entities are how XML bombs and
external-entity attacks work. Strict Open XML (another namespace for the same parts) is named as such.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from xml.parsers import expat

from openpyxl.xml.constants import SHEET_MAIN_NS

from optimiser.io.cpr import contains_cpr
from optimiser.problems import Problem

STRICT_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CHUNK = 1 << 16

# (container, element) in the spreadsheet namespace -> (limit, what it counts). Excel allows 64,000 cell
# formats; the other style lists hold a few dozen entries in any real book (the template writes under 20).
COUNTED: dict[tuple[str, str], tuple[int, str]] = {
    ("cellXfs", "xf"): (64_000, "cell_formats"),
    ("cellStyleXfs", "xf"): (64_000, "cell_style_formats"),
    ("cellStyles", "cellStyle"): (64_000, "cell_styles"),
    ("fonts", "font"): (10_000, "fonts"),
    ("fills", "fill"): (10_000, "fills"),
    ("borders", "border"): (10_000, "borders"),
    ("numFmts", "numFmt"): (10_000, "number_formats"),  # Excel keeps 200-250 custom number formats
    ("dxfs", "dxf"): (64_000, "differential_formats"),  # conditional formatting
    ("sst", "si"): (1_000_000, "shared_strings"),  # 100,000 rows x 10 text columns, all different
    ("commentList", "comment"): (100_000, "comments"),  # counted over the whole book
    ("definedNames", "definedName"): (10_000, "defined_names"),
}
MAX_STYLE_ELEMENTS = 1_000_000  # anything else in styles.xml (colours, table styles, extensions, ...)
MAX_SHARED_CHARACTERS = 50_000_000  # all shared strings together: 50 characters for each of a million
LIMITS: dict[str, int] = {what: limit for limit, what in COUNTED.values()} | {
    "style_elements": MAX_STYLE_ELEMENTS,
    "shared_characters": MAX_SHARED_CHARACTERS,
}

_SHEET_DATA_START = re.compile(rb"<(?:[\w.-]+:)?sheetData\b[^>]*>")
_SHEET_DATA_END = re.compile(rb"</(?:[\w.-]+:)?sheetData\s*>")
_KEEP = 256  # bytes held back while looking for a tag that may straddle two chunks
# Where in a part a CPR number was found, by the element it is in (its own or an ancestor).
PLACES = {
    "comment": "comment",
    "author": "comment",
    "definedName": "defined_name",
    "headerFooter": "header_footer",
    "dataValidation": "data_validation",
    "hyperlink": "hyperlink",
    "Relationship": "hyperlink",
}


class _Stop(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


@dataclass
class Scan:
    """What the package told: problems (a limit passed or a refused kind of file is `fatal`), and the sheet
    each worksheet or comments part belongs to."""

    problems: list[Problem] = field(default_factory=list)
    fatal: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    sheet_ids: dict[str, str] = field(default_factory=dict)  # relationship id -> sheet name
    targets: dict[str, str] = field(default_factory=dict)  # relationship id -> part (workbook rels)
    sheet_of: dict[str, str] = field(default_factory=dict)  # part -> sheet name


def _local(name: str) -> tuple[str, str]:
    """(namespace, local name) of an expat name given with namespace_separator " "."""
    ns, _, local = name.rpartition(" ")
    return ns, local


class _Part:
    """Streams one part: counts what `COUNTED` limits, and records the first CPR number outside cell data."""

    def __init__(self, scan: Scan, name: str) -> None:
        self.scan = scan
        self.name = name
        self.stack: list[str] = []
        self.elements = 0
        self.cpr_found = False
        self.styles = name.rsplit("/", 1)[-1] == "styles.xml"
        self.shared = name.rsplit("/", 1)[-1].casefold() == "sharedstrings.xml"
        self.cell: str | None = None  # the comment's cell

    def _limit(self, what: str, count: int) -> None:
        if count > LIMITS[what]:
            args = {"part": self.name, "what": what, "max": float(LIMITS[what])}
            raise _Stop(Problem(None, None, None, "part_too_large", args))

    def start(self, name: str, attrs: dict[str, str]) -> None:
        ns, local = _local(name)
        if not self.stack and ns == STRICT_NS:
            raise _Stop(Problem(None, None, None, "strict_ooxml", {}))
        parent = self.stack[-1] if self.stack else ""
        self.stack.append(local)
        if self.styles:
            self.elements += 1
            self._limit("style_elements", self.elements)
        if ns == SHEET_MAIN_NS and (parent, local) in COUNTED:
            what = COUNTED[parent, local][1]
            self.scan.counts[what] = self.scan.counts.get(what, 0) + 1
            self._limit(what, self.scan.counts[what])
        if local == "sheet" and ns == SHEET_MAIN_NS:
            self.scan.sheet_ids[attrs.get(f"{REL_NS} id", "")] = attrs.get("name", "")
            return  # sheet names are checked by the reader, by position
        if local == "Relationship":
            base = posixpath.dirname(posixpath.dirname(self.name))  # xl/_rels/x.rels -> xl
            target = attrs.get("Target", "")
            part = posixpath.normpath(posixpath.join(base, target)).lstrip("/")
            self.scan.targets[attrs.get("Id", "")] = part
            if attrs.get("TargetMode") == "External":
                self._text(target)  # a hyperlink (or a link to another file)
            else:
                sheet = self.scan.sheet_of.get(self._owner())
                if sheet is not None:
                    self.scan.sheet_of[part] = sheet  # e.g. the sheet's comments part
            return
        if local == "comment":
            self.cell = attrs.get("ref")
        for value in attrs.values():
            self._text(value)

    def end(self, name: str) -> None:
        self.stack.pop()

    def text(self, data: str) -> None:
        if self.shared:
            total = self.scan.counts.get("shared_characters", 0) + len(data)
            self.scan.counts["shared_characters"] = total
            self._limit("shared_characters", total)
            return  # shown in cells, which the reader checks with their place
        if "TitlesOfParts" in self.stack:
            return  # the sheet names again, in app.xml
        self._text(data)

    def _owner(self) -> str:
        """The part a relationship part describes: xl/worksheets/_rels/sheet1.xml.rels -> xl/worksheets/sheet1.xml."""
        folder, file = posixpath.split(self.name)
        return posixpath.join(posixpath.dirname(folder), file.removesuffix(".rels"))

    def _text(self, text: str) -> None:
        if self.cpr_found or self.styles or not contains_cpr(text):
            return
        self.cpr_found = True  # one message per part is enough to find and fix it
        place = next((PLACES[e] for e in reversed(self.stack) if e in PLACES), "properties")
        if place == "properties" and not self.name.startswith("docProps/"):
            place = "other"
        sheet = self.scan.sheet_of.get(self._owner() if self.name.endswith(".rels") else self.name)
        args: dict[str, object] = {"part": self.name, "place": place}
        if place == "comment" and self.cell:
            args["cell"] = self.cell
        self.scan.problems.append(Problem(sheet, None, None, "cpr_in_part", args))


def _feed(parser: expat.XMLParserType, source: IO[bytes], skip_sheet_data: bool) -> None:
    """Feed a part to `parser`, leaving out the content of <sheetData> when asked: the cells are read once,
    by the reader, and the start and end tags keep the document whole."""
    state = "before" if skip_sheet_data else "all"
    held = b""
    while chunk := source.read(CHUNK):
        if state == "all":
            parser.Parse(chunk, False)
            continue
        data = held + chunk
        if state == "before":
            start = _SHEET_DATA_START.search(data)
            if start is None:
                parser.Parse(data[:-_KEEP], False)
                held = data[-_KEEP:]
                continue
            parser.Parse(data[: start.end()], False)
            data, state = data[start.end() :], "all" if start.group().endswith(b"/>") else "inside"
            if state == "all":
                parser.Parse(data, False)
                held = b""
                continue
        end = _SHEET_DATA_END.search(data)
        if end is None:
            held = data[-_KEEP:]
            continue
        parser.Parse(data[end.start() :], False)
        state, held = "all", b""
    parser.Parse(held if state == "before" else b"", True)


def _refuse_dtd(*_: object) -> None:
    raise _Stop(Problem(None, None, None, "xml_doctype", {}))


def _stream(package: zipfile.ZipFile, name: str, scan: Scan) -> None:
    part = _Part(scan, name)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.StartElementHandler = part.start
    parser.EndElementHandler = part.end
    parser.CharacterDataHandler = part.text
    parser.buffer_text = True
    with package.open(name) as source:
        _feed(parser, source, name.startswith("xl/worksheets/") and name.endswith(".xml"))


def _order(name: str) -> tuple[int, str]:
    """The workbook and its relationships first (they name the sheets), then the sheets' relationships."""
    for rank, prefix in enumerate(("xl/workbook.xml", "xl/_rels/", "xl/worksheets/_rels/")):
        if name.startswith(prefix):
            return rank, name
    return 3, name


def _wanted(name: str) -> bool:
    folder, file = posixpath.split(name.casefold())
    if folder == "docprops":
        return file.endswith(".xml")
    if folder in ("xl/worksheets", "xl/worksheets/_rels", "xl/_rels"):
        return file.endswith((".xml", ".rels"))
    return folder.startswith("xl") and (
        file in ("styles.xml", "sharedstrings.xml", "workbook.xml") or file.startswith(("comment", "threadedcomment"))
    )


def scan(path: Path) -> Scan:
    """Stream the parts of the package at `path` (already checked by `limits.check_file`)."""
    result = Scan()
    try:
        with zipfile.ZipFile(path) as package:
            names = sorted((n for n in package.namelist() if _wanted(n)), key=_order)
            for name in names:
                if _order(name)[0] >= 2 and not result.sheet_of:
                    _name_sheets(result)
                try:
                    _stream(package, name, result)
                except expat.ExpatError as err:
                    args = {"part": name, "line": err.lineno}
                    return Scan([Problem(None, None, None, "part_not_xml", args)], fatal=True)
    except _Stop as stop:
        return Scan([stop.problem], fatal=True)
    return result


def _name_sheets(result: Scan) -> None:
    result.sheet_of = {result.targets[rid]: sheet for rid, sheet in result.sheet_ids.items() if rid in result.targets}
