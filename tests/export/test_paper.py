"""The draft committee paper: a Danish committee item's sections, every figure from the comparison and marked
with its run, rendered through LibreOffice with the figures on the pages expected."""

from __future__ import annotations

import os
import shutil
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from exportcase import Page, pages, to_pdf
from machine import apt_install
from samplepaths import EXAMPLES, SAMPLE_BOOK

from optimiser.comparison import Comparison
from optimiser.export.deck import AUTHOR, LANGUAGE
from optimiser.export.paper import YEARS, paper_bytes
from scenarios.compare import compare
from scenarios.schema import load_scenario
from scenarios.service import load_book
from scenarios.store import RunStore

SECTIONS = [
    "Indstilling",
    "Problemstilling",
    "Løsning: mulighederne",
    "Økonomi",
    "Konsekvenser",
    "Risici",
    "Videre proces",
    "Bilag",
]
PICKED = ("s1_14_bydelsteams", "s5_nye_stillinger_6_4_mio", "s6_besparelse_5_pct")


@pytest.fixture(scope="module")
def writer(soffice: str) -> str:
    """LibreOffice with its word processor (the deck needs only Impress and Calc)."""
    if not os.path.exists(Path(soffice).resolve().parent / "swriter") and not shutil.which("lowriter"):
        why = apt_install("libreoffice-writer")
        assert not why, why
    return soffice


@pytest.fixture(scope="module")
def comparison(tmp_path_factory: pytest.TempPathFactory) -> Comparison:
    store = RunStore(f"sqlite:///{tmp_path_factory.mktemp('paper_runs') / 'runs.db'}")
    scenarios = [load_scenario(p) for p in EXAMPLES if p.stem in PICKED]
    overrides = {"time_limit_s": 2.0, "workers": 1}
    return compare(load_book(SAMPLE_BOOK), scenarios, overrides=overrides, store=store)


@pytest.fixture(scope="module")
def paper(comparison: Comparison, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("paper") / "sag.docx"
    path.write_bytes(paper_bytes(comparison))
    return path


@pytest.fixture(scope="module")
def rendered(paper: Path, writer: str) -> list[Page]:
    return pages(to_pdf(writer, paper, paper.parent))


def _mio(value: float | None) -> str:
    return f"{(value or 0) / 1e6:.1f}".replace(".", ",")


def test_the_sections_of_a_committee_item_in_order(paper: Path) -> None:
    headings = [p.text for p in Document(str(paper)).paragraphs if p.style is not None and p.style.name == "Heading 1"]
    assert headings == SECTIONS


def test_the_recommendation_lists_the_options_on_page_one(comparison: Comparison, rendered: list[Page]) -> None:
    first = rendered[0].text
    assert "Indstilling" in first and "[Administrationen skriver sin indstilling her.]" in first
    for row in comparison.kpis:
        assert row.title in first


def test_every_figure_is_marked_with_its_run(comparison: Comparison, paper: Path) -> None:
    body = "\n".join(p.text for p in Document(str(paper)).paragraphs)
    for row in comparison.kpis:
        assert row.run_id is not None
        worst = f"{100 * (row.max_shortfall or 0):.1f}".replace(".", ",")
        assert f"Største relative underdækning: {worst} % [kørsel nr. {row.run_id}]" in body
        assert f"Medarbejdere, der skifter team: {row.staff_moved} [kørsel nr. {row.run_id}]" in body


def test_the_economy_table_in_mio_kr_per_budget_year(comparison: Comparison, paper: Path) -> None:
    table = Document(str(paper)).tables[0]
    rows = [[c.text for c in r.cells] for r in table.rows]
    year = comparison.created_at.year + 1
    assert rows[0][2 : 2 + YEARS] == [str(year + n) for n in range(YEARS)]
    saving = next(r for r in comparison.kpis if r.scenario == "s6_besparelse_5_pct")
    row = next(r for r in rows if r[0] == saving.title)
    assert row[1] == _mio(saving.cost_dkk)
    assert row[2:6] == [_mio(saving.cost_delta_dkk)] * YEARS and row[2].startswith("-")
    assert row[-1] == f"[kørsel nr. {saving.run_id}]"


def test_the_figures_on_the_pages_expected(comparison: Comparison, rendered: list[Page]) -> None:
    economy = next(p for p in rendered if "Økonomi" in p.text.split())
    following = " ".join(p.text for p in rendered if p.number in (economy.number, economy.number + 1))
    for row in comparison.kpis:
        assert _mio(row.cost_dkk) in following
    assert all(p.outside() == [] for p in rendered)


def test_no_row_of_the_economy_table_is_cut(paper: Path, rendered: list[Page]) -> None:
    table = Document(str(paper)).tables[0]
    for row in table.rows:
        words = [w for c in row.cells for w in c.text.split()]
        assert any(all(w in set(p.text.split()) for w in words) for p in rendered), words


def test_danish_language_and_author(paper: Path) -> None:
    doc = Document(str(paper))
    assert (doc.core_properties.language, doc.core_properties.author) == (LANGUAGE, AUTHOR)
    assert _styles_lang(paper) == LANGUAGE


def _styles_lang(paper: Path) -> str:
    doc = Document(str(paper))
    lang = doc.styles["Normal"].element.rPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang")
    return str(lang.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val"))


def test_paper_bytes_is_a_word_file(comparison: Comparison) -> None:
    assert Document(BytesIO(paper_bytes(comparison))).paragraphs[0].text.startswith("Udkast")
