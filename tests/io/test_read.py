"""Reading books as planners edit them: lenient about form, strict about content, never raising."""

from __future__ import annotations

from collections.abc import Callable
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
from optimiser.io import BookError, load_instance, read_book
from optimiser.io.read import ReadResult

Read = Callable[..., ReadResult]
Found = list[tuple[str | None, int | None, str | None, str]]
Errors = Callable[[ReadResult], Found]

# Sheets as a planner might leave them: columns reordered, headers in other case and spacing, extra columns,
# numbers as text with decimal commas and thousands dots, percentages, ids that Excel made numbers, blank rows.
LENIENT: dict[str, list[list[object]]] = {
    "Områder": [["Navn", "  OMRÅDE_ID "], ["Nord", 1], [None, None], ["Syd", "2"], [None, "  "], [None, None]],
    "Teams": [["team_id", "Navn", "område id", "kommentar"], [10, "Team A", 1.0, "ny"], [11, "Team B", "2", None]],
    "Institutioner": [
        ["institution_id", "navn", "type", "team_id", "børn", "risiko", "adresse"],
        ["I1", "Skolen", "Skole", 10, "1.234", "0,12", "Vej 1"],
        [],
        ["I2", "Huset", " dagtilbud ", 11, "60", None, "Vej 2"],
    ],
    "Faggrupper": [
        [
            "faggruppe",
            "årsløn_kr",
            "min_pr_team",
            "institutionstyper",
            "praksisandel",
            "behovsgulv",
            "behovsandel",
            "norm_børn_pr_årsværk",
        ],
        ["psykolog", "620.000 kr", "2", "skole; dagtilbud", "80 %", "0,5", 0.9, "1.500,5"],
    ],
    "Behovsvægte": [["faggruppe", "indikator", "vægt"], ["psykolog", "Risiko", "0,6"]],
    "Medarbejdere": [
        ["medarbejder_id", "faggruppe", "årsværk", "område_id", "nuværende_team_id", "låst_team_id"],
        [123, "psykolog", "0,8", 1, 10.0, None],
        ["124", "psykolog", 1, "2", "11", "11"],
    ],
    "Parametre": [
        ["Nøgle", "Værdi"],
        ["Områdegrænse", "Nej"],
        ["budget_kr", "1.500.000"],
        ["tolerance", "5%"],
        ["slå_fra_regler", "budget; max-moves"],
        ["maks_flytninger", None],
    ],
}

LENIENT_INSTANCE = Instance(
    areas=(Area(id="1", name="Nord"), Area(id="2", name="Syd")),
    teams=(Team(id="10", name="Team A", area_id="1"), Team(id="11", name="Team B", area_id="2")),
    institutions=(
        Institution(
            id="I1",
            name="Skolen",
            type=InstitutionType.SCHOOL,
            team_id="10",
            children=1234,
            indicators={"risiko": 0.12},
        ),
        Institution(
            id="I2", name="Huset", type=InstitutionType.DAYCARE, team_id="11", children=60, indicators={"risiko": None}
        ),
    ),
    professions=(
        Profession(
            id="psykolog",
            annual_cost_dkk=620_000,
            min_per_team=2,
            institution_types=frozenset({InstitutionType.SCHOOL, InstitutionType.DAYCARE}),
            practice_share=0.8,
            need_floor=0.5,
            need_blend=0.9,
            norm_children_per_fte=1500.5,
        ),
    ),
    need_weights=(NeedWeight(profession="psykolog", indicator="risiko", weight=0.6),),
    staff=(
        Staff(id="123", profession="psykolog", fte=0.8, area_id="1", current_team_id="10"),
        Staff(id="124", profession="psykolog", fte=1.0, area_id="2", current_team_id="11", locked_team_id="11"),
    ),
    parameters=Parameters(
        area_boundary=False, budget_dkk=1_500_000, tolerance=0.05, disabled_rules=frozenset({"budget", "max-moves"})
    ),
)


