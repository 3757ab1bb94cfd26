"""Terminal-safe text and plain tables; numbers pass on to Babel."""

from __future__ import annotations

from optimiser import fmt


def test_printable_escapes_what_a_terminal_would_act_on() -> None:
    assert fmt.printable("ok\x1b[31mred") == "ok\\x1b[31mred"
    assert fmt.printable("a\nb") == "a\\x0ab"
    assert fmt.printable("a\nb", multiline=True) == "a\nb"
    assert fmt.unsafe_character("x\u202ey") == "\u202e"
    assert fmt.unsafe_character("Ærø") is None


def test_table_aligns_numbers_right() -> None:
    assert fmt.table(["Team", "Årsværk"], [["Nord", "1,5"], ["Syd", "12,25"]], right={1}) == (
        "Team  Årsværk\n----  -------\nNord      1,5\nSyd     12,25"
    )


def test_numbers_are_babels() -> None:
    assert (fmt.number(1234.5), fmt.percent(0.93), fmt.percent(0.931, 1)) == ("1.234,5", "93 %", "93,1 %")
