"""Write the corpus of hand-made bad workbooks in this folder: `python tests/data/bad/make_corpus.py`.

Each file is named for what is wrong with it; tests/io/test_corpus.py holds the problems each must give.
Most start from the fuzzer's small valid base book (tests/helpers/badbooks.py) and break one thing.
The files are committed, so the tests do not depend on this script; run it again after changing it.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.comments import Comment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "helpers"))

from badbooks import (  # noqa: E402
    FIXED_TIME,
    Mutation,
    apply,
    base_book,
    edit_part,
    edit_sheet_xml,
    on_sheet,
    raw_number,
    rewrite_zip,
    set_raw_cell,
    styles_bomb,
)

from optimiser.io.limits import EXCEL_MAX_ROWS, MAX_CELLS, MAX_DATA_ROWS, MAX_UNPACKED_BYTES, MB  # noqa: E402
from optimiser.io.package import LIMITS, STRICT_NS  # noqa: E402

# -- OLE2 compound files (the container of old .xls files and of encrypted .xlsx files) -----------------

SECTOR = 512
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded,
        len(encoded),
        kind,  # 0 empty, 2 stream, 5 root
        1,  # black
        NO_STREAM,
        right,
        child,
        b"",
        0,
        0,
        0,
        start,
        size,
    )


def ole2(streams: dict[str, bytes]) -> bytes:
    """A minimal version-3 compound file: one FAT sector, one directory sector, the streams after them.

    Streams are padded to 4,096 bytes so that they live in ordinary sectors (no mini stream is needed).
    At most three streams (one directory sector holds four entries, the root among them).
    """
    assert len(streams) <= 3
    bodies = [content.ljust(4096, b"\0") for content in streams.values()]
    fat = [FAT_SECTOR, END]
    entries = [b""]  # the root, filled in below
    for n, ((name, content), body) in enumerate(zip(streams.items(), bodies, strict=True)):
        start = len(fat)
        count = len(body) // SECTOR
        fat += [start + k + 1 for k in range(count - 1)] + [END]
        right = n + 2 if n + 1 < len(streams) else NO_STREAM
        entries.append(_entry(name, 2, NO_STREAM, right, start, len(content)))
    entries[0] = _entry("Root Entry", 5, 1 if streams else NO_STREAM, NO_STREAM, END, 0)
    entries += [_entry("", 0, NO_STREAM, NO_STREAM, 0, 0)] * (4 - len(entries))
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"",
        0x3E,
        3,
        0xFFFE,
        9,  # 512-byte sectors
        6,
        b"",
        0,
        1,  # FAT sectors
        1,  # first directory sector
        0,
        4096,
        END,  # no mini FAT
        0,
        END,  # no DIFAT sectors
        0,
    )
    header += struct.pack("<I", 0) + struct.pack("<108I", *([FREE] * 108))
    fat_sector = struct.pack(f"<{SECTOR // 4}I", *(fat + [FREE] * (SECTOR // 4 - len(fat))))
    return header + fat_sector + b"".join(entries) + b"".join(bodies)


ENCRYPTION_INFO = (
    b"\x04\x00\x04\x00\x40\x00\x00\x00"  # agile encryption, version 4.4
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">'
    b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
    b'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="AAAAAAAAAAAAAAAAAAAAAA=="/>'
    b"</encryption>"
)
BIFF8_BOF = struct.pack("<HHHHII", 0x0809, 16, 0x0600, 0x0005, 0, 0)  # the first record of an .xls


# -- builders ------------------------------------------------------------------------------------------


def _book(*edits: Callable[[Any], object]) -> bytes:
    """The base book with openpyxl edits of whole books."""
    return apply([Mutation("corpus", "", book=edit) for edit in edits])


def _cell(sheet: str, ref: str, value: object) -> bytes:
    def edit(ws: Any) -> None:
        ws[ref] = value

    return apply([Mutation("corpus", "", book=on_sheet(sheet, edit))])


def _stored(parts: dict[str, bytes], method: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as package:
        for name, content in parts.items():
            package.writestr(zipfile.ZipInfo(name, FIXED_TIME), content, method)
    return out.getvalue()


def _xml_row(sheet: str, row: int, cells: str) -> bytes:
    """The base book with one raw row added at the end of a sheet's data."""
    return edit_sheet_xml(
        base_book(), sheet, lambda xml: xml.replace("</sheetData>", f'<row r="{row}">{cells}</row></sheetData>')
    )


def _first_text(sheet: str, change: Callable[[str], str]) -> bytes:
    """The base book with the first inline or shared text of a sheet changed in its raw XML."""

    def edit(xml: str) -> str:
        start = xml.index("<t>") + len("<t>")
        end = xml.index("</t>", start)
        return xml[:start] + change(xml[start:end]) + xml[end:]

    return edit_sheet_xml(base_book(), sheet, edit)


