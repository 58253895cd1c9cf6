"""Claim matching at scale: recall of blocking vs exhaustive scoring, and time and memory to 1M.

    python bench/match_scale.py                      # N = 20,000 recall; 100,000 and 1,000,000 timing
    python bench/match_scale.py --sizes 100000       # timing only for these sizes
    python bench/match_scale.py --recall-n 5000      # a quicker recall check

Recall is measured twice in one run, with and without blocking's token-overlap floor
(`MatchConfig.min_overlap`): what the floor saves in candidates and costs in recall.

The synthetic corpus: stories told by several outlets, each fact reprinted nearly verbatim,
paraphrased with attribution, or restated with a changed figure, among unrelated noise, spread
over a year. Each size runs in a child process, so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np
from rapidfuzz import fuzz, process

from wiretrace.corroboration.matching import MatchConfig, match_claims
from wiretrace.corroboration.scoring import (
    SET_WEIGHT,
    candidate_pairs,
    masked,
    score_blocks,
    score_pairs,
)
from wiretrace.records import Claim, ClaimMatch, Quantity
from wiretrace.timing import stopwatch

SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "bu",
    "ka",
    "ke",
    "ki",
    "ko",
    "ku",
    "la",
    "le",
    "li",
    "lo",
    "lu",
    "ma",
    "me",
    "mi",
    "mo",
    "mu",
    "na",
    "ne",
    "ni",
    "no",
    "nu",
    "ra",
    "re",
    "ri",
    "ro",
    "ru",
    "sa",
    "se",
    "si",
    "so",
    "su",
    "ta",
    "te",
    "ti",
    "to",
    "tu",
    "va",
    "ve",
    "vi",
    "vo",
    "za",
    "zo",
]
COMMON = [
    "government",
    "officials",
    "company",
    "market",
    "officials",
    "minister",
    "police",
    "court",
    "report",
    "data",
    "quarter",
    "growth",
    "prices",
    "shares",
    "investors",
    "country",
    "city",
    "state",
    "bank",
    "deal",
    "plan",
    "week",
    "statement",
    "agency",
    "industry",
    "sector",
    "group",
    "workers",
    "talks",
    "election",
    "support",
    "rate",
    "rates",
    "demand",
    "supply",
    "exports",
    "imports",
    "trade",
    "project",
    "power",
    "energy",
    "oil",
    "gold",
    "stocks",
    "index",
    "economy",
    "policy",
]
ATTRIBUTIONS = [
    "",
    "",
    "according to officials",
    "sources said",
    "the ministry said",
    "reports said",
]
START = datetime(2025, 1, 1, tzinfo=UTC)


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def generate(n: int, *, seed: int = 7) -> list[Claim]:
    """About n claims: 70% in multi-outlet stories, 30% unrelated noise."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng, 100_000)
    draws = np.random.default_rng(seed)

    def zipf_words() -> Iterator[int]:
        while True:  # word ranks follow Zipf's law, as in real text
            # Zipf's law over content words; the head is skipped (it plays the stopwords' role).
            yield from ((draws.zipf(1.07, size=1 << 16) + 1000) % len(vocab)).tolist()

    z = zipf_words()
    claims: list[Claim] = []
    article = 0

    def words(k: int) -> list[str]:
        drawn = [vocab[next(z)] if rng.random() < 0.75 else rng.choice(COMMON) for _ in range(k)]
        return list(dict.fromkeys(drawn))

    def add(outlet: int, art: int, text: str, when: datetime, value: float, fact: str) -> None:
        quantity = Quantity("money", value, "USD", f"${value / 1e6:g} million")
        claims.append(
            Claim(
                claim_id=f"{fact}:{len(claims)}",  # the fact id is the ground truth
                article_id=f"a{art}",
                version_id=f"v{art}",
                outlet_id=f"o{outlet}",
                position=len(claims),
                start=0,
                end=len(text),
                text=text,
                norm_text=text,
                published_at=when,
                quantities=(quantity,),
            )
        )

    while len(claims) < 0.7 * n:
        start = START + timedelta(minutes=rng.randrange(365 * 24 * 60))
        entities = [vocab[rng.randrange(len(vocab))] for _ in range(3)]
        facts = []
        story = len(claims)
        for _ in range(rng.randint(4, 9)):
            body = entities[:2] + words(rng.randint(7, 12))
            rng.shuffle(body)
            facts.append((body, float(rng.randint(1, 900)) * 1e6))
        outlets = rng.sample(range(12), rng.randint(1, 4))
        for rank, outlet in enumerate(outlets):
            article += 1
            when = start + timedelta(hours=rank * rng.uniform(0.5, 10))
            reprint = rank > 0 and rng.random() < 0.4
            for fact, (body, value) in enumerate(facts):
                if rng.random() > 0.75:
                    continue
                text = list(body)
                if not reprint and rank > 0:  # a rewrite: a few words changed, order moved
                    for _ in range(rng.randint(1, 3)):
                        text[rng.randrange(len(text))] = rng.choice(COMMON)
                    cut = rng.randrange(len(text))
                    text = text[cut:] + text[:cut]
                figure = value if rng.random() > 0.05 else value + 1e8  # a disputed figure
                sentence = " ".join(text) + f" usd {int(figure)} " + rng.choice(ATTRIBUTIONS)
                add(outlet, article, sentence.strip(), when, figure, f"s{story}f{fact}")
    while len(claims) < n:
        article += 1
        when = START + timedelta(minutes=rng.randrange(365 * 24 * 60))
        add(rng.randrange(12), article, " ".join(words(rng.randint(8, 14))), when, 1e6, "noise")
    return claims[:n]


