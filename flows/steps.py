"""The pipeline's steps as plain functions: each reads or writes the warehouse, or calls a pure stage.

The Prefect tasks in `pipeline.py` wrap these; `reextract.py` reuses the extract, load and
corroborate steps; tests call them without Prefect.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import multiprocessing.context
import multiprocessing.synchronize
import os
import secrets
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from multiprocessing import forkserver
from pathlib import Path
from typing import TYPE_CHECKING

from wiretrace import timing
from wiretrace.corroboration.corroborate import (
    EARLIER_VERSION,
    CorroborationUpdate,
    FirstClaim,
    StoredCorroboration,
    corroborate_changes,
    first_claim_keys,
    first_claims,
    settings_digest,
)
from wiretrace.corroboration.matching import MatchConfig, match_new, reach, within
from wiretrace.corroboration.scoring import Scorer, score_blocks
from wiretrace.corroboration.stories import (
    START,
    StoryConfig,
    earliest_of,
    reclustered_decisions,
    regroup_cutoff,
    regroup_open_from,
    regroup_stories,
    with_verdicts,
)
from wiretrace.extractors.article import ExtractionError, extract_article
from wiretrace.extractors.claims import claim_from_text, extract_claims
from wiretrace.flows.progress import stage
from wiretrace.records import (
    Article,
    ArticleInfo,
    Claim,
    ClaimMatch,
    FeedEntry,
    FirstCapture,
    MatchResult,
    Outlet,
    Story,
    Validators,
)
from wiretrace.reports.run import ClusterChanges, cluster_changes
from wiretrace.sources.collect import Page, PageResult
from wiretrace.sources.config import alias_map
from wiretrace.sources.fetch import host_key
from wiretrace.sources.robots import origin_of
from wiretrace.warehouse import queries
from wiretrace.warehouse.db import open_db, release
from wiretrace.warehouse.load import (
    INGEST_TABLES,
    IngestBatch,
    load_ingest,
    replace_corroboration,
    start_run,
    update_corroboration,
    upsert_outlets,
)

LOGGER = logging.getLogger(__name__)
if TYPE_CHECKING:
    import duckdb

ExtractFailure = tuple[str, str]  # (fetch id, reason)


def match_config(window_days: float) -> MatchConfig:
    """The matcher's settings, with claims compared only within `window_days` of each other."""
    return MatchConfig(window=timedelta(days=window_days))


def new_run_id() -> str:
    """A run id that sorts by start time: 20261201T194500Z-1a2b3c."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


def prepare(
    db_path: Path, run_id: str, label: str, outlets: Sequence[Outlet]
) -> tuple[dict[str, Validators], dict[str, FirstCapture]]:
    """Record the run's start; read the validators of feeds, and the archived payloads.

    What the run knows of pages is read once the poll has listed them (`read_pages`)."""
    with open_db(db_path) as conn:
        upsert_outlets(conn, outlets)
        start_run(conn, run_id, label)
        return queries.feed_validators(conn), queries.first_captures(conn)


def read_pages(db_path: Path, urls: Collection[str]) -> dict[str, datetime | None]:
    """Of the page URLs a poll listed, and only those, the ones already answered (200 or 304),
    with the feed's modified time when last asked: a rerun reads what its feeds list, not
    every page the warehouse knows."""
    if not urls:
        return {}
    with open_db(db_path) as conn:
        return queries.known_pages(conn, urls)


def read_validators(db_path: Path, urls: Collection[str]) -> dict[str, Validators]:
    """The validators of the newest successful fetch of each page of `urls` (those a run
    asks for): what its conditional GETs send back."""
    if not urls:
        return {}
    with open_db(db_path) as conn:
        return queries.page_validators(conn, urls)


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
    cores = usable_cores()
    return cores if cores > 1 else 0


def usable_cores() -> int:
    """The cores this process may run on."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return cores or 1


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
    with _WorkerExtraction(processes, aliases) as workers:
        workers.add(pages)
        articles, claims, failures, spent = workers.gather()
    _share_out(time.perf_counter() - started, spent)
    return articles, claims, failures


