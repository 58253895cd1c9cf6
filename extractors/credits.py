"""Wire credits, sign-off lines and bylines: who an article's text comes from, out of its body."""

from __future__ import annotations

import re
from dataclasses import dataclass

from wiretrace.extractors.datelines import read_dateline

# The first lines of a body where a dateline may sit: an update note can come before it.
DATELINE_WINDOW = 3

# Whole lines that only credit a source: "Source: CNA/Reuters/ec", "(With inputs from PTI)".
CREDIT_LINE = re.compile(
    r"^\(?\s*(?:"
    r"with\s+(?:additional\s+)?inputs?\s+from\s+(?P<inputs>[^)]+?)"
    r"|(?:sources?|credits?|credited\s+from)\s*:\s*(?P<source>[^)]+?)"
    r")\s*\)?\s*\.?$",
    re.IGNORECASE,
)
# "- PTI", "— ANI", "(IANS)": a wire's sign at the end of Indian copy. Capitals only, or a known
# wire's name: trafilatura writes list items as "- Item", and "- Tweet" is no credit.
DASH_CREDIT = re.compile(
    r"^(?:[-–—]\s*(?P<dash>[A-Za-z]{2,12})|\(\s*(?P<paren>[A-Z]{2,6})\s*\))\.?$"
)
WIRE_NAMES = frozenset({"Reuters", "Bloomberg", "Xinhua", "Bernama", "Yonhap", "Kyodo", "Agencies"})
CREDIT_SEPARATOR = re.compile(r"\s*(?:/|,|&|\band\b)\s*")
# A name in a credit: "Reuters", "Associated Press", "agencies"; lower-case initials sign CNA's
# editor ("Source: CNA/Reuters/ec") and are dropped. Anything else means the line is prose.
CREDIT_NAME = re.compile(r"^(?:[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}|agencies)$")
EDITOR_INITIALS = re.compile(r"^[a-z]{1,4}$")

_ROLE = (
    r"(?:additional\s+reporting|reporting|writing|editing|compiled|edited|written|produced"
    r"|fact-checked|graphics|research|photography|video)"
)
# "Reporting by Gopal Sharma; Editing by Alex Richardson", "(Reporting by Indulal PM; ...)".
CONTRIBUTOR_LINE = re.compile(rf"^\(?\s*(?i:{_ROLE})\s+by\b.{{2,400}}$")
CONTRIBUTOR_PART = re.compile(
    rf"(?P<role>(?i:{_ROLE}))\s+by\s+(?P<names>.+?)\s*(?=[;,]?\s*(?:and\s+)?(?i:{_ROLE})\s+by\b|$)"
)
NAME_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
# A sign-off closes the story: unbracketed, a "Writing by hand is ..." sentence elsewhere in
# the body would otherwise be taken for one.
SIGN_OFF_WINDOW = 3
# "Andy Bruce in London": where a contributor filed from is not part of the name.
FILED_FROM = re.compile(r"\s+in\s+[A-Z][\w .'’-]*$")
# "By Gopal Sharma", "By Maya Gebeily and Anthony Deutsch" on a line of their own.
BYLINE = re.compile(
    r"^By\s+(?P<names>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}"
    r"(?:(?:,\s*|\s+and\s+)[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})*)$"
)
BYLINE_WINDOW = 2


@dataclass(frozen=True, slots=True)
class Credits:
    """A body with its credits taken out."""

    text: str
    credits: tuple[str, ...] = ()  # sources the text comes from: "Reuters", "PTI"
    dateline: str = ""  # "KATHMANDU, April 25 (Reuters) -" or an outlet's own "NEW DELHI:"
    contributors: tuple[str, ...] = ()  # "Reporting by Gopal Sharma", "Editing by Alex Richardson"
    bylines: tuple[str, ...] = ()  # names from a "By ..." line at the top

    @property
    def credit(self) -> str:
        return ", ".join(self.credits)


def split_credits(text: str) -> Credits:
    """Take credit, sign-off and byline lines out of the body and read its dateline.

    The dateline stays at the head of its paragraph: it is part of the first sentence as
    printed, claim offsets point into the body as published, and claims already leave it out
    of the text they compare. A line that only repeats the dateline's place ("MUMBAI" above
    "MUMBAI (Reuters) -") leaves.
    """
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    credits: list[str] = []
    contributors: list[str] = []
    bylines: list[str] = []
    dateline, place, at = "", "", -1
    for index, line in enumerate(lines[:DATELINE_WINDOW]):
        found = read_dateline(line)
        if found is not None:
            dateline, place = found.text, found.place
            credits.extend([found.credit] if found.credit else [])
            at = index
            break
    kept: list[str] = []
    for index, line in enumerate(lines):
        if index < at and place and line.rstrip(" :-–—").upper() == place.upper():
            continue
        if index < BYLINE_WINDOW and (byline := BYLINE.match(line)):
            bylines.extend(_split_names(byline.group("names")))
            continue
        names = credit_names(line)
        if names is not None:
            credits.extend(names)
            continue
        if CONTRIBUTOR_LINE.match(line) and (
            line.startswith("(") or index >= len(lines) - SIGN_OFF_WINDOW
        ):
            entries = parse_contributors(line)
            if entries:
                contributors.extend(entries)
                continue
        kept.append(line)
    return Credits(
        text="\n".join(kept),
        credits=tuple(dict.fromkeys(c for c in credits if c)),
        dateline=dateline,
        contributors=tuple(dict.fromkeys(contributors)),
        bylines=tuple(dict.fromkeys(bylines)),
    )


def credit_names(line: str) -> list[str] | None:
    """The sources a credit line names, or None when `line` is not a credit line."""
    if len(line) > 120:
        return None
    match = CREDIT_LINE.match(line)
    if match:
        names = _credit_parts(match.group("inputs") or match.group("source") or "")
        return names if names else None
    dash = DASH_CREDIT.match(line)
    if dash:
        name = dash.group("dash") or dash.group("paren") or ""
        if name.isupper() or name.capitalize() in WIRE_NAMES:
            return [name]
    return None


def parse_contributors(line: str) -> list[str]:
    """ "Reporting by A in London and B; Editing by C" -> ["Reporting by A", "Reporting by B",
    "Editing by C"]: one entry per name, its role as the sign-off wrote it; [] when a "name"
    is not capitalised ("Writing by hand ..."), as then the line is prose."""
    body = line.strip().strip("()").strip()
    entries: list[str] = []
    for part in CONTRIBUTOR_PART.finditer(body):
        role = " ".join(part.group("role").split())
        role = role[:1].upper() + role[1:]
        names = _split_names(part.group("names"))
        if not names or not all(name[:1].isupper() for name in names):
            return []
        entries.extend(f"{role} by {name}" for name in names)
    return entries


def _credit_parts(value: str) -> list[str]:
    names: list[str] = []
    for part in CREDIT_SEPARATOR.split(value):
        name = part.strip(" .")
        if not name or EDITOR_INITIALS.match(name):
            continue
        if not CREDIT_NAME.match(name):
            return []  # "Source: company filings" is prose, not a credit
        names.append(name)
    return names


def _split_names(value: str) -> list[str]:
    names = []
    for part in NAME_SEPARATOR.split(value.strip(" .")):
        name = FILED_FROM.sub("", part.strip(" ."))
        if name:
            names.append(name)
    return names
