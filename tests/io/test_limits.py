"""Limits checked before a workbook is opened: size, OLE2 (encrypted or old .xls), zip, unpacked size,
compression ratio, binary and macro-enabled books; and the row and cell limits' problems."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from optimiser.io import limits
from optimiser.io.limits import MB, OLE2_SIGNATURE, cells_beyond_limit, check_file, rows_beyond_limit
from optimiser.problems import Problem

TYPES = '<?xml version="1.0"?><Types><Default Extension="xml" ContentType="application/xml"/></Types>'


def book(path: Path, parts: dict[str, bytes | str], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as package:
        for name, content in parts.items():
            package.writestr(name, content)
    return path


def problem(code: str, **args: object) -> Problem:
    return Problem(None, None, None, code, args)


def test_a_plain_package_passes(tmp_path: Path) -> None:
    assert check_file(book(tmp_path / "ok.xlsx", {"[Content_Types].xml": TYPES, "xl/workbook.xml": "<w/>"})) is None


def test_a_file_above_the_size_limit_is_refused_before_it_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", MB)
    path = tmp_path / "big.xlsx"
    path.write_bytes(b"\0" * (3 * MB // 2))
    assert check_file(path) == problem("file_too_large", size_mb=1.5, max_mb=1.0)


def test_ole2_files_are_encrypted_books_or_old_excel(tmp_path: Path) -> None:
    encrypted, old = tmp_path / "kode.xlsx", tmp_path / "gammel.xls"
    encrypted.write_bytes(OLE2_SIGNATURE + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le"))
    old.write_bytes(OLE2_SIGNATURE + b"\0" * 100 + "Workbook".encode("utf-16-le"))
    assert check_file(encrypted) == problem("encrypted")
    assert check_file(old) == problem("old_excel_format")


def test_what_is_no_zip_is_no_workbook(tmp_path: Path) -> None:
    text = tmp_path / "data.xlsx"
    text.write_text("id;navn\n1;Nord\n", encoding="utf-8")
    assert check_file(text) == problem("not_xlsx", path=str(text))
    assert check_file(tmp_path) == problem("not_xlsx", path=str(tmp_path))  # a folder


def test_a_package_that_unpacks_too_large_is_refused_from_its_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", MB)
    path = book(tmp_path / "stor.xlsx", {"a.xml": b"a" * (MB // 2), "b.xml": b"b" * MB}, zipfile.ZIP_STORED)
    assert check_file(path) == problem("unpacked_too_large", size_mb=1.5, max_mb=1.0)


def test_a_part_packed_far_tighter_than_excel_packs_is_a_zip_bomb(tmp_path: Path) -> None:
    path = book(tmp_path / "bombe.xlsx", {"xl/sharedStrings.xml": b"\0" * (2 * MB)})
    (part,) = zipfile.ZipFile(path).infolist()
    assert part.file_size // part.compress_size > limits.MAX_COMPRESSION_RATIO  # zeros pack about 1,000 to 1
    ratio = part.file_size // part.compress_size
    assert check_file(path) == problem("compression_too_high", ratio=ratio, max=100)


def test_a_small_part_may_pack_tightly(tmp_path: Path) -> None:
    assert check_file(book(tmp_path / "lille.xlsx", {"xl/styles.xml": b"\0" * MB})) is None  # 1 MB: not above


@pytest.mark.parametrize(
    ("parts", "code"),
    [
        ({"xl/vbaProject.bin": b"\0"}, "macro_enabled"),
        ({"xl/macrosheets/sheet1.xml": "<m/>"}, "macro_enabled"),
        (
            {
                "[Content_Types].xml": TYPES.replace(
                    "application/xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
                )
            },
            "macro_enabled",
        ),
        ({"xl/workbook.bin": b"\0", "xl/vbaProject.bin": b"\0"}, "binary_workbook"),
    ],
)
def test_macros_and_binary_books_are_refused(tmp_path: Path, parts: dict[str, bytes | str], code: str) -> None:
    assert check_file(book(tmp_path / "makro.xlsm", parts)) == problem(code)


def test_the_row_and_cell_limits_name_the_sheet_and_the_limit() -> None:
    assert rows_beyond_limit("Medarbejdere") == Problem("Medarbejdere", None, None, "too_many_rows", {"max": 100_000.0})
    assert cells_beyond_limit("Ark") == Problem("Ark", None, None, "too_many_cells", {"max": 5_000_000.0})
