"""The learned part of claim matching: pair features, a logistic regression over them, its weights as data.

The features read two forms of each claim: the fact (`norm_text`: no dateline, attribution or
aside, each quantity written one way) and the sentence (the claim's words after its dateline,
attribution included), each with its numbers as written or masked. The weights are fitted by
`bench/train_matcher.py` (or `wiretrace pairs --train`) and shipped as `match_model.json`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

from wiretrace.corroboration.blocking import NUMBER_BEARING
from wiretrace.extractors.quantities import format_quantity
from wiretrace.records import Claim

SHIPPED_MODEL = Path(__file__).with_name("match_model.json")
MODEL_VERSION = 1
NUMBER_TOKEN = re.compile(NUMBER_BEARING)
ASIDE = re.compile(r"\s*\([^()]{1,80}\)")  # "(nearly ₹2.5 lakh crore)": restates, adds nothing
SENTENCE_TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W_]+(?:['-][^\W_]+)*")
CONTENT_WORD = re.compile(r"[a-z][a-z'-]*")
STEM = 5  # a word's first five letters stand for its stem: "planned", "planning" -> "plann"
SMALL_BATCH = 2000  # fewer pairs than this are scored on one thread
QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
# What each feature measures; the order is the order of the weights.
FEATURES: dict[str, str] = {
    "fact_ratio": "edit similarity of the two facts, numbers as written",
    "fact_word_overlap": "words the facts share, over the larger fact's words",
    "sentence_ratio": "edit similarity of the sentences, numbers masked",
    "sentence_partial_ratio": "best edit similarity of the shorter sentence within the longer",
    "sentence_stem_overlap": "word stems the sentences share, over the larger sentence's",
    "sentence_trigram_overlap": "runs of three words the sentences share, over the larger",
    "sentence_unshared_idf": "rarity (IDF) of the content words only one sentence has, smaller side",
}


@dataclass(frozen=True, slots=True)
class MatchModel:
    """Logistic regression over `FEATURES`: standardised features, weights, bias, threshold."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float  # probability of "the same statement" at or above which a pair matches
    # Pairs whose rapidfuzz text score (`scoring.text_score`) is below this are never the same
    # statement: cheap to compute for every candidate, and below it the model accepts nothing.
    gate: float
    idf: Mapping[str, float] = field(default_factory=dict)
    idf_default: float = 0.0  # a word the IDF table never saw is as rare as its rarest
    about: Mapping[str, object] = field(default_factory=dict)  # how and on what it was fitted

    def probability(self, rows: np.ndarray) -> np.ndarray:
        """P(same statement) of each row of features (columns in `self.features` order)."""
        z = (rows - np.asarray(self.mean)) / np.asarray(self.scale)
        logits = z @ np.asarray(self.weights) + self.bias
        return 1.0 / (1.0 + np.exp(-logits))

    def contributions(self, row: np.ndarray) -> list[tuple[str, float, float, float]]:
        """(feature, value, weight, contribution to the log-odds) for one row: why a decision."""
        z = (row - np.asarray(self.mean)) / np.asarray(self.scale)
        return [
            (name, float(value), float(weight), float(zv * weight))
            for name, value, weight, zv in zip(self.features, row, self.weights, z, strict=True)
        ]

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": MODEL_VERSION,
                "features": list(self.features),
                "mean": list(self.mean),
                "scale": list(self.scale),
                "weights": list(self.weights),
                "bias": self.bias,
                "threshold": self.threshold,
                "gate": self.gate,
                "idf_default": self.idf_default,
                "about": dict(self.about),
                "idf": dict(sorted(self.idf.items())),
            },
            indent=1,
            ensure_ascii=False,
        )


class ModelError(ValueError):
    """A model file that this version cannot use; the message says why."""


