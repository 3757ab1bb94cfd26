"""The planner's work in a real browser (Debian's chromium at 1366×768, Playwright): an upload stays chosen on
every page and through a reload, two browsers never see each other's work, Danish numbers are read right and
what cannot be read is refused beside the field, Behov shows the selected profession's values, and a loaded
example is shown at once and is what Optimér will solve. Screenshots go to the test's folder."""

from __future__ import annotations

import re
from pathlib import Path

from appserver import ARGS, SCREEN, Server, go
from playwright.sync_api import FilePayload, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from app.web.session import PARAM

PAGES = ("Behov", "Scenarie", "Optimér", "Resultat", "Sammenlign", "Overgang", "Robusthed")
VALID = "Arbejdsbogen er gyldig."
FLOOR = "Gulv for behovsfaktoren"
BLEND = "Andel efter behov (resten efter antal børn)"
BUDGET = "Budget til nye stillinger (kr. pr. år)"


def settled(page: Page) -> None:
    """The page has finished its run (Streamlit's running indicator is gone)."""
    page.wait_for_timeout(300)
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=60_000)


def field(page: Page, label: str) -> str:
    box = page.get_by_label(label, exact=True)
    expect(box).to_have_count(1, timeout=30_000)  # a field of the previous run is gone when the run ends
    return box.input_value()


def type_into(page: Page, label: str, typed: str) -> None:
    field(page, label)
    box = page.get_by_label(label, exact=True)
    box.fill(typed)
    box.press("Enter")
    settled(page)


def token(page: Page) -> str:
    found = re.search(rf"[?&]{PARAM}=([A-Za-z0-9_-]+)", page.url)
    assert found, page.url
    return found.group(1)


def choose(page: Page, label: str, option: str) -> None:
    """Pick an option of a Streamlit selectbox by its label. A rerun that ends while the drop-down is open
    closes it (a busy machine): then it is opened again."""
    settled(page)
    item = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):
        page.get_by_role("combobox", name=label).click()  # the drop-down opens
        try:
            item.click(timeout=10_000)
            break
        except PlaywrightTimeout:
            settled(page)
    else:
        raise AssertionError(f"{label}: {option} could not be chosen")
    settled(page)


def open_data(page: Page, url: str) -> None:
    """Open the app (it opens on Start) and go to Data, where the book is validated."""
    page.goto(url)
    expect(page.get_by_text("Fire trin")).to_be_visible(timeout=60_000)
    go(page, "Data")
    expect(page.get_by_text(VALID)).to_be_visible(timeout=60_000)


def test_an_upload_survives_every_page_and_a_reload_and_stays_in_its_browser(
    chromium: str, app: Server, tiny_book: Path, tmp_path: Path
) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        mine = browser.new_context(viewport=SCREEN).new_page()
        open_data(mine, app.url)
        mine.get_by_text("Upload", exact=True).click()
        upload: FilePayload = {
            "name": "lille.xlsx",
            "mimeType": "application/octet-stream",
            "buffer": tiny_book.read_bytes(),
        }
        mine.locator("input[type=file]").set_input_files(files=[upload])
        expect(mine.get_by_role("heading", name="lille.xlsx")).to_be_visible(timeout=60_000)
        settled(mine)
        mine.screenshot(path=str(tmp_path / "data-upload.png"))
        for title in PAGES:
            go(mine, title)
            settled(mine)
        go(mine, "Data")
        expect(mine.get_by_role("heading", name="lille.xlsx")).to_be_visible(timeout=60_000)
        expect(mine.get_by_role("radio", name="Upload")).to_be_checked()
        settled(mine)
        mine.screenshot(path=str(tmp_path / "data-back.png"))

        go(mine, "Behov")
        type_into(mine, FLOOR, "0,9")
        assert field(mine, FLOOR) == "0,9"
        kept = token(mine)
        mine.reload()
        expect(mine.get_by_role("heading", name="Behov", level=1)).to_be_visible(timeout=60_000)
        settled(mine)
        assert token(mine) == kept
        assert field(mine, FLOOR) == "0,9"
        go(mine, "Data")
        expect(mine.get_by_role("heading", name="lille.xlsx")).to_be_visible(timeout=60_000)
        settled(mine)
        mine.screenshot(path=str(tmp_path / "data-after-reload.png"))

        theirs = browser.new_context(viewport=SCREEN).new_page()  # another planner
        open_data(theirs, app.url)
        expect(theirs.get_by_role("heading", name="kommune.xlsx")).to_be_visible()
        assert token(theirs) != kept
        go(theirs, "Behov")
        assert field(theirs, FLOOR) == "0,5"  # the sample's psykolog, not the other planner's edit
        settled(theirs)
        theirs.screenshot(path=str(tmp_path / "other-browser.png"))
        browser.close()


def test_danish_numbers_the_selected_profession_and_a_loaded_example(
    chromium: str, app: Server, tmp_path: Path
) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport=SCREEN)
        open_data(page, app.url)

        go(page, "Behov")
        type_into(page, FLOOR, "0,9")
        choose(page, "Faggruppe", "Støttepædagog")
        assert (field(page, FLOOR), field(page, BLEND)) == ("0,5", "1,0")  # the book's støttepædagog
        type_into(page, FLOOR, "abc")
        refusal = page.get_by_test_id("stAlert").filter(has_text="»abc« er ikke et tal")
        expect(refusal).to_be_visible()
        floor_box = page.get_by_label(FLOOR, exact=True).bounding_box()
        alert_box = refusal.bounding_box()
        assert floor_box and alert_box and 0 <= alert_box["y"] - floor_box["y"] < 120  # beside (under) the field
        page.screenshot(path=str(tmp_path / "behov-refused.png"))
        choose(page, "Faggruppe", "Psykolog")
        assert field(page, FLOOR) == "0,9"

        go(page, "Scenarie")
        settled(page)
        expect(page.get_by_text("Intet scenarie: Optimér beregner arbejdsbogen, som den er.")).to_be_visible()
        type_into(page, BUDGET, "6.400.000")
        assert field(page, BUDGET) == "6.400.000"
        expect(page.get_by_text("new_posts_dkk: 6400000")).to_be_visible()
        page.screenshot(path=str(tmp_path / "scenarie-budget.png"))

        page.get_by_text("Hent et scenarie").click()
        settled(page)
        title = "Scenarie 3: ét team pr. område"
        choose(page, "Eksempel", "Scenarie 3: ét team pr. område")
        for _ in range(3):  # a click while the previous run is still running can be lost on a busy machine
            page.get_by_role("button", name="Hent", exact=True).click()
            try:
                expect(page.locator(f'input[aria-label="Titel"][value="{title}"]')).to_be_visible(timeout=15_000)
                break
            except AssertionError:
                continue
        settled(page)
        assert field(page, "Titel") == title  # at once, without leaving the page
        assert field(page, BUDGET) == "0"
        expect(page.get_by_text(f"Optimér beregner {title}.", exact=False)).to_be_visible()
        page.screenshot(path=str(tmp_path / "scenarie-loaded.png"), full_page=True)

        go(page, "Optimér")
        expect(page.get_by_text(title)).to_be_visible(timeout=30_000)
        page.screenshot(path=str(tmp_path / "optimer-names-it.png"))
        browser.close()
