"""Group articles into stories: the same event across outlets and days, from shared claims, headline and lead wording, and time."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from wiretrace.corroboration.scoring import STOPWORDS
from wiretrace.extractors.datelines import dateline_end
from wiretrace.records import Story, StoryArticle, StoryInput, StoryMember, stable_id

DEFAULT_WINDOW = timedelta(days=3)
LEAD_WORDS = 200  # about the first three paragraphs: more of what the outlets share
WORD = re.compile(r"[a-z][a-z]+|\d+(?:\.\d+)?")
SHORT_WORDS = ("an", "as", "at", "be", "by", "in", "is", "it", "of", "on", "or", "to", "up", "us")
FILLER_WORDS = ("we", "its", "his", "her", "our", "new", "now", "all", "can", "one", "two", "three")
# Words of news copy in general, not of one story: "first", "sources say", "(Reuters)", "(Jun 13)".
NEWS_WORDS = ("first", "reuters", "jun", "sources", "source", "report", "officials", "official")
STORY_STOPWORDS = STOPWORDS | frozenset((*SHORT_WORDS, *FILLER_WORDS, *NEWS_WORDS))
NEVER = datetime.max.replace(tzinfo=UTC)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
NAME = re.compile(r"[A-Za-z][\w'’.-]*")


@dataclass(frozen=True, slots=True)
class StoryConfig:
    # An article joins the story it is closest to when its mean similarity to the members
    # reaches `threshold` and none of them is below `floor`: close to the story, not to one
    # member, so A~B and B~C do not chain A to an unrelated C.
    threshold: float = 0.22
    floor: float = 0.1
    window: timedelta = DEFAULT_WINDOW  # only stories with an article this close in time
    # A headline word counts this many lead words. Not double: outlets frame one event in
    # headlines of their own ("Trump Caves To Democrats" / "Trump announces deal"), and on
    # BASIL a doubled headline split more events by framing than it joined by wording.
    title_weight: float = 1.5
    # Each claim the two articles share (as a share of the smaller article's claims) adds
    # this much: the same sentence told by two outlets is the surest sign of one event.
    claim_weight: float = 1.0
    # Similarity fades with the time between two articles: by this factor at `window`.
    # Gently: an event's coverage runs for days (18 of BASIL's 100 events have an article two
    # or three days after the first), and halving at the window split those late ones off.
    time_decay: float = 0.75
    # A word the lead writes capitalised mid-sentence names someone or something ("Gorsuch",
    # "Hawaii"): it counts this many times, headlines included. Names tell one event from
    # another of the same kind; outlets that frame an event differently still name the same
    # people and places.
    name_weight: float = 2.0


def lead_of(text: str, *, words: int = LEAD_WORDS) -> str:
    """The opening words of an article body, without datelines ("SINGAPORE, June 12 (Reuters) -").

    Where a story was filed says nothing about which story it is.
    """
    kept: list[str] = []
    for paragraph in text.splitlines():
        paragraph = paragraph.strip()
        paragraph = paragraph[dateline_end(paragraph) :]
        if paragraph:
            kept.extend(paragraph.split())
        if len(kept) >= words:
            break
    return " ".join(kept[:words])


def _words(text: str) -> list[str]:
    return [w for w in WORD.findall(text.lower().replace("'s", "")) if w not in STORY_STOPWORDS]


def _names(text: str) -> set[str]:
    """Words written capitalised inside a sentence of `text` (not at its start): names, roughly."""
    capitalised = [
        word
        for sentence in SENTENCE_END.split(text)
        for word in NAME.findall(sentence)[1:]
        if word[:1].isupper()
    ]
    # One pass over them all: no word spans the spaces between them, so it is each one's words.
    return set(_words(" ".join(capitalised)))


class ArticleSpace:
    """TF-IDF vectors of headline and lead over one pool of articles, and pair similarity."""

    def __init__(self, articles: Sequence[StoryArticle], config: StoryConfig) -> None:
        self.config = config
        bags: dict[str, dict[str, float]] = {}
        for article in articles:
            bag: dict[str, float] = defaultdict(float)
            names = _names(article.lead) if config.name_weight != 1.0 else set()
            for word in _words(article.title):
                bag[word] += config.title_weight * (config.name_weight if word in names else 1.0)
            for word in _words(article.lead):
                bag[word] += config.name_weight if word in names else 1.0
            bags[article.article_id] = bag
        df = Counter(word for bag in bags.values() for word in bag)
        n = len(bags)
        self._bags = bags
        self._idf = {word: math.log((1 + n) / (1 + count)) + 1.0 for word, count in df.items()}
        # Weighed when first compared: a pass whose earlier stories stand compares few articles.
        self._vectors: dict[str, dict[str, float]] = {}
        self.claims = {a.article_id: frozenset(a.clusters) for a in articles}
        self.times = {a.article_id: a.published_at for a in articles}
        self._cache: dict[tuple[str, str], float] = {}

    def vector(self, article_id: str) -> dict[str, float]:
        """The article's TF-IDF vector over the pool, of unit length."""
        found = self._vectors.get(article_id)
        if found is None:
            idf = self._idf
            weights = {
                w: (1 + math.log(max(tf, 1.0))) * idf[w] for w, tf in self._bags[article_id].items()
            }
            norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
            found = self._vectors[article_id] = {w: v / norm for w, v in weights.items()}
        return found

    def text(self, a: str, b: str) -> float:
        va, vb = self.vector(a), self.vector(b)
        if len(va) > len(vb):
            va, vb = vb, va
        # Only shared words: the others add exactly 0.0 (weights are positive), so the sum is
        # the same to the last bit, in the same order.
        return sum(v * vb[w] for w, v in va.items() if w in vb)

    def shared_claims(self, a: str, b: str) -> float:
        ca, cb = self.claims[a], self.claims[b]
        if not ca or not cb:
            return 0.0
        return len(ca & cb) / min(len(ca), len(cb))

    def similarity(self, a: str, b: str) -> float:
        """0..1-ish: wording of headline and lead, plus shared claims, faded by time apart."""
        key = (a, b) if a < b else (b, a)
        if key not in self._cache:
            content = self.text(a, b) + self.config.claim_weight * self.shared_claims(a, b)
            self._cache[key] = min(content, 1.0) * self._fade(a, b)
        return self._cache[key]

    def _fade(self, a: str, b: str) -> float:
        ta, tb = self.times[a], self.times[b]
        if ta is None or tb is None:
            return 1.0
        gap = abs(ta - tb) / self.config.window
        return 1.0 - (1.0 - self.config.time_decay) * min(gap, 1.0)


