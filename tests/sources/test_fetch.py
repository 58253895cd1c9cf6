"""Fetching is bounded and guarded; every outcome is a Response with a reason, never a crash."""

import gzip
import threading
import time
import tracemalloc
import zlib

import pytest
from ingest_support import (
    LocalServer,
    LoopbackDialer,
    StubResolver,
    gzip_bomb,
    huge,
    local_server,
    send,
    sequence,
    static,
    trickle,
)
from werkzeug import Response as WResponse

from wiretrace.sources.archive import WarcArchive, read_record
from wiretrace.sources.collect import record_fetch
from wiretrace.sources.fetch import Fetcher, FetchPolicy, address_refusal, check_user_agent

FAST = FetchPolicy(per_host_delay=0, backoff=0.01, retries=2, max_bytes=1_000_000, total_timeout=5)


@pytest.mark.parametrize(
    ("address", "fragment"),
    [
        ("169.254.169.254", "metadata"),
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("172.16.5.4", "private"),
        ("169.254.10.10", "link-local"),
        ("fe80::1", "link-local"),
        ("::ffff:127.0.0.1", "loopback"),
        ("100.64.0.1", "shared"),
    ],
)
def test_guard_refuses_private_and_metadata_addresses(address, fragment):
    # Pure decision on a string: nothing is connected to.
    reason = address_refusal(address)
    assert reason is not None and fragment in reason


def test_guard_allows_public_addresses():
    assert address_refusal("8.8.8.8") is None
    assert address_refusal("2a00:1450:4001:80b::200e") is None


def test_loopback_outlet_without_allow_private_is_refused_before_any_request(httpserver):
    httpserver.expect_request("/feed").respond_with_data("<rss/>")
    with Fetcher(FAST) as fetcher:
        response = fetcher.get(httpserver.url_for("/feed"), allow_private=False)
    assert response.status is None
    assert response.error is not None and "loopback" in response.error
    assert len(httpserver.log) == 0


def test_redirect_to_loopback_is_refused_for_a_public_outlet(httpserver):
    # The first hop's name resolves (in a stub) to a public address, which the dialer takes to
    # this server as if it were a public host; its redirect to a loopback address must be refused.
    httpserver.expect_request("/story").respond_with_data(
        "", status=302, headers={"Location": "http://127.0.0.1:9/secret"}
    )
    resolver = StubResolver({"news.example.com": [["93.184.216.34"]]})
    dialer = LoopbackDialer({"93.184.216.34": httpserver.port})
    with Fetcher(FAST, resolver=resolver, dialer=dialer) as fetcher:
        response = fetcher.get("http://news.example.com/story")
    assert (
        response.error is not None and "refused" in response.error and "loopback" in response.error
    )
    assert [r.status for r in response.history] == [302]
    assert dialer.dialed == [("93.184.216.34", 80)]


def test_404_and_content_type_are_reasons(httpserver):
    httpserver.expect_request("/missing").respond_with_data("nope", status=404)
    httpserver.expect_request("/doc.pdf").respond_with_data(
        b"%PDF-1.4", content_type="application/pdf"
    )
    with Fetcher(FAST) as fetcher:
        missing = fetcher.get(httpserver.url_for("/missing"), allow_private=True)
        pdf = fetcher.get(httpserver.url_for("/doc.pdf"), allow_private=True)
    assert missing.status == 404 and missing.error == "HTTP 404"
    assert pdf.error == "content type application/pdf is not parsed" and pdf.body == b""


def test_500_then_200_is_retried(httpserver):
    httpserver.expect_ordered_request("/flaky").respond_with_data("down", status=500)
    httpserver.expect_ordered_request("/flaky").respond_with_data(
        "<html>ok</html>", content_type="text/html"
    )
    with Fetcher(FAST) as fetcher:
        response = fetcher.get(httpserver.url_for("/flaky"), allow_private=True)
    assert response.ok and response.body == b"<html>ok</html>"


def test_redirect_loop_stops(httpserver):
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    with Fetcher(FAST) as fetcher:
        response = fetcher.get(httpserver.url_for("/a"), allow_private=True)
    assert response.error == "more than 5 redirects"


def test_gzip_bomb_is_cut_off_not_inflated(httpserver):
    bomb = gzip.compress(b"\0" * 20_000_000)  # 20 MB inflated, about 20 kB on the wire
    httpserver.expect_request("/bomb").respond_with_response(
        WResponse(bomb, headers={"Content-Encoding": "gzip", "Content-Type": "text/html"})
    )
    with Fetcher(FAST) as fetcher:
        response = fetcher.get(httpserver.url_for("/bomb"), allow_private=True)
    assert response.error is not None and "larger than 1000000 bytes" in response.error
    assert response.body == b""


