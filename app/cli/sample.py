"""`bydelsteam sample --out BOOK.xlsx`: write the illustrative sample municipality as a workbook.

`--scale N` writes N copies of it (a national-scale synthetic for benchmarks); `--seed` fixes every draw,
so the same command always writes the same data.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from optimiser.io import write_book
from optimiser.sample import generate


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def configure(p: argparse.ArgumentParser) -> None:
    p.description = (
        "Write the illustrative, Copenhagen-like sample municipality as an Excel workbook. "
        "The data is made up (see data/sample/README.md). --scale N writes N copies for benchmarks."
    )
    p.add_argument("--scale", type=_positive, default=1, help="copies of the municipality (default 1)")
    p.add_argument("--seed", type=int, default=2025, help="random seed (default 2025)")
    p.add_argument("--out", required=True, help="the workbook to write (.xlsx)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    folder = Path(args.out).resolve().parent
    if not folder.is_dir():  # checked first: a failed write leaves openpyxl noise on stderr
        print(f"could not write {args.out}: folder {folder} does not exist")
        return 2
    instance = generate(args.scale, args.seed)
    try:
        write_book(instance, args.out)
    except OSError as err:
        print(f"could not write {args.out}: {err}")
        return 2
    fte = sum(s.fte for s in instance.staff)
    print(
        f"wrote {args.out}: {len(instance.areas)} areas, {len(instance.teams)} teams, "
        f"{len(instance.institutions)} institutions, {len(instance.staff)} staff ({fte:.2f} FTE); "
        f"scale {args.scale}, seed {args.seed}"
    )
    return 0