def exhaustive_pairs(claims: list[Claim], config: MatchConfig) -> set[tuple[int, int]]:
    """Every pair within the window, from different articles, that the matcher accepts."""
    order = sorted(range(len(claims)), key=lambda i: claims[i].published_at)
    times = np.array([claims[i].published_at.timestamp() for i in order])
    texts = [masked(claims[i].norm_text) for i in order]
    sorted_tokens = [" ".join(sorted(t.split())) for t in texts]
    window = config.window.total_seconds()
    # The model reads only pairs whose text score reaches its gate, and a text score of G
    # needs token_sort >= (G - 100 * SET_WEIGHT) / (1 - SET_WEIGHT).
    floor = max(0.0, (config.matcher.gate - 100 * SET_WEIGHT) / (1 - SET_WEIGHT))
    found: set[tuple[int, int]] = set()
    block = 2000
    for lo in range(0, len(order), block):
        hi = min(lo + block, len(order))
        end = int(np.searchsorted(times, times[hi - 1] + window, side="right"))
        sort_scores = process.cdist(
            sorted_tokens[lo:hi],
            sorted_tokens[lo:end],
            scorer=fuzz.ratio,
            score_cutoff=floor,
            workers=-1,
        )
        rows, cols = np.nonzero(sort_scores)
        cols = cols + lo
        keep = cols > rows + lo
        rows, cols = rows[keep] + lo, cols[keep]
        a = np.array([order[r] for r in rows], np.int64)
        b = np.array([order[c] for c in cols], np.int64)
        ok = np.array(
            [
                claims[i].article_id != claims[j].article_id
                and abs(times_of(claims, i) - times_of(claims, j)) <= window
                for i, j in zip(a.tolist(), b.tolist(), strict=True)
            ],
            dtype=bool,
        )
        pairs = np.stack((np.minimum(a, b), np.maximum(a, b)), axis=1)[ok]
        index = {(m.a, m.b) for m in score_pairs(claims, pairs, config)}
        for i, j in pairs.tolist():
            first, second = sorted((claims[i].claim_id, claims[j].claim_id))
            if (first, second) in index:
                found.add((i, j))
    return found


def times_of(claims: list[Claim], i: int) -> float:
    return claims[i].published_at.timestamp()  # type: ignore[union-attr]


