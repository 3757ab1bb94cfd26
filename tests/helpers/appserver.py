"""The Streamlit app as a server process for browser tests and the reliability report: start it as `make run`
does (the project's `.streamlit/config.toml`, only the port given), drive it with Debian's chromium through
Playwright, and read the server's CPU time, memory and sockets from /proc (Linux)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from machine import apt_install, free_port
from playwright.sync_api import Page, ViewportSize, expect
from samplepaths import ROOT

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
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def chromium() -> str:
    """Debian's chromium, installed with apt-get when absent (never Playwright's own download)."""
    why = "" if Path(CHROMIUM).exists() else apt_install("chromium")
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"the browser test needs Debian's chromium; {why or 'not found after installing'}")
    return CHROMIUM


@dataclass(frozen=True)
class Server:
    url: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def cpu_seconds(self) -> float:
        return cpu_seconds(self.process.pid)

    def rss_mib(self) -> float:
        return rss_mib(self.process.pid)


@contextmanager
def app_server(folder: Path, env: dict[str, str] | None = None, args: tuple[str, ...] = ()) -> Iterator[Server]:
    """`streamlit run app/web/main.py` from the project folder on a free port, until the block ends."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app" / "web" / "main.py"),
        "--server.port",
        str(port),
    ]
    log_path = folder / "streamlit.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [*command, *args], cwd=ROOT, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while not healthy(url):
                assert process.poll() is None and time.monotonic() < deadline, log_path.read_text()
                time.sleep(0.5)
            yield Server(url, port, process, log_path)
        finally:
            process.terminate()
            process.wait(timeout=30)


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return bool(answer.status == 200)
    except OSError:
        return False


def go(page: Page, title: str) -> None:
    """Click a page in the sidebar (a new URL would start a new session)."""
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible(timeout=60_000)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process (its threads included, its children not)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime (fields 14 and 15 of stat)


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def spawned_workers(pid: int) -> list[int]:
    """The server's multiprocessing children that do work (solver, reader), not the resource tracker."""
    return [c for c in children(pid) if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]


def listening(port: int) -> list[str]:
    """The local addresses (hex, as in /proc/net/tcp*) of the sockets listening on `port`."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, _, hex_port = local.partition(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.append(address)
    return found
