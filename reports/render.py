"""Render a claim report (from warehouse.reports.claim_report) as text, Markdown, HTML or JSON."""

from __future__ import annotations

import re
from collections.abc import Sequence

from wiretrace.jsonout import dumps
from wiretrace.records import ClaimReport
from wiretrace.reports.claim import (
    counts_as,
    figure_rows,
    figure_steps,
    first_mention,
    lineage_links,
    mention_label,
)
from wiretrace.reports.formatting import DiffOp, format_value, md_escape, md_link, when, word_diff
from wiretrace.reports.html import to_html

FORMATS = ("text", "md", "html", "json")
# Control characters (ANSI escapes among them) that article text must not send to a terminal.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# ---- JSON --------------------------------------------------------------------------------


def to_json(report: ClaimReport) -> str:
    return dumps(report, indent=2)


# ---- text --------------------------------------------------------------------------------


def diff_text(ops: Sequence[tuple[DiffOp, str]]) -> str:
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return " ".join(marks[op].format(words) for op, words in ops)


def to_text(report: ClaimReport) -> str:
    lines = [
        f"Claim {report.id}: {report.verdict.upper()}",
        f"  {report.text}",
        f"  why: {report.reason}",
        f"  outlets: {', '.join(report.outlets)}; independent sources: "
        f"{report.independent_sources} ({', '.join(report.sources)})",
        f"  first: {report.first_outlet} at {when(report.first_published_at)} "
        f"(time from {report.first_time_source})",
    ]
    if report.previous_cluster_id:  # a claim restated after the matching window
        lines.append(
            f"  restates: {report.previous_cluster_id} (series {report.series_id}), "
            "the same claim in an earlier window"
        )
    lines += ["", "Mentions:"]
    first = first_mention(report)
    for n, m in enumerate(report.mentions, 1):
        counts = counts_as(m)
        lines += [
            f"{n}. {mention_label(m)}, {when(m.published_at, m.timezone)}"
            + (f"; {counts}" if counts else ""),
            f"   {m.headline}",
            f"   {m.url}",
            f'   "{m.sentence}"',
        ]
        if first is not None and n > 1:
            ops = word_diff(first.sentence, m.sentence)
            same = all(op == "equal" for op, _ in ops)
            lines.append(
                "   vs first: " + ("same words" if same else diff_text(ops)),
            )
        lines.append(
            f"   archived: fetch {m.fetch_id} at {when(m.fetched_at)}, "
            f"{m.warc_file} @ {m.warc_offset} {m.warc_record_id or ''}, "
            f"sha256 {m.payload_sha256}"
        )
    figures = figure_rows(report)
    if figures:
        lines += ["", "Numbers:"]
        for f in figures:
            mark = f"   <- DISAGREES with {'; '.join(f.disagrees_with)}" if f.disagrees_with else ""
            lines.append(f"- {f.outlet}: {f.raw} = {format_value(f.value, f.unit)}{mark}")
    steps = figure_steps(report)
    if steps:
        lines += ["", "Figures over time:"]
        for step in steps:
            source = f" (source: {step.source})" if step.source else ""
            lines.append(f"- {when(step.when)} {step.outlet}{source}: {step.raw}, {step.change}")
    links = lineage_links(report)
    if links:
        lines += ["", "Lineage (who reprinted or cited whom):"]
        for link in links:
            lines.append(f"- {link.outlet} {link.verbs} {link.source}")
            lines += [f"    {e}" for e in link.evidence]
    return CONTROL.sub("", "\n".join(lines)) + "\n"


# ---- Markdown ----------------------------------------------------------------------------


def diff_markdown(ops: Sequence[tuple[DiffOp, str]]) -> str:
    marks = {"equal": "{}", "delete": "~~{}~~", "insert": "**{}**"}
    return " ".join(marks[op].format(md_escape(words)) for op, words in ops)


