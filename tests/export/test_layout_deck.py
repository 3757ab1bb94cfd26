"""The committee deck as LibreOffice renders it, read word by word (pdfplumber): every word inside its slide,
no table row cut, no header broken mid-word, the figures on their slides, slide numbers, speaker notes with
the sources, `da-DK` and the metadata. On the sample's eight examples (with a stored run per option) and on a
book whose own structure has 26 teams; a doctored deck with an overflowing title must fail the check."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from exportcase import Page, pages, to_pdf
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Pt
from samplepaths import EXAMPLES, SAMPLE_BOOK

from optimiser.comparison import Comparison
from optimiser.export.deck import AUTHOR, LANGUAGE, coverage_axis, from_comparison, write_deck
from optimiser.names import Names
from scenarios.compare import compare
from scenarios.schema import load_scenario, parse_scenario
from scenarios.service import generated, load_book
from scenarios.store import RunStore
from scenarios.structure import apply_structure

QUICK = {"time_limit_s": 2.0, "workers": 1}  # short solves: the layout, not the optimum, is tested
EIGHT = [p for p in EXAMPLES if p.stem[:2] in {f"s{n}" for n in range(1, 9)}]


@dataclass(frozen=True)
class Rendered:
    pptx: Path
    pages: list[Page]
    comparison: Comparison


def _render(comparison: Comparison, folder: Path, soffice: str) -> Rendered:
    deck = from_comparison(comparison.summary(), Names.of(comparison.base, pseudonymise=True), source="cmp.json")
    path = folder / "udvalg.pptx"
    write_deck(deck, path)
    return Rendered(path, pages(to_pdf(soffice, path, folder)), comparison)


@pytest.fixture(scope="module")
def sample(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The eight examples on the sample, stored (so every option has a run number), with a short curve."""
    folder = tmp_path_factory.mktemp("sample_deck")
    store = RunStore(f"sqlite:///{folder / 'runs.db'}")
    scenarios = [load_scenario(p) for p in EIGHT]
    assert len(scenarios) == 8
    comparison = compare(
        load_book(SAMPLE_BOOK),
        scenarios,
        frontier_of=scenarios[0].name,
        tolerances=(0.0, 0.05, 0.25),
        overrides=QUICK,
        store=store,
    )
    return _render(comparison, folder, soffice)


