"""The `bydelsteam` command line.

Each sub-command lives in `app/cli/<name>.py` with `configure(parser)`, which adds its options and sets `func`.
Only the module of the command asked for is imported, so `bydelsteam --help`, `validate` and `template` start
without OR-Tools, pandas or the run store. Commands report problems as text and exit 2; they never show a
traceback for bad input.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# name → one line of help; the module `app.cli.<name>` holds the rest.
COMMANDS: dict[str, str] = {
    "template": "write the empty Excel template",
    "validate": "check a workbook and list every problem",
    "demand": "demand and current supply (practice-near FTE) per team and profession",
    "solve": "allocate staff to teams and save the result as JSON",
    "phase": "plan dated steps from today to the target and save PLAN.json (moves per step, budgets, pace)",
    "check": "verify a result against the book with the independent checker",
    "compare": "run scenario files on a book and write a comparison workbook",
    "robust": "how stable the plan is under uncertain need data (Monte Carlo sweep, ROB.json)",
    "deck": "write the committee deck (PowerPoint) from a result or a comparison",
    "paper": "write the draft committee paper (Word) from a comparison",
    "runs": "list, show, rerun or delete stored runs",
    "sample": "write the illustrative sample municipality (made-up data) as a workbook",
}


def build_parser(wanted: str | None = None) -> argparse.ArgumentParser:
    """The parser; every command's options when `wanted` is None, else only the wanted command's."""
    parser = argparse.ArgumentParser(
        prog="bydelsteam",
        description="Need-weighted allocation of cross-disciplinary support staff to district teams.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for name, summary in COMMANDS.items():
        p = sub.add_parser(name, help=summary)
        if wanted is None or name == wanted:
            importlib.import_module(f"app.cli.{name}").configure(p)
    return parser


def _wanted(argv: Sequence[str]) -> str | None:
    """The command named on the line: its module is the only one imported."""
    return next((a for a in argv if not a.startswith("-")), "") if argv else ""


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(_wanted(argv)).parse_args(argv)
    try:
        return int(args.func(args))
    except MemoryError:
        # Bounded inputs should never get here; if the machine still runs out, say so rather than crash.
        print("Der var ikke hukommelse nok til opgaven. / The machine ran out of memory for this task.")
        return 2


if __name__ == "__main__":
    sys.exit(main())
