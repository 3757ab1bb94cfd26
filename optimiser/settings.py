"""How the solver runs, apart from what the plan must do: time limit, seed, threads, deterministic mode.

`solve` takes these as an argument (`SolverSettings`); they change how fast and how reproducibly a plan is
found, never which rules hold or what counts as best (that is policy: `domain.Parameters`). The workbook's
`tidsgrænse_s`/`seed`/... and a scenario's `time_limit_s`/`seed`/`deterministic` are read where they always
were and fill the settings (`from_parameters`) unless the caller gives its own.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from optimiser.domain import Parameters


@dataclass(frozen=True)
class SolverSettings:
    time_limit_s: float = 60.0  # wall-clock seconds for the whole solve (deterministic time when deterministic)
    seed: int = 0  # CP-SAT's random seed
    workers: int = 2  # solver threads
    deterministic: bool = False  # reproducible runs: deterministic time limits, interleaved search

    def __post_init__(self) -> None:
        if not self.time_limit_s > 0:
            raise ValueError(f"time limit must be above 0 s, not {self.time_limit_s}")
        if not 1 <= self.workers <= 64:
            raise ValueError(f"workers must be 1 to 64, not {self.workers}")

    @classmethod
    def from_parameters(cls, params: Parameters) -> SolverSettings:
        """The settings the book (or scenario) asks for."""
        return cls(params.time_limit_s, params.seed, params.workers, params.deterministic)

    def recorded(self, params: Parameters) -> dict[str, object]:
        """`params` as RESULT.json records them, with the settings the solve actually ran with."""
        return {**params.model_dump(mode="json"), **asdict(self)}
