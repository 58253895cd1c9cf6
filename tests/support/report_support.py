"""Claim reports for tests: the record `warehouse.reports.claim_report` returns, from plain data."""

from __future__ import annotations

from typing import Any

from wiretrace.corroboration.verdicts import figure_conflicts
from wiretrace.records import (
    Claim,
    ClaimMention,
    ClaimReport,
    FigureRef,
    Lineage,
    MentionFigure,
    Quantity,
)


def report_from(data: dict[str, Any]) -> ClaimReport:
    """A ClaimReport from data shaped like the report's JSON.

    Which figures disagree is judged as a corroboration run judges it (verdicts.figure_conflicts
    over the latest mentions), and each figure lists them as the warehouse does: in the order
    the report lists figures.
    """
    mentions = tuple(ClaimMention(**m) for m in data["mentions"])
    figures = data["quantities"]
    places: dict[str, list[int]] = {}  # claim id -> positions of its figures in `figures`
    for position, q in enumerate(figures):
        places.setdefault(q["claim_id"], []).append(position)
    claims = [
        Claim(
            claim_id=m.claim_id,
            article_id=m.article_id,
            version_id=m.version_id,
            outlet_id=m.outlet_id,
            position=0,
            start=m.start,
            end=m.end,
            text=m.sentence,
            norm_text=m.sentence.lower(),
            published_at=m.published_at,
            quantities=tuple(
                Quantity(
                    figures[p]["kind"],
                    float(figures[p]["value"]),
                    figures[p]["unit"],
                    figures[p]["raw"],
                    figures[p]["qualifier"] or "",
                )
                for p in places.get(m.claim_id, [])
            ),
        )
        for m in mentions
        if m.latest
    ]
    refs: dict[int, list[int]] = {}  # figure position -> positions of the figures it disagrees with
    for conflict in figure_conflicts(claims):
        mine = places[conflict.claim_id][conflict.index]
        refs.setdefault(mine, []).append(places[conflict.other_claim_id][conflict.other_index])
    quantities = tuple(
        MentionFigure(
            **q,
            disagrees_with=tuple(
                FigureRef(figures[o]["claim_id"], figures[o]["raw"])
                for o in sorted(refs.get(position, []))
            ),
        )
        for position, q in enumerate(figures)
    )
    return ClaimReport(
        **{
            **data,
            "outlets": tuple(data["outlets"]),
            "sources": tuple(data["sources"]),
            "mentions": mentions,
            "quantities": quantities,
            "lineage": tuple(Lineage(**edge) for edge in data["lineage"]),
        }
    )
