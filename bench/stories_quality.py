"""Story grouping on BASIL's real events: pairwise precision and recall, B-cubed F1, per split.

    python bench/stories_quality.py ../shared/realdata/basil            # real dates
    python bench/stories_quality.py ../shared/realdata/basil --crowd 4  # every event in 4 days
    python bench/stories_quality.py ../shared/realdata/basil --show-splits
    python bench/stories_quality.py ../shared/realdata/basil --block 50 --split dev

`--block N` weighs words by blocks of N articles in publication order, each block's decisions
by the block before it (the pipeline's: 150; 500, more than BASIL's 300, weighs every article
by all of them, as grouping did before blocks). `--split dev` prints dev only, for tuning
without reading held-out.

BASIL (Fan et al., EMNLP 2019, launchnlp/BASIL @ 4fdbc4f) tells 100 events 2010-2019, each
by the New York Times, Fox News and HuffPost: its `triplet-uuid` is the gold story. Each
article goes through the pipeline's own pure stages (claims, matching, stories) as a run
would. Events are split by a hash of their id into `dev` (tune here) and `held-out` (judge
only); the events of `tests/fixtures/basil/`'s own holdout split are always held out.

At their real dates BASIL's events rarely overlap in time, so precision is easy there;
`--crowd DAYS` moves every event into the same few days (keeping each event's own spread of
dates), so that every story competes with every other: the precision test that matters.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path

from wiretrace.corroboration.matching import MatchConfig, match_claims
from wiretrace.corroboration.stories import (
    WEIGHTS_BLOCK,
    ArticleSpace,
    StoryConfig,
    group_stories,
    story_articles,
)
from wiretrace.extractors.claims import extract_claims
from wiretrace.records import Article, StoryArticle, StoryInput, stable_id
from wiretrace.sources.config import alias_map, default_outlets_path, load_outlets

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_ARTICLES = ROOT / "tests" / "fixtures" / "basil" / "articles.jsonl"
HELD_OUT_SHARE = 0.3
OUTLETS = {"nyt": "nyt", "fox": "foxnews", "hpo": "huffpost"}


def fixture_holdout_events() -> set[str]:
    """Events the fixture's own labellers held out: never tuned on here either."""
    if not FIXTURE_ARTICLES.exists():
        return set()
    events = set()
    for line in FIXTURE_ARTICLES.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("split") == "holdout":
            events.add(row["event"])
    return events


