"""The `wiretrace-pipeline` flow: poll, fetch, extract, load, match, corroborate; thin tasks over plain steps."""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar, cast

import numpy as np
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from wiretrace import timing
from wiretrace.corroboration.matching import MatchConfig
from wiretrace.corroboration.scoring import Scorer, score_blocks, split_blocks
from wiretrace.flows.lock import run_lock
from wiretrace.flows.progress import stage
from wiretrace.flows.steps import (
    ExtractFailure,
    corroborate_and_store,
    current_verdicts,
    extract_pages_parallel,
    fetch_and_extract,
    load,
    match_config,
    new_run_id,
    prepare,
    published,
    read_pages,
    read_validators,
)
from wiretrace.records import (
    Article,
    Claim,
    ClaimMatch,
    FeedEntry,
    Fetch,
    FirstCapture,
    Outlet,
    Validators,
)
from wiretrace.reports.run import ClusterChanges, RunSummary, run_summary_markdown
from wiretrace.sources.archive import WarcArchive, archive_dir_for
from wiretrace.sources.collect import Page, PageResult, PollResult, fetch_pages, poll_outlets
from wiretrace.sources.config import alias_map, load_outlets
from wiretrace.sources.fetch import Fetcher, FetchPolicy, tls_context
from wiretrace.sources.selection import page_states, select_pages
from wiretrace.warehouse.db import kept_open, open_db, release
from wiretrace.warehouse.load import IngestBatch, finish_run

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")


def whole(value: T) -> T:
    """Pass `value` to a task as it is: Prefect would otherwise walk every item of a big input
    looking for futures, on every call (validators and captures grow with the warehouse)."""
    return cast(T, quote(value))


# ---- Prefect tasks: each a batch of work, not one per item ------------------------------------


# NO_CACHE: the default policy hashes every input of every call (JSON, else a pickle: all the
# pages, a whole batch) for a cache no run reads.
@task(name="poll-feeds", retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)
def poll_task(
    outlets: list[Outlet],
    resolve: dict[str, tuple[str, int]],
    policy: FetchPolicy,
    run_id: str,
    archive_dir: Path,
    feeds: dict[str, Validators],
    captures: dict[str, FirstCapture],
    force: bool = False,
    tls: ssl.SSLContext | None = None,
) -> tuple[PollResult, dict[str, FirstCapture]]:
    archive = WarcArchive(archive_dir, f"wiretrace-{run_id}-feeds", known=captures)
    with Fetcher(policy, resolve=resolve, verify=tls or True) as fetcher:
        result = poll_outlets(
            outlets, fetcher, run_id=run_id, archive=archive, validators=feeds, force=force
        )
    return result, archive.known


@task(name="fetch-pages", retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)
def fetch_task(
    poll: PollResult,
    outlets: list[Outlet],
    resolve: dict[str, tuple[str, int]],
    policy: FetchPolicy,
    run_id: str,
    archive_dir: Path,
    pages: dict[str, Validators],
    captures: dict[str, FirstCapture],
    concurrency: int,
    tls: ssl.SSLContext | None = None,
) -> PageResult:
    archive = WarcArchive(archive_dir, f"wiretrace-{run_id}-pages", known=captures)
    with Fetcher(policy, resolve=resolve, verify=tls or True) as fetcher:
        return fetch_pages(
            poll.entries,
            {o.id: o for o in outlets},
            fetcher,
            run_id=run_id,
            archive=archive,
            validators=pages,
            concurrency=concurrency,
            robots=poll.robots,
        )


