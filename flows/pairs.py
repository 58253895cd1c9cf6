"""`wiretrace pairs`: score sentence pairs with exactly the production matcher, and measure it."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from wiretrace.corroboration.matching import MatchConfig, decide, masked, pair_scores
from wiretrace.extractors.claims import claim_from_text

DECISIONS = ("match", "conflict", "no-match")


@dataclass(frozen=True, slots=True)
class Pair:
    id: str
    text_a: str
    text_b: str
    label: str = ""  # gold label, when known
    split: str = ""


@dataclass(frozen=True, slots=True)
class Scored:
    pair: Pair
    score: float
    decision: str


class PairsError(ValueError):
    """The pairs file cannot be read; the message says which line and why."""


def read_pairs(text: str) -> list[Pair]:
    """Tab-separated `id, text_a, text_b[, label, split, ...]`; a header line is optional."""
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    if rows and [c.strip().lower() for c in rows[0][:3]] == ["id", "text_a", "text_b"]:
        header = [c.strip().lower() for c in rows[0]]
        rows = rows[1:]
        start = 2
    else:
        header = ["id", "text_a", "text_b", "label", "split"]
        start = 1
    pairs = []
    for number, row in enumerate(rows, start=start):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) < 3:
            raise PairsError(f"line {number}: expected id, text_a, text_b separated by tabs")
        values = dict(zip(header, row, strict=False))
        label = values.get("label", "").strip()
        if label and label not in DECISIONS:
            raise PairsError(f"line {number}: label {label!r} is not one of {', '.join(DECISIONS)}")
        pairs.append(
            Pair(row[0].strip(), row[1].strip(), row[2].strip(), label, values.get("split", ""))
        )
    return pairs


def score_pairs_file(
    pairs: Sequence[Pair], *, aliases: Mapping[str, str], config: MatchConfig | None = None
) -> list[Scored]:
    """Each pair's score and decision, built and judged as the pipeline judges claims."""
    config = config or MatchConfig()
    claims_a = [claim_from_text(p.text_a, aliases=aliases, article_id="a") for p in pairs]
    claims_b = [claim_from_text(p.text_b, aliases=aliases, article_id="b") for p in pairs]
    scores = pair_scores(
        [masked(c.norm_text) for c in claims_a], [masked(c.norm_text) for c in claims_b]
    )
    return [
        Scored(p, round(float(s), 2), decide(a, b, float(s), config))
        for p, a, b, s in zip(pairs, claims_a, claims_b, scores, strict=True)
    ]


@dataclass(frozen=True, slots=True)
class Quality:
    pairs: int
    precision: float  # of "same statement" (match or conflict) decisions
    recall: float
    f1: float
    conflict_precision: float  # of conflict decisions, among gold same-statement pairs
    conflict_recall: float
    confusion: dict[tuple[str, str], int]


def quality(scored: Iterable[Scored]) -> Quality:
    """Precision and recall of finding the same statement, and of telling a conflict."""
    items = [s for s in scored if s.pair.label]
    confusion = Counter((s.pair.label, s.decision) for s in items)
    same = {"match", "conflict"}
    tp = sum(n for (gold, got), n in confusion.items() if gold in same and got in same)
    fp = sum(n for (gold, got), n in confusion.items() if gold == "no-match" and got in same)
    fn = sum(n for (gold, got), n in confusion.items() if gold in same and got == "no-match")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    c_tp = confusion[("conflict", "conflict")]
    c_fp = sum(
        n for (gold, got), n in confusion.items() if got == "conflict" and gold != "conflict"
    )
    c_fn = sum(
        n for (gold, got), n in confusion.items() if gold == "conflict" and got != "conflict"
    )
    return Quality(
        pairs=len(items),
        precision=round(precision, 3),
        recall=round(recall, 3),
        f1=round(f1, 3),
        conflict_precision=round(c_tp / (c_tp + c_fp), 3) if c_tp + c_fp else 0.0,
        conflict_recall=round(c_tp / (c_tp + c_fn), 3) if c_tp + c_fn else 0.0,
        confusion=dict(confusion),
    )
