"""The workbook fuzzer: a valid book, damaged in one to three ways, always reads to problems or an instance.

Never an exception, never a hang: every example is bounded by hypothesis' deadline (the profile's, see
tests/conftest.py) and by `SECONDS` for the read itself. `make fuzz` runs the heavy profile.
"""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from badbooks import BROKEN, NOT_WRITTEN, Mutation, base_book, mutations, trial
from hypothesis import HealthCheck, event, given, reject, settings

from optimiser.io import read_book

SECONDS = 60.0  # a generous bound on one read; the default profile's examples take well under a second


def test_the_base_book_is_valid(tmp_path: Path) -> None:
    path = tmp_path / "base.xlsx"
    path.write_bytes(base_book())
    result = read_book(path)
    assert result.problems == []
    assert result.instance is not None


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
