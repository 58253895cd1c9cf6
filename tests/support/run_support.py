"""A local news site on 127.0.0.1 and `wiretrace` as a real child process, for the operations tests."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb

WIRETRACE = Path(sys.executable).with_name("wiretrace")
REPO = Path(__file__).resolve().parents[2]
CRASH_DRIVER = Path(__file__).with_name("crash_driver.py")
FIRST_DAY = datetime(2025, 3, 3, 6, 0, tzinfo=UTC)
CITIES = ("Lagos", "Hanoi", "Quito", "Tbilisi", "Dhaka", "Lima", "Accra", "Oslo", "Perth", "Riga")
THINGS = ("port", "refinery", "rail line", "grain silo", "power plant", "bridge", "airport")


def article_html(n: int, published: datetime) -> str:
    """A plain news page with a headline, a date and sentences carrying numbers: article `n`."""
    city, thing = CITIES[n % len(CITIES)], THINGS[n % len(THINGS)]
    sentences = [
        f"Officials in {city} said on Monday the new {thing} number {n} would cost "
        f"${n + 3} million and open in {2026 + n % 4}.",
        f"About {1000 + 37 * n:,} workers will be hired over {n % 9 + 2} years, the city's "
        f"planning office said in a statement.",
        f"Traffic through the {thing} is expected to rise {n % 40 + 5}% in the first year, "
        f"according to a study by the regional transport authority.",
        f"The council approved the plan by {n % 20 + 21} votes to {n % 7 + 3} after a debate "
        f"that lasted {n % 5 + 2} hours.",
        f"Residents near the site of project {n} raised concerns about noise and asked for "
        f"{n % 6 + 2} new parks to be built nearby.",
    ]
    body = "\n".join(f"<p>{s}</p>" for s in sentences)
    when = published.isoformat()
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{city} approves {thing} project {n}</title>
<meta property="og:title" content="{city} approves {thing} project {n}">
<meta property="article:published_time" content="{when}">
</head><body><article><h1>{city} approves {thing} project {n}</h1>
<time datetime="{when}">{when}</time>
{body}
</article></body></html>"""


