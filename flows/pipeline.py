"""The `wiretrace-pipeline` flow: poll, fetch, extract, load, match, corroborate; thin tasks over plain functions."""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar, cast

import numpy as np
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.utilities.annotations import quote
from wiretrace.corroboration.matching import (
    MatchConfig,
    Scorer,
    match_claims,
    score_blocks,
    split_blocks,
)
from wiretrace.corroboration.stories import NEVER, group_stories, lead_of
from wiretrace.corroboration.verdicts import article_lineage, corroborate, earlier_versions
from wiretrace.extractors.article import ExtractionError, extract_article
from wiretrace.extractors.claims import extract_claims
from wiretrace.flows.lock import run_lock
from wiretrace.sources.archive import FirstCapture, WarcArchive, archive_dir_for
from wiretrace.sources.collect import (
    Page,
    PageResult,
    PollResult,
    Validators,
    fetch_pages,
    poll_outlets,
)
from wiretrace.sources.config import alias_map, load_outlets
from wiretrace.sources.fetch import Fetcher, FetchPolicy
from wiretrace.warehouse import queries
from wiretrace.warehouse.db import open_db
from wiretrace.warehouse.load import (
    IngestBatch,
    MatchResult,
    finish_run,
    load_ingest,
    replace_corroboration,
    start_run,
    upsert_outlets,
)

from wiretrace.records import (
    Article,
    Claim,
    ClaimMatch,
    FeedEntry,
    Fetch,
    Outlet,
    PageState,
    Story,
    StoryArticle,
)

LOGGER = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class RunSummary:
    run_id: str
    label: str
    outlets: int = 0
    feeds_polled: int = 0
    feeds_failed: int = 0
    feeds_deferred: int = 0
    entries: int = 0
    pages_fetched: int = 0
    pages_unchanged: int = 0
    pages_failed: int = 0
    pages_skipped: int = 0
    pages_known: int = 0  # listed again, known and not changed: not asked
    articles_new: int = 0
    claims_new: int = 0
    clusters: int = 0
    clusters_new: int = 0
    clusters_changed: int = 0
    disputes_new: int = 0
    verdicts: dict[str, int] = field(default_factory=dict)
    failed_feeds: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def whole(value: T) -> T:
    """Pass `value` to a task as it is: Prefect would otherwise walk every item of a big input
    looking for futures, on every call (validators and captures grow with the warehouse)."""
    return cast(T, quote(value))


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


# ---- stage progress: whoever runs the flow (the CLI) may listen --------------------------------

StageListener = Callable[[str, str], None]  # (stage, detail)
_STAGE_LISTENERS: list[StageListener] = []


@contextmanager
def on_stage(listener: StageListener) -> Iterator[None]:
    """Call `listener(stage, detail)` as each stage of a run in this process starts."""
    _STAGE_LISTENERS.append(listener)
    try:
        yield
    finally:
        _STAGE_LISTENERS.remove(listener)


def stage(name: str, detail: str = "") -> None:
    for listener in list(_STAGE_LISTENERS):
        try:
            listener(name, detail)
        except Exception as exc:  # a progress display must never stop a run
            LOGGER.debug("stage listener failed: %s", exc)


# ---- what a run changed -------------------------------------------------------------------------

ClusterState = tuple[str, int, int, str]  # verdict, outlets, independent sources, text


@dataclass(frozen=True, slots=True)
class ClusterChanges:
    """Clusters a run created or changed, compared before and after its corroborate step."""

    new: tuple[tuple[str, ClusterState], ...] = ()
    changed: tuple[tuple[str, ClusterState, ClusterState], ...] = ()  # id, before, after
    new_disputes: tuple[tuple[str, ClusterState], ...] = ()
    removed: tuple[str, ...] = ()  # ids gone: merged into another cluster, split, re-keyed


def cluster_changes(
    before: Mapping[str, ClusterState], after: Mapping[str, ClusterState]
) -> ClusterChanges:
    """New clusters, clusters whose verdict, outlets or sources changed, and new disputes."""
    new = tuple((cid, state) for cid, state in sorted(after.items()) if cid not in before)
    changed = tuple(
        (cid, before[cid], state)
        for cid, state in sorted(after.items())
        if cid in before and before[cid][:3] != state[:3]
    )
    disputes = tuple(
        (cid, state)
        for cid, state in sorted(after.items())
        if state[0] == "disputed" and (cid not in before or before[cid][0] != "disputed")
    )
    removed = tuple(sorted(cid for cid in before if cid not in after))
    return ClusterChanges(new, changed, disputes, removed)