def _share_out(wall: float, spent: Mapping[str, float]) -> None:
    """`wall` seconds of this process's clock to the stages the workers' time went to, in
    proportion to what each took there."""
    total = sum(spent.values()) or 1.0
    # Work over wall time: near the number of workers when every core was kept busy.
    LOGGER.debug("extraction: %.1f s of work in %.1f s", total, wall)
    for name, seconds in spent.items():
        timing.add(name, wall * seconds / total)


# What the workers' forkserver imports before it forks any: the extractors, and one sample
# extraction (`warm`), so no worker loads models or compiles patterns on its first pages.
FORKSERVER_PRELOAD = ("wiretrace.flows.steps", "wiretrace.flows.warm")


def _forkserver_context() -> multiprocessing.context.ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(FORKSERVER_PRELOAD))
    return context


def start_forkserver() -> None:
    """Start the workers' forkserver, if it is not running: it imports and warms the
    extractors (a few seconds) while this process goes on, fetching the first pages."""
    _forkserver_context()
    forkserver.ensure_running()


class _WorkerExtraction:
    """Pages handed to worker processes in chunks as they come, gathered in page order."""

    def __init__(self, processes: int, aliases: Mapping[str, str]) -> None:
        self.pool = ProcessPoolExecutor(
            max_workers=processes,
            mp_context=_forkserver_context(),
            initializer=_warm_aliases,
            initargs=(dict(aliases),),
        )
        self.processes = processes
        self.aliases = dict(aliases)
        self.waiting: list[Page] = []  # fewer than a chunk, until more come or no more will
        self.futures: list[Future[_ChunkResult]] = []

    def __enter__(self) -> _WorkerExtraction:
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def add(self, pages: Sequence[Page]) -> None:
        self.waiting += pages
        while len(self.waiting) >= _CHUNK_PAGES:
            self._submit(self.waiting[:_CHUNK_PAGES])
            self.waiting = self.waiting[_CHUNK_PAGES:]

    def gather(self) -> _ChunkResult:
        """Every page's result, in page order, and the seconds each stage took in the workers."""
        if self.waiting:
            self._submit(self.waiting)
            self.waiting = []
        articles: list[Article] = []
        claims: list[Claim] = []
        failures: list[ExtractFailure] = []
        spent = {"extract": 0.0, "claims": 0.0}
        for future in self.futures:
            got = future.result()
            articles += got[0]
            claims += got[1]
            failures += got[2]
            for name, seconds in got[3].items():
                spent[name] += seconds
        return articles, claims, failures, spent

    def _submit(self, chunk: Sequence[Page]) -> None:
        self.futures.append(self.pool.submit(_extract_chunk, chunk, self.aliases))


# Pages fetched at a time while the workers extract the pages before them: the workers start
# early, and the fetch threads wait for a chunk's slowest page only once every 100 pages.
FETCH_CHUNK_PAGES = 100


