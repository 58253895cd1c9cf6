"""What a rerun reads and opens: only the pages its feeds list, one warehouse connection, one
TLS context, no forkserver for a few new pages; and every run stores its stage clock (the load
step's one count query: tests/warehouse/test_db.py; heartbeats: test_one_shot.py)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from wiretrace.flows import steps
from wiretrace.records import FeedEntry, Fetch
from wiretrace.sources.collect import Page, PageResult
from wiretrace.sources.fetch import Fetcher, FetchPolicy, tls_context
from wiretrace.warehouse import db as warehouse_db
from wiretrace.warehouse import queries
from wiretrace.warehouse.db import connect, open_db

# Pages of URLs no feed lists any more: a big warehouse's other rows, which a rerun must not read.
OTHER_PAGES = [f"http://elsewhere.test/old/{n}.html" for n in range(5)]


class Reads:
    """The URLs each page query of a run was asked for, and what it gave back."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[set[str] | None] = []
        self.known: list[set[str]] = []
        self.validators: list[set[str] | None] = []
        real_known, real_validators = queries.known_pages, queries.page_validators

        def known_pages(conn: Any, urls: Collection[str] | None = None) -> Any:
            self.asked.append(None if urls is None else set(urls))
            got = real_known(conn, urls)
            self.known.append(set(got))
            return got

        def page_validators(conn: Any, urls: Collection[str] | None = None) -> Any:
            self.validators.append(None if urls is None else set(urls))
            return real_validators(conn, urls)

        monkeypatch.setattr(queries, "known_pages", known_pages)
        monkeypatch.setattr(queries, "page_validators", page_validators)


def _add_other_pages(db: Path) -> None:
    with open_db(db) as conn:
        for url in OTHER_PAGES:
            conn.execute(
                "INSERT INTO page_state (url, outlet_id, listed_modified_at, last_checked_at, "
                "last_status, run_id) VALUES (?, 'localnews', NULL, now(), 200, 'r-old')",
                [url],
            )


def _connects(monkeypatch: pytest.MonkeyPatch, db: Path) -> list[bool]:
    opened: list[bool] = []
    real = warehouse_db.connect

    def counting(path: Path, *, read_only: bool = False, wait: float = 10.0) -> Any:
        if Path(path).resolve() == db.resolve():
            opened.append(read_only)
        return real(path, read_only=read_only, wait=wait)

    monkeypatch.setattr(warehouse_db, "connect", counting)
    return opened


@pytest.mark.usefixtures("prefect_harness")
def test_a_rerun_reads_only_the_pages_its_feeds_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from run_support import NewsSite

    from wiretrace.flows.pipeline import pipeline_flow

    site = NewsSite(articles=8)
    db = tmp_path / "w.duckdb"
    try:
        run = {
            "db": str(db),
            "outlets_file": str(site.outlets_file(tmp_path)),
            "per_host_delay": 0.0,
            "extract_processes": 0,
        }
        first = pipeline_flow(**run)
        assert first["articles_new"] == 8
        _add_other_pages(db)
        listed = {f"{site.base}/news/{n}.html" for n in range(10)}

        # Nothing new: the feed answers 304, so no page row is read, none asked, one connection.
        reads = Reads(monkeypatch)
        opened = _connects(monkeypatch, db)
        asked_before = site.page_requests
        nothing = pipeline_flow(**run)
        assert nothing["articles_new"] == 0 and nothing["entries"] == 0
        assert reads.asked in ([], [set()]) and reads.validators in ([], [set()])
        assert site.page_requests == asked_before
        assert opened == [False], "one warehouse connection for the whole rerun"

        # Two new articles: the page rows read are those of the URLs the feed lists, no others.
        site.articles = 10
        reads = Reads(monkeypatch)
        plus = pipeline_flow(**run)
        assert plus["articles_new"] == 2
        new = {f"{site.base}/news/{n}.html" for n in (8, 9)}
        assert reads.asked == [listed], "page_state is read for the URLs the feed lists"
        assert reads.validators == [new], "validators only for the pages asked again"
        (known,) = reads.known
        assert known == listed - new
        assert not known & set(OTHER_PAGES)
        assert site.page_requests == asked_before + 2, "only the new pages are asked"
    finally:
        site.stop()
    conn = connect(db, read_only=True)
    try:
        stored = conn.execute(
            "SELECT run_id, count(*) FROM run_stages GROUP BY run_id ORDER BY run_id"
        ).fetchall()
        counts = dict(
            conn.execute(
                "SELECT run_id, (counts->>'articles_new')::INTEGER FROM runs ORDER BY run_id"
            ).fetchall()
        )
    finally:
        conn.close()
    runs = {first["run_id"], nothing["run_id"], plus["run_id"]}
    assert {r for r, n in stored if n > 0} == runs, "every run stores its stage clock"
    assert counts == {first["run_id"]: 8, nothing["run_id"]: 0, plus["run_id"]: 2}
    assert set(nothing["stages"]) >= {"prepare", "poll", "load"}


