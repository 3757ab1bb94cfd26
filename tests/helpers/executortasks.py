"""Tasks for the executor's tests. They live in an importable module: the pool's workers unpickle them."""

from __future__ import annotations

import os
import signal
import time


def square(x: int) -> int:
    return x * x


def square_or_fail(x: int) -> int:
    """Fails on 3, kills its own worker on 5 (as the kernel's out-of-memory killer would), else squares."""
    if x == 3:
        raise ValueError("three is bad")
    if x == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    return x * x


def sleep_then_square(x: int) -> int:
    """Sleeps for ever on 2 (a hung sample), else squares."""
    if x == 2:
        time.sleep(3600)
    return x * x


def allocate_mb(mb: int) -> int:
    """Holds `mb` megabytes at once."""
    block = bytearray(mb * 1024 * 1024)
    return len(block) // (1024 * 1024)


class KillOnSample:
    """A sweep's sample job whose worker is killed on one sample (as the out-of-memory killer would)."""

    def __init__(self, job: object, victim: int) -> None:
        self.job, self.victim = job, victim

    def __call__(self, sample: int) -> object:
        if sample == self.victim:
            os.kill(os.getpid(), signal.SIGKILL)
        return self.job(sample)  # type: ignore[operator]