def to_markdown(report: ClaimReport) -> str:
    out = [
        f"# Claim `{report.id}` — {report.verdict}",
        "",
        f"> {md_escape(report.text)}",
        "",
        f"**Why:** {md_escape(report.reason)}",
        "",
        f"- Outlets: {md_escape(', '.join(report.outlets))}",
        f"- Independent sources: {report.independent_sources} "
        f"({md_escape(', '.join(report.sources))})",
        f"- First: {md_escape(report.first_outlet or 'unknown')} at {when(report.first_published_at)} "
        f"(time from {report.first_time_source})",
    ]
    if report.previous_cluster_id:
        out.append(
            f"- Restates: `{report.previous_cluster_id}` (series `{report.series_id}`), "
            "the same claim in an earlier window"
        )
    out += [
        "",
        "## Mentions",
        "",
        "| # | outlet | published (UTC, local) | headline | sentence |",
        "|---|---|---|---|---|",
    ]
    for n, m in enumerate(report.mentions, 1):
        out.append(
            f"| {n} | {md_escape(mention_label(m))} | {when(m.published_at, m.timezone)} "
            f"| {md_link(m.headline, m.url)} | {md_escape(m.sentence)} |"
        )
    first = first_mention(report)
    if first is not None and len(report.mentions) > 1:
        out += ["", "## Wording compared with the first mention", ""]
        for n, m in enumerate(report.mentions[1:], 2):
            ops = word_diff(first.sentence, m.sentence)
            same = all(op == "equal" for op, _ in ops)
            out.append(
                f"{n}. {md_escape(mention_label(m))}: "
                + ("same words" if same else diff_markdown(ops))
            )
    figures = figure_rows(report)
    if figures:
        out += [
            "",
            "## Numbers",
            "",
            "| outlet | as written | value | disagrees with |",
            "|---|---|---|---|",
        ]
        for f in figures:
            conflict = (
                f"**≠ {md_escape('; '.join(f.disagrees_with))}**"
                if f.disagrees_with
                else ("agrees" if f.compared else "only this mention")
            )
            out.append(
                f"| {md_escape(f.outlet)} | {md_escape(f.raw)} "
                f"| {md_escape(format_value(f.value, f.unit))} | {conflict} |"
            )
    steps = figure_steps(report)
    if steps:
        out += [
            "",
            "## Figures over time",
            "",
            "| published (UTC) | outlet | primary source | figure | against the figure before |",
            "|---|---|---|---|---|",
        ]
        for step in steps:
            out.append(
                f"| {when(step.when)} | {md_escape(step.outlet)} | {md_escape(step.source)} "
                f"| {md_escape(step.raw)} | {md_escape(step.change)} |"
            )
    links = lineage_links(report)
    if links:
        out += [
            "",
            "## Lineage",
            "",
            "| outlet | takes from | how | evidence |",
            "|---|---|---|---|",
        ]
        for link in links:
            out.append(
                f"| {md_escape(link.outlet)} | {md_escape(link.source)} | {link.verbs} "
                f"| {md_escape(' / '.join(link.evidence))} |"
            )
    out += [
        "",
        "## Provenance",
        "",
        "| # | outlet | fetched (UTC) | WARC file | offset | record | payload sha256 |",
        "|---|---|---|---|---|---|---|",
    ]
    for n, m in enumerate(report.mentions, 1):
        out.append(
            f"| {n} | {md_escape(mention_label(m))} | {when(m.fetched_at)} "
            f"| `{m.warc_file}` | {m.warc_offset} | `{m.warc_record_id or ''}` "
            f"| `{m.payload_sha256}` |"
        )
    return "\n".join(out) + "\n"


def render(report: ClaimReport, fmt: str) -> str:
    if fmt == "json":
        return to_json(report) + "\n"
    if fmt == "md":
        return to_markdown(report)
    if fmt == "html":
        return to_html(report)
    return to_text(report)