def fetch_and_extract(
    entries: Sequence[FeedEntry],
    fetch: Callable[[Sequence[FeedEntry]], PageResult],
    aliases: Mapping[str, str],
    *,
    known_robots: Collection[str] = (),
    processes: int | None = None,
    new_pages: int | None = None,
) -> tuple[PageResult, list[Article], list[Claim], list[ExtractFailure]]:
    """Fetch the pages of `entries` and extract them, later pages fetched while worker
    processes extract the earlier ones.

    `fetch` is `sources.collect.fetch_pages` over one fetcher, archive and set of robots files
    (`known_robots`: their origins), for whatever entries it is given. When every entry's origin
    is known, it gets the entries a chunk at a time, in the order one call would fetch them
    (each URL once, hosts taking turns), so the requests, their delays and what comes back are
    those of one call; after a chunk that had to read a robots.txt (a redirect to another
    origin), the rest go in one call, as they do from the start otherwise, so no robots.txt is
    read more than twice. Worker processes start once the pages fetched, with those the rest
    of the entries would give at the same rate, make a batch worth them
    (`extraction_processes`; `processes` as there); a smaller batch is extracted here after
    the fetching. The step's time goes to `fetch`, `extract` and `claims` (`timing`).

    The workers' forkserver is started up front only when the entries likely to give pages
    (`new_pages`: those of URLs not answered before; every entry when not given) make a batch
    worth workers: known pages asked again mostly answer 304, and a rerun with few new pages
    extracts them here without paying for a forkserver's imports.
    """
    started = time.perf_counter()
    fetched = PageResult()
    fetching = 0.0
    likely = len(entries) if new_pages is None else new_pages
    if extraction_processes(likely, processes) >= 1:
        start_forkserver()  # ready by the time enough pages are
    in_chunks = _all_known(entries, known_robots)
    rest = _fetch_order(entries) if in_chunks else list(entries)
    chunk = FETCH_CHUNK_PAGES if in_chunks else len(rest)
    with ExitStack() as stack:
        workers: _WorkerExtraction | None = None
        asked = 0
        while rest:
            piece, rest = rest[:chunk], rest[chunk:]
            began = time.perf_counter()
            got = fetch(piece)
            fetching += time.perf_counter() - began
            _merge(fetched, got)
            if any(f.purpose == "robots" for f in got.fetches):
                chunk = len(rest)  # an origin learnt on the way: the rest in one call
            asked += len(piece)
            count = len(fetched.pages)
            if workers is None and count > _CHUNK_PAGES:
                # The pages to come, at the rate the asked entries gave pages so far: a big
                # batch starts its workers on the first chunk, not once two are fetched.
                wanted = extraction_processes(count + count * len(rest) // asked, processes)
                if wanted >= 1:
                    workers = stack.enter_context(_WorkerExtraction(wanted, aliases))
                    workers.add(fetched.pages)
            elif workers is not None:
                workers.add(got.pages)
        stage("extract", f"{len(fetched.pages)} pages")
        if workers is None:
            timing.add("fetch", fetching)
            articles, claims, failures = extract_pages(fetched.pages, aliases)
            return fetched, articles, claims, failures
        articles, claims, failures, spent = workers.gather()
    # While both went on, whichever held the other up had the time: the workers' work spread
    # over them is what extraction alone took; the rest of the step was waiting for pages.
    wall = time.perf_counter() - started
    extraction = min(wall, sum(spent.values()) / workers.processes)
    timing.add("fetch", wall - extraction)
    _share_out(extraction, spent)
    return fetched, articles, claims, failures


def _all_known(entries: Sequence[FeedEntry], origins: Collection[str]) -> bool:
    return all(origin_of(entry.url) in origins for entry in entries)


def _fetch_order(entries: Sequence[FeedEntry]) -> list[FeedEntry]:
    """The entries as one `fetch_pages` call fetches them: each URL once, hosts taking turns
    (turn-taking is the same on every run of consecutive entries of its own output)."""
    unique: dict[str, FeedEntry] = {}
    for entry in entries:
        unique.setdefault(entry.url, entry)
    by_host: dict[str, list[FeedEntry]] = {}
    for entry in unique.values():
        by_host.setdefault(host_key(entry.url), []).append(entry)
    rounds = itertools.zip_longest(*by_host.values())
    return [entry for entry in itertools.chain.from_iterable(rounds) if entry is not None]


def _merge(into: PageResult, got: PageResult) -> None:
    into.fetches += got.fetches
    into.pages += got.pages
    into.unchanged += got.unchanged
    into.errors += got.errors
    into.skipped += got.skipped


# A chunk's articles, claims and failures, and the seconds each stage took on it.
_ChunkResult = tuple[list[Article], list[Claim], list[ExtractFailure], dict[str, float]]


def _extract_chunk(pages: Sequence[Page], aliases: Mapping[str, str]) -> _ChunkResult:
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


def _warm_aliases(aliases: Mapping[str, str]) -> None:
    """A worker's first act: the claim rules built for this run's aliases (the news
    organisations' index and credit patterns are per alias map), before its first chunk."""
    claim_from_text("NEW DELHI (Reuters) - Acme said on Friday it rose 5%.", aliases=aliases)


def load(db_path: Path, batch: IngestBatch) -> dict[str, int]:
    """Load one run's batch in one transaction; returns the rows each of the tables it writes
    gained (`INGEST_TABLES`, counted in one query before and one after)."""
    with timing.timed("load"), open_db(db_path) as conn:
        before = queries.row_counts(conn, INGEST_TABLES)
        load_ingest(conn, batch)
        after = queries.row_counts(conn, INGEST_TABLES)
    return {name: after[name] - before[name] for name in INGEST_TABLES}


def compute_corroboration(
    db_path: Path,
    outlets: Sequence[Outlet],
    config: MatchConfig,
    *,
    scorer: Scorer = score_blocks,
    full: bool = False,
    clustered: Callable[[Mapping[str, str]], object] | None = None,
) -> CorroborationUpdate:
    """Read the new claims and what they can reach; match, cluster, judge what changed.

    Bounded: the new claims are blocked against the claims published within the matching
    window of them (`matching.reach`), and only the components of the match graph their
    matches (or a replaced claim's) touch are read and clustered again; judging reads the
    articles around them and the stored rows of the rest (`corroborate_changes`). Every claim
    is read when the judging settings changed or nothing was judged yet (every cluster is
    judged), and when `full` (after a re-extraction, whose claims may read differently under
    the same ids: everything is matched and judged). Outlet names, aliases and kinds are
    those of every outlet the warehouse knows, the current outlets file winning: a run over
    another file does not change how earlier claims are judged. `clustered` is
    `corroborate_changes`'s: called with every claim's cluster before a whole pass judges them.
    """
    with timing.timed("read"), open_db(db_path) as conn:
        known = queries.stored_outlets(conn)
        every = list(({o.id: o for o in known} | {o.id: o for o in outlets}).values())
        aliases = alias_map(every)
        whole = (
            full
            or queries.stored_settings(conn) != settings_digest(every, aliases, config)
            or not queries.verdict_counts(conn)
        )
        if whole:
            latest, previous, articles = queries.claims_for_matching(conn)
            stored = StoredCorroboration() if full else _stored_corroboration(conn)
            matched = {c for c, (_, _, via) in stored.clusters.items() if via != EARLIER_VERSION}
            new = [c for c in latest if c.claim_id not in matched]
            spans = reach(new, config.window)
            near = [c for c in latest if within(c, spans)]
        else:
            new = queries.new_claims(conn)
            near = queries.claims_in_spans(conn, reach(new, config.window))
    # Matching and judging need no warehouse: readers get in, and DuckDB's cache of what was
    # read is not held beside the pass's own objects (a kept connection's cache grows with
    # the warehouse: bench/soak.py's peak memory grew 12% over 30 runs with it held here).
    release(db_path)
    new_matches = match_new(near, {c.claim_id for c in new}, config, scorer=scorer)
    if whole:
        return corroborate_changes(
            latest,
            articles,
            every,
            config,
            aliases=aliases,
            previous=previous,
            stored=stored,
            new_matches=new_matches,
            clustered=clustered,
        )
    with timing.timed("read"), open_db(db_path) as conn:
        around = _around(conn, new, new_matches)
    release(db_path)
    return corroborate_changes(
        around.latest,
        around.articles,
        every,
        config,
        aliases=aliases,
        previous=around.previous,
        stored=around.stored,
        new_matches=new_matches,
        rebuilt=around.rebuilt,
        firsts=around.firsts,
    )


@dataclass(frozen=True, slots=True)
class _Around:
    """What a bounded corroboration pass reads (`corroborate_changes`, `rebuilt`)."""

    latest: list[Claim]
    previous: list[Claim]
    articles: dict[str, ArticleInfo]
    stored: StoredCorroboration
    rebuilt: set[str]
    firsts: dict[str, FirstClaim]


def _around(
    conn: duckdb.DuckDBPyConnection, new: Sequence[Claim], new_matches: Sequence[ClaimMatch]
) -> _Around:
    """The claims and stored rows a bounded pass needs around `new` claims and their matches.

    Clustered again: the components of the stored match graph (without the replaced claims:
    those of articles with a later version) that hold a new claim, a new match's claim or a
    replaced claim's match partner. Read whole (claims, earlier versions, article facts,
    stored matches and lineage edges): their articles, the articles with a version not seen,
    and the articles of every stored cluster those hold a claim in; besides them, the claims
    at the other end of their matches, and the first claims of the articles edges may name.
    """
    removed = queries.removed_claims(conn)
    touched = queries.unseen_articles(conn)
    lost = queries.matches_of(conn, removed)
    seeds = {c.claim_id for c in new}
    seeds |= {c for m in (*new_matches, *lost) for c in (m.a, m.b)}
    component = queries.match_component(conn, seeds - removed, removed)
    wanted = set(component.values()) | touched
    latest, previous, articles = queries.article_claims(conn, wanted)
    rows = queries.cluster_rows_of_claims(conn, {c.claim_id for c in (*latest, *previous)})
    held = {cluster for cluster, _, via in rows.values() if via != EARLIER_VERSION}
    members, member_articles = queries.cluster_members(conn, held)
    more_latest, more_previous, more_articles = queries.article_claims(
        conn, member_articles - wanted
    )
    latest += more_latest
    previous += more_previous
    articles.update(more_articles)
    whole = {c.claim_id for c in (*latest, *previous)}
    rows.update(queries.cluster_rows_of_claims(conn, {c.claim_id for c in more_latest}))
    rows.update(queries.cluster_rows_of_claims(conn, {c.claim_id for c in more_previous}))
    rows.update(members)
    matches = queries.matches_of(conn, whole)
    extras = queries.latest_claims(conn, {c for m in matches for c in (m.a, m.b)} - whole)
    rows.update(queries.cluster_rows_of_claims(conn, {c.claim_id for c in extras}))
    verdicts = queries.verdicts_of(conn, {cluster for cluster, _, _ in rows.values()})
    edges = queries.cluster_edges_of(conn, articles.keys())
    firsts = first_claims(latest)
    sources = {e.source_article_id for _, e in edges} | {c.article_id for c in extras}
    firsts.update(first_claim_keys(queries.article_claim_keys(conn, sources - articles.keys())))
    return _Around(
        latest=sorted([*latest, *extras], key=lambda c: c.claim_id),
        previous=sorted(previous, key=lambda c: c.claim_id),
        articles=articles,
        stored=StoredCorroboration(
            settings=queries.stored_settings(conn),
            clusters=rows,
            matches=matches,
            series={k: (series, previous) for k, (series, previous, _) in verdicts.items()},
            verdicts={k: verdict for k, (_, _, verdict) in verdicts.items()},
            edges=edges,
            touched=touched,
        ),
        rebuilt=set(component),
        firsts=firsts,
    )


def _stored_corroboration(conn: duckdb.DuckDBPyConnection) -> StoredCorroboration:
    """What the last corroboration pass stored, for the next to judge only what changed."""
    verdicts = queries.stored_verdicts(conn)
    return StoredCorroboration(
        settings=queries.stored_settings(conn),
        clusters=queries.stored_clusters(conn),
        matches=queries.earlier_matches(conn),
        series={k: (series, previous) for k, (series, previous, _) in verdicts.items()},
        verdicts={k: verdict for k, (_, _, verdict) in verdicts.items()},
        edges=queries.stored_cluster_edges(conn),
        touched=queries.unseen_articles(conn),
    )


@dataclass(frozen=True, slots=True)
class StoryUpdate:
    """A regrouping: its stories, and the stored ones they stand in for (None: every one)."""

    stories: list[Story]
    replaced: frozenset[str] | None


def compute_stories(
    db_path: Path, update: CorroborationUpdate, *, config: StoryConfig | None = None
) -> StoryUpdate:
    """Group again what a run's articles and claims reach; every other stored story stands
    (and is not read: the update names the stored stories its own replace).

    Grouped again: the articles from the earliest one not grouped as it is (`regroup_cutoff`),
    or the later of two whose share of claim clusters the pass changed
    (`reclustered_decisions`), on (everything after a whole pass), with every
    member of the stored stories they may join or leave and of those whose claims were
    clustered or judged again; read besides: the blocks of articles that weigh their words.
    Before the first article not grouped as it is, the stored decisions of the others stand
    unless a story open to them changed (`group_stories`' `keep`).
    The decisions are those a regrouping of every article makes
    (tests/corroboration/test_story_reads.py). What this needs of `update`: the cluster of
    each claim in `replaced_claims` and of the regrouped articles' claims that changed (others
    keep their stored one), and the verdict of each cluster it changed.
    """
    config = config or StoryConfig()
    with timing.timed("stories"):
        return _compute_stories(db_path, update, config)


def _compute_stories(
    db_path: Path,
    update: CorroborationUpdate,
    config: StoryConfig,
    *,
    count_verdicts: bool = True,
    read: Callable[[], object] | None = None,
) -> StoryUpdate:
    """`compute_stories`' work; without `count_verdicts`, each story's counts by verdict are
    left empty (`with_verdicts` fills them once the verdicts are in). `read` is called once
    the warehouse is read and its connection closed."""
    with open_db(db_path) as conn:
        pending = queries.story_pending(conn)
        # After a whole pass every claim may sit in another cluster: everything is regrouped.
        since = (
            START
            if update.whole
            else regroup_cutoff(pending.earliest, pending.before, size=config.block)
        )
        rethink = (
            {}
            if update.whole
            else reclustered_decisions(
                queries.reclustered_articles(
                    conn, {c: update.clusters.get(c) for c in update.replaced_claims}
                )
            )
        )
        cutoff = earliest_of(since, *rethink.values())
        changed = (
            set()
            if update.whole
            else queries.stories_of_claims(conn, update.replaced_claims, update.replaced_clusters)
        )
        pool = queries.story_pool(
            conn,
            size=config.block,
            cutoff=cutoff,
            open_from=regroup_open_from(cutoff, pending.latest, config.window),
            stories=changed,
            every=update.whole,
        )
        # The pass's clusters and verdicts first; the stored ones of claims it did not read.
        clusters: dict[str, str] = {}
        for claim in (c for i in pool.grouped for c in i.claim_ids):
            found = update.clusters.get(claim) or pool.clusters.get(claim)
            if found is not None:
                clusters[claim] = found
        verdicts = _story_verdicts(conn, set(clusters.values()), update) if count_verdicts else {}
    release(db_path)  # grouping needs no warehouse (see compute_corroboration)
    if read is not None:
        read()
    regrouped = regroup_stories(
        pool.grouped,
        clusters,
        verdicts,
        stored=pool.stored,
        ungrouped=pending.ungrouped,
        context=pool.context,
        blocks=pool.blocks,
        cutoff=cutoff,
        config=config,
        headlines=pool.headlines,
        keep_until=since,
        rethink=rethink.keys(),
    )
    return StoryUpdate(regrouped, None if update.whole else pool.touched)


def _story_verdicts(
    conn: duckdb.DuckDBPyConnection, named: set[str], update: CorroborationUpdate
) -> dict[str, str]:
    """The verdict of each cluster of `named`: the pass's, else the stored one."""
    verdicts = {c: update.verdicts[c] for c in named if c in update.verdicts}
    verdicts |= queries.stored_cluster_verdicts(conn, named.difference(verdicts))
    return verdicts


# Set in a story worker once it has read the warehouse and closed its connection.
_WORKER_READ: multiprocessing.synchronize.Event | None = None


def _story_worker(read: multiprocessing.synchronize.Event) -> None:
    global _WORKER_READ
    _WORKER_READ = read


def _whole_pass_stories(db_path: Path, clusters: Mapping[str, str]) -> list[Story]:
    """A worker's story grouping after a whole pass, from its clusters, verdicts not counted."""
    update = CorroborationUpdate(
        result=MatchResult(), edges=(), settings="", clusters=clusters, verdicts={}
    )
    read = _WORKER_READ.set if _WORKER_READ is not None else None
    return _compute_stories(db_path, update, StoryConfig(), count_verdicts=False, read=read).stories


# A whole pass over at least this many claims groups its stories in a second process while
# this one judges the verdicts (the two need only the clusters): at 37,000 claims grouping
# takes about 6 s and judging 4 s on one core each; a smaller pass is not worth a process.
STORY_PROCESS_MIN_CLAIMS = 10_000


class _WorkerDied(Exception):
    """The story worker's process died before it gave its stories."""


class _StoriesAside:
    """Story grouping of a whole pass in a worker process (from the workers' forkserver),
    started as soon as the pass's clusters are made (`corroborate_changes`' `clustered`)."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.pool: ProcessPoolExecutor | None = None
        self.future: Future[list[Story]] | None = None
        self.read: multiprocessing.synchronize.Event | None = None
        self.waited = 0.0  # seconds this process waited for the worker

    def __enter__(self) -> _StoriesAside:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def start(self, clusters: Mapping[str, str]) -> None:
        if len(clusters) < STORY_PROCESS_MIN_CLAIMS or usable_cores() < 2:
            return
        context = _forkserver_context()
        self.read = context.Event()
        self.pool = ProcessPoolExecutor(
            max_workers=1, mp_context=context, initializer=_story_worker, initargs=(self.read,)
        )
        self.future = self.pool.submit(_whole_pass_stories, self.db_path, dict(clusters))

    def wait_for_read(self) -> None:
        """Until the worker has read the warehouse and let go of it (or stopped): the swap's
        connection, opened before, would keep the worker from reading."""
        assert self.future is not None and self.read is not None
        started = time.perf_counter()
        while not self.read.wait(0.05) and not self.future.done():
            pass
        self.waited += time.perf_counter() - started

    def stories(self, update: CorroborationUpdate, conn: duckdb.DuckDBPyConnection) -> list[Story]:
        """The worker's stories, with their counts by verdict (the pass's; for a cluster it
        did not judge, the one `conn` reads), once it is done; `_WorkerDied` if it died."""
        assert self.future is not None and self.pool is not None
        started = time.perf_counter()
        try:
            grouped = self.future.result()
        except BrokenProcessPool as exc:
            raise _WorkerDied from exc
        finally:
            self.pool.shutdown(wait=True)  # the worker's connection is closed by now
            self.waited += time.perf_counter() - started
        named = {c for story in grouped for c in story.cluster_ids}
        return with_verdicts(grouped, _story_verdicts(conn, named, update))


def corroborate_and_store(
    db_path: Path,
    outlets: Sequence[Outlet],
    config: MatchConfig,
    *,
    scorer: Scorer = score_blocks,
    full: bool = False,
) -> tuple[dict[str, int], ClusterChanges]:
    """Match, judge and group the warehouse's claims, and swap the results in (one transaction):
    every row after a whole pass, else only the rows of what the run touched. A big whole
    pass groups its stories in a second process while this one judges (`_StoriesAside`)."""
    with _StoriesAside(db_path) as aside:
        update = compute_corroboration(
            db_path, outlets, config, scorer=scorer, full=full, clustered=aside.start
        )
        if aside.future is not None:
            # The other rows are written while the worker groups; its stories go in last.
            try:
                return _swap(db_path, update, lambda conn: aside.stories(update, conn), aside)
            except _WorkerDied:
                LOGGER.warning("the story worker died: grouping the stories in this process")
    return _swap(db_path, update, compute_stories(db_path, update), None)


def _swap(
    db_path: Path,
    update: CorroborationUpdate,
    stories: StoryUpdate | Callable[[duckdb.DuckDBPyConnection], list[Story]],
    aside: _StoriesAside | None,
) -> tuple[dict[str, int], ClusterChanges]:
    """Swap `update` and its stories in, in one transaction; the verdict counts and what
    changed. Callable `stories` (a whole pass's, grouped aside) are asked for last: the time
    waited for them goes to "stories", the rest to "swap"."""
    started = time.perf_counter()
    try:
        if aside is not None:
            aside.wait_for_read()
        return _swapped(db_path, update, stories)
    finally:
        waited = aside.waited if aside is not None else 0.0
        timing.add("stories", waited)
        timing.add("swap", time.perf_counter() - started - waited)


def _swapped(
    db_path: Path,
    update: CorroborationUpdate,
    stories: StoryUpdate | Callable[[duckdb.DuckDBPyConnection], list[Story]],
) -> tuple[dict[str, int], ClusterChanges]:
    with open_db(db_path) as conn:
        if update.whole:
            before = queries.cluster_states(conn)
            replace_corroboration(
                conn,
                update.result,
                stories=stories if callable(stories) else stories.stories,
                edges=update.edges,
                settings=update.settings,
            )
            after = queries.cluster_states(conn)
        else:
            if callable(stories):
                raise ValueError("a bounded pass's stories are grouped before the swap")
            # Clusters not judged again keep their rows, so only these can have changed.
            only = update.replaced_clusters
            before = queries.cluster_states(conn, only=only)
            update_corroboration(
                conn,
                update.result,
                clusters=only,
                claims=update.replaced_claims,
                articles=update.replaced_articles,
                matches=update.replaced_matches,
                edges=update.edges,
                settings=update.settings,
                stories=stories.stories,
                replaced_stories=stories.replaced or (),
            )
            after = queries.cluster_states(conn, only=only)
        return queries.verdict_counts(conn), cluster_changes(before, after)
