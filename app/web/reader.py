"""Reading an uploaded workbook in a child process with a memory cap and a time limit.

A workbook can be small on disk and huge once parsed (a 12.7 MB book with a 168 MB styles.xml grew the
server to 4.9 GB). The reader's own limits come first (`optimiser/io/limits.py`); this is the second line of
defence: the child's address space is capped with `RLIMIT_AS` (2 GiB unless `BYDELSTEAM_READ_MEMORY_MB` says
otherwise) and it is stopped after 120 s (`BYDELSTEAM_READ_SECONDS`). A child that runs out of memory, takes
too long or dies is reported as a refusal; the server itself never holds more than the upload and the
parsed instance, which comes back pickled through a one-way pipe.

This module imports no Streamlit, so the child starts quickly.
"""

from __future__ import annotations

import os
import resource
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Literal

from app.web.spawn import spawn
from optimiser.domain import Instance
from optimiser.io import ReadResult, read_book
from optimiser.problems import Problem

Refusal = Literal["memory", "time", "crashed"]
Reader = Callable[[Path], ReadResult]


def memory_limit_mb() -> int:
    return int(os.environ.get("BYDELSTEAM_READ_MEMORY_MB", "2048"))


def time_limit_s() -> float:
    return float(os.environ.get("BYDELSTEAM_READ_SECONDS", "120"))


@dataclass(frozen=True)
class Read:
    """What the child sent: the instance and problems, or why it could not read the book."""

    instance: Instance | None
    problems: tuple[Problem, ...]
    refusal: Refusal | None = None


# The codes under which `read_book` reports any exception, MemoryError included (it catches Exception).
SWALLOWED = {"not_xlsx", "unreadable"}
NEAR_CAP = 0.5  # a read that failed after holding this share of the cap in memory ran out of it


def _ran_out(result: ReadResult, limit_bytes: int) -> bool:
    """True when the reader reported "not a workbook" or "unreadable" but had grown to near the cap: the
    MemoryError was caught inside the reader and named as damage, which would mislead the planner."""
    codes = {p.code for p in result.problems}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    return result.instance is None and bool(codes) and codes <= SWALLOWED and peak >= NEAR_CAP * limit_bytes


def _child(path: str, reader: Reader, limit_bytes: int, out: Connection) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))
    try:
        result = reader(Path(path))
        refused = _ran_out(result, limit_bytes)
        out.send(Read(None, (), "memory") if refused else Read(result.instance, tuple(result.problems)))
    except MemoryError:  # the cap: said so plainly rather than a traceback on the server's terminal
        out.send(Read(None, (), "memory"))
    finally:
        out.close()


def read_isolated(path: Path, reader: Reader = read_book) -> Read:
    """Read the workbook at `path` with `reader` in a capped child process. Never raises for a bad book."""
    process, conn = spawn(_child, (str(path), reader, memory_limit_mb() * 1024 * 1024), "bydelsteam-read")
    try:
        if not conn.poll(time_limit_s()):
            return Read(None, (), "time")
        sent = conn.recv()
        return sent if isinstance(sent, Read) else Read(None, (), "crashed")
    except (EOFError, OSError):  # the child died without a word
        process.join(timeout=5)
        # Killed or aborted by a signal: under the cap that is the allocator giving up (native code such as
        # lxml aborts rather than raising MemoryError).
        return Read(None, (), "memory" if (process.exitcode or 0) < 0 else "crashed")
    finally:
        conn.close()
        if process.is_alive():
            process.kill()
        process.join(timeout=5)
