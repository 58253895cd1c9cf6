"""Soak: one run per edition of a rolling 2,000-article wire into one warehouse; time and memory stay flat.

    python bench/soak.py                                    # 30 editions of 2,000 articles
    python bench/soak.py --editions 8 --articles 300        # a quick look

The corpus is bench/pipeline.py's (a wire and two outlets; `build_pages`, `write_corpus`, its
server). Each edition lists the latest `--articles` pages: it adds `--new` (a tenth by default)
and drops as many of the oldest, so the warehouse grows by `--new` articles a run while every
feed stays the same size. Each run is a fresh process (spawned, as a scheduled run would be)
running the pipeline flow against one temporary Prefect server; it reports its flow's wall time
its CPU time and its own peak RSS (`ru_maxrss`); the parent also samples the RSS of the run's whole process
tree (extraction workers included) every 0.1 s.

Flat: the median of the last 10 runs within 10% of the median of runs 2-11 (run 1 loads the
whole first edition and is not compared), for wall time, CPU time and peak RSS. On a shared
machine wall time follows the other load; CPU time of the run's process does not. With fewer editions
the two windows are the first and last `(editions - 1) // 2` runs after run 1 (at most 10).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import multiprocessing
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TOLERANCE = 0.10
SAMPLE_EVERY = 0.1


def _bench(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


WIRE = _bench("pipeline")


def write_editions(root: Path, articles: int, editions: int, new: int) -> int:
    """Every page under `root/site`, and `root/editions/N` listing edition N's window of pages.

    Returns how many pages there are in all."""
    now = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    pages = WIRE.build_pages(articles + (editions - 1) * new, now=now)
    WIRE.write_corpus(root, pages, [])
    shutil.rmtree(root / "editions")
    render = WIRE.page_html
    with tempfile.TemporaryDirectory(dir=root.parent) as scratch:
        # write_corpus writes an edition's feeds and sitemaps, and a site/ copy of its pages
        # that is dropped here: those pages are not rendered (site/ above holds them all).
        WIRE.page_html = lambda page, related: ""
        try:
            for edition in range(1, editions + 1):
                window = pages[(edition - 1) * new : (edition - 1) * new + articles]
                part = Path(scratch) / str(edition)
                WIRE.write_corpus(part, window, [])
                shutil.move(part / "editions" / "1", root / "editions" / str(edition))
                shutil.rmtree(part)
        finally:
            WIRE.page_html = render
    return len(pages)


def one_run(db: str, outlets: str, address: tuple[str, int], results: Any) -> None:
    """One scheduled run in this fresh process: its flow's wall time and this process's peak RSS."""
    from wiretrace.flows.pipeline import pipeline_flow
    from wiretrace.sources.demo import DEMO_BASE, DEMO_HOST

    started, cpu = time.perf_counter(), time.process_time()
    summary = pipeline_flow(
        db=db,
        outlets_file=outlets,
        base_url=DEMO_BASE,
        resolve={DEMO_HOST: tuple(address)},
        per_host_delay=0.0,
        fetch_concurrency=4,
    )
    seconds = time.perf_counter() - started
    results.put(
        {
            "seconds": seconds,
            # CPU seconds of this process: unlike wall time, barely moved by other load
            "cpu_seconds": time.process_time() - cpu,
            "peak_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
            "articles_new": summary["articles_new"],
            "claims_new": summary["claims_new"],
            "pages_fetched": summary["pages_fetched"],
            "clusters": summary["clusters"],
            "stages": dict(summary.get("stages") or {}),
        }
    )


def tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants now (0 once it is gone)."""
    import psutil

    try:
        parent = psutil.Process(pid)
        family = [parent, *parent.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for process in family:
        try:
            total += process.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def run_edition(db: Path, outlets: Path, address: tuple[str, int]) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    child = context.Process(target=one_run, args=(str(db), str(outlets), address, results))
    child.start()
    assert child.pid is not None
    peak = 0
    while child.is_alive():
        peak = max(peak, tree_rss(child.pid))
        child.join(SAMPLE_EVERY)
        if not results.empty():
            break
    figures: dict[str, Any] = results.get(timeout=600)
    child.join(60)
    if child.exitcode != 0:
        raise RuntimeError(f"the run exited {child.exitcode}")
    figures["tree_peak_rss"] = peak
    return figures


def slowest(figures: dict[str, Any], count: int = 3) -> str:
    """The run's slowest stages, so a run that costs more than its neighbours says where."""
    stages = sorted(figures.get("stages", {}).items(), key=lambda item: -item[1])[:count]
    return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in stages) or "-"


