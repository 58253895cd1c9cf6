"""The queries the pipeline and the archive commands read (reports read warehouse/reports.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa

from wiretrace.records import (
    ArchivedFetch,
    ArticleInfo,
    Attribution,
    Claim,
    ClaimMatch,
    Fetch,
    FirstCapture,
    Lineage,
    Outlet,
    Quantity,
    StoryInput,
    Validators,
)

FEED_VALIDATORS = """
SELECT feed_url, coalesce(etag, ''), coalesce(last_modified, ''), coalesce(body_sha256, ''),
       consecutive_failures, next_poll_at, coalesce(parent_url, '')
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
# The pipeline matches and groups latest_loaded_articles (its own unfinished run included);
# readers go through latest_articles, which shows committed runs only (migration 007).
LATEST_CLAIMS = """
SELECT c.claim_id, c.article_id, c.version_id, c.outlet_id, c.position, c.start_offset,
       c.end_offset, c.text, c.norm_text, c.published_at, coalesce(c.dateline_end, 0)
FROM claims c JOIN latest_loaded_articles a USING (version_id)
ORDER BY c.claim_id
"""
PREVIOUS_CLAIMS = """
SELECT c.claim_id, c.article_id, c.version_id, c.outlet_id, c.position, c.start_offset,
       c.end_offset, c.text, c.norm_text, c.published_at, coalesce(c.dateline_end, 0)
FROM claims c
WHERE c.version_id NOT IN (SELECT version_id FROM latest_loaded_articles)
ORDER BY c.claim_id
"""
ARTICLE_INFO = """
SELECT a.article_id, a.outlet_id, coalesce(a.credit, ''), a.published_source,
       coalesce(list_sort(list_distinct(list(t.cited) FILTER (WHERE t.kind = 'outlet'))), [])
FROM latest_loaded_articles a
LEFT JOIN claims c USING (version_id)
LEFT JOIN claim_attributions t USING (claim_id)
GROUP BY ALL
"""
QUANTITIES = """
SELECT claim_id, kind, value, unit, raw, coalesce(qualifier, ''), start_offset, end_offset
FROM claim_quantities ORDER BY claim_id, idx
"""
ATTRIBUTIONS = """
SELECT claim_id, cited, kind, cue, raw, coalesce(source, ''), coalesce(source_kind, ''),
       coalesce(source_key, ''), coalesce(channel, '')
FROM claim_attributions ORDER BY claim_id, idx
"""
TABLE_COUNTS = """
SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name
"""


def feed_validators(conn: duckdb.DuckDBPyConnection) -> dict[str, Validators]:
    """Per feed: etag, last-modified, body sha256, consecutive failures, next poll, parent index."""
    return {row[0]: Validators(*row[1:]) for row in conn.execute(FEED_VALIDATORS).fetchall()}


def page_validators(conn: duckdb.DuckDBPyConnection) -> dict[str, Validators]:
    """Per page URL: the validators of its newest successful fetch."""
    return {
        row[0]: Validators(row[1], row[2], row[3])
        for row in conn.execute(PAGE_VALIDATORS).fetchall()
    }


def first_captures(conn: duckdb.DuckDBPyConnection) -> dict[str, FirstCapture]:
    """Per payload digest: where and when it was first archived (WARC-Date form)."""
    return {
        sha: FirstCapture(uri, when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
        for sha, uri, when in conn.execute(FIRST_CAPTURES).fetchall()
    }


MATCHED_CLAIMS = "SELECT claim_id FROM claim_clusters WHERE coalesce(via, '') <> 'earlier-version'"
EARLIER_MATCHES = "SELECT claim_a, claim_b, score, decision FROM claim_matches"


def earlier_matching(conn: duckdb.DuckDBPyConnection) -> tuple[set[str], list[ClaimMatch]]:
    """Claims the last corroboration already compared, and the matches it found."""
    matched = {row[0] for row in conn.execute(MATCHED_CLAIMS).fetchall()}
    return matched, earlier_matches(conn)


def earlier_matches(conn: duckdb.DuckDBPyConnection) -> list[ClaimMatch]:
    """The matches the last corroboration found."""
    return [ClaimMatch(a, b, s, d) for a, b, s, d in conn.execute(EARLIER_MATCHES).fetchall()]


# ---- what the last corroboration pass stored, for the next to judge only what changed --------

STORED_CLUSTERS = """
SELECT claim_id, cluster_id, coalesce(source, ''), coalesce(via, '') FROM claim_clusters
"""
STORED_VERDICTS = """
SELECT cluster_id, coalesce(series_id, ''), coalesce(previous_cluster_id, ''), verdict
FROM corroboration
"""
STORED_CLUSTER_EDGES = """
SELECT cluster_id, article_id, source_article_id, source_outlet, kind, evidence
FROM cluster_lineage
"""
STORED_SETTINGS = "SELECT digest FROM corroboration_settings WHERE name = ?"
JUDGING_SETTINGS = "judging"  # the row of corroboration_settings the verdicts were judged under
# Articles with a version no committed corroboration has seen: loaded since the last commit.
UNSEEN_ARTICLES = """
SELECT DISTINCT article_id FROM articles
WHERE version_id NOT IN (SELECT version_id FROM committed_articles)
"""


def stored_clusters(conn: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str, str]]:
    """claim id -> (cluster id, source, via) as the last corroboration stored them."""
    return {r[0]: (r[1], r[2], r[3]) for r in conn.execute(STORED_CLUSTERS).fetchall()}


