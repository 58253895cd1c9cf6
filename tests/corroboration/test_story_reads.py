"""A run's story pass reads only the articles its new ones reach, and decides as regrouping all does.

A wire of about 600 articles over five weeks (three outlets, one to four articles a story,
stories up to two days long, one claim each) is loaded as runs: most of it first, then the
newest articles, then one backfilled into the fourth week. After each run the story tables
equal those a regrouping of every article from scratch gives on the same warehouse (its
story rows forgotten), and the run's story pass read nothing published more than a block of
word weights before what the new articles may join. Blocks of 100 articles (the pipeline's are of 500): the same rule over
fewer articles.
"""

from __future__ import annotations

import dataclasses
import random
import shutil
from bisect import bisect_left
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest
from story_support import record_decisions

from wiretrace.corroboration.stories import StoryConfig, reclustered_decisions
from wiretrace.extractors.claims import extract_claims
from wiretrace.flows import steps
from wiretrace.flows.steps import corroborate_and_store, match_config
from wiretrace.records import Article, Claim, Outlet, Reclustered, stable_id
from wiretrace.sources.config import alias_map
from wiretrace.warehouse import load, queries
from wiretrace.warehouse.db import is_held, kept_open, open_db
from wiretrace.warehouse.load import IngestBatch, finish_run, load_ingest, start_run, upsert_outlets

T0 = datetime(2025, 3, 1, tzinfo=UTC)
OUTLETS = [
    Outlet(id="wirex", name="Wirex", kind="wire"),
    Outlet(id="dailya", name="Daily A"),
    Outlet(id="postb", name="Post B"),
]
CONFIG = match_config(7.0)
STORY_TABLES = ("stories", "story_articles")
BLOCK = 100
COMMON = ("government", "market", "company", "city", "minister", "police", "report", "week")


def wire(stories: int, *, seed: int = 11) -> list[Article]:
    """`stories` events, each told by one to four articles within two days of its first."""
    rng = random.Random(seed)
    out: list[Article] = []
    for n in range(stories):
        start = T0 + timedelta(hours=n * 35 * 24 / stories)
        own = [f"{rng.choice('bcdfgklmnprstv')}{rng.choice('aeiou')}{n}x{k}" for k in range(6)]
        for k in range(rng.randint(1, 4)):
            words = rng.sample(own, 4) + rng.sample(COMMON, 3)
            url = f"https://{'wdp'[k % 3]}.example/{n}-{k}"
            text = (
                " ".join(rng.sample(words, len(words))).capitalize()
                + f". Officials said {own[0]} {own[1]} {own[2]} {own[3]} {own[4]} had {own[5]}."
            )
            out.append(
                Article(
                    article_id=stable_id(url),
                    version_id=stable_id(url, text),
                    outlet_id=OUTLETS[k % 3].id,
                    url=url,
                    canonical_url=url,
                    title=" ".join(rng.sample(own, 3) + rng.sample(COMMON, 2)),
                    text=text,
                    text_sha256=stable_id(text),
                    published_at=start + timedelta(hours=rng.uniform(0, 48 if k else 0)),
                    published_source="page",
                )
            )
    return sorted(out, key=lambda a: (a.published_at, a.article_id))


def claims_of(articles: list[Article]) -> list[Claim]:
    aliases = alias_map(OUTLETS)
    return [c for a in articles for c in extract_claims(a, aliases=aliases)]


def run(db: Path, run_id: str, articles: list[Article]) -> None:
    """One run of the pipeline's load and corroborate steps over `articles`."""
    with open_db(db) as conn:
        upsert_outlets(conn, OUTLETS)
        start_run(conn, run_id, "test")
        load_ingest(conn, IngestBatch(run_id=run_id, articles=articles, claims=claims_of(articles)))
    corroborate_and_store(db, OUTLETS, CONFIG)
    with open_db(db) as conn:
        finish_run(conn, run_id, status="completed", counts={}, errors=[])


def story_tables(db: Path) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    with duckdb.connect(str(db), read_only=True) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in STORY_TABLES}


