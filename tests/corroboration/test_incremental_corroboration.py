"""Judging only what a run touched leaves every corroboration table as judging everything does.

The demo corpus's pages (three outlets, wire copy, reprints, credit lines, citations, figures in
dispute and an article edited in the afternoon), extracted here without a server and loaded
in batches of shuffled order, as runs bringing new articles and a new version would: after
each batch the pipeline's corroborate step (which judges only the clusters the batch touched)
must give every table the content a pass judging every cluster gives on the same warehouse.
"""

from __future__ import annotations

import itertools
import random
import shutil
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from wiretrace.corroboration.matching import reach, within
from wiretrace.extractors.claims import extract_claims
from wiretrace.flows.steps import (
    compute_corroboration,
    corroborate_and_store,
    extract_page,
    match_config,
)
from wiretrace.records import Article, Claim, Outlet, stable_id
from wiretrace.sources.config import alias_map, load_outlets
from wiretrace.sources.demo import DEMO_BASE, demo_root
from wiretrace.warehouse.db import open_db
from wiretrace.warehouse.load import (
    IngestBatch,
    finish_run,
    load_ingest,
    start_run,
    upsert_outlets,
)

MORNING = datetime(2025, 6, 13, 4, 0, tzinfo=UTC)
AFTERNOON = datetime(2025, 6, 13, 10, 0, tzinfo=UTC)
CONFIG = match_config(7.0)
# Every table a corroboration pass writes (stories included), compared in full.
PASS_TABLES = (
    "claim_matches",
    "claim_clusters",
    "lineage",
    "corroboration",
    "figure_timeline",
    "figure_disagreements",
    "cluster_lineage",
    "corroboration_settings",
    "stories",
    "story_articles",
)
# The demo's edited article: its afternoon version arrives in the last batch.
EDITED = "reuters/world/india/cyclone-sagarika-lashes-eastern-india-2025-06-13.html"

Page = tuple[Article, list[Claim]]


@pytest.fixture(scope="module")
def outlets():
    return load_outlets(demo_root() / "outlets.toml", base_url=DEMO_BASE)


@pytest.fixture(scope="module")
def pages(outlets) -> tuple[list[Page], Page]:
    """Every demo article as first published, and the edited article's afternoon version."""
    aliases = alias_map(outlets)
    site = demo_root() / "site"

    def extract(path: Path, relative: str, fetched_at: datetime) -> Page:
        url = f"{DEMO_BASE}/{relative}"
        body = path.read_bytes().replace(b"{base}", DEMO_BASE.encode())
        return extract_page(
            body,
            url=url,
            outlet_id=relative.split("/", 1)[0],
            fetch_id=stable_id("fetch", url, fetched_at),
            fetched_at=fetched_at,
            feed_published_at=None,
            content_type="text/html; charset=utf-8",
            aliases=aliases,
        )

    first = [
        extract(path, path.relative_to(site).as_posix(), MORNING)
        for path in sorted(site.rglob("*.html"))
    ]
    edited = extract(demo_root() / "editions" / "2" / EDITED, EDITED, AFTERNOON)
    return first, edited


def load_run(db: Path, run_id: str, batch: list[Page], outlets) -> None:
    with open_db(db) as conn:
        upsert_outlets(conn, outlets)
        start_run(conn, run_id, "test")
        load_ingest(
            conn,
            IngestBatch(
                run_id=run_id,
                articles=[article for article, _ in batch],
                claims=[claim for _, claims in batch for claim in claims],
            ),
        )


def finish(db: Path, run_id: str) -> None:
    with open_db(db) as conn:
        finish_run(conn, run_id, status="completed", counts={}, errors=[])


def pass_tables(db: Path) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    with duckdb.connect(str(db), read_only=True) as conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in PASS_TABLES}


def judged_whole(db: Path, outlets, folder: Path) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    """The same warehouse, its stored judging settings forgotten: every cluster is judged
    again, over the same matches (matching stays incremental either way)."""
    copy = folder / "whole.duckdb"
    shutil.copy2(db, copy)
    with open_db(copy) as conn:
        conn.execute("DELETE FROM corroboration_settings")
    corroborate_and_store(copy, outlets, CONFIG)
    tables = pass_tables(copy)
    copy.unlink()
    return tables


