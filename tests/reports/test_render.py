"""Claim reports a reader can trust: every format shows the mentions, numbers, lineage and bytes."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from report_support import report_from
from typer.testing import CliRunner

from wiretrace.flows.cli import app
from wiretrace.flows.progress import on_stage, stage
from wiretrace.jsonout import dumps
from wiretrace.records import ClaimReport, FigureRef, MentionFigure
from wiretrace.reports.claim import figure_rows
from wiretrace.reports.drawings import (
    LineageEdge,
    LineageNode,
    TimelineEvent,
    lineage_svg,
    timeline_svg,
)
from wiretrace.reports.formatting import esc, md_escape, safe_url, when, word_diff
from wiretrace.reports.html import link, page, to_html
from wiretrace.reports.render import render, to_markdown, to_text
from wiretrace.reports.run import (
    ClusterChanges,
    RunSummary,
    cluster_changes,
    run_summary_markdown,
)

T = datetime(2025, 6, 13, 1, 12, tzinfo=UTC)
REUTERS_URL = "https://www.reuters.com/business/meta-to-take-49-stake-in-scale-ai-2025-06-13/"
EVIL = "<script>document.title='pwned'</script>"


def mention(outlet_id: str, outlet: str, tz: str, minutes: int, sentence: str, **extra: Any):
    base = {
        "claim_id": f"claim-{outlet_id}",
        "outlet_id": outlet_id,
        "outlet": outlet,
        "timezone": tz,
        "headline": f"{outlet} headline",
        "url": f"https://{outlet_id}.example/story",
        "published_at": T.replace(hour=0, minute=0) + timedelta(minutes=minutes),
        "time_source": "page",
        "start": 0,
        "end": len(sentence),
        "sentence": sentence,
        "version_id": f"v-{outlet_id}",
        "latest": True,
        "fetch_id": f"fetch-{outlet_id}",
        "fetched_at": datetime(2025, 6, 13, 4, 0, tzinfo=UTC),
        "warc_file": f"wiretrace-run-pages-{outlet_id}.warc.gz",
        "warc_offset": 1234,
        "warc_record_id": f"<urn:uuid:{outlet_id}>",
        "payload_sha256": f"{outlet_id}-sha256-" + "0" * 40,
        "credit": "",
        "dateline": "",
        "article_id": f"article-{outlet_id}",
        "source": "reuters",
        "via": "own",
    }
    base.update(extra)
    return base


def sample_data(**overrides: Any) -> dict[str, Any]:
    """The Meta / Scale AI claim: Reuters first, CNA reprints with another figure, India Times cites."""
    report = {
        "id": "c7119bcadf2f3",
        "text": "Meta is acquiring a 49% stake in Scale AI, valuing it at $29 billion.",
        "verdict": "disputed",
        "reason": "3 outlets, 1 independent source; outlets disagree on a number",
        "outlets": ["cna", "indiatimes", "reuters"],
        "independent_sources": 1,
        "sources": ["reuters"],
        "first_outlet": "reuters",
        "first_published_at": T,
        "first_time_source": "page",
        "numbers_agree": False,
        "mentions": [
            mention(
                "reuters",
                "Reuters",
                "UTC",
                72,
                "Meta is acquiring a 49% stake in Scale AI, valuing it at $29 billion.",
                url=REUTERS_URL,
            ),
            mention(
                "cna",
                "CNA",
                "Asia/Singapore",
                125,
                "Meta is acquiring a 49% stake in Scale AI, valuing it at US$30 billion.",
                via="credited",
            ),
            mention(
                "indiatimes",
                "India Times",
                "Asia/Kolkata",
                190,
                "Meta is acquiring a 49 per cent stake in Scale AI at $29.3 billion, Reuters reported.",
                via="attributed",
            ),
        ],
        "quantities": [
            _q("reuters", "money", 29e9, "USD", "$29 billion"),
            _q("cna", "money", 30e9, "USD", "US$30 billion"),
            _q("indiatimes", "money", 29.3e9, "USD", "$29.3 billion"),
            _q("indiatimes", "percent", 49.0, "%", "49 per cent"),
        ],
        "lineage": [
            _edge("cna", "reuters", "verbatim", "9 near-verbatim sentences in order"),
            _edge("cna", "reuters", "credited", "credit line: Reuters"),
            _edge("indiatimes", "reuters", "attributed", "the sentence cites reuters"),
            _edge("indiatimes", "pti", "credited", "credit line: PTI"),
        ],
    }
    report.update(overrides)
    return report


def sample_report(**overrides: Any) -> ClaimReport:
    return report_from(sample_data(**overrides))


def _q(outlet: str, kind: str, value: float, unit: str, raw: str) -> dict[str, Any]:
    return {
        "outlet_id": outlet,
        "claim_id": f"claim-{outlet}",
        "kind": kind,
        "value": value,
        "unit": unit,
        "raw": raw,
        "qualifier": "",
    }


def _edge(outlet: str, source: str, kind: str, evidence: str) -> dict[str, str]:
    return {
        "article_id": f"article-{outlet}",
        "source_outlet": source,
        "source_article_id": f"article-{source}" if source == "reuters" else "",
        "kind": kind,
        "evidence": evidence,
    }


def evil_report() -> ClaimReport:
    report = sample_data()
    cna = report["mentions"][1]
    cna["sentence"] = f"Meta is acquiring {EVIL} a stake."
    cna["headline"] = "<img src=x onerror=\"document.title='pwned'\">Scale AI"
    cna["url"] = "javascript:document.title='pwned'"
    report["lineage"][0]["evidence"] = '"><svg onload=alert(1)>'
    return report_from(report)


# ---- shared pieces ---------------------------------------------------------------------------


def test_word_diff_marks_only_the_changed_words():
    ops = word_diff("valuing it at $29 billion.", "valuing it at US$30 billion.")
    assert ops == [
        ("equal", "valuing it at"),
        ("delete", "$29"),
        ("insert", "US$30"),
        ("equal", "billion."),
    ]
    assert word_diff("same words", "same  words") == [("equal", "same words")]


def test_times_are_shown_in_utc_and_the_outlets_local_time():
    cna = datetime(2025, 6, 13, 2, 5, tzinfo=UTC)
    assert when(cna, "Asia/Singapore") == "2025-06-13 02:05 UTC (10:05 +0800 local)"
    late = datetime(2025, 6, 13, 20, 0, tzinfo=UTC)
    assert when(late, "Asia/Kolkata") == "2025-06-13 20:00 UTC (2025-06-14 01:30 +0530 local)"
    assert when(None) == "unknown"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:text/html,<script>x</script>",
        "/relative/path",
        "vbscript:x",
        "",
        None,
    ],
)
def test_only_http_links_are_ever_made(url):
    assert safe_url(url) is None
    assert "<a" not in link(url, "headline")


def test_link_quotes_and_escapes_what_it_keeps():
    anchor = link('https://x.example/a b"><script>', "<b>headline</b>")
    assert anchor.startswith('<a href="https://x.example/a%20b%22%3E%3Cscript%3E"')
    assert "&lt;b&gt;headline&lt;/b&gt;" in anchor and "<script" not in anchor


def test_numbers_that_disagree_beyond_rounding_are_marked():
    rows = {(r.outlet_id, r.raw): r for r in figure_rows(sample_report())}
    assert rows[("cna", "US$30 billion")].disagrees_with == (
        "Reuters: $29 billion",
        "India Times: $29.3 billion",
    )
    assert rows[("reuters", "$29 billion")].disagrees_with == ("CNA: US$30 billion",)
    # "$29.3 billion" rounds to "$29 billion": India Times agrees with Reuters, not with CNA.
    assert rows[("indiatimes", "$29.3 billion")].disagrees_with == ("CNA: US$30 billion",)
    assert rows[("indiatimes", "49 per cent")].disagrees_with == ()
    assert rows[("reuters", "$29 billion")].compared
    assert not rows[("indiatimes", "49 per cent")].compared  # no other mention gives a percent
    assert "| 49 per cent | 49% | only this mention |" in to_markdown(sample_report())


# ---- text and Markdown ------------------------------------------------------------------------


def test_text_report_has_mentions_diffs_numbers_lineage_and_provenance():
    text = to_text(sample_report())
    assert text.startswith("Claim c7119bcadf2f3: DISPUTED")
    assert "Mentions:" in text and "2025-06-13 02:05 UTC (10:05 +0800 local)" in text
    assert (
        "vs first: Meta is acquiring a 49% stake in Scale AI, valuing it at [-$29-] {+US$30+}"
        in text
    )
    assert "US$30 billion = 30 billion USD   <- DISAGREES with Reuters: $29 billion" in text
    assert "CNA credits, reprints Reuters" in text or "CNA reprints, credits Reuters" in text
    assert "India Times credits pti" in text
    assert "archived: fetch fetch-cna" in text and "wiretrace-run-pages-cna.warc.gz @ 1234" in text
    assert "cna-sha256-" + "0" * 40 in text


def test_text_report_drops_terminal_control_characters():
    report = sample_data()
    report["mentions"][1]["headline"] = "\x1b[2J\x1b[31mred headline"
    text = to_text(report_from(report))
    assert "\x1b" not in text and "red headline" in text


def test_markdown_report_strikes_deletions_bolds_insertions_and_escapes():
    report = evil_report()
    md = to_markdown(report)
    assert md.startswith("# Claim `c7119bcadf2f3`") and "| outlet |" in md
    assert "~~\\_\\_" not in md  # escaping does not double up
    assert "**US$30**" in to_markdown(sample_report())
    assert "~~$29~~" in to_markdown(sample_report())
    assert "<script>" not in md and "\\<script\\>" in md
    assert "javascript:" not in md.replace("document.title", "")  # the link is dropped
    assert "](<https://www.reuters.com/business/" in md
    assert "| `wiretrace-run-pages-cna.warc.gz` | 1234 | `<urn:uuid:cna>` |" in md


def test_md_escape_keeps_table_cells_on_one_line():
    assert md_escape("a | b\nc") == "a \\| b c"


def test_json_report_round_trips_with_iso_times():
    data = json.loads(render(sample_report(), "json"))
    assert data["first_published_at"] == "2025-06-13T01:12:00+00:00"
    assert data["mentions"][1]["payload_sha256"].startswith("cna-sha256-")


def test_one_encoder_writes_records_times_and_other_values_as_text():
    figure = MentionFigure(
        "cna", "k1", "money", 30e9, "USD", "US$30 billion", "", (FigureRef("k2", "$29 billion"),)
    )
    data = json.loads(
        dumps([figure, {"at": T, "n": Decimal("1.5"), "day": T.date(), "ids": ("a", "b")}])
    )
    assert data == [
        {
            "outlet_id": "cna",
            "claim_id": "k1",
            "kind": "money",
            "value": 30e9,
            "unit": "USD",
            "raw": "US$30 billion",
            "qualifier": "",
        },  # what the page draws from, not what scripts were ever sent
        {"at": "2025-06-13T01:12:00+00:00", "n": "1.5", "day": "2025-06-13", "ids": ["a", "b"]},
    ]


# ---- HTML ---------------------------------------------------------------------------------


def test_html_page_is_self_contained_and_phone_ready():
    html = to_html(sample_report())
    assert html.startswith("<!DOCTYPE html>")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "<script" not in html and "<link" not in html and " src=" not in html
    urls = {m.url for m in sample_report().mentions}
    assert set(re.findall(r'href="([^"]+)"', html)) == urls
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) == urls  # no other address at all
    assert "@import" not in html and "url(http" not in html


def test_html_report_shows_claim_verdict_timeline_lineage_diff_and_provenance():
    html = to_html(sample_report())
    assert "<h1>Meta is acquiring a 49% stake in Scale AI, valuing it at $29 billion.</h1>" in html
    assert 'class="verdict verdict-disputed">disputed<' in html
    assert html.count('<svg class="timeline"') == 1 and html.count('<svg class="lineage"') == 1
    assert "<del>$29</del> <ins>US$30</ins>" in html
    assert '<span class="disagree">≠ CNA: US$30 billion</span>' in html
    assert "10:05 +0800 local" in html and 'datetime="2025-06-13T02:05:00+00:00"' in html
    assert "<code>cna-sha256-" in html and "<code>&lt;urn:uuid:cna&gt;</code>" in html
    assert "warcio extract --payload" in html


def test_html_escapes_every_piece_of_article_text():
    html = to_html(evil_report())
    assert (
        "<script" not in html
        and "<img" not in html
        and "onload=alert" not in html.replace("onload=alert(1)&gt;", "")
    )
    assert "&lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=&quot;" in html
    assert 'href="javascript' not in html


def test_timeline_has_a_lane_per_outlet_and_labels_each_dot():
    events = [
        TimelineEvent(T, "Reuters", "01:12", marker="first"),
        TimelineEvent(T.replace(hour=2, minute=5), "CNA", "02:05"),
        TimelineEvent(T.replace(hour=3, minute=10), "India <Times>", "03:10"),
    ]
    svg = timeline_svg(events)
    assert svg.count("<circle") == 3
    assert "India &lt;Times&gt;" in svg and "<Times>" not in svg
    assert ">02:05</text>" in svg and ">02:00</text>" in svg  # a dot label and an axis tick
    assert timeline_svg([]) == ""


def test_one_moment_timeline_does_not_divide_by_zero():
    svg = timeline_svg([TimelineEvent(T, "Reuters", "01:12"), TimelineEvent(T, "CNA", "01:12")])
    assert svg.count("<circle") == 2


def test_lineage_diagram_draws_each_edge_and_survives_a_cycle():
    nodes = [LineageNode("reuters", "Reuters", "independent"), LineageNode("cna", "CNA")]
    edges = [LineageEdge("cna", "reuters", "reprints"), LineageEdge("reuters", "cna", "cites")]
    svg = lineage_svg(nodes, edges)
    assert svg.count('class="edge"') == 2 and "reprints" in svg
    assert 'class="node independent"' in svg
    assert lineage_svg([], []) == ""


def test_page_shell_escapes_the_title():
    html = page("<b>t</b>", "<p>body</p>")
    assert "<title>&lt;b&gt;t&lt;/b&gt;</title>" in html and "<p>body</p>" in html
    assert esc(None) == "" and esc('"') == "&quot;"


# ---- the run: progress and artifact ---------------------------------------------------------


def test_stage_listeners_hear_each_stage_and_cannot_break_a_run():
    heard: list[tuple[str, str]] = []

    def broken(name: str, detail: str) -> None:
        raise RuntimeError("a display failed")

    with on_stage(lambda name, detail: heard.append((name, detail))), on_stage(broken):
        stage("poll", "3 outlets")
    stage("fetch")  # no listener any more
    assert heard == [("poll", "3 outlets")]


def test_cluster_changes_finds_new_changed_and_newly_disputed_clusters():
    before = {
        "c1": ("single-source", 1, 1, "one"),
        "c2": ("wire-only", 2, 1, "two"),
        "c3": ("corroborated", 2, 2, "three"),
    }
    after = {
        "c1": ("corroborated", 2, 2, "one"),
        "c2": ("disputed", 2, 1, "two"),
        "c3": ("corroborated", 2, 2, "three"),
        "c4": ("disputed", 2, 1, "four"),
        "c5": ("single-source", 1, 1, "five"),
    }
    changes = cluster_changes(before, after)
    assert [c for c, _ in changes.new] == ["c4", "c5"]
    assert [c for c, _, _ in changes.changed] == ["c1", "c2"]
    assert [c for c, _ in changes.new_disputes] == ["c2", "c4"]
    assert cluster_changes({"c9": before["c1"], **before}, after).removed == ("c9",)
    assert cluster_changes(after, after) == ClusterChanges()


def test_run_artifact_lists_counts_changes_disputes_and_failed_feeds():
    summary = RunSummary(run_id="r1", label="demo edition 2", outlets=3, clusters=5)
    summary.verdicts = {"disputed": 2, "corroborated": 3}
    summary.failed_feeds = ["cna: https://cna.example/rss (HTTP 503)"]
    summary.errors = ["page https://x.example/a | b failed"]
    changes = cluster_changes(
        {"c1": ("single-source", 1, 1, "one")},
        {"c1": ("corroborated", 2, 2, "one"), "c4": ("disputed", 2, 1, "<b>four</b> | x")},
    )
    md = run_summary_markdown(summary, changes)
    assert "| new clusters | 1 |" in md and "| changed clusters | 1 |" in md
    assert "## New disputes (1)" in md and "`c4` | \\<b\\>four\\</b\\> \\| x" in md
    assert "| `c1` | one | single-source → corroborated | 1 → 2 | 1 → 2 |" in md
    assert "## Failed feeds (1)\n\n- cna: https://cna.example/rss (HTTP 503)" in md
    assert "a \\| b failed" in md
    quiet = run_summary_markdown(RunSummary(run_id="r2", label="x"), ClusterChanges())
    assert "## New clusters (0)\n\nnone" in quiet


def test_run_artifact_caps_long_lists():
    after = {f"c{i:03}": ("single-source", 1, 1, f"claim {i}") for i in range(45)}
    md = run_summary_markdown(RunSummary(run_id="r", label="x"), cluster_changes({}, after))
    assert "…and 15 more" in md and "`c044`" not in md


# ---- end to end: the demo through the CLI ----------------------------------------------------


@pytest.fixture(scope="module")
def demo_db(prefect_harness, tmp_path_factory) -> dict[str, Any]:
    db = tmp_path_factory.mktemp("reports") / "wiretrace.duckdb"
    heard: list[tuple[str, str]] = []
    with on_stage(lambda name, detail: heard.append((name, detail))):
        result = CliRunner().invoke(app, ["run", "--demo", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return {"db": db, "stages": heard, "stdout": result.stdout}


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.e2e
def test_run_reports_each_stage_and_prints_no_progress_when_not_a_terminal(demo_db):
    names = [name for name, _ in demo_db["stages"]]
    assert names == ["poll", "fetch", "extract", "load", "corroborate"] * 2
    out = demo_db["stdout"]
    assert "poll feeds" not in out and "✓" not in out
    runs = json.loads(out.strip().splitlines()[-1])["runs"]
    assert runs[0]["clusters_new"] == runs[0]["clusters"] > 0
    assert runs[1]["clusters_new"] > 0 and runs[1]["failed_feeds"] == []


@pytest.mark.e2e
def test_claims_sort_orders_by_first_time_outlets_or_independent_sources(demo_db):
    db = str(demo_db["db"])
    by_outlets = json.loads(_cli("claims", "--db", db, "--json"))
    assert [len(r["outlets"]) for r in by_outlets] == sorted(
        (len(r["outlets"]) for r in by_outlets), reverse=True
    )
    by_first = json.loads(_cli("claims", "--db", db, "--json", "--sort", "first"))
    times = [r["first_published_at"] for r in by_first if r["first_published_at"]]
    assert times == sorted(times)
    by_independent = json.loads(_cli("claims", "--db", db, "--json", "--sort", "independent"))
    counts = [r["independent_sources"] for r in by_independent]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 2
    assert {"id", "text", "verdict", "reason", "outlets", "independent_sources"} <= set(by_first[0])
    assert {"first_outlet", "first_published_at"} <= set(by_first[0])
    table = _cli("claims", "--db", db, "--verdict", "disputed", "--outlet", "cna", "--limit", "5")
    assert "disputed" in table and "sorted by outlets" in table
    bad = CliRunner().invoke(app, ["claims", "--db", db, "--sort", "nope"])
    assert bad.exit_code == 2 and "--sort must be one of" in bad.output


@pytest.mark.e2e
def test_html_report_of_the_disputed_scale_ai_claim(demo_db, tmp_path: Path):
    db = str(demo_db["db"])
    rows = json.loads(_cli("claims", "--db", db, "--json", "--search", "49%"))
    (row,) = [r for r in rows if len(r["outlets"]) == 3 and r["verdict"] == "disputed"]
    out = tmp_path / "claim.html"
    _cli("report", row["id"], "--db", db, "--format", "html", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert f"<h1>{esc(row['text'])}</h1>" in html and "verdict-disputed" in html
    assert "<ins>US$30</ins>" in html and "≠" in html
    assert "Lineage: who reprinted or cited whom" in html and "<svg" in html
    data = json.loads(_cli("report", row["id"], "--db", db, "--format", "json"))
    for mention in data["mentions"]:
        assert mention["payload_sha256"] in html and esc(mention["warc_file"]) in html
        assert mention["article_id"] and mention["via"]


@pytest.mark.e2e
def test_each_flow_run_publishes_a_markdown_summary_artifact(demo_db):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
    from prefect.client.schemas.sorting import ArtifactSort

    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["wiretrace-run-summary"])),
            sort=ArtifactSort.CREATED_DESC,
        )
    by_run = {str(a.data).split("\n", 1)[0]: str(a.data) for a in artifacts}
    runs = json.loads(demo_db["stdout"].strip().splitlines()[-1])["runs"]
    morning, latest = (by_run[f"# wiretrace run {r['run_id']}"] for r in runs)
    assert f"| new clusters | {runs[0]['clusters']} |" in morning
    # Edition 2: the afternoon's stories are new clusters.
    assert "## New clusters (" in latest and "## New clusters (0)" not in latest
    assert "## New disputes (" in latest and "## Failed feeds (0)" in latest
    assert "| new clusters |" in latest
