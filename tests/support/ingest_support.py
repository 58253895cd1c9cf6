"""A scriptable threaded HTTP server on 127.0.0.1 and a Prefect-free ingest, for the ingestion tests."""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpcore

Handler = Callable[[BaseHTTPRequestHandler], None]


def send(
    request: BaseHTTPRequestHandler,
    body: bytes = b"",
    *,
    status: int = 200,
    content_type: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> None:
    request.send_response(status)
    if content_type:
        request.send_header("Content-Type", content_type)
    for key, value in (headers or {}).items():
        request.send_header(key, value)
    if status != 304:
        request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    if status != 304:
        request.wfile.write(body)


def static(body: bytes | str, **options: Any) -> Handler:
    """Always the same answer; with an ETag header, a matching If-None-Match gets a 304."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    etag = (options.get("headers") or {}).get("ETag")

    def handle(request: BaseHTTPRequestHandler) -> None:
        if etag and request.headers.get("If-None-Match") == etag:
            send(request, status=304, headers={"ETag": etag})
        else:
            send(request, data, **options)

    return handle


def modified_since(body: bytes | str, last_modified: str, **options: Any) -> Handler:
    """Answers with Last-Modified (no ETag); 304 when If-Modified-Since is not older, as servers do."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    modified = parsedate_to_datetime(last_modified)
    headers = {**(options.pop("headers", None) or {}), "Last-Modified": last_modified}

    def handle(request: BaseHTTPRequestHandler) -> None:
        since = request.headers.get("If-Modified-Since")
        try:
            unchanged = since is not None and parsedate_to_datetime(since) >= modified
        except (TypeError, ValueError):
            unchanged = False  # a malformed date is ignored (RFC 9110 13.1.3)
        if unchanged:
            send(request, status=304, headers={"Last-Modified": last_modified})
        else:
            send(request, data, headers=headers, **options)

    return handle


def hang_up(request: BaseHTTPRequestHandler) -> None:
    """Reads the request and closes the connection without a word: no answer at all."""
    request.close_connection = True


def sequence(*handlers: Handler) -> Handler:
    """Each request gets the next handler; the last one repeats."""
    lock = threading.Lock()
    calls = iter(handlers)
    last: list[Handler] = [handlers[-1]]

    def handle(request: BaseHTTPRequestHandler) -> None:
        with lock:
            handler = next(calls, last[0])
        handler(request)

    return handle


def trickle(*, every: float, chunks: int, chunk: bytes = b"<p>x</p>") -> Handler:
    """A body that arrives a few bytes at a time, slower than any sane timeout."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.end_headers()
        try:
            for _ in range(chunks):
                request.wfile.write(chunk)
                request.wfile.flush()
                time.sleep(every)
        except OSError:
            return  # the client gave up, as it should

    return handle


def huge(size: int, *, declare_length: bool = False) -> Handler:
    """`size` bytes of HTML-ish filler, streamed, never held whole in memory."""
    block = b"<p>" + b"a" * 65_529 + b"</p>"

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        if declare_length:
            request.send_header("Content-Length", str(size))
        request.end_headers()
        sent = 0
        try:
            while sent < size:
                piece = block[: size - sent]
                request.wfile.write(piece)
                sent += len(piece)
        except OSError:
            return

    return handle


def gzip_bomb(inflated: int) -> bytes:
    """A gzip stream of `inflated` zero bytes, built without ever holding them."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = b"\0" * (1 << 20)
    parts = [packer.compress(zeros) for _ in range(inflated >> 20)]
    parts.append(packer.flush())
    return b"".join(parts)


@dataclass
class LocalServer:
    """Routes by path; unknown paths answer 404 (so a missing robots.txt allows everything).

    `keep_alive` answers HTTP/1.1 and keeps connections open; `tls` serves HTTPS with it.
    `connections` counts the TCP connections accepted; `server_names` the TLS SNI names.
    """

    routes: dict[str, Handler] = field(default_factory=dict)
    keep_alive: bool = False
    tls: ssl.SSLContext | None = None
    connections: int = 0
    server_names: list[str | None] = field(default_factory=list)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _httpd: ThreadingHTTPServer | None = None

    def start(self) -> LocalServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path
                with server._lock:
                    server.requests.append((path, dict(self.headers.items())))
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    handler = server.routes.get(path) or server.routes.get(path.split("?")[0])
                    if handler is None:
                        send(self, b"not here", status=404, content_type="text/plain")
                    else:
                        handler(self)
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def setup(self) -> None:
                with server._lock:
                    server.connections += 1
                super().setup()

            def log_message(self, format: str, *args: object) -> None:
                return

        if self.keep_alive:
            Handler.protocol_version = "HTTP/1.1"
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if self.tls is not None:
            self.tls.sni_callback = self._record_server_name
            self._httpd.socket = self.tls.wrap_socket(self._httpd.socket, server_side=True)
        self._httpd.daemon_threads = True
        threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    def _record_server_name(self, _sock: Any, name: str | None, _context: Any) -> None:
        with self._lock:
            self.server_names.append(name)

    @property
    def port(self) -> int:
        assert self._httpd is not None
        return int(self._httpd.server_address[1])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


def local_server() -> Iterator[LocalServer]:
    server = LocalServer().start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class StubResolver:
    """A resolver from a table: each name's answers in turn (the last repeats), every question kept.

    Public addresses in a test exist only as strings here; `LoopbackDialer` decides where a
    connection to one really goes.
    """

    answers: dict[str, list[list[str]]] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)

    def __call__(self, host: str, port: int) -> list[str]:
        self.asked.append(host)
        turns = self.answers.get(host)
        if not turns:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        index = min(self.asked.count(host), len(turns)) - 1
        return list(turns[index])


