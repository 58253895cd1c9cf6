"""Story similarities as arrays are the per-pair ones to the last bit.

`exact_sums` adds runs of floats as `math.fsum` does (exactly rounded, ties to even), and
`ArticleSpace.similarities` gives for many articles at once what `similarity` gives pair by
pair: a decision compares means of these against thresholds, so one bit could move an article.
"""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta

import numpy as np

from wiretrace.corroboration.stories import ArticleSpace, StoryConfig, exact_sums
from wiretrace.records import StoryArticle

T0 = datetime(2025, 6, 1, tzinfo=UTC)
# Values whose sums round at a tie, lie below the limbs (left to math.fsum) or add exactly.
AWKWARD = (1.0, 0.5, 1.5, 0.0, 2.0**-53, 2.0**-54, 2.0**-80, 2.0**-119, 2.0**-120, 2.0**-130)


def runs_of(rng: random.Random) -> list[list[float]]:
    runs = []
    for _ in range(rng.randint(0, 30)):
        kind = rng.random()
        values = []
        for _ in range(rng.randint(0, 15)):
            if kind < 0.3:
                values.append(rng.random() * rng.random() * 1e-3)  # products of weights
            elif kind < 0.5:
                values.append(rng.choice(AWKWARD))
            elif kind < 0.6:
                values.append(1.0 + rng.randint(0, 3) * 2.0**-52)
            else:
                values.append(rng.random())
        runs.append(values)
    return runs


def sums_of(runs: list[list[float]]) -> list[float]:
    flat = np.array([v for run in runs for v in run], dtype=np.float64)
    ends = np.cumsum([len(run) for run in runs]).astype(np.int64)
    found: list[float] = exact_sums(flat, ends).tolist()
    return found


def test_exact_sums_are_math_fsum_to_the_last_bit():
    rng = random.Random(3)
    for _ in range(2000):
        runs = runs_of(rng)
        assert [s.hex() for s in sums_of(runs)] == [math.fsum(r).hex() for r in runs]


def test_exact_sums_break_ties_as_math_fsum_does():
    tie, above_tie = [1.0, 2.0**-53], [1.0, 2.0**-53, 2.0**-110]
    odd_tie = [1.0 + 2.0**-52, 2.0**-53]
    assert sums_of([tie, above_tie, odd_tie]) == [1.0, 1.0 + 2.0**-52, 1.0 + 2.0**-51]
    assert sums_of([tie, above_tie, odd_tie]) == [math.fsum(r) for r in (tie, above_tie, odd_tie)]
    # Plain float addition rounds the first partial sum and loses the bit that breaks a tie.
    assert sum(above_tie) != math.fsum(above_tie)


def space_of(seed: int) -> tuple[list[StoryArticle], ArticleSpace]:
    rng = random.Random(seed)
    words = [f"w{k}" for k in range(60)] + ["Gorsuch", "Hawaii", "Acme"]
    clusters = [f"c{k}" for k in range(25)]
    articles = []
    for n in range(120):
        title = " ".join(rng.sample(words, 5))
        lead = ". ".join(" ".join(rng.sample(words, rng.randint(3, 12))) for _ in range(3))
        when = None if rng.random() < 0.05 else T0 + timedelta(hours=rng.uniform(0, 24 * 6))
        held = tuple(sorted(rng.sample(clusters, rng.choice((0, 0, 1, 2, 3)))))
        articles.append(StoryArticle(f"a{n}", f"o{n % 3}", title, lead, when, held))
    return articles, ArticleSpace(articles, StoryConfig(block=40))


def test_similarities_at_once_are_pairwise_similarities_to_the_last_bit():
    articles, space = space_of(5)
    _, pairwise = space_of(5)
    ids = [a.article_id for a in articles]
    compared = 0
    for a in ids:
        earlier = [o for o in ids if space.blocks[o] <= space.blocks[a] and o != a]
        got = space.similarities(a, earlier)
        assert [v.hex() for v in got] == [pairwise.similarity(a, o).hex() for o in earlier], a
        compared += len(earlier)
    assert compared > 5000


def test_shared_claims_at_once_are_pairwise_shares():
    articles, space = space_of(8)
    ids = [a.article_id for a in articles]
    for a in ids[:40]:
        got = space.shared_claims_with(a, ids).tolist()
        assert got == [space.shared_claims(a, o) for o in ids]
