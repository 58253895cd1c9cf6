"""Where a run's time goes: stage timing, extraction in worker processes, and the run_stages view."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from wiretrace import timing
from wiretrace.flows.steps import (
    PROCESS_MIN_PAGES,
    extract_pages,
    extract_pages_parallel,
    extraction_processes,
)
from wiretrace.records import FeedEntry, Fetch
from wiretrace.reports.run import stage_shares
from wiretrace.sources.collect import Page

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "real" / "pages"


def test_timed_adds_to_the_running_stopwatch_only() -> None:
    with timing.timed("poll"):  # no stopwatch: nothing recorded, nothing raised
        pass
    with timing.stopwatch() as seconds:
        with timing.timed("poll"):
            time.sleep(0.02)
        with timing.timed("poll"):
            time.sleep(0.01)
        timing.add("claims", 0.5)
    assert seconds["poll"] >= 0.03
    assert seconds["claims"] == 0.5
    assert [name for name, _ in timing.ordered({"swap": 1, "poll": 2, "zzz": 3})] == [
        "poll",
        "swap",
        "zzz",
    ]


def test_a_stopwatch_is_its_threads_own() -> None:
    seen: dict[str, float] = {}

    def other() -> None:
        with timing.timed("fetch"):
            pass

    with timing.stopwatch() as seconds:
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
        seen = dict(seconds)
    assert "fetch" not in seen


def test_stage_shares_reads_as_a_line() -> None:
    line = stage_shares({"extract": 3.1, "score": 1.2, "block": 0.001}, 10.0)
    assert line == "extract 3.10 s (31%), score 1.20 s (12%)"


def test_processes_only_for_a_batch_worth_it() -> None:
    assert extraction_processes(PROCESS_MIN_PAGES - 1) == 0
    assert extraction_processes(10, requested=3) == 3
    assert extraction_processes(10_000, requested=0) == 0
    assert extraction_processes(10_000) in (0, 2, *range(3, 257))


def _pages() -> list[Page]:
    files = sorted(p for p in PAGES.glob("*.html"))
    assert len(files) >= 10, "the real page fixtures are missing"
    now = datetime(2026, 12, 1, tzinfo=UTC)
    pages = []
    for copy in range(3):  # enough pages for several chunks
        for n, path in enumerate(files):
            outlet = path.name.split("__")[0]
            url = f"http://localhost/{copy}/{path.name}"
            fetch = Fetch(
                fetch_id=f"f{copy}-{n}",
                run_id="r",
                outlet_id=outlet,
                url=url,
                final_url=url,
                purpose="page",
                status=200,
                error=None,
                fetched_at=now,
            )
            entry = FeedEntry(outlet, "http://localhost/feed", url, url, "", None)
            pages.append(Page(fetch, entry, path.read_bytes(), "text/html; charset=utf-8"))
    broken = replace(pages[0].fetch, fetch_id="bad")
    pages.append(Page(broken, pages[0].entry, b"\x00\x01 not a page", "text/html"))
    return pages


def test_worker_processes_give_what_one_process_gives() -> None:
    pages = _pages()
    aliases = {"reuters": "reuters"}
    here = extract_pages(pages, aliases)
    with timing.stopwatch() as seconds:
        there = extract_pages_parallel(pages, aliases, 2)
    assert [a.article_id for a in there[0]] == [a.article_id for a in here[0]]
    assert there[0] == here[0]
    assert there[1] == here[1]
    assert there[2] == here[2] and there[2], "the broken page is recorded as a failure"
    assert seconds["extract"] > 0 and seconds["claims"] > 0


@pytest.mark.usefixtures("prefect_harness")
def test_a_run_extracts_in_processes_and_stores_its_stages(tmp_path: Path) -> None:
    from run_support import NewsSite

    from wiretrace.flows.pipeline import pipeline_flow
    from wiretrace.warehouse.db import connect

    site = NewsSite(articles=30)
    try:
        db = tmp_path / "w.duckdb"
        summary = pipeline_flow(
            db=str(db),
            outlets_file=str(site.outlets_file(tmp_path)),
            per_host_delay=0.0,
            extract_processes=2,
        )
    finally:
        site.stop()
    assert summary["articles_new"] == 30
    assert {"poll", "fetch", "extract", "claims", "load", "block", "score", "swap"} <= set(
        summary["stages"]
    )
    assert sum(summary["stages"].values()) <= summary["seconds"] * 1.05
    conn = connect(db, read_only=True)
    try:
        rows = conn.execute(
            "SELECT stage, seconds, share FROM run_stages WHERE run_id = ?", [summary["run_id"]]
        ).fetchall()
        claims = conn.execute("SELECT count(*) FROM claims").fetchone()
    finally:
        conn.close()
    assert {r[0] for r in rows} == set(summary["stages"])
    assert all(r[1] >= 0 and 0 <= r[2] <= 1 for r in rows)
    assert claims is not None and claims[0] > 0
