"""Page metadata: JSON-LD NewsArticle first, then OpenGraph and meta tags, htmldate for dates."""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

LOGGER = logging.getLogger(__name__)

NEWS_TYPES = frozenset(
    {
        "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
        "OpinionNewsArticle", "BackgroundNewsArticle", "LiveBlogPosting", "Report",
    }
)  # fmt: skip
META_PUBLISHED = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "pubdate",
    "publish-date",
    "parsely-pub-date",
    "cXenseParse:publishtime",
    "date",
    "dc.date",
    "DC.date.issued",
    "sailthru.date",
)
META_MODIFIED = (
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "dateModified",
    "last-modified",
)
META_AUTHORS = (
    "author",
    "article:author",
    "og:article:author",
    "parsely-author",
    "cXenseParse:author",
    "sailthru.author",
    "dc.creator",
    "DC.creator",
)
META_SECTION = ("article:section", "og:article:section", "parsely-section", "section")
META_LANGUAGE = ("og:locale", "content-language", "language", "dc.language", "inLanguage")
META_DESCRIPTION = ("og:description", "description", "twitter:description", "dc.description")
# Some CMSs ship articleBody as HTML: block tags become line breaks, other tags go.
BODY_BLOCK_TAG = re.compile(
    r"<\s*/?\s*(?:p|br|div|h[1-6]|li|blockquote|section)\b[^>]*>", re.IGNORECASE
)
BODY_TAG = re.compile(r"<[^>]{0,400}>")
# "By Jane Doe", "Jane Doe | Reuters": how bylines decorate names.
BY_PREFIX = re.compile(r"^\s*by\s+", re.IGNORECASE)
AUTHOR_SEPARATOR = re.compile(r"\s*(?:,|;|\||\band\b|&)\s*")
# htmldate's answer when the page only gives a day: midnight, no offset.
DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:T00:00:00)?$")
HTMLDATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"  # the offset, when the markup gives one


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """What a page says about itself, times as written (offset included)."""

    title: str = ""
    authors: tuple[str, ...] = ()
    published: str = ""
    modified: str = ""
    canonical: str = ""
    sitename: str = ""
    publisher: str = ""
    section: str = ""
    lang: str = ""  # as declared: <html lang>, og:locale, JSON-LD inLanguage
    body: str = ""  # JSON-LD articleBody as plain text, one paragraph a line
    description: str = ""  # JSON-LD description, else og:description or the meta description


