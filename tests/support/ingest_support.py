"""A scriptable threaded HTTP server on 127.0.0.1 and a Prefect-free ingest, for the ingestion tests."""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

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
    """Routes by path; unknown paths answer 404 (so a missing robots.txt allows everything)."""

    routes: dict[str, Handler] = field(default_factory=dict)
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

            def log_message(self, format: str, *args: object) -> None:
                return

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()

    @property
    def base(self) -> str:
        assert self._httpd is not None
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

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

    from wiretrace.flows.steps import extract_pages, new_run_id, prepare
    from wiretrace.sources.archive import WarcArchive, archive_dir_for
    from wiretrace.sources.collect import fetch_pages, poll_outlets
    from wiretrace.sources.config import alias_map
    from wiretrace.sources.fetch import Fetcher, FetchPolicy
    from wiretrace.warehouse.db import open_db
    from wiretrace.warehouse.load import IngestBatch, finish_run, load_ingest

    run_id = run_id or new_run_id()
    policy = policy or FetchPolicy(per_host_delay=0, backoff=0.01, retries=1, total_timeout=5)
    feeds, pages, captures = prepare(db, run_id, "test", outlets)
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
