"""What readers see: claim and story lists, and everything one claim's or one story's report shows."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import duckdb

from wiretrace.records import (
    VERDICTS,
    ClaimMention,
    ClaimReport,
    ClaimSummary,
    FigurePoint,
    FigureRef,
    Lineage,
    MentionFigure,
    OutletCoverage,
    StoryClaim,
    StoryReport,
    StorySummary,
    TimelineEntry,
)

CLAIM_SORTS = ("outlets", "first", "independent")
NEVER = datetime.max.replace(tzinfo=UTC)  # claims with no known time sort last

CLAIM_SUMMARY = """
SELECT s.cluster_id, s.text, s.verdict, s.reason, s.outlets, s.independent_sources, s.sources,
       s.first_outlet, s.first_published_at, s.first_time_source, s.numbers_agree, s.n_mentions
FROM claim_summary s
"""
CLAIMS_LIST = (
    CLAIM_SUMMARY
    + """
WHERE ($verdict IS NULL OR s.verdict = $verdict)
  AND ($outlet IS NULL OR list_contains(s.outlets, $outlet))
  AND ($search IS NULL OR s.cluster_id IN (
        SELECT cluster_id FROM claim_mentions
        WHERE contains(lower(sentence), lower($search))))
  AND ($since IS NULL OR s.first_published_at >= $since)
ORDER BY s.n_outlets DESC, s.first_published_at, s.cluster_id
"""
)
CLAIM_BY_ID = CLAIM_SUMMARY + "WHERE s.cluster_id = ?"
# Column order is ClaimMention's field order.
MENTIONS = """
SELECT m.claim_id, m.outlet_id, o.name, o.timezone, m.headline, m.url, m.published_at,
       m.published_source, m.start_offset, m.end_offset, m.sentence, m.version_id,
       m.version_id IN (SELECT version_id FROM latest_articles) AS is_latest,
       f.fetch_id, f.fetched_at, f.warc_file, f.warc_offset, f.warc_record_id, f.body_sha256,
       a.credit, a.dateline, m.article_id, m.source, m.via
FROM claim_mentions m
LEFT JOIN outlets o USING (outlet_id)
LEFT JOIN fetches f ON f.fetch_id = m.fetch_id
LEFT JOIN articles a ON a.version_id = m.version_id
WHERE m.cluster_id = ?
ORDER BY m.published_at NULLS LAST, m.outlet_id, m.claim_id
"""
CLUSTER_QUANTITIES = """
SELECT m.outlet_id, q.claim_id, q.kind, q.value, q.unit, q.raw, q.qualifier, q.idx
FROM claim_quantities q JOIN claim_mentions m USING (claim_id)
WHERE m.cluster_id = ? ORDER BY m.outlet_id, q.claim_id, q.idx
"""
# The figures each figure disagrees with (as corroboration stored them), listed as the report
# lists figures: by the other mention's outlet and claim, then its place in the sentence.
CLUSTER_DISAGREEMENTS = """
SELECT d.claim_id, d.idx, d.other_claim_id, q.raw
FROM figure_disagreements d
JOIN claim_quantities q ON q.claim_id = d.other_claim_id AND q.idx = d.other_idx
JOIN claims c ON c.claim_id = d.other_claim_id
WHERE d.cluster_id = ?
ORDER BY d.claim_id, d.idx, c.outlet_id, d.other_claim_id, d.other_idx
"""
# Column order is FigurePoint's field order.
CLUSTER_TIMELINE = """
SELECT claim_id, idx, line, outlet_id, source, via, published_at, raw, value, unit,
       coalesce(qualifier, ''), status, coalesce(replaces_claim_id, ''),
       coalesce(replaces_idx, -1), coalesce(note, '')
FROM figure_timelines WHERE cluster_id = ? ORDER BY rank
"""
CLUSTER_SERIES = "SELECT series_id, previous_cluster_id FROM corroboration WHERE cluster_id = ?"
CLUSTER_LINEAGE = """
SELECT DISTINCT l.article_id, l.source_outlet, l.source_article_id, l.kind, l.evidence
FROM lineage l WHERE l.article_id IN (SELECT article_id FROM claim_mentions WHERE cluster_id = ?)
ORDER BY l.article_id, l.kind, l.source_outlet
"""

STORIES_LIST = """
SELECT s.story_id, s.headline, s.outlets, s.missing_outlets, s.first_outlet,
       s.first_published_at, s.last_published_at, s.n_articles, s.n_claims,
       s.corroborated, s.wire_only, s.single_source, s.disputed, s.updated
