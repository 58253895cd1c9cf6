"""SVG drawings for the HTML reports: a timeline of who published when, and a lineage diagram.

Pure functions from records to markup; every label goes through `esc`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from wiretrace.reports.formatting import css_class, esc

CHAR_WIDTH = 0.6  # of the font size: a rough width of one character, to fit labels in boxes
TICK_STEPS = tuple(
    timedelta(minutes=m)
    for m in (1, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080, 43200)
)
LANE_COLOURS = ("#2563eb", "#d97706", "#059669", "#db2777", "#7c3aed", "#0891b2", "#65a30d")


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
            marker = css_class(event.marker)
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


# ---- figures over time --------------------------------------------------------------------

FIGURE_COLOURS = {  # by status: a dispute stands out, an update is the newest word
    "first": "#2563eb",
    "same": "#2563eb",
    "update": "#059669",
    "dispute": "#dc2626",
    "later": "#d97706",
}


@dataclass(frozen=True, slots=True)
class FigureMark:
    """A figure on the figure timeline, drawn at (when, value) in the panel of its line."""

    key: str
    when: datetime
    line: str  # which figure of the claim: one panel each ("dead", "injured")
    value: float
    label: str  # "Reuters: at least 17"
    status: str  # first | same | update | dispute | later
    replaces: str = ""  # the key of the mark it supersedes: an arrow from that one to this
    tooltip: str = ""


def figure_timeline_svg(
    marks: Sequence[FigureMark], *, width: int = 400, title: str = "Figures over time (UTC)"
) -> str:
    """One panel per figure of the claim: time across, value up, a dot per report.

    A figure that replaces an earlier one gets an arrow from it; disputed figures are red,
    updates green, a later cycle's different figure amber. Labels sit beside their dots.
    """
    marks = sorted(marks, key=lambda m: (m.when, m.key))
    if not marks:
        return ""
    panels: dict[str, list[FigureMark]] = {}
    for mark in marks:
        panels.setdefault(mark.line, []).append(mark)
    gutter, right, top, panel_h, gap = 96.0, 16.0, 34.0, 96.0, 14.0
    height = top + (panel_h + gap) * len(panels)
    start, end = marks[0].when, marks[-1].when
    if end - start < timedelta(minutes=10):
        start, end = start - timedelta(minutes=30), end + timedelta(minutes=30)
    pad = (end - start).total_seconds() * 0.06
    lo, hi = start - timedelta(seconds=pad), end + timedelta(seconds=pad * 5)
    plot = width - gutter - right

    def x(value: datetime) -> float:
        return gutter + plot * (value - lo).total_seconds() / (hi - lo).total_seconds()

    out = [
        f'<svg class="figure-timeline" viewBox="0 0 {width} {height:.0f}"'
        f' role="img" aria-label="{esc(title)}">',
        f"<title>{esc(title)}</title>",
        '<defs><marker id="figure-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path class="arrow" d="M0 0L10 5L0 10z"/>'
        "</marker></defs>",
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
    where: dict[str, tuple[float, float]] = {}
    for index, (line, members) in enumerate(panels.items()):
        y0 = top + (panel_h + gap) * index
        low = min(m.value for m in members)
        high = max(m.value for m in members)
        spread = (high - low) or max(abs(high) * 0.1, 1.0)
        low, high = low - spread * 0.15, high + spread * 0.15

        def y(value: float, y0: float = y0, low: float = low, high: float = high) -> float:
            return y0 + panel_h - 24 - (panel_h - 44) * (value - low) / (high - low)

        out.append(
            f'<rect class="panel" x="{gutter}" y="{y0:.1f}" width="{plot:.1f}" '
            f'height="{panel_h:.0f}" fill="none" stroke="currentColor" stroke-opacity="0.15"/>'
            f'<text x="4" y="{y0 + panel_h / 2 + 4:.1f}" font-size="12">'
            f"{esc(_fit(line, gutter - 8, 12))}</text>"
        )
        for mark in members:
            where[mark.key] = (x(mark.when), y(mark.value))
    for mark in marks:  # arrows first, so dots sit on top of them
        if mark.replaces in where:
            (x1, y1), (x2, y2) = where[mark.replaces], where[mark.key]
            out.append(
                f'<line class="replaces" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                f'stroke="{FIGURE_COLOURS["update"]}" stroke-width="1.5" stroke-dasharray="4 2" '
                'marker-end="url(#figure-arrow)"/>'
            )
    for members in panels.values():
        for k, mark in enumerate(members):
            cx, cy = where[mark.key]
            colour = FIGURE_COLOURS.get(mark.status, FIGURE_COLOURS["first"])
            room = width - right - cx - 10
            anchor, lx = ("start", cx + 4) if room > 70 else ("end", cx - 4)
            # Labels alternate above and below their dots, so neighbours in time do not overlap.
            ly = cy - 9 if k % 2 == 0 else cy + 17
            out.append(
                f'<g class="figure {esc(css_class(mark.status))}">'
                f"<title>{esc(mark.tooltip or mark.label)}</title>"
                f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="5" fill="{colour}"/>'
                f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="10" text-anchor="{anchor}">'
                f"{esc(_fit(mark.label, max(room, cx - gutter - 10), 10))}</text></g>"
            )
    out.append("</svg>")
    return "".join(out)


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
    marker = f"{css_class(ident)}-arrow"
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
        roles = " ".join(css_class(r) for r in box.role.split())
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


# ---- who takes from whom ------------------------------------------------------------------

MATRIX_KINDS = (  # lineage kind, its verb, its colour
    ("verbatim", "reprints", "#cf222e"),
    ("credited", "credits", "#9a6700"),
    ("attributed", "cites", "#0969da"),
)


@dataclass(frozen=True, slots=True)
class MatrixCell:
    """`counts[kind]` articles of the row's outlet reprint, credit or cite the column's source."""

    row: str
    column: str
    counts: tuple[tuple[str, int], ...]  # (lineage kind, articles), kinds of MATRIX_KINDS


def matrix_svg(
    rows: Sequence[tuple[str, str]],
    columns: Sequence[tuple[str, str]],
    cells: Sequence[MatrixCell],
    *,
    title: str = "Who takes from whom",
) -> str:
    """A grid of outlets (rows) by the sources they take from (columns); each cell three bars.

    Bars are reprints, credits and cites, each as tall as its share of the largest count in the
    grid, with the count above it; an empty cell is left blank. `rows` and `columns` are
    (id, label) pairs in the order drawn.
    """
    if not rows or not columns:
        return ""
    by_cell = {(c.row, c.column): dict(c.counts) for c in cells}
    largest = max((n for counts in by_cell.values() for n in counts.values()), default=1) or 1
    gutter, top, cell_w, cell_h, legend = 104.0, 40.0, 76.0, 54.0, 26.0
    width = gutter + cell_w * len(columns) + 8
    height = top + cell_h * len(rows) + legend
    out = [
        f'<svg class="matrix" viewBox="0 0 {width:.0f} {height:.0f}" role="img"'
        f' aria-label="{esc(title)}">',
        f"<title>{esc(title)}</title>",
        '<text class="tick" x="4" y="14">outlet ↓ takes from →</text>',
    ]
    for j, (_, label) in enumerate(columns):
        cx = gutter + cell_w * (j + 0.5)
        out.append(
            f'<text x="{cx:.1f}" y="{top - 8}" font-size="11" text-anchor="middle" '
            f'font-weight="600">{esc(_fit(label, cell_w - 4, 11))}</text>'
        )
    for i, (row_id, label) in enumerate(rows):
        y0 = top + cell_h * i
        out.append(
            f'<line class="axis" x1="4" y1="{y0:.1f}" x2="{width - 8:.1f}" y2="{y0:.1f}"/>'
            f'<text x="4" y="{y0 + cell_h / 2 + 4:.1f}" font-size="12" font-weight="600">'
            f"{esc(_fit(label, gutter - 8, 12))}</text>"
        )
        for j, (column_id, column_label) in enumerate(columns):
            counts = by_cell.get((row_id, column_id), {})
            if not counts:
                continue
            x0 = gutter + cell_w * j
            said = ", ".join(
                f"{verb} {counts[kind]}" for kind, verb, _ in MATRIX_KINDS if counts.get(kind)
            )
            out.append(f"<g><title>{esc(f'{label} → {column_label}: {said} (articles)')}</title>")
            for k, (kind, _, colour) in enumerate(MATRIX_KINDS):
                n = counts.get(kind, 0)
                if not n:
                    continue
                bar = max(3.0, (cell_h - 22) * n / largest)
                bx = x0 + 10 + k * 20
                base = y0 + cell_h - 6
                out.append(
                    f'<rect x="{bx:.1f}" y="{base - bar:.1f}" width="14" height="{bar:.1f}" '
                    f'fill="{colour}" rx="2"/>'
                    f'<text x="{bx + 7:.1f}" y="{base - bar - 3:.1f}" font-size="10" '
                    f'text-anchor="middle">{n}</text>'
                )
            out.append("</g>")
    y = height - 8
    x = 4.0
    for _, verb, colour in MATRIX_KINDS:
        out.append(
            f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{colour}" rx="2"/>'
            f'<text class="tick" x="{x + 14:.1f}" y="{y:.1f}">{esc(verb)}</text>'
        )
        x += 24 + len(verb) * 10 * CHAR_WIDTH + 10
    out.append(f'<text class="tick" x="{x:.1f}" y="{y:.1f}">(articles)</text>')
    out.append("</svg>")
    return "".join(out)
