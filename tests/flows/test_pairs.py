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


def test_explain_shows_every_feature_with_its_weight(tmp_path):
    from wiretrace.corroboration.model import shipped_model

    tsv = tmp_path / "p.tsv"
    tsv.write_text(
        "x1\tGoogle had planned to pay Scale AI about $200 million this year, one source said.\t"
        "Google had planned to pay Scale AI about US$200 million this year, one source said.\n"
    )
    result = CliRunner().invoke(app, ["pairs", str(tsv), "--explain"])
    assert result.exit_code == 0, result.output
    head, *rows = result.stdout.strip().splitlines()
    assert head.startswith("x1\t") and "decision=match" in head
    named = [row.split()[0] for row in rows]
    assert named == [*shipped_model().features, "bias"]
    assert all("weight=" in row for row in rows[:-1])


def test_train_writes_a_model_that_scores_pairs(tmp_path):
    from wiretrace.corroboration.model import load_model

    model = tmp_path / "model.json"
    items = [p for p in read_pairs(PAIRS.read_text(encoding="utf-8")) if p.split == "dev"]
    tsv = tmp_path / "dev.tsv"
    tsv.write_text(
        "id\ttext_a\ttext_b\tlabel\tsplit\n"
        + "".join(f"{p.id}\t{p.text_a}\t{p.text_b}\t{p.label}\t{p.split}\n" for p in items)
    )
    result = CliRunner().invoke(app, ["pairs", str(tsv), "--train", "-o", str(model)])
    assert result.exit_code == 0, result.output
    trained = load_model(model)
    assert 0.0 < trained.threshold < 1.0
    q = dict(cell.split("=") for cell in result.stdout.split()[1:])
    assert float(q["precision"]) >= 0.8  # fitted on these very pairs
    again = CliRunner().invoke(app, ["pairs", str(tsv), "--model", str(model)])
    assert again.exit_code == 0 and again.stdout.startswith("id\tscore\tdecision")


def test_train_needs_an_output_and_a_bad_model_file_is_named(tmp_path):
    tsv = tmp_path / "p.tsv"
    tsv.write_text("a\tOne sentence here now.\tAnother sentence there.\tmatch\n")
    result = CliRunner().invoke(app, ["pairs", str(tsv), "--train"])
    assert result.exit_code != 0 and "-o" in result.output
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 99}')
    result = CliRunner().invoke(app, ["pairs", str(tsv), "--model", str(bad)])
    assert result.exit_code != 0 and "version" in result.output
