"""End to end in a real browser: Debian's chromium, driven by Playwright, against `streamlit run app/main.py`.

The planner opens the app on the sample, runs the optimisation, reads the results page and compares two stored
scenarios. Screenshots go to the test's folder; the results page's also to docs/img/resultat.png (README).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from machine import apt_install, free_port
from playwright.sync_api import Page, ViewportSize, expect, sync_playwright
from samplepaths import ROOT, SAMPLE_BOOK

from optimiser.cli import main

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREEN: ViewportSize = {"width": 1366, "height": 768}  # a municipal laptop
README_SHOT = ROOT / "docs" / "img" / "resultat.png"


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium, installed with apt-get when absent (never Playwright's own download)."""
    why = "" if Path(CHROMIUM).exists() else apt_install("chromium")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"the browser test needs Debian's chromium; {why or 'not found after installing'}")
    return CHROMIUM


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """The app on a free port, with its own run store holding one stored run of scenario 3 (five areas)."""
    store = tmp_path / "runs.sqlite"
    os.environ["BYDELSTEAM_DB_URL"] = str(store)  # the fixture in tests/conftest.py restores it afterwards
    scenario = ROOT / "scenarios" / "examples" / "s3_5_omraader.yaml"
    assert main(["solve", str(SAMPLE_BOOK), "--out", str(tmp_path / "r.json"), "--scenario", str(scenario)]) == 0
    port = free_port()
    env = {**os.environ, "BYDELSTEAM_DB_URL": str(store)}
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app" / "main.py"),
        "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    log = (tmp_path / "streamlit.log").open("w")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, (tmp_path / "streamlit.log").read_text()
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def go(page: Page, title: str) -> None:
    """Click a page in the sidebar (a new URL would start a new session)."""
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible(timeout=60_000)


def test_sample_solve_results_and_comparison(chromium: str, server: str, tmp_path: Path) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport=SCREEN)
        page.goto(server)
        expect(page.get_by_text("Arbejdsbogen er gyldig.")).to_be_visible(timeout=60_000)
        page.screenshot(path=str(tmp_path / "data.png"))

        go(page, "Optimér")
        page.get_by_role("button", name="Start beregningen").click()
        expect(page.get_by_text("Færdig på")).to_be_visible(timeout=120_000)
        page.screenshot(path=str(tmp_path / "optimer.png"))

        go(page, "Resultat")
        expect(page.get_by_text("Største underdækning")).to_be_visible(timeout=60_000)
        expect(page.get_by_text("Den uafhængige kontrol har efterprøvet alle regler og nøgletal.")).to_be_visible()
        page.wait_for_timeout(1500)  # let the charts draw
        page.screenshot(path=str(tmp_path / "resultat.png"))
        README_SHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(tmp_path / "resultat.png", README_SHOT)

        go(page, "Sammenlign")
        expect(page.get_by_text("Vindere og tabere pr. team")).to_be_visible(timeout=120_000)
        table = page.get_by_test_id("stDataFrame").first
        expect(table).to_be_visible()
        page.screenshot(path=str(tmp_path / "sammenlign.png"), full_page=True)
        browser.close()
    assert (tmp_path / "sammenlign.png").stat().st_size > 10_000
