"""Self-contained HTML pages for reports: page shell, escaping, timeline and lineage SVG, claim page.

Every page is one file that needs no network: inline CSS, SVG drawn here, no script at all,
and a Content-Security-Policy that forbids scripts and remote loads should anything slip
through. Every piece of article text goes through `esc`; links only ever point at http(s).
The story page (reports/story.py) builds on the same public functions.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from wiretrace.reports.render import (
    figure_rows,
    first_mention,
    format_value,
    lineage_links,
    mention_label,
    safe_url,
    when,
    word_diff,
)

__all__ = [
    "CSS",
    "LineageEdge",
    "LineageNode",
    "TimelineEvent",
    "diff_html",
    "esc",
    "lineage_svg",
    "link",
    "page",
    "safe_href",
    "time_html",
    "timeline_svg",
    "to_html",
    "verdict_badge",
]

# No script may run and nothing may be fetched: styles are inline, images only data: URIs.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
CSS_CLASS = re.compile(r"[^a-z0-9-]+")
CHAR_WIDTH = 0.6  # of the font size: a rough width of one character, to fit labels in boxes
TICK_STEPS = tuple(
    timedelta(minutes=m)
    for m in (1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080, 43200)
)
LANE_COLOURS = ("#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#65a30d")

CSS = """
:root { color-scheme: light dark; --fg: #1f2328; --muted: #57606a; --bg: #ffffff;
  --card: #f6f8fa; --line: #d0d7de; --accent: #0969da; --ins: #dafbe1; --ins-fg: #116329;
  --del: #ffebe9; --del-fg: #a40e26; --warn: #cf222e; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #8d96a0; --bg: #0d1117; --card: #161b22; --line: #30363d;
    --accent: #4493f8; --ins: #12261e; --ins-fg: #56d364; --del: #2d1316; --del-fg: #f47067;
    --warn: #f47067; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; font: 16px/1.5 system-ui, -apple-system,
  "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg);
  overflow-wrap: break-word; }
h1 { font-size: 1.35rem; line-height: 1.3; margin: .25rem 0 .75rem; }
h2 { font-size: 1.1rem; margin: 2rem 0 .5rem; padding-bottom: .25rem;
  border-bottom: 1px solid var(--line); }
a { color: var(--accent); }
code, .mono { font: .8rem/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  word-break: break-all; }
.kicker, .muted, .note, figcaption { color: var(--muted); font-size: .85rem; }
.reason { margin: .5rem 0; }
.verdict { display: inline-block; padding: .1rem .6rem; border-radius: 1rem; font-weight: 600;
  font-size: .85rem; color: #fff; background: #57606a; text-transform: uppercase;
  letter-spacing: .03em; }
