"""`wiretrace pairs`: the production matcher on sentence pairs, and its measured quality."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner
from wiretrace.flows.cli import app
from wiretrace.flows.pairs import PairsError, quality, read_pairs, score_pairs_file
from wiretrace.sources.config import alias_map, default_outlets_path, load_outlets

PAIRS = Path(__file__).parents[1] / "fixtures" / "pairs" / "pairs.tsv"
ALIASES = alias_map(load_outlets(default_outlets_path()))


def test_pairs_command_writes_id_score_decision(tmp_path):
    tsv = tmp_path / "p.tsv"
    tsv.write_text(
        "a1\tMeta is acquiring a 49% stake in Scale AI, valuing it at $29 billion.\t"
        "Meta is acquiring a 49 per cent stake in Scale AI, valuing it at US$30 billion.\n"
        "a2\tOil prices rose on Friday.\tThe monsoon reached Kerala two days early.\n"
        "a3\tMeta is acquiring a 49% stake in Scale AI, Reuters reported.\t"
        "According to Reuters, Meta is acquiring a 49 per cent stake in Scale AI.\n"
    )
    result = CliRunner().invoke(app, ["pairs", str(tsv)])
    assert result.exit_code == 0, result.output
    lines = [line.split("\t") for line in result.stdout.strip().splitlines()]
    assert lines[0] == ["id", "score", "decision"]
    decisions = {row[0]: row[2] for row in lines[1:]}
    assert decisions == {"a1": "conflict", "a2": "no-match", "a3": "match"}


def test_header_is_optional_and_bad_lines_are_named():
    with_header = read_pairs("id\ttext_a\ttext_b\nx\ta\tb\n")
    without = read_pairs("x\ta\tb\n")
    assert with_header == without
    with pytest.raises(PairsError, match="line 2"):
        read_pairs("id\ttext_a\ttext_b\nonly-one-column\n")


@pytest.mark.parametrize(
    ("split", "min_precision", "min_recall"), [("dev", 0.9, 0.9), ("test", 0.87, 0.9)]
)
def test_matcher_quality_on_the_labelled_pairs(split, min_precision, min_recall):
    # Measured with bench/calibrate_matching.py (thresholds chosen on dev only):
    # dev P 0.913 R 0.931, test P 0.89 R 0.935. A change that loses more than this fails.
    items = [p for p in read_pairs(PAIRS.read_text(encoding="utf-8")) if p.split == split]
    q = quality(score_pairs_file(items, aliases=ALIASES))
    assert q.precision >= min_precision and q.recall >= min_recall, q
    assert q.conflict_recall >= 0.85, q
