"""The phased example in `make bench`: the 14 teams in two steps on the sample book (`s9_14_bydelsteams_i_trin`).

Wall seconds of the whole path (the one-step plan, every step, and the solves that name a binding limit), and
per step its status (proven optimal, or the gap left at the time limit), moves against the caps and the
largest relative shortfall; then how the last step compares with the one-step plan.
"""

from __future__ import annotations

import time
from pathlib import Path

from optimiser.transition import reach_text
from scenarios.phase import plan_phase
from scenarios.schema import load_scenario
from scenarios.service import load_book

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "data" / "sample" / "kommune.xlsx"
EXAMPLE = ROOT / "scenarios" / "examples" / "s9_14_bydelsteams_i_trin.yaml"


def phase_section(time_limit_s: float) -> list[str]:
    """The benchmark's section on the phased example (markdown lines)."""
    started = time.perf_counter()
    plan = plan_phase(load_book(BOOK), load_scenario(EXAMPLE), overrides={"time_limit_s": time_limit_s}).plan
    wall = time.perf_counter() - started
    lines = [
        "",
        "## Transition plan: the 14 teams in two steps (`s9_14_bydelsteams_i_trin`), sample book",
        "",
        f"`bydelsteam phase` on `data/sample/kommune.xlsx`: {wall:.1f} s wall for the whole path (the one-step plan "
        f"with {plan.target.moves} moves, {len(plan.steps)} steps under their caps (the engine's rule team-moves), "
        "and the solves that name a binding limit), a time limit of "
        f"{time_limit_s:.0f} s per solve.",
        "",
        "| step | status | gap | moves | caps per team (sum) | caps per profession (sum) | largest relative shortfall "
        "| checker | s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for s in plan.steps:
        worst = f"{s.kpis.max_relative_shortfall:.1%}" if s.kpis else "–"
        gap = f"{s.gap:.4f}" if s.gap is not None else "–"
        checker = "passes" if not s.checker else f"{len(s.checker)} problems"
        lines.append(
            f"| {s.date.isoformat()} | {s.status} | {gap} | {len(s.moves)} | "
            f"{sum(s.limits.max_moves_per_team.values()) or '–'} | "
            f"{sum(s.limits.max_moves_per_profession.values()) or '–'} | {worst} | {checker} | {s.seconds:.1f} |"
        )
    lines += ["", f"One-step plan: largest relative shortfall {plan.target.levels[0]:.1%}. {reach_text(plan, 'en')}"]
    return lines
