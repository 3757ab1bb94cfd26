"""The one message layer: words through Babel's gettext catalogues, numbers through Babel's number formats.

Source texts (msgids) are English and written where they belong (a rule module holds its own words); each is
marked with `N_` so `pybabel extract` finds it. The Danish words live in `optimiser/locale/da/LC_MESSAGES/
bydelsteam.po`, read at run time (no compiled .mo file to go stale). `text(msgid, lang, **args)` turns a
msgid into the reader's words; a msgid with no Danish entry is shown in English, and a test lists those.
Numbers: `number`, `percent`, `dkk`, `mio_dkk` in the reader's locale (da_DK: 1.234,5 · 25,0 % · 6,4 mio. kr.).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, get_currency_symbol

from optimiser.problems import Lang

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "bydelsteam"
LOCALES: dict[Lang, str] = {"da": "da_DK", "en": "en_GB"}


def N_(msgid: str) -> str:
    """Marks a source text for the catalogue; translated only when shown (`text`)."""
    return msgid


@cache
def catalogue(lang: Lang) -> Catalog | None:
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=LOCALES[lang])


def text(msgid: str, lang: Lang, **args: object) -> str:
    """`msgid` in the reader's language, with `{name}` fields filled from `args`."""
    found = catalogue(lang)
    message = found.get(msgid) if found is not None else None
    words = message.string if message is not None and isinstance(message.string, str) and message.string else msgid
    return words.format(**args) if args else words


def number(value: float, decimals: int = 1, lang: Lang = "da") -> str:
    """1234.5 → "1.234,5" (da) / "1,234.5" (en), always `decimals` places."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=LOCALES[lang])


def percent(value: float | None, decimals: int = 1, lang: Lang = "da") -> str:
    """A share (0.25) as "25,0 %" (da) / "25.0%" (en); a dash where there is nothing to show."""
    if value is None:
        return "–"
    shown = number(100 * value, decimals, lang)
    return f"{shown} %" if lang == "da" else f"{shown}%"


def currency(lang: Lang = "da") -> str:
    """The krone's symbol in the reader's locale (Babel): "kr." (da) / "DKK" (en)."""
    return get_currency_symbol("DKK", LOCALES[lang])


def dkk(value: float, lang: Lang = "da") -> str:
    """Whole kroner: "6.400.000 kr." (da) / "DKK 6,400,000" (en)."""
    shown = number(value, 0, lang)
    return f"{shown} {currency(lang)}" if lang == "da" else f"{currency(lang)} {shown}"


def mio_dkk(value: float, decimals: int = 1, lang: Lang = "da") -> str:
    """Millions of kroner: "6,4 mio. kr." (da) / "DKK 6.4m" (en)."""
    shown = number(value / 1e6, decimals, lang)
    return f"{shown} mio. {currency(lang)}" if lang == "da" else f"{currency(lang)} {shown}m"


def day(value: date, lang: Lang = "da") -> str:
    """A date as every export writes it (Babel's long form): "1. december 2026" (da) / "1 December 2026" (en)."""
    return format_date(value, format="long", locale=LOCALES[lang])
