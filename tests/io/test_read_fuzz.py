"""The workbook fuzzer: a valid book, damaged in one to three ways, always reads to problems or an instance.

Never an exception, never a hang, never the reader's own crash passed off as a refused book: a bug in the
reader comes back as `internal_error`, which the judge (tests/helpers/badbooks.py) calls broken, and a book
openpyxl wrote well-formed must be refused with a precise problem, not "unreadable". Every example is
bounded by hypothesis' deadline (the profile's, see tests/conftest.py) and by `SECONDS` for the read itself.
`make fuzz` runs the heavy profile.
"""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

import pytest
from badbooks import BROKEN, NOT_WRITTEN, REFUSED, Mutation, base_book, mutations, trial
from hypothesis import HealthCheck, event, given, reject, settings

from optimiser.io import read, read_book

SECONDS = 60.0  # a generous bound on one read; the default profile's examples take well under a second
BLANKET = {"unreadable", "not_xlsx"}  # "this is not a workbook we can read": only for a damaged file


def test_the_base_book_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "base.xlsx"
    path.write_bytes(base_book())
    result = read_book(path)
    assert result.problems == []
    assert result.instance is not None


def test_a_bug_in_the_reader_is_an_internal_error_and_the_fuzzer_calls_it_broken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def bug(*_: object) -> None:
        raise KeyError("Teams")

    monkeypatch.setattr(read._Reader, "_references", bug)
    path = tmp_path / "base.xlsx"
    path.write_bytes(base_book())
    result = read_book(path)
    assert result.instance is None
    assert [(p.code, p.args) for p in result.problems] == [("internal_error", {"detail": "KeyError"})]
    judged = trial([], tmp_path)
    assert judged.outcome == BROKEN and judged.why == "the reader crashed (KeyError), which is not a refusal"


def test_a_cut_file_is_refused_as_unreadable_not_as_a_crash(tmp_path: Path) -> None:
    data = base_book()
    judged = trial([Mutation("damaged file", "cut at 0.5", file=lambda d: d[: len(d) // 2])], tmp_path, data)
    assert judged.outcome == REFUSED and judged.codes == ("not_xlsx",)


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(mutations())
def test_a_damaged_book_reads_to_problems_or_an_instance(damage: list[Mutation]) -> None:
    with TemporaryDirectory() as folder:
        result = trial(damage, Path(folder))
    if result.outcome == NOT_WRITTEN:
        reject()
    for kind in result.kinds:
        event(kind)
    event(result.outcome)
    assert result.outcome != BROKEN, result.why
    assert result.seconds < SECONDS
    if all(m.file is None for m in damage):  # openpyxl wrote it: a well-formed book, whatever its content
        assert not BLANKET & set(result.codes), (result.codes, [m.detail for m in damage])