class NewsSite:
    """One RSS feed of generated articles; `articles` may grow between runs, `delay` slows pages.

    The feed answers with an ETag and honours If-None-Match, as a well-run site does.
    """

    def __init__(self, articles: int, *, delay: float = 0.0) -> None:
        self.articles = articles
        self.delay = delay
        self.page_requests = 0
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                if path == "/feed.xml":
                    body = site.feed().encode()
                    etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                    if self.headers.get("If-None-Match") == etag:
                        self._send(304, b"", {"ETag": etag})
                    else:
                        self._send(200, body, {"ETag": etag}, "application/rss+xml")
                elif path.startswith("/news/") and path.endswith(".html"):
                    n = int(path.removeprefix("/news/").removesuffix(".html"))
                    site.page_requests += 1
                    time.sleep(site.delay)
                    self._send(200, article_html(n, site.published(n)).encode())
                else:
                    self._send(404, b"not here", content_type="text/plain")

            def _send(
                self,
                status: int,
                body: bytes,
                headers: dict[str, str] | None = None,
                content_type: str = "text/html; charset=utf-8",
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                if status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if status != 304:
                    self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def published(self, n: int) -> datetime:
        return FIRST_DAY + timedelta(hours=n)

    def feed(self) -> str:
        items = "".join(
            f"<item><title>Project {n}</title><link>{self.base}/news/{n}.html</link>"
            f"<pubDate>{format_datetime(self.published(n))}</pubDate></item>"
            for n in range(self.articles)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Local news</title><link>{self.base}/</link><description>t</description>"
            f"{items}</channel></rss>"
        )

    def outlets_file(self, folder: Path) -> Path:
        path = folder / "outlets.toml"
        path.write_text(
            f'[[outlet]]\nid = "localnews"\nname = "Local News"\nallow_private = true\n'
            f'feeds = ["{self.base}/feed.xml"]\n',
            encoding="utf-8",
        )
        return path

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a `wiretrace` child: this session's Prefect server, nothing online."""
    from prefect.settings import PREFECT_API_URL

    env = {k: v for k, v in os.environ.items() if not k.startswith("WIRETRACE_")}
    api = PREFECT_API_URL.value()
    if api:  # the session's prefect_test_harness: the child need not start its own server
        env["PREFECT_API_URL"] = api
    env.update(
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_SERVER_UI_ENABLED="false",
        PREFECT_LOGGING_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def _run_args(db: Path, outlets: Path, *args: str) -> list[str]:
    return [
        *("run", "--sources", str(outlets), "--db", str(db)),
        *("--per-host-delay", "0", "--json", *args),
    ]


def start_run(db: Path, outlets: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    """`wiretrace run --sources OUTLETS --db DB ARGS...` as a child process."""
    return subprocess.Popen(
        [str(WIRETRACE), *_run_args(db, outlets, *args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(**env),
        cwd=db.parent,
    )


def start_crashing_run(
    db: Path, outlets: Path, point: str, *args: str, **env: str
) -> subprocess.Popen[str]:
    """The same run through `crash_driver.py`, which SIGKILLs its process group at `point`.

    The child leads its own session, so the kill takes its whole group and never this one.
    """
    return subprocess.Popen(
        [sys.executable, str(CRASH_DRIVER), point, "--", *_run_args(db, outlets, *args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(**env),
        cwd=db.parent,
        start_new_session=True,
    )


@dataclass(frozen=True)
class Finished:
    returncode: int  # -9: killed by SIGKILL
    stdout: str
    stderr: str


class RunForker:
    """`crash_driver.py --serve`: forks each `wiretrace run` from one process that has already
    imported Prefect and the pipeline, so a test of many runs pays for the imports once."""

    def __init__(self, logs: Path, **env: str) -> None:
        self.logs = logs
        self.count = 0
        self.server = subprocess.Popen(
            [sys.executable, str(CRASH_DRIVER), "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=child_env(**env),
        )

    def run(self, db: Path, outlets: Path, *args: str, point: str = "") -> Finished:
        """One run over `db` (killed at `point` if one is named); waits for it to end."""
        assert self.server.stdin is not None and self.server.stdout is not None
        self.count += 1
        out, err = self.logs / f"run-{self.count}.out", self.logs / f"run-{self.count}.err"
        request = {
            "point": point,
            "args": _run_args(db, outlets, *args),
            "cwd": str(db.parent),
            "stdout": str(out),
            "stderr": str(err),
        }
        self.server.stdin.write(json.dumps(request) + "\n")
        self.server.stdin.flush()
        reply = self.server.stdout.readline()
        if not reply:
            raise AssertionError(f"the run forker died (exit {self.server.wait(timeout=10)})")
        code = json.loads(reply)["returncode"]
        return Finished(code, out.read_text(), err.read_text())

    def close(self) -> None:
        if self.server.stdin is not None:
            self.server.stdin.close()
        try:
            self.server.wait(timeout=30)
        finally:
            if self.server.poll() is None:
                self.server.kill()


def wait_for(check, *, timeout: float, every: float = 0.1, what: str = "condition") -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g}s waiting for {what}")
        time.sleep(every)


def table_counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as conn:
        names = [r[0] for r in conn.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}  # type: ignore[index]


def table_contents(
    db: Path, *, leave_out: Mapping[str, Collection[str]] | None = None
) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    """Every table's rows, sorted, with every column but those `leave_out` names per table."""
    skip = leave_out or {}
    with duckdb.connect(str(db), read_only=True) as conn:
        names = [r[0] for r in conn.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        contents = {}
        for name in sorted(names):
            columns = [
                r[0]
                for r in conn.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                    "ORDER BY column_index",
                    [name],
                ).fetchall()
                if r[0] not in skip.get(name, ())
            ]
            listed = ", ".join(f'"{c}"' for c in columns)
            contents[name] = conn.execute(f'SELECT {listed} FROM "{name}" ORDER BY ALL').fetchall()
        return contents


def query(db: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    with duckdb.connect(str(db), read_only=True) as conn:
        return conn.execute(sql).fetchall()
