"""Turn a fetched HTML page (bytes) into an Article record: body, title, authors, times, credits."""

from __future__ import annotations

import hashlib
import logging
import re
from datetime import datetime
from typing import Any

import trafilatura
from trafilatura.utils import load_html
from wiretrace.extractors.cleanup import clean_lines, prune_page, rules_for, unwrap_inline_links
from wiretrace.extractors.credits import split_credits
from wiretrace.extractors.encoding import decode_html
from wiretrace.extractors.language import detect_language
from wiretrace.extractors.metadata import PageMetadata, markup_date, page_metadata
from wiretrace.extractors.times import parse_time, utc_offset
from wiretrace.extractors.urls import canonical_url, choose_canonical

from wiretrace.records import Article, TimeSource, stable_id

LOGGER = logging.getLogger(__name__)
EXTRACTOR_VERSION = f"wiretrace-article/2 trafilatura/{trafilatura.__version__}"
MIN_TEXT_CHARS = 80
# "grid data.The IMD": two sentences glued where something between them was removed.
GLUED_SENTENCES = re.compile(r"(?<=[a-z0-9%)\"”’][.!?])(?=[A-Z][a-z])")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


class ExtractionError(ValueError):
    """The page holds no article text this extractor can find."""


def extract_article(
    body: bytes,
    *,
    url: str,
    outlet_id: str,
    fetch_id: str = "",
    feed_published_at: datetime | None = None,
    fetched_at: datetime | None = None,
    content_type: str = "",
) -> Article:
    """Extract one article. Raises ExtractionError (one line) when there is no article text.

    `content_type` is the HTTP header as served: a charset declared only there (not in a meta
    tag) decides how the bytes are read.

    The body is trafilatura's, in its default balanced mode: favor_precision drops every
    paragraph whose words are mostly one link, and news cites its sources with links (BBC:
    "In 2008, the alliance said that <a>Ukraine could eventually join</a>."). What balanced
    mode lets through on known outlets is removed by the rules in cleanup.toml instead.
    """
    if not body or not body.strip():
        raise ExtractionError("empty page")
    tree = _parse(decode_html(body, content_type) if "charset=" in content_type.lower() else body)
    meta = page_metadata(tree)
    markup = markup_date(tree, url=url) if not parse_time(meta.published) else ("", False)
    # trafilatura's byline heuristics need the page as served, before the cleanup below.
    guessed_authors = () if meta.authors else _markup_authors(tree)
    rules = rules_for(outlet_id=outlet_id, urls=(url, meta.canonical))
    prune_page(tree, rules)
    unwrap_inline_links(tree)
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=False,  # page_metadata reads JSON-LD and meta tags, htmldate the rest
            include_comments=False,
            include_tables=False,
        )
    except Exception as exc:  # trafilatura raises many kinds on hostile input; it is one failure
        raise ExtractionError(f"trafilatura failed: {type(exc).__name__}: {exc}") from exc
    if document is None:
        raise ExtractionError("no article text found")
    raw = document.get("text") if isinstance(document, dict) else document.text
    text = clean_lines(GLUED_SENTENCES.sub(" ", raw or ""), rules)
    credits = split_credits(_without_headline(text, meta.title))
    if len(credits.text) < MIN_TEXT_CHARS:
        raise ExtractionError(f"article text too short ({len(credits.text)} characters)")

    published_at, source, written = _published(meta, markup, feed_published_at, fetched_at)
    canonical = canonical_url(choose_canonical(url, meta.canonical))
    text_sha = hashlib.sha256(credits.text.encode("utf-8")).hexdigest()
    return Article(
        article_id=stable_id(canonical),
        version_id=stable_id(canonical, text_sha),
        outlet_id=outlet_id,
        url=url,
        canonical_url=canonical,
        title=meta.title,
        text=credits.text,
        text_sha256=text_sha,
        published_at=published_at,
        published_source=source,
        modified_at=parse_time(meta.modified),
        authors=meta.authors or credits.bylines or guessed_authors,
        credit=credits.credit,
        dateline=credits.dateline,
        lang=detect_language(credits.text, declared=meta.lang),
        sitename=meta.sitename or meta.publisher,
        fetch_id=fetch_id,
        extractor_version=EXTRACTOR_VERSION,
        published_offset=utc_offset(written),
        modified_offset=utc_offset(meta.modified),
        contributors=credits.contributors,
        section=meta.section,
        publisher=meta.publisher or meta.sitename,
    )


def _parse(body: bytes | str) -> Any:
    # trafilatura's loader: its encoding detection and repairs, so the tree is the one it expects.
    try:
        tree = load_html(body)
    except Exception as exc:  # lxml and the charset guessers raise many kinds on byte soup
        raise ExtractionError(f"unreadable HTML: {type(exc).__name__}: {exc}") from exc
    if tree is None:
        raise ExtractionError("not an HTML page")
    return tree


def _markup_authors(tree: Any) -> tuple[str, ...]:
    """trafilatura's byline heuristics, for pages whose metadata names nobody."""
    from trafilatura.metadata import extract_author

    try:
        found = extract_author(tree) or ""
    except Exception as exc:  # a heuristic that fails finds no author; the article still stands
        LOGGER.debug("author heuristics failed: %s", exc)
        return ()
    return tuple(dict.fromkeys(a.strip() for a in found.split(";") if a.strip()))


def _published(
    meta: PageMetadata,
    markup: tuple[str, bool],
    feed: datetime | None,
    fetched: datetime | None,
) -> tuple[datetime | None, TimeSource, str]:
    """(time in UTC, where it came from, the time as the page wrote it).

    JSON-LD and meta tags first; then a date htmldate finds in the markup if it has a time of
    day; then the feed's; a bare day from the markup only before falling back to the fetch
    time, since midnight of that day would make the page look earlier than any timed report.
    """
    page_time = parse_time(meta.published)
    if page_time is not None:
        return page_time, "page", meta.published
    found, timed = markup
    markup_time = parse_time(found)
    if markup_time is not None and timed:
        return markup_time, "page", found
    if feed is not None:
        return feed, "feed", ""
    if markup_time is not None:
        return markup_time, "page", found
    return fetched, "fetch", ""


def _without_headline(text: str, title: str) -> str:
    """Drop a first line that repeats the headline: it is the title, not a claim of the body."""
    first, _, rest = text.lstrip().partition("\n")
    if title and _squash(first) == _squash(title):
        return rest
    return text


def _squash(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split()).casefold()
