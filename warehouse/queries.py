"""The queries the pipeline and the archive commands read (reports read warehouse/reports.py)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
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
    Reclustered,
    StoryInput,
    Validators,
)

FEED_VALIDATORS = """
SELECT feed_url, coalesce(etag, ''), coalesce(last_modified, ''), coalesce(body_sha256, ''),
       consecutive_failures, next_poll_at, coalesce(parent_url, '')
FROM feed_state
"""
# The newest successful fetch of each page URL of `_keys`: what a conditional GET sends back.
PAGE_VALIDATORS = """
SELECT url, coalesce(etag, ''), coalesce(last_modified, ''), coalesce(body_sha256, '')
FROM (
    SELECT *, row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC) AS rn
    FROM fetches
    WHERE purpose = 'page' AND status = 200 AND error IS NULL AND url IN (SELECT k FROM _keys)
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
_ARTICLE_INFO = """
SELECT a.article_id, a.outlet_id, coalesce(a.credit, ''), a.published_source,
       coalesce(list_sort(list_distinct(list(t.cited) FILTER (WHERE t.kind = 'outlet'))), [])
FROM latest_loaded_articles a
LEFT JOIN claims c USING (version_id)
LEFT JOIN claim_attributions t USING (claim_id)
{where}GROUP BY ALL
"""
ARTICLE_INFO = _ARTICLE_INFO.format(where="")
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


def page_validators(
    conn: duckdb.DuckDBPyConnection, urls: Collection[str]
) -> dict[str, Validators]:
    """Per page URL of `urls`: the validators of its newest successful fetch."""
    rows = _keyed(conn, PAGE_VALIDATORS, urls)
    return {row[0]: Validators(row[1], row[2], row[3]) for row in rows}


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

    latest = _claims(conn.execute(LATEST_CLAIMS).fetchall(), quantities, attributions)
    previous = _claims(conn.execute(PREVIOUS_CLAIMS).fetchall(), quantities, attributions)
    articles = {
        row[0]: ArticleInfo(row[0], row[1], row[2], row[3], tuple(row[4]))
        for row in conn.execute(ARTICLE_INFO).fetchall()
    }
    return latest, previous, articles


# ---- a bounded corroboration pass: the claims and stored rows near what a run adds -----------
# Each statement reads only rows of the keys it is given (registered Arrow tables joined in),
# so a pass reads what is near its new claims, not the warehouse.