def batches(pages: tuple[list[Page], Page], seed: int) -> list[list[Page]]:
    """Shuffled arrival: a first run, a run with one article, two bigger ones; the edit last."""
    first, edited = pages
    order = list(first)
    random.Random(seed).shuffle(order)
    cuts = [0, 18, 19, 33, len(order)]
    runs = [order[a:b] for a, b in itertools.pairwise(cuts)]
    runs[-1].append(edited)
    return runs


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_each_run_judging_only_what_it_touched_gives_the_tables_a_whole_judging_gives(
    pages, outlets, tmp_path: Path, seed: int
):
    db = tmp_path / "w.duckdb"
    for number, batch in enumerate(batches(pages, seed), start=1):
        run_id = f"r{number}"
        load_run(db, run_id, batch, outlets)
        expected = judged_whole(db, outlets, tmp_path) if number > 1 else None
        corroborate_and_store(db, outlets, CONFIG)
        finish(db, run_id)
        if expected is None:
            continue
        got = pass_tables(db)
        for table in PASS_TABLES:
            if table == "corroboration_settings":
                assert got[table] == expected[table] and len(got[table]) == 1
                continue
            only_here = [r for r in got[table] if r not in expected[table]]
            only_whole = [r for r in expected[table] if r not in got[table]]
            assert not only_here and not only_whole, (
                f"run {number}, {table}: incremental only {only_here[:2]}, "
                f"whole only {only_whole[:2]}"
            )
    assert pass_tables(db)["figure_disagreements"], "the corpus's disputes were judged"
    with duckdb.connect(str(db), read_only=True) as conn:
        updated = conn.execute("SELECT count(*) FROM corroboration WHERE verdict = 'updated'")
        assert updated.fetchone()[0] >= 1  # the edited article's changed claim  # type: ignore[index]


def test_a_run_with_one_new_article_judges_only_the_clusters_it_touched(
    pages, outlets, tmp_path: Path
):
    first, _ = pages
    db = tmp_path / "w.duckdb"
    load_run(db, "r1", first[:-1], outlets)
    corroborate_and_store(db, outlets, CONFIG)
    finish(db, "r1")
    with duckdb.connect(str(db), read_only=True) as conn:
        before = conn.execute("SELECT * FROM corroboration ORDER BY ALL").fetchall()
    newcomer = first[-1]
    load_run(db, "r2", [newcomer], outlets)
    update = compute_corroboration(db, outlets, CONFIG)
    assert not update.whole
    new_claims = {c.claim_id for c in newcomer[1]}
    touched = {update.clusters[c] for c in new_claims}
    # Judged again: the new claims' clusters, and clusters they left behind; nothing else.
    assert touched <= update.replaced_clusters
    assert len(update.replaced_clusters) < len(before) / 4
    assert {c.cluster_id for c in update.result.corroboration} <= update.replaced_clusters
    assert set(update.result.clusters) <= update.replaced_claims
    # Rows of clusters not judged again are the stored rows, untouched.
    corroborate_and_store(db, outlets, CONFIG)
    with duckdb.connect(str(db), read_only=True) as conn:
        after = conn.execute("SELECT * FROM corroboration ORDER BY ALL").fetchall()
    kept = [row for row in before if row[0] not in update.replaced_clusters]
    assert kept and all(row in after for row in kept)


def test_changed_outlet_names_judge_every_cluster_again(pages, outlets, tmp_path: Path):
    first, _ = pages
    db = tmp_path / "w.duckdb"
    load_run(db, "r1", first, outlets)
    corroborate_and_store(db, outlets, CONFIG)
    finish(db, "r1")
    renamed = [replace(o, name="Reuters News") if o.id == "reuters" else o for o in outlets]
    with open_db(db) as conn:
        upsert_outlets(conn, renamed)
    update = compute_corroboration(db, renamed, CONFIG)
    assert update.whole
    assert any("Reuters News" in c.reason for c in update.result.corroboration)


T0 = datetime(2025, 6, 13, 4, 0, tzinfo=UTC)
REPRINT_OUTLETS = [
    Outlet("reuters", "Reuters", kind="wire", feeds=("x",), aliases=("Reuters",)),
    Outlet("cna", "CNA", feeds=("x",)),
    Outlet("bbc", "BBC", feeds=("x",)),
]
WIRE_COPY = (
    "The central bank raised its main interest rate to 6.5 percent on Tuesday. "
    "Annual inflation reached 8.2 percent in May, the highest level in 14 years. "
    "The currency rose 2.1 percent against the dollar after the decision."
)
EXPORTS = "Exports fell 4.3 percent in the second quarter to 12 billion dollars."


def _article(outlet: str, text: str, *, hours: float) -> Page:
    """An article of `outlet` at a URL of its own text."""
    return _story(outlet, stable_id(text), text, hours=hours)


