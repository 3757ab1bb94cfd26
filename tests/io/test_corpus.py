"""The corpus of hand-made bad files (tests/data/bad, written by make_corpus.py): each gives exactly the
problems listed here, in order, as (sheet, row, column, code); a file with no problems reads to an instance."""

from __future__ import annotations

from pathlib import Path

import pytest

from optimiser.io import read_book, render

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"
FILE = (None, None, None)  # a problem with the file as a whole
MISSING = ["Områder", "Teams", "Institutioner", "Faggrupper", "Behovsvægte", "Medarbejdere", "Parametre"]

Expected = list[tuple[str | None, int | None, str | None, str]]
EXPECTED: dict[str, Expected] = {
    # not a workbook at all
    "empty_file.xlsx": [(*FILE, "not_xlsx")],
    "not_a_zip.xlsx": [(*FILE, "not_xlsx")],
    "csv_renamed.xlsx": [(*FILE, "not_xlsx")],
    "html_saved_as_xls.xls": [(*FILE, "not_xlsx")],
    "truncated_zip.xlsx": [(*FILE, "not_xlsx")],
    "opendocument_renamed.xlsx": [(*FILE, "not_xlsx")],
    "empty_workbook.xlsx": [(sheet, None, None, "missing_sheet") for sheet in MISSING],
    # refused before it is opened
    "zip_bomb.xlsx": [(*FILE, "compression_too_high")],
    "unpacked_too_large.xlsx": [(*FILE, "unpacked_too_large")],
    "macro_enabled.xlsm": [(*FILE, "macro_enabled")],
    "macro_sheet_xlm.xlsx": [(*FILE, "macro_enabled")],
    "binary_workbook.xlsb": [(*FILE, "binary_workbook")],
    "encrypted.xlsx": [(*FILE, "encrypted")],
    "old_excel.xls": [(*FILE, "old_excel_format")],
    "old_excel_renamed.xlsx": [(*FILE, "old_excel_format")],
    # refused while it is read (the XML parser refuses entity bombs and external entities: never expanded)
    "huge_rows.xlsx": [("Medarbejdere", None, None, "too_many_rows")],
    "row_number_overflow.xlsx": [("Medarbejdere", None, None, "too_many_rows")],
    "row_beyond_excel.xlsx": [("Medarbejdere", None, None, "too_many_rows")],
    "cells_far_right.xlsx": [("Noter", None, None, "too_many_cells")],
    "too_many_cell_formats.xlsx": [(*FILE, "part_too_large")],
    "strict_open_xml.xlsx": [(*FILE, "strict_ooxml")],
    "billion_laughs.xlsx": [(*FILE, "xml_doctype")],
    "external_entity.xlsx": [(*FILE, "xml_doctype")],
    "control_character.xlsx": [(*FILE, "not_xlsx")],
    "nan_in_number.xlsx": [("Institutioner", 2, "børn", "not_finite")],
    "bad_shared_string.xlsx": [("Teams", 3, "navn", "unreadable_cell")],
    "bad_cell_reference.xlsx": [("Teams", 3, None, "bad_cell_reference")],
    "duplicate_row_number.xlsx": [("Medarbejdere", 2, None, "duplicate_row")],
    # CPR numbers, wherever they are
    "cpr_in_text.xlsx": [("Medarbejdere", 2, "navn", "cpr_number")],
    "cpr_as_number.xlsx": [("Medarbejdere", 2, "medarbejder_id", "cpr_number")],
    "cpr_in_header.xlsx": [("Institutioner", 1, "T", "cpr_number")],
    "cpr_in_extra_sheet.xlsx": [("Noter", 2, "Note", "cpr_number")],
    "cpr_in_sheet_name.xlsx": [(*FILE, "cpr_sheet_name")],
    "cpr_disguised_in_cells.xlsx": [("Medarbejdere", row, "navn", "cpr_number") for row in (2, 3, 4, 5)],
    # outside cells: (sheet or None, None, None, "cpr_in_part"); test_hostile.py checks the place named
    "cpr_in_comment.xlsx": [("Medarbejdere", None, None, "cpr_in_part")],
    "cpr_in_header_footer.xlsx": [("Medarbejdere", None, None, "cpr_in_part")],
    "cpr_in_validation_prompt.xlsx": [("Medarbejdere", None, None, "cpr_in_part")],
    "cpr_in_hyperlink.xlsx": [("Medarbejdere", None, None, "cpr_in_part")],
    "cpr_in_defined_name.xlsx": [(*FILE, "cpr_in_part")],
    "cpr_in_core_properties.xlsx": [(*FILE, "cpr_in_part")],
    "cpr_in_app_properties.xlsx": [(*FILE, "cpr_in_part")],
    "cpr_in_custom_properties.xlsx": [(*FILE, "cpr_in_part")],
    # sheets and cells
    "duplicate_sheet.xlsx": [("Teams", None, None, "duplicate_sheet")],
    "only_one_sheet.xlsx": [(sheet, None, None, "missing_sheet") for sheet in MISSING[1:]],
    "merged_header.xlsx": [("Områder", 1, "navn", "missing_column")],
    "formula_error.xlsx": [("Institutioner", 2, "børn", "formula_error")],
    "formula_without_value.xlsx": [("Institutioner", 2, "børn", "missing_value")],
    "infinity.xlsx": [("Institutioner", 2, "børn", "not_finite")],
    "infinite_indicator.xlsx": [("Institutioner", 3, "idx", "not_finite")],
    "infinite_weight.xlsx": [("Behovsvægte", 2, "vægt", "not_finite")],
    "infinite_salary.xlsx": [("Faggrupper", 2, "årsløn_kr", "not_finite")],
    "nan_salary_override.xlsx": [("Medarbejdere", 2, "årsløn_kr", "not_finite")],
    "extreme_children.xlsx": [("Institutioner", 2, "børn", "implausible_value")],
    "huge_children.xlsx": [("Institutioner", 2, "børn", "implausible_value")],
    "extreme_salary.xlsx": [("Faggrupper", 2, "årsløn_kr", "implausible_value")],
    "extreme_weight.xlsx": [("Behovsvægte", 2, "vægt", "implausible_value")],
    "extreme_indicator.xlsx": [("Institutioner", 2, "idx", "implausible_value")],
    "date_for_children.xlsx": [("Institutioner", 2, "børn", "wrong_type")],
    "boolean_for_fte.xlsx": [("Medarbejdere", 2, "årsværk", "wrong_type")],
    "negative_children.xlsx": [("Institutioner", 2, "børn", "negative_count")],
    "text_too_long.xlsx": [("Medarbejdere", 2, "navn", "text_too_long")],
    # odd but valid
    "rows_out_of_order.xlsx": [],
    "invisible_header_characters.xlsx": [],
    "unicode_names.xlsx": [],
}


def test_every_file_in_the_corpus_has_an_expectation() -> None:
    assert sorted(p.name for p in BAD.iterdir() if p.suffix != ".py") == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file(name: str) -> None:
    result = read_book(BAD / name)
    assert [(p.sheet, p.row, p.column, p.code) for p in result.errors] == EXPECTED[name]
    assert (result.instance is None) == bool(EXPECTED[name])
    for problem in result.problems:
        for lang in ("da", "en"):
            text = render(problem, lang)
            assert "010203" not in text and "Traceback" not in text