CLAIM_COLUMNS = """
c.claim_id, c.article_id, c.version_id, c.outlet_id, c.position, c.start_offset,
c.end_offset, c.text, c.norm_text, c.published_at, coalesce(c.dateline_end, 0)
"""
# Claims of the latest loaded versions that no pass has clustered (an earlier version's row
# does not count: a text an edit brought back is matched again).
NEW_CLAIMS = f"""
SELECT {CLAIM_COLUMNS}
FROM claims c JOIN latest_loaded_articles a USING (version_id)
WHERE c.claim_id NOT IN (
    SELECT claim_id FROM claim_clusters WHERE coalesce(via, '') <> 'earlier-version'
)
ORDER BY c.claim_id
"""
# Claims a pass clustered as latest that a later version has since replaced.
REMOVED_CLAIMS = """
SELECT claim_id FROM claim_clusters
WHERE coalesce(via, '') <> 'earlier-version'
  AND claim_id NOT IN (
    SELECT c.claim_id FROM claims c JOIN latest_loaded_articles a USING (version_id)
)
"""
# Latest claims published within one of the spans, or at no known time.
CLAIMS_IN_SPANS = f"""
SELECT {CLAIM_COLUMNS}
FROM claims c JOIN latest_loaded_articles a USING (version_id)
WHERE c.published_at IS NULL
   OR EXISTS (SELECT 1 FROM _spans s WHERE c.published_at BETWEEN s.lo AND s.hi)
ORDER BY c.claim_id
"""
LATEST_CLAIMS_OF = f"""
SELECT {CLAIM_COLUMNS}
FROM claims c JOIN latest_loaded_articles a USING (version_id)
WHERE c.claim_id IN (SELECT k FROM _keys)
ORDER BY c.claim_id
"""
ARTICLE_LATEST_CLAIMS = f"""
SELECT {CLAIM_COLUMNS}
FROM claims c JOIN latest_loaded_articles a USING (version_id)
WHERE a.article_id IN (SELECT k FROM _keys)
ORDER BY c.claim_id
"""
ARTICLE_PREVIOUS_CLAIMS = f"""
SELECT {CLAIM_COLUMNS}
FROM claims c
WHERE c.article_id IN (SELECT k FROM _keys)
  AND c.version_id NOT IN (SELECT version_id FROM latest_loaded_articles)
ORDER BY c.claim_id
"""
ARTICLE_INFO_OF = _ARTICLE_INFO.format(where="WHERE a.article_id IN (SELECT k FROM _keys)\n")
QUANTITIES_OF = """
SELECT claim_id, kind, value, unit, raw, coalesce(qualifier, ''), start_offset, end_offset
FROM claim_quantities WHERE claim_id IN (SELECT k FROM _keys) ORDER BY claim_id, idx
"""
ATTRIBUTIONS_OF = """
SELECT claim_id, cited, kind, cue, raw, coalesce(source, ''), coalesce(source_kind, ''),
       coalesce(source_key, ''), coalesce(channel, '')
FROM claim_attributions WHERE claim_id IN (SELECT k FROM _keys) ORDER BY claim_id, idx
"""
# Every claim a match path reaches from the seeds without passing through a removed claim.
MATCH_COMPONENT = """
WITH RECURSIVE kept AS (
    SELECT claim_a, claim_b FROM claim_matches
    WHERE claim_a NOT IN (SELECT k FROM _removed) AND claim_b NOT IN (SELECT k FROM _removed)
), edges AS (
    SELECT claim_a AS x, claim_b AS y FROM kept
    UNION ALL
    SELECT claim_b AS x, claim_a AS y FROM kept
), reach(claim_id) AS (
    SELECT k FROM _keys
    UNION
    SELECT e.y FROM reach r JOIN edges e ON e.x = r.claim_id
)
SELECT r.claim_id, c.article_id FROM reach r JOIN claims c USING (claim_id)
"""
MATCHES_OF = """
SELECT claim_a, claim_b, score, decision FROM claim_matches
WHERE claim_a IN (SELECT k FROM _keys) OR claim_b IN (SELECT k FROM _keys)
ORDER BY claim_a, claim_b
"""
CLUSTER_ROWS_OF_CLAIMS = """
SELECT claim_id, cluster_id, coalesce(source, ''), coalesce(via, '') FROM claim_clusters
WHERE claim_id IN (SELECT k FROM _keys)
"""
CLUSTER_MEMBERS_OF = """
SELECT cc.claim_id, cc.cluster_id, coalesce(cc.source, ''), coalesce(cc.via, ''), c.article_id
FROM claim_clusters cc JOIN claims c USING (claim_id)
WHERE cc.cluster_id IN (SELECT k FROM _keys) AND coalesce(cc.via, '') <> 'earlier-version'
"""
VERDICTS_OF = """
SELECT cluster_id, coalesce(series_id, ''), coalesce(previous_cluster_id, ''), verdict
FROM corroboration WHERE cluster_id IN (SELECT k FROM _keys)
"""
CLUSTER_EDGES_OF = """
SELECT cluster_id, article_id, source_article_id, source_outlet, kind, evidence
FROM cluster_lineage WHERE article_id IN (SELECT k FROM _keys)
ORDER BY cluster_id, article_id, source_outlet, kind
"""
# What ranks an article as a lineage source: the time and text of its latest claims.
ARTICLE_CLAIM_KEYS = """
SELECT c.article_id, c.published_at, c.text
FROM claims c JOIN latest_loaded_articles a USING (version_id)
WHERE a.article_id IN (SELECT k FROM _keys)
"""


@contextmanager
def _registered(conn: duckdb.DuckDBPyConnection, **keys: Collection[str]) -> Iterator[None]:
    """Each named collection of string keys as a one-column table `k` the statement joins."""
    for name, values in keys.items():
        conn.register(f"_{name}", pa.table({"k": pa.array(sorted(values), pa.string())}))
    try:
        yield
    finally:
        for name in keys:
            conn.unregister(f"_{name}")


