"""Reading a workbook into an `Instance`, reporting every problem a planner must fix.

The reader never raises for bad input. It works in four passes:
1. every cell of every sheet is checked for CPR numbers (refused; the number is blanked, never echoed);
2. each data row is read cell by cell (lenient about number forms) and validated by its pydantic model;
3. cross-references are checked by `optimiser.domain.reference_findings` on the rows read, and each
   finding is mapped back to its sheet, Excel row and column;
4. the parameters, then the whole `Instance` is built if no error was found.

A row that fails its own checks is left out of step 3, but still takes part with a placeholder
(its id, and whatever else could be read) so that rows referring to it raise no follow-on errors.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from optimiser.domain import (
    RULE_NAMES,
    Area,
    BookStep,
    Contact,
    DemandMode,
    EntityKind,
    Indicator,
    Instance,
    Institution,
    NeedWeight,
    Parameters,
    Pool,
    Profession,
    Staff,
    StartTeam,
    StructureAssignment,
    Team,
    reference_findings,
)
from optimiser.io import limits, package
from optimiser.io.cells import CellError, check_bounds, is_blank, parse, shown, text_of
from optimiser.io.columns import (
    AREAS,
    CONTACTS,
    INDICATORS,
    INSTITUTIONS,
    MAX_INDICATOR,
    NEED_WEIGHTS,
    PARAM_BY_KEY,
    PARAMETERS,
    PARAMS,
    POOLS,
    PROFESSIONS,
    SHEETS,
    STAFF,
    START_TEAMS,
    STEPS,
    STRUCTURE_TEAMS,
    STRUCTURES,
    TEAMS,
    Column,
    Kind,
    Sheet,
    normalise,
)
from optimiser.io.cpr import contains_cpr, mask_cpr
from optimiser.io.messages import format_problems, is_error
from optimiser.io.rows import Cells, sheet_rows
from optimiser.problems import Problem
from optimiser.settings import SolverSettings, split_solver

MODELS: dict[EntityKind, type[BaseModel]] = {
    "area": Area,
    "team": Team,
    "institution": Institution,
    "profession": Profession,
    "need_weight": NeedWeight,
    "indicator": Indicator,
    "staff": Staff,
    "structure_team": Team,
    "structure_assignment": StructureAssignment,
    "pool": Pool,
    "start_team": StartTeam,
    "contact": Contact,
    "step": BookStep,
}
# The field that names a row's entity; without it a row cannot take part in the cross-reference check.
KEY_FIELD: dict[EntityKind, str] = {kind: "id" for kind in MODELS} | {
    "need_weight": "profession",
    "structure_assignment": "structure",
    "start_team": "structure",
    "contact": "institution_id",
    "step": "date",
}
# Stands in for a field a failed row could not supply; findings that mention it are not reported.
SENTINEL = "\x00unread"
BOUNDS = {"greater_than": "gt", "greater_than_equal": "ge", "less_than": "lt", "less_than_equal": "le"}
_log = logging.getLogger(__name__)
PARAM_EXAMPLES: dict[Kind, str] = {
    Kind.INT: "10",
    Kind.NUMBER: "60",
    Kind.FTE: "0,5",
    Kind.MONEY: "1.000.000",
    Kind.SHARE: "10 %",
    Kind.BOOL: "ja",
}


@dataclass(frozen=True)
class ReadResult:
    """The instance (None if there is any error) and every problem found, in sheet and row order."""

    instance: Instance | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if is_error(p)]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not is_error(p)]


class BookError(Exception):
    """A workbook that cannot be used; `problems` says why (render with `format_problems`)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(format_problems(problems, "en"))
        self.problems = problems


def load_instance(path: str | Path) -> Instance:
    """The instance in a valid workbook; BookError with every problem otherwise."""
    result = read_book(path)
    if result.instance is None:
        raise BookError(result.problems)
    return result.instance


