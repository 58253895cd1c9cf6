"""The queries that the pipeline, the CLI and the reports read: named, parameterised, in one place."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

import duckdb

from wiretrace.records import ArticleInfo, Attribution, Claim, Quantity

FEED_VALIDATORS = """
SELECT feed_url, coalesce(etag, ''), coalesce(last_modified, ''), coalesce(body_sha256, ''),
       consecutive_failures
FROM feed_state
"""
# The newest successful fetch of each page URL: what a conditional GET sends back.
PAGE_VALIDATORS = """
SELECT url, coalesce(etag, ''), coalesce(last_modified, ''), coalesce(body_sha256, '')
FROM (
    SELECT *, row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC) AS rn
    FROM fetches WHERE purpose = 'page' AND status = 200 AND error IS NULL
) WHERE rn = 1
"""
# The first archived capture of each payload, for WARC revisit records.
FIRST_CAPTURES = """
SELECT body_sha256, any_value(final_url ORDER BY fetched_at), min(fetched_at)
FROM fetches WHERE body_sha256 <> '' AND warc_file <> '' AND body_size > 0
GROUP BY body_sha256
"""
LATEST_CLAIMS = """
SELECT c.claim_id, c.article_id, c.version_id, c.outlet_id, c.position, c.start_offset,
       c.end_offset, c.text, c.norm_text, c.published_at
FROM claims c JOIN latest_articles a USING (version_id)
ORDER BY c.claim_id
"""
PREVIOUS_CLAIMS = """
SELECT c.claim_id, c.article_id, c.version_id, c.outlet_id, c.position, c.start_offset,
       c.end_offset, c.text, c.norm_text, c.published_at
FROM claims c
WHERE c.version_id NOT IN (SELECT version_id FROM latest_articles)
ORDER BY c.claim_id
"""
ARTICLE_INFO = """
SELECT a.article_id, a.outlet_id, coalesce(a.credit, ''), a.published_source,
       coalesce(list_sort(list_distinct(list(t.cited) FILTER (WHERE t.kind = 'outlet'))), [])
FROM latest_articles a
LEFT JOIN claims c USING (version_id)
LEFT JOIN claim_attributions t USING (claim_id)
GROUP BY ALL
"""
QUANTITIES = """
SELECT claim_id, kind, value, unit, raw, coalesce(qualifier, ''), start_offset, end_offset
FROM claim_quantities ORDER BY claim_id, idx
"""
ATTRIBUTIONS = (
    "SELECT claim_id, cited, kind, cue, raw FROM claim_attributions ORDER BY claim_id, idx"
)
TABLE_COUNTS = """
SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name
"""


def feed_validators(conn: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str, str, int]]:
    return {
        row[0]: (row[1], row[2], row[3], row[4]) for row in conn.execute(FEED_VALIDATORS).fetchall()
    }


def page_validators(conn: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str, str]]:
    return {row[0]: (row[1], row[2], row[3]) for row in conn.execute(PAGE_VALIDATORS).fetchall()}


def first_captures(conn: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, datetime]]:
    return {row[0]: (row[1], row[2]) for row in conn.execute(FIRST_CAPTURES).fetchall()}


def claims_for_matching(
    conn: duckdb.DuckDBPyConnection,
) -> tuple[list[Claim], list[Claim], dict[str, ArticleInfo]]:
    """Claims of the latest article versions, claims of earlier versions, and article facts."""
    quantities: dict[str, list[Quantity]] = defaultdict(list)
    for cid, kind, value, unit, raw, qualifier, start, end in conn.execute(QUANTITIES).fetchall():
        quantities[cid].append(Quantity(kind, value, unit, raw, qualifier, start or 0, end or 0))
    attributions: dict[str, list[Attribution]] = defaultdict(list)
    for cid, cited, kind, cue, raw in conn.execute(ATTRIBUTIONS).fetchall():
        attributions[cid].append(Attribution(cited, kind, cue, raw))

    def build(rows: list[tuple[Any, ...]]) -> list[Claim]:
        return [
            Claim(
                claim_id=r[0],
                article_id=r[1],
                version_id=r[2],
                outlet_id=r[3],
                position=r[4],
                start=r[5],
                end=r[6],
                text=r[7],
                norm_text=r[8],
                published_at=r[9],
                quantities=tuple(quantities.get(r[0], ())),
                attributions=tuple(attributions.get(r[0], ())),
            )
            for r in rows
        ]

    latest = build(conn.execute(LATEST_CLAIMS).fetchall())
    previous = build(conn.execute(PREVIOUS_CLAIMS).fetchall())
    articles = {
        row[0]: ArticleInfo(row[0], row[1], row[2], row[3], tuple(row[4]))
        for row in conn.execute(ARTICLE_INFO).fetchall()
    }
    return latest, previous, articles


def table_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    names = [row[0] for row in conn.execute(TABLE_COUNTS).fetchall()]
    counts = {}
    for name in names:
        # Names come from the catalogue, not from input.
        counts[name] = conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]  # type: ignore[index]
    return counts


CLAIMS_LIST = """
SELECT s.cluster_id, s.text, s.verdict, s.reason, s.outlets, s.independent_sources, s.sources,
       s.first_outlet, s.first_published_at, s.first_time_source, s.numbers_agree, s.n_mentions
