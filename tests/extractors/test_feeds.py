"""Feeds and sitemaps parse into entries with correct UTC times (real fixtures)."""

import json
from datetime import UTC, datetime

import pytest

from wiretrace.extractors.feeds import FeedError, parse_feed, parse_sitemap
from wiretrace.extractors.urls import canonical_url, choose_canonical, entry_key


def test_cna_feed_with_trailing_spaces_and_entities(real_feeds):
    body = (real_feeds / "cna_latest_2026-06-02.EXCERPT-RECONSTRUCTED.rss.xml").read_bytes()
    parsed = parse_feed(body, "https://www.channelnewsasia.com/rss", "cna")
    (entry,) = parsed.entries
    assert entry.title.startswith(
        "Security officer rejects injury payout of more than 6 months' salary"
    )
    assert entry.published_at == datetime(2026, 6, 2, 10, 46, 49, tzinfo=UTC)  # 18:46:49 +0800


def test_times_of_india_iso_pubdate_is_read_as_utc(real_feeds):
    body = (real_feeds / "toi_bangalore_2022-12-13.rss.xml").read_bytes()
    parsed = parse_feed(body, "https://timesofindia.indiatimes.com/rss.cms", "indiatimes")
    assert parsed.entries
    assert all(
        e.published_at is not None and e.published_at.tzinfo is not None for e in parsed.entries
    )


def test_reuters_news_sitemap_entry(real_feeds):
    body = (real_feeds / "reuters_news_sitemap_2026-10-09.FIRST-ENTRY.xml").read_bytes()
    parsed = parse_sitemap(body, "https://www.reuters.com/sitemap", "reuters")
    (entry,) = parsed.entries
    assert (
        entry.url
        == "https://reuters.com/business/retail-consumer/chinas-domestic-travel-spend-2026-10-09/"
    )
    assert entry.title.startswith("China Golden Week spending per trip")
    assert entry.published_at == datetime(2026, 10, 9, 7, 13, 38, 278000, tzinfo=UTC)


def test_bbc_feed_matches_expected_parse(real_feeds):
    body = (real_feeds / "bbc_world_2017-01-20.rss.xml").read_bytes()
    expected = json.loads((real_feeds / "bbc_world_2017-01-20.expected.json").read_text())
    parsed = parse_feed(body, "http://feeds.bbci.co.uk/news/world/rss.xml", "bbc")
    items = expected["items"] if isinstance(expected, dict) and "items" in expected else expected
    assert len(parsed.entries) == len(items)
    titles = {e.title for e in parsed.entries}
    for item in items:
        assert item["title"].strip() in titles


def test_sitemap_index_lists_children_without_entries():
    body = (
        b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>https://a.example/s1.xml</loc></sitemap></sitemapindex>"
    )
    parsed = parse_sitemap(body, "https://a.example/index.xml", "a")
    assert parsed.sitemaps == ("https://a.example/s1.xml",)
    assert parsed.entries == ()


def test_xxe_sitemap_does_not_read_local_files():
    body = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://a.example/&x;</loc>'
        b"</url></urlset>"
    )
    parsed = parse_sitemap(body, "https://a.example/s.xml", "a")
    assert all("root:" not in e.url for e in parsed.entries)


@pytest.mark.parametrize(
    "body", [b"", b"<html><body>Not a feed</body></html>", b"\x00\xff garbage"]
)
def test_garbage_is_not_a_feed(body):
    with pytest.raises(FeedError):
        parse_feed(body, "https://a.example/f", "a")


def test_entry_key_survives_tracking_parameters_and_www():
    a = entry_key("https://a.example/f", "https://www.a.example/story-1?utm_source=x&id=7#top")
    b = entry_key("https://a.example/f", "https://a.example/story-1?id=7")
    assert a == b
    assert (
        canonical_url("https://A.example:443/x?b=2&a=1&fbclid=z") == "https://a.example/x?a=1&b=2"
    )


# ---- real shapes, exactly ----------------------------------------------------------------------

