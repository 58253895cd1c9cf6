"""What `wiretrace ui` reads: paged claim and story lists, outlets and who copies whom, runs, feeds.

Every query is a named constant with bound parameters; a page's sort picks one of the constant
ORDER BY clauses below, so nothing from a URL ever becomes SQL. Like every reader, these see
committed runs only (the views of migration 007).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import duckdb

from wiretrace.records import VERDICTS, ClaimSummary, StorySummary
from wiretrace.warehouse.db import connect
from wiretrace.warehouse.reports import claim_summary

CLAIM_ORDERS = {
    "outlets": "s.n_outlets DESC, s.first_published_at NULLS LAST, s.cluster_id",
    "independent": "s.independent_sources DESC, s.n_outlets DESC, s.first_published_at NULLS LAST,"
    " s.cluster_id",
    "first": "s.first_published_at NULLS LAST, s.n_outlets DESC, s.cluster_id",
    "latest": "s.first_published_at DESC NULLS LAST, s.n_outlets DESC, s.cluster_id",
}
CLAIM_SORTS = tuple(CLAIM_ORDERS)
# `$search` arrives lower-cased: matched against each mention's sentence, earlier versions too.
CLAIM_FILTER = """
FROM claim_summary s
WHERE ($verdict IS NULL OR s.verdict = $verdict)
  AND ($outlet IS NULL OR list_contains(s.outlets, $outlet))
  AND ($since IS NULL OR s.first_published_at >= $since)
  AND ($until IS NULL OR s.first_published_at < $until)
  AND s.n_outlets >= $min_outlets
  AND ($search IS NULL OR s.cluster_id IN (
        SELECT cc.cluster_id FROM claim_clusters cc JOIN claims c USING (claim_id)
        WHERE contains(lower(c.text), $search)))
"""
CLAIM_COLUMNS = """
SELECT s.cluster_id, s.text, s.verdict, s.reason, s.outlets, s.independent_sources, s.sources,
       s.first_outlet, s.first_published_at, s.first_time_source, s.numbers_agree, s.n_mentions
"""
# One query per sort, composed of the constants above only.
CLAIMS_PAGE = {
    sort: CLAIM_COLUMNS + CLAIM_FILTER + f"ORDER BY {order}\nLIMIT $limit OFFSET $offset"
    for sort, order in CLAIM_ORDERS.items()
}
# With a text search, the clusters it finds are found once, then counted and paged: the search
# scans every mention's sentence, and at 50,000 articles that scan is most of the page's time.
# (Without one, counting is cheap and the page is a top-N; materialising every cluster is not.)
SEARCHED_PAGE = {
    sort: "WITH s AS MATERIALIZED (SELECT s.*"
    + CLAIM_FILTER
    + ")"
    + CLAIM_COLUMNS.replace("SELECT", "SELECT (SELECT count(*) FROM s) AS total,", 1)
    + f"FROM s\nORDER BY {order}\nLIMIT $limit OFFSET $offset"
    for sort, order in CLAIM_ORDERS.items()
}
CLAIMS_COUNT = "SELECT count(*)" + CLAIM_FILTER
CLAIM_STORIES = """
SELECT DISTINCT s.story_id, s.headline, s.last_published_at
FROM claim_clusters cc
JOIN claims c USING (claim_id)
JOIN story_articles sa USING (article_id)
JOIN stories s USING (story_id)
WHERE cc.cluster_id = ?
ORDER BY s.last_published_at DESC NULLS LAST, s.story_id
"""

STORY_FILTER = """
FROM story_summary s
WHERE ($outlet IS NULL OR list_contains(s.outlets, $outlet))
  AND ($since IS NULL OR s.last_published_at >= $since)
  AND ($until IS NULL OR s.first_published_at < $until)
  AND ($search IS NULL OR contains(lower(s.headline), $search))
"""
STORIES_PAGE = (
    """
SELECT s.story_id, s.headline, s.outlets, s.missing_outlets, s.first_outlet,
       s.first_published_at, s.last_published_at, s.n_articles, s.n_claims,
       s.corroborated, s.wire_only, s.single_source, s.disputed, s.updated
"""
    + STORY_FILTER
    + """
