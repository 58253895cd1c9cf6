"""Idempotent loaders: each batch in one transaction, through Arrow, keyed by natural keys."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa

from wiretrace.records import (
    Article,
    Claim,
    FeedEntry,
    FeedState,
    Fetch,
    Lineage,
    MatchResult,
    Outlet,
    PageState,
    Story,
)

TABLE_KEYS = {
    "outlets": ("outlet_id",),
    "feed_state": ("feed_url",),
    "fetches": ("fetch_id",),
    "feed_entries": ("entry_key",),
    "page_state": ("url",),
    "articles": ("version_id",),
    "claims": ("claim_id",),
    "claim_quantities": ("claim_id", "idx"),
    "claim_attributions": ("claim_id", "idx"),
    "claim_matches": ("claim_a", "claim_b"),
    "claim_clusters": ("claim_id",),
    "lineage": ("article_id", "source_outlet", "kind"),
    "corroboration": ("cluster_id",),
    "figure_disagreements": ("claim_id", "idx", "other_claim_id", "other_idx"),
    "figure_timeline": ("claim_id", "idx"),
    "cluster_lineage": ("cluster_id", "article_id", "source_outlet", "kind"),
    "corroboration_settings": ("name",),
    "stories": ("story_id",),
    "story_articles": ("article_id",),
}


# The tables an ingestion batch writes (`load_ingest`).
INGEST_TABLES = (
    "fetches",
    "feed_state",
    "feed_entries",
    "articles",
    "claims",
    "claim_quantities",
    "claim_attributions",
    "page_state",
)


@dataclass
class IngestBatch:
    """What one run's ingestion produced, loaded together or not at all."""

    run_id: str
    fetches: list[Fetch] = field(default_factory=list)
    feed_states: list[FeedState] = field(default_factory=list)
    entries: list[FeedEntry] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    page_states: list[PageState] = field(default_factory=list)


def _dedupe(rows: Iterable[dict[str, Any]], keys: Sequence[str]) -> list[dict[str, Any]]:
    # DuckDB's ON CONFLICT lets the first of two same-key rows in one batch win silently:
    # settle it here, the last row winning, so the outcome is explicit.
    unique: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        unique[tuple(row[k] for k in keys)] = row
    return list(unique.values())


def insert_rows(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    rows: Iterable[dict[str, Any]],
    *,
    upsert: bool = False,
) -> int:
    """Insert rows through Arrow; existing keys are kept (or replaced with upsert=True)."""
    keys = TABLE_KEYS[table]
    batch = _dedupe(rows, keys)
    if not batch:
        return 0
    arrow = pa.Table.from_pylist(batch)
    conn.register("_batch", arrow)
    try:
        if upsert:
            columns = [c for c in batch[0] if c not in keys]
            updates = ", ".join(f"{c} = excluded.{c}" for c in columns)
            conn.execute(
                f"INSERT INTO {table} BY NAME SELECT * FROM _batch "
                f"ON CONFLICT DO UPDATE SET {updates}"
            )
        else:
            conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _batch ON CONFLICT DO NOTHING")
    finally:
        conn.unregister("_batch")
    return len(batch)


@dataclass(frozen=True, slots=True)
class _Tx:
    conn: duckdb.DuckDBPyConnection

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        self.conn.execute("BEGIN TRANSACTION")
        return self.conn

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


def transaction(conn: duckdb.DuckDBPyConnection) -> _Tx:
    return _Tx(conn)


def upsert_outlets(conn: duckdb.DuckDBPyConnection, outlets: Sequence[Outlet]) -> None:
    rows = [
        {
            "outlet_id": o.id,
            "name": o.name,
            "kind": o.kind,
            "timezone": o.timezone,
            "aliases": list(o.aliases),
            "feeds": list(o.feeds),
            "sitemaps": list(o.sitemaps),
            "active": True,
        }
        for o in outlets
    ]
    # Outlets not in this run's file are no longer configured: nobody's blind spot.
    conn.execute(
        "UPDATE outlets SET active = false WHERE NOT list_contains(?, outlet_id)",
        [[o.id for o in outlets]],
    )
    insert_rows(conn, "outlets", rows, upsert=True)


