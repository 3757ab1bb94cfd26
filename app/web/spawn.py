"""Starting worker processes from the server with multiprocessing's "spawn": nothing of the server is inherited.

Imports no Streamlit, so a child that unpickles its target from a module next to this one starts quickly.
"""

from __future__ import annotations

import multiprocessing
import sys
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess


@contextmanager
def _bare_main() -> Iterator[None]:
    """Spawn without the parent's `__main__`: a spawned child re-runs the main script unless it is hidden,
    and under Streamlit (or its AppTest) that script is a page, which must not run again in the child."""
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = saved


def spawn(target: Callable[..., None], args: tuple[object, ...], name: str) -> tuple[BaseProcess, Connection]:
    """Start `target(*args, writer)` in a fresh process; return it and the read end of its one-way pipe.

    The server keeps only the read end, so a child that dies — even in the middle of a message — gives an
    end of file (EOFError) instead of a read that waits for ever."""
    context = multiprocessing.get_context("spawn")
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=target, args=(*args, writer), name=name, daemon=True)
    with _bare_main():
        process.start()
    writer.close()
    return process, reader
