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
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz, process

from wiretrace.corroboration.blocking import (
    NUMBER_BEARING,
    ElementSets,
    dense_ranks,
    element_sets,
    objects,
    shared_counts,
    sorted_unique,
)
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
QUOTE_PAIRS = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"))
QUOTES = str.maketrans(dict(QUOTE_PAIRS))
# What each feature measures; the order is the order of the weights.
FEATURES: dict[str, str] = {
    "fact_ratio": "edit similarity of the two facts, numbers as written",
    "fact_word_overlap": "words the facts share, over the larger fact's words",
    "sentence_ratio": "edit similarity of the sentences, numbers masked",
    "sentence_partial_ratio": "best edit similarity of the shorter sentence within the longer",
    "sentence_stem_overlap": "word stems the sentences share, over the larger sentence's",
    "sentence_trigram_overlap": "runs of three words the sentences share, over the larger",
    "sentence_unshared_idf": "rarity (IDF) of the content words only one sentence has, smaller side",
    "sentence_stem_cover": "word stems the sentences share, over the smaller sentence's",
    "sentence_stems_added_fewer": "word stems only one sentence has, on the side with fewer",
    "sentence_stems_added_more": "word stems only one sentence has, on the side with more",
    "sentence_numbers_unshared": "numbers (as norm_text writes them) only one sentence has, over 3",
    "fact_ratio_squared": "fact_ratio squared: a near-copy counts more than its ratio says",
}
# Features that are the word stems' shared and added counts, read off one set intersection.
STEM_COUNTS = ("sentence_stem_cover", "sentence_stems_added_fewer", "sentence_stems_added_more")
DIGIT = re.compile(r"\d")


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
        # Each row summed on its own: a matrix product's sums depend on how many rows it is
        # given (BLAS blocks them), and `probabilities_at` recomputes a subset of rows, whose
        # values must equal those of the whole set to the last bit.
        logits = (z * np.asarray(self.weights)).sum(axis=1) + self.bias
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
    sentence_numbers: frozenset[str]  # the sentence's words with a digit


def _sentence_with_quantities(claim: Claim) -> str:
    """The claim's text after its dateline, each quantity written as `norm_text` writes it."""
    text = claim.text
    cursor = claim.dateline_end
    quantities = claim.quantities
    if not quantities:
        return text[cursor:]
    if len(quantities) == 1:  # the common case, without the list and the sort
        q = quantities[0]
        if q.start < cursor:
            return text[cursor:]
        return text[cursor : q.start] + " " + format_quantity(q) + " " + text[q.end :]
    pieces = []
    for q in sorted(claim.quantities, key=lambda q: q.start):
        if q.start < cursor:
            continue
        pieces.append(text[cursor : q.start])
        pieces.append(" " + format_quantity(q) + " ")
        cursor = q.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _drops_attributions(claim: Claim) -> bool:
    return any(a.kind in ("outlet", "anonymous") and a.raw for a in claim.attributions)


def words_of_sentence(claim: Claim) -> list[str]:
    """The sentence's words, lower case, after its dateline, without asides and news outlets'
    attributions; other attributions kept.

    Each quantity is written as `norm_text` writes it ("$29bn" and "29 billion dollars" both
    "usd 29000000000"), from the spans the claim already holds.
    """
    sentence = ASIDE.sub(" ", _sentence_with_quantities(claim))
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
        sentence_numbers=frozenset(t for t in sentence if DIGIT.search(t)),
    )


def _overlap(a: frozenset[object], b: frozenset[object]) -> float:
    larger = max(len(a), len(b))
    return len(a & b) / larger if larger else 0.0


