"""Stories on the demo, end to end under a real Prefect server: grouping, coverage, the CLI."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from wiretrace.flows.cli import app

pytestmark = pytest.mark.e2e
MEASURE = Path(__file__).resolve().parents[2] / "tools" / "measure_stories.py"
SCALE_AI = "/reuters/business/meta-to-take-49-stake-in-scale-ai-2025-06-13.html"
REELS = "/reuters/technology/meta-rolls-out-ai-dubbing-for-reels-in-india-2025-06-13.html"
KONKAN = "/indiatimes/sports/cricket/news/konkan-t20-league-ratnagiri-rangers-beat-sindhudurg-sharks-to-lift-maiden-title/articleshow/121782047.html"


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _story_tables(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as conn:
        return {
            "stories": conn.execute("SELECT * FROM stories ORDER BY story_id").fetchall(),
            "story_articles": conn.execute(
                "SELECT * FROM story_articles ORDER BY article_id"
            ).fetchall(),
        }


def _measure():
    spec = importlib.util.spec_from_file_location("measure_stories", MEASURE)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def demo(prefect_harness, tmp_path_factory) -> dict:
    db = tmp_path_factory.mktemp("stories") / "wiretrace.duckdb"
    _cli("run", "--demo", "--db", str(db), "--json")
    first = _story_tables(db)
    _cli("run", "--demo", "--db", str(db), "--json")
    return {"db": db, "first": first, "second": _story_tables(db)}


def _stories(db: Path, *args: str) -> list[dict]:
    return json.loads(_cli("stories", "--db", str(db), "--json", *args))


def _story_of(db: Path, path: str) -> dict:
    with duckdb.connect(str(db), read_only=True) as conn:
        (story_id,) = conn.execute(
            "SELECT story_id FROM story_articles JOIN latest_articles USING (article_id) "
            "WHERE url LIKE '%' || ?",
            [path],
        ).fetchone()
    (story,) = [s for s in _stories(db) if s["id"] == story_id]
    return story


def test_the_meta_scale_ai_story_is_one_story_carried_by_all_three_outlets(demo):
    story = _story_of(demo["db"], SCALE_AI)
    assert story["outlets"] == ["cna", "indiatimes", "reuters"]
    assert story["missing_outlets"] == []
    assert story["articles"] == 3 and story["first_outlet"] == "reuters"
    assert story["verdicts"]["disputed"] >= 1  # $29 billion against US$30 billion


def test_a_story_only_one_outlet_carries_lists_the_other_two_as_blind_spots(demo):
    story = _story_of(demo["db"], KONKAN)
    assert story["outlets"] == ["indiatimes"]
    assert story["missing_outlets"] == ["cna", "reuters"]


def test_same_company_same_day_events_are_two_stories(demo):
    scale, reels = _story_of(demo["db"], SCALE_AI), _story_of(demo["db"], REELS)
    assert scale["id"] != reels["id"]
    assert reels["outlets"] == ["indiatimes", "reuters"] and reels["missing_outlets"] == ["cna"]


def test_story_grouping_matches_the_demo_ground_truth(demo):
    measure = _measure()
    with duckdb.connect(str(demo["db"]), read_only=True) as conn:
        found = measure.found_stories(conn)
    truth = measure.demo_truth()
    assert set(found) == set(truth)  # every demo article is in exactly one story
    scores = measure.pairwise(truth, found)
    assert scores["precision"] == 1.0 and scores["recall"] == 1.0, scores
    assert len(set(found.values())) == len(set(truth.values())) == 21  # the README's promise


def test_stories_json_has_the_promised_fields_newest_first(demo):
    rows = _stories(demo["db"])
    assert len(rows) == 21
    required = {"id", "headline", "outlets", "missing_outlets", "first_published_at", "claims"}
    assert all(required <= set(row) for row in rows)
    assert all(isinstance(row["claims"], int) and row["claims"] > 0 for row in rows)
    latest = [row["last_published_at"] for row in rows]
    assert latest == sorted(latest, reverse=True)
    assert all(sum(row["verdicts"].values()) == row["claims"] for row in rows)


def test_stories_filters_by_outlet_search_and_since(demo):
    db = demo["db"]
    assert all("cna" in r["outlets"] for r in _stories(db, "--outlet", "cna"))
    (cricket,) = _stories(db, "--search", "Sindhudurg Sharks")
    assert cricket["outlets"] == ["indiatimes"]
    later = _stories(db, "--since", "2025-06-13T07:00:00")
    assert later and all(r["last_published_at"] >= "2025-06-13T07:00:00" for r in later)
    assert len(later) < len(_stories(db))
    text = _cli("stories", "--db", str(db))
    assert "missed by cna, reuters" in text and "covered by every outlet" in text


def test_a_rerun_keeps_story_ids_and_counts(demo):
    assert demo["second"] == demo["first"]


def test_story_report_has_every_claim_the_timeline_and_coverage(demo):
    db = demo["db"]
    story = _story_of(db, SCALE_AI)
    report = json.loads(_cli("report", "--story", story["id"], "--db", str(db), "--format", "json"))
    assert len(report["claim_clusters"]) == story["claims"]
    assert any(c["verdict"] == "disputed" for c in report["claim_clusters"])
    assert [t["outlet_id"] for t in report["timeline"]] == ["reuters", "cna", "indiatimes"]
    assert report["timeline"][1]["wire_copy_of"] == ["reuters"]  # CNA reprints Reuters
    assert {c["outlet_id"]: c["covered"] for c in report["coverage"]} == {
        "cna": True,
        "indiatimes": True,
        "reuters": True,
    }
    text = _cli("report", "--story", story["id"], "--db", str(db))
    assert "Timeline:" in text and "Coverage:" in text and "[disputed]" in text
    md = _cli("report", "--story", story["id"], "--db", str(db), "--format", "md")
    assert md.startswith("# Story") and "## Claims" in md
    page = _cli("report", "--story", story["id"], "--db", str(db), "--format", "html")
    assert page.lower().startswith("<!doctype html>") and "<script" not in page
    assert "Scale AI&#x27;s" in page  # article text is escaped


def test_report_needs_a_cluster_or_a_story_not_both(demo):
    db = str(demo["db"])
    for args in (["report", "--db", db], ["report", "c123", "--story", "s123", "--db", db]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2 and "--story" in result.output
    result = CliRunner().invoke(app, ["report", "--story", "nope", "--db", db])
    assert result.exit_code == 1 and "wiretrace stories" in result.output


def test_outlet_coverage_counts_covered_first_and_wire_copy(demo):
    out = _cli("sql", "SELECT * FROM outlet_coverage", "--db", str(demo["db"]), "--format", "json")
    rows = {r["outlet_id"]: r for r in json.loads(out)}
    assert set(rows) == {"cna", "indiatimes", "reuters"}
    assert all(r["covered"] + r["missed"] == r["stories"] for r in rows.values())
    assert rows["reuters"]["covered_share"] > rows["cna"]["covered_share"]
    assert rows["reuters"]["first_share"] > rows["cna"]["first_share"]
    assert rows["reuters"]["wire_copy"] == 0 and rows["cna"]["wire_copy"] >= 3
