"""A run that did not commit stays out of the readers' views; the next run's commit publishes it
(SIGKILL at every point of a real run: tests/e2e/test_crash_points.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

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