def parse_model(text: str, *, origin: str = "model") -> MatchModel:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelError(f"{origin}: not JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != MODEL_VERSION:
        raise ModelError(f"{origin}: not a wiretrace match model of version {MODEL_VERSION}")
    features = tuple(data["features"])
    unknown = [f for f in features if f not in FEATURES]
    if unknown:
        raise ModelError(f"{origin}: unknown features {', '.join(unknown)}")
    if not len(features) == len(data["mean"]) == len(data["scale"]) == len(data["weights"]):
        raise ModelError(f"{origin}: features, mean, scale and weights differ in length")
    return MatchModel(
        features=features,
        mean=tuple(float(v) for v in data["mean"]),
        scale=tuple(float(v) for v in data["scale"]),
        weights=tuple(float(v) for v in data["weights"]),
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
        gate=float(data["gate"]),
        idf={str(k): float(v) for k, v in data.get("idf", {}).items()},
        idf_default=float(data.get("idf_default", 0.0)),
        about=data.get("about", {}),
    )


def load_model(path: Path) -> MatchModel:
    """A model file written by `MatchModel.to_json` (`wiretrace pairs --train -o FILE`)."""
    return parse_model(path.read_text(encoding="utf-8"), origin=str(path))


@lru_cache(maxsize=1)
def shipped_model() -> MatchModel:
    """The model in the package, fitted by bench/train_matcher.py."""
    return load_model(SHIPPED_MODEL)


@dataclass(frozen=True, slots=True)
class ClaimText:
    """What the features read of one claim, prepared once however many pairs it is in."""

    fact: str  # norm_text
    fact_masked: str
    sentence: str  # lower-cased words of the sentence after its dateline
    sentence_masked: str
    fact_words: frozenset[str]
    sentence_stems: frozenset[str]
    sentence_trigrams: frozenset[tuple[str, ...]]
    sentence_content: frozenset[str]


def words_of_sentence(claim: Claim) -> list[str]:
    """The sentence's words, lower case, after its dateline, without asides and news outlets'
    attributions; other attributions kept.

    Each quantity is written as `norm_text` writes it ("$29bn" and "29 billion dollars" both
    "usd 29000000000"), from the spans the claim already holds.
    """
    text = claim.text
    pieces = []
    cursor = claim.dateline_end
    for q in sorted(claim.quantities, key=lambda q: q.start):
        if q.start < cursor:
            continue
        pieces.append(text[cursor : q.start])
        pieces.append(" " + format_quantity(q) + " ")
        cursor = q.end
    pieces.append(text[cursor:])
    sentence = ASIDE.sub(" ", "".join(pieces))
    # Who carried the fact is not what it says: "Reuters reported" and "citing people
    # familiar with the matter" go; "he said" stays.
    for a in claim.attributions:
        if a.kind in ("outlet", "anonymous") and a.raw:
            sentence = sentence.replace(a.raw, " ")
    return SENTENCE_TOKEN.findall(sentence.translate(QUOTES).lower())


def _grams(tokens: Sequence[str], n: int) -> frozenset[tuple[str, ...]]:
    return frozenset(zip(*[tokens[i:] for i in range(n)], strict=False))


def claim_text(claim: Claim, stopwords: frozenset[str]) -> ClaimText:
    fact_tokens = claim.norm_text.split()
    fact_masked_text = NUMBER_TOKEN.sub("#", " ".join(fact_tokens))
    sentence = words_of_sentence(claim)
    sentence_text = " ".join(sentence)
    sentence_masked_text = NUMBER_TOKEN.sub("#", sentence_text)
    sentence_masked = sentence_masked_text.split()
    sentence_content = [t for t in CONTENT_WORD.findall(sentence_masked_text) if t not in stopwords]
    return ClaimText(
        fact=claim.norm_text,
        fact_masked=fact_masked_text,
        sentence=sentence_text,
        sentence_masked=sentence_masked_text,
        fact_words=frozenset(fact_tokens),
        sentence_stems=frozenset(t[:STEM] for t in sentence),
        sentence_trigrams=_grams(sentence_masked, 3),
        sentence_content=frozenset(t for t in sentence_content if len(t) > 1),
    )


def _overlap(a: frozenset[object], b: frozenset[object]) -> float:
    larger = max(len(a), len(b))
    return len(a & b) / larger if larger else 0.0


def pair_features(
    texts_a: Sequence[ClaimText],
    texts_b: Sequence[ClaimText],
    model: MatchModel,
    *,
    workers: int = -1,
) -> np.ndarray:
    """Rows of `model.features` for aligned pairs (a[k], b[k]). Every feature is symmetric."""
    n = len(texts_a)
    columns: dict[str, np.ndarray] = {}
    if n < SMALL_BATCH:
        workers = 1  # starting threads costs more than a few pairs take

    def edit(name: str, attr: str, scorer: Callable[..., float]) -> None:
        if name in model.features:
            columns[name] = (
                process.cpdist(
                    [getattr(t, attr) for t in texts_a],
                    [getattr(t, attr) for t in texts_b],
                    scorer=scorer,
                    workers=workers,
                ).astype(np.float64)
                / 100.0
            )

    if n:
        edit("fact_ratio", "fact", fuzz.ratio)
        edit("sentence_ratio", "sentence_masked", fuzz.ratio)
        edit("sentence_partial_ratio", "sentence", fuzz.partial_ratio)

    idf, default = model.idf, model.idf_default
    rest = [f for f in model.features if f not in columns]
    values = np.zeros((n, len(rest)), np.float64)
    for k in range(n):
        a, b = texts_a[k], texts_b[k]
        row = values[k]
        for c, name in enumerate(rest):
            if name == "fact_word_overlap":
                row[c] = _overlap(a.fact_words, b.fact_words)
            elif name == "sentence_stem_overlap":
                row[c] = _overlap(a.sentence_stems, b.sentence_stems)
            elif name == "sentence_trigram_overlap":
                row[c] = _overlap(a.sentence_trigrams, b.sentence_trigrams)
            elif name == "sentence_unshared_idf":
                only_a = sum(idf.get(w, default) for w in a.sentence_content - b.sentence_content)
                only_b = sum(idf.get(w, default) for w in b.sentence_content - a.sentence_content)
                row[c] = min(only_a, only_b) / 10.0
    for c, name in enumerate(rest):
        columns[name] = values[:, c]
    if not n:
        return np.empty((0, len(model.features)), np.float64)
    return np.stack([columns[name] for name in model.features], axis=1)


def fit_logistic(
    rows: np.ndarray,
    labels: np.ndarray,
    *,
    sample_weight: np.ndarray | None = None,
    l2: float = 3.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """(mean, scale, weights, bias) of an L2-regularised logistic regression, by Newton's method."""
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.c_[(rows - mean) / scale, np.ones(len(rows))]
    w = np.ones(len(labels)) if sample_weight is None else sample_weight
    beta = np.zeros(z.shape[1])
    penalty = l2 * np.r_[np.ones(z.shape[1] - 1), 0.0]  # the bias is not shrunk
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-(z @ beta)))
        gradient = z.T @ ((p - labels) * w) + penalty * beta
        hessian = (z * (p * (1 - p) * w)[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-10:
            break
    return mean, scale, beta[:-1], float(beta[-1])


def document_frequencies(sentences: Sequence[str], stopwords: frozenset[str]) -> dict[str, float]:
    """IDF of each content word over a corpus of sentences (one document a sentence)."""
    df: dict[str, int] = {}
    for sentence in sentences:
        words = SENTENCE_TOKEN.findall(sentence.translate(QUOTES).lower())
        for word in set(CONTENT_WORD.findall(" ".join(words))) - stopwords:
            if len(word) > 1:
                df[word] = df.get(word, 0) + 1
    n = len(sentences)
    return {w: round(math.log((n + 1) / (c + 1)), 4) for w, c in df.items() if c >= 2}


def precision_recall_curve(
    probability: np.ndarray, labels: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(thresholds, precision, recall) at each distinct probability, highest first."""
    order = np.argsort(-probability, kind="stable")
    p, y = probability[order], labels[order]
    last = np.r_[p[1:] != p[:-1], True]  # pairs with equal probability are decided together
    tp = np.cumsum(y)[last]
    fp = np.cumsum(1 - y)[last]
    return p[last], tp / (tp + fp), tp / max(y.sum(), 1)


def best_threshold(probability: np.ndarray, labels: np.ndarray, *, min_precision: float) -> float:
    """The threshold of the best F1 among those whose precision is at least `min_precision`."""
    thresholds, precision, recall = precision_recall_curve(probability, labels)
    f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall + 1e-12), 0)
    f1 = np.where(precision >= min_precision, f1, -1.0)
    return float(thresholds[int(np.argmax(f1))])


def train_model(
    rows: np.ndarray,
    labels: np.ndarray,
    *,
    features: Sequence[str],
    idf: Mapping[str, float],
    idf_default: float,
    gate: float,
    sample_weight: np.ndarray | None = None,
    threshold: float | None = None,
    min_precision: float = 0.8,
    l2: float = 3.0,
    about: Mapping[str, object] | None = None,
) -> MatchModel:
    """Fit the weights on labelled pairs' feature rows (1: the same statement, 0: not).

    Without `threshold`, the one of the best F1 at `min_precision` on these same rows.
    """
    mean, scale, weights, bias = fit_logistic(rows, labels, sample_weight=sample_weight, l2=l2)
    model = MatchModel(
        features=tuple(features),
        mean=tuple(round(float(v), 6) for v in mean),
        scale=tuple(round(float(v), 6) for v in scale),
        weights=tuple(round(float(v), 6) for v in weights),
        bias=round(bias, 6),
        threshold=0.5,
        gate=gate,
        idf=dict(idf),
        idf_default=idf_default,
        about=dict(about or {}),
    )
    if threshold is None:
        threshold = best_threshold(model.probability(rows), labels, min_precision=min_precision)
    return replace(model, threshold=round(float(threshold), 4))
