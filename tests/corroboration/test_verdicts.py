"""Verdicts count independent sources: reprints and attributions collapse into their source."""

from datetime import UTC, datetime, timedelta

from wiretrace.corroboration.matching import match_claims
from wiretrace.corroboration.verdicts import corroborate
from wiretrace.records import ArticleInfo, Attribution, Claim, Quantity

T0 = datetime(2025, 6, 13, 4, 0, tzinfo=UTC)
ALIASES = {
    "reuters": "reuters",
    "cna": "cna",
    "channel news asia": "cna",
    "india times": "indiatimes",
    "pti": "pti",
}
TEXT = "meta is acquiring a 49% stake in scale ai the startup's largest outside investment"


def claim(
    cid,
    article,
    outlet,
    norm,
    *,
    hours=0.0,
    attributions=(),
    quantities=(),
    version=None,
    position=0,
):
    return Claim(
        cid,
        article,
        version or article + "v",
        outlet,
        position,
        0,
        len(norm),
        norm,
        norm,
        T0 + timedelta(hours=hours),
        tuple(quantities),
        tuple(attributions),
    )


def info(article, outlet, credit=""):
    return ArticleInfo(article, outlet, credit, "page")


def judge(claims, articles, previous=()):
    matches, clusters = match_claims(claims)
    return {
        v.corroboration.cluster_id: v
        for v in corroborate(
            clusters, claims, articles, aliases=ALIASES, previous=previous, matches=matches
        )
    }, clusters


def test_reprinted_wire_story_is_not_independent_corroboration():
    claims = [
        claim("r", "r1", "reuters", TEXT),
        claim("c", "c1", "cna", TEXT, hours=2),
        claim(
            "i",
            "i1",
            "indiatimes",
            TEXT.replace("acquiring", "taking"),
            hours=3,
            attributions=[Attribution("reuters", "outlet", "according to", "according to Reuters")],
        ),
    ]
    articles = {
        "r1": info("r1", "reuters"),
        "c1": info("c1", "cna", "Reuters"),
        "i1": info("i1", "indiatimes"),
    }
    verdicts, clusters = judge(claims, articles)
    result = verdicts[clusters["r"]].corroboration
    assert result.outlets == ("cna", "indiatimes", "reuters")
    assert result.independent_sources == 1
    assert result.verdict == "wire-only"
    assert result.first_outlet == "reuters"
    assert "3 outlets, 1 independent source" in result.reason
    kinds = {(e.article_id, e.kind) for e in verdicts[clusters["r"]].lineage}
    assert kinds == {("c1", "credited"), ("i1", "attributed")}


def test_two_outlets_citing_an_unfetched_wire_are_one_source():
    claims = [claim("c", "c1", "cna", TEXT), claim("i", "i1", "indiatimes", TEXT, hours=1)]
    articles = {"c1": info("c1", "cna", "PTI"), "i1": info("i1", "indiatimes", "PTI")}
    verdicts, clusters = judge(claims, articles)
    assert verdicts[clusters["c"]].corroboration.independent_sources == 1
    assert verdicts[clusters["c"]].corroboration.sources == ("pti",)


def test_independent_reports_corroborate():
    claims = [
        claim("r", "r1", "reuters", TEXT),
        claim("c", "c1", "cna", TEXT + " according to its filings", hours=1),
    ]
    articles = {"r1": info("r1", "reuters"), "c1": info("c1", "cna")}
    # Close wording but not a reprint: CNA adds its own sourcing.
    verdicts, clusters = judge(claims, articles)
    result = verdicts[clusters["r"]].corroboration
    assert result.independent_sources == 2 and result.verdict == "corroborated"


