"""One demo warehouse for the UI suites (built once by `wiretrace run --demo`), and a hostile copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner
from ui_support import PLANTED_IMG, PLANTED_SCRIPT, SCALE_AI, Hostile

from wiretrace.flows.cli import app as cli


@pytest.fixture(scope="session")
def demo_db(prefect_harness, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("ui-demo") / "wiretrace.duckdb"
    result = CliRunner().invoke(cli, ["run", "--demo", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def hostile(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    """A copy of the demo whose Scale AI claim, its sentences, headlines and an outlet's name are markup."""
    db = tmp_path_factory.mktemp("ui-hostile") / "wiretrace.duckdb"
    shutil.copyfile(demo_db, db)
    with duckdb.connect(str(db)) as conn:
        (cluster_id,) = conn.execute(
            "SELECT cluster_id FROM corroboration WHERE starts_with(text, ?)", [SCALE_AI]
        ).fetchone()  # type: ignore[misc]
        conn.execute(
            "UPDATE corroboration SET text = ? || text WHERE cluster_id = ?",
            [PLANTED_SCRIPT, cluster_id],
        )
        conn.execute(
            "UPDATE claims SET text = ? || text WHERE claim_id IN "
            "(SELECT claim_id FROM claim_clusters WHERE cluster_id = ?)",
            [PLANTED_SCRIPT, cluster_id],
        )
        conn.execute(
            "UPDATE articles SET title = ? || title, url = 'javascript:alert(1)' WHERE version_id IN "
            "(SELECT c.version_id FROM claims c JOIN claim_clusters USING (claim_id) "
            "WHERE cluster_id = ? AND c.outlet_id = 'cna')",
            [PLANTED_IMG, cluster_id],
        )
        conn.execute("UPDATE stories SET headline = ? || headline", [PLANTED_IMG])
        conn.execute("UPDATE outlets SET name = ? WHERE outlet_id = 'cna'", [PLANTED_IMG])
    return Hostile(db, cluster_id, "cna")
