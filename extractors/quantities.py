"""Find money, percentages and counts in news text, with Indian scales (lakh, crore)."""

from __future__ import annotations

import re
from decimal import Decimal

from wiretrace.records import Quantity, QuantityKind

# A figure as newsrooms write it: "29", "2.5", "1,600", Indian grouping "1,60,000".
# The lookbehind keeps digits glued to letters, hyphens or other digits ("A320", "COVID-19",
# "10:30") from starting a figure; the lookahead stops half a figure ("1,2345").
_FIGURE = r"(?:\d{1,3}(?:,\d{2,3})+|\d+)(?:\.\d+)?(?!\d|[.,:]\d)"
_NUMBER = r"(?<![\w.,/:-])" + _FIGURE

# Longest spelling first, so "million" is not read as "m" followed by "illion".
# Compound Indian scales first: "₹2.5 lakh crore" is 2.5e12, not 2.5 lakh followed by "crore".
_COMPOUND = r"lakh\s+crores?|lakhs\s+crores?|thousand\s+crores?"
_SCALE = rf"{_COMPOUND}|thousand|trillion|billion|million|lakhs?|lacs?|crores?|mn|bn|tn|cr|k|m|b"
_COUNT_SCALE = rf"{_COMPOUND}|thousand|trillion|billion|million|lakhs?|lacs?|crores?|mn|bn"
SCALES: dict[str, int] = {
    "thousand": 10**3, "k": 10**3,
    "lakh": 10**5, "lakhs": 10**5, "lac": 10**5, "lacs": 10**5,
    "million": 10**6, "mn": 10**6, "m": 10**6,
    "crore": 10**7, "crores": 10**7, "cr": 10**7,
    "billion": 10**9, "bn": 10**9, "b": 10**9,
    "trillion": 10**12, "tn": 10**12,
    "lakh crore": 10**12, "lakh crores": 10**12, "lakhs crore": 10**12, "lakhs crores": 10**12,
    "thousand crore": 10**10, "thousand crores": 10**10,
}  # fmt: skip

# Numbers written as words: the one table every stage reads them from.
CARDINAL_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
}  # fmt: skip
NUMBER_WORDS: dict[str, int] = CARDINAL_WORDS | ORDINAL_WORDS
# A count is never "one" ("one of its vendors" is not a count) nor an ordinal ("first").
COUNT_WORDS: dict[str, int] = {w: v for w, v in CARDINAL_WORDS.items() if w != "one"}
_NUMBER_WORD = r"(?<![\w-])(?i:" + "|".join(COUNT_WORDS) + r")(?![\w-])"
# A plain number is a word that is one number by itself: tens, "hundred" and "dozen" mostly
# stand in compounds ("thirty-eight", "five hundred", "half-dozen") that a reading word by
# word gets wrong.
PLAIN_WORDS: dict[str, int] = {w: v for w, v in NUMBER_WORDS.items() if v <= 20 and w != "dozen"}
# Any number as written, for `plain_numbers`: a figure not glued to a word, a dot or a comma
# before it, or a number word on its own.
PLAIN_NUMBER = re.compile(
    r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\d])|\b(?:" + "|".join(PLAIN_WORDS) + r")\b",
    re.IGNORECASE,
)

# Currency written before the figure. Longer symbols first: "US$" before "$".
CURRENCY_PREFIXES: dict[str, str] = {
    "us$": "USD", "us $": "USD", "s$": "SGD", "a$": "AUD", "c$": "CAD", "hk$": "HKD",
    "nz$": "NZD", "$": "USD", "rs": "INR", "rs.": "INR", "₹": "INR", "inr": "INR",
    "usd": "USD", "sgd": "SGD", "eur": "EUR", "gbp": "GBP", "€": "EUR", "£": "GBP",
    "¥": "JPY",
}  # fmt: skip
_CURRENCY_PREFIX = (
    r"(?<![A-Za-z$])(?:US\s?\$|S\$|A\$|C\$|HK\$|NZ\$|R[sS]\.?|INR|USD|SGD|EUR|GBP)"
    r"|\$|₹|€|£|¥"
)
# Currency written after the figure: "29 billion dollars", "20 billion rupees".
# Bare "pounds" is left out: "lost 10 pounds" is a weight as often as a sum.
CURRENCY_WORDS: dict[str, str] = {
    "us dollars": "USD", "singapore dollars": "SGD", "dollars": "USD", "dollar": "USD",
    "rupees": "INR", "rupee": "INR", "euros": "EUR", "euro": "EUR",
    "pounds sterling": "GBP", "yen": "JPY", "yuan": "CNY",
    "usd": "USD", "inr": "INR", "sgd": "SGD", "eur": "EUR", "gbp": "GBP",
}  # fmt: skip
_CURRENCY_WORD = (
    r"(?i:US\s+dollars|Singapore\s+dollars|dollars?|rupees?|euros?|pounds\s+sterling|yen|yuan"
    r"|USD|INR|SGD|EUR|GBP)\b"
)

