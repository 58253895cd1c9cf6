"""Turn a fetched HTML page (bytes) into an Article record: body text, title, authors, times, credit."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import trafilatura
from lxml import html as lxml_html

from extractors.times import parse_time
from extractors.urls import canonical_url
from wiretrace.records import Article, TimeSource, stable_id

EXTRACTOR_VERSION = f"wiretrace-article/1 trafilatura/{trafilatura.__version__}"
MIN_TEXT_CHARS = 80

# "KATHMANDU, April 25 (Reuters) -", "SINGAPORE (AFP) —": a wire dateline opening the body.
WIRE_DATELINE = re.compile(
    r"^(?P<dateline>(?P<place>[A-Z][A-Z .,'/-]{1,60}?)(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}))?"
    r"\s*\((?P<credit>[A-Za-z][A-Za-z .&-]{1,30})\)\s*[-–—])\s*"
)
# Whole lines that only credit a source: "Source: Reuters", "(With inputs from PTI)", "- ANI".
CREDIT_LINE = re.compile(
    r"^\s*(?:"
    r"\(?\s*with\s+inputs?\s+from\s+(?P<inputs>[^)]+?)\s*\)?"
    r"|(?:source|sources|credit|credited from)\s*:\s*(?P<source>.+?)"
    r"|[-–—]\s*(?P<dash>[A-Z][A-Za-z]{1,10})"
    r")\s*\.?\s*$",
    re.IGNORECASE,
)
CREDIT_SEPARATOR = re.compile(r"\s*(?:/|,|&|\band\b)\s*")
# CNA signs credits with the editor's initials in lower case: "Source: CNA/Reuters/ec".
EDITOR_INITIALS = re.compile(r"^[a-z]{1,4}$")
CONTRIBUTOR_LINE = re.compile(
    r"^\s*(?:\(?\s*)?(?:reporting|writing|editing|additional reporting)\s+by\b.*$", re.IGNORECASE
)
# Boxes inside article bodies that are not the article: "Also read", newsletter sign-ups,
# related links, share bars, ad slots. trafilatura otherwise glues their text onto the
# paragraph they sit in ("...the investment.Also read: Cyclone...").
BOILERPLATE_CLASSES = (
    "also-read",
    "alsoread",
    "read-more",
    "newsletter",
    "related",
    "share",
    "social",
    "advert",
    "ad-slot",
    "promo",
    "subscribe",
    "signup",
    "sign-up",
    "recommend",
)
BOILERPLATE_XPATH = [
    f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name}') "
    f"or contains(@class, '{name}__') or contains(@class, '{name}-')]"
    for name in BOILERPLATE_CLASSES
]
# "grid data.The IMD": two sentences glued where a removed box sat between them.
GLUED_SENTENCES = re.compile(r"(?<=[a-z0-9%)\"”’][.!?])(?=[A-Z][a-z])")
META_PUBLISHED = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "pubdate",
    "publish-date",
    "date",
    "dc.date",
    "DC.date.issued",
    "sailthru.date",
)
META_MODIFIED = ("article:modified_time", "og:updated_time", "dateModified", "last-modified")
NEWS_TYPES = {
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BlogPosting",
}


class ExtractionError(ValueError):
    """The page holds no article text this extractor can find."""


@dataclass(frozen=True, slots=True)
class PageMetadata:
    title: str = ""
    authors: tuple[str, ...] = ()
    published: str = ""
    modified: str = ""
    canonical: str = ""
    sitename: str = ""
    lang: str = ""


def extract_article(
    body: bytes,
    *,
    url: str,
    outlet_id: str,
    fetch_id: str = "",
    feed_published_at: datetime | None = None,
    fetched_at: datetime | None = None,
) -> Article:
    """Extract one article. Raises ExtractionError (one line) when there is no article text."""
    if not body or not body.strip():
        raise ExtractionError("empty page")
    try:
        document = trafilatura.bare_extraction(
            body,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            prune_xpath=BOILERPLATE_XPATH,
            date_extraction_params={
                "outputformat": "%Y-%m-%dT%H:%M:%S%z",
                "original_date": True,
                "extensive_search": False,
            },
        )
    except Exception as exc:  # trafilatura raises many kinds on hostile input; it is one failure
        raise ExtractionError(f"trafilatura failed: {type(exc).__name__}: {exc}") from exc
    if document is None:
        raise ExtractionError("no article text found")
    doc: dict[str, Any] = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    meta = page_metadata(body)
    title = (meta.title or doc.get("title") or "").strip()
    raw_text = GLUED_SENTENCES.sub(" ", doc.get("text") or "")
    text, credit, dateline = split_credits(_without_headline(raw_text, title))
    if len(text) < MIN_TEXT_CHARS:
        raise ExtractionError(f"article text too short ({len(text)} characters)")

    published_at, source = _published(meta, doc, feed_published_at, fetched_at)
    canonical = canonical_url(meta.canonical or url)
    text_sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    authors = meta.authors or tuple(
        a.strip() for a in (doc.get("author") or "").split(";") if a.strip()
    )
    return Article(
        article_id=stable_id(canonical),
        version_id=stable_id(canonical, text_sha),
        outlet_id=outlet_id,
        url=url,
        canonical_url=canonical,
        title=title,
        text=text,
        text_sha256=text_sha,
        published_at=published_at,
        published_source=source,
        modified_at=parse_time(meta.modified),
        authors=authors,
        credit=credit,
        dateline=dateline,
        lang=(meta.lang or doc.get("language") or "")[:2].lower(),
        sitename=(meta.sitename or doc.get("sitename") or "").strip(),
        fetch_id=fetch_id,
        extractor_version=EXTRACTOR_VERSION,
    )


def _published(
    meta: PageMetadata, doc: dict[str, Any], feed: datetime | None, fetched: datetime | None
) -> tuple[datetime | None, TimeSource]:
    page_time = parse_time(meta.published) or parse_time(str(doc.get("date") or ""))
    if page_time is not None:
        return page_time, "page"
    if feed is not None:
        return feed, "feed"
    return fetched, "fetch"


def _without_headline(text: str, title: str) -> str:
    """Drop a first line that repeats the headline: it is the title, not a claim of the body."""
    first, _, rest = text.partition("\n")
    if title and " ".join(first.split()) == " ".join(title.split()):
        return rest
    return text


def split_credits(text: str) -> tuple[str, str, str]:
    """Take wire credits and contributor lines out of the body: (body, credit, dateline).

    The dateline stays at the head of the body (it is part of the first sentence as printed);
    credit lines ("Source: Reuters", "(With inputs from PTI)") and "Reporting by" lines leave it.
    """
    credits: list[str] = []
    kept: list[str] = []
    dateline = ""
    lines = [line.strip() for line in text.splitlines()]
    for index, line in enumerate(lines):
        if not line:
            continue
        if index == 0 or not kept:
            match = WIRE_DATELINE.match(line)
            if match:
                dateline = match.group("dateline").strip()
                credits.append(match.group("credit").strip())
        credit = CREDIT_LINE.match(line)
        if credit and len(line) < 120:
            named = credit.group("inputs") or credit.group("source") or credit.group("dash")
            credits.extend(_names(named))
            continue
        if CONTRIBUTOR_LINE.match(line) and len(line) < 200:
            continue
        kept.append(line)
    unique = list(dict.fromkeys(c for c in credits if c))
    return "\n".join(kept), ", ".join(unique), dateline


def _names(value: str) -> list[str]:
    """Sources named in a credit: "CNA/Reuters/ja" -> CNA, Reuters (lower-case "ja" is an editor)."""
    names = []
    for part in CREDIT_SEPARATOR.split(value):
        name = part.strip(" .")
        if name and not EDITOR_INITIALS.match(name):
            names.append(name)
    return names


def page_metadata(body: bytes) -> PageMetadata:
    """Title, authors, times and canonical URL from JSON-LD and meta tags, JSON-LD first."""
    try:
        tree = lxml_html.fromstring(body)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return PageMetadata()
    if tree is None:
        return PageMetadata()
    ld = next(_news_objects(tree), {})
    metas: dict[str, str] = {}
    for node in tree.iterfind(".//meta"):
        key = node.get("property") or node.get("name") or node.get("itemprop")
        content = node.get("content")
        if key and content and key not in metas:
            metas[key] = content.strip()
    canonical = ""
    for link in tree.iterfind(".//link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            canonical = link.get("href", "").strip()
            break
    published = str(ld.get("datePublished") or "") or next(
        (metas[k] for k in META_PUBLISHED if k in metas), ""
    )
    modified = str(ld.get("dateModified") or "") or next(
        (metas[k] for k in META_MODIFIED if k in metas), ""
    )
    title = str(ld.get("headline") or "") or metas.get("og:title", "")
    if not title:
        h1 = tree.find(".//h1")
        title = h1.text_content().strip() if h1 is not None else ""
    authors = _ld_names(ld.get("author")) or tuple(
        a.strip() for a in metas.get("author", "").split(",") if a.strip()
    )
    publisher = ld.get("publisher")
    sitename = metas.get("og:site_name", "") or (
        str(publisher.get("name", "")) if isinstance(publisher, dict) else ""
    )
    root_lang = tree.getroottree().getroot().get("lang") or ""
    return PageMetadata(
        title=" ".join(title.split()),
        authors=authors,
        published=published,
        modified=modified,
        canonical=canonical,
        sitename=sitename,
        lang=root_lang,
    )


def _news_objects(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.iterfind(".//script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text_content() or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kind = item.get("@type")
                kinds = set(kind) if isinstance(kind, list) else {kind}
                if kinds & NEWS_TYPES:
                    yield item
                if "@graph" in item:
                    stack.extend(item["@graph"] if isinstance(item["@graph"], list) else [])


def _ld_names(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, dict):
        name = value.get("name")
        return (str(name).strip(),) if name else ()
    if isinstance(value, list):
        names: list[str] = []
        for item in value:
            names.extend(_ld_names(item))
        return tuple(dict.fromkeys(names))
    return ()
