"""Turn a fetched HTML page (bytes) into an Article record: body, title, authors, times, credits."""

from __future__ import annotations

import hashlib
import logging
import re
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import trafilatura
import trafilatura.external
from lxml import etree
from trafilatura.utils import load_html

from wiretrace.extractors.cleanup import (
    CompiledRules,
    clean_lines,
    prune_page,
    rules_for,
    unwrap_inline_links,
    visible_texts,
)
from wiretrace.extractors.credits import split_credits
from wiretrace.extractors.encoding import decode_html
from wiretrace.extractors.language import detect_language
from wiretrace.extractors.metadata import PageMetadata, markup_date, page_metadata
from wiretrace.extractors.times import parse_time, utc_offset
from wiretrace.extractors.urls import canonical_url, choose_canonical
from wiretrace.records import Article, TimeSource, stable_id

LOGGER = logging.getLogger(__name__)
EXTRACTOR_VERSION = f"wiretrace-article/3 trafilatura/{trafilatura.__version__}"
MIN_TEXT_CHARS = 80
# "grid data.The IMD": two sentences glued where something between them was removed.
GLUED_SENTENCES = re.compile(r"(?<=[a-z0-9%)\"”’][.!?])(?=[A-Z][a-z])")
_QUOTES = (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'))
WORD = re.compile(r"\w+")
# The texts of a page's links: most links hold one text node, read in C; the others one by one.
PLAIN_LINK_TEXT = etree.XPath("//a[not(*) and count(text()) = 1]/text()", smart_strings=False)
OTHER_LINKS = etree.XPath("//a[* or count(text()) > 1]")
# What makes a candidate body look wrong for its page (see `doubts`). Chosen on the dev split
# of trafilatura's evaluation corpus (bench/extract_quality.py), checked on its holdout.
SHORT_CHARS = 300  # fewer characters than this is rarely a whole article
SHORT_SHARE = 0.05  # nor is a body of less than 5% of the page's visible text
LINK_LINE_MAX = 200  # a line longer than this is prose even when it is one link
LINK_HEAVY_SHARE = 0.4  # lines that are each one link's text: a menu or a list of stories
FAR_CHARS = 1500  # an article starts near its headline, a few bylines and captions away
FAR_SHARE = 0.25
BODY_PROBE = 60  # characters of a line looked up in the page or in another text
HEADLINE_MIN_CHARS = 10
HEADLINE_PROBE = 50
JSON_LD_BODY_MIN_CHARS = 200
BODY_SHORT_SHARE = 0.5
DESCRIPTION_MIN_WORDS = 5
DESCRIPTION_WINDOW = 3000  # the description sums up the opening, not the end
DESCRIPTION_MIN_SHARE = 0.25


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
    timings: dict[str, float] | None = None,
) -> Article:
    """Extract one article. Raises ExtractionError (one line) when there is no article text.

    `content_type` is the HTTP header as served: a charset declared only there (not in a meta
    tag) decides how the bytes are read. `timings`, when given, gets the seconds each step
    took added to it (parse, metadata, cleanup, trafilatura, choice, credits, language).

    The body is chosen per page (`choose_body`): trafilatura in balanced mode after the
    cleanup rules, and other candidates only where that text looks wrong for the page.
    """
    clock = _Clock(timings)
    if not body or not body.strip():
        raise ExtractionError("empty page")
    tree = _parse(decode_html(body, content_type) if "charset=" in content_type.lower() else body)
    clock.lap("parse")
    meta = page_metadata(tree)
    markup = markup_date(tree, url=url) if not parse_time(meta.published) else ("", False)
    # trafilatura's byline heuristics need the page as served, before the cleanup below.
    guessed_authors = () if meta.authors else _markup_authors(tree)
    clock.lap("metadata")
    rules = rules_for(outlet_id=outlet_id, urls=(url, meta.canonical))
    chosen = choose_body(tree, url=url, meta=meta, rules=rules, clock=clock)
    credits = split_credits(_without_headline(chosen.text, meta.title))
    clock.lap("credits")
    if len(credits.text) < MIN_TEXT_CHARS:
        raise ExtractionError(f"article text too short ({len(credits.text)} characters)")
    lang = detect_language(credits.text, declared=meta.lang)
    clock.lap("language")

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
        lang=lang,
        sitename=meta.sitename or meta.publisher,
        fetch_id=fetch_id,
        extractor_version=EXTRACTOR_VERSION,
        published_offset=utc_offset(written),
        modified_offset=utc_offset(meta.modified),
        contributors=credits.contributors,
        section=meta.section,
        publisher=meta.publisher or meta.sitename,
        extraction=chosen.how,
    )


