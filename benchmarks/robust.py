"""The robustness sweep's benchmark: N samples of the sample ×1 on the local pool, and the scale-out of a sweep
on 1, 2 and 4 local Ray workers as throughput ratios (samples per second against one worker), in one run.

    .venv/bin/python -m benchmarks.robust --out docs/benchmarks-robust.md [--samples 1000] [--scale-out 200]

`make bench` runs it after the engine's benchmark (benchmarks/run.py). Peak memory per worker is each worker's
own peak resident set (getrusage in the worker), read over a few extra samples.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from optimiser.robust import SweepSettings
from optimiser.sample import generate
from scenarios.executor import default_workers, run_all
from scenarios.robust import BaseJob, Plan, SampleJob, sweep
from scenarios.service import NO_SCENARIO, Book

SEED = 2025
TARGET_MIN = 20.0


@dataclass(frozen=True)
class PeakMemory:
    """A sample job that answers with its worker's peak resident memory (MiB) after the sample."""

    job: SampleJob

    def __call__(self, sample: int) -> float:
        self.job(sample)
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _book() -> Book:
    return Book("sample ×1", b"", generate(1, SEED))


def timed_sweep(book: Book, samples: int, ray: str | None = None, workers: int | None = None) -> tuple[float, int, int]:
    """Seconds, samples done and failures of one sweep."""
    start = time.monotonic()
    report = sweep(book, (), SweepSettings(samples=samples, seed=1), ray=ray, workers=workers).report
    return time.monotonic() - start, report.samples_done, len(report.failures)


def peak_memory(book: Book, samples: int = 4) -> float:
    settings = SweepSettings(samples=samples, seed=1)
    base = BaseJob(book.instance, settings)(NO_SCENARIO)
    job = SampleJob(
        book.instance, (NO_SCENARIO,), (Plan({a.staff_id: a.team_id for a in base.assignments}, base),), settings
    )
    peaks = [o.value for o in run_all(list(range(samples)), PeakMemory(job), workers=1) if o.value is not None]
    return max(peaks, default=0.0)


def scale_out(book: Book, samples: int, workers: list[int]) -> list[tuple[int, float, int]]:
    """(workers, seconds, failures) of the same sweep on a fresh local Ray cluster of each size."""
    import ray

    rows = []
    for k in workers:
        ray.init(num_cpus=k, include_dashboard=False, log_to_driver=False)
        try:
            seconds, _, failed = timed_sweep(book, samples, ray="local", workers=k)
        finally:
            ray.shutdown()
        rows.append((k, seconds, failed))
    return rows


def report(
    samples: int,
    pool: tuple[float, int, int],
    memory: float,
    ray_rows: list[tuple[int, float, int]],
    scale_n: int,
    load: tuple[float, float],
) -> str:
    seconds, done, failed = pool
    projected = seconds / 60 * 1000 / samples
    lines = [
        "# Robustness sweep benchmark",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()} with {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average {load[0]:.1f} before, {load[1]:.1f} after (one-minute "
        "load averages: above 2 the sweep shared the cores with other work). Each sample: one solve with 1 "
        "solver thread, deterministic time, warm-started from the base plan (`scenarios/robust.py`).",
        "",
        "## Samples of the sample ×1 on the local process pool",
        "",
        "| samples | workers | minutes | samples / s | done | failed | 1,000 samples at this rate "
        "| peak RSS per worker MiB |",
        "|---|---|---|---|---|---|---|---|",
        f"| {samples} | {default_workers()} | {seconds / 60:.1f} | {done / seconds:.2f} | {done} | {failed} | "
        f"{projected:.1f} min (target ≤ {TARGET_MIN:.0f}: {'met' if projected <= TARGET_MIN else 'not met'}) | "
        f"{memory:.0f} |",
    ]
    if ray_rows:
        one = scale_n / ray_rows[0][1]
        lines += [
            "",
            f"## Scale-out: {scale_n} samples on local Ray workers",
            "",
            "| Ray workers | seconds | samples / s | throughput ratio to 1 worker | failed |",
            "|---|---|---|---|---|",
        ]
        for k, sec, bad in ray_rows:
            lines.append(f"| {k} | {sec:.0f} | {scale_n / sec:.2f} | {scale_n / sec / one:.2f}× | {bad} |")
        lines += [
            "",
            "Samples are independent and each holds one core, so throughput grows with workers until the cores "
            "run out: on this 2-core machine 2 workers are the ceiling and 4 only share the same 2 cores (plus "
            "Ray's own processes). On a cluster the ratio predicts linear scale-out per core, minus the per-sample "
            "overhead measured here (sending the book once per worker, a result back per sample): a 1,000-sample "
            "sweep on 32 cores should take about 1/16 of the 2-core time.",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/benchmarks-robust.md"))
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--scale-out", type=int, default=200, help="samples of the Ray scale-out (0: skip)")
    parser.add_argument("--ray-workers", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args(argv)
    book = _book()
    load_before = os.getloadavg()[0]
    pool = timed_sweep(book, args.samples)
    print(f"pool: {pool}", flush=True)
    memory = peak_memory(book)
    ray_rows: list[tuple[int, float, int]] = scale_out(book, args.scale_out, args.ray_workers) if args.scale_out else []
    print(f"ray: {ray_rows}", flush=True)
    text = report(args.samples, pool, memory, ray_rows, args.scale_out, (load_before, os.getloadavg()[0]))
    args.out.write_text(text, encoding="utf-8")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
