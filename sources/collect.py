"""Poll feeds and sitemaps, fetch article pages, and archive every response."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

from extractors.feeds import FeedError, looks_like_sitemap, parse_feed, parse_sitemap
from sources.archive import WarcArchive, sha256_hex
from sources.fetch import Fetcher, Response
from wiretrace.records import FeedEntry, FeedState, Fetch, Outlet, stable_id

LOGGER = logging.getLogger(__name__)
MAX_CHILD_SITEMAPS = 20


@dataclass(frozen=True, slots=True)
class Validators:
    """What the last successful fetch of a URL said, for a conditional GET."""

    etag: str = ""
    last_modified: str = ""
    body_sha256: str = ""
    consecutive_failures: int = 0


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched article page that is ready for extraction."""

    fetch: Fetch
    entry: FeedEntry
    body: bytes


@dataclass
class PollResult:
    fetches: list[Fetch] = field(default_factory=list)
    feed_states: list[FeedState] = field(default_factory=list)
    entries: list[FeedEntry] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class PageResult:
    fetches: list[Fetch] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def record_fetch(
    response: Response,
    *,
    run_id: str,
    outlet_id: str,
    purpose: str,
    archive: WarcArchive | None,
    error: str | None = None,
) -> Fetch:
    """A Fetch row for one HTTP attempt; its body (if any) goes to the WARC archive first."""
    archived = None
    if archive is not None and response.status is not None:
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


def poll_outlets(
    outlets: Sequence[Outlet],
    fetcher: Fetcher,
    *,
    run_id: str,
    archive: WarcArchive | None,
    validators: Mapping[str, Validators],
) -> PollResult:
    """Fetch every feed and sitemap once (conditionally) and parse what changed."""
    result = PollResult()
    for outlet in outlets:
        for url in outlet.feeds:
            _poll_one(outlet, url, "feed", fetcher, run_id, archive, validators, result, depth=0)
        for url in outlet.sitemaps:
            _poll_one(outlet, url, "sitemap", fetcher, run_id, archive, validators, result, depth=0)
    return result


def _poll_one(
    outlet: Outlet,
    url: str,
    purpose: str,
    fetcher: Fetcher,
    run_id: str,
    archive: WarcArchive | None,
    validators: Mapping[str, Validators],
    result: PollResult,
    *,
    depth: int,
) -> None:
    known = validators.get(url, Validators())
    response = fetcher.get(
        url, allow_private=outlet.allow_private, etag=known.etag, last_modified=known.last_modified
    )
    error: str | None = None
    entries: list[FeedEntry] = []
    children: tuple[str, ...] = ()
    unchanged = response.status == 304
    if response.ok:
        if known.body_sha256 and sha256_hex(response.body) == known.body_sha256:
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
        response, run_id=run_id, outlet_id=outlet.id, purpose=purpose, archive=archive, error=error
    )
    result.fetches.append(fetch)
    failed = fetch.error is not None and not entries
    if fetch.error:
        result.errors.append(f"{outlet.id} {purpose} {url}: {fetch.error}")
        LOGGER.warning("%s %s %s: %s", outlet.id, purpose, url, fetch.error)
    result.entries.extend(entries)
    result.feed_states.append(
        FeedState(
            feed_url=url,
            outlet_id=outlet.id,
            etag=fetch.etag if not failed else known.etag,
            last_modified=fetch.last_modified if not failed else known.last_modified,
            body_sha256=(fetch.body_sha256 or known.body_sha256)
            if not failed
            else known.body_sha256,
            last_polled_at=fetch.fetched_at,
            last_status=fetch.status,
            last_error=fetch.error,
            consecutive_failures=known.consecutive_failures + 1 if failed else 0,
            entries_seen=len(entries) if not unchanged else -1,
        )
    )
    if depth == 0:
        for child in children[:MAX_CHILD_SITEMAPS]:
            _poll_one(
                outlet, child, "sitemap", fetcher, run_id, archive, validators, result, depth=1
            )


def fetch_pages(
    entries: Sequence[FeedEntry],
    outlets: Mapping[str, Outlet],
    fetcher: Fetcher,
    *,
    run_id: str,
    archive: WarcArchive | None,
    validators: Mapping[str, Validators],
    workers: int = 4,
    progress: Callable[[int], None] | None = None,
) -> PageResult:
    """Fetch each entry's page once per run (conditional GET against the last fetch)."""
    result = PageResult()
    unique: dict[str, FeedEntry] = {}
    for entry in entries:
        unique.setdefault(entry.url, entry)

    def one(entry: FeedEntry) -> tuple[FeedEntry, Response]:
        known = validators.get(entry.url, Validators())
        outlet = outlets[entry.outlet_id]
        return entry, fetcher.get(
            entry.url,
            allow_private=outlet.allow_private,
            etag=known.etag,
            last_modified=known.last_modified,
        )

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for entry, response in pool.map(one, list(unique.values())):
            fetch = record_fetch(
                response, run_id=run_id, outlet_id=entry.outlet_id, purpose="page", archive=archive
            )
            result.fetches.append(fetch)
            known = validators.get(entry.url, Validators())
            if response.status == 304 or (
                response.ok and known.body_sha256 and fetch.body_sha256 == known.body_sha256
            ):
                result.unchanged += 1
            elif response.ok:
                result.pages.append(Page(fetch, entry, response.body))
            else:
                result.errors.append(f"{entry.outlet_id} page {entry.url}: {fetch.error}")
            if progress is not None:
                progress(1)
    return result


def now_utc() -> datetime:
    return datetime.now(UTC)
