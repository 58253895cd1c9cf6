"""What each page of the app shows, read from the warehouse: one record per page, its JSON twin."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

import duckdb

from wiretrace.records import ClaimReport, ClaimSummary, StoryReport, StorySummary
from wiretrace.ui.params import ClaimQuery, StoryQuery
from wiretrace.warehouse import browse
from wiretrace.warehouse.browse import FeedHealth, OutletLink, OutletStats, Paged, RunRow, StoryRef
from wiretrace.warehouse.reports import claim_report, story_report

PER_PAGE = 25
FeedState = Literal["ok", "failing", "backing off"]


@dataclass(frozen=True, slots=True)
class Meta:
    """What every page says about its data."""

    committed_at: datetime | None  # when a run last made data visible
    snapshot: bool  # a run holds the warehouse: this is the copy made at that commit


@dataclass(frozen=True, slots=True)
class ClaimsView:
    meta: Meta
    query: ClaimQuery
    paged: Paged
    claims: tuple[ClaimSummary, ...]
    outlets: tuple[tuple[str, str], ...]  # (id, name) for the outlet filter


@dataclass(frozen=True, slots=True)
class ClaimView:
    meta: Meta
    claim: ClaimReport
    stories: tuple[StoryRef, ...]


@dataclass(frozen=True, slots=True)
class StoriesView:
    meta: Meta
    query: StoryQuery
    paged: Paged
    stories: tuple[StorySummary, ...]
    outlets: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class StoryView:
    meta: Meta
    story: StoryReport


@dataclass(frozen=True, slots=True)
class OutletsView:
    meta: Meta
    outlets: tuple[OutletStats, ...]
    links: tuple[OutletLink, ...]  # who reprints, credits or cites whom, in articles


@dataclass(frozen=True, slots=True)
class OutletView:
    meta: Meta
    outlet: OutletStats
    takes_from: tuple[OutletLink, ...]
    taken_by: tuple[OutletLink, ...]
    disputes: tuple[ClaimSummary, ...]
    latest_claims: tuple[ClaimSummary, ...]


@dataclass(frozen=True, slots=True)
class FeedDue:
    """A feed's health and when it is next asked: at its back-off's end, or the next run."""

    feed: FeedHealth
    state: FeedState
    next_poll_at: datetime | None  # None: at the next run


@dataclass(frozen=True, slots=True)
class RunsView:
    meta: Meta
    paged: Paged
    runs: tuple[RunRow, ...]
    feeds: tuple[FeedDue, ...]  # failing and backing-off feeds first
    totals: browse.Totals


def _outlet_choices(conn: duckdb.DuckDBPyConnection) -> tuple[tuple[str, str], ...]:
    return tuple(browse.outlet_names(conn))


def claims_view(conn: duckdb.DuckDBPyConnection, meta: Meta, query: ClaimQuery) -> ClaimsView:
    found = browse.claims_page(
        conn,
        search=query.q or None,
        outlet=query.outlet or None,
        verdict=query.verdict or None,
        since=query.since,
        until=query.until,
        sort=query.sort,
        page=query.page,
        per_page=PER_PAGE,
    )
    return ClaimsView(meta, query, found.paged, found.claims, _outlet_choices(conn))


def claim_view(conn: duckdb.DuckDBPyConnection, meta: Meta, claim_id: str) -> ClaimView | None:
    report = claim_report(conn, claim_id)
    if report is None:
        return None
    return ClaimView(meta, report, tuple(browse.claim_stories(conn, claim_id)))


def stories_view(conn: duckdb.DuckDBPyConnection, meta: Meta, query: StoryQuery) -> StoriesView:
    found = browse.stories_page(
        conn,
        search=query.q or None,
        outlet=query.outlet or None,
        since=query.since,
        until=query.until,
        page=query.page,
        per_page=PER_PAGE,
    )
    return StoriesView(meta, query, found.paged, found.stories, _outlet_choices(conn))


def story_view(conn: duckdb.DuckDBPyConnection, meta: Meta, story_id: str) -> StoryView | None:
    report = story_report(conn, story_id)
    return None if report is None else StoryView(meta, report)


def outlets_view(conn: duckdb.DuckDBPyConnection, meta: Meta) -> OutletsView:
    return OutletsView(meta, tuple(browse.outlet_stats(conn)), tuple(browse.outlet_links(conn)))


def outlet_view(conn: duckdb.DuckDBPyConnection, meta: Meta, outlet_id: str) -> OutletView | None:
    found = browse.outlet_stats(conn, outlet_id)
    if not found:
        return None
    links = browse.outlet_links(conn)
    disputes = browse.claims_page(conn, outlet=outlet_id, verdict="disputed", per_page=PER_PAGE)
    latest = browse.claims_page(conn, outlet=outlet_id, sort="latest", per_page=10)
    return OutletView(
        meta,
        found[0],
        tuple(link for link in links if link.outlet_id == outlet_id),
        tuple(link for link in links if link.source_outlet == outlet_id),
        disputes.claims,
        latest.claims,
    )


def feed_due(feed: FeedHealth, now: datetime) -> FeedDue:
    if feed.next_poll_at is not None and feed.next_poll_at > now:
        return FeedDue(feed, "backing off", feed.next_poll_at)
    return FeedDue(feed, "failing" if feed.consecutive_failures else "ok", None)


def runs_view(
    conn: duckdb.DuckDBPyConnection, meta: Meta, page: int, *, now: datetime | None = None
) -> RunsView:
    found, paged = browse.runs(conn, page=page, per_page=PER_PAGE)
    moment = now or datetime.now(UTC)
    feeds = sorted(
        (feed_due(f, moment) for f in browse.feeds(conn)),
        key=lambda d: (d.state == "ok", d.feed.outlet_id, d.feed.feed_url),
    )
    return RunsView(meta, paged, tuple(found), tuple(feeds), browse.totals(conn))