@dataclass(frozen=True, slots=True)
class Candidate:
    """One reading of a page's body and what looks wrong with it (nothing, ideally)."""

    source: str  # "balanced", "balanced-unpruned", "json-ld", "precision"
    text: str
    doubts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChosenBody:
    text: str  # after the line rules, before credits leave it
    how: str  # the winner, then the candidates it beat: see `choose_body`


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What the page as served says about where its article is, to judge a candidate by."""

    text: str  # visible text, whitespace squashed and case-folded
    chars: int  # visible characters as served, whitespace and all (what cleanup measures)
    anchors: frozenset[str]  # texts of its links, squashed and case-folded
    headline_at: int  # where the headline starts in `text`; -1 when it is not there
    body: str  # JSON-LD articleBody when plausible, else ""
    description_words: frozenset[str]


def choose_body(
    tree: Any, *, url: str, meta: PageMetadata, rules: CompiledRules, clock: _Clock | None = None
) -> ChosenBody:
    """The page's article body, chosen per page, and how it was chosen.

    First trafilatura in balanced mode on the page after the cleanup rules. Only when that
    text looks wrong for the page (`doubts`: short for the page, mostly link texts, starting
    far from the headline, missing the page's own JSON-LD articleBody or description) are
    other candidates read: "balanced-unpruned", balanced mode on the page without the
    elements the cleanup rules removed (a rule may have taken the story with the junk);
    "json-ld", the page's JSON-LD articleBody when it is plausible; and, only when all of
    these have doubts, "precision" mode on the page as served. The candidate with the
    fewest doubts wins, the first on a tie.

    `how` names the winner and its doubts, then each candidate it beat with theirs:
    "balanced: no doubts", or "json-ld: no doubts | balanced: short (151 of the page's 1034
    characters); missing the JSON-LD articleBody's opening". `tree` is changed in place.
    """
    clock = clock or _Clock(None)
    facts = page_facts(tree, meta)
    unwrap_inline_links(tree)
    pruned = prune_page(tree, rules, page_chars=facts.chars)
    clock.lap("cleanup")
    first = _candidate("balanced", _trafilatura(tree, url), facts, rules)
    clock.lap("trafilatura")
    if not first.doubts:
        return ChosenBody(first.text, "balanced: no doubts")
    candidates = [first]
    if pruned.removed:
        pruned.restore()
        text = _trafilatura(tree, url)
        candidates.append(_candidate("balanced-unpruned", text, facts, rules))
    if facts.body:
        candidates.append(_candidate("json-ld", facts.body, facts, rules))
    if all(c.doubts for c in candidates):
        text = _trafilatura(tree, url, favor_precision=True)
        candidates.append(_candidate("precision", text, facts, rules))
    clock.lap("choice")
    best = min(candidates, key=lambda c: (len(c.doubts), candidates.index(c)))
    if not best.text:
        raise ExtractionError("no article text found")
    ranked = [best, *(c for c in candidates if c is not best)]
    return ChosenBody(
        best.text, " | ".join(f"{c.source}: {'; '.join(c.doubts) or 'no doubts'}" for c in ranked)
    )


def page_facts(tree: Any, meta: PageMetadata) -> PageFacts:
    """Read once per page, before any cleanup: what candidates are judged against."""
    page = tree.find("body")
    texts = visible_texts(tree if page is None else page)
    text = _squash(" ".join(texts))
    links = PLAIN_LINK_TEXT(tree) + [a.text_content() for a in OTHER_LINKS(tree)]
    anchors = frozenset(map(_squash, links)) - {""}
    headline_at = -1
    for h1 in tree.iter("h1"):
        heading = _squash(h1.text_content())
        if len(heading) >= HEADLINE_MIN_CHARS:
            headline_at = text.find(heading[:HEADLINE_PROBE])
            break
    if headline_at < 0 and meta.title:
        headline_at = text.find(_squash(meta.title)[:HEADLINE_PROBE])
    body = meta.body if _plausible_body(meta.body) else ""
    words = frozenset(WORD.findall(_squash(meta.description)))
    return PageFacts(
        text=text,
        chars=sum(map(len, texts)),
        anchors=anchors,
        headline_at=headline_at,
        body=body,
        description_words=words if len(words) >= DESCRIPTION_MIN_WORDS else frozenset(),
    )


def doubts(text: str, facts: PageFacts, *, source: str = "") -> tuple[str, ...]:
    """What looks wrong with `text` as the page's article; () when nothing does."""
    if not text.strip():
        return ("nothing found",)
    found: list[str] = []
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    squashed = _squash(text)
    page = max(1, len(facts.text))
    if len(squashed) < SHORT_CHARS or len(squashed) < SHORT_SHARE * page:
        found.append(f"short ({len(squashed)} of the page's {page} characters)")
    total = sum(len(line) for line in lines)
    linked = sum(
        len(line)
        for line in lines
        if len(line) <= LINK_LINE_MAX and _squash(line.lstrip("-•* ")) in facts.anchors
    )
    if linked > LINK_HEAVY_SHARE * total:
        found.append(f"link-heavy ({100 * linked // total}% of it link texts)")
    start = next((_squash(line)[:BODY_PROBE] for line in lines if len(line) >= 40), "")
    at = facts.text.find(start) if start and facts.headline_at >= 0 else -1
    if at >= 0 and abs(at - facts.headline_at) > max(FAR_CHARS, FAR_SHARE * page):
        found.append(f"far from the headline ({at - facts.headline_at:+d} characters)")
    if facts.body and source != "json-ld":
        if _squash(facts.body)[:BODY_PROBE] not in squashed:
            found.append("missing the JSON-LD articleBody's opening")
        elif len(squashed) < BODY_SHORT_SHARE * len(facts.body):
            found.append("shorter than the JSON-LD articleBody")
    if facts.description_words:
        seen = set(WORD.findall(squashed[:DESCRIPTION_WINDOW]))
        share = len(facts.description_words & seen) / len(facts.description_words)
        if share < DESCRIPTION_MIN_SHARE:
            found.append(f"missing the description ({100 * share:.0f}% of its words)")
    return tuple(found)


