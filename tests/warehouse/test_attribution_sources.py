"""Attributions keep their source, kind, key and channel through the warehouse (migration 013)."""

from datetime import UTC, datetime

from wiretrace.extractors.claims import extract_claims
from wiretrace.records import Article, Fetch
from wiretrace.warehouse.db import open_db
from wiretrace.warehouse.load import IngestBatch, load_ingest
from wiretrace.warehouse.queries import claims_for_matching

NOW = datetime(2025, 6, 13, 4, 0, tzinfo=UTC)
TEXT = (
    "President Trump said he was preparing an executive order on birthright citizenship.\n"
    "“It’s ridiculous,” Mr. Trump told Axios during an interview that was released in part on "
    "Tuesday, making a false claim."
)


def test_a_claims_sources_round_trip_through_the_warehouse(fresh_db):
    fetch = Fetch("f1", "r1", "nyt", "http://x/a", "http://x/a", "page", 200, None, NOW)
    article = Article(
        article_id="a1",
        version_id="v1",
        outlet_id="nyt",
        url="http://x/a",
        canonical_url="http://x/a",
        title="Title",
        text=TEXT,
        text_sha256="s",
        published_at=NOW,
        published_source="page",
        fetch_id="f1",
    )
    claims = extract_claims(article, aliases={})
    told = [a for c in claims for a in c.attributions if a.cue == "told"]
    assert [(a.source, a.source_kind, a.key, a.channel) for a in told] == [
        ("Trump", "official", "trump", "axios")
    ]
    with open_db(fresh_db) as conn:
        load_ingest(
            conn, IngestBatch(run_id="r1", fetches=[fetch], articles=[article], claims=claims)
        )
        latest, _, _ = claims_for_matching(conn)
    assert [c.attributions for c in latest] == [c.attributions for c in claims]
