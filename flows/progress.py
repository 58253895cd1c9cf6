"""Stage events of a run in this process: whoever starts the flow (the CLI) may listen."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

LOGGER = logging.getLogger(__name__)

StageListener = Callable[[str, str], None]  # (stage, detail)
_STAGE_LISTENERS: list[StageListener] = []


@contextmanager
def on_stage(listener: StageListener) -> Iterator[None]:
    """Call `listener(stage, detail)` as each stage of a run in this process starts."""
    _STAGE_LISTENERS.append(listener)
    try:
        yield
    finally:
        _STAGE_LISTENERS.remove(listener)


def stage(name: str, detail: str = "") -> None:
    """Tell the listeners that stage `name` starts."""
    for listener in list(_STAGE_LISTENERS):
        try:
            listener(name, detail)
        except Exception as exc:  # a progress display must never stop a run
            LOGGER.debug("stage listener failed: %s", exc)
