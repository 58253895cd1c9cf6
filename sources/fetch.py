"""Bounded, identifying HTTP fetching with an address guard: the only place that talks HTTP."""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from wiretrace import __version__

LOGGER = logging.getLogger(__name__)

DEFAULT_USER_AGENT = f"wiretrace/{__version__} (+https://github.com/wiretrace/wiretrace; news corroboration research)"
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


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 10 * 1024 * 1024  # after decompression: a gzip bomb is cut off here
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 0.5
    max_retry_after: float = 30.0
    per_host_delay: float = 1.0


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
    if isinstance(ip, ipaddress.IPv4Address) and ip in ipaddress.ip_network("100.64.0.0/10"):
        return f"{ip} is a shared (carrier-grade NAT) address"
    return None


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
    _lock: threading.Lock = field(default_factory=threading.Lock)

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
        if self._client is None:
            timeout = httpx.Timeout(self.policy.read_timeout, connect=self.policy.connect_timeout)
            self._client = httpx.Client(
                timeout=timeout,
                follow_redirects=False,
                headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"},
                trust_env=False,
            )
        return self._client

    def get(
        self, url: str, *, allow_private: bool = False, etag: str = "", last_modified: str = ""
    ) -> Response:
        fetched_at = datetime.now(UTC)
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            refusal = self.refusal(current, allow_private=allow_private)
            if refusal:
                return Response(url, current, None, f"refused: {refusal}", fetched_at)
            response = self._get_with_retries(current, etag=etag, last_modified=last_modified)
            if response.status in REDIRECT_STATUSES and response.header("location"):
                current = urljoin(current, response.header("location"))
                continue
            return Response(
                url,
                current,
                response.status,
                response.error,
                response.fetched_at,
                response.headers,
                response.body,
                response.http_version,
                response.reason,
            )
        return Response(
            url, current, None, f"more than {self.policy.max_redirects} redirects", fetched_at
        )

    def refusal(self, url: str, *, allow_private: bool) -> str | None:
        """Why this URL must not be fetched (scheme, unresolvable host, guarded address)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return f"scheme {parts.scheme!r} is not http(s)"
        host = parts.hostname
        if not host:
            return "URL has no host"
        if allow_private:
            return None
        for address in self._addresses(
            host, parts.port or (443 if parts.scheme == "https" else 80)
        ):
            reason = address_refusal(address)
            if reason:
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
        if parts.hostname in self.resolve:
            ip, port = self.resolve[parts.hostname]
            netloc = f"{ip}:{port}"
            return urlunsplit((parts.scheme, netloc, parts.path, parts.query, "")), {
                "Host": parts.netloc
            }
        return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, "")), {}

    def _wait_politely(self, host: str) -> None:
        delay = self.policy.per_host_delay
        if delay <= 0:
            return
        with self._lock:
            last = self._last_request.get(host, 0.0)
            wait = last + delay - time.monotonic()
            self._last_request[host] = max(time.monotonic(), last + delay)
        if wait > 0:
            time.sleep(wait)

    def _get_with_retries(self, url: str, *, etag: str, last_modified: str) -> Response:
        attempt = 0
        while True:
            response = self._get_once(url, etag=etag, last_modified=last_modified)
            retryable = (
                response.status in RETRY_STATUSES
                or response.status == 429
                or (
                    response.status is None
                    and response.error is not None
                    and response.error.startswith(("connection", "timeout"))
                )
            )
            if not retryable or attempt >= self.policy.retries:
                return response
            attempt += 1
            pause = self.policy.backoff * 2 ** (attempt - 1)
            retry_after = _retry_after_seconds(response.header("retry-after"))
            if retry_after is not None:
                if retry_after > self.policy.max_retry_after:
                    return response
                pause = max(pause, retry_after)
            LOGGER.info(
                "retrying %s in %.1fs after %s", url, pause, response.error or response.status
            )
            time.sleep(pause)

    def _get_once(self, url: str, *, etag: str, last_modified: str) -> Response:
        fetched_at = datetime.now(UTC)
        target, headers = self._target(url)
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._wait_politely(urlsplit(url).netloc)
        deadline = time.monotonic() + self.policy.total_timeout
        try:
            with self.client.stream("GET", target, headers=headers) as stream:
                status = stream.status_code
                head = tuple((k, v) for k, v in stream.headers.multi_items())
                version = stream.http_version
                chunks: list[bytes] = []
                size = 0
                if status == 200:
                    content_type = stream.headers.get("content-type", "").split(";")[0].strip()
                    if content_type and content_type.lower() not in PARSEABLE_TYPES:
                        return Response(
                            url,
                            url,
                            status,
                            f"content type {content_type} is not parsed",
                            fetched_at,
                            head,
                            b"",
                            version,
                            stream.reason_phrase,
                        )
                    for chunk in stream.iter_bytes():
                        size += len(chunk)
                        if size > self.policy.max_bytes:
                            return Response(
                                url,
                                url,
                                status,
                                f"body larger than {self.policy.max_bytes} bytes (decompressed)",
                                fetched_at,
                                head,
                                b"",
                                version,
                                stream.reason_phrase,
                            )
                        if time.monotonic() > deadline:
                            return Response(
                                url,
                                url,
                                status,
                                f"timeout: body not received within {self.policy.total_timeout:g}s",
                                fetched_at,
                                head,
                                b"",
                                version,
                                stream.reason_phrase,
                            )
                        chunks.append(chunk)
                error = (
                    None
                    if status in (200, 304) or status in REDIRECT_STATUSES
                    else f"HTTP {status}"
                )
                return Response(
                    url,
                    url,
                    status,
                    error,
                    fetched_at,
                    head,
                    b"".join(chunks),
                    version,
                    stream.reason_phrase,
                )
        except httpx.TimeoutException as exc:
            return Response(url, url, None, f"timeout: {type(exc).__name__}", fetched_at)
        except httpx.DecodingError as exc:
            return Response(url, url, None, f"undecodable body: {exc}", fetched_at)
        except (httpx.TransportError, OSError) as exc:
            return Response(url, url, None, f"connection error: {exc}", fetched_at)


def _retry_after_seconds(value: str) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
