"""`make bench`: the engine against its peers and the spreadsheet, written to docs/benchmarks.md.

    .venv/bin/python -m benchmarks.run --out docs/benchmarks.md [--repeats 3] [--scales 1 4 10] [--quick]

Every solve runs in a fresh child process (spawned), so its peak resident memory is its own and no run warms
the next. Figures are medians over `--repeats` runs; ratios are peer seconds / ours from the same run.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from benchmarks.common import PeerRun, mismatches, solver_optima
from benchmarks.highs_peer import solve_highs
from benchmarks.naive import solve_naive
from benchmarks.phase import phase_section
from benchmarks.status_quo import score, spreadsheet, today
from optimiser.domain import Instance
from optimiser.model.objectives import UNIT
from optimiser.sample import generate
from scenarios import service
from scenarios.engine import solve_applied

SEED = 2025
NOTES = [
    "- **Why bydelsteam is fast**: staff with the same profession, FTE, area, lock and cost are one group with an "
    "integer count per team (interchangeable staff), and with the area boundary on the problem splits into "
    "independent parts, one per area and profession, solved side by side; the naive peer shows what that buys.",
    "- **Re-solve after one edit**: an edit to one institution changes the fair-share demand of every team (the "
    "need model shares each profession's FTE over the whole municipality), so every part is solved again; the "
    "warm start gives each part the previous plan as a hint, which saves the search for a first plan but not the "
    "optimality proofs. That is why a re-solve costs about as much as a first solve.",
    "- **Equity is leximin**: the equity stage levels every team × profession, worst first, in rounds of small "
    "solves per part (two per level at most); its seconds are wall time over all parts. HiGHS holds only the "
    "largest shortfall (no rounds, no `min_gain`), so only its equity optimum is comparable and its later stages "
    "solve a looser problem; the naive peer runs the engine's own stages on one boolean per person.",
    "- **Free movement between areas**: the parts become whole professions across the city. With exact equity "
    "levels every stage is proven; the people moved are those the levels need (each move must also buy "
    "`min_gain` of total shortfall, 0.1 FTE by default).",
    "- **Budget**: a budget couples every area and profession into one model, whose rounds of equity take most "
    "of the time limit; the result reports which levels are proven.",
    "- **Time limit**: every solve of a part gets what is left of its stage's window divided by the rounds of "
    "parts still to finish; building and reporting are kept inside the limit; once a window is spent the rounds "
    "of equity stop and later stages keep the plan. Each part still needs one solve for a plan, so at the "
    "largest scale a very short limit is overrun by that floor (the short-limit row).",
    "- Peers' seconds exclude process start-up; HiGHS runs in a child process because OR-Tools and highspy cannot "
    "share one (`benchmarks/mip.py`).",
]
TIME_LIMIT_S = 60.0


def _instance(scale: int, boundary: bool) -> Instance:
    instance = generate(scale, SEED)
    params = instance.parameters.model_copy(update={"area_boundary": boundary})
    settings = instance.solver.updated({"time_limit_s": TIME_LIMIT_S})
    return instance.model_copy(update={"parameters": params, "solver": settings})


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _edited(instance: Instance) -> Instance:
    """One what-if edit: the largest school gets 10 % more children (a planner corrects a figure)."""
    largest = max((i for i in instance.institutions if i.type.value == "skole"), key=lambda i: i.children)
    changed = largest.model_copy(update={"children": round(largest.children * 1.1)})
    institutions = tuple(changed if i.id == largest.id else i for i in instance.institutions)
    return instance.model_copy(update={"institutions": institutions})


def ours(scale: int, boundary: bool, **update: Any) -> dict[str, Any]:
    """One solve of bydelsteam, then a warm re-solve after one edit; in a child process. `update` changes
    parameters (a budget, a short time limit); then there is no re-solve. Through the run service's steps, as
    every run; only the solve is timed (preparing the generated book is not what is measured)."""
    instance = _instance(scale, boundary)
    applied = service.prepare(service.RunInputs(service.generated(f"×{scale}", instance), overrides=update))
    instance = applied.instance.model_copy(update={"parameters": applied.params, "solver": applied.settings})
    edited = service.prepare(service.RunInputs(service.generated(f"×{scale}, edited", _edited(instance))))
    t0 = time.perf_counter()
    result = solve_applied(applied)
    seconds = time.perf_counter() - t0
    t1 = time.perf_counter()
    if not update:
        solve_applied(edited, warm_start=result)
    return {
        "seconds": seconds,
        "resolve": time.perf_counter() - t1,
        "moved": result.kpis.staff_moved if result.kpis else None,
        "limit": instance.solver.time_limit_s,
        "stages": [(s.name, s.status, s.seconds) for s in result.stages],
        "optima": solver_optima(result),
        "gap": result.gap,
        "status": result.status,
        "kpis": result.kpis.model_dump() if result.kpis else None,
        "rss": _rss_mib(),
    }


def naive(scale: int, boundary: bool) -> dict[str, Any]:
    return _peer(solve_naive(_instance(scale, boundary)), _rss_mib())


def highs(scale: int, boundary: bool) -> dict[str, Any]:
    run, rss_kib = solve_highs(_instance(scale, boundary))
    return _peer(run, max(rss_kib / 1024, _rss_mib()))


def _peer(run: PeerRun, rss: float) -> dict[str, Any]:
    return {
        "seconds": run.total_seconds,
        "stages": [(s.name, s.status, s.seconds) for s in run.stages],
        "optima": run.optima(),
        "gap": max((s.gap for s in run.stages if s.gap is not None), default=None),
        "status": min((s.status for s in run.stages), key=["error", "infeasible", "timeout", "optimal"].index),
        "rss": rss,
        "solver": run.solver,
    }


def _in_child(task: Callable[..., dict[str, Any]], scale: int, boundary: bool, **update: Any) -> dict[str, Any]:
    with ProcessPoolExecutor(1, mp_context=get_context("spawn"), max_tasks_per_child=1) as pool:
        return pool.submit(task, scale, boundary, **update).result()


@dataclass
class Row:
    """Repeated runs of one solver on one instance."""

    solver: str
    scale: int
    boundary: bool
    runs: list[dict[str, Any]] = field(default_factory=list)

    def median(self, key: str) -> float:
        return float(statistics.median(r[key] for r in self.runs))

    def stage_medians(self) -> dict[str, float]:
        names = [name for name, _, _ in max((r["stages"] for r in self.runs), key=len)]
        return {
            n: statistics.median(dict((a, c) for a, _, c in r["stages"]).get(n, 0.0) for r in self.runs) for n in names
        }

    def statuses(self) -> str:
        return ", ".join(f"{n} {s}" for n, s, _ in self.runs[-1]["stages"])

    def gap(self) -> float | None:
        gaps = [r["gap"] for r in self.runs if r["gap"] is not None]
        return max(gaps) if gaps else None


def measure(solver: str, scale: int, boundary: bool, repeats: int, **update: Any) -> Row:
    task = {"bydelsteam": ours, "HiGHS": highs, "naive CP-SAT": naive}[solver]
    row = Row(solver, scale, boundary)
    for _ in range(repeats):
        row.runs.append(_in_child(task, scale, boundary, **update))
        print(
            f"  {solver} ×{scale} boundary={'on' if boundary else 'off'}: {row.runs[-1]['seconds']:.2f} s", flush=True
        )
    return row


def _machine() -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor() or "unknown",
    )
    mem = next(
        line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    return [
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- Machine: {os.cpu_count()} cores ({cpu}), {int(mem) / 1024**2:.0f} GiB RAM, {platform.platform()}",
        f"- Python {platform.python_version()}, OR-Tools {version('ortools')}, highspy {version('highspy')}",
    ]


def _fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _agree(a: Row, b: Row) -> str:
    """Do the stage optima agree where both runs proved the stage optimal?"""
    proven = {n for n, s, _ in a.runs[-1]["stages"] if s == "optimal"} & {
        n for n, s, _ in b.runs[-1]["stages"] if s == "optimal"
    }
    if b.solver == "HiGHS":
        proven &= {"equity"}  # after equity HiGHS solves the looser, non-leximin problem (see the notes)
    expected = {n: v for n, v in a.runs[-1]["optima"].items() if n in proven}
    found = {n: v for n, v in b.runs[-1]["optima"].items() if n in proven}
    wrong = mismatches(expected, found)
    return (
        ("yes (" + ", ".join(sorted(proven)) + ")" if proven else "nothing proven by both")
        if not wrong
        else "NO: " + "; ".join(wrong)
    )


def _business(row: Row, name: str) -> str:
    value = row.runs[-1]["optima"].get(name)
    if value is None:
        return "–"
    scaled = value / UNIT[name]
    return f"{scaled:.2%}" if name == "equity" else f"{scaled:.2f}" if name == "shortfall" else f"{scaled:.0f}"


def _verdicts(ours_rows: list[Row], peers: list[Row], cases: dict[str, Row]) -> list[str]:
    """The issue's targets, each with the figure measured in this run and whether it is met."""
    by_scale = {r.scale: r for r in ours_rows}
    rows: list[tuple[str, str, bool]] = []
    if 1 in by_scale:
        r = by_scale[1]
        proven = all(s == "optimal" for r_ in r.runs for _, s, _ in r_["stages"])
        rows.append(
            (
                "×1: all stages proven optimal in ≤ 5 s (median)",
                f"{r.median('seconds'):.2f} s, proven: {proven}",
                proven and r.median("seconds") <= 5,
            )
        )
        rows.append(
            ("×1: re-solve after one what-if edit ≤ 1 s", f"{r.median('resolve'):.2f} s", r.median("resolve") <= 1)
        )
    if 10 in by_scale:
        r = by_scale[10]
        gap = r.gap() or 0.0
        rows.append(
            (
                "×10: ≤ 60 s with gap ≤ 1 %",
                f"{r.median('seconds'):.2f} s, gap {gap:.2%}",
                r.median("seconds") <= 60 and gap <= 0.01,
            )
        )
        rows.append(("×10: peak memory ≤ 2 GiB", f"{r.median('rss'):.0f} MiB", r.median("rss") <= 2048))
    for p in peers:
        mine = by_scale.get(p.scale)
        if mine is not None:
            ratio = p.median("seconds") / mine.median("seconds")
            rows.append((f"×{p.scale}: faster than {p.solver}", f"{ratio:.1f}× faster", ratio > 1))
    off = cases.get("off")
    if off is not None:
        moved, seconds = off.runs[-1]["moved"], off.median("seconds")
        equity = off.runs[-1]["stages"][0][1] == "optimal"
        rows.append(
            (
                "boundary off ×1: optimal equity, ≤ 150 people moved, ≤ 60 s",
                f"equity {'proven' if equity else 'not proven'}, {moved} moved, {seconds:.1f} s",
                equity and moved is not None and moved <= 150 and seconds <= 60,
            )
        )
    short = cases.get("short")
    if short is not None:
        limit, seconds = short.runs[-1]["limit"], short.median("seconds")
        rows.append(
            (
                f"×{short.scale}, {limit:.0f} s limit: wall clock within max(2 s, 10 %)",
                f"{seconds:.2f} s",
                seconds <= limit + max(2.0, 0.1 * limit),
            )
        )
    lines = ["", "## Targets", "", "| target | measured | met |", "|---|---|---|"]
    lines += [f"| {t} | {m} | {'yes' if ok else '**no**'} |" for t, m, ok in rows]
    return lines


