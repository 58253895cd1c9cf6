"""Poll feeds and sitemaps, fetch article pages, and archive every response."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import chain, zip_longest
from urllib.parse import urlsplit

from wiretrace.extractors.feeds import FeedError, looks_like_sitemap, parse_feed, parse_sitemap
from wiretrace.records import FeedEntry, FeedState, Fetch, Outlet, Validators, stable_id
from wiretrace.sources.archive import WarcArchive, sha256_hex
from wiretrace.sources.fetch import Fetcher, Response, host_key
from wiretrace.sources.robots import SKIP_PREFIX, RobotsCache, RobotsFile

LOGGER = logging.getLogger(__name__)
MAX_CHILD_SITEMAPS = 20
# A failing feed waits 5 min, 10, 20, ... up to 6 h before it is asked again (never forever).
BACKOFF_BASE = timedelta(minutes=5)
BACKOFF_MAX = timedelta(hours=6)
# A server's own Retry-After is honoured for feeds up to a day.
RETRY_AFTER_MAX = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched article page that is ready for extraction."""

    fetch: Fetch
    entry: FeedEntry
    body: bytes
    content_type: str = ""  # the whole header, charset included: the page's declared encoding


@dataclass
class PollResult:
    fetches: list[Fetch] = field(default_factory=list)
    feed_states: list[FeedState] = field(default_factory=list)
    entries: list[FeedEntry] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    deferred: list[str] = field(default_factory=list)  # feeds backing off: not asked this run
    robots: dict[str, RobotsFile] = field(default_factory=dict)  # for the page stage


@dataclass
class PageResult:
    fetches: list[Fetch] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # robots.txt said no: never fetched


def next_poll_time(
    failures: int, now: datetime, *, retry_after: float | None = None
) -> datetime | None:
    """When a feed that failed `failures` polls in a row may be asked again; None when healthy.

    Back-off applies only after failures: a healthy feed is polled on every run.
    """
    if failures <= 0:
        return None
    delay = min(BACKOFF_BASE * 2 ** min(failures - 1, 16), BACKOFF_MAX)
    if retry_after is not None:
        delay = max(delay, min(timedelta(seconds=retry_after), RETRY_AFTER_MAX))
    return now + delay


def record_fetch(
    response: Response,
    *,
    run_id: str,
    outlet_id: str,
    purpose: str,
    archive: WarcArchive | None,
    error: str | None = None,
) -> Fetch:
    """A Fetch row for one HTTP attempt; its responses go to the WARC archive first.

    Earlier retries and redirect hops are archived too (the chain to the bytes); the row
    points at the final response.
    """
    archived = None
    if archive is not None:
        for earlier in response.history:
            if earlier.status is not None:
                archive.write(earlier)
        if response.status is not None:
            archived = archive.write(response)
    return Fetch(
        fetch_id=stable_id(run_id, purpose, response.url, response.fetched_at.isoformat()),
        run_id=run_id,
        outlet_id=outlet_id,
        url=response.url,
        final_url=response.final_url,
        purpose=purpose,  # type: ignore[arg-type]
        status=response.status,
        error=error or response.error,
        fetched_at=response.fetched_at,
        content_type=response.content_type,
        etag=response.header("etag"),
        last_modified=response.header("last-modified"),
        body_sha256=archived.payload_sha256 if archived else "",
        body_size=len(response.body),
        warc_file=archived.warc_file if archived else "",
        warc_offset=archived.offset if archived else -1,
        warc_record_id=archived.record_id if archived else "",
    )


@dataclass
class _Poll:
    fetcher: Fetcher
    run_id: str
    archive: WarcArchive | None
    validators: Mapping[str, Validators]
    robots: RobotsCache | None
    force: bool
    now: datetime
    max_children: int
    result: PollResult = field(default_factory=PollResult)


