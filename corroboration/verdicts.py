"""Per claim cluster: lineage roots, independent sources, first reporter, numbers, verdict."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import cast, get_args

from rapidfuzz import fuzz

from wiretrace.corroboration.clustering import series_links
from wiretrace.corroboration.figures import conflicting_figures
from wiretrace.corroboration.scoring import DEFAULT_THRESHOLD, DEFAULT_WINDOW, masked, text_score
from wiretrace.corroboration.timeline import (
    NEWS_CYCLE,
    FigureHistory,
    Relation,
    TracedMention,
    figure_history,
)
from wiretrace.records import (
    ArticleInfo,
    Attribution,
    Claim,
    ClaimMatch,
    Corroboration,
    FigureConflict,
    Lineage,
    LineageKind,
    Verdict,
)

UNNAMED_AGENCIES = "agencies"
LINEAGE_KINDS: frozenset[str] = frozenset(get_args(LineageKind))
VERBATIM_RATIO = 90.0  # fuzz.ratio of two sentences this close: the same words, not a retelling
MIN_SHARED_SENTENCES = 2  # an article reusing this many sentences of an earlier one derives from it
MIN_SHARED_SHARE = 0.3  # ... and they are at least this share of its claims


@dataclass(frozen=True, slots=True)
class Derivation:
    """A later article reuses the text of an earlier one (passim-style text reuse)."""

    article_id: str
    source_article_id: str
    source_outlet: str
    shared: int
    evidence: str


@dataclass(frozen=True, slots=True)
class MentionSource:
    """The independent source one mention stands for, and how it got there."""

    claim_id: str
    source: str
    via: str  # "own" | "verbatim" | "credited" | "attributed"


@dataclass(frozen=True, slots=True)
class ClusterVerdict:
    corroboration: Corroboration
    lineage: tuple[Lineage, ...]
    sources: tuple[MentionSource, ...] = ()


def source_id(name: str, aliases: Mapping[str, str]) -> str:
    """An outlet id for a known alias, else a stable lower-case key for the named source."""
    key = name.strip().lower()
    return aliases.get(key) or re.sub(r"[^a-z0-9]+", "-", key).strip("-")


def derivations(
    claims: Sequence[Claim],
    matches: Sequence[ClaimMatch],
    *,
    articles: Collection[str] | None = None,
) -> dict[str, Derivation]:
    """Which article reuses an earlier article's sentences nearly verbatim, and how many.

    One shared sentence is a common fact told in common words; several, making up a good share
    of the later article, are a reprint. Each later article keeps its strongest earlier source.
    With `articles`, only the derivations of those later articles (each reads only the matches
    of its own claims, so it is the same as in the whole answer).
    """
    by_id = {c.claim_id: c for c in claims}
    claims_per_article: dict[str, int] = defaultdict(int)
    for claim in claims:
        claims_per_article[claim.article_id] += 1
    shared: dict[tuple[str, str], list[tuple[str, str, float]]] = defaultdict(list)
    for match in matches:
        a, b = by_id.get(match.a), by_id.get(match.b)
        if a is None or b is None or a.outlet_id == b.outlet_id:
            continue
        later, earlier = (a, b) if _time(a) > _time(b) else (b, a)
        if articles is not None and later.article_id not in articles:
            continue
        ratio = fuzz.ratio(masked(a.norm_text), masked(b.norm_text))
        if ratio < VERBATIM_RATIO:
            continue
        shared[(later.article_id, earlier.article_id)].append(
            (later.claim_id, earlier.claim_id, ratio)
        )
    found: dict[str, Derivation] = {}
    for (later_article, earlier_article), pairs in sorted(shared.items()):
        pairs = aligned_in_order(pairs, by_id)
        sentences = len(pairs)
        if sentences < MIN_SHARED_SENTENCES:
            continue
        if sentences < MIN_SHARED_SHARE * claims_per_article[later_article]:
            continue
        source_outlet = by_id[pairs[0][1]].outlet_id
        evidence = "; ".join(
            f"#{by_id[x].position}~#{by_id[y].position} ({r:.0f})" for x, y, r in pairs[:12]
        )
        candidate = Derivation(
            later_article,
            earlier_article,
            source_outlet,
            sentences,
            f"{sentences} near-verbatim sentences in order (later#~earlier#, similarity): "
            f"{evidence}",
        )
        if later_article not in found or found[later_article].shared < sentences:
            found[later_article] = candidate
    return found


def aligned_in_order(
    pairs: Sequence[tuple[str, str, float]], by_id: Mapping[str, Claim]
) -> list[tuple[str, str, float]]:
    """The longest chain of sentence pairs that runs in the same order in both articles.

    passim's alignment idea at sentence grain: a reprint reuses passages in order; the same
    sentences scattered in another order are more likely common phrasing.
    """
    best_per_later: dict[str, tuple[str, str, float]] = {}
    for pair in pairs:
        later = pair[0]
        if later not in best_per_later or pair[2] > best_per_later[later][2]:
            best_per_later[later] = pair
    ordered = sorted(best_per_later.values(), key=lambda p: by_id[p[0]].position)
    # Longest increasing subsequence of the earlier positions (n is a few dozen: O(n^2) is fine).
    length = [1] * len(ordered)
    back = [-1] * len(ordered)
    for i, pair in enumerate(ordered):
        for j in range(i):
            if (
                by_id[ordered[j][1]].position < by_id[pair[1]].position
                and length[j] + 1 > length[i]
            ):
                length[i], back[i] = length[j] + 1, j
    if not ordered:
        return []
    index = max(range(len(ordered)), key=lambda k: (length[k], -k))
    chain = []
    while index != -1:
        chain.append(ordered[index])
        index = back[index]
    return chain[::-1]


NEVER = datetime.max.replace(tzinfo=UTC)  # claims with no known time sort last


def _time(claim: Claim) -> tuple[datetime, str]:
    return (claim.published_at or NEVER, claim.claim_id)


def corroborate(
    clusters: Mapping[str, str],
    claims: Sequence[Claim],
    articles: Mapping[str, ArticleInfo],
    *,
    aliases: Mapping[str, str],
    names: Mapping[str, str] | None = None,
    previous: Sequence[Claim] = (),
    matches: Sequence[ClaimMatch] = (),
    wires: frozenset[str] = frozenset(),
    window: timedelta = DEFAULT_WINDOW,
    cycle: timedelta = NEWS_CYCLE,
    only: Collection[str] | None = None,
    series: Mapping[str, tuple[str, str]] | None = None,
) -> list[ClusterVerdict]:
    """Verdicts for every cluster of `claims` (latest article versions), or for those in `only`.

    `matches` are the scored pairs (for text-reuse lineage, and the series of clusters that
    restate a claim after the matching `window`); `previous` are claims of earlier versions
    of the same articles: a cluster whose claim a later version changed is `updated`, as is
    one whose figure a later report of the same source supersedes (`timeline`); figures that
    disagree within one news `cycle` make it `disputed`. `series` is `series_fields` of the
    same claims, when the caller has it already.

    A cluster's verdict reads its own claims, their articles (credits, citations, reprints:
    `derivations`), the earlier versions of those articles, its place in a series, and the
    outlets; judging `only` some clusters gives each the verdict it has among all.
    """
    names = names or {}
    by_cluster: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_cluster[clusters[claim.claim_id]].append(claim)
    judged = sorted(by_cluster if only is None else (c for c in by_cluster if c in only))
    derived = derivations(
        claims,
        matches,
        articles=None if only is None else {c.article_id for k in judged for c in by_cluster[k]},
    )
    became = earlier_versions(claims, previous)
    updated = _updated_clusters(clusters, claims, previous, became)
    by_id = {c.claim_id: c for c in previous}
    older: dict[str, list[Claim]] = defaultdict(list)
    for old_id, new_id in became.items():
        older[new_id].append(by_id[old_id])
    if series is None:
        series = series_fields(claims, matches, clusters, window=window)
    results = []
    for cluster_id in judged:
        verdict = _verdict(
            cluster_id,
            by_cluster[cluster_id],
            articles,
            aliases,
            names,
            updated.get(cluster_id),
            derived,
            wires,
            older,
            cycle,
        )
        if cluster_id in series:
            series_id, previous_cluster_id = series[cluster_id]
            verdict = replace(
                verdict,
                corroboration=replace(
                    verdict.corroboration,
                    series_id=series_id,
                    previous_cluster_id=previous_cluster_id,
                ),
            )
        results.append(verdict)
    return results


def series_fields(
    claims: Sequence[Claim],
    matches: Sequence[ClaimMatch],
    clusters: Mapping[str, str],
    *,
    window: timedelta = DEFAULT_WINDOW,
) -> dict[str, tuple[str, str]]:
    """cluster id -> (series id, previous cluster id) of every cluster in a series: those that
    restate an earlier one (`series_links`), and the first of each series (named by itself,
    with no previous cluster). Clusters in no series are absent."""
    links = series_links(claims, matches, clusters, window=window)
    fields = {link.previous_cluster_id: (link.previous_cluster_id, "") for link in links.values()}
    fields.update(
        (cluster_id, (link.series_id, link.previous_cluster_id))
        for cluster_id, link in links.items()
    )
    return fields


def article_lineage(
    claims: Sequence[Claim],
    articles: Mapping[str, ArticleInfo],
    matches: Sequence[ClaimMatch],
    *,
    aliases: Mapping[str, str],
    only: Collection[str] | None = None,
) -> list[Lineage]:
    """Every article's sources, whether or not a claim of it is shared: PROV's wasQuotedFrom.

    Text reuse (verbatim), credit lines (credited) and in-text citations (attributed). The
    source article is the earlier article of the source outlet sharing most matched claims
    with it, or '' when the source was never fetched (a wire whose site we do not read).
    With `only`, the edges of those articles alone (each reads its own claims' matches).
    """
    by_id = {c.claim_id: c for c in claims}
    shared: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for match in matches:
        a, b = by_id.get(match.a), by_id.get(match.b)
        if a is None or b is None or a.outlet_id == b.outlet_id:
            continue
        later, earlier = (a, b) if _time(a) > _time(b) else (b, a)
        if only is not None and later.article_id not in only:
            continue
        shared[(later.article_id, earlier.outlet_id)][earlier.article_id] += 1

    def source_article(article_id: str, outlet: str) -> str:
        counts = shared.get((article_id, outlet))
        return counts.most_common(1)[0][0] if counts else ""

    edges: dict[tuple[str, str, str], Lineage] = {}
    for reuse in derivations(claims, matches, articles=only).values():
        edges[(reuse.article_id, reuse.source_outlet, "verbatim")] = Lineage(
            reuse.article_id,
            reuse.source_article_id,
            reuse.source_outlet,
            "verbatim",
            reuse.evidence,
        )
    for article in articles.values():
        if only is not None and article.article_id not in only:
            continue
        for name in (n for n in article.credit.split(",") if n.strip()):
            source = source_id(name, aliases)
            if source != article.outlet_id:
                edges[(article.article_id, source, "credited")] = Lineage(
                    article.article_id,
                    source_article(article.article_id, source),
                    source,
                    "credited",
                    f"credit line: {article.credit}",
                )
        for source in article.cited:
            if source != article.outlet_id:
                edges[(article.article_id, source, "attributed")] = Lineage(
                    article.article_id,
                    source_article(article.article_id, source),
                    source,
                    "attributed",
                    f"the article attributes claims to {source}",
                )
    return sorted(edges.values(), key=lambda e: (e.article_id, e.kind, e.source_outlet))


def earlier_versions(claims: Sequence[Claim], previous: Sequence[Claim]) -> dict[str, str]:
    """Claim id of an earlier version -> the claim of the latest version it became.

    A claim whose text an edit left alone maps to its identical twin; a changed one to the
    most similar claim of the new version, when that is still the same statement.
    """
    latest_by_article: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        latest_by_article[claim.article_id].append(claim)
    became: dict[str, str] = {}
    for old in previous:
        candidates = latest_by_article.get(old.article_id, [])
        same = next((c for c in candidates if c.norm_text == old.norm_text), None)
        if same is not None:
            became[old.claim_id] = same.claim_id
            continue
        old_text = masked(old.norm_text)
        scored = [(text_score(masked(c.norm_text), old_text), c.claim_id) for c in candidates]
        if scored:
            score, claim_id = max(scored)
            if score >= DEFAULT_THRESHOLD:
                became[old.claim_id] = claim_id
    return became


def _updated_clusters(
    clusters: Mapping[str, str],
    claims: Sequence[Claim],
    previous: Sequence[Claim],
    became: Mapping[str, str],
) -> dict[str, str]:
    """cluster id -> "before" text, for claims that an article's later version changed
    (`became`: `earlier_versions` of the same claims)."""
    by_id = {c.claim_id: c for c in claims}
    changed: dict[str, str] = {}
    for old in previous:
        new_id = became.get(old.claim_id)
        if new_id is not None and by_id[new_id].norm_text != old.norm_text:
            changed.setdefault(clusters[new_id], old.text)
    return changed


def _verdict(
    cluster_id: str,
    mentions: list[Claim],
    articles: Mapping[str, ArticleInfo],
    aliases: Mapping[str, str],
    names: Mapping[str, str],
    updated_from: str | None,
    derived: Mapping[str, Derivation],
    wires: frozenset[str],
    older: Mapping[str, Sequence[Claim]],
    cycle: timedelta,
) -> ClusterVerdict:
    ordered = sorted(mentions, key=lambda c: (c.published_at or NEVER, c.outlet_id, c.claim_id))
    first = ordered[0]
    outlets = tuple(sorted({c.outlet_id for c in ordered}))
    tracer = _RootTracer(ordered, articles, aliases, derived, wires, names)
    roots: dict[str, str] = {}  # claim id -> the source it stands for
    vias: dict[str, str] = {}
    edges: dict[tuple[str, str, str], Lineage] = {}
    explain: dict[str, str] = {}  # outlet -> how it derives
    verbs = {
        "credited": "credits",
        "attributed": "attributes it to",
        "verbatim": "reprints",
        "quoted": "quotes",
    }
    relayed: dict[str, str] = {}  # claim id -> the outlet whose report it carries
    for claim in ordered:
        root, link = tracer.root(claim)
        roots[claim.claim_id] = root
        vias[claim.claim_id] = link[1] if link else "own"
        if link is not None and link[1] in LINEAGE_KINDS:
            relayed[claim.claim_id] = link[0]
        if link is None:
            continue
        source, kind, evidence = link
        if kind in LINEAGE_KINDS:  # lineage links articles to outlets; a quoted person is none
            edges[(claim.article_id, source, kind)] = Lineage(
                claim.article_id,
                _article_of(source, ordered, claim),
                source,
                cast(LineageKind, kind),
                evidence,
            )
        explain.setdefault(claim.outlet_id, f"{verbs[kind]} {tracer.display(source)}")
    names = {**tracer.displays, **names}
    sources = tuple(sorted(set(roots.values())))
    history = figure_history(
        [
            TracedMention(
                c,
                roots[c.claim_id],
                vias[c.claim_id],
                relayed.get(c.claim_id, ""),
                tuple(older.get(c.claim_id, ())),
            )
            for c in ordered
        ],
        names={**tracer.displays, **names},
        cycle=cycle,
    )
    conflicts = history.disputes
    disputed = history.disputed
    verdict: Verdict
    n_out, n_src = len(outlets), len(sources)
    counted = f"{_plural(n_out, 'outlet')}, {_plural(n_src, 'independent source')}"
    how = "; ".join(f"{_name(o, names)} {text}" for o, text in sorted(explain.items()))
    if disputed:
        verdict = "disputed"
        reason = f"{counted}; figures disagree within one news cycle: " + _disputed(
            history, ordered, conflicts, names
        )
    elif updated_from is not None:
        verdict = "updated"
        reason = f"{counted}; a later version changed it (was: {updated_from[:120]})"
    elif history.updated:
        verdict = "updated"
        reason = f"{counted}; a later report supersedes the figure: " + _relations(
            history.of_kind("update", "edit")
        )
    elif n_src >= 2 and n_out >= 2:
        verdict = "corroborated"
        reason = f"{counted}: " + ", ".join(_name(s, names) for s in sources)
    elif n_out >= 2:
        verdict = "wire-only"
        relays = ", ".join(_name(o, names) for o in outlets if o != sources[0])
        reason = f"{counted}: {_name(sources[0], names)}"
        reason += f" (relayed by {relays}; {how})" if how else f" (relayed by {relays})"
    else:
        verdict = "single-source"
        reason = f"only {_name(first.outlet_id, names)} reports it"
        if sources and sources[0] != first.outlet_id:
            reason += f", citing {_name(sources[0], names)}"
    if how and verdict in ("corroborated", "disputed", "updated"):
        reason += f" ({how})"
    if verdict != "disputed" and history.of_kind("later"):
        reason += "; figures changed across news cycles: " + _relations(history.of_kind("later"))
    first_article = articles.get(first.article_id)
    corroboration = Corroboration(
        cluster_id=cluster_id,
        text=first.text,
        outlets=outlets,
        independent_sources=n_src,
        sources=sources,
        first_outlet=first.outlet_id,
        first_published_at=first.published_at,
        first_time_source=first_article.published_source if first_article else "fetch",
        numbers_agree=not disputed,
        verdict=verdict,
        reason=reason,
        member_claim_ids=tuple(c.claim_id for c in ordered),
        disagreements=conflicts,
        timeline=history.points,
    )
    mention_sources = tuple(
        MentionSource(c.claim_id, roots[c.claim_id], vias[c.claim_id]) for c in ordered
    )
    return ClusterVerdict(corroboration, tuple(edges.values()), mention_sources)


class _RootTracer:
    """The independent source each mention of one cluster stands for.

    A mention's root, in order:
    1. the primary source its sentence attributes it to (a named person, organisation,
       document, outlet or wire; not an anonymous one, and not the outlet itself); an outlet
       or wire cited so stands for whatever that outlet's own mention stands for;
    2. else a source its article credits, cites elsewhere or reprints, when that source
       carries the claim in any mention of the cluster, whatever the order of publication
       (a reprint stands for its source: "(Reuters) -" copy published after a rewrite that
       cites Reuters still makes Reuters the source of both);
    3. else a credited source that is not in the cluster at all (a wire whose site is not
       read): "(With inputs from agencies)" counts as the wire that carried the claim, if any;
    4. else the outlet itself.
    Roots collapse along chains (A cites B, B credits C: A's root is C's), and a cycle stops
    at the outlet where it closes. Anonymous sources ("sources said") belong to the outlet
    that reported them, and so to its root when that outlet reprints another.
    """

    def __init__(
        self,
        mentions: Sequence[Claim],
        articles: Mapping[str, ArticleInfo],
        aliases: Mapping[str, str],
        derived: Mapping[str, Derivation],
        wires: frozenset[str],
        names: Mapping[str, str],
    ) -> None:
        self.mentions = mentions
        self.articles = articles
        self.aliases = aliases
        self.derived = derived
        self.wires = wires
        self.names = names
        self.by_outlet: dict[str, list[Claim]] = defaultdict(list)
        for claim in mentions:
            self.by_outlet[claim.outlet_id].append(claim)
        self.keys = _unified_keys(mentions)
        self.displays: dict[str, str] = {}
        for claim in mentions:
            for attribution in claim.attributions:
                own_key = _key(attribution)
                key = self.keys.get(own_key, own_key)
                shown = attribution.source or attribution.cited
                if key and shown and len(shown) > len(self.displays.get(key, "")):
                    self.displays[key] = shown
        # Sources that carry the claim: the outlets of its mentions, and the sources their
        # articles reprint (credited or reused verbatim), for a reprint stands for its source.
        self.carriers: set[str] = set(self.by_outlet)
        for claim in mentions:
            self.carriers.update(s for s, _, _ in self._reprinted(claim))
        self._done: dict[str, tuple[str, tuple[str, str, str] | None]] = {}

    def display(self, source: str) -> str:
        return self.names.get(source) or self.displays.get(source, source)

    def root(
        self, claim: Claim, visiting: frozenset[str] = frozenset()
    ) -> tuple[str, tuple[str, str, str] | None]:
        if claim.claim_id in self._done:
            return self._done[claim.claim_id]
        found = self._trace(claim, visiting | {claim.outlet_id})
        self._done[claim.claim_id] = found
        return found

    def outlet_root(self, outlet: str, visiting: frozenset[str]) -> str:
        """What `outlet` stands for in this cluster: its earliest mention's root, else itself."""
        if outlet in visiting or outlet not in self.by_outlet:
            return outlet
        return self.root(self.by_outlet[outlet][0], visiting)[0]

    def _trace(
        self, claim: Claim, visiting: frozenset[str]
    ) -> tuple[str, tuple[str, str, str] | None]:
        own = claim.outlet_id
        quoted = self._sentence_source(claim)
        if quoted is not None:
            source, is_outlet = quoted
            if is_outlet:
                return self.outlet_root(source, visiting), (
                    source,
                    "attributed",
                    f"the sentence cites {source}: {claim.text[:160]}",
                )
            return source, (source, "quoted", f"the sentence quotes {source}: {claim.text[:160]}")
        article = self.articles.get(claim.article_id)
        candidates = list(self._reprinted(claim))
        candidates += [
            (c, "attributed", "the article cites it elsewhere")
            for c in (article.cited if article else ())
            if c != own
        ]
        for source, kind, evidence in candidates:
            if source in self.carriers:
                return self.outlet_root(source, visiting), (source, kind, evidence)
        credited = [(s, k, e) for s, k, e in self._reprinted(claim) if k == "credited"]
        if credited:
            source, kind, evidence = credited[0]
            if source == UNNAMED_AGENCIES:
                # "(With inputs from agencies)": an unnamed wire; if a wire carries the claim,
                # count it as that wire rather than invent a second source.
                wire = next((o for o in sorted(self.by_outlet) if o in self.wires), None)
                if wire is not None:
                    return self.outlet_root(wire, visiting), (wire, kind, evidence)
            return source, (source, kind, evidence)
        return own, None

    def _sentence_source(self, claim: Claim) -> tuple[str, bool] | None:
        """(key, whether it is an outlet) of the first source the sentence names.

        An unnamed source that spoke to an outlet ("a spokesperson told Reuters") counts as
        that outlet's own reporting; an unnamed source alone is left to the article's roots.
        """
        for attribution in claim.attributions:
            kind = attribution.source_kind or attribution.kind
            if kind == "anonymous":
                channel = attribution.channel
                if channel and channel != claim.outlet_id and channel in self.names:
                    return channel, True
                continue
            key = _key(attribution)
            key = self.keys.get(key, key)
            if not key or key == claim.outlet_id:
                continue
            return key, kind in ("outlet", "wire") or key in self.names
        return None

    def _reprinted(self, claim: Claim) -> list[tuple[str, str, str]]:
        """Sources the mention's article credits or reuses verbatim, other than its outlet."""
        article = self.articles.get(claim.article_id)
        found: list[tuple[str, str, str]] = []
        if article is not None:
            for name in (n for n in article.credit.split(",") if n.strip()):
                source = source_id(name, self.aliases)
                if source != claim.outlet_id:
                    found.append((source, "credited", f"credit line: {article.credit}"))
        reuse = self.derived.get(claim.article_id)
        if reuse is not None and reuse.source_outlet != claim.outlet_id:
            found.append((reuse.source_outlet, "verbatim", reuse.evidence))
        return found


def _key(attribution: Attribution) -> str:
    """The source's key: the extractor's, else one made from the name as written."""
    if attribution.key:
        return attribution.key
    return source_id(attribution.cited, {}) if attribution.cited else ""


def _unified_keys(mentions: Sequence[Claim]) -> dict[str, str]:
    """One key per person across the cluster's outlets: "modi" and "narendra modi" are one
    source when the shorter key's words are the last words of a person's longer key (a
    surname, or a name without its first names) and of no other person's key in the cluster.
    An outlet may type a bare surname as an organisation ("Modi said"): it still merges."""
    people: set[str] = set()
    others: set[str] = set()
    for claim in mentions:
        for attribution in claim.attributions:
            key, kind = _key(attribution), attribution.source_kind or attribution.kind
            if key and kind in ("person", "official"):
                people.add(key)
            elif key and kind == "organisation":
                others.add(key)
    words = {k: re.split(r"[^a-z0-9]+", k.lower()) for k in people | others}
    merged: dict[str, str] = {}
    for short in people | others:
        n = len(words[short])
        longer = [k for k in people if len(words[k]) > n and words[k][-n:] == words[short]]
        if len(longer) == 1:  # two people share the surname: leave it alone
            merged[short] = longer[0]
    # "Sarah Sanders" = "Sarah Huckabee Sanders", "Dick Durbin" = "Richard Durbin": the same
    # surname, and first names that are equal or one's usual short form, with middle names
    # left out; only when one person of the cluster fits.
    for short in people - merged.keys():
        first, last = words[short][0], words[short][-1]
        if len(words[short]) < 2:
            continue
        fits = [
            k
            for k in people
            if k != short
            and len(words[k]) >= len(words[short])
            and words[k][-1] == last
            and _same_first_name(words[k][0], first)
        ]
        if len(fits) == 1 and merged.get(fits[0]) != short:
            merged[short] = merged.get(fits[0], fits[0])
    return merged


# Usual English short forms of first names, as news copy writes them.
_SHORT_NAMES = {
    "richard": ("dick", "rick", "rich"), "william": ("bill", "will", "billy"),
    "robert": ("bob", "rob", "bobby"), "charles": ("chuck", "charlie"),
    "michael": ("mike",), "james": ("jim", "jimmy"), "joseph": ("joe",),
    "thomas": ("tom",), "edward": ("ed", "ted", "teddy"), "elizabeth": ("liz", "beth"),
    "christopher": ("chris",), "daniel": ("dan", "danny"), "david": ("dave",),
    "donald": ("don",), "jeffrey": ("jeff",), "kenneth": ("ken",), "lawrence": ("larry",),
    "matthew": ("matt",), "nicholas": ("nick",), "patrick": ("pat",), "peter": ("pete",),
    "ronald": ("ron",), "samuel": ("sam",), "stephen": ("steve",), "steven": ("steve",),
    "timothy": ("tim",), "anthony": ("tony",), "andrew": ("andy",), "benjamin": ("ben",),
    "gregory": ("greg",), "jonathan": ("jon",), "katherine": ("kate", "kathy"),
    "margaret": ("maggie", "peggy"), "rebecca": ("becky",), "susan": ("sue",),
    "alexander": ("alex",), "frederick": ("fred",), "gerald": ("jerry",), "harold": ("harry",),
    "mitchell": ("mitch",), "nancy": ("nan",), "theodore": ("ted",), "willard": ("mitt",),
}  # fmt: skip
_FULL_NAMES: dict[str, set[str]] = {}
for _full, _shorts in _SHORT_NAMES.items():
    for _short in _shorts:
        _FULL_NAMES.setdefault(_short, set()).add(_full)


def _same_first_name(a: str, b: str) -> bool:
    return bool(({a} | _FULL_NAMES.get(a, set())) & ({b} | _FULL_NAMES.get(b, set())))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _article_of(outlet_id: str, mentions: Sequence[Claim], claim: Claim) -> str:
    """The article of the source outlet's mention (its earliest), or "" if it has none."""
    for other in mentions:
        if other.outlet_id == outlet_id and other.article_id != claim.article_id:
            return other.article_id
    return ""


def _name(source: str, names: Mapping[str, str]) -> str:
    return names.get(source, source)


def figure_conflicts(claims: Sequence[Claim]) -> tuple[FigureConflict, ...]:
    """Every figure of one mention that disagrees with a figure of another, both ways round.

    The rule of `conflicting_figures`: figures that agree with some figure of the other mention
    (allowing for rounding and "about") are set aside; what is left and comparable disagrees.
    Judged here once: the warehouse stores it and reports mark exactly these figures. In the
    order of `claims`, then of each claim's figures.
    """
    found: list[FigureConflict] = []
    for a in claims:
        index_a = {id(q): i for i, q in enumerate(a.quantities)}
        for b in claims:
            if b.claim_id == a.claim_id:
                continue
            index_b = {id(q): i for i, q in enumerate(b.quantities)}
            found += [
                FigureConflict(a.claim_id, index_a[id(x)], b.claim_id, index_b[id(y)])
                for x, y in conflicting_figures(a.quantities, b.quantities)
            ]
    return tuple(found)


def _relations(relations: Sequence[Relation], limit: int = 3) -> str:
    shown = "; ".join(dict.fromkeys(r.reason for r in relations[:limit]))
    return shown + (f"; and {len(relations) - limit} more" if len(relations) > limit else "")


def _disputed(
    history: FigureHistory,
    claims: Sequence[Claim],
    conflicts: Sequence[FigureConflict],
    names: Mapping[str, str],
) -> str:
    """The figures in dispute, then what kind of disagreement it is."""
    kinds = {r.kind for r in history.of_kind("independent", "relay")}
    kind = " and ".join(
        text
        for key, text in (
            ("independent", "independent sources disagree"),
            ("relay", "a relay does not carry its source's figure"),
        )
        if key in kinds
    )
    return f"{_figures(claims, conflicts, names)} ({kind})"


def _figures(
    claims: Sequence[Claim], conflicts: Sequence[FigureConflict], names: Mapping[str, str]
) -> str:
    """Only the figures that disagree: "Reuters $29 billion vs CNA US$30 billion"."""
    by_id = {c.claim_id: c for c in claims}
    position = {c.claim_id: i for i, c in enumerate(claims)}
    parts = []
    for conflict in conflicts:  # each pair once: the earlier mention first
        if position[conflict.claim_id] < position[conflict.other_claim_id]:
            a, b = by_id[conflict.claim_id], by_id[conflict.other_claim_id]
            x, y = a.quantities[conflict.index], b.quantities[conflict.other_index]
            parts.append(
                f"{_name(a.outlet_id, names)} {x.raw} vs {_name(b.outlet_id, names)} {y.raw}"
            )
    if not parts:  # the plain numbers of near-identical sentences differ
        parts = [f"{_name(c.outlet_id, names)}: {c.text[:100]}" for c in claims[:2]]
    return "; ".join(dict.fromkeys(parts))
