"""Validation messages a planner understands: what is wrong and how to fix it, in Danish or English.

Every `Problem.code` has its two English msgids here (a test checks it), Danish in the catalogue
(`optimiser.i18n`). Arguments are filled in with `str.format`; numbers are shown the reader's way
(Babel), and anything that looks like a CPR number is masked.
"""

from __future__ import annotations

from collections.abc import Iterable

from optimiser import i18n
from optimiser.i18n import N_, text
from optimiser.io.cells import preview
from optimiser.io.columns import SHEET_BY_ENTITY
from optimiser.io.cpr import mask_cpr
from optimiser.problems import Lang, Problem

# code -> (what is wrong, how to fix it): English msgids, Danish in the catalogue.
MESSAGES: dict[str, tuple[str, str]] = {
    "file_missing": (N_("The file does not exist: {path}."), N_("Check the path and the file name.")),
    "not_xlsx": (
        N_("The file is not an Excel workbook (.xlsx)."),
        N_("Save it from Excel as 'Excel Workbook (*.xlsx)' and try again."),
    ),
    "unreadable": (
        N_("The file could not be read ({detail})."),
        N_("Open the file in Excel, save it again and retry."),
    ),
    "internal_error": (
        N_("The workbook could not be read because of a fault in the program ({detail}), not in the file."),
        N_("Contact whoever runs bydelsteam and give the fault's name; the file need not be changed."),
    ),
    "file_too_large": (
        N_("The file is too large ({size_mb} MB; at most {max_mb} MB)."),
        N_("Delete unused sheets, pictures and formatting, or split the data over several workbooks."),
    ),
    "unpacked_too_large": (
        N_("The file unpacks to {size_mb} MB (at most {max_mb} MB)."),
        N_("Delete unused sheets, rows and formatting, or split the data over several workbooks."),
    ),
    "compression_too_high": (
        N_(
            "A part of the file is packed {ratio} times tighter than is normal for Excel (at most {max} "
            "times) and may be a so-called zip bomb."
        ),
        N_(
            "Open the file in Excel and save it as 'Excel Workbook (*.xlsx)'. Do not use a file whose "
            "origin you do not know."
        ),
    ),
    "macro_enabled": (
        N_("The file contains macros (.xlsm); such files are not accepted."),
        N_("Save it from Excel as 'Excel Workbook (*.xlsx)', without macros, and load it again."),
    ),
    "encrypted": (
        N_("The file is protected with a password (encrypted) and cannot be read."),
        N_(
            "Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with "
            "Password: clear it), save and load it again."
        ),
    ),
    "old_excel_format": (
        N_("The file is in the old Excel format (.xls, Excel 97-2003) or another old Office format."),
        N_("Open it in Excel and save it as 'Excel Workbook (*.xlsx)'."),
    ),
    "binary_workbook": (
        N_("The file is a binary Excel workbook (.xlsb), which cannot be read."),
        N_("Open it in Excel and save it as 'Excel Workbook (*.xlsx)'."),
    ),
    "strict_ooxml": (
        N_("The file is saved as 'Strict Open XML Spreadsheet', which is not supported."),
        N_("Open it in Excel and save it as an ordinary 'Excel Workbook (*.xlsx)'."),
    ),
    "xml_doctype": (
        N_(
            "A part of the file declares an XML document type (DTD), which Excel never writes; it may "
            "be made to attack the system (e.g. a so-called XML bomb)."
        ),
        N_(
            "Do not use a file whose origin you do not know. Otherwise open it in Excel and save it as "
            "a new file (*.xlsx)."
        ),
    ),
    "part_not_xml": (
        N_("Part {part} of the file is damaged (invalid XML near line {line})."),
        N_("Open the file in Excel, save it as a new file (*.xlsx) and load it again."),
    ),
    "part_too_large": (
        N_(
            "The file has more than {max} {what} (in part {part}); far more than a workbook needs, and "
            "it would fill the memory."
        ),
        N_(
            "Open the book in Excel, remove needless formatting (Home > Clear > Clear Formats on unused "
            "rows and columns), comments and names, and save it as a new file (File > Save As, *.xlsx). "
            "If that does not help, copy the data into a new template (bydelsteam template)."
        ),
    ),
    "too_many_rows": (
        N_("The sheet has data beyond the first {max} rows below the headers."),
        N_("Delete the rows below your data (also those that look empty), or split the data over several workbooks."),
    ),
    "too_many_cells": (
        N_(
            "The workbook has more than {max} cells (counted up to this sheet; blank cells before the "
            "last filled one in a row count too)."
        ),
        N_(
            "Delete unused rows, columns and sheets – cells far to the right above all – or split the "
            "data over several workbooks."
        ),
    ),
    "duplicate_sheet": (
        N_("Sheet '{sheet}' appears more than once ('{first}' and '{other}'); only the first would be read."),
        N_("Delete or rename one of the sheets."),
    ),
    "cpr_sheet_name": (
        N_(
            "The name of sheet no. {position} looks like a CPR number. Personal id numbers must not be "
            "in the workbook (data protection)."
        ),
        N_("Rename the sheet without the number. Save and load the file again."),
    ),
    "missing_sheet": (
        N_("Sheet '{sheet}' is missing."),
        N_("Add the sheet with exactly this name (copy it from a new template: bydelsteam template)."),
    ),
    "missing_column": (N_("Column '{column}' is missing."), N_("Add the column in row 1 with exactly this name.")),
    "duplicate_column": (N_("Column '{column}' appears more than once."), N_("Delete or rename the extra columns.")),
    "empty_sheet": (N_("The sheet has no rows of data."), N_("Fill in at least one row below the headers.")),
    "ignored_column": (
        N_("Column '{column}' is not used and is skipped."),
        N_("Nothing to do – but check the spelling if the column was meant to be used."),
    ),
    "unused_indicator": (
        N_("Column '{column}' is not named on sheet Behovsvægte and is not used as an indicator."),
        N_("Add a weight for it on sheet Behovsvægte if it should count."),
    ),
    "missing_value": (N_("The field is empty."), N_("Fill it in (see the note on the column header).")),
    "wrong_type": (N_("'{value}' is not {expected}."), N_("Enter {expected}, e.g. {example}.")),
    "invalid_choice": (N_("'{value}' is not one of the allowed values."), N_("Choose one of: {choices}.")),
    "formula_error": (
        N_("The cell shows a formula error ({value})."),
        N_("Fix the formula or enter the value directly."),
    ),
    "not_finite": (
        N_("The cell holds '{value}', which is not a finite number (infinity or NaN)."),
        N_("Enter an ordinary number, e.g. {example}; if a formula gives it, correct the formula."),
    ),
    "unreadable_cell": (
        N_("The cell's content cannot be read ('{value}'); the program that made the file wrote it wrongly."),
        N_("Enter the value again in Excel, save the book as a new file (*.xlsx) and load it again."),
    ),
    "implausible_value": (
        N_("The value {value} is not plausible in this column (it must be {rule})."),
        N_("Check the number and its unit (e.g. DKK per FTE, children per institution) and correct it."),
    ),
    "bad_cell_reference": (
        N_("A cell in the file has an invalid address ('{cell}'); the sheet cannot be read on."),
        N_(
            "The program that made the file wrote it wrongly: open it in Excel, save it as a new file "
            "(*.xlsx) and load it again."
        ),
    ),
    "bad_row_number": (
        N_("A row in the file has an invalid row number ('{value}'); the sheet cannot be read."),
        N_("Open the file in Excel, save it as a new file (*.xlsx) and load it again."),
    ),
    "duplicate_row": (
        N_("The row number appears more than once in the file; only one would be read and data could be lost."),
        N_(
            "The program that made the file wrote it wrongly: open it in Excel, check the rows, save it "
            "as a new file (*.xlsx) and load it again."
        ),
    ),
    "sheet_not_xml": (
        N_("The sheet is damaged (invalid XML near line {line} of the file), e.g. a control character in a text."),
        N_("Open the file in Excel, save it as a new file (*.xlsx) and load it again."),
    ),
    "fte_out_of_range": (
        N_("FTE must be more than 0 and at most 1, but is {value}."),
        N_("Enter the FTE as a number from 0.01 to 1, e.g. 1 for full time or 0.5 for half time."),
    ),
    "negative_count": (N_("The count must not be negative ({value})."), N_("Enter 0 or a positive whole number.")),
    "out_of_range": (N_("The value {value} is out of range."), N_("Enter a value that is {rule}.")),
    "text_too_long": (N_("The text is too long (more than {max} characters)."), N_("Shorten the text.")),
    "invalid_value": (
        N_("The value cannot be used ({detail})."),
        N_("Correct the value (see the note on the column header)."),
    ),
    "duplicate_id": (
        N_("'{id}' appears more than once (rows {rows})."),
        N_("Give every row its own id or delete the duplicate."),
    ),
    "unknown_reference": (
        N_("'{value}' does not exist on sheet {target_sheet}."),
        N_("Correct the spelling or add '{value}' to sheet {target_sheet}."),
    ),
    "team_outside_area": (
        N_("Team '{value}' belongs to area '{team_area}', but the staff member belongs to area '{area}'."),
        N_("Choose a current team in area '{area}' or correct the staff member's område_id."),
    ),
    "profession_without_weights": (
        N_("Profession '{value}' has no rows on sheet Behovsvægte."),
        N_("Add at least one row for it on Behovsvægte (weight 0 = share by head count)."),
    ),
    "unknown_indicator": (
        N_("Indicator '{value}' is not a column on sheet Institutioner."),
        N_("Add column '{value}' to sheet Institutioner or correct the spelling."),
    ),
    "duplicate_weight": (
        N_("The profession already has a weight for indicator '{value}'."),
        N_("Delete one of the rows."),
    ),
    "team_on_teams_sheet": (
        N_("Team '{value}' is already on sheet Teams."),
        N_("Delete this row: teams on sheet Teams can be used directly on sheet Strukturer."),
    ),
    "unknown_structure_team": (
        N_("Team '{value}' is on neither sheet Teams nor sheet Strukturteams."),
        N_("Correct the spelling or add '{value}' to sheet Strukturteams with its area."),
    ),
    "duplicate_assignment": (
        N_("Institution '{value}' appears more than once in structure '{structure}'."),
        N_("An institution belongs to one team in a structure: delete one of the rows."),
    ),
    "structure_incomplete": (
        N_("Structure '{value}' lacks {missing} institution(s), e.g. {examples}."),
        N_("Add a row for every institution on sheet Institutioner with its team in the structure."),
    ),
    "unknown_pool_home": (
        N_("The pool's home '{value}' is neither an institution nor an area."),
        N_("Write an institution_id (a competence centre) or an område_id (a flex team)."),
    ),
    "unknown_pool_member": (
        N_("'{value}' in the catchment is neither a team nor an institution."),
        N_("Write team_id or institution_id values separated by commas, or correct the spelling."),
    ),
    "pool_without_members": (
        N_("Pool '{value}' has the catchment 'liste' but names no teams or institutions."),
        N_("List the teams or institutions it serves in column optag_liste, or choose 'område' or 'by'."),
    ),
    "centre_without_pool": (
        N_("Competence centre '{value}' is the home of no pool on sheet Puljer."),
        N_("Add a row for the centre on sheet Puljer (hjem = '{value}'), or clear the cell."),
    ),
    "centre_ambiguous": (
        N_("Competence centre '{value}' is the home of more than one pool on sheet Puljer."),
        N_("Name the staff member's pool in column pulje."),
    ),
    "pool_not_centre": (
        N_("The staff member's pool '{pool}' does not have competence centre '{value}' as its home."),
        N_("Correct column pulje or column kompetencecenter so that they agree, or clear one of them."),
    ),
    "profession_not_in_pool": (
        N_("Pool '{value}' does not hold profession '{profession}'."),
        N_("Add '{profession}' to the pool's faggrupper on sheet Puljer, or correct the staff member's pool."),
    ),
    "unknown_structure": (
        N_("Structure '{value}' is not on sheet Strukturer."),
        N_("Correct the spelling or add the structure to sheet Strukturer."),
    ),
    "start_team_without_source": (
        N_("The row names neither a team nor a staff member."),
        N_("Fill in team_id (all the team's staff) or medarbejder_id (one person)."),
    ),
    "staff_not_in_team": (
        N_("Staff member '{value}' is in team '{own}', not in team '{team}'."),
        N_("Correct team_id to '{own}' or leave it blank."),
    ),
    "team_not_in_structure": (
        N_("Team '{value}' serves no institution in structure '{structure}'."),
        N_("Choose a team the structure uses on sheet Strukturer."),
    ),
    "duplicate_start": (
        N_("'{value}' already has a start team in this structure."),
        N_("Delete one of the rows."),
    ),
    "contact_other_profession": (
        N_("Staff member '{value}' is a {own}, not a {profession}."),
        N_("Choose a contact of profession '{profession}' or correct the profession."),
    ),
    "duplicate_contact": (
        N_("Institution '{value}' already has a contact of profession '{profession}'."),
        N_("An institution has one primary contact per profession: delete one of the rows."),
    ),
    "unknown_parameter": (N_("Key '{value}' is not known."), N_("Use one of the keys: {choices}.")),
    "duplicate_parameter": (N_("Key '{value}' appears more than once."), N_("Delete one of the rows.")),
    "unknown_rule": (N_("Rule '{value}' does not exist."), N_("Use one of: {choices}.")),
    "norm_missing": (
        N_("The demand model is 'norm', but profession '{value}' has no norm."),
        N_("Fill in norm_børn_pr_årsværk or set behovsmodel to 'fordeling' on sheet Parametre."),
    ),
    "cpr_number": (
        N_("Cell {cell} looks like a CPR number. Personal id numbers must not be in the workbook (data protection)."),
        N_("Delete the number and use a pseudonymous id. Save and load the file again."),
    ),
    "cpr_in_part": (
        N_(
            "There is a CPR number {place} (part {part} of the file). Personal id numbers must not be "
            "in the workbook (data protection)."
        ),
        N_(
            "Delete the number there (in Excel: File > Info > Inspect Workbook finds hidden "
            "information). Save and load the file again."
        ),
    ),
    "invalid_book": (N_("The workbook is inconsistent ({detail})."), N_("Fix the other problems and try again.")),
    "unexpected_error": (N_("Unexpected error ({detail})."), N_("Try again; contact support if it persists.")),
}

