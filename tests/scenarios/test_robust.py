"""The robustness sweep on a small book (tests/helpers/robustcase.py): the figures, the report's independence
of the executor, failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from executortasks import KillOnSample
from robustcase import small

from optimiser.robust import FIXED, REOPTIMISED, SweepSettings, Uncertainty, Vary, draw, quantile
from scenarios import robust
from scenarios.executor import run_all
from scenarios.schema import parse_scenario
from scenarios.service import Book

BOOK = Book("small.xlsx", b"", small())
SCENARIOS = [
    parse_scenario("name: fri\ntitle: Fri\n", "fri.yaml"),
    parse_scenario("name: ingen\ntitle: Ingen flytninger\npolicy:\n  max_moves: 0\n", "ingen.yaml"),
]
SETTINGS = SweepSettings(samples=20, seed=7)


def test_quantile_interpolates_between_order_statistics() -> None:
    assert quantile([3.0, 1.0, 2.0, 4.0], 0.5) == 2.5
    assert quantile([1.0, 2.0, 3.0, 4.0, 5.0], 0.05) == pytest.approx(1.2)
    assert quantile([7.0], 0.95) == 7.0


def test_a_sample_is_the_same_wherever_it_is_drawn_and_keeps_what_is_not_varied() -> None:
    book = small()
    one, again = draw(book, Uncertainty(), 7, 3), draw(book, Uncertainty(), 7, 3)
    assert one.institutions == again.institutions
    assert one.institutions != draw(book, Uncertainty(), 7, 4).institutions
    assert one.need_weights == book.need_weights  # data only: the weights are the book's
    weights = draw(book, Uncertainty(vary=Vary.WEIGHTS, weight_range=0.25), 7, 3)
    assert weights.institutions == book.institutions
    assert 0.6 <= weights.need_weights[0].weight <= 1.0  # 0.8 within ± 25 %
    assert weights.need_weights[0].weight != 0.8


def test_no_spread_gives_the_base_plan_in_every_sample() -> None:
    flat = SweepSettings(samples=3, seed=1, uncertainty=Uncertainty(indicator_cv=0, children_cv=0))
    report = robust.sweep(BOOK, SCENARIOS[:1], flat, workers=1).report
    assert report.samples_done == 3 and report.failures == [] and report.flips == []
    for cell in report.cells:
        for kind in (FIXED, REOPTIMISED):
            assert list(cell.coverage_quantiles[kind].values()) == pytest.approx([cell.base_coverage] * 5)
            assert cell.probability_below[kind] == (1.0 if cell.base_coverage < 0.9 else 0.0)
    # One scenario is always first.
    assert all(r.first == {"fri": 1.0} for r in report.ranking)


def test_twenty_samples_give_the_same_rob_json_on_the_pool_and_on_a_local_ray_cluster(tmp_path: Path) -> None:
    import ray

    pool = robust.sweep(BOOK, SCENARIOS, SETTINGS, workers=2).report
    pool.save(tmp_path / "pool.json")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        on_ray = robust.sweep(BOOK, SCENARIOS, SETTINGS, ray="local").report
    finally:
        ray.shutdown()
    on_ray.save(tmp_path / "ray.json")
    assert (tmp_path / "pool.json").read_bytes() == (tmp_path / "ray.json").read_bytes()
    data = json.loads((tmp_path / "pool.json").read_text("utf-8"))
    assert data["samples_done"] == 20 and data["failures"] == []
    assert {c["district"] for c in data["cells"]} == {"A", "B", "C"}
    cell = data["cells"][0]
    assert set(cell) >= {"district", "profession", "coverage_quantiles", "probability_below"}
    assert set(cell["coverage_quantiles"]["reoptimised"]) == {"p05", "p25", "p50", "p75", "p95"}
    # Every sample ranks someone first: the shares of each KPI add up to one.
    assert all(sum(r["first"].values()) == pytest.approx(1.0) for r in data["ranking"])
    # No moves allowed: the second scenario's re-optimised plans never differ from its base plan.
    assert not [f for f in data["flips"] if f["scenario"] == "ingen"]


def test_a_killed_worker_is_reported_and_the_sweep_completes(monkeypatch: pytest.MonkeyPatch) -> None:
    def killing(tasks: list[object], fn: object, **options: object) -> object:
        return run_all(tasks, KillOnSample(fn, 2) if isinstance(fn, robust.SampleJob) else fn, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(robust, "run_all", killing)
    report = robust.sweep(BOOK, SCENARIOS[:1], SweepSettings(samples=5, seed=1), workers=2).report
    assert report.samples_done == 4
    (failure,) = report.failures
    assert (failure.sample, failure.failure, failure.detail) == (2, "worker_lost", "exit code -9")
    assert all(c.samples[REOPTIMISED] == 4 for c in report.cells)