ABANDON_RUNS = """
UPDATE runs SET status = 'abandoned', finished_at = ?,
    errors = '["abandoned: the process stopped before the run finished"]'
WHERE status = 'running'
"""
# Inside the corroboration swap: the running run's data (and any loaded before it) is published.
COMMIT_RUN = "UPDATE runs SET committed_at = ? WHERE status = 'running'"


def start_run(conn: duckdb.DuckDBPyConnection, run_id: str, label: str) -> None:
    """Record a run's start. The caller holds the run lock, so a run still `running` died."""
    now = datetime.now(UTC)
    conn.execute(ABANDON_RUNS, [now])
    conn.execute(
        "INSERT INTO runs (run_id, started_at, status, label) VALUES (?, ?, 'running', ?)",
        [run_id, now, label],
    )


def finish_run(
    conn: duckdb.DuckDBPyConnection,
    run_id: str,
    *,
    status: str,
    counts: dict[str, Any],
    errors: list[str],
) -> None:
    conn.execute(
        "UPDATE runs SET finished_at = ?, status = ?, counts = ?, errors = ? WHERE run_id = ?",
        [datetime.now(UTC), status, json.dumps(counts), json.dumps(errors), run_id],
    )


def load_ingest(conn: duckdb.DuckDBPyConnection, batch: IngestBatch) -> dict[str, int]:
    """Load one ingestion batch in one transaction; returns rows offered per table."""
    now = datetime.now(UTC)
    counts: dict[str, int] = {}
    with transaction(conn):
        counts["fetches"] = insert_rows(conn, "fetches", [_row(f) for f in batch.fetches])
        counts["feed_state"] = insert_rows(
            conn, "feed_state", [asdict(s) for s in batch.feed_states], upsert=True
        )
        counts["feed_entries"] = insert_rows(
            conn,
            "feed_entries",
            [dict(_row(e), first_seen_at=now, run_id=batch.run_id) for e in batch.entries],
        )
        counts["articles"] = insert_rows(
            conn,
            "articles",
            [article_row(a, now, batch.run_id) for a in batch.articles],
        )
        claim_rows, quantity_rows, attribution_rows = claim_table_rows(batch.claims)
        counts["claims"] = insert_rows(conn, "claims", claim_rows)
        counts["claim_quantities"] = insert_rows(conn, "claim_quantities", quantity_rows)
        counts["claim_attributions"] = insert_rows(conn, "claim_attributions", attribution_rows)
        counts["page_state"] = insert_rows(
            conn, "page_state", [asdict(p) for p in batch.page_states], upsert=True
        )
    return counts


# What a corroboration pass recomputes and swaps in whole.
CORROBORATION_TABLES = (
    "claim_matches",
    "claim_clusters",
    "lineage",
    "corroboration",
    "figure_timeline",
    "figure_disagreements",
    "cluster_lineage",
    "corroboration_settings",
)
# The row of corroboration_settings naming what the stored verdicts were judged under.
JUDGING_SETTINGS = "judging"
# What an incremental pass replaces: the rows of the clusters it judged again or that are gone,
# of the claims whose cluster row changed, of the articles whose lineage it voted again, and
# of the matches that changed. Keys come in as registered Arrow tables (`_keys`).
_DELETE_BY_KEY = (
    ("corroboration", "DELETE FROM corroboration WHERE cluster_id IN (SELECT k FROM _keys)"),
    ("figure_timeline", "DELETE FROM figure_timeline WHERE cluster_id IN (SELECT k FROM _keys)"),
    (
        "figure_disagreements",
        "DELETE FROM figure_disagreements WHERE cluster_id IN (SELECT k FROM _keys)",
    ),
    ("cluster_lineage", "DELETE FROM cluster_lineage WHERE cluster_id IN (SELECT k FROM _keys)"),
    ("claim_clusters", "DELETE FROM claim_clusters WHERE claim_id IN (SELECT k FROM _keys)"),
    ("lineage", "DELETE FROM lineage WHERE article_id IN (SELECT k FROM _keys)"),
)
DELETE_MATCHES = """
DELETE FROM claim_matches USING _keys
WHERE claim_matches.claim_a = _keys.a AND claim_matches.claim_b = _keys.b
"""