def _stem_counts(
    shared: np.ndarray, size_a: np.ndarray, size_b: np.ndarray
) -> dict[str, np.ndarray]:
    """The `STEM_COUNTS` features from the shared stems and each side's number of stems."""
    smaller = np.minimum(size_a, size_b)
    added_a, added_b = size_a - shared, size_b - shared
    return {
        "sentence_stem_cover": np.where(smaller > 0, shared / np.maximum(smaller, 1), 0.0),
        "sentence_stems_added_fewer": np.minimum(added_a, added_b).astype(np.float64),
        "sentence_stems_added_more": np.maximum(added_a, added_b).astype(np.float64),
    }


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
        if "fact_ratio_squared" in model.features:
            ratio = columns.get("fact_ratio")
            if ratio is None:
                ratio = process.cpdist([t.fact for t in texts_a], [t.fact for t in texts_b],
                                       scorer=fuzz.ratio, workers=workers) / 100.0  # fmt: skip
            columns["fact_ratio_squared"] = np.asarray(ratio, np.float64) ** 2
        if any(name in model.features for name in STEM_COUNTS):
            stems = _stem_counts(
                np.array([len(a.sentence_stems & b.sentence_stems) for a, b in zip(texts_a, texts_b, strict=True)]),
                np.array([len(a.sentence_stems) for a in texts_a]),
                np.array([len(b.sentence_stems) for b in texts_b]),
            )  # fmt: skip
            columns.update((k, v) for k, v in stems.items() if k in model.features)

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
            elif name == "sentence_numbers_unshared":
                row[c] = len(a.sentence_numbers ^ b.sentence_numbers) / 3.0
    for c, name in enumerate(rest):
        columns[name] = values[:, c]
    if not n:
        return np.empty((0, len(model.features)), np.float64)
    return np.stack([columns[name] for name in model.features], axis=1)


# The vectorised form of `claim_text` and `pair_features`, for the matcher's many pairs: the
# same values (tests/corroboration/test_scoring_vectorised.py holds them equal), computed over
# arrays. ASCII sentences are tokenised by pyarrow's RE2 kernels, where the patterns below say
# exactly what `SENTENCE_TOKEN`, `ASIDE` and `str.lower` say for ASCII; any other sentence, and
# one whose attribution is cut out, goes through `words_of_sentence` itself.
PYTHON_SPACE = r"\t-\r\x1c-\x20\x85\xa0\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"  # what Python's str.split() and `\s` call whitespace
ASCII_ASIDE = r"[\t-\r\x1c-\x20]*\([^()]{1,80}\)"
ASCII_TOKEN = r"[0-9]+(?:[.,][0-9]+)*%?|[0-9a-z]+(?:['-][0-9a-z]+)*"
TOKEN_MARK = "\x1f"  # brackets each token for the split; whitespace, so never inside one


@dataclass(frozen=True, slots=True)
class PreparedTexts:
    """What the features read of many claims, prepared at once (`prepare_texts`)."""

    fact: np.ndarray  # object arrays of str, one per claim
    sentence: np.ndarray
    sentence_masked: np.ndarray
    sets: Mapping[str, ElementSets]  # fact words, sentence stems, trigrams and numbers
    content_keys: np.ndarray  # sorted claim * vocabulary + content word id
    content_idf: np.ndarray  # the IDF of each key's word
    content_offsets: np.ndarray  # claim k's keys: content_offsets[k]:content_offsets[k + 1]
    vocabulary: int

    def __len__(self) -> int:
        return len(self.fact)


def _ids(values: pa.Array) -> np.ndarray:
    """Ids of strings in the order of the strings themselves (not of first appearance), so
    the same claims give the same ids whatever order they come in."""
    if not len(values):
        return np.empty(0, np.int64)
    encoded = pc.dictionary_encode(values)
    order = pc.sort_indices(encoded.dictionary).to_numpy()
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64)
    return rank[encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)]


def _lists(owners: np.ndarray, values: pa.Array, n: int) -> pa.LargeListArray:
    offsets = np.r_[0, np.cumsum(np.bincount(owners, minlength=n))].astype(np.int64)
    return pa.LargeListArray.from_arrays(pa.array(offsets, pa.int64()), values)


