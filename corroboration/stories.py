"""Group articles into stories: the same event across outlets and days, from shared claims, headline and lead wording, and time."""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

import numpy as np

from wiretrace.corroboration.scoring import STOPWORDS
from wiretrace.extractors.datelines import dateline_end
from wiretrace.records import (
    Reclustered,
    Story,
    StoryArticle,
    StoryInput,
    StoryMember,
    stable_id,
)

DEFAULT_WINDOW = timedelta(days=3)
# Articles per block of word weights (see StoryConfig.block): two days of a 70-a-day wire.
# Chosen on BASIL's dev split (bench/stories_quality.py --block): weights of 150 earlier
# articles joined more of an event's articles than weights over all of them (pairwise
# recall 0.949 against 0.919 at real dates, 0.919 against 0.909 crowded into two days), at
# the same precision; 50 to 150 did alike, 200 less (0.929). Fewer articles weigh too few
# words for a dense wire, where a block should span more than one day's stories.
WEIGHTS_BLOCK = 150
LEAD_WORDS = 200  # about the first three paragraphs: more of what the outlets share
WORD = re.compile(r"[a-z][a-z]+|\d+(?:\.\d+)?")
SHORT_WORDS = ("an", "as", "at", "be", "by", "in", "is", "it", "of", "on", "or", "to", "up", "us")
FILLER_WORDS = ("we", "its", "his", "her", "our", "new", "now", "all", "can", "one", "two", "three")
# Words of news copy in general, not of one story: "first", "sources say", "(Reuters)", "(Jun 13)".
NEWS_WORDS = ("first", "reuters", "jun", "sources", "source", "report", "officials", "official")
STORY_STOPWORDS = STOPWORDS | frozenset((*SHORT_WORDS, *FILLER_WORDS, *NEWS_WORDS))
NEVER = datetime.max.replace(tzinfo=UTC)
START = datetime.min.replace(tzinfo=UTC)
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
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
    # Word weights (document frequencies) come from blocks of this many articles in
    # publication order: the decisions about an article weigh words by the block before its
    # own (the first block by itself). Weights over the whole pool would change every earlier
    # decision with each new article; these stand once the next block begins, so earlier
    # decisions stand, and a run reads a block of articles, not the warehouse.
    block: int = WEIGHTS_BLOCK


def publication_blocks(
    articles: Sequence[StoryArticle], size: int, *, before: int = 0
) -> dict[str, int]:
    """Each article's block of word weights: how many articles were published strictly
    before it (`before` of them not among `articles`), divided by `size`.

    Articles of one time share a block, so the block needs only the time (undated ones last),
    as the warehouse's `rank()` over `published_at NULLS LAST` counts them."""
    times = sorted(a.published_at or NEVER for a in articles)
    return {
        a.article_id: (before + bisect_left(times, a.published_at or NEVER)) // size
        for a in articles
    }


def weights_source(block: int) -> int:
    """The block whose articles weigh the words of decisions in `block`."""
    return max(block - 1, 0)


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


# `exact_sums` splits each value into limbs of this many bits at fixed places (the first
# whole units and the bits just below the point, then lower and lower): integers that add
# exactly, whatever their order and however many there are.
LIMB_BITS = 30
LIMBS = 4
_LIMB = float(2**LIMB_BITS)
_MASK = 2**LIMB_BITS - 1


