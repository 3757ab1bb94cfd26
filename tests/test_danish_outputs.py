"""Everything a person reads is Danish and uses display names: a scan of the CLI's, the workbooks' and the
decks' text on the sample.

One module-scoped run of the commands (validate, demand, solve with its results workbook, compare with its
comparison workbook, a deck of each) at a short time limit; then every line printed, every cell of every
sheet and every text of every slide (text frames, tables, chart titles, axis titles, series and categories)
is scanned for (a) the sample's raw ids where a display name exists (professions, indicators, areas, teams,
scenarios, structures) and (b) words that are English only.

Exempt, because the user chose them: file names and paths (printed as "saved in PATH": the temporary folder
is cut from stdout), the parameter keys of the book's own Parametre sheet (listed as written on the Metode
sheet), and the Scenarier sheet's file columns (the scenario's file name and its YAML text, comments and all,
quoted as the planner wrote them; the parameters and the solver settings as stored, JSON).

The solve's explanation lines are scanned like every other text: they are reason codes rendered when shown,
with professions, teams and areas by their names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import redirect_stdout
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pptx import Presentation
from samplepaths import ROOT, SAMPLE_BOOK

from app.cli.main import main
from optimiser import sample
from optimiser.io import load_instance

EXAMPLES = ROOT / "scenarios" / "examples"
SCENARIOS = ("s2_26_klynger", "s4_tale_fra_boernecenter", "s6_besparelse_5_pct")
SOLVER = ["--time-limit", "10", "--workers", "1", "--no-store"]

# Words a Danish reader should never meet: English only (not "team", "status" or "optimal plan" in Danish
# sense: "optimal" is Danish too, but the status word was the solver's English and is checked here).
ENGLISH = (
    "shortfall",
    "coverage",
    "infeasible",
    "feasible",
    "optimal",
    "overhead",
    "add",
    "remove",
    "moves",
    "equity",
    "staff",
    "demand",
    "supply",
    "weight",
    "none",
    "true",
    "false",
    "base_children",
    "raw_multiplier",
    "need_share",
    "staff_id",
    "planned_team",
    "timeout",
)
ENGLISH_PATTERN = re.compile(r"(?<![\w-])(" + "|".join(ENGLISH) + r")(?![\w-])", re.IGNORECASE)

# Scenarier-sheet columns that quote the user's files and the stored parameters (see the module docstring).
EXEMPT_COLUMNS = {
    ("Scenarier", "Fil"),
    ("Scenarier", "Scenariefil"),
    ("Scenarier", "Parametre"),
    ("Scenarier", "Løserindstillinger"),
}


@dataclass(frozen=True)
class Texts:
    """Every text a person reads, by where it was read (for the failure message)."""

    items: list[tuple[str, str]]

    def found(self, pattern: re.Pattern[str]) -> list[str]:
        return [f"{where}: {text!r}" for where, text in self.items if pattern.search(text)]


def _run(*argv: str | Path) -> str:
    out = StringIO()
    with redirect_stdout(out):
        code = main([str(a) for a in argv])
    assert code == 0, out.getvalue()
    return out.getvalue()


def _book_texts(path: Path) -> Iterator[tuple[str, str]]:
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        headers: dict[int, str] = {}
        for row in ws.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                if cell.row == 1:
                    headers[cell.column] = cell.value
                column = headers.get(cell.column, "")
                if (ws.title, column) in EXEMPT_COLUMNS and cell.row > 1:
                    continue
                if ws.title == "Metode" and column == "Nøgle":
                    continue
                yield f"{path.name}!{ws.title}!{cell.coordinate}", cell.value
        for chart in ws._charts:
            for text in _openpyxl_chart_texts(chart):
                yield f"{path.name}!{ws.title}!chart", text


def _openpyxl_chart_texts(chart: Any) -> Iterator[str]:
    def rich(title: Any) -> Iterator[str]:
        if title is None or title.tx is None or title.tx.rich is None:
            return
        for paragraph in title.tx.rich.p:
            for run in paragraph.r or []:
                yield run.t

    yield from rich(chart.title)
    for axis in (chart.x_axis, chart.y_axis):
        yield from rich(axis.title)


def _deck_texts(path: Path) -> Iterator[tuple[str, str]]:
    for n, slide in enumerate(Presentation(str(path)).slides, start=1):
        where = f"{path.name} slide {n}"
        for shape in slide.shapes:
            if shape.has_text_frame:
                yield where, shape.text_frame.text
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        yield where, cell.text
            if shape.has_chart:
                chart = shape.chart
                if chart.has_title:
                    yield where, chart.chart_title.text_frame.text
                for axis in (chart.category_axis, chart.value_axis):
                    if axis.has_title:
                        yield where, axis.axis_title.text_frame.text
                for plot in chart.plots:
                    yield from ((where, str(c)) for c in plot.categories)
                    yield from ((where, s.name) for s in plot.series)


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> Texts:
    folder = tmp_path_factory.mktemp("danish")
    result, results_book = folder / "r.json", folder / "r.xlsx"
    comparison, comparison_book = folder / "cmp.json", folder / "cmp.xlsx"
    stdout = [
        _run("validate", SAMPLE_BOOK),
        _run("demand", SAMPLE_BOOK),
        _run("solve", SAMPLE_BOOK, "--out", result, "--xlsx", results_book, *SOLVER),
        _run(
            "compare",
            SAMPLE_BOOK,
            *(EXAMPLES / f"{name}.yaml" for name in SCENARIOS),
            "--out",
            comparison_book,
            "--points",
            "2",
            *SOLVER,
        ),
        _run("deck", result, "--out", folder / "r.pptx", "--book", SAMPLE_BOOK),
        _run("deck", comparison, "--out", folder / "cmp.pptx", "--book", SAMPLE_BOOK),
    ]
    items = [("stdout", line.replace(str(folder), "")) for out in stdout for line in out.splitlines()]
    items += [*_book_texts(results_book), *_book_texts(comparison_book)]
    items += [*_deck_texts(folder / "r.pptx"), *_deck_texts(folder / "cmp.pptx")]
    return Texts(items)


def _raw_ids() -> set[str]:
    """The sample's ids that have a display name different from themselves. An id that is its name in lower case
    (psykolog: Psykolog) is the word a sentence uses (explanations write professions so), not a raw id."""
    instance = load_instance(SAMPLE_BOOK)
    named = [
        *((p.id, p.name) for p in instance.professions),
        *((k.id, k.name) for k in instance.indicators),
        *((a.id, a.name) for a in instance.areas),
        *((t.id, t.name) for t in (*instance.teams, *instance.structure_teams)),
        *((s, "") for s in instance.structures),
        *((name, "") for name in SCENARIOS),
    ]
    return {identifier for identifier, name in named if identifier not in (name, name.lower())}


def test_the_scan_sees_every_output(texts: Texts) -> None:
    """The scan reads what it should: each output's own words are among the texts (else it proves nothing)."""
    wheres = {where.split("!")[0].split(" slide")[0] for where, _ in texts.items}
    assert wheres == {"stdout", "r.xlsx", "cmp.xlsx", "r.pptx", "cmp.pptx"}
    everything = "\n".join(text for _, text in texts.items)
    for words in ("Største relative underdækning", "Psykolog", "Scenarie 2: 26 klynger", "Amager Øst"):
        assert words in everything


