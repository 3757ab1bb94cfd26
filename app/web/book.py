"""The workbook a session works on: the sample municipality, or a planner's upload, read and validated.

An upload lives only in the session that uploaded it: its bytes are written to a private temporary file
(mode 0600, in a fresh directory of mode 0700), read in a child process with a memory cap and a time limit
(`app.web.reader`), and the file is deleted at once; nothing is cached across sessions. The sample is ours and
public: it is read in the server, once per process.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from app.web.reader import Reader, Refusal, memory_limit_mb, read_isolated, time_limit_s
from optimiser.domain import Instance
from optimiser.i18n import N_, text
from optimiser.io import read_book, write_template
from optimiser.io.messages import is_error, what_and_fix
from optimiser.problems import Lang, Problem

SAMPLE_PATH = Path(__file__).resolve().parents[2] / "data" / "sample" / "kommune.xlsx"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
FIX = N_(
    "Delete unused sheets, rows and formatting (often thousands of cell styles), save the workbook and upload it again."
)


def refusal_text(refusal: Refusal, lang: Lang) -> str:
    """Why an upload could not be read, for the planner; the app carries on."""
    if refusal == "memory":
        why = text(
            "The workbook is too large to read: reading it used more than {mb} MB of memory and was stopped.",
            lang,
            mb=memory_limit_mb(),
        )
    elif refusal == "time":
        why = text(
            "The workbook took too long to read (more than {s} s), and reading it was stopped.",
            lang,
            s=round(time_limit_s()),
        )
    else:
        why = text("The workbook could not be read: reading it stopped unexpectedly.", lang)
    return f"{why} {text(FIX, lang)}"


@dataclass(frozen=True)
class Book:
    """A workbook as read: its name, the SHA-256 of its bytes, the instance (None if it has errors), problems."""

    name: str
    digest: str
    instance: Instance | None
    problems: tuple[Problem, ...]
    is_sample: bool = False
    data: bytes = field(default=b"", repr=False)  # the bytes as uploaded: hashed into the run store's records
    refusal: Refusal | None = None  # the book could not be read at all (too large, too slow): why

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if is_error(p)) + (self.refusal is not None)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def read_bytes(name: str, data: bytes, *, is_sample: bool = False, reader: Reader = read_book) -> Book:
    """Validate a workbook given as bytes (an upload) in a capped child process. Never raises for bad input."""
    digest = hashlib.sha256(data).hexdigest()
    if len(data) > MAX_UPLOAD_BYTES:
        problem = Problem(None, None, None, "unreadable", {"detail": f"> {MAX_UPLOAD_BYTES // (1024 * 1024)} MB"})
        return Book(name, digest, None, (problem,), is_sample, data)
    with tempfile.TemporaryDirectory(prefix="bydelsteam-") as folder:  # created 0700: private to this user
        path = Path(folder) / "book.xlsx"
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as file:
            file.write(data)
        read = read_isolated(path, reader)
    return Book(name, digest, read.instance, read.problems, is_sample, data, read.refusal or None)


@cache
def sample() -> Book:
    """The illustrative sample municipality (read once per process, in the server: it is ours)."""
    data = SAMPLE_PATH.read_bytes()
    result = read_book(SAMPLE_PATH)
    return Book(SAMPLE_PATH.name, hashlib.sha256(data).hexdigest(), result.instance, tuple(result.problems), True, data)


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
