"""Validation messages a planner understands: what is wrong and how to fix it, in Danish or English.

Every `Problem.code` has a text here (a test checks it). Arguments are filled in with `str.format`;
numbers are shown the Danish way in Danish, and anything that looks like a CPR number is masked.
"""

from __future__ import annotations

from collections.abc import Iterable

from optimiser import fmt
from optimiser.io.cells import preview
from optimiser.io.columns import SHEET_BY_ENTITY
from optimiser.io.cpr import mask_cpr
from optimiser.problems import Lang, Problem

# code -> language -> (what is wrong, how to fix it)
MESSAGES: dict[str, dict[Lang, tuple[str, str]]] = {
    "file_missing": {
        "da": ("Filen findes ikke: {path}.", "Tjek stien og filnavnet."),
        "en": ("The file does not exist: {path}.", "Check the path and the file name."),
    },
    "not_xlsx": {
        "da": (
            "Filen er ikke en Excel-arbejdsbog (.xlsx).",
            "Gem filen i Excel som 'Excel-projektmappe (*.xlsx)', og prøv igen.",
        ),
        "en": (
            "The file is not an Excel workbook (.xlsx).",
            "Save it from Excel as 'Excel Workbook (*.xlsx)' and try again.",
        ),
    },
    "unreadable": {
        "da": ("Filen kunne ikke læses ({detail}).", "Åbn filen i Excel, gem den igen, og prøv igen."),
        "en": ("The file could not be read ({detail}).", "Open the file in Excel, save it again and retry."),
    },
    "internal_error": {
        "da": (
            "Arbejdsbogen kunne ikke læses på grund af en fejl i programmet ({detail}), ikke i filen.",
            "Kontakt den, der driver bydelsteam, og oplys fejlens navn; filen behøver ikke rettes.",
        ),
        "en": (
            "The workbook could not be read because of a fault in the program ({detail}), not in the file.",
            "Contact whoever runs bydelsteam and give the fault's name; the file need not be changed.",
        ),
    },
    "file_too_large": {
        "da": (
            "Filen er for stor ({size_mb} MB; højst {max_mb} MB).",
            "Slet ark, billeder og formatering, som ikke bruges, eller del data i flere arbejdsbøger.",
        ),
        "en": (
            "The file is too large ({size_mb} MB; at most {max_mb} MB).",
            "Delete unused sheets, pictures and formatting, or split the data over several workbooks.",
        ),
    },
    "unpacked_too_large": {
        "da": (
            "Filen fylder {size_mb} MB udpakket (højst {max_mb} MB).",
            "Slet ark, rækker og formatering, som ikke bruges, eller del data i flere arbejdsbøger.",
        ),
        "en": (
            "The file unpacks to {size_mb} MB (at most {max_mb} MB).",
            "Delete unused sheets, rows and formatting, or split the data over several workbooks.",
        ),
    },
    "compression_too_high": {
        "da": (
            "En del af filen er pakket {ratio} gange tættere end normalt for Excel (højst {max} gange) "
            "og kan være en såkaldt zip-bombe.",
            "Åbn filen i Excel, og gem den som 'Excel-projektmappe (*.xlsx)'. Brug ikke filen, hvis du ikke "
            "ved, hvor den kommer fra.",
        ),
        "en": (
            "A part of the file is packed {ratio} times tighter than is normal for Excel (at most {max} times) "
            "and may be a so-called zip bomb.",
            "Open the file in Excel and save it as 'Excel Workbook (*.xlsx)'. Do not use a file whose origin "
            "you do not know.",
        ),
    },
    "macro_enabled": {
        "da": (
            "Filen indeholder makroer (.xlsm), og den slags filer tages ikke imod.",
            "Gem filen i Excel som 'Excel-projektmappe (*.xlsx)' uden makroer, og indlæs den igen.",
        ),
        "en": (
            "The file contains macros (.xlsm); such files are not accepted.",
            "Save it from Excel as 'Excel Workbook (*.xlsx)', without macros, and load it again.",
        ),
    },
    "encrypted": {
        "da": (
            "Filen er beskyttet med en adgangskode (krypteret) og kan ikke læses.",
            "Åbn filen i Excel, fjern adgangskoden (Filer > Oplysninger > Beskyt projektmappe > Krypter med "
            "adgangskode: slet koden), gem, og indlæs den igen.",
        ),
        "en": (
            "The file is protected with a password (encrypted) and cannot be read.",
            "Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password: "
            "clear it), save and load it again.",
        ),
    },
    "old_excel_format": {
        "da": (
            "Filen er i det gamle Excel-format (.xls, Excel 97-2003) eller en anden ældre Office-fil.",
            "Åbn filen i Excel, og gem den som 'Excel-projektmappe (*.xlsx)'.",
        ),
        "en": (
            "The file is in the old Excel format (.xls, Excel 97-2003) or another old Office format.",
            "Open it in Excel and save it as 'Excel Workbook (*.xlsx)'.",
        ),
    },
    "binary_workbook": {
        "da": (
            "Filen er en binær Excel-projektmappe (.xlsb), som ikke kan læses.",
            "Åbn filen i Excel, og gem den som 'Excel-projektmappe (*.xlsx)'.",
        ),
        "en": (
            "The file is a binary Excel workbook (.xlsb), which cannot be read.",
            "Open it in Excel and save it as 'Excel Workbook (*.xlsx)'.",
        ),
    },
    "strict_ooxml": {
        "da": (
            "Filen er gemt som 'Strict Open XML-regneark', som ikke understøttes.",
            "Åbn filen i Excel, og gem den som almindelig 'Excel-projektmappe (*.xlsx)'.",
        ),
        "en": (
            "The file is saved as 'Strict Open XML Spreadsheet', which is not supported.",
            "Open it in Excel and save it as an ordinary 'Excel Workbook (*.xlsx)'.",
        ),
    },
    "xml_doctype": {
        "da": (
            "En del af filen indeholder en XML-dokumenttype (DTD), som Excel aldrig skriver; den kan være lavet "
            "for at angribe systemet (fx en såkaldt XML-bombe).",
            "Brug ikke filen, hvis du ikke ved, hvor den kommer fra. Ellers: åbn den i Excel, og gem den som ny "
            "fil (*.xlsx).",
        ),
        "en": (
            "A part of the file declares an XML document type (DTD), which Excel never writes; it may be made to "
            "attack the system (e.g. a so-called XML bomb).",
            "Do not use a file whose origin you do not know. Otherwise open it in Excel and save it as a new "
            "file (*.xlsx).",
        ),
    },
    "part_not_xml": {
        "da": (
            "Delen {part} af filen er beskadiget (ugyldig XML omkring linje {line}).",
            "Åbn filen i Excel, gem den som ny fil (*.xlsx), og indlæs den igen.",
        ),
        "en": (
            "Part {part} of the file is damaged (invalid XML near line {line}).",
            "Open the file in Excel, save it as a new file (*.xlsx) and load it again.",
        ),
    },
    "part_too_large": {
        "da": (
            "Filen har mere end {max} {what} (i delen {part}); det er langt mere, end en arbejdsbog bruger, og "
            "ville fylde hukommelsen.",
            "Åbn bogen i Excel, fjern overflødig formatering (Hjem > Ryd > Ryd formater på ubrugte rækker og "
            "kolonner), kommentarer og navne, og gem den som ny fil (Filer > Gem som, *.xlsx). Hjælper det ikke: "
            "kopiér data over i en ny skabelon (bydelsteam template).",
        ),
        "en": (
            "The file has more than {max} {what} (in part {part}); far more than a workbook needs, and it would "
            "fill the memory.",
            "Open the book in Excel, remove needless formatting (Home > Clear > Clear Formats on unused rows and "
            "columns), comments and names, and save it as a new file (File > Save As, *.xlsx). If that does not "
            "help, copy the data into a new template (bydelsteam template).",
        ),
    },
    "too_many_rows": {
        "da": (
            "Arket har data efter de første {max} rækker under overskrifterne.",
            "Slet rækkerne under dine data (også dem, der ser tomme ud), eller del data i flere arbejdsbøger.",
        ),
        "en": (
            "The sheet has data beyond the first {max} rows below the headers.",
            "Delete the rows below your data (also those that look empty), or split the data over several workbooks.",
        ),
    },
    "too_many_cells": {
        "da": (
            "Arbejdsbogen har mere end {max} celler (talt til og med dette ark; tomme celler før den sidste "
            "udfyldte i en række tæller med).",
            "Slet ubrugte rækker, kolonner og ark – især celler langt ude til højre – eller del data i flere "
            "arbejdsbøger.",
        ),
        "en": (
            "The workbook has more than {max} cells (counted up to this sheet; blank cells before the last "
            "filled one in a row count too).",
            "Delete unused rows, columns and sheets – cells far to the right above all – or split the data "
            "over several workbooks.",
        ),
    },
    "duplicate_sheet": {
        "da": (
            "Arket '{sheet}' findes flere gange ('{first}' og '{other}'); kun det første ville blive læst.",
            "Slet eller omdøb det ene af arkene.",
        ),
        "en": (
            "Sheet '{sheet}' appears more than once ('{first}' and '{other}'); only the first would be read.",
            "Delete or rename one of the sheets.",
        ),
    },
    "cpr_sheet_name": {
        "da": (
            "Navnet på ark nr. {position} ligner et CPR-nummer. Personnumre må ikke være i arbejdsbogen "
            "(databeskyttelse).",
            "Omdøb arket uden nummeret. Gem filen, og indlæs den igen.",
        ),
        "en": (
            "The name of sheet no. {position} looks like a CPR number. Personal id numbers must not be in the "
            "workbook (data protection).",
            "Rename the sheet without the number. Save and load the file again.",
        ),
    },
    "missing_sheet": {
        "da": (
            "Arket '{sheet}' mangler.",
            "Tilføj arket med præcis dette navn (kopiér det fra en ny skabelon: bydelsteam template).",
        ),
        "en": (
            "Sheet '{sheet}' is missing.",
            "Add the sheet with exactly this name (copy it from a new template: bydelsteam template).",
        ),
    },
    "missing_column": {
        "da": ("Kolonnen '{column}' mangler.", "Tilføj kolonnen i række 1 med præcis dette navn."),
        "en": ("Column '{column}' is missing.", "Add the column in row 1 with exactly this name."),
    },
    "duplicate_column": {
        "da": ("Kolonnen '{column}' står flere gange.", "Slet eller omdøb de ekstra kolonner."),
        "en": ("Column '{column}' appears more than once.", "Delete or rename the extra columns."),
    },
    "empty_sheet": {
        "da": ("Arket har ingen rækker med data.", "Udfyld mindst én række under overskrifterne."),
        "en": ("The sheet has no rows of data.", "Fill in at least one row below the headers."),
    },
    "ignored_column": {
        "da": (
            "Kolonnen '{column}' bruges ikke og springes over.",
            "Intet at gøre – men tjek stavningen, hvis kolonnen skulle bruges.",
        ),
        "en": (
            "Column '{column}' is not used and is skipped.",
            "Nothing to do – but check the spelling if the column was meant to be used.",
        ),
    },
    "unused_indicator": {
        "da": (
            "Kolonnen '{column}' er ikke nævnt på arket Behovsvægte og bruges ikke som indikator.",
            "Tilføj en vægt for den på arket Behovsvægte, hvis den skal tælle med.",
        ),
        "en": (
            "Column '{column}' is not named on sheet Behovsvægte and is not used as an indicator.",
            "Add a weight for it on sheet Behovsvægte if it should count.",
        ),
    },
    "missing_value": {
        "da": ("Feltet er tomt.", "Udfyld feltet (se noten i kolonneoverskriften)."),
        "en": ("The field is empty.", "Fill it in (see the note on the column header)."),
    },
    "wrong_type": {
        "da": ("'{value}' er ikke {expected}.", "Skriv {expected}, fx {example}."),
        "en": ("'{value}' is not {expected}.", "Enter {expected}, e.g. {example}."),
    },
    "invalid_choice": {
        "da": ("'{value}' er ikke en af de tilladte værdier.", "Vælg en af: {choices}."),
        "en": ("'{value}' is not one of the allowed values.", "Choose one of: {choices}."),
    },
    "formula_error": {
        "da": ("Cellen viser en formelfejl ({value}).", "Ret formlen, eller skriv værdien direkte."),
        "en": ("The cell shows a formula error ({value}).", "Fix the formula or enter the value directly."),
    },
    "not_finite": {
        "da": (
            "Cellen indeholder '{value}', som ikke er et endeligt tal (uendelig eller NaN).",
            "Skriv et almindeligt tal i cellen, fx {example}; kommer tallet fra en formel, så ret formlen.",
        ),
        "en": (
            "The cell holds '{value}', which is not a finite number (infinity or NaN).",
            "Enter an ordinary number, e.g. {example}; if a formula gives it, correct the formula.",
        ),
    },
    "unreadable_cell": {
        "da": (
            "Cellens indhold kan ikke læses ('{value}'); filen er skrevet forkert af det program, der lavede den.",
            "Skriv værdien i cellen igen i Excel, gem bogen som ny fil (*.xlsx), og indlæs den igen.",
        ),
        "en": (
            "The cell's content cannot be read ('{value}'); the program that made the file wrote it wrongly.",
            "Enter the value again in Excel, save the book as a new file (*.xlsx) and load it again.",
        ),
    },
    "implausible_value": {
        "da": (
            "Værdien {value} er ikke troværdig i denne kolonne (den skal være {rule}).",
            "Tjek tallet og enheden (fx kr. pr. årsværk, børn pr. institution), og ret det.",
        ),
        "en": (
            "The value {value} is not plausible in this column (it must be {rule}).",
            "Check the number and its unit (e.g. DKK per FTE, children per institution) and correct it.",
        ),
    },
    "bad_cell_reference": {
        "da": (
            "En celle i filen har en ugyldig adresse ('{cell}'); arket kan ikke læses videre.",
            "Filen er skrevet forkert af det program, der lavede den: åbn den i Excel, gem den som ny fil "
            "(*.xlsx), og indlæs den igen.",
        ),
        "en": (
            "A cell in the file has an invalid address ('{cell}'); the sheet cannot be read on.",
            "The program that made the file wrote it wrongly: open it in Excel, save it as a new file (*.xlsx) "
            "and load it again.",
        ),
    },
    "bad_row_number": {
        "da": (
            "En række i filen har et ugyldigt rækkenummer ('{value}'); arket kan ikke læses.",
            "Åbn filen i Excel, gem den som ny fil (*.xlsx), og indlæs den igen.",
        ),
        "en": (
            "A row in the file has an invalid row number ('{value}'); the sheet cannot be read.",
            "Open the file in Excel, save it as a new file (*.xlsx) and load it again.",
        ),
    },
    "duplicate_row": {
        "da": (
            "Rækkenummeret står flere gange i filen; kun én af dem ville blive læst, og data kunne gå tabt.",
            "Filen er skrevet forkert af det program, der lavede den: åbn den i Excel, tjek rækkerne, gem den "
            "som ny fil (*.xlsx), og indlæs den igen.",
        ),
        "en": (
            "The row number appears more than once in the file; only one would be read and data could be lost.",
            "The program that made the file wrote it wrongly: open it in Excel, check the rows, save it as a new "
            "file (*.xlsx) and load it again.",
        ),
    },
    "sheet_not_xml": {
        "da": (
            "Arket er beskadiget (ugyldig XML omkring linje {line} i filen), fx et kontroltegn i en tekst.",
            "Åbn filen i Excel, gem den som ny fil (*.xlsx), og indlæs den igen.",
        ),
        "en": (
            "The sheet is damaged (invalid XML near line {line} of the file), e.g. a control character in a text.",
            "Open the file in Excel, save it as a new file (*.xlsx) and load it again.",
        ),
    },
    "fte_out_of_range": {
        "da": (
            "Årsværk skal være større end 0 og højst 1, men er {value}.",
            "Skriv årsværket som et tal fra 0,01 til 1, fx 1 for fuld tid eller 0,5 for halv tid.",
        ),
        "en": (
            "FTE must be more than 0 and at most 1, but is {value}.",
            "Enter the FTE as a number from 0.01 to 1, e.g. 1 for full time or 0.5 for half time.",
        ),
    },
    "negative_count": {
        "da": ("Antallet må ikke være negativt ({value}).", "Skriv 0 eller et positivt helt tal."),
        "en": ("The count must not be negative ({value}).", "Enter 0 or a positive whole number."),
    },
    "out_of_range": {
        "da": ("Værdien {value} er uden for det tilladte.", "Skriv en værdi, der er {rule}."),
        "en": ("The value {value} is out of range.", "Enter a value that is {rule}."),
    },
    "text_too_long": {
        "da": ("Teksten er for lang (mere end {max} tegn).", "Forkort teksten."),
        "en": ("The text is too long (more than {max} characters).", "Shorten the text."),
    },
    "invalid_value": {
        "da": ("Værdien kan ikke bruges ({detail}).", "Ret værdien (se noten i kolonneoverskriften)."),
        "en": ("The value cannot be used ({detail}).", "Correct the value (see the note on the column header)."),
    },
    "duplicate_id": {
        "da": ("'{id}' står flere gange (rækkerne {rows}).", "Giv hver række sit eget id, eller slet dubletten."),
        "en": ("'{id}' appears more than once (rows {rows}).", "Give every row its own id or delete the duplicate."),
    },
    "unknown_reference": {
        "da": (
            "'{value}' findes ikke på arket {target_sheet}.",
            "Ret stavningen, eller tilføj '{value}' på arket {target_sheet}.",
        ),
        "en": (
            "'{value}' does not exist on sheet {target_sheet}.",
            "Correct the spelling or add '{value}' to sheet {target_sheet}.",
        ),
    },
    "team_outside_area": {
        "da": (
            "Team '{value}' hører til område '{team_area}', men medarbejderen hører til område '{area}'.",
            "Vælg et nuværende team i område '{area}', eller ret medarbejderens område_id.",
        ),
        "en": (
            "Team '{value}' belongs to area '{team_area}', but the staff member belongs to area '{area}'.",
            "Choose a current team in area '{area}' or correct the staff member's område_id.",
        ),
    },
    "profession_without_weights": {
        "da": (
            "Faggruppen '{value}' har ingen rækker på arket Behovsvægte.",
            "Tilføj mindst én række for faggruppen på Behovsvægte (vægt 0 = fordel efter antal børn).",
        ),
        "en": (
            "Profession '{value}' has no rows on sheet Behovsvægte.",
            "Add at least one row for it on Behovsvægte (weight 0 = share by head count).",
        ),
    },
    "unknown_indicator": {
        "da": (
            "Indikatoren '{value}' er ikke en kolonne på arket Institutioner.",
            "Tilføj kolonnen '{value}' på arket Institutioner, eller ret stavningen.",
        ),
        "en": (
            "Indicator '{value}' is not a column on sheet Institutioner.",
            "Add column '{value}' to sheet Institutioner or correct the spelling.",
        ),
    },
    "duplicate_weight": {
        "da": ("Faggruppen har allerede en vægt for indikatoren '{value}'.", "Slet den ene af rækkerne."),
        "en": ("The profession already has a weight for indicator '{value}'.", "Delete one of the rows."),
    },
    "team_on_teams_sheet": {
        "da": (
            "Team '{value}' står allerede på arket Teams.",
            "Slet rækken her: teams fra arket Teams kan bruges direkte på arket Strukturer.",
        ),
        "en": (
            "Team '{value}' is already on sheet Teams.",
            "Delete this row: teams on sheet Teams can be used directly on sheet Strukturer.",
        ),
    },
    "unknown_structure_team": {
        "da": (
            "Team '{value}' findes hverken på arket Teams eller på arket Strukturteams.",
            "Ret stavningen, eller tilføj '{value}' på arket Strukturteams med dets område.",
        ),
        "en": (
            "Team '{value}' is on neither sheet Teams nor sheet Strukturteams.",
            "Correct the spelling or add '{value}' to sheet Strukturteams with its area.",
        ),
    },
    "duplicate_assignment": {
        "da": (
            "Institutionen '{value}' står flere gange i strukturen '{structure}'.",
            "En institution hører til ét team i en struktur: slet den ene af rækkerne.",
        ),
        "en": (
            "Institution '{value}' appears more than once in structure '{structure}'.",
            "An institution belongs to one team in a structure: delete one of the rows.",
        ),
    },
    "structure_incomplete": {
        "da": (
            "Strukturen '{value}' mangler {missing} institution(er), fx {examples}.",
            "Tilføj en række for hver institution på arket Institutioner med dens team i strukturen.",
        ),
        "en": (
            "Structure '{value}' lacks {missing} institution(s), e.g. {examples}.",
            "Add a row for every institution on sheet Institutioner with its team in the structure.",
        ),
    },
    "unknown_parameter": {
        "da": ("Nøglen '{value}' kendes ikke.", "Brug en af nøglerne: {choices}."),
        "en": ("Key '{value}' is not known.", "Use one of the keys: {choices}."),
    },
    "duplicate_parameter": {
        "da": ("Nøglen '{value}' står flere gange.", "Slet den ene af rækkerne."),
        "en": ("Key '{value}' appears more than once.", "Delete one of the rows."),
    },
    "unknown_rule": {
        "da": ("Reglen '{value}' findes ikke.", "Brug en af: {choices}."),
        "en": ("Rule '{value}' does not exist.", "Use one of: {choices}."),
    },
    "norm_missing": {
        "da": (
            "Behovsmodellen er 'norm', men faggruppen '{value}' har ingen norm.",
            "Udfyld norm_børn_pr_årsværk, eller sæt behovsmodel til 'fordeling' på arket Parametre.",
        ),
        "en": (
            "The demand model is 'norm', but profession '{value}' has no norm.",
            "Fill in norm_børn_pr_årsværk or set behovsmodel to 'fordeling' on sheet Parametre.",
        ),
    },
    "cpr_number": {
        "da": (
            "Cellen {cell} ligner et CPR-nummer. Personnumre må ikke være i arbejdsbogen (databeskyttelse).",
            "Slet nummeret, og brug et pseudonymt id. Gem filen, og indlæs den igen.",
        ),
        "en": (
            "Cell {cell} looks like a CPR number. Personal id numbers must not be in the workbook (data protection).",
            "Delete the number and use a pseudonymous id. Save and load the file again.",
        ),
    },
    "cpr_in_part": {
        "da": (
            "Der er et CPR-nummer {place} (filens del {part}). Personnumre må ikke være i arbejdsbogen "
            "(databeskyttelse).",
            "Slet nummeret dér (i Excel: Filer > Oplysninger > Undersøg projektmappe finder skjulte oplysninger). "
            "Gem filen, og indlæs den igen.",
        ),
        "en": (
            "There is a CPR number {place} (part {part} of the file). Personal id numbers must not be in the "
            "workbook (data protection).",
            "Delete the number there (in Excel: File > Info > Inspect Workbook finds hidden information). Save "
            "and load the file again.",
        ),
    },
    "invalid_book": {
        "da": ("Arbejdsbogen hænger ikke sammen ({detail}).", "Ret de øvrige fejl, og prøv igen."),
        "en": ("The workbook is inconsistent ({detail}).", "Fix the other problems and try again."),
    },
    "unexpected_error": {
        "da": ("Uventet fejl ({detail}).", "Prøv igen; kontakt support, hvis fejlen bliver ved."),
        "en": ("Unexpected error ({detail}).", "Try again; contact support if it persists."),
    },
}

