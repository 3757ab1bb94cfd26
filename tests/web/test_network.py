"""The app keeps to this machine: it listens on 127.0.0.1 unless told otherwise, and neither at start-up nor
while a page is used does it look anything up elsewhere (Streamlit asks checkip.amazonaws.com for the
machine's external IP unless the configuration names the address; docs/access.md). Every outbound attempt of
the server and its children is seen by an audit hook (tests/helpers/netaudit)."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from appserver import ARGS, SCREEN, app_server, go, listening
from appserver import chromium as find_chromium
from playwright.sync_api import expect, sync_playwright
from samplepaths import ROOT

AUDIT = ROOT / "tests" / "helpers" / "netaudit"
LOOPBACK_HEX = "0100007F"  # 127.0.0.1 as /proc/net/tcp writes it
ANY_HEX = "00000000"


def this_machines_address() -> str | None:
    """The address of this machine on its network (a UDP socket's connect sends nothing)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: routed as anything outside, never reached
        except OSError:
            return None
        address = str(probe.getsockname()[0])
    return None if address.startswith("127.") else address


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


@pytest.mark.parametrize(
    ("args", "bound"),
    [((), LOOPBACK_HEX), (("--server.address", "0.0.0.0"), ANY_HEX)],  # as `make run` and `make run HOST=0.0.0.0`
    ids=["default", "opened"],
)
def test_the_app_listens_where_it_is_told_and_asks_no_one(args: tuple[str, ...], bound: str, tmp_path: Path) -> None:
    chromium = find_chromium()
    audit = tmp_path / "net.log"
    audit.touch()
    env = {
        "BYDELSTEAM_DB_URL": str(tmp_path / "runs.sqlite"),
        "BYDELSTEAM_NET_AUDIT": str(audit),
        "PYTHONPATH": os.pathsep.join([str(AUDIT), os.environ.get("PYTHONPATH", "")]),
    }
    with app_server(tmp_path, env, args) as app:
        with sync_playwright() as p:  # a real session: the page runs, the websocket's origin is checked
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            page = browser.new_page(viewport=SCREEN)
            page.goto(app.url)
            expect(page.get_by_text("Fire trin")).to_be_visible(timeout=60_000)  # the app opens on Start
            go(page, "Data")
            expect(page.get_by_text("Arbejdsbogen er gyldig.")).to_be_visible(timeout=60_000)
            browser.close()
        assert listening(app.port) == [bound]
        other = this_machines_address()
        if other is not None:
            assert reachable(other, app.port) == (bound == ANY_HEX)
        log = app.log.read_text()
    assert audit.read_text() == "", "outbound attempts: " + audit.read_text()
    assert "External URL" not in log and "Network URL" not in log
