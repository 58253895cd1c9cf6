"""`wiretrace pairs`: score sentence pairs with exactly the production matcher, and measure it."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from wiretrace.corroboration.matching import MatchConfig
from wiretrace.corroboration.model import (
    FEATURES,
    MatchModel,
    claim_text,
    pair_features,
    train_model,
)
from wiretrace.corroboration.scoring import (
    STOPWORDS,
    decide,
    explain_pair,
    masked,
    model_scores,
    pair_scores,
)
from wiretrace.extractors.claims import claim_from_text
from wiretrace.records import Claim

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
    score: float  # the model's, 0-100
    decision: str
    text_score: float = 0.0  # the rapidfuzz text score that gates the model


@dataclass(frozen=True, slots=True)
class Explained:
    """One pair's decision and why: each feature's value, weight and share of the log-odds."""

    scored: Scored
    contributions: tuple[tuple[str, float, float, float], ...]
    gated: bool  # the text score was below the model's gate, so the model was not asked


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


def _claims(pairs: Sequence[Pair], aliases: Mapping[str, str]) -> tuple[list[Claim], list[Claim]]:
    claims_a = [claim_from_text(p.text_a, aliases=aliases, article_id="a") for p in pairs]
    claims_b = [claim_from_text(p.text_b, aliases=aliases, article_id="b") for p in pairs]
    return claims_a, claims_b


def score_pairs_file(
    pairs: Sequence[Pair], *, aliases: Mapping[str, str], config: MatchConfig | None = None
) -> list[Scored]:
    """Each pair's score and decision, built and judged as the pipeline judges claims."""
    config = config or MatchConfig()
    claims_a, claims_b = _claims(pairs, aliases)
    text_scores = pair_scores(
        [masked(c.norm_text) for c in claims_a], [masked(c.norm_text) for c in claims_b]
    )
    scores = model_scores(claims_a, claims_b, text_scores, config)
    return [
        Scored(p, round(float(s), 2), decide(a, b, float(s), config, text=float(t)), float(t))
        for p, a, b, s, t in zip(pairs, claims_a, claims_b, scores, text_scores, strict=True)
    ]


def explain_pairs_file(
    pairs: Sequence[Pair], *, aliases: Mapping[str, str], config: MatchConfig | None = None
) -> list[Explained]:
    """`score_pairs_file`, with the features each decision used and their weights."""
    config = config or MatchConfig()
    claims_a, claims_b = _claims(pairs, aliases)
    scored = score_pairs_file(pairs, aliases=aliases, config=config)
    return [
        Explained(s, tuple(explain_pair(a, b, config)), s.text_score < config.matcher.gate)
        for s, a, b in zip(scored, claims_a, claims_b, strict=True)
    ]


def train_pairs_file(
    pairs: Sequence[Pair],
    *,
    aliases: Mapping[str, str],
    base: MatchModel,
    min_precision: float = 0.8,
) -> MatchModel:
    """A model fitted on labelled pairs (match and conflict: the same statement), keeping
    `base`'s features, word rarities and gate; its threshold is the best F1 at `min_precision`."""
    labelled = [p for p in pairs if p.label]
    if len({p.label != "no-match" for p in labelled}) < 2:
        raise PairsError("training needs labelled pairs of both kinds: same statement and not")
    claims_a, claims_b = _claims(labelled, aliases)
    rows = pair_features(
        [claim_text(c, STOPWORDS) for c in claims_a],
        [claim_text(c, STOPWORDS) for c in claims_b],
        base,
    )
    labels = np.array([p.label != "no-match" for p in labelled], np.float64)
    return train_model(
        rows,
        labels,
        features=base.features,
        idf=base.idf,
        idf_default=base.idf_default,
        gate=base.gate,
        min_precision=min_precision,
        about={"trained_on": {"pairs": len(labelled)}, "made_by": "wiretrace pairs --train"},
    )


def feature_help() -> list[tuple[str, str]]:
    """(feature, what it measures), in the model's order."""
    return list(FEATURES.items())


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


def explanation_lines(explained: Sequence[Explained], model: MatchModel) -> list[str]:
    """Readable lines: each pair's decision, then each feature's value, weight and contribution."""
    lines = []
    for item in explained:
        s = item.scored
        gate = f"text score {s.text_score:.1f}, gate {model.gate:g}"
        lines.append(
            f"{s.pair.id}\tscore={s.score:.2f}\tdecision={s.decision}\t"
            f"threshold={100 * model.threshold:.2f}\t({gate}"
            + ("; below the gate: no-match without the model)" if item.gated else ")")
        )
        total = model.bias
        for name, value, weight, contribution in item.contributions:
            total += contribution
            lines.append(
                f"  {name:26} value={value:.3f}\tweight={weight:+.3f}\tlog-odds {contribution:+.3f}"
            )
        lines.append(f"  {'bias':26} {model.bias:+.3f}\t= log-odds {total:+.3f}")
    return lines
