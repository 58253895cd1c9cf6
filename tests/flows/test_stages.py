"""Where a run's time goes: stage timing, extraction in worker processes, and the run_stages view."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wiretrace import timing
from wiretrace.flows import steps
from wiretrace.flows.steps import (
    PROCESS_MIN_PAGES,
    extract_pages,
    extract_pages_parallel,
    extraction_processes,
)
from wiretrace.records import FeedEntry, Fetch
from wiretrace.reports.run import stage_shares
from wiretrace.sources.collect import Page, PageResult, _interleave_hosts

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


def _entries(urls: list[str]) -> list[FeedEntry]:
    return [FeedEntry("o", "http://feeds.test/feed", url, url, "", None) for url in urls]


def _recording_fetch(calls: list[list[str]], robots_on_call: int = -1) -> Any:
    """A stand-in for fetch_pages that answers nothing and records what it was asked, reading
    a robots.txt on call number `robots_on_call`."""

    def fetch(entries: Sequence[FeedEntry]) -> PageResult:
        calls.append([e.url for e in entries])
        got = PageResult()
        if len(calls) - 1 == robots_on_call:
            robots = replace(_pages()[0].fetch, purpose="robots")
            got.fetches.append(robots)
        return got

    return fetch


@given(
    st.lists(st.sampled_from("abcd"), min_size=1, max_size=60),
    st.integers(min_value=1, max_value=15),
)
def test_a_chunk_of_the_fetch_order_is_fetched_in_its_own_order(
    hosts: list[str], size: int
) -> None:
    # fetch_pages takes hosts in turn within each call: the chunks must be runs of what one
    # call would do that it leaves as they are, or the requests go out in another order.
    urls = [f"http://{host}.test/{n}.html" for n, host in enumerate(hosts)]
    entries = _entries(urls + urls[:3])  # a URL listed twice is fetched once
    calls: list[list[str]] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(steps, "FETCH_CHUNK_PAGES", size)
        steps.fetch_and_extract(
            entries, _recording_fetch(calls), {}, known_robots={f"http://{h}.test" for h in hosts}
        )
    whole_order = [e.url for e in _interleave_hosts({e.url: e for e in entries}.values())]
    assert [url for call in calls for url in call] == whole_order
    assert all(len(call) <= size for call in calls)
    for call in calls:
        assert [e.url for e in _interleave_hosts(_entries(call))] == call


def test_pages_of_an_origin_without_a_known_robots_file_are_fetched_in_one_call() -> None:
    entries = _entries([f"http://a.test/{n}.html" for n in range(250)])
    calls: list[list[str]] = []
    steps.fetch_and_extract(entries, _recording_fetch(calls), {}, known_robots={"http://b.test"})
    assert calls == [[e.url for e in entries]]


def test_after_a_chunk_that_read_a_robots_file_the_rest_go_in_one_call() -> None:
    entries = _entries([f"http://a.test/{n}.html" for n in range(250)])
    calls: list[list[str]] = []
    fetch = _recording_fetch(calls, robots_on_call=0)
    fetched, *_ = steps.fetch_and_extract(entries, fetch, {}, known_robots={"http://a.test"})
    assert [len(call) for call in calls] == [steps.FETCH_CHUNK_PAGES, 250 - steps.FETCH_CHUNK_PAGES]
    assert [f.purpose for f in fetched.fetches] == ["robots"]


def test_later_pages_are_fetched_while_workers_extract_the_earlier_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from run_support import NewsSite

    from wiretrace.sources.collect import fetch_pages, poll_outlets
    from wiretrace.sources.config import load_outlets
    from wiretrace.sources.fetch import Fetcher, FetchPolicy

    workers: list[Any] = []

    class Watched(steps._WorkerExtraction):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            workers.append(self)

    monkeypatch.setattr(steps, "_WorkerExtraction", Watched)
    monkeypatch.setattr(steps, "FETCH_CHUNK_PAGES", 30)
    site = NewsSite(articles=80)
    try:
        outlets = load_outlets(site.outlets_file(tmp_path))
        by_id = {o.id: o for o in outlets}
        aliases = {"reuters": "reuters"}
        handed: list[int] = []  # chunks the workers had been given when each fetch began
        with Fetcher(FetchPolicy(per_host_delay=0.0)) as fetcher:
            poll = poll_outlets(outlets, fetcher, run_id="r", archive=None, validators={})

            def fetch(entries: Sequence[FeedEntry]) -> PageResult:
                handed.append(len(workers[0].futures) if workers else 0)
                return fetch_pages(
                    entries,
                    by_id,
                    fetcher,
                    run_id="r",
                    archive=None,
                    validators={},
                    robots=poll.robots,
                )

            with timing.stopwatch() as seconds:
                fetched, articles, claims, failures = steps.fetch_and_extract(
                    poll.entries, fetch, aliases, known_robots=poll.robots.keys(), processes=2
                )
            once = fetch_pages(
                poll.entries,
                by_id,
                fetcher,
                run_id="r",
                archive=None,
                validators={},
                robots=poll.robots,
            )
    finally:
        site.stop()
    assert handed == [0, 1, 2], "pages went to the workers before the next ones were fetched"
    assert site.page_requests == 2 * 80
    assert [f.url for f in fetched.fetches] == [f.url for f in once.fetches]
    assert [p.body for p in fetched.pages] == [p.body for p in once.pages]
    here = extract_pages(once.pages, {"reuters": "reuters"})
    assert [(a.version_id, a.text) for a in articles] == [(a.version_id, a.text) for a in here[0]]
    assert [(c.claim_id, c.text) for c in claims] == [(c.claim_id, c.text) for c in here[1]]
    assert failures == here[2] == []
    assert seconds["fetch"] > 0 and seconds["extract"] > 0 and seconds["claims"] > 0


def test_a_batch_too_small_for_workers_is_extracted_here(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = _pages()
    started: list[int] = []
    monkeypatch.setattr(steps, "_WorkerExtraction", lambda *args: started.append(1))

    def fetch(entries: Sequence[FeedEntry]) -> PageResult:
        return PageResult(pages=[p for p in pages if p.entry in entries])

    _, articles, claims, failures = steps.fetch_and_extract(
        [p.entry for p in pages], fetch, {"reuters": "reuters"}, known_robots={"http://localhost"}
    )
    assert len(pages) < PROCESS_MIN_PAGES and started == []
    assert (articles, claims, failures) == extract_pages(pages, {"reuters": "reuters"})