def test_conditional_get_answers_304(httpserver):
    httpserver.expect_request("/feed", headers={"If-None-Match": '"v1"'}).respond_with_data(
        "", status=304
    )
    with Fetcher(FAST) as fetcher:
        response = fetcher.get(httpserver.url_for("/feed"), allow_private=True, etag='"v1"')
    assert response.status == 304 and response.error is None


def test_archive_stores_identical_payloads_once_and_reads_back(httpserver, tmp_path):
    httpserver.expect_request("/page").respond_with_data(
        "<html>same</html>", content_type="text/html"
    )
    archive = WarcArchive(tmp_path, "t")
    with Fetcher(FAST) as fetcher:
        first = archive.write(fetcher.get(httpserver.url_for("/page"), allow_private=True))
        second = archive.write(fetcher.get(httpserver.url_for("/page"), allow_private=True))
    assert not first.revisit and second.revisit
    assert first.payload_sha256 == second.payload_sha256
    record = read_record(tmp_path / first.warc_file, first.offset)
    assert record.record_type == "response" and record.body == b"<html>same</html>"
    revisit = read_record(tmp_path / second.warc_file, second.offset)
    assert revisit.record_type == "revisit" and revisit.refers_to_uri.endswith("/page")


# ---- bounds and politeness against a threaded local server ------------------------------------


@pytest.fixture
def server():
    yield from local_server()


def test_429_waits_for_retry_after_then_succeeds(server: LocalServer):
    server.routes["/busy"] = sequence(
        static("slow down", status=429, headers={"Retry-After": "1"}),
        static("<html>ok</html>"),
    )
    started = time.monotonic()
    with Fetcher(FAST) as fetcher:
        response = fetcher.get(server.url("/busy"), allow_private=True)
    assert response.ok and time.monotonic() - started >= 1.0
    assert [r.status for r in response.history] == [429]  # the refusal is kept for the archive


def test_retry_after_beyond_the_policy_gives_up_at_once_and_says_how_long(server: LocalServer):
    server.routes["/later"] = static("", status=503, headers={"Retry-After": "3600"})
    with Fetcher(FAST) as fetcher:
        response = fetcher.get(server.url("/later"), allow_private=True)
    assert response.status == 503 and response.error == "HTTP 503"
    assert response.retry_after == 3600 and server.hits("/later") == 1


def test_connection_refused_is_retried_then_recorded():
    with Fetcher(FAST) as fetcher:
        response = fetcher.get("http://127.0.0.1:9/nothing", allow_private=True)
    assert response.status is None and response.error.startswith("connection error")
    assert len(response.history) == FAST.retries


def test_a_body_that_trickles_slower_than_the_total_timeout_is_cut_off(server: LocalServer):
    server.routes["/slow"] = trickle(every=0.2, chunks=50)
    policy = FetchPolicy(per_host_delay=0, total_timeout=1.0, read_timeout=5.0, retries=2)
    started = time.monotonic()
    with Fetcher(policy) as fetcher:
        response = fetcher.get(server.url("/slow"), allow_private=True)
    assert response.error == "timeout: body not received within 1s"
    assert response.truncated == "time" and response.body == b""
    assert time.monotonic() - started < 3  # not retried: the server is up, only slow
    assert server.hits("/slow") == 1


def test_a_50_mb_body_is_cut_off_at_the_limit_in_bounded_memory(server: LocalServer):
    server.routes["/big"] = huge(50 * 1024 * 1024)
    policy = FetchPolicy(per_host_delay=0, retries=0)  # the default 10 MB limits
    tracemalloc.start()
    try:
        with Fetcher(policy) as fetcher:
            response = fetcher.get(server.url("/big"), allow_private=True)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert response.error is not None and "larger than 10485760 bytes" in response.error
    assert response.body == b"" and response.truncated == "length"
    assert peak < 3 * policy.max_bytes


def test_a_declared_content_length_over_the_limit_is_refused_unread(server: LocalServer):
    server.routes["/big"] = huge(50 * 1024 * 1024, declare_length=True)
    with Fetcher(FAST) as fetcher:
        response = fetcher.get(server.url("/big"), allow_private=True)
    assert (
        response.error == f"body larger than {FAST.max_wire_bytes} bytes (Content-Length 52428800)"
    )


