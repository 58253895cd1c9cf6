"""The matcher on the project's labelled pairs: the shipped model against the rapidfuzz rule it replaced.

    python bench/calibrate_matching.py [--pairs tests/fixtures/pairs/pairs.tsv] [--model FILE]

The model's weights and threshold are fitted by bench/train_matcher.py (MSRP train and this
file's dev split); this measures both splits, the test split playing no part in any choice,
and, in the same run, the former rule: text score >= 72, or >= 68 when both state the same
figure. A threshold sweep on dev shows how flat the choice is.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

import numpy as np

from wiretrace.corroboration.figures import figures_disagree, shares_figure
from wiretrace.corroboration.matching import MatchConfig
from wiretrace.corroboration.model import load_model
from wiretrace.flows.pairs import Scored, quality, read_pairs, score_pairs_file
from wiretrace.sources.config import alias_map, default_outlets_path, load_outlets

ROOT = Path(__file__).resolve().parents[1]
FORMER_THRESHOLD, FORMER_ANCHORED = 72.0, 68.0


def former_rule(scored: list[Scored], aliases: dict[str, str]) -> list[Scored]:
    """The decision before the model, on the same text scores: for the before/after figures."""
    from wiretrace.extractors.claims import claim_from_text

    out = []
    for s in scored:
        a = claim_from_text(s.pair.text_a, aliases=aliases, article_id="a")
        b = claim_from_text(s.pair.text_b, aliases=aliases, article_id="b")
        t = s.text_score
        same = t >= FORMER_THRESHOLD or (
            t >= FORMER_ANCHORED and shares_figure(a.quantities, b.quantities)
        )
        decision = ("conflict" if figures_disagree(a, b, t) else "match") if same else "no-match"
        out.append(replace(s, score=t, decision=decision))
    return out


def line(name: str, scored: list[Scored]) -> str:
    q = quality(scored)
    return (
        f"{name}: {q.pairs} pairs  same-statement P={q.precision} R={q.recall} F1={q.f1}  "
        f"conflict P={q.conflict_precision} R={q.conflict_recall}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=ROOT / "tests/fixtures/pairs/pairs.tsv")
    parser.add_argument("--model", type=Path, help="A model file (default: the shipped one).")
    args = parser.parse_args()
    aliases = alias_map(load_outlets(default_outlets_path()))
    pairs = read_pairs(args.pairs.read_text(encoding="utf-8"))
    config = MatchConfig(model=load_model(args.model) if args.model else None)
    scored = score_pairs_file(pairs, aliases=aliases, config=config)
    former = former_rule(scored, aliases)
    for split in ("dev", "test"):
        print(line(f"former rule, {split}", [s for s in former if s.pair.split == split]))
        print(line(f"model,       {split}", [s for s in scored if s.pair.split == split]))
    print(f"threshold sweep on dev (shipped {config.cutoff:.1f}):")
    dev = [p for p in pairs if p.split == "dev"]
    for cutoff in np.arange(30.0, 80.0, 5.0):
        q = quality(
            score_pairs_file(dev, aliases=aliases, config=replace(config, threshold=cutoff))
        )
        print(
            f"  {cutoff:4.0f}  P={q.precision:.3f} R={q.recall:.3f} conflict R={q.conflict_recall:.3f}"
        )


if __name__ == "__main__":
    main()
