"""The workbooks as printed: rendered by LibreOffice and read page by page (words and their boxes, pdfplumber),
on the sample's eight examples (one comparison, short time limit) and on a book of 26 teams (the s2 structure).

A budget officer must be able to read every page at 100 % on A4: no text shrunk below 7 pt (no fit-to-width),
each table page under its own header, charts on their own pages, the numbers in Danish without an apostrophe,
names instead of ids, a Metode without the Parametre sheet's keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

import pytest
from exportcase import Page, pages, to_pdf
from machine import apt_install
from samplepaths import EXAMPLES, SAMPLE_BOOK

from optimiser import i18n
from optimiser.comparison import Comparison
from optimiser.domain import Instance
from optimiser.export import write_result_book
from optimiser.export.comparison_book import write_comparison
from optimiser.results import SolveResult
from scenarios.compare import compare
from scenarios.schema import load_scenario
from scenarios.service import RunInputs, load_book, run

TIME_LIMIT_S = 3.0  # a plan is what is printed here, proven or not
SMALLEST_PT = 7.0  # 11 pt text at the smallest print scale (65 %) is 7.2 pt
EIGHT = [p for p in EXAMPLES if not p.stem.startswith("s9")]  # s9 is a transition plan's two steps (phase)


@pytest.fixture(scope="module")
def fonts() -> None:
    """Carlito, metrically Calibri (the workbooks' font), so LibreOffice lays the columns out as Excel does;
    without it the columns print wider (more pages across), which the checks here still hold to."""
    apt_install("fonts-crosextra-carlito")


@pytest.fixture(scope="module")
def sample_comparison() -> Comparison:
    assert len(EIGHT) == 8
    book = load_book(SAMPLE_BOOK)
    scenarios = [load_scenario(p) for p in EIGHT]
    overrides = {"time_limit_s": TIME_LIMIT_S}
    return compare(book, scenarios, overrides=overrides, frontier_of=scenarios[0].name, tolerances=(0.0, 0.1))


@pytest.fixture(scope="module")
def clusters() -> tuple[Instance, SolveResult]:
    """The sample in the s2 structure: 26 teams."""
    scenario = load_scenario(next(p for p in EXAMPLES if p.stem.startswith("s2_")))
    outcome = run(RunInputs(load_book(SAMPLE_BOOK), scenario, overrides={"time_limit_s": TIME_LIMIT_S}))
    assert len(outcome.applied.instance.teams) == 26
    return outcome.applied.instance, outcome.result


@pytest.fixture(scope="module")
def result_pages(
    clusters: tuple[Instance, SolveResult], soffice: str, fonts: None, tmp_path_factory: pytest.TempPathFactory
) -> list[Page]:
    out = tmp_path_factory.mktemp("layout-result")
    path = out / "resultat.xlsx"
    write_result_book(*clusters, path, inputs_sha256="0" * 64)
    return pages(to_pdf(soffice, path, out))


@pytest.fixture(scope="module")
def comparison_pages(
    sample_comparison: Comparison, soffice: str, fonts: None, tmp_path_factory: pytest.TempPathFactory
) -> list[Page]:
    out = tmp_path_factory.mktemp("layout-comparison")
    path = out / "sammenligning.xlsx"
    write_comparison(sample_comparison, path)
    return pages(to_pdf(soffice, path, out))


def sheet(page: Page) -> str:
    """The sheet a printed page belongs to: the footer's left word(s), before "Side N af M"."""
    footer = sorted((w for w in page.words if w.top > page.height - 60), key=lambda w: w.x0)
    words = [w.text for w in footer]
    return " ".join(words[: words.index("Side")] if "Side" in words else words)


def by_sheet(printed: list[Page]) -> dict[str, list[Page]]:
    out: dict[str, list[Page]] = {}
    for page in printed:
        out.setdefault(sheet(page), []).append(page)
    return out


def body(page: Page) -> list[str]:
    """The words above the footer."""
    return [w.text for w in page.words if w.top < page.height - 60]


def both(result_pages: list[Page], comparison_pages: list[Page]) -> Iterator[tuple[str, Page]]:
    yield from (("resultat", p) for p in result_pages)
    yield from (("sammenligning", p) for p in comparison_pages)


def test_every_page_is_readable_at_print_size(result_pages: list[Page], comparison_pages: list[Page]) -> None:
    for book, page in both(result_pages, comparison_pages):
        small = [w.text for w in page.words if w.bottom - w.top < SMALLEST_PT - 0.05]
        assert small == [], (book, page.number, sheet(page), small[:10])
        assert page.outside() == [], (book, page.number)


def test_every_table_page_repeats_its_own_header(result_pages: list[Page], comparison_pages: list[Page]) -> None:
    """Each page of a long table starts with that table's header (the heat map's header once stood above the
    demand table's pages)."""
    expected = {
        ("resultat", "Behov og udbud"): ["Team", "Område", "Faggruppe"],
        ("resultat", "Medarbejdere"): ["Faggruppe", "Årsværk", "Område"],
        ("resultat", "Institutioner"): ["Institution", "Team", "Børn"],
        ("sammenligning", "Teams"): ["Scenarie", "Team"],  # the columns every page across repeats
        ("sammenligning", "Flytninger"): ["Scenarie", "Medarbejder"],
    }
    sheets = {"resultat": by_sheet(result_pages), "sammenligning": by_sheet(comparison_pages)}
    for (book, name), header in expected.items():
        printed = sheets[book][name]
        assert len(printed) >= 2, (book, name)
        for page in printed[1:]:
            words = body(page)
            top = [w for w in words if w in header]
            assert top[: len(set(header))] and words.index(top[0]) < 12, (book, name, page.number, words[:15])
            assert set(header) <= set(words[:20]), (book, name, page.number, words[:20])


def test_charts_print_on_their_own_pages(result_pages: list[Page], comparison_pages: list[Page]) -> None:
    """A chart sheet prints on one page, with no table's header above it; all 26 teams are labelled."""
    result, comparison = by_sheet(result_pages), by_sheet(comparison_pages)
    for name in ("Dækningsdiagram", "Teamdiagram", "Omkostningsdiagram"):
        assert len(result[name]) == 1, name
        words = " ".join(body(result[name][0]))
        assert "Valby B" in words and "Amager Øst A" in words and "Indre By & Christianshavn B" in words, name
    assert "mio. kr. pr. år" in " ".join(body(result["Omkostningsdiagram"][0]))
    assert len(comparison["Diagrammer"]) == 1 and len(comparison["Afvejningsdiagram"]) == 1
    for name in ("Dækning", "Teams", "Omkostninger"):
        text = " ".join(w for p in result[name] for w in body(p))
        assert "Diagram" not in text


def test_numbers_in_danish_without_an_apostrophe(
    result_pages: list[Page], comparison_pages: list[Page], sample_comparison: Comparison
) -> None:
    for book, page in both(result_pages, comparison_pages):
        quoted = [w.text for w in page.words if re.match(r"^'[-+\d]", w.text)]
        assert quoted == [], (book, page.number, quoted)
        english = [w.text for w in page.words if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+\.\d%", w.text)]
        assert english == [], (book, page.number, english[:5])
    summary = " ".join(w.text for w in result_pages[0].words)
    assert "460.313.300 kr." in summary  # today's cost, Danish thousands
    overview = " ".join(w.text for w in by_sheet(comparison_pages)["Oversigt"][0].words)
    saving = min(r.cost_delta_dkk or 0.0 for r in sample_comparison.kpis)  # the 5 % cut
    assert saving < 0 and i18n.dkk(saving) in overview  # its minus sign as a sign, Danish thousands


def test_names_not_ids(result_pages: list[Page], comparison_pages: list[Page], sample_comparison: Comparison) -> None:
    words = {w.text for _, p in both(result_pages, comparison_pages) for w in p.words}
    base = sample_comparison.base
    assert base is not None
    # A profession whose id is its name in lower case is written so inside a sentence ("kompetencecenter i
    # Vanløse"): such an id is no sign of a raw id.
    ids = {p.id for p in base.professions if p.id != p.name.lower()}
    ids |= {t.id for t in (*base.teams, *base.structure_teams)} | {a.id for a in base.areas}
    ids |= {s.name for s in (load_scenario(p) for p in EIGHT)}
    ids |= {"14_bydelsteams", "26_klynger", "5_omraader", "add", "remove", "overhead"}
    shown = sorted(i for i in ids if i in words and not i.isdigit())
    assert shown == []


def test_metode_reads_as_plain_danish(result_pages: list[Page], comparison_pages: list[Page]) -> None:
    for book, printed in (("resultat", result_pages), ("sammenligning", comparison_pages)):
        method = [w for p in by_sheet(printed)["Metode"] for w in p.words]
        text = " ".join(w.text for w in method)
        for key in ("slå_fra_regler", "frø", "tråde", "CP-SAT", "overhead", "_"):
            assert key not in text, (book, key)
        # Wrapped lines never print on top of each other.
        for a, b in pairwise(method):
            if b.top > a.top + 0.5 and b.x0 < a.x1 and a.x0 < b.x1:
                assert b.top >= a.bottom - 1.0, (book, a.text, b.text)


def test_the_comparison_s_sheets_read_as_a_committee_reads(comparison_pages: list[Page]) -> None:
    sheets = by_sheet(comparison_pages)
    scenarios = " ".join(w.text for p in sheets["Scenarier"] for w in p.words)
    for raw in ("demand_mode", "max_moves", "{", "policy:", "# "):
        assert raw not in scenarios, raw
    assert "Behovsmodel" in scenarios and "Tillæg på nye stillinger" in scenarios
    # Afvejning: each number stands apart from the status next to it ("32,11optimal" once).
    trade_off = [w.text for p in sheets["Afvejning"] for w in p.words]
    assert not [w for w in trade_off if re.search(r"\d[a-zæøå]", w)], trade_off