def read_book(path: str | Path) -> ReadResult:
    """Read and validate a workbook. Never raises for bad input: every problem is in the result.

    A failure while unpacking the file is the file's ("unreadable"); a failure once its cells are plain
    values is the reader's own bug ("internal_error", logged with its traceback), so that tests and the
    fuzzer can tell a crash from a refused book.
    """
    try:
        loaded = _load(Path(path))
    except MemoryError:
        raise  # not a damaged file but too big a one: the app's capped reader says so (app/web/reader.py)
    except Exception as err:  # a damaged file can fail anywhere inside openpyxl; report, never crash
        return ReadResult(None, [Problem(None, None, None, "unreadable", {"detail": type(err).__name__})])
    if isinstance(loaded, Problem):
        return ReadResult(None, [loaded])
    sheets, found = loaded
    try:
        return _Reader(sheets, found).read()
    except MemoryError:
        raise
    except Exception as err:  # never crash the caller, but never pass a bug off as a bad file either
        _log.exception("internal error in the workbook reader")
        return ReadResult(None, [Problem(None, None, None, "internal_error", {"detail": type(err).__name__})])


def _load(path: Path) -> tuple[dict[str, list[Cells]], list[Problem]] | Problem:
    """Every worksheet's rows (row 1 first, ragged, missing rows as empty tuples), and the problems the
    package's other parts show (CPR numbers outside cells)."""
    if not path.exists():
        return Problem(None, None, None, "file_missing", {"path": str(path)})
    refused = limits.check_file(path)  # size, zip bomb, macros, encryption: before openpyxl unpacks anything
    if refused is not None:
        return refused
    found = package.scan(path)  # styles, shared strings, comments, names: counted before openpyxl builds them
    if found.fatal:
        return found.problems[0]
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except MemoryError:
        raise
    except Exception:  # BadZipFile, InvalidFileException, KeyError, ...: not a workbook openpyxl can read
        return Problem(None, None, None, "not_xlsx", {"path": str(path)})
    try:
        sheets: dict[str, list[Cells]] = {}
        left = limits.MAX_CELLS  # cells the rest of the book may hold
        for ws in book.worksheets:
            read = sheet_rows(ws, mask_cpr(ws.title), left)
            if isinstance(read, Problem):
                return read
            sheets[ws.title], used = read
            left -= used
        return sheets, found.problems
    finally:
        book.close()


@dataclass
class _Row:
    number: int  # Excel row number
    values: dict[str, object]  # field -> value, for the cells that could be read
    model: Any  # the validated model, or a placeholder (`model_construct`) when the row failed
    valid: bool


@dataclass
class _Table:
    sheet: Sheet
    rows: list[_Row] = field(default_factory=list)
    data_rows: int = 0
    # False when the sheet or its key column is missing: references to it are then not checked.
    usable: bool = True


def _cell(cells: Cells, index: int) -> object:
    return cells[index] if index < len(cells) else None


def _field_problem(kind: Kind, fld: str, error: ErrorDetails) -> tuple[str, dict[str, object]]:
    """A pydantic error on one field as a message code and its arguments."""
    ctx = error.get("ctx", {})
    value = error.get("input")
    if error["type"] in ("missing", "string_too_short"):
        return "missing_value", {}
    if error["type"] in BOUNDS:
        op = BOUNDS[error["type"]]
        if fld == "fte":
            return "fte_out_of_range", {"value": value}
        if kind is Kind.INT and op == "ge" and ctx.get(op) == 0:
            return "negative_count", {"value": value}
        # Shares are shown as the planner typed them: 120 %, not 1.2.
        return "out_of_range", {"value": value, "op": op, "limit": ctx.get(op), "percent": kind is Kind.SHARE}
    if error["type"] == "string_too_long":
        return "text_too_long", {"max": ctx.get("max_length")}
    if error["type"] == "move_cap" or error["type"].startswith("date_"):  # the sheet Trin
        return ("move_cap" if error["type"] == "move_cap" else "step_date"), {"value": value}
    return "invalid_value", {"detail": error["msg"]}


