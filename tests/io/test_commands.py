"""The `template` and `validate` commands, run in-process: exit codes and output, never a traceback."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from app.cli.main import main


def test_template_command_writes_and_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "skabelon.xlsx"
    assert main(["template", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames[0] == "Vejledning"
    assert main(["template", str(out)]) == 2
    assert "findes allerede" in capsys.readouterr().out
    assert main(["template", str(out), "--force"]) == 0


def test_template_command_reports_an_unwritable_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["template", str(tmp_path / "no" / "such" / "dir.xlsx")]) == 2
    assert "Kunne ikke skrive" in capsys.readouterr().out


def test_validate_valid_book(tiny_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tiny_book)]) == 0
    assert capsys.readouterr().out == (
        "Arbejdsbogen er gyldig: 2 områder, 3 teams, 4 institutioner, 5 medarbejdere, 2 faggrupper.\n"
    )


def test_validate_invalid_book_lists_every_problem(tiny_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = openpyxl.load_workbook(tiny_book)
    book["Medarbejdere"]["D2"] = 1.5
    book["Institutioner"]["E3"] = "mange"
    book.save(tiny_book)
    assert main(["validate", str(tiny_book)]) == 2
    assert capsys.readouterr().out.splitlines() == [
        "  1. Fejl: Institutioner, række 3, kolonne børn: 'mange' er ikke et helt tal.",
        "     Sådan retter du: Skriv et helt tal, fx 420.",
        "  2. Fejl: Medarbejdere, række 2, kolonne årsværk: Årsværk skal være større end 0 og højst 1, men er 1,5.",
        "     Sådan retter du: Skriv årsværket som et tal fra 0,01 til 1, fx 1 for fuld tid eller 0,5 for halv tid.",
        "Arbejdsbogen kan ikke bruges: 2 fejl skal rettes.",
    ]
    assert main(["validate", str(tiny_book), "--lang", "en"]) == 2
    out = capsys.readouterr().out
    assert "Institutioner, row 3, column børn: 'mange' is not a whole number." in out
    assert out.endswith("The workbook cannot be used: 2 error(s) to fix.\n")


def test_validate_text_file_renamed_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("område_id;navn\n")
    assert main(["validate", str(path), "--lang", "en"]) == 2
    out = capsys.readouterr().out
    assert "not an Excel workbook" in out
    assert "Traceback" not in out


def test_validate_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "nope.xlsx")]) == 2
    assert "Filen findes ikke" in capsys.readouterr().out


def test_validate_prints_warnings_of_a_valid_book(tiny_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = openpyxl.load_workbook(tiny_book)
    book["Teams"]["D1"] = "kommentar"
    book.save(tiny_book)
    assert main(["validate", str(tiny_book), "--lang", "en"]) == 0
    assert capsys.readouterr().out.splitlines()[1:3] == [
        "Warnings:",
        "  1. Warning: Teams, row 1, column kommentar: Column 'kommentar' is not used and is skipped.",
    ]
