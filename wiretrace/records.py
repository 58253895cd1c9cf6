"""Records that travel between stages: frozen, slotted dataclasses, one definition each."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, get_args

from wiretrace.jsonout import HIDDEN

OutletKind = Literal["wire", "outlet"]
QuantityKind = Literal["money", "percent", "count"]
# Who a sentence says its information comes from. `Attribution.kind` keeps the first four
# (how lineage reads a citation); `Attribution.source_kind` uses them all.
AttributionKind = Literal[
    "wire", "outlet", "organisation", "official", "person", "document", "anonymous"
]
# From independent corroboration down to none, then the two that override it.
Verdict = Literal["corroborated", "wire-only", "single-source", "disputed", "updated"]
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)  # the vocabulary, in the order reports list it
TimeSource = Literal["feed", "page", "fetch"]
LineageKind = Literal["verbatim", "credited", "attributed"]
# How two figures of one claim that differ relate (corroboration/timeline.py decides):
# two independent primary sources in one news cycle, a relay against its source (or two relays
# of one source at once), or a later report of the same source that supersedes the earlier one.
DisagreementKind = Literal["independent", "relay"]
# A figure on a claim's timeline: the first on its line, the same as the figure standing before
# it, one that replaces an earlier figure of its source, one in dispute, or a different
# figure from another source in a later news cycle (neither an update nor a dispute).
FigureStatus = Literal["first", "same", "update", "dispute", "later"]


def stable_id(*parts: object, length: int = 16) -> str:
    """A short hex id from the parts: the natural key of a row, the same on every rerun."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return digest[:length]


@dataclass(frozen=True, slots=True)
class Outlet:
    id: str
    name: str
    kind: OutletKind = "outlet"
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    timezone: str = "UTC"
    allow_private: bool = False


@dataclass(frozen=True, slots=True)
class FeedEntry:
    outlet_id: str
    feed_url: str
    entry_key: str
    url: str
    title: str
    published_at: datetime | None
    summary: str = ""
    modified_at: datetime | None = None  # the feed's own change time: sitemap lastmod, Atom updated


@dataclass(frozen=True, slots=True)
class Fetch:
    fetch_id: str
    run_id: str
    outlet_id: str
    url: str
    final_url: str
    purpose: Literal["feed", "sitemap", "page", "robots"]
    status: int | None
    error: str | None
    fetched_at: datetime
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    body_sha256: str = ""
    body_size: int = 0
    warc_file: str = ""
    warc_offset: int = -1
    warc_record_id: str = ""


@dataclass(frozen=True, slots=True)
class FeedState:
    """Health and validators of one feed after a poll."""

    feed_url: str
    outlet_id: str
    etag: str
    last_modified: str
    body_sha256: str
    last_polled_at: datetime
    last_status: int | None
    last_error: str | None
    consecutive_failures: int
    entries_seen: int
    next_poll_at: datetime | None = None  # set only after a failure: when to ask again
    parent_url: str = ""  # the sitemap index that lists this sitemap


@dataclass(frozen=True, slots=True)
class Validators:
    """What the last fetch of a URL said: for a conditional GET and the feed's schedule."""

    etag: str = ""
    last_modified: str = ""
    body_sha256: str = ""
    consecutive_failures: int = 0
    next_poll_at: datetime | None = None
    parent_url: str = ""  # the sitemap index that lists this sitemap


@dataclass(frozen=True, slots=True)
class FirstCapture:
    """Where a payload was first archived: a revisit record of the same bytes points here."""

    uri: str
    date: str  # WARC-Date of the first capture


@dataclass(frozen=True, slots=True)
class ArchivedFetch:
    """A page fetch whose response is in the archive: what re-extraction reads back."""

    fetch_id: str
    run_id: str
    outlet_id: str
    url: str
    fetched_at: datetime
    body_sha256: str
    warc_file: str
    warc_offset: int


@dataclass(frozen=True, slots=True)
class PageState:
    """The last answer (200 or 304) for an article page: a rerun skips it unless its feed says it changed."""

    url: str
    outlet_id: str
    listed_modified_at: datetime | None  # the entry's modified_at when the page was last asked
    last_checked_at: datetime
    last_status: int
    run_id: str


