"""`wiretrace ui` as a user starts it, opened in a real browser (headless Chromium): the rendered DOM."""

from __future__ import annotations

import html as htmllib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser_support import CHROMIUM_FLAGS, find_chromium
from ui_support import PLANTED_SCRIPT, SCALE_AI

pytestmark = pytest.mark.e2e
WIRETRACE = Path(sys.executable).with_name("wiretrace")


@pytest.fixture(scope="module")
def chromium() -> str:
    return find_chromium()


def _serve(db: Path) -> Iterator[dict[str, Any]]:
    process = subprocess.Popen(
        [str(WIRETRACE), "ui", "--db", str(db), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={k: v for k, v in os.environ.items() if not k.startswith("WIRETRACE_")},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found, line + (process.stderr.read() if process.poll() is not None else "")
        yield {"base": found.group(0).rstrip("/"), "line": line}
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def server(hostile) -> Iterator[dict[str, Any]]:
    yield from _serve(hostile.db)


def _dom(chromium: str, tmp_path: Path, url: str) -> str:
    result = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0 and "<html" in result.stdout, result.stderr[-2000:]
    return result.stdout


def _text(dom: str) -> str:
    body = dom.split("<body", 1)[1]
    body = re.sub(r"<style.*?</style>", " ", body, flags=re.S)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_ui_prints_its_address_and_listens_on_127_0_0_1_only(server):
    assert server["line"].startswith("wiretrace ui: http://127.0.0.1:")
    assert httpx.get(server["base"] + "/claims", timeout=30).status_code == 200


def test_browser_renders_the_claims_list_with_badges_and_the_search_form(
    chromium, server, tmp_path
):
    dom = _dom(chromium, tmp_path, server["base"] + "/claims?q=49%25")
    text = _text(dom)
    assert SCALE_AI in text and "Data last committed at" in text
    assert re.search(r'<span class="verdict verdict-disputed">disputed</span>', dom)
    assert re.search(r'<form class="filters" method="get" action="/claims"', dom)
    assert PLANTED_SCRIPT in text and "<script" not in dom  # planted markup is text
    title = re.search(r"<title>(.*?)</title>", dom, flags=re.S)
    assert title is not None and "pwned" not in title.group(1)


def test_browser_renders_the_claim_report_with_its_drawings_and_links(chromium, server, tmp_path):
    claims = httpx.get(server["base"] + "/claims?q=49%25&format=json", timeout=30).json()
    claim = claims["claims"][0]["id"]
    dom = _dom(chromium, tmp_path, f"{server['base']}/claims/{claim}")
    text = _text(dom)
    assert re.search(r'<svg class="timeline"[^>]*>.*<circle', dom, flags=re.S)
    assert re.search(r'<svg class="lineage"[^>]*>.*<rect', dom, flags=re.S)
    assert "≠ Reuters: $29 billion" in text
    assert re.search(r'<a href="/stories/s[0-9a-f]+">', dom)
    assert "<img" not in dom and 'href="javascript' not in dom


def test_browser_renders_stories_outlets_matrix_and_runs(chromium, server, tmp_path):
    stories = _text(_dom(chromium, tmp_path, server["base"] + "/stories"))
    assert "Blind spots" in stories and "the latest first" in stories
    outlets = _dom(chromium, tmp_path, server["base"] + "/outlets")
    assert re.search(r'<svg class="matrix"[^>]*>.*<rect', outlets, flags=re.S)
    assert "Who reprints, credits or cites whom" in _text(outlets)
    runs = _text(_dom(chromium, tmp_path, server["base"] + "/runs"))
    assert "demo edition 2" in runs and "at the next run" in runs
