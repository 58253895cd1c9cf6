"""Parse RSS/Atom feeds and Google-News sitemaps (bytes) into FeedEntry records."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser
from lxml import etree

from wiretrace.extractors.times import parse_time
from wiretrace.extractors.urls import canonical_url, entry_key
from wiretrace.records import FeedEntry

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NAMESPACES = {"sm": SITEMAP_NS, "news": NEWS_NS}
# Entities, DTDs and the network stay off: a feed is untrusted input (XXE, billion laughs).
SAFE_XML = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True
)


# The end of an item or entry: in a cut-off feed, only entries whose end arrived are whole.
ENTRY_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?(?:item|entry)\s*>")


class FeedError(ValueError):
    """The bytes are not a feed or sitemap this parser can read."""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    entries: tuple[FeedEntry, ...]
    sitemaps: tuple[str, ...] = ()  # child sitemaps of a sitemap index
    warning: str = ""  # a malformed feed whose entries were salvaged says why here


def parse_feed(body: bytes, feed_url: str, outlet_id: str) -> ParsedFeed:
    """RSS 0.9x/1.0/2.0 or Atom bytes to entries. Raises FeedError when nothing is a feed."""
    # feedparser treats a str as a URL or path and opens it: always hand it the bytes.
    parsed = feedparser.parse(bytes(body), sanitize_html=False, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise FeedError(f"not an RSS/Atom feed{': ' + _one_line(reason) if reason else ''}")
    entries: list[FeedEntry] = []
    for item in parsed.entries:
        link = (item.get("link") or "").strip()
        if not link:
            continue
        # dict.get: feedparser's own .get maps a missing updated_parsed onto published_parsed
        # with a DeprecationWarning on every entry.
        published = _struct_time(
            dict.get(item, "published_parsed") or dict.get(item, "updated_parsed")
        )
        if published is None:
            published = parse_time(item.get("published") or item.get("updated") or "")
        # Only a real <updated> (dict.get skips feedparser's fallback to pubDate); else pubDate,
        # so an outlet that bumps the date of an edited item is asked again.
        modified = _struct_time(dict.get(item, "updated_parsed")) or published
        entries.append(
            FeedEntry(
                outlet_id=outlet_id,
                feed_url=feed_url,
                entry_key=entry_key(feed_url, link),
                url=canonical_url(link),
                title=_clean(item.get("title", "")),
                published_at=published,
                summary=_clean(item.get("summary", "")),
                modified_at=modified,
            )
        )
    warning = ""
    if parsed.get("bozo"):
        # A truncated feed's last entry may carry a half-sent link: keep the complete ones.
        complete = len(ENTRY_END.findall(body))
        if len(parsed.entries) > complete:
            kept = {id(item) for item in parsed.entries[:complete]}
            entries = [
                e
                for e, item in zip(entries, _linked(parsed.entries), strict=True)
                if id(item) in kept
            ]
        warning = f"malformed feed, {len(entries)} entries salvaged: " + _one_line(
            parsed.get("bozo_exception")
        )
    return ParsedFeed(tuple(entries), warning=warning)


def _linked(items: list[Any]) -> list[Any]:
    return [item for item in items if (item.get("link") or "").strip()]


def parse_sitemap(body: bytes, sitemap_url: str, outlet_id: str) -> ParsedFeed:
    """A Google-News sitemap (`urlset`) or a sitemap index (`sitemapindex`) to entries."""
    try:
        root = etree.fromstring(bytes(body), parser=SAFE_XML)
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not XML: {_one_line(exc)}") from exc
    if root is None:
        raise FeedError("not XML: empty document")
    tag = etree.QName(root).localname
    if tag == "sitemapindex":
        locs = [(loc.text or "").strip() for loc in root.iterfind("sm:sitemap/sm:loc", NAMESPACES)]
        return ParsedFeed((), sitemaps=tuple(loc for loc in locs if loc))
    if tag != "urlset":
        raise FeedError(f"not a sitemap: root element is <{tag}>")
    entries: list[FeedEntry] = []
    for url in root.iterfind("sm:url", NAMESPACES):
        loc = (url.findtext("sm:loc", default="", namespaces=NAMESPACES) or "").strip()
        if not loc:
            continue
        lastmod = url.findtext("sm:lastmod", default="", namespaces=NAMESPACES) or ""
        published = parse_time(
            url.findtext("news:news/news:publication_date", default="", namespaces=NAMESPACES)
            or lastmod
        )
        title = url.findtext("news:news/news:title", default="", namespaces=NAMESPACES) or ""
        entries.append(
            FeedEntry(
                outlet_id=outlet_id,
                feed_url=sitemap_url,
                entry_key=entry_key(sitemap_url, loc),
                url=canonical_url(loc),
                title=_clean(title),
                published_at=published,
                modified_at=parse_time(lastmod) if lastmod else published,
            )
        )
    return ParsedFeed(tuple(entries))


def looks_like_sitemap(body: bytes) -> bool:
    head = bytes(body[:2048]).lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def _struct_time(value: object) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None


def _clean(text: str) -> str:
    return " ".join(str(text).split())


def _one_line(value: object) -> str:
    return " ".join(str(value).split())[:300]
