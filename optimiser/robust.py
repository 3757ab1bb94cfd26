"""Robustness of a plan under uncertain need data: the distributions samples are drawn from, and the report.

`draw(instance, uncertainty, seed, sample)` is one sample of the need data (docs/method.md, "Robustness"):

* indicators: every reported value times a log-normal factor with mean 1 and coefficient of variation
  `indicator_cv` (default 0.15: NHS England found a third of its practice-level predictions 10 % or more off);
* child counts: times a log-normal factor with mean 1 and spread `children_cv` (default 0.05), rounded;
* weights (drawn instead of, or with, the data: `vary`): every weight times a uniform factor in
  [1 - weight_range, 1 + weight_range] (default ± 25 %), a political choice within a stated range.

Each sample has its own random stream, seeded by the sweep's seed and the sample's index, so a sample is the
same whichever worker or machine draws it. `RobustReport` is ROB.json (docs/result.md); the sweep that fills
it is `scenarios.robust`.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from optimiser.domain import Instance

QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
# The KPIs a scenario can rank first on; lower is better on every one.
RANKED_KPIS = ("max_relative_shortfall", "mean_relative_shortfall", "total_shortfall_fte", "cv_coverage", "staff_moved")
FIXED, REOPTIMISED = "fixed", "reoptimised"


class Vary(StrEnum):
    """What a sample draws: the need data (indicators and child counts), the weights, or both."""

    DATA = "data"
    WEIGHTS = "weights"
    BOTH = "both"


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Uncertainty(_Record):
    """The distributions samples are drawn from (docs/method.md). Each draw keeps the book's value on average."""

    vary: Vary = Vary.DATA
    indicator_cv: float = Field(default=0.15, ge=0, le=2, description="relative spread of every indicator value")
    children_cv: float = Field(default=0.05, ge=0, le=1, description="relative spread of every child count")
    weight_range: float = Field(default=0.25, ge=0, le=1, description="weights drawn within ± this share")


class SweepSettings(_Record):
    samples: int = Field(default=100, ge=1, le=100_000)
    seed: int = 0
    uncertainty: Uncertainty = Uncertainty()
    level: float = Field(default=0.9, gt=0, le=2, description="coverage below this counts as a shortfall")
    flip_share: float = Field(default=0.2, ge=0, le=1, description="report people moved in more than this share")
    time_limit_s: float = Field(default=20.0, gt=0, description="deterministic time per solve of a sample")


def _lognormal(rng: random.Random, cv: float) -> float:
    """A factor with mean 1 and coefficient of variation `cv` (log-normal: never negative)."""
    if cv <= 0:
        return 1.0
    sigma = math.sqrt(math.log1p(cv * cv))
    return rng.lognormvariate(-sigma * sigma / 2, sigma)


def draw(instance: Instance, uncertainty: Uncertainty, seed: int, sample: int) -> Instance:
    """Sample `sample` of the book's need data: its own random stream (seed and index), so any worker draws it
    alike. Indicators and child counts are drawn when `vary` includes data, weights when it includes weights."""
    rng = random.Random(f"bydelsteam-robust:{seed}:{sample}")
    update: dict[str, object] = {}
    if uncertainty.vary in (Vary.DATA, Vary.BOTH):
        institutions = []
        for inst in instance.institutions:
            children = round(inst.children * _lognormal(rng, uncertainty.children_cv))
            indicators = {
                k: (None if v is None else v * _lognormal(rng, uncertainty.indicator_cv))
                for k, v in sorted(inst.indicators.items())
            }
            institutions.append(inst.model_copy(update={"children": children, "indicators": indicators}))
        update["institutions"] = tuple(institutions)
    if uncertainty.vary in (Vary.WEIGHTS, Vary.BOTH):
        spread = uncertainty.weight_range
        update["need_weights"] = tuple(
            w.model_copy(update={"weight": w.weight * rng.uniform(1 - spread, 1 + spread)})
            for w in instance.need_weights
        )
    return instance.model_copy(update=update)


# -- the report ---------------------------------------------------------------------------------------------


class Cell(_Record):
    """One team (district) and profession of one scenario over the samples."""

    scenario: str
    district: str
    profession: str
    base_coverage: float
    coverage_quantiles: dict[str, dict[str, float]]  # fixed | reoptimised -> p05 ... p95
    probability_below: dict[str, float]  # fixed | reoptimised -> share of samples below `level`
    samples: dict[str, int]  # fixed | reoptimised -> samples the figures rest on


class Flip(_Record):
    scenario: str
    staff_id: str
    base_team: str
    share: float  # of the samples with a plan, those in which this person is in another team
    teams: dict[str, int]  # team -> samples in which the re-optimised plan puts the person there


class Ranking(_Record):
    kpi: str
    first: dict[str, float]  # scenario -> share of samples in which it is best (ties share a sample)


class SampleFailure(_Record):
    sample: int  # -1: the base solve of `scenario`
    scenario: str | None
    failure: str
    detail: str


class RobustReport(_Record):
    """ROB.json (docs/result.md). No timings and no executor: the same inputs give the same file anywhere."""

    book: str
    scenarios: list[str]
    settings: SweepSettings
    samples_done: int
    failures: list[SampleFailure]
    cells: list[Cell]
    flips: list[Flip]
    ranking: list[Ranking]

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.model_dump_json(indent=2), encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> RobustReport:
        return cls.model_validate_json(Path(path).read_text(encoding="utf-8"))


def quantile(values: Sequence[float], q: float) -> float:
    """The q-quantile by linear interpolation between order statistics (numpy's default, Hyndman-Fan 7)."""
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