FEED_HEAD = b'<?xml version="1.0"?>\n'
BILLION_LAUGHS_DTD = b"""<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""


def test_cna_title_decodes_its_numeric_entity_and_link_loses_www(real_feeds):
    body = (real_feeds / "cna_latest_2026-06-02.EXCERPT-RECONSTRUCTED.rss.xml").read_bytes()
    (entry,) = parse_feed(body, "https://www.channelnewsasia.com/rss", "cna").entries
    assert entry.title == (
        "Security officer rejects injury payout of more than 6 months' salary to sue employer "
        "– and loses the case"
    )
    assert entry.url == (
        "https://channelnewsasia.com/singapore/"
        "security-officer-workplace-injury-rejects-wica-compensation-loses-negligence-lawsuit-6156216"
    )


def test_times_of_india_iso_pubdate_is_the_right_instant(real_feeds):
    body = (real_feeds / "toi_bangalore_2022-12-13.rss.xml").read_bytes()
    (entry,) = parse_feed(body, "https://timesofindia.indiatimes.com/rss.cms", "indiatimes").entries
    assert entry.published_at == datetime(2022, 12, 12, 23, 20, 54, tzinfo=UTC)  # 04:50:54 +05:30
    assert entry.url.endswith("/articleshow/96183783.cms")


def test_a_truncated_feed_keeps_its_complete_entries_and_says_why(real_feeds):
    body = (real_feeds / "bbc_world_2017-01-20.rss.xml").read_bytes()
    cut = body[: int(len(body) * 0.8)]  # two items whole, the third cut mid-way
    parsed = parse_feed(cut, "http://feeds.bbci.co.uk/news/world/rss.xml", "bbc")
    assert len(parsed.entries) == 2
    assert parsed.warning.startswith("malformed feed, 2 entries salvaged:")


def test_a_billion_laughs_feed_is_read_without_expanding_entities():
    body = (
        FEED_HEAD
        + BILLION_LAUGHS_DTD
        + b'<rss version="2.0"><channel><title>&lol9;</title><item><title>Real &lol9;</title>'
        b"<link>https://a.example/s1</link></item></channel></rss>"
    )
    parsed = parse_feed(body, "https://a.example/f", "a")
    (entry,) = parsed.entries
    assert entry.url == "https://a.example/s1" and len(entry.title) < 100


def test_a_billion_laughs_sitemap_is_read_without_expanding_entities():
    body = (
        FEED_HEAD
        + BILLION_LAUGHS_DTD
        + b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://a.example/&lol9;</loc></url></urlset>"
    )
    (entry,) = parse_sitemap(body, "https://a.example/s.xml", "a").entries
    assert len(entry.url) < 100 and "lollol" not in entry.url


def test_entry_key_survives_a_feed_that_changes_guids():
    item = (
        '<rss version="2.0"><channel><title>t</title><item><guid>{guid}</guid><title>Story</title>'
        "<link>https://www.a.example/story-1?utm_medium=rss{extra}</link></item></channel></rss>"
    )
    first = parse_feed(item.format(guid="g-1", extra="").encode(), "https://a.example/f", "a")
    second = parse_feed(
        item.format(guid="urn:new:77", extra="&amp;fbclid=abc").encode(), "https://a.example/f", "a"
    )
    assert first.entries[0].entry_key == second.entries[0].entry_key
    assert first.entries[0].url == second.entries[0].url == "https://a.example/story-1"


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("https://WWW.Example.com:443/a/?utm_source=x&id=7#top", "https://example.com/a/?id=7"),
        ("http://example.com:80/caf%c3%a9?b=2&a=1", "http://example.com/caf%C3%A9?a=1&b=2"),
        ("https://example.com/a/./b/../c", "https://example.com/a/c"),
        ("https://example.com", "https://example.com/"),
        (
            "https://example.com/s?cid=42&uid=7&source_id=3",
            "https://example.com/s?cid=42&source_id=3&uid=7",
        ),
        (
            "https://timesofindia.indiatimes.com/x/articleshow/1.cms?from=mdr&UTM_Campaign=a",
            "https://timesofindia.indiatimes.com/x/articleshow/1.cms",
        ),
        ("http://127.0.0.1:8080/a?ref=rss", "http://127.0.0.1:8080/a"),
    ],
)
def test_canonical_url_keeps_article_ids_and_drops_only_trackers(url, canonical):
    assert canonical_url(url) == canonical


def test_rel_canonical_is_followed_on_the_same_site_only():
    page = "https://www.cna.example/asia/story-5181002?utm_source=rss"
    assert choose_canonical(page, "/asia/story-5181002") == "https://cna.example/asia/story-5181002"
    assert (
        choose_canonical(page, "https://cna.example/amp/asia/story-5181002")
        == "https://cna.example/amp/asia/story-5181002"
    )
    # A reprint pointing at the wire's page is still the reprinting outlet's own article.
    assert choose_canonical(page, "https://www.reuters.example/x") == (
        "https://cna.example/asia/story-5181002"
    )
    assert choose_canonical(page, "javascript:alert(1)") == "https://cna.example/asia/story-5181002"
    assert choose_canonical(page, "") == "https://cna.example/asia/story-5181002"
