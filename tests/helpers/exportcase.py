"""Rendering exports to PDF with LibreOffice, and counting the pages (the export tests' town is
`instances.evil_town`)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Word:
    """One word of a rendered page and its box, in points from the page's top left."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Page:
    """One rendered page (a slide, a printed sheet page): its size and every word on it."""

    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    def outside(self, margin: float = 0.0) -> list[Word]:
        """Words whose box reaches beyond the page (less `margin` points on every side)."""
        return [
            w
            for w in self.words
            if w.x0 < margin - 0.5
            or w.top < margin - 0.5
            or w.x1 > self.width - margin + 0.5
            or w.bottom > self.height - margin + 0.5
        ]


def pages(pdf: Path) -> list[Page]:
    """Every page of `pdf` with its words and their boxes (pdfplumber). LibreOffice clips nothing when it
    converts: text that runs off a slide is still written, beyond the page's box, so `Page.outside` finds it."""
    import pdfplumber

    out = []
    with pdfplumber.open(pdf) as doc:
        for n, page in enumerate(doc.pages, start=1):
            words = tuple(
                Word(w["text"], float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
                for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
            )
            out.append(Page(n, float(page.width), float(page.height), words))
    return out
