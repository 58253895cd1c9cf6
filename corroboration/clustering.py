"""Group matched claims into clusters: average link with a floor, within one time window; ids from the earliest member."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from hashlib import sha256
from itertools import pairwise

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from wiretrace.corroboration.blocking import dense_ranks, paused_gc
from wiretrace.corroboration.model import ClaimText
from wiretrace.corroboration.scoring import (
    MatchConfig,
    masked_all,
    model_scores,
    text_scores,
)
from wiretrace.records import Claim, ClaimMatch

# Components of the match graph up to this many claims have their unmatched pairs scored at
# once (a component's pairs grow as its square; larger ones are scored merge by merge).
COMPONENT_PAIRS_UP_TO = 48


def cluster(
    claims: Sequence[Claim], matches: Sequence[ClaimMatch], config: MatchConfig
) -> dict[str, str]:
    """Group matched claims; a claim joins a cluster only if it is close to every member.

    Average-link with a floor: merging two groups needs every cross pair within link_margin of
    the threshold and the mean cross pair at it, so A~B and B~C do not chain A to an unrelated
    C. An article that repeats a sentence (lead and body) has both in the cluster.

    A cluster spans at most `config.window` as a whole, not only pair by pair: a claim
    restated every week does not chain into one cluster spanning a month; each window's
    restatement is its own cluster, and `series_links` links it to the one before.

    Matches are merged strongest first; equal scores are taken in the order of what the claims
    say and when (not of their ids), so the same claims give the same clusters whatever their
    ids or the order they arrive in. Returns claim id -> cluster id; the id is derived from
    the earliest member, so the same claims give the same id on every run.
    """
    with paused_gc():
        return _cluster(claims, matches, config)


def _cluster(
    claims: Sequence[Claim], matches: Sequence[ClaimMatch], config: MatchConfig
) -> dict[str, str]:
    by_id = {c.claim_id: c for c in claims}
    # Claims by position in `linked` (the matched claims, by id): integer keys keep the
    # per-merge work in small lists and dicts of ints, however many claims there are.
    linked = sorted({m.a for m in matches} | {m.b for m in matches})
    chosen = [by_id[c] for c in linked]
    position = {c: k for k, c in enumerate(linked)}
    n = len(linked)
    a = np.fromiter((position[m.a] for m in matches), np.int64, count=len(matches))
    b = np.fromiter((position[m.b] for m in matches), np.int64, count=len(matches))
    score = np.fromiter((m.score for m in matches), np.float64, count=len(matches))
    low, high = np.minimum(a, b), np.maximum(a, b)
    scores = dict(zip((low * n + high).tolist(), score.tolist(), strict=True))
    group_of = list(range(n))
    members: dict[int, list[int]] = {k: [k] for k in range(n)}
    # Each group's earliest and latest known time: claims of unknown time do not stretch it.
    spans = {k: _span(c) for k, c in enumerate(chosen)}
    whens = [c.published_at.isoformat() if c.published_at else "9999" for c in chosen]
    cutoff = config.cutoff
    texts: dict[int, str] = {}  # each claim's masked text, once needed
    prepared: dict[int, ClaimText] = {}  # each claim's text for the features, once needed

    def score_missing(missing: list[int]) -> None:
        """Score the pairs (keys) no match scored: every cross pair of a merge is needed."""
        pairs = [divmod(key, n) for key in missing]
        unread = sorted({k for pair in pairs for k in pair} - texts.keys())
        texts.update(zip(unread, masked_all([chosen[k].norm_text for k in unread]), strict=True))
        text = text_scores([texts[x] for x, _ in pairs], [texts[y] for _, y in pairs])
        got = model_scores(
            [chosen[x] for x, _ in pairs],
            [chosen[y] for _, y in pairs],
            text,
            config,
            texts=prepared,
            keys=([x for x, _ in pairs], [y for _, y in pairs]),
        )
        scores.update(zip(missing, got.tolist(), strict=True))

    def margins(xs: Sequence[int], ys: Sequence[int]) -> list[float]:
        """How far each cross pair scores above the threshold (negative: below)."""
        keys = [x * n + y if x < y else y * n + x for x in xs for y in ys]
        missing = [key for key in dict.fromkeys(keys) if key not in scores]
        if missing:
            score_missing(missing)
        return [scores[key] - cutoff for key in keys]

    # The cross pairs merges will ask for lie within the matches' connected components: those
    # of the components of a few claims are scored at once, as arrays, not merge by merge.
    within = _pairs_within_components(n, low, high, largest=COMPONENT_PAIRS_UP_TO)
    unscored = within[~np.isin(within, low * n + high)]
    if len(unscored):
        score_missing(unscored.tolist())

    window, link_margin = config.window, config.link_margin
    order = _strongest_order(chosen, a, b, score, whens=whens)
    # `_time_key` order of the claims: by time as written, then by id, which is position's
    # order (the times' strings are let go now: at a million claims they are tens of MiB).
    time_of = _string_ranks(pa.array(whens, pa.large_string())) * max(n, 1) + np.arange(n)
    del whens
    # Two lists of ints, not a list of pairs: at a million claims the tuples were the peak.
    for x, y in zip(a[order].tolist(), b[order].tolist(), strict=True):
        ga, gb = group_of[x], group_of[y]
        if ga == gb:
            continue
        span = _joined(spans[ga], spans[gb])
        if span is not None and span[1] - span[0] > window:
            continue  # the two together would outlast the window: a series, not one cluster
        xs, ys = members[ga], members[gb]
        if len(xs) == 1 == len(ys):  # two single claims: their one cross pair is this match
            margin = scores[x * n + y if x < y else y * n + x] - cutoff
            if margin < -link_margin or margin < 0:
                continue
        else:
            cross = margins(xs, ys)
            if min(cross) < -link_margin or sum(cross) / len(cross) < 0:
                continue
        keep, drop = (ga, gb) if len(members[ga]) >= len(members[gb]) else (gb, ga)
        for k in members[drop]:
            group_of[k] = keep
        members[keep].extend(members.pop(drop))
        spans[keep] = span
        del spans[drop]

    result: dict[str, str] = {}
    for claim in claims:  # claims matched with nothing are clusters of one
        if claim.claim_id not in position:
            result[claim.claim_id] = _cluster_id(claim.claim_id)
    for group in members.values():
        earliest = group[0] if len(group) == 1 else min(group, key=time_of.__getitem__)
        cluster_id = _cluster_id(linked[earliest])
        for k in group:
            result[linked[k]] = cluster_id
    return result


def _cluster_id(claim_id: str) -> str:
    """ "c" + stable_id("cluster", claim_id, length=12), without its generality."""
    return "c" + sha256(("cluster\x1f" + claim_id).encode("utf-8")).hexdigest()[:12]


def _pairs_within_components(n: int, a: np.ndarray, b: np.ndarray, *, largest: int) -> np.ndarray:
    """Keys (i * n + j, i < j) of every pair of claims in one connected component of the
    graph of edges (a[k], b[k]), for the components of at most `largest` claims."""
    label = np.arange(n)
    while True:  # minimum label over the edges, with pointer jumping: O(log diameter) rounds
        new = label.copy()
        np.minimum.at(new, a, label[b])
        np.minimum.at(new, b, label[a])
        new = new[new]
        if np.array_equal(new, label):
            break
        label = new
    order = np.argsort(label, kind="stable")
    bounds = np.flatnonzero(np.r_[True, label[order][1:] != label[order][:-1], True])
    keys = []
    upper: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    for start, end in pairwise(bounds.tolist()):
        if 2 < end - start <= largest:  # a component of two is its one match
            group = order[start:end]
            if len(group) not in upper:
                upper[len(group)] = np.triu_indices(len(group), 1)
            i, j = upper[len(group)]
            keys.append(group[i] * n + group[j])
    return np.concatenate(keys) if keys else np.empty(0, np.int64)


def _strongest_first(
    claims: Sequence[Claim],
    a: np.ndarray,
    b: np.ndarray,
    score: np.ndarray,
    *,
    whens: Sequence[str] | None = None,
) -> list[tuple[int, int]]:
    """The matches (a[k], b[k]) of `claims` by score, highest first, equal scores in the order
    of `_pair_key`: what the pair says, either way round, then its ids.

    The keys are ranks (of each claim's `_content_key`, and of its id), so the sort is one
    NumPy lexsort over the matches.
    """
    if not len(a):
        return []
    order = _strongest_order(claims, a, b, score, whens=whens)
    return list(zip(a[order].tolist(), b[order].tolist(), strict=True))


def _strongest_order(
    claims: Sequence[Claim],
    a: np.ndarray,
    b: np.ndarray,
    score: np.ndarray,
    *,
    whens: Sequence[str] | None = None,
) -> np.ndarray:
    """The positions of the matches in `_strongest_first` order."""
    if not len(a):
        return np.empty(0, np.int64)
    if whens is None:  # each claim's time as `_content_key` writes it
        whens = [c.published_at.isoformat() if c.published_at else "9999" for c in claims]
    content_rank = _column_ranks(
        [[c.norm_text for c in claims], whens, [c.outlet_id for c in claims],
         [c.text for c in claims]]
    )  # fmt: skip
    id_rank = _column_ranks([[c.claim_id for c in claims]])
    ca, cb = content_rank[a], content_rank[b]
    ia, ib = id_rank[a], id_rank[b]
    order = np.lexsort(
        (
            np.maximum(ia, ib),
            np.minimum(ia, ib),
            np.maximum(ca, cb),
            np.minimum(ca, cb),
            -score,
        )
    )
    return order


def _dense_ranks(keys: Sequence[tuple[str, ...]]) -> np.ndarray:
    """Each key's rank among the distinct keys, in Python's order of the tuples."""
    if not keys:
        return np.empty(0, np.int64)
    return _column_ranks([list(field) for field in zip(*keys, strict=True)], keys)


def _column_ranks(
    columns: Sequence[Sequence[str]], keys: Sequence[tuple[str, ...]] | None = None
) -> np.ndarray:
    """The `_dense_ranks` of the tuples whose fields are these columns.

    Each field is ranked on its own (its distinct strings, by one Arrow sort: Arrow orders
    strings by their UTF-8 bytes, which is the order of their code points, Python's), and the
    fields' ranks are combined left to right, a pair of ranks at a time, into the rank of the
    tuple: the order of tuples is the order of their fields' ranks, field by field. A string
    UTF-8 cannot hold (a lone surrogate) is ranked by Python's sort instead.
    """
    n = len(columns[0])
    try:
        fields = [pa.array(field, pa.large_string()) for field in columns]
    except (UnicodeError, pa.ArrowException):
        return _python_dense_ranks(keys if keys is not None else list(zip(*columns, strict=True)))
    ranks = np.zeros(n, np.int64)
    for field in fields:
        field_ranks = _string_ranks(field)
        ranks = dense_ranks(ranks * (int(field_ranks.max()) + 1) + field_ranks)
    return ranks


def _string_ranks(values: pa.Array) -> np.ndarray:
    """Each string's rank among the distinct strings, in code point order."""
    encoded = pc.dictionary_encode(values)
    order = pc.sort_indices(encoded.dictionary).to_numpy()
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64)
    return rank[encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)]