@pytest.mark.usefixtures("prefect_harness")
def test_a_run_builds_one_tls_context_for_all_its_fetchers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from run_support import NewsSite

    from wiretrace.flows.pipeline import pipeline_flow

    built: list[object] = []
    real = httpx.create_ssl_context

    def counting(*args: Any, **kwargs: Any) -> Any:
        built.append(args or kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(httpx, "create_ssl_context", counting)
    site = NewsSite(articles=3)
    try:
        summary = pipeline_flow(
            db=str(tmp_path / "w.duckdb"),
            outlets_file=str(site.outlets_file(tmp_path)),
            per_host_delay=0.0,
            extract_processes=0,
        )
    finally:
        site.stop()
    assert summary["articles_new"] == 3 and summary["feeds_polled"] == 1
    assert len(built) == 1, "the poll's fetcher and the pages' fetcher share one context"


def test_a_fetcher_builds_one_tls_context_for_its_clients(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[object] = []
    real = httpx.create_ssl_context
    monkeypatch.setattr(
        httpx, "create_ssl_context", lambda *a, **k: built.append(1) or real(*a, **k)
    )
    with Fetcher(FetchPolicy(per_host_delay=0.0)) as fetcher:
        fetcher._client(allow_private=True)
        fetcher._client(allow_private=False)
    assert len(built) == 1
    shared = tls_context()
    assert len(built) == 2
    for _ in range(2):
        with Fetcher(FetchPolicy(per_host_delay=0.0), verify=shared) as fetcher:
            fetcher._client(allow_private=True)
    assert len(built) == 2, "a context given is used as it is"
    assert tls_context(shared) is shared


def _page(url: str) -> Page:
    fetch = Fetch(
        "f-" + url, "r", "o", url, url, "page", 200, None, datetime(2026, 1, 1, tzinfo=UTC)
    )
    return Page(fetch, FeedEntry("o", "http://a.test/feed", url, url, "", None), b"<p>x</p>", "")


@pytest.mark.parametrize(("new_pages", "starts"), [(None, True), (300, True), (12, False)])
def test_the_forkserver_starts_up_front_only_for_a_batch_of_new_pages(
    monkeypatch: pytest.MonkeyPatch, new_pages: int | None, starts: bool
) -> None:
    started: list[bool] = []
    monkeypatch.setattr(steps, "start_forkserver", lambda: started.append(True))
    monkeypatch.setattr(steps.os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    entries = [
        FeedEntry("o", "http://a.test/feed", f"http://a.test/{n}", f"http://a.test/{n}", "", None)
        for n in range(400)
    ]

    def fetch(asked: Sequence[FeedEntry]) -> PageResult:  # known pages: 304, no page to extract
        return PageResult(unchanged=len(asked))

    fetched, articles, _, _ = steps.fetch_and_extract(
        entries, fetch, {}, known_robots={"http://a.test"}, new_pages=new_pages
    )
    assert fetched.unchanged == 400 and articles == []
    assert started == ([True] if starts else [])