def test_a_gzip_bomb_is_never_inflated_past_the_limit(server: LocalServer):
    bomb = gzip_bomb(256 * 1024 * 1024)  # 256 MB of zeros in about 250 kB
    server.routes["/bomb"] = static(bomb, headers={"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        with Fetcher(FAST) as fetcher:
            response = fetcher.get(server.url("/bomb"), allow_private=True)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert response.error == "body larger than 1000000 bytes (decompressed)"
    assert peak < 8 * 1024 * 1024  # the limit plus a step, never the 256 MB


@pytest.mark.parametrize("wbits", [zlib.MAX_WBITS, -zlib.MAX_WBITS, 16 + zlib.MAX_WBITS])
def test_gzip_and_both_kinds_of_deflate_are_decoded(server: LocalServer, wbits):
    page = b"<html><body>" + "caf\u00e9 ".encode() * 1000 + b"</body></html>"
    packer = zlib.compressobj(6, zlib.DEFLATED, wbits)
    encoding = "gzip" if wbits > zlib.MAX_WBITS else "deflate"
    server.routes["/z"] = static(
        packer.compress(page) + packer.flush(), headers={"Content-Encoding": encoding}
    )
    with Fetcher(FAST) as fetcher:
        response = fetcher.get(server.url("/z"), allow_private=True)
    assert response.ok and response.body == page


def test_an_unasked_content_encoding_is_a_reason(server: LocalServer):
    server.routes["/br"] = static(b"\x1b\x00", headers={"Content-Encoding": "br"})
    with Fetcher(FAST) as fetcher:
        response = fetcher.get(server.url("/br"), allow_private=True)
    assert response.error == "unsupported content-encoding 'br'"


def test_concurrency_is_limited_across_all_hosts(server: LocalServer):
    # Counted in the handler, and let go before the answer is sent: a client can only start
    # its next request after reading this answer, so the count cannot see a request that the
    # client has already finished (the server's own count can, under load).
    lock = threading.Lock()
    busy = [0, 0]  # now, most

    def slow(request):
        with lock:
            busy[0] += 1
            busy[1] = max(busy[1], busy[0])
        time.sleep(0.2)
        with lock:
            busy[0] -= 1
        send(request, b"<html>ok</html>")

    server.routes["/slow"] = slow
    policy = FetchPolicy(per_host_delay=0, max_concurrency=2)
    with Fetcher(policy) as fetcher:
        threads = [
            threading.Thread(
                target=fetcher.get, args=(server.url(f"/slow?{i}"),), kwargs={"allow_private": True}
            )
            for i in range(6)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert busy[1] == 2 and len(server.requests) == 6


def test_requests_to_one_host_keep_the_minimum_delay(server: LocalServer):
    server.routes["/p"] = static("<html>ok</html>")
    policy = FetchPolicy(per_host_delay=0.3)
    started = time.monotonic()
    with Fetcher(policy) as fetcher:
        for i in range(3):
            fetcher.get(server.url(f"/p?{i}"), allow_private=True)
    assert time.monotonic() - started >= 0.6


def test_user_agent_names_a_contact_and_is_sent(server: LocalServer):
    server.routes["/ua"] = static("<html>ok</html>")
    agent = check_user_agent("newsroom-bot/2 (+https://newsroom.example/bot)")
    with Fetcher(FetchPolicy(per_host_delay=0, user_agent=agent)) as fetcher:
        fetcher.get(server.url("/ua"), allow_private=True)
    assert server.requests[0][1]["User-Agent"] == agent
    assert check_user_agent("desk <desk@newsroom.example>")
    with pytest.raises(ValueError, match="no contact"):
        check_user_agent("python-requests/2.31")


def test_redirect_hops_and_retries_are_archived_before_the_answer(server: LocalServer, tmp_path):
    server.routes["/old"] = static("", status=301, headers={"Location": "/new"})
    server.routes["/new"] = sequence(static("down", status=500), static("<html>new</html>"))
    archive = WarcArchive(tmp_path, "t")
    with Fetcher(FAST) as fetcher:
        response = fetcher.get(server.url("/old"), allow_private=True)
    fetch = record_fetch(response, run_id="r", outlet_id="o", purpose="page", archive=archive)
    assert fetch.url.endswith("/old") and fetch.final_url.endswith("/new") and fetch.status == 200
    assert [r.status for r in response.history] == [301, 500]
    (warc,) = tmp_path.glob("*.warc.gz")
    from warcio.archiveiterator import ArchiveIterator

    with warc.open("rb") as handle:
        statuses = [r.http_headers.get_statuscode() for r in ArchiveIterator(handle)]
    assert statuses == ["301", "500", "200"]


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/x"])
def test_allow_private_never_opens_metadata_or_link_local(url):
    # A decision on the URL string only: nothing is connected to.
    fetcher = Fetcher()
    assert fetcher.refusal(url, allow_private=True) is not None
    assert fetcher.refusal("http://127.0.0.1:9/feed", allow_private=True) is None