@pytest.fixture(scope="module")
def clusters(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """A book whose own structure is the sample's 26 clusters (s2), with two options."""
    folder = tmp_path_factory.mktemp("clusters_deck")
    base = load_book(SAMPLE_BOOK).instance
    book = generated("kommune_26.xlsx", apply_structure(base, "26_klynger").instance)
    options = [
        parse_scenario("name: som_nu\ntitle: De 26 klynger\n", "som_nu.yaml"),
        parse_scenario("name: faa\ntitle: De 26 klynger med højst 10 flytninger\npolicy: {max_moves: 10}\n", "f.yaml"),
    ]
    comparison = compare(book, options, frontier_of="som_nu", tolerances=(0.0, 0.25), overrides=QUICK)
    assert len(comparison.base.teams) == 26 if comparison.base else False
    return _render(comparison, folder, soffice)


DECKS = ("sample", "clusters")


@pytest.fixture(params=DECKS)
def rendered(request: pytest.FixtureRequest) -> Rendered:
    return request.getfixturevalue(request.param)  # type: ignore[no-any-return]


def outside(pages: list[Page]) -> list[str]:
    return [f"slide {p.number}: {w.text!r}" for p in pages for w in p.outside()]


def test_every_word_lies_inside_its_slide(rendered: Rendered) -> None:
    assert len(rendered.pages) == len(Presentation(str(rendered.pptx)).slides)
    assert outside(rendered.pages) == []


def test_no_table_row_is_cut_and_no_header_breaks_mid_word(rendered: Rendered) -> None:
    missing = []
    for n, slide in enumerate(Presentation(str(rendered.pptx)).slides):
        words = {w.text for w in rendered.pages[n].words}
        for shape in slide.shapes:
            if not shape.has_table:
                continue
            for row in shape.table.rows:
                for cell in row.cells:
                    missing += [f"slide {n + 1}: {w!r}" for w in cell.text.split() if w not in words]
    assert missing == []


def _slide_of(rendered: Rendered, title: str) -> list[int]:
    titles = [s.shapes.title.text for s in Presentation(str(rendered.pptx)).slides]
    return [n for n, t in enumerate(titles) if t.startswith(title)]


def test_every_option_on_the_side_by_side_slides_with_its_largest_shortfall(rendered: Rendered) -> None:
    slides = _slide_of(rendered, "Mulighederne side om side")
    text = " ".join(rendered.pages[n].text for n in slides)
    for row in rendered.comparison.kpis:
        worst = "–" if row.max_shortfall is None else f"{100 * row.max_shortfall:.1f}".replace(".", ",") + " %"
        assert worst in text
    assert len(slides) == -(-len(rendered.comparison.kpis) // 4)


def test_cost_from_zero_in_mio_kr_with_the_difference(rendered: Rendered) -> None:
    (n,) = _slide_of(rendered, "Omkostning pr. mulighed")
    page = rendered.pages[n].text
    for row in [rendered.comparison.current, *rendered.comparison.kpis]:
        assert f"{(row.cost_dkk or 0) / 1e6:.1f}".replace(".", ",") in page
    assert "'" not in page  # no formula guard before the tool's own numbers
    chart = next(s.chart for s in Presentation(str(rendered.pptx)).slides[n].shapes if s.has_chart)
    assert chart.value_axis.minimum_scale == 0.0


def test_coverage_slides_share_one_axis_and_name_every_team(rendered: Rendered) -> None:
    prs = Presentation(str(rendered.pptx))
    slides = _slide_of(rendered, "Dækning pr.")
    charts = {n: [s.chart for s in prs.slides[n].shapes if s.has_chart] for n in slides}
    every = [c for cs in charts.values() for c in cs]
    planned = {t.scenario for t in rendered.comparison.teams}
    assert len(every) == len(planned)
    ends = {c.value_axis.maximum_scale for c in every}
    assert len(ends) == 1 and ends.pop() >= 1.0
    assert {c.value_axis.minimum_scale for c in every} == {0.0}
    for n, on_slide in charts.items():
        words = set(rendered.pages[n].text.split())
        for chart in on_slide:
            for category in chart.plots[0].categories:
                assert all(w in words for w in str(category).split()), (n, category)
    places = max(len(list(c.plots[0].categories)) for c in every)
    districts = {d.district_id for d in rendered.comparison.districts}
    # every district named (the same in every structure), or without districts every team (14 or 26)
    assert places == (len(districts) if districts else max(r.teams for r in rendered.comparison.kpis))


def test_the_trade_off_slide_names_its_option_and_marks_its_plan(rendered: Rendered) -> None:
    (n,) = _slide_of(rendered, "Afvejning")
    page = rendered.pages[n].text
    frontier = rendered.comparison.frontier
    assert frontier is not None
    owner = next(r for r in rendered.comparison.kpis if r.scenario == frontier.scenario)
    assert f"Kurven hører til muligheden {owner.title}." in page
    assert f"Planen: {owner.staff_moved} flytninger" in page
    scatter = next(s.chart for s in Presentation(str(rendered.pptx)).slides[n].shapes if s.has_chart)
    plan = scatter.plots[0].series[1]
    assert list(plan.values) == [pytest.approx(owner.max_shortfall)]


def test_who_moves_shows_every_option(rendered: Rendered) -> None:
    slides = _slide_of(rendered, "Hvem flytter")
    text = " ".join(rendered.pages[n].text for n in slides)
    for row in rendered.comparison.kpis:
        assert row.title in text


def test_slide_numbers_and_notes_name_the_sources(rendered: Rendered) -> None:
    prs = Presentation(str(rendered.pptx))
    total = len(prs.slides)
    for n, slide in enumerate(prs.slides, start=1):
        if n > 1:
            assert f"{n}/{total}" in rendered.pages[n - 1].text.split()
        notes = slide.notes_slide.notes_text_frame.text
        assert "Kilde: cmp.json" in notes
        for row in rendered.comparison.kpis:
            mark = f"kørsel nr. {row.run_id}" if row.run_id else "ikke gemt"
            assert f"{row.title}: {mark}" in notes


def test_language_author_and_date(rendered: Rendered) -> None:
    prs = Presentation(str(rendered.pptx))
    core = prs.core_properties
    assert (core.language, core.author) == (LANGUAGE, AUTHOR)  # the sample book names no municipality
    now = datetime.now(UTC).replace(tzinfo=None)
    assert core.created is not None and now - timedelta(hours=1) < core.created <= now + timedelta(minutes=1)
    langs = set()
    for part in prs.part.package.iter_parts():
        root = getattr(part, "_element", None)
        if root is None:
            continue
        for tag in ("a:rPr", "a:endParaRPr", "a:defRPr"):
            langs |= {e.get("lang") for e in root.iter(qn(tag))}
        assert all(r.find(qn("a:rPr")) is not None for r in root.iter(qn("a:r")))
    assert langs == {LANGUAGE}


def test_the_sample_deck_tells_the_decision_in_its_slides(sample: Rendered) -> None:
    titles = [s.shapes.title.text for s in Presentation(str(sample.pptx)).slides]
    assert titles[:4] == [
        "Tværfaglig støtte i bydelsteams",
        "Spørgsmålet",
        "Mulighederne side om side (1 af 2)",
        "Mulighederne side om side (2 af 2)",
    ]
    for title in ("Hvem vinder, og hvem taber", "Flytninger og nye stillinger pr. mulighed", "Metode og forbehold"):
        assert title in titles
    method = sample.pages[titles.index("Metode og forbehold")].text
    assert "CP-SAT" not in method and ".md" not in method and ".xlsx" not in method
    assert "Beslutningsgrundlag: 8 muligheder" in sample.pages[0].text
    assert "kommune.xlsx" not in sample.pages[0].text


def test_a_doctored_overflowing_title_fails_the_check(sample: Rendered, soffice: str, tmp_path: Path) -> None:
    prs = Presentation(str(sample.pptx))
    title = prs.slides[2].shapes.title
    title.text = "Mulighederne side om side " * 12
    title.text_frame.paragraphs[0].font.size = Pt(60)
    doctored = tmp_path / "doctored.pptx"
    prs.save(str(doctored))
    assert outside(pages(to_pdf(soffice, doctored, tmp_path))) != []


def test_the_axis_ends_at_100_percent_or_above() -> None:
    from optimiser.export.deck import DeckData, Option

    low = Option("a", "A", "optimal", {}, [("X", 0.5, 0.8)], [])
    high = Option("b", "B", "optimal", {}, [("X", 0.5, 1.31)], [])
    assert coverage_axis(DeckData("", [low], None)) == pytest.approx(1.0)
    assert coverage_axis(DeckData("", [low, high], None)) == pytest.approx(1.4)


def test_without_the_book_the_summary_gives_the_same_names(sample: Rendered) -> None:
    summary = sample.comparison.summary()
    with_book = from_comparison(summary, Names.of(sample.comparison.base, pseudonymise=True))
    stored = json.loads(json.dumps(summary, default=str))  # as CMP.json holds it
    alone = from_comparison(stored, Names())
    for a, b in zip(with_book.options, alone.options, strict=True):
        assert (a.title, a.coverage, a.moves, a.places) == (b.title, b.coverage, b.moves, b.places)
    assert stored["names"]["professions"]["tale_hørekonsulent"] == "Tale-hørekonsulent"