FROM story_summary s
WHERE ($id IS NULL OR s.story_id = $id)
  AND ($outlet IS NULL OR list_contains(s.outlets, $outlet))
  AND ($since IS NULL OR s.last_published_at >= $since)
  AND ($search IS NULL OR s.story_id IN (
        SELECT t.story_id FROM story_timeline t JOIN latest_articles a USING (article_id)
        WHERE contains(lower(a.title), lower($search)) OR contains(lower(a.text), lower($search))))
ORDER BY s.last_published_at DESC NULLS LAST, s.first_published_at DESC, s.story_id
"""
# STORIES_LIST selects the verdict columns of `stories` in the order of VERDICTS, whose names
# key a story's `verdicts`.
# Column orders are the field orders of TimelineEntry, OutletCoverage and StoryClaim.
STORY_TIMELINE = """
SELECT t.rank, t.article_id, t.outlet_id, coalesce(o.name, t.outlet_id), coalesce(o.timezone, 'UTC'),
       t.published_at, t.published_source, t.headline, t.url, t.score, t.wire_copy_of
FROM story_timeline t LEFT JOIN outlets o USING (outlet_id)
WHERE t.story_id = ?
ORDER BY t.rank
"""
STORY_COVERAGE = """
SELECT c.outlet_id, coalesce(o.name, c.outlet_id), c.covered, c.articles, c.first_published_at,
       c.first, c.wire_copy
FROM story_coverage c LEFT JOIN outlets o USING (outlet_id)
WHERE c.story_id = ?
ORDER BY c.covered DESC, c.first_published_at NULLS LAST, c.outlet_id
"""
STORY_CLAIMS = """
SELECT cluster_id, sentence, verdict, reason, outlets, independent_sources, sources, first_outlet,
       first_published_at
FROM story_claims
WHERE story_id = ?
ORDER BY n_outlets DESC, independent_sources DESC, first_published_at NULLS LAST, cluster_id
"""


def claim_summary(row: tuple[Any, ...]) -> ClaimSummary:
    """A `claim_summary` view row (in its column order) as its record."""
    return ClaimSummary(
        id=row[0],
        text=row[1],
        verdict=row[2],
        reason=row[3],
        outlets=tuple(row[4]),
        independent_sources=row[5],
        sources=tuple(row[6]),
        first_outlet=row[7],
        first_published_at=row[8],
        first_time_source=row[9],
        numbers_agree=row[10],
        mentions=row[11],
    )


def list_claims(
    conn: duckdb.DuckDBPyConnection,
    *,
    verdict: str | None = None,
    outlet: str | None = None,
    search: str | None = None,
    since: datetime | None = None,
    min_outlets: int = 1,
    sort: str = "outlets",
) -> list[ClaimSummary]:
    """Claim clusters, most outlets first; `sort` "first" (earliest first) or "independent"."""
    if sort not in CLAIM_SORTS:
        raise ValueError(f"sort must be one of {', '.join(CLAIM_SORTS)}")
    rows = conn.execute(
        CLAIMS_LIST, {"verdict": verdict, "outlet": outlet, "search": search, "since": since}
    ).fetchall()
    claims = [claim_summary(row) for row in rows if len(row[4]) >= min_outlets]
    # Stable sorts over the SQL order (most outlets, then earliest): ties keep that order.
    if sort == "first":
        claims.sort(key=lambda c: (c.first_published_at is None, c.first_published_at or NEVER))
    elif sort == "independent":
        claims.sort(key=lambda c: -c.independent_sources)
    return claims


def claim_report(conn: duckdb.DuckDBPyConnection, cluster_id: str) -> ClaimReport | None:
    """Everything one claim's report shows; None when the cluster id is unknown."""
    row = conn.execute(CLAIM_BY_ID, [cluster_id]).fetchone()
    if row is None:
        return None
    summary = claim_summary(row)
    mentions = tuple(ClaimMention(*r) for r in conn.execute(MENTIONS, [cluster_id]).fetchall())
    disagreements: dict[tuple[str, int], list[FigureRef]] = {}
    for claim_id, idx, other, raw in conn.execute(CLUSTER_DISAGREEMENTS, [cluster_id]).fetchall():
        disagreements.setdefault((claim_id, idx), []).append(FigureRef(other, raw))
    quantities = tuple(
        MentionFigure(
            outlet_id=r[0],
            claim_id=r[1],
            kind=r[2],
            value=r[3],
            unit=r[4],
            raw=r[5],
            qualifier=r[6],
            disagrees_with=tuple(disagreements.get((r[1], r[7]), ())),
        )
        for r in conn.execute(CLUSTER_QUANTITIES, [cluster_id]).fetchall()
    )
    lineage = tuple(
        Lineage(
            article_id=r[0],
            source_outlet=r[1],
            source_article_id=r[2],
            kind=r[3],
            evidence=r[4],
        )
        for r in conn.execute(CLUSTER_LINEAGE, [cluster_id]).fetchall()
    )
    timeline = tuple(
        FigurePoint(*r) for r in conn.execute(CLUSTER_TIMELINE, [cluster_id]).fetchall()
    )
    series = conn.execute(CLUSTER_SERIES, [cluster_id]).fetchone() or ("", "")
    return ClaimReport(
        id=summary.id,
        text=summary.text,
        verdict=summary.verdict,
        reason=summary.reason,
        outlets=summary.outlets,
        independent_sources=summary.independent_sources,
        sources=summary.sources,
        first_outlet=summary.first_outlet,
        first_published_at=summary.first_published_at,
        first_time_source=summary.first_time_source,
        numbers_agree=summary.numbers_agree,
        mentions=mentions,
        quantities=quantities,
        lineage=lineage,
        figure_timeline=timeline,
        series_id=series[0] or "",
        previous_cluster_id=series[1] or "",
    )


