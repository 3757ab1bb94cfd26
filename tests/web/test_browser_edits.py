"""Hand edits and background work in a real browser (Debian's chromium, 1366×768): a hand move shows new figures
without a solve and undo restores them; a lock that cannot be met keeps the plan on screen and says which edit
breaks which rule; the trade-off curve can be cancelled. Screenshots go to the test's folder.

The edits run on a small uploaded workbook (solved in a second): teams A and B of one area, schools of 100 and
300 children, psychologists Anna and Bo in A and Carl in B (one at least in every team). Demand: A 0.6, B 1.8
practice-near FTE; the plan moves one of Anna and Bo to B (B 1.6 of 1.8: 11,1 % short). Carl moved to A leaves
B 0.8 of 1.8: 55,6 % short."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from appserver import ARGS, SCREEN, Server, app_server, go
from instances import make_instance, psy
from playwright.sync_api import FilePayload, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from samplepaths import SAMPLE_BOOK

from app.cli.main import main
from optimiser.io.template import write_book

NAMES = {"m1": "Anna", "m2": "Bo", "m4": "Carl"}


def small_book(folder: Path) -> FilePayload:
    instance = make_instance(
        {"A": "x", "B": "x"},
        [("sA", "A", 100), ("sB", "B", 300)],
        [("m1", "psy", 1.0, "A"), ("m2", "psy", 1.0, "A"), ("m4", "psy", 1.0, "B")],
        professions=[psy(min_per_team=1, name="Psykolog")],
        staff_extra={sid: {"name": name} for sid, name in NAMES.items()},
    )
    path = folder / "lille.xlsx"
    write_book(instance, path)
    return {"name": path.name, "mimeType": "application/octet-stream", "buffer": path.read_bytes()}


def choose(page: Page, key: str, option: str) -> None:
    """Pick an option of a Streamlit drop-down by its widget key and a part of the option's text."""
    box = page.locator(f".st-key-{key}").get_by_test_id("stSelectbox")
    if option in box.inner_text():
        return  # chosen already
    for attempt in range(3):  # a rerun may redraw the list under the click: then choose again
        box.evaluate("e => e.scrollIntoView({block: 'center'})")  # room below it for the list to open
        box.locator("input").press("Escape")  # a list left open by the last choice closes
        box.locator("input").click()
        box.locator("input").press_sequentially(option)  # the list is filtered to the option
        try:
            page.get_by_role("option").filter(has_text=option).first.click(timeout=10_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
            expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=60_000)
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=60_000)  # the choice's rerun


def open_edits(page: Page) -> None:
    """Open "Ret i hånden" unless it is open."""
    if not page.locator(".st-key-edit_person").is_visible():
        page.get_by_text("Ret i hånden", exact=True).click()
    expect(page.locator(".st-key-edit_person")).to_be_visible()


def tile(page: Page, value: str) -> None:
    expect(page.get_by_test_id("stMetricValue").filter(has_text=value).first).to_be_visible(timeout=60_000)


def test_a_hand_move_undo_and_a_clashing_lock(chromium: str, app: Server, tmp_path: Path) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport=SCREEN)
        try:
            edit_and_lock(page, app.url, tmp_path)
        finally:
            page.screenshot(path=str(tmp_path / "last.png"), full_page=True)
            browser.close()