def test_no_raw_id_where_a_name_exists(texts: Texts) -> None:
    ids = sorted(_raw_ids(), key=len, reverse=True)
    assert {"tale_hørekonsulent", "ppr_sager_pr_100", "vesterbro_kgs_enghave_valby", "s2_26_klynger"} <= set(ids)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(i) for i in ids) + r")(?![\w-])")
    leaks = texts.found(pattern)
    assert not leaks, "\n".join(leaks)


def test_no_english_word_in_danish_output(texts: Texts) -> None:
    leaks = texts.found(ENGLISH_PATTERN)
    assert not leaks, "\n".join(leaks)


def test_the_scan_fails_on_a_leak() -> None:
    """The patterns catch what they are for (a scan that cannot fail would pass on any output)."""
    leaks = Texts([("x", "Status: infeasible"), ("y", "tale_hørekonsulent: 2,0"), ("z", "overhead 0.0%")])
    assert len(leaks.found(ENGLISH_PATTERN)) == 2
    ids = re.compile(r"(?<![\w-])(tale_hørekonsulent)(?![\w-])")
    assert leaks.found(ids) == ["y: 'tale_hørekonsulent: 2,0'"]
    assert Texts([("x", "Tale-hørekonsulent"), ("y", "tilføjet")]).found(ENGLISH_PATTERN) == []
    assert sample.PROFESSION_NAMES["tale_hørekonsulent"] == "Tale-hørekonsulent"
