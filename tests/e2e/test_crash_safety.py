"""A run killed mid-load leaves the warehouse as it was; the next run finishes the work."""

from __future__ import annotations

import os
import signal
from datetime import UTC, datetime
from pathlib import Path

import pytest
from run_support import NewsSite, query, start_run, table_counts, wait_for

from wiretrace.flows.steps import published
from wiretrace.records import Article
from wiretrace.warehouse.db import open_db
from wiretrace.warehouse.load import (
    IngestBatch,
    MatchResult,
    finish_run,
    load_ingest,
    replace_corroboration,
)
from wiretrace.warehouse.load import (
    start_run as record_start,
)

NOW = datetime(2025, 6, 13, 4, 0, tzinfo=UTC)


def _article(n: int, run: str = "") -> Article:
    return Article(
        article_id=f"a{n}",
        version_id=f"v{n}{run}",
        outlet_id="cna",
        url=f"http://x/{n}",
        canonical_url=f"http://x/{n}",
        title=f"Title {n}{run}",
        text="Some text.",
        text_sha256=f"s{n}{run}",
        published_at=NOW,
        published_source="page",
    )


def test_articles_of_a_run_that_did_not_commit_stay_out_of_the_readers_views(fresh_db: Path):
    with open_db(fresh_db) as conn:
        record_start(conn, "r1", "test")
        load_ingest(conn, IngestBatch(run_id="r1", articles=[_article(1), _article(2)]))
        replace_corroboration(conn, MatchResult())
        finish_run(conn, "r1", status="completed", counts={}, errors=[])
        # r2 loads a new version of article 1 and a new article, then dies before corroborating.
        record_start(conn, "r2", "test")
        load_ingest(conn, IngestBatch(run_id="r2", articles=[_article(1, "b"), _article(3)]))
        visible = conn.execute("SELECT title FROM latest_articles ORDER BY 1").fetchall()
        loaded = conn.execute("SELECT title FROM latest_loaded_articles ORDER BY 1").fetchall()
    assert visible == [("Title 1",), ("Title 2",)]
    assert loaded == [("Title 1b",), ("Title 2",), ("Title 3",)]
    assert not published(fresh_db)  # so the next run corroborates even if it loads nothing
    with open_db(fresh_db) as conn:
        record_start(conn, "r3", "test")  # the next run: r2 is marked abandoned
        status = dict(conn.execute("SELECT run_id, status FROM runs").fetchall())
        replace_corroboration(conn, MatchResult())  # r3 commits, covering r2's articles too
        finish_run(conn, "r3", status="completed", counts={}, errors=[])
        visible = conn.execute("SELECT title FROM latest_articles ORDER BY 1").fetchall()
    assert status == {"r1": "completed", "r2": "abandoned", "r3": "running"}
    assert visible == [("Title 1b",), ("Title 2",), ("Title 3",)]
    assert published(fresh_db)


def test_a_run_killed_inside_the_load_transaction_leaves_no_trace_and_the_next_run_completes(
    prefect_harness, tmp_path: Path
):
    site = NewsSite(articles=6)
    try:
        outlets = site.outlets_file(tmp_path)
        db = tmp_path / "w.duckdb"
        first = start_run(db, outlets)
        _, errors = first.communicate(timeout=300)
        assert first.returncode == 0, errors
        before = table_counts(db)
        assert before["articles"] == 6

        site.articles = 10  # four new stories: the next run loads them, and is killed doing so
        marker = tmp_path / "inside-load"
        victim = start_run(db, outlets, WIRETRACE_TEST_PAUSE_IN_LOAD=str(marker))
        try:
            wait_for(marker.exists, timeout=300, what="the run to reach its load transaction")
            os.kill(victim.pid, signal.SIGKILL)
            victim.wait(timeout=30)
        finally:
            if victim.poll() is None:
                victim.kill()
        assert victim.returncode == -signal.SIGKILL

        after_kill = table_counts(db)
        assert after_kill["runs"] == before["runs"] + 1
        assert {k: v for k, v in after_kill.items() if k != "runs"} == {
            k: v for k, v in before.items() if k != "runs"
        }
        assert query(db, "SELECT status FROM runs ORDER BY started_at") == [
            ("completed",),
            ("running",),
        ]

        last = start_run(db, outlets)
        _, errors = last.communicate(timeout=300)
        assert last.returncode == 0, errors
    finally:
        site.stop()
    assert query(db, "SELECT status FROM runs ORDER BY started_at") == [
        ("completed",),
        ("abandoned",),
        ("completed",),
    ]
    done = table_counts(db)
    assert done["articles"] == 10
    assert query(db, "SELECT count(*) FROM latest_articles") == [(10,)]
    assert query(db, "SELECT count(DISTINCT url), count(*) FROM page_state") == [(10, 10)]
    # Every claim of every article is matched and judged: nothing of the killed run is lost.
    assert query(
        db,
        "SELECT count(*) FROM claims WHERE claim_id NOT IN (SELECT claim_id FROM claim_clusters)",
    ) == [(0,)]
    assert done["claims"] > before["claims"]


@pytest.fixture(autouse=True)
def _no_pause_hook_in_this_process(monkeypatch):
    monkeypatch.delenv("WIRETRACE_TEST_PAUSE_IN_LOAD", raising=False)