SHEET_NAMES: dict[str, str] = {entity: sheet.name for entity, sheet in SHEET_BY_ENTITY.items()}

# Problems that do not stop the book from being used; every other code is an error.
WARNING_CODES = frozenset({"ignored_column", "unused_indicator"})

EXPECTED: dict[str, dict[Lang, str]] = {
    "number": {"da": "et tal", "en": "a number"},
    "integer": {"da": "et helt tal", "en": "a whole number"},
    "yes_no": {"da": "ja eller nej", "en": "ja or nej (yes or no)"},
}
RULE_WORDS: dict[str, dict[Lang, str]] = {
    "gt": {"da": "større end", "en": "more than"},
    "ge": {"da": "mindst", "en": "at least"},
    "lt": {"da": "mindre end", "en": "less than"},
    "le": {"da": "højst", "en": "at most"},
}
# What `part_too_large` counts, by `optimiser.io.package.LIMITS` key.
COUNTED_WORDS: dict[str, dict[Lang, str]] = {
    "cell_formats": {"da": "celleformater (cellXfs)", "en": "cell formats (cellXfs)"},
    "cell_style_formats": {"da": "typografiformater (cellStyleXfs)", "en": "cell style formats (cellStyleXfs)"},
    "cell_styles": {"da": "celletypografier", "en": "cell styles"},
    "fonts": {"da": "skrifttyper", "en": "fonts"},
    "fills": {"da": "fyldfarver", "en": "fills"},
    "borders": {"da": "rammer", "en": "borders"},
    "number_formats": {"da": "talformater", "en": "number formats"},
    "differential_formats": {"da": "betingede formater (dxfs)", "en": "conditional formats (dxfs)"},
    "shared_strings": {"da": "forskellige tekster", "en": "distinct texts"},
    "shared_characters": {"da": "tegn i tekster", "en": "characters of text"},
    "comments": {"da": "kommentarer", "en": "comments"},
    "defined_names": {"da": "definerede navne", "en": "defined names"},
    "style_elements": {"da": "formateringselementer", "en": "formatting elements"},
}
# Where `cpr_in_part` found a CPR number; {cell} is the comment's cell.
PLACES: dict[str, dict[Lang, str]] = {
    "comment": {"da": "i en kommentar", "en": "in a comment"},
    "defined_name": {
        "da": "i et defineret navn (Formler > Navnestyring)",
        "en": "in a defined name (Formulas > Name Manager)",
    },
    "header_footer": {"da": "i sidehoved eller sidefod", "en": "in a page header or footer"},
    "data_validation": {
        "da": "i en datavalidering (input- eller fejlmeddelelse)",
        "en": "in a data validation (input or error message)",
    },
    "hyperlink": {"da": "i et link", "en": "in a hyperlink"},
    "properties": {
        "da": "i dokumentegenskaberne (forfatter, titel, ...)",
        "en": "in the document properties (author, title, ...)",
    },
    "other": {"da": "uden for cellerne", "en": "outside the cells"},
}
CELL_WORDS: dict[Lang, str] = {"da": "i celle", "en": "in cell"}
COMPOSED = frozenset({"expected", "target_sheet", "rule", "what", "place"})
AND: dict[Lang, str] = {"da": " og ", "en": " and "}
LABELS: dict[Lang, dict[str, str]] = {
    "da": {"row": "række", "column": "kolonne", "fix": "Sådan retter du", "error": "Fejl", "warning": "Advarsel"},
    "en": {"row": "row", "column": "column", "fix": "How to fix", "error": "Error", "warning": "Warning"},
}