class _Reader:
    def __init__(self, sheets: dict[str, list[Cells]], problems: list[Problem]) -> None:
        self.sheets = sheets
        self.titles: dict[str, str] = {}
        for title in sheets:
            self.titles.setdefault(normalise(title), title)
        self.problems: list[Problem] = list(problems)
        self.cpr_cells: set[tuple[str, int, str]] = set()
        self.indicator_headers: set[str] = set()  # normalised indicator columns the weights use

    def add(self, sheet: str | None, row: int | None, column: str | None, code: str, /, **args: object) -> None:
        # A cell refused for a CPR number gets no other message: it would only repeat the refusal.
        if code != "cpr_number" and (sheet, row, column) in self.cpr_cells:
            return
        self.problems.append(Problem(sheet, row, column, code, args))

    def read(self) -> ReadResult:
        self._sheet_names()
        for title in self.sheets:
            self._scan_cpr(title)
        tables: dict[EntityKind, _Table] = {}
        for sheet in (AREAS, TEAMS, PROFESSIONS, NEED_WEIGHTS):
            tables[sheet.entity] = self._table(sheet)  # type: ignore[index]
        wanted = {normalise(str(r.values["indicator"])) for r in tables["need_weight"].rows if "indicator" in r.values}
        indicators: dict[str, str] = {}  # normalised -> header as written in Institutioner
        tables["institution"] = self._table(INSTITUTIONS, wanted, indicators)
        tables["indicator"] = self._table(INDICATORS)
        tables["staff"] = self._table(STAFF)
        tables["structure_team"] = self._table(STRUCTURE_TEAMS)
        tables["structure_assignment"] = self._table(STRUCTURES)
        tables["pool"] = self._table(POOLS)
        tables["start_team"] = self._table(START_TEAMS)
        tables["contact"] = self._table(CONTACTS)
        tables["step"] = self._table(STEPS)
        self._canonical_indicators(tables["need_weight"], indicators)
        for table in tables.values():
            if table.usable and table.data_rows == 0 and table.sheet is not NEED_WEIGHTS and not table.sheet.optional:
                self.add(table.sheet.name, None, None, "empty_sheet")
        self._references(tables, set(indicators.values()))
        self.indicator_headers = set(indicators)
        params = self._parameters(tables["profession"])

        order = {sheet.name: n for n, sheet in enumerate(SHEETS)}
        self.problems.sort(key=lambda p: (-1 if p.sheet is None else order.get(p.sheet, len(order)), p.row or 0))
        if any(is_error(p) for p in self.problems) or params is None:
            return ReadResult(None, self.problems)
        return self._instance(tables, params)

    def _instance(self, tables: dict[EntityKind, _Table], params: tuple[Parameters, SolverSettings]) -> ReadResult:
        def valid(kind: EntityKind) -> list[Any]:
            return [r.model for r in tables[kind].rows]

        try:
            instance = Instance.model_validate(
                {
                    "areas": valid("area"),
                    "teams": valid("team"),
                    "institutions": valid("institution"),
                    "professions": valid("profession"),
                    "need_weights": valid("need_weight"),
                    "staff": valid("staff"),
                    "indicators": valid("indicator"),
                    "parameters": params[0],
                    "solver": params[1],
                    "structure_teams": valid("structure_team"),
                    "structure_assignments": valid("structure_assignment"),
                    "pools": valid("pool"),
                    "start_teams": valid("start_team"),
                    "contacts": valid("contact"),
                    "steps": sorted(valid("step"), key=lambda step: step.date),
                }
            )
        except ValidationError as err:  # every check above should have caught this first
            problem = Problem(None, None, None, "invalid_book", {"detail": str(err).splitlines()[0]})
            return ReadResult(None, [*self.problems, problem])
        return ReadResult(instance, self.problems)

    # -- pass 1: CPR numbers anywhere -------------------------------------------------------------

    def _sheet_names(self) -> None:
        """A CPR number in a sheet's name is refused (by position: the name is never echoed), and a sheet of
        the template may appear only once (names compared as `normalise` does: 'Teams' = 'teams ')."""
        template = {normalise(s.name): s.name for s in SHEETS}
        for position, title in enumerate(self.sheets, start=1):
            if contains_cpr(title):
                self.add(None, None, None, "cpr_sheet_name", position=position)
            key = normalise(title)
            first = self.titles[key]
            if first != title and key in template:
                name = template[key]
                self.add(name, None, None, "duplicate_sheet", sheet=name, first=first, other=title)

    def _scan_cpr(self, title: str) -> None:
        rows = self.sheets[title]
        spec = next((s for s in SHEETS if self._title(s) == title), None)
        name = spec.name if spec else mask_cpr(title)
        header = rows[0] if rows else ()
        for r, cells in enumerate(rows):
            if not any(contains_cpr(v) for v in cells):
                continue
            cleaned = list(cells)
            for c, value in enumerate(cells):
                if contains_cpr(value):
                    column = self._label(spec, header, c)
                    self.cpr_cells.add((name, r + 1, column))
                    self.add(name, r + 1, column, "cpr_number", cell=f"{get_column_letter(c + 1)}{r + 1}")
                    cleaned[c] = None
            rows[r] = tuple(cleaned)

    @staticmethod
    def _label(spec: Sheet | None, header: Cells, index: int) -> str:
        """The column's name as the reader reports it (its letter where there is no usable header)."""
        raw = _cell(header, index)
        if is_blank(raw) or contains_cpr(raw):
            return str(get_column_letter(index + 1))
        text = text_of(raw)
        if spec:
            for column in spec.columns:
                if normalise(column.name) == normalise(text):
                    return column.name
        return text

    # -- pass 2: rows ----------------------------------------------------------------------------

    def _title(self, sheet: Sheet) -> str | None:
        return self.titles.get(normalise(sheet.name))

    def _columns(self, sheet: Sheet, header: Cells) -> tuple[dict[str, int], dict[str, int]]:
        """Column name -> index for the sheet's columns found in row 1, and the other headers."""
        wanted = {normalise(c.name): c for c in sheet.columns}
        found: dict[str, int] = {}
        others: dict[str, int] = {}
        for index, raw in enumerate(header):
            if is_blank(raw):
                continue
            text = text_of(raw)
            column = wanted.get(normalise(text))
            if column is None:
                others.setdefault(text, index)
            elif column.name in found:
                self.add(sheet.name, 1, column.name, "duplicate_column", column=column.name)
            else:
                found[column.name] = index
        for column in sheet.columns:
            if column.required and column.name not in found:
                self.add(sheet.name, 1, column.name, "missing_column", column=column.name)
        return found, others

    def _table(self, sheet: Sheet, wanted: set[str] | None = None, indicators: dict[str, str] | None = None) -> _Table:
        """Read one entity sheet. For Institutioner, `wanted` are the (normalised) indicator names the
        weights use; the matching headers are filled into `indicators`."""
        assert sheet.entity is not None
        table = _Table(sheet)
        title = self._title(sheet)
        if title is None:
            if not sheet.optional:
                self.add(sheet.name, None, None, "missing_sheet", sheet=sheet.name)
            table.usable = False
            return table
        rows = self.sheets[title]
        found, others = self._columns(sheet, rows[0] if rows else ())
        table.usable = sheet.column(KEY_FIELD[sheet.entity]).name in found
        extra: list[tuple[Column, int]] = []  # indicator columns
        for text, index in others.items():
            if wanted is not None and indicators is not None and normalise(text) in wanted:
                indicators[normalise(text)] = text
                indicator = Column(
                    text, None, Kind.NUMBER, False, "", "", "0,12", low=-MAX_INDICATOR, high=MAX_INDICATOR
                )
                extra.append((indicator, index))
            else:
                code = "unused_indicator" if wanted is not None else "ignored_column"
                self.add(sheet.name, 1, text, code, column=text)
        for number, cells in enumerate(rows[1:], start=2):
            if all(is_blank(v) for v in cells):
                continue  # blank rows in the middle and at the end are skipped
            table.data_rows += 1
            self._row(table, number, cells, found, extra if wanted is not None else None)
        return table

    def _read_cell(self, sheet: Sheet, number: int, column: Column, raw: object) -> object:
        try:
            value = parse(column.kind, raw, column.choices)
            check_bounds(value, column.low, column.high)
            return value
        except CellError as err:
            self.add(sheet.name, number, column.name, err.code, **err.details, example=column.example)
            raise

    def _row(
        self, table: _Table, number: int, cells: Cells, found: dict[str, int], extra: list[tuple[Column, int]] | None
    ) -> None:
        sheet = table.sheet
        assert sheet.entity is not None
        values: dict[str, object] = {}
        unread: set[str] = set()  # fields already reported, or whose column is missing: no "missing" on top
        failed = False
        for column in sheet.columns:
            assert column.field is not None
            index = found.get(column.name)
            raw = None if index is None else _cell(cells, index)
            if index is None or (sheet.name, number, column.name) in self.cpr_cells:
                unread.add(column.field)
                failed = failed or index is not None
                continue
            if is_blank(raw):
                continue
            try:
                values[column.field] = self._read_cell(sheet, number, column, raw)
            except CellError:
                unread.add(column.field)
                failed = True
        if extra is not None:
            indicators: dict[str, object] = {}
            for indicator, index in extra:
                raw = _cell(cells, index)
                indicators[indicator.name] = None  # blank: not reported
                if (sheet.name, number, indicator.name) in self.cpr_cells:
                    failed = True
                elif not is_blank(raw):
                    try:
                        indicators[indicator.name] = self._read_cell(sheet, number, indicator, raw)
                    except CellError:
                        failed = True
            values["indicators"] = indicators

        model_class = MODELS[sheet.entity]
        model: Any = None
        try:
            model = model_class.model_validate(values)
        except ValidationError as err:
            failed = True
            for error in err.errors():
                fld = str(error["loc"][0])
                if error["type"] == "missing" and fld in unread:
                    continue
                if fld == "indicators":
                    name, kind = str(error["loc"][-1]), Kind.NUMBER
                else:
                    column = sheet.column(fld)
                    name, kind = column.name, column.kind
                code, args = _field_problem(kind, fld, error)
                self.add(sheet.name, number, name, code, **args)
        if not failed:
            table.rows.append(_Row(number, values, model, True))
        elif KEY_FIELD[sheet.entity] in values:
            fields: dict[str, Any] = {n: SENTINEL for n, info in model_class.model_fields.items() if info.is_required()}
            placeholder = model_class.model_construct(**(fields | values))
            table.rows.append(_Row(number, values, placeholder, False))

    @staticmethod
    def _canonical_indicators(weights: _Table, indicators: dict[str, str]) -> None:
        """Weights name indicators as the Institutioner header spells them (case and spacing may differ)."""
        for row in weights.rows:
            name = row.values.get("indicator")
            header = indicators.get(normalise(str(name))) if name is not None else None
            if header is not None and header != name:
                row.values["indicator"] = header
                row.model = row.model.model_copy(update={"indicator": header})

    # -- pass 3: cross-references -------------------------------------------------------------------

    def _references(self, tables: dict[EntityKind, _Table], indicator_columns: set[str]) -> None:
        def models(kind: EntityKind) -> tuple[Any, ...]:
            return tuple(r.model for r in tables[kind].rows)

        data = Instance.model_construct(
            areas=models("area"),
            teams=models("team"),
            institutions=models("institution"),
            professions=models("profession"),
            need_weights=models("need_weight"),
            staff=models("staff"),
            indicators=models("indicator"),
            structure_teams=models("structure_team"),
            structure_assignments=models("structure_assignment"),
            pools=models("pool"),
            start_teams=models("start_team"),
            contacts=models("contact"),
        )
        area_ids = {r.values.get("id") for r in tables["area"].rows}
        for finding in reference_findings(data):
            table = tables[finding.entity]
            row = table.rows[finding.index]
            if not row.valid and finding.code != "duplicate_id":
                continue  # the row's own problems are reported already
            if SENTINEL in finding.args.values():
                continue
            target = finding.args.get("target")
            if finding.code == "unknown_reference" and not tables[target].usable:  # type: ignore[index]
                continue  # the sheet (or its id column) is missing: that is reported once
            if finding.code == "team_outside_area" and finding.args.get("team_area") not in area_ids:
                continue  # the team's own area is unknown, which is reported on the team's row
            if finding.code == "profession_without_weights" and not tables["need_weight"].usable:
                continue
            if finding.code == "unknown_indicator" and (
                not tables["institution"].usable or finding.args.get("value") in indicator_columns
            ):
                continue
            args = dict(finding.args)
            if finding.code == "duplicate_id":
                args["rows"] = [r.number for r in table.rows if r.values.get("id") == args["id"]]
            column = table.sheet.column(finding.field).name
            self.add(table.sheet.name, row.number, column, finding.code, **args)

    # -- pass 4: parameters -------------------------------------------------------------------------

    def _parameters(self, professions: _Table) -> tuple[Parameters, SolverSettings] | None:
        """The Parametre sheet as Parameters and, apart, the solver settings (None if any problem), and the
        norm check that depends on it."""
        sheet = PARAMETERS
        title = self._title(sheet)
        if title is None:
            self.add(sheet.name, None, None, "missing_sheet", sheet=sheet.name)
            return None
        rows = self.sheets[title]
        found, others = self._columns(sheet, rows[0] if rows else ())
        for text in others:
            self.add(sheet.name, 1, text, "ignored_column", column=text)
        if "nøgle" not in found or "værdi" not in found:
            return None
        values: dict[str, object] = {}
        weights: dict[str, object] = {}
        row_of: dict[str, int] = {}  # key -> Excel row
        failed = False
        for number, cells in enumerate(rows[1:], start=2):
            raw_key, raw = _cell(cells, found["nøgle"]), _cell(cells, found["værdi"])
            if is_blank(raw_key):
                if not is_blank(raw):
                    self.add(sheet.name, number, "nøgle", "missing_value")
                    failed = True
                continue
            param = PARAM_BY_KEY.get(normalise(text_of(raw_key)))
            if param is None:
                self.add(
                    sheet.name,
                    number,
                    "nøgle",
                    "unknown_parameter",
                    value=shown(raw_key),
                    choices=[p.key for p in PARAMS],
                )
                failed = True
                continue
            if param.key in row_of:
                self.add(sheet.name, number, "nøgle", "duplicate_parameter", value=param.key)
                failed = True
                continue
            row_of[param.key] = number
            if is_blank(raw):
                continue  # the default
            value_column = Column(
                "værdi",
                param.field,
                param.kind,
                False,
                "",
                "",
                PARAM_EXAMPLES.get(param.kind, ""),
                choices=param.choices,
                low=param.low,
                high=param.high,
            )
            try:
                value = self._read_cell(sheet, number, value_column, raw)
            except CellError:
                failed = True
                continue
            if isinstance(value, frozenset) and param.field == "disabled_rules":  # report each unknown rule by name
                for rule in sorted(value - set(RULE_NAMES)):
                    self.add(sheet.name, number, "værdi", "unknown_rule", value=rule, choices=list(RULE_NAMES))
                    failed = True
                value = value & set(RULE_NAMES)
            if isinstance(value, frozenset) and param.field == "shrink_indicators":  # krymp_indikatorer
                for entry in sorted(value):
                    name = entry.partition("/")[0].strip()
                    if normalise(name) not in self.indicator_headers:
                        self.add(sheet.name, number, "værdi", "unknown_indicator", value=name)
                        failed = True
            if param.term is not None:
                weights[param.term] = value
            else:
                values[param.field] = value
        if weights:
            values["weights"] = weights

        if values.get("demand_mode") == DemandMode.NORM.value:
            for row in professions.rows:
                if row.valid and row.model.norm_children_per_fte is None:
                    self.add(PROFESSIONS.name, row.number, "norm_børn_pr_årsværk", "norm_missing", value=row.model.id)
        policy, solver = split_solver(values)
        params: Parameters | None = None
        settings: SolverSettings | None = None
        errors = []
        try:
            params = Parameters.model_validate(policy)
        except ValidationError as err:
            errors += err.errors()
        try:
            settings = SolverSettings.model_validate(solver)
        except ValidationError as err:
            errors += err.errors()
        for error in errors:
            fld, term = str(error["loc"][0]), str(error["loc"][-1])
            param = next(p for p in PARAMS if p.field == fld and p.term in (None, term))
            code, args = _field_problem(param.kind, fld, error)
            self.add(sheet.name, row_of.get(param.key), "værdi", code, **args)
        if failed or params is None or settings is None:
            return None
        return params, settings
