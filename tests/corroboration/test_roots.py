"""Independent sources per claim: each mention traced to its primary source, through the real extractors.

The articles below are run through the real claim and attribution extractors; every mention
of interest is put in one cluster, so these tests judge roots alone, not matching.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from wiretrace.corroboration.verdicts import corroborate
from wiretrace.extractors.claims import extract_claims
from wiretrace.records import Article, ArticleInfo, Claim, Outlet, stable_id
from wiretrace.sources.config import alias_map

T0 = datetime(2025, 6, 13, 4, 0, tzinfo=UTC)
OUTLETS = [
    Outlet("reuters", "Reuters", kind="wire", feeds=(), aliases=("Reuters",)),
    Outlet("cna", "CNA", feeds=("x",), aliases=("Channel News Asia",)),
    Outlet("bbc", "BBC", feeds=("x",)),
    Outlet("venturebeat", "VentureBeat", feeds=("x",)),
    Outlet("techcrunch", "TechCrunch", feeds=("x",)),
    Outlet("indiatimes", "India Times", feeds=("x",)),
]
ALIASES = alias_map(OUTLETS)
NAMES = {o.id: o.name for o in OUTLETS}
WIRES = frozenset(o.id for o in OUTLETS if o.kind == "wire")


def article(outlet: str, text: str, *, hours: float, credit: str = "") -> Article:
    url = f"https://{outlet}.example/{stable_id(text)}"
    return Article(
        article_id=stable_id(url),
        version_id=stable_id(url, text),
        outlet_id=outlet,
        url=url,
        canonical_url=url,
        title="",
        text=text,
        text_sha256=stable_id(text),
        published_at=T0 + timedelta(hours=hours),
        published_source="page",
        credit=credit,
    )


def judge(*pieces: tuple[Article, str]):
    """Corroborate the claims of each article whose text contains its marker, as one cluster."""
    claims: list[Claim] = []
    infos: dict[str, ArticleInfo] = {}
    for art, marker in pieces:
        found = extract_claims(art, aliases=ALIASES)
        cited = sorted(
            {a.cited for c in found for a in c.attributions if a.kind == "outlet" and a.cited}
        )
        infos[art.article_id] = ArticleInfo(
            art.article_id, art.outlet_id, art.credit, "page", tuple(cited)
        )
        mine = [c for c in found if marker in c.text]
        assert mine, f"no claim of {art.outlet_id} holds {marker!r}: {[c.text for c in found]}"
        claims += mine
    clusters = {c.claim_id: "c1" for c in claims}
    (verdict,) = corroborate(clusters, claims, infos, aliases=ALIASES, names=NAMES, wires=WIRES)
    return verdict.corroboration


def test_a_toll_relayed_from_one_monitoring_group_by_three_outlets_is_one_source():
    result = judge(
        (
            article(
                "reuters",
                "Air strikes on the town killed at least 27 people on Tuesday, the Syrian "
                "Observatory for Human Rights said.",
                hours=0,
            ),
            "27 people",
        ),
        (
            article(
                "cna",
                "At least 27 people were killed in the air strikes, according to the Syrian "
                "Observatory for Human Rights, a Britain-based war monitor.",
                hours=1,
            ),
            "27 people",
        ),
        (
            article(
                "bbc",
                "The Syrian Observatory for Human Rights said at least 27 people had died in the "
                "strikes on the town.",
                hours=2,
            ),
            "27 people",
        ),
    )
    assert result.outlets == ("bbc", "cna", "reuters")
    assert result.independent_sources == 1
    assert result.verdict == "wire-only"
    assert "Syrian Observatory for Human Rights" in result.reason
    assert "relayed by" in result.reason


def test_a_reprint_published_after_the_rewrite_that_cites_the_wire_is_one_source_the_wire():
    # The pattern: VentureBeat runs Reuters copy; TechCrunch rewrote it ("According to
    # Reuters") and was published first. Reuters itself is not polled.
    techcrunch = article(
        "techcrunch",
        "According to Reuters, the company is cutting 200 jobs in its cloud unit.\n\n"
        "A spokesperson said the cuts would save the company about $50 million a year.",
        hours=0,
    )
    venturebeat = article(
        "venturebeat",
        "SAN FRANCISCO (Reuters) - The company is cutting 200 jobs in its cloud unit.\n\n"
        "A spokesperson said the cuts would save the company about $50 million a year.",
        hours=3,
        credit="Reuters",
    )
    result = judge((techcrunch, "$50 million"), (venturebeat, "$50 million"))
    assert result.outlets == ("techcrunch", "venturebeat")
    assert result.independent_sources == 1
    assert result.sources == ("reuters",)
    assert result.verdict != "corroborated"


def test_two_outlets_with_their_own_named_officials_are_corroborated():
    result = judge(
        (
            article(
                "reuters",
                "The storm destroyed 1,200 homes in the province, provincial governor Maria "
                "Santos told reporters on Monday.",
                hours=0,
            ),
            "1,200 homes",
        ),
        (
            article(
                "cna",
                "About 1,200 homes were destroyed by the storm, said Colonel Jose Reyes, a "
                "spokesman for the regional police.",
                hours=2,
            ),
            "1,200 homes",
        ),
    )
    assert result.independent_sources == 2
    assert result.verdict == "corroborated"


def test_one_official_quoted_by_two_outlets_is_one_source_however_the_name_is_written():
    result = judge(
        (
            article(
                "indiatimes",
                "Prime Minister Narendra Modi said the scheme would cover 50 million farmers.",
                hours=0,
            ),
            "50 million",
        ),
        (
            article(
                "cna",
                "The scheme will cover 50 million farmers, Modi said at a rally on Sunday.",
                hours=1,
            ),
            "50 million",
        ),
    )
    assert result.independent_sources == 1


@pytest.mark.parametrize(
    ("full", "short"),
    [
        # BASIL events 13 and 2: the NYT's "Richard J. Durbin", Fox's "Dick Durbin"; HuffPost's
        # "Sarah Huckabee Sanders", another outlet's "Sarah Sanders".
        ("Senator Richard J. Durbin", "Sen. Dick Durbin"),
        ("White House press secretary Sarah Huckabee Sanders", "Sarah Sanders"),
    ],
)
def test_a_short_first_name_or_a_dropped_middle_name_is_the_same_person(full, short):
    result = judge(
        (article("nyt", f"{full} said the meeting would not take place.", hours=0), "meeting"),
        (article("cna", f"The meeting will not take place, {short} said on Tuesday.", hours=1), "meeting"),
    )  # fmt: skip
    assert result.independent_sources == 1


def test_two_people_with_one_surname_stay_two_sources():
    result = judge(
        (article("nyt", "Bernie Sanders said the meeting would not take place.", hours=0), "meeting"),
        (article("cna", "The meeting will not take place, Sarah Sanders said.", hours=1), "meeting"),
    )  # fmt: skip
    assert result.independent_sources == 2


def test_anonymous_sources_belong_to_the_outlet_that_reported_them():
    result = judge(
        (
            article(
                "reuters",
                "The bank plans to raise $2 billion in new capital, two sources familiar with "
                "the matter said.",
                hours=0,
            ),
            "$2 billion",
        ),
        (
            article(
                "cna",
                "The bank plans to raise $2 billion in new capital, people familiar with the "
                "plan said.",
                hours=1,
            ),
            "$2 billion",
        ),
    )
    assert result.sources == ("cna", "reuters")
    assert result.verdict == "corroborated"