@dataclass(frozen=True, slots=True)
class Article:
    article_id: str  # hash of the canonical URL: one per story page, across its versions
    version_id: str  # hash of (canonical URL, text sha256): an edit makes a new version
    outlet_id: str
    url: str
    canonical_url: str
    title: str
    text: str
    text_sha256: str
    published_at: datetime | None
    published_source: TimeSource
    modified_at: datetime | None = None
    authors: tuple[str, ...] = ()
    credit: str = ""
    dateline: str = ""
    lang: str = ""
    sitename: str = ""
    fetch_id: str = ""
    extractor_version: str = ""
    published_offset: str = ""  # the offset the page wrote its times with ("+05:30"); "" unknown
    modified_offset: str = ""
    contributors: tuple[str, ...] = ()  # "Editing by Jane Doe": sign-off lines, one per name
    section: str = ""
    publisher: str = ""
    # how the body was chosen: "<source>: <doubts about it, or 'no doubts'> (over <the others>)"
    extraction: str = ""


@dataclass(frozen=True, slots=True)
class Quantity:
    kind: QuantityKind
    value: float  # money in whole currency units, percent as 0-100, counts as counted
    unit: str  # ISO 4217 code for money ("USD", "INR", "SGD"), "%" for percent, a noun for counts
    raw: str
    qualifier: str = ""  # "", "about", "more than", "at least", "up to", "less than"
    start: int = 0  # character offsets in the claim text
    end: int = 0


@dataclass(frozen=True, slots=True)
class Attribution:
    # An outlet id when the sentence cites a news organisation, or a source spoke to one
    # ("told Reuters"); else the source's name as written ("" for an unnamed source).
    cited: str
    kind: AttributionKind  # outlet (any news organisation), person, organisation or anonymous
    cue: str  # "according to", "reported", "told", "as per", "credited from", ...
    raw: str  # the phrase that gives the attribution, as written
    # The source as a reader names it: its fullest name in the article ("Craig Menear" for
    # "Menear said"), a news organisation's name, or the unnamed source's words ("aides").
    source: str = ""
    source_kind: AttributionKind | Literal[""] = ""
    key: str = ""  # one key per source within an article: an outlet id, or its normalised name
    channel: str = ""  # the outlet the source spoke through ("told Reuters"): its id, else name