def stored_verdicts(conn: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, str, str]]:
    """cluster id -> (series id, previous cluster id, verdict) of every stored cluster."""
    return {r[0]: (r[1], r[2], r[3]) for r in conn.execute(STORED_VERDICTS).fetchall()}


def stored_cluster_edges(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, Lineage]]:
    """(cluster id, lineage edge) as each cluster's verdict gave them, before the vote."""
    return [
        (cluster, Lineage(article, source_article, outlet, kind, evidence))
        for cluster, article, source_article, outlet, kind, evidence in conn.execute(
            STORED_CLUSTER_EDGES
        ).fetchall()
    ]


def stored_settings(conn: duckdb.DuckDBPyConnection) -> str:
    """The digest of the settings the stored verdicts were judged under ("" when none)."""
    row = conn.execute(STORED_SETTINGS, [JUDGING_SETTINGS]).fetchone()
    return str(row[0]) if row else ""


def unseen_articles(conn: duckdb.DuckDBPyConnection) -> set[str]:
    """Article ids with a version loaded since the last committed corroboration."""
    return {r[0] for r in conn.execute(UNSEEN_ARTICLES).fetchall()}


def claims_for_matching(
    conn: duckdb.DuckDBPyConnection,
) -> tuple[list[Claim], list[Claim], dict[str, ArticleInfo]]:
    """Claims of the latest article versions, claims of earlier versions, and article facts."""
    quantities: dict[str, list[Quantity]] = defaultdict(list)
    for cid, kind, value, unit, raw, qualifier, start, end in conn.execute(QUANTITIES).fetchall():
        quantities[cid].append(Quantity(kind, value, unit, raw, qualifier, start or 0, end or 0))
    attributions: dict[str, list[Attribution]] = defaultdict(list)
    for cid, *fields in conn.execute(ATTRIBUTIONS).fetchall():
        attributions[cid].append(Attribution(*fields))

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
                dateline_end=r[10],
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


# What a run compares before and after corroboration: new clusters, changed verdicts.
CLUSTER_STATES = """
SELECT cluster_id, verdict, len(outlets), independent_sources, text FROM claim_summary
"""


CLUSTER_STATES_OF = CLUSTER_STATES + "WHERE cluster_id IN (SELECT cluster_id FROM _clusters)"


def cluster_states(
    conn: duckdb.DuckDBPyConnection, *, only: Collection[str] | None = None
) -> dict[str, tuple[str, int, int, str]]:
    """Each claim cluster's verdict, outlet count, independent sources and text (of the
    clusters `only` names, when given)."""
    if only is None:
        rows = conn.execute(CLUSTER_STATES).fetchall()
    else:
        conn.register("_clusters", pa.table({"cluster_id": pa.array(sorted(only), pa.string())}))
        try:
            rows = conn.execute(CLUSTER_STATES_OF).fetchall()
        finally:
            conn.unregister("_clusters")
    return {row[0]: (row[1], row[2], row[3], row[4]) for row in rows}


def verdict_counts(conn: duckdb.DuckDBPyConnection) -> dict[str, int]:
    rows = conn.execute("SELECT verdict, count(*) FROM corroboration GROUP BY verdict").fetchall()
    return {str(v): int(n) for v, n in rows}


# ---- stories ----------------------------------------------------------------------------------

# Each latest article version with its claims, for grouping into stories.
STORY_INPUTS = """
SELECT a.article_id, a.outlet_id, coalesce(a.title, ''), left(a.text, 4000), a.published_at,
       coalesce(list(c.claim_id ORDER BY c.position) FILTER (WHERE c.claim_id IS NOT NULL), [])
FROM latest_loaded_articles a
LEFT JOIN claims c USING (version_id)
GROUP BY ALL
ORDER BY a.article_id
"""


def story_inputs(conn: duckdb.DuckDBPyConnection) -> list[StoryInput]:
    """Each latest loaded version: headline, opening text, published time, claim ids."""
    return [
        StoryInput(r[0], r[1], r[2], r[3] or "", r[4], tuple(r[5]))
        for r in conn.execute(STORY_INPUTS).fetchall()
    ]


# ---- the archive: one fetch's record, and where a payload's bytes are ----------------------