def _keyed(
    conn: duckdb.DuckDBPyConnection, statement: str, keys: Collection[str]
) -> list[tuple[Any, ...]]:
    if not keys:
        return []
    with _registered(conn, keys=keys):
        return conn.execute(statement).fetchall()


def _claims_of_rows(conn: duckdb.DuckDBPyConnection, rows: list[tuple[Any, ...]]) -> list[Claim]:
    """Claims of rows in CLAIM_COLUMNS order, with their quantities and attributions."""
    ids = [r[0] for r in rows]
    quantities: dict[str, list[Quantity]] = defaultdict(list)
    for cid, kind, value, unit, raw, qualifier, start, end in _keyed(conn, QUANTITIES_OF, ids):
        quantities[cid].append(Quantity(kind, value, unit, raw, qualifier, start or 0, end or 0))
    attributions: dict[str, list[Attribution]] = defaultdict(list)
    for cid, *fields in _keyed(conn, ATTRIBUTIONS_OF, ids):
        attributions[cid].append(Attribution(*fields))
    return _claims(rows, quantities, attributions)


def _claims(
    rows: list[tuple[Any, ...]],
    quantities: Mapping[str, list[Quantity]],
    attributions: Mapping[str, list[Attribution]],
) -> list[Claim]:
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


def new_claims(conn: duckdb.DuckDBPyConnection) -> list[Claim]:
    """Claims of the latest loaded versions that no corroboration pass has clustered yet."""
    return _claims_of_rows(conn, conn.execute(NEW_CLAIMS).fetchall())


def removed_claims(conn: duckdb.DuckDBPyConnection) -> set[str]:
    """Claim ids a pass clustered as latest whose article has a later version loaded since."""
    return {r[0] for r in conn.execute(REMOVED_CLAIMS).fetchall()}


def claims_in_spans(
    conn: duckdb.DuckDBPyConnection, spans: Sequence[tuple[datetime, datetime]] | None
) -> list[Claim]:
    """Latest claims published within one of `spans` (inclusive) or at no known time; every
    latest claim when `spans` is None."""
    if spans is None:
        return _claims_of_rows(conn, conn.execute(LATEST_CLAIMS).fetchall())
    if not spans:
        return []
    table = pa.table(
        {
            "lo": pa.array([lo for lo, _ in spans], pa.timestamp("us", tz="UTC")),
            "hi": pa.array([hi for _, hi in spans], pa.timestamp("us", tz="UTC")),
        }
    )
    conn.register("_spans", table)
    try:
        rows = conn.execute(CLAIMS_IN_SPANS).fetchall()
    finally:
        conn.unregister("_spans")
    return _claims_of_rows(conn, rows)


def latest_claims(conn: duckdb.DuckDBPyConnection, claim_ids: Collection[str]) -> list[Claim]:
    """Those of `claim_ids` that are claims of latest loaded versions."""
    return _claims_of_rows(conn, _keyed(conn, LATEST_CLAIMS_OF, claim_ids))


def article_claims(
    conn: duckdb.DuckDBPyConnection, article_ids: Collection[str]
) -> tuple[list[Claim], list[Claim], dict[str, ArticleInfo]]:
    """`claims_for_matching` for the articles `article_ids` only."""
    latest = _claims_of_rows(conn, _keyed(conn, ARTICLE_LATEST_CLAIMS, article_ids))
    previous = _claims_of_rows(conn, _keyed(conn, ARTICLE_PREVIOUS_CLAIMS, article_ids))
    articles = {
        row[0]: ArticleInfo(row[0], row[1], row[2], row[3], tuple(row[4]))
        for row in _keyed(conn, ARTICLE_INFO_OF, article_ids)
    }
    return latest, previous, articles


def match_component(
    conn: duckdb.DuckDBPyConnection, seeds: Collection[str], removed: Collection[str]
) -> dict[str, str]:
    """Every claim that stored matches connect to `seeds` (themselves included), never
    through a `removed` claim: claim id -> article id."""
    if not seeds:
        return {}
    with _registered(conn, keys=seeds, removed=removed):
        return {r[0]: r[1] for r in conn.execute(MATCH_COMPONENT).fetchall()}


