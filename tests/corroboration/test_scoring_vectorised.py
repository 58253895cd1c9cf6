"""The matcher's array path gives the features, and so the decisions, of the per-pair one."""

import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from rapidfuzz import fuzz

from wiretrace.corroboration import blocking
from wiretrace.corroboration.blocking import (
    BlockingConfig,
    candidate_index_pairs,
    element_sets,
    objects,
)
from wiretrace.corroboration.model import (
    claim_text,
    features_at,
    pair_features,
    partial_ratio_floor,
    partial_ratios,
    prepare_texts,
    probabilities_at,
    shipped_model,
)
from wiretrace.corroboration.scoring import (
    FEW_PAIRS,
    STOPWORDS,
    MatchConfig,
    masked,
    model_scores,
    text_score,
    text_scores,
)
from wiretrace.extractors.claims import claim_from_text
from wiretrace.flows.pairs import read_pairs
from wiretrace.records import Attribution, Claim, Quantity

PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "pairs" / "pairs.tsv"
# Sentences the ASCII kernels must not take: curly quotes, accents, a dotted capital I (its
# lower case is two code points in Python), digits of another script, an aside, a dateline.
AWKWARD = [
    "LONDON (Reuters) - Shares in Café Rouge’s owner fell 12% on Monday, “people familiar” said.",
    "İstanbul’s naïve plan (first reported in May) costs ₹2.5 lakh crore — about $30bn.",
    "The ministry said ٣ people were hurt; rock-'n'-roll fans e-mailed 1,200 complaints.",
    "Reuters reported that the deal, worth $29 billion (nearly ₹2.5 lakh crore), closed.",
    "A sentence with\u00a0a no-break space and a\u2009thin one, 3.5m and 49.9% of it.",
    "Ünïcödé wörds ánd ASCII words: the board approved the merger on Tuesday.",
    "",
]


def _claims_of(texts: list[str], article: str) -> list[Claim]:
    return [claim_from_text(t, aliases={}, article_id=article) for t in texts]


def _assert_same_features(claims_a: list[Claim], claims_b: list[Claim]) -> None:
    model = shipped_model()
    reference = pair_features(
        [claim_text(c, STOPWORDS) for c in claims_a],
        [claim_text(c, STOPWORDS) for c in claims_b],
        model,
    )
    prepared = prepare_texts([*claims_a, *claims_b], STOPWORDS, model)
    n = len(claims_a)
    vectorised = features_at(prepared, np.arange(n), np.arange(n) + n, model)
    # The IDF sums may add the same numbers in another order (Python's set order is not fixed).
    np.testing.assert_allclose(vectorised, reference, rtol=0, atol=1e-12)
    assert (
        (model.probability(vectorised) >= model.threshold)
        == (model.probability(reference) >= model.threshold)
    ).all()


def test_array_features_equal_the_per_pair_features_on_the_labelled_pairs() -> None:
    pairs = read_pairs(PAIRS.read_text(encoding="utf-8"))
    _assert_same_features(
        _claims_of([p.text_a for p in pairs], "a"), _claims_of([p.text_b for p in pairs], "b")
    )


def test_array_features_equal_the_per_pair_features_on_awkward_text() -> None:
    rng = random.Random(5)
    left = [rng.choice(AWKWARD) for _ in range(60)]
    right = [rng.choice(AWKWARD) for _ in range(60)]
    _assert_same_features(_claims_of(left, "a"), _claims_of(right, "b"))


def test_attributions_and_quantities_are_read_as_the_per_pair_path_reads_them() -> None:
    text = "BEIJING (Reuters) - Acme will pay $29 billion, people familiar with the matter said."
    base = claim_from_text(text, aliases={"reuters": "reuters"}, article_id="a")
    cut = Claim(
        claim_id="x",
        article_id="b",
        version_id="bv",
        outlet_id="o",
        position=0,
        start=0,
        end=len(text),
        text=text,
        norm_text=base.norm_text,
        published_at=None,
        dateline_end=text.index("Acme"),
        quantities=(
            Quantity(
                "money", 29e9, "USD", "$29 billion", start=text.index("$"), end=text.index(",")
            ),
        ),
        attributions=(
            Attribution("", "anonymous", "said", "people familiar with the matter said"),
            Attribution("reuters", "outlet", "", "(Reuters)"),
        ),
    )
    _assert_same_features([base, cut, cut], [cut, base, cut])


