"""Claim matching: paraphrases match, changed numbers conflict, unrelated claims stay apart."""

from datetime import UTC, datetime, timedelta

from wiretrace.corroboration.figures import numbers_conflict, quantities_agree
from wiretrace.corroboration.matching import MatchConfig, match_claims
from wiretrace.corroboration.scoring import candidate_pairs
from wiretrace.records import Claim, Quantity

T0 = datetime(2025, 6, 13, 4, 0, tzinfo=UTC)


def claim(cid, article, outlet, norm, *, quantities=(), hours=0.0):
    return Claim(
        claim_id=cid,
        article_id=article,
        version_id=article + "v",
        outlet_id=outlet,
        position=0,
        start=0,
        end=len(norm),
        text=norm,
        norm_text=norm,
        published_at=T0 + timedelta(hours=hours),
        quantities=tuple(quantities),
    )


def usd(value, raw):
    return Quantity("money", value, "USD", raw)


def test_same_claim_in_three_outlets_is_one_cluster():
    claims = [
        claim(
            "a",
            "r1",
            "reuters",
            "meta is acquiring a 49% stake in scale ai valuing the startup at usd 29000000000",
        ),
        claim(
            "b",
            "c1",
            "cna",
            "meta is acquiring a 49% stake in scale ai, valuing the startup at usd 29000000000",
            hours=2,
        ),
        claim(
            "c",
            "i1",
            "indiatimes",
            "meta is acquiring a 49% stake in the startup scale ai valuing it at usd 29000000000",
            hours=5,
        ),
        claim(
            "d",
            "x1",
            "cna",
            "singapore's mrt network will add three new stations on the thomson line next year",
        ),
    ]
    _, clusters = match_claims(claims)
    assert clusters["a"] == clusters["b"] == clusters["c"]
    assert clusters["d"] != clusters["a"]


def test_same_words_different_number_is_a_conflict_not_a_match():
    claims = [
        claim(
            "a",
            "r1",
            "reuters",
            "the deal values scale ai at usd 29000000000",
            quantities=[usd(29e9, "$29 billion")],
        ),
        claim(
            "b",
            "c1",
            "cna",
            "the deal values scale ai at usd 30000000000",
            quantities=[usd(30e9, "$30 billion")],
        ),
    ]
    matches, clusters = match_claims(claims)
    (edge,) = matches
    assert edge.decision == "conflict"
    assert clusters["a"] == clusters["b"]


def test_rounding_is_not_a_dispute():
    assert quantities_agree(usd(29e9, "$29 billion"), usd(29.3e9, "$29.3 billion"))
    assert not quantities_agree(usd(29e9, "$29 billion"), usd(30e9, "$30 billion"))
    more = Quantity("count", 20, "people", "more than 20 people", qualifier="more than")
    assert quantities_agree(more, Quantity("count", 23, "people", "23 people"))
    assert not numbers_conflict(
        [usd(29e9, "$29 billion")], [Quantity("money", 2.4e12, "INR", "Rs 2.4 lakh crore")]
    )


def test_claims_of_one_article_or_far_apart_in_time_are_never_compared():
    config = MatchConfig()
    same_article = [
        claim("a", "r1", "reuters", "shares of acme corp jumped sharply"),
        claim("b", "r1", "reuters", "shares of acme corp jumped sharply today"),
    ]
    assert len(candidate_pairs(same_article, config)) == 0
    far = [
        claim("a", "r1", "reuters", "shares of acme corp jumped sharply"),
        claim("b", "c1", "cna", "shares of acme corp jumped sharply", hours=24 * 30),
    ]
    assert len(candidate_pairs(far, config)) == 0


def test_clusters_do_not_chain_through_an_intermediate_claim():
    a = "acme corp will buy widget maker globex for cash and shares this year"
    b = "acme corp will buy widget maker globex for cash and shares this year regulators said they would review"
    c = "regulators said they would review the merger of two rival widget makers in europe this year"
    claims = [
        claim("a", "r1", "reuters", a),
        claim("b", "c1", "cna", b),
        claim("c", "i1", "indiatimes", c),
    ]
    _, clusters = match_claims(claims, MatchConfig(threshold=60))
    assert clusters["a"] != clusters["c"]


def test_cluster_ids_are_stable_across_reruns():
    claims = [
        claim("a", "r1", "reuters", "meta is acquiring a 49% stake in scale ai"),
        claim("b", "c1", "cna", "meta is acquiring a 49% stake in scale ai", hours=1),
    ]
    assert match_claims(claims)[1] == match_claims(list(reversed(claims)))[1]


