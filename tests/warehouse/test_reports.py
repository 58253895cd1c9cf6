"""What readers read: records from the report queries, disagreements as corroboration stored them."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pytest

from wiretrace.corroboration.verdicts import corroborate
from wiretrace.records import (
    Article,
    ArticleInfo,
    Claim,
    ClaimMention,
    ClaimReport,
    ClaimSummary,
    MatchResult,
    Quantity,
)
from wiretrace.reports.render import render
from wiretrace.warehouse.db import connect, open_db
from wiretrace.warehouse.load import (
    IngestBatch,
    load_ingest,
    replace_corroboration,
    replace_extracted,
)
from wiretrace.warehouse.reports import claim_report, list_claims, list_stories, story_report
from wiretrace.warehouse.sandbox import QueryError, sandboxed_query

NOW = datetime(2025, 6, 13, 1, 0, tzinfo=UTC)
SENTENCES = {
    "reuters": "Meta takes a 49% stake in Scale AI, valuing it at $29 billion.",
    "cna": "Meta takes a 49% stake in Scale AI, valuing it at US$30 billion.",
}
FIGURES = {
    "reuters": (
        Quantity("percent", 49.0, "%", "49%"),
        Quantity("money", 29e9, "USD", "$29 billion"),
    ),
    "cna": (Quantity("percent", 49.0, "%", "49%"), Quantity("money", 30e9, "USD", "US$30 billion")),
}
CLAIM_KEYS = {
    "id",
    "text",
    "verdict",
    "reason",
    "outlets",
    "independent_sources",
    "sources",
    "first_outlet",
    "first_published_at",
    "first_time_source",
    "numbers_agree",
    "mentions",
}


def _article(outlet: str, n: int) -> Article:
    return Article(
        article_id=f"a-{outlet}",
        version_id=f"v-{outlet}",
        outlet_id=outlet,
        url=f"https://{outlet}.example/scale-ai",
        canonical_url=f"https://{outlet}.example/scale-ai",
        title=f"{outlet} on Scale AI",
        text=SENTENCES[outlet],
        text_sha256=f"sha-{outlet}",
        published_at=NOW + timedelta(hours=n),
        published_source="page",
        fetch_id=f"f-{outlet}",
    )


def _claim(outlet: str, n: int) -> Claim:
    return Claim(
        claim_id=f"k-{outlet}",
        article_id=f"a-{outlet}",
        version_id=f"v-{outlet}",
        outlet_id=outlet,
        position=0,
        start=0,
        end=len(SENTENCES[outlet]),
        text=SENTENCES[outlet],
        norm_text=SENTENCES[outlet].lower(),
        published_at=NOW + timedelta(hours=n),
        quantities=FIGURES[outlet],
    )


@pytest.fixture
def disputed(fresh_db: Path) -> Path:
    """Reuters and CNA state the same stake and different valuations, judged by the verdict rule."""
    claims = [_claim("reuters", 0), _claim("cna", 1)]
    clusters = {c.claim_id: "c1" for c in claims}
    articles = {c.article_id: ArticleInfo(c.article_id, c.outlet_id, "", "page") for c in claims}
    (verdict,) = corroborate(clusters, claims, articles, aliases={})
    with open_db(fresh_db) as conn:
        load_ingest(
            conn,
            IngestBatch(
                run_id="r1", articles=[_article("reuters", 0), _article("cna", 1)], claims=claims
            ),
        )
        replace_corroboration(
            conn, MatchResult(clusters=clusters, corroboration=[verdict.corroboration])
        )
    return fresh_db


def test_the_verdict_stores_which_figures_disagree_and_the_report_marks_only_those(disputed: Path):
    conn = connect(disputed, read_only=True)
    try:
        report = claim_report(conn, "c1")
    finally:
        conn.close()
    assert isinstance(report, ClaimReport) and report.verdict == "disputed"
    assert "$29 billion" in report.reason and "US$30 billion" in report.reason
    marks = {(q.claim_id, q.raw): [r.raw for r in q.disagrees_with] for q in report.quantities}
    assert marks == {
        ("k-cna", "49%"): [],
        ("k-cna", "US$30 billion"): ["$29 billion"],
        ("k-reuters", "49%"): [],
        ("k-reuters", "$29 billion"): ["US$30 billion"],
    }
    text = render(report, "text")
    assert "US$30 billion = 30 billion USD   <- DISAGREES with reuters: $29 billion" in text
    assert "49% = 49%\n" in text  # agreeing figures are not marked


def test_report_json_keeps_its_keys_and_leaves_the_stored_marks_out(disputed: Path):
    conn = connect(disputed, read_only=True)
    try:
        report = claim_report(conn, "c1")
    finally:
        conn.close()
    assert report is not None
    data = json.loads(render(report, "json"))
    assert set(data) == (
        CLAIM_KEYS
        | {"quantities", "lineage", "figure_timeline", "series_id", "previous_cluster_id"}
    )
    assert set(data["quantities"][0]) == {
        "outlet_id",
        "claim_id",
        "kind",
        "value",
        "unit",
        "raw",
        "qualifier",
    }
    assert set(data["mentions"][0]) == set(ClaimMention.__dataclass_fields__)
    assert data["mentions"][0]["published_at"] == "2025-06-13T01:00:00+00:00"


def test_claim_lists_are_records(disputed: Path):
    conn = connect(disputed, read_only=True)
    try:
        (row,) = list_claims(conn, verdict="disputed")
        assert isinstance(row, ClaimSummary) and row.outlets == ("cna", "reuters")
        assert row.mentions == 2 and not row.numbers_agree
        assert list_claims(conn, min_outlets=3) == []
        assert claim_report(conn, "nope") is None
        assert list_stories(conn) == [] and story_report(conn, "nope") is None
    finally:
        conn.close()


def test_reextracting_an_article_drops_the_marks_on_its_figures(disputed: Path):
    with open_db(disputed) as conn:
        replace_extracted(conn, ["f-cna"], [(_article("cna", 1), NOW, "r1")], [_claim("cna", 1)])
        rows = conn.execute("SELECT claim_id, other_claim_id FROM figure_disagreements").fetchall()
    # Its figures may be numbered differently now: the corroboration that follows judges again.
    assert rows == []


def test_sandboxed_query_sees_the_warehouse_and_nothing_else(disputed: Path, tmp_path: Path):
    result = sandboxed_query(disputed, "SELECT cluster_id, verdict FROM corroboration")
    assert result.columns == ("cluster_id", "verdict")
    assert result.as_dicts() == [{"cluster_id": "c1", "verdict": "disputed"}]
    leak = tmp_path / "leak.csv"
    for query in (
        f"COPY (SELECT 1) TO '{leak}'",
        "SELECT * FROM read_text('/etc/hostname')",
        "SET enable_external_access = true",
        "DELETE FROM claims",
    ):
        with pytest.raises(QueryError) as error:
            sandboxed_query(disputed, query)
        assert "\n" not in str(error.value), query
    assert not leak.exists()
    with duckdb.connect(str(disputed), read_only=True) as plain:  # the file itself is unchanged
        assert plain.execute("SELECT count(*) FROM claims").fetchone() == (2,)
