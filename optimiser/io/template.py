"""Writing the workbook: the empty template planners fill in, and a filled book from an `Instance`.

Both have the same layout (`optimiser.io.columns`): a "Vejledning" sheet first, then one sheet per entity
with a bold frozen header row whose cells carry a note (meaning, unit, example), drop-down lists and
number formats, and the `Parametre` sheet with every key, its value, default and description.
Written in openpyxl's write-only mode and with whole-column validation ranges, so large books are fast.
"""

from __future__ import annotations

import errno
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from optimiser.domain import EntityKind, Instance, Parameters
from optimiser.io.cells import to_cell
from optimiser.io.columns import (
    ENTITY_SHEETS,
    INSTITUTIONS,
    INSTRUCTIONS,
    NUMBER_FORMATS,
    PARAMETERS,
    PARAMS,
    SHEETS,
    Column,
    Kind,
    Param,
    Sheet,
)
from optimiser.settings import SolverSettings

# Rows below the data that drop-down lists and checks still cover, for rows the planner adds.
SPARE_ROWS = 1000
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=14)
REQUIRED_FILL = PatternFill("solid", fgColor="BDD7EE")
OPTIONAL_FILL = PatternFill("solid", fgColor="E7E6E6")
WRAP = Alignment(wrap_text=True, vertical="top")
FIELDS: dict[EntityKind, str] = {
    "area": "areas",
    "team": "teams",
    "institution": "institutions",
    "profession": "professions",
    "need_weight": "need_weights",
    "indicator": "indicators",
    "staff": "staff",
    "structure_team": "structure_teams",
    "structure_assignment": "structure_assignments",
    "pool": "pools",
    "start_team": "start_teams",
    "contact": "contacts",
    "step": "steps",
}


def write_template(path: str | Path) -> None:
    """The empty template: headers, notes, drop-downs, and the parameters at their defaults."""
    _write(Path(path), None)


def write_book(instance: Instance, path: str | Path) -> None:
    """A filled workbook in the template's layout; `read_book` reads it back to an equal instance."""
    _write(Path(path), instance)


def _write(path: Path, instance: Instance | None) -> None:
    if not path.parent.is_dir():  # fail before any sheet is streamed, not half-way through saving
        raise FileNotFoundError(errno.ENOENT, "No such directory", str(path.parent))
    book = Workbook(write_only=True)
    rows: dict[str, Sequence[Any]] = {
        sheet.name: getattr(instance, FIELDS[sheet.entity]) if instance and sheet.entity else ()
        for sheet in ENTITY_SHEETS
    }
    last_rows = {name: len(models) + 1 + SPARE_ROWS for name, models in rows.items()}
    _instructions(book)
    for sheet in ENTITY_SHEETS:
        indicators = _indicators(instance) if sheet is INSTITUTIONS else []
        _entity_sheet(book, sheet, rows[sheet.name], indicators, last_rows)
    _parameters_sheet(book, instance.parameters if instance else Parameters(), instance.solver if instance else None)
    book.save(path)


def _indicators(instance: Instance | None) -> list[str]:
    """Indicator columns: those the weights use, then any other the institutions carry."""
    if instance is None:
        return []
    names = instance.indicator_names() + [k for i in instance.institutions for k in i.indicators]
    return list(dict.fromkeys(names))


def _note(column: Column) -> str:
    lines = [column.help_da]
    if column.choices and column.kind is Kind.CHOICES:
        lines.append("Mulige: " + ", ".join(d for d, _ in column.choices) + ".")
    if column.lookup:
        lines.append(f"Vælg fra listen (arket {column.lookup}).")
    if column.example:
        lines.append(f"Eksempel: {column.example}")
    lines.append("Skal udfyldes." if column.required else "Kan udelades.")
    return "\n".join(lines)


def _header(ws: Any, columns: Sequence[Column]) -> list[WriteOnlyCell]:
    cells = []
    for column in columns:
        cell = WriteOnlyCell(ws, value=column.name)
        cell.font = BOLD
        cell.fill = REQUIRED_FILL if column.required else OPTIONAL_FILL
        if column.help_da:
            cell.comment = Comment(_note(column), "bydelsteam", height=160, width=300)
        cells.append(cell)
    return cells


def _validation(column: Column, last_rows: dict[str, int]) -> DataValidation | None:
    """The drop-down list or range check for a column, if it has one."""

    def checked(kind: str, operator: str, low: str, high: str | None, error: str) -> DataValidation:
        return DataValidation(
            type=kind,
            operator=operator,
            formula1=low,
            formula2=high,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=column.name,
            error=error,
        )

    if column.kind is Kind.CHOICE or column.kind is Kind.BOOL:
        words = [d for d, _ in column.choices] if column.kind is Kind.CHOICE else ["ja", "nej"]
        return DataValidation(
            type="list",
            formula1='"' + ",".join(words) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=column.name,
            error="Vælg fra listen.",
        )
    if column.lookup:
        # The id is the first column of every sheet; a warning (not a stop) lets the planner add it later.
        source = f"'{column.lookup}'!$A$2:$A${last_rows[column.lookup]}"
        return DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=True,
            errorStyle="warning",
            errorTitle=column.name,
            error=f"Findes ikke på arket {column.lookup}. Fortsæt alligevel?",
        )
    if column.kind is Kind.FTE:
        return checked("decimal", "between", "0.01", "1", "Årsværk skal være større end 0 og højst 1.")
    if column.kind is Kind.INT:
        return checked("whole", "greaterThanOrEqual", "0", None, "Skriv et helt tal, 0 eller større.")
    if column.kind is Kind.MONEY:
        return checked("decimal", "greaterThanOrEqual", "0", None, "Skriv et beløb i kr., 0 eller større.")
    if column.kind is Kind.SHARE:
        return checked("decimal", "between", "0", "1", "Skriv en andel fra 0 % til 100 %.")
    return None


