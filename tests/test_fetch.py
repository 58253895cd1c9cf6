"""Fetching is bounded and guarded; every outcome is a Response with a reason, never a crash."""

import gzip

import pytest
from werkzeug import Response as WResponse

from sources.archive import WarcArchive, read_record
from sources.fetch import Fetcher, FetchPolicy, address_refusal

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
    # The first hop is pinned to this server as if it were a public host; its redirect to a
    # loopback address must be refused.
    httpserver.expect_request("/story").respond_with_data(
        "", status=302, headers={"Location": "http://127.0.0.1:9/secret"}
    )
    fetcher = Fetcher(FAST, resolve={"news.example.com": ("127.0.0.1", httpserver.port)})
    fetcher_refusal = fetcher.refusal
    fetcher.refusal = lambda url, allow_private: (  # type: ignore[method-assign]
        None
        if url.startswith("http://news.example.com")
        else fetcher_refusal(url, allow_private=False)
    )
    with fetcher:
        response = fetcher.get("http://news.example.com/story")
    assert (
        response.error is not None and "refused" in response.error and "loopback" in response.error
    )


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
