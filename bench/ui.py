"""`wiretrace ui` page times: every page on the demo's warehouse, the claims search on a large one.

    python bench/ui.py                                   # the demo (built here), every page
    python bench/ui.py --demo-db demo.duckdb             # an existing demo warehouse
    python bench/ui.py --large big.duckdb                # ... and the claims search on it
    python bench/ui.py --make-large big.duckdb --articles 50000   # build the large one first
    python bench/ui.py --make-large base.duckdb --articles 2500 --replicate-to 50000 --large big.duckdb

Each page is asked through the ASGI app in this process (httpx's ASGI transport, no sockets):
one warm-up request, then the median and the worst of `--repeat` requests. A read-only
connection is opened for every request, as the server does. The large warehouse comes from
bench/pipeline.py's generated corpus (a wire and two outlets over 30 days) run once through
the pipeline; its size is printed with the figures.

A pipeline run over 50,000 generated pages takes over an hour on two cores, so `--replicate-to`
makes the large warehouse from a smaller built one instead: copies of every committed row
(articles, claims, clusters, verdicts, stories, lineage, fetches), each copy's ids and URLs
suffixed and its times moved back by the base's span, until the warehouse holds N articles.
The rows are the pipeline's own; only their number is multiplied, which is what a search's
cost depends on (the claims page's text search scans every mention's sentence).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

BENCH = Path(__file__).resolve().parent
TARGET_PAGE_MS = 200.0
TARGET_SEARCH_MS = 1000.0


def _corpus_bench() -> Any:
    """bench/pipeline.py as a module: its corpus generator and server."""
    spec = importlib.util.spec_from_file_location("bench_pipeline", BENCH / "pipeline.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_pipeline"] = module
    spec.loader.exec_module(module)
    return module


def make_large(db: Path, articles: int) -> dict[str, Any]:
    """One pipeline run over bench/pipeline.py's corpus of `articles` pages, into `db`."""
    corpus = _corpus_bench()
    from wiretrace.sources.demo import DEMO_BASE, DEMO_HOST

    now = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=2)
    pages = corpus.build_pages(articles, now=now)
    with tempfile.TemporaryDirectory(prefix="wiretrace-bench-ui-") as tmp:
        root = Path(tmp) / "corpus"
        corpus.write_corpus(root, pages, [])
        outlets = Path(tmp) / "outlets.toml"
        outlets.write_text(corpus.outlets_toml(), encoding="utf-8")
        corpus.prefect_settings(Path(tmp) / "prefect")
        edition: Any = multiprocessing.Value("i", 1)
        ready: Any = multiprocessing.Queue()
        stop: Any = multiprocessing.Event()
        child = multiprocessing.Process(
            target=corpus.serve, args=(str(root), edition, ready, stop), daemon=True
        )
        child.start()
        try:
            address = ready.get(timeout=120)
            # Prefect only now: the server child was forked before any of its threads existed.
            from wiretrace.flows.pipeline import pipeline_flow

            started = time.perf_counter()
            summary = pipeline_flow(
                db=str(db),
                outlets_file=str(outlets),
                base_url=DEMO_BASE,
                resolve={DEMO_HOST: address},
                per_host_delay=0.0,
                fetch_concurrency=4,
                # In this process: a pool of extraction processes competes with the machine's
                # other users for its two cores, and gains nothing for a one-off build.
                extract_processes=0,
            )
            seconds = time.perf_counter() - started
        finally:
            stop.set()
            child.join(timeout=10)
    return {
        "articles": summary["articles_new"],
        "claims": summary["claims_new"],
        "clusters": summary["clusters"],
        "seconds": round(seconds, 1),
    }


