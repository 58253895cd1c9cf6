"""Score candidate pairs of claims and decide each: the same statement, a conflict, or not.

A pair's score is the learned model's probability that the two state the same thing (0-100,
`model.py`), over features of the claims' texts; a cheap rapidfuzz text score of the
number-masked `norm_text` (token_set and token_sort ratios) gates which pairs the model reads.
Numbers are compared as values, by `figures`: the same statement with a figure stated
differently is a conflict, never a match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz, process

from wiretrace.corroboration.blocking import (
    NUMBER_BEARING,
    BlockingConfig,
    candidate_index_pairs,
    objects,
    paused_gc,
    release_arrow_memory,
    sorted_unique,
)
from wiretrace.corroboration.figures import disagreements, figures_disagree
from wiretrace.corroboration.model import (
    ClaimText,
    MatchModel,
    PreparedTexts,
    claim_text,
    features_at,
    pair_features,
    prepare_texts,
    probabilities_at,
    shipped_model,
)
from wiretrace.records import Claim, ClaimMatch

# The text score at which two claims read as one sentence, for rules that compare sentences
# directly (an earlier version of an article's sentence, in `verdicts`); the matcher itself
# decides by its model.
DEFAULT_THRESHOLD = 72.0
SET_WEIGHT = 0.4  # text score = 0.4 token_set_ratio + 0.6 token_sort_ratio
DEFAULT_WINDOW = timedelta(days=7)
FEW_PAIRS = 64  # fewer pairs than this are prepared claim by claim (`model_scores`)
PAIR_CHUNK = 1 << 18  # pairs whose features are computed together (bounds their memory)
PAIR_BLOCK = 1 << 17  # pairs whose claims are prepared together (bounds the prepared texts)
NUMBER_TOKEN = re.compile(NUMBER_BEARING)
STOPWORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "that",
        "with",
        "this",
        "from",
        "have",
        "has",
        "had",
        "was",
        "were",
        "are",
        "its",
        "it's",
        "their",
        "they",
        "them",
        "will",
        "would",
        "said",
        "says",
        "say",
        "also",
        "been",
        "being",
        "into",
        "over",
        "after",
        "before",
        "about",
        "than",
        "more",
        "most",
        "which",
        "while",
        "when",
        "where",
        "who",
        "whom",
        "what",
        "there",
        "here",
        "other",
        "some",
        "such",
        "only",
        "very",
        "just",
        "not",
        "but",
        "per",
        "cent",
        "percent",
        "billion",
        "million",
        "crore",
        "lakh",
        "thousand",
        "year",
        "years",
        "week",
        "month",
        "months",
        "day",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "according",
        "reported",
        "told",
        "people",
        "usd",
        "inr",
        "sgd",
        "eur",
        "gbp",
        "jpy",
    ]
)


@dataclass(frozen=True, slots=True)
class MatchConfig:
    # Minimum score (100 x the model's probability) for the same statement; None: the model's.
    threshold: float | None = None
    window: timedelta = DEFAULT_WINDOW  # claims further apart in time are never compared
    prefix: int = 10  # each claim is indexed by its this-many rarest tokens
    max_df: int = 200  # tokens in more claims than this do not block
    # Candidates share at least this share of the larger claim's content tokens: of the
    # training pairs the model accepts (MSRP train's real paraphrases and the project's dev
    # pairs), 8 of 3,200 share less, while on the synthetic wire it drops 62% of candidates
    # and no blocked match (bench/train_matcher.py and bench/match_scale.py print both).
    min_overlap: float = 0.2
    link_margin: float = 8.0  # a member may score this much below threshold with the others
    model: MatchModel | None = None  # None: the shipped model (corroboration/match_model.json)

    @property
    def matcher(self) -> MatchModel:
        return self.model if self.model is not None else shipped_model()

    @property
    def cutoff(self) -> float:
        """The score at or above which a pair is the same statement."""
        return self.threshold if self.threshold is not None else 100.0 * self.matcher.threshold


def masked_all(norm_texts: Sequence[str]) -> list[str]:
    """`masked` for many texts at once (pyarrow's regex kernel, not a Python loop)."""
    if not norm_texts:
        return []
    arr = pa.array(norm_texts, type=pa.large_string())
    return pc.replace_substring_regex(arr, pattern=NUMBER_BEARING, replacement="#").to_pylist()


def masked(norm_text: str) -> str:
    """The text with every number-bearing token replaced: numbers are compared as values."""
    return NUMBER_TOKEN.sub("#", norm_text)


def text_score(a: str, b: str) -> float:
    """Similarity of two normalised, number-masked claims, 0-100.

    token_set_ratio alone scores a short sentence contained in a long one as 100; averaging it
    with token_sort_ratio keeps paraphrases high and containment lower.
    """
    return SET_WEIGHT * fuzz.token_set_ratio(a, b) + (1 - SET_WEIGHT) * fuzz.token_sort_ratio(a, b)


def text_scores(texts_a: Sequence[str], texts_b: Sequence[str]) -> np.ndarray:
    """`text_score` of aligned lists of masked texts, the same floats, on all cores."""
    if len(texts_a) < FEW_PAIRS:
        return np.array([text_score(a, b) for a, b in zip(texts_a, texts_b, strict=True)])
    a, b = objects(texts_a), objects(texts_b)
    # float64 out, as the scalar scorers return: cpdist's default float32 would round them.
    token_set = process.cpdist(a, b, scorer=fuzz.token_set_ratio, dtype=np.float64, workers=-1)
    token_sort = process.cpdist(a, b, scorer=fuzz.token_sort_ratio, dtype=np.float64, workers=-1)
    return np.asarray(SET_WEIGHT * token_set + (1 - SET_WEIGHT) * token_sort, np.float64)


def candidate_pairs(claims: Sequence[Claim], config: MatchConfig) -> np.ndarray:
    """Rows (i, j) of claim indexes to score: a shared rare token, other article, in the window."""
    with paused_gc():
        return _candidate_pairs(claims, config)


def _candidate_pairs(claims: Sequence[Claim], config: MatchConfig) -> np.ndarray:
    article_ids: dict[str, int] = {}
    articles = np.fromiter(
        (article_ids.setdefault(c.article_id, len(article_ids)) for c in claims),
        dtype=np.int64,
        count=len(claims),
    )
    times = np.fromiter(
        (c.published_at.timestamp() if c.published_at else np.nan for c in claims),
        dtype=np.float64,
        count=len(claims),
    )
    return candidate_index_pairs(
        [c.norm_text for c in claims],
        articles,
        times,
        STOPWORDS,
        BlockingConfig(
            prefix=config.prefix,
            max_df=config.max_df,
            window_seconds=config.window.total_seconds(),
            min_overlap=config.min_overlap,
        ),
    )


def pair_scores(
    texts_a: Sequence[str] | np.ndarray,
    texts_b: Sequence[str] | np.ndarray,
    *,
    floor: float = 0.0,
    workers: int = -1,
) -> np.ndarray:
    """`text_score` of aligned lists of masked texts, on all cores (rapidfuzz cpdist).

    Pairs that cannot reach `floor` score 0: token_set_ratio is never below token_sort_ratio,
    so their mean reaches `floor` only if token_set does, and token_sort is computed only for
    the pairs that pass.
    """
    if not len(texts_a):
        return np.empty(0, np.float64)
    texts_a = texts_a if isinstance(texts_a, np.ndarray) else objects(texts_a)
    texts_b = texts_b if isinstance(texts_b, np.ndarray) else objects(texts_b)
    token_set = process.cpdist(
        texts_a, texts_b, scorer=fuzz.token_set_ratio, score_cutoff=floor, workers=workers
    ).astype(np.float64)
    passed = np.flatnonzero(token_set >= max(floor, 1e-9)) if floor > 0 else None
    if passed is None:
        token_sort = process.cpdist(texts_a, texts_b, scorer=fuzz.token_sort_ratio, workers=workers)
        return SET_WEIGHT * token_set + (1 - SET_WEIGHT) * token_sort.astype(np.float64)
    scores = np.zeros(len(texts_a), np.float64)
    if len(passed):
        token_sort = process.cpdist(
            texts_a[passed],
            texts_b[passed],
            scorer=fuzz.token_sort_ratio,
            workers=workers,
        )
        scores[passed] = SET_WEIGHT * token_set[passed] + (1 - SET_WEIGHT) * token_sort.astype(
            np.float64
        )
    return scores


def decide(a: Claim, b: Claim, score: float, config: MatchConfig, *, text: float) -> str:
    """`match`, `conflict` (the same statement, a figure disagrees) or `no-match`.

    `score` is the model's (0-100), `text` the rapidfuzz text score: the number rule compares
    the remaining plain numbers of near-identical sentences only.
    """
    if score < config.cutoff:
        return "no-match"
    return "conflict" if figures_disagree(a, b, text) else "match"


def model_scores(
    claims_a: Sequence[Claim],
    claims_b: Sequence[Claim],
    text_scores: np.ndarray,
    config: MatchConfig,
    *,
    prepared: PreparedTexts | None = None,
    texts: dict[int, ClaimText] | None = None,
    keys: tuple[Sequence[int], Sequence[int]] | None = None,
) -> np.ndarray:
    """Score (100 x probability) of aligned pairs; 0 below the model's gate on the text score.

    `keys` give each pair's two claims an integer: an index into `prepared` (the claims'
    texts prepared at once by `prepare_texts`), or the key of `texts`, a cache of each claim's
    `ClaimText` for callers that score a few pairs at a time. Without `prepared`, a few pairs
    are scored one claim at a time (the arrays' fixed cost is more than a few claims take),
    many as arrays; both give the same features.
    """
    model = config.matcher
    out = np.zeros(len(claims_a), np.float64)
    passed = np.flatnonzero(np.asarray(text_scores) >= model.gate)
    if not len(passed):
        return out
    picked = passed.tolist()
    if prepared is not None and keys is not None:
        left = np.asarray(keys[0], np.int64)[passed]
        right = np.asarray(keys[1], np.int64)[passed]
        rows = features_at(prepared, left, right, model)
    elif len(picked) < FEW_PAIRS:
        cache: dict[int, ClaimText] = {} if texts is None else texts
        key_a, key_b = keys if keys is not None else (picked, [len(out) + k for k in picked])
        if keys is not None:
            key_a, key_b = [key_a[k] for k in picked], [key_b[k] for k in picked]

        def prepared_text(key: int, claim: Claim) -> ClaimText:
            found = cache.get(key)
            if found is None:
                found = cache[key] = claim_text(claim, STOPWORDS)
            return found

        rows = pair_features(
            [prepared_text(key, claims_a[k]) for key, k in zip(key_a, picked, strict=True)],
            [prepared_text(key, claims_b[k]) for key, k in zip(key_b, picked, strict=True)],
            model,
        )
    else:
        both = [claims_a[k] for k in picked] + [claims_b[k] for k in picked]
        if keys is not None:  # each claim prepared once, however many pairs it is in
            ids = np.r_[
                np.asarray(keys[0], np.int64)[passed], np.asarray(keys[1], np.int64)[passed]
            ]
            _, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
            many = prepare_texts([both[k] for k in first.tolist()], STOPWORDS, model)
            inverse = inverse.reshape(-1)
            rows = features_at(many, inverse[: len(picked)], inverse[len(picked) :], model)
        else:
            many = prepare_texts(both, STOPWORDS, model)
            left = np.arange(len(picked))
            rows = features_at(many, left, left + len(picked), model)
    out[passed] = 100.0 * model.probability(rows)
    return out


def explain_pair(a: Claim, b: Claim, config: MatchConfig) -> list[tuple[str, float, float, float]]:
    """(feature, value, weight, contribution to the log-odds) of one pair's decision."""
    model = config.matcher
    rows = pair_features([claim_text(a, STOPWORDS)], [claim_text(b, STOPWORDS)], model, workers=1)
    return model.contributions(rows[0])


def score_pairs(
    claims: Sequence[Claim],
    pairs: np.ndarray | Iterable[tuple[int, int]],
    config: MatchConfig,
    *,
    texts: Sequence[str] | np.ndarray | None = None,
) -> list[ClaimMatch]:
    """Score candidate pairs; keep those that are the same statement, marking number conflicts.

    `texts` are the claims' masked texts when the caller has them already.
    """
    with paused_gc():
        return _score_pairs(claims, pairs, config, texts=texts)


def _score_pairs(
    claims: Sequence[Claim],
    pairs: np.ndarray | Iterable[tuple[int, int]],
    config: MatchConfig,
    *,
    texts: Sequence[str] | np.ndarray | None,
) -> list[ClaimMatch]:
    rows = np.asarray(list(pairs) if not isinstance(pairs, np.ndarray) else pairs, dtype=np.int64)
    if rows.size == 0:
        return []
    rows = rows.reshape(-1, 2)
    if texts is None:
        texts = masked_all([c.norm_text for c in claims])
    model = config.matcher
    gate = model.gate
    masked_texts = texts if isinstance(texts, np.ndarray) else objects(texts)
    # The text gate and the model, block by block: blocks of pairs of claims close in time,
    # each block's claims prepared for it alone, so the prepared texts stay small however
    # many claims there are (a pair's features read its two claims only, so they do not
    # depend on the block). The next block's claims are prepared on a thread while this
    # block's pairs are gated and scored: rapidfuzz and Arrow's kernels let go of the GIL, so
    # the preparing (much of it one core's work) overlaps the scoring. Two blocks' prepared
    # texts at most are held. A pair below the gate is prepared for, never scored.
    text_scores = np.zeros(len(rows), np.float64)
    scores = np.zeros(len(rows), np.float64)

    def prepare(block: np.ndarray) -> tuple[np.ndarray, PreparedTexts]:
        """The block's pairs as indexes into its claims, and those claims prepared."""
        pairs_here = rows[block]
        involved = sorted_unique(pairs_here.reshape(-1))
        index = np.searchsorted(involved, pairs_here)
        del pairs_here
        return index, prepare_texts([claims[i] for i in involved.tolist()], STOPWORDS, model)

    blocks = _time_blocks(claims, rows, PAIR_BLOCK)
    with ThreadPoolExecutor(max_workers=1) as ahead:
        upcoming = ahead.submit(prepare, blocks[0]) if len(blocks) > 1 else None
        for k, block in enumerate(blocks):
            index, prepared = upcoming.result() if upcoming is not None else prepare(block)
            upcoming = ahead.submit(prepare, blocks[k + 1]) if k + 1 < len(blocks) else None
            for start in range(0, len(block), PAIR_CHUNK):
                here = block[start : start + PAIR_CHUNK]
                # In chunks: rapidfuzz holds its own copy of every text it is given.
                text = pair_scores(
                    masked_texts[rows[here, 0]], masked_texts[rows[here, 1]], floor=gate
                )
                text_scores[here] = text
                passed = np.flatnonzero(text >= gate)
                if not len(passed):
                    continue
                part = index[start : start + len(here)][passed]
                # Only pairs at the cutoff need their exact score: the others may get a
                # bound below it. A hair under the cutoff, so the score is exact wherever
                # `scores >= cutoff` can hold.
                scores[here[passed]] = 100.0 * probabilities_at(
                    prepared,
                    part[:, 0],
                    part[:, 1],
                    model,
                    at_least=config.cutoff / 100.0 - 1e-9,
                )
            del prepared, index
            release_arrow_memory()
    del masked_texts
    # `decide` for every pair at once: the same decisions, each distinct pair of figures once.
    # The score as stored (two decimals) must reach the cutoff too, as in `decide`.
    kept = np.flatnonzero((text_scores >= gate) & (scores >= config.cutoff))
    rounded = np.array([round(s, 2) for s in scores[kept].tolist()], np.float64)
    kept, rounded = kept[rounded >= config.cutoff], rounded[rounded >= config.cutoff]
    pair_left, pair_right = rows[kept, 0], rows[kept, 1]
    conflicts = disagreements(claims, pair_left, pair_right, text_scores[kept]).tolist()
    found: list[ClaimMatch] = []
    for score, i, j, conflict in zip(
        rounded.tolist(), pair_left.tolist(), pair_right.tolist(), conflicts, strict=True
    ):
        first, second = claims[i].claim_id, claims[j].claim_id
        if second < first:
            first, second = second, first
        found.append(ClaimMatch(first, second, score, "conflict" if conflict else "match"))
    return sorted(found, key=lambda m: (m.a, m.b))


def _time_blocks(claims: Sequence[Claim], rows: np.ndarray, size: int) -> list[np.ndarray]:
    """Positions of `rows` in blocks of about `size` pairs, in the order of the earlier claim's
    time, so that a block's pairs share most of their claims."""
    if len(rows) <= size:
        return [np.arange(len(rows))]
    involved = sorted_unique(rows.reshape(-1))
    stamps = (claims[i].published_at for i in involved.tolist())
    times = np.fromiter(
        (np.inf if when is None else when.timestamp() for when in stamps),
        dtype=np.float64,
        count=len(involved),
    )
    at = np.searchsorted(involved, rows)
    earlier = np.minimum(times[at[:, 0]], times[at[:, 1]])
    order = np.argsort(earlier, kind="stable")
    return np.array_split(order, -(-len(rows) // size))


Scorer = Callable[[Sequence[Claim], np.ndarray, MatchConfig], list[ClaimMatch]]


def score_blocks(
    claims: Sequence[Claim], rows: np.ndarray, config: MatchConfig
) -> list[ClaimMatch]:
    """The default scorer: every candidate pair here, on all local cores."""
    if not len(rows):
        return []
    involved = np.unique(rows)
    texts = np.full(len(claims), "", dtype=object)
    texts[involved] = objects(masked_all([claims[i].norm_text for i in involved.tolist()]))
    return score_pairs(claims, rows, config, texts=texts)


def split_blocks(
    claims: Sequence[Claim], rows: np.ndarray, blocks: int
) -> list[tuple[list[Claim], np.ndarray]]:
    """Candidate pairs cut into `blocks` self-contained parts (the claims each part needs and
    its pairs re-indexed into them), to score on other workers."""
    parts = []
    for chunk in np.array_split(rows, max(1, blocks)):
        if not len(chunk):
            continue
        involved, inverse = np.unique(chunk, return_inverse=True)
        parts.append(([claims[i] for i in involved.tolist()], inverse.reshape(-1, 2)))
    return parts
