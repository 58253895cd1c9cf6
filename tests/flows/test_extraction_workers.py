"""Extraction workers start warm and early: the forkserver's warm-up, workers on the first chunk."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import pytest

from wiretrace.flows import steps
from wiretrace.records import FeedEntry, Fetch
from wiretrace.sources.collect import Page, PageResult

PROBE = """
import trafilatura.external
import wiretrace.flows.warm
from wiretrace.extractors import language
from wiretrace.extractors.segments import _remembered
print(language._identifier.cache_info().currsize, type(trafilatura.external.JT_STOPLIST).__name__,
      _remembered.cache_info().currsize > 0)
"""


def test_importing_the_warm_up_loads_the_models_a_first_page_needs() -> None:
    # A fresh interpreter, as the forkserver is: nothing loaded before the import.
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120
    ).stdout.split()
    assert out == ["1", "_HashedOnce", "True"]
    assert "wiretrace.flows.warm" in steps.FORKSERVER_PRELOAD


class _Workers:
    """Stands in for the worker pool: records what it is handed, extracts nothing."""

    def __init__(self, processes: int, aliases: Any) -> None:
        self.processes = processes
        self.handed: list[int] = []
        MADE.append(self)

    def __enter__(self) -> _Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def add(self, pages: Sequence[Page]) -> None:
        self.handed.append(len(pages))

    def gather(self) -> Any:
        return [], [], [], {"extract": 1.0, "claims": 1.0}


MADE: list[_Workers] = []


def _page(url: str) -> Page:
    fetch = Fetch(
        "f-" + url, "r", "o", url, url, "page", 200, None, datetime(2026, 1, 1, tzinfo=UTC)
    )
    return Page(fetch, FeedEntry("o", "http://a.test/feed", url, url, "", None), b"<p>x</p>", "")


@pytest.mark.parametrize(("new_share", "chunks_before_workers"), [(1, 1), (0.6, 1), (0.4, None)])
def test_workers_start_on_the_first_chunk_when_the_rest_will_make_a_batch(
    monkeypatch: pytest.MonkeyPatch, new_share: float, chunks_before_workers: int | None
) -> None:
    MADE.clear()
    monkeypatch.setattr(steps, "_WorkerExtraction", _Workers)
    monkeypatch.setattr(steps, "start_forkserver", lambda: None)
    monkeypatch.setattr(steps.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    entries = [
        FeedEntry("o", "http://a.test/feed", f"http://a.test/{n}", f"http://a.test/{n}", "", None)
        for n in range(400)
    ]
    calls: list[int] = []

    def fetch(asked: Sequence[FeedEntry]) -> PageResult:
        calls.append(len(asked))  # pages for `new_share` of what is asked, the rest unchanged
        wanted = round(len(asked) * new_share)
        return PageResult(pages=[_page(e.url) for e in asked[:wanted]])

    steps.fetch_and_extract(entries, fetch, {}, known_robots={"http://a.test"})
    assert calls == [steps.FETCH_CHUNK_PAGES] * 4
    if chunks_before_workers is None:  # 160 pages in all: extracted here
        assert MADE == []
        return
    (workers,) = MADE
    handed_first = chunks_before_workers * round(steps.FETCH_CHUNK_PAGES * new_share)
    assert workers.handed[0] == handed_first
    assert sum(workers.handed) == round(400 * new_share)