.verdict-corroborated { background: #1a7f37; } .verdict-disputed { background: #cf222e; }
.verdict-wire-only { background: #0969da; } .verdict-single-source { background: #9a6700; }
.verdict-updated { background: #8250df; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .75rem 0; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
blockquote { margin: .5rem 0; padding: .25rem .75rem; border-left: 4px solid var(--line); }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem;
  border-bottom: 1px solid var(--line); }
th { font-weight: 600; background: var(--card); }
ins { background: var(--ins); color: var(--ins-fg); text-decoration: none; font-weight: 600; }
del { background: var(--del); color: var(--del-fg); }
.disagree { color: var(--warn); font-weight: 600; }
figure { margin: .5rem 0; } svg { display: block; width: 100%; height: auto; max-width: 32rem; }
svg text { fill: var(--fg); font-family: system-ui, sans-serif; }
svg .axis { stroke: var(--line); } svg .tick { fill: var(--muted); font-size: 10px; }
svg .node rect { fill: var(--card); stroke: var(--fg); stroke-width: 1; }
svg .node.independent rect { stroke-width: 2.5; }
svg .node.unfetched rect { stroke-dasharray: 4 3; }
svg .edge { stroke: var(--muted); stroke-width: 1.5; fill: none; }
svg .edge-label { font-size: 10px; fill: var(--muted); }
svg .label-bg { fill: var(--bg); }
svg .arrow { fill: var(--muted); }
details { margin: .25rem 0; } summary { cursor: pointer; }
ol.wording li, ul.lineage li { margin: .4rem 0; }
@media (max-width: 40rem) {
  body { padding: .75rem; font-size: 15px; }
  table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
  table.cards thead { display: none; }
  table.cards tr { margin: 0 0 .75rem; padding: .5rem; background: var(--card);
    border: 1px solid var(--line); border-radius: .5rem; }
  table.cards td { border: 0; padding: .15rem 0; }
  table.cards td[data-label]::before { content: attr(data-label) ": "; color: var(--muted);
    font-size: .8rem; }
}
"""


# ---- escaping and small pieces ------------------------------------------------------------


def esc(value: object) -> str:
    """Text as HTML (quotes too, so it is safe in attributes); None is empty."""
    return "" if value is None else html.escape(str(value), quote=True)


def safe_href(url: object) -> str | None:
    """An http(s) URL fit for href, or None (javascript:, data:, relative, malformed)."""
    return safe_url(url)


def link(url: object, text: object) -> str:
    """An <a> to an http(s) URL; the text alone, escaped, when the URL is anything else."""
    href = safe_href(url)
    label = esc(text) or esc(url)
    if href is None:
        return label
    return f'<a href="{esc(href)}" rel="noopener noreferrer nofollow">{label}</a>'


def verdict_badge(verdict: str) -> str:
    css = CSS_CLASS.sub("-", str(verdict).lower())
    return f'<span class="verdict verdict-{css}">{esc(verdict)}</span>'


def time_html(value: datetime | None, timezone: str | None = None) -> str:
    """A <time> in UTC, and the outlet's local time beside it."""
    if value is None:
        return '<span class="muted">unknown</span>'
    text = when(value, timezone)
    utc, _, local = text.partition(" (")
    out = f'<time datetime="{esc(value.astimezone(UTC).isoformat())}">{esc(utc)}</time>'
    if local:
        out += f' <span class="muted">({esc(local)}</span>'
    return out


def diff_html(old: str, new: str) -> str:
    """`new` with the words it drops from `old` in <del> and the words it adds in <ins>."""
    parts = []
    for op, words in word_diff(old, new):
        if op == "delete":
            parts.append(f"<del>{esc(words)}</del>")
        elif op == "insert":
            parts.append(f"<ins>{esc(words)}</ins>")
        else:
            parts.append(esc(words))
    return " ".join(parts)


def page(title: str, body: str, *, description: str = "", lang: str = "en") -> str:
    """A whole HTML document around `body` (already HTML): viewport, CSP, inline CSS, no script."""
    meta = f'<meta name="description" content="{esc(description)}">\n' if description else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"{meta}<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _fit(text: str, width: float, font_size: float) -> str:
    """The text cut with an ellipsis to about `width` pixels."""
    room = max(3, int(width / (font_size * CHAR_WIDTH)))
    return text if len(text) <= room else text[: room - 1] + "…"


# ---- timeline -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """A dot on a timeline: `lane` is the row (an outlet), `label` the text beside a lone dot."""

    when: datetime
    lane: str
    label: str = ""
    tooltip: str = ""
    marker: str = ""  # an extra CSS class: "first", "earlier-version", ...


def timeline_svg(
    events: Sequence[TimelineEvent], *, width: int = 400, title: str = "Timeline (UTC)"
) -> str:
    """Lanes in order of first appearance, one dot per event, UTC axis with round ticks.

    A lane with one event labels its dot; busier lanes keep the label for the tooltip.
    """
    events = sorted(events, key=lambda e: e.when)
    if not events:
        return ""
    lanes: dict[str, list[TimelineEvent]] = {}
    for event in events:
        lanes.setdefault(event.lane, []).append(event)
    gutter, right, top, lane_height = 96.0, 16.0, 34.0, 30.0
    height = top + lane_height * len(lanes) + 8
    start, end = events[0].when, events[-1].when
    if end - start < timedelta(minutes=10):
        start, end = start - timedelta(minutes=30), end + timedelta(minutes=30)
    span = (end - start).total_seconds()
    # Room at both ends so dots and their labels are not cut off.
    pad = span * 0.06
    lo, hi = start - timedelta(seconds=pad), end + timedelta(seconds=pad * 4)
    plot = width - gutter - right

    def x(value: datetime) -> float:
        return gutter + plot * (value - lo).total_seconds() / (hi - lo).total_seconds()

    out = [
        f'<svg class="timeline" viewBox="0 0 {width} {height:.0f}"'
        f' role="img" aria-label="{esc(title)}">',
        f"<title>{esc(title)}</title>",
        f'<line class="axis" x1="{gutter}" y1="{top - 10}" x2="{width - right}" y2="{top - 10}"/>',
    ]
    step = next((s for s in TICK_STEPS if (hi - lo) / s <= 5), TICK_STEPS[-1])
    tick = _floor(lo, step)
    while tick <= hi:
        if tick >= lo:
            tx = x(tick)
            pattern = (
                "%d %b" if step >= timedelta(days=1) or tick.hour == tick.minute == 0 else "%H:%M"
            )
            out.append(
                f'<line class="axis" x1="{tx:.1f}" y1="{top - 14}" x2="{tx:.1f}" '
                f'y2="{height - 4:.0f}" stroke-dasharray="2 3"/>'
                f'<text class="tick" x="{tx:.1f}" y="{top - 18}" text-anchor="middle">'
                f"{esc(tick.strftime(pattern))}</text>"
            )
        tick += step
    out.append(
        f'<text class="tick" x="4" y="{top - 18}">UTC {esc(start.strftime("%Y-%m-%d"))}</text>'
    )
    for index, (lane, lane_events) in enumerate(lanes.items()):
        y = top + lane_height * index + lane_height / 2
        colour = LANE_COLOURS[index % len(LANE_COLOURS)]
        out.append(
            f'<text x="4" y="{y + 4:.1f}" font-size="12">{esc(_fit(lane, gutter - 8, 12))}</text>'
            f'<line class="axis" x1="{gutter}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}"/>'
        )
        for event in lane_events:
            cx = x(event.when)
            marker = CSS_CLASS.sub("-", event.marker.lower())
            tooltip = event.tooltip or f"{lane} {event.when:%Y-%m-%d %H:%M} UTC"
            out.append(
                f'<g class="event {esc(marker)}"><title>{esc(tooltip)}</title>'
                f'<circle cx="{cx:.1f}" cy="{y:.1f}" r="6" fill="{colour}"'
                + (' stroke="currentColor" stroke-width="2"' if marker == "first" else "")
                + "/></g>"
            )
            if len(lane_events) == 1 and event.label:
                room = width - right - cx - 10
                anchor, lx = ("start", cx + 10) if room > 60 else ("end", cx - 10)
                out.append(
                    f'<text x="{lx:.1f}" y="{y + 4:.1f}" font-size="11" text-anchor="{anchor}">'
                    f"{esc(_fit(event.label, max(room, cx - gutter - 10), 11))}</text>"
                )
    out.append("</svg>")
    return "".join(out)


def _floor(value: datetime, step: timedelta) -> datetime:
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    seconds = (value.astimezone(UTC) - epoch).total_seconds()
    size = step.total_seconds()
    return epoch + timedelta(seconds=math.floor(seconds / size) * size)


# ---- lineage ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LineageNode:
    """A box in the lineage diagram: an outlet or a source we never fetched."""

    id: str
    label: str
    role: str = ""  # space-separated CSS classes: "independent", "unfetched"
    tooltip: str = ""


@dataclass(frozen=True, slots=True)
class LineageEdge:
    """`taker` reprints / credits / cites `source`: drawn as an arrow from taker to source."""

    taker: str
    source: str
    label: str = ""
    tooltip: str = ""


def lineage_svg(
    nodes: Sequence[LineageNode],
    edges: Sequence[LineageEdge],
    *,
    width: int = 400,
    title: str = "Lineage",
    ident: str = "lineage",
) -> str:
    """Sources at the top, each outlet a row below the deepest source it takes from.

    `ident` keeps the arrowhead's id unique when a page holds several diagrams.
    """
    if not nodes:
        return ""
    ids = list(dict.fromkeys(n.id for n in nodes))
    takes_from: dict[str, list[str]] = {n: [] for n in ids}
    for edge in edges:
        if edge.taker in takes_from and edge.source in takes_from and edge.taker != edge.source:
            takes_from[edge.taker].append(edge.source)
    depth = dict.fromkeys(ids, 0)
    for _ in range(len(ids)):  # longest path, bounded so that a cycle cannot loop forever
        changed = False
        for node in ids:
            best = max((depth[s] + 1 for s in takes_from[node]), default=0)
            if best > depth[node] and best < len(ids):
                depth[node], changed = best, True
        if not changed:
            break
    levels: dict[int, list[str]] = {}
    for node in ids:
        levels.setdefault(depth[node], []).append(node)
    box_h, level_gap, margin = 34.0, 96.0, 8.0
    height = margin * 2 + box_h + level_gap * (max(levels) if levels else 0)
    centre: dict[str, tuple[float, float]] = {}
    box_w: dict[int, float] = {}
    for level, members in levels.items():
        slot = (width - 2 * margin) / len(members)
        box_w[level] = min(140.0, slot - 12)
        for i, node in enumerate(members):
            centre[node] = (margin + slot * (i + 0.5), margin + box_h / 2 + level_gap * level)
    marker = f"{CSS_CLASS.sub('-', ident.lower())}-arrow"
    out = [
        f'<svg class="lineage" viewBox="0 0 {width} {height:.0f}"'
        f' role="img" aria-label="{esc(title)}">',
        f"<title>{esc(title)}</title>",
        f'<defs><marker id="{marker}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path class="arrow" d="M0 0L10 5L0 10z"/>'
        "</marker></defs>",
    ]
    labels = []
    for edge in edges:
        if edge.taker not in centre or edge.source not in centre or edge.taker == edge.source:
            continue
        (x1, y1), (x2, y2) = centre[edge.taker], centre[edge.source]
        if y1 > y2:  # taker below its source: from the top of one box to the bottom of the other
            y1, y2 = y1 - box_h / 2, y2 + box_h / 2
        elif y1 < y2:
            y1, y2 = y1 + box_h / 2, y2 - box_h / 2
        else:  # same row (a cycle): side to side
            half = box_w[depth[edge.taker]] / 2
            x1, x2 = (x1 + half, x2 - half) if x1 < x2 else (x1 - half, x2 + half)
        out.append(
            f'<g><title>{esc(edge.tooltip or edge.label)}</title><line class="edge" '
            f'x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" marker-end="url(#{marker})"/></g>'
        )
        if edge.label:
            words = [w.strip() for w in edge.label.split(",") if w.strip()]
            mx, my = (x1 + x2) / 2, (y1 + y2) / 2 - 6 * (len(words) - 1)
            w = max(len(word) for word in words) * 10 * CHAR_WIDTH + 8
            labels.append(
                f'<rect class="label-bg" x="{mx - w / 2:.1f}" y="{my - 10:.1f}" width="{w:.1f}" '
                f'height="{12 * len(words) + 3}" rx="3"/>'
                + "".join(
                    f'<text class="edge-label" x="{mx:.1f}" y="{my + 12 * i:.1f}" '
                    f'text-anchor="middle">{esc(word)}</text>'
                    for i, word in enumerate(words)
                )
            )
    out += labels
    for box in {n.id: n for n in reversed(nodes)}.values():
        cx, cy = centre[box.id]
        w = box_w[depth[box.id]]
        roles = " ".join(CSS_CLASS.sub("-", r.lower()) for r in box.role.split())
        out.append(
            f'<g class="node {esc(roles)}"><title>{esc(box.tooltip or box.label)}</title>'
            f'<rect x="{cx - w / 2:.1f}" y="{cy - box_h / 2:.1f}" width="{w:.1f}" '
            f'height="{box_h:.0f}" rx="6"/>'
            f'<text x="{cx:.1f}" y="{cy + 4:.1f}" font-size="12" text-anchor="middle"'
            + (' font-weight="600"' if "independent" in roles.split() else "")
            + f">{esc(_fit(box.label, w - 8, 12))}</text></g>"
        )
    out.append("</svg>")
    return "".join(out)


# ---- the claim page -----------------------------------------------------------------------


def to_html(report: Mapping[str, Any]) -> str:
    """One claim's report as a self-contained HTML page."""
    mentions = report["mentions"]
    body = [
        f'<header><p class="kicker">wiretrace claim report · <code>{esc(report["id"])}</code></p>',
        f"<h1>{esc(report['text'])}</h1>",
        f'<p>{verdict_badge(report["verdict"])} <span class="reason">{esc(report["reason"])}</span></p>',
        '<dl class="facts">',
        f"<dt>Outlets</dt><dd>{esc(', '.join(report['outlets']))}</dd>",
        f"<dt>Independent sources</dt><dd>{esc(report['independent_sources'])} "
        f"({esc(', '.join(report['sources']))})</dd>",
        f"<dt>First</dt><dd>{esc(report['first_outlet'] or 'unknown')}, "
        f"{time_html(report['first_published_at'])} "
        f'<span class="muted">(time from {esc(report["first_time_source"])})</span></dd>',
        "</dl></header>",
    ]
    body += _timeline_section(report)
    body += _mentions_section(mentions)
    body += _wording_section(report)
    body += _numbers_section(report)
    body += _lineage_section(report)
    body += _provenance_section(mentions)
    body.append(
        '<footer class="note"><p>Made by wiretrace from its warehouse; every sentence above '
        "can be checked against the archived bytes listed under Provenance.</p></footer>"
    )
    return page(
        f"{report['verdict']}: {report['text']}",
        "\n".join(body),
        description=f"wiretrace claim report {report['id']}",
    )


def _timeline_section(report: Mapping[str, Any]) -> list[str]:
    first = first_mention(report)
    events = [
        TimelineEvent(
            when=m["published_at"],
            lane=mention_label(m) if m.get("latest", True) else f"{m['outlet']} (earlier)",
            label=m["published_at"].strftime("%H:%M"),
            tooltip=f"{mention_label(m)}: {when(m['published_at'], m['timezone'])}",
            marker="first" if m is first else ("" if m.get("latest", True) else "earlier-version"),
        )
        for m in report["mentions"]
        if m["published_at"] is not None
    ]
    if not events:
        return []
    return [
        '<section id="timeline"><h2>When each outlet published</h2><figure>',
        timeline_svg(events, title="When each outlet published (UTC)"),
        "<figcaption>Times in UTC, from the article page or feed; the ringed dot was first."
        "</figcaption></figure></section>",
    ]


def _mentions_section(mentions: Sequence[Mapping[str, Any]]) -> list[str]:
    out = [
        f'<section id="mentions"><h2>Mentions ({len(mentions)})</h2>',
        '<table class="cards"><thead><tr><th>Outlet</th><th>Published</th>'
        "<th>Headline</th><th>Sentence</th></tr></thead><tbody>",
    ]
    for n, m in enumerate(mentions, 1):
        source = m.get("source") or ""
        via = m.get("via") or ""
        counts = (
            f'<br><span class="muted">counts as {esc(source)}'
            + (f" ({esc(via)})" if via and via != "own" else "")
            + "</span>"
            if source
            else ""
        )
        out.append(
            f'<tr id="m{n}"><td><strong>{n}. {esc(mention_label(m))}</strong>{counts}</td>'
            f'<td data-label="Published">{time_html(m["published_at"], m["timezone"])}</td>'
            f'<td data-label="Headline">{link(m["url"], m["headline"])}</td>'
            f'<td data-label="Sentence"><q>{esc(m["sentence"])}</q></td></tr>'
        )
    out.append("</tbody></table></section>")
    return out


def _wording_section(report: Mapping[str, Any]) -> list[str]:
    first = first_mention(report)
    if first is None or len(report["mentions"]) < 2:
        return []
    out = [
        '<section id="wording"><h2>Wording compared with the first mention</h2>',
        f'<p class="note">Against {esc(mention_label(first))}: '
        "<del>words it drops</del> and <ins>words it adds</ins>.</p>",
        '<ol class="wording" start="2">',
    ]
    for m in report["mentions"][1:]:
        ops = word_diff(first["sentence"], m["sentence"])
        same = all(op == "equal" for op, _ in ops)
        text = (
            '<span class="muted">same words</span>'
            if same
            else diff_html(first["sentence"], m["sentence"])
        )
        out.append(f"<li><strong>{esc(mention_label(m))}</strong>: {text}</li>")
    out.append("</ol></section>")
    return out


def _numbers_section(report: Mapping[str, Any]) -> list[str]:
    figures = figure_rows(report)
    if not figures:
        return []
    out = [
        '<section id="numbers"><h2>Numbers</h2>',
        "<table><thead><tr><th>Outlet</th><th>As written</th><th>Value</th>"
        "<th>Agreement</th></tr></thead><tbody>",
    ]
    for f in figures:
        agreement = (
            f'<span class="disagree">≠ {esc("; ".join(f.disagrees_with))}</span>'
            if f.disagrees_with
            else f'<span class="muted">{"agrees" if f.compared else "only this mention"}</span>'
        )
        row_class = ' class="disagree-row"' if f.disagrees_with else ""
        out.append(
            f'<tr{row_class}><td data-label="Outlet">{esc(f.outlet)}</td>'
            f'<td data-label="As written">{esc(f.raw)}</td>'
            f'<td data-label="Value">{esc(format_value(f.value, f.unit))}</td>'
            f'<td data-label="Agreement">{agreement}</td></tr>'
        )
    out.append("</tbody></table></section>")
    return out


def _lineage_section(report: Mapping[str, Any]) -> list[str]:
    links = lineage_links(report)
    if not links:
        return []
    independent = set(report["sources"])
    fetched = {m["outlet_id"] for m in report["mentions"]}
    nodes: dict[str, LineageNode] = {}
    for m in report["mentions"]:
        nodes.setdefault(m["outlet_id"], LineageNode(m["outlet_id"], m["outlet"] or m["outlet_id"]))
    for link_ in links:
        nodes.setdefault(link_.source_id, LineageNode(link_.source_id, link_.source))
        nodes.setdefault(link_.outlet_id, LineageNode(link_.outlet_id, link_.outlet))
    styled = [
        LineageNode(
            n.id,
            n.label,
            " ".join(
                role
                for role, yes in (
                    ("independent", n.id in independent),
                    ("unfetched", n.id not in fetched),
                )
                if yes
            ),
            n.label
            + (" · independent source" if n.id in independent else "")
            + ("" if n.id in fetched else " · not fetched by wiretrace"),
        )
        for n in nodes.values()
    ]
    edges = [
        LineageEdge(link_.outlet_id, link_.source_id, link_.verbs, " / ".join(link_.evidence))
        for link_ in links
    ]
    out = [
        '<section id="lineage"><h2>Lineage: who reprinted or cited whom</h2><figure>',
        lineage_svg(styled, edges, title="Lineage: arrows point from an outlet to its source"),
        "<figcaption>Arrows point from an outlet to the source it reprints, credits or cites. "
        "Bold boxes are independent sources; dashed boxes were never fetched.</figcaption>"
        '</figure><ul class="lineage">',
    ]
    for link_ in links:
        evidence = "".join(f"<li>{esc(e)}</li>" for e in link_.evidence)
        out.append(
            f"<li><strong>{esc(link_.outlet)}</strong> {esc(link_.verbs)} "
            f"<strong>{esc(link_.source)}</strong>"
            f"<details><summary>evidence</summary><ul>{evidence}</ul></details></li>"
        )
    out.append("</ul></section>")
    return out


def _provenance_section(mentions: Sequence[Mapping[str, Any]]) -> list[str]:
    out = [
        '<section id="provenance"><h2>Provenance</h2>',
        '<p class="note">Each mention\'s page as archived: check it with '
        "<code>warcio extract --payload WARC_FILE OFFSET | sha256sum</code> in the archive "
        "folder next to the database.</p>",
        '<table class="cards"><thead><tr><th>Outlet</th><th>Fetched</th>'
        "<th>WARC file @ offset</th><th>Record</th><th>Payload sha256</th></tr></thead><tbody>",
    ]
    for n, m in enumerate(mentions, 1):
        out.append(
            f"<tr><td><strong>{n}. {esc(mention_label(m))}</strong></td>"
            f'<td data-label="Fetched">{time_html(m["fetched_at"])}</td>'
            f'<td data-label="WARC"><code>{esc(m["warc_file"])}</code> @ '
            f"<code>{esc(m['warc_offset'])}</code></td>"
            f'<td data-label="Record"><code>{esc(m.get("warc_record_id"))}</code></td>'
            f'<td data-label="sha256"><code>{esc(m["payload_sha256"])}</code></td></tr>'
        )
    out.append("</tbody></table></section>")
    return out
