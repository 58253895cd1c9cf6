"""Real outlet pages extract with their title, authors, date and body (expected from Fundus)."""

import json
from datetime import datetime

import pytest

from extractors.article import ExtractionError, extract_article, split_credits

CASES = [
    ("reuters__fundus_Reuters_2023_05_16.html", "reuters__fundus_expected.json", "V1"),
    ("reuters__fundus_Reuters_2024_03_07.html", "reuters__fundus_expected.json", "V1_1"),
    (
        "timesofindia__fundus_TimesOfIndia_2024_09_02.html",
        "timesofindia__fundus_expected.json",
        "V1",
    ),
    (
        "timesofindia__fundus_TimesOfIndia_2026_04_16.html",
        "timesofindia__fundus_expected.json",
        "V2",
    ),
    ("bbc__fundus_BBC_2024_08_01.html", "bbc__fundus_expected.json", "V1"),
    ("bbc__fundus_BBC_2026_04_25.html", "bbc__fundus_expected.json", "V2"),
]


def _paragraphs(expected: dict) -> list[str]:
    body = expected["body"]
    paragraphs = list(body.get("summary", []))
    for section in body.get("sections", []):
        paragraphs.extend(section.get("paragraphs", []))
    return paragraphs


def _squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@pytest.mark.parametrize(("page", "expected_file", "key"), CASES)
def test_real_page_extracts_title_authors_date_and_body(real_pages, page, expected_file, key):
    expected = json.loads((real_pages / expected_file).read_text())[key]
    article = extract_article(
        (real_pages / page).read_bytes(), url="https://example.org/a", outlet_id="x"
    )
    assert article.title == expected["title"]
    assert list(article.authors) == expected["authors"]
    assert article.published_at == datetime.fromisoformat(expected["publishing_date"])
    assert article.published_source == "page"
    body = _squash(article.text)
    paragraphs = _paragraphs(expected)
    found = [p for p in paragraphs if _squash(p)[:80] in body]
    # The walking skeleton holds 75%; the extraction issue (#4) raises the bar to 90%.
    assert len(found) >= 0.75 * len(paragraphs), f"{len(found)}/{len(paragraphs)} paragraphs found"


@pytest.mark.parametrize(
    "page",
    [
        "reuters__newspaper_1.html",
        "reuters__newspaper_4.html",
        "reuters__trafilatura_reuters.com.parasite.html",
        "indiatimes__trafilatura_economictimes.indiatimes.com.slideshow.html",
    ],
)
def test_other_real_pages_extract_with_title_and_body(real_pages, page):
    article = extract_article(
        (real_pages / page).read_bytes(), url="https://example.org/a", outlet_id="x"
    )
    assert article.title
    assert len(article.text) > 500


def test_reuters_dateline_becomes_credit(real_pages):
    page = real_pages / "reuters__fundus_Reuters_2023_05_16.html"
    article = extract_article(page.read_bytes(), url="https://example.org/a", outlet_id="reuters")
    assert article.credit == "Reuters"
    assert article.dateline == "KATHMANDU, April 25 (Reuters) -"


def test_credit_lines_leave_the_body():
    text = (
        "SINGAPORE, June 13 (Reuters) - Shares rose.\nThe index gained 2%.\n"
        "Source: Reuters/AFP\n(With inputs from PTI)\nReporting by Jane Doe; Editing by John Roe"
    )
    body, credit, dateline = split_credits(text)
    assert body == "SINGAPORE, June 13 (Reuters) - Shares rose.\nThe index gained 2%."
    assert credit == "Reuters, AFP, PTI"
    assert dateline == "SINGAPORE, June 13 (Reuters) -"


@pytest.mark.parametrize(
    "body", [b"", b"   ", b"<html><body><p>too short</p></body></html>", b"\x00\x01\x02"]
)
def test_pages_without_article_text_raise_a_clear_error(body):
    with pytest.raises(ExtractionError):
        extract_article(body, url="https://example.org/a", outlet_id="x")


def test_also_read_boxes_leave_the_body_without_gluing_sentences():
    html = (
        b"<html><head><title>T</title></head><body><article><h1>Heat</h1><div class='body'>"
        b"Delhi's peak power demand touched 8,702 MW on Thursday, according to officials."
        b"<br/><br/>Nationally, peak demand hit an all-time high of 252 GW, according to grid data."
        b"<div class='also-read'><span>Also read:</span> <a href='/x'>Cyclone kills 12</a></div>"
        b"The IMD has issued a red alert for Friday, warning of severe heatwave conditions."
        b"</div></article></body></html>"
    )
    article = extract_article(html, url="https://example.org/a", outlet_id="x")
    assert "Also read" not in article.text and "Cyclone" not in article.text
    assert "grid data. The IMD" in article.text