# The sheet Trin: a transition plan's dated steps (issue 16).
MESSAGES |= {
    "step_date": (N_("'{value}' is not a date."), N_("Write the step's date as YYYY-MM-DD, e.g. 2026-08-01.")),
    "move_cap": (
        N_("'{value}' is not a cap on moves."),
        N_("Write a whole number of people (e.g. 3) or a share below 100 % (e.g. 10 %)."),
    ),
}

SHEET_NAMES: dict[str, str] = {entity: sheet.name for entity, sheet in SHEET_BY_ENTITY.items()}

# Problems that do not stop the book from being used; every other code is an error.
WARNING_CODES = frozenset({"ignored_column", "unused_indicator"})

EXPECTED: dict[str, str] = {
    "number": N_("a number"),
    "integer": N_("a whole number"),
    "yes_no": N_("ja or nej (yes or no)"),
}
RULE_WORDS: dict[str, str] = {
    "gt": N_("more than"),
    "ge": N_("at least"),
    "lt": N_("less than"),
    "le": N_("at most"),
}
# What `part_too_large` counts, by `optimiser.io.package.LIMITS` key.
COUNTED_WORDS: dict[str, str] = {
    "cell_formats": N_("cell formats (cellXfs)"),
    "cell_style_formats": N_("cell style formats (cellStyleXfs)"),
    "cell_styles": N_("cell styles"),
    "fonts": N_("fonts"),
    "fills": N_("fills"),
    "borders": N_("borders"),
    "number_formats": N_("number formats"),
    "differential_formats": N_("conditional formats (dxfs)"),
    "shared_strings": N_("distinct texts"),
    "shared_characters": N_("characters of text"),
    "comments": N_("comments"),
    "defined_names": N_("defined names"),
    "style_elements": N_("formatting elements"),
}
# Where `cpr_in_part` found a CPR number; {cell} is the comment's cell.
PLACES: dict[str, str] = {
    "comment": N_("in a comment"),
    "defined_name": N_("in a defined name (Formulas > Name Manager)"),
    "header_footer": N_("in a page header or footer"),
    "data_validation": N_("in a data validation (input or error message)"),
    "hyperlink": N_("in a hyperlink"),
    "properties": N_("in the document properties (author, title, ...)"),
    "other": N_("outside the cells"),
}
COMPOSED = frozenset({"expected", "target_sheet", "rule", "what", "place"})


