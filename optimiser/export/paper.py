"""The draft committee paper (Word, python-docx): a Danish committee item made from a comparison.

The sections of a dagsordenspunkt: Indstilling (left for the administration to write, with the options
listed), Problemstilling, Løsning (each option with its figures), Økonomi (mio. kr. per option and budget
year), Konsekvenser and Risici per option, Videre proces, Bilag (the deck and the workbooks). It reads the same
`DeckData` as the deck (`optimiser.export.deck.from_comparison`), so both print the same figures; every figure
is marked with the run it comes from.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from optimiser import i18n
from optimiser.export.deck import LANGUAGES, DeckData, Option, from_comparison, shown
from optimiser.export.safety import safe_text
from optimiser.figures import Figure, Unit, as_text, figure
from optimiser.i18n import N_, text
from optimiser.names import Names
from optimiser.problems import Lang
from optimiser.vocabulary import status

if TYPE_CHECKING:
    from optimiser.comparison import Comparison

YEARS = 4  # budget years in the economy table (the year after the comparison's and three more)
MOVES_RISK = 50  # staff changing team above which continuity is named as a risk

SOLUTION: tuple[str, ...] = (
    "max_shortfall",
    "mean_shortfall",
    "total_shortfall_fte",
    "staff_moved",
    "contacts_changed",
    "teams",
    "new_posts_fte",
    "cost_dkk",
    "cost_delta_dkk",
)


def paper_bytes(comparison: Comparison, lang: Lang = "da") -> bytes:
    """The paper of a comparison as the bytes of a .docx file (the app's download)."""
    deck = from_comparison(comparison.summary(), Names.of(comparison.base, pseudonymise=True), lang)
    out = BytesIO()
    write_paper(deck, out, lang)
    return out.getvalue()


def write_paper(deck: DeckData, path: str | Path | BytesIO, lang: Lang = "da") -> None:
    """Write the draft committee paper to `path`."""
    doc = Document()
    section = doc.sections[0]  # A4 with 2.5 cm margins: the municipality's paper
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    _language(doc, deck.author, LANGUAGES[lang])
    doc.add_heading(text("Draft: organising the cross-disciplinary support in district teams", lang), 0)
    made = deck.made or i18n.day(date.today(), lang)
    doc.add_paragraph(
        text(
            "Figures from the comparison of {day}; each figure names the run it comes from in square brackets.",
            lang,
            day=made,
        )
    )
    plans = deck.plans
    _heading(doc, text("Recommendation", lang))
    doc.add_paragraph(text("[The administration writes its recommendation here.]", lang))
    doc.add_paragraph(text("The administration recommends that the committee chooses one of these options:", lang))
    for option in plans:
        doc.add_paragraph(safe_text(option.title), style="List Number")

    _heading(doc, text("The problem", lang))
    today = deck.today
    worst = as_text(today.figures.get("max_shortfall") if today else None, Unit.SHARE, lang)
    doc.add_paragraph(
        text(
            "The support staff are not shared by need today: the largest relative shortfall of a team and "
            "profession is {worst}. The committee decides how to organise the support so that it follows need.",
            lang,
            worst=worst,
        )
    )
    if deck.reference:
        doc.add_paragraph(
            text("Every option is measured against the same need: {reference}.", lang, reference=deck.reference)
        )

    _heading(doc, text("Solution: the options", lang))
    for option in plans:
        doc.add_heading(safe_text(option.title), 2)
        for name in SOLUTION:
            fig = figure(name)
            _figure(doc, option, fig, lang)

    _heading(doc, text("Economy", lang))
    _economy(doc, deck, made, lang)

    _heading(doc, text("Consequences", lang))
    for option in plans:
        doc.add_heading(safe_text(option.title), 2)
        for line in _consequences(option, deck, lang):
            doc.add_paragraph(safe_text(line), style="List Bullet")

    _heading(doc, text("Risks", lang))
    for option in plans:
        doc.add_heading(safe_text(option.title), 2)
        for line in _risks(option, lang):
            doc.add_paragraph(safe_text(line), style="List Bullet")

    _heading(doc, text("Further process", lang))
    doc.add_paragraph(text(PROCESS, lang))

    _heading(doc, text("Appendices", lang))
    for n, appendix in enumerate(APPENDICES, start=1):
        doc.add_paragraph(text("Appendix {n}: {what}", lang, n=n, what=text(appendix, lang)))
    doc.save(str(path) if isinstance(path, Path) else path)


PROCESS = N_(
    "After the committee's decision the administration plans the transition (who moves when), discusses it "
    "with the staff and the works council, and reports back to the committee on the first school year."
)
APPENDICES: tuple[str, ...] = (
    N_("The committee deck (PowerPoint)"),
    N_("The comparison workbook (Excel): every option's figures, teams, institutions and moves"),
    N_("The results workbook of the chosen option (Excel)"),
)


def _language(doc: Any, author: str, tag: str) -> None:
    """The language (da-DK) for the spelling of every paragraph (the Normal style) and in the core properties."""
    core = doc.core_properties
    core.author = core.last_modified_by = author
    core.language = tag
    core.created = core.modified = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    rpr = normal.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:val"), tag)


def _heading(doc: Any, words: str) -> None:
    doc.add_heading(words, 1)


def source(option: Option, lang: Lang) -> str:
    """The mark of a figure's source: "[kørsel nr. 12]" (or that the run was not stored)."""
    run = text("run no. {run}", lang, run=option.run_id) if option.run_id else text("not stored", lang)
    return f"[{run}]"


def _figure(doc: Any, option: Option, fig: Figure, lang: Lang) -> None:
    value = shown(fig, option.figures.get(fig.row), lang)
    doc.add_paragraph(f"{fig.title(lang)}: {value} {source(option, lang)}", style="List Bullet")


def _economy(doc: Any, deck: DeckData, made: str, lang: Lang) -> None:
    first = _year(made) + 1
    years = [str(first + n) for n in range(YEARS)]
    doc.add_paragraph(
        text(
            "Difference from today in mio. DKK a year, at full effect from the first budget year (no phasing-in "
            "is counted); the annual cost of each option in the second column.",
            lang,
        )
    )
    header = [text("Option", lang), text("Mio. DKK a year", lang), *years, text("Source", lang)]
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Light Grid Accent 1"
    table.autofit = False
    for cell, words in zip(table.rows[0].cells, header, strict=True):
        cell.text = words
    cost, delta = figure("cost_dkk"), figure("cost_delta_dkk")
    for option in deck.options:
        change = option.figures.get(delta.row)
        row = table.add_row().cells
        row[0].text = safe_text(option.title)
        row[1].text = _mio(option.figures.get(cost.row), lang, signed=False)
        for cell in row[2 : 2 + YEARS]:
            cell.text = _mio(change, lang, signed=True)
        row[-1].text = source(option, lang) if option.status != "current" else text("the book", lang)
    widths = [Cm(4.2), Cm(2.0), *[Cm(1.6)] * YEARS, Cm(3.4)]
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid: what LibreOffice and Word lay out by
    for n, row in enumerate(table.rows):
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
        props = row._tr.get_or_add_trPr()
        props.append(props.makeelement(qn("w:cantSplit"), {}))  # a row is never cut over two pages
        if n == 0:
            props.append(props.makeelement(qn("w:tblHeader"), {}))  # the header repeats on the next page


def _mio(value: float | None, lang: Lang, signed: bool) -> str:
    if value is None:
        return "–"
    sign = "+" if signed and value > 0 else ""
    return sign + i18n.number(value / 1e6, 1, lang)


def _year(made: str) -> int:
    digits = [w for w in made.split() if w.isdigit() and len(w) == 4]
    return int(digits[-1]) if digits else date.today().year


def _named(changes: Sequence[tuple[str, float]], gained: bool, lang: Lang) -> str:
    picked = [(k, v) for k, v in changes if (v > 0.005 if gained else v < -0.005)]
    picked = picked[:3] if gained else picked[::-1][:3]
    return ", ".join(f"{k} ({as_text(v, Unit.CHANGE, lang)})" for k, v in picked) or "–"


def _consequences(option: Option, deck: DeckData, lang: Lang) -> list[str]:
    mark = source(option, lang)
    f = option.figures
    count = figure("staff_moved")
    lines = [
        text(
            "{n} staff change team; {contacts} institutions get a new contact person {mark}.",
            lang,
            n=count.show(f.get("staff_moved"), lang),
            contacts=count.show(f.get("contacts_changed"), lang),
            mark=mark,
        ),
        text("Gain most FTE: {places} {mark}.", lang, places=_named(option.places, True, lang), mark=mark),
        text("Lose most FTE: {places} {mark}.", lang, places=_named(option.places, False, lang), mark=mark),
    ]
    if option.professions:
        lines.append(
            text(
                "Professions: more FTE for {gain}; fewer for {lose} {mark}.",
                lang,
                gain=_named(option.professions, True, lang),
                lose=_named(option.professions, False, lang),
                mark=mark,
            )
        )
    posts = f.get("new_posts_fte")
    if posts:
        lines.append(
            text(
                "New posts: {fte} FTE for {cost} a year {mark}.",
                lang,
                fte=figure("new_posts_fte").show(posts, lang),
                cost=shown(figure("new_posts_cost_dkk"), f.get("new_posts_cost_dkk"), lang),
                mark=mark,
            )
        )
    return lines


def _risks(option: Option, lang: Lang) -> list[str]:
    mark = source(option, lang)
    f = option.figures
    lines = []
    if option.status != "optimal":
        lines.append(
            text(
                "The calculation ended as: {status}; a better plan may exist {mark}.",
                lang,
                status=status(option.status, lang),
                mark=mark,
            )
        )
    moved = f.get("staff_moved") or 0
    if moved > MOVES_RISK:
        lines.append(
            text(
                "{n} staff change team: relations with schools and day-care may be lost for a while {mark}.",
                lang,
                n=int(moved),
                mark=mark,
            )
        )
    change = f.get("cost_delta_dkk") or 0.0
    if change > 0:
        lines.append(
            text(
                "The extra cost of {cost} a year must be financed {mark}.",
                lang,
                cost=shown(figure("cost_delta_dkk"), change, lang),
                mark=mark,
            )
        )
    elif change < 0:
        lines.append(
            text(
                "The saving of {cost} a year means fewer FTE for the same need {mark}.",
                lang,
                cost=i18n.mio_dkk(-change, 1, lang),
                mark=mark,
            )
        )
    worst = f.get("max_shortfall")
    lines.append(
        text(
            "A shortfall remains: the largest relative shortfall is {worst} {mark}.",
            lang,
            worst=as_text(worst, Unit.SHARE, lang),
            mark=mark,
        )
    )
    lines.append(text(RISK_DATA, lang))
    return lines


RISK_DATA = N_("The figures rest on the workbook's need data; errors in them move the figures.")
