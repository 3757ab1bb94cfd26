"""The robustness sweep of the app's Robusthed page, in a thread beside the page: its latest progress, the
cancel flag, and the result or the error. A module of its own, so the job outlives the page script's reruns
(a class defined in the page would be a new class on every rerun)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

from optimiser.problems import Lang
from optimiser.robust import SweepSettings
from scenarios.errors import ScenarioError, format_scenario_problems
from scenarios.executor import Progress, ProgressCallback
from scenarios.robust import Sweep, sweep
from scenarios.schema import Scenario
from scenarios.service import Book


@dataclass
class RobustJob:
    """A sweep running in a thread: its latest progress, the cancel flag, and the result or the error."""

    total: int
    cancel: threading.Event = field(default_factory=threading.Event)
    progress: Progress | None = None
    result: Sweep | None = None
    error: str | None = None
    thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()


def start(book: Book, scenarios: Sequence[Scenario], settings: SweepSettings, lang: Lang) -> RobustJob:
    """Start the sweep; `lang` for its messages (the thread has no page session to ask)."""
    job = RobustJob(settings.samples)

    def work() -> None:
        try:
            job.result = sweep(book, scenarios, settings, progress=_keep(job), cancel=job.cancel)
        except ScenarioError as err:
            job.error = format_scenario_problems(err.problems, lang)
        except Exception as err:  # shown on the page, never as a traceback
            job.error = f"{type(err).__name__}: {err}"

    job.thread = threading.Thread(target=work, daemon=True)
    job.thread.start()
    return job


def _keep(job: RobustJob) -> ProgressCallback:
    def keep(p: Progress) -> None:
        job.progress = p

    return keep
