"""The robustness sheet and slide: a hand-made report shown with display names, Danish words and safe text."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from pptx import Presentation

from optimiser.domain import Instance
from optimiser.export import write_result_book
from optimiser.export.deck import from_result, write_deck
from optimiser.export.robust_slide import robust_slide
from optimiser.names import Names
from optimiser.results import SolveResult
from optimiser.robust import Cell, Flip, Ranking, RobustReport, SampleFailure, SweepSettings


def quantiles(low: float, mid: float, high: float) -> dict[str, float]:
    return {"p05": low, "p25": low, "p50": mid, "p75": high, "p95": high}


REPORT = RobustReport(
    book="town.xlsx",
    scenarios=["fri", "ingen"],
    settings=SweepSettings(samples=10, seed=3),
    samples_done=9,
    failures=[SampleFailure(sample=4, scenario=None, failure="worker_lost", detail="exit code -9")],
    cells=[
        Cell(
            scenario="fri",
            district="A",
            profession="psy",
            base_coverage=1.1,
            coverage_quantiles={"fixed": quantiles(0.95, 1.1, 1.2), "reoptimised": quantiles(1.0, 1.05, 1.1)},
            probability_below={"fixed": 0.0, "reoptimised": 0.0},
            samples={"fixed": 9, "reoptimised": 9},
        ),
        Cell(
            scenario="fri",
            district="B",
            profession="psy",
            base_coverage=0.8,
            coverage_quantiles={"fixed": quantiles(0.6, 0.8, 0.9), "reoptimised": quantiles(0.7, 0.85, 0.95)},
            probability_below={"fixed": 7 / 9, "reoptimised": 5 / 9},
            samples={"fixed": 9, "reoptimised": 9},
        ),
    ],
    flips=[Flip(scenario="fri", staff_id="m3", base_team="A", share=4 / 9, teams={"B": 4})],
    ranking=[Ranking(kpi="max_relative_shortfall", first={"fri": 0.75, "ingen": 0.25})],
)


def test_the_sheet_shows_cells_flips_ranking_and_failures(town: Instance, result: SolveResult, tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    write_result_book(town, result, path, robust=REPORT)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-3:] == ["Robusthed", "Metode", "Teknisk bilag"]
    rows = [tuple(row) for row in book["Robusthed"].iter_rows(values_only=True)]
    header = next(n for n, r in enumerate(rows) if r[0] == "Scenarie")
    assert rows[header][4:6] == ("Dækning i planen", "Planen fastholdt: 5 %")
    assert rows[header + 2][:13] == (
        "fri",
        "Team B",
        "Område x",
        "Psy",
        0.8,
        0.6,
        0.8,
        0.9,
        7 / 9,
        0.7,
        0.85,
        0.95,
        5 / 9,
    )
    texts = [v for r in rows for v in r if isinstance(v, str)]
    # The flipping person by (formula-safe) name, the ranking's Danish label, the failure's reason in words.
    flip = next(r for r in rows if r[0] == "fri" and r[3] == 4 / 9)
    assert flip[1] != "m3" and not str(flip[1]).startswith("=")
    assert "Største relative underdækning" in texts and "regneprocessen stoppede" in texts
    # Only the data vary: the note says the weights do not.
    assert "vægte ± 0 %" in rows[1][0]


def test_the_slide_ranks_cells_by_risk(town: Instance, result: SolveResult, tmp_path: Path) -> None:
    names = Names.of(town)
    slide = robust_slide(REPORT, names)
    # Most at risk last (a bar chart draws it at the top); team A's name is the town's formula attempt.
    assert slide.categories == [f"{names.team('A')}: Psy", "Team B: Psy"]
    assert slide.redone == [0.0, 5 / 9] and slide.held == [0.0, 7 / 9]
    assert slide.note == "9 af 10 prøver løst; den største relative underdækning er lavest med fri i 75 %."
    deck = from_result(result, names, "town.xlsx")
    path = tmp_path / "d.pptx"
    write_deck(deck.__class__(deck.source, deck.options, deck.frontier, slide), path)
    titles = [s.shapes.title.text for s in Presentation(str(path)).slides]
    assert "Hvor sikker er planen? Risiko for dækning under 90 %" in titles