def split_of(event: str, holdout: set[str]) -> str:
    if event in holdout:
        return "held-out"
    bucket = int(hashlib.sha256(event.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    return "held-out" if bucket < HELD_OUT_SHARE else "dev"


def load_basil(folder: Path) -> list[dict[str, object]]:
    """BASIL's articles: event, outlet, title, date, url and body paragraphs."""
    rows = []
    for path in sorted((folder / "articles").glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = data["body-paragraphs"]
        if isinstance(paragraphs, str):
            paragraphs = ast.literal_eval(paragraphs)
        rows.append(
            {
                "event": data["triplet-uuid"],
                "outlet": OUTLETS.get(data["source"], data["source"]),
                "title": data["title"],
                "date": data["date"],
                "url": data["url"],
                "text": "\n".join(" ".join(p) for p in paragraphs),
            }
        )
    return rows


def crowded_dates(rows: list[dict[str, object]], days: int) -> dict[str, timedelta]:
    """Per event, the shift that moves it to start within `days` of one date (its own spread kept)."""
    first: dict[str, datetime] = {}
    for row in rows:
        when = datetime.fromisoformat(str(row["date"])).replace(tzinfo=UTC)
        event = str(row["event"])
        first[event] = min(first.get(event, when), when)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    offsets = {
        e: timedelta(days=int(hashlib.sha256(e.encode()).hexdigest()[:8], 16) % max(days, 1))
        for e in first
    }
    return {e: start + offsets[e] - first[e] for e in first}


def articles_of(rows: list[dict[str, object]], shift: dict[str, timedelta]) -> list[Article]:
    """BASIL's rows as the pipeline's articles; dates are days, so each is put at noon UTC."""
    out = []
    for row in rows:
        when = datetime.fromisoformat(str(row["date"])).replace(hour=12, tzinfo=UTC)
        when += shift.get(str(row["event"]), timedelta(0))
        url = str(row["url"])
        text = str(row["text"])
        article_id = stable_id("article", url)
        out.append(
            Article(
                article_id=article_id,
                version_id=stable_id(article_id, hashlib.sha256(text.encode()).hexdigest()),
                outlet_id=str(row["outlet"]),
                url=url,
                canonical_url=url,
                title=str(row["title"]),
                text=text,
                text_sha256=hashlib.sha256(text.encode()).hexdigest(),
                published_at=when,
                published_source="page",
            )
        )
    return out


def pairwise(truth: dict[str, str], found: dict[str, str]) -> tuple[float, float]:
    tp = fp = fn = 0
    for a, b in combinations(sorted(truth), 2):
        same_truth = truth[a] == truth[b]
        same_found = found[a] == found[b]
        tp += same_truth and same_found
        fp += same_found and not same_truth
        fn += same_truth and not same_found
    return (tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0)


def bcubed(truth: dict[str, str], found: dict[str, str]) -> float:
    """B-cubed F1 (Bagga and Baldwin 1998): per item precision and recall of its cluster."""
    gold: dict[str, set[str]] = {}
    got: dict[str, set[str]] = {}
    for item in truth:
        gold.setdefault(truth[item], set()).add(item)
        got.setdefault(found[item], set()).add(item)
    precision = recall = 0.0
    for item in truth:
        shared = len(gold[truth[item]] & got[found[item]])
        precision += shared / len(got[found[item]])
        recall += shared / len(gold[truth[item]])
    precision /= len(truth)
    recall /= len(truth)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def group(
    rows: list[dict[str, object]], *, crowd: int, config: StoryConfig | None = None
) -> tuple[dict[str, str], dict[str, str], dict[str, str], list[StoryArticle]]:
    """(article id -> event, article id -> story id, article id -> title, what grouping read)."""
    aliases = alias_map(load_outlets(default_outlets_path()))
    articles = articles_of(rows, crowded_dates(rows, crowd) if crowd else {})
    claims = [c for a in articles for c in extract_claims(a, aliases=aliases)]
    _, clusters = match_claims(claims, MatchConfig())
    inputs = [
        StoryInput(
            article_id=a.article_id,
            outlet_id=a.outlet_id,
            title=a.title,
            text=a.text,
            published_at=a.published_at,
            claim_ids=tuple(c.claim_id for c in claims if c.article_id == a.article_id),
        )
        for a in articles
    ]
    read = story_articles(inputs, clusters)
    stories = group_stories(read, config=config)
    found = {m.article_id: s.story_id for s in stories for m in s.members}
    truth = {a.article_id: str(row["event"]) for a, row in zip(articles, rows, strict=True)}
    titles = {a.article_id: f"{a.outlet_id}: {a.title}" for a in articles}
    return truth, found, titles, read


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("basil", type=Path, help="BASIL's folder (the one holding articles/).")
    parser.add_argument(
        "--crowd", type=int, default=0, help="Move every event into this many days."
    )
    parser.add_argument("--show-splits", action="store_true", help="Print the split events.")
    parser.add_argument(
        "--block", type=int, default=WEIGHTS_BLOCK, help="Articles per block of word weights."
    )
    parser.add_argument(
        "--split", choices=("dev", "held-out", "both"), default="both", help="Splits to print."
    )
    args = parser.parse_args(argv)
    rows = load_basil(args.basil)
    holdout = fixture_holdout_events()
    t0 = time.perf_counter()
    config = StoryConfig(block=args.block)
    truth, found, titles, read = group(rows, crowd=args.crowd, config=config)
    seconds = time.perf_counter() - t0
    print(f"{len(rows)} articles, {len(set(truth.values()))} events, grouped in {seconds:.1f}s")
    for split in ("dev", "held-out"):
        if args.split not in (split, "both"):
            continue
        keep = {a for a, e in truth.items() if split_of(e, holdout) == split}
        t = {a: truth[a] for a in keep}
        f = {a: found[a] for a in keep}
        precision, recall = pairwise(t, f)
        print(
            f"{split:8}: events {len(set(t.values()))}, stories {len(set(f.values()))}, "
            f"pairwise P {precision:.3f} R {recall:.3f}, B-cubed F1 {bcubed(t, f):.3f}"
        )
    if args.show_splits:
        # Why an event split: each member's closeness to the others (the score grouping
        # compares with the threshold), the wording part of it, and the lead it read.
        space = ArticleSpace(read, config)
        leads = {a.article_id: a.lead for a in read}
        by_event: dict[str, list[str]] = {}
        for a, e in truth.items():
            if split_of(e, holdout) == "dev":
                by_event.setdefault(e, []).append(a)
        for event, members in sorted(by_event.items()):
            stories = Counter(found[a] for a in members)
            if len(stories) > 1:
                print(f"split {event[:8]}:")
                for a in members:
                    close = " ".join(
                        f"{space.similarity(a, b):.2f} ({space.text(a, b):.2f})"
                        for b in members
                        if b != a
                    )
                    print(f"    {found[a][:9]} {close}  {titles[a][:90]}")
                    print(f"        lead: {leads[a][:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
