"""The exports really render: LibreOffice (headless) turns the results workbook, the comparison workbook and the
deck into PDFs with the pages expected."""

from __future__ import annotations

from pathlib import Path

from exportcase import page_count, to_pdf
from pptx import Presentation

from optimiser.domain import Instance
from optimiser.export import write_result_book
from optimiser.export.deck import from_result, write_deck
from optimiser.export.names import Names
from optimiser.results import SolveResult


def test_the_results_workbook_and_the_deck_render(
    town: Instance, result: SolveResult, soffice: str, tmp_path: Path
) -> None:
    book, deck = tmp_path / "resultat.xlsx", tmp_path / "udvalg.pptx"
    write_result_book(town, result, book)
    write_deck(from_result(result, Names.of(town), "resultat.json"), deck)
    assert page_count(to_pdf(soffice, book, tmp_path)) >= 7  # a sheet is at least a page
    assert page_count(to_pdf(soffice, deck, tmp_path)) == len(Presentation(str(deck)).slides)