def page_metadata(tree: Any) -> PageMetadata:
    """Title, authors, times, section and publisher from JSON-LD and meta tags, JSON-LD first."""
    if tree is None:
        return PageMetadata()
    ld = _best_news_object(tree)
    metas = _meta_tags(tree)
    canonical = ""
    for link in tree.iterfind(".//link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            canonical = link.get("href", "").strip()
            break
    canonical = canonical or metas.get("og:url", "")
    published = _text(ld.get("datePublished")) or _first(metas, META_PUBLISHED)
    modified = _text(ld.get("dateModified")) or _first(metas, META_MODIFIED)
    # unescape: some CMSs escape JSON-LD strings twice ("Tom &amp; Jerry")
    title = html.unescape(_text(ld.get("headline"))) or metas.get("og:title", "")
    title = title or _markup_title(tree)
    authors = _ld_names(ld.get("author")) or _meta_names(metas)
    publisher = _ld_names(ld.get("publisher"))
    section = _ld_names(ld.get("articleSection")) or _meta_names(metas, META_SECTION, split=False)
    root = tree.getroottree().getroot()
    lang = root.get("lang") or _text(ld.get("inLanguage")) or _first(metas, META_LANGUAGE)
    description = _text(ld.get("description")) or _first(metas, META_DESCRIPTION)
    return PageMetadata(
        title=" ".join(title.split()),
        authors=authors,
        published=published,
        modified=modified,
        canonical=canonical,
        sitename=" ".join(metas.get("og:site_name", "").split()),
        publisher=publisher[0] if publisher else "",
        section=section[0] if section else "",
        lang=lang.strip(),
        body=_article_body(ld.get("articleBody")),
        description=" ".join(html.unescape(description).split()),
    )


def markup_date(tree: Any, *, url: str = "") -> tuple[str, bool]:
    """htmldate's reading of the publication date, and whether it has a time of day.

    The last resort when JSON-LD and meta tags give nothing: it searches <time> elements,
    URL paths and visible dates. Never trafilatura's file date, which is the download time.
    """
    from htmldate import find_date

    try:
        found = find_date(
            tree,
            url=url or None,
            original_date=True,
            extensive_search=False,
            outputformat=HTMLDATE_FORMAT,
        )
    except Exception as exc:  # htmldate raises what its parsers raise; no date is the answer
        LOGGER.debug("htmldate failed: %s", exc)
        return "", False
    if not found:
        return "", False
    return found, not DATE_ONLY.match(found)


def _markup_title(tree: Any) -> str:
    """trafilatura's reading of the title: the only <h1>, title-like classes, then <title>."""
    from trafilatura.metadata import extract_title

    try:
        return extract_title(tree) or ""
    except Exception as exc:  # a malformed page has no title, not a failed extraction
        LOGGER.debug("title extraction failed: %s", exc)
        return ""


def _meta_tags(tree: Any) -> dict[str, str]:
    metas: dict[str, str] = {}
    for node in tree.iterfind(".//meta"):
        key = node.get("property") or node.get("name") or node.get("itemprop")
        if not key:
            key = node.get("http-equiv", "").lower()
        content = node.get("content")
        if key and content and content.strip() and key not in metas:
            metas[key] = content.strip()
    return metas


def _first(metas: dict[str, str], keys: tuple[str, ...]) -> str:
    return next((metas[k] for k in keys if k in metas), "")


def _meta_names(
    metas: dict[str, str], keys: tuple[str, ...] = META_AUTHORS, *, split: bool = True
) -> tuple[str, ...]:
    for key in keys:
        value = metas.get(key, "")
        if not value or value.startswith(("http://", "https://")):
            continue  # article:author is often the author's page, not a name
        parts = AUTHOR_SEPARATOR.split(BY_PREFIX.sub("", value)) if split else [value]
        names = tuple(dict.fromkeys(" ".join(p.split()) for p in parts if p.strip()))
        if names:
            return names
    return ()


def _best_news_object(tree: Any) -> dict[str, Any]:
    """The page's own article among its JSON-LD objects: the first with a headline and date."""
    candidates = list(_news_objects(tree))
    for item in candidates:
        if item.get("headline") and item.get("datePublished"):
            return item
    return candidates[0] if candidates else {}


def _news_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").lower().strip() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text_content() or "", strict=False)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kind = item.get("@type")
                kinds = (
                    {k for k in kind if isinstance(k, str)} if isinstance(kind, list) else {kind}
                )
                if kinds & NEWS_TYPES:
                    yield item
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)


def _ld_names(value: Any) -> tuple[str, ...]:
    """Names in a JSON-LD author, publisher or section: a string, a Person, or a list of them."""
    if isinstance(value, str):
        name = " ".join(BY_PREFIX.sub("", value).split())
        return (name,) if name else ()
    if isinstance(value, dict):
        # Reuters writes {"@type": "Person", "byline": "Gopal Sharma"}
        return _ld_names(value.get("name") or value.get("byline") or "")
    if isinstance(value, list):
        names: list[str] = []
        for item in value:
            names.extend(_ld_names(item))
        return tuple(dict.fromkeys(names))
    return ()


def _article_body(value: Any) -> str:
    """JSON-LD articleBody as plain text: tags out, entities decoded, one paragraph a line."""
    text = html.unescape(_text(value))  # tags arrive as "<p>" or as "&lt;p&gt;"
    if "<" in text:
        text = html.unescape(BODY_TAG.sub("", BODY_BLOCK_TAG.sub("\n", text)))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return value.strip() if isinstance(value, str) else ""