@task(name="fetch-and-extract", retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)
def fetch_extract_task(
    poll: PollResult,
    outlets: list[Outlet],
    resolve: dict[str, tuple[str, int]],
    policy: FetchPolicy,
    run_id: str,
    archive_dir: Path,
    pages: dict[str, Validators],
    captures: dict[str, FirstCapture],
    concurrency: int,
    aliases: dict[str, str],
    processes: int | None,
    tls: ssl.SSLContext | None = None,
    new_pages: int | None = None,
) -> tuple[PageResult, list[Article], list[Claim], list[ExtractFailure]]:
    """`fetch_task` and the extraction of its pages at once: later pages are fetched while
    worker processes extract the earlier ones (`new_pages`: how many entries are of URLs not
    answered before)."""
    archive = WarcArchive(archive_dir, f"wiretrace-{run_id}-pages", known=captures)
    by_id = {o.id: o for o in outlets}
    with Fetcher(policy, resolve=resolve, verify=tls or True) as fetcher:

        def fetch(entries: Sequence[FeedEntry]) -> PageResult:
            return fetch_pages(
                entries,
                by_id,
                fetcher,
                run_id=run_id,
                archive=archive,
                validators=pages,
                concurrency=concurrency,
                robots=poll.robots,
            )

        return fetch_and_extract(
            poll.entries,
            fetch,
            aliases,
            known_robots=poll.robots.keys(),
            processes=processes,
            new_pages=new_pages,
        )


@task(name="extract", cache_policy=NO_CACHE)
def extract_task(
    pages: list[Page], aliases: dict[str, str], processes: int = 0
) -> tuple[list[Article], list[Claim], list[ExtractFailure]]:
    return extract_pages_parallel(pages, aliases, processes)


@task(name="load", cache_policy=NO_CACHE)
def load_task(db_path: Path, batch: IngestBatch) -> dict[str, int]:
    return load(db_path, batch)


# NO_CACHE here too: with a cache policy Prefect would also persist each result (a pickle of
# every changed cluster, written under PREFECT_HOME on every run) for a cache no run reads.
@task(name="corroborate", cache_policy=NO_CACHE)
def corroborate_task(
    db_path: Path, outlets: list[Outlet], config: MatchConfig
) -> tuple[dict[str, int], ClusterChanges]:
    return corroborate_and_store(db_path, outlets, config)


@task(name="score-block", cache_policy=NO_CACHE)
def score_block_task(
    claims: list[Claim], rows: np.ndarray, config: MatchConfig
) -> list[ClaimMatch]:
    return score_blocks(claims, rows, config)


# A task runner's submit: (task, parameters) -> a future with .result().
Submit = Callable[[Any, dict[str, Any]], Any]


def _submit_here(task_: Any, parameters: dict[str, Any]) -> Any:
    return task_.submit(**parameters)


def submitted_scorer(blocks: int, submit: Submit = _submit_here) -> Scorer:
    """A scorer that hands blocks of candidate pairs to a task runner (Dask workers when the
    run is given a Dask cluster) and gathers their matches."""

    def scorer(claims: Sequence[Claim], rows: np.ndarray, config: MatchConfig) -> list[ClaimMatch]:
        futures = [
            submit(score_block_task, {"claims": part, "rows": part_rows, "config": config})
            for part, part_rows in split_blocks(claims, rows, blocks)
        ]
        return [match for future in futures for match in future.result()]

    return scorer


def extract_in_blocks(
    pages: list[Page], aliases: dict[str, str], blocks: int, submit: Submit = _submit_here
) -> tuple[list[Article], list[Claim], list[ExtractFailure]]:
    """Extraction split into `blocks` tasks on a task runner, gathered in block order."""
    chunks = [pages[i::blocks] for i in range(blocks) if pages[i::blocks]]
    futures = [submit(extract_task, {"pages": chunk, "aliases": aliases}) for chunk in chunks]
    articles: list[Article] = []
    claims: list[Claim] = []
    failures: list[ExtractFailure] = []
    for future in futures:
        got = future.result()
        articles += got[0]
        claims += got[1]
        failures += got[2]
    return articles, claims, failures


@contextmanager
def dask_runner(address: str | None, workers: int) -> Iterator[tuple[Submit, int] | None]:
    """With a Dask scheduler's address or a number of local worker processes: a started
    DaskTaskRunner's submit and how many blocks to split work into; else None (no Dask)."""
    if not address and not workers:
        yield None
        return
    from prefect_dask import DaskTaskRunner

    if address:
        runner = DaskTaskRunner(address=address)
        blocks = 8
    else:
        runner = DaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            }
        )
        blocks = 2 * workers
    with runner:
        yield runner.submit, blocks