def _entity_sheet(
    book: Workbook, sheet: Sheet, models: Sequence[Any], indicators: list[str], last_rows: dict[str, int]
) -> None:
    ws = book.create_sheet(sheet.name)
    extra = [Column(name, None, Kind.NUMBER, False, "", "", "") for name in indicators]
    columns = [*sheet.columns, *extra]
    last = last_rows[sheet.name]
    for n, column in enumerate(columns, start=1):
        letter = get_column_letter(n)
        ws.column_dimensions[letter].width = column.width
        if column.kind in NUMBER_FORMATS:  # so that values typed later show in the right format too
            ws.column_dimensions[letter].number_format = NUMBER_FORMATS[column.kind]
        rule = _validation(column, last_rows)
        if rule is not None:
            rule.add(f"{letter}2:{letter}{last}")
            ws.data_validations.append(rule)
    ws.freeze_panes = "A2"
    ws.append(_header(ws, columns))
    for model in models:
        row: list[Any] = []
        for column in sheet.columns:
            assert column.field is not None
            value = to_cell(column.kind, getattr(model, column.field), column.choices)
            number_format = NUMBER_FORMATS.get(column.kind)
            if number_format and value is not None:
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = number_format
                value = cell
            elif isinstance(value, str) and value.startswith("="):
                cell = WriteOnlyCell(ws, value=value)
                cell.data_type = "s"  # the book's text, stored as text, never as a formula
                value = cell
            row.append(value)
        if indicators:
            row += [model.indicators.get(name) for name in indicators]
        ws.append(row)


def _param_cell(ws: Any, param: Param, value: object) -> object:
    value = to_cell(param.kind, value, param.choices)
    number_format = NUMBER_FORMATS.get(param.kind)
    if number_format is None or value is None:
        return value
    cell = WriteOnlyCell(ws, value=value)
    cell.number_format = number_format
    return cell


def _parameters_sheet(book: Workbook, params: Parameters, settings: SolverSettings | None) -> None:
    ws = book.create_sheet(PARAMETERS.name)
    for n, column in enumerate(PARAMETERS.columns, start=1):
        ws.column_dimensions[get_column_letter(n)].width = column.width
    ws.freeze_panes = "A2"
    ws.append(_header(ws, PARAMETERS.columns))
    for number, param in enumerate(PARAMS, start=2):
        value = (
            params.weights.get(param.term)
            if param.term
            else getattr(settings or SolverSettings(), param.field)
            if param.solver
            else getattr(params, param.field)
        )
        ws.append([param.key, _param_cell(ws, param, value), _param_cell(ws, param, param.default), param.help_da])
        if param.kind in (Kind.CHOICE, Kind.BOOL):
            column = Column(param.key, None, param.kind, False, "", "", "", choices=param.choices)
            rule = _validation(column, {})
            assert rule is not None
            rule.add(f"B{number}")
            ws.data_validations.append(rule)


def _instructions(book: Workbook) -> None:
    """The first sheet: how to fill in the book, and every column of every sheet (from the same table)."""
    ws = book.create_sheet(INSTRUCTIONS)
    for letter, width in zip("ABCD", (28, 14, 90, 22), strict=True):
        ws.column_dimensions[letter].width = width

    def line(*values: object, font: Font | None = None) -> None:
        cells = []
        for value in values:
            cell = WriteOnlyCell(ws, value=value)
            cell.alignment = WRAP
            if font is not None:
                cell.font = font
            cells.append(cell)
        ws.append(cells)

    line("Bydelsteam – skabelon til data", font=TITLE)
    for text in GUIDE:
        line(text)
    for sheet in SHEETS:
        line()
        line(f"Arket {sheet.name}", font=BOLD)
        line(sheet.help_da)
        line("Kolonne", "Skal udfyldes", "Beskrivelse", "Eksempel", font=BOLD)
        for column in sheet.columns:
            line(column.name, "ja" if column.required else "nej", column.help_da, column.example)


GUIDE = (
    "Udfyld arkene Områder, Teams, Institutioner, Faggrupper, Behovsvægte og Medarbejdere med én række pr. "
    "område, team, institution osv. Arket Parametre styrer beregningen; tomme værdier betyder standardværdien.",
    "Række 1 er overskrifter: behold navnene. Blå overskrifter skal udfyldes, grå kan udelades. Hold musen over "
    "en overskrift for at se, hvad kolonnen betyder, dens enhed og et eksempel.",
    "Kolonnernes rækkefølge er ligegyldig, og ekstra kolonner springes over. Tomme rækker springes over.",
    "Tal kan skrives med komma (0,8) og andele som procent (80 %). Id'er er tekst; et id som 123 er i orden.",
    "Id'er (område_id, team_id, institution_id, faggruppe) skal være entydige, og henvisninger skal findes på "
    "det ark, de peger på. Brug listerne i cellerne.",
    "Kun tal for hele institutioner – aldrig oplysninger om enkelte børn. Medarbejdere har et pseudonymt id; "
    "CPR-numre må ikke stå nogen steder i arbejdsbogen, og en fil med CPR-numre afvises.",
    "Arkene Strukturteams og Strukturer kan udelades. De beskriver alternative organiseringer af de samme "
    "institutioner (fx 26 klynger eller ét team pr. område), som scenarier kan sammenligne.",
    "Tjek arbejdsbogen med kommandoen: bydelsteam validate FIL.xlsx",
)