def replace_corroboration(
    conn: duckdb.DuckDBPyConnection,
    result: MatchResult,
    *,
    stories: Sequence[Story] | Callable[[duckdb.DuckDBPyConnection], Sequence[Story]] | None = None,
    edges: Sequence[tuple[str, Lineage]] = (),
    settings: str = "",
) -> None:
    """Swap in recomputed matches, clusters, lineage, verdicts with the figures that disagree
    (and stories) in one transaction.

    `edges` are each cluster's lineage edges before the vote and `settings` the digest of what
    the verdicts were judged under, kept for the next pass to judge only what changed; without
    them the next pass judges everything. The same transaction publishes the running run:
    readers' views show its articles from now. `stories` may be a callable, asked for them
    (with this connection, inside the transaction) once every other row is written: stories
    still being grouped elsewhere are waited for only then.
    """
    with transaction(conn):
        conn.execute(COMMIT_RUN, [datetime.now(UTC)])
        for table in CORROBORATION_TABLES:
            conn.execute(f"DELETE FROM {table}")
        _insert_corroboration(conn, result, edges, settings)
        if stories is not None:
            _swap_stories(conn, stories(conn) if callable(stories) else stories)


def update_corroboration(
    conn: duckdb.DuckDBPyConnection,
    result: MatchResult,
    *,
    clusters: Collection[str],
    claims: Collection[str],
    articles: Collection[str],
    matches: Collection[tuple[str, str]],
    edges: Sequence[tuple[str, Lineage]] = (),
    settings: str,
    stories: Sequence[Story] | None = None,
    replaced_stories: Collection[str] = (),
) -> None:
    """Swap in the rows of what one pass judged again, in one transaction; every other row
    stands. The stored rows of `clusters` (verdicts, figures, lineage edges), `claims` (their
    cluster rows), `articles` (lineage) and `matches` give way to `result`'s and `edges`, and
    the stored stories `replaced_stories` to `stories` (a regrouping of every member of
    theirs). The same transaction publishes the running run, as `replace_corroboration` does."""
    keys = {
        "corroboration": clusters,
        "figure_timeline": clusters,
        "figure_disagreements": clusters,
        "cluster_lineage": clusters,
        "claim_clusters": claims,
        "lineage": articles,
    }
    with transaction(conn):
        conn.execute(COMMIT_RUN, [datetime.now(UTC)])
        if stories is not None:
            _swap_stories(conn, stories, replaced=replaced_stories)
        for table, statement in _DELETE_BY_KEY:
            if keys[table]:
                _with_keys(conn, statement, {"k": pa.array(sorted(keys[table]), pa.string())})
        if matches:
            pairs = sorted(matches)
            _with_keys(
                conn,
                DELETE_MATCHES,
                {
                    "a": pa.array([a for a, _ in pairs], pa.string()),
                    "b": pa.array([b for _, b in pairs], pa.string()),
                },
            )
        conn.execute("DELETE FROM corroboration_settings")
        _insert_corroboration(conn, result, edges, settings)


def _with_keys(conn: duckdb.DuckDBPyConnection, statement: str, columns: dict[str, Any]) -> None:
    conn.register("_keys", pa.table(columns))
    try:
        conn.execute(statement)
    finally:
        conn.unregister("_keys")