@flow(name="wiretrace-pipeline", log_prints=False)
def pipeline_flow(
    db: str,
    outlets_file: str,
    label: str = "",
    base_url: str | None = None,
    resolve: dict[str, tuple[str, int]] | None = None,
    per_host_delay: float = 1.0,
    fetch_concurrency: int = 4,
    window_days: float = 7.0,
    force: bool = False,
    user_agent: str | None = None,
    dask_address: str | None = None,
    dask_workers: int = 0,
    lock_wait: float = 60.0,
    recheck_hours: float = 24.0,
    extract_processes: int | None = None,
) -> dict[str, Any]:
    """One poll of every outlet, through to corroboration tables. Returns the run's summary.

    With `dask_address` (an existing Dask scheduler) or `dask_workers` (a local cluster of that
    many processes), extraction and claim scoring are split into blocks that run as tasks on a
    DaskTaskRunner; the warehouse is still written by this process alone. Run by hand
    (`wiretrace run`) or on a schedule (`wiretrace serve`, a deployment), the flow takes the
    same parameters, so both can spread work over Dask.

    The run holds the warehouse's run lock (waiting up to `lock_wait` seconds for another run),
    whoever starts it. Known pages are asked again only when their feed says they changed or
    while published within `recheck_hours`.

    Without Dask, a batch of pages worth it is extracted in one process per core
    (`extract_processes`: None picks, 0 keeps extraction in this process).
    """
    with dask_runner(dask_address, dask_workers) as dask:
        return _run(
            db,
            outlets_file,
            label=label,
            base_url=base_url,
            resolve=resolve or {},
            per_host_delay=per_host_delay,
            fetch_concurrency=fetch_concurrency,
            window_days=window_days,
            force=force,
            user_agent=user_agent,
            lock_wait=lock_wait,
            recheck_hours=recheck_hours,
            extract_processes=extract_processes,
            dask=dask,
        )