def write_sheets(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


def test_lenient_reading(tmp_path: Path) -> None:
    result = read_book(write_sheets(tmp_path / "lenient.xlsx", LENIENT))
    assert result.errors == []
    assert result.instance == LENIENT_INSTANCE
    assert [(p.sheet, p.row, p.column, p.code) for p in result.warnings] == [
        ("Teams", 1, "kommentar", "ignored_column"),
        ("Institutioner", 1, "adresse", "unused_indicator"),
    ]


def test_sheet_names_in_other_case_and_spacing(tmp_path: Path) -> None:
    renamed = {f" {name.upper()} ": rows for name, rows in LENIENT.items()}
    assert read_book(write_sheets(tmp_path / "renamed.xlsx", renamed)).instance == LENIENT_INSTANCE


def test_every_problem_in_one_book_is_reported_in_sheet_and_row_order(read_edited: Read, errors: Errors) -> None:
    result = read_edited(
        {
            ("Medarbejdere", 6, "årsværk"): 2,
            ("Medarbejdere", 2, "faggruppe"): "jurist",
            ("Institutioner", 4, "børn"): "mange",
            ("Institutioner", 5, "team_id"): "T9",
            ("Teams", 3, "område_id"): "O9",
            ("Behovsvægte", 3, "indikator"): "fravær",
            ("Medarbejdere", 4, "navn"): "010180-1234",
        },
        append={"Områder": [["O1", "Igen"]]},
    )
    assert result.instance is None
    assert errors(result) == [
        ("Områder", 2, "område_id", "duplicate_id"),
        ("Områder", 4, "område_id", "duplicate_id"),
        ("Teams", 3, "område_id", "unknown_reference"),
        ("Institutioner", 4, "børn", "wrong_type"),
        ("Institutioner", 5, "team_id", "unknown_reference"),
        ("Behovsvægte", 3, "indikator", "unknown_indicator"),
        ("Medarbejdere", 2, "faggruppe", "unknown_reference"),
        ("Medarbejdere", 4, "navn", "cpr_number"),
        ("Medarbejdere", 6, "årsværk", "fte_out_of_range"),
    ]


def test_extra_columns_and_sheets_are_ignored(read_edited: Read, tiny_instance: Instance) -> None:
    result = read_edited(
        {("Medarbejdere", 1, "årsløn_kr"): "årsløn_kr"},
        append={"Noter": [["Husk at tjekke teams"]]},
    )
    assert result.instance == tiny_instance


def test_directory_is_not_a_workbook(tmp_path: Path) -> None:
    assert [p.code for p in read_book(tmp_path).problems] == ["not_xlsx"]


def test_load_instance_raises_book_error_with_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "text.xlsx"
    path.write_text("not a workbook")
    with pytest.raises(BookError) as caught:
        load_instance(path)
    assert [p.code for p in caught.value.problems] == ["not_xlsx"]
    assert "not an Excel workbook" in str(caught.value)


def test_load_instance_of_a_valid_book(tiny_book: Path, tiny_instance: Instance) -> None:
    assert load_instance(tiny_book) == tiny_instance


def test_sheet_without_header_row(tmp_path: Path) -> None:
    sheets = dict(LENIENT)
    sheets["Områder"] = []
    result = read_book(write_sheets(tmp_path / "empty.xlsx", sheets))
    assert [(p.sheet, p.row, p.column, p.code) for p in result.errors] == [
        ("Områder", 1, "område_id", "missing_column"),
        ("Områder", 1, "navn", "missing_column"),
    ]


def test_display_names_of_professions_and_indicators(tmp_path: Path) -> None:
    """`navn` on Faggrupper and the optional sheet Indikatorer give the names reports show; blank: the id."""
    sheets = {
        **LENIENT,
        "Faggrupper": [[*LENIENT["Faggrupper"][0], "navn"], [*LENIENT["Faggrupper"][1], "PPR-psykolog"]],
    }
    sheets["Indikatorer"] = [
        ["indikator", "navn", "beskrivelse"],
        ["risiko", "Elever i særlig risiko", "Andel elever (kommunens data, 2024)"],
        ["sager_pr_100", None, None],
    ]
    instance = read_book(write_sheets(tmp_path / "names.xlsx", sheets)).instance
    assert instance is not None
    assert instance.professions[0].name == "PPR-psykolog"
    assert [(k.id, k.name, k.description) for k in instance.indicators] == [
        ("risiko", "Elever i særlig risiko", "Andel elever (kommunens data, 2024)"),
        ("sager_pr_100", "Sager pr 100", None),
    ]
    unnamed = read_book(write_sheets(tmp_path / "lenient.xlsx", LENIENT)).instance
    assert unnamed is not None and unnamed.professions[0].name == "Psykolog"


def test_an_indicator_named_twice_is_an_error(tmp_path: Path) -> None:
    sheets: dict[str, list[list[object]]] = {
        **LENIENT,
        "Indikatorer": [["indikator", "navn"], ["risiko", "A"], ["risiko", "B"]],
    }
    result = read_book(write_sheets(tmp_path / "twice.xlsx", sheets))
    assert result.instance is None
    assert [(p.sheet, p.row, p.column, p.code) for p in result.errors] == [
        ("Indikatorer", 2, "indikator", "duplicate_id"),
        ("Indikatorer", 3, "indikator", "duplicate_id"),
    ]
