"""Figures over time, on real sentences: a later report of one source updates, sources that disagree in one news cycle dispute, a weekly total is a series.

The sentences are real (tests/fixtures/figures_over_time/PROVENANCE.md), with hand-labelled
sources and figures, so these tests judge the rules of corroboration/timeline.py, not the
extractors. Except for the series, every mention of a case is put in one cluster.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from wiretrace.corroboration.matching import MatchConfig, match_claims
from wiretrace.corroboration.timeline import NEWS_CYCLE
from wiretrace.corroboration.verdicts import corroborate
from wiretrace.extractors.claims import claim_from_text
from wiretrace.records import (
    Article,
    ArticleInfo,
    Attribution,
    Claim,
    Corroboration,
    MatchResult,
    Quantity,
)
from wiretrace.reports.render import render
from wiretrace.warehouse.db import connect, open_db
from wiretrace.warehouse.load import IngestBatch, load_ingest, replace_corroboration
from wiretrace.warehouse.reports import claim_report
from wiretrace.warehouse.sandbox import sandboxed_query

FIXTURE = Path(__file__).parents[1] / "fixtures" / "figures_over_time" / "cases.json"
CASES = json.loads(FIXTURE.read_text(encoding="utf-8"))
LINEAGE_KIND = {"wire": "outlet", "outlet": "outlet", "anonymous": "anonymous", "person": "person"}


def mentions(case: str, **shift_hours: float) -> list[Claim]:
    """The case's sentences as claims with their hand labels; `shift_hours` moves a mention."""
    claims = []
    for m in CASES[case]["mentions"]:
        text = m["text"]
        quantities = tuple(
            Quantity(
                q["kind"],
                float(q["value"]),
                q["unit"],
                q["raw"],
                q["qualifier"],
                text.index(q["raw"]),
                text.index(q["raw"]) + len(q["raw"]),
            )
            for q in m["quantities"]
        )
        attributions = tuple(
            Attribution(
                cited=a["source"],
                kind=LINEAGE_KIND.get(a["kind"], "organisation"),  # type: ignore[arg-type]
                cue=a["cue"],
                raw=a["raw"],
                source=a["source"],
                source_kind=a["kind"],
                key=a["key"],
                channel=a.get("channel", ""),
            )
            for a in m["attributions"]
        )
        when = datetime.fromisoformat(m["at"]) + timedelta(hours=shift_hours.get(m["id"], 0.0))
        claims.append(
            replace(
                claim_from_text(text, aliases={}),
                claim_id=m["id"],
                article_id=f"{m['id']}-article",
                version_id=f"{m['id']}-v1",
                outlet_id=m["outlet"],
                published_at=when,
                quantities=quantities,
                attributions=attributions,
            )
        )
    return claims


def articles(claims: list[Claim], credits: dict[str, str] | None = None) -> dict[str, ArticleInfo]:
    credits = credits or {}
    return {
        c.article_id: ArticleInfo(c.article_id, c.outlet_id, credits.get(c.claim_id, ""), "page")
        for c in claims
    }


def judged(claims: list[Claim], credits: dict[str, str] | None = None) -> Corroboration:
    (verdict,) = corroborate(
        dict.fromkeys((c.claim_id for c in claims), "c1"),
        claims,
        articles(claims, credits),
        aliases={},
    )
    return verdict.corroboration


def test_a_toll_relayed_and_revised_upwards_by_one_source_over_a_day_is_updated():
    result = judged(mentions("running_toll"))
    assert result.verdict == "updated" and result.numbers_agree
    assert result.sources == ("state-media",) and result.disagreements == ()
    assert "643 dead" in result.reason and "at least 770 dead" in result.reason
    timeline = [(p.claim_id, p.raw, p.status, p.replaces_claim_id) for p in result.timeline]
    assert timeline == [
        ("toll-643", "643 dead", "first", ""),
        ("toll-643", "over 4,600 injured", "first", ""),
        ("toll-770", "at least 770 dead", "update", "toll-643"),
        ("toll-770", "over 5,600 injured", "update", "toll-643"),
    ]
    times = [p.published_at for p in result.timeline]
    assert times == sorted(times)
    assert {p.source for p in result.timeline} == {"state-media"}
    assert [p.line for p in result.timeline] == [0, 1, 0, 1]  # deaths and injuries: two lines