def _run(
    db: str,
    outlets_file: str,
    *,
    label: str,
    base_url: str | None,
    resolve: dict[str, tuple[str, int]],
    per_host_delay: float,
    fetch_concurrency: int,
    window_days: float,
    force: bool,
    user_agent: str | None,
    lock_wait: float,
    recheck_hours: float,
    extract_processes: int | None,
    dask: tuple[Submit, int] | None,
) -> dict[str, Any]:
    started = time.monotonic()
    db_path = Path(db)
    outlets = load_outlets(Path(outlets_file), base_url=base_url)
    run_id = new_run_id()
    summary = RunSummary(run_id=run_id, label=label or outlets_file, outlets=len(outlets))
    logger = get_run_logger()
    policy = FetchPolicy(
        per_host_delay=per_host_delay, user_agent=user_agent or FetchPolicy().user_agent
    )
    archive_dir = archive_dir_for(db_path)
    tls = tls_context()  # one TLS context for every fetcher of the run
    held = ExitStack()  # released after finish_run, whatever happens in between
    held.enter_context(run_lock(db_path, wait=lock_wait))
    # One warehouse connection for the run's steps, released around its long ones.
    held.enter_context(kept_open(db_path))
    stages = held.enter_context(timing.stopwatch())
    try:
        with timing.timed("prepare"):
            feeds, captures = prepare(db_path, run_id, summary.label, outlets)
    except BaseException:
        held.close()
        raise
    status = "failed"
    changes = ClusterChanges()
    try:
        stage("poll", f"{len(outlets)} outlets")
        # whole(): Prefect would walk every item of these big inputs looking for futures, on
        # every call; validators and captures grow with the warehouse (bench/pipeline.py).
        with timing.timed("poll"):
            poll, captures = poll_task(
                outlets,
                resolve,
                policy,
                run_id,
                archive_dir,
                whole(feeds),
                whole(captures),
                force,
                tls,
            )
        summary.feeds_polled = len(poll.feed_states)
        summary.feeds_deferred = len(poll.deferred)
        summary.feeds_failed = sum(1 for s in poll.feed_states if s.consecutive_failures)
        summary.failed_feeds = [
            f"{s.outlet_id}: {s.feed_url} ({s.last_error or s.last_status})"
            for s in poll.feed_states
            if s.consecutive_failures
        ]
        summary.entries = len(poll.entries)
        with timing.timed("prepare"):
            known = read_pages(db_path, {e.url for e in poll.entries})
            wanted = select_pages(
                poll.entries, known, now=datetime.now(UTC), recheck=timedelta(hours=recheck_hours)
            )
            pages = read_validators(db_path, {e.url for e in wanted})
        summary.pages_known = len({e.url for e in poll.entries} - {e.url for e in wanted})
        new_pages = len({e.url for e in wanted} - known.keys())
        if new_pages:
            release(db_path)  # fetching and extracting new pages takes a while: readers get in
        stage("fetch", f"{len(wanted)} of {len(poll.entries)} pages listed")
        fetch_inputs = (
            whole(replace(poll, entries=wanted)),
            outlets,
            resolve,
            policy,
            run_id,
            archive_dir,
            whole(pages),
            whole(captures),
            fetch_concurrency,
        )
        if dask is not None:
            with timing.timed("fetch"):
                fetched = fetch_task(*fetch_inputs, tls)
            stage("extract", f"{len(fetched.pages)} pages")
            articles, claims, failures = extract_in_blocks(
                fetched.pages, alias_map(outlets), dask[1], dask[0]
            )
        else:
            # Fetching overlaps extraction in worker processes; the step times both.
            fetched, articles, claims, failures = fetch_extract_task(
                *fetch_inputs, alias_map(outlets), extract_processes, tls, new_pages
            )
        summary.pages_fetched = len(fetched.pages)
        summary.pages_unchanged = fetched.unchanged
        summary.pages_failed = len(fetched.errors)
        summary.pages_skipped = len(fetched.skipped)
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
            page_states=page_states(wanted, fetched.fetches),
        )
        stage("load", f"{len(articles)} articles, {len(claims)} claims")
        added = load_task(db_path, whole(batch))
        summary.articles_new = added.get("articles", 0)
        summary.claims_new = added.get("claims", 0)
        config = match_config(window_days)
        if not added.get("articles") and not added.get("claims") and published(db_path):
            # Nothing new and nothing left over: the corroboration tables already hold the answer.
            stage("corroborate", "nothing new")
            summary.verdicts = current_verdicts(db_path)
        elif dask is not None:
            stage("corroborate")
            summary.verdicts, changes = corroborate_and_store(
                db_path, outlets, config, scorer=submitted_scorer(dask[1], dask[0])
            )
        else:
            stage("corroborate")
            summary.verdicts, changes = corroborate_task(db_path, outlets, config)
        summary.clusters = sum(summary.verdicts.values())
        summary.clusters_new = len(changes.new)
        summary.clusters_changed = len(changes.changed)
        summary.disputes_new = len(changes.new_disputes)
        summary.errors = poll.errors + fetched.errors + [reason for _, reason in failures]
        for error in summary.errors:
            logger.warning("%s", error)
        status = "completed"
    finally:
        summary.seconds = round(time.monotonic() - started, 2)
        summary.stages = dict(timing.ordered(stages))
        with held, open_db(db_path) as conn:
            finish_run(conn, run_id, status=status, counts=summary.counts(), errors=summary.errors)
    _publish_artifact(summary, changes)
    return summary.as_dict()


def _with_error(fetch: Fetch, error: str) -> Fetch:
    return replace(fetch, error=error)


def _publish_artifact(summary: RunSummary, changes: ClusterChanges) -> None:
    markdown = run_summary_markdown(summary, changes)
    try:
        create_markdown_artifact(
            key="wiretrace-run-summary", markdown=markdown, description="wiretrace run summary"
        )
    except Exception as exc:  # an artifact is a courtesy; the run's data is already committed
        LOGGER.warning("could not publish the run summary artifact: %s", exc)
