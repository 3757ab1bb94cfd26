"""`make reliability`: a fixed campaign of bad inputs, degenerate data, faults and load, written to
docs/reliability.md. Anyone can run it; every figure in that file comes from one run.

    PYTHONPATH=tests/helpers:. .venv/bin/python tests/reliability/report.py --out docs/reliability.md
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import tempfile
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

from appload import app_load
from badbooks import BROKEN, NOT_WRITTEN, Trial, judge, mutations, trial
from hypothesis import HealthCheck, given, settings
from instances import DEGENERATE, town
from storewriter import kill_mid_solve, record, solve_at_once

from app.web import runner
from optimiser.check import verify
from optimiser.explain import render
from optimiser.io import load_instance, read_book
from optimiser.results import SolveResult
from optimiser.settings import SolverSettings
from optimiser.solve import solve
from scenarios import service
from scenarios.store import RunStore

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "sample" / "kommune.xlsx"
CORPUS = ROOT / "tests" / "data" / "bad"


def corpus() -> list[str]:
    rows = []
    for path in sorted(p for p in CORPUS.iterdir() if p.suffix in (".xlsx", ".xlsm", ".xls")):
        try:
            result = read_book(path)
            why = judge(result)
            codes = sorted({p.code for p in result.errors})
            outcome = "read" if result.instance is not None else "refused: " + ", ".join(codes)
            message = f"**{why}**" if why else "clear message" if result.problems else "no problems"
            rows.append(f"| `{path.name}` | {outcome} | {message} |")
        except Exception as err:  # a broken promise: counted, not hidden
            rows.append(f"| `{path.name}` | **exception {type(err).__name__}** | **broken** |")
    return rows


def fuzz(examples: int) -> tuple[Counter[str], dict[str, Counter[str]], float]:
    """A derandomised hypothesis campaign: the same damaged books on every run."""
    trials: list[Trial] = []

    @settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(mutations())
    def campaign(damage: list) -> None:  # type: ignore[type-arg]
        with tempfile.TemporaryDirectory() as folder:
            trials.append(trial(damage, Path(folder)))

    campaign()
    outcomes = Counter(t.outcome for t in trials if t.outcome != NOT_WRITTEN)
    per_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for t in trials:
        if t.outcome != NOT_WRITTEN:
            for kind in t.kinds:
                per_kind[kind][t.outcome] += 1
    slowest = max((t.seconds for t in trials), default=0.0)
    return outcomes, per_kind, slowest


def degenerate() -> list[str]:
    rows = []
    for name, make in DEGENERATE.items():
        instance = make()
        result = solve(instance)
        if result.kpis is None:
            rows.append(f"| {name} | {result.status}: {render(result.explanation)[1].lstrip('• ')} |")
        else:
            ok = "passes the checker" if verify(instance, result) == [] else "**checker fails**"
            rows.append(f"| {name} | {result.status}, {ok} |")
    return rows


def faults(folder: Path) -> list[str]:
    rows = []
    instance = load_instance(SAMPLE)
    params = instance.parameters.model_copy(update={"area_boundary": False})
    result = solve(instance, params, settings=SolverSettings(time_limit_s=4.0))
    checked = result.kpis is not None and verify(instance, result, params) == []
    rows.append(
        f"| time limit of 4 s on the sample with free movement between areas | status `{result.status}`, "
        f"gap {result.gap or 0:.1%}, a plan that passes the checker: {checked} |"
    )
    killed = kill_mid_solve(folder, SAMPLE)
    runs = len(killed.book_names)
    rows.append(
        f"| a solve killed (SIGKILL) after 6 s | runs before: 1, after: {runs}; SQLite integrity check: "
        f"{killed.integrity} |"
    )
    crash = service.prepare(service.RunInputs(service.generated("crash", town())))
    job = runner.start(runner.SolveRequest("crash", crash))
    job.process.kill()
    while runner.poll(job).status == "running":
        time.sleep(0.2)
    rows.append(
        f"| the app's solver process killed | the job reports `{job.status}` (exit code {job.exitcode}); "
        "the app goes on |"
    )
    return rows


def load(folder: Path) -> list[str]:
    store_file = folder / "load.sqlite"
    outs = [folder / f"r{n}.json" for n in range(8)]
    start = time.perf_counter()
    codes = solve_at_once(SAMPLE, outs, store_file)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    instance = load_instance(SAMPLE)
    checked = sum(verify(instance, SolveResult.load(o)) == [] for o in outs)
    store = RunStore(str(store_file))
    stored = len(store.list_runs())
    first = SolveResult.load(outs[0])
    for _ in range(200):
        store.add(record(first, "many"))
    total = len(store.list_runs())
    store.close()
    return [
        f"| 8 solves of the sample at once, separate processes | exit codes {sorted(set(codes))}; {checked} of 8 "
        f"pass the checker; {seconds:.1f} s in all; largest child {peak:.0f} MiB |",
        f"| their runs in one SQLite store | {stored} of 8 stored |",
        f"| 200 more runs | {total} runs in the store (8 + 200) |",
    ]


def app_under_load(folder: Path) -> list[str]:
    load = app_load(folder)
    return [
        f"| {load.solving} browser sessions (chromium) each solving the sample, {load.idle} more on the Optimér page "
        f"| {load.stored} of {load.solving} runs stored; {load.finished} of {load.solving} pages show their "
        f"finished plan with Start enabled again, each its own run (nos. {', '.join(load.run_numbers)}); "
        f"{load.solve_seconds:.1f} s from the first click to the last plan |",
        f"| the server with all {load.solving + load.idle} sessions open, nothing running (20 s, its CPU time) "
        f"| {load.idle_cpu_before:.1%} of a core before the solves, {load.idle_cpu_after:.1%} after; "
        f"{load.server_rss_mib:.0f} MiB resident |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "reliability.md")
    parser.add_argument("--examples", type=int, default=300, help="fuzzed books")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        outcomes, per_kind, slowest = fuzz(args.examples)
        lines = [
            "# Reliability",
            "",
            "Produced by `make reliability` (`tests/reliability/report.py`) on "
            f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
            f"{os.cpu_count()} cores, Python {platform.python_version()}. The same checks run as tests: in `make test` "
            "(`tests/io/test_read_fuzz.py`, `tests/io/test_corpus.py`, `tests/reliability/test_degenerate.py`, "
            "`tests/web/test_pages.py`) and, for the load and fault tests that start solver processes, in "
            "`make test-slow` (run first by `make reliability`, and by CI); `make fuzz` runs the fuzzer's heavy "
            "profile (2,000 examples, 100,000-row sheets).",
            "",
            "## Bad workbooks: the hand-made corpus (`tests/data/bad/`)",
            "",
            "| file | outcome | message |",
            "|---|---|---|",
            *corpus(),
            "",
            f"## Bad workbooks: {sum(outcomes.values())} fuzzed books (derandomised, so every run tries the same)",
            "",
            "A valid book damaged in one to three ways. *refused*: clear messages (sheet, row, column, what, how to "
            "fix) and no plan; *valid*: the damage did not matter (e.g. unicode in a name); *broken*: an exception "
            f"or a message missing — must be 0. Slowest read: {slowest:.2f} s.",
            "",
            "| kind of damage | refused | valid | broken |",
            "|---|---|---|---|",
            *(f"| {kind} | {c['refused']} | {c['valid']} | {c[BROKEN]} |" for kind, c in sorted(per_kind.items())),
            f"| **all** | {outcomes['refused']} | {outcomes['valid']} | {outcomes[BROKEN]} |",
            "",
            "Limits, checked before the book is opened: 20 MB per file, 200 MB unpacked, a compression ratio of 100 "
            "per part (zip bombs), 100,000 rows per sheet, 5 million cells; macro-enabled, encrypted, binary (.xlsb), "
            "strict Open XML and old .xls files and DTDs refused (`optimiser/io/limits.py`). Streamed from the XML "
            "parts before openpyxl builds them (`optimiser/io/package.py`): 64,000 cell formats, 10,000 fonts, fills, "
            "borders and number formats, 64,000 conditional formats, 1 million shared strings and 50 million "
            "characters, 100,000 comments, 10,000 defined names. NaN, infinities and implausible numbers are refused "
            "per cell; every limit and range is in docs/template.md.",
            "",
            "Memory bombs, `bydelsteam validate` measured with `/usr/bin/time -v` (not in the tests; the two runs "
            "before the change ran side by side on 2 cores): a 9.4 MB book whose styles.xml holds 1.8 million cell "
            "formats (151 MB unpacked) took 100.6 s and 3.8 GB peak RSS and was accepted; now it is refused in 1.3 s "
            "at 198 MB. An 18 MB book with 7 million shared strings took 118 s and 1.3 GB, accepted; now refused in "
            "7.7 s at 197 MB. 198 MB is the command's floor (a four-row book peaks at the same): the parts are "
            "streamed, never held.",
            "",
            "## Degenerate but valid data",
            "",
            "| case | outcome |",
            "|---|---|",
            *degenerate(),
            "",
            "## Faults injected",
            "",
            "| fault | result |",
            "|---|---|",
            *faults(Path(folder)),
            "",
            "## Load",
            "",
            "| load | result |",
            "|---|---|",
            *load(Path(folder)),
            "",
            "## The web app under load (`tests/reliability/test_app_load.py`)",
            "",
            "The Optimér page refreshes its progress only while a solve runs; before that change each open page "
            "cost about a third of a core and four idle sessions held the server at 100 %.",
            "",
            "| load | result |",
            "|---|---|",
            *app_under_load(Path(folder)),
            "",
        ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