# Hedges before a figure, each mapped to the one word a comparison needs.
QUALIFIERS: dict[str, str] = {
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "nearly": "about", "almost": "about", "some": "about", "close to": "about",
    "an estimated": "about", "more than": "more than", "over": "more than",
    "above": "more than", "upwards of": "more than", "in excess of": "more than",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "up to": "up to", "as many as": "up to", "as much as": "up to", "at most": "up to",
    "less than": "less than", "fewer than": "less than", "under": "less than",
    "below": "less than",
}  # fmt: skip
_QUALIFIER = (
    r"(?:(?P<qual>(?<![\w-])(?i:"
    + "|".join(sorted((q.replace(" ", r"\s+") for q in QUALIFIERS), key=len, reverse=True))
    + r"))\s+)?"
)

MONEY_BEFORE = re.compile(
    _QUALIFIER
    + rf"(?P<cur>{_CURRENCY_PREFIX})\s?(?P<num>{_FIGURE})(?:[\s-]?(?P<scale>(?i:{_SCALE}))\b)?"
    # A redundant currency word ("Rs 20 billion rupees") belongs to the same figure.
    + rf"(?:\s+{_CURRENCY_WORD})?"
)
MONEY_AFTER = re.compile(
    _QUALIFIER
    + rf"(?P<num>{_NUMBER}|{_NUMBER_WORD})(?:[\s-](?P<scale>(?i:{_SCALE}))\b)?"
    + rf"\s+(?P<curword>{_CURRENCY_WORD})"
)
# "49%", "49 per cent", "49 percent", "49 pc"; basis and percentage points are changes of a
# rate, kept apart from levels as unit "pp" (25 basis points = 0.25 pp).
PERCENT = re.compile(
    _QUALIFIER
    + rf"(?P<num>{_NUMBER})\s?(?:(?P<pct>%|(?i:per\s?cent|percent|pct|pc)\b)"
    + r"|(?P<pp>(?i:percentage\s+points?|basis\s+points?|bps?)\b))"
)
# Function words, months and units that may follow a figure without making it a count.
_NOT_NOUNS = frozenset(
    {
        "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "by", "for", "to",
        "from", "with", "as", "than", "that", "which", "who", "whom", "whose", "this", "these",
        "those", "it", "its", "is", "was", "were", "are", "be", "been", "being", "has", "have",
        "had", "will", "would", "can", "could", "may", "might", "shall", "should", "must", "do",
        "does", "did", "per", "percent", "pc", "pct", "am", "pm", "a.m.", "p.m.", "hrs", "gmt",
        "ist", "utc", "et", "bst", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "january", "february", "march", "april", "june", "july", "august",
        "september", "october", "november", "december", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "into", "onto", "over", "under", "after",
        "before", "since", "until", "till", "via", "vs", "versus", "plus", "minus", "times", "i",
        "we", "you", "he", "she", "they", "when", "where", "while", "if", "so", "not", "no", "all",
        "each", "both", "every", "more", "less", "most", "least", "higher", "lower", "fewer",
        "up", "down", "ahead", "behind", "apiece"
    }
)  # fmt: skip
_MONTHS = frozenset(
    {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "january", "february", "march", "april", "june", "july", "august", "september", "october",
        "november", "december"
    }
)  # fmt: skip
# Words that sit between a figure and its noun: "20 new companies" counts companies.
_ADJECTIVES = (
    r"new|more|other|additional|major|senior|former|top|key|big|large|small|local|foreign"
    r"|young|full-time|part-time|separate|different|active|registered|unique|daily|monthly"
    r"|[a-z]+ing"  # "two surviving reporters"
)
COUNT = re.compile(
    _QUALIFIER
    + rf"(?P<num>{_NUMBER}|{_NUMBER_WORD})(?:[\s-](?P<scale>(?i:{_COUNT_SCALE}))\b)?"
    + rf"\s+(?:(?:{_ADJECTIVES})\s+)?(?P<noun>[a-z][a-z'’-]*[a-z]|[a-z])\b"
)
# The word before a figure, to tell "Gemini 2 models" or "No. 2 player" (names) from counts.
_WORD_BEFORE = re.compile(r"([\w.’'&-]+)\s+$")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def parse_quantities(text: str) -> tuple[Quantity, ...]:
    """Every money sum, percentage and count in `text`, in order, with offsets into it.

    Money wins over a percentage, a percentage over a count, where spans overlap. `raw`
    and the offsets include a hedge ("about $200 million"); `qualifier` holds it normalised.
    Years, dates, times, ordinals and numbers inside names ("Gemini 2", "COVID-19") are
    not quantities.
    """
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def keep(q: Quantity) -> None:
        found.append(q)
        taken.append((q.start, q.end))

    for m in MONEY_BEFORE.finditer(text):
        cur = re.sub(r"\s+", " ", m["cur"]).lower()
        keep(_quantity(m, "money", CURRENCY_PREFIXES[cur]))
    for m in MONEY_AFTER.finditer(text):
        if free(m.start(), m.end()):
            keep(_quantity(m, "money", CURRENCY_WORDS[re.sub(r"\s+", " ", m["curword"]).lower()]))
    for m in PERCENT.finditer(text):
        if free(m.start(), m.end()):
            keep(_quantity(m, "percent", "%" if m["pct"] else "pp"))
    for m in COUNT.finditer(text):
        if free(m.start(), m.end()) and _is_count(text, m):
            keep(_quantity(m, "count", m["noun"].lower().replace("’", "'")))
    return tuple(sorted(found, key=lambda q: q.start))


