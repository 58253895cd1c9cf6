"""Scale-out: the pipeline on a local Dask cluster gives the same clusters as the default runner."""

from __future__ import annotations

import json
from pathlib import Path

import dask
import duckdb
import pytest
from dask_task_log import LOG_ENV
from typer.testing import CliRunner

from wiretrace.flows.cli import app

pytestmark = pytest.mark.e2e
CLUSTERS = "SELECT claim_id, cluster_id FROM claim_clusters ORDER BY claim_id"
VERDICTS = "SELECT cluster_id, verdict, independent_sources FROM corroboration ORDER BY cluster_id"
# Loaded into any Dask scheduler started in this process: logs each finished task and its worker.
TASK_LOG = Path(__file__).parents[1] / "support" / "dask_task_log.py"


def _run(db, *extra):
    result = CliRunner().invoke(app, ["run", "--demo", "--db", str(db), "--json", *extra])
    assert result.exit_code == 0, result.output
    with duckdb.connect(str(db), read_only=True) as conn:
        return conn.execute(CLUSTERS).fetchall(), conn.execute(VERDICTS).fetchall()


def test_local_dask_cluster_gives_the_same_clusters_as_the_default_runner(
    prefect_harness, tmp_path, monkeypatch
):
    log = tmp_path / "dask-tasks.jsonl"
    monkeypatch.setenv(LOG_ENV, str(log))
    with dask.config.set({"distributed.scheduler.preload": [str(TASK_LOG)]}):
        default_clusters, default_verdicts = _run(tmp_path / "default.duckdb")
        assert not log.exists()  # no Dask scheduler without --workers
        dask_clusters, dask_verdicts = _run(tmp_path / "dask.duckdb", "--workers", "2")
    assert len(default_clusters) > 200
    assert dask_clusters == default_clusters
    assert dask_verdicts == default_verdicts
    # The work really ran on the cluster's workers: each edition's extraction alone is split
    # into 2 x workers tasks, and every finished task names the worker it ran on.
    tasks = [json.loads(line) for line in log.read_text().splitlines()]
    workers = {t["worker"] for t in tasks}
    assert workers and all(w.startswith("tcp://127.0.0.1:") for w in workers)
    assert len(tasks) >= 4


def test_dask_options_are_exclusive(tmp_path):
    result = CliRunner().invoke(
        app,
        [
            "run",
            "--demo",
            "--db",
            str(tmp_path / "w.duckdb"),
            "--workers",
            "2",
            "--dask-address",
            "tcp://127.0.0.1:1",
        ],
    )
    assert result.exit_code == 2 and "not both" in result.output
