"""The exports really render: LibreOffice (headless) turns the results workbook, the comparison workbook and the
deck into PDFs with the pages expected."""

from __future__ import annotations

from pathlib import Path

from exportcase import page_count, to_pdf
from pptx import Presentation

from optimiser.domain import Instance
from optimiser.export import write_result_book
from optimiser.export.comparison_book import write_comparison
from optimiser.export.deck import from_result, write_deck
from optimiser.names import Names
from optimiser.results import SolveResult
from scenarios.compare import compare
from scenarios.schema import parse_scenario
from scenarios.service import Book


def test_the_results_workbook_and_the_deck_render(
    town: Instance, result: SolveResult, soffice: str, tmp_path: Path
) -> None:
    book, deck = tmp_path / "resultat.xlsx", tmp_path / "udvalg.pptx"
    write_result_book(town, result, book)
    write_deck(from_result(result, Names.of(town), "resultat.json"), deck)
    assert page_count(to_pdf(soffice, book, tmp_path)) >= 7  # a sheet is at least a page
    assert page_count(to_pdf(soffice, deck, tmp_path)) == len(Presentation(str(deck)).slides)


def test_the_comparison_workbook_renders(town: Instance, soffice: str, tmp_path: Path) -> None:
    scenarios = [parse_scenario("", "as_is.yaml", "as_is"), parse_scenario("policy: {max_moves: 1}\n", "o.yaml", "one")]
    comparison = compare(Book("town.xlsx", b"", town), scenarios, frontier_of="as_is", tolerances=(0.0, 1.0))
    book = tmp_path / "sammenligning.xlsx"
    write_comparison(comparison, book)
    assert page_count(to_pdf(soffice, book, tmp_path)) >= 8  # eight sheets
