"""Polling is conditional, backs off only after failures, obeys robots.txt and the address guard."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from ingest_support import (
    LocalServer,
    LoopbackDialer,
    StubResolver,
    local_server,
    sequence,
    static,
)

from wiretrace.records import FeedEntry, FeedState, Outlet
from wiretrace.sources.archive import WarcArchive
from wiretrace.sources.collect import (
    BACKOFF_MAX,
    Validators,
    fetch_pages,
    next_poll_time,
    poll_outlets,
)
from wiretrace.sources.fetch import Fetcher, FetchPolicy

FAST = FetchPolicy(per_host_delay=0, backoff=0.01, retries=1, total_timeout=5)
NOW = datetime(2025, 6, 13, 4, 0, tzinfo=UTC)
RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
    "<item><title>One</title><link>{base}/a/one.html</link></item>"
    "<item><title>Two</title><link>{base}/private/two.html</link></item>"
    "</channel></rss>"
)
INDEX = (
    '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    "{children}</sitemapindex>"
)
URLSET = (
    '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    "<url><loc>{base}/a/{name}.html</loc></url></urlset>"
)


@pytest.fixture
def server():
    yield from local_server()


def outlet(server: LocalServer, *, private: bool = True, **lists) -> Outlet:
    return Outlet(
        id="local",
        name="Local",
        allow_private=private,
        feeds=tuple(server.url(p) for p in lists.get("feeds", ())),
        sitemaps=tuple(server.url(p) for p in lists.get("sitemaps", ())),
    )


def validators_from(states: list[FeedState]) -> dict[str, Validators]:
    return {
        s.feed_url: Validators(
            s.etag,
            s.last_modified,
            s.body_sha256,
            s.consecutive_failures,
            s.next_poll_at,
            s.parent_url,
        )
        for s in states
    }


def poll(server_outlet: Outlet, validators=None, **options):
    with Fetcher(options.pop("policy", FAST)) as fetcher:
        return poll_outlets(
            [server_outlet],
            fetcher,
            run_id="r",
            archive=options.pop("archive", None),
            validators=validators or {},
            **options,
        )


def test_a_304_costs_no_parsing_and_keeps_the_validators(server: LocalServer):
    server.routes["/rss"] = sequence(
        static(RSS.format(base=server.base), headers={"ETag": '"v1"'}),
        static("", status=304),
    )
    first = poll(outlet(server, feeds=["/rss"]), now=NOW)
    second = poll(outlet(server, feeds=["/rss"]), validators_from(first.feed_states), now=NOW)
    assert len(first.entries) == 2 and second.entries == []
    (state,) = second.feed_states
    assert state.last_status == 304 and state.entries_seen == -1 and state.etag == '"v1"'
    assert state.body_sha256 == first.feed_states[0].body_sha256
    assert server.requests[-1][1]["If-None-Match"] == '"v1"'


def test_the_same_body_without_validators_is_not_parsed_again(server: LocalServer):
    server.routes["/rss"] = static(RSS.format(base=server.base))
    first = poll(outlet(server, feeds=["/rss"]), now=NOW)
    second = poll(outlet(server, feeds=["/rss"]), validators_from(first.feed_states), now=NOW)
    assert second.entries == [] and second.feed_states[0].entries_seen == -1


def test_back_off_grows_after_each_failure_and_stops_at_a_ceiling():
    assert next_poll_time(0, NOW) is None  # a healthy feed is asked on every run
    assert next_poll_time(1, NOW) == NOW + timedelta(minutes=5)
    assert next_poll_time(3, NOW) == NOW + timedelta(minutes=20)
    assert next_poll_time(50, NOW) == NOW + BACKOFF_MAX
    assert next_poll_time(1, NOW, retry_after=7200) == NOW + timedelta(hours=2)


def test_a_failing_feed_is_retried_later_not_hammered(server: LocalServer):
    server.routes["/rss"] = static("down", status=500)
    local = outlet(server, feeds=["/rss"])
    first = poll(local, now=NOW)
    (state,) = first.feed_states
    assert state.consecutive_failures == 1 and state.last_error == "HTTP 500"
    assert state.next_poll_at == NOW + timedelta(minutes=5)
    hits = server.hits("/rss")

    soon = poll(local, validators_from(first.feed_states), now=NOW + timedelta(minutes=1))
    assert soon.deferred == [local.feeds[0]] and soon.feed_states == []
    assert server.hits("/rss") == hits  # not asked while backing off

    forced = poll(local, validators_from(first.feed_states), now=NOW, force=True)
    assert forced.feed_states[0].consecutive_failures == 2

    later = poll(local, validators_from(forced.feed_states), now=NOW + timedelta(hours=1))
    assert later.feed_states[0].consecutive_failures == 3
    assert later.feed_states[0].next_poll_at == NOW + timedelta(hours=1, minutes=20)


def test_a_feed_that_recovers_is_healthy_again(server: LocalServer):
    server.routes["/rss"] = sequence(
        static("down", status=500), static("down", status=500), static(RSS.format(base=server.base))
    )
    local = outlet(server, feeds=["/rss"])
    failed = poll(local, now=NOW)
    recovered = poll(local, validators_from(failed.feed_states), now=NOW + timedelta(minutes=6))
    (state,) = recovered.feed_states
    assert state.consecutive_failures == 0 and state.next_poll_at is None
    assert len(recovered.entries) == 2


def test_a_503_retry_after_sets_the_next_poll(server: LocalServer):
    server.routes["/rss"] = static("busy", status=503, headers={"Retry-After": "86400"})
    (state,) = poll(outlet(server, feeds=["/rss"]), now=NOW).feed_states
    assert state.next_poll_at == NOW + timedelta(days=1)
    assert server.hits("/rss") == 1  # a day's wait is not spent retrying in this run


def test_robots_disallow_is_recorded_as_skipped_and_never_fetched(server: LocalServer, tmp_path):
    server.routes["/robots.txt"] = static(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    server.routes["/rss"] = static(RSS.format(base=server.base))
    server.routes["/a/one.html"] = static("<html><body>one</body></html>")
    server.routes["/private/two.html"] = static("<html><body>two</body></html>")
    local = outlet(server, feeds=["/rss"])
    archive = WarcArchive(tmp_path, "t")
    polled = poll(local, now=NOW, archive=archive)
    with Fetcher(FAST) as fetcher:
        pages = fetch_pages(
            polled.entries,
            {local.id: local},
            fetcher,
            run_id="r",
            archive=archive,
            validators={},
            robots=polled.robots,
        )
    skipped = [f for f in pages.fetches if f.url.endswith("/private/two.html")]
    assert [(f.status, f.error) for f in skipped] == [
        (None, "skipped: robots.txt disallows /private/two.html")
    ]
    assert server.hits("/private/two.html") == 0 and server.hits("/a/one.html") == 1
    assert server.hits("/robots.txt") == 1  # once per host per run, shared by both stages
    assert len(pages.skipped) == 1 and pages.errors == []
    (robots_fetch,) = [f for f in polled.fetches if f.purpose == "robots"]
    assert robots_fetch.status == 200 and robots_fetch.warc_file  # the rules are archived too


def test_unreachable_robots_txt_means_nothing_is_fetched(server: LocalServer):
    server.routes["/robots.txt"] = static("oops", status=503)
    server.routes["/rss"] = static(RSS.format(base=server.base))
    (state,) = poll(outlet(server, feeds=["/rss"]), now=NOW).feed_states
    assert state.last_error.startswith("skipped: robots.txt unreachable (HTTP 503)")
    assert state.consecutive_failures == 1 and server.hits("/rss") == 0


def test_robots_crawl_delay_spaces_requests_to_the_host(server: LocalServer):
    server.routes["/robots.txt"] = static(
        "User-agent: *\nCrawl-delay: 0.4\n", content_type="text/plain"
    )
    server.routes["/rss"] = static(RSS.format(base=server.base).replace("/private/", "/a/"))
    local = outlet(server, feeds=["/rss"])
    polled = poll(local, now=NOW)
    started = time.monotonic()
    with Fetcher(FAST) as fetcher:
        fetch_pages(
            polled.entries,
            {local.id: local},
            fetcher,
            run_id="r",
            archive=None,
            validators={},
            robots=polled.robots,
        )
    assert time.monotonic() - started >= 0.4  # two pages, one crawl delay apart


def test_sitemap_index_is_followed_bounded_and_on_its_own_host(server: LocalServer):
    children = "".join(
        f"<sitemap><loc>{server.base}/sm/{n}.xml</loc></sitemap>" for n in ("a", "b", "c")
    )
    children += "<sitemap><loc>http://elsewhere.invalid/sm.xml</loc></sitemap>"
    server.routes["/index.xml"] = sequence(
        static(INDEX.format(children=children), headers={"ETag": '"i1"'}), static("", status=304)
    )
    for name in ("a", "b", "c"):
        server.routes[f"/sm/{name}.xml"] = static(URLSET.format(base=server.base, name=name))
    local = outlet(server, sitemaps=["/index.xml"])
    first = poll(local, now=NOW, max_child_sitemaps=2)
    assert sorted(e.url.rsplit("/", 1)[1] for e in first.entries) == ["a.html", "b.html"]
    assert server.hits("/sm/c.xml") == 0
    assert any("elsewhere.invalid/sm.xml is on another host" in e for e in first.errors)
    parents = {s.feed_url.rsplit("/", 1)[1]: s.parent_url for s in first.feed_states}
    assert parents == {"index.xml": "", "a.xml": local.sitemaps[0], "b.xml": local.sitemaps[0]}

    # The index answers 304, its children still change: they are asked all the same.
    second = poll(local, validators_from(first.feed_states), now=NOW, max_child_sitemaps=2)
    assert server.hits("/sm/a.xml") == 2 and server.hits("/sm/b.xml") == 2
    assert len(second.feed_states) == 3


def test_an_outlet_without_allow_private_on_loopback_is_refused_before_any_request(
    server: LocalServer,
):
    server.routes["/rss"] = static(RSS.format(base=server.base))
    result = poll(outlet(server, private=False, feeds=["/rss"]), now=NOW)
    (state,) = result.feed_states
    assert state.last_error.startswith("refused: 127.0.0.1 resolves to 127.0.0.1 is a loopback")
    assert state.consecutive_failures == 1
    assert server.requests == []  # not even robots.txt


def test_pages_linking_to_loopback_are_refused_for_an_outlet_without_allow_private(
    server: LocalServer,
):
    server.routes["/a/one.html"] = static("<html>secret</html>")
    public = Outlet(id="public", name="Public", feeds=("https://public.example/rss",))
    entries = [
        FeedEntry("public", public.feeds[0], f"k{i}", url, "t", None)
        for i, url in enumerate([server.url("/a/one.html"), "http://127.0.0.1/"])
    ]
    with Fetcher(FAST) as fetcher:
        pages = fetch_pages(
            entries, {"public": public}, fetcher, run_id="r", archive=None, validators={}
        )
    assert all(f.status is None and "loopback" in (f.error or "") for f in pages.fetches)
    assert len(pages.errors) == 2 and server.requests == []


# A name DNS answers with a public address (a string only): the dialer takes its connections
# to the local server, so the first hop reaches it and the guard's answer to the redirect shows.
PUBLIC_ADDRESS = "93.184.216.34"


def test_a_redirect_to_loopback_is_refused_and_recorded(server: LocalServer):
    server.routes["/story"] = static("", status=302, headers={"Location": server.url("/secret")})
    server.routes["/secret"] = static("<html>secret</html>")
    public = Outlet(id="public", name="Public", feeds=("http://news.example.com/rss",))
    entry = FeedEntry("public", public.feeds[0], "k", "http://news.example.com/story", "t", None)
    resolver = StubResolver({"news.example.com": [[PUBLIC_ADDRESS]]})
    dialer = LoopbackDialer({PUBLIC_ADDRESS: server.port})
    with Fetcher(FAST, resolver=resolver, dialer=dialer) as fetcher:
        pages = fetch_pages(
            [entry], {"public": public}, fetcher, run_id="r", archive=None, validators={}
        )
    (fetch,) = [f for f in pages.fetches if f.purpose == "page"]
    assert fetch.status is None and fetch.final_url == server.url("/secret")
    assert fetch.error == "refused: 127.0.0.1 resolves to 127.0.0.1 is a loopback address"
    assert server.hits("/secret") == 0 and server.hits("/story") == 1
    assert {address for address, _ in dialer.dialed} == {PUBLIC_ADDRESS}


def test_pages_of_different_hosts_are_interleaved(server: LocalServer):
    from wiretrace.sources.collect import _interleave_hosts

    entries = [
        FeedEntry("o", "f", str(i), f"http://{host}/{i}", "t", None)
        for i, host in enumerate(["a", "a", "a", "b", "b", "c"])
    ]
    order = [e.url.split("/")[2] for e in _interleave_hosts(entries)]
    assert order == ["a", "b", "c", "a", "b", "a"]