def _python_dense_ranks(keys: Sequence[tuple[str, ...]]) -> np.ndarray:
    by_key = sorted(range(len(keys)), key=keys.__getitem__)
    ranks = np.empty(len(keys), np.int64)
    rank = 0
    for place, k in enumerate(by_key):
        if place and keys[k] != keys[by_key[place - 1]]:
            rank += 1
        ranks[k] = rank
    return ranks


def _content_key(claim: Claim) -> tuple[str, str, str, str]:
    when = claim.published_at.isoformat() if claim.published_at else "9999"
    return (claim.norm_text, when, claim.outlet_id, claim.text)


def _pair_key(a: Claim, b: Claim) -> tuple[tuple[str, ...], ...]:
    """What a pair says, either way round, then its ids (only twins of one text need them)."""
    first, second = sorted((_content_key(a), _content_key(b)))
    return (first, second, tuple(sorted((a.claim_id, b.claim_id))))


def _time_key(claim: Claim) -> tuple[str, str]:
    when = claim.published_at.isoformat() if claim.published_at else "9999"
    return (when, claim.claim_id)


def _span(claim: Claim) -> tuple[datetime, datetime] | None:
    return (claim.published_at, claim.published_at) if claim.published_at else None


def _joined(
    a: tuple[datetime, datetime] | None, b: tuple[datetime, datetime] | None
) -> tuple[datetime, datetime] | None:
    if a is None or b is None:
        return a or b
    return (min(a[0], b[0]), max(a[1], b[1]))


