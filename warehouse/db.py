"""Open the DuckDB file (one writer at a time, briefly) and apply numbered migrations."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

LOGGER = logging.getLogger(__name__)
DEFAULT_DB = "wiretrace.duckdb"
LOCK_MESSAGES = ("could not set lock", "conflicting lock")


class WarehouseError(RuntimeError):
    """The warehouse cannot be used; the message says why in one line."""


class WarehouseBusy(WarehouseError):
    """Another process holds the DuckDB file (a run is writing)."""


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return any(message in text for message in LOCK_MESSAGES)


def connect(
    path: Path, *, read_only: bool = False, wait: float = 10.0
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, retrying while another process holds the file, up to `wait` seconds."""
    if read_only and not path.exists():
        raise WarehouseError(
            f"no warehouse at {path}: run `wiretrace run --demo` (or --sources FILE) first"
        )
    deadline = time.monotonic() + wait
    pause = 0.05
    while True:
        try:
            conn = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.IOException as exc:
            if not _is_lock_error(exc):
                raise WarehouseError(f"cannot open {path}: {exc}") from exc
            if time.monotonic() >= deadline:
                raise WarehouseBusy(
                    f"{path} is locked by another process (a wiretrace run is writing); "
                    f"waited {wait:g}s, try again when it finishes"
                ) from exc
            time.sleep(pause)
            pause = min(pause * 2, 0.5)
    conn.execute("SET TimeZone = 'UTC'")
    return conn


@contextmanager
def open_db(
    path: Path, *, read_only: bool = False, wait: float = 10.0
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection held only for the block: readers and the next writer can get in after it."""
    conn = connect(path, read_only=read_only, wait=wait)
    try:
        if not read_only:
            migrate(conn)
        yield conn
    finally:
        conn.close()


def migration_files() -> list[tuple[int, str, str]]:
    """(number, name, sql) of every shipped migration, in order."""
    folder = resources.files("wiretrace.warehouse").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def migrate(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply migrations not yet recorded, each in its own transaction; returns those applied."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
    )
    applied = {row[0] for row in conn.execute("SELECT version FROM schema_migrations").fetchall()}
    done: list[str] = []
    for version, name, sql in migration_files():
        if version in applied:
            continue
        conn.execute("BEGIN TRANSACTION")
        try:
            conn.execute(sql)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, now())", [version, name])
            conn.execute("COMMIT")
        except Exception:
            conn.execute("ROLLBACK")
            raise
        LOGGER.info("applied migration %s", name)
        done.append(name)
    return done
