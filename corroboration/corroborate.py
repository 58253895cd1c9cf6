"""One corroboration pass, pure: claims in; matches, clusters, roots, lineage, verdicts and stories out."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from wiretrace.corroboration.clustering import cluster
from wiretrace.corroboration.matching import MatchConfig, match_claims, merged
from wiretrace.corroboration.scoring import Scorer, score_blocks
from wiretrace.corroboration.stories import NEVER
from wiretrace.corroboration.verdicts import (
    ClusterVerdict,
    article_lineage,
    corroborate,
    derivations,
    earlier_versions,
    series_fields,
)
from wiretrace.records import (
    ArticleInfo,
    Claim,
    ClaimMatch,
    Lineage,
    MatchResult,
    Outlet,
    stable_id,
)
from wiretrace.timing import timed

# Part of the settings digest: raise it with any change to what judging writes for the same
# claims (verdicts, roots, timeline, lineage), so stored verdicts judged the old way are all
# judged again by the next pass instead of standing beside new ones.
JUDGING_VERSION = 1
EARLIER_VERSION = "earlier-version"  # claim_clusters.via of an earlier version's claim


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
        pool = _Pool(latest, articles, outlets, aliases, previous, matches, clusters, config)
        result, _ = _judged(pool)
        return result


@dataclass(frozen=True, slots=True)
class _Pool:
    """What a pass judges: the latest claims, earlier versions' claims, their articles, the
    outlets the warehouse knows (and their aliases), and what matching found over them."""

    latest: Sequence[Claim]
    articles: Mapping[str, ArticleInfo]
    outlets: Sequence[Outlet]
    aliases: Mapping[str, str]
    previous: Sequence[Claim]
    matches: Sequence[ClaimMatch]
    clusters: dict[str, str]  # claim id -> cluster id; earlier versions join in `_judged`
    config: MatchConfig


def _judge(
    pool: _Pool,
    *,
    only: Collection[str] | None = None,
    series: Mapping[str, tuple[str, str]] | None = None,
) -> list[ClusterVerdict]:
    return corroborate(
        pool.clusters,
        pool.latest,
        pool.articles,
        aliases=pool.aliases,
        names={o.id: o.name for o in pool.outlets},
        previous=pool.previous,
        matches=pool.matches,
        wires=frozenset(o.id for o in pool.outlets if o.kind == "wire"),
        window=pool.config.window,  # series links follow the window matching used
        only=only,
        series=series,
    )


def _judged(pool: _Pool) -> tuple[MatchResult, list[ClusterVerdict]]:
    verdicts = _judge(pool)
    latest, matches, clusters = pool.latest, pool.matches, pool.clusters
    sources = {m.claim_id: (m.source, m.via) for v in verdicts for m in v.sources}
    for old_id, new_id in earlier_versions(latest, pool.previous).items():
        clusters[old_id] = clusters[new_id]
        sources[old_id] = ("", EARLIER_VERSION)
    lineage = _one_edge_each([e for v in verdicts for e in v.lineage], first_claims(latest))
    for edge in article_lineage(latest, pool.articles, matches, aliases=pool.aliases):
        lineage.setdefault((edge.article_id, edge.source_outlet, edge.kind), edge)
    result = MatchResult(
        matches=[(m.a, m.b, m.score, m.decision) for m in matches],
        clusters=clusters,
        sources=sources,
        lineage=list(lineage.values()),
        corroboration=[v.corroboration for v in verdicts],
    )
    return result, verdicts


@dataclass(frozen=True, slots=True)
class StoredCorroboration:
    """What the last corroboration pass left in the warehouse, as the next pass reads it."""

    settings: str = ""  # the digest its verdicts were judged under; "" when unknown
    clusters: Mapping[str, tuple[str, str, str]] = field(default_factory=dict)
    # ^ claim id -> (cluster id, source, via), as claim_clusters holds them
    matches: Sequence[ClaimMatch] = ()
    series: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    # ^ every judged cluster id -> (series id, previous cluster id); ("", "") in no series
    verdicts: Mapping[str, str] = field(default_factory=dict)  # cluster id -> verdict
    edges: Sequence[tuple[str, Lineage]] = ()  # (cluster id, lineage edge its verdict gave)
    touched: Collection[str] = ()  # article ids with a version no committed pass has seen


@dataclass(frozen=True, slots=True)
class CorroborationUpdate:
    """One corroboration pass as the rows to swap in.

    `whole`: `result` and `edges` are every row, replacing all. Otherwise they are the rows of
    what the run touched, and the other fields say which stored rows they replace: those of
    the clusters judged again or gone, the claims whose cluster row changed, the articles
    whose lineage was voted again and the matches that changed; every other row stands.
    `clusters` and `verdicts` are the whole answer's for the claims the pass read, for story
    grouping: every claim after a whole pass; after a bounded one (`corroborate_changes`,
    `rebuilt`), the claims of its pool (their clusters, earlier versions' claims included, and
    those clusters' verdicts). A claim absent from `clusters` keeps its stored cluster, and a
    cluster absent from `verdicts` its stored verdict: every changed row is in the pool.
    """

    result: MatchResult
    edges: tuple[tuple[str, Lineage], ...]
    settings: str
    clusters: Mapping[str, str]
    verdicts: Mapping[str, str]
    whole: bool = True
    replaced_clusters: frozenset[str] = frozenset()
    replaced_claims: frozenset[str] = frozenset()
    replaced_articles: frozenset[str] = frozenset()
    replaced_matches: frozenset[tuple[str, str]] = frozenset()


def settings_digest(
    outlets: Sequence[Outlet], aliases: Mapping[str, str], config: MatchConfig
) -> str:
    """What judging reads besides the claims, as one digest: outlet names and kinds, aliases,
    the window series are cut at, and the judging rules' version; and what clustering reads
    besides the matches (the cut-off and the link margin), since a bounded pass keeps the
    stored clusters of every component its new claims do not reach."""
    return stable_id(
        "corroboration-settings",
        JUDGING_VERSION,
        config.window.total_seconds(),
        config.cutoff,
        config.link_margin,
        sorted((o.id, o.name, o.kind) for o in outlets),
        sorted(aliases.items()),
        length=32,
    )


def corroborate_changes(
    latest: Sequence[Claim],
    articles: Mapping[str, ArticleInfo],
    outlets: Sequence[Outlet],
    config: MatchConfig,
    *,
    aliases: Mapping[str, str],
    previous: Sequence[Claim] = (),
    stored: StoredCorroboration | None = None,
    scorer: Scorer = score_blocks,
    new_matches: Sequence[ClaimMatch] | None = None,
    rebuilt: Collection[str] | None = None,
    firsts: Mapping[str, FirstClaim] | None = None,
    clustered: Callable[[Mapping[str, str]], object] | None = None,
) -> CorroborationUpdate:
    """`corroborate_claims`, judging again only what changed since the `stored` pass.

    Matching is incremental as there, unless `new_matches` are given: the matches of the new
    claims, found already (`matching.match_new` over the claims they reach). A cluster is
    judged again when its members changed (a claim joined or left, clusters merged or split),
    an article of it has a version the last pass did not see, an article of it reprints
    another by a changed set of matches (`derivations`), or its place in a series changed; a
    cluster's verdict reads nothing else but the outlets and the rules (`settings_digest`:
    when they changed, or nothing is stored, everything is judged). Lineage is voted again
    for the articles of those clusters and of changed matches, from the stored edges of their
    other clusters. The rows this gives are the rows a whole pass gives for the same claims.

    Bounded (`rebuilt` given, with `new_matches`): only the claims of `rebuilt` are clustered
    again, and every other claim keeps its stored cluster. Clustering is greedy within each
    connected component of the match graph and reads nothing outside it (its window rule and
    `series_links` included), so `rebuilt` must be closed under the matches (every match of
    one of its claims is between two of them) and hold every new claim and every claim a new
    match or a replaced claim's match touched. The pool need not be the warehouse then: it
    must hold, whole, each article of a rebuilt claim, each article with a version not seen
    (`stored.touched`) and each article of a cluster such an article has a claim in (with
    their earlier versions' claims and `articles` facts); besides them, the claims at the
    other end of their matches. `stored` needs the rows of the pool's claims and clusters and
    the matches and lineage edges of its whole articles; `firsts` the `first_claims` of every
    article a lineage edge of theirs may name as its source.

    `clustered`, when the pass is judged whole, is called with every claim's cluster (the
    update's `clusters`, earlier versions' claims included) once they are made and before
    judging starts: work that needs the clusters but not the verdicts (story grouping) can go
    on beside the judging.
    """
    stored = stored or StoredCorroboration()
    settings = settings_digest(outlets, aliases, config)
    if new_matches is None:
        matched = {c for c, (_, _, via) in stored.clusters.items() if via != EARLIER_VERSION}
        matches, clusters = match_claims(
            latest, config, matched=matched, earlier=stored.matches, scorer=scorer
        )
    else:
        with timed("cluster"):
            present = {c.claim_id for c in latest}
            kept = [m for m in stored.matches if m.a in present and m.b in present]
            matches = merged(kept, new_matches)
            clusters = _clusters(latest, matches, stored, rebuilt, config)
    with timed("verdicts"):
        pool = _Pool(latest, articles, outlets, aliases, previous, matches, clusters, config)
        if stored.settings != settings or (rebuilt is None and not stored.series):
            if rebuilt is not None:
                raise ValueError("a bounded pool cannot be judged whole: read every claim")
            if clustered is not None:
                clustered(_with_earlier_versions(clusters, latest, previous))
            return _whole(pool, settings)
        return _changes(pool, stored, rebuilt=rebuilt, firsts=firsts)


def _clusters(
    latest: Sequence[Claim],
    matches: Sequence[ClaimMatch],
    stored: StoredCorroboration,
    rebuilt: Collection[str] | None,
    config: MatchConfig,
) -> dict[str, str]:
    """Clusters of `rebuilt` made again, the stored cluster of every other claim."""
    if rebuilt is None:
        return cluster(latest, matches, config)
    inner = []
    for match in matches:
        inside = (match.a in rebuilt) + (match.b in rebuilt)
        if inside == 1:
            raise ValueError(f"a match leaves the claims clustered again: {match.a}, {match.b}")
        if inside:
            inner.append(match)
    clusters = {
        c.claim_id: stored.clusters[c.claim_id][0] for c in latest if c.claim_id not in rebuilt
    }
    clusters.update(cluster([c for c in latest if c.claim_id in rebuilt], inner, config))
    return clusters


def _with_earlier_versions(
    clusters: Mapping[str, str], latest: Sequence[Claim], previous: Sequence[Claim]
) -> dict[str, str]:
    """`clusters` with each earlier version's claim in the cluster of the claim that replaced
    it, as `_judged` puts it there."""
    found = dict(clusters)
    for old_id, new_id in earlier_versions(latest, previous).items():
        found[old_id] = found[new_id]
    return found


def _whole(pool: _Pool, settings: str) -> CorroborationUpdate:
    result, verdicts = _judged(pool)
    return CorroborationUpdate(
        result=result,
        edges=tuple((v.corroboration.cluster_id, e) for v in verdicts for e in v.lineage),
        settings=settings,
        clusters=result.clusters,
        verdicts={c.cluster_id: c.verdict for c in result.corroboration},
    )


def _changes(
    pool: _Pool,
    stored: StoredCorroboration,
    *,
    rebuilt: Collection[str] | None,
    firsts: Mapping[str, FirstClaim] | None,
) -> CorroborationUpdate:
    latest, articles, previous = pool.latest, pool.articles, pool.previous
    matches, clusters = pool.matches, pool.clusters
    if rebuilt is None:
        rebuilt = {c.claim_id for c in latest}
    article_of = {c.claim_id: c.article_id for c in previous}
    article_of.update((c.claim_id, c.article_id) for c in latest)
    members: dict[str, set[str]] = defaultdict(set)
    for claim in latest:
        members[clusters[claim.claim_id]].add(claim.claim_id)
    stored_members: dict[str, set[str]] = defaultdict(set)
    for claim_id, (cluster_id, _, via) in stored.clusters.items():
        if via != EARLIER_VERSION:
            stored_members[cluster_id].add(claim_id)

    before = {(m.a, m.b): m for m in stored.matches}
    after = {(m.a, m.b): m for m in matches}
    changed_matches = frozenset(
        k for k in before.keys() | after.keys() if before.get(k) != after.get(k)
    )
    rematched = {article_of[c] for pair in changed_matches for c in pair if c in article_of}
    touched = set(stored.touched)
    reprints = _changed_derivations(
        rematched - touched, latest, previous, stored.matches, matches, article_of
    )
    # Members and series can change only in the clusters made again: every other claim kept
    # its cluster, in a component of the match graph that no new or lost match reached, and a
    # series never leaves its component. Those clusters are judged again only for an article.
    remade = {clusters[c.claim_id] for c in latest if c.claim_id in rebuilt}
    series = series_fields(
        [c for c in latest if c.claim_id in rebuilt],
        [m for m in matches if m.a in rebuilt],
        clusters,
        window=pool.config.window,
    )
    unsettled = touched | reprints
    judged = {
        cluster_id
        for cluster_id in remade
        if cluster_id not in stored.series
        or members[cluster_id] != stored_members.get(cluster_id)
        or series.get(cluster_id, ("", "")) != stored.series[cluster_id]
    }
    judged |= {clusters[c.claim_id] for c in latest if c.article_id in unsettled}
    for cluster_id in judged - remade:
        if stored.series.get(cluster_id, ("", "")) != ("", ""):
            series[cluster_id] = stored.series[cluster_id]
    gone = set(stored_members) - set(members)
    verdicts = _judge(pool, only=judged, series=series)

    # Claim rows: every member of a cluster judged again or gone (before and after), and the
    # earlier versions' rows that now point elsewhere or nowhere.
    replaced = judged | gone
    sources = {m.claim_id: (m.source, m.via) for v in verdicts for m in v.sources}
    claim_rows = {c: clusters[c] for k in judged for c in members[k]}
    redone = set(claim_rows)
    for cluster_id in replaced:
        redone |= stored_members.get(cluster_id, set())
    earlier = {old: clusters[new] for old, new in earlier_versions(latest, previous).items()}
    for claim_id, (cluster_id, _, via) in stored.clusters.items():
        if via == EARLIER_VERSION and earlier.get(claim_id) != cluster_id:
            redone.add(claim_id)
    for old_id, cluster_id in earlier.items():
        if stored.clusters.get(old_id) != (cluster_id, "", EARLIER_VERSION):
            redone.add(old_id)
    for claim_id in redone:
        if claim_id in earlier:
            claim_rows[claim_id] = earlier[claim_id]
            sources[claim_id] = ("", EARLIER_VERSION)

    # Lineage: voted again for every article a judged or gone cluster holds, whose matches
    # changed, or that has a version not seen (an article without claims has no cluster).
    with_claims = {c.article_id for c in latest}
    voted = touched | rematched | {a for a in articles if a not in with_claims}
    for cluster_id in replaced:
        voted |= {article_of[c] for c in members.get(cluster_id, ()) if c in article_of}
        voted |= {article_of[c] for c in stored_members.get(cluster_id, ()) if c in article_of}
    fresh = [(v.corroboration.cluster_id, e) for v in verdicts for e in v.lineage]
    kept = [(k, e) for k, e in stored.edges if k not in replaced and e.article_id in voted]
    edges = [
        e for _, e in sorted([*kept, *fresh], key=lambda item: item[0]) if e.article_id in voted
    ]
    lineage = _one_edge_each(edges, first_claims(latest) if firsts is None else firsts)
    for edge in article_lineage(latest, articles, matches, aliases=pool.aliases, only=voted):
        lineage.setdefault((edge.article_id, edge.source_outlet, edge.kind), edge)

    all_clusters = dict(clusters)
    all_clusters.update(earlier)
    all_verdicts = {k: v for k, v in stored.verdicts.items() if k not in replaced}
    all_verdicts.update((v.corroboration.cluster_id, v.corroboration.verdict) for v in verdicts)
    return CorroborationUpdate(
        result=MatchResult(
            matches=[
                (m.a, m.b, m.score, m.decision)
                for k in sorted(changed_matches)
                if (m := after.get(k))
            ],
            clusters=claim_rows,
            sources={c: sources[c] for c in claim_rows},
            lineage=list(lineage.values()),
            corroboration=[v.corroboration for v in verdicts],
        ),
        edges=tuple(fresh),
        settings=stored.settings,
        clusters=all_clusters,
        verdicts=all_verdicts,
        whole=False,
        replaced_clusters=frozenset(replaced),
        replaced_claims=frozenset(redone),
        replaced_articles=frozenset(voted),
        replaced_matches=changed_matches,
    )


def _changed_derivations(
    candidates: Collection[str],
    latest: Sequence[Claim],
    previous: Sequence[Claim],
    before: Sequence[ClaimMatch],
    after: Sequence[ClaimMatch],
    article_of: Mapping[str, str],
) -> set[str]:
    """Of `candidates` (articles whose matches changed, each at the version the last pass
    saw), those whose text reuse (`derivations`) reads differently with the new matches."""
    if not candidates:
        return set()
    own = [c for c in latest if c.article_id in candidates]
    by_id = {c.claim_id: c for c in (*previous, *latest)}

    def reuse(matches: Sequence[ClaimMatch]) -> dict[str, object]:
        near = [
            m
            for m in matches
            if article_of.get(m.a) in candidates or article_of.get(m.b) in candidates
        ]
        others = {c for m in near for c in (m.a, m.b) if article_of.get(c) not in candidates}
        pool = [*own, *(by_id[c] for c in sorted(others) if c in by_id)]
        return dict(derivations(pool, near, articles=candidates))

    old, new = reuse(before), reuse(after)
    return {a for a in candidates if old.get(a) != new.get(a)}


FirstClaim = tuple[datetime, str]  # (time or NEVER, text) of an article's earliest claim


def first_claims(claims: Iterable[Claim]) -> dict[str, FirstClaim]:
    """Each article's earliest claim as (time, text): what ranks it as a lineage source."""
    return first_claim_keys((c.article_id, c.published_at, c.text) for c in claims)