def _sentence_tokens(claims: Sequence[Claim]) -> tuple[np.ndarray, pa.Array]:
    """(claim index, token) of every claim's `words_of_sentence`, claim by claim, in order."""
    n = len(claims)
    text = pa.array([_sentence_with_quantities(c) for c in claims], pa.large_string())
    ascii_only = pc.string_is_ascii(text).to_numpy(zero_copy_only=False)
    fast = ascii_only
    if not ascii_only.all():  # the quotes to straighten are not ASCII
        for old, new in QUOTE_PAIRS:
            text = pc.replace_substring(text, pattern=old, replacement=new)
        fast = pc.string_is_ascii(text).to_numpy(zero_copy_only=False)
    fast &= ~np.fromiter((_drops_attributions(c) for c in claims), dtype=bool, count=n)
    fast_index = np.flatnonzero(fast)
    ascii_text = pc.take(text, pa.array(fast_index, pa.int64()))
    ascii_text = pc.replace_substring_regex(ascii_text, pattern=ASCII_ASIDE, replacement=" ")
    ascii_text = pc.replace_substring(
        pc.ascii_lower(ascii_text), pattern=TOKEN_MARK, replacement=" "
    )
    marked = pc.replace_substring_regex(
        ascii_text, pattern=ASCII_TOKEN, replacement=TOKEN_MARK + r"\0" + TOKEN_MARK
    )
    pieces = pc.split_pattern(marked, pattern=TOKEN_MARK)
    flat = pc.list_flatten(pieces)
    parents = pc.list_parent_indices(pieces).to_numpy()
    offsets = pieces.offsets.to_numpy()
    position = np.arange(len(flat)) - offsets[parents]
    odd = position % 2 == 1  # sep, token, sep, token, ..., sep
    owners = [fast_index[parents[odd]]]
    tokens = [pc.filter(flat, pa.array(odd)).cast(pa.large_string())]
    slow_index = np.flatnonzero(~fast).tolist()
    if slow_index:
        slow = [words_of_sentence(claims[k]) for k in slow_index]
        owners.append(np.repeat(np.array(slow_index, np.int64), [len(w) for w in slow]))
        tokens.append(pa.array([w for words in slow for w in words], pa.large_string()))
    if len(owners) == 1:  # the fast path's tokens only: claim by claim already
        return owners[0].astype(np.int64), tokens[0]
    owner = np.concatenate(owners).astype(np.int64)
    order = np.argsort(owner, kind="stable")  # each claim's tokens stay in their order
    return owner[order], pa.concat_arrays(tokens).take(pa.array(order, pa.int64()))


def _fact_words(facts: Sequence[str]) -> tuple[np.ndarray, pa.Array]:
    """(claim index, word) of each fact's `str.split()`, in no particular order.

    An ASCII fact without the four separator controls Python splits on (\\x1c-\\x1f) is split
    on ASCII whitespace, which is Python's whitespace there, by Arrow's plain kernel; the
    others by the regex of all of Python's whitespace.
    """
    text = pa.array(facts, pa.large_string())
    plain = pc.and_(
        pc.string_is_ascii(text), pc.invert(pc.match_substring_regex(text, r"[\x1c-\x1f]"))
    ).to_numpy(zero_copy_only=False)
    owners, words = [], []
    for rows, split in ((plain, pc.ascii_split_whitespace), (~plain, None)):
        index = np.flatnonzero(rows)
        if not len(index):
            continue
        part = text if len(index) == len(text) else pc.take(text, pa.array(index, pa.int64()))
        if split is None:
            pieces = pc.split_pattern_regex(part, pattern=f"[{PYTHON_SPACE}]+")
        else:
            pieces = split(part)
        flat = pc.list_flatten(pieces)
        nonempty = pc.greater(pc.utf8_length(flat), 0)
        owners.append(
            index[pc.list_parent_indices(pieces).to_numpy()][
                nonempty.to_numpy(zero_copy_only=False)
            ]
        )
        words.append(pc.filter(flat, nonempty).cast(pa.large_string()))
    if not owners:
        return np.empty(0, np.int64), pa.array([], pa.large_string())
    return np.concatenate(owners), pa.concat_arrays(words)