def _time_key(article: StoryArticle) -> tuple[datetime, str, str, str, str]:
    """Publication order; articles of one time in the order of what they say, not of their
    ids (which come from URLs): the same articles give the same stories on any host or port."""
    return (
        article.published_at or NEVER,
        article.outlet_id,
        article.title,
        article.lead,
        article.article_id,
    )


def group_stories(
    articles: Sequence[StoryArticle],
    *,
    verdicts: Mapping[str, str] | None = None,
    config: StoryConfig | None = None,
    settled: Mapping[str, tuple[str, float]] | None = None,
) -> list[Story]:
    """Articles in order of publication; each joins the closest open story or starts one.

    A story is open to an article published within `window` of one of its articles. The
    story id is derived from its earliest article, so the same articles give the same ids on
    every run, and a story keeps its id as later articles join it. `verdicts` (cluster id ->
    verdict) gives each story its counts of claims by verdict.

    `settled` (article id -> (story key, score)) are earlier decisions that stand: those
    articles join the story with that key as before, unscored. A caller settles only articles
    published before every article it has not grouped yet, so the rest see the same stories a
    full regrouping would give them (up to the word weights, which all articles share).
    """
    config = config or StoryConfig()
    space = ArticleSpace(articles, config)
    ordered = sorted(articles, key=_time_key)
    members: list[list[StoryArticle]] = []
    scores: list[list[float]] = []
    settled = settled or {}
    by_key: dict[str, int] = {}
    # Stories still open to the next article in time order: once an article is later than a
    # story's last article by more than the window, no later article can join that story.
    active: list[int] = []
    for article in ordered:
        if article.article_id in settled:
            key, score = settled[article.article_id]
            if key in by_key:
                members[by_key[key]].append(article)
                scores[by_key[key]].append(score)
            else:
                by_key[key] = len(members)
                active.append(len(members))
                members.append([article])
                scores.append([score])
            continue
        if article.published_at is None:
            candidates: Sequence[int] = range(len(members))
        else:
            active = [i for i in active if _open(members[i], article, config.window)]
            candidates = active
        best, best_score = -1, 0.0
        for index in candidates:
            pair = []
            for member in members[index]:
                value = space.similarity(article.article_id, member.article_id)
                if value < config.floor:
                    break  # below the floor with one member: the rest cannot let it join
                pair.append(value)
            else:
                mean = sum(pair) / len(pair)
                if mean >= config.threshold and mean > best_score:
                    best, best_score = index, mean
        if best < 0:
            active.append(len(members))
            members.append([article])
            scores.append([1.0])
        else:
            members[best].append(article)
            scores[best].append(round(best_score, 4))
    return [
        _story(story, story_scores, space, verdicts or {})
        for story, story_scores in zip(members, scores, strict=True)
    ]


