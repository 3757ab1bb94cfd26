"""Problems in a scenario file, as a planner reads them: which file, which key (and line), what is wrong.

Every problem found while loading or applying a scenario is collected into one `ScenarioError`, so a
planner fixes them all in one go. Messages are Danish by default, English on request.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from babel.numbers import format_scientific

from optimiser import fmt, i18n
from optimiser.i18n import N_, text
from optimiser.io.cpr import mask_cpr
from optimiser.io.messages import RULE_WORDS
from optimiser.problems import Lang

# A key path into the YAML document: mapping keys and (0-based) list positions.
KeyPath = tuple[str | int, ...]


@dataclass(frozen=True)
class ScenarioProblem:
    source: str  # the file (or upload) name
    path: KeyPath
    line: int | None  # 1-based line of the key in the file, where known
    code: str
    args: dict[str, object] = field(default_factory=dict)


class ScenarioError(Exception):
    """A scenario that cannot be used; `problems` says why (render with `format_scenario_problems`)."""

    def __init__(self, problems: Sequence[ScenarioProblem]) -> None:
        super().__init__(format_scenario_problems(problems, "en"))
        self.problems = list(problems)


# code -> message (an English msgid, Danish in the catalogue); {key}-style arguments from the problem's args.
MESSAGES: dict[str, str] = {
    "file_missing": N_("the file does not exist"),
    "unreadable": N_("the file cannot be read ({detail})"),
    "yaml_syntax": N_("not valid YAML: {detail}"),
    "yaml_alias": N_("anchors (&) and aliases (*) are not allowed in a scenario file; write the value out"),
    "yaml_tag": N_("the tag '{value}' is not allowed in a scenario file; write the value without a tag"),
    "yaml_duplicate_key": N_("the key is given twice in one section (first on line {first}); remove one"),
    "yaml_too_deep": N_("lists and sections are nested more than {limit} levels deep"),
    "yaml_too_many_nodes": N_("the file holds more than {limit} values; a scenario file is short"),
    "yaml_long_number": N_("the number has more than {limit} digits"),
    "file_too_large": N_("the file has {size} characters; a scenario file has at most {limit}"),
    "not_a_mapping": N_("a scenario file must be keys with values (key: value)"),
    "unknown_key": N_("unknown key '{key}'; keys allowed here: {known}"),
    "missing_key": N_("the key is missing"),
    "wrong_type": N_("wrong type: must be {expected}"),
    "out_of_range": N_("the value {value} must be {rule}"),
    "invalid_choice": N_("'{value}' is not one of: {choices}"),
    "invalid_value": N_("invalid value ({detail})"),
    "one_change": N_("a change must have exactly one of: {known}"),
    "move_form": N_("move either named staff (staff) or FTE (profession, fte and from_team)"),
    "fte_resolution": N_("FTE is given in hundredths (e.g. 0.25), not {value}"),
    "control_character": N_("the text holds a control character ({char}, character {at}); remove it"),
    "cpr_number": N_("the text looks like a CPR number; personal id numbers do not belong in a scenario file"),
    "too_many_changes": N_("there are more than {limit} changes; split the scenario"),
    "too_much_added": N_("the changes add {fte} FTE in total; at most {limit}"),
    "too_much_added_for_book": N_(
        "the changes add {fte} FTE in total; at most {limit} (twice the workbook's staff FTE, at least 10)"
    ),
    "unknown_reference": N_("{kind} '{value}' does not exist; known: {known}"),
    "absolute_path": N_("the path '{value}' is absolute; give it relative to the project folder"),
    "outside_project": N_("the path '{value}' points outside the project folder {root}"),
    "base_missing": N_("the workbook '{value}' does not exist"),
    "no_team_in_area": N_("structure '{value}' has no team in area '{area}', where staff work"),
    "start_outside_area": N_(
        "sheet Startteams starts staff member '{value}' in team '{team}', which is in another area than theirs"
    ),
    "norm_missing": N_("norm mode needs a norm for profession '{value}' (need.norms or the workbook)"),
    "cannot_remove": N_(
        "cannot remove {fte} FTE {profession}: only {available} can go without breaking the minimum per team"
    ),
    "cannot_move": N_("cannot move {fte} FTE {profession} from '{team}': there are only {available} (unlocked)"),
    "no_demand": N_("no team has demand for profession '{value}'"),
    "invalid_scenario": N_("the scenario does not give valid data ({detail})"),
}

# Dated steps of a transition plan (issue 16, `scenarios.phase`).
MESSAGES |= {
    "date_format": N_("'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-08-01"),
    "dates_increasing": N_("the steps' dates must come in order, each after the one before ({value} does not)"),
    "budget_with_steps": N_(
        "with steps the money for new posts is given per step (budget_dkk in each step), not under budget"
    ),
    "no_steps": N_("the scenario has no steps (steps:); a transition plan needs at least one dated step"),
    "cannot_leave": N_("staff member {value} is no longer there at this step (has left or ended already)"),
    "cap_format": N_("'{value}' is not a cap on moves; write a whole number (people) or a share such as \"10 %\""),
}

KINDS: dict[str, str] = {
    "team": N_("team"),
    "profession": N_("profession"),
    "staff": N_("staff member"),
    "structure": N_("structure"),
    "indicator": N_("indicator"),
    "rule": N_("rule"),
    "term": N_("objective term"),
}
EXPECTED: dict[str, str] = {
    "number": N_("a number"),
    "integer": N_("a whole number"),
    "bool": N_("true or false"),
    "text": N_("text"),
    "finite": N_("a finite number"),
    "date": N_("a date (YYYY-MM-DD)"),
    "list": N_("a list"),
    "mapping": N_("keys with values (key: value)"),
    "per_profession": N_("one number for all professions or one per profession (profession: number)"),
}
KNOWN_SHOWN = 12  # list at most this many known ids in a message
PREVIEW = 40  # a value from the file is quoted with at most this many characters (then "…")
LONG_PREVIEW = 200  # a library's own words (`detail`) and paths: longer, but still cut
LONG_ARGS = frozenset({"detail", "root", "choices"})


def preview(value: object, limit: int = PREVIEW) -> str:
    """`value` as a message quotes it: short, CPR numbers masked, control characters escaped (a message must
    never be bigger than the mistake, repeat a CPR number, or steer the reader's terminal)."""
    shown = fmt.printable(mask_cpr(str(value)))
    return shown if len(shown) <= limit else shown[:limit] + "…"


def key_text(path: KeyPath) -> str:
    """A key path as a planner reads it: `changes[1].add.team` (list items numbered from 1; keys as previews)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{preview(part)}" if out else preview(part)
    return out


def _value(value: object, lang: Lang, limit: int = PREVIEW) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and (value == 0 or 1e-4 <= abs(value) < 1e15):
        decimals = 0 if value.is_integer() else min(4, len(repr(value).split(".")[-1]))
        return i18n.number(value, decimals, lang)
    if isinstance(value, int) and abs(value) < 10**15:
        return i18n.number(value, 0, lang)
    if isinstance(value, float | int):
        # 1e-300 is not "0,0000", and 10**30 is shorter as 1e+30
        return format_scientific(float(value), "0.##E+0", locale=i18n.LOCALES[lang]).lower()  # 1e+30 as in YAML
    if isinstance(value, list | tuple | set | frozenset):
        items = list(value)
        if not items:
            return text("none", lang)
        more = len(items) - KNOWN_SHOWN
        shown = ", ".join(_value(v, lang) for v in items[:KNOWN_SHOWN])
        return shown + (f", … (+{more})" if more > 0 else "")
    return preview(value, limit)


def render(problem: ScenarioProblem, lang: Lang = "da") -> str:
    """`file:line: key: what is wrong`."""
    args = {k: _value(v, lang, LONG_PREVIEW if k in LONG_ARGS else PREVIEW) for k, v in problem.args.items()}
    if "kind" in problem.args:
        kind = str(problem.args["kind"])
        args["kind"] = text(KINDS[kind], lang) if kind in KINDS else kind
    if "expected" in problem.args:
        expected = str(problem.args["expected"])
        args["expected"] = text(EXPECTED[expected], lang) if expected in EXPECTED else expected
    if "op" in problem.args:
        args["rule"] = f"{text(RULE_WORDS[str(problem.args['op'])], lang)} {args.get('limit', '')}"
    template = text(MESSAGES[problem.code], lang) if problem.code in MESSAGES else problem.code
    try:
        what = template.format(**args)
    except (KeyError, IndexError, ValueError):  # a message must never fail to show
        what = template
    where = preview(problem.source, LONG_PREVIEW)
    if problem.line is not None:
        where += f":{problem.line}"
    key = key_text(problem.path)
    return f"{where}: {key}: {what}" if key else f"{where}: {what}"


def format_scenario_problems(problems: Iterable[ScenarioProblem], lang: Lang = "da") -> str:
    return "\n".join(render(p, lang) for p in problems)


# -- the run store ------------------------------------------------------------------------------------------


class StoreError(Exception):
    """The run store cannot be opened, read or written. `reason` is a code of STORE_REASONS; `detail` the
    database's own words (one line), for whoever runs the store; `seconds` how long a locked store was waited for."""

    def __init__(self, reason: str, detail: str = "", seconds: float | None = None) -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
        self.seconds = seconds


STORE_REASONS: dict[str, str] = {
    "memory": N_(
        "an in-memory database (sqlite:///:memory:) keeps nothing; give a file or a server in BYDELSTEAM_DB_URL"
    ),
    "bad_url": N_("the address is not a database URL ({detail})"),
    "bad_setting": N_("invalid setting {detail}"),
    "locked": N_("the run store is locked by another process (waited {seconds} s)"),
    "full": N_("the disk is full ({detail})"),
    "read_only": N_("the run store cannot be written: read-only or no access ({detail})"),
    "not_a_database": N_("the file is not a database ({detail})"),
    "schema": N_("the run store's schema does not match this version of bydelsteam ({detail}); use a new store"),
    "unreachable": N_("the database cannot be reached ({detail})"),
    "failed": N_("database error ({detail})"),
}


def store_reason(err: StoreError, lang: Lang = "da") -> str:
    """Why the store failed, in words."""
    template = text(STORE_REASONS.get(err.reason, STORE_REASONS["failed"]), lang)
    waited = i18n.number(err.seconds, 1, lang) if err.seconds is not None else "?"
    return template.format(detail=err.detail or err.reason, seconds=waited)
