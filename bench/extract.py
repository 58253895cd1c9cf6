"""Pages per second: wiretrace's extract_article against bare trafilatura.extract, same pages, same run.

    python bench/extract.py [--repeat N] [--workers N]

Pages: every page in tests/fixtures/real/pages and sources/demo/site. wiretrace's extraction
(article, metadata, credits, language; no claims) against `trafilatura.extract(...,
with_metadata=True)`, which also reads the body and the page's metadata. Each runs over all
pages N times in this process, then in a pool of workers (one per core by default; pool
start-up and loading models in each worker are outside the timing); the two take turns pass by
pass, and each rate is that of its median pass, so that a pass slowed by another process on
the machine does not decide the figure. The ratio is wiretrace's rate over trafilatura's.
Then one more pass in this process prints where wiretrace's time goes, step by step
(extract_article's `timings`).
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import os
import statistics
import time
from pathlib import Path
from typing import Any

import trafilatura

from wiretrace.extractors.article import ExtractionError, extract_article

ROOT = Path(__file__).resolve().parent.parent

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
    return len(trafilatura.extract(body, url=url, with_metadata=True) or "")


WORK = (_wiretrace, _trafilatura)


def _steps() -> dict[str, float]:
    """Seconds per step of wiretrace's extraction over all pages, one pass."""
    timings: dict[str, float] = {}
    for outlet, url, body in PAGES:
        with contextlib.suppress(ExtractionError):  # a page without text still took its time
            extract_article(body, url=url, outlet_id=outlet, timings=timings)
    return timings


def _serial(repeat: int) -> tuple[float, float]:
    """Pages per second of (wiretrace, trafilatura), passes interleaved so that whatever else
    the machine is doing slows both alike."""
    passes: list[list[float]] = [[], []]
    for turn in range(repeat):
        for slot in _order(turn):
            work = WORK[slot]
            start = time.perf_counter()
            for index in range(len(PAGES)):
                work(index)
            passes[slot].append(time.perf_counter() - start)
    return len(PAGES) / statistics.median(passes[0]), len(PAGES) / statistics.median(passes[1])


def _order(turn: int) -> tuple[int, int]:
    # Who goes first alternates: the second of two passes may find the caches warmer.
    return (0, 1) if turn % 2 == 0 else (1, 0)


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
    passes: list[list[float]] = [[], []]
    for turn in range(repeat):
        for slot in _order(turn):
            start = time.perf_counter()
            pool.map(WORK[slot], indices, chunksize=chunk)
            passes[slot].append(time.perf_counter() - start)
    return len(PAGES) / statistics.median(passes[0]), len(PAGES) / statistics.median(passes[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the pages (default 5)")
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
    steps = _steps()
    total = sum(steps.values())
    print(f"wiretrace per page, by step ({len(PAGES)} pages, one pass in this process):")
    for step, seconds in steps.items():
        print(f"{step:>12} {1000 * seconds / len(PAGES):>7.2f} ms {100 * seconds / total:>5.1f}%")
    print(f"{'total':>12} {1000 * total / len(PAGES):>7.2f} ms")


if __name__ == "__main__":
    main()