# ---- plain stage functions (tested without Prefect) -------------------------------------------


def prepare(
    db_path: Path, run_id: str, label: str, outlets: Sequence[Outlet]
) -> tuple[dict[str, Validators], dict[str, Validators], dict[str, FirstCapture]]:
    """Record the run's start and read what conditional GETs and the archive need."""
    with open_db(db_path) as conn:
        upsert_outlets(conn, outlets)
        start_run(conn, run_id, label)
        feeds = {url: Validators(*state) for url, state in queries.feed_validators(conn).items()}
        pages = {
            url: Validators(etag, modified, sha)
            for url, (etag, modified, sha) in queries.page_validators(conn).items()
        }
        captures = {
            sha: FirstCapture(uri, when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
            for sha, (uri, when) in queries.first_captures(conn).items()
        }
    return feeds, pages, captures


def read_known_pages(db_path: Path) -> dict[str, datetime | None]:
    """Pages already answered (200 or 304), with the feed's modified time when last asked."""
    with open_db(db_path) as conn:
        return queries.known_pages(conn)


def select_pages(
    entries: Sequence[FeedEntry],
    known: Mapping[str, datetime | None],
    *,
    now: datetime,
    recheck: timedelta,
) -> list[FeedEntry]:
    """The entries whose pages a run asks for: new URLs, and known ones that may have changed.

    A known page is asked again (conditionally) when its feed gives it a modified time later
    than when we last asked, or while it is young (published within `recheck`), since
    outlets edit fresh stories without saying so in the feed. Older known pages are skipped.
    """
    chosen: list[FeedEntry] = []
    for entry in entries:
        if entry.url not in known:
            chosen.append(entry)
            continue
        listed = known[entry.url]
        changed = entry.modified_at is not None and (listed is None or entry.modified_at > listed)
        young = entry.published_at is not None and now - entry.published_at < recheck
        if changed or young:
            chosen.append(entry)
    return chosen


def page_states(entries: Sequence[FeedEntry], fetches: Sequence[Fetch]) -> list[PageState]:
    """What to remember of each page that answered 200 or 304 this run."""
    listed: dict[str, datetime | None] = {}  # the latest modified time any feed gives the page
    for entry in entries:
        before = listed.get(entry.url)
        if entry.modified_at is not None and (before is None or entry.modified_at > before):
            listed[entry.url] = entry.modified_at
        else:
            listed.setdefault(entry.url, None)
    return [
        PageState(f.url, f.outlet_id, listed.get(f.url), f.fetched_at, f.status or 0, f.run_id)
        for f in fetches
        if f.purpose == "page" and f.status in (200, 304) and f.url in listed
    ]


def published(db_path: Path) -> bool:
    """Whether every loaded article version is covered by committed corroboration tables."""
    with open_db(db_path) as conn:
        return queries.unpublished_articles(conn) == 0


def current_verdicts(db_path: Path) -> dict[str, int]:
    with open_db(db_path) as conn:
        return queries.verdict_counts(conn)


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
                content_type=page.content_type,
            )
        except ExtractionError as exc:
            failures.append((page.fetch.fetch_id, f"extraction failed: {exc}"))
            continue
        articles.append(article)
        claims.extend(extract_claims(article, aliases=aliases))
    return articles, claims, failures