def test_features_do_not_depend_on_the_order_claims_are_prepared_in() -> None:
    pairs = read_pairs(PAIRS.read_text(encoding="utf-8"))[:120]
    claims = _claims_of([p.text_a for p in pairs] + [p.text_b for p in pairs], "a")
    model = shipped_model()
    n = len(pairs)
    first = features_at(prepare_texts(claims, STOPWORDS, model), np.arange(n), np.arange(n) + n,
                        model)  # fmt: skip
    order = list(range(len(claims)))
    random.Random(2).shuffle(order)
    position = {k: i for i, k in enumerate(order)}
    shuffled = prepare_texts([claims[k] for k in order], STOPWORDS, model)
    second = features_at(
        shuffled,
        np.array([position[k] for k in range(n)]),
        np.array([position[k + n] for k in range(n)]),
        model,
    )
    assert np.array_equal(first, second)


def test_partial_ratio_floor_is_never_above_the_partial_ratio() -> None:
    rng = random.Random(11)
    a, b = [], []
    for _ in range(3000):
        m = rng.randint(0, 140)
        s = "".join(rng.choice("abcde fg") for _ in range(m))
        t = "".join(rng.choice("abcde fg") for _ in range(rng.randint(0, 160)))
        if rng.random() < 0.5:
            t = s[rng.randint(0, max(m // 3, 0)) :] + t
        a.append(s)
        b.append(t)
    floor = partial_ratio_floor(np.array(a, dtype=object), np.array(b, dtype=object))
    exact = np.array([fuzz.partial_ratio(s, t) for s, t in zip(a, b, strict=True)]) / 100.0
    assert (floor <= exact + 1e-6).all()


@pytest.mark.parametrize("scale", [1.0, 0.97, 1.013])
def test_probabilities_are_exact_at_the_cutoff_and_bounds_below_it(scale: float) -> None:
    # Any model, not only the shipped one (a user's `pairs --train` gives others): the
    # recomputed rows must equal the whole set's to the last bit.
    pairs = read_pairs(PAIRS.read_text(encoding="utf-8"))
    claims = _claims_of([p.text_a for p in pairs] + [p.text_b for p in pairs], "a")
    shipped = shipped_model()
    model = replace(shipped, weights=tuple(w * scale for w in shipped.weights))
    n = len(pairs)
    prepared = prepare_texts(claims, STOPWORDS, model)
    left, right = np.arange(n), np.arange(n) + n
    exact = model.probability(features_at(prepared, left, right, model))
    got = probabilities_at(prepared, left, right, model, at_least=model.threshold)
    reached = exact >= model.threshold
    assert np.array_equal(got[reached], exact[reached])
    assert (got[~reached] < model.threshold).all()
    assert (got >= exact - 1e-12).all()


@pytest.mark.parametrize("code_points", [True, False])
def test_shared_counts_are_the_sizes_of_the_intersections(monkeypatch, code_points) -> None:
    if not code_points:  # more elements than code points: the lists of ints take over
        monkeypatch.setattr(blocking, "MAX_CODE_POINT", 10)
    rng = np.random.default_rng(4)
    owners = rng.integers(0, 300, 4000)
    elements = rng.integers(0, 900, 4000)
    sets = element_sets(owners, elements, 300)
    members = [set(elements[owners == k].tolist()) for k in range(300)]
    left, right = rng.integers(0, 300, 2000), rng.integers(0, 300, 2000)
    expected = [len(members[i] & members[j]) for i, j in zip(left, right, strict=True)]
    assert blocking.shared_counts(sets, left, right).tolist() == expected
    assert sets.sizes.tolist() == [len(m) for m in members]


def test_candidates_below_the_overlap_floor_are_dropped() -> None:
    texts = [
        "alpha bravo charlie delta echo foxtrot",
        "alpha bravo charlie delta echo golf",  # shares 5 of 6 tokens with the first
        "alpha hotel india juliet kilo lima",  # shares 1 of 6
    ]
    articles = np.arange(3)
    times = np.zeros(3)
    loose = candidate_index_pairs(texts, articles, times, frozenset(), BlockingConfig())
    assert loose.tolist() == [[0, 1], [0, 2], [1, 2]]
    tight = candidate_index_pairs(
        texts, articles, times, frozenset(), BlockingConfig(min_overlap=0.2)
    )
    assert tight.tolist() == [[0, 1]]


def test_partial_ratios_skip_only_pairs_whose_answer_is_100() -> None:
    """A text inside the other is not handed to rapidfuzz: its partial ratio is 100 anyway."""
    rng = random.Random(5)
    words = ["alpha", "beta", "gamma", "delta", "usd #", "said", "x", ""]
    texts = [" ".join(rng.choices(words, k=rng.randint(0, 8))) for _ in range(300)]
    a = objects([rng.choice(texts) for _ in range(3000)])
    b = objects([rng.choice(texts) for _ in range(3000)])
    b[:500] = [t + " more words" for t in a[:500].tolist()]  # containments, both ways round
    a[500:1000] = [t[: len(t) // 2] for t in b[500:1000].tolist()]
    expected = np.array([fuzz.partial_ratio(x, y) for x, y in zip(a, b, strict=True)])
    got = partial_ratios(a, b, workers=1)
    np.testing.assert_array_equal(got, expected.astype(np.float32).astype(np.float64))
    assert (got[:1000] == 100).mean() > 0.9


def test_text_scores_are_the_per_pair_text_score_to_the_last_bit() -> None:
    pairs = read_pairs(PAIRS.read_text(encoding="utf-8"))
    a = [masked(p.text_a.lower()) for p in pairs]
    b = [masked(p.text_b.lower()) for p in pairs]
    assert len(a) >= FEW_PAIRS
    expected = np.array([text_score(x, y) for x, y in zip(a, b, strict=True)])
    assert np.array_equal(text_scores(a, b), expected)
    assert np.array_equal(text_scores(a[:5], b[:5]), expected[:5])


def test_model_scores_prepare_each_keyed_claim_once_with_the_same_scores() -> None:
    """Pairs keyed by claim (as clustering asks) are scored as the same pairs unkeyed."""
    pairs = read_pairs(PAIRS.read_text(encoding="utf-8"))[:80]
    claims = _claims_of([p.text_a for p in pairs] + [p.text_b for p in pairs], "a")
    rng = random.Random(6)
    xs = [rng.randrange(len(claims)) for _ in range(400)]  # each claim in several pairs
    ys = [rng.randrange(len(claims)) for _ in range(400)]
    config = MatchConfig()
    text = np.full(len(xs), 100.0)
    text[::7] = 0.0  # below the gate: not scored
    unkeyed = model_scores([claims[x] for x in xs], [claims[y] for y in ys], text, config)
    keyed = model_scores(
        [claims[x] for x in xs], [claims[y] for y in ys], text, config, keys=(xs, ys)
    )
    assert np.array_equal(keyed, unkeyed) and (keyed[::7] == 0).all() and keyed.max() > 50


def test_fact_words_are_pythons_split_on_any_whitespace() -> None:
    """The ASCII kernel's split and the regex's are both Python's `str.split()`: the
    separator controls \\x1c-\\x1f and Unicode spaces are whitespace too."""
    from wiretrace.corroboration.model import _fact_words

    rng = random.Random(11)
    alphabet = ["a", "b", "1", ".", " ", "  ", "\t", "\n", "\x0b", "\x0c", "\r", "\x1c", "\x1f"]
    alphabet += ["\x85", "\xa0", "\u2009", "\u3000", "é", "#", "\x00"]
    for ascii_only in (True, False):
        letters = [c for c in alphabet if c.isascii()] if ascii_only else alphabet
        facts = ["".join(rng.choices(letters, k=rng.randint(0, 12))) for _ in range(3000)]
        owners, words = _fact_words(facts)
        got = sorted(zip(owners.tolist(), words.to_pylist(), strict=True))
        assert got == sorted((k, w) for k, fact in enumerate(facts) for w in fact.split())
    owners, words = _fact_words([])
    assert len(owners) == len(words) == 0


def test_sentences_with_one_or_more_quantities_are_written_as_before() -> None:
    """`_sentence_with_quantities`'s one-quantity path against the general one."""
    from wiretrace.corroboration import model as model_module

    def general(claim: Claim) -> str:
        text, cursor, pieces = claim.text, claim.dateline_end, []
        for q in sorted(claim.quantities, key=lambda q: q.start):
            if q.start < cursor:
                continue
            pieces += [text[cursor : q.start], " " + model_module.format_quantity(q) + " "]
            cursor = q.end
        return "".join([*pieces, text[cursor:]])

    pairs = read_pairs(PAIRS.read_text(encoding="utf-8"))
    claims = _claims_of([p.text_a for p in pairs] + AWKWARD, "a")
    ones = [c for c in claims if len(c.quantities) == 1]
    assert len(ones) > 20
    for claim in claims + [replace(c, dateline_end=c.quantities[0].start + 1) for c in ones]:
        assert model_module._sentence_with_quantities(claim) == general(claim)