def test_hedged_and_rounded_figures_agree():
    about = Quantity("count", 52000, "voters", "About 52,000 voters", qualifier="about")
    exact = Quantity("count", 52418, "voters", "52,418 voters")
    assert quantities_agree(about, exact)
    rounded = Quantity("count", 52000, "voters", "52,000 voters")
    assert quantities_agree(rounded, Quantity("count", 52400, "voters", "52,400 voters"))
    assert not quantities_agree(rounded, Quantity("count", 53600, "voters", "53,600 voters"))


def test_a_figure_agreeing_elsewhere_is_not_a_conflict():
    homes = Quantity("count", 1210, "units", "1,210 units")
    other = [
        Quantity("count", 1210, "private", "1,210 new private"),
        Quantity("count", 672, "units", "672 units"),
    ]
    assert not numbers_conflict([homes], other)
    assert numbers_conflict(
        [usd(29e9, "$29 billion"), Quantity("percent", 49, "%", "49%")],
        [usd(30e9, "US$30 billion"), Quantity("percent", 49, "%", "49%")],
    )


def test_incremental_matching_scores_only_new_pairs_and_agrees_with_a_full_run(monkeypatch):
    from wiretrace.corroboration import matching, scoring

    base = [
        claim(
            "a", "r1", "reuters", "meta is acquiring a 49% stake in scale ai valuing the startup"
        ),
        claim(
            "b",
            "c1",
            "cna",
            "meta is acquiring a 49% stake in scale ai, valuing the startup",
            hours=1,
        ),
        claim("x", "x1", "cna", "singapore's mrt network will add three new stations next year"),
    ]
    first, _ = match_claims(base)
    new = [
        claim(
            "c",
            "i1",
            "indiatimes",
            "meta is acquiring a 49% stake in scale ai valuing startup",
            hours=3,
        )
    ]
    full_matches, full_clusters = match_claims(base + new)
    scored: list[int] = []
    original = scoring.score_pairs

    def counting(claims, pairs, config, **kw):
        scored.append(len(pairs))
        return original(claims, pairs, config, **kw)

    monkeypatch.setattr(scoring, "score_pairs", counting)
    inc_matches, inc_clusters = matching.match_claims(
        base + new, matched={"a", "b", "x"}, earlier=first
    )
    assert inc_matches == full_matches and inc_clusters == full_clusters
    assert scored == [2]  # c with a and c with b; a with b is not scored again


def test_a_plain_number_stated_as_a_figure_on_the_other_side_is_no_conflict():
    from dataclasses import replace

    from wiretrace.corroboration.figures import bare_numbers_conflict

    reuters = replace(
        claim("a", "r1", "reuters", "x", quantities=[Quantity("count", 9, "cents", "9 cents")]),
        text="Brent crude futures were up 9 cents at $69.86 a barrel by 0340 GMT.",
    )
    cna = replace(
        claim("b", "c1", "cna", "x"),
        text="Brent crude futures were up 9 US cents at US$69.86 a barrel.",
    )
    assert not bare_numbers_conflict(reuters, cna)


def test_the_dateline_date_is_not_a_figure_the_claims_disagree_on():
    from dataclasses import replace

    from wiretrace.corroboration.figures import bare_numbers, figures_disagree
    from wiretrace.extractors.claims import claim_from_text

    monday = claim_from_text(
        "SINGAPORE, June 12 (Reuters) - Flights to Bali were cancelled for a second day.",
        aliases={"reuters": "reuters"},
    )
    tuesday = claim_from_text(
        "SINGAPORE, June 13 (Reuters) - Flights to Bali were cancelled for a second day.",
        aliases={"reuters": "reuters"},
    )
    assert [q.raw for q in bare_numbers(monday)] == ["second"]
    assert not figures_disagree(monday, tuesday, 100.0)
    # The claim says where its dateline ends; the matcher does not look for one itself.
    unmarked = [replace(c, dateline_end=0) for c in (monday, tuesday)]
    assert figures_disagree(*unmarked, 100.0)


def test_merged_is_one_match_a_pair_in_pair_order_whatever_it_is_given():
    from wiretrace.corroboration.matching import merged
    from wiretrace.records import ClaimMatch

    def m(a: str, b: str, score: float) -> ClaimMatch:
        return ClaimMatch(a, b, score, "match")

    ordered = [m("a", "b", 80.0), m("a", "c", 75.0), m("b", "c", 90.0)]
    assert merged([], ordered, []) == ordered
    assert merged(ordered[::-1]) == ordered  # out of order: sorted
    twice = [m("a", "b", 80.0), m("a", "b", 85.0), m("b", "c", 90.0)]  # a later one wins
    assert merged(twice) == [m("a", "b", 85.0), m("b", "c", 90.0)]
    assert merged([m("a", "b", 1.0)], ordered) == ordered
    assert merged(ordered, [m("a", "b", 1.0)]) == [m("a", "b", 1.0), *ordered[1:]]