def compute_corroboration(
    db_path: Path,
    outlets: Sequence[Outlet],
    config: MatchConfig,
    *,
    scorer: Scorer = score_blocks,
    full: bool = False,
) -> MatchResult:
    """Read the claims in the warehouse, match, cluster and judge them (reads, then computes).

    Matching is incremental unless `full` (after a re-extraction, whose claims may read
    differently under the same ids). Outlet names, aliases and kinds are those of every outlet
    the warehouse knows, the current outlets file winning: a run over another file does not
    change how earlier claims are judged.
    """
    with open_db(db_path) as conn:
        latest, previous, articles = queries.claims_for_matching(conn)
        matched, earlier = queries.earlier_matching(conn) if not full else (set(), [])
        stored = [
            Outlet(
                id=oid,
                name=name,
                kind="wire" if kind == "wire" else "outlet",
                timezone=tz,
                aliases=tuple(aliases),
            )
            for oid, name, kind, tz, aliases in queries.outlet_rows(conn)
        ]
    known = {o.id: o for o in stored} | {o.id: o for o in outlets}
    every = list(known.values())
    matches, clusters = match_claims(
        latest, config, matched=matched, earlier=earlier, scorer=scorer
    )
    aliases = alias_map(every)
    verdicts = corroborate(
        clusters,
        latest,
        articles,
        aliases=aliases,
        names={o.id: o.name for o in every},
        previous=previous,
        matches=matches,
        wires=frozenset(o.id for o in every if o.kind == "wire"),
    )
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


def compute_stories(db_path: Path, result: MatchResult) -> list[Story]:
    """Group the latest article versions into stories by the claims just clustered (reads, then computes)."""
    with open_db(db_path) as conn:
        rows = queries.story_inputs(conn)
        stored, ungrouped = queries.story_assignments(conn)
    articles = [
        StoryArticle(
            article_id=article_id,
            outlet_id=outlet_id,
            title=title,
            lead=lead_of(text),
            published_at=published_at,
            clusters=tuple(sorted({result.clusters[c] for c in claim_ids if c in result.clusters})),
        )
        for article_id, outlet_id, title, text, published_at, claim_ids in rows
    ]
    verdicts = {c.cluster_id: c.verdict for c in result.corroboration}
    return group_stories(
        articles, verdicts=verdicts, settled=settled_stories(articles, stored, ungrouped)
    )


def settled_stories(
    articles: Sequence[StoryArticle],
    stored: Mapping[str, tuple[str, float]],
    ungrouped: Collection[str],
) -> dict[str, tuple[str, float]]:
    """Stored story decisions that stand: those of articles published before every article not
    grouped yet (a new article, or one whose text changed). The rest are regrouped, so a run
    with a few new articles regroups a few days, not the whole warehouse."""
    pending = [a.published_at or NEVER for a in articles if a.article_id in ungrouped]
    if not pending:
        return dict(stored)
    cutoff = min(pending)
    return {
        a.article_id: stored[a.article_id]
        for a in articles
        if a.article_id in stored
        and a.article_id not in ungrouped
        and a.published_at is not None
        and a.published_at < cutoff
    }


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
    force: bool = False,
) -> tuple[PollResult, dict[str, FirstCapture]]:
    archive = WarcArchive(archive_dir, f"wiretrace-{run_id}-feeds", known=captures)
    with Fetcher(policy, resolve=resolve) as fetcher:
        result = poll_outlets(
            outlets, fetcher, run_id=run_id, archive=archive, validators=feeds, force=force
        )
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
            robots=poll.robots,
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