def matches_of(conn: duckdb.DuckDBPyConnection, claim_ids: Collection[str]) -> list[ClaimMatch]:
    """The stored matches with a claim of `claim_ids` on either side."""
    return [ClaimMatch(a, b, s, d) for a, b, s, d in _keyed(conn, MATCHES_OF, claim_ids)]


def cluster_rows_of_claims(
    conn: duckdb.DuckDBPyConnection, claim_ids: Collection[str]
) -> dict[str, tuple[str, str, str]]:
    """`stored_clusters` of `claim_ids` only."""
    return {r[0]: (r[1], r[2], r[3]) for r in _keyed(conn, CLUSTER_ROWS_OF_CLAIMS, claim_ids)}


def cluster_members(
    conn: duckdb.DuckDBPyConnection, cluster_ids: Collection[str]
) -> tuple[dict[str, tuple[str, str, str]], set[str]]:
    """The stored member rows of `cluster_ids` (earlier versions' rows left out), and the
    articles of those members."""
    rows = _keyed(conn, CLUSTER_MEMBERS_OF, cluster_ids)
    return {r[0]: (r[1], r[2], r[3]) for r in rows}, {r[4] for r in rows}


def verdicts_of(
    conn: duckdb.DuckDBPyConnection, cluster_ids: Collection[str]
) -> dict[str, tuple[str, str, str]]:
    """`stored_verdicts` of `cluster_ids` only."""
    return {r[0]: (r[1], r[2], r[3]) for r in _keyed(conn, VERDICTS_OF, cluster_ids)}


def cluster_edges_of(
    conn: duckdb.DuckDBPyConnection, article_ids: Collection[str]
) -> list[tuple[str, Lineage]]:
    """`stored_cluster_edges` of the later articles `article_ids` only."""
    return [
        (cluster, Lineage(article, source_article, outlet, kind, evidence))
        for cluster, article, source_article, outlet, kind, evidence in _keyed(
            conn, CLUSTER_EDGES_OF, article_ids
        )
    ]


def article_claim_keys(
    conn: duckdb.DuckDBPyConnection, article_ids: Collection[str]
) -> list[tuple[str, datetime | None, str]]:
    """(article id, published time, text) of each latest claim of `article_ids`."""
    return [(r[0], r[1], r[2]) for r in _keyed(conn, ARTICLE_CLAIM_KEYS, article_ids)]


def row_counts(conn: duckdb.DuckDBPyConnection, tables: Sequence[str]) -> dict[str, int]:
    """The rows of each of `tables` (names from the code, not from input), in one query."""
    if not tables:
        return {}
    counts = ", ".join(f'(SELECT count(*) FROM "{name}")' for name in tables)
    row = conn.execute(f"SELECT {counts}").fetchone()
    assert row is not None
    return dict(zip(tables, (int(n) for n in row), strict=True))


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

