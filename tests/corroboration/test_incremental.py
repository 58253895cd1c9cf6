"""Incremental runs: known pages are not asked again, and a few new articles regroup a few days."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from run_support import NewsSite, query, start_run

from wiretrace.corroboration.stories import group_stories, settled_stories
from wiretrace.records import FeedEntry, Fetch, StoryArticle
from wiretrace.sources.selection import page_states, select_pages

NOW = datetime(2025, 6, 13, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def _entry(url: str, *, published: datetime | None, modified: datetime | None) -> FeedEntry:
    return FeedEntry("o", "http://x/feed", url, url, "t", published, modified_at=modified)


def test_known_pages_are_skipped_unless_their_feed_says_they_changed_or_they_are_young():
    old = NOW - 10 * DAY
    entries = [
        _entry("http://x/new", published=old, modified=old),
        _entry("http://x/same", published=old, modified=old),
        _entry("http://x/edited", published=old, modified=old + DAY),
        _entry("http://x/fresh", published=NOW - timedelta(hours=3), modified=None),
        _entry("http://x/undated", published=None, modified=None),
    ]
    known = {
        "http://x/same": old,
        "http://x/edited": old,
        "http://x/fresh": None,
        "http://x/undated": None,
    }
    chosen = select_pages(entries, known, now=NOW, recheck=DAY)
    assert [e.url for e in chosen] == ["http://x/new", "http://x/edited", "http://x/fresh"]
    assert select_pages(entries, known, now=NOW, recheck=timedelta(0))[-1].url == "http://x/edited"


def test_page_state_remembers_the_latest_modified_time_of_pages_that_answered():
    when = NOW - DAY
    entries = [
        _entry("http://x/a", published=when, modified=when),
        _entry("http://x/a", published=when, modified=when + DAY),  # listed in two feeds
        _entry("http://x/b", published=when, modified=None),
        _entry("http://x/c", published=when, modified=when),
    ]
    fetches = [
        Fetch("f1", "r", "o", "http://x/a", "http://x/a", "page", 200, None, NOW),
        Fetch("f2", "r", "o", "http://x/b", "http://x/b", "page", 304, None, NOW),
        Fetch("f3", "r", "o", "http://x/c", "http://x/c", "page", 404, "HTTP 404", NOW),
    ]
    states = {s.url: s for s in page_states(entries, fetches)}
    assert set(states) == {"http://x/a", "http://x/b"}  # a 404 is asked again next run
    assert states["http://x/a"].listed_modified_at == when + DAY
    assert (
        states["http://x/b"].listed_modified_at is None and states["http://x/b"].last_status == 304
    )


def _articles(n: int, seed: int = 3) -> list[StoryArticle]:
    rng = random.Random(seed)
    topics = [[f"w{t}x{i}" for i in range(8)] for t in range(n // 3)]
    out = []
    for k in range(n):
        words = rng.choice(topics)
        out.append(
            StoryArticle(
                article_id=f"a{k:04d}",
                outlet_id=rng.choice(("reuters", "cna", "toi")),
                title=" ".join(rng.sample(words, 4)),
                lead=" ".join(rng.sample(words, 6)),
                published_at=NOW + timedelta(hours=3 * k + rng.random()),
                clusters=(),
            )
        )
    return out


def test_regrouping_only_after_the_new_articles_gives_the_stories_a_full_regrouping_gives():
    articles = _articles(240)
    before, after = articles[:200], articles  # 40 new articles arrive
    stored = {m.article_id: (s.story_id, m.score) for s in group_stories(before) for m in s.members}
    ungrouped = {a.article_id for a in after[200:]} | {"a0150"}  # and one article was edited
    settled = settled_stories(after, stored, ungrouped)
    assert sorted(settled) == [f"a{k:04d}" for k in range(150)]
    incremental = group_stories(after, settled=settled)
    full = group_stories(after)
    assert [(s.story_id, [m.article_id for m in s.members]) for s in incremental] == [
        (s.story_id, [m.article_id for m in s.members]) for s in full
    ]


@pytest.mark.e2e
def test_a_rerun_asks_only_for_the_new_pages(prefect_harness, tmp_path: Path):
    site = NewsSite(articles=4)
    try:
        outlets = site.outlets_file(tmp_path)
        db = tmp_path / "w.duckdb"
        runs = []
        for total in (4, 6, 6):
            site.articles = total
            before = site.page_requests
            child = start_run(db, outlets)
            out, err = child.communicate(timeout=300)
            assert child.returncode == 0, err
            runs.append((site.page_requests - before, json.loads(out.splitlines()[-1])["runs"][0]))
    finally:
        site.stop()
    assert [asked for asked, _ in runs] == [4, 2, 0]  # the third run's feed answers 304
    assert [r["articles_new"] for _, r in runs] == [4, 2, 0]
    assert runs[1][1]["pages_known"] == 4
    assert query(db, "SELECT count(*) FROM latest_articles") == [(6,)]
