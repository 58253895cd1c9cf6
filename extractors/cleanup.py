"""Clean pages before and text after trafilatura, by the per-outlet rules in cleanup.toml."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

RULES_FILE = "cleanup.toml"
RULE_KEYS = frozenset({"prune_classes", "prune_xpath", "drop_lines", "stop_lines"})
OUTLET_KEYS = RULE_KEYS | {"hosts"}
# Removing one of these between two runs of text must leave a line break, or trafilatura glues
# the sentences either side together ("...grid data.The IMD has...").
BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "details", "dialog", "div", "dl", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "ul",
    }
)  # fmt: skip
# A rule never removes an element holding more than this share of the page's text: a class
# like "related" on a wrapper around the whole story would otherwise take the story with it.
MAX_PRUNED_SHARE = 0.5
# Inline tags trafilatura splits into lines of their own when they sit in a <div> of loose
# text (Times of India: "NEW DELHI: " / "Pakistan" / "'s whole-of-system approach...").
INLINE_TAGS = frozenset({"a", "b", "strong", "i", "em", "u"})
UNWRAPPED = "wt-unwrapped"
# Only these <div>s can need unwrapping: found in C, not by visiting every <div>'s children.
DIVS_WITH_INLINE = etree.XPath(f"descendant-or-self::div[{' or '.join(sorted(INLINE_TAGS))}]")
# Class tokens that state what an element has or lacks ("no-share", "has-related-posts").
STATE_PREFIX = r"(?:no|not|has|is|with|without|show|hide|enable|disable|allow)[-_]"
WITH_CLASS = etree.XPath("//*[@class]")
# Visible text only: a page's scripts (Reuters ships 700 kB of JSON) would dwarf its prose. Every
# text node, less those in scripts and styles: a not(ancestor::script) predicate took 5x longer.
ALL_TEXT = etree.XPath(".//text()", smart_strings=False)
CODE_TEXT = etree.XPath(".//script//text() | .//style//text()", smart_strings=False)


class RulesError(ValueError):
    """The cleanup rules are malformed; the message names the section and the key."""


@dataclass(frozen=True, slots=True)
class CleanupRules:
    """What to remove from one page: elements before extraction, lines after it."""

    prune_classes: tuple[str, ...] = ()
    prune_xpath: tuple[str, ...] = ()
    drop_lines: tuple[str, ...] = ()
    stop_lines: tuple[str, ...] = ()

    def __add__(self, other: CleanupRules) -> CleanupRules:
        return CleanupRules(
            prune_classes=_unique(self.prune_classes + other.prune_classes),
            prune_xpath=_unique(self.prune_xpath + other.prune_xpath),
            drop_lines=_unique(self.drop_lines + other.drop_lines),
            stop_lines=_unique(self.stop_lines + other.stop_lines),
        )


@dataclass(frozen=True, slots=True)
class OutletRules:
    outlet_id: str
    hosts: tuple[str, ...]
    rules: CleanupRules


@dataclass(frozen=True, slots=True)
class RuleBook:
    generic: CleanupRules
    outlets: tuple[OutletRules, ...] = ()


@dataclass(frozen=True, slots=True)
class CompiledRules:
    """CleanupRules ready to run: one regex for classes, one XPath, one regex per kind of line."""

    prune_class: re.Pattern[str] | None
    prune: etree.XPath | None
    drop: re.Pattern[str] | None
    stop: re.Pattern[str] | None


def class_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """A class attribute with a token that starts with one of `names` or ends in "-name" or
    "__name" ("also-read", "also-read__box", "article__share"), unless the token says what
    its element has or lacks ("no-share", "has-related"): that is a state of the story's
    own wrapper, not a box of its own."""
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(
        rf"(?:^|\s)(?:(?:{alternatives})|(?!{STATE_PREFIX})\S*?(?:-|__)(?:{alternatives})(?=\s|$))"
    )


def parse_rules(text: str) -> RuleBook:
    """The rule book in TOML `text`; RulesError names what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"cleanup rules are not valid TOML: {exc}") from exc
    unknown = set(data) - {"generic", "outlet"}
    if unknown:
        raise RulesError(f"cleanup rules: unknown section {sorted(unknown)[0]!r}")
    generic = _section(data.get("generic", {}), "generic", RULE_KEYS)
    outlets = []
    for outlet_id, table in sorted(data.get("outlet", {}).items()):
        rules = _section(table, f"outlet.{outlet_id}", OUTLET_KEYS)
        hosts = tuple(h.lower().strip(".") for h in _strings(table, "hosts", f"outlet.{outlet_id}"))
        outlets.append(OutletRules(outlet_id, hosts, rules))
    return RuleBook(generic, tuple(outlets))


@cache
def default_rules() -> RuleBook:
    """The rules shipped beside this module (package data)."""
    text = resources.files("wiretrace.extractors").joinpath(RULES_FILE).read_text(encoding="utf-8")
    return parse_rules(text)


def rules_for(
    *, outlet_id: str = "", urls: Iterable[str] = (), book: RuleBook | None = None
) -> CompiledRules:
    """The generic rules plus those of the outlet named by id or by the host of any URL."""
    hosts = tuple(sorted({_host(u) for u in urls} - {""}))
    return _compiled(book or default_rules(), outlet_id, hosts)


@cache
def _compiled(book: RuleBook, outlet_id: str, hosts: tuple[str, ...]) -> CompiledRules:
    rules = book.generic
    for outlet in book.outlets:
        if outlet.outlet_id == outlet_id or any(
            host == h or host.endswith("." + h) for host in hosts for h in outlet.hosts
        ):
            rules = rules + outlet.rules
    return CompiledRules(
        prune_class=class_pattern(rules.prune_classes),
        prune=etree.XPath(" | ".join(rules.prune_xpath)) if rules.prune_xpath else None,
        drop=_alternation(rules.drop_lines),
        stop=_alternation(rules.stop_lines),
    )


