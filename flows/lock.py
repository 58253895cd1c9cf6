"""One run at a time per warehouse: an advisory file lock next to the DuckDB file."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class RunLocked(RuntimeError):
    """Another run holds the warehouse's run lock."""


@contextmanager
def run_lock(db_path: Path, *, wait: float) -> Iterator[Path]:
    """Hold `<db>.lock` for the whole run; wait up to `wait` seconds for another run to end."""
    lock_path = db_path.with_name(db_path.name + ".lock")
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
        yield lock_path
    finally:
        os.close(fd)


def _read(path: Path) -> str:
    try:
        text = path.read_text().strip()
    except OSError:
        return ""
    return f" ({text})" if text else ""
