"""What one claim's report shows in every format: mention labels, figures and their disagreements, the figures over time, lineage links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from wiretrace.records import ClaimMention, ClaimReport

LINEAGE_VERBS = {
    "verbatim": "reprints",
    "credited": "credits",
    "attributed": "cites",
}


def mention_label(mention: ClaimMention) -> str:
    label = mention.outlet or mention.outlet_id or "?"
    return label if mention.latest else f"{label} (earlier version)"


def _label(mention: ClaimMention | None, fallback: str) -> str:
    # A figure of a mention the report does not list is named by what the figure row knows.
    return mention_label(mention) if mention is not None else fallback


def first_mention(report: ClaimReport) -> ClaimMention | None:
    return report.mentions[0] if report.mentions else None


def counts_as(mention: ClaimMention) -> str:
    """'counts as reuters (credited)': the independent source a mention stands for."""
    source, via = mention.source or "", mention.via or ""
    if via == "earlier-version" or not source:  # the label already says "earlier version"
        return ""
    return f"counts as {source}" + (f" ({via})" if via and via != "own" else "")


@dataclass(frozen=True, slots=True)
class FigureRow:
    """One number as one mention gives it, and the figures of other mentions it disagrees with."""

    outlet_id: str
    outlet: str
    claim_id: str
    raw: str
    value: float
    unit: str
    kind: str
    qualifier: str
    disagrees_with: tuple[str, ...]  # "CNA: US$30 billion", ...
    compared: bool = True  # False when no other mention gives a figure of this kind


def figure_rows(report: ClaimReport) -> list[FigureRow]:
    """The report's numbers in mention order, each with the figures it contradicts.

    Which figures disagree was judged by corroboration (the rule of the dispute verdict) and
    stored with the report; here they are only named. An earlier version of an article is not
    a second outlet disagreeing (its cluster is `updated`): only latest mentions are compared.
    """
    mentions = {m.claim_id: m for m in report.mentions}
    order = {claim_id: i for i, claim_id in enumerate(mentions)}
    current = {claim_id for claim_id, m in mentions.items() if m.latest}
    kinds: dict[str, set[str]] = {}
    for q in report.quantities:
        if q.claim_id in current:
            kinds.setdefault(q.claim_id, set()).add(q.kind)
    rows = []
    for q in report.quantities:
        mine = q.claim_id in current
        disagrees = (
            f"{_label(mentions.get(ref.claim_id), ref.claim_id)}: {ref.raw}"
            for ref in q.disagrees_with
            if mine and ref.claim_id in current
        )
        rows.append(
            FigureRow(
                outlet_id=q.outlet_id,
                outlet=_label(mentions.get(q.claim_id), q.outlet_id),
                claim_id=q.claim_id,
                raw=q.raw,
                value=float(q.value),
                unit=q.unit,
                kind=q.kind,
                qualifier=q.qualifier or "",
                disagrees_with=tuple(dict.fromkeys(disagrees)),
                compared=mine
                and any(q.kind in k for other, k in kinds.items() if other != q.claim_id),
            )
        )
    rows.sort(key=lambda r: order.get(r.claim_id, len(order)))
    return rows


@dataclass(frozen=True, slots=True)
class LineageLink:
    """Who took the claim's article from whom: `outlet` reprints / credits / cites `source`."""

    outlet_id: str
    source_id: str
    outlet: str
    source: str
    kinds: tuple[str, ...]
    evidence: tuple[str, ...]

    @property
    def verbs(self) -> str:
        return ", ".join(LINEAGE_VERBS.get(k, k) for k in self.kinds)


def lineage_links(report: ClaimReport) -> list[LineageLink]:
    """The report's lineage edges per (outlet, source) pair, with outlet names where known."""
    names = {m.outlet_id: m.outlet or m.outlet_id for m in report.mentions}
    article_outlet = {m.article_id: m.outlet_id for m in report.mentions if m.article_id}
    grouped: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for edge in report.lineage:
        outlet = article_outlet.get(edge.article_id, edge.article_id)
        source = edge.source_outlet
        if outlet == source:
            continue
        kinds, evidence = grouped.setdefault((outlet, source), ([], []))
        kinds.append(edge.kind)
        evidence.append(f"{edge.kind}: {edge.evidence}")
    return [
        LineageLink(
            outlet,
            source,
            names.get(outlet, outlet),
            names.get(source, source),
            tuple(dict.fromkeys(kinds)),
            tuple(evidence),
        )
        for (outlet, source), (kinds, evidence) in grouped.items()
    ]


STATUS_WORDS = {
    "first": "first given",
    "same": "as before",
    "update": "replaces",
    "dispute": "disputes",
    "later": "a news cycle later, differs from",
}


@dataclass(frozen=True, slots=True)
class FigureStep:
    """One figure on the claim's timeline as the report shows it: who gave it, when, and how
    it stands to the figure before it (`change`: "replaces Reuters: at least 12")."""

    key: str  # "claim id#index": names the figure in a drawing
    when: datetime | None
    line: int  # which figure of the claim (0, 1, ...)
    line_label: str  # the counted thing or unit of that line: "dead", "USD", "%"
    outlet: str
    source: str  # the primary source it stands for, "" for an earlier version
    raw: str
    value: float
    unit: str
    status: str  # first | same | update | dispute | later
    change: str  # "first given", "replaces India Times: at least 12", ...
    replaces: str  # the key of the figure it replaces or disputes, "" when none
    note: str


def figure_steps(report: ClaimReport) -> list[FigureStep]:
    """The claim's figures over time, earliest first, as corroboration judged them; none
    when fewer than two mentions give a figure (one report has no history to draw)."""
    if len({p.claim_id for p in report.figure_timeline}) < 2:
        return []
    mentions = {m.claim_id: m for m in report.mentions}
    by_key = {f"{p.claim_id}#{p.index}": p for p in report.figure_timeline}
    labels: dict[int, str] = {}
    for point in report.figure_timeline:
        labels.setdefault(point.line, point.unit)
    steps = []
    for point in report.figure_timeline:
        outlet = _label(mentions.get(point.claim_id), point.outlet_id)
        replaces = (
            f"{point.replaces_claim_id}#{point.replaces_index}" if point.replaces_claim_id else ""
        )
        other = by_key.get(replaces)
        change = STATUS_WORDS.get(point.status, point.status)
        if other is not None:
            change += f" {_label(mentions.get(other.claim_id), other.outlet_id)}: {other.raw}"
        steps.append(
            FigureStep(
                key=f"{point.claim_id}#{point.index}",
                when=point.published_at,
                line=point.line,
                line_label=labels[point.line],
                outlet=outlet,
                source=point.source,
                raw=point.raw,
                value=float(point.value),
                unit=point.unit,
                status=point.status,
                change=change,
                replaces=replaces if other is not None else "",
                note=point.note,
            )
        )
    return steps