def test_a_correction_by_the_same_source_later_the_same_day_is_an_update():
    result = judged(mentions("correction"))
    assert result.verdict == "updated"
    statuses = {(p.claim_id, p.raw): p.status for p in result.timeline}
    assert statuses[("raid-250", "about 250")] == "update"
    assert statuses[("raid-250", "some 60 stores")] == "same"  # "some 60" is "61" hedged
    assert statuses[("raid-300", "about 300 workers")] == "first"


def test_two_independent_sources_giving_different_figures_the_same_day_is_disputed():
    result = judged(mentions("two_sources_differ"))
    assert result.verdict == "disputed" and not result.numbers_agree
    assert result.independent_sources == 2
    assert {(d.claim_id, d.kind) for d in result.disagreements} == {
        ("tonapi-40", "independent"),
        ("pitke-42", "independent"),
    }
    assert "at least 40 people" in result.reason and "at least 42 people" in result.reason
    statuses = {p.raw: p.status for p in result.timeline}
    assert statuses["at least 40 people"] == statuses["at least 42 people"] == "dispute"
    assert statuses["more than 100 wounded"] == "first"  # wounded and injured are not compared


def test_estimates_that_differ_the_same_day_are_disputed_where_they_really_differ():
    result = judged(mentions("estimates_differ"))
    assert result.verdict == "disputed"
    pairs = {(d.claim_id, d.other_claim_id) for d in result.disagreements}
    # "as many as 1.5 million" and "up to 1.6 million" are two different bounds; Fox's plain
    # "1.5 million" is within HuffPost's "up to 1.6 million" and equal to the NYT's.
    assert pairs == {("nyt-1.5m", "hpo-1.6m"), ("hpo-1.6m", "nyt-1.5m")}
    assert all(d.reason for d in result.disagreements)


def test_the_same_sources_a_news_cycle_apart_are_not_in_dispute():
    later = NEWS_CYCLE / timedelta(hours=1) + 3
    result = judged(mentions("two_sources_differ", **{"pitke-42": later}))
    assert result.verdict != "disputed" and result.numbers_agree
    assert "across news cycles" in result.reason
    statuses = {p.raw: p.status for p in result.timeline}
    assert statuses["at least 42 people"] == "later"


def test_a_relay_that_does_not_carry_its_sources_figure_is_a_relay_dispute():
    # Were the NYT's article credited to HuffPost, its "as many as 1.5 million" would be a
    # relay of HuffPost's "up to 1.6 million" that does not carry it: a relay dispute.
    result = judged(mentions("estimates_differ"), credits={"nyt-1.5m": "hpo"})
    assert result.verdict == "disputed"
    assert {d.kind for d in result.disagreements} == {"relay"}
    assert "a relay does not carry its source's figure" in result.reason
    assert "hpo up to 1.6 million women vs nyt as many as 1.5 million women" in result.reason
    assert result.sources == ("fox", "hpo")


def test_rounding_and_bounds_are_neither_an_update_nor_a_dispute():
    rounding = judged(mentions("rounding"))
    assert rounding.verdict == "corroborated" and rounding.numbers_agree
    bounds = judged(mentions("bounds"))
    assert bounds.verdict == "wire-only" and bounds.numbers_agree  # one source: Obama
    assert {p.status for p in bounds.timeline} <= {"first", "same"}
    assert {p.status for p in rounding.timeline} <= {"first", "same"}


def test_a_weekly_running_total_forms_a_series_not_one_cluster_spanning_weeks():
    claims = mentions("weekly_total")
    config = MatchConfig()
    matches, clusters = match_claims(claims, config)
    # The restatements match week to week: chained, they would be one cluster of 18 days.
    linked = {claims[0].claim_id}
    for _ in claims:
        linked |= {m.b for m in matches if m.a in linked} | {m.a for m in matches if m.b in linked}
    assert linked == {c.claim_id for c in claims}
    by_id = {c.claim_id: c for c in claims}
    spans: dict[str, list[datetime]] = {}
    for claim_id, cluster_id in clusters.items():
        when = by_id[claim_id].published_at
        assert when is not None
        spans.setdefault(cluster_id, []).append(when)
    assert len(spans) >= 2
    assert all(max(t) - min(t) <= config.window for t in spans.values())
    verdicts = {
        v.corroboration.cluster_id: v.corroboration
        for v in corroborate(clusters, claims, articles(claims), aliases={}, matches=matches)
    }
    first = min(spans, key=lambda c: min(spans[c]))
    assert {v.series_id for v in verdicts.values()} == {first}
    for cluster_id, verdict in verdicts.items():
        if cluster_id == first:
            assert verdict.previous_cluster_id == ""
        else:  # each links a cluster that began before it
            assert min(spans[verdict.previous_cluster_id]) < min(spans[cluster_id])