@dataclass(frozen=True, slots=True)
class SeriesLink:
    """A cluster that restates an earlier cluster's claim after the window closed on it."""

    cluster_id: str
    previous_cluster_id: str
    series_id: str  # the earliest cluster of the chain
    score: float  # the strongest match between the two


def series_links(
    claims: Sequence[Claim],
    matches: Sequence[ClaimMatch],
    clusters: Mapping[str, str],
    *,
    window: timedelta,
) -> dict[str, SeriesLink]:
    """cluster id -> its link to the cluster it restates, for clusters of one series.

    Two clusters are one series when a match joins a claim of each and together they would
    span more than `window` (so only the window keeps them apart; clusters kept apart
    because their claims say different things are not a series). A cluster links the
    earlier cluster its strongest such match reaches; ties go to the latest earlier
    cluster, then by id. The series is named by the earliest cluster of the chain.
    """
    by_id = {c.claim_id: c for c in claims}
    spans: dict[str, tuple[datetime, datetime]] = {}
    for claim in claims:
        cluster_id = clusters.get(claim.claim_id)
        if cluster_id is None or claim.published_at is None:
            continue
        when = claim.published_at
        known = spans.get(cluster_id)
        spans[cluster_id] = (min(known[0], when), max(known[1], when)) if known else (when, when)
    best: dict[str, tuple[float, datetime, str]] = {}
    for match in matches:
        x, y = clusters.get(match.a), clusters.get(match.b)
        if x is None or y is None or x == y or x not in spans or y not in spans:
            continue
        if match.a not in by_id or match.b not in by_id:
            continue
        joined = _joined(spans[x], spans[y])
        if joined is None or joined[1] - joined[0] <= window:
            continue
        earlier, later = (x, y) if (spans[x][0], x) < (spans[y][0], y) else (y, x)
        candidate = (match.score, spans[earlier][0], earlier)
        if later not in best or candidate > best[later]:
            best[later] = candidate
    links: dict[str, SeriesLink] = {}
    for cluster_id in sorted(best, key=lambda c: spans[c][0]):  # earlier links first
        score, _, previous = best[cluster_id]
        root = links[previous].series_id if previous in links else previous
        links[cluster_id] = SeriesLink(cluster_id, previous, root, score)
    return links
