"""Workbooks and readers that attack the app's reading of uploads: a book small on disk whose styles.xml
parses into gigabytes, and stand-in readers that a spawned reading process can import (test modules cannot be).
"""

from __future__ import annotations

import io
import os
import re
import secrets
import time
import zipfile
from pathlib import Path

from samplepaths import SAMPLE_BOOK

from optimiser.io import ReadResult
from optimiser.problems import Problem


def styles_bomb(styles_mb: int) -> bytes:
    """The sample with about `styles_mb` MB of distinct fonts in styles.xml (random names, so the part
    compresses no better than a real one and passes the compression-ratio check)."""
    fonts: list[str] = []
    size = 0
    while size < styles_mb * 1024 * 1024:
        font = f'<font><name val="F{secrets.token_hex(8)}"/><sz val="{len(fonts) % 400 + 1}"/></font>'
        fonts.append(font)
        size += len(font)
    out = io.BytesIO()
    with zipfile.ZipFile(SAMPLE_BOOK) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/styles.xml":
                text = data.decode()
                count = int(re.search(r'<fonts count="(\d+)">', text).group(1))  # type: ignore[union-attr]
                text = text.replace(f'<fonts count="{count}">', f'<fonts count="{count + len(fonts)}">', 1)
                data = text.replace("</fonts>", "".join(fonts) + "</fonts>", 1).encode()
            target.writestr(item, data)
    return out.getvalue()


def hungry(path: Path) -> ReadResult:
    """A reader that wants ever more memory, as a hostile book makes the real one do."""
    held = []
    while True:
        held.append(bytearray(64 * 1024 * 1024))


def slow(path: Path) -> ReadResult:
    time.sleep(3600)
    raise AssertionError("not reached")


def spy(path: Path) -> ReadResult:
    """Where and how the upload was written, as the reading process found it."""
    args: dict[str, object] = {
        "path": str(path),
        "mode": os.stat(path).st_mode & 0o777,
        "folder_mode": os.stat(path.parent).st_mode & 0o777,
    }
    return ReadResult(None, [Problem(None, None, None, "spy", args)])