# Columns that hold an id or a URL: suffixed in each copy, so copies never collide.
ID_COLUMNS = frozenset(
    [
        "version_id",
        "article_id",
        "claim_id",
        "cluster_id",
        "fetch_id",
        "story_id",
        "source_article_id",
        "claim_a",
        "claim_b",
        "other_claim_id",
        "replaces_claim_id",
        "series_id",
        "previous_cluster_id",
        "entry_key",
        "url",
        "canonical_url",
        "final_url",
        "warc_record_id",
    ]
)
# Per warehouse, not per article: outlets, runs and feeds are the same in every copy.
NOT_COPIED = frozenset({"outlets", "runs", "schema_migrations", "feed_state"})


def replicate(base: Path, target: Path, articles: int) -> dict[str, Any]:
    """Copy `base` to `target`, then add copies of its rows until `target` holds `articles`."""
    import shutil

    import duckdb

    started = time.perf_counter()
    shutil.copyfile(base, target)
    conn = duckdb.connect(str(target))
    try:
        row = conn.execute(
            "SELECT count(*), min(published_at), max(published_at) FROM articles"
        ).fetchone()
        if row is None or not row[0]:
            raise SystemExit(f"{base} holds no articles to copy")
        have, low, high = row
        span_days = (high - low).days + 1
        copies = -(-articles // have) - 1
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_type = 'BASE TABLE' AND table_schema = 'main' ORDER BY table_name"
            ).fetchall()
            if name not in NOT_COPIED
        ]
        columns = {
            table: conn.execute(
                "SELECT column_name, data_type FROM information_schema.columns"
                " WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
            for table in tables
        }
        for table in tables:
            conn.execute(f'CREATE TEMP TABLE "base_{table}" AS SELECT * FROM "{table}"')
        for copy in range(1, copies + 1):
            conn.execute("BEGIN")
            for table in tables:
                exprs = []
                for name, kind in columns[table]:
                    if name in ID_COLUMNS:
                        exprs.append(f"\"{name}\" || '~{copy}'")  # NULL stays NULL
                    elif kind.startswith("TIMESTAMP"):
                        exprs.append(f'"{name}" - INTERVAL {copy * span_days} DAY')
                    else:
                        exprs.append(f'"{name}"')
                conn.execute(f'INSERT INTO "{table}" SELECT {", ".join(exprs)} FROM "base_{table}"')
            conn.execute("COMMIT")
            print(f"replicate: copy {copy} of {copies}", file=sys.stderr, flush=True)
        conn.execute("CHECKPOINT")
    finally:
        conn.close()
    return {
        "base": str(base),
        "copies": copies + 1,
        "seconds": round(time.perf_counter() - started, 1),
    }


def make_demo(db: Path) -> None:
    """`wiretrace run --demo` into `db`, as a user makes it."""
    wiretrace = Path(sys.executable).with_name("wiretrace")
    subprocess.run(
        [str(wiretrace), "run", "--demo", "--db", str(db), "--json"],
        check=True,
        capture_output=True,
        cwd=db.parent,
        env={**os.environ, "PREFECT_HOME": str(db.parent / ".prefect")},
    )


async def _time(client: httpx.AsyncClient, path: str, repeat: int) -> dict[str, Any]:
    answer = await client.get(path)  # warm-up: imports, DuckDB's first plan of each query
    answer.raise_for_status()
    times, cpu = [], []
    for _ in range(repeat):
        started, spent = time.perf_counter(), time.process_time()
        answer = await client.get(path)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - spent) * 1000)
        answer.raise_for_status()
    return {
        "path": path,
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        # CPU time of this process (every thread): what the page costs when the machine is
        # shared, as wall time then mostly measures waiting for a core.
        "cpu_median_ms": round(statistics.median(cpu), 1),
        "bytes": len(answer.content),
    }


async def _pages(db: Path, paths: list[str], repeat: int) -> list[dict[str, Any]]:
    from wiretrace.ui.app import create_app

    app = create_app(db)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://ui.test") as client:
        return [await _time(client, path, repeat) for path in paths]


