"""Rendering exports to PDF with LibreOffice, and counting the pages (the export tests' town is
`instances.evil_town`)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


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
