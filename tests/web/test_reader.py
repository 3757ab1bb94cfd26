"""Uploads are read in a child process with a memory cap and a time limit: a hostile book is refused with a
plain message and the server's own memory stays where it was; the upload's file is private and removed."""

from __future__ import annotations

import resource
from pathlib import Path

import pytest
from hostilebooks import hungry, slow, spy, styles_bomb
from samplepaths import ROOT, SAMPLE_BOOK
from streamlit.testing.v1 import AppTest

from app.web import state
from app.web.book import read_bytes, refusal_text
from app.web.reader import memory_limit_mb
from optimiser.io import read_book

RSS_GROWTH_MIB = 150  # the server holds the upload and at most a parsed instance, never the parse itself


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.fixture(autouse=True)
def _small_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cap below the default 2 GiB: quicker, and the suite's later load test reads the largest child's memory
    (RUSAGE_CHILDREN), which a child grown to 2 GiB here would spoil."""
    monkeypatch.setenv("BYDELSTEAM_READ_MEMORY_MB", "400")


def test_a_book_that_needs_too_much_memory_is_refused_and_the_server_stays_small() -> None:
    before = peak_rss_mib()
    book = read_bytes("stor.xlsx", SAMPLE_BOOK.read_bytes(), reader=hungry)
    assert book.instance is None and book.refusal is not None
    assert refusal_text(book.refusal, "da").startswith("Arbejdsbogen er for stor til at læse")
    assert "400 MB" in refusal_text(book.refusal, "da") and book.errors == 1
    assert peak_rss_mib() - before < RSS_GROWTH_MIB


def test_a_styles_bomb_is_refused_without_growing_the_server() -> None:
    """The probe's book: small on disk, a styles.xml that parses into far more memory than the cap (read in
    the server it peaks at about 1.2 GB). Whether the reader's own limits or the cap stop it, it is refused."""
    data = styles_bomb(40)
    assert len(data) < 20 * 1024 * 1024  # within the upload limit
    before = peak_rss_mib()
    book = read_bytes("typografier.xlsx", data)
    assert book.instance is None and book.errors >= 1
    assert peak_rss_mib() - before < RSS_GROWTH_MIB
    if book.refusal is None:  # refused by the reader's own limits: with its own words, not "not a workbook"
        assert not {p.code for p in book.problems} & {"not_xlsx", "unreadable"}
    else:
        assert refusal_text(book.refusal, "da").startswith("Arbejdsbogen er for stor til at læse")

    at = AppTest.from_file(str(ROOT / "app" / "web" / "pages" / "data.py"), default_timeout=60)
    at.session_state[state.BOOK] = book
    at.session_state["data_source"] = "Upload"
    at.run()
    assert not at.exception and (at.error or at.warning)
    assert "Arbejdsbogen er gyldig." not in [s.value for s in at.success]


def test_a_book_that_takes_too_long_is_stopped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BYDELSTEAM_READ_SECONDS", "2")
    book = read_bytes("langsom.xlsx", SAMPLE_BOOK.read_bytes(), reader=slow)
    assert book.instance is None and book.refusal is not None
    assert "tog for lang tid at læse (mere end 2 s)" in refusal_text(book.refusal, "da")


def test_the_upload_is_private_and_removed() -> None:
    book = read_bytes("min.xlsx", SAMPLE_BOOK.read_bytes(), reader=spy)
    seen = book.problems[0].args
    assert seen["mode"] == 0o600 and seen["folder_mode"] == 0o700
    assert not Path(str(seen["path"])).exists() and not Path(str(seen["path"])).parent.exists()


def test_a_valid_upload_reads_as_in_the_server() -> None:
    book = read_bytes("kommune.xlsx", SAMPLE_BOOK.read_bytes())
    assert book.refusal is None and book.instance == read_book(SAMPLE_BOOK).instance


def test_the_default_cap_is_2_gib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BYDELSTEAM_READ_MEMORY_MB")
    assert memory_limit_mb() == 2048
