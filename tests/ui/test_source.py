"""While a run holds the warehouse, the app keeps serving the data last committed (a snapshot)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ui_support import Client

from wiretrace.ui.app import create_app

pytestmark = pytest.mark.e2e

# A writer as a run's stage is one: it opens the file read-write (DuckDB then refuses every
# read-only open from another process), writes, and holds it until told to let go.
WRITER = """
import sys, duckdb
conn = duckdb.connect(sys.argv[1])
conn.execute("UPDATE outlets SET name = name WHERE outlet_id = 'cna'")
print("holding", flush=True)
sys.stdin.readline()
conn.close()
"""


class Writer:
    def __init__(self, db: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "holding"

    def release(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        assert self.process.wait(timeout=60) == 0


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "wiretrace.duckdb"
    shutil.copyfile(demo_db, copy)
    return copy


def test_a_page_is_served_from_the_last_commit_while_a_writer_holds_the_file(db, tmp_path):
    app = create_app(db, snapshots=tmp_path / "snapshots", busy_wait=0.2, wait=1.0)
    client = Client(app)
    live = client.json("/claims")
    assert live["meta"]["snapshot"] is False
    assert app.state.source.wait_for_snapshot(timeout=60)
    writer = Writer(db)
    try:
        started = time.monotonic()
        held = client.json("/claims")
        waited = time.monotonic() - started
        page = client.get("/claims").text
        outlets = client.get("/outlets")
    finally:
        writer.release()
    assert held["meta"] == {"committed_at": live["meta"]["committed_at"], "snapshot": True}
    assert held["claims"] == live["claims"] and held["paged"] == live["paged"]
    assert "A run is writing" in page and "showing the data as last committed at" in page
    assert outlets.status_code == 200
    assert waited < 20  # the snapshot answers; the request did not wait for the writer
    after = client.json("/claims")
    assert after["meta"]["snapshot"] is False


def test_with_no_snapshot_yet_a_held_warehouse_answers_503_with_retry_after(db, tmp_path):
    client = Client(create_app(db, snapshots=tmp_path / "snapshots", busy_wait=0.1, wait=0.5))
    writer = Writer(db)
    try:
        answer = client.get("/claims")
    finally:
        writer.release()
    assert answer.status_code == 503 and answer.headers["retry-after"] == "5"
    assert "locked by another process" in answer.text
    assert client.get("/claims").status_code == 200


def test_the_app_never_writes_to_the_warehouse(db, tmp_path):
    before = db.read_bytes()
    client = Client(create_app(db, snapshots=tmp_path / "snapshots"))
    for path in ("/claims", "/stories", "/outlets", "/runs"):
        assert client.get(path).status_code == 200
    assert db.read_bytes() == before
    assert not db.with_name(db.name + ".wal").exists()
