"""The scenario file: a small YAML document over a base workbook (documented in docs/scenarios.md).

Loaded with a narrowed safe loader (`scenarios.loader`: no aliases, tags, duplicate keys or deep nesting) and
validated with pydantic (strict types, unknown keys refused). Every problem
is reported with the file, the key path and its line. This module checks the file's shape; the ids it names
(teams, professions, staff, the structure) are checked against the workbook when it is applied
(`scenarios.apply`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, Self

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from optimiser import fmt
from optimiser.domain import Id, Text
from optimiser.io.cpr import contains_cpr
from scenarios.errors import KeyPath, ScenarioError, ScenarioProblem
from scenarios.loader import Refused, compose, load_yaml

ALL = "*"  # in a per-profession mapping: every profession not named

# Limits on what a scenario may ask (docs/scenarios.md, "Limits"): far beyond any real municipality, near
# enough that no value can hang the run, overflow the solver's integers or make a figure infinite.
MAX_CHANGES = 500
MAX_FTE_PER_CHANGE = 1_000.0
MAX_FTE_ADDED = 2_000.0  # all `add` changes together (and at most twice the book's staff, scenarios.apply)
MAX_MOVES = 1_000_000
MAX_SEED = 2**31 - 1  # CP-SAT's random seed is a 32-bit signed integer
MAX_TIME_LIMIT_S = 86_400.0  # a day
MIN_NORM, MAX_NORM = 1.0, 100_000.0  # children per practice-near FTE
MAX_FLOOR = 10.0  # the need multiplier's floor
MAX_NEED_WEIGHT = 100.0  # |weight| of one indicator
MAX_TEAM_FTE = 100_000.0
MAX_MIN_PER_TEAM = 1_000
MAX_BUDGET_DKK = 1e11
MAX_OBJECTIVE_WEIGHT = 1e6
MAX_SHORTFALL_TOLERANCE = 10.0


def _for_all(value: object) -> object:
    """One number stands for every profession: `0.8` means `{"*": 0.8}`."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {ALL: value}
    return value


Share = Annotated[float, Field(ge=0, le=1)]
PositiveShare = Annotated[float, Field(gt=0, le=1)]
TeamFte = Annotated[float, Field(ge=0, le=MAX_TEAM_FTE)]
Floor = Annotated[float, Field(ge=0, le=MAX_FLOOR)]
Norm = Annotated[float, Field(ge=MIN_NORM, le=MAX_NORM)]
NeedWeight = Annotated[float, Field(ge=-MAX_NEED_WEIGHT, le=MAX_NEED_WEIGHT)]
TeamCount = Annotated[int, Field(ge=0, le=MAX_MIN_PER_TEAM)]
PerProfessionShare = Annotated[dict[str, PositiveShare], BeforeValidator(_for_all)]
PerProfessionBlend = Annotated[dict[str, Share], BeforeValidator(_for_all)]
PerProfessionNumber = Annotated[dict[str, Floor], BeforeValidator(_for_all)]
PerProfessionCount = Annotated[dict[str, TeamCount], BeforeValidator(_for_all)]
# The fields above, by name: a wrong type there is explained as "a number, or one per profession".
PER_PROFESSION = frozenset(
    {"practice_share", "min_per_team", "floor", "blend", "max_moves_per_profession", "max_share_moved"}
)


def _hundredths(value: float) -> float:
    """FTE has the template's resolution, 0.01 (the solver counts hundredths)."""
    if abs(value * 100 - round(value * 100)) > 1e-6:
        raise PydanticCustomError("fte_resolution", "FTE in hundredths", {"value": value})
    return value


Fte = Annotated[float, Field(gt=0, le=MAX_FTE_PER_CHANGE), AfterValidator(_hundredths)]


def _clean_text(value: object) -> None:
    """Every text in a scenario (ids included, in lists and as keys): no control characters, no CPR number."""
    if isinstance(value, str):
        bad = fmt.unsafe_character(value, multiline=True)
        if bad is not None:
            raise PydanticCustomError(
                "control_character", "control character", {"char": fmt.printable(bad), "at": value.index(bad) + 1}
            )
        if contains_cpr(value):
            raise PydanticCustomError("cpr_number", "CPR number")
    elif isinstance(value, list | tuple):
        for item in value:
            _clean_text(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _clean_text(key)
            _clean_text(item)


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)

    @field_validator("*", mode="after")
    @classmethod
    def _clean(cls, value: object) -> object:
        _clean_text(value)
        return value


class TeamSize(_Spec):
    min_fte: TeamFte | None = None
    max_fte: TeamFte | None = None