def test_a_source_arriving_after_its_reprint_judges_the_reprints_other_claims_again(
    tmp_path: Path,
):
    """CNA reprints Reuters' copy (three sentences word for word) and adds a figure BBC also
    gives. Reuters' article arrives a run later: CNA's added claim keeps its cluster (CNA and
    BBC), yet CNA now stands for Reuters in it, as a reprint stands for its source."""
    reprint = _article("cna", f"{WIRE_COPY} {EXPORTS}", hours=3)
    other = _article("bbc", f"Shares closed higher on Wednesday. {EXPORTS}", hours=4)
    source = _article("reuters", WIRE_COPY, hours=0)
    db = tmp_path / "w.duckdb"
    load_run(db, "r1", [reprint, other], REPRINT_OUTLETS)
    corroborate_and_store(db, REPRINT_OUTLETS, CONFIG)
    finish(db, "r1")
    exports = next(c.claim_id for c in reprint[1] if "Exports" in c.text)
    load_run(db, "r2", [source], REPRINT_OUTLETS)
    expected = judged_whole(db, REPRINT_OUTLETS, tmp_path)
    update = compute_corroboration(db, REPRINT_OUTLETS, CONFIG)
    assert exports not in {c for m in update.result.matches for c in m[:2]}  # no new match
    corroborate_and_store(db, REPRINT_OUTLETS, CONFIG)
    assert pass_tables(db) == expected
    with duckdb.connect(str(db), read_only=True) as conn:
        root = conn.execute(
            "SELECT source, via FROM claim_clusters WHERE claim_id = ?", [exports]
        ).fetchall()
    assert root == [("reuters", "verbatim")]


def test_a_restatement_after_the_window_judges_the_cluster_it_restates_again(tmp_path: Path):
    """Reuters and BBC give a toll five days apart (one cluster); CNA restates it five days
    later still, outside the window for the first: a new cluster of the same series, and the
    first cluster, its members unchanged, now heads that series."""
    toll = "The global death toll from the outbreak approached 770 on Sunday, officials said."
    first = [_article("reuters", toll, hours=0), _article("bbc", toll, hours=24 * 5)]
    db = tmp_path / "w.duckdb"
    load_run(db, "r1", first, REPRINT_OUTLETS)
    corroborate_and_store(db, REPRINT_OUTLETS, CONFIG)
    finish(db, "r1")
    load_run(db, "r2", [_article("cna", toll, hours=24 * 10)], REPRINT_OUTLETS)
    expected = judged_whole(db, REPRINT_OUTLETS, tmp_path)
    corroborate_and_store(db, REPRINT_OUTLETS, CONFIG)
    assert pass_tables(db) == expected
    with duckdb.connect(str(db), read_only=True) as conn:
        series = conn.execute(
            "SELECT n_mentions, series_id = cluster_id, previous_cluster_id = '' "
            "FROM corroboration ORDER BY first_published_at"
        ).fetchall()
    assert series == [(2, True, True), (1, False, False)]


# ---- a bounded pass: only what the new claims reach is read, clustered and judged ------------

TOLL = "The global death toll from the outbreak approached 770 on Sunday, officials said."
TOLL_EDITED = "The global death toll from the outbreak approached 780 on Sunday, officials said."
RATE = "The central bank raised its main interest rate to 6.5 percent on Tuesday."
DAY = 24.0


def _story(outlet: str, slug: str, text: str, *, hours: float | None) -> Page:
    """An article of `outlet` at `slug` (a new text there is a new version of it)."""
    url = f"https://{outlet}.example/{slug}"
    article = Article(
        article_id=stable_id(url),
        version_id=stable_id(url, text),
        outlet_id=outlet,
        url=url,
        canonical_url=url,
        title="",
        text=text,
        text_sha256=stable_id(text),
        published_at=None if hours is None else T0 + timedelta(hours=hours),
        published_source="page" if hours is not None else "fetch",
    )
    return article, extract_claims(article, aliases=alias_map(REPRINT_OUTLETS))


def _claim_ids(page: Page) -> set[str]:
    return {c.claim_id for c in page[1]}


def _as_whole_each_run(db: Path, runs: list[list[Page]], tmp_path: Path) -> list:
    """Load each run, check its bounded pass against judging everything; the updates."""
    updates = []
    for number, batch in enumerate(runs, start=1):
        run_id = f"r{number}"
        load_run(db, run_id, batch, REPRINT_OUTLETS)
        expected = judged_whole(db, REPRINT_OUTLETS, tmp_path) if number > 1 else None
        updates.append(compute_corroboration(db, REPRINT_OUTLETS, CONFIG))
        corroborate_and_store(db, REPRINT_OUTLETS, CONFIG)
        finish(db, run_id)
        if expected is not None:
            assert not updates[-1].whole
            got = pass_tables(db)
            for table in PASS_TABLES:
                assert got[table] == expected[table], f"run {number}, {table}"
    return updates


