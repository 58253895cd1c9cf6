"""The pipeline's steps as plain functions: each reads or writes the warehouse, or calls a pure stage.

The Prefect tasks in `pipeline.py` wrap these; `reextract.py` reuses the extract, load and
corroborate steps; tests call them without Prefect.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import secrets
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

from wiretrace import timing
from wiretrace.corroboration.corroborate import corroborate_claims, regroup_stories
from wiretrace.corroboration.matching import MatchConfig
from wiretrace.corroboration.scoring import Scorer, score_blocks
from wiretrace.extractors.article import ExtractionError, extract_article
from wiretrace.extractors.claims import extract_claims
from wiretrace.records import (
    Article,
    Claim,
    FirstCapture,
    MatchResult,
    Outlet,
    Story,
    Validators,
)
from wiretrace.reports.run import ClusterChanges, cluster_changes
from wiretrace.sources.collect import Page
from wiretrace.sources.config import alias_map
from wiretrace.warehouse import queries
from wiretrace.warehouse.db import open_db
from wiretrace.warehouse.load import (
    IngestBatch,
    load_ingest,
    replace_corroboration,
    start_run,
    upsert_outlets,
)

ExtractFailure = tuple[str, str]  # (fetch id, reason)


def match_config(window_days: float) -> MatchConfig:
    """The matcher's settings, with claims compared only within `window_days` of each other."""
    return MatchConfig(window=timedelta(days=window_days))


def new_run_id() -> str:
    """A run id that sorts by start time: 20261201T194500Z-1a2b3c."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def prepare(
    db_path: Path, run_id: str, label: str, outlets: Sequence[Outlet]
) -> tuple[dict[str, Validators], dict[str, Validators], dict[str, FirstCapture]]:
    """Record the run's start; read the validators of feeds and pages, and the archived payloads."""
    with open_db(db_path) as conn:
        upsert_outlets(conn, outlets)
        start_run(conn, run_id, label)
        return (
            queries.feed_validators(conn),
            queries.page_validators(conn),
            queries.first_captures(conn),
        )


def read_known_pages(db_path: Path) -> dict[str, datetime | None]:
    """Pages already answered (200 or 304), with the feed's modified time when last asked."""
    with open_db(db_path) as conn:
        return queries.known_pages(conn)


def published(db_path: Path) -> bool:
    """Whether every loaded article version is covered by committed corroboration tables."""
    with open_db(db_path) as conn:
        return queries.unpublished_articles(conn) == 0


def current_verdicts(db_path: Path) -> dict[str, int]:
    with open_db(db_path) as conn:
        return queries.verdict_counts(conn)


def extract_page(
    body: bytes,
    *,
    url: str,
    outlet_id: str,
    fetch_id: str,
    fetched_at: datetime,
    feed_published_at: datetime | None,
    content_type: str,
    aliases: Mapping[str, str],
) -> tuple[Article, list[Claim]]:
    """One archived or fetched page -> its article and claims (raises ExtractionError)."""
    article = extract_article(
        body,
        url=url,
        outlet_id=outlet_id,
        fetch_id=fetch_id,
        feed_published_at=feed_published_at,
        fetched_at=fetched_at,
        content_type=content_type,
    )
    return article, extract_claims(article, aliases=aliases)


def extract_pages(
    pages: Sequence[Page], aliases: Mapping[str, str]
) -> tuple[list[Article], list[Claim], list[ExtractFailure]]:
    """Articles and claims from fetched pages; a page that fails gives (fetch id, reason)."""
    articles, claims, failures, spent = _extract_chunk(pages, aliases)
    for name, seconds in spent.items():
        timing.add(name, seconds)
    return articles, claims, failures


# Below this many pages a second process costs more than it saves: a worker's start (imports
# of trafilatura, lxml, pysbd) is about a second, extraction about 55 pages a second.
PROCESS_MIN_PAGES = 200
_CHUNK_PAGES = 25  # small enough to keep both workers busy to the end, big enough to amortise


def extraction_processes(pages: int, requested: int | None = None) -> int:
    """How many processes extract `pages` pages: `requested`, else one per usable core for a
    batch worth it, else 0 (in this process)."""
    if requested is not None:
        return max(0, requested)
    if pages < PROCESS_MIN_PAGES:
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cores if cores and cores > 1 else 0