def _insert_corroboration(
    conn: duckdb.DuckDBPyConnection,
    result: MatchResult,
    edges: Sequence[tuple[str, Lineage]],
    settings: str,
) -> None:
    insert_rows(
        conn,
        "claim_matches",
        [{"claim_a": a, "claim_b": b, "score": s, "decision": d} for a, b, s, d in result.matches],
    )
    insert_rows(
        conn,
        "claim_clusters",
        [
            {
                "claim_id": claim,
                "cluster_id": cluster,
                "source": result.sources.get(claim, ("", ""))[0],
                "via": result.sources.get(claim, ("", ""))[1],
            }
            for claim, cluster in result.clusters.items()
        ],
    )
    insert_rows(conn, "lineage", [asdict(edge) for edge in result.lineage])
    insert_rows(
        conn,
        "cluster_lineage",
        [dict(asdict(edge), cluster_id=cluster) for cluster, edge in edges],
    )
    insert_rows(
        conn,
        "corroboration",
        [
            {
                "cluster_id": c.cluster_id,
                "text": c.text,
                "outlets": list(c.outlets),
                "n_outlets": len(c.outlets),
                "independent_sources": c.independent_sources,
                "sources": list(c.sources),
                "first_outlet": c.first_outlet,
                "first_published_at": c.first_published_at,
                "first_time_source": c.first_time_source,
                "numbers_agree": c.numbers_agree,
                "verdict": c.verdict,
                "reason": c.reason,
                "n_mentions": len(c.member_claim_ids),
                "series_id": c.series_id,
                "previous_cluster_id": c.previous_cluster_id,
            }
            for c in result.corroboration
        ],
    )
    insert_rows(
        conn,
        "figure_timeline",
        [
            {
                "cluster_id": c.cluster_id,
                "claim_id": p.claim_id,
                "idx": p.index,
                "rank": rank,
                "line": p.line,
                "source": p.source,
                "via": p.via,
                "status": p.status,
                "replaces_claim_id": p.replaces_claim_id,
                "replaces_idx": p.replaces_index,
                "note": p.note,
            }
            for c in result.corroboration
            for rank, p in enumerate(c.timeline)
        ],
    )
    insert_rows(
        conn,
        "figure_disagreements",
        [
            {
                "cluster_id": c.cluster_id,
                "claim_id": d.claim_id,
                "idx": d.index,
                "other_claim_id": d.other_claim_id,
                "other_idx": d.other_index,
                "kind": d.kind,
                "reason": d.reason,
            }
            for c in result.corroboration
            for d in c.disagreements
        ],
    )
    if settings:
        insert_rows(
            conn, "corroboration_settings", [{"name": JUDGING_SETTINGS, "digest": settings}]
        )


def _swap_stories(
    conn: duckdb.DuckDBPyConnection,
    stories: Sequence[Story],
    *,
    replaced: Collection[str] | None = None,
) -> None:
    """Make the stored stories `stories`: every stored story (`replaced` None), or those of
    `replaced`, which `stories` regroup with all their members, every other one standing.
    Only the rows that differ are written: most stand from run to run."""
    story_rows, article_rows = _story_rows(stories)
    if replaced is None:
        _write_changed(conn, "stories", story_rows, STORED_STORIES)
        _write_changed(conn, "story_articles", article_rows, STORED_STORY_ARTICLES)
        return
    # Read back only what the regrouping may have changed: the stories it replaces and makes,
    # and the rows of their members (a story's id is its founder's: no other stands in).
    ids = sorted({*replaced, *(r["story_id"] for r in story_rows)})
    members = sorted({r["article_id"] for r in article_rows})
    _write_changed(conn, "stories", story_rows, STORED_STORIES_OF, {"stories": ids})
    _write_changed(
        conn,
        "story_articles",
        article_rows,
        STORED_STORY_ARTICLES_OF,
        {"stories": ids, "articles": members},
    )


