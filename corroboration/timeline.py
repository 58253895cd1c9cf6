"""A claim's figures over time: which later report updates an earlier figure, and which figures are in dispute."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from typing import Literal

from wiretrace.corroboration.figures import conflicting_figures, figures_disagree
from wiretrace.corroboration.scoring import masked, text_score
from wiretrace.records import Claim, DisagreementKind, FigureConflict, FigurePoint, FigureStatus

# One news cycle: figures given less than a day apart describe the same moment of a story.
# Tolls and estimates are revised within hours, and a running story is restated at least daily,
# so two sources' figures within a day must agree (else a dispute), while figures a day or more
# apart may both have been right for their time. A rolling 24 hours, not a calendar day: a
# story breaking at 23:00 UTC is one cycle with the next morning's reports, whatever the zone.
NEWS_CYCLE = timedelta(hours=24)
NEVER = datetime.max.replace(tzinfo=UTC)  # mentions with no known time sort last
RelationKind = Literal["update", "edit", "independent", "relay", "later"]
DISPUTES: frozenset[str] = frozenset(("independent", "relay"))
UPDATES: frozenset[str] = frozenset(("update", "edit"))


@dataclass(frozen=True, slots=True)
class TracedMention:
    """A mention as the timeline reads it: the claim, the primary source it stands for, how it
    got there, and the outlet whose report it carries when it is a relay."""

    claim: Claim
    source: str
    via: str
    relays: str = ""  # the outlet it credits, reprints or cites for the claim; "" for its own
    earlier: tuple[Claim, ...] = ()  # earlier versions of the same sentence, oldest first


@dataclass(frozen=True, slots=True)
class Relation:
    """How a later mention's figures relate to an earlier mention's figures that differ."""

    earlier: str  # claim ids
    later: str
    kind: RelationKind
    reason: str


@dataclass(frozen=True, slots=True)
class FigureHistory:
    """Every figure of one claim over time, and how the mentions whose figures differ relate."""

    points: tuple[FigurePoint, ...]
    relations: tuple[Relation, ...]
    disputes: tuple[FigureConflict, ...]  # the figures in dispute, both ways round

    @property
    def disputed(self) -> bool:
        return any(r.kind in DISPUTES for r in self.relations)

    @property
    def updated(self) -> bool:
        return any(r.kind in UPDATES for r in self.relations)

    def of_kind(self, *kinds: str) -> list[Relation]:
        return [r for r in self.relations if r.kind in kinds]


def disagree(a: Claim, b: Claim) -> bool:
    """The number rule of a dispute (`figures.figures_disagree`), on two mentions."""
    return figures_disagree(a, b, text_score(masked(a.norm_text), masked(b.norm_text)))


def figure_history(
    mentions: Sequence[TracedMention],
    *,
    names: Mapping[str, str] | None = None,
    cycle: timedelta = NEWS_CYCLE,
) -> FigureHistory:
    """Judge how the figures of one cluster's mentions relate over time.

    For two mentions whose figures disagree (the rule of `figures`: rounding, hedges and
    bounds allowed for), the earlier one first:
    - a relay (credits, reprints or cites an outlet of the cluster) whose figure differs from
      the figure that outlet gave when it relayed it (its latest before, else its first)
      miscopies it: a `relay` dispute ("$29 billion" relayed as "US$30 billion");
    - the same primary source, later in time, supersedes its earlier figure: an `update`
      ("at least 19" then "at least 21" from one authority), and so does an outlet revising
      its own figure (its own reporting is its primary source); the same source giving two
      figures at one time (or at unknown times) is a `relay` dispute: two relays of one source;
    - independent primary sources disagree within one news cycle (`cycle`): an `independent`
      dispute; further apart, the later figure is `later` (the story moved on), neither;
    a figure its own source has superseded is not in dispute with what others said after.
    Earlier versions of an article (`TracedMention.earlier`) are superseded by the latest: an
    `edit`. A mention that miscopies its source is judged against that source only.
    """
    names = names or {}
    ordered = sorted(mentions, key=_order)
    by_id = {m.claim.claim_id: m for m in ordered}
    miscopied = _miscopies(ordered)
    relations: list[Relation] = []
    for old_and_new in (m for m in ordered if m.earlier):
        chain = [*old_and_new.earlier, old_and_new.claim]
        for before, after in pairwise(chain):
            if disagree(before, after):
                relations.append(
                    Relation(
                        before.claim_id,
                        after.claim_id,
                        "edit",
                        f"{_name(old_and_new.claim.outlet_id, names)} edited its article: "
                        f"{_raws(before, after, names, joiner=' then ')}",
                    )
                )
    same_source: list[Relation] = []
    others: list[tuple[TracedMention, TracedMention]] = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if a.claim.article_id == b.claim.article_id or not disagree(a.claim, b.claim):
                continue
            ida, idb = a.claim.claim_id, b.claim.claim_id
            if miscopied.get(idb) == ida or miscopied.get(ida) == idb:
                relay, source = (b, a) if miscopied.get(idb) == ida else (a, b)
                relations.append(
                    Relation(
                        ida,
                        idb,
                        "relay",
                        f"{_name(relay.claim.outlet_id, names)} relays "
                        f"{_name(source.claim.outlet_id, names)} but gives another figure: "
                        f"{_raws(source.claim, relay.claim, names)}",
                    )
                )
            elif ida in miscopied or idb in miscopied:
                continue  # a miscopy is in dispute with the report it copies, not with others
            elif a.source and a.source == b.source:
                ta, tb = a.claim.published_at, b.claim.published_at
                if ta is None or tb is None or ta == tb:
                    relations.append(
                        Relation(
                            ida,
                            idb,
                            "relay",
                            f"two relays of {_name(a.source, names)} at one time give "
                            f"different figures: {_raws(a.claim, b.claim, names)}",
                        )
                    )
                else:
                    same_source.append(
                        Relation(
                            ida,
                            idb,
                            "update",
                            f"{_name(a.source, names)} revised its figure: "
                            f"{_raws(a.claim, b.claim, names, times=True, joiner=' then ')}",
                        )
                    )
            else:
                others.append((a, b))
    relations += same_source
    superseded_at: dict[str, datetime] = {}
    for update in same_source:
        when = by_id[update.later].claim.published_at or NEVER
        superseded_at[update.earlier] = min(superseded_at.get(update.earlier, NEVER), when)
    for a, b in others:
        ta, tb = a.claim.published_at, b.claim.published_at
        ida, idb = a.claim.claim_id, b.claim.claim_id
        if tb is not None and superseded_at.get(ida, NEVER) <= tb:
            continue  # a's source had already replaced a's figure when b gave its own
        if ta is not None and tb is not None and tb - ta >= cycle:
            relations.append(
                Relation(
                    ida,
                    idb,
                    "later",
                    f"another source's figure a news cycle later: "
                    f"{_raws(a.claim, b.claim, names, times=True, joiner=' then ')}",
                )
            )
            continue
        relations.append(
            Relation(
                ida,
                idb,
                "independent",
                f"{_name(a.source, names)} and {_name(b.source, names)} give different figures "
                f"within one news cycle: {_raws(a.claim, b.claim, names, times=True)}",
            )
        )
    claims = {c.claim_id: c for m in ordered for c in (*m.earlier, m.claim)}
    disputes = _disputes(relations, claims, ordered)
    return FigureHistory(_points(ordered, relations, claims, disputes), tuple(relations), disputes)


def _order(m: TracedMention) -> tuple[datetime, str, str]:
    return (m.claim.published_at or NEVER, m.claim.outlet_id, m.claim.claim_id)


def _statement(relay: TracedMention, ordered: Sequence[TracedMention]) -> TracedMention | None:
    """The relayed outlet's mention the relay carries: its latest at or before the relay's
    time, else its first (a relay published before its source's page was dated)."""
    theirs = [m for m in ordered if m.claim.outlet_id == relay.relays]
    if not theirs:
        return None
    when = relay.claim.published_at
    before = [m for m in theirs if when is not None and (m.claim.published_at or NEVER) <= when]
    return before[-1] if before else theirs[0]


def _miscopies(ordered: Sequence[TracedMention]) -> dict[str, str]:
    """Relay claim id -> the claim of its source whose figure it does not carry faithfully."""
    found: dict[str, str] = {}
    for mention in ordered:
        if not mention.relays or mention.relays == mention.claim.outlet_id:
            continue
        statement = _statement(mention, ordered)
        if statement is None or statement.claim.article_id == mention.claim.article_id:
            continue
        if disagree(statement.claim, mention.claim):
            found[mention.claim.claim_id] = statement.claim.claim_id
    return found


def _disputes(
    relations: Sequence[Relation],
    claims: Mapping[str, Claim],
    ordered: Sequence[TracedMention],
) -> tuple[FigureConflict, ...]:
    """The figures of each disputed pair that disagree, both ways round, in mention order."""
    position = {m.claim.claim_id: i for i, m in enumerate(ordered)}
    found: dict[tuple[str, int, str, int], FigureConflict] = {}
    for relation in relations:
        if relation.kind not in DISPUTES:
            continue
        a, b = claims[relation.earlier], claims[relation.later]
        kind: DisagreementKind = "relay" if relation.kind == "relay" else "independent"
        for x, y in _figure_pairs(a, b):
            found[(a.claim_id, x, b.claim_id, y)] = FigureConflict(
                a.claim_id, x, b.claim_id, y, kind, relation.reason
            )
            found[(b.claim_id, y, a.claim_id, x)] = FigureConflict(
                b.claim_id, y, a.claim_id, x, kind, relation.reason
            )
    return tuple(
        sorted(
            found.values(),
            key=lambda d: (
                position[d.claim_id],
                d.index,
                position[d.other_claim_id],
                d.other_index,
            ),
        )
    )


def _figure_pairs(a: Claim, b: Claim) -> list[tuple[int, int]]:
    """(index in a, index in b) of the figures that disagree, by `conflicting_figures`."""
    index_a = {id(q): i for i, q in enumerate(a.quantities)}
    index_b = {id(q): i for i, q in enumerate(b.quantities)}
    return [
        (index_a[id(x)], index_b[id(y)]) for x, y in conflicting_figures(a.quantities, b.quantities)
    ]


def _points(
    ordered: Sequence[TracedMention],
    relations: Sequence[Relation],
    claims: Mapping[str, Claim],
    disputes: Sequence[FigureConflict],
) -> tuple[FigurePoint, ...]:
    """Each figure of every mention (earlier versions first), with its status.

    A figure's line is its kind and unit and its rank among the claim's figures of that kind
    and unit, so "770 dead and over 5,600 injured" has two lines. Its status: in dispute,
    else replacing an earlier figure of its source (the latest such), else a later cycle's
    figure of another source, else the same as a figure before it on its line, else first.
    """
    sequence: list[tuple[TracedMention, Claim]] = []
    for mention in ordered:
        sequence += [(mention, old) for old in mention.earlier]
        sequence.append((mention, mention.claim))
    disputed = {(d.claim_id, d.index): d for d in disputes}
    replaced: dict[tuple[str, int], tuple[str, int, str]] = {}
    later: dict[tuple[str, int], tuple[str, int, str]] = {}
    for relation in relations:  # in order: later updates overwrite earlier ones
        a, b = claims[relation.earlier], claims[relation.later]
        target = (
            replaced if relation.kind in UPDATES else later if relation.kind == "later" else None
        )
        if target is None:
            continue
        for x, y in _figure_pairs(a, b):
            target[(b.claim_id, y)] = (a.claim_id, x, relation.reason)
    lines: dict[tuple[str, str, int], int] = {}
    seen_lines: set[int] = set()
    points: list[FigurePoint] = []
    for mention, claim in sequence:
        counts: dict[tuple[str, str], int] = {}
        latest = claim is mention.claim
        for index, q in enumerate(claim.quantities):
            rank = counts.get((q.kind, q.unit), 0)
            counts[(q.kind, q.unit)] = rank + 1
            line = lines.setdefault((q.kind, q.unit, rank), len(lines))
            key = (claim.claim_id, index)
            status: FigureStatus
            other: tuple[str, int, str] | None = None
            if key in disputed:
                d = disputed[key]
                status, other = "dispute", (d.other_claim_id, d.other_index, d.reason)
            elif key in replaced:
                status, other = "update", replaced[key]
            elif key in later:
                status, other = "later", later[key]
            else:
                status = "same" if line in seen_lines else "first"
            seen_lines.add(line)
            points.append(
                FigurePoint(
                    claim_id=claim.claim_id,
                    index=index,
                    line=line,
                    outlet_id=claim.outlet_id,
                    source=mention.source if latest else "",
                    via=mention.via if latest else "earlier-version",
                    published_at=claim.published_at,
                    raw=q.raw,
                    value=q.value,
                    unit=q.unit,
                    qualifier=q.qualifier,
                    status=status,
                    replaces_claim_id=other[0] if other else "",
                    replaces_index=other[1] if other else -1,
                    note=other[2] if other else "",
                )
            )
    return tuple(points)


def _name(source: str, names: Mapping[str, str]) -> str:
    return names.get(source, source)


def _raws(
    a: Claim,
    b: Claim,
    names: Mapping[str, str] | None = None,
    *,
    times: bool = False,
    joiner: str = " vs ",
) -> str:
    """ "Reuters at least 19 (2025-06-13 09:00 UTC) -> AP at least 21 (...)": the figures that
    differ, else the sentences' beginnings (plain numbers of near-identical sentences)."""
    names = names or {}
    pairs = _figure_pairs(a, b)

    def side(claim: Claim, index: int | None) -> str:
        shown = claim.quantities[index].raw if index is not None else claim.text[:80]
        when = ""
        if times and claim.published_at is not None:
            when = f" ({claim.published_at.astimezone(UTC):%Y-%m-%d %H:%M} UTC)"
        return f"{_name(claim.outlet_id, names)} {shown}{when}"

    if not pairs:
        return f"{side(a, None)}{joiner}{side(b, None)}"
    return "; ".join(dict.fromkeys(f"{side(a, x)}{joiner}{side(b, y)}" for x, y in pairs))
