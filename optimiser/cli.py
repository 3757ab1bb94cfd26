"""The `bydelsteam` command line.

Each sub-command lives in `optimiser/commands/<name>.py` with `register(subparsers)`, which adds its parser
and sets `func`. Commands report problems as text and exit 2; they never show a traceback for bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from optimiser.commands import check, compare, deck, demand, runs, sample, solve, template, validate

MODULES = (template, validate, demand, solve, check, compare, deck, runs, sample)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bydelsteam",
        description="Need-weighted allocation of cross-disciplinary support staff to district teams.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    for module in MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except MemoryError:
        # Bounded inputs should never get here; if the machine still runs out, say so rather than crash.
        print("Der var ikke hukommelse nok til opgaven. / The machine ran out of memory for this task.")
        return 2


if __name__ == "__main__":
    sys.exit(main())
