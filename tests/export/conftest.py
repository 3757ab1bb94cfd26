"""A small solved town whose names try formula injection, and LibreOffice for the rendering test."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from exportcase import evil_town

from optimiser.domain import Instance
from optimiser.results import SolveResult
from optimiser.solve import solve


@pytest.fixture(scope="session")
def town() -> Instance:
    return evil_town()


@pytest.fixture(scope="session")
def result(town: Instance) -> SolveResult:
    return solve(town)


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice's soffice, installed from Debian's packages when absent (root and apt-get needed)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.fail("LibreOffice is needed to render the exports: apt-get install libreoffice-calc libreoffice-impress")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "--no-install-recommends", "libreoffice-calc", "libreoffice-impress"]
    done = subprocess.run(install, capture_output=True, text=True, env=env, timeout=1800, check=False)
    if done.returncode != 0:  # the package lists may be missing on a fresh machine
        subprocess.run(["apt-get", "update"], capture_output=True, env=env, timeout=900, check=False)
        done = subprocess.run(install, capture_output=True, text=True, env=env, timeout=1800, check=False)
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail(f"installing LibreOffice failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return found