def regrouped_whole(db: Path, folder: Path) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    """The same warehouse's stories made again from scratch: no stored decision stands."""
    copy = folder / "whole.duckdb"
    shutil.copy2(db, copy)
    with open_db(copy) as conn:
        conn.execute("DELETE FROM story_articles")
        conn.execute("DELETE FROM stories")
    corroborate_and_store(copy, OUTLETS, CONFIG)
    tables = story_tables(copy)
    copy.unlink()
    return tables


@pytest.fixture
def reads(monkeypatch):
    """The article ids each story pass read (grouped or only weighing words), with blocks of
    weights of `BLOCK` articles."""
    compute = steps.compute_stories
    small = StoryConfig(block=BLOCK)
    monkeypatch.setattr(
        steps, "compute_stories", lambda db, update: compute(db, update, config=small)
    )
    seen: list[set[str]] = []
    pool = queries.story_pool

    def recording(*args, **kwargs):
        found = pool(*args, **kwargs)
        seen.append({i.article_id for i in (*found.grouped, *found.context)})
        return found

    monkeypatch.setattr(queries, "story_pool", recording)
    return seen


@pytest.fixture
def swapped(monkeypatch):
    """The stored story members each swap read back to tell what changed, a set per swap."""
    write = load._write_changed
    seen: list[set[str]] = []

    def recording(conn, table, rows, stored_rows, params=None):
        if table == "story_articles":
            seen.append({r[0] for r in conn.execute(stored_rows, params).fetchall()})
        return write(conn, table, rows, stored_rows, params)

    monkeypatch.setattr(load, "_write_changed", recording)
    return seen


