"""Pages per second: wiretrace's extract_article against bare trafilatura.extract, same pages, same run.

    python bench/extract.py [--repeat N] [--workers N]

Pages: every page in tests/fixtures/real/pages and sources/demo/site. Each extractor runs over
all pages N times in this process, then in a pool of one worker per core (pool start-up and
loading models in each worker are outside the timing); the two take turns pass by pass. The ratio is
wiretrace's rate over trafilatura's: what metadata, cleanup, credits and language cost.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402
from wiretrace.extractors.article import ExtractionError, extract_article  # noqa: E402

REAL = ROOT / "tests" / "fixtures" / "real" / "pages"
DEMO = ROOT / "sources" / "demo" / "site"

Page = tuple[str, str, bytes]  # (outlet id, url, body)


def load_pages() -> list[Page]:
    pages: list[Page] = []
    for path in sorted(REAL.glob("*.html")):
        pages.append(
            (path.name.split("__")[0], f"https://example.org/{path.name}", path.read_bytes())
        )
    for path in sorted(DEMO.rglob("*.html")):
        relative = path.relative_to(DEMO).as_posix()
        outlet = relative.split("/")[0]
        pages.append((outlet, f"http://demo.wiretrace.test/{relative}", path.read_bytes()))
    return pages


PAGES: list[Page] = []


def _init() -> None:
    global PAGES
    PAGES = load_pages()
    for index in range(len(PAGES)):  # load models, rules and stop lists before the clock starts
        _wiretrace(index)
        _trafilatura(index)


def _wiretrace(index: int) -> int:
    outlet, url, body = PAGES[index]
    try:
        return len(extract_article(body, url=url, outlet_id=outlet).text)
    except ExtractionError:
        return 0


def _trafilatura(index: int) -> int:
    _, url, body = PAGES[index]
    return len(trafilatura.extract(body, url=url) or "")


def _serial(repeat: int) -> tuple[float, float]:
    """Pages per second of (wiretrace, trafilatura), passes interleaved so that whatever else
    the machine is doing slows both alike."""
    spent = [0.0, 0.0]
    for _ in range(repeat):
        for slot, work in enumerate((_wiretrace, _trafilatura)):
            start = time.perf_counter()
            for index in range(len(PAGES)):
                work(index)
            spent[slot] += time.perf_counter() - start
    pages = len(PAGES) * repeat
    return pages / spent[0], pages / spent[1]


def _ready(_: int) -> int:
    time.sleep(0.05)  # long enough that every worker gets one
    return os.getpid()


def _parallel(pool: Any, repeat: int, workers: int) -> tuple[float, float]:
    # A worker takes tasks only once its initializer (a warm-up pass) is done: the clock starts
    # when every worker has answered, or the first timed map would pay for the warm-ups.
    while len(set(pool.map(_ready, range(workers * 2), chunksize=1))) < workers:
        pass
    indices = list(range(len(PAGES)))
    chunk = max(1, len(indices) // (workers * 4))
    spent = [0.0, 0.0]
    for _ in range(repeat):
        for slot, work in enumerate((_wiretrace, _trafilatura)):
            start = time.perf_counter()
            pool.map(work, indices, chunksize=chunk)
            spent[slot] += time.perf_counter() - start
    pages = len(PAGES) * repeat
    return pages / spent[0], pages / spent[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the pages (default 3)")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="pool size (default: cores)"
    )
    args = parser.parse_args()
    _init()
    cores = os.cpu_count() or 1
    print(
        f"pages: {len(PAGES)} ({sum(len(p[2]) for p in PAGES) / 1e6:.1f} MB), repeat {args.repeat}"
    )
    print(f"cores: {cores}, pool workers: {args.workers}")
    rows = [("1 process", *_serial(args.repeat))]
    with multiprocessing.get_context().Pool(args.workers, initializer=_init) as pool:
        rows.append((f"{args.workers} workers", *_parallel(pool, args.repeat, args.workers)))
    print(f"{'':>12} {'wiretrace':>12} {'trafilatura':>12} {'ratio':>7}")
    for label, ours, theirs in rows:
        print(f"{label:>12} {ours:>10.1f}/s {theirs:>10.1f}/s {ours / theirs:>7.2f}")


if __name__ == "__main__":
    main()
