"""The web app under load, one experiment shared by the test and the reliability report: browser sessions
that each solve the sample at once, beside sessions that only keep the Optimér page open."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from appserver import ARGS, SCREEN, Server, app_server, chromium, go
from playwright.sync_api import Page, expect, sync_playwright

from scenarios.store import RunStore

START = "Start beregningen"


@dataclass(frozen=True)
class AppLoad:
    solving: int
    idle: int
    stored: int  # runs in the store afterwards
    finished: int  # solving pages that show a finished plan with Start enabled again
    run_numbers: tuple[str, ...]  # the run each solving page's results page shows (all different: its own)
    solve_seconds: float  # from the first click to the last page showing its plan
    idle_cpu_before: float  # the server's CPU, share of one core, with every session open and nothing running
    idle_cpu_after: float  # the same once every solve has finished
    server_rss_mib: float
    screenshot: Path


def open_optimise(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_text("Fire trin")).to_be_visible(timeout=60_000)  # the app opens on Start
    go(page, "Data")
    expect(page.get_by_text("Arbejdsbogen er gyldig.")).to_be_visible(timeout=120_000)
    go(page, "Optimér")
    expect(page.get_by_role("button", name=START)).to_be_enabled(timeout=60_000)


def idle_cpu(app: Server, seconds: float) -> float:
    before = app.cpu_seconds()
    time.sleep(seconds)
    return (app.cpu_seconds() - before) / seconds


def app_load(folder: Path, solving: int = 5, idle: int = 4, idle_seconds: float = 20) -> AppLoad:
    store = folder / "load-app.sqlite"
    with app_server(folder, {"BYDELSTEAM_DB_URL": str(store)}) as app, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=ARGS)
        pages = [browser.new_page(viewport=SCREEN) for _ in range(solving + idle)]  # a session each
        for page in pages:
            open_optimise(page, app.url)
        time.sleep(2)  # every page has settled
        before = idle_cpu(app, idle_seconds)
        start = time.monotonic()
        for page in pages[:solving]:
            page.get_by_role("button", name=START).click()
        finished = 0
        for page in pages[:solving]:
            expect(page.get_by_text("Færdig på")).to_be_visible(timeout=600_000)
            expect(page.get_by_role("button", name=START)).to_be_enabled(timeout=30_000)
            finished += 1
        seconds = time.monotonic() - start
        shot = folder / "optimer-after-load.png"
        pages[0].screenshot(path=str(shot))
        time.sleep(2)
        after = idle_cpu(app, idle_seconds)
        rss = app.rss_mib()
        numbers = []
        for page in pages[:solving]:
            go(page, "Resultat")
            caption = page.get_by_text(re.compile(r"kørsel nr\. \d+"))
            expect(caption).to_be_visible(timeout=120_000)
            found = re.search(r"kørsel nr\. (\d+)", caption.inner_text())
            numbers.append(found.group(1) if found else "–")
        browser.close()
    runs = RunStore(str(store))
    stored = len(runs.list_runs())
    runs.close()
    return AppLoad(solving, idle, stored, finished, tuple(numbers), seconds, before, after, rss, shot)
