"""Bounded, identifying HTTP fetching with an address guard: the only place that talks HTTP."""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from wiretrace import __version__

LOGGER = logging.getLogger(__name__)

DEFAULT_USER_AGENT = f"wiretrace/{__version__} (+https://github.com/wiretrace/wiretrace; news corroboration research)"
# A crawler's User-Agent says who to contact: a URL or an e-mail address.
USER_AGENT_CONTACT = re.compile(r"https?://\S+|[\w.+-]+@[\w-]+\.[\w.-]+")
PARSEABLE_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/xml",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "text/plain",
)
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
RETRY_STATUSES = {500, 502, 503, 504}
# Cloud metadata endpoints live on link-local addresses; named here so the refusal says so.
METADATA_ADDRESSES = {"169.254.169.254", "fd00:ec2::254", "100.100.100.200"}
SHARED_ADDRESS_SPACE = ipaddress.ip_network("100.64.0.0/10")
# NAT64 gateways translate these to the IPv4 address in their last 32 bits (RFC 6052).
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")
# Every spelling of an IPv4 address the C resolver accepts (inet_aton): 127.1, 2130706433,
# 0x7f000001, 0177.0.0.1. Read here, so such a host is an address, never a name to resolve.
LEGACY_IPV4 = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+)){0,3}\.?", re.I)
# Only what we ask for in Accept-Encoding, so every byte is inflated under our own bound.
ACCEPT_ENCODING = "gzip, deflate"
INFLATE_STEP = 256 * 1024  # at most this many inflated bytes exist before the size check


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 20.0  # between two reads
    total_timeout: float = 60.0  # whole body, checked at every read
    max_wire_bytes: int = 10 * 1024 * 1024  # as sent, before decompression
    max_bytes: int = 10 * 1024 * 1024  # after decompression: a gzip bomb is cut off here
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 30.0  # a longer Retry-After ends the attempt; the feed backs off
    per_host_delay: float = 1.0
    max_crawl_delay: float = 10.0  # a robots.txt Crawl-delay is honoured up to this
    max_concurrency: int = 8  # requests in flight across all hosts


@dataclass(frozen=True, slots=True)
class Response:
    url: str
    final_url: str
    status: int | None
    error: str | None
    fetched_at: datetime
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    http_version: str = "HTTP/1.1"
    reason: str = ""
    truncated: str = (
        ""  # WARC-Truncated reason when the body was not kept: length | time | unspecified
    )
    history: tuple[Response, ...] = ()  # earlier attempts and redirect hops, oldest first
    seconds: float = 0.0  # time spent in the HTTP exchange of this response

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200

    def header(self, name: str) -> str:
        name = name.lower()
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return ""

    @property
    def content_type(self) -> str:
        return self.header("content-type").split(";")[0].strip().lower()

    @property
    def retry_after(self) -> float | None:
        """Seconds the server asked us to wait (429/503 Retry-After), or None."""
        return retry_after_seconds(self.header("retry-after"))