def list_stories(
    conn: duckdb.DuckDBPyConnection,
    *,
    outlet: str | None = None,
    search: str | None = None,
    since: datetime | None = None,
    story_id: str | None = None,
) -> list[StorySummary]:
    """Stories, the latest active first, with outlets, blind spots and claims by verdict."""
    rows = conn.execute(
        STORIES_LIST, {"id": story_id, "outlet": outlet, "search": search, "since": since}
    ).fetchall()
    return [
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
    ]


def story_report(conn: duckdb.DuckDBPyConnection, story_id: str) -> StoryReport | None:
    """Everything one story's report shows; None when the story id is unknown."""
    rows = list_stories(conn, story_id=story_id)
    if not rows:
        return None
    story = rows[0]
    timeline = tuple(
        TimelineEntry(
            rank=r[0],
            article_id=r[1],
            outlet_id=r[2],
            outlet=r[3],
            timezone=r[4],
            published_at=r[5],
            time_source=r[6],
            headline=r[7],
            url=r[8],
            score=r[9],
            wire_copy_of=tuple(r[10]),
        )
        for r in conn.execute(STORY_TIMELINE, [story_id]).fetchall()
    )
    coverage = tuple(
        OutletCoverage(*r) for r in conn.execute(STORY_COVERAGE, [story_id]).fetchall()
    )
    claims = tuple(
        StoryClaim(
            id=r[0],
            text=r[1],
            verdict=r[2],
            reason=r[3],
            outlets=tuple(r[4]),
            independent_sources=r[5],
            sources=tuple(r[6]),
            first_outlet=r[7],
            first_published_at=r[8],
        )
        for r in conn.execute(STORY_CLAIMS, [story_id]).fetchall()
    )
    return StoryReport(
        id=story.id,
        headline=story.headline,
        outlets=story.outlets,
        missing_outlets=story.missing_outlets,
        first_outlet=story.first_outlet,
        first_published_at=story.first_published_at,
        last_published_at=story.last_published_at,
        articles=story.articles,
        claims=story.claims,
        verdicts=story.verdicts,
        timeline=timeline,
        coverage=coverage,
        claim_clusters=claims,
    )
