"""One test per validation rule: each edit of the tiny book gives exactly the (sheet, row, column, code) expected.

Rows of the tiny book: Områder 2-3 (O1, O2), Teams 2-4 (T1, T2 in O1; T3 in O2), Institutioner 2-5 (I1-I4),
Faggrupper 2-3 (psykolog, tale), Behovsvægte 2-4 (psykolog risiko, psykolog sager, tale sager),
Medarbejdere 2-6 (M1 T1, M2 T2, M3 T3, M4 T3, M5 T1), Parametre: one row per key from row 2.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from optimiser.io import read_book, render
from optimiser.io.columns import PARAMS
from optimiser.io.read import ReadResult

Read = Callable[..., ReadResult]
Found = list[tuple[str | None, int | None, str | None, str]]
Errors = Callable[[ReadResult], Found]


def param_row(key: str) -> int:
    return next(n for n, p in enumerate(PARAMS, start=2) if p.key == key)


def test_the_tiny_book_is_valid(read_edited: Read) -> None:
    result = read_edited()
    assert result.problems == []
    assert result.instance is not None


def test_missing_file(tmp_path: Path) -> None:
    result = read_book(tmp_path / "nope.xlsx")
    assert result.instance is None
    assert [(p.sheet, p.row, p.column, p.code) for p in result.problems] == [(None, None, None, "file_missing")]


@pytest.mark.parametrize("content", [b"hello, this is text", b"PK\x03\x04 truncated zip", b""])
def test_not_an_xlsx_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(content)
    result = read_book(path)
    assert result.instance is None
    assert [(p.sheet, p.row, p.column, p.code) for p in result.problems] == [(None, None, None, "not_xlsx")]


def test_csv_file_is_not_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "book.csv"
    path.write_text("område_id;navn\nO1;Nord\n")
    assert [p.code for p in read_book(path).problems] == ["not_xlsx"]


def test_missing_sheet_without_follow_on_errors(read_edited: Read, errors: Errors) -> None:
    # Institutions and staff refer to teams; with the sheet gone only the sheet itself is reported.
    assert errors(read_edited(delete_sheets=("Teams",))) == [("Teams", None, None, "missing_sheet")]


def test_missing_column(read_edited: Read, errors: Errors) -> None:
    result = read_edited(delete_columns=(("Institutioner", "børn"),))
    assert errors(result) == [("Institutioner", 1, "børn", "missing_column")]


def test_missing_id_column_without_follow_on_errors(read_edited: Read, errors: Errors) -> None:
    result = read_edited(delete_columns=(("Områder", "område_id"),))
    assert errors(result) == [("Områder", 1, "område_id", "missing_column")]


def test_missing_value(read_edited: Read, errors: Errors) -> None:
    assert errors(read_edited({("Områder", 3, "navn"): None})) == [("Områder", 3, "navn", "missing_value")]


def test_text_where_a_number_belongs(read_edited: Read, errors: Errors) -> None:
    result = read_edited({("Institutioner", 3, "børn"): "mange", ("Faggrupper", 2, "årsløn_kr"): "dyr"})
    assert errors(result) == [
        ("Institutioner", 3, "børn", "wrong_type"),
        ("Faggrupper", 2, "årsløn_kr", "wrong_type"),
    ]
    assert result.errors[0].args["expected"] == "integer"


def test_fraction_where_a_count_belongs(read_edited: Read, errors: Errors) -> None:
    assert errors(read_edited({("Institutioner", 2, "børn"): 10.5})) == [("Institutioner", 2, "børn", "wrong_type")]


def test_invalid_yes_no(read_edited: Read, errors: Errors) -> None:
    assert errors(read_edited({("Faggrupper", 2, "kontaktperson"): "måske"})) == [
        ("Faggrupper", 2, "kontaktperson", "wrong_type")
    ]


def test_invalid_choice(read_edited: Read, errors: Errors) -> None:
    result = read_edited(
        {("Institutioner", 2, "type"): "gymnasium", ("Faggrupper", 2, "institutionstyper"): "skole, vuggestue"}
    )
    assert errors(result) == [
        ("Institutioner", 2, "type", "invalid_choice"),
        ("Faggrupper", 2, "institutionstyper", "invalid_choice"),
    ]


def test_formula_error(read_edited: Read, errors: Errors) -> None:
    assert errors(read_edited({("Institutioner", 2, "børn"): "#DIV/0!"})) == [
        ("Institutioner", 2, "børn", "formula_error")
    ]


@pytest.mark.parametrize("fte", [0, -0.5, 1.5])
def test_fte_out_of_range(read_edited: Read, errors: Errors, fte: float) -> None:
    assert errors(read_edited({("Medarbejdere", 2, "årsværk"): fte})) == [
        ("Medarbejdere", 2, "årsværk", "fte_out_of_range")
    ]


def test_negative_counts(read_edited: Read, errors: Errors) -> None:
    result = read_edited({("Institutioner", 2, "børn"): -5, ("Faggrupper", 2, "min_pr_team"): -1})
    assert errors(result) == [
        ("Institutioner", 2, "børn", "negative_count"),
        ("Faggrupper", 2, "min_pr_team", "negative_count"),
    ]


def test_share_out_of_range(read_edited: Read, errors: Errors) -> None:
    result = read_edited({("Faggrupper", 2, "praksisandel"): "120 %"})
    assert errors(result) == [("Faggrupper", 2, "praksisandel", "out_of_range")]
    assert render(result.errors[0]) == (
        "Faggrupper, række 2, kolonne praksisandel: Værdien 120 % er uden for det tilladte. "
        "Sådan retter du: Skriv en værdi, der er højst 100 %."
    )


def test_duplicate_ids(read_edited: Read, errors: Errors) -> None:
    result = read_edited(append={"Teams": [["T1", "Kopi", "O1"]]})
    assert errors(result) == [("Teams", 2, "team_id", "duplicate_id"), ("Teams", 5, "team_id", "duplicate_id")]
    assert result.errors[0].args == {"id": "T1", "rows": [2, 5]}


def test_duplicate_id_of_a_row_that_fails_its_own_checks(read_edited: Read, errors: Errors) -> None:
    result = read_edited(append={"Teams": [["T1", None, "O1"]]})
    assert errors(result) == [
        ("Teams", 2, "team_id", "duplicate_id"),
        ("Teams", 5, "navn", "missing_value"),
        ("Teams", 5, "team_id", "duplicate_id"),
    ]


def test_unknown_area_of_team(read_edited: Read, errors: Errors) -> None:
    # Staff in T1 are in area O1; that T1's area is wrong is reported once, on the team.
    assert errors(read_edited({("Teams", 2, "område_id"): "O9"})) == [("Teams", 2, "område_id", "unknown_reference")]


def test_unknown_team_of_institution(read_edited: Read, errors: Errors) -> None:
    result = read_edited({("Institutioner", 2, "team_id"): "T9"})
    assert errors(result) == [("Institutioner", 2, "team_id", "unknown_reference")]
    assert result.errors[0].args == {"value": "T9", "target": "team"}


def test_unknown_references_of_staff(read_edited: Read, errors: Errors) -> None:
    result = read_edited(
        {
            ("Medarbejdere", 2, "faggruppe"): "jurist",
            ("Medarbejdere", 3, "område_id"): "O9",
            ("Medarbejdere", 4, "nuværende_team_id"): "T9",
            ("Medarbejdere", 5, "låst_team_id"): "T9",
            ("Medarbejdere", 6, "kompetencecenter"): "I9",
        }
    )
    assert errors(result) == [
        ("Medarbejdere", 2, "faggruppe", "unknown_reference"),
        ("Medarbejdere", 3, "område_id", "unknown_reference"),
        ("Medarbejdere", 4, "nuværende_team_id", "unknown_reference"),
        ("Medarbejdere", 5, "låst_team_id", "unknown_reference"),
        ("Medarbejdere", 6, "kompetencecenter", "unknown_reference"),
    ]


def test_pools_are_checked_where_they_are_written(read_edited: Read, errors: Errors) -> None:
    # M3 (row 4) is in I4's centre, pool KC (Puljer row 2, psykolog); M4 (row 5) is a tale.
    result = read_edited(
        {
            ("Medarbejdere", 2, "kompetencecenter"): "I1",
            ("Medarbejdere", 3, "pulje"): "KX",
            ("Medarbejdere", 4, "pulje"): "KC",
            ("Medarbejdere", 5, "pulje"): "KC",
            ("Puljer", 2, "optag"): "liste",
            ("Puljer", 2, "optag_liste"): "T3, I9",
        }
    )
    assert errors(result) == [
        ("Medarbejdere", 2, "kompetencecenter", "centre_without_pool"),
        ("Medarbejdere", 3, "pulje", "unknown_reference"),
        ("Medarbejdere", 5, "faggruppe", "profession_not_in_pool"),
        ("Puljer", 2, "optag_liste", "unknown_pool_member"),
    ]
    assert errors(read_edited({("Puljer", 2, "hjem"): "Z9"})) == [
        ("Medarbejdere", 4, "kompetencecenter", "centre_without_pool"),
        ("Puljer", 2, "hjem", "unknown_pool_home"),
    ]


def test_unknown_profession_of_weight(read_edited: Read, errors: Errors) -> None:
    result = read_edited({("Behovsvægte", 2, "faggruppe"): "jurist"})
    assert errors(result) == [("Behovsvægte", 2, "faggruppe", "unknown_reference")]


def test_staff_whose_team_is_outside_their_area(read_edited: Read, errors: Errors) -> None:
    result = read_edited({("Medarbejdere", 2, "nuværende_team_id"): "T3"})
    assert errors(result) == [("Medarbejdere", 2, "nuværende_team_id", "team_outside_area")]
    assert result.errors[0].args == {"value": "T3", "area": "O1", "team_area": "O2"}


def test_profession_without_weights(read_edited: Read, errors: Errors) -> None:
    result = read_edited(blank_rows=(("Behovsvægte", 4),))
    assert errors(result) == [("Faggrupper", 3, "faggruppe", "profession_without_weights")]


def test_unknown_indicator(read_edited: Read, errors: Errors) -> None:
    result = read_edited({("Behovsvægte", 2, "indikator"): "fravær"})
    assert errors(result) == [("Behovsvægte", 2, "indikator", "unknown_indicator")]
    # No weight refers to "risiko" any more: a warning, not an error.
    assert [(p.sheet, p.row, p.column, p.code) for p in result.warnings] == [
        ("Institutioner", 1, "risiko", "unused_indicator")
    ]


def test_duplicate_weight(read_edited: Read, errors: Errors) -> None:
    result = read_edited(append={"Behovsvægte": [["psykolog", "risiko", 0.1]]})
    assert errors(result) == [("Behovsvægte", 5, "indikator", "duplicate_weight")]


def test_indicator_that_is_not_a_number(read_edited: Read, errors: Errors) -> None:
    assert errors(read_edited({("Institutioner", 2, "risiko"): "høj"})) == [
        ("Institutioner", 2, "risiko", "wrong_type")
    ]


def test_norm_mode_needs_a_norm_for_every_profession(read_edited: Read, errors: Errors) -> None:
    result = read_edited({("Parametre", param_row("behovsmodel"), "værdi"): "norm"})
    assert errors(result) == [("Faggrupper", 3, "norm_børn_pr_årsværk", "norm_missing")]


def test_unknown_and_duplicate_parameters(read_edited: Read, errors: Errors) -> None:
    last = len(PARAMS) + 1
    result = read_edited(append={"Parametre": [["hastighed", 3], ["frø", 8]]})
    assert errors(result) == [
        ("Parametre", last + 1, "nøgle", "unknown_parameter"),
        ("Parametre", last + 2, "nøgle", "duplicate_parameter"),
    ]


def test_bad_parameter_values(read_edited: Read, errors: Errors) -> None:
    result = read_edited(
        {
            ("Parametre", param_row("tidsgrænse_s"), "værdi"): "lang",
            ("Parametre", param_row("tolerance"), "værdi"): "150 %",
            ("Parametre", param_row("slå_fra_regler"), "værdi"): "budget, flyvning",
            ("Parametre", param_row("målfunktion"), "værdi"): "hurtig",
        }
    )
    assert sorted(errors(result), key=lambda e: e[1] or 0) == sorted(
        [
            ("Parametre", param_row("tidsgrænse_s"), "værdi", "wrong_type"),
            ("Parametre", param_row("tolerance"), "værdi", "out_of_range"),
            ("Parametre", param_row("slå_fra_regler"), "værdi", "unknown_rule"),
            ("Parametre", param_row("målfunktion"), "værdi", "invalid_choice"),
        ],
        key=lambda e: e[1] or 0,
    )


def test_blank_parameter_means_default(read_edited: Read) -> None:
    result = read_edited({("Parametre", param_row("tidsgrænse_s"), "værdi"): None})
    assert result.instance is not None
    assert result.instance.solver.time_limit_s == 60


def test_empty_sheet(read_edited: Read, errors: Errors) -> None:
    result = read_edited(blank_rows=(("Områder", 2), ("Områder", 3)))
    # The teams' areas are now unknown too: that is what the planner must fix next.
    assert errors(result)[0] == ("Områder", None, None, "empty_sheet")


def test_row_that_fails_its_own_checks_still_counts_as_existing(read_edited: Read, errors: Errors) -> None:
    # T1 has no name: institutions and staff in T1 must not be reported as pointing to an unknown team.
    result = read_edited({("Teams", 2, "navn"): None, ("Faggrupper", 3, "årsløn_kr"): "gratis"})
    assert errors(result) == [("Teams", 2, "navn", "missing_value"), ("Faggrupper", 3, "årsløn_kr", "wrong_type")]


CPR_NUMBERS = [
    "010180-1234",
    "0101801234",
    "Notat om 311299-1234 til sagen",
    "290296-1234",  # 29 February 1996
    "290200-4234",  # 29 February 2000: serial digit 4 and year 00 mean 2000, a leap year
    101801234,  # 0101801234 typed as a number: Excel drops the leading zero
]


@pytest.mark.parametrize("value", CPR_NUMBERS)
def test_cpr_number_in_a_data_column(read_edited: Read, errors: Errors, value: object) -> None:
    result = read_edited({("Medarbejdere", 3, "navn"): value})
    assert errors(result) == [("Medarbejdere", 3, "navn", "cpr_number")]
    assert result.errors[0].args == {"cell": "B3"}
    for lang in ("da", "en"):
        assert "1234" not in render(result.errors[0], lang)


def test_cpr_number_as_an_id_is_refused_once(read_edited: Read, errors: Errors) -> None:
    # The id cell is blanked: no "missing value" on top, and M2 is simply left out.
    assert errors(read_edited({("Medarbejdere", 3, "medarbejder_id"): "0101801234"})) == [
        ("Medarbejdere", 3, "medarbejder_id", "cpr_number")
    ]


def test_cpr_number_in_an_extra_column_and_an_extra_sheet(read_edited: Read, errors: Errors) -> None:
    staff = ["M6", None, "tale", 0.5, "O2", "T3", None, None, None, None, None, "cpr 010180-1234"]
    result = read_edited(append={"Medarbejdere": [staff], "Noter": [["Om", "290296-1234"]]})
    assert errors(result) == [("Medarbejdere", 7, "L", "cpr_number"), ("Noter", 1, "B", "cpr_number")]


@pytest.mark.parametrize("value", ["290200-1234", "310480-1234", "010180-12345", "1234-010180", "2025-01-01"])
def test_things_that_are_not_cpr_numbers(read_edited: Read, value: str) -> None:
    # 29 Feb 1900 did not exist (serial 1 -> 1900s); 31 April never; eleven digits; other shapes.
    result = read_edited({("Medarbejdere", 3, "navn"): value})
    assert result.problems == []
