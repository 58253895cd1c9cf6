"""The politeness and bounds the README promises, against real servers on 127.0.0.1: conditional
GET by Last-Modified, robots.txt on every redirect hop, no robots answer disallows all, the
Crawl-delay cap, and the connect and read timeouts."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from ingest_support import (
    LocalServer,
    hang_up,
    local_server,
    modified_since,
    silent_server,
    static,
    trickle,
    unaccepting_port,
)

from wiretrace.records import FeedEntry, Outlet, Validators
from wiretrace.sources.collect import fetch_pages, poll_outlets
from wiretrace.sources.fetch import Fetcher, FetchPolicy

FAST = FetchPolicy(per_host_delay=0, backoff=0.01, retries=1, total_timeout=5)
NOW = datetime(2025, 6, 13, 4, 0, tzinfo=UTC)
LAST_MODIFIED = "Wed, 11 Jun 2025 08:00:00 GMT"
RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
    "<item><title>One</title><link>{base}/a/one.html</link></item>"
    "<item><title>Two</title><link>{base}/a/two.html</link></item>"
    "</channel></rss>"
)
PAGE = "<html><body><article><h1>One</h1><p>Text.</p></article></body></html>"


@pytest.fixture
def server():
    yield from local_server()


@pytest.fixture
def other():
    yield from local_server()


def local(server: LocalServer, *feeds: str) -> Outlet:
    return Outlet(
        id="local",
        name="Local",
        allow_private=True,
        feeds=tuple(server.url(f) for f in feeds),
    )


def poll(outlet: Outlet, validators=None):
    with Fetcher(FAST) as fetcher:
        return poll_outlets(
            [outlet], fetcher, run_id="r", archive=None, validators=validators or {}, now=NOW
        )


def fetch(outlet: Outlet, urls: list[str], *, validators=None, policy=FAST, robots=None):
    entries = [FeedEntry(outlet.id, "feed", f"k{i}", url, "t", None) for i, url in enumerate(urls)]
    with Fetcher(policy) as fetcher:
        return fetch_pages(
            entries,
            {outlet.id: outlet},
            fetcher,
            run_id="r",
            archive=None,
            validators=validators or {},
            robots=robots,
            concurrency=1,
        )


# ---- conditional GET by Last-Modified ----------------------------------------------------------


def test_a_feed_with_only_last_modified_is_asked_if_modified_since_and_its_304_not_parsed(
    server: LocalServer,
):
    server.routes["/rss"] = modified_since(RSS.format(base=server.base), LAST_MODIFIED)
    outlet = local(server, "/rss")
    first = poll(outlet)
    (state,) = first.feed_states
    assert len(first.entries) == 2 and state.last_modified == LAST_MODIFIED and state.etag == ""
    assert "If-Modified-Since" not in server.requests[-1][1]  # nothing known yet

    known = {state.feed_url: Validators(state.etag, state.last_modified, state.body_sha256)}
    second = poll(outlet, known)
    assert server.requests[-1][1]["If-Modified-Since"] == LAST_MODIFIED
    (again,) = second.feed_states
    assert again.last_status == 304 and again.entries_seen == -1 and second.entries == []
    assert again.last_modified == LAST_MODIFIED  # kept for the next conditional GET


def test_a_page_is_asked_if_modified_since_its_last_fetch_and_a_304_is_unchanged(
    server: LocalServer,
):
    server.routes["/a/one.html"] = modified_since(PAGE, LAST_MODIFIED)
    outlet = local(server)
    url = server.url("/a/one.html")
    first = fetch(outlet, [url])
    (fetched,) = [f for f in first.fetches if f.purpose == "page"]
    assert fetched.status == 200 and fetched.last_modified == LAST_MODIFIED
    assert len(first.pages) == 1

    second = fetch(outlet, [url], validators={url: Validators(last_modified=LAST_MODIFIED)})
    assert server.requests[-1][1]["If-Modified-Since"] == LAST_MODIFIED
    assert [f.status for f in second.fetches if f.purpose == "page"] == [304]
    assert second.pages == [] and second.unchanged == 1 and second.errors == []


# ---- robots.txt on each redirect hop ------------------------------------------------------------


def test_a_redirect_into_a_disallowed_path_is_skipped_on_that_hop(server: LocalServer):
    server.routes["/robots.txt"] = static(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    server.routes["/a/moved.html"] = static(
        "", status=301, headers={"Location": "/private/secret.html"}
    )
    server.routes["/private/secret.html"] = static(PAGE)
    result = fetch(local(server), [server.url("/a/moved.html")])
    (page,) = [f for f in result.fetches if f.purpose == "page"]
    assert page.status is None and page.final_url == server.url("/private/secret.html")
    assert page.error == "skipped: robots.txt disallows /private/secret.html"
    assert server.hits("/a/moved.html") == 1 and server.hits("/private/secret.html") == 0


def test_a_redirect_to_another_host_reads_that_hosts_robots_txt_first(
    server: LocalServer, other: LocalServer
):
    server.routes["/a/out.html"] = static("", status=302, headers={"Location": other.url("/n/x")})
    other.routes["/robots.txt"] = static("User-agent: *\nDisallow: /\n", content_type="text/plain")
    other.routes["/n/x"] = static(PAGE)
    result = fetch(local(server), [server.url("/a/out.html")])
    (page,) = [f for f in result.fetches if f.purpose == "page"]
    assert page.error == "skipped: robots.txt disallows /n/x"
    assert server.hits("/robots.txt") == 1 and other.hits("/robots.txt") == 1
    assert other.hits("/n/x") == 0
    robots = sorted(f.url for f in result.fetches if f.purpose == "robots")
    assert robots == sorted([server.url("/robots.txt"), other.url("/robots.txt")])


def test_a_redirect_to_a_host_whose_robots_txt_does_not_answer_fetches_nothing_there(
    server: LocalServer, other: LocalServer
):
    server.routes["/a/out.html"] = static("", status=302, headers={"Location": other.url("/n/x")})
    other.routes["/robots.txt"] = static("down", status=503)
    other.routes["/n/x"] = static(PAGE)
    result = fetch(local(server), [server.url("/a/out.html")])
    (page,) = [f for f in result.fetches if f.purpose == "page"]
    assert page.error == "skipped: robots.txt unreachable (HTTP 503), nothing fetched"
    assert other.hits("/n/x") == 0


# ---- no robots answer disallows all, for the run ------------------------------------------------


@pytest.mark.parametrize(
    ("robots", "reason"),
    [
        (static("oops", status=500), "HTTP 500"),
        (static("busy", status=503), "HTTP 503"),
        (static("slow down", status=429), "HTTP 429"),
        (hang_up, "connection error"),
    ],
    ids=["500", "503", "429", "no-answer"],
)
def test_no_robots_answer_disallows_everything_for_the_run(server: LocalServer, robots, reason):
    server.routes["/robots.txt"] = robots
    server.routes["/rss"] = static(RSS.format(base=server.base))
    server.routes["/a/one.html"] = static(PAGE)
    outlet = local(server, "/rss")
    polled = poll(outlet)
    (state,) = polled.feed_states
    assert state.last_error.startswith(f"skipped: robots.txt unreachable ({reason}")
    assert state.last_error.endswith("nothing fetched")
    pages = fetch(outlet, [server.url("/a/one.html")], robots=polled.robots)
    assert [f.error for f in pages.fetches if f.purpose == "page"] == [state.last_error]
    assert server.hits("/rss") == 0 and server.hits("/a/one.html") == 0

    # The next run reads robots.txt again; once it answers, the site is fetched.
    server.routes["/robots.txt"] = static("", status=404)
    later = poll(outlet)
    assert len(later.entries) == 2 and server.hits("/rss") == 1


@pytest.mark.parametrize("status", [401, 403, 404, 410])
def test_a_robots_txt_answering_4xx_allows_everything(server: LocalServer, status):
    # RFC 9309 2.3.1.3: "unavailable" robots.txt (4xx but 429) means no rules.
    server.routes["/robots.txt"] = static("no", status=status)
    server.routes["/rss"] = static(RSS.format(base=server.base))
    polled = poll(local(server, "/rss"))
    assert len(polled.entries) == 2 and polled.feed_states[0].last_error is None


# ---- the Crawl-delay cap ----------------------------------------------------------------------


def test_crawl_delay_is_honoured_only_up_to_the_policys_cap(server: LocalServer):
    server.routes["/robots.txt"] = static(
        "User-agent: *\nCrawl-delay: 3600\n", content_type="text/plain"
    )
    server.routes["/a/one.html"] = static(PAGE)
    policy = FetchPolicy(per_host_delay=0, backoff=0.01, retries=0, max_crawl_delay=0.5)
    started = time.monotonic()
    result = fetch(local(server), [server.url(f"/a/one.html?{i}") for i in range(3)], policy=policy)
    spent = time.monotonic() - started
    assert [f.status for f in result.fetches if f.purpose == "page"] == [200, 200, 200]
    assert 1.0 <= spent < 3  # three pages, two capped delays apart; never an hour
    assert FetchPolicy().max_crawl_delay == 10.0  # the README's "honoured up to 10 s"


def test_a_crawl_delay_shorter_than_the_per_host_delay_does_not_shorten_it(server: LocalServer):
    server.routes["/robots.txt"] = static(
        "User-agent: *\nCrawl-delay: 0.01\n", content_type="text/plain"
    )
    server.routes["/a/one.html"] = static(PAGE)
    policy = FetchPolicy(per_host_delay=0.4, backoff=0.01, retries=0)
    started = time.monotonic()
    fetch(local(server), [server.url(f"/a/one.html?{i}") for i in range(3)], policy=policy)
    assert time.monotonic() - started >= 0.8


# ---- connect and read timeouts ----------------------------------------------------------------


def test_a_server_that_accepts_and_never_answers_hits_the_read_timeout():
    policy = FetchPolicy(
        per_host_delay=0, backoff=0.01, retries=1, read_timeout=0.3, connect_timeout=5.0
    )
    with silent_server() as port, Fetcher(policy) as fetcher:
        started = time.monotonic()
        response = fetcher.get(f"http://127.0.0.1:{port}/feed", allow_private=True)
        spent = time.monotonic() - started
    assert response.status is None and response.error == "timeout: ReadTimeout"
    assert [r.error for r in response.history] == ["timeout: ReadTimeout"]  # retried once
    assert 0.6 <= spent < 4


def test_a_body_paused_longer_than_the_read_timeout_is_a_read_timeout(server: LocalServer):
    server.routes["/slow"] = trickle(every=2.0, chunks=3)
    policy = FetchPolicy(per_host_delay=0, retries=0, read_timeout=0.3, total_timeout=30)
    with Fetcher(policy) as fetcher:
        started = time.monotonic()
        response = fetcher.get(server.url("/slow"), allow_private=True)
    assert response.error == "timeout: ReadTimeout" and time.monotonic() - started < 1.9


def test_a_server_that_never_accepts_hits_the_connect_timeout():
    policy = FetchPolicy(
        per_host_delay=0, backoff=0.01, retries=1, connect_timeout=0.3, read_timeout=30.0
    )
    with unaccepting_port() as port, Fetcher(policy) as fetcher:
        started = time.monotonic()
        response = fetcher.get(f"http://127.0.0.1:{port}/feed", allow_private=True)
        spent = time.monotonic() - started
    assert response.status is None and response.error == "timeout: ConnectTimeout"
    assert [r.error for r in response.history] == ["timeout: ConnectTimeout"]
    assert 0.6 <= spent < 4
