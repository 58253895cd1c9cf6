"""Choose the matcher's thresholds on the dev split of the labelled pairs; report the test split.

    python bench/calibrate_matching.py [--pairs tests/fixtures/pairs/pairs.tsv]

Precision matters more than recall (a false match invents corroboration), so the grid is
ranked by F0.5 of "same statement" (match or conflict) on dev; the chosen setting is then
measured once on test, which played no part in the choice.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process
from wiretrace.corroboration.matching import SET_WEIGHT, MatchConfig, decide, masked
from wiretrace.extractors.claims import claim_from_text
from wiretrace.flows.pairs import Scored, quality, read_pairs
from wiretrace.sources.config import alias_map, default_outlets_path, load_outlets

ROOT = Path(__file__).resolve().parents[1]


def f_beta(precision: float, recall: float, beta: float = 0.5) -> float:
    if precision + recall == 0:
        return 0.0
    return (1 + beta**2) * precision * recall / (beta**2 * precision + recall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=ROOT / "tests/fixtures/pairs/pairs.tsv")
    args = parser.parse_args()
    aliases = alias_map(load_outlets(default_outlets_path()))
    pairs = read_pairs(args.pairs.read_text(encoding="utf-8"))
    a = [claim_from_text(p.text_a, aliases=aliases, article_id="a") for p in pairs]
    b = [claim_from_text(p.text_b, aliases=aliases, article_id="b") for p in pairs]
    ta, tb = [masked(c.norm_text) for c in a], [masked(c.norm_text) for c in b]
    token_set = process.cpdist(ta, tb, scorer=fuzz.token_set_ratio).astype(float)
    token_sort = process.cpdist(ta, tb, scorer=fuzz.token_sort_ratio).astype(float)

    def evaluate(weight: float, config: MatchConfig, split: str):
        scores = weight * token_set + (1 - weight) * token_sort
        scored = [
            Scored(p, float(s), decide(x, y, float(s), config))
            for p, x, y, s in zip(pairs, a, b, scores, strict=True)
            if p.split == split
        ]
        return quality(scored)

    grid = []
    base = MatchConfig()
    for weight in (0.3, 0.4, 0.5, 0.6, 0.7):
        for threshold in np.arange(66, 92, 2.0):
            for anchored in np.arange(56, threshold + 0.1, 4.0):
                config = replace(
                    base, threshold=float(threshold), anchored_threshold=float(anchored)
                )
                q = evaluate(weight, config, "dev")
                grid.append((f_beta(q.precision, q.recall), weight, config, q))
    grid.sort(key=lambda g: (-g[0], -g[2].threshold))
    print("top settings on dev (F0.5, weight, threshold, anchored, P, R):")
    for score, weight, config, q in grid[:8]:
        print(
            f"  {score:.3f}  w={weight:.1f}  t={config.threshold:g}  a={config.anchored_threshold:g}"
            f"  P={q.precision:.3f} R={q.recall:.3f}"
        )
    current = evaluate(SET_WEIGHT, base, "dev")
    print(f"shipped setting on dev: P={current.precision} R={current.recall} F1={current.f1}")
    _, weight, config, _ = grid[0]
    for split in ("dev", "test"):
        q = evaluate(weight, config, split)
        print(
            f"{split}: {q.pairs} pairs  same-statement P={q.precision} R={q.recall} F1={q.f1}  "
            f"conflict P={q.conflict_precision} R={q.conflict_recall}"
        )


if __name__ == "__main__":
    main()
