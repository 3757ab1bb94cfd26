"""The command line's dispatch: the command named on the line is the only one configured (and imported; in a
fresh process tests/benchmarks/test_startup.py checks it), bad usage is argparse's exit 2, and a machine that
runs out of memory is told in words, not a traceback."""

from __future__ import annotations

import argparse

import pytest

from app.cli import validate
from app.cli.main import COMMANDS, _wanted, build_parser, main


@pytest.mark.parametrize(
    ("argv", "wanted"),
    [
        (["validate", "--lang", "en", "bog.xlsx"], "validate"),
        (["--help"], ""),
        ([], ""),
        (["runs", "list"], "runs"),
    ],
)
def test_the_wanted_command_is_the_first_word_that_is_no_option(argv: list[str], wanted: str) -> None:
    assert _wanted(argv) == wanted


def configured(parser: argparse.ArgumentParser) -> set[str]:
    """The sub-commands whose module set their `func`."""
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {name for name, p in sub.choices.items() if p.get_default("func") is not None}


def test_only_the_wanted_command_is_configured_and_all_are_listed() -> None:
    assert configured(build_parser("template")) == {"template"}
    assert configured(build_parser("")) == set()
    assert configured(build_parser(None)) == set(COMMANDS)


def test_help_lists_every_command_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert all(name in out for name in COMMANDS)


def test_an_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["optimer"])
    assert stop.value.code == 2
    assert "invalid choice: 'optimer'" in capsys.readouterr().err


def test_running_out_of_memory_is_said_in_both_languages(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def exhausted(args: argparse.Namespace) -> int:
        raise MemoryError

    monkeypatch.setattr(validate, "run", exhausted)  # `configure` sets the module's `run` as the command
    assert main(["validate", "bog.xlsx"]) == 2
    assert capsys.readouterr().out == (
        "Der var ikke hukommelse nok til opgaven. / The machine ran out of memory for this task.\n"
    )