def load(db: Path, claims: list[Claim], clusters: dict[str, str], verdicts: list) -> None:
    """The claims, their articles and their corroboration, into a fresh warehouse."""
    pages = [
        Article(
            article_id=c.article_id,
            version_id=c.version_id,
            outlet_id=c.outlet_id,
            url=f"https://{c.outlet_id}.example/{c.claim_id}",
            canonical_url=f"https://{c.outlet_id}.example/{c.claim_id}",
            title=c.claim_id,
            text=c.text,
            text_sha256=c.claim_id,
            published_at=c.published_at,
            published_source="page",
            fetch_id=f"f-{c.claim_id}",
        )
        for c in claims
    ]
    with open_db(db) as conn:
        load_ingest(conn, IngestBatch(run_id="r1", articles=pages, claims=claims))
        replace_corroboration(
            conn,
            MatchResult(clusters=clusters, corroboration=[v.corroboration for v in verdicts]),
        )


def test_the_warehouse_keeps_the_timeline_and_the_disputes_view_says_what_kind(fresh_db: Path):
    claims = mentions("two_sources_differ") + mentions("running_toll")
    # The two cases as two clusters, each judged whole.
    clusters = {
        c.claim_id: ("c-mumbai" if c.claim_id in ("tonapi-40", "pitke-42") else "c-toll")
        for c in claims
    }
    verdicts = corroborate(clusters, claims, articles(claims), aliases={})
    load(fresh_db, claims, clusters, verdicts)
    conn = connect(fresh_db, read_only=True)
    try:
        toll = claim_report(conn, "c-toll")
    finally:
        conn.close()
    assert toll is not None and toll.verdict == "updated"
    assert [(p.raw, p.status, p.replaces_claim_id) for p in toll.figure_timeline] == [
        ("643 dead", "first", ""),
        ("over 4,600 injured", "first", ""),
        ("at least 770 dead", "update", "toll-643"),
        ("over 5,600 injured", "update", "toll-643"),
    ]
    text = render(toll, "text")
    assert "Figures over time:" in text
    assert "outlet-b (source: state-media): at least 770 dead, replaces outlet-a: 643 dead" in text
    assert "| at least 770 dead | replaces outlet-a: 643 dead |" in render(toll, "md")
    page = render(toll, "html")
    assert 'class="figure-timeline"' in page and 'class="replaces"' in page
    disputes = sandboxed_query(fresh_db, "SELECT cluster_id, kind, disagreements FROM disputes")
    (row,) = disputes.as_dicts()
    assert row["cluster_id"] == "c-mumbai" and row["kind"] == "independent"
    (pair,) = row["disagreements"]
    assert (pair["raw"], pair["other_raw"]) == ("at least 40 people", "at least 42 people")
    assert "within one news cycle" in pair["reason"]


def test_a_report_names_the_earlier_cluster_a_restatement_continues(fresh_db: Path):
    claims = mentions("weekly_total")
    matches, clusters = match_claims(claims, MatchConfig())
    verdicts = corroborate(clusters, claims, articles(claims), aliases={}, matches=matches)
    load(fresh_db, claims, clusters, verdicts)
    last = clusters["sars-approached-770-again"]
    conn = connect(fresh_db, read_only=True)
    try:
        report = claim_report(conn, last)
    finally:
        conn.close()
    assert report is not None and report.previous_cluster_id
    assert report.series_id == clusters["sars-767"] != last
    assert f"restates: {report.previous_cluster_id} (series {report.series_id})" in render(
        report, "text"
    )