class Policy(_Spec):
    """Policy switches: the rules a committee can change."""

    area_boundary: bool | None = None
    practice_share: PerProfessionShare | None = None
    min_per_team: PerProfessionCount | None = None
    team_size: TeamSize | None = None
    max_moves: Annotated[int, Field(ge=0, le=MAX_MOVES)] | None = None
    disabled_rules: list[Id] | None = None


class Need(_Spec):
    """Need-model parameters (docs/method.md)."""

    mode: Literal["fair_share", "norm"] | None = None
    floor: PerProfessionNumber | None = None
    blend: PerProfessionBlend | None = None
    norms: dict[str, Norm] | None = None
    weights: dict[str, dict[str, NeedWeight]] | None = None


class AddPosts(_Spec):
    """New staff of a profession, as people of at most 1 FTE each, starting in `team` ("auto": where the
    relative shortfall of the profession is largest, chosen person by person)."""

    profession: Id
    fte: Fte
    team: Id = "auto"


class RemovePosts(_Spec):
    """Fewer FTE of a profession in `team` ("auto": where coverage is highest, step by step)."""

    profession: Id
    fte: Fte
    team: Id = "auto"


class MovePosts(_Spec):
    """Named staff, or whole people of a profession amounting to `fte` from `from_team`, start in `to_team`."""

    to_team: Id
    staff: list[Id] | None = None
    profession: Id | None = None
    fte: Fte | None = None
    from_team: Id | None = None

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        by_fte = (self.profession, self.fte, self.from_team)
        named = self.staff is not None
        if (named and any(v is not None for v in by_fte)) or (not named and any(v is None for v in by_fte)):
            raise PydanticCustomError("move_form", "staff, or profession + fte + from_team")
        return self


class Lock(_Spec):
    """Lock named staff to a team (None: the team they start in)."""

    staff: Annotated[list[Id], Field(min_length=1)]
    team: Id | None = None


class Cut(_Spec):
    """Cut `share` of every (listed) profession's FTE, where coverage is highest first."""

    share: Annotated[float, Field(gt=0, lt=1)]
    professions: list[Id] | None = None


CHANGE_KINDS = ("add", "remove", "move", "lock", "cut")


class Change(_Spec):
    add: AddPosts | None = None
    remove: RemovePosts | None = None
    move: MovePosts | None = None
    lock: Lock | None = None
    cut: Cut | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> Self:
        if sum(getattr(self, k) is not None for k in CHANGE_KINDS) != 1:
            raise PydanticCustomError("one_change", "exactly one change", {"known": list(CHANGE_KINDS)})
        return self

    @property
    def kind(self) -> str:
        return next(k for k in CHANGE_KINDS if getattr(self, k) is not None)


class Budget(_Spec):
    new_posts_dkk: Annotated[float, Field(ge=0, le=MAX_BUDGET_DKK)] | None = None
    overhead_share: Share | None = None
    min_coverage: Share | None = None


class Objective(_Spec):
    mode: Literal["lexicographic", "weighted"] | None = None
    tolerance: Share | None = None
    shortfall_tolerance: Annotated[float, Field(ge=0, le=MAX_SHORTFALL_TOLERANCE)] | None = None
    min_gain: Annotated[float, Field(ge=0, le=10)] | None = None
    moves_before_shortfall: bool | None = None
    weights: dict[str, Annotated[float, Field(ge=0, le=MAX_OBJECTIVE_WEIGHT)]] | None = None


class Solver(_Spec):
    time_limit_s: Annotated[float, Field(gt=0, le=MAX_TIME_LIMIT_S)] | None = None
    seed: Annotated[int, Field(ge=0, le=MAX_SEED)] | None = None
    deterministic: bool | None = None
    workers: Annotated[int, Field(ge=1, le=64)] | None = None


# -- dated steps of a transition plan (issue 16; planned by `scenarios.phase`, docs/scenarios.md "Steps") ----

MAX_STEPS = 40  # a plan of 40 terms reaches far beyond any committee's horizon