def report(
    ours_rows: list[Row],
    peers: list[Row],
    off: list[Row],
    cases: dict[str, Row],
    status_quo: list[str],
    args: argparse.Namespace,
    load: tuple[float, float],
) -> str:
    lines = [
        "# Benchmarks",
        "",
        "Produced by `make bench` (`benchmarks/run.py`); every figure below is from one run of it.",
        "",
    ]
    lines += _machine()
    lines += [
        f"- Instances: the sample generator (`optimiser.sample.generate(scale, {SEED})`), "
        f"×{', ×'.join(map(str, args.scales))}; default parameters (area boundary on) and a time limit of "
        f"{TIME_LIMIT_S:.0f} s per solve",
        f"- Medians over {args.repeats} runs, each in a fresh spawned process (peak RSS is that process's own)",
        f"- Load average (1 min) before the run {load[0]:.2f}, after {load[1]:.2f} on {os.cpu_count()} cores "
        "(the run's own solves raise the second)"
        + (
            " — the machine was loaded before the run; seconds are high"
            if load[0] > 0.5 * (os.cpu_count() or 1)
            else ""
        ),
    ]
    lines += _verdicts(ours_rows, peers, cases)
    lines += [
        "",
        "## bydelsteam",
        "",
        "| scale | staff | total s | "
        + " | ".join(f"{n} s" for n in ours_rows[0].stage_medians())
        + " | stages | gap | people moved | re-solve after one edit s | peak RSS MiB |",
        "|---|---|---|" + "---|" * len(ours_rows[0].stage_medians()) + "---|---|---|---|---|",
    ]
    for r in ours_rows:
        staff = 800 * r.scale
        stages = " | ".join(_fmt(v) for v in r.stage_medians().values())
        lines.append(
            f"| ×{r.scale} | ≈{staff} | {_fmt(r.median('seconds'))} | {stages} | {r.statuses()} | {_fmt(r.gap(), 4)} | "
            f"{r.runs[-1]['moved']} | {_fmt(r.median('resolve'))} | {r.median('rss'):.0f} |"
        )
    lines += [
        "",
        "Stage columns are wall seconds (parts run side by side). The re-solve gives the largest school 10 % more "
        "children and solves again, warm-started from the first plan.",
        "",
        "## Peers, same run",
        "",
        "HiGHS solves the same model (each part's CP-SAT model converted to a MIP, `benchmarks/highs_peer.py`); "
        "the naive peer is the same rules and stages with one boolean per person and no decomposition "
        "(`benchmarks/naive.py`).",
        "",
        "| scale | solver | total s | ratio to bydelsteam | stages | gap | optima agree | peak RSS MiB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    by_scale = {r.scale: r for r in ours_rows}
    for p in peers:
        mine = by_scale[p.scale]
        ratio = p.median("seconds") / mine.median("seconds")
        lines.append(
            f"| ×{p.scale} | {p.solver} | {_fmt(p.median('seconds'))} | {ratio:.1f}× | {p.statuses()} | "
            f"{_fmt(p.gap(), 4)} | {_agree(mine, p)} | {p.median('rss'):.0f} |"
        )
    lines += [
        "",
        "## Against the status quo",
        "",
        "| scale | plan | largest relative shortfall | total shortfall FTE | staff moved |",
        "|---|---|---|---|---|",
    ]
    lines += status_quo
    if off:
        lines += [
            "",
            "## Free movement between areas (area boundary off), ×1",
            "",
            "Without the boundary the parts are whole professions across the city. People moved is the plan's count "
            "(HiGHS's later stages solve the looser, non-leximin problem).",
            "",
            "| solver | total s | stages | largest shortfall | total shortfall FTE | people moved |",
            "|---|---|---|---|---|---|",
        ]
        for r in off:
            lines.append(
                f"| {r.solver} | {_fmt(r.median('seconds'))} | {r.statuses()} | {_business(r, 'equity')} | "
                f"{_business(r, 'shortfall')} | {r.runs[-1].get('moved', _business(r, 'moves'))} |"
            )
    if "budget" in cases or "short" in cases:
        lines += [
            "",
            "## Coupled and time-limited cases, ×1 unless stated",
            "",
            "| case | total s | stages (wall s) | gap | largest shortfall | people moved |",
            "|---|---|---|---|---|---|",
        ]
        for label, key in (("budget 6.4 mio. kr. for new posts", "budget"), ("short time limit", "short")):
            case = cases.get(key)
            if case is None:
                continue
            stages = ", ".join(f"{n} {st} {sec:.1f}" for n, st, sec in case.runs[-1]["stages"])
            kpis = case.runs[-1]["kpis"] or {}
            lines.append(
                f"| {label} (×{case.scale}, limit {case.runs[-1]['limit']:.0f} s) | {_fmt(case.median('seconds'))} | "
                f"{stages} | {_fmt(case.gap(), 4)} | {kpis.get('max_relative_shortfall', 0):.2%} | "
                f"{case.runs[-1]['moved']} |"
            )
    lines += ["", "## Notes", "", *NOTES]
    return "\n".join(lines) + "\n"


def _status_quo_rows(scale: int, mine: Row) -> list[str]:
    instance = _instance(scale, True)
    rows = []
    for name, plan in (("today (nobody moves)", today(instance)), ("spreadsheet share-out", spreadsheet(instance))):
        k = score(instance, plan)
        rows.append(
            f"| ×{scale} | {name} | {k.max_relative_shortfall:.1%} | {k.total_shortfall_fte:.2f} | {k.staff_moved} |"
        )
    k = mine.runs[-1]["kpis"]
    shortfall, total, moved = k["max_relative_shortfall"], k["total_shortfall_fte"], k["staff_moved"]
    rows.append(f"| ×{scale} | bydelsteam | {shortfall:.1%} | {total:.2f} | {moved} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/benchmarks.md"))
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 4, 10, 20])
    parser.add_argument("--peer-scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--no-boundary-off", action="store_true", help="skip the free-movement variant")
    parser.add_argument("--quick", action="store_true", help="×1 only, one repeat, no free-movement variant")
    args = parser.parse_args()
    if args.quick:
        args.scales, args.peer_scales, args.repeats, args.no_boundary_off = [1], [1], 1, True
    load_before = os.getloadavg()[0]
    ours_rows = [measure("bydelsteam", s, True, args.repeats) for s in args.scales]
    peers = [
        measure(p, s, True, args.repeats if s == 1 else 1) for s in args.peer_scales for p in ("HiGHS", "naive CP-SAT")
    ]
    off = [] if args.no_boundary_off else [measure(p, 1, False, 1) for p in ("bydelsteam", "HiGHS", "naive CP-SAT")]
    cases = {"off": off[0]} if off else {}
    if not args.quick:
        cases["budget"] = measure("bydelsteam", 1, True, 1, budget_dkk=6_400_000)
        cases["short"] = measure("bydelsteam", max(args.scales), True, 1, time_limit_s=5.0)
    status_quo = [line for r in ours_rows for line in _status_quo_rows(r.scale, r)]
    load = (load_before, os.getloadavg()[0])
    text = report(ours_rows, peers, off, cases, status_quo, args, load)
    text += "\n".join(phase_section(TIME_LIMIT_S)) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