def prepare_texts(
    claims: Sequence[Claim], stopwords: frozenset[str], model: MatchModel
) -> PreparedTexts:
    """`claim_text` of every claim, as arrays, for `features_at`."""
    n = len(claims)
    owner, tokens = _sentence_tokens(claims)
    space = pa.scalar(" ", pa.large_string())
    sentence = pc.binary_join(_lists(owner, tokens, n), space)
    # NUMBER_TOKEN over the joined words: a word with a digit becomes "#" (one pass a claim).
    sentence_masked = pc.replace_substring_regex(
        sentence, pattern=r"[^ ]*\p{Nd}[^ ]*", replacement="#"
    )
    masked_split = pc.split_pattern(sentence_masked, pattern=" ")
    wordless = pc.equal(sentence_masked, "").to_numpy(zero_copy_only=False)  # "" splits to [""]
    masked_tokens = pc.list_flatten(pc.filter(masked_split, pa.array(~wordless)))
    masked_tokens = masked_tokens.cast(pa.large_string())
    sentence = sentence.to_numpy(zero_copy_only=False)
    # Trigrams of the masked words: three consecutive tokens of one claim.
    masked_ids = _ids(masked_tokens)
    width = int(masked_ids.max()) + 1 if len(masked_ids) else 1
    whole = np.flatnonzero(owner[2:] == owner[:-2]) if len(owner) > 2 else np.empty(0, np.int64)
    triples = np.stack((masked_ids[whole], masked_ids[whole + 1], masked_ids[whole + 2]), axis=1)
    if width < 1 << 21:  # three ids in one int64 key: a faster unique than by rows
        packed = (triples[:, 0] * width + triples[:, 1]) * width + triples[:, 2]
        trigram_ids = dense_ranks(packed)
    else:
        trigram_ids = np.unique(triples, axis=0, return_inverse=True)[1].reshape(-1)
    stems = pc.utf8_slice_codeunits(tokens, 0, STEM)
    # A word with a digit is the one masked "#" (no word of SENTENCE_TOKEN is "#" itself).
    numeric = pc.equal(masked_tokens, "#")
    numbers = pc.filter(tokens, numeric)
    number_owner = owner[numeric.to_numpy(zero_copy_only=False)]
    # Content words: the [a-z] runs of masked words, as CONTENT_WORD finds them. An ASCII word
    # without a digit is one such run whole (it starts with a letter); others are split.
    ascii_word = pc.string_is_ascii(masked_tokens).to_numpy(zero_copy_only=False)
    plain = ascii_word & pc.not_equal(masked_tokens, "#").to_numpy(zero_copy_only=False)
    odd = np.flatnonzero(~ascii_word)
    runs = pc.split_pattern_regex(pc.take(masked_tokens, pa.array(odd, pa.int64())),
                                  pattern=r"[^a-z'-]+")  # fmt: skip
    run_owner = np.concatenate((owner[plain], owner[odd][pc.list_parent_indices(runs).to_numpy()]))
    words = pa.concat_arrays(
        [
            pc.filter(masked_tokens, pa.array(plain)),
            pc.utf8_ltrim(pc.list_flatten(runs), characters="'-").cast(pa.large_string()),
        ]
    )
    keep = pc.and_(
        pc.greater(pc.utf8_length(words), 1),
        pc.invert(pc.is_in(words, value_set=pa.array(sorted(stopwords), pa.large_string()))),
    )
    words = pc.filter(words, keep)
    run_owner = run_owner[keep.to_numpy(zero_copy_only=False)]
    fact_owner, fact_words = _fact_words([c.norm_text for c in claims])
    # Content words: sorted unique (claim, word) keys, with each word's IDF.
    content_ids = _ids(words)
    vocabulary = int(content_ids.max()) + 1 if len(content_ids) else 1
    keys = sorted_unique(run_owner.astype(np.int64) * vocabulary + content_ids)
    if len(words):
        dictionary = pc.unique(words)
        dictionary = dictionary.take(pc.sort_indices(dictionary)).to_pylist()
        idf, default = model.idf, model.idf_default
        word_idf = np.array([idf.get(w, default) for w in dictionary], np.float64)
    else:
        word_idf = np.zeros(1)
    return PreparedTexts(
        fact=objects([c.norm_text for c in claims]),
        sentence=sentence,
        sentence_masked=sentence_masked.to_numpy(zero_copy_only=False),
        sets={
            "fact_word_overlap": element_sets(fact_owner, _ids(fact_words), n),
            "sentence_stem_overlap": element_sets(owner, _ids(stems), n),
            "sentence_trigram_overlap": element_sets(owner[whole], trigram_ids, n),
            "sentence_numbers": element_sets(number_owner, _ids(numbers), n),
        },
        content_keys=keys,
        content_idf=word_idf[keys % vocabulary],
        content_offsets=np.searchsorted(keys // vocabulary, np.arange(n + 1)),
        vocabulary=vocabulary,
    )


def _unshared_idf(prepared: PreparedTexts, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Sum of the IDF of the content words of `left[k]` that `right[k]` does not have."""
    offsets, keys = prepared.content_offsets, prepared.content_keys
    starts, sizes = offsets[left], offsets[left + 1] - offsets[left]
    pair = np.repeat(np.arange(len(left)), sizes)
    entry = np.repeat(starts - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))
    word = keys[entry] % prepared.vocabulary
    wanted = right[pair] * prepared.vocabulary + word
    found = np.minimum(np.searchsorted(keys, wanted), max(len(keys) - 1, 0))
    missing = keys[found] != wanted if len(keys) else np.ones(len(wanted), bool)
    return np.bincount(
        pair, weights=prepared.content_idf[entry] * missing, minlength=len(left)
    ).astype(np.float64)


def features_at(
    prepared: PreparedTexts,
    left: np.ndarray,
    right: np.ndarray,
    model: MatchModel,
    *,
    workers: int = -1,
) -> np.ndarray:
    """`pair_features` of the pairs (left[k], right[k]) of prepared claims."""
    left, right = np.asarray(left, np.int64), np.asarray(right, np.int64)
    if not len(left):
        return np.empty((0, len(model.features)), np.float64)
    workers = workers if len(left) >= SMALL_BATCH else 1  # threads cost more than a few pairs
    columns = _columns(prepared, left, right, model.features, workers)
    return np.stack([columns[name] for name in model.features], axis=1)


def probabilities_at(
    prepared: PreparedTexts,
    left: np.ndarray,
    right: np.ndarray,
    model: MatchModel,
    *,
    at_least: float,
    workers: int = -1,
) -> np.ndarray:
    """`model.probability` of the pairs (left[k], right[k]), exact wherever it reaches
    `at_least`; below it, a value may be an upper bound of the probability instead.

    The partial ratio is the costly feature, and the model gives it a negative weight: the
    pairs that miss `at_least` even with the partial ratio at its floor (`partial_ratio_floor`)
    are not given the exact value; nor the unshared IDF, where its least value (0) does not
    let them reach it either.
    """
    left, right = np.asarray(left, np.int64), np.asarray(right, np.int64)
    partial = "sentence_partial_ratio"
    if partial not in model.features or not len(left):
        return model.probability(features_at(prepared, left, right, model, workers=workers))
    k = model.features.index(partial)
    if model.weights[k] >= 0:  # the floor would bound the probability from below, not above
        return model.probability(features_at(prepared, left, right, model, workers=workers))
    workers = workers if len(left) >= SMALL_BATCH else 1
    # The unshared IDF is the next costliest; a sum of IDFs, it is never below 0, so where
    # the model gives it a negative weight, its value at 0 bounds the probability from above
    # too, and the pairs that miss `at_least` with both bounds are not given its value.
    unshared = "sentence_unshared_idf"
    later = (
        (unshared,)
        if unshared in model.features
        and model.weights[model.features.index(unshared)] < 0
        and model.idf_default >= 0
        and all(v >= 0 for v in model.idf.values())
        else ()
    )
    first = tuple(f for f in model.features if f != partial and f not in later)
    columns = _columns(prepared, left, right, first, workers)
    columns[partial] = partial_ratio_floor(
        prepared.sentence[left], prepared.sentence[right], workers=workers
    )
    for name in later:
        columns[name] = np.zeros(len(left), np.float64)
    rows = np.stack([columns[name] for name in model.features], axis=1)
    del columns
    probability = model.probability(rows)
    if later:  # each pair's row with its true value where the bound reaches `at_least`
        open_ = np.flatnonzero(probability >= at_least)
        if len(open_):
            found = _columns(prepared, left[open_], right[open_], later, workers)
            for name in later:
                rows[open_, model.features.index(name)] = found[name]
            probability[open_] = model.probability(rows[open_])
    exact = np.flatnonzero(probability >= at_least)
    if len(exact):
        rows[exact, k] = _columns(prepared, left[exact], right[exact], (partial,), workers)[partial]
        probability[exact] = model.probability(rows[exact])
    return probability


def partial_ratio_floor(
    texts_a: np.ndarray, texts_b: np.ndarray, *, workers: int = -1
) -> np.ndarray:
    """A lower bound of `fuzz.partial_ratio` / 100 of aligned texts, at the cost of two ratios.

    The partial ratio is the best ratio of the shorter text against a window of the longer as
    long as itself; the window at the start and the one at the end are two of those.
    """
    shorter, longer = [], []
    for a, b in zip(texts_a.tolist(), texts_b.tolist(), strict=True):
        if len(a) > len(b):
            a, b = b, a
        shorter.append(a)
        longer.append(b)
    heads = [b[: len(a)] for a, b in zip(shorter, longer, strict=True)]
    tails = [b[len(b) - len(a) :] for a, b in zip(shorter, longer, strict=True)]
    head = process.cpdist(shorter, heads, scorer=fuzz.ratio, workers=workers)
    tail = process.cpdist(shorter, tails, scorer=fuzz.ratio, workers=workers)
    floor = np.maximum(head, tail).astype(np.float64) / 100.0
    floor[[not a for a in shorter]] = 0.0  # an empty text's partial ratio is 0, its ratio 100
    return floor


def partial_ratios(texts_a: np.ndarray, texts_b: np.ndarray, *, workers: int = -1) -> np.ndarray:
    """`fuzz.partial_ratio` (0-100) of aligned texts, the costliest feature.

    A text found whole in the other scores 100 (the window that is itself; an empty one 0),
    so rapidfuzz is asked only for the other pairs: a reprint, or a sentence cut short, is a containment
    (on match_scale's corpus a fifth of the pairs that need the partial ratio).
    """
    inside = np.fromiter(
        (
            bool(a) and bool(b) and (a in b if len(a) <= len(b) else b in a)
            for a, b in zip(texts_a.tolist(), texts_b.tolist(), strict=True)
        ),
        dtype=bool,
        count=len(texts_a),
    )
    out = np.full(len(texts_a), 100.0, np.float64)
    rest = np.flatnonzero(~inside)
    if len(rest):
        scores = process.cpdist(
            texts_a[rest], texts_b[rest], scorer=fuzz.partial_ratio, workers=workers
        )
        out[rest] = scores.astype(np.float64)
    return out


def _columns(
    prepared: PreparedTexts,
    left: np.ndarray,
    right: np.ndarray,
    names: Sequence[str],
    workers: int,
) -> dict[str, np.ndarray]:
    columns: dict[str, np.ndarray] = {}
    shared: dict[str, np.ndarray] = {}

    def shared_of(name: str) -> np.ndarray:
        if name not in shared:
            shared[name] = shared_counts(prepared.sets[name], left, right, workers=workers)
        return shared[name]

    edits = {
        "fact_ratio": (prepared.fact, fuzz.ratio),
        "sentence_ratio": (prepared.sentence_masked, fuzz.ratio),
    }
    for name in names:
        if name == "sentence_partial_ratio":
            sentence = prepared.sentence
            columns[name] = partial_ratios(sentence[left], sentence[right], workers=workers) / 100
        elif name in edits:
            texts, scorer = edits[name]
            scores = process.cpdist(texts[left], texts[right], scorer=scorer, workers=workers)
            columns[name] = scores.astype(np.float64) / 100.0
        elif name == "fact_ratio_squared":
            if "fact_ratio" not in columns:
                fact = prepared.fact
                ratio = process.cpdist(fact[left], fact[right], scorer=fuzz.ratio, workers=workers)
                columns["fact_ratio"] = ratio.astype(np.float64) / 100.0
            columns[name] = columns["fact_ratio"] ** 2
        elif name in STEM_COUNTS:
            sizes = prepared.sets["sentence_stem_overlap"].sizes
            stems = _stem_counts(shared_of("sentence_stem_overlap"), sizes[left], sizes[right])
            columns[name] = stems[name]
        elif name == "sentence_numbers_unshared":
            sizes = prepared.sets["sentence_numbers"].sizes
            unshared = sizes[left] + sizes[right] - 2 * shared_of("sentence_numbers")
            columns[name] = unshared.astype(np.float64) / 3.0
        elif name in prepared.sets:
            sets = prepared.sets[name]
            larger = np.maximum(sets.sizes[left], sets.sizes[right])
            columns[name] = np.where(larger > 0, shared_of(name) / np.maximum(larger, 1), 0.0)
        elif name == "sentence_unshared_idf":
            only_left = _unshared_idf(prepared, left, right)
            only_right = _unshared_idf(prepared, right, left)
            columns[name] = np.minimum(only_left, only_right) / 10.0
    return columns


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
