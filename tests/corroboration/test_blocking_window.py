"""Blocking pairs every two claims that share a prefix token, in other articles, in the window."""

import random
from itertools import combinations

import numpy as np

from wiretrace.corroboration.blocking import BlockingConfig, candidate_index_pairs, token_ids

DAY = 86400.0


def reference_pairs(
    texts: list[str], articles: np.ndarray, times: np.ndarray, config: BlockingConfig
) -> set[tuple[int, int]]:
    """The definition, pair by pair: each claim's `prefix` rarest tokens (ties by the token),
    tokens in 2 to `max_df` claims; a pair shares one, and is not far apart in known time."""
    owners, tokens = token_ids(texts, frozenset())
    df: dict[int, int] = {}
    for t in tokens.tolist():
        df[t] = df.get(t, 0) + 1
    by_claim: dict[int, list[int]] = {}
    for c, t in zip(owners.tolist(), tokens.tolist(), strict=True):
        if 2 <= df[t] <= config.max_df:
            by_claim.setdefault(c, []).append(t)
    posting: dict[int, list[int]] = {}
    for c, ts in by_claim.items():
        for t in sorted(ts, key=lambda t: (df[t], t))[: config.prefix]:
            posting.setdefault(t, []).append(c)
    found = set()
    for members in posting.values():
        for i, j in combinations(sorted(members), 2):
            if articles[i] == articles[j]:
                continue
            if abs(times[i] - times[j]) > config.window_seconds:  # NaN: compared with all
                continue
            found.add((i, j))
    return found


def test_candidates_are_the_pairs_sharing_a_prefix_token_within_the_window() -> None:
    rng = random.Random(9)
    words = sorted(
        {
            "".join(rng.choice("bdklmnrst") + rng.choice("aeiou") for _ in range(3))
            for _ in range(60)
        }
    )
    texts = [" ".join(rng.sample(words, rng.randint(3, 9))) for _ in range(400)]
    articles = np.array([rng.randrange(150) for _ in texts])
    # Times over a month, some unknown (compared with everything), some equal.
    times = np.array(
        [np.nan if rng.random() < 0.08 else float(rng.randrange(30)) * DAY for _ in texts]
    )
    for config in (
        BlockingConfig(prefix=3, max_df=40, window_seconds=2 * DAY),
        BlockingConfig(prefix=10, max_df=200, window_seconds=7 * DAY),
        BlockingConfig(prefix=2, max_df=60, window_seconds=0.0),
    ):
        got = candidate_index_pairs(texts, articles, times, frozenset(), config)
        expected = reference_pairs(texts, articles, times, config)
        assert {tuple(p) for p in got.tolist()} == expected
        assert len(got) == len(expected) > 50  # no pair twice, and some to find
        with_unknown = [p for p in expected if np.isnan(times[list(p)]).any()]
        assert with_unknown  # claims of unknown time are paired


def test_all_times_unknown_pairs_across_the_whole_posting() -> None:
    texts = ["alpha beta gamma", "alpha beta delta", "alpha gamma delta", "beta gamma delta"]
    articles = np.arange(4)
    times = np.full(4, np.nan)
    config = BlockingConfig(prefix=10, max_df=10, window_seconds=DAY)
    got = candidate_index_pairs(texts, articles, times, frozenset(), config)
    assert {tuple(p) for p in got.tolist()} == set(combinations(range(4), 2))


def test_packed_sort_orders_rows_as_lexsort_does() -> None:
    """`_sorted_by` packs the columns into one int64 key; too wide for 63 bits, it lexsorts."""
    from wiretrace.corroboration.blocking import _sorted_by

    rng = np.random.default_rng(2)
    for widths in ((50, 7, 300), (3, 1, 2), (2**40, 2**30, 5)):  # the last does not fit
        columns = [rng.integers(0, w, 5000) for w in widths]
        order = np.lexsort(columns[::-1])
        for got, column in zip(_sorted_by(*columns), columns, strict=True):
            assert (got == column[order]).all()
    assert all(len(c) == 0 for c in _sorted_by(np.empty(0, np.int64), np.empty(0, np.int64)))


def test_chunked_blocking_returns_the_pairs_of_one_pass(monkeypatch) -> None:
    """Texts tokenised a few at a time, posting entries paired a few at a time and overlaps
    counted a few at a time give the candidates of doing each at once."""
    from wiretrace.corroboration import blocking

    rng = random.Random(11)
    words = ["".join(rng.choices("bdklmnrst", k=2)) + v for v in "aeiou" for _ in range(12)]
    words = [*sorted(set(words)), "ÉTÉ", "été", "naïve", "the", "1,200"]
    texts = [" ".join(rng.sample(words, rng.randint(2, 12))) for _ in range(700)]
    articles = np.array([rng.randrange(300) for _ in texts])
    times = np.array([np.nan if rng.random() < 0.05 else rng.random() * 20 * DAY for _ in texts])
    config = BlockingConfig(prefix=4, max_df=80, window_seconds=3 * DAY, min_overlap=0.2)
    whole = candidate_index_pairs(texts, articles, times, frozenset(["the"]), config)
    owners, tokens = token_ids(texts, frozenset(["the"]))
    monkeypatch.setattr(blocking, "TOKEN_CHUNK", 7)
    monkeypatch.setattr(blocking, "LIVE_CHUNK", 5)
    monkeypatch.setattr(blocking, "OVERLAP_CHUNK", 3)
    chunked_owners, chunked_tokens = token_ids(texts, frozenset(["the"]))
    assert (chunked_owners == owners).all() and (chunked_tokens == tokens).all()
    chunked = candidate_index_pairs(texts, articles, times, frozenset(["the"]), config)
    assert len(whole) > 100 and np.array_equal(chunked, whole)
    loose = BlockingConfig(prefix=4, max_df=80, window_seconds=3 * DAY)
    expected = reference_pairs(texts, articles, times, loose)
    got = {tuple(p) for p in candidate_index_pairs(texts, articles, times, frozenset(), loose)}
    assert got == expected
