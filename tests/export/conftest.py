"""A small solved town whose names try formula injection, and LibreOffice for the rendering test."""

from __future__ import annotations

import shutil

import pytest
from instances import evil_town
from machine import apt_install

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
    why = apt_install("libreoffice-calc", "libreoffice-impress")
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail(f"LibreOffice is needed to render the exports; {why or 'soffice not found after installing'}")
    return found