def _candidate(source: str, raw: str, facts: PageFacts, rules: CompiledRules) -> Candidate:
    text = clean_lines(GLUED_SENTENCES.sub(" ", raw), rules)
    return Candidate(source, text, doubts(text, facts, source=source))


def _trafilatura(tree: Any, url: str, *, favor_precision: bool = False) -> str:
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=False,  # page_metadata reads JSON-LD and meta tags, htmldate the rest
            include_comments=False,
            include_tables=True,
            favor_precision=favor_precision,
        )
    except Exception as exc:  # trafilatura raises many kinds on hostile input; it is one failure
        raise ExtractionError(f"trafilatura failed: {type(exc).__name__}: {exc}") from exc
    _stop_list_hashed_once()
    if document is None:
        return ""
    raw = document.get("text") if isinstance(document, dict) else document.text
    return raw or ""


class _HashedOnce(tuple[str, ...]):
    """A tuple whose hash is computed once: equal to the tuple, and hashing to the same."""

    _hash: int

    def __new__(cls, items: tuple[str, ...]) -> _HashedOnce:
        self = super().__new__(cls, items)
        self._hash = tuple.__hash__(self)
        return self

    def __hash__(self) -> int:
        return self._hash


def _stop_list_hashed_once() -> None:
    """jusText's classifier looks trafilatura's stop list up in an `lru_cache` keyed by the
    list itself, a tuple of 154,484 words hashed anew on every call: 16 ms each time
    trafilatura falls back to jusText (on a third of the generated pages), more than the rest
    of the fallback. The same words in the same order, hashed once; trafilatura builds the
    tuple on its first jusText call, so it is wrapped after it, once."""
    words = getattr(trafilatura.external, "JT_STOPLIST", None)
    if type(words) is tuple:
        # trafilatura declares it None (its value before the first call); it holds the tuple.
        trafilatura.external.JT_STOPLIST = _HashedOnce(words)  # type: ignore[assignment]


def _plausible_body(body: str) -> bool:
    """An articleBody that can stand for the article: long enough, prose, not a teaser."""
    return (
        len(body) >= JSON_LD_BODY_MIN_CHARS
        and not body.rstrip().endswith(("...", "…", "[…]"))
        and body.count(". ") >= 2
    )


class _Clock:
    """Adds the seconds since the last lap to `timings[step]`; does nothing without timings."""

    __slots__ = ("last", "timings")

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = time.perf_counter() if timings is not None else 0.0

    def lap(self, step: str) -> None:
        if self.timings is not None:
            now = time.perf_counter()
            self.timings[step] = self.timings.get(step, 0.0) + now - self.last
            self.last = now


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
    # str.replace per quote: str.translate with a table was a third of the time on long pages
    for curly, straight in _QUOTES:
        text = text.replace(curly, straight)
    return " ".join(text.split()).casefold()
