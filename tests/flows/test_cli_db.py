"""`--db` and WIRETRACE_DB: the environment variable picks the warehouse a command uses."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from wiretrace.flows.cli import app
from wiretrace.warehouse.db import open_db

RUNS = "SELECT label FROM runs ORDER BY label"


def _warehouse(path: Path, label: str) -> Path:
    """A migrated warehouse holding one run, whose label says which file it is."""
    with open_db(path) as conn:
        conn.execute(
            "INSERT INTO runs (run_id, started_at, status, label) VALUES (?, ?, 'completed', ?)",
            [f"run-{label}", datetime(2025, 6, 13, tzinfo=UTC), label],
        )
    return path


def _labels(*args: str, env: dict[str, str] | None = None) -> list[str]:
    result = CliRunner().invoke(app, ["sql", RUNS, "--format", "json", *args], env=env)
    assert result.exit_code == 0, result.output
    return [row["label"] for row in json.loads(result.stdout)]


@pytest.fixture
def warehouses(tmp_path: Path, monkeypatch) -> dict[str, Path]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WIRETRACE_DB", raising=False)
    return {
        "default": _warehouse(tmp_path / "wiretrace.duckdb", "default"),
        "env": _warehouse(tmp_path / "from-env.duckdb", "env"),
        "flag": _warehouse(tmp_path / "from-flag.duckdb", "flag"),
    }


def test_wiretrace_db_picks_the_warehouse(warehouses):
    assert _labels() == ["default"]  # ./wiretrace.duckdb without either
    assert _labels(env={"WIRETRACE_DB": str(warehouses["env"])}) == ["env"]


def test_the_db_flag_wins_over_wiretrace_db(warehouses):
    env = {"WIRETRACE_DB": str(warehouses["env"])}
    assert _labels("--db", str(warehouses["flag"]), env=env) == ["flag"]


@pytest.mark.parametrize("command", [["claims"], ["stories"], ["report", "c0"], ["sql", RUNS]])
def test_every_reading_command_looks_where_wiretrace_db_says(warehouses, tmp_path, command):
    # ./wiretrace.duckdb exists; a WIRETRACE_DB naming a missing file is the one looked for.
    nowhere = tmp_path / "nowhere.duckdb"
    result = CliRunner().invoke(app, command, env={"WIRETRACE_DB": str(nowhere)})
    assert result.exit_code == 1
    assert f"no warehouse at {nowhere}" in " ".join(result.output.split())
    assert not nowhere.exists()
