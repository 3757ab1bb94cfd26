"""A throw-away PostgreSQL server on loopback for the run-store tests.

`postgres_url()` gives the server to test against: `BYDELSTEAM_TEST_PG_URL` when set, else a new cluster
in a temporary folder, from the Debian package's binaries (installed with apt-get when absent and running
as root). The cluster listens on 127.0.0.1 on a free port and on a unix socket in its folder only, trusts
local connections, and is stopped and deleted by `stop()`. Every failure raises `PostgresUnavailable` with
what to do, so the tests fail with a clear message instead of skipping.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from machine import apt_install, free_port

ENV_URL = "BYDELSTEAM_TEST_PG_URL"
BIN_GLOB = "/usr/lib/postgresql/*/bin"
USER = "postgres"  # the OS user the server runs as when the tests run as root (initdb refuses root)


class PostgresUnavailable(RuntimeError):
    pass


def _bin_dir() -> Path | None:
    found = sorted(
        Path("/").glob(BIN_GLOB.lstrip("/")), key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0
    )
    found = [d for d in found if (d / "initdb").exists() and (d / "pg_ctl").exists()]
    return found[-1] if found else None


def _run(args: list[str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)


def _install() -> Path:
    """The binaries' folder, installing Debian's `postgresql` package first if needed (root only)."""
    found = _bin_dir()
    if found is not None:
        return found
    why = apt_install("postgresql")
    found = _bin_dir()
    if found is None:
        raise PostgresUnavailable(f"{why or 'initdb not found after installing postgresql'}; or set {ENV_URL}")
    return found


@contextmanager
def temporary_server() -> Iterator[str]:
    """Start a cluster in a temporary folder and yield its admin URL; stop and delete it afterwards."""
    bin_dir = _install()
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", USER, "--"] if as_root else []
    folder = Path(tempfile.mkdtemp(prefix="bydelsteam-pg-"))
    data, log = folder / "data", folder / "server.log"
    if as_root:
        shutil.chown(folder, USER, USER)
    port = free_port()
    started = False
    try:
        init = _run([*prefix, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"])
        if init.returncode != 0:
            raise PostgresUnavailable(f"initdb failed:\n{init.stdout[-2000:]}\n{init.stderr[-2000:]}")
        options = f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} -c fsync=off -c full_page_writes=off"
        start = _run(
            [
                *prefix,
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
        if start.returncode != 0:
            text = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise PostgresUnavailable(f"pg_ctl start failed:\n{start.stdout[-2000:]}\n{start.stderr[-2000:]}\n{text}")
        started = True
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        if started:
            _run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"], timeout=120)
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def postgres_url() -> Iterator[str]:
    """The server to test against: `BYDELSTEAM_TEST_PG_URL` if set, else a temporary one."""
    given = os.environ.get(ENV_URL)
    if given:
        yield given
        return
    with temporary_server() as url:
        yield url
