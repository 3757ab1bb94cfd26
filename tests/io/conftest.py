"""Fixtures for the workbook tests: a tiny instance, its book, and a reader of edited copies of it.

tiny_instance: 2 areas, 3 teams, 4 institutions, 2 professions, 3 weights, 5 staff, non-default parameters.
Its book's Excel rows: Områder 2-3, Teams 2-4 (T1, T2, T3), Institutioner 2-5 (I1-I4), Faggrupper 2-3
(psykolog, tale), Behovsvægte 2-4, Medarbejdere 2-6 (M1-M5).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import openpyxl
import pytest

from optimiser.domain import (
    Area,
    Instance,
    Institution,
    InstitutionType,
    NeedWeight,
    Parameters,
    Profession,
    Staff,
    Team,
)
from optimiser.io import ReadResult, read_book, write_book

SCHOOL, DAYCARE, LEISURE = InstitutionType.SCHOOL, InstitutionType.DAYCARE, InstitutionType.LEISURE

# (sheet, Excel row, column header) -> new value; a sheet's edits are applied after its structural changes.
Edits = dict[tuple[str, int, str], object]


def make_tiny_instance() -> Instance:
    return Instance(
        areas=(Area(id="O1", name="Nord"), Area(id="O2", name="Syd")),
        teams=(
            Team(id="T1", name="Nord 1", area_id="O1"),
            Team(id="T2", name="Nord 2", area_id="O1"),
            Team(id="T3", name="Syd", area_id="O2"),
        ),
        institutions=(
            Institution(
                id="I1",
                name="Skolen ved Søen",
                type=SCHOOL,
                team_id="T1",
                children=400,
                indicators={"risiko": 0.12, "sager": 8.0},
            ),
            Institution(
                id="I2",
                name="Børnehuset",
                type=DAYCARE,
                team_id="T2",
                children=60,
                indicators={"risiko": None, "sager": 2.0},
            ),
            Institution(
                id="I3",
                name="Fritten",
                type=LEISURE,
                team_id="T3",
                children=120,
                indicators={"risiko": 0.05, "sager": None},
            ),
            Institution(
                id="I4",
                name="Syd Skole",
                type=SCHOOL,
                team_id="T3",
                children=650,
                indicators={"risiko": 0.2, "sager": 14.0},
            ),
        ),
        professions=(
            Profession(
                id="psykolog",
                annual_cost_dkk=620_000,
                min_per_team=1,
                institution_types=frozenset({SCHOOL, DAYCARE}),
                practice_share=0.8,
                need_floor=0.5,
                need_blend=0.9,
                norm_children_per_fte=1500,
            ),
            Profession(
                id="tale",
                annual_cost_dkk=580_500.5,
                institution_types=frozenset(InstitutionType),
                practice_share=0.75,
                need_floor=0.6,
                contact_per_institution=False,
            ),
        ),
        need_weights=(
            NeedWeight(profession="psykolog", indicator="risiko", weight=0.6),
            NeedWeight(profession="psykolog", indicator="sager", weight=0.3),
            NeedWeight(profession="tale", indicator="sager", weight=0.5),
        ),
        staff=(
            Staff(id="M1", name="Anna", profession="psykolog", fte=1.0, area_id="O1", current_team_id="T1"),
            Staff(id="M2", profession="psykolog", fte=0.8, area_id="O1", current_team_id="T2", locked_team_id="T2"),
            Staff(
                id="M3",
                profession="psykolog",
                fte=0.5,
                area_id="O2",
                current_team_id="T3",
                competence_centre="I4",
                cost_override_dkk=650_000,
            ),
            Staff(id="M4", profession="tale", fte=1.0, area_id="O2", current_team_id="T3", preferred_team_id="T3"),
            Staff(id="M5", profession="tale", fte=0.6, area_id="O1", current_team_id="T1"),
        ),
        parameters=Parameters(
            area_boundary=False,
            disabled_rules=frozenset({"max-moves", "budget"}),
            team_size_min_fte=1.5,
            max_moves=5,
            budget_dkk=1_500_000,
            overhead_share=0.1,
            tolerance=0.05,
            objective="weighted",
            time_limit_s=30,
            seed=7,
            deterministic=True,
            contact_min_fte=0.1,
            min_coverage=0.9,
            weights={"equity": 20.0, "moves": 2.0},
            workers=4,
        ),
    )


@pytest.fixture
def tiny_instance() -> Instance:
    return make_tiny_instance()


@pytest.fixture
def tiny_book(tmp_path: Path, tiny_instance: Instance) -> Path:
    path = tmp_path / "tiny.xlsx"
    write_book(tiny_instance, path)
    return path


def column_index(ws: object, header: str) -> int:
    """1-based index of the column headed `header` in row 1."""
    for cell in ws[1]:  # type: ignore[index]
        if cell.value == header:
            return int(cell.column)
    raise KeyError(header)


@pytest.fixture
def read_edited(tiny_book: Path) -> Iterator[Callable[..., ReadResult]]:
    """Read the tiny book after edits:

    edits: {(sheet, row, header): value}; delete_sheets: [sheet]; delete_columns: [(sheet, header)];
    append: {sheet: [row values, ...]} (after the last row; a new sheet if there is none);
    blank_rows: [(sheet, row)] (cleared).
    """

    def read(
        edits: Edits | None = None,
        *,
        delete_sheets: tuple[str, ...] = (),
        delete_columns: tuple[tuple[str, str], ...] = (),
        append: dict[str, list[list[object]]] | None = None,
        blank_rows: tuple[tuple[str, int], ...] = (),
    ) -> ReadResult:
        book = openpyxl.load_workbook(tiny_book)
        for sheet, header in delete_columns:
            book[sheet].delete_cols(column_index(book[sheet], header))
        for sheet, row in blank_rows:
            for cell in book[sheet][row]:
                cell.value = None
        for sheet, rows in (append or {}).items():
            ws = book[sheet] if sheet in book.sheetnames else book.create_sheet(sheet)
            for values in rows:
                ws.append(values)
        for (sheet, row, header), value in (edits or {}).items():
            book[sheet].cell(row, column_index(book[sheet], header)).value = value
        for sheet in delete_sheets:
            del book[sheet]
        edited = tiny_book.with_name("edited.xlsx")
        book.save(edited)
        return read_book(edited)

    yield read


def found(result: ReadResult) -> list[tuple[str | None, int | None, str | None, str]]:
    """The errors as (sheet, row, column, code), in report order."""
    return [(p.sheet, p.row, p.column, p.code) for p in result.errors]


@pytest.fixture
def errors() -> Callable[[ReadResult], list[tuple[str | None, int | None, str | None, str]]]:
    return found