def test_each_run_reads_a_bounded_slice_and_stories_equal_grouping_everything_at_once(
    tmp_path: Path, reads, swapped
):
    articles = wire(250)
    assert len(articles) > 5 * BLOCK
    newest = articles[-60:]
    backfilled = articles[len(articles) * 4 // 5]  # in the fifth block of weights
    first = [a for a in articles[:-60] if a is not backfilled]
    db = tmp_path / "w.duckdb"
    runs = [first, newest, [backfilled]]
    for number, batch in enumerate(runs, start=1):
        run(db, f"r{number}", batch)
        assert story_tables(db) == regrouped_whole(db, tmp_path), number
    assert len(reads[0]) == len(first)  # the first run grouped everything
    times = [a.published_at for a in articles]  # in publication order
    for number, batch in ((2, newest), (3, [backfilled])):
        read = reads[(number - 1) * 2]  # each run's pass, then the whole regrouping's
        earliest = min(a.published_at for a in batch)
        # Stories open to it have an article within the window (three days) before it and
        # last two days at most; their blocks are weighed by the block before each.
        reach = bisect_left(times, earliest - timedelta(days=5))
        start = (reach // BLOCK - 1) * BLOCK
        assert read >= {a.article_id for a in articles if a.published_at >= earliest}
        assert not read & {a.article_id for a in articles[:start]}, number
        assert not read & {a.article_id for a in articles[:BLOCK]}  # weeks before
        # Storing it reads back only the stored rows of what it grouped.
        assert swapped[(number - 1) * 2] <= read, number


def test_a_run_in_the_first_block_of_weights_groups_everything_again(tmp_path: Path, reads):
    """The first block weighs its words by its own articles: one arriving in it changes the
    weights of the decisions before it too."""
    articles = wire(30)
    assert len(articles) < BLOCK
    late = articles[len(articles) // 2]
    db = tmp_path / "w.duckdb"
    run(db, "r1", [a for a in articles if a is not late])
    run(db, "r2", [late])
    assert len(reads[1]) == len(articles)  # r2 read every article
    assert story_tables(db) == regrouped_whole(db, tmp_path)


def test_articles_arriving_in_the_middle_give_the_stories_grouping_everything_gives(
    tmp_path: Path, reads
):
    articles = wire(150, seed=5)
    middle = articles[len(articles) // 2 :: 17]
    db = tmp_path / "w.duckdb"
    run(db, "r1", [a for a in articles if a not in middle])
    run(db, "r2", middle)
    assert story_tables(db) == regrouped_whole(db, tmp_path)


def test_reclustered_decisions_are_the_later_article_of_each_changed_share():
    """A claim moved from a cluster shared with earlier articles to one shared with later ones
    changes the decisions of the later article of each pair; a cluster only renamed, none."""
    t = [T0 + timedelta(hours=h) for h in range(6)]
    y = Reclustered("y", t[0], frozenset({"k1"}), frozenset({"k1"}))
    x = Reclustered("x", t[1], frozenset({"k1", "k5"}), frozenset({"k2", "k5"}))
    z = Reclustered("z", t[3], frozenset({"k2"}), frozenset({"k2"}))
    alone = Reclustered("alone", t[2], frozenset({"k5"}), frozenset({"k5"}))
    assert reclustered_decisions([y, x, z, alone]) == {"x": t[1], "z": t[3]}
    # The earliest moved article is not where regrouping starts when its own decision compares
    # it with nothing that changed: the founder of a story left by its only partner.
    founder = Reclustered("f", t[0], frozenset({"k1"}), frozenset({"k2"}))
    mate = Reclustered("m", t[2], frozenset({"k1"}), frozenset({"k1"}))
    later = Reclustered("l", t[4], frozenset({"k2"}), frozenset({"k2"}))
    assert reclustered_decisions([founder, mate, later]) == {"m": t[2], "l": t[4]}
    # Every member of one cluster renamed together: no share changes.
    renamed = [
        Reclustered(n, t[k], frozenset({"k1"}), frozenset({"k9"})) for k, n in enumerate("abc")
    ]
    assert reclustered_decisions(renamed) == {}


def _story_of(db: Path) -> dict[str, str]:
    with duckdb.connect(str(db), read_only=True) as conn:
        return dict(conn.execute("SELECT article_id, story_id FROM story_articles").fetchall())


def _claim_rows(db: Path) -> dict[str, tuple[str, str, str, str]]:
    """Article id -> (its one claim, the claim's cluster, source, via)."""
    with duckdb.connect(str(db), read_only=True) as conn:
        rows = conn.execute(
            "SELECT a.article_id, c.claim_id, cc.cluster_id, cc.source, cc.via"
            " FROM latest_loaded_articles a JOIN claims c ON c.version_id = a.version_id"
            " JOIN claim_clusters cc USING (claim_id)"
        ).fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}  # type: ignore[misc]


def test_a_claim_moved_to_a_later_cluster_regroups_from_the_later_articles_and_only_near_them(
    tmp_path: Path, reads, monkeypatch
):
    """A pass that moves an old article's claim into the cluster of the first article of a
    story that began after it (as when a cluster is cut again at the window's edge) changes
    that article's decision: regrouping starts there, not at the moved one, gives the stories
    grouping everything gives, and decides again only the articles a changed story was open to."""
    articles = wire(250)
    db = tmp_path / "w.duckdb"
    run(db, "r1", articles)
    story_of = _story_of(db)
    claims = _claim_rows(db)
    members: dict[str, list[Article]] = {}
    for a in articles:
        members.setdefault(story_of[a.article_id], []).append(a)
    by_id = {a.article_id: a for a in articles}
    # In the second week: an article alone in its story and cluster, and the next story of
    # several articles starting within a day after it; its first article's claim is alone in
    # its cluster too (this wire's claims match no other).
    alone = next(
        a
        for a in articles
        if a.published_at > T0 + timedelta(days=8) and len(members[story_of[a.article_id]]) == 1
    )
    joined = next(
        m
        for m in members.values()
        if len(m) >= 2
        and timedelta(hours=1) < m[0].published_at - alone.published_at < timedelta(days=1)
    )
    claim, _, source, via = claims[alone.article_id]
    target = claims[joined[0].article_id][1]
    for article in (alone, joined[0]):
        assert [c[1] for c in claims.values()].count(claims[article.article_id][1]) == 1

    compute = steps.compute_corroboration

    def moving(*args, **kwargs):
        update = compute(*args, **kwargs)
        result = dataclasses.replace(
            update.result,
            clusters={**update.result.clusters, claim: target},
            sources={**update.result.sources, claim: (source, via)},
        )
        return dataclasses.replace(
            update,
            result=result,
            clusters={**update.clusters, claim: target},
            replaced_claims=update.replaced_claims | {claim},
        )

    monkeypatch.setattr(steps, "compute_corroboration", moving)
    decided = record_decisions(monkeypatch)
    cutoffs: list[datetime | None] = []
    pool = queries.story_pool

    def cut(*args, **kwargs):
        cutoffs.append(kwargs["cutoff"])
        return pool(*args, **kwargs)

    monkeypatch.setattr(queries, "story_pool", cut)
    before = story_tables(db)
    run(db, "r2", [])
    monkeypatch.setattr(steps, "compute_corroboration", compute)
    redecided = set(decided)
    assert _claim_rows(db)[alone.article_id][1] == target
    assert story_tables(db) != before  # the move changed the stories
    assert story_tables(db) == regrouped_whole(db, tmp_path)
    # From the first article of the story that shares the moved claim now, not from the moved one.
    assert cutoffs[0] == joined[0].published_at > alone.published_at
    assert {a.article_id for a in joined} <= redecided
    assert alone.article_id not in redecided
    # The stories that changed last two days at most and are open three days after: the
    # decisions of the articles after that stand.
    settled_from = joined[0].published_at + timedelta(days=5, hours=1)
    after = [a for a in articles if a.published_at > settled_from]
    assert len(after) > 200
    assert not redecided & {a.article_id for a in after}
    assert all(by_id[a].published_at >= cutoffs[0] for a in redecided)


def test_matching_judging_and_grouping_run_without_the_kept_connection(tmp_path: Path, monkeypatch):
    """A run keeps one connection for its steps; the passes release it once they have read,
    so DuckDB's cache of what they read is not held beside their own objects (in a soak, the
    run's peak memory grew with the warehouse while it was), and readers get in meanwhile."""
    articles = wire(40)
    db = tmp_path / "w.duckdb"
    run(db, "r1", articles[:-5])
    held: dict[str, list[bool]] = {"match": [], "judge": [], "group": []}
    for name, attribute in (
        ("match", "match_new"),
        ("judge", "corroborate_changes"),
        ("group", "regroup_stories"),
    ):
        original = getattr(steps, attribute)

        def recording(*args, _original=original, _name=name, **kwargs):
            held[_name].append(is_held(db))
            return _original(*args, **kwargs)

        monkeypatch.setattr(steps, attribute, recording)
    with kept_open(db):
        run(db, "r2", articles[-5:])
        assert is_held(db)  # the swap and the run's finish opened it again
    assert held == {"match": [False], "judge": [False], "group": [False]}
    assert story_tables(db) == regrouped_whole(db, tmp_path)


def test_a_whole_pass_groups_its_stories_in_a_worker_as_this_process_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big whole pass groups stories in a second process while this one judges: the same
    stories, with the same counts of claims by verdict, as grouping them here after judging."""
    db = tmp_path / "w.duckdb"
    run(db, "r1", wire(120))

    def regroup(name: str, *, aside: bool) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
        copy = tmp_path / name
        shutil.copy2(db, copy)
        monkeypatch.setattr(steps, "STORY_PROCESS_MIN_CLAIMS", 0 if aside else 10**9)
        monkeypatch.setattr(steps, "usable_cores", lambda: 2)
        corroborate_and_store(copy, OUTLETS, CONFIG, full=True)
        return story_tables(copy)

    here = regroup("here.duckdb", aside=False)
    grouped_here = steps.compute_stories
    monkeypatch.setattr(steps, "compute_stories", lambda *a, **k: pytest.fail("grouped here"))
    assert regroup("aside.duckdb", aside=True) == here
    monkeypatch.setattr(steps, "compute_stories", grouped_here)
    with duckdb.connect(str(db), read_only=True) as conn:
        counted = conn.execute(
            "SELECT count(*) FROM stories WHERE wire_only + single_source + corroborated > 0"
        ).fetchone()
    assert counted is not None and counted[0] > 0  # the counts were there to get right