def blocked_pairs(
    claims: list[Claim], config: MatchConfig
) -> tuple[np.ndarray, set[tuple[int, int]]]:
    """(candidates, the candidate pairs the matcher accepts) of the blocked run."""
    rows = candidate_pairs(claims, config)
    accepted = {(m.a, m.b) for m in score_pairs(claims, rows, config)}
    blocked = set()
    for i, j in rows.tolist():
        first, second = sorted((claims[i].claim_id, claims[j].claim_id))
        if (first, second) in accepted:
            blocked.add((min(i, j), max(i, j)))
    return rows, blocked


def recall(n: int) -> dict[str, float]:
    claims = generate(n)
    config = MatchConfig()
    t0 = time.perf_counter()
    rows, blocked = blocked_pairs(claims, config)
    blocked_seconds = time.perf_counter() - t0
    # The same without blocking's overlap floor: what the floor costs and saves.
    t0 = time.perf_counter()
    loose_rows, loose = blocked_pairs(claims, replace(config, min_overlap=0.0))
    loose_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    exhaustive = exhaustive_pairs(claims, config)
    exhaustive_seconds = time.perf_counter() - t0
    hit = len(blocked & exhaustive)

    def fact(i: int) -> str:
        return claims[i].claim_id.split(":")[0]

    same_fact = {p for p in exhaustive if fact(p[0]) == fact(p[1]) != "noise"}
    return {
        "n": n,
        "candidates": len(rows),
        "pairs_exhaustive": len(exhaustive),
        "pairs_blocked": len(blocked),
        "recall": round(hit / max(1, len(exhaustive)), 4),
        "recall_same_fact": round(len(blocked & same_fact) / max(1, len(same_fact)), 4),
        "candidates_without_floor": len(loose_rows),
        "recall_without_floor": round(len(loose & exhaustive) / max(1, len(exhaustive)), 4),
        "blocked_seconds_without_floor": round(loose_seconds, 2),
        "blocked_seconds": round(blocked_seconds, 2),
        "exhaustive_seconds": round(exhaustive_seconds, 2),
        "speedup": round(exhaustive_seconds / max(blocked_seconds, 1e-9), 1),
    }


def timing(n: int) -> dict[str, float]:
    """One `match_claims` over n claims: seconds of each stage (as a run's stopwatch counts
    them), the whole match's wall and CPU seconds, candidates, and the process's peak memory."""
    t0 = time.perf_counter()
    claims = generate(n)
    generated = time.perf_counter() - t0
    candidates = []

    def counting(
        claims: Sequence[Claim], rows: np.ndarray, config: MatchConfig
    ) -> list[ClaimMatch]:
        candidates.append(len(rows))
        return score_blocks(claims, rows, config)

    t0, cpu0 = time.perf_counter(), time.process_time()
    with stopwatch() as stages:
        matches, clusters = match_claims(claims, MatchConfig(), scorer=counting)
    total, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux -> MiB
    return {
        "n": n,
        "generate_seconds": round(generated, 1),
        "candidates": sum(candidates),
        "blocking_seconds": round(stages.get("block", 0.0), 1),
        "scoring_seconds": round(stages.get("score", 0.0), 1),
        "clustering_seconds": round(stages.get("cluster", 0.0), 1),
        "match_seconds": round(total, 1),
        # CPU time of the whole process, all threads: less noisy than wall time on shared cores.
        "match_cpu_seconds": round(cpu, 1),
        "matches": len(matches),
        "clusters": len(set(clusters.values())),
        "peak_rss_mib": round(peak),
        "load_1min": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recall-n", type=int, default=20_000)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--child", choices=["recall", "timing"])
    parser.add_argument("--n", type=int)
    args = parser.parse_args()
    if args.child:
        result = recall(args.n) if args.child == "recall" else timing(args.n)
        print(json.dumps(result))
        return
    print(f"cores: {os.cpu_count()}", flush=True)
    jobs = [("recall", args.recall_n)] if args.recall_n else []
    jobs += [("timing", n) for n in args.sizes]
    for kind, n in jobs:
        out = subprocess.run(
            [sys.executable, __file__, "--child", kind, "--n", str(n)],
            check=True,
            capture_output=True,
            text=True,
        )
        print(f"{kind} {out.stdout.strip()} (uptime load {os.getloadavg()[0]:.2f})", flush=True)


if __name__ == "__main__":
    main()
