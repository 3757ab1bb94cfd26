"""The template and filled books: layout, help for the planner, and the round trip through read_book."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from optimiser.domain import Instance, Parameters
from optimiser.io import read_book, write_book, write_template
from optimiser.io.columns import (
    ENTITY_SHEETS,
    INSTITUTIONS,
    INSTRUCTIONS,
    PARAMETERS,
    PARAMS,
    PROFESSIONS,
    SHEETS,
    normalise,
)
from optimiser.io.read import MODELS
from optimiser.settings import SolverSettings


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "template.xlsx"
    write_template(path)
    return path


def test_template_has_instructions_first_then_every_sheet(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    assert book.sheetnames == [INSTRUCTIONS, *(s.name for s in SHEETS)]
    guide = "\n".join(str(c.value) for row in book[INSTRUCTIONS].iter_rows() for c in row if c.value)
    for sheet in SHEETS:
        assert f"Arket {sheet.name}" in guide
        for column in sheet.columns:
            assert column.help_da in guide


def test_headers_are_bold_frozen_and_explained(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    for sheet in SHEETS:
        ws = book[sheet.name]
        assert ws.freeze_panes == "A2"
        assert [c.value for c in ws[1]] == [c.name for c in sheet.columns]
        for column, cell in zip(sheet.columns, ws[1], strict=True):
            assert cell.font.bold
            assert cell.comment is not None
            assert column.help_da in cell.comment.text
            assert ws.column_dimensions[cell.column_letter].width == column.width


def test_template_has_drop_downs_and_number_formats(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    rules = {str(dv.sqref): dv for dv in book["Institutioner"].data_validations.dataValidation}
    assert rules["C2:C1001"].formula1 == '"skole,dagtilbud,fritid"'
    assert rules["D2:D1001"].formula1 == "'Teams'!$A$2:$A$1001"
    staff = {str(dv.sqref): dv for dv in book["Medarbejdere"].data_validations.dataValidation}
    assert staff["C2:C1001"].formula1 == "'Faggrupper'!$A$2:$A$1001"
    assert (staff["D2:D1001"].type, staff["D2:D1001"].formula1, staff["D2:D1001"].formula2) == (
        "decimal",
        "0.01",
        "1",
    )
    # column B is the display name (navn), so the cost is C and the contact flag J
    professions = {str(dv.sqref): dv for dv in book["Faggrupper"].data_validations.dataValidation}
    assert professions["J2:J1001"].formula1 == '"ja,nej"'
    assert book["Medarbejdere"].column_dimensions["D"].number_format == "0.00"
    assert book["Faggrupper"].column_dimensions["C"].number_format == "#,##0"


def test_template_lists_every_parameter_at_its_default(template: Path) -> None:
    ws = openpyxl.load_workbook(template)[PARAMETERS.name]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert [r[0] for r in rows] == [p.key for p in PARAMS]
    assert all(r[3] for r in rows)  # every key is described
    by_key = {r[0]: r[1] for r in rows}
    assert by_key["behovsmodel"] == "fordeling"
    assert by_key["områdegrænse"] == "ja"
    assert by_key["tidsgrænse_s"] == 60
    assert by_key["maks_flytninger"] is None
    rules = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert rules["B2"] == '"fordeling,norm"'


def test_empty_template_reads_as_empty_sheets_only(template: Path) -> None:
    result = read_book(template)
    assert result.instance is None
    assert [(p.sheet, p.row, p.column, p.code) for p in result.problems] == [
        (name, None, None, "empty_sheet")
        for name in ("Områder", "Teams", "Institutioner", "Faggrupper", "Medarbejdere")
    ]


def test_round_trip(tmp_path: Path, tiny_instance: Instance) -> None:
    first = tmp_path / "first.xlsx"
    write_book(tiny_instance, first)
    result = read_book(first)
    assert result.problems == []
    assert result.instance == tiny_instance
    second = tmp_path / "second.xlsx"
    write_book(result.instance, second)
    again = read_book(second)
    assert again.problems == []
    assert again.instance == tiny_instance


def test_round_trip_of_default_parameters(tmp_path: Path, tiny_instance: Instance) -> None:
    plain = tiny_instance.model_copy(update={"parameters": Parameters()})
    write_book(plain, tmp_path / "plain.xlsx")
    assert read_book(tmp_path / "plain.xlsx").instance == plain


def test_filled_book_has_indicator_columns_and_formats(tiny_book: Path) -> None:
    book = openpyxl.load_workbook(tiny_book)
    header = [c.value for c in book[INSTITUTIONS.name][1]]
    assert header == [*(c.name for c in INSTITUTIONS.columns), "risiko", "sager"]
    risiko = get_column_letter(header.index("risiko") + 1)  # after the fixed columns (bydel, … since issue 11)
    assert book[INSTITUTIONS.name][f"{risiko}3"].value is None  # not reported
    assert book[PROFESSIONS.name]["C2"].number_format == "#,##0"
    assert book[PROFESSIONS.name]["E3"].value == "skole, dagtilbud, fritid"
    assert book["Medarbejdere"]["D3"].number_format == "0.00"


def test_every_domain_field_has_a_column_and_every_parameter_a_key() -> None:
    for sheet in ENTITY_SHEETS:
        assert sheet.entity is not None
        fields = {c.field for c in sheet.columns}
        assert fields | {"indicators"} >= set(MODELS[sheet.entity].model_fields), sheet.name
    params = {p.field for p in PARAMS}
    assert params == set(Parameters.model_fields) | set(SolverSettings.model_fields)
    assert {p.field for p in PARAMS if p.solver} == set(SolverSettings.model_fields)


def test_names_are_unique_after_normalising() -> None:
    for sheet in SHEETS:
        names = [normalise(c.name) for c in sheet.columns]
        assert len(names) == len(set(names)), sheet.name
    assert len({normalise(p.key) for p in PARAMS}) == len(PARAMS)
