"""Where a page reads from: the warehouse read-only, or, while a run holds it, the last snapshot.

DuckDB lets one process write a file or many processes read it, never both: while a run's
stage holds the warehouse, a read-only open is refused. So each request first tries the live
file for a moment; when a run holds it, the request reads a copy of the file made the last time
the app saw a new commit, which holds exactly what readers saw then (committed runs only). Only
with no copy yet does a request wait for the writer, and then answers 503 if it must.
"""

from __future__ import annotations

import logging
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from wiretrace.warehouse.browse import copy_committed, last_committed
from wiretrace.warehouse.db import WarehouseBusy, connect

LOGGER = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Reading:
    """An open read-only connection and what it shows."""

    conn: duckdb.DuckDBPyConnection
    committed_at: datetime | None  # when the data it shows was last committed
    snapshot: bool  # True when a run holds the warehouse and this is the last copy


class Source:
    """Read-only connections to one warehouse, one per request.

    `busy_wait`: how long a request waits for a writer before it reads the snapshot;
    `wait`: how long it waits when there is no snapshot yet (then WarehouseBusy).
    """

    def __init__(
        self,
        db: Path,
        *,
        snapshots: Path | None = None,
        busy_wait: float = 0.2,
        wait: float = 20.0,
    ) -> None:
        self.db = db
        self.busy_wait = busy_wait
        self.wait = wait
        self._own_dir = snapshots is None
        self.snapshots = snapshots or Path(tempfile.mkdtemp(prefix="wiretrace-ui-"))
        self.snapshots.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._snapshot: tuple[Path, datetime | None] | None = None
        self._copying = False
        self._generation = 0

    @contextmanager
    def reading(self) -> Iterator[Reading]:
        """A read-only connection for one request, closed after it."""
        try:
            conn = connect(self.db, read_only=True, wait=self.busy_wait)
        except WarehouseBusy:
            with self._lock:
                snapshot = self._snapshot
            if snapshot is None:
                conn = connect(self.db, read_only=True, wait=self.wait)
            else:
                path, committed = snapshot
                conn = connect(path, read_only=True, wait=self.wait)
                try:
                    yield Reading(conn, committed, snapshot=True)
                finally:
                    conn.close()
                return
        try:
            committed = last_committed(conn)
            self._refresh(committed)
            yield Reading(conn, committed, snapshot=False)
        finally:
            conn.close()

    def _refresh(self, committed: datetime | None) -> None:
        """Start a copy in the background when the live file shows a commit the copy lacks."""
        with self._lock:
            if self._copying or (self._snapshot is not None and self._snapshot[1] == committed):
                return
            self._copying = True
            self._generation += 1
            target = self.snapshots / f"snapshot-{self._generation}.duckdb"
        threading.Thread(target=self._copy, args=(target,), daemon=True).start()

    def _copy(self, target: Path) -> None:
        old = None
        try:
            committed = copy_committed(self.db, target, wait=self.wait)
        except Exception:  # a failed copy leaves the last good one in place
            LOGGER.warning("could not snapshot %s", self.db, exc_info=True)
            _remove(target)
        else:
            with self._lock:
                old, self._snapshot = self._snapshot, (target, committed)
        finally:
            with self._lock:
                self._copying = False
        if old is not None:
            _remove(old[0])

    def wait_for_snapshot(self, timeout: float = 30.0) -> bool:
        """Block until a snapshot exists and no copy is running (tests, the benchmark)."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                if self._snapshot is not None and not self._copying:
                    return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)

    def close(self) -> None:
        with self._lock:
            snapshot, self._snapshot = self._snapshot, None
        if snapshot is not None:
            _remove(snapshot[0])
        if self._own_dir:
            for leftover in self.snapshots.glob("*"):
                leftover.unlink(missing_ok=True)
            self.snapshots.rmdir()


def _remove(path: Path) -> None:
    # A request may still read the old copy: on POSIX the open file stays readable once unlinked.
    for name in (path, path.with_name(path.name + ".wal")):
        name.unlink(missing_ok=True)
