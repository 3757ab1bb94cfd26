"""The workbook a session works on: the sample municipality, or a planner's upload, read and validated.

An upload lives only in the session that uploaded it: its bytes are written to a private temporary file
(mode 0600, in a fresh directory), read, and the file is deleted at once; nothing is cached across sessions.
The sample is public and read once per process.
"""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from optimiser.domain import Instance
from optimiser.io import read_book, write_template
from optimiser.io.messages import is_error, what_and_fix
from optimiser.problems import Lang, Problem

SAMPLE_PATH = Path(__file__).resolve().parents[1] / "data" / "sample" / "kommune.xlsx"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Book:
    """A workbook as read: its name, the SHA-256 of its bytes, the instance (None if it has errors), problems."""

    name: str
    digest: str
    instance: Instance | None
    problems: tuple[Problem, ...]
    is_sample: bool = False
    data: bytes = field(default=b"", repr=False)  # the bytes as uploaded: hashed into the run store's records

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if is_error(p))

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def read_bytes(name: str, data: bytes, *, is_sample: bool = False) -> Book:
    """Validate a workbook given as bytes (an upload). Never raises for bad input."""
    digest = hashlib.sha256(data).hexdigest()
    if len(data) > MAX_UPLOAD_BYTES:
        problem = Problem(None, None, None, "unreadable", {"detail": f"> {MAX_UPLOAD_BYTES // (1024 * 1024)} MB"})
        return Book(name, digest, None, (problem,), is_sample, data)
    with tempfile.TemporaryDirectory(prefix="bydelsteam-") as folder:  # created 0700: private to this user
        path = Path(folder) / "book.xlsx"
        path.write_bytes(data)
        result = read_book(path)
    return Book(name, digest, result.instance, tuple(result.problems), is_sample, data)


@cache
def sample() -> Book:
    """The illustrative sample municipality (read once per process)."""
    return read_bytes(SAMPLE_PATH.name, SAMPLE_PATH.read_bytes(), is_sample=True)


@cache
def template_bytes() -> bytes:
    """The empty Excel template."""
    with tempfile.TemporaryDirectory(prefix="bydelsteam-") as folder:
        path = Path(folder) / "skabelon.xlsx"
        write_template(path)
        return path.read_bytes()


PROBLEM_COLUMNS = ("kind", "sheet", "row", "column", "what", "fix")


def problem_frame(problems: tuple[Problem, ...] | list[Problem], lang: Lang) -> pd.DataFrame:
    """The validation report a planner acts on: one row per problem, errors first, in sheet and row order."""
    rows = []
    for p in sorted(problems, key=lambda p: not is_error(p)):  # stable: keeps the reader's order within each
        what, fix = what_and_fix(p, lang)
        rows.append(
            {
                "kind": "error" if is_error(p) else "warning",
                "sheet": p.sheet or "",
                "row": p.row,
                "column": p.column or "",
                "what": what,
                "fix": fix,
            }
        )
    frame = pd.DataFrame(rows, columns=list(PROBLEM_COLUMNS))
    frame["row"] = frame["row"].astype("Int64")
    return frame
