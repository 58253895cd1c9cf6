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


def test_vectors_as_arrays_are_the_python_formula_to_the_last_bit():
    # The TF-IDF weights are made as arrays (`ArticleSpace._weights`); each must be the float
    # that `(1 + log(max(tf, 1))) * idf`, over the norm of the squares added one by one in
    # the bag's order (Python's `sum`), gives.
    articles, space = space_of(11)
    checked = 0
    for article in articles:
        bag = space._bags[article.article_id]
        for block in {space.blocks[article.article_id], max(space.blocks.values())}:
            idf, unseen = space.idf(block)
            weights = {
                w: (1 + math.log(max(tf, 1.0))) * idf.get(w, unseen) for w, tf in bag.items()
            }
            norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
            expected = [(w, (v / norm).hex()) for w, v in weights.items()]
            got = space.vector(article.article_id, block)
            assert [(w, v.hex()) for w, v in got.items()] == expected, article.article_id
            checked += len(expected)
    assert checked > 1000


def test_similarities_read_vectors_made_in_any_order():
    # Vectors are packed as they are made: an article compared first with late ones, then
    # with early ones, gets what a fresh space gives it.
    articles, space = space_of(12)
    _, fresh = space_of(12)
    ids = [a.article_id for a in articles]
    last = max(ids, key=lambda a: (space.blocks[a], a))
    earlier = [o for o in ids if space.blocks[o] <= space.blocks[last] and o != last]
    space.similarities(last, earlier[::-2])
    again = space.similarities(last, earlier)
    assert [v.hex() for v in again] == [fresh.similarity(last, o).hex() for o in earlier]