def poll_outlets(
    outlets: Sequence[Outlet],
    fetcher: Fetcher,
    *,
    run_id: str,
    archive: WarcArchive | None,
    validators: Mapping[str, Validators],
    obey_robots: bool = True,
    force: bool = False,
    now: datetime | None = None,
    max_child_sitemaps: int = MAX_CHILD_SITEMAPS,
) -> PollResult:
    """Fetch every due feed and sitemap once (conditionally) and parse what changed.

    A feed backing off after failures is skipped until its next poll time unless `force`.
    """
    robots = RobotsCache(fetcher, user_agent=fetcher.policy.user_agent) if obey_robots else None
    poll = _Poll(
        fetcher,
        run_id,
        archive,
        validators,
        robots,
        force,
        now or datetime.now(UTC),
        max_child_sitemaps,
    )
    for outlet in outlets:
        for url in outlet.feeds:
            _poll_one(poll, outlet, url, "feed", depth=0)
        for url in outlet.sitemaps:
            _poll_one(poll, outlet, url, "sitemap", depth=0)
    if robots is not None:
        poll.result.fetches.extend(_robots_fetches(robots, run_id, archive))
        poll.result.robots = dict(robots.files)
    return poll.result


def _robots_fetches(robots: RobotsCache, run_id: str, archive: WarcArchive | None) -> list[Fetch]:
    return [
        record_fetch(
            response, run_id=run_id, outlet_id=outlet_id, purpose="robots", archive=archive
        )
        for outlet_id, response in robots.take_responses()
    ]


def _permit(robots: RobotsCache | None, outlet: Outlet) -> Callable[[str], str | None] | None:
    if robots is None:
        return None
    return lambda url: robots.refusal(url, outlet_id=outlet.id, allow_private=outlet.allow_private)


def _poll_one(
    poll: _Poll, outlet: Outlet, url: str, purpose: str, *, depth: int, parent: str = ""
) -> None:
    known = poll.validators.get(url, Validators())
    result = poll.result
    if not poll.force and known.next_poll_at is not None and known.next_poll_at > poll.now:
        result.deferred.append(url)
        LOGGER.info(
            "%s %s backing off after %d failures until %s",
            purpose,
            url,
            known.consecutive_failures,
            known.next_poll_at,
        )
        if depth == 0:
            _poll_children(poll, outlet, url, _known_children(poll, url))
        return
    response = poll.fetcher.get(
        url,
        allow_private=outlet.allow_private,
        etag=known.etag,
        last_modified=known.last_modified,
        permit=_permit(poll.robots, outlet),
    )
    error: str | None = None
    entries: list[FeedEntry] = []
    children: tuple[str, ...] | None = None  # None: the index was not read this time
    unchanged = response.status == 304
    body_sha256 = known.body_sha256
    if response.ok:
        body_sha256 = sha256_hex(response.body)
        if known.body_sha256 and body_sha256 == known.body_sha256:
            unchanged = True  # a server without validators sent the same bytes: nothing to parse
        else:
            try:
                if purpose == "sitemap" or looks_like_sitemap(response.body):
                    parsed = parse_sitemap(response.body, url, outlet.id)
                else:
                    parsed = parse_feed(response.body, url, outlet.id)
                entries = list(parsed.entries)
                children = parsed.sitemaps
                if parsed.warning:
                    error = parsed.warning
            except FeedError as exc:
                error = f"unreadable {purpose}: {exc}"
    fetch = record_fetch(
        response,
        run_id=poll.run_id,
        outlet_id=outlet.id,
        purpose=purpose,
        archive=poll.archive,
        error=error,
    )
    result.fetches.append(fetch)
    # A malformed feed whose entries were salvaged is healthy enough: its warning is kept.
    failed = fetch.error is not None and not entries
    if fetch.error:
        result.errors.append(f"{outlet.id} {purpose} {url}: {fetch.error}")
        LOGGER.warning("%s %s %s: %s", outlet.id, purpose, url, fetch.error)
    result.entries.extend(entries)
    failures = known.consecutive_failures + 1 if failed else 0
    retry_after = response.retry_after if response.status in (429, 503) else None
    result.feed_states.append(
        FeedState(
            feed_url=url,
            outlet_id=outlet.id,
            # A 304 need not repeat its validators: keep the ones that earned it.
            etag=(fetch.etag or known.etag) if not failed else known.etag,
            last_modified=(fetch.last_modified or known.last_modified)
            if not failed
            else known.last_modified,
            body_sha256=body_sha256 if not failed else known.body_sha256,
            last_polled_at=fetch.fetched_at,
            last_status=fetch.status,
            last_error=fetch.error,
            consecutive_failures=failures,
            entries_seen=len(entries) if not unchanged else -1,
            next_poll_at=next_poll_time(failures, poll.now, retry_after=retry_after),
            parent_url=parent,
        )
    )
    if depth == 0:
        listed = _known_children(poll, url) if children is None else children
        _poll_children(poll, outlet, url, listed)


