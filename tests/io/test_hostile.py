"""Hostile and careless inputs (issue 15): values that would be silently wrong, rows that would be lost, parts
that would fill memory, CPR numbers in disguise and outside cells. The corpus (test_corpus.py) holds one file
per case; these tests check what the corpus cannot: the message's words, memory, the instance read."""

from __future__ import annotations

from pathlib import Path

from optimiser.io import read_book, render

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"


def test_rows_out_of_order_are_read_in_row_order() -> None:
    result = read_book(BAD / "rows_out_of_order.xlsx")
    assert result.instance is not None
    assert [s.id for s in result.instance.staff] == ["S1", "S2", "S3", "S4"]


def test_infinity_is_named_with_its_cell_and_text() -> None:
    (problem,) = read_book(BAD / "infinite_weight.xlsx").errors
    assert render(problem, "da") == (
        "Behovsvægte, række 2, kolonne vægt: Cellen indeholder '-1E999', som ikke er et endeligt tal (uendelig "
        "eller NaN). Sådan retter du: Skriv et almindeligt tal i cellen, fx 0,6; kommer tallet fra en formel, "
        "så ret formlen."
    )


def test_an_implausible_value_names_its_bounds() -> None:
    (problem,) = read_book(BAD / "extreme_weight.xlsx").errors
    assert problem.args == {"value": "-1e+200", "low": -100, "high": 100, "example": "0,6"}
    assert "(den skal være mindst -100 og højst 100)" in render(problem, "da")
    (problem,) = read_book(BAD / "extreme_children.xlsx").errors
    assert "(it must be at most 100,000)" in render(problem, "en")