def is_error(problem: Problem) -> bool:
    return problem.code not in WARNING_CODES


def _value(value: object, lang: Lang) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        decimals = 0 if value.is_integer() else min(4, max(1, len(repr(value).split(".")[-1])))
        return fmt.number(value, decimals, lang)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(_value(v, lang) for v in value)
    return preview(mask_cpr(str(value)))


def _percent(share: float, lang: Lang) -> str:
    decimals = 0 if round(share * 100, 6).is_integer() else 1
    return fmt.percent(share, decimals, lang)


def _arguments(problem: Problem, lang: Lang) -> dict[str, str]:
    args = dict(problem.args)
    if "expected" in args:
        args["expected"] = EXPECTED.get(str(args["expected"]), {}).get(lang, str(args["expected"]))
    if "target" in args:
        target = str(args["target"])
        args["target_sheet"] = SHEET_NAMES.get(target, target)
    if args.pop("percent", False):
        for key in ("value", "limit"):
            number = args.get(key)
            if isinstance(number, int | float):
                args[key] = _percent(float(number), lang)
    if "what" in args:
        args["what"] = COUNTED_WORDS.get(str(args["what"]), {}).get(lang, str(args["what"]))
    if "place" in args:
        place = PLACES.get(str(args["place"]), PLACES["other"])[lang]
        cell = args.get("cell")
        args["place"] = f"{place} ({CELL_WORDS[lang]} {cell})" if cell else place
    if "op" in args:
        words = RULE_WORDS[str(args["op"])][lang]
        args["rule"] = f"{words} {_value(args.get('limit'), lang)}"
    if "low" in args or "high" in args:
        bounds = [(op, args.pop(key)) for op, key in (("ge", "low"), ("le", "high"))]
        args["rule"] = AND[lang].join(
            f"{RULE_WORDS[op][lang]} {_value(float(limit), lang)}"
            for op, limit in bounds
            if isinstance(limit, int | float)
        )
    # Words made here are shown whole; everything else came from the file and is cut to a preview.
    out = {key: str(value) if key in COMPOSED else _value(value, lang) for key, value in args.items()}
    out.setdefault("example", "")
    return out


