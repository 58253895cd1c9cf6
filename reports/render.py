"""Render a claim report (from warehouse.queries.claim_report) as text, Markdown, HTML or JSON."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

from wiretrace.corroboration.matching import conflicting_figures

from wiretrace.records import Quantity

FORMATS = ("text", "md", "html", "json")
WORD = re.compile(r"\S+")
# Characters that Markdown would read as markup (and "<", which would open raw HTML).
MD_SPECIAL = re.compile(r"([\\`*_~\[\]<>|])")
# Control characters (ANSI escapes among them) that article text must not send to a terminal.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
SAFE_SCHEMES = ("http", "https")
SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
LINEAGE_VERBS = {
    "verbatim": "reprints",
    "credited": "credits",
    "attributed": "cites",
}

DiffOp = Literal["equal", "delete", "insert"]


# ---- pieces every format shares -----------------------------------------------------------


def when(value: datetime | None, timezone: str | None = None) -> str:
    """'2025-06-13 02:05 UTC (10:05 +0800 local)'; the local date too when it differs."""
    if value is None:
        return "unknown"
    text = value.strftime("%Y-%m-%d %H:%M UTC")
    if timezone and timezone != "UTC":
        local = value.astimezone(ZoneInfo(timezone))
        pattern = "%H:%M %z" if local.date() == value.date() else "%Y-%m-%d %H:%M %z"
        text += f" ({local.strftime(pattern)} local)"
    return text


def word_diff(old: str, new: str) -> list[tuple[DiffOp, str]]:
    """Word-level differences from `old` to `new`: runs of equal, deleted and inserted words."""
    a, b = WORD.findall(old), WORD.findall(new)
    ops: list[tuple[DiffOp, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("insert", " ".join(b[j1:j2])))
    return ops


def safe_url(url: object) -> str | None:
    """The URL when it is http(s) with a host, with spaces, quotes and brackets encoded; else None."""
    text = str(url or "").strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    return quote(text, safe="/:?#[]@!$&'*+,;=%~-._")


def md_escape(text: object) -> str:
    """Text that Markdown shows as written, on one line (safe in a table cell)."""
    return MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def mention_label(mention: Mapping[str, Any]) -> str:
    label = str(mention.get("outlet") or mention.get("outlet_id") or "?")
    return label if mention.get("latest", True) else f"{label} (earlier version)"


def format_value(value: float, unit: str) -> str:
    """A normalised figure as people read it: '29 billion USD', '2.5 trillion INR', '49%'."""
    if unit == "%":
        return f"{value:g}%"
    for size, word in SCALE_WORDS:
        if abs(value) >= size:
            number = f"{value / size:,.3f}".rstrip("0").rstrip(".") + f" {word}"
            break
    else:
        number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"
    return f"{number} {unit}".strip()


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
    compared: bool = True  # False when no other mention gives a figure of this kind and unit


def figure_rows(report: Mapping[str, Any]) -> list[FigureRow]:
    """The report's numbers in mention order, each marked with the figures it contradicts.

    The same rule as the dispute verdict: figures that agree with some figure of the other
    mention (allowing for rounding and "about") are set aside; what is left and comparable
    (same kind and unit) disagrees.
    """
    mentions = {m["claim_id"]: m for m in report["mentions"]}
    order = {cid: i for i, cid in enumerate(mentions)}
    # An earlier version of an article is not a second outlet disagreeing: it is `updated`.
    current = {cid for cid, m in mentions.items() if m.get("latest", True)}
    by_claim: dict[str, list[tuple[int, Quantity]]] = {}
    for index, q in enumerate(report["quantities"]):
        quantity = Quantity(q["kind"], float(q["value"]), q["unit"], q["raw"], q["qualifier"] or "")
        by_claim.setdefault(q["claim_id"], []).append((index, quantity))
    conflicts: dict[int, list[str]] = {}
    compared: set[int] = set()
    for a, figures_a in by_claim.items():
        for b, figures_b in by_claim.items():
            if a == b or a not in current or b not in current:
                continue
            compared.update(i for i, x in figures_a if any(x.kind == y.kind for _, y in figures_b))
            index_of = {id(x): i for i, x in figures_a}
            for x, y in conflicting_figures([x for _, x in figures_a], [y for _, y in figures_b]):
                label = f"{mention_label(mentions.get(b, {'outlet_id': b}))}: {y.raw}"
                conflicts.setdefault(index_of[id(x)], []).append(label)
    rows = []
    for index, q in enumerate(report["quantities"]):
        mention = mentions.get(q["claim_id"], {"outlet_id": q["outlet_id"]})
        rows.append(
            FigureRow(
                outlet_id=q["outlet_id"],
                outlet=mention_label(mention),
                claim_id=q["claim_id"],
                raw=q["raw"],
                value=float(q["value"]),
                unit=q["unit"],
                kind=q["kind"],
                qualifier=q["qualifier"] or "",
                disagrees_with=tuple(dict.fromkeys(conflicts.get(index, ()))),
                compared=index in compared,
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


def lineage_links(report: Mapping[str, Any]) -> list[LineageLink]:
    """The report's lineage edges per (outlet, source) pair, with outlet names where known."""
    names = {m["outlet_id"]: m["outlet"] or m["outlet_id"] for m in report["mentions"]}
    article_outlet = {
        m["article_id"]: m["outlet_id"] for m in report["mentions"] if m.get("article_id")
    }
    grouped: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for edge in report["lineage"]:
        outlet = article_outlet.get(edge["article_id"], edge["article_id"])
        source = edge["source_outlet"]
        if outlet == source:
            continue
        kinds, evidence = grouped.setdefault((outlet, source), ([], []))
        kinds.append(edge["kind"])
        evidence.append(f"{edge['kind']}: {edge['evidence']}")
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


