"""Match the same claim across outlets: candidate pairs, scored and decided, then clustered.

The steps live in `scoring` (text, candidate pairs, scores, the decision), `figures` (the
number rule) and `clustering`; this module runs them over one pool of claims, or over the
claims new ones can reach (`reach`, `match_new`).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime, timedelta
from itertools import pairwise

import numpy as np

from wiretrace.corroboration.clustering import cluster
from wiretrace.corroboration.scoring import MatchConfig, Scorer, candidate_pairs, score_blocks
from wiretrace.records import Claim, ClaimMatch
from wiretrace.timing import timed

__all__ = ["MatchConfig", "match_claims", "match_new", "reach", "within"]

# Spans reach this much past the window: blocking compares times as float seconds, so a pair
# exactly one window apart must not fall out of the slice by a rounding of the clock.
SLACK = timedelta(seconds=1)

Span = tuple[datetime, datetime]


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
    seen = set(matched)
    new_matches = match_new(
        claims, {c.claim_id for c in claims if c.claim_id not in seen}, config, scorer=scorer
    )
    with timed("cluster"):
        present = {c.claim_id for c in claims}
        kept = [m for m in earlier if m.a in present and m.b in present]
        matches = merged(kept, new_matches)
        return matches, cluster(claims, matches, config)


def match_new(
    claims: Sequence[Claim],
    new: Collection[str],
    config: MatchConfig,
    *,
    scorer: Scorer = score_blocks,
) -> list[ClaimMatch]:
    """The matches of the candidate pairs of `claims` with a claim of `new` on one side at least.

    Blocking reads the pool it is given (a token's rarity is counted in it), so a bounded pass
    hands it the claims its new ones can reach (`reach`), and so does every pass over the same
    warehouse: which pairs are candidates does not depend on how much else is read.
    """
    with timed("block"):
        pairs = candidate_pairs(claims, config) if new else np.empty((0, 2), np.int64)
        if len(pairs) and len(new) < len(claims):
            fresh = np.fromiter((c.claim_id in new for c in claims), dtype=bool, count=len(claims))
            pairs = pairs[fresh[pairs[:, 0]] | fresh[pairs[:, 1]]]
    with timed("score"):
        return scorer(claims, pairs, config) if len(pairs) else []


def merged(*groups: Sequence[ClaimMatch]) -> list[ClaimMatch]:
    """Matches of several groups, one per pair (a later group's wins), in pair order."""
    given = [group for group in groups if group]
    if len(given) == 1 and _in_pair_order(given[0]):  # a first run: its matches as scored
        return list(given[0])
    by_pair = {(m.a, m.b): m for group in groups for m in group}
    return sorted(by_pair.values(), key=lambda m: (m.a, m.b))


def _in_pair_order(matches: Sequence[ClaimMatch]) -> bool:
    """Whether each match's pair comes after the one before's (so no pair is there twice)."""
    return all((m.a, m.b) < (n.a, n.b) for m, n in pairwise(matches))


def reach(claims: Sequence[Claim], window: timedelta) -> list[Span] | None:
    """The times claims compared with `claims` can have: `window` either side of each, as
    merged spans in order. None when one of them has no known time: blocking compares such a
    claim with every other, whatever its time."""
    times = sorted({c.published_at for c in claims if c.published_at is not None})
    if any(c.published_at is None for c in claims):
        return None
    spans: list[Span] = []
    for when in times:
        lo, hi = when - window - SLACK, when + window + SLACK
        if spans and lo <= spans[-1][1]:
            spans[-1] = (spans[-1][0], hi)
        else:
            spans.append((lo, hi))
    return spans


def within(claim: Claim, spans: Sequence[Span] | None) -> bool:
    """Whether `claim` is one `reach` gave `spans` for may be compared with: inside a span, or
    of unknown time (compared with everything)."""
    when = claim.published_at
    if spans is None or when is None:
        return True
    return any(lo <= when <= hi for lo, hi in spans)