def is_error(problem: Problem) -> bool:
    return problem.code not in WARNING_CODES


def _value(value: object, lang: Lang) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        decimals = 0 if value.is_integer() else min(4, max(1, len(repr(value).split(".")[-1])))
        return i18n.number(value, decimals, lang)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(_value(v, lang) for v in value)
    return preview(mask_cpr(str(value)))


def _percent(share: float, lang: Lang) -> str:
    decimals = 0 if round(share * 100, 6).is_integer() else 1
    return i18n.percent(share, decimals, lang)


def _arguments(problem: Problem, lang: Lang) -> dict[str, str]:
    args = dict(problem.args)
    if "expected" in args:
        expected = str(args["expected"])
        args["expected"] = text(EXPECTED[expected], lang) if expected in EXPECTED else expected
    if "target" in args:
        target = str(args["target"])
        args["target_sheet"] = SHEET_NAMES.get(target, target)
    if args.pop("percent", False):
        for key in ("value", "limit"):
            number = args.get(key)
            if isinstance(number, int | float):
                args[key] = _percent(float(number), lang)
    if "what" in args:
        what = str(args["what"])
        args["what"] = text(COUNTED_WORDS[what], lang) if what in COUNTED_WORDS else what
    if "place" in args:
        place = text(PLACES.get(str(args["place"]), PLACES["other"]), lang)
        cell = args.get("cell")
        args["place"] = text("{place} (in cell {cell})", lang, place=place, cell=cell) if cell else place
    if "op" in args:
        words = text(RULE_WORDS[str(args["op"])], lang)
        args["rule"] = f"{words} {_value(args.get('limit'), lang)}"
    if "low" in args or "high" in args:
        bounds = [(op, args.pop(key)) for op, key in (("ge", "low"), ("le", "high"))]
        args["rule"] = text(" and ", lang).join(
            f"{text(RULE_WORDS[op], lang)} {_value(float(limit), lang)}"
            for op, limit in bounds
            if isinstance(limit, int | float)
        )
    # Words made here are shown whole; everything else came from the file and is cut to a preview.
    out = {key: str(value) if key in COMPOSED else _value(value, lang) for key, value in args.items()}
    out.setdefault("example", "")
    return out


