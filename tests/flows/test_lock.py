"""One writer: a second run waits for the first, or gives up with a clear message; readers retry."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from run_support import NewsSite, query, start_run, wait_for
from typer.testing import CliRunner

from wiretrace.flows.cli import app
from wiretrace.sources.archive import archive_dir_for


def _lock_holder(db: Path) -> str:
    try:
        return db.with_name(db.name + ".lock").read_text().strip()
    except OSError:
        return ""


@pytest.mark.e2e
def test_a_second_run_waits_for_the_first_then_gives_up_clearly_and_nothing_is_corrupted(
    prefect_harness, tmp_path: Path
):
    site = NewsSite(articles=6, delay=2.0)  # about 12 s of page fetches with one worker
    db = tmp_path / "w.duckdb"
    try:
        outlets = site.outlets_file(tmp_path)
        first = start_run(db, outlets, "--fetch-concurrency", "1")
        wait_for(
            lambda: _lock_holder(db) == f"pid {first.pid}" and site.page_requests > 0,
            timeout=240,
            what="the first run to hold the lock and fetch pages",
        )
        started = time.monotonic()
        impatient = start_run(db, outlets, "--wait", "1")
        _, impatient_err = impatient.communicate(timeout=120)
        assert impatient.returncode != 0
        assert "another wiretrace run is writing to" in impatient_err
        assert f"pid {first.pid}" in impatient_err and "waited 1s" in impatient_err
        assert time.monotonic() - started >= 1

        patient = start_run(db, outlets, "--wait", "300")
        # While the first run fetches, it does not hold the DuckDB file: readers get in.
        reader = CliRunner().invoke(app, ["claims", "--db", str(db), "--json"])
        assert reader.exit_code == 0, reader.output
        assert first.poll() is None, "the first run should still be fetching"

        out, err = first.communicate(timeout=300)
        assert first.returncode == 0, err
        out, err = patient.communicate(timeout=300)
        assert patient.returncode == 0, err
        assert json.loads(out.strip().splitlines()[-1])["runs"][0]["articles_new"] == 0
    finally:
        site.stop()
    runs = query(db, "SELECT status, counts->>'articles_new' FROM runs ORDER BY started_at")
    assert runs == [("completed", "6"), ("completed", "0")]  # the impatient run never started
    assert query(db, "SELECT count(*), count(DISTINCT url) FROM latest_articles") == [(6, 6)]
    assert_nothing_corrupted(db)


ORPHANS = {
    "articles without their fetch": "SELECT count(*) FROM articles a "
    "WHERE NOT EXISTS (SELECT 1 FROM fetches f WHERE f.fetch_id = a.fetch_id)",
    "claims without their article version": "SELECT count(*) FROM claims c "
    "WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.version_id = c.version_id)",
    "rows of no recorded run": "SELECT (SELECT count(*) FROM fetches WHERE run_id NOT IN "
    "(SELECT run_id FROM runs)) + (SELECT count(*) FROM articles WHERE run_id NOT IN "
    "(SELECT run_id FROM runs))",
    "cluster members that are not claims": "SELECT count(*) FROM claim_clusters k "
    "WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.claim_id = k.claim_id)",
}


def assert_nothing_corrupted(db: Path) -> None:
    """Both writers closed the file cleanly (no write-ahead log left to replay), every table
    reads back in full, every row points at rows that exist and every archived fetch's WARC
    file is on disk."""
    assert not db.with_name(db.name + ".wal").exists()
    tables = [t for (t,) in query(db, "SELECT table_name FROM duckdb_tables() ORDER BY 1")]
    assert {"runs", "fetches", "articles", "claims", "claim_clusters"} <= set(tables)
    for table in tables:
        query(db, f'SELECT * FROM "{table}"')  # every block of every column is read
    for what, sql in ORPHANS.items():
        assert query(db, sql) == [(0,)], what
    archive = archive_dir_for(db)
    archived = "SELECT DISTINCT warc_file FROM fetches WHERE warc_file <> ''"
    warcs = {w for (w,) in query(db, archived)}
    assert warcs and all((archive / w).is_file() for w in warcs)


HOLD_FILE = """
import sys, time, duckdb
conn = duckdb.connect(sys.argv[1])
conn.execute("CREATE TABLE IF NOT EXISTS held (x INTEGER)")
open(sys.argv[2], "w").close()
time.sleep(float(sys.argv[3]))
conn.close()
"""


def _hold(db: Path, seconds: float, marker: Path) -> subprocess.Popen[bytes]:
    """Another process holding the DuckDB file, as a run does while it writes."""
    child = subprocess.Popen([sys.executable, "-c", HOLD_FILE, str(db), str(marker), str(seconds)])
    wait_for(marker.exists, timeout=60, what="the writer to open the file")
    return child


@pytest.mark.parametrize(
    "command",
    [["claims"], ["sql", "SELECT 1"], ["report", "c0"], ["stories"]],
    ids=["claims", "sql", "report", "stories"],
)
def test_readers_say_clearly_that_a_run_is_writing(tmp_path: Path, command: list[str]):
    db = tmp_path / "w.duckdb"
    writer = _hold(db, 30, tmp_path / "open")
    try:
        started = time.monotonic()
        result = CliRunner().invoke(app, [*command, "--db", str(db)])
        waited = time.monotonic() - started
    finally:
        writer.kill()
        writer.wait()
    assert result.exit_code == 1
    assert "a wiretrace run is writing" in result.output
    assert 4 <= waited < 20  # retried for a few seconds, then said so


def test_a_reader_gets_in_once_the_writer_lets_go(tmp_path: Path):
    db = tmp_path / "w.duckdb"
    writer = _hold(db, 2, tmp_path / "open")
    try:
        result = CliRunner().invoke(app, ["sql", "SELECT count(*) AS n FROM held", "--db", str(db)])
    finally:
        writer.wait(timeout=30)
    assert result.exit_code == 0, result.output
