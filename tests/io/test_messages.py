"""Messages: every code in both languages, filled in, numbers the Danish way, CPR numbers masked."""

from __future__ import annotations

import re
from pathlib import Path

from optimiser.io import format_problems, render
from optimiser.io.docs import DOC, START, updated
from optimiser.io.messages import MESSAGES, WARNING_CODES, is_error
from optimiser.problems import Problem

SAMPLE_ARGS: dict[str, object] = {
    "path": "bog.xlsx",
    "detail": "BadZipFile",
    "sheet": "Teams",
    "column": "navn",
    "value": 1.5,
    "pool": "KC",
    "profession": "psykolog",
    "expected": "number",
    "example": "0,8",
    "choices": ["skole", "fritid"],
    "max": 200,
    "id": "T1",
    "rows": [2, 5],
    "target": "team",
    "area": "O1",
    "team_area": "O2",
    "cell": "B3",
    "op": "le",
    "limit": 1,
    "size_mb": 23.4,
    "max_mb": 20.0,
    "ratio": 1032,
    "first": "Teams",
    "other": "teams ",
    "position": 3,
    "structure": "26_klynger",
    "missing": 2,
    "examples": ["S001", "S002"],
    "line": 2,
    "part": "xl/styles.xml",
    "what": "cell_formats",
    "place": "comment",
    "own": "T2",  # Startteams, Kontakter (issue 11)
    "team": "T1",
}
# The codes reference_findings (optimiser.domain) can report.
DOMAIN_CODES = [
    "duplicate_id",
    "unknown_reference",
    "unknown_indicator",
    "duplicate_weight",
    "profession_without_weights",
    "team_outside_area",
    "team_on_teams_sheet",
    "unknown_structure_team",
    "duplicate_assignment",
    "structure_incomplete",
    "unknown_pool_home",
    "unknown_pool_member",
    "pool_without_members",
    "centre_without_pool",
    "centre_ambiguous",
    "pool_not_centre",
    "profession_not_in_pool",
    "unknown_structure",
    "start_team_without_source",
    "staff_not_in_team",
    "team_not_in_structure",
    "duplicate_start",
    "contact_other_profession",
    "duplicate_contact",
]


def test_every_message_fills_in_both_languages() -> None:
    for code in MESSAGES:
        for lang in ("da", "en"):
            text = render(Problem("Teams", 2, "navn", code, SAMPLE_ARGS), lang)
            assert "{" not in text, (code, lang, text)


def test_every_domain_finding_has_a_message() -> None:
    assert set(DOMAIN_CODES) <= set(MESSAGES)


def test_render_danish_and_english() -> None:
    problem = Problem("Medarbejdere", 7, "årsværk", "fte_out_of_range", {"value": 1.5})
    assert render(problem) == (
        "Medarbejdere, række 7, kolonne årsværk: Årsværk skal være større end 0 og højst 1, men er 1,5. "
        "Sådan retter du: Skriv årsværket som et tal fra 0,01 til 1, fx 1 for fuld tid eller 0,5 for halv tid."
    )
    assert render(problem, "en").startswith(
        "Medarbejdere, row 7, column årsværk: FTE must be more than 0 and at most 1, but is 1.5."
    )


def test_format_problems_lists_every_problem_with_its_fix() -> None:
    problems = [
        Problem(None, None, None, "not_xlsx", {}),
        Problem("Teams", 1, "kommentar", "ignored_column", {"column": "kommentar"}),
    ]
    assert format_problems(problems, "en").splitlines() == [
        "  1. Error: The file is not an Excel workbook (.xlsx).",
        "     How to fix: Save it from Excel as 'Excel Workbook (*.xlsx)' and try again.",
        "  2. Warning: Teams, row 1, column kommentar: Column 'kommentar' is not used and is skipped.",
        "     How to fix: Nothing to do – but check the spelling if the column was meant to be used.",
    ]


def test_warnings_are_not_errors() -> None:
    assert set(MESSAGES) >= WARNING_CODES
    assert not is_error(Problem("Teams", 1, "x", "ignored_column", {}))
    assert is_error(Problem("Teams", 1, "x", "missing_column", {}))


def test_cpr_numbers_in_arguments_are_masked() -> None:
    text = render(Problem("Teams", 2, "navn", "wrong_type", {"value": "x 010180-1234", "expected": "number"}))
    assert "010180" not in text


def test_unknown_code_still_renders() -> None:
    assert render(Problem(None, None, None, "no_such_code", {})) == "no_such_code"


def test_docs_reference_is_up_to_date() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert START in text
    assert updated(text) == text, "run: .venv/bin/python -m optimiser.io.docs"


def test_docs_mention_every_column_and_key() -> None:
    text = Path(DOC).read_text(encoding="utf-8")
    from optimiser.io.columns import PARAMS, SHEETS

    for sheet in SHEETS:
        assert f"### {sheet.name}" in text
        for column in sheet.columns:
            assert re.search(rf"\| \**`{re.escape(column.name)}`\**", text), column.name
    for param in PARAMS:
        assert f"| `{param.key}` |" in text
