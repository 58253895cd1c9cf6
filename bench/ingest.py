"""Ingestion throughput: poll one feed of N pages from a local server, fetch and archive every page.

    python bench/ingest.py                     # 2,000 pages, 4 workers, real-size pages
    python bench/ingest.py --pages 500 --workers 1 --small

The server (the demo server over a generated corpus) runs in a child process, so its work does
not share this process's interpreter. Politeness delays are zero; robots.txt is asked (404).
Reported: pages per second, and the share of the fetch stage's time spent outside the HTTP
round trip (address guard, robots, retries bookkeeping, WARC writing, hashing, records):
    outside = 1 - sum(HTTP exchange seconds) / (sum(fetcher.get seconds) + sum(archive seconds))
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from wiretrace.records import Outlet
from wiretrace.sources.archive import WarcArchive
from wiretrace.sources.collect import fetch_pages, poll_outlets
from wiretrace.sources.demo import DEMO_BASE, DEMO_HOST, DemoServer, demo_root
from wiretrace.sources.fetch import Fetcher, FetchPolicy, Response

REPO = Path(__file__).resolve().parents[1]
REAL_PAGES = REPO / "tests" / "fixtures" / "real" / "pages"


def build_corpus(root: Path, pages: int, *, small: bool) -> int:
    """`root/site/news/N.html` from template pages (each made unique) and one RSS feed listing them."""
    folder = REAL_PAGES if (REAL_PAGES.is_dir() and not small) else demo_root() / "site"
    templates = sorted(p.read_bytes() for p in folder.rglob("*.html"))
    news = root / "site" / "news"
    news.mkdir(parents=True)
    size = 0
    for n in range(pages):
        body = templates[n % len(templates)].replace(
            b"</head>", f"<!-- bench page {n} --></head>".encode(), 1
        )
        (news / f"{n}.html").write_bytes(body)
        size += len(body)
    items = "".join(
        f"<item><title>Page {n}</title><link>{{base}}/news/{n}.html</link></item>"
        for n in range(pages)
    )
    edition = root / "editions" / "1"
    edition.mkdir(parents=True)
    (edition / "feed.xml").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>bench</title>{items}'
        "</channel></rss>",
        encoding="utf-8",
    )
    return size


def serve(root: str, ready: Any, stop: Any) -> None:
    with DemoServer(Path(root)) as server:
        ready.put(server.address)
        stop.wait()


class TimedFetcher(Fetcher):
    """Sums the time inside fetcher.get and inside the HTTP exchange of every response."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.get_seconds = 0.0
        self.http_seconds = 0.0
        self._timing = threading.Lock()

    def get(self, url: str, **options: Any) -> Response:
        started = time.perf_counter()
        response = super().get(url, **options)
        spent = time.perf_counter() - started
        http = response.seconds + sum(r.seconds for r in response.history)
        with self._timing:
            self.get_seconds += spent
            self.http_seconds += http
        return response


class TimedArchive(WarcArchive):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seconds = 0.0

    def write(self, response: Response) -> Any:
        started = time.perf_counter()
        try:
            return super().write(response)
        finally:
            self.seconds += time.perf_counter() - started


def run(pages: int, workers: int, *, small: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="wiretrace-bench-") as tmp:
        root = Path(tmp) / "corpus"
        corpus_bytes = build_corpus(root, pages, small=small)
        ready: Any = multiprocessing.Queue()
        stop: Any = multiprocessing.Event()
        child = multiprocessing.Process(target=serve, args=(str(root), ready, stop), daemon=True)
        child.start()
        try:
            address = ready.get(timeout=30)
            outlet = Outlet(
                id="bench", name="Bench", allow_private=True, feeds=(f"{DEMO_BASE}/feed.xml",)
            )
            policy = FetchPolicy(per_host_delay=0, max_concurrency=max(workers, 1))
            archive = TimedArchive(Path(tmp) / "archive", "bench")
            with TimedFetcher(policy, resolve={DEMO_HOST: address}) as fetcher:
                started = time.perf_counter()
                poll = poll_outlets(
                    [outlet], fetcher, run_id="bench", archive=archive, validators={}
                )
                polled = time.perf_counter()
                fetcher.get_seconds = fetcher.http_seconds = archive.seconds = 0.0
                result = fetch_pages(
                    poll.entries,
                    {outlet.id: outlet},
                    fetcher,
                    run_id="bench",
                    archive=archive,
                    validators={},
                    concurrency=workers,
                    robots=poll.robots,
                )
                finished = time.perf_counter()
            warc_bytes = sum(p.stat().st_size for p in (Path(tmp) / "archive").glob("*.warc.gz"))
        finally:
            stop.set()
            child.join(timeout=10)
    wall = finished - polled
    ours = fetcher.get_seconds + archive.seconds
    return {
        "pages": pages,
        "workers": workers,
        "fetched_ok": len(result.pages),
        "failed": len(result.errors),
        "corpus_mb": round(corpus_bytes / 1e6, 1),
        "warc_mb": round(warc_bytes / 1e6, 1),
        "poll_seconds": round(polled - started, 3),
        "fetch_seconds": round(wall, 2),
        "pages_per_second": round(pages / wall, 1),
        "http_seconds": round(fetcher.http_seconds, 2),
        "get_seconds": round(fetcher.get_seconds, 2),
        "archive_seconds": round(archive.seconds, 2),
        "share_outside_http": round(1 - fetcher.http_seconds / ours, 3) if ours else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--small", action="store_true", help="5 kB demo pages, not real-size ones")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = run(args.pages, args.workers, small=args.small)
    if args.json:
        print(json.dumps(figures))
        return
    for key, value in figures.items():
        print(f"{key:20} {value}")


if __name__ == "__main__":
    main()