def _with_doctype(sheet: str, doctype: str, entity: str) -> bytes:
    """A sheet whose XML declares a DTD and uses one of its entities in its first text."""

    def edit(xml: str) -> str:
        if xml.startswith("<?xml"):
            xml = xml.split("?>", 1)[1]
        start = xml.index("<t>") + len("<t>")
        end = xml.index("</t>", start)
        return f'<?xml version="1.0"?>{doctype}' + xml[:start] + f"&{entity};" + xml[end:]

    return edit_sheet_xml(base_book(), sheet, edit)


BILLION_LAUGHS = (
    "<!DOCTYPE worksheet [<!ENTITY lol0 'lol'>"
    + "".join(f"<!ENTITY lol{n} '{f'&lol{n - 1};' * 10}'>" for n in range(1, 10))
    + "]>"
)
EXTERNAL_ENTITY = '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
MACRO_TYPES = (
    '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
)


def _macro_enabled() -> bytes:
    def types(name: str, content: bytes) -> bytes:
        if name != "[Content_Types].xml":
            return content
        text = content.decode().replace(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", MACRO_TYPES[1]
        )
        return text.replace("<Default ", MACRO_TYPES[0] + "<Default ", 1).encode()

    return rewrite_zip(base_book(), types, {"xl/vbaProject.bin": ole2({"VBA": b'Attribute VB_Name = "Modul1"'})})


def _far_right() -> bytes:
    rows = MAX_CELLS // 16_384 + 1  # each row reaches column XFD, the last one

    def notes(book: Any) -> None:
        ws = book.create_sheet("Noter")
        for row in range(1, rows + 1):
            ws.cell(row, 16_384).value = "x"

    return _book(notes)