class LoopbackDialer(httpcore.SyncBackend):
    """Records every address the fetcher connects to; connects only on 127.0.0.0/8.

    `routes` sends an address (a public one, as a string) to a local server's port, as if that
    server were the public host; a loopback address is connected to as asked; anything else
    fails without touching the network.
    """

    def __init__(self, routes: dict[str, int] | None = None) -> None:
        self.routes = dict(routes or {})
        self.dialed: list[tuple[str, int]] = []

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        self.dialed.append((host, port))
        if host in self.routes:
            host, port = "127.0.0.1", self.routes[host]
        elif not ipaddress.ip_address(host).is_loopback:
            raise httpcore.ConnectError(f"test dialer: {host} is not connected to")
        return super().connect_tcp(
            host, port, timeout=timeout, local_address=local_address, socket_options=socket_options
        )


def tls_contexts(hostname: str) -> tuple[ssl.SSLContext, ssl.SSLContext]:
    """A server context with a certificate for `hostname` from a fresh authority, and a client
    context that trusts only that authority."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.now(UTC)

    def name(common: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("wiretrace test authority"))
        .issuer_name(name("wiretrace test authority"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(name(hostname))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(hostname)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .add_extension(x509.ExtendedKeyUsage([x509.OID_SERVER_AUTH]), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    import tempfile

    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with tempfile.TemporaryDirectory() as folder:
        cert_file, key_file = Path(folder) / "cert.pem", Path(folder) / "key.pem"
        cert_file.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
        key_file.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        server.load_cert_chain(cert_file, key_file)
    client = ssl.create_default_context(
        cadata=ca.public_bytes(serialization.Encoding.PEM).decode("ascii")
    )
    return server, client


@contextmanager
def silent_server() -> Iterator[int]:
    """A port on 127.0.0.1 that accepts connections and reads, but never answers."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.05)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            held.append(conn)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        listener.close()


@contextmanager
def unaccepting_port() -> Iterator[int]:
    """A port on 127.0.0.1 whose accept queue is full, so a new connection is never set up.

    The listener never accepts; connections are opened until one hangs in its handshake
    (Linux drops the SYN of a listener whose queue is full), then the port is handed over.
    """
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers: list[socket.socket] = []
    try:
        for _ in range(64):
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.settimeout(0.2)
            fillers.append(filler)
            try:
                filler.connect(("127.0.0.1", port))
            except TimeoutError:
                break  # the queue is full: the next handshake hangs too
        else:
            raise RuntimeError("the accept queue never filled")
        yield port
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


def ingest_once(
    db: Path,
    outlets: list[Any],
    *,
    policy: Any = None,
    run_id: str = "",
    force: bool = False,
    now: Any = None,
    resolve: dict[str, tuple[str, int]] | None = None,
    trace_memory: bool = False,
) -> dict[str, Any]:
    """One poll -> fetch -> extract -> load, as the flow does it, without Prefect.

    `trace_memory` measures the peak of Python allocations while polling and fetching.
    """
    import tracemalloc

    from wiretrace.flows.steps import extract_pages, new_run_id, prepare, read_validators
    from wiretrace.sources.archive import WarcArchive, archive_dir_for
    from wiretrace.sources.collect import fetch_pages, poll_outlets
    from wiretrace.sources.config import alias_map
    from wiretrace.sources.fetch import Fetcher, FetchPolicy
    from wiretrace.warehouse.db import open_db
    from wiretrace.warehouse.load import IngestBatch, finish_run, load_ingest

    run_id = run_id or new_run_id()
    policy = policy or FetchPolicy(per_host_delay=0, backoff=0.01, retries=1, total_timeout=5)
    feeds, captures = prepare(db, run_id, "test", outlets)
    archive = WarcArchive(archive_dir_for(db), f"wiretrace-{run_id}", known=captures)
    if trace_memory:
        tracemalloc.start()
    with Fetcher(policy, resolve=resolve or {}) as fetcher:
        poll = poll_outlets(
            outlets,
            fetcher,
            run_id=run_id,
            archive=archive,
            validators=feeds,
            force=force,
            now=now,
        )
        pages = read_validators(db, {e.url for e in poll.entries})
        fetched = fetch_pages(
            poll.entries,
            {o.id: o for o in outlets},
            fetcher,
            run_id=run_id,
            archive=archive,
            validators=pages,
            robots=poll.robots,
        )
    fetch_peak = 0
    if trace_memory:
        fetch_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    articles, claims, failures = extract_pages(fetched.pages, alias_map(outlets))
    batch = IngestBatch(
        run_id=run_id,
        fetches=poll.fetches + fetched.fetches,
        feed_states=poll.feed_states,
        entries=poll.entries,
        articles=articles,
        claims=claims,
    )
    with open_db(db) as conn:
        load_ingest(conn, batch)
        finish_run(conn, run_id, status="completed", counts={}, errors=poll.errors)
    return {
        "run_id": run_id,
        "poll": poll,
        "pages": fetched,
        "articles": articles,
        "failures": failures,
        "fetch_peak": fetch_peak,
    }
