"""How the solver runs, apart from what the plan must do: time limit, seed, threads, deterministic mode.

`solve` takes these as an argument (`SolverSettings`); they change how fast and how reproducibly a plan is
found, never which rules hold or what counts as best (that is policy: `domain.Parameters`). The workbook's
`tidsgrænse_s`/`frø`/`deterministisk`/`tråde` are read into `Instance.solver`, beside the parameters; a
scenario's `solver:` section and the command line's `--time-limit/--seed/--deterministic/--workers` fill the
settings of a run (`scenarios.apply.Applied.settings`). RESULT.json records them apart, as `solver_settings`.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field

# The settings' names: the workbook's, the scenario's and the run store's keys for them.
SOLVER_FIELDS = ("time_limit_s", "seed", "deterministic", "workers")


class SolverSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    time_limit_s: float = Field(default=60.0, gt=0)  # wall-clock seconds for the whole solve (deterministic time)
    seed: int = 0  # CP-SAT's random seed
    deterministic: bool = False  # reproducible runs: deterministic time limits, interleaved search
    workers: int = Field(default=2, ge=1, le=64)  # solver threads

    def updated(self, values: Mapping[str, object]) -> SolverSettings:
        """These settings with `values` on top (validated; keys other than the settings' are ignored)."""
        given = {k: v for k, v in values.items() if k in SOLVER_FIELDS and v is not None}
        return self.model_validate({**self.model_dump(), **given}) if given else self


def split_solver(values: Mapping[str, object]) -> tuple[dict[str, object], dict[str, object]]:
    """`values` (parameters as a mapping) apart: (the policy parameters, the solver settings)."""
    policy = {k: v for k, v in values.items() if k not in SOLVER_FIELDS}
    return policy, {k: v for k, v in values.items() if k in SOLVER_FIELDS}
