"""Render a claim report (from warehouse.queries.claim_report) as text, Markdown or JSON."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

FORMATS = ("text", "md", "json")


def _when(value: datetime | None, timezone: str | None = None) -> str:
    if value is None:
        return "unknown"
    text = value.strftime("%Y-%m-%d %H:%M UTC")
    if timezone and timezone != "UTC":
        local = value.astimezone(ZoneInfo(timezone))
        text += f" ({local.strftime('%H:%M %z')} local)"
    return text


def to_json(report: dict[str, Any]) -> str:
    return json.dumps(report, default=_json_default, ensure_ascii=False, indent=2)


def _json_default(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_text(report: dict[str, Any]) -> str:
    lines = [
        f"Claim {report['id']}: {report['verdict'].upper()}",
        f"  {report['text']}",
        f"  why: {report['reason']}",
        f"  outlets: {', '.join(report['outlets'])}; independent sources: "
        f"{report['independent_sources']} ({', '.join(report['sources'])})",
        f"  first: {report['first_outlet']} at {_when(report['first_published_at'])} "
        f"(time from {report['first_time_source']})",
        "",
        "Mentions:",
    ]
    for m in report["mentions"]:
        version = "" if m["latest"] else "  [earlier version]"
        lines += [
            f"- {m['outlet']} ({m['outlet_id']}), {_when(m['published_at'], m['timezone'])}{version}",
            f"  {m['headline']}",
            f"  {m['url']}",
            f'  "{m["sentence"]}"',
            f"  archived: fetch {m['fetch_id']} at {_when(m['fetched_at'])}, "
            f"{m['warc_file']} @ {m['warc_offset']}, sha256 {m['payload_sha256']}",
        ]
    if report["quantities"]:
        lines += ["", "Numbers:"]
        for q in report["quantities"]:
            lines.append(f"- {q['outlet_id']}: {q['raw']} = {q['value']:g} {q['unit']}")
    if report["lineage"]:
        lines += ["", "Lineage:"]
        for edge in report["lineage"]:
            lines.append(
                f"- article {edge['article_id']} {edge['kind']} from {edge['source_outlet']}: "
                f"{edge['evidence']}"
            )
    return "\n".join(lines) + "\n"


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(report: dict[str, Any]) -> str:
    out = [
        f"# Claim `{report['id']}` — {report['verdict']}",
        "",
        f"> {_md(report['text'])}",
        "",
        f"**Why:** {_md(report['reason'])}",
        "",
        f"- Outlets: {', '.join(report['outlets'])}",
        f"- Independent sources: {report['independent_sources']} ({', '.join(report['sources'])})",
        f"- First: {report['first_outlet']} at {_when(report['first_published_at'])} "
        f"(time from {report['first_time_source']})",
        "",
        "## Mentions",
        "",
        "| outlet | published | headline | sentence | archived bytes |",
        "|---|---|---|---|---|",
    ]
    for m in report["mentions"]:
        version = "" if m["latest"] else " (earlier version)"
        out.append(
            f"| {_md(m['outlet'])}{version} | {_md(_when(m['published_at'], m['timezone']))} "
            f"| [{_md(m['headline'])}]({m['url']}) | {_md(m['sentence'])} "
            f"| `{m['warc_file']}@{m['warc_offset']}` sha256 `{(m['payload_sha256'] or '')[:16]}` |"
        )
    if report["quantities"]:
        out += ["", "## Numbers", "", "| outlet | as written | value | unit |", "|---|---|---|---|"]
        for q in report["quantities"]:
            out.append(f"| {q['outlet_id']} | {_md(q['raw'])} | {q['value']:g} | {q['unit']} |")
    if report["lineage"]:
        out += ["", "## Lineage", "", "| article | kind | source | evidence |", "|---|---|---|---|"]
        for edge in report["lineage"]:
            out.append(
                f"| {edge['article_id']} | {edge['kind']} | {edge['source_outlet']} "
                f"| {_md(edge['evidence'])} |"
            )
    return "\n".join(out) + "\n"


def render(report: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return to_json(report) + "\n"
    if fmt == "md":
        return to_markdown(report)
    return to_text(report)
