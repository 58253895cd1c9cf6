"""Every claim traces to archived bytes: WARC records, `archive show`, versions, and `reextract`."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest
from ingest_support import LocalServer, ingest_once, local_server, static
from typer.testing import CliRunner

from wiretrace.flows.cli import app
from wiretrace.records import Outlet
from wiretrace.sources.archive import WarcArchive, archive_dir_for, read_payload, read_record
from wiretrace.sources.fetch import Response

PAGES = Path(__file__).parents[1] / "fixtures" / "real" / "pages"
STORY_V1 = (
    "The city council approved a budget of $29 billion on Tuesday, officials said. "
    "The plan adds 1,200 teachers and 300 nurses over three years, the mayor told reporters. "
)
STORY_V2 = STORY_V1.replace("$29 billion", "$30 billion").replace("1,200", "1,500")


def page(text: str) -> str:
    paragraphs = "".join(f"<p>{text} Part {n}.</p>" for n in range(3))
    return (
        "<html><head><title>Council approves budget</title></head><body><article>"
        f"<h1>Council approves budget</h1>{paragraphs}</article></body></html>"
    )


def rss(base: str, *paths: str, edition: int = 1) -> str:
    items = "".join(f"<item><title>{p}</title><link>{base}{p}</link></item>" for p in paths)
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        f"<lastBuildDate>edition {edition}</lastBuildDate>{items}</channel></rss>"
    )


def next_edition(server: LocalServer, edition: int) -> None:
    """The feed changes (as it does when a story is updated), so its pages are asked again."""
    server.routes["/rss"] = static(
        rss(server.base, "/news/budget?utm_source=rss", "/news/nepal", edition=edition),
        content_type="application/rss+xml",
    )


@pytest.fixture
def server():
    yield from local_server()


@pytest.fixture
def site(server: LocalServer) -> list[Outlet]:
    server.routes["/rss"] = static(
        rss(server.base, "/news/budget?utm_source=rss", "/news/nepal"),
        content_type="application/rss+xml",
    )
    server.routes["/news/budget"] = static(page(STORY_V1))
    server.routes["/news/nepal"] = static(
        (PAGES / "reuters__fundus_Reuters_2023_05_16.html").read_bytes()
    )
    return [Outlet(id="local", name="Local", allow_private=True, feeds=(server.url("/rss"),))]


def response(body: bytes, url: str = "http://a.example/x", **extra) -> Response:
    return Response(
        url,
        url,
        200,
        None,
        datetime(2025, 6, 13, tzinfo=UTC),
        (("Content-Type", "text/html"),),
        body,
        **extra,
    )


def test_warc_files_roll_by_size_and_identical_payloads_are_stored_once(tmp_path):
    archive = WarcArchive(tmp_path, "t", max_file_bytes=2_000)
    bodies = [os.urandom(1_000).hex().encode() for _ in range(4)]  # incompressible
    records = [archive.write(response(body)) for body in bodies]
    again = archive.write(response(bodies[0], url="http://a.example/copy"))
    assert len({r.warc_file for r in records}) > 1  # rolled
    assert again.revisit and again.payload_sha256 == records[0].payload_sha256
    revisit = read_record(tmp_path / again.warc_file, again.offset)
    assert revisit.record_type == "revisit" and revisit.body == b""
    original = read_payload(
        tmp_path, [(again.warc_file, again.offset), (records[0].warc_file, records[0].offset)]
    )
    assert original is not None and original.body == bodies[0]


def test_a_body_that_was_cut_off_says_so_in_its_warc_record(tmp_path):
    archive = WarcArchive(tmp_path, "t")
    written = archive.write(response(b"", truncated="length"))
    record = read_record(tmp_path / written.warc_file, written.offset)
    assert dict(record.warc_headers)["WARC-Truncated"] == "length"


def test_an_edited_article_is_a_new_version_and_both_keep_their_fetch_times(server, site, tmp_path):
    db = tmp_path / "w.duckdb"
    ingest_once(db, site)
    server.routes["/news/budget"] = static(page(STORY_V2))
    next_edition(server, 2)
    ingest_once(db, site)
    with duckdb.connect(str(db), read_only=True) as conn:
        versions = conn.execute(
            "SELECT a.article_id, a.canonical_url, a.text, f.fetched_at FROM articles a "
            "JOIN fetches f USING (fetch_id) WHERE a.url LIKE '%budget%' ORDER BY f.fetched_at"
        ).fetchall()
    assert len(versions) == 2
    (first_id, first_url, first_text, first_at), (second_id, second_url, second_text, second_at) = (
        versions
    )
    assert first_id == second_id and first_url == second_url == server.url("/news/budget")
    assert "$29 billion" in first_text and "$30 billion" in second_text
    assert first_at < second_at


def test_archive_show_prints_the_archived_response(server, site, tmp_path):
    db = tmp_path / "w.duckdb"
    ingest_once(db, site)
    next_edition(server, 2)
    ingest_once(db, site)  # the page's same bytes again: a revisit record
    with duckdb.connect(str(db), read_only=True) as conn:
        (first, second) = [
            r[0]
            for r in conn.execute(
                "SELECT fetch_id FROM fetches WHERE url LIKE '%/news/budget' ORDER BY fetched_at"
            ).fetchall()
        ]
    runner = CliRunner()
    shown = runner.invoke(app, ["archive", "show", first, "--db", str(db)])
    assert shown.exit_code == 0, shown.output
    assert "HTTP/1.0 200 OK" in shown.stdout and "content-type: text/html" in shown.stdout.lower()
    assert "$29 billion" in shown.stdout and "payload    sha256" in shown.stdout

    revisit = runner.invoke(app, ["archive", "show", second, "--db", str(db)])
    assert revisit.exit_code == 0, revisit.output
    assert "revisit    identical payload first captured" in revisit.stdout
    assert "$29 billion" in revisit.stdout  # the bytes come from the first capture

    raw = runner.invoke(app, ["archive", "show", second, "--db", str(db), "--part", "body"])
    assert raw.stdout_bytes == page(STORY_V1).encode()

    meta = json.loads(
        runner.invoke(app, ["archive", "show", first, "--db", str(db), "--json"]).stdout
    )
    assert meta["record_type"] == "response" and meta["fetch"]["status"] == 200

    missing = runner.invoke(app, ["archive", "show", "nope", "--db", str(db)])
    assert missing.exit_code == 1 and "no fetch 'nope'" in missing.output


def _table_counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as conn:
        names = [r[0] for r in conn.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def test_reextract_rebuilds_from_the_archive_without_the_network(
    server, site, tmp_path, monkeypatch
):
    db = tmp_path / "w.duckdb"
    ingest_once(db, site)
    server.routes["/news/budget"] = static(page(STORY_V2))
    next_edition(server, 2)
    ingest_once(db, site)
    server.stop()  # the archive is all there is now
    monkeypatch.setattr(
        "wiretrace.sources.fetch.Fetcher.get", lambda *a, **k: pytest.fail("reextract used the network")
    )
    with duckdb.connect(str(db), read_only=True) as conn:
        seen_before = dict(
            conn.execute("SELECT version_id, first_seen_at FROM articles").fetchall()
        )
    before = _table_counts(db)

    runner = CliRunner()
    same = runner.invoke(app, ["reextract", "--db", str(db), "--json"])
    assert same.exit_code == 0, same.output
    summary = json.loads(same.stdout)
    assert summary["fetches_read"] == 3 and summary["versions_new"] == 0
    after = _table_counts(db)
    rebuilt = ("articles", "claims", "claim_quantities", "claim_attributions", "fetches")
    assert {k: after[k] for k in rebuilt} == {k: before[k] for k in rebuilt}
    assert after["corroboration"] > 0  # and the claims were corroborated again
    with duckdb.connect(str(db), read_only=True) as conn:
        seen_after = dict(conn.execute("SELECT version_id, first_seen_at FROM articles").fetchall())
    assert seen_after == seen_before  # unchanged versions keep when they were first seen

    # A new extractor version that reads the text differently: versions are replaced.
    import wiretrace.flows.steps as steps  # the one extract step runs and reextract share

    original = steps.extract_article

    def shouting(*args, **kwargs):
        from dataclasses import replace

        from wiretrace.records import stable_id

        article = original(*args, **kwargs)
        text = article.text.upper()
        return replace(
            article,
            text=text,
            version_id=stable_id(article.canonical_url, text),
            extractor_version="shouting/1",
        )

    monkeypatch.setattr(steps, "extract_article", shouting)
    changed = json.loads(runner.invoke(app, ["reextract", "--db", str(db), "--json"]).stdout)
    assert changed["versions_new"] == 3 and changed["versions_gone"] == 3
    assert changed["articles_after"] == changed["articles_before"] == 3
    with duckdb.connect(str(db), read_only=True) as conn:
        texts = [r[0] for r in conn.execute("SELECT text FROM articles").fetchall()]
        orphans = conn.execute(
            "SELECT count(*) FROM claims WHERE version_id NOT IN (SELECT version_id FROM articles)"
        ).fetchone()[0]
        runs = conn.execute(
            "SELECT label, status FROM runs WHERE label = 'reextract'"
        ).fetchall()
    assert all(t == t.upper() for t in texts) and orphans == 0
    assert runs == [("reextract", "completed")] * 2


def test_reextract_keeps_articles_whose_warc_file_is_gone(server, site, tmp_path):
    db = tmp_path / "w.duckdb"
    ingest_once(db, site)
    for warc in archive_dir_for(db).glob("*.warc.gz"):
        warc.unlink()
    before = _table_counts(db)
    result = CliRunner().invoke(app, ["reextract", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["fetches_unreadable"] == 2 and summary["fetches_read"] == 0
    assert _table_counts(db)["articles"] == before["articles"] == 2
