"""End to end in a real browser: Debian's chromium, driven by Playwright, against `streamlit run app/web/main.py`.

The planner opens the app on the sample, runs the optimisation, reads the results page and compares two stored
scenarios; an idle Optimér page costs the server nothing; a killed solver frees the page. Screenshots go to the
test's folder; the results page's also to docs/img/resultat.png (README).
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from appserver import ARGS, SCREEN, Server, app_server, go, spawned_workers
from playwright.sync_api import FilePayload, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from samplepaths import ROOT, SAMPLE_BOOK

from app.cli.main import main

README_SHOT = ROOT / "docs" / "img" / "resultat.png"
IDLE_SECONDS = 10
IDLE_CPU_SHARE = 0.10  # of one core; a page refreshing twice a second cost about a third


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """The app with a run store holding one stored run of scenario 3 (five areas)."""
    store = tmp_path / "runs.sqlite"
    os.environ["BYDELSTEAM_DB_URL"] = str(store)  # the fixture in tests/conftest.py restores it afterwards
    scenario = ROOT / "scenarios" / "examples" / "s3_5_omraader.yaml"
    assert main(["solve", str(SAMPLE_BOOK), "--out", str(tmp_path / "r.json"), "--scenario", str(scenario)]) == 0
    with app_server(tmp_path, {"BYDELSTEAM_DB_URL": str(store)}) as running:
        yield running.url


def test_sample_solve_results_and_comparison(chromium: str, server: str, tmp_path: Path) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport=SCREEN)
        page.goto(server)
        expect(page.get_by_text("Fire trin")).to_be_visible(timeout=60_000)  # the app opens on Start
        go(page, "Data")
        expect(page.get_by_text("Arbejdsbogen er gyldig.")).to_be_visible(timeout=60_000)
        page.screenshot(path=str(tmp_path / "data.png"))

        go(page, "Optimér")
        page.get_by_role("button", name="Start beregningen").click()
        expect(page.get_by_text("Færdig på")).to_be_visible(timeout=120_000)
        expect(page.get_by_role("button", name="Start beregningen")).to_be_enabled()
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


def open_optimise(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_text("Fire trin")).to_be_visible(timeout=60_000)  # the app opens on Start
    go(page, "Data")
    expect(page.get_by_text("Arbejdsbogen er gyldig.")).to_be_visible(timeout=60_000)
    go(page, "Optimér")
    expect(page.get_by_text("Ingen beregning endnu.")).to_be_visible(timeout=60_000)


def test_an_idle_optimise_page_costs_the_server_nothing(chromium: str, app: Server) -> None:
    """No timer while no solve runs: the progress area does not refresh (measured as the server's CPU time)."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        open_optimise(browser.new_page(viewport=SCREEN), app.url)
        time.sleep(2)  # the page has settled
        before = app.cpu_seconds()
        time.sleep(IDLE_SECONDS)
        share = (app.cpu_seconds() - before) / IDLE_SECONDS
        browser.close()
    assert share < IDLE_CPU_SHARE, f"an idle Optimér page costs {share:.0%} of a core"


def test_a_killed_solver_frees_the_page(chromium: str, app: Server, tmp_path: Path) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport=SCREEN)
        open_optimise(page, app.url)
        page.get_by_label("Tidsgrænse (sekunder)").fill("600")
        page.get_by_label("Tidsgrænse (sekunder)").press("Enter")
        start = page.get_by_role("button", name="Start beregningen")
        start.click()
        expect(start).to_be_disabled(timeout=30_000)
        deadline = time.monotonic() + 30
        while not (workers := spawned_workers(app.process.pid)) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert workers, "no solver process"
        for pid in workers:
            os.kill(pid, signal.SIGKILL)  # out of memory, a native crash ...
        expect(page.get_by_text("Beregningen stoppede uventet")).to_be_visible(timeout=30_000)
        expect(start).to_be_enabled(timeout=10_000)
        page.screenshot(path=str(tmp_path / "killed.png"))
        browser.close()


WRONG_TYPES = {
    "policy.yaml": "policy: 5\n",
    "changes.yaml": "changes: [1, 2]\n",
    "moves.yaml": "policy:\n  max_moves: abc\n",
}


def test_a_wrong_typed_scenario_upload_is_explained_without_a_traceback(
    chromium: str, app: Server, tmp_path: Path
) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport=SCREEN)
        page.goto(app.url)
        expect(page.get_by_text("Fire trin")).to_be_visible(timeout=60_000)  # the app opens on Start
        go(page, "Data")
        expect(page.get_by_text("Arbejdsbogen er gyldig.")).to_be_visible(timeout=60_000)
        go(page, "Scenarie")
        page.get_by_text("Hent et scenarie").click()
        for name, text in WRONG_TYPES.items():
            upload: FilePayload = {"name": name, "mimeType": "application/x-yaml", "buffer": text.encode()}
            page.locator("input[type=file]").set_input_files(files=[upload])
            expect(page.get_by_text(name)).to_be_visible(timeout=30_000)
            message = page.get_by_test_id("stAlert").filter(has_text="Scenariet kan ikke hentes")
            load = page.get_by_role("button", name="Hent", exact=True)
            for _ in range(3):  # a click while the upload's rerun is still running can be lost on a busy machine
                expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=60_000)
                if not load.is_visible():  # the rerun re-drew the expander closed: open it again
                    page.get_by_text("Hent et scenarie").click()
                try:
                    load.click(timeout=30_000)
                    expect(message).to_contain_text(f"{name}:", timeout=10_000)
                    break
                except (AssertionError, PlaywrightTimeout):
                    continue
            expect(message).to_contain_text(f"{name}:")
            expect(message).to_contain_text("forkert type")
            body = page.locator("body").inner_text()
            assert "Traceback" not in body and "Error" not in body and "Noget gik galt" not in body
            page.screenshot(path=str(tmp_path / f"scenarie-{name}.png"))
        browser.close()
