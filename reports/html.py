"""Self-contained HTML pages for reports: the page shell, its small pieces, and the claim page.

Every page is one file that needs no network: inline CSS, SVG drawn by reports/drawings.py, no
script at all, and a Content-Security-Policy that forbids scripts and remote loads should
anything slip through. Every piece of article text goes through `esc`; links only ever point
at http(s). The story page (reports/story.py) builds on the same public functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from wiretrace.records import VERDICTS, ClaimMention, ClaimReport
from wiretrace.reports.claim import (
    figure_rows,
    figure_steps,
    first_mention,
    lineage_links,
    mention_label,
)
from wiretrace.reports.drawings import (
    FigureMark,
    LineageEdge,
    LineageNode,
    TimelineEvent,
    figure_timeline_svg,
    lineage_svg,
    timeline_svg,
)
from wiretrace.reports.formatting import css_class, esc, format_value, safe_url, when, word_diff

__all__ = [
    "CSP",
    "CSS",
    "claim_body",
    "diff_html",
    "document",
    "esc",
    "link",
    "page",
    "safe_href",
    "time_html",
    "to_html",
    "verdict_badge",
]

# No script may run and nothing may be fetched: styles are inline, images only data: URIs.
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
# Badge colours of the verdicts, in the order of VERDICTS.
BADGE_COLOURS = dict(
    zip(VERDICTS, ("#1a7f37", "#0969da", "#9a6700", "#cf222e", "#8250df"), strict=True)
)

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
""" + "".join(f".verdict-{v} {{ background: {c}; }}\n" for v, c in BADGE_COLOURS.items()) + """\
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


# ---- small pieces -------------------------------------------------------------------------


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
    return f'<span class="verdict verdict-{css_class(str(verdict))}">{esc(verdict)}</span>'


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
    return document(title, body, description=description, lang=lang)


def document(
    title: str,
    body: str,
    *,
    description: str = "",
    lang: str = "en",
    csp: str = CSP,
    css: str = CSS,
) -> str:
    """`page` with its policy and styles given: the web app's pages add their own rules."""
    meta = f'<meta name="description" content="{esc(description)}">\n' if description else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"{meta}<title>{esc(title)}</title>\n<style>{css}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


# ---- the claim page -----------------------------------------------------------------------


def to_html(report: ClaimReport) -> str:
    """One claim's report as a self-contained HTML page."""
    return page(
        f"{report.verdict}: {report.text}",
        claim_body(report),
        description=f"wiretrace claim report {report.id}",
    )


def claim_body(report: ClaimReport) -> str:
    """The claim page's body: the report's sections as HTML, for a page of any shell."""
    mentions = report.mentions
    body = [
        f'<header><p class="kicker">wiretrace claim report · <code>{esc(report.id)}</code></p>',
        f"<h1>{esc(report.text)}</h1>",
        f'<p>{verdict_badge(report.verdict)} <span class="reason">{esc(report.reason)}</span></p>',
        '<dl class="facts">',
        f"<dt>Outlets</dt><dd>{esc(', '.join(report.outlets))}</dd>",
        f"<dt>Independent sources</dt><dd>{esc(report.independent_sources)} "
        f"({esc(', '.join(report.sources))})</dd>",
        f"<dt>First</dt><dd>{esc(report.first_outlet or 'unknown')}, "
        f"{time_html(report.first_published_at)} "
        f'<span class="muted">(time from {esc(report.first_time_source)})</span></dd>',
        "</dl></header>",
    ]
    body += _timeline_section(report)
    body += _mentions_section(mentions)
    body += _wording_section(report)
    body += _numbers_section(report)
    body += _figures_over_time_section(report)
    body += _lineage_section(report)
    body += _provenance_section(mentions)
    body.append(
        '<footer class="note"><p>Made by wiretrace from its warehouse; every sentence above '
        "can be checked against the archived bytes listed under Provenance.</p></footer>"
    )
    return "\n".join(body)


def _timeline_section(report: ClaimReport) -> list[str]:
    first = first_mention(report)
    events = [
        TimelineEvent(
            when=m.published_at,
            lane=mention_label(m) if m.latest else f"{m.outlet} (earlier)",
            label=m.published_at.strftime("%H:%M"),
            tooltip=f"{mention_label(m)}: {when(m.published_at, m.timezone)}",
            marker="first" if m is first else ("" if m.latest else "earlier-version"),
        )
        for m in report.mentions
        if m.published_at is not None
    ]
    if not events:
        return []
    return [
        '<section id="timeline"><h2>When each outlet published</h2><figure>',
        timeline_svg(events, title="When each outlet published (UTC)"),
        "<figcaption>Times in UTC, from the article page or feed; the ringed dot was first."
        "</figcaption></figure></section>",
    ]


