"""Candidate pairs without comparing all pairs: an inverted index over each claim's rarest tokens.

Vectorised (pyarrow for tokens, NumPy for postings) so a million claims block in seconds: the
pairs that rapidfuzz then scores are those sharing a rare token in their prefixes (the
rarest tokens of each claim, as in the AllPairs/PPJoin set-similarity joins), from different
articles, within the time window.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import process
from rapidfuzz.distance import LCSseq

NUMBER_BEARING = r"\S*\d\S*"
NON_WORD = r"[^a-z'-]+"
MIN_TOKEN_CHARS = 3
OVERLAP_CHUNK = 1 << 19  # pairs whose overlap rapidfuzz counts at once (it copies their sets)
TOKEN_CHUNK = 1 << 17  # texts tokenised together by `token_ids`
TOKEN_THREADS = 2  # chunks tokenised at once
LIVE_CHUNK = 1 << 20  # posting entries paired together by `_sharing_pairs`


@dataclass(frozen=True, slots=True)
class BlockingConfig:
    prefix: int = 10  # each claim is indexed by its this-many rarest tokens
    max_df: int = 200  # tokens in more claims than this block nothing (too common)
    window_seconds: float = 7 * 86400.0
    # Pairs sharing less than this share of the larger claim's tokens are not candidates
    # (`MatchConfig.min_overlap` says why this much).
    min_overlap: float = 0.0


def token_ids(texts: Sequence[str], stopwords: frozenset[str]) -> tuple[np.ndarray, np.ndarray]:
    """(claim index, token id) for every distinct content token of every text, by claim then
    token; a token's id is its word's rank among all the words, so ties between equally rare
    tokens break the same way whatever order the claims come in.

    The texts are tokenised `TOKEN_CHUNK` at a time: Arrow's copies of a million texts (masked,
    lower-cased, split) were a gigabyte at once, the peak of a whole match.
    """
    if not texts:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    stop = pa.array(sorted(stopwords), pa.large_string())

    def chunk_tokens(start: int) -> tuple[np.ndarray, np.ndarray, pa.Array]:
        """(claim, word index into the chunk's dictionary), the dictionary, of one chunk."""
        arr = pa.array(texts[start : start + TOKEN_CHUNK], type=pa.large_string())
        masked = pc.replace_substring_regex(arr, pattern=NUMBER_BEARING, replacement=" ")
        split = pc.split_pattern_regex(pc.utf8_lower(masked), pattern=NON_WORD)
        del arr, masked
        owners = pc.list_parent_indices(split).to_numpy().astype(np.int64)
        words = pc.list_flatten(split)
        keep = pc.and_(
            pc.greater_equal(pc.utf8_length(words), MIN_TOKEN_CHARS),
            pc.invert(pc.is_in(words, value_set=stop)),
        )
        encoded = pc.dictionary_encode(pc.filter(words, keep))
        owners = owners[keep.to_numpy(zero_copy_only=False)] + start
        width = max(len(encoded.dictionary), 1)
        local = sorted_unique(owners * width + encoded.indices.to_numpy().astype(np.int64))
        return local // width, local % width, encoded.dictionary

    # Two chunks at a time, one on each core: Arrow's kernels and NumPy's sorts let go of the
    # GIL, and a chunk's result does not depend on the others.
    with ThreadPoolExecutor(max_workers=TOKEN_THREADS) as pool:
        parts = list(pool.map(chunk_tokens, range(0, len(texts), TOKEN_CHUNK)))
        release_arrow_memory()
        vocabulary = pc.unique(pa.concat_arrays([dictionary for _, _, dictionary in parts]))
        vocabulary = vocabulary.take(pc.sort_indices(vocabulary))
        width = max(len(vocabulary), 1)

        def chunk_keys(part: tuple[np.ndarray, np.ndarray, pa.Array]) -> np.ndarray:
            owners, index, dictionary = part
            rank = pc.index_in(dictionary, value_set=vocabulary).to_numpy(zero_copy_only=False)
            return np.sort(owners * width + rank.astype(np.int64)[index])

        keys = list(pool.map(chunk_keys, parts))
    del parts
    release_arrow_memory()
    unique = np.concatenate(keys)  # each chunk's claims after the one before's: in order
    return unique // width, unique % width


def release_arrow_memory() -> None:
    """Hand back to the system what Arrow's allocator keeps of freed buffers: at a million
    claims the texts' copies are gigabytes that it would otherwise hold for the next step."""
    pa.default_memory_pool().release_unused()


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside the block.

    Matching a million claims makes millions of small objects (strings, tuples, records) and
    none of them in a cycle: every collection the allocations trigger would walk them all, for
    nothing, and the walks grow with the heap (a third of clustering's time at 300,000 claims).
    Reference counting still frees everything as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def sorted_unique(keys: np.ndarray) -> np.ndarray:
    # np.unique hashes by default in NumPy 2.x; sorting is several times faster on int64 keys.
    keys = np.sort(keys)
    return keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys


# Code points stand for set elements in the strings whose LCS is their intersection; the
# surrogates are skipped (not valid in UTF-32).
SURROGATES, SURROGATE_COUNT, MAX_CODE_POINT = 0xD800, 0x800, 0x10FFFF


@dataclass(frozen=True, slots=True)
class ElementSets:
    """One set per claim (tokens, stems, ...) as strings of sorted code points, one code point
    an element shared by two claims or more: the LCS of two such strings is the size of the
    intersection of the two sets (rapidfuzz computes it for many pairs on all cores). `sizes`
    counts every element."""

    members: np.ndarray  # object array of str (or of lists of int past the code point range)
    sizes: np.ndarray


def element_sets(owners: np.ndarray, elements: np.ndarray, n: int) -> ElementSets:
    """`ElementSets` of (claim, element id) rows, in any order, with repeats."""
    if not len(elements):
        return ElementSets(objects([""] * n), np.zeros(n, np.int64))
    width = int(elements.max()) + 1
    # Temporaries are dropped as soon as they are used: at a million claims this is the peak
    # of blocking's memory.
    keys = sorted_unique(owners.astype(np.int64) * width + elements)
    owners, elements = np.divmod(keys, width)
    del keys
    sizes = np.bincount(owners, minlength=n)
    df = np.bincount(elements)
    shared = df[elements] >= 2  # an element of one claim only is in no intersection
    owners, elements = owners[shared], elements[shared]
    del shared
    used = np.flatnonzero(df >= 2)
    rank = np.zeros(width, np.int64)
    rank[used] = np.arange(len(used))
    code = rank[elements] + 1
    del elements, rank
    bounds = np.r_[0, np.cumsum(np.bincount(owners, minlength=n))].tolist()
    del owners
    if len(used) + 1 + SURROGATE_COUNT <= MAX_CODE_POINT:
        code[code >= SURROGATES] += SURROGATE_COUNT
        text = code.astype("<u4").tobytes().decode("utf-32-le")
        del code
        members = objects([text[s:e] for s, e in pairwise(bounds)])
    else:  # more distinct elements than code points: lists of ints (rapidfuzz reads both)
        flat = code.tolist()
        members = objects([flat[s:e] for s, e in pairwise(bounds)])
    return ElementSets(members, sizes)


def dense_ranks(keys: np.ndarray) -> np.ndarray:
    """Each key's rank among the distinct keys (np.unique's inverse, by sorting: NumPy 2's
    hashing unique is several times slower on int64 keys)."""
    order = np.argsort(keys)  # equal keys get one rank whatever their order: need not be stable
    ordered = keys[order]
    ranks = np.empty(len(keys), np.int64)
    ranks[order] = np.cumsum(np.r_[True, ordered[1:] != ordered[:-1]]) - 1 if len(keys) else 0
    return ranks


def objects(values: Sequence[object]) -> np.ndarray:
    """An object array of `values` (NumPy gathers its items by index arrays at C speed)."""
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def shared_counts(
    sets: ElementSets, left: np.ndarray, right: np.ndarray, *, workers: int = -1
) -> np.ndarray:
    """|set[left[k]] & set[right[k]]| for each k."""
    if not len(left):
        return np.empty(0, np.int64)
    return process.cpdist(
        sets.members[left], sets.members[right], scorer=LCSseq.similarity, workers=workers
    ).astype(np.int64)


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
    all_claims, all_tokens = token_ids(texts, stopwords)
    if len(all_tokens) == 0:
        return np.empty((0, 2), np.int64)
    # The pairs are found in a function of their own, so that its arrays are freed before the
    # overlap floor builds its sets: at a million claims they are hundreds of megabytes.
    keys = _sharing_pairs(all_claims, all_tokens, articles, times, config)
    if config.min_overlap > 0 and len(keys):
        keys = _overlapping(keys, n, element_sets(all_claims, all_tokens, n), config.min_overlap)
    return np.stack((keys // n, keys % n), axis=1)


def _sharing_pairs(
    claims: np.ndarray,
    tokens: np.ndarray,
    articles: np.ndarray,
    times: np.ndarray,
    config: BlockingConfig,
) -> np.ndarray:
    """Sorted keys i * n + j (i < j) of the pairs of `candidate_index_pairs` before the
    overlap floor: a shared prefix token, other articles, within the window."""
    n = len(times)
    df = np.bincount(tokens)
    rare = (df[tokens] >= 2) & (df[tokens] <= config.max_df)
    claims, tokens = claims[rare], tokens[rare]
    # Prefix: each claim's `prefix` rarest tokens (ties by the token itself, so any order of
    # the same claims gives the same candidates).
    claims, _, tokens = _sorted_by(claims, df[tokens], tokens)
    starts = np.r_[0, np.flatnonzero(np.diff(claims)) + 1]
    rank = np.arange(len(claims)) - np.repeat(starts, np.diff(np.r_[starts, len(claims)]))
    keep = rank < config.prefix
    claims, tokens = claims[keep], tokens[keep]
    # Postings: sort by token, then by time, and pair each entry with the ones after it in its
    # posting while they are within the window. Entries are dropped once no one within the
    # window is left after them, so the work is the number of pairs in the window, not the
    # number of pairs in the posting. Claims of unknown time come first in their posting and
    # are paired with all the rest (they are compared with everything).
    when = np.where(np.isnan(times), -np.inf, times)
    # (token, time, claim) order: a claim's place in the order of (time, claim) stands for both.
    by_time = np.argsort(when, kind="stable")
    place = np.empty(n, np.int64)
    place[by_time] = np.arange(n, dtype=np.int64)
    tokens, places = _sorted_by(tokens, place[claims])
    claims = by_time[places]
    starts = np.r_[0, np.flatnonzero(np.diff(tokens)) + 1]
    sizes = np.diff(np.r_[starts, len(tokens)])
    remaining = np.repeat(starts + sizes, sizes) - np.arange(len(tokens)) - 1  # after me in posting
    live = np.flatnonzero(remaining > 0)
    chunks = []
    offset = 1
    while len(live):
        going_on = []
        for start in range(0, len(live), LIVE_CHUNK):  # bounded temporaries, however many
            entries = live[start : start + LIVE_CHUNK]
            left, right = claims[entries], claims[entries + offset]
            # A claim of unknown time is before every known one of its posting, so a left
            # claim of known time has only known ones after it, none earlier than itself.
            unknown = np.isneginf(when[left])
            gap = when[right] - np.where(unknown, 0.0, when[left])
            near = unknown | (gap <= config.window_seconds)
            ok = near & (articles[left] != articles[right])
            chunks.append(np.minimum(left, right)[ok] * n + np.maximum(left, right)[ok])
            # Past the window for a claim of known time, every later entry is further still.
            going_on.append(entries[near & (remaining[entries] >= offset + 1)])
        offset += 1
        live = np.concatenate(going_on)
    if not chunks:
        return np.empty(0, np.int64)
    del claims, tokens, remaining, live
    keys = np.concatenate(chunks)
    del chunks
    keys.sort()  # in place: one copy of the keys the fewer
    return keys[np.r_[True, keys[1:] != keys[:-1]]] if len(keys) else keys


def _sorted_by(*columns: np.ndarray) -> tuple[np.ndarray, ...]:
    """The rows of these non-negative integer columns in lexicographic order (the first column
    first): packed into one int64 key and sorted once where they fit in 63 bits, several
    times faster than a lexsort; else by np.lexsort."""
    widths = [int(c.max()) + 1 if len(c) else 1 for c in columns]
    if not len(columns[0]) or float(np.prod(np.array(widths, np.float64))) >= 2.0**62:
        order = np.lexsort(columns[::-1])
        return tuple(c[order] for c in columns)
    key = columns[0].astype(np.int64)
    for column, width in zip(columns[1:], widths[1:], strict=True):
        key = key * width + column
    key.sort()
    out = []
    for width in widths[:0:-1]:  # the last column first
        key, rest = np.divmod(key, width)
        out.append(rest)
    out.append(key)
    return tuple(out[::-1])


def _overlapping(keys: np.ndarray, n: int, sets: ElementSets, floor: float) -> np.ndarray:
    """The pair keys (i * n + j) whose claims share at least `floor` of the larger's tokens."""
    kept = []
    for start in range(0, len(keys), OVERLAP_CHUNK):  # bounded memory for the gathers
        chunk = keys[start : start + OVERLAP_CHUNK]
        left, right = chunk // n, chunk % n
        shared = shared_counts(sets, left, right)
        larger = np.maximum(np.maximum(sets.sizes[left], sets.sizes[right]), 1)
        kept.append(chunk[shared / larger >= floor])
    return np.concatenate(kept) if kept else keys
