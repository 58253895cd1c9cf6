"""Write the warehouse's committed corroboration tables as Parquet (or CSV) files for other tools."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import duckdb

FORMATS = ("parquet", "csv")
COMMITTED_CLAIMS = (
    "SELECT claim_id FROM claims WHERE version_id IN (SELECT version_id FROM committed_articles)"
)
# One file per table; only data of committed runs (see migration 007), so the files agree with
# each other and with what `wiretrace claims` shows.
EXPORTS = {
    "outlets": "SELECT * FROM outlets ORDER BY outlet_id",
    "runs": "SELECT * FROM runs ORDER BY started_at",
    "articles": "SELECT * FROM committed_articles ORDER BY article_id, first_seen_at",
    "claims": "SELECT * FROM claims WHERE version_id IN (SELECT version_id FROM committed_articles)"
    " ORDER BY claim_id",
    "claim_quantities": f"SELECT * FROM claim_quantities WHERE claim_id IN ({COMMITTED_CLAIMS})"
    " ORDER BY claim_id, idx",
    "claim_attributions": f"SELECT * FROM claim_attributions WHERE claim_id IN ({COMMITTED_CLAIMS})"
    " ORDER BY claim_id, idx",
    "claim_matches": "SELECT * FROM claim_matches ORDER BY claim_a, claim_b",
    "claim_clusters": "SELECT * FROM claim_clusters ORDER BY cluster_id, claim_id",
    "lineage": "SELECT * FROM lineage ORDER BY article_id, source_outlet, kind",
    "corroboration": "SELECT * FROM corroboration ORDER BY cluster_id",
    "figure_disagreements": "SELECT * FROM figure_disagreements"
    " ORDER BY cluster_id, claim_id, idx, other_claim_id, other_idx",
    "stories": "SELECT * FROM stories ORDER BY story_id",
    "story_articles": "SELECT * FROM story_articles ORDER BY story_id, rank",
}
COPY_OPTIONS = {"parquet": "(FORMAT parquet, COMPRESSION zstd)", "csv": "(FORMAT csv, HEADER)"}


def export_tables(
    conn: duckdb.DuckDBPyConnection, out_dir: Path, *, fmt: str = "parquet"
) -> dict[str, int]:
    """One file per table in `out_dir` (`claims.parquet`, ...) and `manifest.json`; rows per table.

    Each file is written next to its final name and renamed into place, so a reader of the
    folder never sees half a file.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    conn.execute("BEGIN TRANSACTION")  # one snapshot for every file
    try:
        for table, sql in EXPORTS.items():
            final = out_dir / f"{table}.{fmt}"
            partial = out_dir / f".{table}.{fmt}.partial"
            # The path is ours, quoted for SQL; the queries are the named constants above.
            target = "'" + str(partial).replace("'", "''") + "'"
            copied = conn.execute(f"COPY ({sql}) TO {target} {COPY_OPTIONS[fmt]}").fetchone()
            os.replace(partial, final)
            counts[table] = int(copied[0]) if copied else 0
    finally:
        conn.execute("COMMIT")
    manifest = {
        "exported_at": datetime.now(UTC).isoformat(),
        "format": fmt,
        "tables": {t: {"file": f"{t}.{fmt}", "rows": n} for t, n in counts.items()},
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return counts