def _known_children(poll: _Poll, index_url: str) -> tuple[str, ...]:
    # An index answered 304 (or failed): its children still change, so ask them anyway.
    return tuple(u for u, v in poll.validators.items() if v.parent_url == index_url)


def _poll_children(poll: _Poll, outlet: Outlet, index_url: str, children: Iterable[str]) -> None:
    index_host = _site(index_url)
    own: list[str] = []
    for child in dict.fromkeys(children):
        if _site(child) == index_host:
            own.append(child)
            continue
        # The sitemap protocol keeps an index's sitemaps on its own host.
        message = f"{outlet.id} sitemap {index_url}: child {child} is on another host, not followed"
        poll.result.errors.append(message)
        LOGGER.warning("%s", message)
    if len(own) > poll.max_children:
        LOGGER.info(
            "sitemap index %s lists %d sitemaps; following the first %d",
            index_url,
            len(own),
            poll.max_children,
        )
    for child in own[: poll.max_children]:
        _poll_one(poll, outlet, child, "sitemap", depth=1, parent=index_url)


def _site(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _interleave_hosts(entries: Iterable[FeedEntry]) -> list[FeedEntry]:
    """One entry per host in turn, so fetch threads are not all waiting on one host's delay."""
    by_host: dict[str, list[FeedEntry]] = {}
    for entry in entries:
        by_host.setdefault(host_key(entry.url), []).append(entry)
    rounds = zip_longest(*by_host.values())
    return [entry for entry in chain.from_iterable(rounds) if entry is not None]


def fetch_pages(
    entries: Sequence[FeedEntry],
    outlets: Mapping[str, Outlet],
    fetcher: Fetcher,
    *,
    run_id: str,
    archive: WarcArchive | None,
    validators: Mapping[str, Validators],
    concurrency: int = 4,
    obey_robots: bool = True,
    robots: Mapping[str, RobotsFile] | None = None,
) -> PageResult:
    """Fetch each entry's page once per run (conditional GET against the last fetch).

    `robots` are the robots.txt files the poll stage already read this run.
    """
    result = PageResult()
    unique: dict[str, FeedEntry] = {}
    for entry in entries:
        unique.setdefault(entry.url, entry)
    cache = (
        RobotsCache(fetcher, user_agent=fetcher.policy.user_agent, known=robots)
        if obey_robots
        else None
    )

    def one(entry: FeedEntry) -> tuple[FeedEntry, Response, Fetch]:
        known = validators.get(entry.url, Validators())
        outlet = outlets[entry.outlet_id]
        response = fetcher.get(
            entry.url,
            allow_private=outlet.allow_private,
            etag=known.etag,
            last_modified=known.last_modified,
            permit=_permit(cache, outlet),
        )
        # Archived in the worker: compressing WARC records is the costliest step after HTTP.
        fetch = record_fetch(
            response, run_id=run_id, outlet_id=entry.outlet_id, purpose="page", archive=archive
        )
        return entry, response, fetch

    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        for entry, response, fetch in pool.map(one, _interleave_hosts(unique.values())):
            result.fetches.append(fetch)
            known = validators.get(entry.url, Validators())
            if response.status == 304 or (
                response.ok and known.body_sha256 and fetch.body_sha256 == known.body_sha256
            ):
                result.unchanged += 1
            elif response.ok:
                result.pages.append(
                    Page(fetch, entry, response.body, response.header("content-type"))
                )
            elif (fetch.error or "").startswith(SKIP_PREFIX):
                result.skipped.append(f"{entry.outlet_id} page {entry.url}: {fetch.error}")
            else:
                result.errors.append(f"{entry.outlet_id} page {entry.url}: {fetch.error}")
    if cache is not None:
        result.fetches.extend(_robots_fetches(cache, run_id, archive))
    return result

