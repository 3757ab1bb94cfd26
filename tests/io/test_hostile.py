"""Hostile and careless inputs (issue 15): values that would be silently wrong, rows that would be lost, parts
that would fill memory, CPR numbers in disguise and outside cells. The corpus (test_corpus.py) holds one file
per case; these tests check what the corpus cannot: the message's words, memory, the instance read."""

from __future__ import annotations

import re
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from badbooks import Mutation, apply, base_book, edit_part, rewrite_zip, styles_bomb
from openpyxl.workbook.defined_name import DefinedName

from optimiser.io import package, read_book, render

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


PLACES = {
    "cpr_in_comment.xlsx": ("comment", "xl/comments/comment6.xml", "i en kommentar (i celle B3)"),
    "cpr_in_header_footer.xlsx": ("header_footer", "xl/worksheets/sheet7.xml", "i sidehoved eller sidefod"),
    "cpr_in_validation_prompt.xlsx": ("data_validation", "xl/worksheets/sheet7.xml", "i en datavalidering"),
    "cpr_in_hyperlink.xlsx": ("hyperlink", "xl/worksheets/_rels/sheet7.xml.rels", "i et link"),
    "cpr_in_defined_name.xlsx": ("defined_name", "xl/workbook.xml", "i et defineret navn"),
    "cpr_in_core_properties.xlsx": ("properties", "docProps/core.xml", "i dokumentegenskaberne"),
    "cpr_in_app_properties.xlsx": ("properties", "docProps/app.xml", "i dokumentegenskaberne"),
    "cpr_in_custom_properties.xlsx": ("properties", "docProps/custom.xml", "i dokumentegenskaberne"),
}


@pytest.mark.parametrize("name", sorted(PLACES))
def test_a_cpr_number_outside_cells_is_placed_not_shown(name: str) -> None:
    place, part, words = PLACES[name]
    (problem,) = read_book(BAD / name).errors
    assert (problem.args["place"], problem.args["part"]) == (place, part)
    text = render(problem, "da")
    assert words in text and "1234" not in text and "0101" not in text


def test_a_styles_bomb_is_refused_before_openpyxl_opens_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "styles_bomb.xlsx"
    path.write_bytes(styles_bomb(200_000))

    def never(*_: object, **__: object) -> None:
        raise AssertionError("openpyxl opened the book")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    tracemalloc.start()
    try:
        result = read_book(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(p.code, p.args) for p in result.errors] == [
        ("part_too_large", {"part": "xl/styles.xml", "what": "cell_formats", "max": 64_000.0})
    ]
    assert peak < 50 * 2**20
    assert render(result.errors[0], "da").startswith("Filen har mere end 64.000 celleformater (cellXfs)")


def _shared_strings(texts: list[str]) -> bytes:
    """The base book with its Områder names as shared strings (one each), plus `texts` unused."""
    items = "".join(f"<si><t>{t}</t></si>" for t in texts)
    sst = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{items}</sst>'
    return rewrite_zip(base_book(), lambda _, content: content, {"xl/sharedStrings.xml": sst.encode()})


def _styles(inner: str) -> bytes:
    """The base book with one list of styles.xml replaced (or added) by `inner`."""
    tag = inner[1 : inner.index(">")]

    def change(xml: str) -> str:
        old = re.compile(rf"<{tag}\b[^>]*?(/>|>.*?</{tag}>)", re.S)
        return (
            old.sub(inner, xml, count=1) if old.search(xml) else xml.replace("</styleSheet>", inner + "</styleSheet>")
        )

    return edit_part(base_book(), "xl/styles.xml", change)


# limit key -> the book that passes it when the limit is lowered to 3
LOWERED: dict[str, Callable[[], bytes]] = {
    "shared_strings": lambda: _shared_strings(["a", "b", "c", "d"]),
    "shared_characters": lambda: _shared_strings(["abcd"]),
    "fonts": lambda: _styles("<fonts>" + "<font/>" * 4 + "</fonts>"),
    "fills": lambda: _styles("<fills>" + '<fill><patternFill patternType="none"/></fill>' * 4 + "</fills>"),
    "borders": lambda: _styles("<borders>" + "<border/>" * 4 + "</borders>"),
    "number_formats": lambda: _styles("<numFmts>" + '<numFmt numFmtId="200" formatCode="0"/>' * 4 + "</numFmts>"),
    "differential_formats": lambda: _styles("<dxfs>" + "<dxf/>" * 4 + "</dxfs>"),
    "cell_style_formats": lambda: _styles("<cellStyleXfs>" + "<xf/>" * 4 + "</cellStyleXfs>"),
    "style_elements": lambda: base_book(),  # the template's styles.xml has more than 3 elements
    "comments": lambda: base_book(),  # the template has a comment on every header
    "defined_names": lambda: apply(
        [Mutation("", "", book=lambda b: [b.defined_names.add(DefinedName(f"n{k}", attr_text="1")) for k in range(4)])]
    ),
}


@pytest.mark.parametrize("what", sorted(LOWERED))
def test_every_part_limit_stops_reading(what: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(LOWERED[what]())
    assert read_book(path).errors == []
    monkeypatch.setitem(package.LIMITS, what, 3)
    (problem,) = read_book(path).errors
    assert (problem.code, problem.args["what"], problem.args["max"]) == ("part_too_large", what, 3.0)


def test_strict_open_xml_is_named() -> None:
    (problem,) = read_book(BAD / "strict_open_xml.xlsx").errors
    assert "Strict Open XML" in render(problem, "en")


def test_quoted_values_are_cut_to_a_preview(tmp_path: Path) -> None:
    long = "x" * 5_000
    path = tmp_path / "long.xlsx"
    path.write_bytes(apply([Mutation("", "", book=lambda b: b["Teams"].cell(1, 9, long))]))
    (problem,) = read_book(path).warnings
    text = render(problem, "da")
    assert "x" * 39 + "…" in text and "x" * 41 not in text