FROM claim_summary s
WHERE ($verdict IS NULL OR s.verdict = $verdict)
  AND ($outlet IS NULL OR list_contains(s.outlets, $outlet))
  AND ($search IS NULL OR s.cluster_id IN (
        SELECT cluster_id FROM claim_mentions
        WHERE contains(lower(sentence), lower($search))))
  AND ($since IS NULL OR s.first_published_at >= $since)
ORDER BY s.n_outlets DESC, s.first_published_at, s.cluster_id
"""
CLAIM_COLUMNS = (
    "id",
    "text",
    "verdict",
    "reason",
    "outlets",
    "independent_sources",
    "sources",
    "first_outlet",
    "first_published_at",
    "first_time_source",
    "numbers_agree",
    "mentions",
)


def list_claims(
    conn: duckdb.DuckDBPyConnection,
    *,
    verdict: str | None = None,
    outlet: str | None = None,
    search: str | None = None,
    since: datetime | None = None,
    min_outlets: int = 1,
) -> list[dict[str, Any]]:
    rows = conn.execute(
        CLAIMS_LIST, {"verdict": verdict, "outlet": outlet, "search": search, "since": since}
    ).fetchall()
    return [
        dict(zip(CLAIM_COLUMNS, row, strict=True)) for row in rows if len(row[4]) >= min_outlets
    ]


MENTIONS = """
SELECT m.claim_id, m.outlet_id, o.name, o.timezone, m.headline, m.url, m.published_at,
       m.published_source, m.start_offset, m.end_offset, m.sentence, m.version_id,
       m.version_id IN (SELECT version_id FROM latest_articles) AS is_latest,
       f.fetch_id, f.fetched_at, f.warc_file, f.warc_offset, f.warc_record_id, f.body_sha256,
       a.credit, a.dateline
FROM claim_mentions m
LEFT JOIN outlets o USING (outlet_id)
LEFT JOIN fetches f ON f.fetch_id = m.fetch_id
LEFT JOIN articles a ON a.version_id = m.version_id
WHERE m.cluster_id = ?
ORDER BY m.published_at NULLS LAST, m.outlet_id, m.claim_id
"""
MENTION_COLUMNS = (
    "claim_id",
    "outlet_id",
    "outlet",
    "timezone",
    "headline",
    "url",
    "published_at",
    "time_source",
    "start",
    "end",
    "sentence",
    "version_id",
    "latest",
    "fetch_id",
    "fetched_at",
    "warc_file",
    "warc_offset",
    "warc_record_id",
    "payload_sha256",
    "credit",
    "dateline",
)
CLUSTER_QUANTITIES = """
SELECT m.outlet_id, q.claim_id, q.kind, q.value, q.unit, q.raw, q.qualifier
FROM claim_quantities q JOIN claim_mentions m USING (claim_id)
WHERE m.cluster_id = ? ORDER BY m.outlet_id, q.claim_id, q.idx
"""
CLUSTER_LINEAGE = """
SELECT DISTINCT l.article_id, l.source_outlet, l.source_article_id, l.kind, l.evidence
FROM lineage l WHERE l.article_id IN (SELECT article_id FROM claim_mentions WHERE cluster_id = ?)
ORDER BY l.article_id, l.kind, l.source_outlet
"""


def claim_report(conn: duckdb.DuckDBPyConnection, cluster_id: str) -> dict[str, Any] | None:
    """Everything one claim's report shows; None when the cluster id is unknown."""
    rows = list_claims_by_id(conn, cluster_id)
    if not rows:
        return None
    summary = rows[0]
    mentions = [
        dict(zip(MENTION_COLUMNS, row, strict=True))
        for row in conn.execute(MENTIONS, [cluster_id]).fetchall()
    ]
    quantities = [
        {
            "outlet_id": r[0],
            "claim_id": r[1],
            "kind": r[2],
            "value": r[3],
            "unit": r[4],
            "raw": r[5],
            "qualifier": r[6],
        }
        for r in conn.execute(CLUSTER_QUANTITIES, [cluster_id]).fetchall()
    ]
    lineage = [
        {
            "article_id": r[0],
            "source_outlet": r[1],
            "source_article_id": r[2],
            "kind": r[3],
            "evidence": r[4],
        }
        for r in conn.execute(CLUSTER_LINEAGE, [cluster_id]).fetchall()
    ]
    return {**summary, "mentions": mentions, "quantities": quantities, "lineage": lineage}


def list_claims_by_id(conn: duckdb.DuckDBPyConnection, cluster_id: str) -> list[dict[str, Any]]:
    sql = CLAIMS_LIST.replace("WHERE ($verdict", "WHERE s.cluster_id = $id AND ($verdict")
    rows = conn.execute(
        sql, {"id": cluster_id, "verdict": None, "outlet": None, "search": None, "since": None}
    ).fetchall()
    return [dict(zip(CLAIM_COLUMNS, row, strict=True)) for row in rows]


def verdict_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    rows = conn.execute("SELECT verdict, count(*) FROM corroboration GROUP BY verdict").fetchall()
    return {str(v): int(n) for v, n in rows}
