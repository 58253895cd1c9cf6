"""Measure story grouping against the demo's ground truth: pairwise precision and recall of "same story".

wiretrace run --demo --db /tmp/w/wiretrace.duckdb
python tools/measure_stories.py /tmp/w/wiretrace.duckdb
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import combinations
from pathlib import Path
from urllib.parse import urlsplit

import duckdb

EXPECTED = Path(__file__).resolve().parent.parent / "sources" / "demo" / "expected.json"
STORY_OF_URL = """
SELECT a.url, sa.story_id
FROM story_articles sa JOIN latest_articles a USING (article_id)
"""


def pairwise(truth: dict[str, str], found: dict[str, str]) -> dict[str, float]:
    """Precision and recall over article pairs: is the pair in one story in both groupings?"""
    tp = fp = fn = 0
    for a, b in combinations(sorted(truth), 2):
        same_truth = truth[a] == truth[b]
        same_found = a in found and b in found and found[a] == found[b]
        tp += same_truth and same_found
        fp += same_found and not same_truth
        fn += same_truth and not same_found
    return {
        "pairs_true": tp + fn,
        "pairs_found": tp + fp,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
    }


def demo_truth() -> dict[str, str]:
    """Article path ("/reuters/...html") -> the id of its story in expected.json."""
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    return {path: story["id"] for story in expected["stories"] for path in story["articles"]}


def found_stories(conn: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Article path -> story id, as the warehouse grouped them."""
    return {urlsplit(url).path: story for url, story in conn.execute(STORY_OF_URL).fetchall()}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], epilog="\n".join(__doc__.splitlines()[2:4]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    parser.add_argument("db", type=Path, help="a warehouse written by `wiretrace run --demo`")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        print(f"measure_stories: no warehouse at {args.db}", file=sys.stderr)
        return 2
    with duckdb.connect(str(args.db), read_only=True) as conn:
        found = found_stories(conn)
    truth = demo_truth()
    scores = pairwise(truth, found)
    print(
        f"articles {len(truth)} (grouped {len(found)}), stories expected "
        f"{len(set(truth.values()))}, found {len(set(found.values()))}; same-story pairs "
        f"expected {scores['pairs_true']}, found {scores['pairs_found']}; "
        f"precision {scores['precision']:.3f}, recall {scores['recall']:.3f}"
    )
    for a, b in combinations(sorted(truth), 2):
        if (truth[a] == truth[b]) != (found.get(a) == found.get(b) and a in found):
            kind = "split" if truth[a] == truth[b] else "merged"
            print(f"  {kind}: {a}  |  {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