# Every field of a Fetch record, in its order (validators may be NULL for old rows).
FETCH_BY_ID = """
SELECT fetch_id, run_id, outlet_id, url, final_url, purpose, status, error, fetched_at,
       coalesce(content_type, ''), coalesce(etag, ''), coalesce(last_modified, ''),
       coalesce(body_sha256, ''), coalesce(body_size, 0), coalesce(warc_file, ''),
       coalesce(warc_offset, -1), coalesce(warc_record_id, '')
FROM fetches WHERE fetch_id = ?
"""
# Every archived record of a payload, oldest first: a revisit's bytes are in the first response.
PAYLOAD_LOCATIONS = """
SELECT warc_file, warc_offset FROM fetches
WHERE body_sha256 = ? AND warc_file <> '' AND body_size > 0
ORDER BY fetched_at
"""
# Each distinct page payload of each URL, by its first fetch: what `reextract` rebuilds from.
ARCHIVED_PAGES = """
SELECT fetch_id, run_id, outlet_id, url, fetched_at, body_sha256, warc_file, warc_offset
FROM (
    SELECT *, row_number() OVER (PARTITION BY url, body_sha256 ORDER BY fetched_at, fetch_id) AS rn
    FROM fetches
    WHERE purpose = 'page' AND status = 200 AND warc_file <> '' AND body_size > 0
) WHERE rn = 1
ORDER BY fetched_at, fetch_id
"""
FEED_PUBLISHED = "SELECT url, min(published_at) FROM feed_entries GROUP BY url"
ARTICLE_FIRST_SEEN = "SELECT version_id, first_seen_at, run_id FROM articles"
STORED_OUTLETS = "SELECT outlet_id, name, kind, timezone, coalesce(aliases, []) FROM outlets"


def fetch_by_id(conn: duckdb.DuckDBPyConnection, fetch_id: str) -> Fetch | None:
    """One fetch as it was recorded, or None."""
    row = conn.execute(FETCH_BY_ID, [fetch_id]).fetchone()
    return Fetch(*row) if row else None


def payload_locations(conn: duckdb.DuckDBPyConnection, sha256: str) -> list[tuple[str, int]]:
    return [(r[0], r[1]) for r in conn.execute(PAYLOAD_LOCATIONS, [sha256]).fetchall()]


def archived_pages(conn: duckdb.DuckDBPyConnection) -> list[ArchivedFetch]:
    """Each distinct archived page payload (per URL), earliest fetch first: what reextract reads."""
    return [ArchivedFetch(*row) for row in conn.execute(ARCHIVED_PAGES).fetchall()]


def feed_published(conn: duckdb.DuckDBPyConnection) -> dict[str, datetime | None]:
    return {row[0]: row[1] for row in conn.execute(FEED_PUBLISHED).fetchall()}


def article_first_seen(conn: duckdb.DuckDBPyConnection) -> dict[str, tuple[datetime, str]]:
    return {row[0]: (row[1], row[2]) for row in conn.execute(ARTICLE_FIRST_SEEN).fetchall()}


def stored_outlets(conn: duckdb.DuckDBPyConnection) -> list[Outlet]:
    """Every outlet the warehouse knows, as its runs declared it (name, kind, time zone, aliases)."""
    return [
        Outlet(
            id=oid,
            name=name,
            kind="wire" if kind == "wire" else "outlet",
            timezone=tz,
            aliases=tuple(aliases),
        )
        for oid, name, kind, tz, aliases in conn.execute(STORED_OUTLETS).fetchall()
    ]


# ---- operations: incremental runs, run history ----------------------------------------------

KNOWN_PAGES = "SELECT url, listed_modified_at FROM page_state"


def known_pages(conn: duckdb.DuckDBPyConnection) -> dict[str, datetime | None]:
    """Each article page with an answer (200 or 304): the feed's modified time when last asked."""
    return {row[0]: row[1] for row in conn.execute(KNOWN_PAGES).fetchall()}


# Article versions loaded by runs that no committed run has covered yet (a run died after its
# load): the next run must corroborate even if it loads nothing new itself.
UNPUBLISHED_ARTICLES = """
SELECT count(*) FROM articles
WHERE version_id NOT IN (SELECT version_id FROM committed_articles)
"""


def unpublished_articles(conn: duckdb.DuckDBPyConnection) -> int:
    return int(conn.execute(UNPUBLISHED_ARTICLES).fetchone()[0])  # type: ignore[index]


# Each grouped article's story and its score when it joined, and the article ids whose latest
# loaded version the stories have not seen yet (new, or changed since the last commit).
STORY_ASSIGNMENTS = "SELECT article_id, story_id, score FROM story_articles"
UNGROUPED_ARTICLES = """
SELECT article_id FROM latest_loaded_articles
WHERE article_id NOT IN (SELECT article_id FROM story_articles)
   OR version_id NOT IN (SELECT version_id FROM committed_articles)
"""


def story_assignments(
    conn: duckdb.DuckDBPyConnection,
) -> tuple[dict[str, tuple[str, float]], set[str]]:
    """(article id -> (story id, score)) as grouped, and the article ids not grouped as they are."""
    stored = {r[0]: (r[1], r[2]) for r in conn.execute(STORY_ASSIGNMENTS).fetchall()}
    return stored, {r[0] for r in conn.execute(UNGROUPED_ARTICLES).fetchall()}
