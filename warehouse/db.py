"""Open the DuckDB file (one writer at a time, briefly) and apply numbered migrations."""

from __future__ import annotations

import functools
import logging
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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


@dataclass
class _Kept:
    """The connection `kept_open` holds for one warehouse file (None while released)."""

    owner: int  # the thread that entered kept_open: it alone uses the connection itself
    wait: float
    conn: duckdb.DuckDBPyConnection | None = None


_KEPT: dict[str, _Kept] = {}
_KEPT_LOCK = threading.Lock()


def _kept_key(path: Path) -> str:
    return str(path.resolve())


@contextmanager
def kept_open(path: Path, *, wait: float = 10.0) -> Iterator[None]:
    """Within the block, every writable `open_db(path)` of this process shares one connection,
    opened on first use and closed when the block ends (or on `release`).

    A run's steps each open the warehouse; opening DuckDB (and closing it, which checkpoints)
    costs tens of milliseconds each time, a fixed cost a short rerun paid several times over.
    The file is held for the block, so readers wait: a run `release`s it around its long steps
    that need no warehouse (fetching and extracting a batch, matching). Other threads get a
    cursor of the kept connection (the same database, their own handle). Re-entrant: an inner
    block over the same file leaves the connection to the outer one."""
    key = _kept_key(path)
    with _KEPT_LOCK:
        if key in _KEPT:
            nested = True
        else:
            nested = False
            _KEPT[key] = _Kept(owner=threading.get_ident(), wait=wait)
    if nested:
        yield
        return
    try:
        yield
    finally:
        with _KEPT_LOCK:
            kept = _KEPT.pop(key)
        if kept.conn is not None:
            kept.conn.close()


def release(path: Path) -> None:
    """Close the connection `kept_open` holds for `path`, if any: readers and other processes
    can open the file until the next `open_db(path)` opens it again. Free outside kept_open."""
    with _KEPT_LOCK:
        kept = _KEPT.get(_kept_key(path))
        if kept is None:
            return
        conn, kept.conn = kept.conn, None
    if conn is not None:
        conn.close()


def is_held(path: Path) -> bool:
    """Whether this process holds a kept connection to `path` now (opened, not released)."""
    with _KEPT_LOCK:
        kept = _KEPT.get(_kept_key(path))
        return kept is not None and kept.conn is not None


@contextmanager
def open_db(
    path: Path, *, read_only: bool = False, wait: float = 10.0
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection held only for the block: readers and the next writer can get in after it.

    Inside `kept_open(path)` a writable open hands out the kept connection instead, and leaves
    it open; a block that raises gives it up (closed), so the next open starts clean."""
    kept = None if read_only else _KEPT.get(_kept_key(path))
    if kept is not None:
        with _kept_connection(path, kept) as conn:
            yield conn
        return
    conn = connect(path, read_only=read_only, wait=wait)
    try:
        if not read_only:
            _migrated(path, conn)
        yield conn
    finally:
        conn.close()


@contextmanager
def _kept_connection(path: Path, kept: _Kept) -> Iterator[duckdb.DuckDBPyConnection]:
    with _KEPT_LOCK:
        if kept.conn is None:
            conn = connect(path, wait=max(kept.wait, 0.0))
            try:
                _migrated(path, conn)
            except BaseException:
                conn.close()
                raise
            kept.conn = conn
        shared = kept.conn
    if threading.get_ident() != kept.owner:
        cursor = shared.cursor()
        try:
            cursor.execute("SET TimeZone = 'UTC'")
            yield cursor
        finally:
            cursor.close()
        return
    try:
        yield shared
    except BaseException:
        release(path)
        raise


# Warehouse files this process has checked its migrations on: (path, device, inode).
_MIGRATED: set[tuple[str, int, int]] = set()


def _migrated(path: Path, conn: duckdb.DuckDBPyConnection) -> None:
    """Apply pending migrations once per process and file: later opens of the same file (the
    same inode at the same path) skip the check."""
    try:
        stat = os.stat(path)
    except OSError:  # an in-memory or vanished path: check every time
        migrate(conn)
        return
    key = (str(path.resolve()), stat.st_dev, stat.st_ino)
    if key in _MIGRATED:
        return
    migrate(conn)
    _MIGRATED.add(key)


@functools.cache
def _shipped_migrations() -> tuple[tuple[int, str, str], ...]:
    folder = resources.files("wiretrace.warehouse").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), name, entry.read_text(encoding="utf-8")))
    return tuple(sorted(found))


def migration_files() -> list[tuple[int, str, str]]:
    """(number, name, sql) of every shipped migration, in order (read once per process)."""
    return list(_shipped_migrations())


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