@dataclass(slots=True)
class Pruned:
    """What prune_page took out of a page, so that the page can be put back as served.

    Mutable on purpose: an undo log that lives for one extraction, never a record.
    """

    removed: list[tuple[Any, Any, int, Any, Any, str]] = field(default_factory=list)
    chars: int = 0  # visible characters removed

    def restore(self) -> None:
        """Put every removed element back where it was, in reverse order of removal."""
        for parent, element, index, marker, previous, before in reversed(self.removed):
            if marker is not None:
                parent.replace(marker, element)
                continue
            if previous is None:
                parent.text = before or None
            else:
                previous.tail = before or None
            parent.insert(index, element)
        self.removed.clear()
        self.chars = 0


def prune_page(tree: Any, rules: CompiledRules, *, page_chars: int | None = None) -> Pruned:
    """Remove the rules' elements from `tree` in place, a line break left where text follows.

    `page_chars` is the page's visible length when the caller has it. Returns what was
    removed, so that a caller whose extraction looks wrong can restore the page.
    """
    pruned = Pruned()
    matches = rules.prune(tree) if rules.prune is not None else []
    if rules.prune_class is not None:
        # A regex over class attributes: an XPath of contains(concat(...)) tests per class name
        # took a quarter of the extraction time.
        search = rules.prune_class.search
        matches += [e for e in WITH_CLASS(tree) if search(e.get("class", ""))]
    if not matches:
        return pruned
    limit = MAX_PRUNED_SHARE * (visible_length(tree) if page_chars is None else page_chars)
    for element in matches:
        parent = element.getparent()
        if parent is None:
            continue
        size = visible_length(element)
        if size > limit:
            continue
        pruned.chars += size
        index = parent.index(element)
        tail = element.tail or ""
        if tail.strip() and isinstance(element.tag, str) and element.tag.lower() in BLOCK_TAGS:
            marker = etree.Element("br")
            marker.tail = tail
            parent.replace(element, marker)
            pruned.removed.append((parent, element, index, marker, None, ""))
            continue
        previous = element.getprevious()
        if previous is None:
            before = parent.text or ""
            parent.text = before + tail
        else:
            before = previous.tail or ""
            previous.tail = before + tail
        parent.remove(element)
        pruned.removed.append((parent, element, index, None, previous, before))
    return pruned


def unwrap_inline_links(tree: Any) -> None:
    """Turn links and emphasis in <div>s of loose text into plain text, in place.

    trafilatura emits each piece of such a <div> on a line of its own, breaking sentences at
    every topic link. Only where the loose text outweighs the links: a share bar
    ("Share: <a>X</a> <a>Facebook</a>") keeps its links, so link density still removes it.
    """
    found = False
    for div in DIVS_WITH_INLINE(tree):
        loose = len((div.text or "").strip()) + sum(len((c.tail or "").strip()) for c in div)
        if not loose:
            continue
        inline = [c for c in div if isinstance(c.tag, str) and c.tag in INLINE_TAGS]
        if inline and loose > 2 * sum(len(c.text_content() or "") for c in inline):
            for child in inline:
                child.tag = UNWRAPPED
            found = True
    if found:
        etree.strip_tags(tree, UNWRAPPED)


def clean_lines(text: str, rules: CompiledRules) -> str:
    """`text` without the lines the rules drop, and cut at the first line that ends the story."""
    kept: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if rules.stop is not None and rules.stop.fullmatch(stripped):
            break
        if stripped and rules.drop is not None and rules.drop.fullmatch(stripped):
            continue
        kept.append(line)
    return "\n".join(kept)


def visible_length(element: Any) -> int:
    """Characters of text a reader sees in `element` (scripts and styles left out)."""
    return sum(map(len, ALL_TEXT(element))) - sum(map(len, CODE_TEXT(element)))


def visible_texts(element: Any) -> list[str]:
    """The text nodes a reader sees in `element`, in document order (scripts and styles out)."""
    texts = ALL_TEXT(element)
    code = CODE_TEXT(element)
    if not code:
        return texts
    # by value: a line of prose that is also a whole script is not a case worth the cost
    skip = set(code)
    return [text for text in texts if text not in skip]


def _section(table: Any, name: str, allowed: frozenset[str]) -> CleanupRules:
    if not isinstance(table, dict):
        raise RulesError(f"cleanup rules: [{name}] must be a table")
    unknown = set(table) - allowed
    if unknown:
        raise RulesError(f"cleanup rules: [{name}] has unknown key {sorted(unknown)[0]!r}")
    drop = _strings(table, "drop_lines", name)
    stop = _strings(table, "stop_lines", name)
    for pattern in drop + stop:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise RulesError(f"cleanup rules: [{name}] bad pattern {pattern!r}: {exc}") from exc
    classes = _strings(table, "prune_classes", name)
    xpaths = _strings(table, "prune_xpath", name)
    for xpath in xpaths:
        try:
            etree.XPath(xpath)
        except etree.XPathSyntaxError as exc:
            raise RulesError(f"cleanup rules: [{name}] bad XPath {xpath!r}: {exc}") from exc
    return CleanupRules(prune_classes=classes, prune_xpath=xpaths, drop_lines=drop, stop_lines=stop)


def _strings(table: dict[str, Any], key: str, name: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RulesError(f"cleanup rules: [{name}] {key} must be a list of strings")
    return tuple(value)


def _alternation(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    # One regex for all of a page's line rules: a line is tried once, not once per rule.
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _unique(items: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
