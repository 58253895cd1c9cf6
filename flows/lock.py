"""One run at a time per warehouse: an advisory file lock next to the DuckDB file."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class RunLocked(RuntimeError):
    """Another run holds the warehouse's run lock."""


# Locks this thread already holds: the CLI takes the lock, then the flow takes it again.
_HELD = threading.local()


@contextmanager
def run_lock(db_path: Path, *, wait: float) -> Iterator[Path]:
    """Hold `<db>.lock` for the whole run; wait up to `wait` seconds for another run to end.

    Re-entrant within a thread; another thread or process waits like any other run.
    """
    lock_path = db_path.with_name(db_path.name + ".lock")
    held: set[str] = _HELD.__dict__.setdefault("paths", set())
    key = str(lock_path.resolve())
    if key in held:
        yield lock_path
        return
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _read(lock_path)
                    raise RunLocked(
                        f"another wiretrace run is writing to {db_path}{holder}; "
                        f"waited {wait:g}s (raise --wait to wait longer)"
                    ) from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()}\n".encode())
        held.add(key)
        try:
            yield lock_path
        finally:
            held.discard(key)
    finally:
        os.close(fd)


def _read(path: Path) -> str:
    try:
        text = path.read_text().strip()
    except OSError:
        return ""
    return f" ({text})" if text else ""
