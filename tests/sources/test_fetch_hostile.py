"""One hostile news site, every bad input the issue lists: each recorded with its reason, nothing else lost."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import duckdb
import pytest
from ingest_support import (
    LocalServer,
    gzip_bomb,
    huge,
    ingest_once,
    local_server,
    sequence,
    static,
    trickle,
)

from wiretrace.records import Outlet
from wiretrace.sources.fetch import FetchPolicy

PAGES = Path(__file__).parents[1] / "fixtures" / "real" / "pages"
POLICY = FetchPolicy(
    per_host_delay=0,
    backoff=0.01,
    retries=2,
    total_timeout=2.0,
    read_timeout=5.0,
    max_retry_after=5.0,
    max_bytes=2 * 1024 * 1024,
    max_wire_bytes=4 * 1024 * 1024,
)
CAFE = (
    "The minister said the café’s “naïve” plan would cost €4.5 million, about 12% more than "
    "the council forecast, and that the budget committee would review it on Monday. "
)
NIKKEI = "東京証券取引所の日経平均株価は前日比で約２％上昇し、三万八千円台を回復したと市場関係者が述べた。"
LOL = """<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>"""
XXE = '<!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
BAD_PAGES = {
    "/p/loop.html": "more than 5 redirects",
    "/p/slow.html": "timeout: body not received within 2s",
    "/p/big.html": "body larger than 2097152 bytes",
    "/p/bomb.html": "body larger than 2097152 bytes (decompressed)",
    "/p/report.pdf": "content type application/pdf is not parsed",
    "/private/secret.html": "skipped: robots.txt disallows /private/secret.html",
}


def article_html(title: str, paragraph: str, *, meta: str = "") -> str:
    body = "".join(f"<p>{paragraph} ({n})</p>" for n in range(4))
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    )


def rss(items: list[tuple[str, str]]) -> str:
    entries = "".join(f"<item><title>{t}</title><link>{link}</link></item>" for t, link in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{entries}</channel></rss>'


@pytest.fixture
def server():
    yield from local_server()


@pytest.fixture
def hostile(server: LocalServer) -> list[Outlet]:
    base = server.base
    server.routes["/robots.txt"] = static(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    pages = [
        "/p/good.html",
        "/p/cp1252.html",
        "/p/sjis.html",
        "/p/busy.html",
        "/p/flaky.html",
        *BAD_PAGES,
    ]
    server.routes["/feeds/main.rss"] = static(
        rss([(p, base + p) for p in pages]),
        content_type="application/rss+xml",
        headers={"ETag": '"main-1"'},
    )
    server.routes["/p/good.html"] = static(
        (PAGES / "reuters__fundus_Reuters_2023_05_16.html").read_bytes()
    )
    server.routes["/p/cp1252.html"] = static(
        article_html(
            "Café plan costs €4.5m",
            CAFE,
            meta='<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
        ).encode("cp1252"),
        content_type="text/html",  # declared only in the meta tag
    )
    server.routes["/p/sjis.html"] = static(
        article_html("日経平均が上昇", NIKKEI, meta='<meta charset="Shift_JIS">').encode(
            "shift_jis"
        ),
        content_type="text/html",
    )
    server.routes["/p/busy.html"] = sequence(
        static("slow down", status=429, headers={"Retry-After": "1"}),
        static(article_html("Busy desk answers at last", CAFE.replace("minister", "mayor"))),
    )
    server.routes["/p/flaky.html"] = sequence(
        static("oops", status=500),
        static(article_html("Flaky server recovers", CAFE.replace("minister", "governor"))),
    )
    server.routes["/p/loop.html"] = static("", status=302, headers={"Location": "/p/loop2.html"})
    server.routes["/p/loop2.html"] = static("", status=302, headers={"Location": "/p/loop.html"})
    server.routes["/p/slow.html"] = trickle(every=0.25, chunks=40)
    server.routes["/p/big.html"] = huge(50 * 1024 * 1024)
    server.routes["/p/bomb.html"] = static(
        gzip_bomb(256 * 1024 * 1024), headers={"Content-Encoding": "gzip"}
    )
    server.routes["/p/report.pdf"] = static(b"%PDF-1.7 ...", content_type="application/pdf")
    server.routes["/private/secret.html"] = static("<html>secret</html>")
    whole = rss([("Kept one", base + "/p/good.html"), ("Kept two", base + "/p/flaky.html")])
    server.routes["/feeds/truncated.rss"] = static(
        whole[: whole.index("Kept two") + 4], content_type="application/rss+xml"
    )
    server.routes["/feeds/lol.rss"] = static(
        '<?xml version="1.0"?>\n'
        + LOL
        + rss([("Laughs &lol9;", base + "/p/good.html")]).split("?>", 1)[1],
        content_type="application/rss+xml",
    )
    server.routes["/sitemaps/xxe.xml"] = static(
        '<?xml version="1.0"?>'
        + XXE
        + '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"<url><loc>{base}/p/good.html</loc><news:news><news:title>&xxe;</news:title></news:news></url>"
        f"<url><loc>{base}/p/&xxe;</loc></url></urlset>",
        content_type="application/xml",
    )
    return [
        Outlet(
            id="hostile",
            name="Hostile",
            allow_private=True,
            feeds=tuple(
                base + f for f in ("/feeds/main.rss", "/feeds/truncated.rss", "/feeds/lol.rss")
            ),
            sitemaps=(base + "/sitemaps/xxe.xml",),
        ),
        Outlet(id="unguarded", name="Unguarded", feeds=(base + "/feeds/main.rss?unguarded",)),
    ]


def test_every_bad_input_is_recorded_and_the_good_pages_load(server, hostile, tmp_path):
    db = tmp_path / "w.duckdb"
    first = ingest_once(db, hostile, policy=POLICY, trace_memory=True)
    # 50 MB and a 256 MB bomb were served; polling and fetching held about the limits.
    assert first["fetch_peak"] < 24 * 1024 * 1024

    with duckdb.connect(str(db), read_only=True) as conn:
        pages = dict(
            conn.execute(
                "SELECT url, coalesce(error, 'OK ' || status) FROM fetches WHERE purpose = 'page'"
            ).fetchall()
        )
        feeds = dict(
            conn.execute("SELECT url, error FROM fetches WHERE purpose <> 'page'").fetchall()
        )
        titles = {r[0] for r in conn.execute("SELECT title FROM articles").fetchall()}
        health = dict(
            conn.execute(
                "SELECT feed_url, consecutive_failures FROM feed_state WHERE outlet_id = 'unguarded'"
            ).fetchall()
        )
        entry_urls = [r[0] for r in conn.execute("SELECT url FROM feed_entries").fetchall()]
        entry_titles = [r[0] for r in conn.execute("SELECT title FROM feed_entries").fetchall()]
        skipped_status = conn.execute(
            "SELECT status FROM fetches WHERE url LIKE '%/private/secret.html'"
        ).fetchone()
    base = server.base
    for path, reason in BAD_PAGES.items():
        assert pages[base + path] == reason, path
    assert skipped_status == (None,)
    assert server.hits("/private/secret.html") == 0
    for path in ("/p/good.html", "/p/cp1252.html", "/p/sjis.html", "/p/busy.html", "/p/flaky.html"):
        assert pages[base + path] == "OK 200", path
    # Decoded by the charset each page declares only in its meta tag.
    assert {"Café plan costs €4.5m", "日経平均が上昇"} <= titles
    assert {"Busy desk answers at last", "Flaky server recovers"} <= titles
    assert "Nepal says 'no proof' flydubai plane suffered bird strike" in titles

    assert feeds[base + "/feeds/truncated.rss"].startswith("malformed feed, 1 entries salvaged")
    assert feeds[base + "/feeds/lol.rss"].startswith("malformed feed, 1 entries salvaged")
    assert all("lollollol" not in t and "root:" not in t for t in entry_titles)
    assert all("root:" not in u for u in entry_urls)
    refused = feeds[base + "/feeds/main.rss?unguarded"]
    assert refused.startswith("refused:") and "loopback" in refused
    assert health == {base + "/feeds/main.rss?unguarded": 1}
    assert not any("unguarded" in path for path, _ in server.requests)
    assert not first["failures"]  # every page that arrived was extracted

    # The next poll: the main feed answers 304 (no parsing), the refused feed backs off.
    hits = server.hits("/feeds/main.rss")
    second = ingest_once(db, hostile, policy=POLICY)
    assert server.hits("/feeds/main.rss") == hits + 1
    assert second["poll"].deferred == [base + "/feeds/main.rss?unguarded"]
    assert second["articles"] == []
    main_state = [s for s in second["poll"].feed_states if s.feed_url == base + "/feeds/main.rss"]
    assert main_state[0].last_status == 304 and main_state[0].entries_seen == -1


def test_a_refused_feed_backs_off_then_is_asked_again(server, hostile, tmp_path):
    db = tmp_path / "w.duckdb"
    unguarded = [hostile[1]]
    ingest_once(db, unguarded, policy=POLICY)
    with duckdb.connect(str(db), read_only=True) as conn:
        polled_at, next_poll = conn.execute(
            "SELECT last_polled_at, next_poll_at FROM feed_state"
        ).fetchone()
    assert next_poll - polled_at == pytest.approx(timedelta(minutes=5), abs=timedelta(seconds=5))
    later = ingest_once(db, unguarded, policy=POLICY, now=next_poll + timedelta(seconds=1))
    (state,) = later["poll"].feed_states
    assert state.consecutive_failures == 2 and server.requests == []