def _open(story: Sequence[StoryArticle], article: StoryArticle, window: timedelta) -> bool:
    if article.published_at is None:
        return True
    times = [m.published_at for m in story if m.published_at is not None]
    return not times or min(abs(article.published_at - t) for t in times) <= window


def _story(
    members: Sequence[StoryArticle],
    scores: Sequence[float],
    space: ArticleSpace,
    verdicts: Mapping[str, str],
) -> Story:
    founder = members[0]
    times = [m.published_at for m in members if m.published_at is not None]
    clusters = sorted({c for m in members for c in m.clusters})
    counts = Counter(verdicts[c] for c in clusters if c in verdicts)
    return Story(
        story_id="s" + stable_id("story", founder.article_id, length=12),
        headline=_representative(members, space).title,
        members=tuple(
            StoryMember(m.article_id, m.outlet_id, m.published_at, score)
            for m, score in zip(members, scores, strict=True)
        ),
        outlets=tuple(sorted({m.outlet_id for m in members})),
        first_outlet=founder.outlet_id,
        first_published_at=min(times) if times else None,
        last_published_at=max(times) if times else None,
        cluster_ids=tuple(clusters),
        verdicts=tuple(sorted(counts.items())),
    )


def _representative(members: Sequence[StoryArticle], space: ArticleSpace) -> StoryArticle:
    """The member whose headline and lead are closest to the others (the earliest on a tie)."""
    if len(members) <= 2:
        return members[0]
    best = members[0]
    best_score = -1.0
    for member in members:
        score = sum(space.text(member.article_id, o.article_id) for o in members if o is not member)
        if score > best_score + 1e-9:
            best, best_score = member, score
    return best


def story_articles(inputs: Sequence[StoryInput], clusters: Mapping[str, str]) -> list[StoryArticle]:
    """What story grouping reads of each article: headline, lead, time and its claims' clusters."""
    return [
        StoryArticle(
            article_id=i.article_id,
            outlet_id=i.outlet_id,
            title=i.title,
            lead=lead_of(i.text),
            published_at=i.published_at,
            clusters=tuple(sorted({clusters[c] for c in i.claim_ids if c in clusters})),
        )
        for i in inputs
    ]


def settled_stories(
    articles: Sequence[StoryArticle],
    stored: Mapping[str, tuple[str, float]],
    ungrouped: Collection[str],
) -> dict[str, tuple[str, float]]:
    """Stored story decisions that stand: those of articles published before every article not
    grouped yet (a new article, or one whose text changed). The rest are regrouped, so a run
    with a few new articles regroups a few days, not the whole warehouse."""
    pending = [a.published_at or NEVER for a in articles if a.article_id in ungrouped]
    if not pending:
        return dict(stored)
    cutoff = min(pending)
    return {
        a.article_id: stored[a.article_id]
        for a in articles
        if a.article_id in stored
        and a.article_id not in ungrouped
        and a.published_at is not None
        and a.published_at < cutoff
    }


def regroup_stories(
    inputs: Sequence[StoryInput],
    clusters: Mapping[str, str],
    verdicts: Mapping[str, str],
    *,
    stored: Mapping[str, tuple[str, float]],
    ungrouped: Collection[str],
) -> list[Story]:
    """Stories of the latest article versions, by the claims' `clusters` just made (claim id ->
    cluster id) and their `verdicts` (cluster id -> verdict).

    `stored` is each grouped article's (story id, score); decisions of articles older than
    every article in `ungrouped` stand, the rest are made again.
    """
    articles = story_articles(inputs, clusters)
    return group_stories(
        articles, verdicts=verdicts, settled=settled_stories(articles, stored, ungrouped)
    )