def _iso_date(value: object) -> object:
    """YAML reads `2026-08-01` as a date already; a quoted "2026-08-01" is read as one too."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError("date_format", "date as YYYY-MM-DD", {"value": value}) from None
    if isinstance(value, dt.datetime):
        return value.date()
    return value


StepDate = Annotated[dt.date, BeforeValidator(_iso_date)]


def _cap(value: object) -> int | float:
    """A cap on moves: a whole number is a count of people; a share of the people (at the step's start,
    rounded down) is written "10 %" or as a fraction (0.1)."""
    raw = value
    if isinstance(value, str) and value.strip().endswith("%"):
        with contextlib.suppress(ValueError):
            value = float(value.strip()[:-1].strip().replace(",", ".")) / 100
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_MOVES:
        return value
    if isinstance(value, float) and 0 < value <= 1:
        return value
    raise PydanticCustomError("cap_format", "count or share", {"value": raw})


def _for_every_cap(value: object) -> object:
    """One cap stands for every team or profession: `3`, `0.1` or `"10 %"` mean `{"*": …}`."""
    if isinstance(value, int | float | str) and not isinstance(value, bool):
        return {ALL: value}
    return value


MoveCap = Annotated[int | float, PlainValidator(_cap)]
PerKeyCap = Annotated[dict[str, MoveCap], BeforeValidator(_for_every_cap)]


class Step(_Spec):
    """One dated step (default date: the next 1 August): the most people who may change team (overall; per
    team, counted in the team they leave, and per profession, each as a count or as a share of the people
    there at the step's start, rounded down; `max_share_moved` is the older spelling of a share per
    profession), the money for new posts bought at this step, posts that arrive (`add`), posts whose funding
    ends (`end`), people who leave and locks."""

    date: StepDate | None = None
    title: Text | None = None
    max_moves: Annotated[int, Field(ge=0, le=MAX_MOVES)] | None = None
    max_moves_per_team: PerKeyCap | None = None
    max_moves_per_profession: PerKeyCap | None = None
    max_share_moved: PerProfessionShare | None = None
    budget_dkk: Annotated[float, Field(ge=0, le=MAX_BUDGET_DKK)] | None = None
    add: Annotated[list[AddPosts], Field(max_length=MAX_CHANGES)] = []
    end: Annotated[list[RemovePosts], Field(max_length=MAX_CHANGES)] = []
    leave: Annotated[list[Id], Field(max_length=MAX_CHANGES)] = []
    lock: Annotated[list[Lock], Field(max_length=MAX_CHANGES)] = []


class Pace(_Spec):
    """The pace of change along the path: no team and profession below `floor` of its need at any step, and
    at most `share` of the moves still needed to reach the one-step plan made at any one step."""

    floor: Share | None = None
    share: PositiveShare | None = None


class ScenarioSpec(_Spec):
    """The whole file. Every section is optional: an empty file is the workbook as it is."""

    name: Id | None = None
    title: Text | None = None
    description: Annotated[str, Field(max_length=4000)] | None = None
    base: str | None = None
    structure: Id | None = None
    policy: Policy = Policy()
    need: Need = Need()
    changes: Annotated[list[Change], Field(max_length=MAX_CHANGES)] = []
    budget: Budget = Budget()
    objective: Objective = Objective()
    solver: Solver = Solver()
    steps: Annotated[list[Step], Field(max_length=MAX_STEPS)] = []
    pace: Pace = Pace()

    @field_validator("steps", mode="after")
    @classmethod
    def _dates_increasing(cls, steps: list[Step]) -> list[Step]:
        dated = [s.date for s in steps if s.date is not None]
        for before, after in itertools.pairwise(dated):
            if after <= before:
                raise PydanticCustomError("dates_increasing", "dates increasing", {"value": after.isoformat()})
        return steps

    @model_validator(mode="after")
    def _steps_budget(self) -> Self:
        if self.steps and self.budget.new_posts_dkk is not None:
            raise PydanticCustomError("budget_with_steps", "budget per step")
        return self

    @field_validator("changes", mode="after")
    @classmethod
    def _added_in_total(cls, changes: list[Change]) -> list[Change]:
        added = sum(c.add.fte for c in changes if c.add is not None)
        if added > MAX_FTE_ADDED:
            raise PydanticCustomError("too_much_added", "too much added", {"fte": added, "limit": MAX_FTE_ADDED})
        return changes


@dataclass(frozen=True)
class Scenario:
    """A validated scenario with where it came from and its exact text (hashed with the book for the run store)."""

    name: str
    spec: ScenarioSpec
    source: str
    text: str

    @property
    def title(self) -> str:
        return self.spec.title or self.name

    def problem(self, path: KeyPath, code: str, **args: object) -> ScenarioProblem:
        """A problem at `path` in this scenario's file, with its line."""
        return ScenarioProblem(self.source, path, line_of(self.text, path), code, args)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file; ScenarioError with every problem otherwise."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError([ScenarioProblem(str(file), (), None, "file_missing")]) from None
    except (OSError, UnicodeDecodeError) as err:
        detail = type(err).__name__
        raise ScenarioError([ScenarioProblem(str(file), (), None, "unreadable", {"detail": detail})]) from None
    return parse_scenario(text, str(file), default_name=file.stem)


