"""Group matched claims into clusters: average link with a floor, within one time window; ids from the earliest member."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from wiretrace.corroboration.model import ClaimText
from wiretrace.corroboration.scoring import (
    MatchConfig,
    masked_all,
    model_scores,
    text_score,
)
from wiretrace.records import Claim, ClaimMatch, stable_id


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
    by_id = {c.claim_id: c for c in claims}
    linked = sorted({m.a for m in matches} | {m.b for m in matches})
    texts = dict(zip(linked, masked_all([by_id[c].norm_text for c in linked]), strict=True))
    group_of = {c: c for c in linked}
    members: dict[str, list[str]] = {c: [c] for c in linked}
    # Each group's earliest and latest known time: claims of unknown time do not stretch it.
    spans = {c: _span(by_id[c]) for c in linked}
    scores = {(m.a, m.b): m.score for m in matches}
    cutoff = config.cutoff
    prepared: dict[int, ClaimText] = {}  # each claim's text for the features, once needed
    index = {c: k for k, c in enumerate(linked)}

    def margins(xs: Sequence[str], ys: Sequence[str]) -> list[float]:
        """How far each cross pair scores above the threshold (negative: below)."""
        keys = [(x, y) if x < y else (y, x) for x in xs for y in ys]
        missing = [key for key in dict.fromkeys(keys) if key not in scores]
        if missing:
            text = np.array([text_score(texts[x], texts[y]) for x, y in missing])
            got = model_scores(
                [by_id[x] for x, _ in missing],
                [by_id[y] for _, y in missing],
                text,
                config,
                texts=prepared,
                keys=([index[x] for x, _ in missing], [index[y] for _, y in missing]),
            )
            scores.update(zip(missing, got.tolist(), strict=True))
        return [scores[key] - cutoff for key in keys]

    for match in _strongest_first(matches, by_id):
        ga, gb = group_of[match.a], group_of[match.b]
        if ga == gb:
            continue
        span = _joined(spans[ga], spans[gb])
        if span is not None and span[1] - span[0] > config.window:
            continue  # the two together would outlast the window: a series, not one cluster
        cross = margins(members[ga], members[gb])
        if min(cross) < -config.link_margin or sum(cross) / len(cross) < 0:
            continue
        keep, drop = (ga, gb) if len(members[ga]) >= len(members[gb]) else (gb, ga)
        for claim_id in members[drop]:
            group_of[claim_id] = keep
        members[keep].extend(members.pop(drop))
        spans[keep] = span
        del spans[drop]

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


def _strongest_first(matches: Sequence[ClaimMatch], by_id: Mapping[str, Claim]) -> list[ClaimMatch]:
    """Matches by score, highest first, equal scores in the order of `_pair_key`.

    The same order as sorting by (-score, `_pair_key`), with the content keys built only for
    the scores that more than one match has.
    """
    ordered = sorted(matches, key=lambda m: -m.score)
    out: list[ClaimMatch] = []
    start = 0
    while start < len(ordered):
        end = start + 1
        while end < len(ordered) and ordered[end].score == ordered[start].score:
            end += 1
        run = ordered[start:end]
        if len(run) > 1:
            run.sort(key=lambda m: _pair_key(by_id[m.a], by_id[m.b]))
        out.extend(run)
        start = end
    return out


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