def corroborate_and_store(
    db_path: Path,
    outlets: list[Outlet],
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


@task(name="corroborate")
def corroborate_task(
    db_path: Path, outlets: list[Outlet], config: MatchConfig
) -> tuple[dict[str, int], ClusterChanges]:
    return corroborate_and_store(db_path, outlets, config)


@task(name="score-block")
def score_block_task(
    claims: list[Claim], rows: np.ndarray, config: MatchConfig
) -> list[ClaimMatch]:
    return score_blocks(claims, rows, config)


def submitted_scorer(blocks: int) -> Scorer:
    """A scorer that hands blocks of candidate pairs to the flow's task runner (Dask workers
    when the flow runs on a DaskTaskRunner) and gathers their matches."""

    def scorer(claims: Sequence[Claim], rows: np.ndarray, config: MatchConfig) -> list[ClaimMatch]:
        futures = [
            score_block_task.submit(part, part_rows, config)
            for part, part_rows in split_blocks(claims, rows, blocks)
        ]
        return [match for future in futures for match in future.result()]

    return scorer


def extract_in_blocks(
    pages: list[Page], aliases: dict[str, str], blocks: int
) -> tuple[list[Article], list[Claim], list[tuple[str, str]]]:
    """Extraction split into `blocks` tasks on the flow's task runner, gathered in page order."""
    chunks = [pages[i::blocks] for i in range(blocks) if pages[i::blocks]]
    futures = [extract_task.submit(chunk, aliases) for chunk in chunks]
    articles: list[Article] = []
    claims: list[Claim] = []
    failures: list[tuple[str, str]] = []
    for future in futures:
        got = future.result()
        articles += got[0]
        claims += got[1]
        failures += got[2]
    return articles, claims, failures


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
    force: bool = False,
    user_agent: str | None = None,
    blocks: int = 1,
    lock_wait: float = 60.0,
    recheck_hours: float = 24.0,
) -> dict[str, Any]:
    """One poll of every outlet, through to corroboration tables. Returns the run's summary.

    `blocks` > 1 splits extraction and claim scoring into that many tasks on the flow's task
    runner: run the flow `with_options(task_runner=DaskTaskRunner(...))` to spread them over
    a Dask cluster; the warehouse is still written by this process alone.

    The run holds the warehouse's run lock (waiting up to `lock_wait` seconds for another run),
    whoever starts it: the CLI, `wiretrace serve` or a deployment. Known pages are asked again
    only when their feed says they changed or while published within `recheck_hours`.
    """
    started = time.monotonic()
    db_path = Path(db)
    outlets = load_outlets(Path(sources), base_url=base_url)
    run_id = new_run_id()
    summary = RunSummary(run_id=run_id, label=label or sources, outlets=len(outlets))
    logger = get_run_logger()
    policy = FetchPolicy(
        per_host_delay=per_host_delay, user_agent=user_agent or FetchPolicy().user_agent
    )
    archive_dir = archive_dir_for(db_path)
    held = ExitStack()  # released after finish_run, whatever happens in between
    held.enter_context(run_lock(db_path, wait=lock_wait))
    try:
        feeds, pages, captures = prepare(db_path, run_id, summary.label, outlets)
        known = read_known_pages(db_path)
    except BaseException:
        held.close()
        raise
    status = "failed"
    changes = ClusterChanges()
    try:
        stage("poll", f"{len(outlets)} outlets")
        # whole(): Prefect would walk every item of these big inputs looking for futures, on
        # every call; validators and captures grow with the warehouse (bench/pipeline.py).
        poll, captures = poll_task(
            outlets,
            resolve or {},
            policy,
            run_id,
            archive_dir,
            whole(feeds),
            whole(captures),
            force,
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
        wanted = select_pages(
            poll.entries, known, now=datetime.now(UTC), recheck=timedelta(hours=recheck_hours)
        )
        summary.pages_known = len({e.url for e in poll.entries} - {e.url for e in wanted})
        stage("fetch", f"{len(wanted)} of {len(poll.entries)} pages listed")
        fetched = fetch_task(
            whole(replace(poll, entries=wanted)),
            outlets,
            resolve or {},
            policy,
            run_id,
            archive_dir,
            whole(pages),
            whole(captures),
            workers,
        )
        summary.pages_fetched = len(fetched.pages)
        summary.pages_unchanged = fetched.unchanged
        summary.pages_failed = len(fetched.errors)
        summary.pages_skipped = len(fetched.skipped)
        stage("extract", f"{len(fetched.pages)} pages")
        if blocks > 1:
            articles, claims, failures = extract_in_blocks(
                fetched.pages, alias_map(outlets), blocks
            )
        else:
            articles, claims, failures = extract_task(whole(fetched.pages), alias_map(outlets))
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
        config = MatchConfig(window=MatchConfig().window * (window_days / 7.0))
        if not added.get("articles") and not added.get("claims") and published(db_path):
            # Nothing new and nothing left over: the corroboration tables already hold the answer.
            stage("corroborate", "nothing new")
            summary.verdicts = current_verdicts(db_path)
        elif blocks > 1:
            stage("corroborate")
            summary.verdicts, changes = corroborate_and_store(
                db_path, outlets, config, scorer=submitted_scorer(blocks)
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
        with held, open_db(db_path) as conn:
            finish_run(conn, run_id, status=status, counts=_counts(summary), errors=summary.errors)
    _publish_artifact(summary, changes)
    return summary.as_dict()


def _with_error(fetch: Fetch, error: str) -> Fetch:
    return replace(fetch, error=error)


def _counts(summary: RunSummary) -> dict[str, Any]:
    data = summary.as_dict()
    data.pop("errors")
    return data


ARTIFACT_ROWS = 30  # clusters listed per section; the rest are counted


def run_summary_markdown(summary: RunSummary, changes: ClusterChanges) -> str:
    """The run's Prefect artifact: counts, new and changed clusters, new disputes, failed feeds."""
    from wiretrace.reports.render import md_escape

    def claim(cid: str, state: ClusterState) -> str:
        text = state[3] if len(state[3]) <= 140 else state[3][:139] + "…"
        return f"`{cid}` | {md_escape(text)}"

    def table(header: str, rows: list[str], total: int) -> str:
        if not rows:
            return "none"
        extra = (
            f"\n\n…and {total - len(rows)} more (`wiretrace claims`)" if total > len(rows) else ""
        )
        columns = header.count("|") - 1
        return header + "\n" + "|---" * columns + "|\n" + "\n".join(rows) + extra

    counts = (
        ("outlets", summary.outlets),
        ("feeds polled", summary.feeds_polled),
        ("feeds failed", summary.feeds_failed),
        ("feeds deferred", summary.feeds_deferred),
        ("entries", summary.entries),
        ("pages fetched", summary.pages_fetched),
        ("pages unchanged", summary.pages_unchanged),
        ("pages failed", summary.pages_failed),
        ("new articles", summary.articles_new),
        ("new claims", summary.claims_new),
        ("clusters", summary.clusters),
        ("new clusters", len(changes.new)),
        ("changed clusters", len(changes.changed)),
        ("clusters gone (merged, split)", len(changes.removed)),
        ("new disputes", len(changes.new_disputes)),
        ("seconds", summary.seconds),
    )
    head = "| cluster | claim | verdict | outlets | independent sources |"
    sections = [
        f"# wiretrace run {summary.run_id}\n\n{md_escape(summary.label)}",
        "| count | |\n|---|---|\n" + "\n".join(f"| {k} | {v} |" for k, v in counts),
        "## Clusters by verdict\n\n"
        + table(
            "| verdict | clusters |",
            [f"| {v} | {n} |" for v, n in sorted(summary.verdicts.items())],
            len(summary.verdicts),
        ),
        f"## New disputes ({len(changes.new_disputes)})\n\n"
        + table(
            "| cluster | claim |",
            [f"| {claim(c, s)} |" for c, s in changes.new_disputes[:ARTIFACT_ROWS]],
            len(changes.new_disputes),
        ),
        f"## Changed clusters ({len(changes.changed)})\n\n"
        + table(
            head,
            [
                f"| {claim(c, a)} | {b[0]} → {a[0]} | {b[1]} → {a[1]} | {b[2]} → {a[2]} |"
                for c, b, a in changes.changed[:ARTIFACT_ROWS]
            ],
            len(changes.changed),
        ),
        f"## New clusters ({len(changes.new)})\n\n"
        + table(
            head,
            [
                f"| {claim(c, s)} | {s[0]} | {s[1]} | {s[2]} |"
                for c, s in changes.new[:ARTIFACT_ROWS]
            ],
            len(changes.new),
        ),
        f"## Failed feeds ({len(summary.failed_feeds)})\n\n"
        + ("\n".join(f"- {md_escape(f)}" for f in summary.failed_feeds) or "none"),
        f"## Failures ({len(summary.errors)})\n\n"
        + ("\n".join(f"- {md_escape(e)}" for e in summary.errors[:50]) or "none"),
    ]
    return "\n\n".join(sections) + "\n"


def _publish_artifact(summary: RunSummary, changes: ClusterChanges) -> None:
    markdown = run_summary_markdown(summary, changes)
    try:
        create_markdown_artifact(
            key="wiretrace-run-summary", markdown=markdown, description="wiretrace run summary"
        )
    except Exception as exc:  # an artifact is a courtesy; the run's data is already committed
        LOGGER.warning("could not publish the run summary artifact: %s", exc)
