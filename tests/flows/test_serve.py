"""`wiretrace serve`: scheduled runs through a real local Prefect server; prefect.yaml deploys."""

from __future__ import annotations

import importlib
import inspect
import os
import signal
import subprocess
from pathlib import Path

import pytest
import yaml
from run_support import WIRETRACE, NewsSite, child_env, query, wait_for
from typer.testing import CliRunner

from wiretrace.flows.cli import app
from wiretrace.flows.serve import LocalPrefectServer, ServeError, check_schedule, prefect_api

REPO = Path(__file__).resolve().parents[2]


def _processes_with_home(home: Path) -> list[int]:
    """Processes whose PREFECT_HOME is `home`: the server and flow runs `serve` started."""
    needle = f"PREFECT_HOME={home}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if needle in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def _completed_runs(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        return query(db, "SELECT count(*) FROM runs WHERE status = 'completed'")[0][0]
    except Exception:  # the file is held by a run writing, or not yet migrated
        return 0


@pytest.mark.e2e
def test_serve_runs_the_pipeline_on_its_schedule_and_stops_cleanly(tmp_path: Path):
    site = NewsSite(articles=3)
    home = tmp_path / "prefect-home"
    db = tmp_path / "w.duckdb"
    env = child_env(PREFECT_HOME=str(home))
    env.pop("PREFECT_API_URL", None)  # no server given: serve starts its own
    log = tmp_path / "serve.log"  # a file, not a pipe: a full pipe would stall serve
    with open(log, "w") as out:
        serve = subprocess.Popen(
            [
                *(str(WIRETRACE), "serve", "--sources", str(site.outlets_file(tmp_path))),
                *("--db", str(db), "--interval", "5", "--per-host-delay", "0"),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=tmp_path,
            start_new_session=True,
        )
    try:
        wait_for(
            lambda: _completed_runs(db) >= 2 or serve.poll() is not None,
            timeout=300,
            every=1.0,
            what="two scheduled runs to complete",
        )
        assert serve.poll() is None, log.read_text()
        assert _processes_with_home(home), "the local Prefect server should be running"
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=90)
    finally:
        if serve.poll() is None:
            os.killpg(serve.pid, signal.SIGKILL)
            serve.wait()
        leftovers = _processes_with_home(home)
        for pid in leftovers:
            os.kill(pid, signal.SIGKILL)
        site.stop()
    output = " ".join(log.read_text().split())
    assert "starting a local Prefect server on 127.0.0.1" in output
    assert output.endswith("stopped")
    assert leftovers == [], "serve must stop the Prefect server and its flow runs"
    runs = query(db, "SELECT status, counts->>'articles_new' FROM runs ORDER BY started_at")
    completed = [r for r in runs if r[0] == "completed"]
    assert len(completed) >= 2
    assert completed[0][1] == "3" and all(n == "0" for _, n in completed[1:])


def test_schedule_needs_exactly_one_of_cron_or_interval():
    with pytest.raises(ServeError, match="one of them"):
        check_schedule(None, None)
    with pytest.raises(ServeError, match="one of them"):
        check_schedule("*/15 * * * *", 60)
    with pytest.raises(ServeError, match="positive"):
        check_schedule(None, 0)
    with pytest.raises(ServeError, match="not a cron expression"):
        check_schedule("every tuesday", None)
    check_schedule("*/15 * * * *", None)
    check_schedule(None, 900)


