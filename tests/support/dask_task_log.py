"""A Dask scheduler preload for tests: each task that finishes is logged with the worker it ran on.

Loaded by `distributed.scheduler.preload`; writes JSON lines to $WIRETRACE_TEST_DASK_LOG.
"""

from __future__ import annotations

import json
import os
from typing import Any

from distributed.diagnostics.plugin import SchedulerPlugin

LOG_ENV = "WIRETRACE_TEST_DASK_LOG"


class TaskLog(SchedulerPlugin):
    name = "wiretrace-task-log"

    def __init__(self, path: str) -> None:
        self.path = path

    def transition(
        self, key: Any, start: str, finish: str, *args: Any, stimulus_id: str, **kwargs: Any
    ) -> None:
        if finish != "memory":
            return
        record = {"key": str(key), "worker": kwargs.get("worker")}
        with open(self.path, "a", encoding="utf-8") as log:
            log.write(json.dumps(record) + "\n")


def dask_setup(scheduler: Any) -> None:
    path = os.environ.get(LOG_ENV)
    if path:
        scheduler.add_plugin(TaskLog(path))
