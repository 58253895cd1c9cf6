"""`wiretrace ui` through httpx on the demo's warehouse: every page, filters, paging, JSON, 404, escaping."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

import pytest
from ui_support import PLANTED_IMG, PLANTED_SCRIPT, SCALE_AI, Client, Hostile

from wiretrace.records import VERDICTS
from wiretrace.reports.html import CSP
from wiretrace.ui.app import create_app

pytestmark = pytest.mark.e2e  # the demo warehouse is built by a real run under Prefect


@pytest.fixture(scope="module")
def client(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Client:
    return Client(create_app(demo_db, snapshots=tmp_path_factory.mktemp("snapshots")))


@pytest.fixture(scope="module")
def ids(client: Client) -> dict[str, str]:
    claim = client.json("/claims", q="49%")["claims"][0]["id"]
    story = client.json(f"/claims/{claim}")["stories"][0]["id"]
    return {"claim": claim, "story": story}


def _text(page: str) -> str:
    body = page.split("<body", 1)[1]
    body = re.sub(r"<style.*?</style>", " ", body, flags=re.S)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def _pages(ids: dict[str, str]) -> list[str]:
    return [
        "/claims",
        f"/claims/{ids['claim']}",
        "/stories",
        f"/stories/{ids['story']}",
        "/outlets",
        "/outlets/reuters",
        "/runs",
    ]


def test_every_page_answers_with_the_reports_policy_and_no_script(client, ids):
    for path in _pages(ids):
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert answer.headers["content-type"] == "text/html; charset=utf-8"
        policy = answer.headers["content-security-policy"]
        # The reports' policy, with the app's own search forms allowed to submit.
        assert policy.startswith(CSP.replace("form-action 'none'", "form-action 'self'"))
        assert answer.headers["x-content-type-options"] == "nosniff"
        page = answer.text
        assert "<script" not in page and 'src="http' not in page and "<link" not in page
        assert "Data last committed at" in _text(page), path
        assert 'href="/claims"' in page  # the navigation


def test_every_page_has_a_json_twin_that_says_when_data_was_committed(client, ids):
    for path in _pages(ids):
        data = client.json(path)
        assert data["meta"]["committed_at"] and data["meta"]["snapshot"] is False, path
    claims = client.json("/claims")
    assert claims["paged"]["total"] >= 200 and len(claims["claims"]) == 25
    assert set(claims["claims"][0]) >= {"id", "text", "verdict", "outlets", "independent_sources"}
    claim = client.json(f"/claims/{ids['claim']}")["claim"]
    assert claim["verdict"] == "disputed" and len(claim["mentions"]) == 3
    story = client.json(f"/stories/{ids['story']}")["story"]
    assert story["outlets"] == ["cna", "indiatimes", "reuters"]
    runs = client.json("/runs")
    assert [r["label"] for r in runs["runs"]] == ["demo edition 2", "demo edition 1"]


def test_the_home_page_sends_readers_to_the_claims(client):
    answer = client.get("/")
    assert answer.status_code == 303 and answer.headers["location"] == "/claims"


def test_claims_page_shows_verdict_outlets_independent_sources_and_first_reporter(client, ids):
    page = client.get("/claims", q="49%").text
    row = page.split(f'href="/claims/{ids["claim"]}"', 1)[1].split("</tr>", 1)[0]
    assert SCALE_AI in page
    assert (
        "verdict-disputed"
        in page.split(f'href="/claims/{ids["claim"]}"', 1)[0].rsplit("<tr>", 1)[1]
    )
    assert all(f'href="/outlets/{o}"' in row for o in ("cna", "indiatimes", "reuters"))
    assert "<strong>1</strong>" in row and "(reuters)" in row  # one independent source
    assert re.search(r'data-label="First".*href="/outlets/reuters".*2025-06-13 01:12 UTC', row)


def test_claims_filter_by_text_outlet_verdict_and_dates(client):
    every = client.json("/claims")["paged"]["total"]
    searched = client.json("/claims", q="BILLION")
    assert 0 < searched["paged"]["total"] < every
    assert all("billion" in c["text"].lower() or c["mentions"] > 1 for c in searched["claims"])
    for verdict in VERDICTS:
        found = client.json("/claims", verdict=verdict)["claims"]
        assert all(c["verdict"] == verdict for c in found)
    disputed = client.json("/claims", verdict="disputed")
    assert disputed["paged"]["total"] >= 1
    cna = client.json("/claims", outlet="cna")
    assert 0 < cna["paged"]["total"] < every
    assert all("cna" in c["outlets"] for c in cna["claims"])
    day = client.json("/claims", since="2025-06-13", until="2025-06-13")
    assert 0 < day["paged"]["total"] < every
    assert all(c["first_published_at"].startswith("2025-06-13") for c in day["claims"])
    assert client.json("/claims", since="2030-01-01")["paged"]["total"] == 0
    both = client.json("/claims", q="billion", outlet="indiatimes", verdict="disputed")
    assert both["claims"] and both["claims"][0]["text"].startswith(SCALE_AI)


def test_a_searched_listing_counts_and_pages_like_any_other(client):
    # The search counts and pages in one query; its total and pages must be what separate
    # count and page queries give, and a page past the last still knows the total.
    first = client.json("/claims", q="said")
    total, pages = first["paged"]["total"], first["paged"]["pages"]
    assert total > 25 and pages >= 2
    seen = [
        c["id"]
        for p in range(1, pages + 1)
        for c in client.json("/claims", q="said", page=p)["claims"]
    ]
    assert len(seen) == len(set(seen)) == total
    past = client.json("/claims", q="said", page=pages + 1)
    assert past["claims"] == [] and past["paged"]["total"] == total
    assert client.json("/claims", q="no such words anywhere")["paged"]["total"] == 0


def test_claims_sort_orders(client):
    first = client.json("/claims", sort="first")["claims"]
    times = [c["first_published_at"] for c in first if c["first_published_at"]]
    assert times == sorted(times)
    latest = client.json("/claims", sort="latest")["claims"]
    times = [c["first_published_at"] for c in latest if c["first_published_at"]]
    assert times == sorted(times, reverse=True)
    outlets = [len(c["outlets"]) for c in client.json("/claims")["claims"]]
    assert outlets == sorted(outlets, reverse=True)
    independent = [
        c["independent_sources"] for c in client.json("/claims", sort="independent")["claims"]
    ]
    assert independent == sorted(independent, reverse=True)


def test_claims_pages_are_stable_and_cover_every_claim_once(client):
    first = client.json("/claims")
    total, pages = first["paged"]["total"], first["paged"]["pages"]
    seen = [c["id"] for p in range(1, pages + 1) for c in client.json("/claims", page=p)["claims"]]
    assert len(seen) == total == len(set(seen))
    assert client.json("/claims", page=2)["claims"] == client.json("/claims", page=2)["claims"]
    assert client.json("/claims", page=pages + 1)["claims"] == []
    page_two = client.get("/claims", page=2, verdict="single-source").text
    assert 'href="/claims?verdict=single-source&amp;page=3"' in page_two  # filters kept
    assert 'href="/claims?verdict=single-source"' in page_two  # page 1 has no page parameter


def test_bad_parameters_are_a_400_never_a_query(client):
    for params in (
        {"page": "0"},
        {"page": "x"},
        {"verdict": "true'; DROP TABLE claims; --"},
        {"sort": "cluster_id; SELECT 1"},
        {"since": "yesterday"},
        {"format": "xml"},
        {"q": "x" * 500},
    ):
        answer = client.get("/claims", **params)
        assert answer.status_code == 400, params
    assert client.get("/claims", format="json", page="0").json()["error"] == "Bad request"
    assert client.json("/claims")["paged"]["total"] > 0  # and nothing was harmed


def test_unknown_ids_and_paths_are_404(client):
    for path in ("/claims/c000000000000", "/stories/nope", "/outlets/nobody", "/no/such/page"):
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert "Not found" in answer.text
    assert client.get("/claims/nope", format="json").status_code == 404
    assert client.get("/claims/nope", format="json").json()["error"] == "Not found"


def test_claim_page_is_the_claim_report_with_links_to_its_story_and_outlets(client, ids):
    page = client.get(f"/claims/{ids['claim']}").text
    text = _text(page)
    assert "wiretrace claim report" in text and "≠ Reuters: $29 billion" in text
    assert '<svg class="timeline"' in page and '<svg class="lineage"' in page
    assert f'href="/stories/{ids["story"]}"' in page
    assert all(f'href="/outlets/{o}"' in page for o in ("cna", "indiatimes", "reuters"))
    assert "Provenance" in text and ".warc.gz" in text


def test_stories_list_latest_first_with_coverage_and_blind_spots(client):
    data = client.json("/stories")
    lasts = [s["last_published_at"] for s in data["stories"]]
    assert lasts == sorted(lasts, reverse=True)
    page = client.get("/stories").text
    assert "Blind spots" in page and "disagree" in page
    konkan = client.json("/stories", q="konkan")["stories"]
    assert len(konkan) == 1 and konkan[0]["missing_outlets"] == ["cna", "reuters"]
    assert all("cna" in s["outlets"] for s in client.json("/stories", outlet="cna")["stories"])


def test_story_page_is_the_story_report_with_each_claim_linked(client, ids):
    page = client.get(f"/stories/{ids['story']}").text
    assert "wiretrace story report" in page and '<svg class="timeline"' in page
    assert f'href="/claims/{ids["claim"]}"' in page


def test_outlets_page_counts_firsts_wire_copy_disputes_and_draws_who_takes_from_whom(client):
    data = client.json("/outlets")
    stats = {o["outlet_id"]: o for o in data["outlets"]}
    assert stats["reuters"]["first"] > stats["cna"]["first"]
    assert stats["reuters"]["wire_copy"] == 0 and stats["cna"]["reprinted"] >= 1
    assert stats["cna"]["wire_copy_share"] == stats["cna"]["wire_copy"] / stats["cna"]["articles"]
    assert all(stats[o]["disputes"] >= 1 for o in ("reuters", "cna", "indiatimes"))
    links = {(e["outlet_id"], e["source_outlet"], e["kind"]) for e in data["links"]}
    assert ("cna", "reuters", "verbatim") in links and ("indiatimes", "pti", "credited") in links
    page = client.get("/outlets").text
    matrix = page.split('<svg class="matrix"', 1)[1].split("</svg>", 1)[0]
    assert "<rect" in matrix and "CNA → Reuters: reprints 3" in htmllib.unescape(matrix)


def test_outlet_page_lists_who_it_takes_from_and_its_disputes(client):
    data = client.json("/outlets/cna")
    assert data["outlet"]["name"] == "CNA"
    assert {e["source_outlet"] for e in data["takes_from"]} >= {"reuters"}
    assert data["taken_by"] == [] and data["disputes"][0]["verdict"] == "disputed"
    reuters = client.json("/outlets/reuters")
    assert {e["outlet_id"] for e in reuters["taken_by"]} == {"cna", "indiatimes"}


def test_runs_page_shows_counts_errors_and_when_each_feed_is_next_polled(client):
    data = client.json("/runs")
    assert data["runs"][0]["counts"]["articles_new"] >= 10 and data["runs"][0]["errors"] == []
    assert len(data["feeds"]) == 3 and {f["state"] for f in data["feeds"]} == {"ok"}
    assert all(f["next_poll_at"] is None for f in data["feeds"])
    text = _text(client.get("/runs").text)
    assert "demo edition 1" in text and "at the next run" in text and "new articles" in text


def test_a_failing_feed_shows_its_back_off_and_when_it_is_asked_again():
    from datetime import UTC, datetime, timedelta

    from wiretrace.ui.views import feed_due
    from wiretrace.warehouse.browse import FeedHealth

    now = datetime(2026, 1, 1, tzinfo=UTC)
    feed = FeedHealth(
        "https://x.example/feed", "x", now, 503, "503", 2, 0, now + timedelta(hours=1), ""
    )
    assert feed_due(feed, now).state == "backing off"
    assert feed_due(feed, now).next_poll_at == now + timedelta(hours=1)
    assert feed_due(feed, now + timedelta(hours=2)).state == "failing"


def test_hostile_text_is_shown_as_text_and_never_as_markup(hostile: Hostile, tmp_path):
    client = Client(create_app(hostile.db, snapshots=tmp_path))
    story = client.json(f"/claims/{hostile.cluster_id}")["stories"][0]["id"]
    for path in (
        "/claims",
        f"/claims/{hostile.cluster_id}",
        "/stories",
        f"/stories/{story}",
        "/outlets",
        f"/outlets/{hostile.outlet_id}",
    ):
        page = client.get(path, **({"q": "49%"} if path == "/claims" else {})).text
        assert "<script" not in page and "<img" not in page, path
        assert 'href="javascript' not in page, path
        text = _text(page)
        assert PLANTED_SCRIPT in text or PLANTED_IMG in text, path
    assert client.json("/claims", q="<script>")["claims"][0]["text"].startswith(PLANTED_SCRIPT)
