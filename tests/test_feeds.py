"""Feeds and sitemaps parse into entries with correct UTC times (real fixtures)."""

import json
from datetime import UTC, datetime

import pytest

from extractors.feeds import FeedError, parse_feed, parse_sitemap
from extractors.urls import canonical_url, entry_key


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
