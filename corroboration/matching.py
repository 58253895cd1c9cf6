"""Match the same claim across outlets: blocking by rare shared tokens, rapidfuzz scoring, clustering."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from itertools import combinations

from rapidfuzz import fuzz

from wiretrace.records import Claim, ClaimMatch, Quantity, stable_id

DEFAULT_THRESHOLD = 72.0
DEFAULT_WINDOW = timedelta(days=7)
NUMBER_TOKEN = re.compile(r"\S*\d\S*")
TOKEN = re.compile(r"[a-z][a-z'-]{2,}")
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
    ]
)


@dataclass(frozen=True, slots=True)
class MatchConfig:
    threshold: float = DEFAULT_THRESHOLD  # minimum text score for the same statement
    window: timedelta = DEFAULT_WINDOW  # claims further apart in time are never compared
    min_shared_tokens: int = 2
    max_token_share: float = 0.05  # tokens in more than this share of claims do not block
    min_token_df_cap: int = 50  # ... unless the pool is small, then up to this many claims
    link_margin: float = 8.0  # a member may score this much below threshold with the others


def masked(norm_text: str) -> str:
    """The text with every number-bearing token replaced: numbers are compared as values."""
    return NUMBER_TOKEN.sub("#", norm_text)


def text_score(a: str, b: str) -> float:
    """Similarity of two normalised, number-masked claims, 0-100.

    token_set_ratio alone scores a short sentence contained in a long one as 100; averaging it
    with token_sort_ratio keeps paraphrases high and containment lower.
    """
    return 0.5 * fuzz.token_set_ratio(a, b) + 0.5 * fuzz.token_sort_ratio(a, b)


def quantities_agree(a: Quantity, b: Quantity) -> bool:
    """Same value, allowing for the rounding of the less precise figure and for qualifiers."""
    if a.kind != b.kind or a.unit != b.unit:
        return True  # not comparable here: different units are not a disagreement
    if a.value == b.value:
        return True
    tolerance = max(_precision(a), _precision(b)) / 2
    if abs(a.value - b.value) <= tolerance + 1e-9 * max(abs(a.value), abs(b.value)):
        return True
    low, high = sorted((a, b), key=lambda q: q.value)
    # "more than 20" agrees with 23; "up to 100" agrees with 80.
    if low.qualifier in ("more than", "at least") and low.value <= high.value:
        return True
    return high.qualifier in ("up to", "less than") and low.value <= high.value


def _precision(q: Quantity) -> float:
    digits = re.findall(r"\d[\d,]*(?:\.(\d+))?", q.raw)
    if not digits:
        return 0.0
    decimals = len(digits[0]) if digits[0] else 0
    mantissa_match = re.search(r"\d[\d,]*(?:\.\d+)?", q.raw)
    if mantissa_match is None:
        return 0.0
    mantissa = float(mantissa_match.group(0).replace(",", ""))
    if mantissa == 0:
        return 0.0
    scale = q.value / mantissa
    return float(scale * 10 ** (-decimals))


def numbers_conflict(a: Sequence[Quantity], b: Sequence[Quantity]) -> bool:
    """True when both claims state a figure of the same kind and unit and none of them agree."""
    by_key_a: dict[tuple[str, str], list[Quantity]] = defaultdict(list)
    for q in a:
        by_key_a[(q.kind, q.unit)].append(q)
    for key, qs_a in by_key_a.items():
        qs_b = [q for q in b if (q.kind, q.unit) == key]
        if qs_b and not any(quantities_agree(x, y) for x in qs_a for y in qs_b):
            return True
    return False


def candidate_pairs(claims: Sequence[Claim], config: MatchConfig) -> set[tuple[int, int]]:
    """Index pairs sharing enough rare tokens, from different articles, within the window."""
    tokens = [_tokens(c.norm_text) for c in claims]
    df = Counter(t for ts in tokens for t in ts)
    cap = max(config.min_token_df_cap, int(config.max_token_share * len(claims)))
    postings: dict[str, list[int]] = defaultdict(list)
    for index, ts in enumerate(tokens):
        for token in ts:
            if df[token] <= cap:
                postings[token].append(index)
    shared: Counter[tuple[int, int]] = Counter()
    for members in postings.values():
        for i, j in combinations(members, 2):
            shared[(i, j)] += 1
    pairs = set()
    for (i, j), count in shared.items():
        if count < config.min_shared_tokens:
            continue
        a, b = claims[i], claims[j]
        if a.article_id == b.article_id:
            continue
        if (
            a.published_at
            and b.published_at
            and abs(a.published_at - b.published_at) > config.window
        ):
            continue
        pairs.add((i, j))
    return pairs


def _tokens(norm_text: str) -> set[str]:
    return {t for t in TOKEN.findall(masked(norm_text)) if t not in STOPWORDS}


def score_pairs(
    claims: Sequence[Claim], pairs: Iterable[tuple[int, int]], config: MatchConfig
) -> list[ClaimMatch]:
    """Score candidate pairs; keep those that are the same statement, marking number conflicts."""
    texts = [masked(c.norm_text) for c in claims]
    found: list[ClaimMatch] = []
    for i, j in sorted(pairs):
        score = text_score(texts[i], texts[j])
        if score < config.threshold:
            continue
        a, b = claims[i], claims[j]
        first, second = sorted((a.claim_id, b.claim_id))
        if numbers_conflict(a.quantities, b.quantities):
            found.append(ClaimMatch(first, second, round(score, 2), "conflict"))
        else:
            found.append(ClaimMatch(first, second, round(score, 2), "match"))
    return found


def cluster(
    claims: Sequence[Claim], matches: Sequence[ClaimMatch], config: MatchConfig
) -> dict[str, str]:
    """Group matched claims; a claim joins a cluster only if it is close to every member.

    Average-link with a floor: merging two groups needs their mean cross score at threshold and
    no cross pair below threshold - link_margin, so A~B and B~C do not chain A to an unrelated C.
    Returns claim id -> cluster id; the id is derived from the earliest member, so the same
    claims give the same id on every run.
    """
    by_id = {c.claim_id: c for c in claims}
    texts = {c.claim_id: masked(c.norm_text) for c in claims}
    group_of = {c.claim_id: c.claim_id for c in claims}
    members: dict[str, list[str]] = {c.claim_id: [c.claim_id] for c in claims}
    scores = {(m.a, m.b): m.score for m in matches}

    def pair_score(x: str, y: str) -> float:
        key = (x, y) if x < y else (y, x)
        if key not in scores:
            scores[key] = text_score(texts[x], texts[y])
        return scores[key]

    for match in sorted(matches, key=lambda m: (-m.score, m.a, m.b)):
        ga, gb = group_of[match.a], group_of[match.b]
        if ga == gb:
            continue
        cross = [pair_score(x, y) for x in members[ga] for y in members[gb]]
        if min(cross) < config.threshold - config.link_margin:
            continue
        if sum(cross) / len(cross) < config.threshold:
            continue
        keep, drop = (ga, gb) if len(members[ga]) >= len(members[gb]) else (gb, ga)
        for claim_id in members[drop]:
            group_of[claim_id] = keep
        members[keep].extend(members.pop(drop))

    result: dict[str, str] = {}
    for group in members.values():
        earliest = min(group, key=lambda cid: _time_key(by_id[cid]))
        cluster_id = "c" + stable_id("cluster", earliest, length=12)
        for claim_id in group:
            result[claim_id] = cluster_id
    return result


def _time_key(claim: Claim) -> tuple[str, str]:
    when = claim.published_at.isoformat() if claim.published_at else "9999"
    return (when, claim.claim_id)


def match_claims(
    claims: Sequence[Claim], config: MatchConfig | None = None
) -> tuple[list[ClaimMatch], dict[str, str]]:
    """Candidate pairs -> scored matches -> clusters, for one pool of claims."""
    config = config or MatchConfig()
    pairs = candidate_pairs(claims, config)
    matches = score_pairs(claims, pairs, config)
    return matches, cluster(claims, matches, config)