def exact_sums(values: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """`math.fsum` of each run of `values` (run k: `values[ends[k - 1]:ends[k]]`, the first
    from 0), to the last bit, as arrays: the exactly rounded sum of each.

    A value of 0 <= v < 2 whose bits are all above 2**-(LIMB_BITS * LIMBS) is the sum of
    `LIMBS` integers times fixed powers of two, found exactly by scaling (by powers of two)
    and flooring; the integers of a run add exactly in int64, and carried between limbs
    they are a non-overlapping expansion of the run's exact sum, which is rounded once as
    `math.fsum` rounds its partials (to nearest, ties to even). Runs with any other value
    (negative, too large, or with lower bits) are left to `math.fsum`."""
    values = np.asarray(values, dtype=np.float64)
    ends = np.asarray(ends, dtype=np.int64)
    count = len(ends)
    if count == 0:
        return np.zeros(0)
    starts = np.concatenate(([0], ends[:-1]))
    rest = values.copy()
    sums: list[np.ndarray] = []
    for _ in range(LIMBS):
        rest *= _LIMB  # exact: a power of two
        limb = np.floor(rest)
        rest -= limb  # exact: the fraction of a float is a float
        running = np.concatenate(([0], np.cumsum(limb.astype(np.int64))))
        sums.append(running[ends] - running[starts])
    # Values these limbs do not hold exactly, and the runs that have one.
    odd = (rest != 0.0) | (values < 0.0) | (values >= 2.0) | ~np.isfinite(values)
    if odd.any():
        flagged = np.concatenate(([0], np.cumsum(odd)))
        unusual = (flagged[ends] - flagged[starts]) > 0
    else:
        unusual = np.zeros(count, dtype=bool)
    # Carry from the lowest limb up: every limb but the first below 2**LIMB_BITS.
    for k in range(LIMBS - 1, 0, -1):
        sums[k - 1] = sums[k - 1] + (sums[k] >> LIMB_BITS)
        sums[k] = sums[k] & _MASK
    # The first limb must convert to a float exactly (a run of fewer than 2**22 values).
    unusual |= sums[0] >= 2**53
    parts = [np.ldexp(s.astype(np.float64), -LIMB_BITS * (k + 1)) for k, s in enumerate(sums)]
    # math.fsum's last step over these partials, largest first: add them until one does not
    # add exactly; the error then decides alone, unless it is half an ulp and a partial
    # below it is not zero (all are positive), which breaks the tie upwards.
    high = parts[0].copy()
    low = np.zeros(count)
    done = np.zeros(count, dtype=bool)
    below = np.zeros(count, dtype=bool)
    for k in range(1, LIMBS):
        total = high + parts[k]
        error = parts[k] - (total - high)
        going = ~done
        high = np.where(going, total, high)
        low = np.where(going, error, low)
        stopped = going & (error != 0.0)
        later = np.zeros(count, dtype=bool)
        for part in parts[k + 1 :]:
            later |= part != 0.0
        below = np.where(stopped, later, below)
        done |= stopped
    tie = done & below & (low > 0.0)
    if tie.any():
        doubled = low * 2.0
        up = high + doubled
        high = np.where(tie & ((up - high) == doubled), up, high)
    if unusual.any():
        for k in np.flatnonzero(unusual).tolist():
            high[k] = math.fsum(values[starts[k] : ends[k]].tolist())
    return high


def claim_share(ca: Collection[str], cb: Collection[str]) -> float:
    """The share of claim clusters two articles hold in common, of the smaller one's."""
    if not ca or not cb:
        return 0.0
    return len(set(ca) & set(cb)) / min(len(ca), len(cb))


def _gather(
    starts: np.ndarray, lengths: np.ndarray, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Where the items of `rows` lie in a packed array (each row's `starts` and `lengths`),
    one row after another, and each row's length."""
    counts = lengths[rows]
    ends = np.cumsum(counts)
    # Item k of the result is its row's start plus how far k is into that row.
    places = np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64)
    places += np.repeat(starts[rows] - (ends - counts), counts)
    return places, counts


class _Packed:
    """Vectors of a space's articles (rows) packed one after another as they are made: a
    row's word numbers and weights, and the rows of many gathered at once without a Python
    loop."""

    __slots__ = ("_index", "_length", "_size", "_start", "_weight", "done")

    def __init__(self, rows: int) -> None:
        self.done = np.zeros(rows, dtype=bool)
        self._start = np.zeros(rows, dtype=np.int64)
        self._length = np.zeros(rows, dtype=np.int64)
        self._index = np.zeros(1024, dtype=np.int64)
        self._weight = np.zeros(1024, dtype=np.float64)
        self._size = 0

    def add(self, row: int, index: np.ndarray, weights: np.ndarray) -> None:
        size, count = self._size, len(index)
        while size + count > len(self._index):  # room doubles: appending stays linear
            self._index = np.concatenate((self._index, np.zeros_like(self._index)))
            self._weight = np.concatenate((self._weight, np.zeros_like(self._weight)))
        self._start[row], self._length[row] = size, count
        self._index[size : size + count] = index
        self._weight[size : size + count] = weights
        self.done[row] = True
        self._size = size + count

    def get(self, row: int) -> tuple[np.ndarray, np.ndarray]:
        start = self._start[row]
        end = start + self._length[row]
        return self._index[start:end], self._weight[start:end]

    def gather(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The word numbers and weights of `rows`, one after another, and each row's length."""
        places, counts = _gather(self._start, self._length, rows)
        return self._index[places], self._weight[places], counts


class ArticleSpace:
    """TF-IDF vectors of headline and lead, weighed by blocks of articles, and pair similarity.

    `context` are articles that only weigh words (a block before the grouped ones), and
    `blocks` each article's block (by default counted over `articles` and `context`).
    """

    def __init__(
        self,
        articles: Sequence[StoryArticle],
        config: StoryConfig,
        *,
        context: Sequence[StoryArticle] = (),
        blocks: Mapping[str, int] | None = None,
    ) -> None:
        self.config = config
        pool = [*articles, *context]
        bags: dict[str, dict[str, float]] = {}
        for article in pool:
            bag: dict[str, float] = defaultdict(float)
            names = _names(article.lead) if config.name_weight != 1.0 else set()
            for word in _words(article.title):
                bag[word] += config.title_weight * (config.name_weight if word in names else 1.0)
            for word in _words(article.lead):
                bag[word] += config.name_weight if word in names else 1.0
            bags[article.article_id] = bag
        self._bags = bags
        self.blocks = dict(blocks) if blocks is not None else publication_blocks(pool, config.block)
        self._members: dict[int, list[str]] = defaultdict(list)
        for article in pool:
            self._members[self.blocks[article.article_id]].append(article.article_id)
        # Every word numbered once, and each bag as arrays in its own order: the word numbers
        # and the term-frequency factor of each, which no block's weights change.
        self._vocabulary: dict[str, int] = {}
        numbered = self._vocabulary
        self._terms: dict[str, tuple[np.ndarray, np.ndarray]] = {
            article_id: (
                np.array([numbered.setdefault(w, len(numbered)) for w in bag], dtype=np.int64),
                np.array([1 + math.log(max(tf, 1.0)) for tf in bag.values()], dtype=np.float64),
            )
            for article_id, bag in bags.items()
        }
        # Weights of a block and vectors are made when first needed: a pass whose earlier
        # stories stand compares few articles.
        self._idf: dict[int, tuple[dict[str, float], float]] = {}
        self._idf_arrays: dict[int, np.ndarray] = {}
        # Each weighing block's vectors, packed as they are made (`_Packed`), to compare an
        # article with many at once (`similarities`); the articles numbered as rows.
        self._packed: dict[int, _Packed] = {}
        self._ids = list(bags)  # each row's article
        self._row = {article_id: row for row, article_id in enumerate(self._ids)}
        self._block_rows = np.array([self.blocks[a] for a in bags], dtype=np.int64)
        self.claims = {a.article_id: frozenset(a.clusters) for a in pool}
        # Each article's clusters as numbers, packed by row, to count the ones it shares
        # with many at once.
        numbers: dict[str, int] = {}
        clusters = [
            np.array(
                [numbers.setdefault(c, len(numbers)) for c in sorted(self.claims[a])],
                dtype=np.int64,
            )
            for a in bags
        ]
        self._clusters = len(numbers)
        self._cluster_lengths = np.array([len(c) for c in clusters], dtype=np.int64)
        self._cluster_starts = np.cumsum(self._cluster_lengths) - self._cluster_lengths
        self._cluster_numbers = np.concatenate(clusters) if clusters else np.zeros(0, np.int64)
        self.times = {a.article_id: a.published_at for a in pool}
        # Publication times as microseconds since EPOCH, by row (0 where undated).
        times = [self.times[a] for a in bags]
        self._dated_rows = np.array([t is not None for t in times], dtype=bool)
        self._stamp_rows = np.array(
            [0 if t is None else (t - EPOCH) // timedelta(microseconds=1) for t in times],
            dtype=np.int64,
        )
        self._cache: dict[tuple[str, str], float] = {}

    def idf(self, block: int) -> tuple[dict[str, float], float]:
        """Inverse document frequencies that weigh decisions in `block`, and that of a word
        the weighing block's articles do not use."""
        return self._source_idf(weights_source(block))

    def _source_idf(self, source: int) -> tuple[dict[str, float], float]:
        found = self._idf.get(source)
        if found is None:
            bags = [self._bags[a] for a in self._members.get(source, ())]
            df = Counter(word for bag in bags for word in bag)
            n = len(bags)
            found = self._idf[source] = (
                {word: math.log((1 + n) / (1 + count)) + 1.0 for word, count in df.items()},
                math.log(1 + n) + 1.0,
            )
        return found

    def block_of(self, *article_ids: str) -> int:
        """The block whose weights compare these articles: the latest one's."""
        return max(self.blocks[a] for a in article_ids)

    def _idf_array(self, source: int) -> np.ndarray:
        """`idf` of the weighing block `source` over the word numbers (unseen words: its default)."""
        found = self._idf_arrays.get(source)
        if found is None:
            idf, unseen = self._source_idf(source)
            found = np.full(len(self._vocabulary), unseen)
            numbers = self._vocabulary
            found[[numbers[w] for w in idf]] = list(idf.values())
            self._idf_arrays[source] = found
        return found

    def _weights(self, article_id: str, source: int) -> tuple[np.ndarray, np.ndarray]:
        """The article's TF-IDF vector under the weighing block `source`, of unit length, as
        (word numbers, weights) in its bag's order: each weight the same float as
        `(1 + log(max(tf, 1))) * idf / norm` in Python, its norm the square root of the
        squares added one by one in that order (as `sum` adds them)."""
        row = self._row[article_id]
        packed = self._packed.get(source)
        if packed is None:
            packed = self._packed[source] = _Packed(len(self._row))
        elif packed.done[row]:
            return packed.get(row)
        index, factors = self._terms[article_id]
        weights = factors * self._idf_array(source)[index]
        if len(weights):
            norm = math.sqrt(float(np.cumsum(weights * weights)[-1])) or 1.0
            weights = weights / norm
        packed.add(row, index, weights)
        return index, weights

    def vector(self, article_id: str, block: int | None = None) -> dict[str, float]:
        """The article's TF-IDF vector under `block`'s weights (by default its own), of unit length."""
        block = self.blocks[article_id] if block is None else block
        _, weights = self._weights(article_id, weights_source(block))
        return dict(zip(self._bags[article_id], weights.tolist(), strict=True))

    def text(self, a: str, b: str, *, block: int | None = None) -> float:
        """Cosine of the two articles' vectors under `block`'s weights (by default the later one's)."""
        block = self.block_of(a, b) if block is None else block
        va, vb = self.vector(a, block), self.vector(b, block)
        # Only shared words (the others add 0.0), found by a set intersection in C; fsum is
        # exactly rounded, so the order that intersection comes in does not matter.
        return math.fsum(va[w] * vb[w] for w in va.keys() & vb.keys())

    def _rows_of(self, others: Sequence[str]) -> np.ndarray:
        return np.fromiter(map(self._row.__getitem__, others), dtype=np.int64, count=len(others))

    def _texts(self, a: str, rows: np.ndarray, block: int) -> np.ndarray:
        """`text(a, o, block=block)` for the article `o` of each of `rows`, to the last bit,
        in one pass.

        The products of the shared words' weights are the same floats either way, and
        `exact_sums` adds each article's exactly rounded, as `math.fsum` does, so neither the
        order they come in nor the zeros of words only one uses change a bit.
        """
        if not len(rows):
            return np.zeros(0)
        source = weights_source(block)
        index_a, weights_a = self._weights(a, source)
        packed = self._packed[source]
        for row in np.unique(rows[~packed.done[rows]]).tolist():
            self._weights(self._ids[row], source)
        index, weights, lengths = packed.gather(rows)
        dense = np.zeros(len(self._vocabulary))
        dense[index_a] = weights_a
        uses = np.zeros(len(self._vocabulary), dtype=bool)
        uses[index_a] = True
        shared = np.flatnonzero(uses[index])  # the words `a` shares, found among bytes
        products = dense[index[shared]] * weights[shared]
        ends = np.searchsorted(shared, np.cumsum(lengths))
        return exact_sums(products, ends)

    def shared_claims_with(self, a: str, others: Sequence[str]) -> np.ndarray:
        """`shared_claims(a, o)` for each of `others`, to the last bit: the same counts, and
        one int-over-int division each (exact operands, one rounding, as Python's `/`)."""
        return self._shared_claims(a, self._rows_of(others))

    def _shared_claims(self, a: str, rows: np.ndarray) -> np.ndarray:
        row = self._row[a]
        start, own_count = self._cluster_starts[row], self._cluster_lengths[row]
        if not own_count or not len(rows):
            return np.zeros(len(rows))
        mark = np.zeros(self._clusters, dtype=np.int64)
        mark[self._cluster_numbers[start : start + own_count]] = 1
        places, lengths = _gather(self._cluster_starts, self._cluster_lengths, rows)
        hits = np.concatenate(([0], np.cumsum(mark[self._cluster_numbers[places]])))
        ends = np.cumsum(lengths)
        common = hits[ends] - hits[ends - lengths]
        smaller = np.minimum(lengths, own_count)
        return np.where(lengths > 0, common / np.maximum(smaller, 1), 0.0)

    def similarities(self, a: str, others: Sequence[str]) -> list[float]:
        """`similarity(a, o)` for each of `others` of a block no later than `a`'s, to the
        last bit, in one pass: the same operations on the same floats, as arrays."""
        block = self.blocks[a]
        rows = self._rows_of(others)
        if (self._block_rows[rows] > block).any():
            return [self.similarity(a, o) for o in others]
        content = self._texts(a, rows, block)
        if self.claims[a]:
            content = content + self.config.claim_weight * self._shared_claims(a, rows)
        fade = np.ones(len(rows))
        row = self._row[a]
        if self._dated_rows[row]:
            ta = int(self._stamp_rows[row])
            dated = self._dated_rows[rows]
            apart = np.where(dated, self._stamp_rows[rows], ta) - ta
            # Microseconds over microseconds, as timedelta / timedelta divides them.
            gap = np.abs(apart) / (self.config.window // timedelta(microseconds=1))
            faded = 1.0 - (1.0 - self.config.time_decay) * np.minimum(gap, 1.0)
            fade = np.where(dated, faded, fade)
        result: list[float] = (np.minimum(content, 1.0) * fade).tolist()
        return result

    def _remember(self, a: str, b: str, text: float) -> None:
        content = text + self.config.claim_weight * self.shared_claims(a, b)
        self._cache[(a, b) if a < b else (b, a)] = min(content, 1.0) * self._fade(a, b)

    def shared_claims(self, a: str, b: str) -> float:
        return claim_share(self.claims[a], self.claims[b])

    def similarity(self, a: str, b: str) -> float:
        """0..1-ish: wording of headline and lead, plus shared claims, faded by time apart."""
        key = (a, b) if a < b else (b, a)
        if key not in self._cache:
            self._remember(a, b, self.text(a, b))
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
    context: Sequence[StoryArticle] = (),
    blocks: Mapping[str, int] | None = None,
    headlines: Mapping[str, tuple[tuple[str, ...], str]] | None = None,
    stored: Mapping[str, tuple[str, float]] | None = None,
    keep: Collection[str] = (),
) -> list[Story]:
    """Articles in order of publication; each joins the closest open story or starts one.

    A story is open to an article published within `window` of one of its articles (an
    undated article: of the latest dated one). The
    story id is derived from its earliest article, so the same articles give the same ids on
    every run, and a story keeps its id as later articles join it. `verdicts` (cluster id ->
    verdict) gives each story its counts of claims by verdict.

    `settled` (article id -> (story key, score)) are earlier decisions that stand: those
    articles join the story with that key as before, unscored. A caller settles only articles
    published before every article it has not grouped yet, so the rest see the same stories a
    full regrouping would give them, provided that their block of word weights is not the
    first (whose weights every article of it changes: `regroup_cutoff`).

    `context` and `blocks` are `ArticleSpace`'s: a caller that groups part of the warehouse
    passes the articles of the blocks that weigh its articles' words, and every article's
    block counted over the whole warehouse. `headlines` (story id -> (article ids, headline))
    are stored headlines: a story of settled articles only, the same ones, keeps its own (the
    same articles under the same weights), so its weights need not be read.

    `stored` (article id -> (story key, score)) are the decisions the stored stories were
    grouped by, and `keep` the articles whose stored decision stands unless a story open to
    it changed: their similarities to the members of the stories open to them are as they
    were (same words, weights and claim shares: `kept_stories`), so while every story open
    to one has the members it had when the article was grouped, the article decides as it
    did. A story changes when an article decided again joins it or leaves it (as stored);
    it is open to an article within `window` of its last member in either grouping, since
    the articles decided between come in time order.
    """
    config = config or StoryConfig()
    space = ArticleSpace(articles, config, context=context, blocks=blocks)
    ordered = sorted(articles, key=_time_key)
    dated = [a.published_at for a in articles if a.published_at is not None]
    latest = max(dated) if dated else None
    members: list[list[StoryArticle]] = []
    scores: list[list[float]] = []
    settled = settled or {}
    stored = stored or {}
    window = config.window
    by_key: dict[str, int] = {}
    keys: list[str] = []  # each story's key: its id, from its first article
    stood: set[str] = set()
    # Stories whose members differ from the stored grouping's, with the latest time one of
    # their members (in either grouping) was placed; dropped once closed to the articles to come.
    changed: dict[str, datetime | None] = {}
    # Stories still open to the next article in time order: once an article is later than a
    # story's last article by more than the window, no later article can join that story.
    # Articles come in time order, so a story's closest article in time is its last dated one.
    active: list[int] = []
    last: list[datetime | None] = []
    for article in ordered:
        decision = settled.get(article.article_id)
        if decision is None and article.article_id in keep and article.published_at is not None:
            moment = article.published_at
            changed = {k: t for k, t in changed.items() if t is None or moment - t <= window}
            key = stored[article.article_id][0]
            if not changed and (key in by_key or key == story_key(article.article_id)):
                decision = stored[article.article_id]
                stood.add(article.article_id)
        if decision is not None:
            key, score = decision
            if key in by_key:
                members[by_key[key]].append(article)
                scores[by_key[key]].append(score)
                last[by_key[key]] = article.published_at or last[by_key[key]]
            else:
                by_key[key] = len(members)
                keys.append(key)
                active.append(len(members))
                members.append([article])
                scores.append([score])
                last.append(article.published_at)
            continue
        when = article.published_at or latest
        if when is None:
            candidates: Sequence[int] = range(len(members))
        else:
            active = [i for i in active if (t := last[i]) is None or when - t <= window]
            candidates = active
        best, best_score = -1, 0.0
        compared = [m.article_id for index in candidates for m in members[index]]
        close = dict(zip(compared, space.similarities(article.article_id, compared), strict=True))
        for index in candidates:
            pair = []
            for member in members[index]:
                value = close[member.article_id]
                if value < config.floor:
                    break  # below the floor with one member: the rest cannot let it join
                pair.append(value)
            else:
                mean = sum(pair) / len(pair)
                if mean >= config.threshold and mean > best_score:
                    best, best_score = index, mean
        if best < 0:
            best = len(members)
            by_key[story_key(article.article_id)] = best
            keys.append(story_key(article.article_id))
            active.append(best)
            members.append([article])
            scores.append([1.0])
            last.append(article.published_at)
        else:
            members[best].append(article)
            scores[best].append(round(best_score, 4))
            last[best] = article.published_at or last[best]
        # A story changed when this article joined another than before (or had none before):
        # both, and any that had changed, are open from here to the articles within the window.
        was = stored.get(article.article_id, ("", 0.0))[0]
        for key in {keys[best], was} - {""}:
            if was != keys[best] or key in changed:
                place = by_key.get(key)
                times = [t for t in (when, None if place is None else last[place]) if t]
                changed[key] = max(times) if times else None
    same = headlines or {}
    return [
        _story(
            story,
            story_scores,
            space,
            verdicts or {},
            same if all(m.article_id in settled or m.article_id in stood for m in story) else {},
        )
        for story, story_scores in zip(members, scores, strict=True)
    ]


def story_key(article_id: str) -> str:
    """The id of the story an article starts."""
    return "s" + stable_id("story", article_id, length=12)


def _story(
    members: Sequence[StoryArticle],
    scores: Sequence[float],
    space: ArticleSpace,
    verdicts: Mapping[str, str],
    headlines: Mapping[str, tuple[tuple[str, ...], str]],
) -> Story:
    founder = members[0]
    story_id = story_key(founder.article_id)
    times = [m.published_at for m in members if m.published_at is not None]
    clusters = sorted({c for m in members for c in m.clusters})
    ids, headline = headlines.get(story_id, ((), ""))
    if ids != tuple(m.article_id for m in members):
        headline = _representative(members, space).title
    return Story(
        story_id=story_id,
        headline=headline,
        members=tuple(
            StoryMember(m.article_id, m.outlet_id, m.published_at, score)
            for m, score in zip(members, scores, strict=True)
        ),
        outlets=tuple(sorted({m.outlet_id for m in members})),
        first_outlet=founder.outlet_id,
        first_published_at=min(times) if times else None,
        last_published_at=max(times) if times else None,
        cluster_ids=tuple(clusters),
        verdicts=_verdict_counts(clusters, verdicts),
    )


def with_verdicts(stories: Iterable[Story], verdicts: Mapping[str, str]) -> list[Story]:
    """`stories` with their counts of claims by verdict from `verdicts` (cluster id ->
    verdict), as `group_stories` counts them: for stories grouped before the verdicts were in."""
    return [replace(s, verdicts=_verdict_counts(s.cluster_ids, verdicts)) for s in stories]


def _verdict_counts(
    clusters: Iterable[str], verdicts: Mapping[str, str]
) -> tuple[tuple[str, int], ...]:
    """A story's claims by verdict: (verdict, clusters), sorted, of those `verdicts` holds."""
    return tuple(sorted(Counter(verdicts[c] for c in clusters if c in verdicts).items()))


def _representative(members: Sequence[StoryArticle], space: ArticleSpace) -> StoryArticle:
    """The member whose headline and lead are closest to the others (the earliest on a tie)."""
    if len(members) <= 2:
        return members[0]
    # Under the weights of the latest member's block, which its earlier members share.
    block = space.block_of(*(m.article_id for m in members))
    best = members[0]
    best_score = -1.0
    for member in members:
        score = sum(
            space.text(member.article_id, o.article_id, block=block)
            for o in members
            if o is not member
        )
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


def regroup_cutoff(earliest: datetime | None, before: int, *, size: int) -> datetime | None:
    """From when stories are grouped again: the time of the `earliest` article not grouped as
    it is (NEVER: only undated ones), after `before` others; None when there is none.

    START (everything) when it falls in the first block of word weights, whose words every
    article of the block weighs: it changes the decisions before it there. In a later block
    the weights come from earlier articles, so the decisions before it stand."""
    if earliest is None:
        return None
    return START if before // size == 0 else earliest


def earliest_of(*times: datetime | None) -> datetime | None:
    """The earliest of the cutoffs given (None: none)."""
    given = [t for t in times if t is not None]
    return min(given) if given else None


def reclustered_decisions(articles: Sequence[Reclustered]) -> dict[str, datetime]:
    """The decisions new clusters of claims can change, as article id -> publication time
    (NEVER: undated): for each two articles whose share of claim clusters (`claim_share`,
    part of their similarity) differs from the one the stored stories were grouped by, the
    later one's, since only it compares the two (both when they were published at one time).

    The earliest of them is where regrouping must start (`earliest_of`), whatever the time
    of the earlier article of the pair; word weights do not read clusters, so the first block
    needs no other rule (`regroup_cutoff`)."""
    held: dict[str, list[Reclustered]] = defaultdict(list)
    for article in articles:
        for cluster in article.before | article.after:
            held[cluster].append(article)
    decisions: dict[str, datetime] = {}
    for article in articles:
        if article.before == article.after:
            continue
        partners = {
            other.article_id: other
            for cluster in article.before | article.after
            for other in held[cluster]
            if other.article_id != article.article_id
        }
        for other in partners.values():
            if claim_share(article.before, other.before) == claim_share(article.after, other.after):
                continue
            times = (article.published_at or NEVER, other.published_at or NEVER)
            for changed, when in ((article, times[0]), (other, times[1])):
                if when == max(times):
                    decisions[changed.article_id] = when
    return decisions


def regroup_open_from(
    cutoff: datetime | None, latest: datetime | None, window: timedelta
) -> datetime | None:
    """Stored stories with an article from this time on may take or lose one from `cutoff` on:
    those with none within `window` before it are closed to all of them (and undated ones are
    open as at the `latest` dated article)."""
    if cutoff is None:
        return None
    when = min(cutoff, latest) if latest is not None else cutoff
    return START if when - START <= window else when - window


def settled_stories(
    articles: Sequence[StoryArticle],
    stored: Mapping[str, tuple[str, float]],
    ungrouped: Collection[str],
    *,
    cutoff: datetime | None = None,
) -> dict[str, tuple[str, float]]:
    """Stored story decisions that stand: those of articles published before every article not
    grouped yet (a new article, or one whose text changed), or before `cutoff` if given
    (`regroup_cutoff`). The rest are regrouped, so a run with a few new articles regroups a
    few days, not the whole warehouse."""
    if cutoff is None:
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


def kept_stories(
    articles: Sequence[StoryArticle],
    stored: Mapping[str, tuple[str, float]],
    ungrouped: Collection[str],
    *,
    since: datetime,
    until: datetime | None,
    rethink: Collection[str] = (),
) -> set[str]:
    """The grouped articles published from `since` (the cutoff) until `until` (excluded; None:
    no end) whose stored decisions stand unless a story open to them changed
    (`group_stories`' `keep`): not new or changed (`ungrouped`), not compared with another by
    a changed share of claims (`rethink`), and dated. Before `until` no article is new or
    changed, so their word weights and blocks are those they were grouped by."""
    return {
        a.article_id
        for a in articles
        if a.article_id in stored
        and a.article_id not in ungrouped
        and a.article_id not in rethink
        and a.published_at is not None
        and a.published_at >= since
        and (until is None or a.published_at < until)
    }


def regroup_stories(
    inputs: Sequence[StoryInput],
    clusters: Mapping[str, str],
    verdicts: Mapping[str, str],
    *,
    stored: Mapping[str, tuple[str, float]],
    ungrouped: Collection[str],
    context: Sequence[StoryInput] = (),
    blocks: Mapping[str, int] | None = None,
    cutoff: datetime | None = None,
    config: StoryConfig | None = None,
    headlines: Mapping[str, tuple[tuple[str, ...], str]] | None = None,
    keep_until: datetime | None = None,
    rethink: Collection[str] | None = None,
) -> list[Story]:
    """Stories of the latest article versions, by the claims' `clusters` just made (claim id ->
    cluster id) and their `verdicts` (cluster id -> verdict).

    `stored` is each grouped article's (story id, score); decisions of articles older than
    every article in `ungrouped` (or than `cutoff`) stand, the rest are made again. Given
    `rethink` (the articles whose decisions compare two by a changed share of claims:
    `reclustered_decisions`), the stored decisions of the others from `cutoff` until
    `keep_until` (the first article not grouped as it is; None: none) stand unless a story
    open to them changed (`kept_stories`). `context`, `blocks` and `headlines` are
    `group_stories`'s, for a caller that reads part of the warehouse.
    """
    articles = story_articles(inputs, clusters)
    keep: set[str] = set()
    if rethink is not None and cutoff is not None:
        keep = kept_stories(
            articles, stored, ungrouped, since=cutoff, until=keep_until, rethink=rethink
        )
    return group_stories(
        articles,
        verdicts=verdicts,
        config=config,
        settled=settled_stories(articles, stored, ungrouped, cutoff=cutoff),
        context=story_articles(context, {}),
        blocks=blocks,
        headlines=headlines,
        stored=stored,
        keep=keep,
    )
