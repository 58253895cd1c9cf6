"""Same input, same answer: one corpus served under two hosts and ports, its feeds in two orders."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import duckdb
import pytest

from wiretrace.flows.options import RunOptions
from wiretrace.sources.demo import demo_editions, demo_root

pytestmark = pytest.mark.e2e
# A feed's entries: RSS items and sitemap URLs, each on its own, so their order can be turned.
ENTRY = re.compile(rb"<item>.*?</item>|<url>.*?</url>", re.S)


class Corpus:
    """The demo corpus's files as one edition shows them: `editions/N/` over `site/`."""

    def __init__(self) -> None:
        self.root = demo_root()
        self.edition = 1

    def file(self, path: str) -> Path | None:
        relative = unquote(urlsplit(path).path).lstrip("/")
        if not relative or ".." in Path(relative).parts:
            return None
        for folder in (self.root / "editions" / str(self.edition), self.root / "site"):
            if (folder / relative).is_file():
                return folder / relative
        return None


@contextmanager
def served(host: str, *, reverse: bool) -> Iterator[tuple[Corpus, str]]:
    """The demo corpus at `http://{host}:{port}` (a real address, not the demo's virtual
    host, so every URL and id differs), each feed listing its entries in reverse when `reverse`."""
    corpus = Corpus()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = corpus.file(self.path)
            if path is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = path.read_bytes().replace(b"{base}", base.encode())
            if reverse and path.suffix in (".xml", ".cms"):
                entries = ENTRY.findall(body)
                parts = ENTRY.split(body)
                body = parts[0] + b"".join(
                    e + p for e, p in zip(reversed(entries), parts[1:], strict=True)
                )
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    base = f"http://{host}:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield corpus, base
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def run_corpus(db: Path, host: str, *, reverse: bool) -> None:
    """Both demo editions, one pipeline run each, as `wiretrace run --demo` does."""
    from wiretrace.flows.pipeline import pipeline_flow

    with served(host, reverse=reverse) as (corpus, base):
        port = int(base.rsplit(":", 1)[1])
        for edition in demo_editions():
            corpus.edition = edition
            pipeline_flow(
                db=str(db),
                outlets_file=str(demo_root() / "outlets.toml"),
                label=f"edition {edition}",
                base_url=base,
                resolve={host: ("127.0.0.1", port)},
                **RunOptions().flow_parameters(demo=True),
            )


CLAIMS = """
SELECT c.claim_id, a.url, c.position, c.text, cc.cluster_id, cc.source, cc.via
FROM claims c JOIN latest_articles a USING (version_id) JOIN claim_clusters cc USING (claim_id)
"""
CORROBORATION = """
SELECT cluster_id, text, outlets, n_outlets, independent_sources, sources, first_outlet,
       first_published_at, numbers_agree, verdict
FROM corroboration
"""
MATCHES = "SELECT claim_a, claim_b, round(score, 6), decision FROM claim_matches"
STORY_ARTICLES = """
SELECT a.url, sa.story_id, sa.rank, round(sa.score, 4)
FROM story_articles sa JOIN latest_articles a USING (article_id)
"""
STORIES = """
SELECT story_id, headline, first_outlet, first_published_at, last_published_at, outlets,
       n_articles, n_claims, corroborated, wire_only, single_source, disputed, updated
FROM stories
"""
LINEAGE = """
SELECT a.url, l.source_outlet, coalesce(s.url, ''), l.kind
FROM lineage l JOIN latest_articles a USING (article_id)
LEFT JOIN latest_articles s ON s.article_id = l.source_article_id
"""


def snapshot(db: Path) -> dict[str, object]:
    """Clusters, roots, matches, verdicts, lineage and stories, named by content, not by ids:
    a claim by its article's path and position, a cluster by its claims, a story by its
    articles."""
    with duckdb.connect(str(db), read_only=True) as conn:
        claims = conn.execute(CLAIMS).fetchall()
        key = {cid: (urlsplit(url).path, pos, text) for cid, url, pos, text, *_ in claims}
        members: dict[str, set[tuple]] = {}
        for cid, *_, cluster, _, _ in claims:
            members.setdefault(cluster, set()).add(key[cid])
        cluster_key = {c: frozenset(m) for c, m in members.items()}
        paths_of: dict[str, set[str]] = {}
        ranks = set()
        for url, story, rank, score in conn.execute(STORY_ARTICLES).fetchall():
            paths_of.setdefault(story, set()).add(urlsplit(url).path)
            ranks.add((urlsplit(url).path, rank, score))
        return {
            "clusters": set(cluster_key.values()),
            "roots": {key[cid]: (source, via) for cid, *_, source, via in claims},
            "matches": {
                (frozenset((key[a], key[b])), score, decision)
                for a, b, score, decision in conn.execute(MATCHES).fetchall()
                if a in key and b in key
            },
            "verdicts": {
                cluster_key[row[0]]: row[1:]
                for row in conn.execute(CORROBORATION).fetchall()
                if row[0] in cluster_key
            },
            "lineage": {
                (urlsplit(a).path, outlet, urlsplit(s).path, kind)
                for a, outlet, s, kind in conn.execute(LINEAGE).fetchall()
            },
            "stories": {
                frozenset(paths_of[row[0]]): row[1:] for row in conn.execute(STORIES).fetchall()
            },
            "story_members": ranks,
        }


@pytest.fixture(scope="module")
def two_runs(prefect_harness, tmp_path_factory) -> tuple[dict[str, object], dict[str, object]]:
    folder = tmp_path_factory.mktemp("determinism")
    run_corpus(folder / "a.duckdb", "127.0.0.1", reverse=False)
    run_corpus(folder / "b.duckdb", "localhost", reverse=True)
    return snapshot(folder / "a.duckdb"), snapshot(folder / "b.duckdb")


def test_the_two_runs_read_the_same_corpus(two_runs):
    a, b = two_runs
    assert len(a["roots"]) == len(b["roots"]) > 250  # every claim of both editions
    assert a["roots"].keys() == b["roots"].keys()


@pytest.mark.parametrize(
    "part", ["clusters", "matches", "roots", "verdicts", "lineage", "stories", "story_members"]
)
def test_another_host_port_and_feed_order_give_the_same_answer(two_runs, part):
    a, b = two_runs
    left, right = a[part], b[part]
    if isinstance(left, dict) and isinstance(right, dict):
        only_a = [(k, v) for k, v in left.items() if right.get(k) != v]
        only_b = [(k, v) for k, v in right.items() if left.get(k) != v]
    else:
        assert isinstance(left, set) and isinstance(right, set)
        only_a, only_b = list(left - right), list(right - left)
    assert not only_a and not only_b, f"{part}: only in A {only_a[:3]}, only in B {only_b[:3]}"
