"""`wiretrace extract`: one record per input, errors per input, the others still printed."""

import gzip
import json
from pathlib import Path

import pytest
from ingest_support import LocalServer, local_server, static
from typer.testing import CliRunner

from wiretrace.flows.cli import app

REQUIRED = {"input", "title", "authors", "published_at", "credit", "dateline", "text"}


@pytest.fixture
def inputs(real_pages: Path, tmp_path: Path) -> dict[str, Path]:
    reuters = real_pages / "reuters__fundus_Reuters_2023_05_16.html"
    packed = tmp_path / "toi.html.gz"
    packed.write_bytes(
        gzip.compress(
            (real_pages / "timesofindia__fundus_TimesOfIndia_2024_09_02.html").read_bytes()
        )
    )
    cut = tmp_path / "cut.html.gz"
    cut.write_bytes(packed.read_bytes()[:200])  # a download that stopped half way
    return {"reuters": reuters, "toi": packed, "missing": tmp_path / "nope.html", "cut": cut}


def _run(*args: str):
    return CliRunner().invoke(app, ["extract", *args])


def test_json_gives_one_object_per_input_and_an_error_for_the_unreadable_ones(inputs):
    order = ["reuters", "missing", "toi", "cut"]
    result = _run(*(str(inputs[k]) for k in order), "--json")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["input"] for r in records] == [str(inputs[k]) for k in order]
    reuters, missing, toi, cut = records
    assert set(reuters) >= REQUIRED and set(toi) >= REQUIRED
    assert reuters["credit"] == "Reuters"
    assert reuters["dateline"] == "KATHMANDU, April 25 (Reuters) -"
    assert reuters["authors"] == ["Gopal Sharma"]
    assert reuters["published_at"].startswith("2023-04-25T12:26:15")
    assert toi["title"].startswith("Anti-terror op turns sinister")
    assert toi["published_offset"] == "+05:30" and toi["lang"] == "en"
    for failed in (missing, cut):
        assert set(failed) == {"input", "error"} and failed["error"]
        assert "\n" not in failed["error"]


def test_claims_come_with_their_numbers_and_sources(inputs):
    result = _run(str(inputs["reuters"]), "--json", "--claims")
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    claims = record["claims"]
    assert claims and all(c["text"] in record["text"] for c in claims)
    crash = next(c for c in claims if "167 passengers" in c["text"])
    assert any(q["value"] == 167 for q in crash["quantities"])
    assert any(a["cue"] == "dateline" for a in claims[0]["attributions"])


def test_text_output_prints_the_record_and_names_the_failed_input(inputs):
    result = _run(str(inputs["reuters"]), str(inputs["missing"]))
    assert result.exit_code == 0
    assert "KATHMANDU, April 25 (Reuters) -" in result.output
    assert "credit: Reuters" in result.output
    assert str(inputs["missing"].name) in result.output


def test_a_single_unreadable_input_exits_non_zero(inputs):
    result = _run(str(inputs["missing"]), "--json")
    assert result.exit_code == 1
    assert "error" in json.loads(result.stdout.splitlines()[0])


@pytest.fixture
def server():
    yield from local_server()


def test_a_loopback_url_is_refused_with_a_reason_not_fetched(inputs, server: LocalServer):
    # A real page on 127.0.0.1 that would extract fine: only the guard stands in the way.
    server.routes["/article.html"] = static(inputs["reuters"].read_bytes())
    result = _run(server.url("/article.html"), str(inputs["reuters"]), "--json")
    refused, good = (json.loads(line) for line in result.stdout.splitlines())
    assert refused["error"] and "title" not in refused
    assert refused["error"] == "refused: 127.0.0.1 resolves to 127.0.0.1 is a loopback address"
    assert server.requests == []  # not even robots.txt or a connection attempt answered
    assert good["credit"] == "Reuters"


# What depends on where the input came from: its name, its file URL and the ids made from it.
INPUT_FIELDS = {"input", "url", "canonical_url", "article_id", "version_id"}
CLAIM_IDS = {"claim_id", "article_id", "version_id"}


def _record_without_input(record: dict) -> dict:
    kept = {k: v for k, v in record.items() if k not in INPUT_FIELDS}
    kept["claims"] = [{k: v for k, v in c.items() if k not in CLAIM_IDS} for c in record["claims"]]
    return kept


def test_a_gzipped_page_gives_the_same_record_as_the_plain_page(real_pages: Path, tmp_path):
    page = real_pages / "bbc__fundus_BBC_2024_08_01.html"
    packed = tmp_path / "bbc.html.gz"
    packed.write_bytes(gzip.compress(page.read_bytes()))
    result = _run(str(page), str(packed), "--json", "--claims")
    assert result.exit_code == 0, result.output
    plain, unpacked = (json.loads(line) for line in result.stdout.splitlines())
    assert "error" not in unpacked and unpacked["input"] == str(packed)
    assert plain["title"] and len(plain["text"]) > 1000 and plain["claims"]
    assert _record_without_input(unpacked) == _record_without_input(plain)


def test_a_gzipped_text_file_gives_the_same_record_as_the_plain_one(tmp_path):
    text = "Officials said on Monday the new port would cost $45 million and open in 2027.\n" * 3
    plain_file, packed = tmp_path / "notes.txt", tmp_path / "notes.txt.gz"
    plain_file.write_text(text)
    packed.write_bytes(gzip.compress(text.encode()))
    result = _run(str(plain_file), str(packed), "--json", "--claims")
    assert result.exit_code == 0, result.output
    plain, unpacked = (json.loads(line) for line in result.stdout.splitlines())
    assert plain["text"] == text.strip() and plain["claims"]
    assert _record_without_input(unpacked) == _record_without_input(plain)