def parse_scenario(text: str, source: str, default_name: str = "scenarie") -> Scenario:
    """Validate scenario text (from a file or an upload named `source`)."""
    try:
        data = load_yaml(text)
    except Refused as err:
        raise ScenarioError([ScenarioProblem(source, err.path, err.line, err.code, err.args_)]) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        detail = str(getattr(err, "problem", None) or type(err).__name__)
        raise ScenarioError([ScenarioProblem(source, (), line, "yaml_syntax", {"detail": detail})]) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ScenarioError([ScenarioProblem(source, (), 1, "not_a_mapping")])
    try:
        spec = ScenarioSpec.model_validate(data)
    except ValidationError as err:
        problems = [_problem(error, source, text) for error in err.errors()]
        raise ScenarioError(sorted(_unique(problems), key=lambda p: p.line or 0)) from None
    return Scenario(spec.name or default_name, spec, source, text)


def resolve_base(scenario: Scenario, root: str | Path, must_exist: bool = True) -> Path | None:
    """The scenario's base workbook, which must lie inside the project folder `root` (and exist, unless
    `must_exist` is False); None when the scenario names none. Absolute paths and paths that leave `root`
    (through `..` or a symbolic link) are refused."""
    if scenario.spec.base is None:
        return None
    raw = scenario.spec.base
    project = Path(root).resolve()
    if Path(raw).is_absolute():
        raise ScenarioError([scenario.problem(("base",), "absolute_path", value=raw)])
    path = (project / raw).resolve()  # resolves .. and symlinks before the check
    if not path.is_relative_to(project):
        raise ScenarioError([scenario.problem(("base",), "outside_project", value=raw, root=str(project))])
    if must_exist and not path.is_file():
        raise ScenarioError([scenario.problem(("base",), "base_missing", value=raw)])
    return path


# -- pydantic errors as planner messages -------------------------------------------------------------------

TYPE_ERRORS = {
    "float_type": "number",
    "float_parsing": "number",
    "int_type": "integer",
    "int_parsing": "integer",
    "int_from_float": "integer",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "string_type": "text",
    "list_type": "list",
    "dict_type": "mapping",
    "model_type": "mapping",
    "model_attributes_type": "mapping",
    "finite_number": "finite",
    "date_type": "date",
}
BOUNDS = {"greater_than": "gt", "greater_than_equal": "ge", "less_than": "lt", "less_than_equal": "le"}


def _problem(error: ErrorDetails, source: str, text: str) -> ScenarioProblem:
    path: KeyPath = tuple(p for p in error["loc"] if p != ALL)
    kind, ctx, value = error["type"], error.get("ctx", {}), error.get("input")
    code: str
    args: dict[str, object]
    if kind == "extra_forbidden":
        code, args = "unknown_key", {"key": path[-1], "known": _known_keys(path[:-1])}
    elif kind == "missing":
        code, args = "missing_key", {}
    elif kind in TYPE_ERRORS:
        expected = TYPE_ERRORS[kind]
        if expected == "mapping" and path and path[-1] in PER_PROFESSION:
            expected = "per_profession"
        code, args = "wrong_type", {"expected": expected}
    elif kind in BOUNDS:
        op = BOUNDS[kind]
        code, args = "out_of_range", {"value": value, "op": op, "limit": ctx.get(op)}
    elif kind == "literal_error":
        choices = str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
        code, args = "invalid_choice", {"value": value, "choices": choices}
    elif kind == "too_long" and path == ("changes",):
        code, args = "too_many_changes", {"limit": ctx.get("max_length")}
    elif kind in (
        "one_change",
        "move_form",
        "fte_resolution",
        "control_character",
        "cpr_number",
        "too_much_added",
        "date_format",
        "dates_increasing",
        "budget_with_steps",
        "cap_format",
    ):
        code, args = kind, dict(ctx)
    else:
        code, args = "invalid_value", {"detail": error["msg"]}
    return ScenarioProblem(source, path, line_of(text, path), code, args)


def _unique(problems: list[ScenarioProblem]) -> list[ScenarioProblem]:
    out: list[ScenarioProblem] = []
    for p in problems:
        if p not in out:
            out.append(p)
    return out


def _known_keys(path: KeyPath) -> list[str]:
    """The keys allowed in the mapping at `path` (empty where the path is not a section)."""
    model: Any = ScenarioSpec
    for part in path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part) if isinstance(model, type) and issubclass(model, BaseModel) else None
        if field is None:
            return []
        model = _model_of(field.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _model_of(annotation: Any) -> Any:
    """The pydantic model inside `X | None` or `list[X]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_of(arg)
        if found is not None:
            return found
    return None


def line_of(text: str, path: KeyPath) -> int | None:
    """The 1-based line where the key at `path` is written, or the nearest enclosing key that is."""
    node = compose(text)
    if node is None:
        return None
    line = None
    for part in path:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            pair = next(((k, v) for k, v in node.value if getattr(k, "value", None) == part), None)
            if pair is None:
                break
            line = pair[0].start_mark.line + 1
            node = pair[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line
