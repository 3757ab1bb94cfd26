"""The committee deck: slides, native charts with the result's figures, inert text, no staff names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from instances import EVIL
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from app.cli.main import main
from optimiser.domain import Instance
from optimiser.export.deck import from_result, write_deck
from optimiser.figures import figure
from optimiser.names import Names
from optimiser.results import SolveResult


def texts(path: Path) -> list[str]:
    out = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                out.append(shape.text_frame.text)
            if shape.has_table:
                out += [cell.text for row in shape.table.rows for cell in row.cells]
            if shape.has_chart:
                out += [str(c) for c in shape.chart.plots[0].categories]
    return out


def charts(path: Path) -> list[Any]:
    return [s.chart for slide in Presentation(str(path)).slides for s in slide.shapes if s.has_chart]


@pytest.fixture(scope="module")
def deck(town: Instance, result: SolveResult, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("deck") / "udvalg.pptx"
    write_deck(from_result(result, Names.of(town, pseudonymise=True), "resultat.json"), path)
    return path


def test_the_slides(deck: Path) -> None:
    titles = [s.shapes.title.text for s in Presentation(str(deck)).slides]
    assert titles == [
        "Tværfaglig støtte i bydelsteams",
        "Spørgsmålet",
        "Mulighederne side om side",
        "Dækning pr. team",
        "Omkostning pr. mulighed",
        "Hvem vinder, og hvem taber",
        "Flytninger og nye stillinger pr. mulighed",
        "Høringens argumenter pr. mulighed (1 af 2)",  # the arguments split where they fill a slide
        "Høringens argumenter pr. mulighed (2 af 2)",
        "Hvem flytter",
        "Metode og forbehold",
    ]


def test_coverage_chart_has_today_and_the_plan(deck: Path) -> None:
    coverage = charts(deck)[0]
    assert coverage.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(coverage.plots[0].categories) == ["'=cmd|' /C calc'!A0", "Team B"]
    today, plan = (list(s.values) for s in coverage.plots[0].series)
    assert today == [pytest.approx(3.0), pytest.approx(1 / 3)]  # A 2.4 of 0.8, B 0.8 of 2.4
    assert plan == [pytest.approx(1.0), pytest.approx(1.0)]


def test_key_figures_in_danish(deck: Path) -> None:
    shown = texts(deck)
    assert "0,0 %" in shown  # the plan's largest shortfall
    assert "2,4 mio. kr." in shown  # cost in mio. kr.
    assert "Team B" in shown and "'=cmd|' /C calc'!A0" in shown  # chart categories, neutralised


def test_no_names_and_no_formulas(deck: Path) -> None:
    shown = " ".join(texts(deck))
    for name in EVIL.values():
        assert name not in shown
    assert all(not t.startswith(("=", "+", "@")) for t in texts(deck))


def test_the_deck_command_from_a_comparison(town: Instance, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from optimiser.io import write_book

    book = tmp_path / "town.xlsx"
    write_book(town, book)
    scenario = tmp_path / "one_move.yaml"
    scenario.write_text("policy: {max_moves: 1}\n", encoding="utf-8")
    cmp_xlsx, deck = tmp_path / "cmp.xlsx", tmp_path / "deck.pptx"
    assert main(["compare", str(book), str(scenario), "--out", str(cmp_xlsx), "--points", "3", "--no-store"]) == 0
    summary = json.loads(cmp_xlsx.with_suffix(".json").read_text(encoding="utf-8"))
    assert summary["kpis"][0]["staff_moved"] == 1
    assert main(["deck", str(cmp_xlsx.with_suffix(".json")), "--out", str(deck), "--book", str(book)]) == 0
    titles = [s.shapes.title.text for s in Presentation(str(deck)).slides]
    assert "Afvejning: lighed mod flytninger" in titles
    scatter = next(c for c in charts(deck) if c.chart_type.name.startswith("XY_SCATTER"))
    curve, plan = scatter.plots[0].series
    assert len(list(curve.values)) >= 1
    assert list(plan.values) == [pytest.approx(summary["kpis"][0]["max_shortfall"])]  # the option's own plan
    side = texts(deck)
    assert "I dag" in side and "66,7 %" in side and "33,3 %" in side  # today's and one move's largest shortfall


def test_a_file_that_is_neither_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    assert main(["deck", str(bad), "--out", str(tmp_path / "d.pptx")]) == 2
    assert "kan ikke læses som et resultat eller en sammenligning" in capsys.readouterr().out


def _district(scenario: str, district: str, profession: str, demand: float, now: float, new: float) -> dict[str, Any]:
    return {
        "scenario": scenario,
        "district_id": district.lower(),
        "district_name": district,
        "profession": profession,
        "demand_fte": demand,
        "current_supply_fte": now,
        "supply_fte": new,
        "current_coverage": now / demand,
        "coverage": new / demand,
    }


def test_with_districts_today_is_the_same_on_every_slide_and_professions_gain_or_lose() -> None:
    from optimiser.export.deck import from_comparison

    row = {"scenario": "a", "title": "A", "status": "optimal", "run_id": 7}
    summary = {
        "kind": "bydelsteam-comparison",
        "current": {"cost_dkk": 1e6},
        "kpis": [row, {**row, "scenario": "b", "title": "B", "run_id": 8}],
        "teams": [],
        "moves": [],
        "districts": [
            _district("nuværende", "Vest", "psykolog", 2.0, 1.0, 1.0),
            _district("nuværende", "Øst", "psykolog", 2.0, 3.0, 3.0),
            _district("a", "Vest", "psykolog", 2.0, 1.5, 2.0),  # an option's "today" must not be used
            _district("a", "Øst", "psykolog", 2.0, 3.0, 2.0),
            _district("b", "Vest", "psykolog", 2.0, 1.0, 1.5),
            _district("b", "Øst", "psykolog", 2.0, 3.0, 2.5),
        ],
        "names": {"professions": {"psykolog": "Psykologer"}},
    }
    deck = from_comparison(summary, Names())
    assert deck.districts
    a, b = deck.plans
    assert [(d, now) for d, now, _ in a.coverage] == [("Vest", 0.5), ("Øst", 1.5)]
    assert [(d, now) for d, now, _ in b.coverage] == [("Vest", 0.5), ("Øst", 1.5)]
    assert [plan for _, _, plan in a.coverage] == [1.0, 1.0]
    assert a.places == [("Vest", 0.5), ("Øst", -1.0)]
    assert a.professions == [("Psykologer", -0.5)]
    assert (a.run_id, b.run_id) == (7, 8)


def test_money_in_mio_kr_but_per_child_in_kroner() -> None:
    from optimiser.export.deck import shown

    assert shown(figure("cost_delta_dkk"), -23_012_600, "da") == "-23,0 mio. kr."
    assert shown(figure("cost_delta_dkk"), 1_980_000, "da") == "+2,0 mio. kr."
    assert shown(figure("cost_per_child_dkk"), 4_321, "da") == "4.321 kr."
