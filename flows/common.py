"""What every `wiretrace` command shares: the consoles, the one-line error exit, `--db`, Prefect defaults."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

console = Console()
err = Console(stderr=True)

DEFAULT_DB = Path("wiretrace.duckdb")
DbOption = Annotated[
    Path,
    typer.Option("--db", envvar="WIRETRACE_DB", help="DuckDB warehouse file.", show_default=True),
]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print `error: message` on stderr and return the exit to raise (1 failed, 2 bad usage)."""
    # The message may quote user input ("[/]"): print it as text, not as Rich markup.
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def prefect_defaults(db_path: Path, *, verbose: bool) -> None:
    """Safe Prefect settings for an offline CLI, never overriding what the user has set."""
    home = db_path.resolve().parent / ".wiretrace-prefect"
    defaults = {
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_UI_ENABLED": "false",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
        "PREFECT_LOGGING_LEVEL": "INFO" if verbose else "WARNING",
        "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
        # Dask's scheduler and workers log every start and stop at INFO.
        "DASK_LOGGING__DISTRIBUTED": "info" if verbose else "warning",
    }
    for key, value in defaults.items():
        os.environ.setdefault(key, value)


@contextmanager
def one_shot_prefect() -> Iterator[None]:
    """Prefect's settings for flow runs started here and waited for (`wiretrace run`): no
    flow-run heartbeats.

    A heartbeat is an event a flow run emits every few minutes from a thread of its own, so a
    server can tell a run whose process died from a long one; it is for runs a worker or
    `flow.serve` starts (`wiretrace serve` keeps them). A run in the foreground of a command
    ends or fails where its user sees it, and ending the heartbeat thread held up the end of
    every run by up to a second (the thread sleeps in 1 s steps, and the run joins it)."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield
