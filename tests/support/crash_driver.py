"""`wiretrace run` as a child process, SIGKILLed (its whole process group) at one named crash point.

The crash tests' child: `python crash_driver.py POINT -- ARGS...` wraps the named step or
warehouse function of the real code, then runs `wiretrace ARGS...`; `--serve` forks such runs
on request (see `serve`). No hook in production code: each point wraps a function the run
calls anyway (the module attribute its caller looks up), so the kill lands exactly at a stage
boundary or between two statements of a transaction.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from wiretrace.flows import cli, pipeline, progress, steps
from wiretrace.sources.archive import WarcArchive
from wiretrace.warehouse import load as warehouse_load

# Which page write a half-written WARC record is cut at (0-based): not the first, so the file
# holds whole records before the torn one.
TORN_PAGE_WRITE = 2


def die() -> None:
    """SIGKILL this run's process group (the driver is its group's leader), as the OOM killer would."""
    sys.stdout.flush()
    sys.stderr.flush()
    if os.getpgrp() == os.getpid():
        os.killpg(os.getpgrp(), signal.SIGKILL)
    os.kill(os.getpid(), signal.SIGKILL)  # not a group leader: never kill whoever started us


def _after(module: Any, name: str) -> None:
    original: Callable[..., Any] = getattr(module, name)

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        original(*args, **kwargs)
        die()

    setattr(module, name, wrapped)


def _before(module: Any, name: str) -> None:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        die()

    setattr(module, name, wrapped)


def _after_insert_into(table: str) -> None:
    """Kill once `insert_rows(conn, table, ...)` has run: inside its transaction, before COMMIT."""
    original = warehouse_load.insert_rows

    def wrapped(conn: Any, name: str, rows: Any, **kwargs: Any) -> int:
        count = original(conn, name, rows, **kwargs)
        if name == table:
            die()
        return count

    warehouse_load.insert_rows = wrapped  # type: ignore[assignment]


def _before_commit_of(table: str) -> None:
    """Kill as the transaction that inserted into `table` is about to COMMIT: every statement
    of it run, nothing of it durable."""
    seen: set[str] = set()
    insert, enter, leave = (
        warehouse_load.insert_rows,
        warehouse_load._Tx.__enter__,
        warehouse_load._Tx.__exit__,
    )

    def inserting(conn: Any, name: str, rows: Any, **kwargs: Any) -> int:
        seen.add(name)
        return insert(conn, name, rows, **kwargs)

    def beginning(self: Any) -> Any:
        seen.clear()
        return enter(self)

    def ending(self: Any, exc_type: object, *rest: object) -> None:
        if exc_type is None and table in seen:
            die()
        leave(self, exc_type, *rest)

    warehouse_load.insert_rows = inserting  # type: ignore[assignment]
    warehouse_load._Tx.__enter__ = beginning  # type: ignore[method-assign]
    warehouse_load._Tx.__exit__ = ending  # type: ignore[method-assign]


def _torn_page_record() -> None:
    """The third page's WARC record reaches its file only half written, then the run dies."""
    original = WarcArchive.write
    writes = [0]

    def wrapped(self: WarcArchive, response: Any) -> Any:
        archived = original(self, response)
        if not self.prefix.endswith("-pages"):
            return archived
        writes[0] += 1
        if writes[0] > TORN_PAGE_WRITE:
            path = Path(self.directory) / archived.warc_file
            end = path.stat().st_size
            os.truncate(path, archived.offset + (end - archived.offset) // 2)
            die()
        return archived

    WarcArchive.write = wrapped  # type: ignore[method-assign]


def _at_stage(name: str) -> None:
    """Kill as stage `name` starts (the stage events the CLI's progress display listens to):
    the boundary after the stage before it."""

    def listener(started: str, detail: str) -> None:
        if started == name:
            die()

    progress._STAGE_LISTENERS.append(listener)


# Each crash point, in the order a run meets them.
POINTS: dict[str, Callable[[], None]] = {
    # prepare: the outlets upserted, the run not yet recorded
    "prepare": lambda: _before(steps, "start_run"),
    "after-poll": lambda: _at_stage("fetch"),
    # fetch: the third page's WARC record half written
    "fetch-torn-warc": _torn_page_record,
    "after-fetch": lambda: _at_stage("extract"),
    "after-extract": lambda: _at_stage("load"),
    # inside the load transaction: fetches and articles in, claims not yet
    "load-tx-articles": lambda: _after_insert_into("articles"),
    # inside the load transaction: every statement run, COMMIT not reached
    "load-tx-end": lambda: _before_commit_of("claims"),
    "after-load": lambda: _at_stage("corroborate"),
    # inside the corroboration swap: the run marked committed, old tables deleted, new half in
    "swap-tx-clusters": lambda: _after_insert_into("claim_clusters"),
    # inside the corroboration swap: every statement run, COMMIT not reached
    "swap-tx-end": lambda: _before_commit_of("claim_clusters"),
    # the swap committed, the run not yet finished
    "after-corroborate": lambda: _before(pipeline, "finish_run"),
    # the run recorded as completed, its lock not yet released nor its artifact published
    "after-finish": lambda: _after(pipeline, "finish_run"),
}


def run_cli(point: str, args: list[str]) -> int:
    """Install the crash point (or none: "") and run `wiretrace ARGS...`; the exit code."""
    if point:
        POINTS[point]()
    try:
        cli.app(args, prog_name="wiretrace")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    return 0


def serve(requests: TextIO, replies: TextIO) -> None:
    """Fork one run per request line, from this process with everything already imported.

    A request is JSON {"point", "args", "cwd", "stdout", "stderr"}; the reply is JSON
    {"pid", "returncode"} (-9: killed by SIGKILL). Importing Prefect and the extractors costs
    seconds a crash test would otherwise pay twice per point; this process starts no thread
    before it forks (checked), so each child starts as a fresh run would.
    """
    for line in requests:
        request = json.loads(line)
        if threading.active_count() != 1:
            raise RuntimeError("a thread is running: forking now would not be safe")
        replies.flush()
        pid = os.fork()
        if pid == 0:
            code = 70
            try:
                os.setsid()  # its own process group: the kill takes the run's group, not ours
                for fd, name in ((1, "stdout"), (2, "stderr")):
                    target = os.open(request[name], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
                    os.dup2(target, fd)
                    os.close(target)
                os.chdir(request["cwd"])
                code = run_cli(request["point"], request["args"])
                if request["point"]:
                    print(f"crash point {request['point']} was never reached", file=sys.stderr)
                    code = 71
            except BaseException:
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        replies.write(json.dumps({"pid": pid, "returncode": _returncode(status)}) + "\n")
        replies.flush()


def _returncode(status: int) -> int:
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def main(argv: list[str]) -> None:
    if argv == ["--serve"]:
        serve(sys.stdin, sys.stdout)
        return
    point, separator, *args = argv
    if separator != "--" or point not in POINTS:
        raise SystemExit(
            f"usage: crash_driver.py {{--serve | POINT -- WIRETRACE-ARGS...}}; POINT in {', '.join(POINTS)}"
        )
    code = run_cli(point, args)
    # The run ended without meeting its crash point: say so, and the test fails on it.
    raise SystemExit(f"crash point {point} was never reached (the run exited {code})")


if __name__ == "__main__":
    main(sys.argv[1:])
