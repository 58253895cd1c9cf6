"""`wiretrace run --sources`: the real flow against a local server; broken feeds do not stop the run."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from wiretrace.flows.cli import app

PAGES = Path(__file__).parents[1] / "fixtures" / "real" / "pages"
RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Local wire</title><link>{base}/</link><description>t</description>
<item><title>Nepal says no proof</title><link>{base}/a/nepal.html?utm_source=rss</link>
<pubDate>Tue, 25 Apr 2023 12:26:15 +0000</pubDate></item>
<item><title>Israeli tank</title><link>{base}/a/tank.html</link>
<pubDate>Thu, 07 Mar 2024 07:55:25 +0000</pubDate></item>
<item><title>Gone</title><link>{base}/a/gone.html</link></item>
</channel></rss>"""

pytestmark = pytest.mark.e2e


@pytest.fixture
def local_outlets(httpserver, tmp_path: Path) -> Path:
    base = httpserver.url_for("").rstrip("/")
    # No robots.txt (404) allows everything; pytest-httpserver's default 500 would disallow all.
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/wire/rss.xml").respond_with_data(
        RSS.format(base=base), content_type="application/rss+xml"
    )
    for name, page in (
        ("nepal", "reuters__fundus_Reuters_2023_05_16.html"),
        ("tank", "reuters__fundus_Reuters_2024_03_07.html"),
    ):
        httpserver.expect_request(f"/a/{name}.html").respond_with_data(
            (PAGES / page).read_bytes(), content_type="text/html; charset=utf-8"
        )
    httpserver.expect_request("/a/gone.html").respond_with_data("gone", status=404)
    httpserver.expect_request("/broken/missing.xml").respond_with_data("nope", status=404)
    httpserver.expect_request("/broken/garbage.xml").respond_with_data(
        b"\x89PNG\r\n\x1a\n garbage <<<", content_type="application/xml"
    )
    path = tmp_path / "outlets.toml"
    path.write_text(
        f"""
[[outlet]]
id = "localwire"
name = "Local Wire"
kind = "wire"
allow_private = true
feeds = ["{base}/wire/rss.xml"]

[[outlet]]
id = "broken"
name = "Broken Outlet"
allow_private = true
feeds = ["{base}/broken/missing.xml", "{base}/broken/garbage.xml"]

[[outlet]]
id = "unguarded"
name = "Loopback without allow_private"
feeds = ["{base}/wire/rss.xml"]
"""
    )
    return path


def test_broken_feeds_are_recorded_and_the_other_outlets_load(
    prefect_harness, local_outlets, tmp_path
):
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(
        app,
        [
            "run",
            "--sources",
            str(local_outlets),
            "--db",
            str(db),
            "--per-host-delay",
            "0",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    assert summary["runs"][0]["feeds_failed"] == 3
    with duckdb.connect(str(db), read_only=True) as conn:
        errors = dict(
            conn.execute(
                "SELECT url, error FROM fetches WHERE purpose = 'feed' AND outlet_id <> 'localwire'"
            ).fetchall()
        )
        articles = conn.execute("SELECT outlet_id, title FROM articles ORDER BY title").fetchall()
        page_errors = conn.execute(
            "SELECT error FROM fetches WHERE purpose = 'page' AND error IS NOT NULL"
        ).fetchall()
        status = conn.execute("SELECT status FROM runs").fetchall()
    assert any(e == "HTTP 404" for e in errors.values())
    assert any(e and e.startswith("unreadable feed") for e in errors.values())
    assert any(e and "refused" in e and "loopback" in e for e in errors.values())
    assert [t for _, t in articles] == [
        "Israeli tank 'likely' fired machine gun at reporters after deadly shelling, report finds",
        "Nepal says 'no proof' flydubai plane suffered bird strike",
    ]
    assert page_errors == [("HTTP 404",)]
    assert status == [("completed",)]


def test_bad_outlets_file_exits_non_zero_with_one_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[outlet]]\nid = "x"\nfeeds = ["gopher://old"]\n')
    result = CliRunner().invoke(
        app, ["run", "--sources", str(bad), "--db", str(tmp_path / "w.duckdb")]
    )
    assert result.exit_code != 0
    assert "not an http(s) URL" in result.output
    assert not (tmp_path / "w.duckdb.lock").exists()  # nothing left behind by a run that never ran