def _mentions_section(mentions: Sequence[ClaimMention]) -> list[str]:
    out = [
        f'<section id="mentions"><h2>Mentions ({len(mentions)})</h2>',
        '<table class="cards"><thead><tr><th>Outlet</th><th>Published</th>'
        "<th>Headline</th><th>Sentence</th></tr></thead><tbody>",
    ]
    for n, m in enumerate(mentions, 1):
        source = m.source or ""
        via = m.via or ""
        counts = (
            f'<br><span class="muted">counts as {esc(source)}'
            + (f" ({esc(via)})" if via and via != "own" else "")
            + "</span>"
            if source
            else ""
        )
        out.append(
            f'<tr id="m{n}"><td><strong>{n}. {esc(mention_label(m))}</strong>{counts}</td>'
            f'<td data-label="Published">{time_html(m.published_at, m.timezone)}</td>'
            f'<td data-label="Headline">{link(m.url, m.headline)}</td>'
            f'<td data-label="Sentence"><q>{esc(m.sentence)}</q></td></tr>'
        )
    out.append("</tbody></table></section>")
    return out


def _wording_section(report: ClaimReport) -> list[str]:
    first = first_mention(report)
    if first is None or len(report.mentions) < 2:
        return []
    out = [
        '<section id="wording"><h2>Wording compared with the first mention</h2>',
        f'<p class="note">Against {esc(mention_label(first))}: '
        "<del>words it drops</del> and <ins>words it adds</ins>.</p>",
        '<ol class="wording" start="2">',
    ]
    for m in report.mentions[1:]:
        ops = word_diff(first.sentence, m.sentence)
        same = all(op == "equal" for op, _ in ops)
        text = (
            '<span class="muted">same words</span>'
            if same
            else diff_html(first.sentence, m.sentence)
        )
        out.append(f"<li><strong>{esc(mention_label(m))}</strong>: {text}</li>")
    out.append("</ol></section>")
    return out


def _numbers_section(report: ClaimReport) -> list[str]:
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


def _figures_over_time_section(report: ClaimReport) -> list[str]:
    steps = figure_steps(report)
    if not steps:
        return []
    marks = [
        FigureMark(
            key=s.key,
            when=s.when,
            line=s.line_label,
            value=s.value,
            label=f"{s.outlet}: {s.raw}",
            status=s.status,
            replaces=s.replaces if s.status == "update" else "",
            tooltip=f"{s.outlet}, {when(s.when)}: {s.raw} ({s.change}) {s.note}".strip(),
        )
        for s in steps
        if s.when is not None
    ]
    out = [
        '<section id="figures-over-time"><h2>Figures over time</h2><figure>',
        figure_timeline_svg(marks, title="Each figure, who gave it and when (UTC)"),
        "<figcaption>One panel per figure; arrows point from a figure to the later report of "
        "its source that replaces it; red figures are in dispute.</figcaption></figure>",
        "<table><thead><tr><th>Published</th><th>Outlet</th><th>Primary source</th>"
        "<th>Figure</th><th>Against the figure before</th></tr></thead><tbody>",
    ]
    for s in steps:
        row_class = ' class="disagree-row"' if s.status == "dispute" else ""
        out.append(
            f'<tr{row_class}><td data-label="Published">{time_html(s.when)}</td>'
            f'<td data-label="Outlet">{esc(s.outlet)}</td>'
            f'<td data-label="Primary source">{esc(s.source)}</td>'
            f'<td data-label="Figure">{esc(s.raw)}</td>'
            f'<td data-label="Against">{esc(s.change)}</td></tr>'
        )
    out.append("</tbody></table></section>")
    return out


def _lineage_section(report: ClaimReport) -> list[str]:
    links = lineage_links(report)
    if not links:
        return []
    independent = set(report.sources)
    fetched = {m.outlet_id for m in report.mentions}
    nodes: dict[str, LineageNode] = {}
    for m in report.mentions:
        nodes.setdefault(m.outlet_id, LineageNode(m.outlet_id, m.outlet or m.outlet_id))
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


def _provenance_section(mentions: Sequence[ClaimMention]) -> list[str]:
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
            f'<td data-label="Fetched">{time_html(m.fetched_at)}</td>'
            f'<td data-label="WARC"><code>{esc(m.warc_file)}</code> @ '
            f"<code>{esc(m.warc_offset)}</code></td>"
            f'<td data-label="Record"><code>{esc(m.warc_record_id)}</code></td>'
            f'<td data-label="sha256"><code>{esc(m.payload_sha256)}</code></td></tr>'
        )
    out.append("</tbody></table></section>")
    return out