def windows(count: int) -> tuple[slice, slice, str]:
    """The early and late runs compared (0-based slices), and how to say which they are."""
    width = min(10, (count - 1) // 2)
    if width < 1:
        raise SystemExit("--editions must be at least 3 to compare early and late runs")
    early, late = slice(1, 1 + width), slice(count - width, count)
    return early, late, f"runs 2-{1 + width} vs runs {count - width + 1}-{count}"


def flatness(values: list[float], count: int) -> dict[str, Any]:
    early, late, which = windows(count)
    before = statistics.median(values[early])
    after = statistics.median(values[late])
    change = after / before - 1 if before else 0.0
    return {
        "compared": which,
        "early_median": before,
        "late_median": after,
        "change": round(change, 3),
        "flat": abs(change) <= TOLERANCE,
    }


def soak(articles: int, editions: int, new: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="wiretrace-soak-") as tmp:
        root = Path(tmp) / "corpus"
        started = time.perf_counter()
        pages = write_editions(root, articles, editions, new)
        print(
            f"corpus: {pages} pages, {editions} editions of {articles} listed "
            f"({new} new each), written in {time.perf_counter() - started:.0f} s",
            flush=True,
        )
        outlets = Path(tmp) / "outlets.toml"
        outlets.write_text(WIRE.outlets_toml(), encoding="utf-8")
        db = Path(tmp) / "soak" / "w.duckdb"
        db.parent.mkdir()
        edition: Any = multiprocessing.Value("i", 1)
        ready: Any = multiprocessing.Queue()
        stop: Any = multiprocessing.Event()
        # Forked now, before this process imports Prefect or starts a thread.
        server = multiprocessing.Process(
            target=WIRE.serve, args=(str(root), edition, ready, stop), daemon=True
        )
        server.start()
        runs: list[dict[str, Any]] = []
        try:
            address = ready.get(timeout=60)
            from prefect.settings import PREFECT_API_URL
            from prefect.testing.utilities import prefect_test_harness

            with prefect_test_harness(server_startup_timeout=180):
                # The spawned runs share this one temporary Prefect server.
                os.environ["PREFECT_API_URL"] = str(PREFECT_API_URL.value())
                for number in range(1, editions + 1):
                    edition.value = number
                    figures = run_edition(db, outlets, address)
                    figures["edition"] = number
                    runs.append(figures)
                    print(
                        f"run {number:3}  {figures['articles_new']:5} new articles "
                        f"{figures['claims_new']:6} new claims  {figures['pages_fetched']:5} pages "
                        f"fetched  {figures['seconds']:7.1f} s ({figures['cpu_seconds']:.1f} s CPU)  peak RSS "
                        f"{figures['peak_rss'] / 1e6:7.0f} MB  (process tree "
                        f"{figures['tree_peak_rss'] / 1e6:.0f} MB)  slowest: {slowest(figures)}",
                        flush=True,
                    )
        finally:
            stop.set()
            server.join(timeout=10)
        warehouse_mb = round(db.stat().st_size / 1e6, 1)
    return {
        "articles": articles,
        "editions": editions,
        "new_per_edition": new,
        "cores": len(os.sched_getaffinity(0)),
        "warehouse_mb": warehouse_mb,
        "runs": runs,
        "time": flatness([r["seconds"] for r in runs], editions),
        "cpu_time": flatness([r["cpu_seconds"] for r in runs], editions),
        "memory": flatness([float(r["peak_rss"]) for r in runs], editions),
        "tree_memory": flatness([float(r["tree_peak_rss"]) for r in runs], editions),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--editions", type=int, default=30, help="Runs, one per edition.")
    parser.add_argument("--articles", type=int, default=2000, help="Articles each edition lists.")
    parser.add_argument(
        "--new", type=int, default=None, help="Articles each edition adds (default: a tenth)."
    )
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    args = parser.parse_args()
    new = args.new if args.new is not None else max(1, args.articles // 10)
    with tempfile.TemporaryDirectory(prefix="wiretrace-soak-prefect-") as home:
        WIRE.prefect_settings(Path(home))
        figures = soak(args.articles, args.editions, new)
    if args.json:
        print(json.dumps(figures))
        return
    print(f"cores {figures['cores']}, warehouse {figures['warehouse_mb']} MB at the end")
    for name, unit, scale in (
        ("time", "s", 1.0),
        ("cpu_time", "s", 1.0),
        ("memory", "MB", 1e6),
        ("tree_memory", "MB", 1e6),
    ):
        found = figures[name]
        verdict = "flat" if found["flat"] else "NOT flat"
        print(
            f"{name:12} {found['compared']}: median {found['early_median'] / scale:.1f} {unit} "
            f"-> {found['late_median'] / scale:.1f} {unit} ({found['change']:+.1%}): "
            f"{verdict} within {TOLERANCE:.0%}"
        )


if __name__ == "__main__":
    main()