def location(problem: Problem, lang: Lang = "da") -> str:
    parts = [preview(mask_cpr(problem.sheet))] if problem.sheet else []
    if problem.row is not None:
        parts.append(text("row {row}", lang, row=problem.row))
    if problem.column:
        parts.append(text("column {column}", lang, column=preview(mask_cpr(problem.column))))
    return ", ".join(parts)


def what_and_fix(problem: Problem, lang: Lang = "da") -> tuple[str, str]:
    """The two sentences of a problem: what is wrong, how to fix it."""
    msgids = MESSAGES.get(problem.code)
    if msgids is None:
        return problem.code, ""
    what, fix = (text(msgid, lang) for msgid in msgids)
    args = _arguments(problem, lang)
    try:
        return what.format(**args), fix.format(**args)
    except (KeyError, IndexError, ValueError):  # a message must never fail to show
        return what, fix


def render(problem: Problem, lang: Lang = "da") -> str:
    """One problem on one line: where, what is wrong, how to fix it."""
    what, fix = what_and_fix(problem, lang)
    where = location(problem, lang)
    line = f"{where}: {what}" if where else what
    return text("{problem} How to fix: {fix}", lang, problem=line, fix=fix) if fix else line


def format_problems(problems: Iterable[Problem], lang: Lang = "da") -> str:
    """A numbered list: each problem's place and what is wrong, then how to fix it on the next line."""
    lines: list[str] = []
    for n, problem in enumerate(problems, start=1):
        what, fix = what_and_fix(problem, lang)
        kind = text(N_("Error") if is_error(problem) else N_("Warning"), lang)
        where = location(problem, lang)
        lines.append(f"{n:>3}. {kind}: {where + ': ' if where else ''}{what}")
        if fix:
            lines.append("     " + text("How to fix: {fix}", lang, fix=fix))
    return "\n".join(lines)
