"""One corroboration pass, pure: claims in; matches, clusters, roots, lineage, verdicts and stories out."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime

from wiretrace.corroboration.matching import MatchConfig, match_claims
from wiretrace.corroboration.scoring import Scorer, score_blocks
from wiretrace.corroboration.stories import NEVER, group_stories, lead_of
from wiretrace.corroboration.verdicts import article_lineage, corroborate, earlier_versions
from wiretrace.records import (
    ArticleInfo,
    Claim,
    ClaimMatch,
    Lineage,
    MatchResult,
    Outlet,
    Story,
    StoryArticle,
    StoryInput,
)
from wiretrace.timing import timed


def corroborate_claims(
    latest: Sequence[Claim],
    articles: Mapping[str, ArticleInfo],
    outlets: Sequence[Outlet],
    config: MatchConfig,
    *,
    aliases: Mapping[str, str],
    previous: Sequence[Claim] = (),
    matched: Collection[str] = (),
    earlier: Sequence[ClaimMatch] = (),
    scorer: Scorer = score_blocks,
) -> MatchResult:
    """Match the latest claims, cluster them, trace each mention to its root and judge each cluster.

    `previous` are claims of earlier article versions: they join the cluster of the claim that
    replaced them, so a report can show both. `matched` and `earlier` make matching incremental
    (claims already compared with each other, and the matches found then). `outlets` are every
    outlet the warehouse knows; `aliases` map their lower-cased names to ids.
    """
    matches, clusters = match_claims(
        latest, config, matched=matched, earlier=earlier, scorer=scorer
    )
    with timed("verdicts"):
        return _judged(latest, articles, outlets, aliases, previous, matches, clusters, config)


def _judged(
    latest: Sequence[Claim],
    articles: Mapping[str, ArticleInfo],
    outlets: Sequence[Outlet],
    aliases: Mapping[str, str],
    previous: Sequence[Claim],
    matches: Sequence[ClaimMatch],
    clusters: dict[str, str],
    config: MatchConfig,
) -> MatchResult:
    verdicts = corroborate(
        clusters,
        latest,
        articles,
        aliases=aliases,
        names={o.id: o.name for o in outlets},
        previous=previous,
        matches=matches,
        wires=frozenset(o.id for o in outlets if o.kind == "wire"),
        window=config.window,  # series links follow the window matching used
    )
    sources = {m.claim_id: (m.source, m.via) for v in verdicts for m in v.sources}
    for old_id, new_id in earlier_versions(latest, previous).items():
        clusters[old_id] = clusters[new_id]
        sources[old_id] = ("", "earlier-version")
    lineage = _one_edge_each([e for v in verdicts for e in v.lineage], latest)
    for edge in article_lineage(latest, articles, matches, aliases=aliases):
        lineage.setdefault((edge.article_id, edge.source_outlet, edge.kind), edge)
    return MatchResult(
        matches=[(m.a, m.b, m.score, m.decision) for m in matches],
        clusters=clusters,
        sources=sources,
        lineage=list(lineage.values()),
        corroboration=[v.corroboration for v in verdicts],
    )


def _one_edge_each(
    edges: Sequence[Lineage], claims: Sequence[Claim]
) -> dict[tuple[str, str, str], Lineage]:
    """One lineage edge per (article, source outlet, kind) where several clusters give one.

    Clusters are judged in the order of their ids, which come from URLs, so "the last
    cluster's edge" would change with a host or port. The edge kept is the one most clusters
    give, naming a source article before none, then the earliest source article by what it
    says: the same corpus gives the same lineage wherever it is served.
    """
    first_claim: dict[str, tuple[datetime, str]] = {}
    for claim in claims:
        key = (claim.published_at or NEVER, claim.text)
        first_claim[claim.article_id] = min(first_claim.get(claim.article_id, key), key)
    votes: dict[tuple[str, str, str], Counter[Lineage]] = defaultdict(Counter)
    for edge in edges:
        votes[(edge.article_id, edge.source_outlet, edge.kind)][edge] += 1

    def rank(item: tuple[Lineage, int]) -> tuple[int, bool, tuple[datetime, str], str]:
        edge, count = item
        source = first_claim.get(edge.source_article_id, (NEVER, ""))
        return (-count, not edge.source_article_id, source, edge.evidence)

    return {key: min(counts.items(), key=rank)[0] for key, counts in votes.items()}


def story_articles(inputs: Sequence[StoryInput], clusters: Mapping[str, str]) -> list[StoryArticle]:
    """What story grouping reads of each article: headline, lead, time and its claims' clusters."""
    return [
        StoryArticle(
            article_id=i.article_id,
            outlet_id=i.outlet_id,
            title=i.title,
            lead=lead_of(i.text),
            published_at=i.published_at,
            clusters=tuple(sorted({clusters[c] for c in i.claim_ids if c in clusters})),
        )
        for i in inputs
    ]


def settled_stories(
    articles: Sequence[StoryArticle],
    stored: Mapping[str, tuple[str, float]],
    ungrouped: Collection[str],
) -> dict[str, tuple[str, float]]:
    """Stored story decisions that stand: those of articles published before every article not
    grouped yet (a new article, or one whose text changed). The rest are regrouped, so a run
    with a few new articles regroups a few days, not the whole warehouse."""
    pending = [a.published_at or NEVER for a in articles if a.article_id in ungrouped]
    if not pending:
        return dict(stored)
    cutoff = min(pending)
    return {
        a.article_id: stored[a.article_id]
        for a in articles
        if a.article_id in stored
        and a.article_id not in ungrouped
        and a.published_at is not None
        and a.published_at < cutoff
    }


def regroup_stories(
    inputs: Sequence[StoryInput],
    result: MatchResult,
    *,
    stored: Mapping[str, tuple[str, float]],
    ungrouped: Collection[str],
) -> list[Story]:
    """Stories of the latest article versions, by the claims `result` just clustered.

    `stored` is each grouped article's (story id, score); decisions of articles older than
    every article in `ungrouped` stand, the rest are made again.
    """
    articles = story_articles(inputs, result.clusters)
    verdicts = {c.cluster_id: c.verdict for c in result.corroboration}
    return group_stories(
        articles, verdicts=verdicts, settled=settled_stories(articles, stored, ungrouped)
    )
