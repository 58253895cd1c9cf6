"""Candidate pairs without comparing all pairs: an inverted index over each claim's rarest tokens.

Vectorised (pyarrow for tokens, NumPy for postings) so a million claims block in seconds: the
pairs that rapidfuzz then scores are those sharing a rare token in their prefixes (the
rarest tokens of each claim, as in the AllPairs/PPJoin set-similarity joins), from different
articles, within the time window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

NUMBER_BEARING = r"\S*\d\S*"
NON_WORD = r"[^a-z'-]+"
MIN_TOKEN_CHARS = 3


@dataclass(frozen=True, slots=True)
class BlockingConfig:
    prefix: int = 10  # each claim is indexed by its this-many rarest tokens
    max_df: int = 200  # tokens in more claims than this block nothing (too common)
    window_seconds: float = 7 * 86400.0


def token_ids(texts: Sequence[str], stopwords: frozenset[str]) -> tuple[np.ndarray, np.ndarray]:
    """(claim index, token id) for every distinct content token of every text."""
    if not texts:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    arr = pa.array(texts, type=pa.large_string())
    masked = pc.replace_substring_regex(arr, pattern=NUMBER_BEARING, replacement=" ")
    split = pc.split_pattern_regex(pc.utf8_lower(masked), pattern=NON_WORD)
    owners = pc.list_parent_indices(split).to_numpy()
    words = pc.list_flatten(split)
    keep = pc.and_(
        pc.greater_equal(pc.utf8_length(words), MIN_TOKEN_CHARS),
        pc.invert(pc.is_in(words, value_set=pa.array(sorted(stopwords), pa.large_string()))),
    )
    words = pc.filter(words, keep)
    owners = owners[keep.to_numpy(zero_copy_only=False)]
    encoded = (
        pc.dictionary_encode(words).combine_chunks()
        if isinstance(words, pa.ChunkedArray)
        else pc.dictionary_encode(words)
    )
    # Token ids in the order of the words themselves, not of their first appearance: ties
    # between equally rare tokens then break the same way whatever order the claims come in.
    order = pc.sort_indices(encoded.dictionary).to_numpy()
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order), dtype=np.int64)
    tokens = rank[encoded.indices.to_numpy().astype(np.int64)]
    vocabulary = max(len(encoded.dictionary), 1)
    unique = _sorted_unique(owners.astype(np.int64) * vocabulary + tokens)
    return unique // vocabulary, unique % vocabulary


def _sorted_unique(keys: np.ndarray) -> np.ndarray:
    # np.unique hashes by default in NumPy 2.x; sorting is several times faster on int64 keys.
    keys = np.sort(keys)
    return keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys


def candidate_index_pairs(
    texts: Sequence[str],
    articles: np.ndarray,
    times: np.ndarray,
    stopwords: frozenset[str],
    config: BlockingConfig,
) -> np.ndarray:
    """Rows (i, j), i < j, of claims worth scoring.

    `articles` holds an integer per claim (claims of one article are never paired), `times`
    seconds since the epoch (NaN when unknown: compared with everything).
    """
    n = len(texts)
    claims, tokens = token_ids(texts, stopwords)
    if len(tokens) == 0:
        return np.empty((0, 2), np.int64)
    df = np.bincount(tokens)
    rare = (df[tokens] >= 2) & (df[tokens] <= config.max_df)
    claims, tokens = claims[rare], tokens[rare]
    # Prefix: each claim's `prefix` rarest tokens (ties by the token itself, so any order of
    # the same claims gives the same candidates).
    order = np.lexsort((tokens, df[tokens], claims))
    claims, tokens = claims[order], tokens[order]
    starts = np.r_[0, np.flatnonzero(np.diff(claims)) + 1]
    rank = np.arange(len(claims)) - np.repeat(starts, np.diff(np.r_[starts, len(claims)]))
    keep = rank < config.prefix
    claims, tokens = claims[keep], tokens[keep]
    # Postings: sort by token, then pair each entry with the ones after it in its posting.
    # Entries are dropped once their posting has no one left after them, so the work is the
    # number of pairs, not the number of entries times the longest posting.
    order = np.lexsort((claims, tokens))
    claims, tokens = claims[order], tokens[order]
    starts = np.r_[0, np.flatnonzero(np.diff(tokens)) + 1]
    sizes = np.diff(np.r_[starts, len(tokens)])
    remaining = np.repeat(starts + sizes, sizes) - np.arange(len(tokens)) - 1  # after me in posting
    live = np.flatnonzero(remaining > 0)
    chunks = []
    offset = 1
    while len(live):
        left, right = claims[live], claims[live + offset]
        ok = articles[left] != articles[right]
        gap = np.abs(times[left] - times[right])
        ok &= ~(gap > config.window_seconds)  # NaN (unknown time) stays a candidate
        chunks.append(np.minimum(left, right)[ok] * n + np.maximum(left, right)[ok])
        offset += 1
        live = live[remaining[live] >= offset]
    if not chunks:
        return np.empty((0, 2), np.int64)
    keys = _sorted_unique(np.concatenate(chunks))
    return np.stack((keys // n, keys % n), axis=1)
