"""Attributions on hand-labelled real news (tests/fixtures/basil, dev split) hold their scores."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from wiretrace.extractors.attributions import find_attributions

ROOT = Path(__file__).resolve().parents[2]
BASIL = ROOT / "tests" / "fixtures" / "basil"


def _bench():
    spec = importlib.util.spec_from_file_location(
        "bench_claims_quality", ROOT / "bench" / "claims_quality.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dev_scores() -> str:
    bench = _bench()
    return "\n".join(bench.run("dev", {}, 0))


def _figures(lines: str, label: str) -> dict[str, float]:
    (line,) = [row for row in lines.splitlines() if row.startswith(label)]
    words = line.split()
    return {
        words[i]: float(words[i + 1]) for i in range(len(words) - 1) if words[i] in {"P", "R", "F1"}
    }


def test_attributions_on_the_dev_split_meet_the_targets(dev_scores: str) -> None:
    figures = _figures(dev_scores, "attributions")
    assert figures["P"] >= 0.90 and figures["R"] >= 0.85, dev_scores


def test_every_labelled_dev_sentence_is_found_in_its_article() -> None:
    # The bench finds each labelled sentence by its offsets; a fixture edit would break that.
    articles = {
        a["article"]: a
        for a in map(json.loads, (BASIL / "articles.jsonl").read_text("utf-8").splitlines())
        if a["split"] == "dev"
    }
    rows = [
        r
        for r in map(json.loads, (BASIL / "labels.jsonl").read_text("utf-8").splitlines())
        if r["split"] == "dev"
    ]
    assert len(rows) >= 400
    for row in rows:
        assert (
            articles[row["article"]]["paragraphs"][row["p"]][row["s"]].strip()
            == row["text"].strip()
        )


def test_a_speakers_quotes_through_an_article_keep_one_key() -> None:
    # Fox News, event 22 of the dev split: four sentences, one speaker named four ways.
    text = (
        "Outgoing White House economic adviser Larry Summers warned Wednesday that failure to "
        "pass a new tax cut compromise would significantly raise the risk of a double-dip "
        "recession.\n"
        '"To pass this bill in the next couple of weeks would materially increase the risk that '
        'the economy would stall out," he told reporters at the White House.\n'
        "Summers added that he thinks Congress will pass the deal President Obama struck with "
        "Republicans.\n"
        "Summers said that he doesn't think that Congress would take a step that \"materially "
        'increases the risk that this economy will stall out."'
    )
    found = find_attributions(text, aliases={})
    assert [(a.source, a.cue) for a in found] == [
        ("Larry Summers", "warned"),
        ("Larry Summers", "told"),
        ("Larry Summers", "added"),
        ("Larry Summers", "said"),
    ]
    assert {a.key for a in found} == {"larry summers"} and {a.source_kind for a in found} == {
        "official"
    }