def location(problem: Problem, lang: Lang = "da") -> str:
    words = LABELS[lang]
    parts = [preview(mask_cpr(problem.sheet))] if problem.sheet else []
    if problem.row is not None:
        parts.append(f"{words['row']} {problem.row}")
    if problem.column:
        parts.append(f"{words['column']} {preview(mask_cpr(problem.column))}")
    return ", ".join(parts)


def what_and_fix(problem: Problem, lang: Lang = "da") -> tuple[str, str]:
    """The two sentences of a problem: what is wrong, how to fix it."""
    texts = MESSAGES.get(problem.code)
    if texts is None:
        return problem.code, ""
    what, fix = texts[lang]
    args = _arguments(problem, lang)
    try:
        return what.format(**args), fix.format(**args)
    except (KeyError, IndexError, ValueError):  # a message must never fail to show
        return what, fix


def render(problem: Problem, lang: Lang = "da") -> str:
    """One problem on one line: where, what is wrong, how to fix it."""
    what, fix = what_and_fix(problem, lang)
    where = location(problem, lang)
    text = f"{where}: {what}" if where else what
    return f"{text} {LABELS[lang]['fix']}: {fix}" if fix else text


def format_problems(problems: Iterable[Problem], lang: Lang = "da") -> str:
    """A numbered list: each problem's place and what is wrong, then how to fix it on the next line."""
    words = LABELS[lang]
    lines: list[str] = []
    for n, problem in enumerate(problems, start=1):
        what, fix = what_and_fix(problem, lang)
        kind = words["error"] if is_error(problem) else words["warning"]
        where = location(problem, lang)
        lines.append(f"{n:>3}. {kind}: {where + ': ' if where else ''}{what}")
        if fix:
            lines.append(f"     {words['fix']}: {fix}")
    return "\n".join(lines)
