"""Serve the bundled demo news wire from a real HTTP server on 127.0.0.1, one edition at a time."""

from __future__ import annotations

import hashlib
import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

DEMO_HOST = "demo.wiretrace.test"  # reserved test TLD: never resolves outside the demo
DEMO_BASE = f"http://{DEMO_HOST}"
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".cms": "application/rss+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
}


def demo_root() -> Path:
    return Path(str(resources.files("wiretrace.sources").joinpath("demo")))


def demo_editions(root: Path | None = None) -> list[int]:
    folder = (root or demo_root()) / "editions"
    return sorted(int(p.name) for p in folder.iterdir() if p.name.isdigit())


class DemoServer:
    """A threaded HTTP server for the demo corpus: `site/` overlaid by `editions/N/`.

    It answers with ETag and Last-Modified and honours If-None-Match, as a well-run news site
    does, so reruns exercise conditional GET. `{base}` in files becomes the demo's stable
    virtual origin; the fetcher pins that host to this server's real address and port.
    """

    def __init__(self, root: Path | None = None, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.root = root or demo_root()
        self.edition = 1
        handler = self._handler()
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def address(self) -> tuple[str, int]:
        host, port = self.httpd.server_address[:2]
        return str(host), int(port)

    @property
    def resolve(self) -> dict[str, tuple[str, int]]:
        return {DEMO_HOST: self.address}

    def start(self) -> DemoServer:
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, name="demo-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def resolve_path(self, path: str) -> Path | None:
        relative = unquote(urlsplit(path).path).lstrip("/")
        if not relative or ".." in Path(relative).parts:
            return None
        for base in (self.root / "editions" / str(self.edition), self.root / "site"):
            candidate = base / relative
            if candidate.is_file():
                return candidate
        return None

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            server_version = "wiretrace-demo/1"

            def do_GET(self) -> None:
                path = server.resolve_path(self.path)
                if path is None:
                    body = b"<html><body><h1>404 Not Found</h1></body></html>"
                    self.send_response(404)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                body = path.read_bytes().replace(b"{base}", DEMO_BASE.encode())
                etag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header(
                    "Content-Type", CONTENT_TYPES.get(path.suffix, "text/html; charset=utf-8")
                )
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", formatdate(path.stat().st_mtime, usegmt=True))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return  # quiet: the pipeline records every fetch itself

        return Handler