# Stored story rows, to tell which rows a regrouping changed: all, or those of some stories
# and articles.
STORED_STORIES = "SELECT * FROM stories"
STORED_STORY_ARTICLES = "SELECT * FROM story_articles"
STORED_STORIES_OF = """
SELECT * FROM stories WHERE story_id IN (SELECT unnest($stories::VARCHAR[]))
"""
STORED_STORY_ARTICLES_OF = """
SELECT * FROM story_articles
WHERE story_id IN (SELECT unnest($stories::VARCHAR[]))
   OR article_id IN (SELECT unnest($articles::VARCHAR[]))
"""
_DELETE_KEYED = {
    "stories": "DELETE FROM stories WHERE story_id IN (SELECT k FROM _keys)",
    "story_articles": "DELETE FROM story_articles WHERE article_id IN (SELECT k FROM _keys)",
}


def _write_changed(
    conn: duckdb.DuckDBPyConnection,
    table: str,
    rows: list[dict[str, Any]],
    stored_rows: str,
    params: dict[str, Any] | None = None,
) -> None:
    """Make the rows of `table` (one-column key) that `stored_rows` reads exactly `rows`,
    writing only the rows that differ."""
    (key,) = TABLE_KEYS[table]
    cursor = conn.execute(stored_rows, params)
    columns = [d[0] for d in cursor.description]
    stored = {
        row[columns.index(key)]: dict(zip(columns, row, strict=True)) for row in cursor.fetchall()
    }
    wanted = {row[key]: row for row in rows}
    changed = [row for k, row in wanted.items() if stored.get(k) != row]
    stale = [k for k in stored if k not in wanted or stored[k] != wanted[k]]
    if stale:
        _with_keys(conn, _DELETE_KEYED[table], {"k": pa.array(sorted(stale), pa.string())})
    insert_rows(conn, table, changed)


