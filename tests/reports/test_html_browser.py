"""The HTML claim report in a real browser (headless Chromium): what renders, and what never runs."""

from __future__ import annotations

import html as htmllib
import re
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from browser_support import CHROMIUM_FLAGS, find_chromium
from report_support import report_from

from wiretrace.records import ClaimReport
from wiretrace.reports.html import to_html

T = datetime(2025, 6, 13, 0, 0, tzinfo=UTC)
CLAIM = "Meta is acquiring a 49% stake in Scale AI, valuing it at $29 billion."
PLANTED_SCRIPT = "<script>document.title='pwned by script'</script>"
PLANTED_IMG = "<img src=x onerror=\"document.title='pwned by onerror'\">"


@pytest.fixture(scope="module")
def chromium() -> str:
    return find_chromium()


def _mention(outlet_id: str, outlet: str, tz: str, minutes: int, sentence: str, **extra: Any):
    mention = {
        "claim_id": f"claim-{outlet_id}",
        "outlet_id": outlet_id,
        "outlet": outlet,
        "timezone": tz,
        "headline": f"{outlet} headline",
        "url": f"https://{outlet_id}.example/story",
        "published_at": T + timedelta(minutes=minutes),
        "time_source": "page",
        "start": 0,
        "end": len(sentence),
        "sentence": sentence,
        "version_id": f"v-{outlet_id}",
        "latest": True,
        "fetch_id": f"fetch-{outlet_id}",
        "fetched_at": T + timedelta(hours=4),
        "warc_file": f"wiretrace-run-pages-{outlet_id}.warc.gz",
        "warc_offset": 1234,
        "warc_record_id": f"<urn:uuid:{outlet_id}>",
        "payload_sha256": f"{outlet_id}" + "ab" * 28,
        "credit": "",
        "dateline": "",
        "article_id": f"article-{outlet_id}",
        "source": "reuters",
        "via": "own",
    }
    mention.update(extra)
    return mention


def planted_report() -> ClaimReport:
    """A disputed claim whose CNA mention carries a script, an onerror image and a js: link."""
    return report_from(
        {
            "id": "c7119bcadf2f3",
            "text": CLAIM,
            "verdict": "disputed",
            "reason": "3 outlets, 1 independent source; outlets disagree on a number",
            "outlets": ["cna", "indiatimes", "reuters"],
            "independent_sources": 1,
            "sources": ["reuters"],
            "first_outlet": "reuters",
            "first_published_at": T + timedelta(minutes=72),
            "first_time_source": "page",
            "numbers_agree": False,
            "mentions": [
                _mention("reuters", "Reuters", "UTC", 72, CLAIM),
                _mention(
                    "cna",
                    "CNA",
                    "Asia/Singapore",
                    125,
                    f"Meta is acquiring {PLANTED_SCRIPT} a 49% stake, valuing it at US$30 billion.",
                    headline=f"{PLANTED_IMG} Google set to walk away",
                    url="javascript:document.title='pwned by link'",
                    via="credited",
                ),
                _mention(
                    "indiatimes",
                    "India Times",
                    "Asia/Kolkata",
                    190,
                    "Meta Platforms is acquiring a 49 per cent stake, Reuters reported.",
                    via="attributed",
                ),
            ],
            "quantities": [
                {
                    "outlet_id": "reuters",
                    "claim_id": "claim-reuters",
                    "kind": "money",
                    "value": 29e9,
                    "unit": "USD",
                    "raw": "$29 billion",
                    "qualifier": "",
                },
                {
                    "outlet_id": "cna",
                    "claim_id": "claim-cna",
                    "kind": "money",
                    "value": 30e9,
                    "unit": "USD",
                    "raw": "US$30 billion",
                    "qualifier": "",
                },
            ],
            "lineage": [
                {
                    "article_id": "article-cna",
                    "source_outlet": "reuters",
                    "source_article_id": "article-reuters",
                    "kind": "verbatim",
                    "evidence": f"9 near-verbatim sentences {PLANTED_IMG}",
                },
                {
                    "article_id": "article-indiatimes",
                    "source_outlet": "reuters",
                    "source_article_id": "article-reuters",
                    "kind": "attributed",
                    "evidence": "the sentence cites reuters",
                },
            ],
        }
    )


def _run(chromium: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.fixture(scope="module")
def rendered(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp_path = tmp_path_factory.mktemp("browser")
    page = tmp_path / "claim.html"
    page.write_text(to_html(planted_report()), encoding="utf-8")
    result = _run(chromium, tmp_path, "--dump-dom", page.as_uri())
    assert result.returncode == 0 and "<html" in result.stdout, result.stderr[-2000:]
    return {"dom": result.stdout, "page": page, "tmp": tmp_path}


def _text(dom: str) -> str:
    """The page's visible text, roughly: tags dropped, entities decoded, whitespace collapsed."""
    body = dom.split("<body", 1)[1]
    body = re.sub(r"<style.*?</style>", " ", body, flags=re.S)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_browser_renders_the_claim_verdict_and_both_diagrams(rendered):
    dom = rendered["dom"]
    text = _text(dom)
    assert CLAIM in text and "disputed" in text
    assert re.search(r'<svg class="timeline"[^>]*>.*<circle', dom, flags=re.S)
    assert re.search(r'<svg class="lineage"[^>]*>.*<rect', dom, flags=re.S)
    assert "≠ Reuters: $29 billion" in text
    assert "10:05 +0800 local" in text


def test_planted_markup_shows_as_text_and_no_script_runs(rendered):
    dom, text = rendered["dom"], _text(rendered["dom"])
    title = re.search(r"<title>(.*?)</title>", dom, flags=re.S)
    assert title is not None and htmllib.unescape(title.group(1)) == f"disputed: {CLAIM}"
    assert "pwned" not in htmllib.unescape(title.group(1))
    assert PLANTED_SCRIPT in text and PLANTED_IMG in text  # shown to the reader, as text
    assert "<script" not in dom and "<img" not in dom  # and never parsed into elements
    assert 'href="javascript' not in dom


def test_phone_screenshot_renders(chromium, rendered):
    shot = rendered["tmp"] / "phone.png"
    result = _run(
        chromium,
        rendered["tmp"],
        f"--screenshot={shot}",
        "--window-size=412,900",
        rendered["page"].as_uri(),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
