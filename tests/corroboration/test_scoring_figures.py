"""The matcher's batched number rule decides every pair as the rule for one pair does."""

import random
from pathlib import Path

import numpy as np

from wiretrace.corroboration.figures import disagreements, figures_disagree
from wiretrace.extractors.claims import claim_from_text
from wiretrace.flows.pairs import read_pairs

PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "pairs" / "pairs.tsv"
# Figures written every way the rule tells apart: rounding, hedges, bounds, ranges, another
# currency, bare numbers and number words, a dateline's date.
FIGURES = [
    "Acme will pay $29 billion for the unit, the company said.",
    "Acme will pay $29.3 billion for the unit, the company said.",
    "Acme will pay $30 billion for the unit, the company said.",
    "Acme will pay about $29 billion for the unit, the company said.",
    "Acme will pay S$29 billion for the unit, the company said.",
    "Acme will pay between $20 billion and $30 billion for the unit.",
    "Acme will pay $40-50 billion for the unit, the company said.",
    "Acme will pay up to $50 billion for the unit, the company said.",
    "At least 770 people died and more than 4,600 were injured in the quake.",
    "At least 780 people died and more than 4,600 were injured in the quake.",
    "The fire destroyed 3,500 homes in seven villages, officials said.",
    "The fire destroyed 3,800 homes in seven villages, officials said.",
    "The fire destroyed 3,500 homes in eight villages, officials said.",
    "NEW DELHI, June 12 (Reuters) - The fire destroyed 3,500 homes in seven villages.",
    "The 38-year-old was the second person arrested, police said on Monday.",
    "The 39-year-old was the second person arrested, police said on Monday.",
    "Shares rose 12% to 9 cents, the exchange said.",
    "Shares rose 12 percent to 9, the exchange said.",
    "The board approved the merger on Tuesday.",
]


def test_batched_number_rule_equals_the_rule_for_one_pair() -> None:
    pairs = read_pairs(PAIRS.read_text(encoding="utf-8"))
    sentences = [*FIGURES, *(p.text_a for p in pairs), *(p.text_b for p in pairs)]
    claims = [claim_from_text(s, aliases={}, claim_id=f"c{k}") for k, s in enumerate(sentences)]
    rng = random.Random(3)
    # Every pair of the figure sentences, each labelled pair, and random pairs, either way
    # round, at scores either side of the bare-number rule's floor.
    left = [i for i in range(len(FIGURES)) for _ in range(len(FIGURES))]
    right = [j for _ in range(len(FIGURES)) for j in range(len(FIGURES))]
    offset = len(FIGURES)
    left += [offset + k for k in range(len(pairs))] + [
        offset + len(pairs) + k for k in range(len(pairs))
    ]
    right += [offset + len(pairs) + k for k in range(len(pairs))] + [
        offset + k for k in range(len(pairs))
    ]
    for _ in range(2000):
        left.append(rng.randrange(len(claims)))
        right.append(rng.randrange(len(claims)))
    scores = np.array([rng.choice([50.0, 84.99, 85.0, 92.5, 100.0]) for _ in left])
    expected = [
        figures_disagree(claims[i], claims[j], float(s))
        for i, j, s in zip(left, right, scores, strict=True)
    ]
    got = disagreements(claims, np.array(left), np.array(right), scores)
    assert got.tolist() == expected
    assert 50 < sum(expected) < len(expected) - 50  # both answers are asked about


def test_no_pairs_no_disagreements() -> None:
    empty = np.empty(0, np.int64)
    assert disagreements([], empty, empty, np.empty(0)).tolist() == []