ORDER BY s.last_published_at DESC NULLS LAST, s.first_published_at DESC, s.story_id
LIMIT $limit OFFSET $offset
"""
)
STORIES_COUNT = "SELECT count(*)" + STORY_FILTER

# Per outlet: its committed articles, how often it was first to a shared claim, how many of its
# articles reprint, credit or cite another outlet (lineage), the disputed claims it carries,
# and the stories it covered or missed.
OUTLET_STATS = """
WITH arts AS (
    SELECT outlet_id, count(*) AS articles FROM latest_articles GROUP BY outlet_id
), kinds AS (
    SELECT a.outlet_id,
           count(DISTINCT l.article_id) FILTER (WHERE l.kind = 'verbatim') AS reprinted,
           count(DISTINCT l.article_id) FILTER (WHERE l.kind = 'credited') AS credited,
           count(DISTINCT l.article_id) FILTER (WHERE l.kind = 'attributed') AS cited,
           count(DISTINCT l.article_id) FILTER (WHERE l.kind IN ('verbatim', 'credited'))
               AS wire_copy
    FROM lineage l JOIN latest_articles a USING (article_id)
    WHERE l.source_outlet <> a.outlet_id
    GROUP BY a.outlet_id
), carried AS (
    SELECT unnest(outlets) AS outlet_id, verdict FROM corroboration
), disputed AS (
    SELECT outlet_id, count(*) AS disputes FROM carried WHERE verdict = 'disputed'
    GROUP BY outlet_id
)
SELECT o.outlet_id, o.name, o.kind, coalesce(o.active, true),
       coalesce(arts.articles, 0), coalesce(f.shared_claims, 0), coalesce(f.first, 0),
       coalesce(k.reprinted, 0), coalesce(k.credited, 0), coalesce(k.cited, 0),
       coalesce(k.wire_copy, 0), coalesce(d.disputes, 0),
       coalesce(c.covered, 0), coalesce(c.missed, 0)
FROM outlets o
LEFT JOIN arts USING (outlet_id)
LEFT JOIN first_reporters f USING (outlet_id)
LEFT JOIN kinds k USING (outlet_id)
LEFT JOIN disputed d USING (outlet_id)
LEFT JOIN outlet_coverage c USING (outlet_id)
WHERE ($outlet IS NULL OR o.outlet_id = $outlet)
ORDER BY o.kind = 'wire' DESC, o.outlet_id
"""
# Who takes from whom: articles of `outlet_id` that reprint, credit or cite `source_outlet`.
OUTLET_LINKS = """
SELECT a.outlet_id, l.source_outlet, coalesce(o.name, l.source_outlet), l.kind,
       count(DISTINCT l.article_id)
FROM lineage l
JOIN latest_articles a USING (article_id)
LEFT JOIN outlets o ON o.outlet_id = l.source_outlet
WHERE l.source_outlet <> a.outlet_id
GROUP BY ALL
ORDER BY a.outlet_id, l.source_outlet, l.kind
"""

OUTLET_NAMES = "SELECT outlet_id, name FROM outlets ORDER BY kind = 'wire' DESC, outlet_id"

RUNS_PAGE = """
SELECT run_id, label, status, started_at, finished_at, committed_at, counts, errors
FROM runs ORDER BY started_at DESC LIMIT ? OFFSET ?
"""
RUNS_COUNT = "SELECT count(*) FROM runs"
# Failing feeds first, then by outlet: what an operator looks at first.
FEEDS = """
SELECT feed_url, outlet_id, last_polled_at, last_status, last_error, consecutive_failures,
       entries_seen, next_poll_at, coalesce(parent_url, '')
FROM feed_state
ORDER BY consecutive_failures DESC, outlet_id, feed_url
"""
LAST_COMMITTED = "SELECT max(committed_at) FROM runs"
TOTALS = """
SELECT (SELECT count(*) FROM outlets),
       (SELECT count(*) FROM latest_articles),
       (SELECT count(*) FROM claims WHERE version_id IN (SELECT version_id FROM latest_articles)),
       (SELECT count(*) FROM corroboration),
       (SELECT count(*) FROM stories),
       (SELECT count(*) FROM runs)
