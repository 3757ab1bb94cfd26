"""The export tests' town, whose names try formula injection, and rendering exports to PDF with LibreOffice."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from factories import make_instance

from optimiser.domain import Instance

# Text a spreadsheet would execute if written as it is.
EVIL = {"m1": '=HYPERLINK("http://x")', "m2": "+45 1234 5678", "m3": "@SUM(1)", "m4": "-Bo Ærø"}


def evil_town() -> Instance:
    """rulecase's town (3 psychologists in A, 1 in B; sA 100, sB 300 children) with injected names."""
    instance = make_instance(
        {"A": "x", "B": "x"},
        [("sA", "A", 100), ("sB", "B", 300)],
        [("m1", "psy", 1.0, "A"), ("m2", "psy", 1.0, "A"), ("m3", "psy", 1.0, "A"), ("m4", "psy", 1.0, "B")],
        staff_extra={sid: {"name": name} for sid, name in EVIL.items()},
    )
    teams = tuple(
        t.model_copy(update={"name": "=cmd|' /C calc'!A0" if t.id == "A" else t.name}) for t in instance.teams
    )
    return instance.model_copy(update={"teams": teams})


def to_pdf(soffice: str, path: Path, out: Path) -> Path:
    """Convert `path` to PDF in `out` with LibreOffice headless, in a throw-away profile."""
    profile = out / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(path),
        ],
        capture_output=True,
        timeout=300,
        check=True,
    )
    pdf = out / (path.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice wrote no PDF for {path.name}"
    return pdf


def page_count(pdf: Path) -> int:
    """Pages of a PDF: its page objects (/Type /Page, not /Pages)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf.read_bytes()))
