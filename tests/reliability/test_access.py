"""Access: with Streamlit's OIDC login configured the app shows nothing but the login; without it, it says
plainly that it is open. Each browser session holds its own workbook."""

from __future__ import annotations

from samplepaths import ROOT
from streamlit.testing.v1 import AppTest

from app.web import state
from app.web.book import read_bytes, sample

MAIN = str(ROOT / "app" / "web" / "main.py")
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-long-random-secret-for-the-test",
    "client_id": "bydelsteam",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://login.example.org/.well-known/openid-configuration",
}


def test_with_login_configured_only_the_login_is_shown() -> None:
    at = AppTest.from_file(MAIN, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.run()
    assert not at.exception
    assert [b.label for b in at.button] == ["Log ind"]
    assert not at.title  # no page, no data
    assert not any("Åben adgang" in c.value for c in at.sidebar.caption)


def test_without_login_the_app_says_it_is_open() -> None:
    at = AppTest.from_file(MAIN, default_timeout=60).run()
    assert any("Åben adgang" in c.value and "betroet netværk" in c.value for c in at.sidebar.caption)


def test_an_upload_stays_in_its_session() -> None:
    mine, theirs = AppTest.from_file(MAIN, default_timeout=60), AppTest.from_file(MAIN, default_timeout=60)
    assert sample().instance is not None
    mine.session_state[state.BOOK] = read_bytes("min.xlsx", (ROOT / "data" / "sample" / "kommune.xlsx").read_bytes())
    mine.session_state[state.SOURCE] = "upload"
    mine.run()
    theirs.run()
    assert mine.session_state[state.BOOK].name == "min.xlsx"
    assert theirs.session_state[state.BOOK].name == "kommune.xlsx"
