"""`wiretrace export DIR`: the committed corroboration tables as Parquet files for other tools."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from wiretrace.flows.cli import app
from wiretrace.records import Article, Claim, Corroboration, Quantity
from wiretrace.warehouse.db import open_db
from wiretrace.warehouse.export import EXPORTS
from wiretrace.warehouse.load import (
    IngestBatch,
    MatchResult,
    finish_run,
    load_ingest,
    replace_corroboration,
    start_run,
)

NOW = datetime(2025, 6, 13, 4, 0, tzinfo=UTC)


def _article(n: int) -> Article:
    return Article(
        article_id=f"a{n}",
        version_id=f"v{n}",
        outlet_id="cna",
        url=f"http://x/{n}",
        canonical_url=f"http://x/{n}",
        title=f"Title {n}",
        text="Meta will take a 49% stake in Scale AI.",
        text_sha256=f"s{n}",
        published_at=NOW,
        published_source="page",
    )


def _claim(n: int) -> Claim:
    return Claim(
        claim_id=f"k{n}",
        article_id=f"a{n}",
        version_id=f"v{n}",
        outlet_id="cna",
        position=0,
        start=0,
        end=39,
        text="Meta will take a 49% stake in Scale AI.",
        norm_text="meta will take a 49% stake in scale ai",
        published_at=NOW,
        quantities=(Quantity("percent", 49.0, "%", "49%"),),
    )


@pytest.fixture
def warehouse(fresh_db: Path) -> Path:
    """Two articles of a finished run, and a third of a run that died before it committed."""
    with open_db(fresh_db) as conn:
        start_run(conn, "r1", "test")
        load_ingest(
            conn,
            IngestBatch(
                run_id="r1", articles=[_article(1), _article(2)], claims=[_claim(1), _claim(2)]
            ),
        )
        cluster = Corroboration(
            cluster_id="c1",
            member_claim_ids=("k1", "k2"),
            text="Meta will take a 49% stake in Scale AI.",
            outlets=("cna",),
            independent_sources=1,
            sources=("cna",),
            first_outlet="cna",
            first_published_at=NOW,
            first_time_source="page",
            numbers_agree=True,
            verdict="single-source",
            reason="one outlet",
        )
        replace_corroboration(
            conn,
            MatchResult(clusters={"k1": "c1", "k2": "c1"}, corroboration=[cluster]),
        )
        finish_run(conn, "r1", status="completed", counts={}, errors=[])
        start_run(conn, "r2", "test")
        load_ingest(conn, IngestBatch(run_id="r2", articles=[_article(3)], claims=[_claim(3)]))
    return fresh_db


def test_export_writes_one_parquet_file_per_table_with_committed_rows_only(
    warehouse: Path, tmp_path: Path
):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["export", str(out), "--db", str(warehouse)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{t}.parquet" for t in EXPORTS] + ["manifest.json"]
    )
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["format"] == "parquet"
    with duckdb.connect() as conn:

        def rows(table: str) -> list[tuple]:
            return conn.execute(f"SELECT * FROM '{out / table}.parquet' ORDER BY 1").fetchall()

        assert [r[0] for r in rows("articles")] == ["v1", "v2"]  # not the dead run's v3
        assert [r[0] for r in rows("claims")] == ["k1", "k2"]
        assert len(rows("claim_quantities")) == 2
        assert rows("corroboration")[0][0] == "c1"
        assert {r[0]: r[3] for r in rows("runs")} == {"r1": "completed", "r2": "running"}
        outlets = conn.execute(f"SELECT outlets FROM '{out}/corroboration.parquet'").fetchone()
        assert outlets == (["cna"],)  # lists stay lists
        for table, entry in manifest["tables"].items():
            count = conn.execute(f"SELECT count(*) FROM '{out / entry['file']}'").fetchone()
            assert count == (entry["rows"],), table


def test_export_as_csv_and_again_over_an_earlier_export(warehouse: Path, tmp_path: Path):
    out = tmp_path / "out"
    for _ in range(2):  # a second export replaces the files in place
        result = CliRunner().invoke(
            app, ["export", str(out), "--db", str(warehouse), "--format", "csv"]
        )
        assert result.exit_code == 0, result.output
    header = (out / "claims.csv").read_text().splitlines()[0]
    assert header.startswith("claim_id,article_id,version_id")
    assert not list(out.glob(".*partial"))


def test_export_says_what_is_wrong(warehouse: Path, tmp_path: Path):
    bad = CliRunner().invoke(
        app, ["export", str(tmp_path), "--db", str(warehouse), "--format", "xlsx"]
    )
    assert bad.exit_code == 2 and "parquet, csv" in bad.output
    missing = CliRunner().invoke(
        app, ["export", str(tmp_path), "--db", str(tmp_path / "no.duckdb")]
    )
    assert missing.exit_code == 1 and "no warehouse at" in missing.output
