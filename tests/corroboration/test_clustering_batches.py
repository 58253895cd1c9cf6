"""Clustering and scoring at array speed decide as one merge and one pair at a time would."""

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from wiretrace.corroboration import clustering, scoring
from wiretrace.corroboration.clustering import _pair_key, _strongest_first, cluster
from wiretrace.corroboration.matching import match_claims
from wiretrace.corroboration.scoring import (
    MatchConfig,
    candidate_pairs,
    masked,
    model_scores,
    score_blocks,
    text_score,
)
from wiretrace.extractors.claims import claim_from_text
from wiretrace.flows.pairs import read_pairs
from wiretrace.records import Claim, ClaimMatch, stable_id

PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "pairs" / "pairs.tsv"
T0 = datetime(2025, 6, 13, 4, 0, tzinfo=UTC)


def corpus() -> list[Claim]:
    """The labelled pairs' sentences over three outlets and two weeks, some reprinted."""
    pairs = read_pairs(PAIRS.read_text(encoding="utf-8"))
    sentences = sorted({t for p in pairs for t in (p.text_a, p.text_b)})
    rng = random.Random(4)
    claims = []
    for k, sentence in enumerate(sentences + sentences[:40]):  # reprints: the same text twice
        outlet = ("reuters", "cna", "indiatimes")[k % 3]
        base = claim_from_text(
            sentence, aliases={}, claim_id=f"c{k}", article_id=f"{outlet}{k % 11}"
        )
        when = T0 + timedelta(hours=rng.randrange(14 * 24)) if k % 17 else None
        claims.append(replace(base, outlet_id=outlet, published_at=when))
    return claims


def test_strongest_first_is_by_score_then_by_what_the_pair_says() -> None:
    claims = corpus()
    rng = random.Random(8)
    matches = []
    for _ in range(3000):
        x, y = rng.sample(range(len(claims)), 2)
        a, b = sorted((claims[x].claim_id, claims[y].claim_id))
        matches.append(ClaimMatch(a, b, float(rng.choice([60, 70, 80])), "match"))  # many ties
    by_id = {c.claim_id: c for c in claims}
    expected = sorted(matches, key=lambda m: (-m.score, _pair_key(by_id[m.a], by_id[m.b])))
    linked = sorted({m.a for m in matches} | {m.b for m in matches})
    position = {c: k for k, c in enumerate(linked)}
    order = _strongest_first(
        [by_id[c] for c in linked],
        np.array([position[m.a] for m in matches]),
        np.array([position[m.b] for m in matches]),
        np.array([m.score for m in matches]),
    )
    assert [(linked[x], linked[y]) for x, y in order] == [(m.a, m.b) for m in expected]


@pytest.mark.parametrize("threshold", [None, 45.0])
def test_clusters_are_those_of_scoring_each_cross_pair_merge_by_merge(
    monkeypatch: pytest.MonkeyPatch, threshold: float | None
) -> None:
    claims = corpus()
    config = MatchConfig(threshold=threshold)
    matches, clusters = match_claims(claims, config)
    assert max(list(clusters.values()).count(c) for c in set(clusters.values())) >= 3
    monkeypatch.setattr(clustering, "COMPONENT_PAIRS_UP_TO", 0)  # every cross pair lazily
    assert cluster(claims, matches, config) == clusters


def test_scores_do_not_depend_on_the_blocks_pairs_are_prepared_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    claims = corpus()
    config = MatchConfig(threshold=40.0)
    rows = candidate_pairs(claims, config)
    whole = score_blocks(claims, rows, config)
    monkeypatch.setattr(scoring, "PAIR_BLOCK", 97)
    monkeypatch.setattr(scoring, "PAIR_CHUNK", 13)
    assert len(rows) > 5 * 97 and len(whole) > 50
    assert score_blocks(claims, rows, config) == whole


def test_dense_ranks_are_pythons_order_of_the_keys() -> None:
    """Arrow's sort of UTF-8 ranks as Python's sort of str does, accents and astral
    characters included; a lone surrogate (no UTF-8) falls back to Python's sort."""
    rng = random.Random(3)
    alphabet = ["a", "b", "B", "é", "e\u0301", "ß", "İ", "😀", "€", " ", "\x00", "z"]
    keys = [
        tuple("".join(rng.choices(alphabet, k=rng.randint(0, 3))) for _ in range(3))
        for _ in range(2000)
    ]
    for sample in (keys, [*keys[:50], ("\ud800", "x", "y")]):
        ranks = clustering._dense_ranks(sample)
        assert (ranks == clustering._python_dense_ranks(sample)).all()
        distinct = sorted(set(sample))
        assert ranks.tolist() == [distinct.index(k) for k in sample]


def _reference_clusters(
    claims: list[Claim], matches: list[ClaimMatch], config: MatchConfig
) -> dict[str, str]:
    """Average link with a floor as the docstring of `cluster` says it, one pair at a time:
    the matches strongest first (`_pair_key` for ties), every cross pair scored on its own,
    ids from the earliest member by `_time_key`."""
    by_id = {c.claim_id: c for c in claims}
    scores = {(m.a, m.b): m.score for m in matches}

    def score(x: str, y: str) -> float:
        key = (min(x, y), max(x, y))
        if key not in scores:
            a, b = by_id[key[0]], by_id[key[1]]
            text = text_score(masked(a.norm_text), masked(b.norm_text))
            scores[key] = float(model_scores([a], [b], np.array([text]), config)[0])
        return scores[key]

    group = {c.claim_id: c.claim_id for c in claims}
    members = {c.claim_id: [c.claim_id] for c in claims}
    ordered = sorted(matches, key=lambda m: (-m.score, _pair_key(by_id[m.a], by_id[m.b])))
    for m in ordered:
        ga, gb = group[m.a], group[m.b]
        if ga == gb:
            continue
        times = [by_id[k].published_at for k in members[ga] + members[gb]]
        known = [t for t in times if t is not None]
        if known and max(known) - min(known) > config.window:
            continue
        cross = [score(x, y) - config.cutoff for x in members[ga] for y in members[gb]]
        if min(cross) < -config.link_margin or sum(cross) / len(cross) < 0:
            continue
        keep, drop = (ga, gb) if len(members[ga]) >= len(members[gb]) else (gb, ga)
        for k in members[drop]:
            group[k] = keep
        members[keep].extend(members.pop(drop))
    result = {}
    for ids in members.values():
        earliest = min(ids, key=lambda k: clustering._time_key(by_id[k]))
        for k in ids:
            result[k] = "c" + stable_id("cluster", earliest, length=12)
    return result


@pytest.mark.parametrize("threshold", [None, 45.0, 30.0])
def test_clusters_are_those_of_the_plain_average_link(threshold: float | None) -> None:
    """The array paths (ranks, singleton merges, ids) against the rule spelled out plainly."""
    claims = corpus()
    config = MatchConfig(threshold=threshold)
    matches, clusters = match_claims(claims, config)
    # Ties and near misses: scores moved onto a few values, so the order of equal scores and
    # the link floor both decide merges.
    rng = random.Random(5)
    shaken = [
        replace(m, score=round(m.score + rng.choice([0.0, 0.0, -9.0, 3.0]), 2)) for m in matches
    ]
    for given in (matches, shaken):
        assert cluster(claims, given, config) == _reference_clusters(claims, given, config)
    assert len(set(clusters.values())) < len(claims) - 20


def test_cluster_ids_are_stable_ids() -> None:
    for claim_id in ["c1", "", "é😀", "x\x1fy", "s12f3:4567"]:
        assert clustering._cluster_id(claim_id) == "c" + stable_id("cluster", claim_id, length=12)
