"""A run SIGKILLed at any stage boundary or inside any transaction: the next run leaves every table
as a clean run would, and the archive verifies clean once the killed run's records are pruned."""

from __future__ import annotations

import shutil
import signal
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from crash_driver import POINTS
from run_support import Finished, NewsSite, RunForker, query, table_contents

from wiretrace.flows.archive_cli import verify_archive

ARTICLES_BEFORE = 3
ARTICLES_AFTER = 6  # three new stories: the run that is killed fetches, loads and matches them
DB_NAME = "w.duckdb"

# Columns that say when, or by which run, a row was written: a rerun writes them differently by
# design. Everything else in every table is compared, new columns included.
WHEN_AND_WHO = {
    "schema_migrations": ("applied_at",),
    "articles": ("fetch_id", "run_id", "first_seen_at"),
    "feed_entries": ("run_id", "first_seen_at"),
    "page_state": ("run_id", "last_checked_at"),
    # What the latest poll heard: after a killed run that loaded the feed, the rerun asks again
    # and hears 304 (nothing to parse), where the clean run's last poll heard 200.
    "feed_state": ("last_polled_at", "next_poll_at", "last_status", "entries_seen"),
    # The log of HTTP requests and of runs: compared below by what they must hold, not row for row.
    "fetches": ("fetch_id", "run_id", "fetched_at", "warc_file", "warc_offset", "warc_record_id"),
    "runs": ("run_id", "started_at", "finished_at", "label", "counts", "errors", "committed_at"),
}


def warehouse_content(db: Path) -> dict[str, object]:
    """Every table's full content, leaving out when and by which run; the request log by kind:
    each page answered exactly once (a page fetched twice would be a doubled article), and each
    distinct feed or robots answer that carried a body."""
    contents: dict[str, object] = dict(table_contents(db, leave_out=WHEN_AND_WHO))
    fetch_columns = (
        "outlet_id, purpose, url, final_url, status, error, content_type, etag, last_modified, "
        "body_sha256, body_size"
    )
    contents["fetches"] = {
        "pages": Counter(query(db, f"SELECT {fetch_columns} FROM fetches WHERE purpose = 'page'")),
        "indexes": set(
            query(
                db, f"SELECT {fetch_columns} FROM fetches WHERE purpose <> 'page' AND status <> 304"
            )
        ),
    }
    contents.pop("runs")  # its statuses are checked on their own: a killed run is 'abandoned'
    return contents


def copy_warehouse(source: Path, target: Path) -> Path:
    """The warehouse and its archive, copied to `target` (a run's paths are relative to the db)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source / DB_NAME, target / DB_NAME)
    archive = source / "w-archive"
    shutil.copytree(archive, target / "w-archive")
    return target / DB_NAME


def completed(run: Finished, what: str) -> None:
    assert run.returncode == 0, f"{what} exited {run.returncode}: {run.stderr}"


@dataclass(frozen=True)
class World:
    site: NewsSite
    runs: RunForker
    outlets: Path
    first: Path  # a folder holding the warehouse after one run over ARTICLES_BEFORE stories
    clean: dict[str, object]  # the content after a second, clean run over ARTICLES_AFTER


@pytest.fixture(scope="module")
def world(prefect_harness, tmp_path_factory) -> World:  # type: ignore[no-untyped-def]
    site = NewsSite(articles=ARTICLES_BEFORE)
    base = tmp_path_factory.mktemp("crash-points")
    runs = RunForker(base)
    try:
        outlets = site.outlets_file(base)
        first = base / "first"
        first.mkdir()
        completed(runs.run(first / DB_NAME, outlets), "the first run")
        site.articles = ARTICLES_AFTER
        clean_db = copy_warehouse(first, base / "clean")
        completed(runs.run(clean_db, outlets), "the clean second run")
        assert query(clean_db, "SELECT count(*) FROM latest_articles") == [(ARTICLES_AFTER,)]
        yield World(site, runs, outlets, first, warehouse_content(clean_db))
    finally:
        runs.close()
        site.stop()


@pytest.mark.parametrize("point", list(POINTS))
def test_a_run_killed_at_any_point_is_completed_by_the_next_with_every_table_as_a_clean_run_leaves_it(
    world: World, tmp_path: Path, point: str
):
    db = copy_warehouse(world.first, tmp_path)
    victim = world.runs.run(db, world.outlets, point=point)
    assert victim.returncode == -signal.SIGKILL, f"{point}: {victim.returncode}: {victim.stderr}"

    completed(world.runs.run(db, world.outlets), f"the run after a kill at {point}")

    assert warehouse_content(db) == world.clean
    statuses = [s for (s,) in query(db, "SELECT status FROM runs ORDER BY started_at")]
    if point == "prepare":  # killed before its run was recorded
        assert statuses == ["completed", "completed"]
    elif point == "after-finish":  # killed after its run was recorded as completed
        assert statuses == ["completed", "completed", "completed"]
    else:
        assert statuses == ["completed", "abandoned", "completed"]
    # Readers see every article, and every claim is matched and judged.
    assert query(db, "SELECT count(*) FROM latest_articles") == [(ARTICLES_AFTER,)]
    assert query(
        db,
        "SELECT count(*) FROM claims WHERE claim_id NOT IN (SELECT claim_id FROM claim_clusters)",
    ) == [(0,)]

    # The killed run's own WARC records (if it wrote any before its load) are orphans: listed,
    # then pruned, and the archive is clean.
    found = verify_archive(db)
    assert not found.problems, found.problems
    killed_before_load = point in {
        "after-poll",
        "fetch-torn-warc",
        "after-fetch",
        "after-extract",
        "load-tx-articles",
        "load-tx-end",
    }
    assert bool(found.orphans) == killed_before_load, found.orphans
    if point == "fetch-torn-warc":
        assert any(o.damaged for o in found.orphans)
    pruned = verify_archive(db, prune=True)
    assert not pruned.problems
    after = verify_archive(db)
    assert not after.problems and not after.orphans
    assert (
        after.fetches_checked
        == query(db, "SELECT count(*) FROM fetches WHERE warc_file <> ''")[0][0]
    )