def edit_and_lock(page: Page, url: str, tmp_path: Path) -> None:
    """Upload the small book, solve, move Carl by hand and undo; lock all three to B and optimise the rest."""
    if True:
        page.goto(url)
        expect(page.get_by_text("Fire trin")).to_be_visible(timeout=60_000)
        page.wait_for_timeout(500)
        page.screenshot(path=str(tmp_path / "start.png"))
        go(page, "Data")
        page.get_by_text("Upload", exact=True).click()
        page.locator("input[type=file]").set_input_files(files=[small_book(tmp_path)])
        expect(page.get_by_role("heading", name="lille.xlsx")).to_be_visible(timeout=60_000)
        expect(page.get_by_text("Arbejdsbogen er gyldig.")).to_be_visible(timeout=60_000)

        go(page, "Optimér")
        page.get_by_role("button", name="Start beregningen").click()
        expect(page.get_by_text("Færdig på")).to_be_visible(timeout=120_000)
        expect(page.get_by_role("button", name="Start beregningen")).to_be_enabled()
        page.screenshot(path=str(tmp_path / "optimer.png"))

        go(page, "Resultat")
        tile(page, "11,1 %")
        open_edits(page)
        choose(page, "edit_person", "Carl")
        choose(page, "edit_team", "Team A")
        page.get_by_role("button", name="Flyt", exact=True).click()
        expect(page.get_by_text("Håndrettelser (ikke beregnet): 1")).to_be_visible(timeout=30_000)
        tile(page, "55,6 %")  # at once, from the evaluator: nothing was solved
        expect(page.get_by_text("Den rettede plan bryder ingen regel")).to_be_visible()
        settle(page)
        page.screenshot(path=str(tmp_path / "ret-i-haanden.png"), full_page=True)
        page.get_by_role("button", name="Fortryd den sidste ændring").click()
        expect(page.get_by_text("Håndrettelser (ikke beregnet)")).to_be_hidden(timeout=30_000)
        tile(page, "11,1 %")

        # Everyone locked to B: nobody is left for A, which must have a psychologist.
        for n, person in enumerate(("Anna", "Bo", "Carl"), 1):
            settle(page)
            open_edits(page)
            choose(page, "edit_person", person)
            choose(page, "edit_team", "Team B")
            page.get_by_role("button", name="Lås", exact=True).click()
            expect(page.get_by_text(f"Håndrettelser (ikke beregnet): {n}")).to_be_visible(timeout=30_000)
        expect(page.get_by_text("Planen bryder reglen").first).to_be_visible()
        page.get_by_role("button", name="Optimér resten").click()
        expect(page.get_by_text("Færdig på")).to_be_visible(timeout=120_000)
        go(page, "Resultat")
        expect(page.get_by_text("fandt ingen plan, så den forrige plan")).to_be_visible(timeout=60_000)
        expect(page.get_by_text("til Team B bryder reglen").first).to_be_visible()
        expect(page.get_by_text("Håndrettelser (ikke beregnet): 3")).to_be_visible()
        body = page.locator("body").inner_text()
        assert "team-minimum-per-profession" not in body and "Traceback" not in body
        settle(page)
        page.screenshot(path=str(tmp_path / "laas-konflikt.png"), full_page=True)


def settle(page: Page) -> None:
    """Wait until the page's rerun has finished and the charts have drawn; show the key figures."""
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=60_000)
    page.get_by_test_id("stMetricValue").first.scroll_into_view_if_needed()
    page.wait_for_timeout(800)


@pytest.fixture
def stored(tmp_path: Path) -> Iterator[Server]:
    """The app with a run store holding one stored run of the sample (its trade-off curve takes a while)."""
    store = tmp_path / "runs.sqlite"
    os.environ["BYDELSTEAM_DB_URL"] = str(store)  # the fixture in tests/conftest.py restores it afterwards
    # The workbook as it is: its curve takes a quarter of a minute (one team per area's is done in seconds).
    assert main(["solve", str(SAMPLE_BOOK), "--out", str(tmp_path / "r.json")]) == 0
    with app_server(tmp_path, {"BYDELSTEAM_DB_URL": str(store)}) as running:
        yield running


def test_the_trade_off_curve_can_be_cancelled(chromium: str, stored: Server, tmp_path: Path) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport=SCREEN)
        try:
            cancel_the_curve(page, stored.url, tmp_path)
        finally:
            page.screenshot(path=str(tmp_path / "last.png"), full_page=True)
            browser.close()


def cancel_the_curve(page: Page, url: str, tmp_path: Path) -> None:
    """Start the sample's trade-off curve on Sammenlign and cancel it while it runs."""
    page.goto(url)
    expect(page.get_by_text("Fire trin")).to_be_visible(timeout=60_000)  # the app opens on Start
    go(page, "Data")
    expect(page.get_by_text("Arbejdsbogen er gyldig.")).to_be_visible(timeout=60_000)
    go(page, "Sammenlign")
    start = page.get_by_role("button", name="Beregn afvejningen")
    expect(start).to_be_visible(timeout=120_000)
    start.click()
    expect(page.get_by_text("Afvejning: punkt")).to_be_visible(timeout=60_000)
    page.screenshot(path=str(tmp_path / "afvejning.png"))
    page.get_by_role("button", name="Afbryd afvejningen").click()
    expect(page.get_by_text("Afvejningen blev afbrudt.")).to_be_visible(timeout=60_000)
    expect(start).to_be_enabled(timeout=30_000)
    page.screenshot(path=str(tmp_path / "afvejning-afbrudt.png"), full_page=True)
