"""Render a story report (from warehouse.reports.story_report) as text, Markdown, HTML or JSON.

The HTML page is built from the claim page's shell and pieces (reports/html.py).
"""

from __future__ import annotations

from collections.abc import Callable

from wiretrace.jsonout import dumps
from wiretrace.records import VERDICTS, OutletCoverage, StoryReport, TimelineEntry
from wiretrace.reports.drawings import TimelineEvent, timeline_svg
from wiretrace.reports.formatting import esc, md_escape, md_link, when
from wiretrace.reports.html import link, page, time_html, verdict_badge

FORMATS = ("text", "md", "html", "json")


def _verdicts(report: StoryReport) -> str:
    counts = report.verdicts
    return ", ".join(f"{v} {counts.get(v, 0)}" for v in VERDICTS)


def _covered_line(row: OutletCoverage) -> str:
    if not row.covered:
        return f"{row.outlet} ({row.outlet_id}): blind spot, did not cover it"
    parts = [
        f"{row.articles} article{'' if row.articles == 1 else 's'}",
        f"from {when(row.first_published_at)}",
    ]
    if row.first:
        parts.append("first")
    if row.wire_copy:
        parts.append("wire copy only")
    return f"{row.outlet} ({row.outlet_id}): " + ", ".join(parts)


def _copy_note(item: TimelineEntry) -> str:
    wires = item.wire_copy_of
    return f"wire copy of {', '.join(wires)}" if wires else ""


def to_json(report: StoryReport) -> str:
    return dumps(report, indent=2)


def to_text(report: StoryReport) -> str:
    missing = ", ".join(report.missing_outlets) or "none"
    lines = [
        f"Story {report.id}: {report.headline}",
        f"  {report.articles} articles from {len(report.outlets)} outlets, "
        f"{when(report.first_published_at)} to {when(report.last_published_at)}; "
        f"first: {report.first_outlet}",
        f"  outlets: {', '.join(report.outlets)}; blind spots: {missing}",
        f"  claims: {report.claims} ({_verdicts(report)})",
        "",
        "Timeline:",
    ]
    for item in report.timeline:
        note = _copy_note(item)
        lines += [
            f"- {when(item.published_at, item.timezone)}  {item.outlet} ({item.outlet_id})"
            + (f"  [{note}]" if note else ""),
            f"  {item.headline}",
            f"  {item.url}",
        ]
    lines += ["", "Coverage:"]
    lines += [f"- {_covered_line(row)}" for row in report.coverage]
    lines += ["", "Claims:"]
    for claim in report.claim_clusters:
        lines += [
            f"- [{claim.verdict}] {claim.id}: {claim.text}",
            f"  why: {claim.reason}",
        ]
    return "\n".join(lines) + "\n"


def to_markdown(report: StoryReport) -> str:
    missing = ", ".join(report.missing_outlets) or "none"
    out = [
        f"# Story `{report.id}` — {md_escape(report.headline)}",
        "",
        f"- Articles: {report.articles}, {when(report.first_published_at)} to "
        f"{when(report.last_published_at)}; first: {md_escape(report.first_outlet)}",
        f"- Outlets: {md_escape(', '.join(report.outlets))}",
        f"- Blind spots: {md_escape(missing)}",
        f"- Claims: {report.claims} ({_verdicts(report)})",
        "",
        "## Timeline",
        "",
        "| published | outlet | headline | wire copy of |",
        "|---|---|---|---|",
    ]
    for item in report.timeline:
        out.append(
            f"| {when(item.published_at, item.timezone)} | {md_escape(item.outlet)} "
            f"| {md_link(item.headline, item.url)} "
            f"| {md_escape(', '.join(item.wire_copy_of))} |"
        )
    out += ["", "## Coverage", ""]
    out += [f"- {md_escape(_covered_line(row))}" for row in report.coverage]
    out += [
        "",
        "## Claims",
        "",
        "| verdict | claim | outlets | independent sources | why |",
        "|---|---|---|---|---|",
    ]
    for claim in report.claim_clusters:
        out.append(
            f"| {claim.verdict} | {md_escape(claim.text)} (`{claim.id}`) "
            f"| {md_escape(', '.join(claim.outlets))} | {claim.independent_sources} "
            f"| {md_escape(claim.reason)} |"
        )
    return "\n".join(out) + "\n"