def first_claim_keys(rows: Iterable[tuple[str, datetime | None, str]]) -> dict[str, FirstClaim]:
    """`first_claims` of (article id, published time, text) rows, one per claim."""
    first: dict[str, FirstClaim] = {}
    for article_id, published_at, text in rows:
        key = (published_at or NEVER, text)
        first[article_id] = min(first.get(article_id, key), key)
    return first


def _one_edge_each(
    edges: Sequence[Lineage], first_claim: Mapping[str, FirstClaim]
) -> dict[tuple[str, str, str], Lineage]:
    """One lineage edge per (article, source outlet, kind) where several clusters give one.

    Clusters are judged in the order of their ids, which come from URLs, so "the last
    cluster's edge" would change with a host or port. The edge kept is the one most clusters
    give, naming a source article before none, then the earliest source article by what it
    says: the same corpus gives the same lineage wherever it is served.
    """
    votes: dict[tuple[str, str, str], Counter[Lineage]] = defaultdict(Counter)
    for edge in edges:
        votes[(edge.article_id, edge.source_outlet, edge.kind)][edge] += 1

    def rank(item: tuple[Lineage, int]) -> tuple[int, bool, tuple[datetime, str], str]:
        edge, count = item
        source = first_claim.get(edge.source_article_id, (NEVER, ""))
        return (-count, not edge.source_article_id, source, edge.evidence)

    return {key: min(counts.items(), key=rank)[0] for key, counts in votes.items()}