def first_mention(report: Mapping[str, Any]) -> Mapping[str, Any] | None:
    return report["mentions"][0] if report["mentions"] else None


def _counts_as(mention: Mapping[str, Any]) -> str:
    source, via = mention.get("source") or "", mention.get("via") or ""
    if via == "earlier-version" or not source:  # the label already says "earlier version"
        return ""
    return f"counts as {source}" + (f" ({via})" if via and via != "own" else "")


# ---- JSON --------------------------------------------------------------------------------


def to_json(report: Mapping[str, Any]) -> str:
    return json.dumps(report, default=_json_default, ensure_ascii=False, indent=2)


def _json_default(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


# ---- text --------------------------------------------------------------------------------


def diff_text(ops: Sequence[tuple[DiffOp, str]]) -> str:
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return " ".join(marks[op].format(words) for op, words in ops)


def to_text(report: Mapping[str, Any]) -> str:
    lines = [
        f"Claim {report['id']}: {report['verdict'].upper()}",
        f"  {report['text']}",
        f"  why: {report['reason']}",
        f"  outlets: {', '.join(report['outlets'])}; independent sources: "
        f"{report['independent_sources']} ({', '.join(report['sources'])})",
        f"  first: {report['first_outlet']} at {when(report['first_published_at'])} "
        f"(time from {report['first_time_source']})",
        "",
        "Mentions:",
    ]
    first = first_mention(report)
    for n, m in enumerate(report["mentions"], 1):
        counts = _counts_as(m)
        lines += [
            f"{n}. {mention_label(m)}, {when(m['published_at'], m['timezone'])}"
            + (f"; {counts}" if counts else ""),
            f"   {m['headline']}",
            f"   {m['url']}",
            f'   "{m["sentence"]}"',
        ]
        if first is not None and n > 1:
            ops = word_diff(first["sentence"], m["sentence"])
            same = all(op == "equal" for op, _ in ops)
            lines.append(
                "   vs first: " + ("same words" if same else diff_text(ops)),
            )
        lines.append(
            f"   archived: fetch {m['fetch_id']} at {when(m['fetched_at'])}, "
            f"{m['warc_file']} @ {m['warc_offset']} {m.get('warc_record_id') or ''}, "
            f"sha256 {m['payload_sha256']}"
        )
    figures = figure_rows(report)
    if figures:
        lines += ["", "Numbers:"]
        for f in figures:
            mark = f"   <- DISAGREES with {'; '.join(f.disagrees_with)}" if f.disagrees_with else ""
            lines.append(f"- {f.outlet}: {f.raw} = {format_value(f.value, f.unit)}{mark}")
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


def md_link(text: object, url: object) -> str:
    href = safe_url(url)
    label = md_escape(text) or "link"
    return f"[{label}](<{href}>)" if href else label


def to_markdown(report: Mapping[str, Any]) -> str:
    out = [
        f"# Claim `{report['id']}` — {report['verdict']}",
        "",
        f"> {md_escape(report['text'])}",
        "",
        f"**Why:** {md_escape(report['reason'])}",
        "",
        f"- Outlets: {md_escape(', '.join(report['outlets']))}",
        f"- Independent sources: {report['independent_sources']} "
        f"({md_escape(', '.join(report['sources']))})",
        f"- First: {md_escape(report['first_outlet'] or 'unknown')} at {when(report['first_published_at'])} "
        f"(time from {report['first_time_source']})",
        "",
        "## Mentions",
        "",
        "| # | outlet | published (UTC, local) | headline | sentence |",
        "|---|---|---|---|---|",
    ]
    for n, m in enumerate(report["mentions"], 1):
        out.append(
            f"| {n} | {md_escape(mention_label(m))} | {when(m['published_at'], m['timezone'])} "
            f"| {md_link(m['headline'], m['url'])} | {md_escape(m['sentence'])} |"
        )
    first = first_mention(report)
    if first is not None and len(report["mentions"]) > 1:
        out += ["", "## Wording compared with the first mention", ""]
        for n, m in enumerate(report["mentions"][1:], 2):
            ops = word_diff(first["sentence"], m["sentence"])
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
    for n, m in enumerate(report["mentions"], 1):
        out.append(
            f"| {n} | {md_escape(mention_label(m))} | {when(m['fetched_at'])} "
            f"| `{m['warc_file']}` | {m['warc_offset']} | `{m.get('warc_record_id') or ''}` "
            f"| `{m['payload_sha256']}` |"
        )
    return "\n".join(out) + "\n"


def render(report: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return to_json(report) + "\n"
    if fmt == "md":
        return to_markdown(report)
    if fmt == "html":
        from wiretrace.reports.html import to_html

        return to_html(report)
    return to_text(report)