# A run regroups stories from the earliest article not grouped as it is (new, or its text
# changed since the last commit): the times of its latest version and of the version grouped.
STORY_PENDING = """
SELECT a.article_id, a.published_at, s.published_at, s.article_id IS NOT NULL
FROM latest_loaded_articles a
LEFT JOIN story_articles s USING (article_id)
WHERE s.article_id IS NULL
   OR a.version_id NOT IN (SELECT version_id FROM committed_articles)
"""
# The claims of latest versions a pass put in another cluster than the stored one (`$claims`
# and `$clusters` pair each claim with its cluster now; a claim stored in none is a new
# article's), every claim of their articles, and every claim of an article holding one in a
# cluster those are or were in: the articles whose shared claims with another may differ from
# what the stored stories were grouped by (`stories.reclustered_decisions`).
STORY_RECLUSTERED = """
WITH now AS (
    SELECT unnest($claims::VARCHAR[]) AS claim_id, unnest($clusters::VARCHAR[]) AS cluster_id
),
latest AS (
    SELECT a.article_id, a.published_at, c.claim_id, cc.cluster_id AS stored
    FROM latest_loaded_articles a
    JOIN claims c ON c.version_id = a.version_id
    LEFT JOIN claim_clusters cc ON cc.claim_id = c.claim_id
),
moved AS (
    SELECT DISTINCT l.article_id FROM latest l JOIN now n USING (claim_id)
    WHERE l.stored IS NOT NULL AND n.cluster_id IS DISTINCT FROM l.stored
),
reached AS (
    SELECT l.stored AS cluster_id FROM latest l
    WHERE l.article_id IN (SELECT article_id FROM moved) AND l.stored IS NOT NULL
    UNION
    SELECT n.cluster_id FROM now n JOIN latest l USING (claim_id)
    WHERE l.article_id IN (SELECT article_id FROM moved) AND n.cluster_id IS NOT NULL
)
SELECT article_id, published_at, claim_id, stored FROM latest
WHERE article_id IN (SELECT article_id FROM moved)
   OR article_id IN (SELECT article_id FROM latest WHERE stored IN (SELECT cluster_id FROM reached))
ORDER BY article_id, claim_id
"""
STORY_COUNT_BEFORE = """
SELECT count(*) FROM latest_loaded_articles WHERE published_at < $before
"""
STORY_LATEST = "SELECT max(published_at) FROM latest_loaded_articles"
# Stories whose claims were clustered or judged again: their clusters and counts change.
STORIES_OF_CLAIMS = """
SELECT DISTINCT s.story_id
FROM story_articles s
JOIN latest_loaded_articles a USING (article_id)
JOIN claims c ON c.version_id = a.version_id
LEFT JOIN claim_clusters cc ON cc.claim_id = c.claim_id
WHERE c.claim_id IN (SELECT unnest($claims::VARCHAR[]))
   OR cc.cluster_id IN (SELECT unnest($clusters::VARCHAR[]))
"""
# What a regrouping reads: `blocks` numbers each latest version's block of word weights (how
# many were published strictly before it, divided by the block size: `stories.publication_blocks`);
# `touched` are the stored stories an article from `$cutoff` on may join or leave (a member
# within the window before it: `$open`) or whose claims changed; `regrouped` the articles
# from `$cutoff` on, `grouped` they and every member of those stories; `weighing` the blocks
# whose articles weigh the words of what is decided: the regrouped articles, and the headline
# of each story that may lose one (by the weights of its latest article that stays). A story
# that keeps its articles keeps its headline (`stories.group_stories`).
STORY_POOL = """
WITH blocks AS (
    SELECT article_id, version_id, published_at,
           (rank() OVER (ORDER BY published_at NULLS LAST) - 1) // $size AS block
    FROM latest_loaded_articles
),
touched AS (
    SELECT DISTINCT story_id FROM story_articles
    WHERE published_at >= $open
       OR (published_at IS NULL AND $undated)
       OR story_id IN (SELECT unnest($stories::VARCHAR[]))
       OR $every
),
regrouped AS (
    SELECT article_id, block FROM blocks
    WHERE published_at >= $cutoff OR (published_at IS NULL AND $undated)
),
grouped AS (
    SELECT article_id FROM regrouped
    UNION
    SELECT article_id FROM story_articles WHERE story_id IN (SELECT story_id FROM touched)
),
losing AS (
    SELECT DISTINCT story_id FROM story_articles
    WHERE article_id IN (SELECT article_id FROM regrouped)
),
weighing AS (
    SELECT DISTINCT greatest(block - 1, 0) AS block FROM regrouped
    UNION
    SELECT greatest(max(b.block) - 1, 0)
    FROM story_articles s JOIN blocks b USING (article_id)
    WHERE s.story_id IN (SELECT story_id FROM losing)
      AND s.article_id NOT IN (SELECT article_id FROM regrouped)
    GROUP BY s.story_id
)
"""
# The articles are picked first and only their texts and claims joined (by version id): joined
# to every latest version and filtered after, the query held every article's text, so a run's
# peak memory grew with the warehouse (bench/soak.py: +10% over 30 runs, now +1%).
STORY_POOL_ARTICLES = (
    STORY_POOL
    + """,
picked AS (
    SELECT b.article_id, b.version_id, b.block, g.article_id IS NOT NULL AS is_grouped
    FROM blocks b LEFT JOIN grouped g USING (article_id)
    WHERE g.article_id IS NOT NULL OR b.block IN (SELECT block FROM weighing)
),
picked_claims AS (
    SELECT p.article_id,
           list(c.claim_id ORDER BY c.position) AS claim_ids,
           coalesce(list([c.claim_id, cc.cluster_id]) FILTER (WHERE cc.cluster_id IS NOT NULL),
                    []) AS stored
    FROM picked p
    JOIN claims c ON c.version_id = p.version_id
    LEFT JOIN claim_clusters cc ON cc.claim_id = c.claim_id
    GROUP BY p.article_id
)
SELECT p.article_id, p.block, p.is_grouped, a.outlet_id, coalesce(a.title, ''),
       left(a.text, 4000), a.published_at, coalesce(pc.claim_ids, []), coalesce(pc.stored, [])
FROM picked p
JOIN articles a ON a.version_id = p.version_id
LEFT JOIN picked_claims pc ON pc.article_id = p.article_id
ORDER BY p.article_id
"""
)
STORY_POOL_DECISIONS = (
    STORY_POOL
    + """
SELECT article_id, story_id, score FROM story_articles
WHERE article_id IN (SELECT article_id FROM grouped)
ORDER BY article_id
"""
)
STORY_POOL_HEADLINES = (
    STORY_POOL
    + """
SELECT s.story_id, s.headline, list(a.article_id ORDER BY a.rank)
FROM stories s JOIN story_articles a USING (story_id)
WHERE s.story_id IN (SELECT story_id FROM touched)
GROUP BY s.story_id, s.headline
"""
)
# The stored verdicts of clusters the corroboration pass did not hand over (not judged again).
STORED_CLUSTER_VERDICTS = """
SELECT cluster_id, verdict FROM corroboration
WHERE cluster_id IN (SELECT unnest($clusters::VARCHAR[]))
"""
NEVER = datetime.max.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class StoryPending:
    """The articles stories have not grouped as they are, and where the earliest stands."""

    ungrouped: frozenset[str]
    earliest: datetime | None  # of their latest and grouped times; NEVER when all undated
    before: int  # latest versions published strictly before `earliest`
    latest: datetime | None  # the latest publication time of any latest version


