"""Pieces every report format shares: times, word diffs, numbers, safe links, Markdown and HTML escaping."""

from __future__ import annotations

import difflib
import html
import re
from datetime import datetime
from typing import Literal
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

WORD = re.compile(r"\S+")
# Characters that Markdown would read as markup (and "<", which would open raw HTML).
MD_SPECIAL = re.compile(r"([\\`*_~\[\]<>|])")
CSS_CLASS = re.compile(r"[^a-z0-9-]+")
SAFE_SCHEMES = ("http", "https")
SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))

DiffOp = Literal["equal", "delete", "insert"]


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


def md_link(text: object, url: object) -> str:
    href = safe_url(url)
    label = md_escape(text) or "link"
    return f"[{label}](<{href}>)" if href else label


def esc(value: object) -> str:
    """Text as HTML (quotes too, so it is safe in attributes); None is empty."""
    return "" if value is None else html.escape(str(value), quote=True)


def css_class(text: str) -> str:
    """Any text as a CSS class name: lower case, runs of other characters as one '-'."""
    return CSS_CLASS.sub("-", text.lower())
