"""The `wiretrace-pipeline` flow: poll, fetch, extract, load, match, corroborate; thin tasks over plain functions."""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact

from corroboration.matching import MatchConfig, match_claims
from corroboration.verdicts import article_lineage, corroborate, earlier_versions
from extractors.article import ExtractionError, extract_article
from extractors.claims import extract_claims
from sources.archive import FirstCapture, WarcArchive
from sources.collect import Page, PageResult, PollResult, Validators, fetch_pages, poll_outlets
from sources.config import alias_map, load_outlets
from sources.fetch import Fetcher, FetchPolicy
from warehouse import queries
from warehouse.db import open_db
from warehouse.load import (
    IngestBatch,
    MatchResult,
    finish_run,
    load_ingest,
    replace_corroboration,
    start_run,
    upsert_outlets,
)
from wiretrace.records import Article, Claim, Fetch, Outlet

LOGGER = logging.getLogger(__name__)


@dataclass
class RunSummary:
    run_id: str
    label: str
    outlets: int = 0
    feeds_polled: int = 0
    feeds_failed: int = 0
    entries: int = 0
    pages_fetched: int = 0
    pages_unchanged: int = 0
    pages_failed: int = 0
    articles_new: int = 0
    claims_new: int = 0
    clusters: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def archive_dir_for(db_path: Path) -> Path:
    return db_path.with_name(db_path.stem + "-archive")


# ---- plain stage functions (tested without Prefect) -------------------------------------------