class _BodyError(Exception):
    def __init__(self, reason: str, truncated: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.truncated = truncated


def check_user_agent(user_agent: str) -> str:
    """The User-Agent if it names the crawler and a contact (URL or e-mail); else ValueError."""
    user_agent = " ".join(user_agent.split())
    if not user_agent or not USER_AGENT_CONTACT.search(user_agent):
        raise ValueError(
            f"User-Agent {user_agent!r} has no contact URL or e-mail: outlets must be able to "
            "reach whoever runs the crawler"
        )
    return user_agent


def _parse_ip(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address, or the IPv4 address an IPv6 one stands for (v4-mapped, NAT64, 6to4)."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip in NAT64_PREFIX:
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if ip.sixtofour is not None:
            return ip.sixtofour
    return ip


def always_refused(address: str) -> bool:
    """Link-local and cloud metadata addresses: refused even for allow_private outlets."""
    ip = _parse_ip(address)
    if ip is None:
        return True
    return str(ip) in METADATA_ADDRESSES or ip.is_link_local


def address_refusal(address: str) -> str | None:
    """Why connecting to this IP address is refused for an outlet without allow_private, or None.

    Pure: takes an address string, never connects.
    """
    ip = _parse_ip(address)
    if ip is None:
        return f"not an IP address: {address!r}"
    if str(ip) in METADATA_ADDRESSES:
        return f"{ip} is a cloud metadata address"
    if ip.is_loopback:
        return f"{ip} is a loopback address"
    if ip.is_link_local:
        return f"{ip} is a link-local address"
    if ip.is_multicast:
        return f"{ip} is a multicast address"
    if ip.is_unspecified:
        return f"{ip} is the unspecified address (this host)"
    if ip.is_private or ip.is_reserved:
        return f"{ip} is a private or reserved address"
    if isinstance(ip, ipaddress.IPv4Address) and ip in SHARED_ADDRESS_SPACE:
        return f"{ip} is a shared (carrier-grade NAT) address"
    if not ip.is_global:
        return f"{ip} is not a global address"
    return None


def ip_literal(host: str) -> str | None:
    """The IP address a URL host spells, in any form a resolver would read as one, or None.

    `[::1]`, `127.0.0.1`, and the forms inet_aton accepts (`127.1`, `2130706433`,
    `0x7f000001`, `0177.0.0.1`): all are addresses, checked as such and never resolved.
    """
    bare = host.strip("[]")
    try:
        return str(ipaddress.ip_address(bare.split("%")[0]))
    except ValueError:
        pass
    if LEGACY_IPV4.fullmatch(bare):
        try:
            return socket.inet_ntoa(socket.inet_aton(bare.rstrip(".")))
        except OSError:
            return None
    return None


def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for a host name, in its order of preference."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


Resolver = Callable[[str, int], Sequence[str]]


@dataclass(frozen=True, slots=True)
class Admission:
    """The guard's answer for one URL: why it must not be fetched, or where to connect.

    `host` and `port` are the origin as httpx connects to it (IDNA, no brackets); `addresses`
    are the checked (ip, port) pairs, in the resolver's order: the only ones connected to.
    """

    url: str
    host: str = ""
    port: int = 0
    addresses: tuple[tuple[str, int], ...] = ()
    refusal: str | None = None  # the guard's reason ("refused: " is added by get)
    error: str | None = None  # the host has no address: a connection error, not a refusal


class _PinnedBackend(httpcore.NetworkBackend):
    """Opens TCP connections only to the addresses the guard checked for this thread's request.

    httpcore connects in the thread that sends the request, and takes TLS SNI and the Host
    header from the URL, not from here: the name stays the name, only the address is pinned.
    A connection to an origin with no pin fails rather than resolving the name again.
    """

    def __init__(self, dialer: httpcore.NetworkBackend) -> None:
        self._dialer = dialer
        self._local = threading.local()

    @contextmanager
    def pinned(self, admission: Admission) -> Iterator[None]:
        self._local.admission = admission
        try:
            yield
        finally:
            self._local.admission = None

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        admission: Admission | None = getattr(self._local, "admission", None)
        if admission is None or (admission.host, admission.port) != (host, port):
            raise httpcore.ConnectError(f"no checked address for {host}:{port}")
        failure: Exception = httpcore.ConnectError(f"no address for {host}")
        for address, address_port in admission.addresses:
            try:
                return self._dialer.connect_tcp(
                    address,
                    address_port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                failure = exc  # the next checked address may answer
        raise failure

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are never connected to")

    def sleep(self, seconds: float) -> None:
        self._dialer.sleep(seconds)


class _PinnedTransport(httpx.HTTPTransport):
    """httpx's own transport (its error mapping, its pool) over the pinned network backend."""

    def __init__(
        self, backend: _PinnedBackend, *, limits: httpx.Limits, verify: ssl.SSLContext
    ) -> None:
        super().__init__(verify=verify, limits=limits, trust_env=False)
        # httpx takes no network backend: its pool is replaced by one with the same settings
        # (and the same TLS context: building one reads and parses the CA bundle).
        self._pool = httpcore.ConnectionPool(
            ssl_context=verify,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=backend,
        )


def tls_context(verify: ssl.SSLContext | bool = True) -> ssl.SSLContext:
    """The TLS trust of fetches, as httpx builds it from `verify` (certifi's roots for True).

    Building one reads and parses the CA bundle (tens of milliseconds): a run makes one and
    hands it to each of its fetchers, and a fetcher makes one for all its clients."""
    if isinstance(verify, ssl.SSLContext):
        return verify
    return httpx.create_ssl_context(verify=verify, trust_env=False)


def host_key(url: str) -> str:
    """The politeness unit of a URL: scheme-less host and port, lower case."""
    return urlsplit(url).netloc.lower()


class _Inflater:
    """Content-Encoding decoding that never holds more than `limit` inflated bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        codings = [c.strip().lower() for c in encoding.split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise _BodyError(f"unsupported content-encoding {encoding!r}", "unspecified")
        self.coding = codings[0] if codings else ""
        self.limit = limit
        self.size = 0
        self._zlib: zlib._Decompress | None = None
        if self.coding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._first = True

    def feed(self, data: bytes) -> bytes:
        if not self.coding:
            return self._count(data)
        if self.coding == "deflate" and self._first:
            # "deflate" is zlib-wrapped by the RFC and raw deflate in practice: sniff the header.
            wrapped = (
                len(data) >= 2 and data[0] & 0x0F == 8 and ((data[0] << 8) | data[1]) % 31 == 0
            )
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        self._first = False
        assert self._zlib is not None
        out: list[bytes] = []
        pending = data
        try:
            while pending:
                piece = self._zlib.decompress(pending, INFLATE_STEP)
                out.append(self._count(piece))
                pending = self._zlib.unconsumed_tail
                if self._zlib.eof and self._zlib.unused_data:
                    pending = self._zlib.unused_data  # a second gzip member follows
                    self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        except zlib.error as exc:
            raise _BodyError(f"undecodable body: {self.coding}: {exc}", "unspecified") from exc
        return b"".join(out)

    def _count(self, data: bytes) -> bytes:
        self.size += len(data)
        if self.size > self.limit:
            after = " (decompressed)" if self.coding else ""
            raise _BodyError(f"body larger than {self.limit} bytes{after}", "length")
        return data


@dataclass
class Fetcher:
    """Fetch URLs politely and within bounds; every outcome is a Response, never an exception.

    Each hop's host is resolved once (`resolver`), every address is checked, and the
    connection goes to a checked address only (`_PinnedBackend`), so a DNS answer that changes
    between the check and the connection (rebinding) cannot reach a private service.
    `resolve` pins host names to (ip, port), like curl's --resolve: the demo serves a stable
    virtual host from a local server on a free port, so URLs (and the keys made from them)
    stay the same from run to run. `dialer` opens the TCP connections to checked addresses
    (httpcore's own by default); `verify` is the TLS trust, as httpx takes it (a context is
    used as it is, and shared: `tls_context`).
    """

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    resolve: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    resolver: Resolver = system_resolver
    dialer: httpcore.NetworkBackend = field(default_factory=httpcore.SyncBackend)
    verify: ssl.SSLContext | bool = True
    # One pool per kind of outlet: a connection opened to a private address for an
    # allow_private outlet is never handed to a request of an outlet without it.
    _clients: dict[bool, tuple[httpx.Client, _PinnedBackend]] = field(default_factory=dict)
    _last_request: dict[str, float] = field(default_factory=dict)
    _host_delay: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _slots: threading.BoundedSemaphore | None = None
    _tls: ssl.SSLContext | None = None

    def __post_init__(self) -> None:
        self._slots = threading.BoundedSemaphore(max(1, self.policy.max_concurrency))

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            clients, self._clients = list(self._clients.values()), {}
        for client, _backend in clients:
            client.close()

    def _client(self, *, allow_private: bool) -> tuple[httpx.Client, _PinnedBackend]:
        with self._lock:
            if allow_private not in self._clients:
                timeout = httpx.Timeout(
                    self.policy.read_timeout, connect=self.policy.connect_timeout
                )
                limits = httpx.Limits(max_connections=max(1, self.policy.max_concurrency))
                backend = _PinnedBackend(self.dialer)
                if self._tls is None:
                    self._tls = tls_context(self.verify)
                client = httpx.Client(
                    transport=_PinnedTransport(backend, limits=limits, verify=self._tls),
                    timeout=timeout,
                    follow_redirects=False,
                    headers={
                        "User-Agent": self.policy.user_agent,
                        "Accept-Encoding": ACCEPT_ENCODING,
                    },
                    trust_env=False,
                )
                self._clients[allow_private] = (client, backend)
            return self._clients[allow_private]

    def set_host_delay(self, host: str, seconds: float) -> None:
        """A longer minimum delay for one host (robots.txt Crawl-delay), capped by the policy."""
        delay = min(max(0.0, seconds), self.policy.max_crawl_delay)
        with self._lock:
            self._host_delay[host.lower()] = max(delay, self.policy.per_host_delay)

    def get(
        self,
        url: str,
        *,
        allow_private: bool = False,
        etag: str = "",
        last_modified: str = "",
        permit: Callable[[str], str | None] | None = None,
    ) -> Response:
        """GET with redirects followed hop by hop; each hop passes the guard and `permit` first.

        `permit(url)` returns why a URL must not be fetched (robots.txt), or None. Each hop is
        resolved once, and its request (with its retries) connects only to what was checked.
        """
        fetched_at = datetime.now(UTC)
        current = url
        history: list[Response] = []
        for _hop in range(self.policy.max_redirects + 1):
            admission = self.admit(current, allow_private=allow_private)
            if admission.refusal:
                return Response(
                    url,
                    current,
                    None,
                    f"refused: {admission.refusal}",
                    fetched_at,
                    history=tuple(history),
                )
            skip = permit(current) if permit is not None else None
            if skip:
                return Response(url, current, None, skip, fetched_at, history=tuple(history))
            if admission.error:
                return Response(
                    url, current, None, admission.error, fetched_at, history=tuple(history)
                )
            response = self._get_with_retries(
                admission, allow_private=allow_private, etag=etag, last_modified=last_modified
            )
            if response.status in REDIRECT_STATUSES and response.header("location"):
                history.extend(response.history)
                history.append(replace(response, history=()))
                current = urljoin(current, response.header("location"))
                continue
            return replace(
                response, url=url, history=(*history, *response.history), final_url=current
            )
        return Response(
            url,
            current,
            None,
            f"more than {self.policy.max_redirects} redirects",
            fetched_at,
            history=tuple(history),
        )

    def refusal(self, url: str, *, allow_private: bool) -> str | None:
        """Why this URL must not be fetched (scheme, host, guarded address), or None."""
        return self.admit(url, allow_private=allow_private).refusal

    def admit(self, url: str, *, allow_private: bool) -> Admission:
        """The guard's decision on a URL: its host resolved once, every address checked.

        The URL is read by httpx's own parser, the one that makes the request, so the host
        checked is the host connected to.
        """
        try:
            parsed = httpx.URL(url)
        except (httpx.InvalidURL, TypeError) as exc:
            return Admission(url, refusal=f"invalid URL: {exc}")
        if parsed.scheme not in ("http", "https"):
            return Admission(url, refusal=f"scheme {parsed.scheme!r} is not http(s)")
        if not parsed.raw_host:
            return Admission(url, refusal="URL has no host")
        host = parsed.raw_host.decode("ascii").lower()
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        admission = Admission(url, host, port)
        try:
            addresses = self._addresses(host, port)
        except (OSError, UnicodeError) as exc:
            return replace(admission, error=f"connection error: {host} does not resolve: {exc}")
        if not addresses:
            return replace(admission, error=f"connection error: {host} has no address")
        for address, _port in addresses:
            reason = address_refusal(address)
            # allow_private opens loopback and private networks, never link-local or cloud
            # metadata: a feed of a local outlet can still list a link to 169.254.169.254.
            if reason and (not allow_private or always_refused(address)):
                return replace(admission, refusal=f"{host} resolves to {reason}")
        return replace(admission, addresses=tuple(addresses))

    def _addresses(self, host: str, port: int) -> list[tuple[str, int]]:
        if host in self.resolve:
            address, pinned_port = self.resolve[host]
            return [(address, pinned_port)]
        literal = ip_literal(host)
        if literal is not None:
            return [(literal, port)]
        # The one resolution of this hop: what it answers is checked and connected to.
        answers = [ip_literal(str(answer)) for answer in self.resolver(host, port)]
        return [(answer, port) for answer in answers if answer is not None]

    def _wait_politely(self, host: str) -> None:
        with self._lock:
            delay = self._host_delay.get(host, self.policy.per_host_delay)
            if delay <= 0:
                return
            # Reserve the next slot for this host, so concurrent workers queue up behind it.
            last = self._last_request.get(host, 0.0)
            now = time.monotonic()
            slot = max(now, last + delay)
            self._last_request[host] = slot
        if slot > now:
            time.sleep(slot - now)

    def _get_with_retries(
        self, admission: Admission, *, allow_private: bool, etag: str, last_modified: str
    ) -> Response:
        url = admission.url
        attempt = 0
        earlier: list[Response] = []
        while True:
            response, transient = self._get_once(
                admission, allow_private=allow_private, etag=etag, last_modified=last_modified
            )
            retryable = transient or response.status in RETRY_STATUSES or response.status == 429
            if not retryable or attempt >= self.policy.retries:
                return replace(response, history=tuple(earlier))
            attempt += 1
            pause = self.policy.backoff * 2 ** (attempt - 1)
            retry_after = response.retry_after
            if retry_after is not None:
                if retry_after > self.policy.max_retry_after:
                    return replace(response, history=tuple(earlier))
                pause = max(pause, retry_after)
            LOGGER.info(
                "retrying %s in %.1fs after %s", url, pause, response.error or response.status
            )
            earlier.append(response)
            time.sleep(pause)

    def _get_once(
        self, admission: Admission, *, allow_private: bool, etag: str, last_modified: str
    ) -> tuple[Response, bool]:
        """One request; returns the response and whether its failure is worth a retry."""
        fetched_at = datetime.now(UTC)
        url = admission.url
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._wait_politely(host_key(url))
        client, backend = self._client(allow_private=allow_private)
        assert self._slots is not None
        with self._slots, backend.pinned(admission):
            started = time.monotonic()
            response, transient = self._exchange(client, url, headers, fetched_at, started)
        return replace(response, seconds=time.monotonic() - started), transient

    def _exchange(
        self,
        client: httpx.Client,
        url: str,
        headers: dict[str, str],
        fetched_at: datetime,
        started: float,
    ) -> tuple[Response, bool]:
        deadline = started + self.policy.total_timeout
        try:
            with client.stream("GET", url, headers=headers) as stream:
                status = stream.status_code
                head = tuple((k, v) for k, v in stream.headers.multi_items())
                answer = Response(
                    url,
                    url,
                    status,
                    None,
                    fetched_at,
                    head,
                    b"",
                    stream.http_version,
                    stream.reason_phrase,
                )
                if status == 304 or status in REDIRECT_STATUSES:
                    return answer, False
                error = None if status == 200 else f"HTTP {status}"
                content_type = stream.headers.get("content-type", "").split(";")[0].strip()
                if status == 200 and content_type and content_type.lower() not in PARSEABLE_TYPES:
                    # Not read at all: a PDF or a video costs its headers, not its bytes.
                    return replace(
                        answer,
                        error=f"content type {content_type} is not parsed",
                        truncated="unspecified",
                    ), False
                try:
                    body = self._read_body(stream, deadline)
                except _BodyError as exc:
                    return replace(answer, error=exc.reason, truncated=exc.truncated), False
                return replace(answer, error=error, body=body), False
        except httpx.TimeoutException as exc:
            return Response(url, url, None, f"timeout: {type(exc).__name__}", fetched_at), True
        except (httpx.TransportError, OSError) as exc:
            return Response(url, url, None, f"connection error: {exc}", fetched_at), True

    def _read_body(self, stream: httpx.Response, deadline: float) -> bytes:
        declared = stream.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.policy.max_wire_bytes:
            raise _BodyError(
                f"body larger than {self.policy.max_wire_bytes} bytes (Content-Length {declared})",
                "length",
            )
        inflater = _Inflater(stream.headers.get("content-encoding", ""), self.policy.max_bytes)
        chunks: list[bytes] = []
        wire = 0
        # No chunk size: httpx would buffer up to it, and a trickle would never reach the check.
        for raw in stream.iter_raw():
            wire += len(raw)
            if wire > self.policy.max_wire_bytes:
                raise _BodyError(
                    f"body larger than {self.policy.max_wire_bytes} bytes (as sent)", "length"
                )
            if time.monotonic() > deadline:
                raise _BodyError(
                    f"timeout: body not received within {self.policy.total_timeout:g}s", "time"
                )
            chunks.append(inflater.feed(raw))
        return b"".join(chunks)


def retry_after_seconds(value: str) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date; None when absent."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