@dataclass(frozen=True, slots=True)
class StoryPool:
    """What a regrouping reads: the articles it groups, those that only weigh words, each
    one's block of word weights, the stored decisions of the grouped ones and their claims'
    stored clusters."""

    grouped: tuple[StoryInput, ...]
    context: tuple[StoryInput, ...]
    blocks: Mapping[str, int]
    stored: Mapping[str, tuple[str, float]]
    clusters: Mapping[str, str]  # claim id -> stored cluster id
    headlines: Mapping[str, tuple[tuple[str, ...], str]]  # story id -> (article ids, headline)

    @property
    def touched(self) -> frozenset[str]:
        """The stored stories the regrouping makes again."""
        return frozenset(story for story, _ in self.stored.values())


def story_pending(conn: duckdb.DuckDBPyConnection) -> StoryPending:
    """Which articles stories have not grouped as they are, and how many precede the earliest
    of them."""
    rows = conn.execute(STORY_PENDING).fetchall()
    times = []
    for _, published, grouped_at, was_grouped in rows:
        times.append(published or NEVER)
        if was_grouped:  # where it was grouped: the articles after it compared with it there
            times.append(grouped_at or NEVER)
    earliest = min(times) if times else None
    latest = conn.execute(STORY_LATEST).fetchone()[0]  # type: ignore[index]
    before = 0
    if earliest is not None:
        before = int(conn.execute(STORY_COUNT_BEFORE, {"before": earliest}).fetchone()[0])  # type: ignore[index]
    return StoryPending(frozenset(r[0] for r in rows), earliest, before, latest)