def prepare(
    db_path: Path, run_id: str, label: str, outlets: Sequence[Outlet]
) -> tuple[dict[str, Validators], dict[str, Validators], dict[str, FirstCapture]]:
    """Record the run's start and read what conditional GETs and the archive need."""
    with open_db(db_path) as conn:
        upsert_outlets(conn, outlets)
        start_run(conn, run_id, label)
        feeds = {
            url: Validators(etag, modified, sha, failures)
            for url, (etag, modified, sha, failures) in queries.feed_validators(conn).items()
        }
        pages = {
            url: Validators(etag, modified, sha)
            for url, (etag, modified, sha) in queries.page_validators(conn).items()
        }
        captures = {
            sha: FirstCapture(uri, when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
            for sha, (uri, when) in queries.first_captures(conn).items()
        }
    return feeds, pages, captures


def extract_pages(
    pages: Sequence[Page], aliases: Mapping[str, str]
) -> tuple[list[Article], list[Claim], list[tuple[str, str]]]:
    """Articles and claims from fetched pages; a page that fails gives (fetch id, reason)."""
    articles: list[Article] = []
    claims: list[Claim] = []
    failures: list[tuple[str, str]] = []
    for page in pages:
        try:
            article = extract_article(
                page.body,
                url=page.entry.url,
                outlet_id=page.entry.outlet_id,
                fetch_id=page.fetch.fetch_id,
                feed_published_at=page.entry.published_at,
                fetched_at=page.fetch.fetched_at,
            )
        except ExtractionError as exc:
            failures.append((page.fetch.fetch_id, f"extraction failed: {exc}"))
            continue
        articles.append(article)
        claims.extend(extract_claims(article, aliases=aliases))
    return articles, claims, failures


def compute_corroboration(
    db_path: Path, outlets: Sequence[Outlet], config: MatchConfig
) -> MatchResult:
    """Read the claims in the warehouse, match, cluster and judge them (reads, then computes)."""
    with open_db(db_path) as conn:
        latest, previous, articles = queries.claims_for_matching(conn)
        known = {
            row[0]: row[1] for row in conn.execute("SELECT outlet_id, name FROM outlets").fetchall()
        }
    matches, clusters = match_claims(latest, config)
    names = {**known, **{o.id: o.name for o in outlets}}
    verdicts = corroborate(
        clusters,
        latest,
        articles,
        aliases=alias_map(outlets),
        names=names,
        previous=previous,
        matches=matches,
        wires=frozenset(o.id for o in outlets if o.kind == "wire"),
    )
    aliases = alias_map(outlets)
    sources = {m.claim_id: (m.source, m.via) for v in verdicts for m in v.sources}
    # Earlier versions of a claim join its cluster, so a report shows both versions.
    for old_id, new_id in earlier_versions(latest, previous).items():
        clusters[old_id] = clusters[new_id]
        sources[old_id] = ("", "earlier-version")
    lineage = {(e.article_id, e.source_outlet, e.kind): e for v in verdicts for e in v.lineage}
    for edge in article_lineage(latest, articles, matches, aliases=aliases):
        lineage.setdefault((edge.article_id, edge.source_outlet, edge.kind), edge)
    return MatchResult(
        matches=[(m.a, m.b, m.score, m.decision) for m in matches],
        clusters=clusters,
        sources=sources,
        lineage=list(lineage.values()),
        corroboration=[v.corroboration for v in verdicts],
    )


# ---- Prefect tasks: each a batch of work, not one per item ------------------------------------


@task(name="poll-feeds", retries=1, retry_delay_seconds=2)
def poll_task(
    outlets: list[Outlet],
    resolve: dict[str, tuple[str, int]],
    policy: FetchPolicy,
    run_id: str,
    archive_dir: Path,
    feeds: dict[str, Validators],
    captures: dict[str, FirstCapture],
) -> tuple[PollResult, dict[str, FirstCapture]]:
    archive = WarcArchive(archive_dir, f"wiretrace-{run_id}-feeds", known=captures)
    with Fetcher(policy, resolve=resolve) as fetcher:
        result = poll_outlets(outlets, fetcher, run_id=run_id, archive=archive, validators=feeds)
    return result, archive.known


@task(name="fetch-pages", retries=1, retry_delay_seconds=2)
def fetch_task(
    poll: PollResult,
    outlets: list[Outlet],
    resolve: dict[str, tuple[str, int]],
    policy: FetchPolicy,
    run_id: str,
    archive_dir: Path,
    pages: dict[str, Validators],
    captures: dict[str, FirstCapture],
    workers: int,
) -> PageResult:
    archive = WarcArchive(archive_dir, f"wiretrace-{run_id}-pages", known=captures)
    with Fetcher(policy, resolve=resolve) as fetcher:
        return fetch_pages(
            poll.entries,
            {o.id: o for o in outlets},
            fetcher,
            run_id=run_id,
            archive=archive,
            validators=pages,
            workers=workers,
        )


@task(name="extract")
def extract_task(
    pages: list[Page], aliases: dict[str, str]
) -> tuple[list[Article], list[Claim], list[tuple[str, str]]]:
    return extract_pages(pages, aliases)


@task(name="load")
def load_task(db_path: Path, batch: IngestBatch) -> dict[str, int]:
    with open_db(db_path) as conn:
        before = queries.table_counts(conn)
        load_ingest(conn, batch)
        after = queries.table_counts(conn)
    return {name: after[name] - before.get(name, 0) for name in after}


@task(name="corroborate")
def corroborate_task(db_path: Path, outlets: list[Outlet], config: MatchConfig) -> dict[str, int]:
    result = compute_corroboration(db_path, outlets, config)
    with open_db(db_path) as conn:
        replace_corroboration(conn, result)
        return queries.verdict_counts(conn)


@flow(name="wiretrace-pipeline", log_prints=False)
def pipeline_flow(
    db: str,
    sources: str,
    label: str = "",
    base_url: str | None = None,
    resolve: dict[str, tuple[str, int]] | None = None,
    per_host_delay: float = 1.0,
    workers: int = 4,
    window_days: float = 7.0,
) -> dict[str, Any]:
    """One poll of every outlet, through to corroboration tables. Returns the run's summary."""
    started = time.monotonic()
    db_path = Path(db)
    outlets = load_outlets(Path(sources), base_url=base_url)
    run_id = new_run_id()
    summary = RunSummary(run_id=run_id, label=label or sources, outlets=len(outlets))
    logger = get_run_logger()
    policy = FetchPolicy(per_host_delay=per_host_delay)
    archive_dir = archive_dir_for(db_path)
    feeds, pages, captures = prepare(db_path, run_id, summary.label, outlets)
    status = "failed"
    try:
        poll, captures = poll_task(
            outlets, resolve or {}, policy, run_id, archive_dir, feeds, captures
        )
        summary.feeds_polled = len(poll.feed_states)
        summary.feeds_failed = sum(1 for s in poll.feed_states if s.consecutive_failures)
        summary.entries = len(poll.entries)
        fetched = fetch_task(
            poll, outlets, resolve or {}, policy, run_id, archive_dir, pages, captures, workers
        )
        summary.pages_fetched = len(fetched.pages)
        summary.pages_unchanged = fetched.unchanged
        summary.pages_failed = len(fetched.errors)
        articles, claims, failures = extract_task(fetched.pages, alias_map(outlets))
        failed = dict(failures)
        page_fetches = [
            _with_error(f, failed[f.fetch_id]) if f.fetch_id in failed else f
            for f in fetched.fetches
        ]
        batch = IngestBatch(
            run_id=run_id,
            fetches=poll.fetches + page_fetches,
            feed_states=poll.feed_states,
            entries=poll.entries,
            articles=articles,
            claims=claims,
        )
        added = load_task(db_path, batch)
        summary.articles_new = added.get("articles", 0)
        summary.claims_new = added.get("claims", 0)
        config = MatchConfig(window=MatchConfig().window * (window_days / 7.0))
        summary.verdicts = corroborate_task(db_path, outlets, config)
        summary.clusters = sum(summary.verdicts.values())
        summary.errors = poll.errors + fetched.errors + [reason for _, reason in failures]
        for error in summary.errors:
            logger.warning("%s", error)
        status = "completed"
    finally:
        summary.seconds = round(time.monotonic() - started, 2)
        with open_db(db_path) as conn:
            finish_run(conn, run_id, status=status, counts=_counts(summary), errors=summary.errors)
    _publish_artifact(summary)
    return summary.as_dict()


def _with_error(fetch: Fetch, error: str) -> Fetch:
    return replace(fetch, error=error)


def _counts(summary: RunSummary) -> dict[str, Any]:
    data = summary.as_dict()
    data.pop("errors")
    return data


def _publish_artifact(summary: RunSummary) -> None:
    verdicts = "\n".join(f"| {v} | {n} |" for v, n in sorted(summary.verdicts.items()))
    errors = "\n".join(f"- {e}" for e in summary.errors[:50]) or "none"
    markdown = (
        f"# wiretrace run {summary.run_id}\n\n{summary.label}\n\n"
        f"| outlets | feeds polled | feeds failed | entries | pages fetched | unchanged | "
        f"new articles | new claims | clusters | seconds |\n|---|---|---|---|---|---|---|---|---|---|\n"
        f"| {summary.outlets} | {summary.feeds_polled} | {summary.feeds_failed} | {summary.entries} "
        f"| {summary.pages_fetched} | {summary.pages_unchanged} | {summary.articles_new} "
        f"| {summary.claims_new} | {summary.clusters} | {summary.seconds} |\n\n"
        f"## Clusters by verdict\n\n| verdict | clusters |\n|---|---|\n{verdicts}\n\n"
        f"## Failures\n\n{errors}\n"
    )
    try:
        create_markdown_artifact(
            key="wiretrace-run-summary", markdown=markdown, description="wiretrace run summary"
        )
    except Exception as exc:  # an artifact is a courtesy; the run's data is already committed
        LOGGER.warning("could not publish the run summary artifact: %s", exc)
