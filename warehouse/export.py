"""Write the warehouse's committed corroboration tables as Parquet (or CSV) files for other tools."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from wiretrace.records import Lineage

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


# ---- provenance: what `export --format prov` writes as W3C PROV-O (reports/prov.py) --------

# Every committed article version with the archived record it was read from, and the version
# before it of the same article (by when wiretrace first saw each).
PROV_VERSIONS = """
SELECT a.version_id, a.article_id, a.outlet_id, a.url, a.title, a.published_at, a.first_seen_at,
       lag(a.version_id) OVER (PARTITION BY a.article_id ORDER BY a.first_seen_at, a.version_id),
       f.fetch_id, f.fetched_at, f.url, f.warc_file, f.warc_offset, f.warc_record_id,
       f.body_sha256
FROM committed_articles a
LEFT JOIN fetches f ON f.fetch_id = a.fetch_id
ORDER BY a.article_id, a.first_seen_at, a.version_id
"""
PROV_OUTLETS = "SELECT outlet_id, name, kind FROM outlets ORDER BY outlet_id"
PROV_CLUSTERS = """
SELECT cluster_id, text, verdict, reason, independent_sources, sources
FROM corroboration ORDER BY cluster_id
"""
PROV_MENTIONS = """
SELECT cc.cluster_id, c.claim_id, c.version_id, c.outlet_id, c.text, c.start_offset,
       c.end_offset, c.published_at, coalesce(cc.source, ''), coalesce(cc.via, '')
FROM claim_clusters cc
JOIN claims c USING (claim_id)
WHERE c.version_id IN (SELECT version_id FROM committed_articles)
ORDER BY cc.cluster_id, c.claim_id
"""
PROV_LINEAGE = """
SELECT article_id, source_article_id, source_outlet, kind, coalesce(evidence, '')
FROM lineage ORDER BY article_id, source_outlet, kind, source_article_id
"""


@dataclass(frozen=True, slots=True)
class ProvVersion:
    """An article version as provenance sees it: who published it, and the bytes behind it."""

    version_id: str
    article_id: str
    outlet_id: str
    url: str
    title: str
    published_at: datetime | None
    first_seen_at: datetime | None
    previous_version_id: str | None  # the version of the same article before this one
    fetch_id: str | None
    fetched_at: datetime | None
    fetched_url: str | None
    warc_file: str | None
    warc_offset: int | None
    warc_record_id: str | None  # "<urn:uuid:...>" as WARC writes it
    payload_sha256: str | None


@dataclass(frozen=True, slots=True)
class ProvOutlet:
    outlet_id: str
    name: str
    kind: str


@dataclass(frozen=True, slots=True)
class ProvCluster:
    """A claim as corroborated: its verdict and the independent sources behind it."""

    cluster_id: str
    text: str
    verdict: str
    reason: str
    independent_sources: int
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ProvMention:
    """One sentence carrying a claim, in one article version."""

    cluster_id: str
    claim_id: str
    version_id: str
    outlet_id: str
    sentence: str
    start: int
    end: int
    published_at: datetime | None
    source: str  # the independent source it counts as
    via: str  # own | quoted | verbatim | credited | attributed | earlier-version


@dataclass(frozen=True, slots=True)
class Provenance:
    """Everything the PROV-O export writes, read in one snapshot of committed data."""

    outlets: tuple[ProvOutlet, ...]
    versions: tuple[ProvVersion, ...]
    clusters: tuple[ProvCluster, ...]
    mentions: tuple[ProvMention, ...]
    lineage: tuple[Lineage, ...]


def provenance(conn: duckdb.DuckDBPyConnection) -> Provenance:
    """Outlets, committed article versions with their archived records, claims, mentions, lineage."""
    conn.execute("BEGIN TRANSACTION")  # one snapshot for every part
    try:
        outlets = tuple(ProvOutlet(*r) for r in conn.execute(PROV_OUTLETS).fetchall())
        versions = tuple(ProvVersion(*r) for r in conn.execute(PROV_VERSIONS).fetchall())
        clusters = tuple(
            ProvCluster(r[0], r[1], r[2], r[3], r[4], tuple(r[5] or ()))
            for r in conn.execute(PROV_CLUSTERS).fetchall()
        )
        mentions = tuple(ProvMention(*r) for r in conn.execute(PROV_MENTIONS).fetchall())
        lineage = tuple(
            Lineage(
                article_id=r[0],
                source_article_id=r[1] or "",
                source_outlet=r[2],
                kind=r[3],
                evidence=r[4],
            )
            for r in conn.execute(PROV_LINEAGE).fetchall()
        )
    finally:
        conn.execute("COMMIT")
    return Provenance(outlets, versions, clusters, mentions, lineage)
