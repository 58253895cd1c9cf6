"""The pipeline's steps as plain functions: each reads or writes the warehouse, or calls a pure stage.

The Prefect tasks in `pipeline.py` wrap these; `reextract.py` reuses the extract, load and
corroborate steps; tests call them without Prefect.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

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
    articles: list[Article] = []
    claims: list[Claim] = []
    failures: list[ExtractFailure] = []
    for page in pages:
        try:
            article, found = extract_page(
                page.body,
                url=page.entry.url,
                outlet_id=page.entry.outlet_id,
                fetch_id=page.fetch.fetch_id,
                feed_published_at=page.entry.published_at,
                fetched_at=page.fetch.fetched_at,
                content_type=page.content_type,
                aliases=aliases,
            )
        except ExtractionError as exc:
            failures.append((page.fetch.fetch_id, f"extraction failed: {exc}"))
            continue
        articles.append(article)
        claims.extend(found)
    return articles, claims, failures


def load(db_path: Path, batch: IngestBatch) -> dict[str, int]:
    """Load one run's batch in one transaction; returns the rows each table gained."""
    with open_db(db_path) as conn:
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
    with open_db(db_path) as conn:
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
    with open_db(db_path) as conn:
        before = queries.cluster_states(conn)
        replace_corroboration(conn, result, stories=stories)
        changes = cluster_changes(before, queries.cluster_states(conn))
        return queries.verdict_counts(conn), changes