def extract_pages_parallel(
    pages: Sequence[Page], aliases: Mapping[str, str], processes: int
) -> tuple[list[Article], list[Claim], list[ExtractFailure]]:
    """`extract_pages` over `processes` worker processes, gathered in page order.

    The workers fork from a fresh forkserver (never from this process, whose threads may hold
    locks); it imports the extractors once, so each worker starts warm. The time each stage
    took in the workers is shared out over this stage's wall time (`timing`)."""
    if processes < 1 or len(pages) <= _CHUNK_PAGES:
        return extract_pages(pages, aliases)
    started = time.perf_counter()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["wiretrace.flows.steps"])
    chunks = [pages[i : i + _CHUNK_PAGES] for i in range(0, len(pages), _CHUNK_PAGES)]
    articles: list[Article] = []
    claims: list[Claim] = []
    failures: list[ExtractFailure] = []
    spent = {"extract": 0.0, "claims": 0.0}
    with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
        for got in pool.map(_extract_chunk, chunks, itertools.repeat(dict(aliases))):
            articles += got[0]
            claims += got[1]
            failures += got[2]
            for name, seconds in got[3].items():
                spent[name] += seconds
    wall = time.perf_counter() - started
    total = sum(spent.values()) or 1.0
    for name, seconds in spent.items():
        timing.add(name, wall * seconds / total)
    return articles, claims, failures


def _extract_chunk(
    pages: Sequence[Page], aliases: Mapping[str, str]
) -> tuple[list[Article], list[Claim], list[ExtractFailure], dict[str, float]]:
    articles: list[Article] = []
    claims: list[Claim] = []
    failures: list[ExtractFailure] = []
    spent = {"extract": 0.0, "claims": 0.0}
    for page in pages:
        started = time.perf_counter()
        try:
            article = extract_article(
                page.body,
                url=page.entry.url,
                outlet_id=page.entry.outlet_id,
                fetch_id=page.fetch.fetch_id,
                feed_published_at=page.entry.published_at,
                fetched_at=page.fetch.fetched_at,
                content_type=page.content_type,
            )
        except ExtractionError as exc:
            failures.append((page.fetch.fetch_id, f"extraction failed: {exc}"))
            continue
        finally:
            spent["extract"] += time.perf_counter() - started
        started = time.perf_counter()
        articles.append(article)
        claims.extend(extract_claims(article, aliases=aliases))
        spent["claims"] += time.perf_counter() - started
    return articles, claims, failures, spent


def load(db_path: Path, batch: IngestBatch) -> dict[str, int]:
    """Load one run's batch in one transaction; returns the rows each table gained."""
    with timing.timed("load"), open_db(db_path) as conn:
        before = queries.table_counts(conn)
        load_ingest(conn, batch)
        after = queries.table_counts(conn)
    return {name: after[name] - before.get(name, 0) for name in after}


def compute_corroboration(
    db_path: Path,
    outlets: Sequence[Outlet],
    config: MatchConfig,
    *,
    scorer: Scorer = score_blocks,
    full: bool = False,
) -> MatchResult:
    """Read the claims in the warehouse, then match, cluster and judge them.

    Matching is incremental unless `full` (after a re-extraction, whose claims may read
    differently under the same ids). Outlet names, aliases and kinds are those of every outlet
    the warehouse knows, the current outlets file winning: a run over another file does not
    change how earlier claims are judged.
    """
    with timing.timed("read"), open_db(db_path) as conn:
        latest, previous, articles = queries.claims_for_matching(conn)
        matched, earlier = queries.earlier_matching(conn) if not full else (set(), [])
        stored = queries.stored_outlets(conn)
    every = list(({o.id: o for o in stored} | {o.id: o for o in outlets}).values())
    return corroborate_claims(
        latest,
        articles,
        every,
        config,
        aliases=alias_map(every),
        previous=previous,
        matched=matched,
        earlier=earlier,
        scorer=scorer,
    )


def compute_stories(db_path: Path, result: MatchResult) -> list[Story]:
    """Read the latest article versions and their story decisions, then group them again."""
    with timing.timed("stories"):
        with open_db(db_path) as conn:
            inputs = queries.story_inputs(conn)
            stored, ungrouped = queries.story_assignments(conn)
        return regroup_stories(inputs, result, stored=stored, ungrouped=ungrouped)


def corroborate_and_store(
    db_path: Path,
    outlets: Sequence[Outlet],
    config: MatchConfig,
    *,
    scorer: Scorer = score_blocks,
    full: bool = False,
) -> tuple[dict[str, int], ClusterChanges]:
    """Match, judge and group the warehouse's claims, and swap the results in (one transaction)."""
    result = compute_corroboration(db_path, outlets, config, scorer=scorer, full=full)
    stories = compute_stories(db_path, result)
    with timing.timed("swap"), open_db(db_path) as conn:
        before = queries.cluster_states(conn)
        replace_corroboration(conn, result, stories=stories)
        changes = cluster_changes(before, queries.cluster_states(conn))
        return queries.verdict_counts(conn), changes
