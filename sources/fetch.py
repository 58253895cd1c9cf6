"""Bounded, identifying HTTP fetching with an address guard: the only place that talks HTTP."""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

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


def always_refused(address: str) -> bool:
    """Link-local and cloud metadata addresses: refused even for allow_private outlets."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return True
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return str(ip) in METADATA_ADDRESSES or ip.is_link_local


def address_refusal(address: str) -> str | None:
    """Why connecting to this IP address is refused for an outlet without allow_private, or None.

    Pure: takes an address string, never connects.
    """
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return f"not an IP address: {address!r}"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if str(ip) in METADATA_ADDRESSES:
        return f"{ip} is a cloud metadata address"
    if ip.is_loopback:
        return f"{ip} is a loopback address"
    if ip.is_link_local:
        return f"{ip} is a link-local address"
    if ip.is_private or ip.is_reserved or ip.is_multicast or ip.is_unspecified:
        return f"{ip} is a private or reserved address"
    if isinstance(ip, ipaddress.IPv4Address) and ip in SHARED_ADDRESS_SPACE:
        return f"{ip} is a shared (carrier-grade NAT) address"
    return None


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

    `resolve` pins host names to (ip, port), like curl's --resolve: the demo serves a stable
    virtual host from a local server on a free port, so URLs (and the keys made from them)
    stay the same from run to run.
    """

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    resolve: Mapping[str, tuple[str, int]] = field(default_factory=dict)
    _client: httpx.Client | None = None
    _last_request: dict[str, float] = field(default_factory=dict)
    _host_delay: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _slots: threading.BoundedSemaphore | None = None

    def __post_init__(self) -> None:
        self._slots = threading.BoundedSemaphore(max(1, self.policy.max_concurrency))

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        with self._lock:
            if self._client is None:
                timeout = httpx.Timeout(
                    self.policy.read_timeout, connect=self.policy.connect_timeout
                )
                limits = httpx.Limits(max_connections=max(1, self.policy.max_concurrency))
                self._client = httpx.Client(
                    timeout=timeout,
                    limits=limits,
                    follow_redirects=False,
                    headers={
                        "User-Agent": self.policy.user_agent,
                        "Accept-Encoding": ACCEPT_ENCODING,
                    },
                    trust_env=False,
                )
            return self._client

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

        `permit(url)` returns why a URL must not be fetched (robots.txt), or None.
        """
        fetched_at = datetime.now(UTC)
        current = url
        history: list[Response] = []
        for _hop in range(self.policy.max_redirects + 1):
            refusal = self.refusal(current, allow_private=allow_private)
            if refusal:
                return Response(
                    url, current, None, f"refused: {refusal}", fetched_at, history=tuple(history)
                )
            skip = permit(current) if permit is not None else None
            if skip:
                return Response(url, current, None, skip, fetched_at, history=tuple(history))
            response = self._get_with_retries(current, etag=etag, last_modified=last_modified)
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
        """Why this URL must not be fetched (scheme, unresolvable host, guarded address)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return f"scheme {parts.scheme!r} is not http(s)"
        host = parts.hostname
        if not host:
            return "URL has no host"
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            return "URL has an invalid port"
        for address in self._addresses(host, port):
            reason = address_refusal(address)
            # allow_private opens loopback and private networks, never link-local or cloud
            # metadata: a feed of a local outlet can still list a link to 169.254.169.254.
            if reason and (not allow_private or always_refused(address)):
                return f"{host} resolves to {reason}"
        return None

    def _addresses(self, host: str, port: int) -> list[str]:
        if host in self.resolve:
            return [self.resolve[host][0]]
        try:
            return [str(ipaddress.ip_address(host))]
        except ValueError:
            pass
        try:
            infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
        except OSError:
            return []  # the request itself will fail with a clear DNS error
        return sorted({str(info[4][0]) for info in infos})

    def _target(self, url: str) -> tuple[str, dict[str, str]]:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if host in self.resolve:
            ip, port = self.resolve[host]
            netloc = f"{ip}:{port}"
            return urlunsplit((parts.scheme, netloc, parts.path, parts.query, "")), {
                "Host": parts.netloc
            }
        return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, "")), {}

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

    def _get_with_retries(self, url: str, *, etag: str, last_modified: str) -> Response:
        attempt = 0
        earlier: list[Response] = []
        while True:
            response, transient = self._get_once(url, etag=etag, last_modified=last_modified)
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

    def _get_once(self, url: str, *, etag: str, last_modified: str) -> tuple[Response, bool]:
        """One request; returns the response and whether its failure is worth a retry."""
        fetched_at = datetime.now(UTC)
        target, headers = self._target(url)
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._wait_politely(host_key(url))
        assert self._slots is not None
        with self._slots:
            started = time.monotonic()
            response, transient = self._exchange(url, target, headers, fetched_at, started)
        return replace(response, seconds=time.monotonic() - started), transient

    def _exchange(
        self,
        url: str,
        target: str,
        headers: dict[str, str],
        fetched_at: datetime,
        started: float,
    ) -> tuple[Response, bool]:
        deadline = started + self.policy.total_timeout
        try:
            with self.client.stream("GET", target, headers=headers) as stream:
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
