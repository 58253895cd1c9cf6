"""One warehouse connection for a run's steps (`kept_open`, `release`), migrations checked once."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import pytest

from wiretrace.warehouse import db as warehouse_db
from wiretrace.warehouse.db import connect, is_held, kept_open, open_db, release


def test_opens_inside_kept_open_share_one_connection_closed_at_the_end(fresh_db: Path) -> None:
    with kept_open(fresh_db):
        assert not is_held(fresh_db), "opened on first use, not before"
        with open_db(fresh_db) as first:
            first.execute("CREATE TABLE t (x INTEGER)")
        assert is_held(fresh_db)
        with open_db(fresh_db) as second:
            assert second is first
            second.execute("INSERT INTO t VALUES (1)")
    assert not is_held(fresh_db)
    with pytest.raises(duckdb.ConnectionException):
        first.execute("SELECT 1")
    with open_db(fresh_db) as conn:  # and the data is there for the next opener
        assert conn.execute("SELECT x FROM t").fetchall() == [(1,)]


def test_release_lets_another_connection_in_and_the_next_open_reopens(fresh_db: Path) -> None:
    with kept_open(fresh_db):
        with open_db(fresh_db) as first:
            first.execute("CREATE TABLE t (x INTEGER)")
        release(fresh_db)
        assert not is_held(fresh_db)
        reader = connect(fresh_db, read_only=True)  # refused while the file is held
        try:
            assert reader.execute("SELECT count(*) FROM t").fetchone() == (0,)
        finally:
            reader.close()
        with open_db(fresh_db) as again:
            assert again is not first
            again.execute("INSERT INTO t VALUES (2)")
        assert is_held(fresh_db)
    release(fresh_db)  # outside kept_open: nothing to release, nothing raised


def test_a_block_that_raises_gives_the_kept_connection_up(fresh_db: Path) -> None:
    with kept_open(fresh_db):
        with pytest.raises(RuntimeError), open_db(fresh_db) as first:
            first.execute("CREATE TABLE t (x INTEGER)")
            raise RuntimeError("a step failed")
        assert not is_held(fresh_db)
        with open_db(fresh_db) as second:
            assert second is not first
            assert second.execute("SELECT count(*) FROM t").fetchone() == (0,)


def test_nested_kept_open_leaves_the_connection_to_the_outer_block(fresh_db: Path) -> None:
    with kept_open(fresh_db):
        with kept_open(fresh_db), open_db(fresh_db) as inner:
            pass
        assert is_held(fresh_db)
        with open_db(fresh_db) as outer:
            assert outer is inner


def test_another_thread_gets_its_own_cursor_on_the_same_database(fresh_db: Path) -> None:
    seen: list[object] = []
    with kept_open(fresh_db):
        with open_db(fresh_db) as mine:
            mine.execute("CREATE TABLE t (x INTEGER)")
            mine.execute("INSERT INTO t VALUES (3)")

        def other() -> None:
            with open_db(fresh_db) as theirs:
                seen.append(theirs)
                seen.append(theirs.execute("SELECT x FROM t").fetchall())
                seen.append(theirs.execute("SELECT current_setting('TimeZone')").fetchone())

        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
        assert seen[0] is not mine
        assert seen[1] == [(3,)]
        assert seen[2] == ("UTC",)
        assert is_held(fresh_db), "the thread's cursor closed, the kept connection did not"


def test_migrations_are_checked_once_per_process_and_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    real = warehouse_db.migrate

    def counting(conn: duckdb.DuckDBPyConnection) -> list[str]:
        calls.append(conn)
        return real(conn)

    monkeypatch.setattr(warehouse_db, "migrate", counting)
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    for _ in range(3):
        with open_db(one) as conn:
            assert conn.execute("SELECT count(*) FROM schema_migrations").fetchone() != (0,)
    assert len(calls) == 1
    with kept_open(two):
        with open_db(two):
            pass
        release(two)
        with open_db(two):
            pass
    assert len(calls) == 2, "another file is checked; reopening it after a release is not"