def _unpacked_too_large() -> bytes:
    # bzip2 packs the filler to a few hundred bytes, so the file stays small; Excel itself only deflates.
    filler = b" " * (MAX_UNPACKED_BYTES // 3 + MB)
    source = zipfile.ZipFile(io.BytesIO(base_book()))
    contents = {info.filename: source.read(info) for info in source.infolist()}
    contents |= {f"xl/media/filler{n}.bin": filler for n in range(3)}
    return _stored(contents, zipfile.ZIP_BZIP2)


def _zip_bomb() -> bytes:
    # Excel's own parts pack 5 to 15 times; 20 MB of spaces packs about a thousand times.
    return edit_sheet_xml(
        base_book(), "Vejledning", lambda xml: xml.replace("</sheetData>", " " * (20 * MB) + "</sheetData>")
    )


def _rows_of(sheet: str, change: Callable[[list[str]], list[str]]) -> bytes:
    """The base book with the raw `<row>` elements of a sheet reordered or renumbered by `change`."""

    def edit(xml: str) -> str:
        start, end = xml.index("<row "), xml.index("</sheetData>")
        rows = [r + "</row>" for r in xml[start:end].split("</row>") if r]
        return xml[:start] + "".join(change(rows)) + xml[end:]

    return edit_sheet_xml(base_book(), sheet, edit)


def _swap_rows(rows: list[str]) -> list[str]:
    return [rows[0], rows[2], rows[1], *rows[3:]]  # row 3 before row 2


def _renumber_row(rows: list[str]) -> list[str]:
    return [rows[0], rows[1], rows[2].replace('<row r="3"', '<row r="2"', 1), *rows[3:]]  # row 2 twice


def _strict() -> bytes:
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    return edit_part(base_book(), "xl/workbook.xml", lambda xml: xml.replace(main, STRICT_NS))


def _xlsb() -> bytes:
    types = (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/xl/workbook.bin" ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
        "</Types>"
    )
    parts = {
        "[Content_Types].xml": types.encode(),
        "xl/workbook.bin": bytes(range(256)),
        "xl/worksheets/sheet1.bin": b"\0",
    }
    return _stored(parts, zipfile.ZIP_DEFLATED)


def _staff_sheet(edit: Callable[[Any], object]) -> bytes:
    return apply([Mutation("corpus", "", book=on_sheet("Medarbejdere", edit))])


def _comment(ws: Any) -> None:
    ws["B3"].comment = Comment("Barn 01 01 80 12 34", "Planlægger")


def _header(ws: Any) -> None:
    ws.oddHeader.center.text = "Udskrevet for 010180\u20131234"


def _prompt(ws: Any) -> None:
    rule = DataValidation(type="list", formula1='"a,b"', prompt="Fx 01.01.80-1234", showInputMessage=True)
    rule.add("B2:B9")
    ws.add_data_validation(rule)


def _hyperlink(ws: Any) -> None:
    ws["B2"].hyperlink = "https://sag.example.org/borger?cpr=0101801234"


def _defined_name(book: Any) -> None:
    book.defined_names["Barn"] = DefinedName("Barn", attr_text='"01-01-80-1234"')


def _creator(book: Any) -> None:
    book.properties.creator = "\uff10\uff11\uff10\uff11\uff18\uff10 1234"


def _app_company() -> bytes:
    return edit_part(
        base_book(),
        "docProps/app.xml",
        lambda xml: xml.replace("</Properties>", "<Company>010180/1234</Company></Properties>"),
    )


CUSTOM_PROPERTIES = (
    '<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property '
    'fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Sag"><vt:lpwstr>010180\u00a01234</vt:lpwstr>'
    "</property></Properties>"
)


def _disguised_cells(ws: Any) -> None:
    for row, value in enumerate(("01 01 80 12 34", "010180\u200b1234", "01.01.80-1234", "010180 1234"), start=2):
        ws.cell(row, 2).value = value


def _invisible_headers(book: Any) -> None:
    book["Teams"]["B1"] = "na\u200bvn"  # zero-width space
    book["Medarbejdere"]["A1"] = "medarbejder\u00a0id"  # no-break space


def _duplicate_sheet(book: Any) -> None:
    copy = book.copy_worksheet(book["Teams"])
    copy.title = "Teams "


def _keep_only(sheet: str) -> Callable[[Any], None]:
    def edit(book: Any) -> None:
        for ws in list(book.worksheets):
            if ws.title != sheet:
                book.remove(ws)

    return edit


def _notes(*rows: list[object]) -> Callable[[Any], None]:
    def edit(book: Any) -> None:
        ws = book.create_sheet("Noter")
        for row in rows:
            ws.append(row)

    return edit


def _empty_workbook() -> bytes:
    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    return out.getvalue()


def _ods() -> bytes:
    return _stored(
        {
            "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
            "content.xml": b'<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:'
            b'opendocument:xmlns:office:1.0"/>',
        },
        zipfile.ZIP_STORED,
    )


CORPUS: dict[str, Callable[[], bytes]] = {
    # not a workbook at all
    "empty_file.xlsx": lambda: b"",
    "not_a_zip.xlsx": lambda: b"This is not a workbook.\n" * 4,
    "csv_renamed.xlsx": lambda: "område_id;navn\nO1;Nord\nO2;Syd\n".encode(),
    "html_saved_as_xls.xls": lambda: b"<html><body><table><tr><td>O1</td></tr></table></body></html>",
    "truncated_zip.xlsx": lambda: base_book()[: len(base_book()) // 2],
    "opendocument_renamed.xlsx": _ods,
    "empty_workbook.xlsx": _empty_workbook,
    # refused before it is opened
    "zip_bomb.xlsx": _zip_bomb,
    "unpacked_too_large.xlsx": _unpacked_too_large,
    "macro_enabled.xlsm": _macro_enabled,
    "binary_workbook.xlsb": _xlsb,
    "macro_sheet_xlm.xlsx": lambda: rewrite_zip(
        base_book(), lambda _, content: content, {"xl/macrosheets/sheet1.xml": b"<xm:macrosheet/>"}
    ),
    "encrypted.xlsx": lambda: ole2({"EncryptionInfo": ENCRYPTION_INFO, "EncryptedPackage": bytes(range(256)) * 8}),
    "old_excel.xls": lambda: ole2({"Workbook": BIFF8_BOF}),
    "old_excel_renamed.xlsx": lambda: ole2({"Workbook": BIFF8_BOF}),
    # refused while it is read
    "huge_rows.xlsx": lambda: _cell("Medarbejdere", f"A{MAX_DATA_ROWS + 2}", "S99"),
    "row_number_overflow.xlsx": lambda: _xml_row(
        "Medarbejdere", 999_999_999, '<c r="A999999999" t="inlineStr"><is><t>S99</t></is></c>'
    ),
    "row_beyond_excel.xlsx": lambda: _xml_row("Medarbejdere", EXCEL_MAX_ROWS + 1, ""),
    "cells_far_right.xlsx": _far_right,
    "too_many_cell_formats.xlsx": lambda: styles_bomb(LIMITS["cell_formats"] + 1),
    "strict_open_xml.xlsx": _strict,
    "billion_laughs.xlsx": lambda: _with_doctype("Områder", BILLION_LAUGHS, "lol9"),
    "external_entity.xlsx": lambda: _with_doctype("Områder", EXTERNAL_ENTITY, "xxe"),
    "control_character.xlsx": lambda: _first_text("Områder", lambda text: text + "\x01"),
    "nan_in_number.xlsx": lambda: edit_sheet_xml(
        base_book(), "Institutioner", lambda xml: xml.replace("<v>300</v>", "<v>NaN</v>", 1)
    ),
    "bad_shared_string.xlsx": lambda: set_raw_cell(base_book(), "Teams", "B3", '<c r="B3" t="s"><v>99</v></c>'),
    "bad_cell_reference.xlsx": lambda: set_raw_cell(
        base_book(), "Teams", "B3", '<c r="ZZZZ3" t="inlineStr"><is><t>x</t></is></c>'
    ),
    "rows_out_of_order.xlsx": lambda: _rows_of("Medarbejdere", _swap_rows),
    "duplicate_row_number.xlsx": lambda: _rows_of("Medarbejdere", _renumber_row),
    # CPR numbers
    "cpr_in_text.xlsx": lambda: _cell("Medarbejdere", "B2", "Barn 010203-1234"),
    "cpr_as_number.xlsx": lambda: _cell("Medarbejdere", "A2", 102031234),
    "cpr_in_header.xlsx": lambda: _cell("Institutioner", "T1", "010203-1234"),
    "cpr_in_extra_sheet.xlsx": lambda: _book(_notes(["Om", "Note"], ["x", "Barn 010203-1234"])),
    "cpr_in_sheet_name.xlsx": lambda: _book(lambda b: b.create_sheet("Barn 010203-1234")),
    "cpr_disguised_in_cells.xlsx": lambda: _staff_sheet(_disguised_cells),
    "cpr_in_comment.xlsx": lambda: _staff_sheet(_comment),
    "cpr_in_header_footer.xlsx": lambda: _staff_sheet(_header),
    "cpr_in_validation_prompt.xlsx": lambda: _staff_sheet(_prompt),
    "cpr_in_hyperlink.xlsx": lambda: _staff_sheet(_hyperlink),
    "cpr_in_defined_name.xlsx": lambda: _book(_defined_name),
    "cpr_in_core_properties.xlsx": lambda: _book(_creator),
    "cpr_in_app_properties.xlsx": _app_company,
    "cpr_in_custom_properties.xlsx": lambda: rewrite_zip(
        base_book(), lambda _, content: content, {"docProps/custom.xml": CUSTOM_PROPERTIES.encode()}
    ),
    # sheets and cells
    "duplicate_sheet.xlsx": lambda: _book(_duplicate_sheet),
    "only_one_sheet.xlsx": lambda: _book(_keep_only("Områder")),
    "merged_header.xlsx": lambda: _book(lambda b: b["Områder"].merge_cells("A1:B1")),
    "formula_error.xlsx": lambda: _cell("Institutioner", "E2", "#DIV/0!"),
    "formula_without_value.xlsx": lambda: _cell("Institutioner", "E2", "=1/0"),
    "infinity.xlsx": lambda: edit_sheet_xml(
        base_book(), "Institutioner", lambda xml: xml.replace("<v>300</v>", "<v>1e999</v>", 1)
    ),
    "infinite_indicator.xlsx": lambda: raw_number(base_book(), "Institutioner", "F3", "1E999"),
    "infinite_weight.xlsx": lambda: raw_number(base_book(), "Behovsvægte", "C2", "-1E999"),
    "infinite_salary.xlsx": lambda: raw_number(base_book(), "Faggrupper", "B2", "1E999"),
    "nan_salary_override.xlsx": lambda: raw_number(base_book(), "Medarbejdere", "J2", "NaN"),
    "extreme_children.xlsx": lambda: raw_number(base_book(), "Institutioner", "E2", "1000000000000000000"),
    "extreme_salary.xlsx": lambda: raw_number(base_book(), "Faggrupper", "B2", "1e300"),
    "extreme_weight.xlsx": lambda: raw_number(base_book(), "Behovsvægte", "C2", "-1e200"),
    "extreme_indicator.xlsx": lambda: _cell("Institutioner", "F2", 1e12),
    "date_for_children.xlsx": lambda: _cell("Institutioner", "E2", dt.datetime(2025, 3, 1)),
    "boolean_for_fte.xlsx": lambda: _cell("Medarbejdere", "D2", True),
    "negative_children.xlsx": lambda: _cell("Institutioner", "E2", -5),
    "huge_children.xlsx": lambda: _cell("Institutioner", "E2", 10**30),
    "text_too_long.xlsx": lambda: _cell("Medarbejdere", "B2", "x" * 201),
    "invisible_header_characters.xlsx": lambda: _book(_invisible_headers),
    "unicode_names.xlsx": lambda: apply(
        [
            Mutation("corpus", "", book=on_sheet("Medarbejdere", lambda ws: ws.cell(2, 2, "مريم 😀"))),
            Mutation("corpus", "", book=on_sheet("Medarbejdere", lambda ws: ws.cell(3, 2, "\u202eevil\u200b"))),
        ]
    ),
}


def main() -> int:
    for old in HERE.glob("*.xls*"):
        old.unlink()
    for name, build in CORPUS.items():
        (HERE / name).write_bytes(build())
        print(f"{name:32} {(HERE / name).stat().st_size:>9,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
