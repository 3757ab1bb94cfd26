"""Problems in a scenario file, as a planner reads them: which file, which key (and line), what is wrong.

Every problem found while loading or applying a scenario is collected into one `ScenarioError`, so a
planner fixes them all in one go. Messages are Danish by default, English on request.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from optimiser import fmt
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


# code -> language -> message; {key}-style arguments from the problem's args.
MESSAGES: dict[str, dict[Lang, str]] = {
    "file_missing": {"da": "filen findes ikke", "en": "the file does not exist"},
    "unreadable": {"da": "filen kan ikke læses ({detail})", "en": "the file cannot be read ({detail})"},
    "yaml_syntax": {"da": "ikke gyldig YAML: {detail}", "en": "not valid YAML: {detail}"},
    "yaml_alias": {
        "da": "ankre (&) og aliasser (*) bruges ikke i en scenariefil; skriv værdien ud",
        "en": "anchors (&) and aliases (*) are not allowed in a scenario file; write the value out",
    },
    "yaml_tag": {
        "da": "mærket '{value}' bruges ikke i en scenariefil; skriv værdien uden mærke",
        "en": "the tag '{value}' is not allowed in a scenario file; write the value without a tag",
    },
    "yaml_duplicate_key": {
        "da": "nøglen står to gange i samme afsnit (første gang i linje {first}); slet den ene",
        "en": "the key is given twice in one section (first on line {first}); remove one",
    },
    "yaml_too_deep": {
        "da": "lister og afsnit er lagt mere end {limit} niveauer ind i hinanden",
        "en": "lists and sections are nested more than {limit} levels deep",
    },
    "yaml_too_many_nodes": {
        "da": "filen har mere end {limit} værdier; en scenariefil er kort",
        "en": "the file holds more than {limit} values; a scenario file is short",
    },
    "yaml_long_number": {
        "da": "tallet har mere end {limit} cifre",
        "en": "the number has more than {limit} digits",
    },
    "file_too_large": {
        "da": "filen har {size} tegn; en scenariefil må højst have {limit}",
        "en": "the file has {size} characters; a scenario file has at most {limit}",
    },
    "not_a_mapping": {
        "da": "en scenariefil skal være nøgler med værdier (nøgle: værdi)",
        "en": "a scenario file must be keys with values (key: value)",
    },
    "unknown_key": {
        "da": "ukendt nøgle '{key}'; mulige nøgler her: {known}",
        "en": "unknown key '{key}'; keys allowed here: {known}",
    },
    "missing_key": {"da": "nøglen mangler", "en": "the key is missing"},
    "wrong_type": {"da": "forkert type: skal være {expected}", "en": "wrong type: must be {expected}"},
    "out_of_range": {"da": "værdien {value} skal være {rule}", "en": "the value {value} must be {rule}"},
    "invalid_choice": {"da": "'{value}' er ikke en af: {choices}", "en": "'{value}' is not one of: {choices}"},
    "invalid_value": {"da": "ugyldig værdi ({detail})", "en": "invalid value ({detail})"},
    "one_change": {
        "da": "en ændring skal have præcis én af: {known}",
        "en": "a change must have exactly one of: {known}",
    },
    "move_form": {
        "da": "flyt enten navngivne medarbejdere (staff) eller årsværk (profession, fte og from_team)",
        "en": "move either named staff (staff) or FTE (profession, fte and from_team)",
    },
    "fte_resolution": {
        "da": "årsværk angives i hundrededele (fx 0,25), ikke {value}",
        "en": "FTE is given in hundredths (e.g. 0.25), not {value}",
    },
    "control_character": {
        "da": "teksten har et kontroltegn ({char}, tegn nr. {at}); slet det",
        "en": "the text holds a control character ({char}, character {at}); remove it",
    },
    "cpr_number": {
        "da": "teksten ligner et CPR-nummer; personnumre hører ikke hjemme i en scenariefil",
        "en": "the text looks like a CPR number; personal id numbers do not belong in a scenario file",
    },
    "too_many_changes": {
        "da": "der er mere end {limit} ændringer; del scenariet op",
        "en": "there are more than {limit} changes; split the scenario",
    },
    "too_much_added": {
        "da": "ændringerne tilføjer {fte} årsværk i alt; højst {limit}",
        "en": "the changes add {fte} FTE in total; at most {limit}",
    },
    "too_much_added_for_book": {
        "da": "ændringerne tilføjer {fte} årsværk i alt; højst {limit} (to gange arbejdsbogens årsværk, mindst 10)",
        "en": "the changes add {fte} FTE in total; at most {limit} (twice the workbook's staff FTE, at least 10)",
    },
    "unknown_reference": {
        "da": "{kind} '{value}' findes ikke; mulige: {known}",
        "en": "{kind} '{value}' does not exist; known: {known}",
    },
    "absolute_path": {
        "da": "stien '{value}' er absolut; angiv den i forhold til projektmappen",
        "en": "the path '{value}' is absolute; give it relative to the project folder",
    },
    "outside_project": {
        "da": "stien '{value}' peger uden for projektmappen {root}",
        "en": "the path '{value}' points outside the project folder {root}",
    },
    "base_missing": {"da": "arbejdsbogen '{value}' findes ikke", "en": "the workbook '{value}' does not exist"},
    "no_team_in_area": {
        "da": "strukturen '{value}' har intet team i område '{area}', hvor der er medarbejdere",
        "en": "structure '{value}' has no team in area '{area}', where staff work",
    },
    "norm_missing": {
        "da": "normtilstand kræver en norm for faggruppen '{value}' (need.norms eller arbejdsbogen)",
        "en": "norm mode needs a norm for profession '{value}' (need.norms or the workbook)",
    },
    "cannot_remove": {
        "da": "kan ikke fjerne {fte} årsværk {profession}: kun {available} kan fjernes uden at bryde minimum pr. team",
        "en": "cannot remove {fte} FTE {profession}: only {available} can go without breaking the minimum per team",
    },
    "cannot_move": {
        "da": "kan ikke flytte {fte} årsværk {profession} fra '{team}': der er kun {available} (ulåste)",
        "en": "cannot move {fte} FTE {profession} from '{team}': there are only {available} (unlocked)",
    },
    "no_demand": {
        "da": "ingen team har behov for faggruppen '{value}'",
        "en": "no team has demand for profession '{value}'",
    },
    "invalid_scenario": {
        "da": "scenariet giver ikke gyldige data ({detail})",
        "en": "the scenario does not give valid data ({detail})",
    },
}

# Dated steps of a transition plan (issue 16, `scenarios.phase`).
MESSAGES |= {
    "date_format": {
        "da": "'{value}' er ikke en dato; skriv den som ÅÅÅÅ-MM-DD, fx 2026-08-01",
        "en": "'{value}' is not a date; write it as YYYY-MM-DD, e.g. 2026-08-01",
    },
    "dates_increasing": {
        "da": "trinenes datoer skal komme i rækkefølge, hver efter den forrige ({value} gør ikke)",
        "en": "the steps' dates must come in order, each after the one before ({value} does not)",
    },
    "budget_with_steps": {
        "da": "med trin gives pengene til nye stillinger pr. trin (budget_dkk i hvert trin), ikke under budget",
        "en": "with steps the money for new posts is given per step (budget_dkk in each step), not under budget",
    },
    "no_steps": {
        "da": "scenariet har ingen trin (steps:); en overgangsplan skal have mindst ét dateret trin",
        "en": "the scenario has no steps (steps:); a transition plan needs at least one dated step",
    },
    "cannot_leave": {
        "da": "medarbejderen {value} er der ikke længere på dette trin (er allerede fratrådt eller stoppet)",
        "en": "staff member {value} is no longer there at this step (has left or ended already)",
    },
}

KINDS: dict[str, dict[Lang, str]] = {
    "team": {"da": "teamet", "en": "team"},
    "profession": {"da": "faggruppen", "en": "profession"},
    "staff": {"da": "medarbejderen", "en": "staff member"},
    "structure": {"da": "strukturen", "en": "structure"},
    "indicator": {"da": "indikatoren", "en": "indicator"},
    "rule": {"da": "reglen", "en": "rule"},
    "term": {"da": "målet", "en": "objective term"},
}
EXPECTED: dict[str, dict[Lang, str]] = {
    "number": {"da": "et tal", "en": "a number"},
    "integer": {"da": "et helt tal", "en": "a whole number"},
    "bool": {"da": "true eller false", "en": "true or false"},
    "text": {"da": "tekst", "en": "text"},
    "finite": {"da": "et endeligt tal", "en": "a finite number"},
    "date": {"da": "en dato (ÅÅÅÅ-MM-DD)", "en": "a date (YYYY-MM-DD)"},
    "list": {"da": "en liste", "en": "a list"},
    "mapping": {"da": "nøgler med værdier (nøgle: værdi)", "en": "keys with values (key: value)"},
    "per_profession": {
        "da": "et tal for alle faggrupper eller ét pr. faggruppe (faggruppe: tal)",
        "en": "one number for all professions or one per profession (profession: number)",
    },
}
WORDS: dict[Lang, dict[str, str]] = {"da": {"line": "linje"}, "en": {"line": "line"}}
KNOWN_SHOWN = 12  # list at most this many known ids in a message
PREVIEW = 40  # a value from the file is quoted with at most this many characters (then "…")
LONG_PREVIEW = 200  # a library's own words (`detail`) and paths: longer, but still cut
LONG_ARGS = frozenset({"detail", "root", "choices"})


def preview(value: object, limit: int = PREVIEW) -> str:
    """`value` as a message quotes it: short, CPR numbers masked, control characters escaped (a message must
    never be bigger than the mistake, repeat a CPR number, or steer the reader's terminal)."""
    text = fmt.printable(mask_cpr(str(value)))
    return text if len(text) <= limit else text[:limit] + "…"


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
        return fmt.number(value, decimals, lang)
    if isinstance(value, int) and abs(value) < 10**15:
        return fmt.number(value, 0, lang)
    if isinstance(value, float | int):
        # 1e-300 is not "0,0000", and 10**30 is shorter as 1e+30
        text = f"{float(value):.3g}"
        return text.replace(".", ",") if lang == "da" else text
    if isinstance(value, list | tuple | set | frozenset):
        items = list(value)
        if not items:
            return "ingen" if lang == "da" else "none"
        more = len(items) - KNOWN_SHOWN
        shown = ", ".join(_value(v, lang) for v in items[:KNOWN_SHOWN])
        return shown + (f", … (+{more})" if more > 0 else "")
    return preview(value, limit)


def render(problem: ScenarioProblem, lang: Lang = "da") -> str:
    """`file:line: key: what is wrong`."""
    args = {k: _value(v, lang, LONG_PREVIEW if k in LONG_ARGS else PREVIEW) for k, v in problem.args.items()}
    if "kind" in problem.args:
        args["kind"] = KINDS.get(str(problem.args["kind"]), {}).get(lang, str(problem.args["kind"]))
    if "expected" in problem.args:
        args["expected"] = EXPECTED.get(str(problem.args["expected"]), {}).get(lang, str(problem.args["expected"]))
    if "op" in problem.args:
        args["rule"] = f"{RULE_WORDS[str(problem.args['op'])][lang]} {args.get('limit', '')}"
    template = MESSAGES.get(problem.code, {}).get(lang, problem.code)
    try:
        text = template.format(**args)
    except (KeyError, IndexError, ValueError):  # a message must never fail to show
        text = template
    where = preview(problem.source, LONG_PREVIEW)
    if problem.line is not None:
        where += f":{problem.line}"
    key = key_text(problem.path)
    return f"{where}: {key}: {text}" if key else f"{where}: {text}"


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


STORE_REASONS: dict[str, dict[Lang, str]] = {
    "memory": {
        "da": "en database i hukommelsen (sqlite:///:memory:) gemmer intet; angiv en fil eller en server i "
        "BYDELSTEAM_DB_URL",
        "en": "an in-memory database (sqlite:///:memory:) keeps nothing; give a file or a server in BYDELSTEAM_DB_URL",
    },
    "bad_url": {
        "da": "adressen er ikke en database-URL ({detail})",
        "en": "the address is not a database URL ({detail})",
    },
    "bad_setting": {"da": "ugyldig indstilling {detail}", "en": "invalid setting {detail}"},
    "locked": {
        "da": "kørselsarkivet er låst af en anden proces (ventede {seconds} s)",
        "en": "the run store is locked by another process (waited {seconds} s)",
    },
    "full": {"da": "disken er fuld ({detail})", "en": "the disk is full ({detail})"},
    "read_only": {
        "da": "kørselsarkivet kan ikke skrives: skrivebeskyttet eller ingen adgang ({detail})",
        "en": "the run store cannot be written: read-only or no access ({detail})",
    },
    "not_a_database": {"da": "filen er ikke en database ({detail})", "en": "the file is not a database ({detail})"},
    "schema": {
        "da": "kørselsarkivets skema passer ikke med denne version af bydelsteam ({detail}); brug et nyt arkiv",
        "en": "the run store's schema does not match this version of bydelsteam ({detail}); use a new store",
    },
    "unreachable": {"da": "databasen kan ikke nås ({detail})", "en": "the database cannot be reached ({detail})"},
    "failed": {"da": "databasefejl ({detail})", "en": "database error ({detail})"},
}


def store_reason(err: StoreError, lang: Lang = "da") -> str:
    """Why the store failed, in words."""
    template = STORE_REASONS.get(err.reason, STORE_REASONS["failed"])[lang]
    waited = fmt.number(err.seconds, 1, lang) if err.seconds is not None else "?"
    return template.format(detail=err.detail or err.reason, seconds=waited)
