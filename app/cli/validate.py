"""`bydelsteam validate BOOK.xlsx`: check a workbook and list every problem (exit 0 valid, 2 invalid)."""

from __future__ import annotations

import argparse

from optimiser.i18n import N_, text
from optimiser.io import format_problems, read_book, render
from optimiser.problems import Problem

TEXT: dict[str, str] = {
    "valid": N_(
        "The workbook is valid: {areas} areas, {teams} teams, {institutions} institutions, {staff} "
        "staff, {professions} professions."
    ),
    "invalid": N_("The workbook cannot be used: {errors} error(s) to fix."),
    "warnings": N_("Warnings:"),
}


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Check a workbook against the template and list every problem with its sheet, row, column, "
        "what is wrong and how to fix it. Exit code 0: valid; 2: not valid."
    )
    p.add_argument("book", help="the workbook (.xlsx)")
    p.add_argument("--lang", choices=["da", "en"], default="da", help="language of the messages")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    try:
        result = read_book(args.book)
        if result.instance is None:
            print(format_problems(result.problems, lang))
            print(text(TEXT["invalid"], lang, errors=len(result.errors)))
            return 2
        data = result.instance
        print(
            text(
                TEXT["valid"],
                lang,
                areas=len(data.areas),
                teams=len(data.teams),
                institutions=len(data.institutions),
                staff=len(data.staff),
                professions=len(data.professions),
            )
        )
        if result.warnings:
            print(text(TEXT["warnings"], lang))
            print(format_problems(result.warnings, lang))
        return 0
    except Exception as err:  # the command must never show a traceback
        print(render(Problem(None, None, None, "unexpected_error", {"detail": type(err).__name__}), lang))
        return 2
