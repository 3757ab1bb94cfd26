"""Limits on an uploaded workbook, checked before openpyxl opens it (and, for rows and cells, while reading).

A workbook (.xlsx) is a zip of XML parts. Before anything is unpacked, the zip's central directory is read:
it holds every part's packed and unpacked size, so a zip bomb is refused without inflating a byte (Python's
zipfile never inflates a part beyond its declared size, and checks its CRC). Macro-enabled books are refused,
and so are OLE2 compound files (signature D0 CF 11 E0 A1 B1 1A E1): an old .xls, or an encrypted
(password-protected) .xlsx, which Excel stores as an OLE2 file holding an "EncryptedPackage" stream.

While reading, a sheet with data beyond `MAX_DATA_ROWS` rows is refused as soon as such a row is met (never
read to the end), and so is a book whose rows hold more than `MAX_CELLS` cells (a cell far to the right makes
every row that long). The limits are documented in docs/template.md and docs/reliability.md.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from optimiser.problems import Problem

MB = 1024 * 1024
MAX_FILE_BYTES = 20 * MB  # the file as uploaded
MAX_UNPACKED_BYTES = 200 * MB  # all parts of the zip, unpacked
MAX_COMPRESSION_RATIO = 100  # unpacked / packed size of one part ...
RATIO_MIN_BYTES = 1 * MB  # ... checked for parts that unpack to more than this (small parts may pack tightly)
MAX_DATA_ROWS = 100_000  # rows below the header, per sheet
MAX_CELLS = 5_000_000  # cells held in memory over the whole book: each row up to its last cell
EXCEL_MAX_ROWS = 1_048_576  # no sheet Excel writes has more rows; a file that claims more is not read on

OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream an encrypted OOXML file keeps its package in; names in OLE2 directories are UTF-16LE.
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
CONTENT_TYPES = "[Content_Types].xml"
MACRO_PARTS = ("vbaproject.bin",)  # VBA project, in any folder
MACRO_FOLDERS = ("xl/macrosheets/",)  # Excel 4.0 (XLM) macro sheets
MACRO_CONTENT_TYPE = b"macroenabled"  # e.g. application/vnd.ms-excel.sheet.macroEnabled.main+xml
BINARY_PART = "workbook.bin"  # the workbook part of a binary workbook (.xlsb)


def _problem(code: str, **args: object) -> Problem:
    return Problem(None, None, None, code, args)


def _megabytes(size: int) -> float:
    return round(size / MB, 1)


def check_file(path: Path) -> Problem | None:
    """The first limit a file breaks before it is opened as a workbook, or None.

    `path` must exist. Checked in order: size, OLE2 (encrypted or old .xls), zip, unpacked size,
    compression ratio, macros.
    """
    if not path.is_file():
        return _problem("not_xlsx", path=str(path))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return _problem("file_too_large", size_mb=_megabytes(size), max_mb=_megabytes(MAX_FILE_BYTES))
    with path.open("rb") as file:
        head = file.read(len(OLE2_SIGNATURE))
        if head == OLE2_SIGNATURE:
            file.seek(0)
            content = file.read()  # at most MAX_FILE_BYTES
            return _problem("encrypted" if ENCRYPTED_STREAM in content else "old_excel_format")
    try:
        with zipfile.ZipFile(path) as package:
            return _check_package(package)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return _problem("not_xlsx", path=str(path))


def _check_package(package: zipfile.ZipFile) -> Problem | None:
    parts = package.infolist()
    unpacked = sum(p.file_size for p in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        return _problem("unpacked_too_large", size_mb=_megabytes(unpacked), max_mb=_megabytes(MAX_UNPACKED_BYTES))
    for part in parts:
        if part.file_size > RATIO_MIN_BYTES and part.file_size > MAX_COMPRESSION_RATIO * max(1, part.compress_size):
            ratio = part.file_size // max(1, part.compress_size)
            return _problem("compression_too_high", ratio=ratio, max=MAX_COMPRESSION_RATIO)
    names = [p.filename.casefold() for p in parts]
    if any(n.endswith(BINARY_PART) for n in names):  # .xlsb: its content type says macro-enabled too
        return _problem("binary_workbook")
    if any(n.rsplit("/", 1)[-1] in MACRO_PARTS or n.startswith(MACRO_FOLDERS) for n in names):
        return _problem("macro_enabled")
    if CONTENT_TYPES in package.namelist():
        with package.open(CONTENT_TYPES) as types:
            if MACRO_CONTENT_TYPE in types.read(MB).lower():
                return _problem("macro_enabled")
    return None


# Counts are passed as floats so that messages show them with thousands separators (100.000).
def rows_beyond_limit(sheet: str) -> Problem:
    return Problem(sheet, None, None, "too_many_rows", {"max": float(MAX_DATA_ROWS)})


def cells_beyond_limit(sheet: str) -> Problem:
    return Problem(sheet, None, None, "too_many_cells", {"max": float(MAX_CELLS)})