def to_html(report: StoryReport) -> str:
    """One self-contained page: the claim page's shell (inline CSS, CSP, no script), all text escaped."""
    return page(
        f"Story: {report.headline}",
        story_body(report),
        description=f"wiretrace story report {report.id}",
    )


def story_body(report: StoryReport, *, claim_href: Callable[[str], str] | None = None) -> str:
    """The story page's body; with `claim_href` (a claim id to a path), each claim links to it."""
    missing = ", ".join(report.missing_outlets) or "none"
    body = [
        f'<header><p class="kicker">wiretrace story report · <code>{esc(report.id)}</code></p>',
        f"<h1>{esc(report.headline)}</h1>",
        '<dl class="facts">',
        f"<dt>Articles</dt><dd>{esc(report.articles)}, "
        f"{time_html(report.first_published_at)} to {time_html(report.last_published_at)}"
        "</dd>",
        f"<dt>First</dt><dd>{esc(report.first_outlet)}</dd>",
        f"<dt>Outlets</dt><dd>{esc(', '.join(report.outlets))}</dd>",
        f'<dt>Blind spots</dt><dd class="{"disagree" if report.missing_outlets else ""}">'
        f"{esc(missing)}</dd>",
        f"<dt>Claims</dt><dd>{esc(report.claims)} ({esc(_verdicts(report))})</dd>",
        "</dl></header>",
    ]
    body += _timeline_section(report)
    body += ['<section id="coverage"><h2>Coverage</h2><ul>']
    for row in report.coverage:
        css = "" if row.covered else ' class="disagree"'
        body.append(f"<li{css}>{esc(_covered_line(row))}</li>")
    body += [
        "</ul></section>",
        '<section id="claims"><h2>Claims</h2>',
        '<table class="cards"><thead><tr><th>verdict</th><th>claim</th><th>outlets</th>'
        "<th>why</th></tr></thead><tbody>",
    ]
    for claim in report.claim_clusters:
        body.append(
            f'<tr><td data-label="verdict">{verdict_badge(claim.verdict)}</td>'
            f'<td data-label="claim">{_claim_text(claim.text, claim.id, claim_href)} '
            f"<code>{esc(claim.id)}</code></td>"
            f'<td data-label="outlets">{esc(", ".join(claim.outlets))}</td>'
            f'<td data-label="why">{esc(claim.reason)}</td></tr>'
        )
    body += ["</tbody></table></section>"]
    return "\n".join(body)


def _claim_text(text: str, claim_id: str, claim_href: Callable[[str], str] | None) -> str:
    if claim_href is None:
        return esc(text)
    return f'<a href="{esc(claim_href(claim_id))}">{esc(text)}</a>'


def _timeline_section(report: StoryReport) -> list[str]:
    items = report.timeline
    events = [
        TimelineEvent(
            when=item.published_at,
            lane=item.outlet,
            label=item.published_at.strftime("%H:%M"),
            tooltip=f"{item.outlet}: {item.headline} ({when(item.published_at, item.timezone)})",
            marker="first" if index == 0 else "",
        )
        for index, item in enumerate(items)
        if item.published_at is not None
    ]
    out = ['<section id="timeline"><h2>Timeline across outlets</h2>']
    if events:
        out += [
            "<figure>",
            timeline_svg(events, title="When each outlet published (UTC)"),
            "<figcaption>Times in UTC; the ringed dot was first.</figcaption></figure>",
        ]
    out += [
        '<table class="cards"><thead><tr><th>published</th><th>outlet</th><th>headline</th>'
        "<th>wire copy of</th></tr></thead><tbody>",
    ]
    for item in items:
        out.append(
            f'<tr><td data-label="published">{time_html(item.published_at, item.timezone)}</td>'
            f'<td data-label="outlet">{esc(item.outlet)}</td>'
            f'<td data-label="headline">{link(item.url, item.headline)}</td>'
            f'<td data-label="wire copy of">{esc(", ".join(item.wire_copy_of))}</td></tr>'
        )
    out.append("</tbody></table></section>")
    return out


def render(report: StoryReport, fmt: str) -> str:
    if fmt == "json":
        return to_json(report) + "\n"
    if fmt == "md":
        return to_markdown(report)
    if fmt == "html":
        return to_html(report)
    return to_text(report)
