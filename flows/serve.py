"""`wiretrace serve`: the pipeline on a Prefect schedule, with a local Prefect server when none is set.

Prefect's temporary server cannot schedule (`flow.serve` on it warns and never runs), so when
`PREFECT_API_URL` is not set, `serve` starts `prefect server start` on 127.0.0.1 (a free port,
its database in the data dir's `.wiretrace-prefect/`), waits until it answers `/api/health`,
serves the flow against it, and stops it on exit (Ctrl-C or SIGTERM).
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from types import FrameType
from typing import Annotated, Any

import typer

from wiretrace.flows.common import DEFAULT_DB, DbOption, err, fail, prefect_defaults
from wiretrace.flows.options import (
    DaskAddressOption,
    DaskWorkersOption,
    DemoOption,
    FetchConcurrencyOption,
    ForceOption,
    OptionError,
    OutletsOption,
    PerHostDelayOption,
    RunOptions,
    UserAgentOption,
    VerboseOption,
    WindowOption,
)

LOGGER = logging.getLogger(__name__)
DEPLOYMENT_NAME = "wiretrace-scheduled"
SERVER_HEALTH_TIMEOUT = 120.0  # about 13 s on an idle 2-core machine; much more under load
SERVER_STOP_TIMEOUT = 20.0
CHILD_STOP_GRACE = 5.0  # seconds a flow run still going at shutdown gets to finish
# Our own server only: look nothing up online, schedule promptly, keep the UI off.
SERVER_SETTINGS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_UI_ENABLED": "false",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "10",
}
PR_SET_PDEATHSIG = 1


class ServeError(RuntimeError):
    """The schedule could not be served; the message says why in one line."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Ask Linux to stop the server if `serve` itself is killed outright (SIGKILL)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


