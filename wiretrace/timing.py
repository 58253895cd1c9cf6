"""Wall time per named stage of a run, collected wherever the stage's code runs in this process."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# The run's stage order, for printing: a stage not listed goes last, in the order it was seen.
STAGES = (
    "prepare",
    "poll",
    "fetch",
    "extract",
    "claims",
    "load",
    "read",
    "block",
    "score",
    "cluster",
    "verdicts",
    "stories",
    "swap",
)

_CURRENT: ContextVar[dict[str, float] | None] = ContextVar("wiretrace_stage_seconds", default=None)


@contextmanager
def stopwatch() -> Iterator[dict[str, float]]:
    """Collect the seconds of every `timed` stage run inside this block (this thread's context)."""
    seconds: dict[str, float] = {}
    token = _CURRENT.set(seconds)
    try:
        yield seconds
    finally:
        _CURRENT.reset(token)


@contextmanager
def timed(stage: str) -> Iterator[None]:
    """Add this block's wall time to `stage` of the running stopwatch; free when none runs.

    Nested stages are counted in both: "score" inside "corroborate" adds to each."""
    seconds = _CURRENT.get()
    if seconds is None:
        yield
        return
    started = time.perf_counter()
    try:
        yield
    finally:
        seconds[stage] = seconds.get(stage, 0.0) + time.perf_counter() - started


def add(stage: str, elapsed: float) -> None:
    """Add seconds measured elsewhere (in a worker process) to `stage` of the running stopwatch."""
    seconds = _CURRENT.get()
    if seconds is not None:
        seconds[stage] = seconds.get(stage, 0.0) + elapsed


def ordered(seconds: dict[str, float]) -> list[tuple[str, float]]:
    """Stages in the run's order, each rounded to milliseconds."""
    rank = {name: i for i, name in enumerate(STAGES)}
    names = sorted(seconds, key=lambda name: rank.get(name, len(rank)))
    return [(name, round(seconds[name], 3)) for name in names]