"""


# ---- records ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Paged:
    """Which slice of a list a page shows."""

    total: int
    page: int
    per_page: int
    pages: int = 1  # how many pages the list fills, at least one

    @classmethod
    def of(cls, total: int, page: int, per_page: int) -> Paged:
        return cls(total, page, per_page, max(1, -(-total // per_page)))


@dataclass(frozen=True, slots=True)
class ClaimsPage:
    """One page of claim clusters matching the filters, and how many match in all."""

    claims: tuple[ClaimSummary, ...]
    paged: Paged


@dataclass(frozen=True, slots=True)
class StoriesPage:
    stories: tuple[StorySummary, ...]
    paged: Paged


@dataclass(frozen=True, slots=True)
class StoryRef:
    """A story a claim appears in."""

    id: str
    headline: str
    last_published_at: datetime | None


@dataclass(frozen=True, slots=True)
class OutletStats:
    """One outlet as the outlets page shows it."""

    outlet_id: str
    name: str
    kind: str
    active: bool
    articles: int  # latest committed versions
    shared_claims: int  # claims it carries that another outlet carries too
    first: int  # ... of which it published first
    reprinted: int  # articles that reprint another outlet's copy (verbatim)
    credited: int  # articles that credit another outlet ("(Reuters) -")
    cited: int  # articles that cite another outlet ("according to Reuters")
    wire_copy: int  # articles that reprint or credit another's copy
    disputes: int  # disputed claims it carries
    stories_covered: int
    stories_missed: int  # its blind spots
    first_share: float | None = None  # first / shared_claims
    wire_copy_share: float | None = None  # wire_copy / articles


@dataclass(frozen=True, slots=True)
class OutletLink:
    """`count` articles of `outlet_id` that reprint, credit or cite (`kind`) `source_outlet`."""

    outlet_id: str
    source_outlet: str
    source_name: str
    kind: str  # verbatim | credited | attributed
    count: int


@dataclass(frozen=True, slots=True)
class RunRow:
    """One run: when, how it ended, its counts and errors."""

    run_id: str
    label: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    committed_at: datetime | None
    counts: Mapping[str, Any] = field(default_factory=dict)
    errors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FeedHealth:
    """A feed or sitemap after its last poll; `next_poll_at` is set while it backs off."""

    feed_url: str
    outlet_id: str
    last_polled_at: datetime | None
    last_status: int | None
    last_error: str | None
    consecutive_failures: int
    entries_seen: int
    next_poll_at: datetime | None
    parent_url: str


@dataclass(frozen=True, slots=True)
class Totals:
    outlets: int
    articles: int
    claims: int
    clusters: int
    stories: int
    runs: int


# ---- queries ------------------------------------------------------------------------------


def _day_start(day: date | None) -> datetime | None:
    return None if day is None else datetime.combine(day, time.min, tzinfo=UTC)


def claims_page(
    conn: duckdb.DuckDBPyConnection,
    *,
    search: str | None = None,
    outlet: str | None = None,
    verdict: str | None = None,
    since: date | None = None,
    until: date | None = None,
    min_outlets: int = 1,
    sort: str = "outlets",
    page: int = 1,
    per_page: int = 25,
) -> ClaimsPage:
    """Claim clusters matching every filter given (`until` inclusive), one page of them."""
    if sort not in CLAIMS_PAGE:
        raise ValueError(f"sort must be one of {', '.join(CLAIM_SORTS)}")
    if verdict is not None and verdict not in VERDICTS:
        raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}")
    params: dict[str, Any] = {
        "verdict": verdict,
        "outlet": outlet,
        "since": _day_start(since),
        "until": _day_start(until + timedelta(days=1)) if until else None,
        "min_outlets": min_outlets,
        "search": search.lower() if search else None,
    }
    limits = {"limit": per_page, "offset": (page - 1) * per_page}
    total: int | None = None
    if search:
        found = conn.execute(SEARCHED_PAGE[sort], {**params, **limits}).fetchall()
        rows = [row[1:] for row in found]
        total = int(found[0][0]) if found else None  # none: nothing found, or past the last page
    else:
        rows = conn.execute(CLAIMS_PAGE[sort], {**params, **limits}).fetchall()
    if total is None:
        counted = conn.execute(CLAIMS_COUNT, params).fetchone()
        total = int(counted[0]) if counted else 0
    return ClaimsPage(tuple(claim_summary(r) for r in rows), Paged.of(total, page, per_page))


def claim_stories(conn: duckdb.DuckDBPyConnection, cluster_id: str) -> list[StoryRef]:
    """The stories whose articles carry the claim, the latest first."""
    return [StoryRef(*r) for r in conn.execute(CLAIM_STORIES, [cluster_id]).fetchall()]


def stories_page(
    conn: duckdb.DuckDBPyConnection,
    *,
    search: str | None = None,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    page: int = 1,
    per_page: int = 25,
) -> StoriesPage:
    """Stories, the latest active first, with their outlets, blind spots and claims by verdict."""
    params: dict[str, Any] = {
        "outlet": outlet,
        "since": _day_start(since),
        "until": _day_start(until + timedelta(days=1)) if until else None,
        "search": search.lower() if search else None,
    }
    total = conn.execute(STORIES_COUNT, params).fetchone()
    rows = conn.execute(
        STORIES_PAGE, {**params, "limit": per_page, "offset": (page - 1) * per_page}
    ).fetchall()
    stories = tuple(
        StorySummary(
            id=r[0],
            headline=r[1],
            outlets=tuple(r[2]),
            missing_outlets=tuple(r[3]),
            first_outlet=r[4],
            first_published_at=r[5],
            last_published_at=r[6],
            articles=r[7],
            claims=r[8],
            verdicts=dict(zip(VERDICTS, r[9:14], strict=True)),
        )
        for r in rows
    )
    return StoriesPage(stories, Paged.of(int(total[0]) if total else 0, page, per_page))


def outlet_stats(conn: duckdb.DuckDBPyConnection, outlet: str | None = None) -> list[OutletStats]:
    """Every outlet the warehouse knows (wires first), or only `outlet`."""
    rows = conn.execute(OUTLET_STATS, {"outlet": outlet}).fetchall()
    return [
        OutletStats(
            outlet_id=r[0],
            name=r[1],
            kind=r[2],
            active=r[3],
            articles=r[4],
            shared_claims=r[5],
            first=r[6],
            reprinted=r[7],
            credited=r[8],
            cited=r[9],
            wire_copy=r[10],
            disputes=r[11],
            stories_covered=r[12],
            stories_missed=r[13],
            first_share=r[6] / r[5] if r[5] else None,
            wire_copy_share=r[10] / r[4] if r[4] else None,
        )
        for r in rows
    ]


def outlet_names(conn: duckdb.DuckDBPyConnection) -> list[tuple[str, str]]:
    """(id, name) of every outlet, wires first: what a filter offers."""
    return [(r[0], r[1]) for r in conn.execute(OUTLET_NAMES).fetchall()]


def outlet_links(conn: duckdb.DuckDBPyConnection) -> list[OutletLink]:
    """Every (outlet, source, kind) of lineage with the number of articles behind it."""
    return [OutletLink(*r) for r in conn.execute(OUTLET_LINKS).fetchall()]


def runs(
    conn: duckdb.DuckDBPyConnection, *, page: int = 1, per_page: int = 25
) -> tuple[list[RunRow], Paged]:
    """Runs, the latest first, with their counts and errors as recorded."""
    total = conn.execute(RUNS_COUNT).fetchone()
    rows = conn.execute(RUNS_PAGE, [per_page, (page - 1) * per_page]).fetchall()
    found = [
        RunRow(
            run_id=r[0],
            label=r[1] or "",
            status=r[2],
            started_at=r[3],
            finished_at=r[4],
            committed_at=r[5],
            counts=json.loads(r[6]) if r[6] else {},
            errors=tuple(str(e) for e in (json.loads(r[7]) if r[7] else [])),
        )
        for r in rows
    ]
    return found, Paged.of(int(total[0]) if total else 0, page, per_page)


def feeds(conn: duckdb.DuckDBPyConnection) -> list[FeedHealth]:
    """Every polled feed and sitemap, failing ones first."""
    return [FeedHealth(*r) for r in conn.execute(FEEDS).fetchall()]


def totals(conn: duckdb.DuckDBPyConnection) -> Totals:
    row = conn.execute(TOTALS).fetchone()
    return Totals(*(int(v) for v in row)) if row else Totals(0, 0, 0, 0, 0, 0)


def last_committed(conn: duckdb.DuckDBPyConnection) -> datetime | None:
    """When a run last made its data visible to readers; None before any run committed."""
    row = conn.execute(LAST_COMMITTED).fetchone()
    return row[0] if row else None


def copy_committed(path: Path, target: Path, *, wait: float = 5.0) -> datetime | None:
    """Copy the warehouse file to `target` while holding it read-only; returns its last commit.

    Holding a read-only connection keeps any writer out for the copy, so the copy is one
    consistent state (a write-ahead log left by a crashed writer travels with it). The copy is
    written beside `target` and renamed into place: a reader of `target` never sees half.
    """
    conn = connect(path, read_only=True, wait=wait)
    try:
        committed = last_committed(conn)
        partial = target.with_name(target.name + ".partial")
        shutil.copyfile(path, partial)
        wal = path.with_name(path.name + ".wal")
        target_wal = target.with_name(target.name + ".wal")
        if wal.exists():
            shutil.copyfile(wal, target_wal)
        elif target_wal.exists():
            target_wal.unlink()
        os.replace(partial, target)
    finally:
        conn.close()
    return committed
