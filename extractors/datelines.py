"""Datelines, recognised in one place: where a story was filed, and by which wire."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = rf"(?P<date>{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})"
# "KATHMANDU", "SAN FRANCISCO", "BEIRUT/THE HAGUE", "BHUBANESWAR, India": capitals, then an
# optional region as written.
_PLACE_CAPS = r"[A-Z][A-Z.'’&-]+(?:[ /][A-Z][A-Z.'’&-]*)*(?:,\s*[A-Z][A-Za-z.'’&-]*(?:\ [A-Z][A-Za-z.'’&-]*)*)?"
# "New Delhi": PTI copy writes the place in title case, always followed by a date.
_PLACE_ANY = (
    r"[A-Z][\w.'’&-]*(?:[ /][A-Z][\w.'’&-]*){0,3}(?:,\s*[A-Z][\w.'’&-]*(?:\ [A-Z][\w.'’&-]*)*)?"
)
# "(Reuters)", "(AFP)", "(Reuters Breakingviews)"; no dots or digits, which tickers have.
_AGENCY = r"\(\s*(?P<credit>[A-Z][A-Za-z&'’ -]{0,30}?[A-Za-z])\s*\)"
WIRE_DATELINES = (
    # "KATHMANDU, April 25 (Reuters) -", "LOS ANGELES (Reuters) -", "BHUBANESWAR, India, June 13 (Reuters) -"
    re.compile(
        rf"^(?P<dateline>(?P<place>{_PLACE_CAPS})(?:,\s*{_DATE})?\s*{_AGENCY}\s*[-–—―]{{1,2}})\s*"
    ),
    # "June 13 (Reuters) -", "New Delhi, Jun 13 (PTI)": a date makes the dash optional
    re.compile(
        rf"^(?P<dateline>(?:(?P<place>{_PLACE_ANY}),\s*)?{_DATE}\s*{_AGENCY}\s*(?:[-–—―:]{{1,2}})?)\s*"
    ),
    # "(Reuters) - Elon Musk said ..."
    re.compile(rf"^(?P<dateline>{_AGENCY}\s*[-–—―]{{1,2}})\s*"),
)
# "NEW DELHI:", "BHUBANESWAR, India:", "WASHINGTON —", "AMHERST, N.H. --": an outlet's own
# dateline, no credit.
OWN_DATELINE = re.compile(
    rf"^(?P<dateline>(?P<place>{_PLACE_CAPS})(?:,\s*{_DATE})?(?:\s*:|\s+[-–—―]{{1,2}}))\s+(?=\S)"
)
# All-caps openers that are labels, not places.
NOT_PLACES = frozenset(
    {
        "WATCH", "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "PHOTOS", "PHOTO", "VIDEO", "LIVE",
        "READ", "ALSO READ", "NOTE", "EDITOR'S NOTE", "EDITOR’S NOTE", "CORRECTION", "ANALYSIS",
        "OPINION", "FACTBOX", "EXPLAINER", "Q&A", "FAQ", "TIMELINE", "WHAT", "WHY", "HOW", "RELATED",
    }
)  # fmt: skip
MIN_PLACE_CHARS = 3  # "AI:" and "US:" open sentences more often than datelines


@dataclass(frozen=True, slots=True)
class Dateline:
    """The dateline opening a line or sentence, as printed."""

    text: str  # "KATHMANDU, April 25 (Reuters) -", "NEW DELHI:"
    place: str  # "KATHMANDU"; "" for "(Reuters) -"
    date: str  # "April 25"; "" when it has none
    credit: str  # the wire it credits, "Reuters"; "" for an outlet's own dateline
    end: int  # where what follows it starts: after the dateline and the space after it


def read_dateline(line: str) -> Dateline | None:
    """The dateline opening `line`, or None; a line that is nothing but one has none."""
    for pattern in WIRE_DATELINES:
        match = pattern.match(line)
        if match and match.end() < len(line):
            return _dateline(match, match.group("credit"))
    match = OWN_DATELINE.match(line)
    if (
        match
        and len(match.group("place")) >= MIN_PLACE_CHARS
        and match.group("place") not in NOT_PLACES
    ):
        return _dateline(match, "")
    return None


def dateline_end(line: str) -> int:
    """Where `line` goes on after its opening dateline; 0 when it opens with none."""
    found = read_dateline(line)
    return found.end if found is not None else 0


def _dateline(match: re.Match[str], credit: str) -> Dateline:
    groups = match.groupdict()
    return Dateline(
        text=match.group("dateline").strip(),
        place=(groups.get("place") or "").strip(),
        date=groups.get("date") or "",
        credit=credit.strip(),
        end=match.end(),
    )