def test_serve_uses_the_prefect_server_the_user_set(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("PREFECT_API_URL", "http://prefect.example:4200/api")
    started = []
    monkeypatch.setattr(LocalPrefectServer, "start", lambda self, **kw: started.append(self))
    with prefect_api(tmp_path) as api:
        assert api == "http://prefect.example:4200/api"
    assert started == []


def test_a_server_that_dies_at_start_is_reported_with_its_log(monkeypatch, tmp_path: Path):
    server = LocalPrefectServer(tmp_path)
    monkeypatch.setattr("sys.executable", "/bin/false")  # neither `prefect` nor python: exits 1
    with pytest.raises(ServeError, match="exited with code"):
        server.start(timeout=30)


def test_prefect_yaml_deploys_the_pipeline_flow_with_parameters_it_accepts():
    from wiretrace.flows.pipeline import pipeline_flow

    config = yaml.safe_load((REPO / "prefect.yaml").read_text())
    (deployment,) = config["deployments"]
    # A module-path entrypoint: found wherever the package is installed, not only in a checkout.
    module, name = deployment["entrypoint"].split(":")
    assert getattr(importlib.import_module(module), name) is pipeline_flow
    signature = inspect.signature(pipeline_flow.fn)
    signature.bind(**deployment["parameters"])  # every parameter is one the flow takes
    assert (REPO / deployment["parameters"]["outlets_file"]).is_file()
    assert deployment["schedules"][0]["cron"] and deployment["concurrency_limit"] == 1
    assert deployment["work_pool"]["name"] == "wiretrace"


OUTLETS = """
[[outlet]]
id = "local"
name = "Local"
allow_private = true
feeds = ["http://127.0.0.1:9/feed.xml"]
"""


@pytest.fixture
def serve_here(monkeypatch, tmp_path: Path):
    """`wiretrace serve` in this process against a Prefect API the test names; nothing started.

    `stop_children` is held back: in this process it would stop the test session's own children.
    """
    outlets = tmp_path / "outlets.toml"
    outlets.write_text(OUTLETS)
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect-home"))
    monkeypatch.setattr("wiretrace.flows.serve.stop_children", lambda **_: None)
    started = []
    monkeypatch.setattr(LocalPrefectServer, "start", lambda self, **kw: started.append(self))

    def serve(*args: str):
        db = tmp_path / "w.duckdb"
        result = CliRunner().invoke(
            app, ["serve", "--outlets", str(outlets), "--db", str(db), *args]
        )
        assert started == [], "a Prefect API was given: no server may be started"
        return result

    return serve


def test_serve_cron_hands_the_cron_expression_to_the_schedule(serve_here, monkeypatch, tmp_path):
    monkeypatch.setenv("PREFECT_API_URL", "http://prefect.example:4200/api")
    calls = []
    monkeypatch.setattr(
        "wiretrace.flows.serve.serve_pipeline", lambda **kwargs: calls.append(kwargs)
    )
    result = serve_here("--cron", "*/15 * * * *")
    assert result.exit_code == 0, result.output
    assert "(cron '*/15 * * * *')" in " ".join(result.output.split())
    (call,) = calls
    assert call["cron"] == "*/15 * * * *" and call["interval"] is None
    assert call["parameters"]["db"] == str((tmp_path / "w.duckdb").resolve())
    assert call["parameters"]["outlets_file"] == str((tmp_path / "outlets.toml").resolve())

    calls.clear()
    result = serve_here("--interval", "900")
    assert result.exit_code == 0, result.output
    assert calls[0]["cron"] is None and calls[0]["interval"] == 900


def test_serve_refuses_a_bad_cron_before_serving(serve_here, monkeypatch):
    monkeypatch.setenv("PREFECT_API_URL", "http://prefect.example:4200/api")
    monkeypatch.setattr(
        "wiretrace.flows.serve.serve_pipeline", lambda **kwargs: pytest.fail("served")
    )
    result = serve_here("--cron", "61 * * * *")
    assert result.exit_code == 2 and "is not a cron expression" in result.output


@pytest.mark.e2e
def test_serve_cron_registers_a_deployment_scheduled_by_that_cron(
    prefect_harness, serve_here, monkeypatch, tmp_path
):
    # The real flow.serve registers the deployment with the Prefect server; only the runner's
    # polling loop is held back, so nothing waits for the schedule to fire.
    from prefect.client.orchestration import get_client
    from prefect.runner import Runner
    from prefect.settings import PREFECT_API_URL

    async def no_polling(self, *args, **kwargs):
        return None

    monkeypatch.setattr(Runner, "start", no_polling)
    monkeypatch.setenv("PREFECT_API_URL", PREFECT_API_URL.value())
    result = serve_here("--cron", "*/15 * * * *", "--name", "cron-test")
    assert result.exit_code == 0, result.output
    with get_client(sync_client=True) as client:
        deployment = client.read_deployment_by_name("wiretrace-pipeline/cron-test")
    (schedule,) = deployment.schedules
    assert schedule.active and schedule.schedule.cron == "*/15 * * * *"
    assert deployment.parameters["db"] == str((tmp_path / "w.duckdb").resolve())
    # UTC, as `serve --help` says of --cron.
    assert schedule.schedule.timezone in (None, "UTC"), schedule.schedule.timezone