def _story_rows(stories: Sequence[Story]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    story_rows, article_rows = [], []
    for story in stories:
        verdicts = dict(story.verdicts)
        story_rows.append(
            {
                "story_id": story.story_id,
                "headline": story.headline,
                "first_outlet": story.first_outlet,
                "first_published_at": story.first_published_at,
                "last_published_at": story.last_published_at,
                "outlets": list(story.outlets),
                "n_outlets": len(story.outlets),
                "n_articles": len(story.article_ids),
                "n_claims": len(story.cluster_ids),
                "corroborated": verdicts.get("corroborated", 0),
                "wire_only": verdicts.get("wire-only", 0),
                "single_source": verdicts.get("single-source", 0),
                "disputed": verdicts.get("disputed", 0),
                "updated": verdicts.get("updated", 0),
            }
        )
        for rank, member in enumerate(story.members, start=1):
            article_rows.append(
                {
                    "article_id": member.article_id,
                    "story_id": story.story_id,
                    "outlet_id": member.outlet_id,
                    "published_at": member.published_at,
                    "rank": rank,
                    "score": member.score,
                }
            )
    return story_rows, article_rows


def _row(record: Any) -> dict[str, Any]:
    """A flat record's fields as a row (tuples as lists). `asdict` would deep-copy every value
    of every row (a tenth of a second for a rerun's few thousand feed entries)."""
    row = {}
    for name in _field_names(type(record)):
        value = getattr(record, name)
        if isinstance(value, tuple):
            value = [_plain(v) for v in value]
        row[name] = _plain(value)
    return row


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def _plain(value: Any) -> Any:
    """A nested record as `asdict` gives it; any other value as it is."""
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return value


def article_row(article: Article, first_seen_at: datetime, run_id: str) -> dict[str, Any]:
    """An `articles` row: the version as extracted, when it was first seen and by which run."""
    return dict(_row(article), first_seen_at=first_seen_at.astimezone(UTC), run_id=run_id)


def claim_table_rows(
    claims: Iterable[Claim],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows of claims, claim_quantities and claim_attributions for a batch of claims."""
    claim_rows: list[dict[str, Any]] = []
    quantity_rows: list[dict[str, Any]] = []
    attribution_rows: list[dict[str, Any]] = []
    for claim in claims:
        claim_rows.append(
            {
                "claim_id": claim.claim_id,
                "article_id": claim.article_id,
                "version_id": claim.version_id,
                "outlet_id": claim.outlet_id,
                "position": claim.position,
                "start_offset": claim.start,
                "end_offset": claim.end,
                "text": claim.text,
                "norm_text": claim.norm_text,
                "published_at": claim.published_at,
                "dateline_end": claim.dateline_end,
            }
        )
        for idx, q in enumerate(claim.quantities):
            quantity_rows.append(
                {
                    "claim_id": claim.claim_id,
                    "idx": idx,
                    "kind": q.kind,
                    "value": q.value,
                    "unit": q.unit,
                    "raw": q.raw,
                    "qualifier": q.qualifier,
                    "start_offset": q.start,
                    "end_offset": q.end,
                }
            )
        for idx, attribution in enumerate(claim.attributions):
            attribution_rows.append(
                {
                    "claim_id": claim.claim_id,
                    "idx": idx,
                    "cited": attribution.cited,
                    "kind": attribution.kind,
                    "cue": attribution.cue,
                    "raw": attribution.raw,
                    "source": attribution.source,
                    "source_kind": attribution.source_kind,
                    "source_key": attribution.key,
                    "channel": attribution.channel,
                }
            )
    return claim_rows, quantity_rows, attribution_rows


# Re-extraction replaces the rows derived from the fetches it read again; rows of fetches whose
# WARC record is gone stay as they are. Claims go first: they point at their article version.
_REBUILT_CLAIMS = """
SELECT claim_id FROM claims WHERE version_id IN (
    SELECT version_id FROM articles WHERE fetch_id IN (SELECT fetch_id FROM _rebuilt))
"""
DELETE_REBUILT = (
    # A stored disagreement names a figure by its place in its claim: re-extracted claims may
    # number their figures differently, so theirs go until the corroboration that follows.
    f"DELETE FROM figure_disagreements WHERE claim_id IN ({_REBUILT_CLAIMS})"
    f" OR other_claim_id IN ({_REBUILT_CLAIMS})",
    f"DELETE FROM figure_timeline WHERE claim_id IN ({_REBUILT_CLAIMS})"
    f" OR replaces_claim_id IN ({_REBUILT_CLAIMS})",
    f"DELETE FROM claim_quantities WHERE claim_id IN ({_REBUILT_CLAIMS})",
    f"DELETE FROM claim_attributions WHERE claim_id IN ({_REBUILT_CLAIMS})",
    """DELETE FROM claims WHERE version_id IN (
        SELECT version_id FROM articles WHERE fetch_id IN (SELECT fetch_id FROM _rebuilt))""",
    "DELETE FROM articles WHERE fetch_id IN (SELECT fetch_id FROM _rebuilt)",
)
ARTICLE_VERSIONS = "SELECT version_id FROM articles"


def replace_extracted(
    conn: duckdb.DuckDBPyConnection,
    fetch_ids: Sequence[str],
    articles: Sequence[tuple[Article, datetime, str]],
    claims: Sequence[Claim],
) -> tuple[set[str], set[str]]:
    """Swap the articles and claims of re-extracted fetches for new ones, in one transaction.

    `articles` are (article, first seen at, run id): a version keeps when it was first seen.
    Returns the article version ids before and after.
    """
    with transaction(conn):
        conn.register("_rebuilt", pa.table({"fetch_id": pa.array(list(fetch_ids), pa.string())}))
        try:
            before = {r[0] for r in conn.execute(ARTICLE_VERSIONS).fetchall()}
            for statement in DELETE_REBUILT:
                conn.execute(statement)
        finally:
            conn.unregister("_rebuilt")
        insert_rows(
            conn,
            "articles",
            [article_row(article, seen_at, run_id) for article, seen_at, run_id in articles],
        )
        claim_rows, quantity_rows, attribution_rows = claim_table_rows(claims)
        insert_rows(conn, "claims", claim_rows)
        insert_rows(conn, "claim_quantities", quantity_rows)
        insert_rows(conn, "claim_attributions", attribution_rows)
        after = {r[0] for r in conn.execute(ARTICLE_VERSIONS).fetchall()}
    return before, after
