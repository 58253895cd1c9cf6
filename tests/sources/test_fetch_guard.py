"""The address guard: every spelling and every DNS answer of a private address is refused, and
the connection goes only to the address that was checked (resolved once, never again).

Nothing here connects outside 127.0.0.0/8: public addresses are strings in a stub resolver,
and the stub dialer takes the connections made to them to a local server.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from ingest_support import (
    LocalServer,
    LoopbackDialer,
    StubResolver,
    local_server,
    sequence,
    static,
    tls_contexts,
)

from wiretrace.sources.fetch import Fetcher, FetchPolicy, system_resolver

FAST = FetchPolicy(per_host_delay=0, backoff=0.01, retries=1, total_timeout=5)
PUBLIC = "93.184.216.34"
OTHER_PUBLIC = "151.101.1.67"


@pytest.fixture
def server():
    yield from local_server()


@contextmanager
def keep_alive_server() -> Iterator[LocalServer]:
    server = LocalServer(keep_alive=True).start()
    try:
        yield server
    finally:
        server.stop()


def guarded_fetch(url: str, resolver: StubResolver | None = None, **options):
    """Fetch `url` for an outlet without allow_private; returns the response, resolver, dialer."""
    resolver = resolver or StubResolver()
    dialer = LoopbackDialer()
    with Fetcher(FAST, resolver=resolver, dialer=dialer) as fetcher:
        response = fetcher.get(url, allow_private=False, **options)
    return response, resolver, dialer


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("http://127.0.0.1/", "127.0.0.1 is a loopback"),
        ("http://127.1/", "127.0.0.1 is a loopback"),
        ("http://2130706433/", "127.0.0.1 is a loopback"),
        ("http://0x7f000001/", "127.0.0.1 is a loopback"),
        ("http://0X7F000001/", "127.0.0.1 is a loopback"),
        # Dotted quads with leading zeros (octal to inet_aton) are not URLs httpx will request.
        ("http://0177.0.0.1/", "invalid URL: Invalid IPv4 address"),
        ("http://0x7f.1/", "127.0.0.1 is a loopback"),
        ("http://127.0.0.1./", "127.0.0.1 is a loopback"),
        ("http://127.255.255.254:8080/", "127.255.255.254 is a loopback"),
        ("https://127.0.0.1:8443/", "127.0.0.1 is a loopback"),
        ("http://public.example@127.0.0.1/", "127.0.0.1 is a loopback"),
        ("http://[::1]/", "::1 is a loopback"),
        ("http://[0:0:0:0:0:0:0:1]/", "::1 is a loopback"),
        ("http://[::ffff:127.0.0.1]/", "127.0.0.1 is a loopback"),
        ("http://[::ffff:7f00:1]/", "127.0.0.1 is a loopback"),
        ("http://[64:ff9b::7f00:1]/", "127.0.0.1 is a loopback"),  # NAT64
        ("http://[2002:7f00:1::1]/", "127.0.0.1 is a loopback"),  # 6to4
        ("http://0.0.0.0/", "0.0.0.0 is the unspecified"),
        ("http://0/", "0.0.0.0 is the unspecified"),
        ("http://[::]/", ":: is the unspecified"),
        ("http://10.0.0.1/", "10.0.0.1 is a private"),
        ("http://10.1/", "10.0.0.1 is a private"),
        ("http://012.0.0.1/", "invalid URL: Invalid IPv4 address"),
        ("http://0x0a.1/", "10.0.0.1 is a private"),
        ("http://172.16.0.1/", "172.16.0.1 is a private"),
        ("http://172.31.255.1/", "172.31.255.1 is a private"),
        ("http://192.168.1.1/", "192.168.1.1 is a private"),
        ("http://192.168.257/", "192.168.1.1 is a private"),
        ("http://[fd00::1]/", "fd00::1 is a private"),  # unique local
        ("http://[fc00::1]/", "fc00::1 is a private"),
        ("http://[::ffff:10.0.0.1]/", "10.0.0.1 is a private"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata"),
        ("http://[::ffff:169.254.169.254]/", "169.254.169.254 is a cloud metadata"),
        ("http://[fd00:ec2::254]/", "fd00:ec2::254 is a cloud metadata"),
        ("http://100.100.100.200/", "100.100.100.200 is a cloud metadata"),
        ("http://169.254.1.1/", "169.254.1.1 is a link-local"),
        ("http://[fe80::1]/", "fe80::1 is a link-local"),
        ("http://100.64.0.1/", "100.64.0.1 is a shared (carrier-grade NAT)"),
        ("http://100.127.255.254/", "100.127.255.254 is a shared (carrier-grade NAT)"),
        ("http://224.0.0.1/", "224.0.0.1 is a multicast"),
        ("http://239.255.255.250/", "239.255.255.250 is a multicast"),
        ("http://[ff02::1]/", "ff02::1 is a multicast"),
        ("http://240.0.0.1/", "240.0.0.1 is a private or reserved"),
        ("http://198.18.0.1/", "198.18.0.1 is a private or reserved"),  # benchmarking
        ("http://192.0.2.1/", "192.0.2.1 is a private or reserved"),  # documentation
    ],
)
def test_every_spelling_of_a_private_address_is_refused_without_resolving(url, fragment):
    response, resolver, dialer = guarded_fetch(url)
    assert response.status is None
    assert response.error is not None and response.error.startswith("refused: ")
    assert fragment in response.error
    assert resolver.asked == []  # an address in any spelling is read, never looked up
    assert dialer.dialed == []


@pytest.mark.parametrize(
    ("answers", "fragment"),
    [
        (["127.0.0.1"], "127.0.0.1 is a loopback"),
        (["::1"], "::1 is a loopback"),
        (["127.0.0.1", "::1"], "is a loopback"),
        (["10.20.30.40"], "10.20.30.40 is a private"),
        (["192.168.0.2"], "192.168.0.2 is a private"),
        (["::ffff:192.168.0.2"], "192.168.0.2 is a private"),
        (["fd12:3456::1"], "fd12:3456::1 is a private"),
        (["169.254.169.254"], "169.254.169.254 is a cloud metadata"),
        (["fe80::1%eth0"], "fe80::1 is a link-local"),
        (["100.64.1.1"], "100.64.1.1 is a shared"),
        (["0.0.0.0"], "0.0.0.0 is the unspecified"),
        (["224.0.0.251"], "224.0.0.251 is a multicast"),
        # One private answer among public ones: the connection could go to any of them.
        ([PUBLIC, "127.0.0.1"], "127.0.0.1 is a loopback"),
        ([PUBLIC, OTHER_PUBLIC, "10.0.0.1"], "10.0.0.1 is a private"),
    ],
)
def test_a_name_resolving_to_a_private_address_is_refused(answers, fragment):
    resolver = StubResolver({"news.example.com": [answers]})
    response, resolver, dialer = guarded_fetch("http://news.example.com/story", resolver)
    assert response.error is not None and response.error.startswith(
        "refused: news.example.com resolves to "
    )
    assert fragment in response.error
    assert resolver.asked == ["news.example.com"] and dialer.dialed == []


@pytest.mark.parametrize(
    "url", ["http://localhost/", "http://LOCALHOST:8080/feed", "http://localhost./"]
)
def test_localhost_is_refused_for_an_outlet_without_allow_private(url):
    resolver = StubResolver({"localhost": [["127.0.0.1", "::1"]], "localhost.": [["127.0.0.1"]]})
    response, resolver, dialer = guarded_fetch(url, resolver)
    assert response.error is not None and "resolves to 127.0.0.1 is a loopback" in response.error
    assert len(resolver.asked) == 1 and dialer.dialed == []


def test_localhost_is_refused_by_what_the_system_resolver_answers():
    # The system's own answer for localhost (the hosts file, no DNS query).
    dialer = LoopbackDialer()
    with Fetcher(FAST, dialer=dialer) as fetcher:
        response = fetcher.get("http://localhost:9/feed", allow_private=False)
    assert system_resolver("localhost", 9)  # the name does resolve here
    assert response.error is not None and response.error.startswith("refused: localhost resolves")
    assert "loopback" in response.error and dialer.dialed == []


def test_metadata_by_name_is_refused_even_with_allow_private():
    resolver = StubResolver({"metadata.google.internal": [["169.254.169.254"]]})
    dialer = LoopbackDialer()
    with Fetcher(FAST, resolver=resolver, dialer=dialer) as fetcher:
        response = fetcher.get("http://metadata.google.internal/", allow_private=True)
    assert response.error == (
        "refused: metadata.google.internal resolves to 169.254.169.254 is a cloud metadata address"
    )
    assert dialer.dialed == []


def test_a_rebinding_name_is_asked_once_and_connected_to_the_checked_address(
    server: LocalServer,
):
    # The name answers a public address first and loopback after: the guard checks the first
    # answer and the connection goes to it; a second lookup (which would reach loopback) is
    # never made for this fetch.
    server.routes["/page"] = static("<html>public page</html>")
    resolver = StubResolver({"rebind.example": [[PUBLIC], ["127.0.0.1"]]})
    dialer = LoopbackDialer({PUBLIC: server.port})
    with Fetcher(FAST, resolver=resolver, dialer=dialer) as fetcher:
        first = fetcher.get("http://rebind.example/page", allow_private=False)
        second = fetcher.get("http://rebind.example/page", allow_private=False)
    assert first.ok and first.body == b"<html>public page</html>"
    assert dialer.dialed == [(PUBLIC, 80)]  # never 127.0.0.1
    assert server.requests[0][1]["Host"] == "rebind.example"  # the name, not the address
    # The next fetch asks again, gets loopback, and is refused before any connection.
    assert second.error == "refused: rebind.example resolves to 127.0.0.1 is a loopback address"
    assert resolver.asked == ["rebind.example", "rebind.example"]
    assert server.hits("/page") == 1


def test_the_guards_decision_on_a_rebinding_name_is_made_on_one_answer():
    # The decision alone, on strings: nothing is connected to.
    resolver = StubResolver({"rebind.example": [[PUBLIC], ["127.0.0.1"]]})
    fetcher = Fetcher(FAST, resolver=resolver, dialer=LoopbackDialer())
    allowed = fetcher.admit("http://rebind.example/x", allow_private=False)
    refused = fetcher.admit("http://rebind.example/x", allow_private=False)
    assert allowed.refusal is None and allowed.addresses == ((PUBLIC, 80),)
    assert refused.refusal == "rebind.example resolves to 127.0.0.1 is a loopback address"
    assert refused.addresses == ()


def test_retries_of_a_hop_reuse_its_checked_address(server: LocalServer):
    server.routes["/flaky"] = sequence(static("down", status=500), static("<html>ok</html>"))
    resolver = StubResolver({"rebind.example": [[PUBLIC], ["127.0.0.1"]]})
    dialer = LoopbackDialer({PUBLIC: server.port})
    with Fetcher(FAST, resolver=resolver, dialer=dialer) as fetcher:
        response = fetcher.get("http://rebind.example/flaky", allow_private=False)
    assert response.ok and [r.status for r in response.history] == [500]
    assert resolver.asked == ["rebind.example"]
    assert dialer.dialed == [(PUBLIC, 80), (PUBLIC, 80)]


def test_each_redirect_hop_is_resolved_once_and_connected_to_its_checked_address(
    server: LocalServer,
):
    server.routes["/one"] = static("", status=302, headers={"Location": "http://b.example/two"})
    server.routes["/two"] = static("", status=301, headers={"Location": "http://c.example/three"})
    server.routes["/three"] = static("<html>secret</html>")
    resolver = StubResolver(
        {
            "a.example": [[PUBLIC]],
            "b.example": [[OTHER_PUBLIC]],
            "c.example": [["10.1.2.3"]],  # a redirect into the private network
        }
    )
    dialer = LoopbackDialer({PUBLIC: server.port, OTHER_PUBLIC: server.port})
    with Fetcher(FAST, resolver=resolver, dialer=dialer) as fetcher:
        response = fetcher.get("http://a.example/one", allow_private=False)
    assert (
        response.error == "refused: c.example resolves to 10.1.2.3 is a private or reserved address"
    )
    assert response.final_url == "http://c.example/three"
    assert [r.status for r in response.history] == [302, 301]
    assert resolver.asked == ["a.example", "b.example", "c.example"]
    assert dialer.dialed == [(PUBLIC, 80), (OTHER_PUBLIC, 80)]
    assert [h["Host"] for _, h in server.requests] == ["a.example", "b.example"]
    assert server.hits("/three") == 0


def test_a_name_that_does_not_resolve_is_a_connection_error_and_nothing_is_dialed():
    response, resolver, dialer = guarded_fetch("http://gone.example/x")
    assert response.status is None and response.error is not None
    assert response.error.startswith("connection error: gone.example does not resolve")
    assert resolver.asked == ["gone.example"] and dialer.dialed == []


def test_a_connection_opened_for_a_private_outlet_never_serves_an_unprivileged_one():
    # Keep-alive connections are pooled by host name. A private outlet's request to a name that
    # answered loopback leaves its connection open; the same name, answering public, for an
    # outlet without allow_private must get its own connection to the public address.
    with keep_alive_server() as private, keep_alive_server() as public:
        private.routes["/x"] = static("<html>private</html>")
        public.routes["/x"] = static("<html>public</html>")
        resolver = StubResolver({"shared.example": [["127.0.0.1"], [PUBLIC]]})
        dialer = LoopbackDialer({PUBLIC: public.port})
        url = f"http://shared.example:{private.port}/x"
        with Fetcher(FAST, resolver=resolver, dialer=dialer) as fetcher:
            first = fetcher.get(url, allow_private=True)
            second = fetcher.get(url, allow_private=False)
        assert first.body == b"<html>private</html>" and second.body == b"<html>public</html>"
        assert dialer.dialed == [("127.0.0.1", private.port), (PUBLIC, private.port)]
        assert private.hits("/x") == 1 and public.hits("/x") == 1


def test_https_sends_the_name_for_sni_and_verifies_the_certificate_against_it():
    server_tls, client_tls = tls_contexts("news.example.com")
    server = LocalServer(tls=server_tls).start()
    try:
        server.routes["/page"] = static("<html>over tls</html>")
        resolver = StubResolver({"news.example.com": [[PUBLIC]], "other.example.com": [[PUBLIC]]})
        dialer = LoopbackDialer({PUBLIC: server.port})
        with Fetcher(FAST, resolver=resolver, dialer=dialer, verify=client_tls) as fetcher:
            good = fetcher.get("https://news.example.com/page", allow_private=False)
            # The same address under another name: its certificate does not match.
            wrong = fetcher.get("https://other.example.com/page", allow_private=False)
    finally:
        server.stop()
    assert good.ok and good.body == b"<html>over tls</html>"
    assert server.server_names[0] == "news.example.com"
    assert server.requests[0][1]["Host"] == "news.example.com"
    assert dialer.dialed[0] == (PUBLIC, 443)
    assert wrong.status is None and wrong.error is not None
    assert wrong.error.startswith("connection error") and "certificate" in wrong.error.lower()
    assert server.hits("/page") == 1