def plain_numbers(text: str) -> tuple[Quantity, ...]:
    """Every number written in `text`, as a count of nothing: "3,500", "2.5", "seven", "third".

    Unlike `parse_quantities` this reads numbers without a unit too, and takes no scale or
    hedge: "3,500" of "3,500 homes" is 3500, "$29 billion" gives 29. Offsets are into `text`.
    """
    found = []
    for match in PLAIN_NUMBER.finditer(text):
        raw = match.group(0)
        word = PLAIN_WORDS.get(raw.lower())
        value = float(word) if word is not None else float(raw.replace(",", ""))
        found.append(Quantity("count", value, "", raw, start=match.start(), end=match.end()))
    return tuple(found)


def format_quantity(q: Quantity) -> str:
    """A canonical token for matching: "USD 29000000000", "49%", "0.25pp", "20 companies".

    A hedge comes first ("about USD 200000000"), so hedged and exact figures differ.
    """
    number = _plain_number(q.value)
    if q.kind == "money":
        token = f"{q.unit} {number}"
    elif q.kind == "percent":
        token = f"{number}{q.unit}"
    else:
        token = f"{number} {q.unit}"
    return f"{q.qualifier} {token}" if q.qualifier else token


def _quantity(m: re.Match[str], kind: QuantityKind, unit: str) -> Quantity:
    qualifier = QUALIFIERS[re.sub(r"\s+", " ", m["qual"]).lower()] if m["qual"] else ""
    return Quantity(
        kind=kind,
        value=_value(m["num"], m.groupdict().get("scale"), bp=_is_basis_points(m)),
        unit=unit,
        raw=m.group(0),
        qualifier=qualifier,
        start=m.start(),
        end=m.end(),
    )


def _is_basis_points(m: re.Match[str]) -> bool:
    pp = m.groupdict().get("pp")
    return pp is not None and pp.lower().startswith("b")


def _value(num: str, scale: str | None, *, bp: bool = False) -> float:
    # Decimal keeps 1.1 billion at exactly 1100000000, not 1100000000.0000002.
    word = COUNT_WORDS.get(num.lower())
    amount = Decimal(word) if word is not None else Decimal(num.replace(",", ""))
    if scale:
        amount *= SCALES[" ".join(scale.lower().split())]
    if bp:
        amount /= 100
    return float(amount)


def _plain_number(value: float) -> str:
    text = format(Decimal(format(value, ".15g")), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _is_count(text: str, m: re.Match[str]) -> bool:
    noun = m["noun"].lower()
    if noun in _NOT_NOUNS or noun in SCALES or noun.endswith("ing"):
        return False
    num = m["num"]
    if not m["scale"] and _YEAR.fullmatch(num):
        return False  # "in 2025 alone": a year, not 2,025 of something
    if m["qual"]:
        return True
    start = m.start("num")
    # Only a short window: searching from 0 for every figure is quadratic on long text.
    before = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    if before is None:
        return True
    word = before.group(1)
    if word.lower().rstrip(".") in _MONTHS:
        return False  # "June 13 people"? a date, far more often
    if word.rstrip(".").lower() in {"no", "nos", "number", "vol", "no.", "page", "section"}:
        return False
    # A capitalised word right before a figure names a thing: "Gemini 2", "Boeing 737".
    return not (word[0].isupper() and word.lower() not in _CAPITALISED_OK)


# Sentence openers and function words that may stand capitalised before a count.
_CAPITALISED_OK = frozenset(
    {
        "the", "all", "these", "those", "its", "their", "his", "her", "our", "only", "another",
        "about", "around", "nearly", "almost", "some", "over", "more", "than", "at", "least", "up",
        "to", "less", "fewer", "under", "and", "but", "in", "on", "by", "for", "with", "of", "from",
        "as", "after", "before", "since", "just", "roughly", "approximately", "each", "every",
        "exactly"
    }
)  # fmt: skip
