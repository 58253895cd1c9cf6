"""The warehouse: migrations once and in order, idempotent loads, clear errors when locked."""

import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from wiretrace.flows import steps
from wiretrace.records import Article, Claim, FeedEntry, Fetch, Quantity
from wiretrace.warehouse import queries
from wiretrace.warehouse.db import (
    WarehouseBusy,
    WarehouseError,
    connect,
    migrate,
    migration_files,
    open_db,
)
from wiretrace.warehouse.load import INGEST_TABLES, IngestBatch, load_ingest
from wiretrace.warehouse.queries import table_counts

NOW = datetime(2025, 6, 13, 4, 0, tzinfo=UTC)


def batch(run_id: str) -> IngestBatch:
    fetch = Fetch(
        fetch_id=f"f-{run_id}",
        run_id=run_id,
        outlet_id="cna",
        url="http://x/a",
        final_url="http://x/a",
        purpose="page",
        status=200,
        error=None,
        fetched_at=NOW,
    )
    entry = FeedEntry("cna", "http://x/feed", "k1", "http://x/a", "Title", NOW)
    article = Article(
        article_id="a1",
        version_id="v1",
        outlet_id="cna",
        url="http://x/a",
        canonical_url="http://x/a",
        title="Title",
        text="Some text.",
        text_sha256="s",
        published_at=NOW,
        published_source="page",
        fetch_id=fetch.fetch_id,
    )
    claim = Claim(
        "c1",
        "a1",
        "v1",
        "cna",
        0,
        0,
        10,
        "Some text.",
        "some text",
        NOW,
        quantities=(Quantity("percent", 49.0, "%", "49%"),) * 2,
    )
    return IngestBatch(
        run_id=run_id, fetches=[fetch], entries=[entry, entry], articles=[article], claims=[claim]
    )


def test_migrations_apply_once_in_order(fresh_db):
    with open_db(fresh_db) as conn:
        rows = conn.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()
        applied = [r[0] for r in rows]
        assert applied == [n for n, _, _ in migration_files()]
        assert migrate(conn) == []


def test_loading_the_same_batch_twice_adds_only_the_fetch_log(fresh_db):
    with open_db(fresh_db) as conn:
        load_ingest(conn, batch("r1"))
        first = table_counts(conn)
        load_ingest(conn, batch("r2"))
        second = table_counts(conn)
    assert first["articles"] == 1 and first["claims"] == 1 and first["feed_entries"] == 1
    assert first["claim_quantities"] == 2
    assert {k: v for k, v in second.items() if k != "fetches"} == {
        k: v for k, v in first.items() if k != "fetches"
    }
    assert second["fetches"] == first["fetches"] + 1


def test_a_failed_batch_leaves_the_warehouse_as_it_was(fresh_db):
    bad = batch("r1")
    bad.claims.append(Claim("c2", "a1", "v1", "cna", 1, 0, 1, None, "x", NOW))  # type: ignore[arg-type]
    with open_db(fresh_db) as conn:
        with pytest.raises(Exception):  # noqa: B017 - any database error will do
            load_ingest(conn, bad)
        assert table_counts(conn)["articles"] == 0


def test_reader_on_missing_file_says_to_run_first(tmp_path):
    with pytest.raises(WarehouseError, match="run `wiretrace run --demo`"):
        connect(tmp_path / "none.duckdb", read_only=True)


def test_locked_file_gives_a_clear_message_after_waiting(fresh_db):
    with open_db(fresh_db):
        pass
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import duckdb, sys, time
            c = duckdb.connect({str(fresh_db)!r})
            print("locked", flush=True)
            time.sleep(20)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(WarehouseBusy, match="a wiretrace run is writing"):
            connect(fresh_db, read_only=True, wait=0.5)
    finally:
        holder.kill()
        holder.wait()


def test_an_outlet_dropped_from_the_file_is_no_longer_configured(fresh_db):
    from wiretrace.records import Outlet
    from wiretrace.warehouse.load import upsert_outlets

    a = Outlet("a", "A", feeds=("https://a.example/f",))
    b = Outlet("b", "B", feeds=("https://b.example/f",))
    with open_db(fresh_db) as conn:
        upsert_outlets(conn, [a, b])
        upsert_outlets(conn, [a])
        rows = conn.execute("SELECT outlet_id, active FROM outlets ORDER BY 1").fetchall()
    assert rows == [("a", True), ("b", False)]


def test_the_load_step_counts_the_tables_it_writes_in_one_query(fresh_db: Path) -> None:
    with open_db(fresh_db) as conn:
        before = queries.table_counts(conn)
        load_ingest(conn, batch("r1"))
        after = queries.table_counts(conn)
        gained = {name for name in after if after[name] != before.get(name, 0)}
        assert gained and gained <= set(INGEST_TABLES), "INGEST_TABLES names every table written"
        assert queries.row_counts(conn, INGEST_TABLES) == {t: after[t] for t in INGEST_TABLES}
        statements: list[str] = []

        class Counting:
            def execute(self, sql: str, *args: Any) -> Any:
                statements.append(sql)
                return conn.execute(sql, *args)

        assert queries.row_counts(Counting(), INGEST_TABLES)["articles"] == 1  # type: ignore[arg-type]
        assert len(statements) == 1
    added = steps.load(fresh_db, IngestBatch(run_id="r2", fetches=batch("r2").fetches))
    assert added == {name: int(name == "fetches") for name in INGEST_TABLES}


def test_rows_of_records_are_what_asdict_gives_with_tuples_as_lists():
    from dataclasses import asdict

    from wiretrace.warehouse.load import _row

    loaded = batch("r1")
    for record in (*loaded.fetches, *loaded.entries, *loaded.articles):
        expected = {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(record).items()}
        assert _row(record) == expected