def test_a_bounded_pass_reads_only_what_its_new_claims_reach_and_gives_a_whole_pass_tables(
    tmp_path: Path,
):
    """A toll restated every four days by turns (one chain of matches spanning twelve days,
    longer than the window: clusters in a series), a rate and figures a fortnight away; then
    an edit of a restatement in the middle of the chain, and reports of unknown time. After
    every run the tables are those of a pass judging everything, and a run reads the
    claims its new ones reach (by time, then along matches), not the warehouse."""
    first = _story("reuters", "toll-0", TOLL, hours=0)
    second = _story("bbc", "toll-4", TOLL, hours=4 * DAY)
    far_exports = [
        _story("reuters", "exports-0", EXPORTS, hours=0),
        _story("bbc", "exports-0", EXPORTS, hours=2),
    ]
    rate = _story("cna", "rate-0", RATE, hours=0)
    third = _story("cna", "toll-8", TOLL, hours=8 * DAY)
    fourth = _story("reuters", "toll-12", TOLL, hours=12 * DAY)
    late_rate = _story("bbc", "rate-12", RATE, hours=12.5 * DAY)
    edited = _story("cna", "toll-8", TOLL_EDITED, hours=8 * DAY)
    unknown_old = _story("bbc", "rate-unknown", RATE, hours=None)
    later_exports = _story("cna", "exports-20", EXPORTS, hours=20 * DAY)
    unknown_new = _story("cna", "toll-unknown", TOLL, hours=None)
    runs = [
        [first, second, *far_exports, rate, unknown_old],
        [third],  # reaches the 4-day restatement only; its component, the first too
        [fourth, late_rate],
        [edited],  # replaces a claim in the middle of the chain
        [later_exports],  # in reach of nothing but the claims of unknown time
        [unknown_new],  # of unknown time: compared with every claim
    ]
    db = tmp_path / "w.duckdb"
    updates = _as_whole_each_run(db, runs, tmp_path)

    # Run 2: the new claim's component reaches the first report, outside its window.
    assert _claim_ids(first) <= set(updates[1].clusters)
    # Run 3: nothing about the exports figures of twelve days before is read.
    for page in far_exports:
        assert not _claim_ids(page) & set(updates[2].clusters)
    assert _claim_ids(unknown_old) <= set(updates[2].clusters)  # of unknown time: in reach
    # Run 4: the replaced claim's cluster is judged again, its row now an earlier version's.
    assert _claim_ids(third) <= updates[3].replaced_claims
    # Run 5: exports twenty days later read none of the first fortnight's toll.
    assert not (_claim_ids(first) | _claim_ids(second)) & set(updates[4].clusters)
    with duckdb.connect(str(db), read_only=True) as conn:
        series = conn.execute(
            "SELECT count(DISTINCT series_id) FROM corroboration WHERE series_id <> ''"
        ).fetchone()
        via = conn.execute(
            "SELECT via FROM claim_clusters WHERE claim_id IN (SELECT unnest(?))",
            [sorted(_claim_ids(third))],
        ).fetchall()
    assert series is not None and series[0] >= 1  # the chain is cut into a series
    assert via == [("earlier-version",)]


def test_a_new_claim_of_unknown_time_is_compared_with_claims_of_every_time(tmp_path: Path):
    """A claim with no known time is compared with claims of any time: a run bringing one
    blocks it against every claim, a month apart or not, as a whole pass does."""
    old = [
        _story("reuters", "toll-0", TOLL, hours=0),
        _story("bbc", "toll-30", TOLL, hours=30 * DAY),
    ]
    new = _story("cna", "toll-unknown", TOLL, hours=None)
    db = tmp_path / "w.duckdb"
    updates = _as_whole_each_run(db, [old, [new]], tmp_path)
    with duckdb.connect(str(db), read_only=True) as conn:
        pairs = conn.execute("SELECT claim_a, claim_b FROM claim_matches").fetchall()
    unknown = _claim_ids(new)
    assert len(pairs) == 2 and all(set(pair) & unknown for pair in pairs)
    assert set().union(*map(_claim_ids, old)) <= set(updates[1].clusters)


def test_new_claims_reach_the_claims_within_the_window_of_one_of_them_or_of_unknown_time():
    window = CONFIG.window
    monday, tuesday, later = (_story("cna", f"s{h}", TOLL, hours=h)[1][0] for h in (0, 24, 480))
    spans = reach([monday, tuesday, later], window)
    assert spans is not None and len(spans) == 2  # the first two's spans overlap: one span
    assert spans[0][0] <= monday.published_at - window  # type: ignore[operator]
    assert spans[0][1] >= tuesday.published_at + window  # type: ignore[operator]

    def at(hours: float | None) -> Claim:
        return _story("bbc", f"x{hours}", RATE, hours=hours)[1][0]

    assert within(at(-7 * DAY), spans) and within(at(8 * DAY), spans)
    assert not within(at(-7 * DAY - 1), spans) and not within(at(12 * DAY), spans)
    assert within(at(13 * DAY), spans) and within(at(None), spans)  # unknown: compared always
    assert reach([monday, at(None)], window) is None  # one of unknown time reaches everything
    assert reach([], window) == []