def reclustered_articles(
    conn: duckdb.DuckDBPyConnection, clusters: Mapping[str, str | None]
) -> list[Reclustered]:
    """The articles (latest versions) with a claim stored in another cluster than `clusters`
    says (claim id -> its cluster now, None: none), and those holding a claim in a cluster
    they are or were in, each with its claims' clusters as stored and now (a claim absent
    from `clusters` keeps its stored one)."""
    if not clusters:
        return []
    claims = sorted(clusters)
    params = {"claims": claims, "clusters": [clusters[c] for c in claims]}
    found: dict[str, tuple[datetime | None, set[str], set[str]]] = {}
    for article_id, published, claim_id, stored in conn.execute(
        STORY_RECLUSTERED, params
    ).fetchall():
        _, before, after = found.setdefault(article_id, (published, set(), set()))
        if stored is not None:
            before.add(stored)
        now = clusters.get(claim_id, stored)
        if now is not None:
            after.add(now)
    return [
        Reclustered(article_id, published, frozenset(before), frozenset(after))
        for article_id, (published, before, after) in found.items()
    ]


def stories_of_claims(
    conn: duckdb.DuckDBPyConnection, claims: Collection[str], clusters: Collection[str]
) -> set[str]:
    """Stored stories with a claim among `claims` or in a stored cluster among `clusters`."""
    if not claims and not clusters:
        return set()
    params = {"claims": sorted(claims), "clusters": sorted(clusters)}
    return {r[0] for r in conn.execute(STORIES_OF_CLAIMS, params).fetchall()}


def story_pool(
    conn: duckdb.DuckDBPyConnection,
    *,
    size: int,
    cutoff: datetime | None,
    open_from: datetime | None,
    stories: Collection[str] = (),
    every: bool = False,
) -> StoryPool:
    """The articles published from `cutoff` on (None: none; undated ones with any cutoff), the
    members of every stored story with one from `open_from` on or among `stories` (or of
    `every` story), and the articles of the blocks (of `size`) that weigh their words."""
    params = {
        "size": size,
        "cutoff": cutoff or NEVER,
        "open": open_from or NEVER,
        "undated": cutoff is not None,
        "stories": sorted(stories),
        "every": every,
    }
    grouped: list[StoryInput] = []
    context: list[StoryInput] = []
    blocks: dict[str, int] = {}
    clusters: dict[str, str] = {}
    for row in conn.execute(STORY_POOL_ARTICLES, params).fetchall():
        (article_id, block, is_grouped, outlet, title, text, published, claim_ids, stored) = row
        record = StoryInput(article_id, outlet, title, text or "", published, tuple(claim_ids))
        (grouped if is_grouped else context).append(record)
        blocks[article_id] = int(block)
        clusters.update((claim, cluster) for claim, cluster in stored)
    decisions = {r[0]: (r[1], r[2]) for r in conn.execute(STORY_POOL_DECISIONS, params).fetchall()}
    headlines = {
        r[0]: (tuple(r[2]), r[1]) for r in conn.execute(STORY_POOL_HEADLINES, params).fetchall()
    }
    return StoryPool(tuple(grouped), tuple(context), blocks, decisions, clusters, headlines)


def stored_cluster_verdicts(
    conn: duckdb.DuckDBPyConnection, clusters: Collection[str]
) -> dict[str, str]:
    """The stored verdict of each of `clusters` that has one."""
    if not clusters:
        return {}
    rows = conn.execute(STORED_CLUSTER_VERDICTS, {"clusters": sorted(clusters)}).fetchall()
    return {r[0]: r[1] for r in rows}


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

KNOWN_PAGES = "SELECT url, listed_modified_at FROM page_state WHERE url IN (SELECT k FROM _keys)"


def known_pages(
    conn: duckdb.DuckDBPyConnection, urls: Collection[str]
) -> dict[str, datetime | None]:
    """Each article page of `urls` with an answer (200 or 304): the feed's modified time when
    last asked."""
    return {row[0]: row[1] for row in _keyed(conn, KNOWN_PAGES, urls)}


# Article versions loaded by runs that no committed run has covered yet (a run died after its
# load): the next run must corroborate even if it loads nothing new itself.
UNPUBLISHED_ARTICLES = """
SELECT count(*) FROM articles
WHERE version_id NOT IN (SELECT version_id FROM committed_articles)
"""


def unpublished_articles(conn: duckdb.DuckDBPyConnection) -> int:
    return int(conn.execute(UNPUBLISHED_ARTICLES).fetchone()[0])  # type: ignore[index]