def demo_paths(db: Path) -> list[str]:
    """One URL of every page: the lists, and the first claim, story and outlet they show."""
    from wiretrace.ui.app import create_app

    async def first_ids() -> list[str]:
        transport = httpx.ASGITransport(app=create_app(db))
        async with httpx.AsyncClient(transport=transport, base_url="http://ui.test") as client:
            claims = (await client.get("/claims?format=json&sort=outlets")).json()
            stories = (await client.get("/stories?format=json")).json()
            outlets = (await client.get("/outlets?format=json")).json()
        claim = claims["claims"][0]["id"]
        story = stories["stories"][0]["id"]
        outlet = outlets["outlets"][0]["outlet_id"]
        return [
            "/claims",
            "/claims?q=billion&verdict=disputed",
            "/claims?page=2",
            f"/claims/{claim}",
            f"/claims/{claim}?format=json",
            "/stories",
            f"/stories/{story}",
            "/outlets",
            f"/outlets/{outlet}",
            "/runs",
        ]

    return asyncio.run(first_ids())


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--demo-db", type=Path, help="A demo warehouse (else one is built).")
    parser.add_argument("--large", type=Path, help="A large warehouse for the claims search.")
    parser.add_argument("--make-large", type=Path, help="Build a large warehouse here first.")
    parser.add_argument("--articles", type=int, default=50_000)
    parser.add_argument(
        "--replicate-to",
        type=int,
        metavar="N",
        help="Make --large (default: big.duckdb beside the built one) from --make-large's rows, copied to N articles.",
    )
    parser.add_argument("--search", default="said", help="The claims page's search text.")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures: dict[str, Any] = {"load_average": os.getloadavg(), "cores": os.cpu_count()}
    if args.make_large:
        figures["large_build"] = make_large(args.make_large, args.articles)
        args.large = args.large or args.make_large
    if args.replicate_to:
        base = args.make_large or args.large
        if base is None:
            parser.error("--replicate-to needs --make-large or --large as its base")
        target = args.large if args.large and args.large != base else base.with_name("big.duckdb")
        figures["large_replicated"] = replicate(base, target, args.replicate_to)
        args.large = target
    with tempfile.TemporaryDirectory(prefix="wiretrace-bench-ui-demo-") as tmp:
        demo = args.demo_db
        if demo is None:
            demo = Path(tmp) / "demo.duckdb"
            make_demo(demo)
        pages = asyncio.run(_pages(demo, demo_paths(demo), args.repeat))
    figures["demo_pages"] = pages
    figures["demo_worst_median_ms"] = max(p["median_ms"] for p in pages)
    figures["demo_under_target"] = all(p["median_ms"] < TARGET_PAGE_MS for p in pages)
    if args.large:
        from wiretrace.ui.app import create_app

        searches = [
            f"/claims?q={args.search}",
            f"/claims?q={args.search}&sort=first&page=3",
            f"/claims?q={args.search}&verdict=corroborated&since=2000-01-01",
            "/claims",
        ]
        large = asyncio.run(_pages(args.large, searches, args.repeat))
        figures["large_size"] = asyncio.run(_size(create_app(args.large)))
        figures["large_pages"] = large
        figures["large_search_under_target"] = all(p["median_ms"] < TARGET_SEARCH_MS for p in large)
    if args.json:
        print(json.dumps(figures))
        return
    for key, value in figures.items():
        if isinstance(value, list):
            print(f"{key}:")
            for row in value:
                print(
                    f"  {row['median_ms']:8.1f} ms median {row['max_ms']:8.1f} ms max "
                    f"{row['cpu_median_ms']:8.1f} ms CPU  {row['path']}"
                )
        else:
            print(f"{key:28} {value}")


async def _size(app: Any) -> dict[str, Any]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://ui.test") as client:
        runs = (await client.get("/runs?format=json")).json()
    return runs["totals"]


if __name__ == "__main__":
    main()
