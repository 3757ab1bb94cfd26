"""The pictures of docs/exports.md: one PNG of each committee-deck slide type and the committee paper's first
page, made from the sample's eight examples (`make exports-doc`).

Runs the comparison at a short time limit (the pictures show the layout, not a committee's figures), writes
the deck and the paper, renders both with LibreOffice and keeps the first slide of each title (a title split
over slides, "… (1 af 2)", counts once).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from pptx import Presentation

from optimiser.export.deck import from_comparison, write_deck
from optimiser.export.paper import write_paper
from optimiser.names import Names
from scenarios.compare import compare
from scenarios.schema import load_scenario
from scenarios.service import load_book

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample" / "kommune.xlsx"
EXAMPLES = sorted((ROOT / "scenarios" / "examples").glob("s[1-8]_*.yaml"))
SPLIT = re.compile(r" \(\d+ af \d+\)$")


def _pdf(path: Path, folder: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed: apt-get install libreoffice-impress libreoffice-writer")
    profile = f"-env:UserInstallation=file://{folder / 'profile'}"
    subprocess.run(
        [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(path)],
        check=True,
        capture_output=True,
    )
    return folder / (path.stem + ".pdf")


def _png(pdf: Path, page: int, out: Path) -> None:
    stem = out.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf), str(stem)],
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default=str(ROOT / "docs" / "img" / "exports"), help="folder of the PNGs")
    parser.add_argument("--time-limit", type=float, default=3.0, help="seconds per solve")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    scenarios = [load_scenario(p) for p in EXAMPLES]
    comparison = compare(
        load_book(SAMPLE),
        scenarios,
        frontier_of=scenarios[0].name,
        tolerances=(0.0, 0.025, 0.1, 0.25, 1.0),
        overrides={"time_limit_s": args.time_limit, "workers": 2},
    )
    data = from_comparison(comparison.summary(), Names.of(comparison.base, pseudonymise=True), source="cmp.json")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        deck, paper = folder / "udvalg.pptx", folder / "sag.docx"
        write_deck(data, deck)
        write_paper(data, paper)
        deck_pdf, paper_pdf = _pdf(deck, folder), _pdf(paper, folder)
        seen: list[str] = []
        for n, slide in enumerate(Presentation(str(deck)).slides, start=1):
            kind = SPLIT.sub("", slide.shapes.title.text)
            if kind not in seen:
                seen.append(kind)
                _png(deck_pdf, n, out / f"deck-{len(seen):02d}.png")
                print(f"deck-{len(seen):02d}.png: {kind}")
        _png(paper_pdf, 1, out / "paper-1.png")
        print("paper-1.png: the paper's first page")


if __name__ == "__main__":
    main()
