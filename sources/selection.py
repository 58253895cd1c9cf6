"""Which listed pages a run asks for, and what it remembers of each page that answered."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from wiretrace.records import FeedEntry, Fetch, PageState


def select_pages(
    entries: Sequence[FeedEntry],
    known: Mapping[str, datetime | None],
    *,
    now: datetime,
    recheck: timedelta,
) -> list[FeedEntry]:
    """The entries whose pages a run asks for: new URLs, and known ones that may have changed.

    A known page is asked again (conditionally) when its feed gives it a modified time later
    than when we last asked, or while it is young (published within `recheck`), since
    outlets edit fresh stories without saying so in the feed. Older known pages are skipped.
    """
    chosen: list[FeedEntry] = []
    for entry in entries:
        if entry.url not in known:
            chosen.append(entry)
            continue
        listed = known[entry.url]
        changed = entry.modified_at is not None and (listed is None or entry.modified_at > listed)
        young = entry.published_at is not None and now - entry.published_at < recheck
        if changed or young:
            chosen.append(entry)
    return chosen


def page_states(entries: Sequence[FeedEntry], fetches: Sequence[Fetch]) -> list[PageState]:
    """What to remember of each page that answered 200 or 304 this run."""
    listed: dict[str, datetime | None] = {}  # the latest modified time any feed gives the page
    for entry in entries:
        before = listed.get(entry.url)
        if entry.modified_at is not None and (before is None or entry.modified_at > before):
            listed[entry.url] = entry.modified_at
        else:
            listed.setdefault(entry.url, None)
    return [
        PageState(f.url, f.outlet_id, listed.get(f.url), f.fetched_at, f.status or 0, f.run_id)
        for f in fetches
        if f.purpose == "page" and f.status in (200, 304) and f.url in listed
    ]