class LocalPrefectServer:
    """`prefect server start --host 127.0.0.1 --port PORT` as a child process group."""

    def __init__(self, home: Path, *, port: int = 0) -> None:
        self.home = home
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = home / "server.log"

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def start(self, *, timeout: float = SERVER_HEALTH_TIMEOUT) -> str:
        """Start the server and wait until it is healthy; returns its API URL."""
        self.home.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
        env.update(SERVER_SETTINGS, PREFECT_HOME=str(self.home))
        prefect = Path(sys.executable).with_name("prefect")
        command = [str(prefect)] if prefect.exists() else [sys.executable, "-m", "prefect"]
        command += ["server", "start", "--host", "127.0.0.1", "--port", str(self.port)]
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,  # its own process group: stopped as a whole
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
            )
        self._wait_healthy(timeout)
        return self.api_url

    def _wait_healthy(self, timeout: float) -> None:
        import httpx

        assert self.process is not None
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise ServeError(
                    f"the local Prefect server exited with code {self.process.returncode} "
                    f"before it was healthy (log: {self.log_path}){self._log_tail()}"
                )
            try:
                if httpx.get(f"{self.api_url}/health", timeout=2.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() >= deadline:
                self.stop()
                raise ServeError(
                    f"the local Prefect server did not answer {self.api_url}/health within "
                    f"{timeout:g}s (log: {self.log_path})"
                )
            time.sleep(0.5)

    def _log_tail(self) -> str:
        try:
            lines = self.log_path.read_text(errors="replace").strip().splitlines()
        except OSError:
            return ""
        return f": {lines[-1]}" if lines else ""

    def stop(self) -> None:
        """SIGTERM to the server's process group, then SIGKILL if it has not gone in 20 s."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        for sig, wait in ((signal.SIGTERM, SERVER_STOP_TIMEOUT), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                return
            try:
                process.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        # Anything it left in its group (it should leave nothing) goes too.
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)

    def __enter__(self) -> LocalPrefectServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextmanager
def prefect_api(home: Path, *, announce: Any = None) -> Iterator[str]:
    """The Prefect API to serve against: `PREFECT_API_URL` if set, else a local server we run."""
    given = os.environ.get("PREFECT_API_URL")
    if given:
        yield given
        return
    server = LocalPrefectServer(home)
    if announce:
        announce(
            f"starting a local Prefect server on 127.0.0.1:{server.port} (log: {server.log_path})"
        )
    with server:
        os.environ["PREFECT_API_URL"] = server.api_url  # flow runs inherit it
        try:
            yield server.api_url
        finally:
            os.environ.pop("PREFECT_API_URL", None)


def _children() -> list[int]:
    """This process's live child processes (flow runs the Prefect runner started), from /proc."""
    me = str(os.getpid())
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == me and fields[0] != "Z":  # ppid; a zombie is already gone
            found.append(int(entry.name))
    return found


def stop_children(*, grace: float = CHILD_STOP_GRACE) -> None:
    """Let child processes finish for `grace` seconds, then SIGTERM, then SIGKILL: `serve`
    never leaves a flow run behind it (a run killed so is marked abandoned by the next)."""
    deadline = time.monotonic() + grace
    for sig in (None, signal.SIGTERM, signal.SIGKILL):
        if sig is not None:
            for pid in _children():
                with suppress(ProcessLookupError):
                    os.kill(pid, sig)
            deadline = time.monotonic() + 5.0
        while _children() and time.monotonic() < deadline:
            with suppress(ChildProcessError):
                os.waitpid(-1, os.WNOHANG)
            time.sleep(0.2)
        if not _children():
            return


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """SIGTERM ends `serve` like Ctrl-C, so every `finally` runs (the server is stopped)."""

    def handle(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handle)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def check_schedule(cron: str | None, interval: float | None) -> None:
    """Exactly one of a cron expression or a positive interval; a bad cron fails here."""
    if (cron is None) == (interval is None):
        raise ServeError("give --cron EXPR or --interval SECONDS (one of them)")
    if interval is not None and interval <= 0:
        raise ServeError("--interval must be a positive number of seconds")
    if cron is not None:
        from prefect.client.schemas.schedules import CronSchedule

        try:
            CronSchedule(cron=cron)
        except ValueError as exc:  # pydantic's ValidationError: keep its reason, on one line
            errors = getattr(exc, "errors", None)
            reason = errors()[0]["msg"] if callable(errors) else str(exc)
            raise ServeError(f"--cron {cron!r} is not a cron expression ({reason})") from None


def serve_pipeline(
    *,
    parameters: dict[str, Any],
    cron: str | None,
    interval: float | None,
    name: str = DEPLOYMENT_NAME,
) -> None:
    """Register the pipeline's deployment with its schedule and run its flow runs until stopped.

    One run at a time here (`limit=1`); the run lock also keeps out `wiretrace run`.
    """
    from prefect.settings import PREFECT_API_URL, temporary_settings
    from prefect.types.entrypoint import EntrypointType

    from wiretrace.flows.pipeline import pipeline_flow

    with temporary_settings({PREFECT_API_URL: os.environ["PREFECT_API_URL"]}):
        pipeline_flow.serve(
            name=name,
            cron=cron,
            interval=interval,
            parameters=parameters,
            limit=1,
            print_starting_message=False,
            entrypoint_type=EntrypointType.MODULE_PATH,  # found wherever serve was started
            description="wiretrace: poll every outlet through to corroboration tables",
            tags=["wiretrace"],
        )


def serve_command(
    db: DbOption = DEFAULT_DB,
    cron: Annotated[
        str | None, typer.Option(help='Run on a cron schedule, e.g. "*/15 * * * *" (UTC).')
    ] = None,
    interval: Annotated[float | None, typer.Option(help="Run every SECONDS seconds.")] = None,
    demo: DemoOption = False,
    outlets: OutletsOption = None,
    name: Annotated[str, typer.Option(help="Name of the Prefect deployment.")] = DEPLOYMENT_NAME,
    wait: Annotated[
        float,
        typer.Option(help="Seconds a scheduled run waits for another run on the same db."),
    ] = 600.0,
    per_host_delay: PerHostDelayOption = None,
    fetch_concurrency: FetchConcurrencyOption = 4,
    dask_address: DaskAddressOption = None,
    workers: DaskWorkersOption = 0,
    window_days: WindowOption = 7.0,
    force: ForceOption = False,
    user_agent: UserAgentOption = None,
    verbose: VerboseOption = False,
) -> None:
    """Run the pipeline on a schedule with Prefect (flow.serve) until Ctrl-C or SIGTERM.

    Uses the Prefect server in PREFECT_API_URL, or starts one on 127.0.0.1 and stops it on exit.
    Every scheduled run takes the same options as `wiretrace run`, Dask included.
    """
    from wiretrace.sources.config import ConfigError, default_outlets_path, load_outlets

    if demo and outlets:
        raise fail("use --demo or --outlets, not both", 2)
    db = db.resolve()  # flow runs may start in another directory
    prefect_defaults(db, verbose=verbose)  # before anything imports Prefect
    try:
        check_schedule(cron, interval)
        options = RunOptions(
            per_host_delay=per_host_delay,
            fetch_concurrency=fetch_concurrency,
            window_days=window_days,
            user_agent=user_agent,
            force=force,
            dask_address=dask_address,
            dask_workers=workers,
            lock_wait=wait,
        ).checked()
    except (ServeError, OptionError) as exc:
        raise fail(str(exc), 2) from None
    parameters: dict[str, Any] = {"db": str(db), **options.flow_parameters(demo=demo)}
    schedule = f"cron {cron!r}" if cron else f"every {interval:g}s"
    try:
        with ExitStack() as stack, stop_on_sigterm(), _demo_site(demo) as demo_site:
            if demo_site is not None:
                parameters.update(demo_site)
            else:
                path = (outlets or default_outlets_path()).resolve()
                load_outlets(path)  # fail fast, before any server starts, on a bad file
                parameters.update(outlets_file=str(path), label=str(path))
            home = Path(os.environ["PREFECT_HOME"])
            stack.callback(stop_children)  # flow runs still going once serving has stopped
            with prefect_api(home, announce=lambda m: err.print(m, highlight=False)) as api:
                err.print(
                    f"serving deployment 'wiretrace-pipeline/{name}' ({schedule}) against {api}; "
                    f"writing {db}. Ctrl-C to stop.",
                    highlight=False,
                )
                serve_pipeline(parameters=parameters, cron=cron, interval=interval, name=name)
    except KeyboardInterrupt:
        pass
    except (ConfigError, ServeError) as exc:
        raise fail(str(exc)) from None
    err.print("stopped", highlight=False)


@contextmanager
def _demo_site(demo: bool) -> Iterator[dict[str, Any] | None]:
    """With --demo: the demo news wire (its newest edition) served here while `serve` runs."""
    if not demo:
        yield None
        return
    from wiretrace.sources.demo import DEMO_BASE, DemoServer, demo_editions, demo_root

    with DemoServer() as server:
        server.edition = demo_editions()[-1]
        yield {
            "outlets_file": str(demo_root() / "outlets.toml"),
            "label": "demo",
            "base_url": DEMO_BASE,
            "resolve": server.resolve,
        }