def test_disagreeing_numbers_make_a_dispute():
    money = lambda v, raw: Quantity("money", v, "USD", raw)  # noqa: E731
    claims = [
        claim(
            "r",
            "r1",
            "reuters",
            "the deal values scale ai at usd 29000000000",
            quantities=[money(29e9, "$29 billion")],
        ),
        claim(
            "c",
            "c1",
            "cna",
            "the deal values scale ai at usd 30000000000",
            hours=1,
            quantities=[money(30e9, "$30 billion")],
        ),
    ]
    verdicts, clusters = judge(claims, {"r1": info("r1", "reuters"), "c1": info("c1", "cna")})
    result = verdicts[clusters["r"]].corroboration
    assert result.verdict == "disputed" and not result.numbers_agree
    assert "$29 billion" in result.reason and "$30 billion" in result.reason


def test_single_source_and_updated():
    latest = [
        claim(
            "n",
            "c9",
            "cna",
            "at least 17 people died in the landslide in the north",
            version="c9v2",
        )
    ]
    older = [
        claim(
            "o",
            "c9",
            "cna",
            "at least 12 people died in the landslide in the north",
            version="c9v1",
        )
    ]
    verdicts, clusters = judge(latest, {"c9": info("c9", "cna")}, previous=older)
    result = verdicts[clusters["n"]].corroboration
    assert result.verdict == "updated"
    assert "at least 12" in result.reason
    alone = [
        claim("s", "c5", "cna", "the new library in tampines opens on saturday with late hours")
    ]
    verdicts, clusters = judge(alone, {"c5": info("c5", "cna")})
    assert verdicts[clusters["s"]].corroboration.verdict == "single-source"


def test_an_article_reusing_several_sentences_is_a_reprint_without_any_credit():
    sentences = [
        "meta is acquiring a 49% stake in scale ai the startup's largest outside investment",
        "google the largest customer of scale ai plans to cut ties with the data labelling firm",
        "scale ai's chief executive alexandr wang will join meta to work on superintelligence",
    ]
    claims = [claim(f"r{i}", "r1", "reuters", s, position=i) for i, s in enumerate(sentences)]
    claims += [claim(f"c{i}", "c1", "cna", s, hours=2, position=i) for i, s in enumerate(sentences)]
    verdicts, clusters = judge(claims, {"r1": info("r1", "reuters"), "c1": info("c1", "cna")})
    result = verdicts[clusters["r0"]]
    assert result.corroboration.independent_sources == 1
    assert result.corroboration.verdict == "wire-only"
    (edge,) = result.lineage
    assert (edge.article_id, edge.kind, edge.source_article_id) == ("c1", "verbatim", "r1")
    assert "3 near-verbatim sentences in order" in edge.evidence


def test_shared_sentences_out_of_order_are_not_aligned():
    from wiretrace.corroboration.verdicts import aligned_in_order

    later = [claim(f"c{i}", "c1", "cna", "x", position=i) for i in range(4)]
    earlier = [claim(f"r{i}", "r1", "reuters", "x", position=p) for i, p in enumerate([3, 0, 1, 2])]
    by_id = {c.claim_id: c for c in later + earlier}
    pairs = [(f"c{i}", f"r{i}", 95.0) for i in range(4)]
    # c0~r0(pos 3), c1~r1(pos 0), c2~r2(pos 1), c3~r3(pos 2): the in-order chain is c1, c2, c3.
    assert [p[0] for p in aligned_in_order(pairs, by_id)] == ["c1", "c2", "c3"]


def test_one_outlet_citing_a_second_source_is_not_corroboration():
    claims = [
        claim("a", "c1", "cna", TEXT),
        claim(
            "b",
            "c2",
            "cna",
            TEXT + " the report said",
            hours=1,
            attributions=[Attribution("reuters", "outlet", "reported", "Reuters reported")],
        ),
    ]
    verdicts, clusters = judge(claims, {"c1": info("c1", "cna"), "c2": info("c2", "cna")})
    result = verdicts[clusters["a"]].corroboration
    assert result.outlets == ("cna",)
    assert result.verdict == "single-source"
