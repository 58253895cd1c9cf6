"""Match the same claim across outlets: blocking by rare shared tokens, rapidfuzz scoring, clustering."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz, process
from wiretrace.corroboration.blocking import NUMBER_BEARING, BlockingConfig, candidate_index_pairs

from wiretrace.records import Claim, ClaimMatch, Quantity, stable_id

# Chosen on the dev split of tests/fixtures/pairs (bench/calibrate_matching.py): F0.5 of
# "same statement" is flat around here; precision is worth more than recall.
DEFAULT_THRESHOLD = 72.0
SET_WEIGHT = 0.4  # text score = 0.4 token_set_ratio + 0.6 token_sort_ratio
DEFAULT_WINDOW = timedelta(days=7)
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
    threshold: float = DEFAULT_THRESHOLD  # minimum text score for the same statement
    window: timedelta = DEFAULT_WINDOW  # claims further apart in time are never compared
    prefix: int = 10  # each claim is indexed by its this-many rarest tokens
    max_df: int = 200  # tokens in more claims than this do not block
    link_margin: float = 8.0  # a member may score this much below threshold with the others
    # Two sentences stating the same figure ("2.82%", "$250 million", "48 flights") need less
    # agreement in wording: a rewrite keeps the number and changes the words around it.
    anchored_threshold: float = 68.0


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


MIN_ANCHOR_COUNT = 10  # "two people" is too common to say two sentences state one fact
HEDGE_TOLERANCE = 0.05  # "about 52,000" agrees with anything within 5%


def comparable(a: Quantity, b: Quantity) -> bool:
    """Figures of one kind and unit (for counts, of the same thing) can disagree."""
    return a.kind == b.kind and a.unit == b.unit


def quantities_agree(a: Quantity, b: Quantity) -> bool:
    """Same value, allowing for the rounding of the less precise figure and for qualifiers.

    "$29 billion" agrees with "$29.3 billion" (rounded to the billion) but not "$30 billion";
    "about 52,000" with "52,418"; "more than 20" with 23; "up to 100" with 80.
    """
    if a.kind != b.kind or a.unit != b.unit:
        return True  # not comparable here: different units are not a disagreement
    if a.value == b.value:
        return True
    largest = max(abs(a.value), abs(b.value))
    tolerance = max(_precision(a), _precision(b)) / 2 + 1e-9 * largest
    if "about" in (a.qualifier, b.qualifier):
        tolerance = max(tolerance, HEDGE_TOLERANCE * largest)
    if abs(a.value - b.value) <= tolerance:
        return True
    if a.qualifier == b.qualifier:
        return False  # "up to S$20" and "up to S$50" are two different bounds
    low, high = sorted((a, b), key=lambda q: q.value)
    if low.qualifier in ("more than", "at least") and low.value <= high.value:
        return True
    return high.qualifier in ("up to", "less than") and low.value <= high.value


FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _precision(q: Quantity) -> float:
    """The rounding step a figure was written with: 1e9 for "$29 billion", 1,000 for "52,000".

    Only whole groups of three zeros count as rounding: "30 billion" may be exact to the
    billion, "52,000 voters" is rounded to the thousand.
    """
    match = FIGURE.search(q.raw)
    if match is None:
        return 0.0
    written = match.group(0)
    figure = written.replace(",", "")
    mantissa = float(figure)
    if mantissa == 0:
        return 0.0
    scale = q.value / mantissa  # the written scale word: billion, crore, ...
    if "." in figure:
        step = 10.0 ** -len(figure.split(".")[1])
    else:
        groups = 0
        while written.endswith(",000" * (groups + 1)):
            groups += 1
        step = 1000.0**groups
    return float(scale * step)


def numbers_conflict(a: Sequence[Quantity], b: Sequence[Quantity]) -> bool:
    """True when a figure of one claim and a figure of the other are comparable and disagree.

    Figures that agree with a figure of the other claim are set aside first, so "1,210 homes"
    against "1,210 private homes and 672 units" is no conflict, while "$29 billion" against
    "$30 billion" is.
    """
    return bool(conflicting_figures(a, b))


def conflicting_figures(
    a: Sequence[Quantity], b: Sequence[Quantity]
) -> list[tuple[Quantity, Quantity]]:
    """The pairs (figure of a, figure of b) that disagree, by the rule of `numbers_conflict`."""
    left = [x for x in a if not any(_same_figure(x, y) for y in b)]
    right = [y for y in b if not any(_same_figure(x, y) for x in a)]
    return [(x, y) for x in left for y in right if comparable(x, y) or _currency_swapped(x, y)]


def _currency_swapped(x: Quantity, y: Quantity) -> bool:
    # "S$65 million" against "US$65 million": the same amount in another currency is an error
    # in one of them, not a conversion (a conversion changes the number).
    return x.kind == y.kind == "money" and x.unit != y.unit and x.value == y.value


NUMBER_WORDS = {
    word: value
    for value, words in enumerate(
        [
            (), ("one", "first"), ("two", "second"), ("three", "third"), ("four", "fourth"),
            ("five", "fifth"), ("six", "sixth"), ("seven", "seventh"), ("eight", "eighth"),
            ("nine", "ninth"), ("ten", "tenth"), ("eleven",), ("twelve",), ("thirteen",),
            ("fourteen",), ("fifteen",), ("sixteen",), ("seventeen",), ("eighteen",),
            ("nineteen",), ("twenty",),
        ]
    )
    for word in words
}  # fmt: skip
BARE_NUMBER = re.compile(
    r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\d])|\b(?:" + "|".join(NUMBER_WORDS) + r")\b",
    re.IGNORECASE,
)
LEADING_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .,'/-]{1,60}?(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*(?:\([^)]{1,30}\))?\s*[-–—:]\s"
)
BARE_NUMBER_MIN_SCORE = 85.0  # only near-identical sentences are compared number by number


def bare_numbers(claim: Claim) -> list[Quantity]:
    """Numbers of a claim that the quantity parser did not take: "3,500", "seven", "38-year-old".

    The dateline and the parsed quantities are left out; what remains are figures whose change
    between two otherwise identical sentences is a disagreement.
    """
    text = claim.text
    cut = [(q.start, q.end) for q in claim.quantities]
    dateline = LEADING_DATELINE.match(text)
    if dateline:
        cut.append((0, dateline.end()))
    found = []
    for match in BARE_NUMBER.finditer(text):
        if any(start <= match.start() < end for start, end in cut):
            continue
        raw = match.group(0)
        word = NUMBER_WORDS.get(raw.lower())
        value = float(word) if word is not None else float(raw.replace(",", ""))
        found.append(Quantity("count", value, "", raw))
    return found


def bare_numbers_conflict(a: Claim, b: Claim) -> bool:
    """Two near-identical sentences whose remaining numbers differ: "3,500" against "3,800".

    A plain number of one that the other states as a parsed figure ("9" against "9 cents")
    is no disagreement.
    """
    left = bare_numbers(a)
    right = bare_numbers(b)
    left_all = left + [replace(q, kind="count", unit="") for q in a.quantities]
    right_all = right + [replace(q, kind="count", unit="") for q in b.quantities]
    unmatched_left = [x for x in left if not any(quantities_agree(x, y) for y in right_all)]
    unmatched_right = [y for y in right if not any(quantities_agree(x, y) for x in left_all)]
    return bool(unmatched_left and unmatched_right)


def figures_disagree(a: Claim, b: Claim, score: float) -> bool:
    """The number rule of a dispute, one for the matcher, the verdicts and the reports."""
    if not (bool(a.quantities) and _figures(a) == _figures(b)) and numbers_conflict(
        a.quantities, b.quantities
    ):
        return True
    return score >= BARE_NUMBER_MIN_SCORE and bare_numbers_conflict(a, b)


def shares_figure(a: Sequence[Quantity], b: Sequence[Quantity]) -> bool:
    """Both claims state one figure that identifies a fact: money, a percent, a count >= 10."""
    return any(
        _same_figure(x, y) and (x.kind != "count" or x.value >= MIN_ANCHOR_COUNT)
        for x in a
        for y in b
    )


def _same_figure(x: Quantity, y: Quantity) -> bool:
    if x.kind != y.kind:
        return False
    if x.kind == "count":  # the counted noun is often mis-read: match on the value alone
        return quantities_agree(replace(x, unit=y.unit), y)
    return comparable(x, y) and quantities_agree(x, y)


def candidate_pairs(claims: Sequence[Claim], config: MatchConfig) -> np.ndarray:
    """Rows (i, j) of claim indexes to score: a shared rare token, other article, in the window."""
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
        ),
    )


def pair_scores(
    texts_a: Sequence[str], texts_b: Sequence[str], *, floor: float = 0.0, workers: int = -1
) -> np.ndarray:
    """`text_score` of aligned lists of masked texts, on all cores (rapidfuzz cpdist).

    Pairs that cannot reach `floor` score 0: token_set_ratio is never below token_sort_ratio,
    so their mean reaches `floor` only if token_set does, and token_sort is computed only for
    the pairs that pass.
    """
    if not texts_a:
        return np.empty(0, np.float64)
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
            [texts_a[k] for k in passed.tolist()],
            [texts_b[k] for k in passed.tolist()],
            scorer=fuzz.token_sort_ratio,
            workers=workers,
        )
        scores[passed] = SET_WEIGHT * token_set[passed] + (1 - SET_WEIGHT) * token_sort.astype(
            np.float64
        )
    return scores


def decide(a: Claim, b: Claim, score: float, config: MatchConfig) -> str:
    """`match`, `conflict` (the same statement, a figure disagrees) or `no-match`."""
    if score < config.threshold and not (
        score >= config.anchored_threshold and shares_figure(a.quantities, b.quantities)
    ):
        return "no-match"
    return "conflict" if figures_disagree(a, b, score) else "match"


def _figures(claim: Claim) -> tuple[tuple[str, str, float], ...]:
    return tuple(sorted((q.kind, q.unit, q.value) for q in claim.quantities))


def score_pairs(
    claims: Sequence[Claim],
    pairs: np.ndarray | Iterable[tuple[int, int]],
    config: MatchConfig,
    *,
    texts: Sequence[str] | None = None,
) -> list[ClaimMatch]:
    """Score candidate pairs; keep those that are the same statement, marking number conflicts.

    `texts` are the claims' masked texts when the caller has them already.
    """
    rows = np.asarray(list(pairs) if not isinstance(pairs, np.ndarray) else pairs, dtype=np.int64)
    if rows.size == 0:
        return []
    rows = rows.reshape(-1, 2)
    if texts is None:
        texts = masked_all([c.norm_text for c in claims])
    floor = min(config.threshold, config.anchored_threshold)
    scores = pair_scores(
        [texts[i] for i in rows[:, 0]], [texts[j] for j in rows[:, 1]], floor=floor
    )
    keep = np.flatnonzero(scores >= floor)
    found: list[ClaimMatch] = []
    for k in keep:
        a, b = claims[rows[k, 0]], claims[rows[k, 1]]
        score = round(float(scores[k]), 2)
        decision = decide(a, b, score, config)
        if decision == "no-match":
            continue
        first, second = sorted((a.claim_id, b.claim_id))
        found.append(
            ClaimMatch(first, second, score, "conflict" if decision == "conflict" else "match")
        )
    return sorted(found, key=lambda m: (m.a, m.b))


def cluster(
    claims: Sequence[Claim], matches: Sequence[ClaimMatch], config: MatchConfig
) -> dict[str, str]:
    """Group matched claims; a claim joins a cluster only if it is close to every member.

    Average-link with a floor: merging two groups needs every cross pair within link_margin of
    its threshold and the mean cross pair at it, so A~B and B~C do not chain A to an unrelated
    C. A pair's threshold is the anchored one when the two state the same figure. An article
    that repeats a sentence (lead and body) has both in the cluster.
    Returns claim id -> cluster id; the id is derived from the earliest member, so the same
    claims give the same id on every run.
    """
    by_id = {c.claim_id: c for c in claims}
    linked = sorted({m.a for m in matches} | {m.b for m in matches})
    texts = dict(zip(linked, masked_all([by_id[c].norm_text for c in linked]), strict=True))
    group_of = {c: c for c in linked}
    members: dict[str, list[str]] = {c: [c] for c in linked}
    scores = {(m.a, m.b): m.score for m in matches}

    def pair_margin(x: str, y: str) -> float:
        """How far the pair scores above its own threshold (negative: below)."""
        key = (x, y) if x < y else (y, x)
        if key not in scores:
            scores[key] = text_score(texts[x], texts[y])
        a, b = by_id[x], by_id[y]
        anchored = shares_figure(a.quantities, b.quantities)
        return scores[key] - (config.anchored_threshold if anchored else config.threshold)

    for match in sorted(matches, key=lambda m: (-m.score, m.a, m.b)):
        ga, gb = group_of[match.a], group_of[match.b]
        if ga == gb:
            continue
        cross = [pair_margin(x, y) for x in members[ga] for y in members[gb]]
        if min(cross) < -config.link_margin or sum(cross) / len(cross) < 0:
            continue
        keep, drop = (ga, gb) if len(members[ga]) >= len(members[gb]) else (gb, ga)
        for claim_id in members[drop]:
            group_of[claim_id] = keep
        members[keep].extend(members.pop(drop))

    result: dict[str, str] = {}
    for claim in claims:  # claims matched with nothing are clusters of one
        if claim.claim_id not in group_of:
            result[claim.claim_id] = "c" + stable_id("cluster", claim.claim_id, length=12)
    for group in members.values():
        earliest = min(group, key=lambda cid: _time_key(by_id[cid]))
        cluster_id = "c" + stable_id("cluster", earliest, length=12)
        for claim_id in group:
            result[claim_id] = cluster_id
    return result


def _time_key(claim: Claim) -> tuple[str, str]:
    when = claim.published_at.isoformat() if claim.published_at else "9999"
    return (when, claim.claim_id)


Scorer = Callable[[Sequence[Claim], np.ndarray, MatchConfig], list[ClaimMatch]]


def score_blocks(
    claims: Sequence[Claim], rows: np.ndarray, config: MatchConfig
) -> list[ClaimMatch]:
    """The default scorer: every candidate pair here, on all local cores."""
    if not len(rows):
        return []
    involved = np.unique(rows)
    texts: list[str] = [""] * len(claims)
    masked_texts = masked_all([claims[i].norm_text for i in involved.tolist()])
    for index, text in zip(involved.tolist(), masked_texts, strict=True):
        texts[index] = text
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


def match_claims(
    claims: Sequence[Claim],
    config: MatchConfig | None = None,
    *,
    matched: Collection[str] = (),
    earlier: Sequence[ClaimMatch] = (),
    scorer: Scorer = score_blocks,
) -> tuple[list[ClaimMatch], dict[str, str]]:
    """Candidate pairs -> scored matches -> clusters, for one pool of claims.

    Incremental: `matched` are claims an earlier run already compared with each other, and
    `earlier` the matches it found. Only pairs with at least one new claim are scored; the
    earlier matches between claims still in the pool are kept as they were, and clusters are
    rebuilt from both. `scorer` scores the candidate pairs (locally by default; the pipeline
    can hand blocks to a Dask cluster).
    """
    config = config or MatchConfig()
    pairs = candidate_pairs(claims, config)
    if matched and len(pairs):
        seen = set(matched)
        old = np.fromiter((c.claim_id in seen for c in claims), dtype=bool, count=len(claims))
        pairs = pairs[~(old[pairs[:, 0]] & old[pairs[:, 1]])]
    new_matches = scorer(claims, pairs, config) if len(pairs) else []
    present = {c.claim_id for c in claims}
    kept = [m for m in earlier if m.a in present and m.b in present]
    merged = {(m.a, m.b): m for m in [*kept, *new_matches]}
    matches = sorted(merged.values(), key=lambda m: (m.a, m.b))
    return matches, cluster(claims, matches, config)