@dataclass(frozen=True, slots=True)
class Claim:
    claim_id: str
    article_id: str
    version_id: str
    outlet_id: str
    position: int
    start: int
    end: int
    text: str
    norm_text: str
    published_at: datetime | None
    quantities: tuple[Quantity, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    # Where the dateline opening `text` ends ("NEW DELHI, June 12 (Reuters) - "), 0 when none:
    # read once where claims are built, so later stages need not recognise datelines.
    dateline_end: int = 0


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    """What corroboration needs to know of an article besides its claims."""

    article_id: str
    outlet_id: str
    credit: str  # "Reuters, PTI" as extracted
    published_source: str  # page | feed | fetch
    cited: tuple[str, ...] = ()  # outlets any of its claims attributes something to


@dataclass(frozen=True, slots=True)
class ClaimMatch:
    a: str
    b: str
    score: float
    decision: Literal["match", "conflict"]


@dataclass(frozen=True, slots=True)
class Lineage:
    article_id: str
    source_article_id: str  # "" when the source is only known by name
    source_outlet: str
    kind: LineageKind
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class FigureConflict:
    """A figure of one mention that disagrees with a figure of another mention of the claim."""

    claim_id: str
    index: int  # the figure's place among its claim's quantities (claim_quantities.idx)
    other_claim_id: str
    other_index: int
    kind: DisagreementKind = "independent"
    reason: str = ""  # one line: who gave each figure, when, and why that is a dispute


@dataclass(frozen=True, slots=True)
class FigurePoint:
    """One figure on a claim's timeline: its value, who gave it (outlet and primary source),
    when, and whether it replaced an earlier figure."""

    claim_id: str
    index: int  # its place among the claim's quantities (claim_quantities.idx)
    line: int  # which figure of the claim it is (0: the first comparable figure, 1: the next...)
    outlet_id: str
    source: str  # the primary source it stands for ("" for an earlier version of an article)
    via: str  # own | quoted | credited | verbatim | attributed | earlier-version
    published_at: datetime | None
    raw: str
    value: float
    unit: str
    qualifier: str
    status: FigureStatus
    replaces_claim_id: str = ""  # the figure it supersedes (status "update"), or disputes
    replaces_index: int = -1
    note: str = ""  # why it has its status, one line


@dataclass(frozen=True, slots=True)
class Corroboration:
    cluster_id: str
    text: str
    outlets: tuple[str, ...]
    independent_sources: int
    sources: tuple[str, ...]
    first_outlet: str
    first_published_at: datetime | None
    first_time_source: str
    numbers_agree: bool
    verdict: Verdict
    reason: str
    member_claim_ids: tuple[str, ...] = field(default=())
    # Every figure in dispute with another mention's, both ways round: judged once, here.
    disagreements: tuple[FigureConflict, ...] = ()
    # Each figure of the claim over time, earliest first (earlier versions of articles included).
    timeline: tuple[FigurePoint, ...] = ()
    # A claim restated after the matching window is a new cluster in the same series: the
    # series is named by its earliest cluster, and each cluster links the one before it.
    series_id: str = ""
    previous_cluster_id: str = ""


@dataclass(frozen=True, slots=True)
class StoryInput:
    """An article's latest version as the warehouse holds it, before story grouping reads it."""

    article_id: str
    outlet_id: str
    title: str
    text: str
    published_at: datetime | None
    claim_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reclustered:
    """An article (its latest version) a corroboration pass changed the claim clusters of, or
    one holding a claim in a cluster such an article is or was in: its publication time and
    the clusters of its claims as the stored stories were grouped by (`before`) and now."""

    article_id: str
    published_at: datetime | None
    before: frozenset[str]
    after: frozenset[str]


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """What story grouping needs to know of an article (its latest version)."""

    article_id: str
    outlet_id: str
    title: str
    lead: str  # the opening words of the body, datelines taken out
    published_at: datetime | None
    clusters: tuple[str, ...] = ()  # the claim clusters its claims belong to


@dataclass(frozen=True, slots=True)
class StoryMember:
    article_id: str
    outlet_id: str
    published_at: datetime | None
    score: float  # its mean similarity to the story when it joined; 1.0 for the first


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about one event, across outlets and days; the id comes from its earliest article."""

    story_id: str
    headline: str  # the member headline closest to the rest of the story
    members: tuple[StoryMember, ...]  # in the order they joined: by time, earliest first
    outlets: tuple[str, ...]
    first_outlet: str
    first_published_at: datetime | None
    last_published_at: datetime | None
    cluster_ids: tuple[str, ...] = ()
    verdicts: tuple[tuple[str, int], ...] = ()  # (verdict, claim clusters), by verdict

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(m.article_id for m in self.members)


@dataclass
class MatchResult:
    """One corroboration pass: the tables it recomputes over the matching window."""

    matches: list[tuple[str, str, float, str]] = field(default_factory=list)
    clusters: dict[str, str] = field(default_factory=dict)  # claim id -> cluster id
    # claim id -> (the independent source it stands for, how: own|verbatim|credited|attributed)
    sources: dict[str, tuple[str, str]] = field(default_factory=dict)
    lineage: list[Lineage] = field(default_factory=list)
    corroboration: list[Corroboration] = field(default_factory=list)


# ---- what the reports read: rows of the warehouse's report and list queries ------------------
# Field names are the keys of the JSON the CLI prints (wiretrace/jsonout.py): scripts read them.


@dataclass(frozen=True, slots=True)
class ClaimSummary:
    """One claim cluster as `wiretrace claims` lists it."""

    id: str
    text: str
    verdict: Verdict
    reason: str
    outlets: tuple[str, ...]
    independent_sources: int
    sources: tuple[str, ...]
    first_outlet: str
    first_published_at: datetime | None
    first_time_source: str
    numbers_agree: bool
    mentions: int  # its mentions, earlier versions of articles included


@dataclass(frozen=True, slots=True)
class ClaimMention:
    """One sentence that carries a claim: who published it when, and the archived bytes behind it."""

    claim_id: str
    outlet_id: str
    outlet: str | None  # the outlet's name; None when the outlet is not in `outlets`
    timezone: str | None
    headline: str | None
    url: str
    published_at: datetime | None
    time_source: str  # page | feed | fetch
    start: int  # character offsets in the article text
    end: int
    sentence: str
    version_id: str
    latest: bool  # False for an earlier version of its article
    fetch_id: str | None
    fetched_at: datetime | None
    warc_file: str | None
    warc_offset: int | None
    warc_record_id: str | None
    payload_sha256: str | None
    credit: str | None
    dateline: str | None
    article_id: str
    source: str | None  # the independent source it counts as
    via: str | None  # own | verbatim | credited | attributed | earlier-version


@dataclass(frozen=True, slots=True)
class FigureRef:
    """Another mention's figure, by its claim and as written."""

    claim_id: str
    raw: str


@dataclass(frozen=True, slots=True)
class MentionFigure:
    """A number as one mention gives it, and the figures of other mentions it disagrees with."""

    outlet_id: str
    claim_id: str
    kind: str
    value: float
    unit: str
    raw: str
    qualifier: str | None
    # As corroboration judged and stored them (figure_disagreements), in the order reports list.
    disagrees_with: tuple[FigureRef, ...] = field(default=(), metadata=HIDDEN)


@dataclass(frozen=True, slots=True)
class ClaimReport:
    """Everything one claim's report shows: its verdict, every mention, their figures and lineage."""

    id: str
    text: str
    verdict: Verdict
    reason: str
    outlets: tuple[str, ...]
    independent_sources: int
    sources: tuple[str, ...]
    first_outlet: str
    first_published_at: datetime | None
    first_time_source: str
    numbers_agree: bool
    mentions: tuple[ClaimMention, ...]  # earliest first
    quantities: tuple[MentionFigure, ...]  # by outlet, claim and place in the sentence
    lineage: tuple[Lineage, ...]  # the sources of every article that carries the claim
    # Each figure over time, as corroboration judged it: who gave it, when, what it replaced.
    figure_timeline: tuple[FigurePoint, ...] = ()
    series_id: str = ""  # the claim's series (its earliest cluster), "" when it stands alone
    previous_cluster_id: str = ""  # the cluster it restates, from an earlier window


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One story as `wiretrace stories` lists it."""

    id: str
    headline: str
    outlets: tuple[str, ...]
    missing_outlets: tuple[str, ...]  # configured outlets that did not cover it
    first_outlet: str
    first_published_at: datetime | None
    last_published_at: datetime | None
    articles: int
    claims: int
    verdicts: Mapping[str, int]  # claim clusters per verdict, every verdict present


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One article of a story, in order of publication."""

    rank: int
    article_id: str
    outlet_id: str
    outlet: str
    timezone: str
    published_at: datetime | None
    time_source: str
    headline: str | None
    url: str
    score: float  # its closeness to the story when it joined
    wire_copy_of: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OutletCoverage:
    """Whether one configured outlet covered a story (if not, a blind spot), and how."""

    outlet_id: str
    outlet: str
    covered: bool
    articles: int
    first_published_at: datetime | None
    first: bool
    wire_copy: bool


@dataclass(frozen=True, slots=True)
class StoryClaim:
    """A claim cluster mentioned in a story, with its verdict."""

    id: str
    text: str  # as this story's first article to carry it put it
    verdict: Verdict
    reason: str
    outlets: tuple[str, ...]
    independent_sources: int
    sources: tuple[str, ...]
    first_outlet: str
    first_published_at: datetime | None


@dataclass(frozen=True, slots=True)
class StoryReport:
    """Everything one story's report shows: its articles over time, coverage and claims."""

    id: str
    headline: str
    outlets: tuple[str, ...]
    missing_outlets: tuple[str, ...]
    first_outlet: str
    first_published_at: datetime | None
    last_published_at: datetime | None
    articles: int
    claims: int
    verdicts: Mapping[str, int]
    timeline: tuple[TimelineEntry, ...]
    coverage: tuple[OutletCoverage, ...]
    claim_clusters: tuple[StoryClaim, ...]
