"""Match the same claim across outlets: candidate pairs, scored and decided, then clustered.

The steps live in `scoring` (text, candidate pairs, scores, the decision), `figures` (the
number rule) and `clustering`; this module runs them over one pool of claims.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np

from wiretrace.corroboration.clustering import cluster
from wiretrace.corroboration.scoring import MatchConfig, Scorer, candidate_pairs, score_blocks
from wiretrace.records import Claim, ClaimMatch
from wiretrace.timing import timed

__all__ = ["MatchConfig", "match_claims"]


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
    with timed("block"):
        pairs = candidate_pairs(claims, config)
        if matched and len(pairs):
            seen = set(matched)
            old = np.fromiter((c.claim_id in seen for c in claims), dtype=bool, count=len(claims))
            pairs = pairs[~(old[pairs[:, 0]] & old[pairs[:, 1]])]
    with timed("score"):
        new_matches = scorer(claims, pairs, config) if len(pairs) else []
    with timed("cluster"):
        present = {c.claim_id for c in claims}
        kept = [m for m in earlier if m.a in present and m.b in present]
        merged = {(m.a, m.b): m for m in [*kept, *new_matches]}
        matches = sorted(merged.values(), key=lambda m: (m.a, m.b))
        return matches, cluster(claims, matches, config)
