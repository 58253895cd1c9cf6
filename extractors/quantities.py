"""Find money, percentages and counts in news text, with Indian scales (lakh, crore)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import lru_cache

from wiretrace.records import Quantity, QuantityKind

# A figure as newsrooms write it: "29", "2.5", "1,600", Indian grouping "1,60,000".
# The lookbehind keeps digits glued to letters, hyphens or other digits ("A320", "COVID-19",
# "10:30") from starting a figure; the lookahead stops half a figure ("1,2345").
_FIGURE = r"(?:\d{1,3}(?:,\d{2,3})+|\d+)(?:\.\d+)?(?!\d|[.,:]\d)"
_NUMBER = r"(?<![\w.,/:-])" + _FIGURE

# Longest spelling first, so "million" is not read as "m" followed by "illion".
# Compound scales first: "₹2.5 lakh crore" is 2.5e12, not 2.5 lakh followed by "crore".
_COMPOUND = r"lakh\s+crores?|lakhs\s+crores?|thousand\s+crores?|hundred\s+thousand"
_SCALE = (
    rf"{_COMPOUND}|hundred|thousand|trillion|billion|million|lakhs?|lacs?|crores?|mn|bn|tn|cr|k|m|b"
)
_COUNT_SCALE = rf"{_COMPOUND}|hundred|thousand|trillion|billion|million|lakhs?|lacs?|crores?|mn|bn"
SCALES: dict[str, int] = {
    "hundred": 10**2, "thousand": 10**3, "k": 10**3, "hundred thousand": 10**5,
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
_TENS = {w: v for w, v in CARDINAL_WORDS.items() if v in range(20, 100, 10)}
_UNITS = {w: v for w, v in CARDINAL_WORDS.items() if v < 10}
# A number in words: "twenty-five", "a dozen", "half a dozen", "a hundred", "three"; "one"
# only before a scale ("one million"), as "one" alone is the article, not a count.
_WORDS = "|".join(sorted(COUNT_WORDS, key=len, reverse=True))
_WORD_NUMBER_BODY = (
    r"half\s+a\s+dozen|(?:a\s+)?half[\s-]dozen|a\s+(?:dozen|hundred|thousand|million|billion)"
    rf"|(?:{'|'.join(_TENS)})[\s-](?:{'|'.join(_UNITS)})(?![\w-])"
    r"|one(?=[\s-]+(?:hundred|thousand|million|billion|trillion)\b)"
    rf"|{_WORDS}"
)
_NUMBER_WORD = rf"(?<![\w-])(?i:{_WORD_NUMBER_BODY})(?!\w)"
# A rate may be "one percent": only counts leave "one" out.
_RATE_WORD = rf"(?<![\w-])(?i:{_WORD_NUMBER_BODY}|one)(?!\w)"
# A plain number is a word that is one number by itself: tens, "hundred" and "dozen" mostly
# stand in compounds ("thirty-eight", "five hundred", "half-dozen") that a reading word by
# word gets wrong.
PLAIN_WORDS: dict[str, int] = {w: v for w, v in NUMBER_WORDS.items() if v <= 20 and w != "dozen"}
# Any number as written, for `plain_numbers`: a figure not glued to a word, a dot or a comma
# before it, or a number word on its own.
_PLAIN_FIGURE = r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\d])"
_PLAIN_WORD = r"\b(?:" + "|".join(PLAIN_WORDS) + r")\b"
PLAIN_NUMBER = re.compile(_PLAIN_FIGURE + "|" + _PLAIN_WORD, re.IGNORECASE)
# The same two alternatives apart, for ASCII text (`plain_numbers`): there `\w`, `\d` and
# `\b` mean what they mean in ASCII mode, and ignoring case is matching the lower-cased text.
ASCII_PLAIN_FIGURE = re.compile(_PLAIN_FIGURE, re.ASCII)
ASCII_PLAIN_WORD = re.compile(_PLAIN_WORD, re.ASCII)
ASCII_LETTERS_RUN = re.compile(r"[a-z]+")
PLAIN_WORD_SET = frozenset(PLAIN_WORDS)

# Currency written before the figure. Longer symbols first: "US$" before "$".
CURRENCY_PREFIXES: dict[str, str] = {
    "us$": "USD", "us $": "USD", "s$": "SGD", "a$": "AUD", "c$": "CAD", "hk$": "HKD",
    "nz$": "NZD", "nt$": "TWD", "r$": "BRL", "$": "USD", "rs": "INR", "rs.": "INR", "₹": "INR",
    "inr": "INR", "usd": "USD", "sgd": "SGD", "eur": "EUR", "gbp": "GBP", "hkd": "HKD",
    "jpy": "JPY", "cny": "CNY", "rmb": "CNY", "chf": "CHF", "€": "EUR", "£": "GBP", "¥": "JPY",
    "₩": "KRW",
}  # fmt: skip
_CURRENCY_PREFIX = (
    r"(?<![A-Za-z$])(?:US\s?\$|S\$|A\$|C\$|HK\$|NZ\$|NT\$|R\$|R[sS]\.?|INR|USD|SGD|EUR|GBP|HKD"
    r"|JPY|CNY|RMB|CHF)|\$|₹|€|£|¥|₩"
)
# Currency named after the figure: "29 billion dollars", "88 billion Hong Kong dollars".
# A country's name before its currency's decides the code; bare "dollars" are US dollars.
# Bare "pounds" is left out: "lost 10 pounds" is a weight as often as a sum; so are "won"
# ("they won") and "pesos" (several countries) without their country.
CURRENCY_WORDS: dict[str, str] = {
    "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD",
    "dollars": "USD", "dollar": "USD",
    "hong kong dollars": "HKD", "singapore dollars": "SGD", "australian dollars": "AUD",
    "canadian dollars": "CAD", "new zealand dollars": "NZD", "taiwan dollars": "TWD",
    "new taiwan dollars": "TWD",
    "rupees": "INR", "rupee": "INR", "indian rupees": "INR", "pakistani rupees": "PKR",
    "sri lankan rupees": "LKR", "nepalese rupees": "NPR",
    "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP", "british pounds": "GBP",
    "yen": "JPY", "japanese yen": "JPY", "yuan": "CNY", "chinese yuan": "CNY", "renminbi": "CNY",
    "south korean won": "KRW", "korean won": "KRW", "rubles": "RUB", "roubles": "RUB",
    "mexican pesos": "MXN", "philippine pesos": "PHP", "argentine pesos": "ARS",
    "reais": "BRL", "brazilian reais": "BRL", "rand": "ZAR", "lira": "TRY", "turkish lira": "TRY",
    "riyals": "SAR", "saudi riyals": "SAR", "dirhams": "AED", "shekels": "ILS",
    "swiss francs": "CHF", "kronor": "SEK", "swedish kronor": "SEK", "norwegian kroner": "NOK",
    "danish kroner": "DKK", "ringgit": "MYR", "baht": "THB", "rupiah": "IDR", "naira": "NGN",
    "taka": "BDT",
    "usd": "USD", "inr": "INR", "sgd": "SGD", "eur": "EUR", "gbp": "GBP", "hkd": "HKD",
    "cny": "CNY", "jpy": "JPY", "rmb": "CNY",
}  # fmt: skip
_CURRENCY_WORD = (
    r"(?i:"
    + "|".join(
        re.escape(name).replace(r"\ ", r"\s+")
        for name in sorted(CURRENCY_WORDS, key=len, reverse=True)
    )
    + r")\b"
)

# The words and signs without which a pattern cannot match: most sentences hold no figure,
# and a pattern not tried costs nothing (claim extraction reads every sentence twice).
_LETTERS = re.compile(r"[a-z]+")
_DIGITS = re.compile(r"\d+")
_NUMBER_CUES = frozenset(CARDINAL_WORDS) | {"quarter", "half", "thousand", "million", "billion"}
_MONEY_SIGNS = "$₹€£¥₩"
_MONEY_CODES = frozenset(p.lower() for p in CURRENCY_PREFIXES if p.isalpha())
_CURRENCY_CUES = frozenset(name.split()[-1] for name in CURRENCY_WORDS)
_PERCENT_CUES = frozenset({"percent", "per", "pct", "pc", "point", "points", "bps", "bp"})
_FRACTION_CUES = frozenset({"quarter", "quarters", "half"})

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
Range = tuple[Quantity, Quantity]  # a range's low and high end
# A range's ends bound the figure: "$40-50 billion" is at least 40 and up to 50 billion.
RANGE_LOW, RANGE_HIGH = "at least", "up to"
# What joins a range's ends: "40-50", "40 to 50", "between 40 and 50", "30 or 40".
_BETWEEN = r"(?:(?P<between>(?i:between|from))\s+)?"
_JOIN = r"(?:\s*[-–]\s*|\s+(?P<join>to|and|or)\s+)"
_PERCENT_SIGN = r"%|(?i:per\s?cent|percent|pct|pc)\b"
_POINTS = r"(?i:percentage\s+points?|basis\s+points?|bps?)\b"

MONEY_RANGE_BEFORE = re.compile(
    _QUALIFIER
    + _BETWEEN
    + rf"(?P<cur>{_CURRENCY_PREFIX})\s?(?P<num>{_FIGURE})(?:[\s-]?(?P<scale>(?i:{_SCALE}))\b)?"
    + _JOIN
    + rf"(?P<cur2>{_CURRENCY_PREFIX})?\s?(?P<num2>{_FIGURE})(?:[\s-]?(?P<scale2>(?i:{_SCALE}))\b)?"
    + rf"(?:\s+{_CURRENCY_WORD})?"
)
MONEY_BEFORE = re.compile(
    _QUALIFIER
    + rf"(?P<cur>{_CURRENCY_PREFIX})\s?(?P<num>{_FIGURE})(?:[\s-]?(?P<scale>(?i:{_SCALE}))\b)?"
    # A redundant currency word ("Rs 20 billion rupees") belongs to the same figure.
    + rf"(?:\s+{_CURRENCY_WORD})?"
)
MONEY_RANGE_AFTER = re.compile(
    _QUALIFIER
    + _BETWEEN
    + rf"(?P<num>{_NUMBER}|{_NUMBER_WORD})(?:[\s-](?P<scale>(?i:{_SCALE}))\b)?"
    + _JOIN
    + rf"(?P<num2>{_FIGURE}|{_NUMBER_WORD})(?:[\s-](?P<scale2>(?i:{_SCALE}))\b)?"
    + rf"\s+(?P<curword>{_CURRENCY_WORD})"
)
MONEY_AFTER = re.compile(
    _QUALIFIER
    + rf"(?P<num>{_NUMBER}|{_NUMBER_WORD})(?:[\s-](?P<scale>(?i:{_SCALE}))\b)?"
    + rf"\s+(?P<curword>{_CURRENCY_WORD})"
)
# "49%", "49 per cent", "49 percent", "49 pc"; basis and percentage points are changes of a
# rate, kept apart from levels as unit "pp" (25 basis points = 0.25 pp).
PERCENT_RANGE = re.compile(
    _QUALIFIER
    + _BETWEEN
    + rf"(?P<num>{_NUMBER}|{_RATE_WORD})(?:\s?(?:{_PERCENT_SIGN}|{_POINTS}))?"
    + _JOIN
    + rf"(?P<num2>{_FIGURE}|{_RATE_WORD})\s?(?:(?P<pct>{_PERCENT_SIGN})|(?P<pp>{_POINTS}))"
)
PERCENT = re.compile(
    _QUALIFIER
    + rf"(?P<num>{_NUMBER}|{_RATE_WORD})\s?(?:(?P<pct>{_PERCENT_SIGN})|(?P<pp>{_POINTS}))"
)
# A fraction of a point is a rate's move in percentage points: "a quarter-point" cut, "half a
# percentage point", "one-half of one percentage point".
FRACTION_OF_POINT = re.compile(
    _QUALIFIER
    + r"(?<![\w-])(?P<frac>(?i:three[\s-]quarters?|(?:(?:a|one)[\s-])?(?:quarter|half)))"
    + r"(?:\s+(?i:of\s+)?(?i:a|one))?[\s-](?i:percentage[\s-])?(?i:points?)\b"
)
FRACTIONS: dict[str, float] = {"quarter": 0.25, "half": 0.5, "three quarter": 0.75}
# A count's figure; its noun is read after it by `_counted_noun`.
COUNT_RANGE = re.compile(
    _QUALIFIER
    + _BETWEEN
    + rf"(?P<num>{_NUMBER}|{_NUMBER_WORD})(?:[\s-](?P<scale>(?i:{_COUNT_SCALE}))\b)?"
    + _JOIN
    + rf"(?P<num2>{_FIGURE}|{_NUMBER_WORD})(?:[\s-](?P<scale2>(?i:{_COUNT_SCALE}))\b)?"
    + r"(?![\w.,-])"
)
COUNT = re.compile(
    _QUALIFIER
    + rf"(?P<num>{_NUMBER}|{_NUMBER_WORD})(?:[\s-](?P<scale>(?i:{_COUNT_SCALE}))\b)?"
    + r"(?P<orso>\s+or\s+so\b)?(?![\w.,])"
)
# "from 20 to 30" after a verb of change is an old and a new figure, not a range.
_CHANGE_BEFORE = re.compile(
    r"\b(?i:rose|rise[sn]?|rising|fell|falls?|fallen|falling|dropp?(?:ed|s|ing)?"
    r"|climb(?:ed|s|ing)?|jump(?:ed|s|ing)?|gr[eo]w[ns]?|growing|increas(?:ed|es?|ing)"
    r"|decreas(?:ed|es?|ing)|declin(?:ed|es?|ing)|shr[au]nk|shrinks?|soared|surged|plunged"
    r"|slid|sank|cut|cuts|raised?|raises|lowered|reduced|boosted|went|moved|changed)"
    r"\b(?:\s+\S+){0,3}\s+$"
)

# Words that end a counted noun phrase: function words, months, units of time and more.
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
        "up", "down", "ahead", "behind", "apiece", "them", "us", "him", "her", "his", "their",
        "our", "my", "your", "there", "here", "then", "also", "only", "just", "even", "still",
        "about", "around", "out", "off", "against", "among", "between", "through", "during",
        "without", "within", "across", "toward", "towards", "always", "perhaps", "whereas",
        "sometimes", "besides", "o'clock", "o’clock"
    }
)  # fmt: skip
# A figure of time is a date, a duration or an age, not a count: "24 hours", "two-year",
# "66-year-old"; terms and tours are spans of office or service ("served three terms").
_TIME_UNITS = frozenset(
    {
        "second", "seconds", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "day",
        "days", "night", "nights", "week", "weeks", "weekend", "weekends", "month", "months",
        "year", "years", "yr", "yrs", "decade", "decades", "century", "centuries", "term", "terms",
        "tour", "tours", "time", "times", "a.m.", "p.m.", "am", "pm"
    }
)  # fmt: skip
# Parts of a whole are shares, not counts: "three fifths of the vote", "two-thirds".
_FRACTION_NOUNS = frozenset(
    {"half", "halves", "third", "thirds", "quarter", "quarters", "fourths", "fifths", "sixths",
     "sevenths", "eighths", "ninths", "tenths"}
)  # fmt: skip
# Words that a hyphen joins to a figure without making it a count: "40-odd", "20-something",
# "10-fold", "two-way", "40-to-39", "a million-dollar check" (money, or an idiom).
_NOT_HYPHEN_UNITS = (
    frozenset({"odd", "something", "fold", "ish", "plus", "way", "to", "and", "or"})
    | _FRACTION_NOUNS
    | frozenset(CARDINAL_WORDS)
    | frozenset(name.split()[-1] for name in CURRENCY_WORDS)
)
_MONTHS = frozenset(
    {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "january", "february", "march", "april", "june", "july", "august", "september", "october",
        "november", "december"
    }
)  # fmt: skip
# Lowercase words before a figure that make it a number in a name or a code, not a count:
# "flight 370", "route 66", "bill 1070", "page 12".
_CODE_WORDS = frozenset(
    {
        "no", "nos", "number", "vol", "page", "pages", "section", "flight", "route", "bus",
        "highway", "interstate", "room", "suite", "gate", "platform", "channel", "exit",
        "district", "precinct", "ward", "article", "amendment", "chapter", "line", "rule", "bill",
        "resolution", "proposition", "apartment", "unit", "box", "code", "grade", "level",
        "stage", "phase", "model", "version", "season", "episode", "figure", "table", "lot",
        "pier", "terminal", "runway", "lane", "street", "avenue", "road", "dial", "call"
    }
)  # fmt: skip
# Boeing's families are named by number ("737", "787-9"): with an aircraft word they are
# models, not counts.
_AIRCRAFT_MODEL = re.compile(r"7[0-8]7")
_AIRCRAFT_WORDS = frozenset(
    {"jet", "jets", "jetliner", "jetliners", "plane", "planes", "airplane", "airplanes",
     "aircraft", "airliner", "airliners", "max", "dreamliner", "dreamliners", "freighter",
     "freighters", "fleet", "fleets", "model", "models", "variant", "variants"}
)  # fmt: skip
# 911 is the US emergency number ("911 calls"), not 911 of something.
_EMERGENCY_NUMBERS = frozenset({"911"})
# Plurals not made with -s (with adjectives that stand for people: "12 dead"), and words
# made with -s that are not plurals.
_IRREGULAR_PLURALS = frozenset(
    {"people", "men", "women", "children", "police", "personnel", "staff", "cattle", "feet",
     "teeth", "mice", "geese", "data", "media", "crew", "clergy", "livestock", "dead",
     "wounded", "injured", "faithful", "elderly"}
)  # fmt: skip
# Of those, the adjectives: after a noun they describe it ("left 50 people dead").
_ADJECTIVE_PLURALS = frozenset({"dead", "wounded", "injured", "faithful", "elderly"})
_NOT_PLURALS = frozenset({"news", "series", "species", "always", "perhaps", "whereas", "lens"})
_DETERMINERS = frozenset(
    {"the", "its", "their", "his", "her", "our", "your", "my", "these", "those"}
)  # fmt: skip
# Joiners inside a name ("Bank of America employees", "House and Senate Democrats").
_NAME_JOINERS = frozenset({"of", "for", "and", "&", "the", "on", "de"})
# One token of the noun phrase after a figure: a dotted abbreviation ("U.S.", "p.m."), an
# acronym in brackets ("(DACA)"), a code ("787-9") or a word.
_TOKEN = re.compile(
    r"[^\S\n]+(?:(?P<abbr>(?:[A-Za-z]\.){2,})|(?P<paren>\([A-Z][A-Za-z.&-]*\))"
    r"|(?P<code>\d+(?:-\d+)+)(?![\w.-])|(?P<word>[A-Za-z][\w'’]*(?:-[\w'’]+)*))"
)
_HYPHEN_UNIT = re.compile(r"-(?P<unit>[A-Za-z]+)(?P<more>(?:-[A-Za-z]+)*)(?![\w-])")
_POSSESSIVE = re.compile(r".+(?:['’]s|s['’])$")
_MAX_NOUN_PHRASE = 9  # words read after a figure for its noun: "700,000 Deferred ... recipients"
# The word before a figure, to tell "Gemini 2 models" or "No. 2 player" (names) from counts.
_WORD_BEFORE = re.compile(r"([\w.’'&-]+)\s+$")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_OF_AFTER = re.compile(r"[^\S\n]+of\b")  # "two of the three lanes": a part, then its whole


def parse_quantities(text: str) -> tuple[Quantity, ...]:
    """Every money sum, percentage and count in `text`, in order, with offsets into it.

    Money wins over a percentage, a percentage over a count, where spans overlap; a range
    over its ends. `raw` and the offsets include a hedge ("about $200 million"); `qualifier`
    holds it normalised. A range ("$40-50 billion", "between 20 and 30 people") gives one
    record per end, the scale applied to both, the low end "at least" and the high end "up
    to". Years, dates, times, durations, ages, ordinals, scores ("52-48") and numbers inside
    names or codes ("Gemini 2", "COVID-19", "Boeing 737", "flight 370", "911 calls") are not
    quantities.
    """
    words = set(_LETTERS.findall(text.lower()))
    figures = len(_DIGITS.findall(text)) + len(words & _NUMBER_CUES)
    if not figures:
        return ()
    several = figures > 1  # a range needs two
    money_sign = any(sign in text for sign in _MONEY_SIGNS) or not words.isdisjoint(_MONEY_CODES)
    money_word = not words.isdisjoint(_CURRENCY_CUES)
    rate = "%" in text or not words.isdisjoint(_PERCENT_CUES)
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def keep(*quantities: Quantity) -> None:
        found.extend(quantities)
        taken.append((quantities[0].start, quantities[-1].end))

    def money_before(m: re.Match[str]) -> Range | None:
        unit = CURRENCY_PREFIXES[re.sub(r"\s+", " ", m["cur"]).lower()]
        return _range(text, m, "money", unit, m.end()) if free(*m.span()) else None

    def money_after(m: re.Match[str]) -> Range | None:
        unit = _currency_word(m["curword"])
        return _range(text, m, "money", unit, m.end()) if free(*m.span()) else None

    def percent(m: re.Match[str]) -> Range | None:
        unit = "%" if m["pct"] else "pp"
        return _range(text, m, "percent", unit, m.end()) if free(*m.span()) else None

    def count(m: re.Match[str]) -> Range | None:
        if not (free(*m.span()) and _may_count(text, m)):
            return None
        noun = _counted_noun(text, m.end(), plural_only=True)
        if noun is None or not free(m.start(), noun[1]):
            return None
        return _range(text, m, "count", noun[0], noun[1])

    if money_sign:
        for ends in _ranges(MONEY_RANGE_BEFORE, text, money_before) if several else ():
            keep(*ends)
        for m in MONEY_BEFORE.finditer(text):
            if free(*m.span()):
                cur = re.sub(r"\s+", " ", m["cur"]).lower()
                keep(_quantity(m, "money", CURRENCY_PREFIXES[cur]))
    if money_word:
        for ends in _ranges(MONEY_RANGE_AFTER, text, money_after) if several else ():
            keep(*ends)
        for m in MONEY_AFTER.finditer(text):
            if free(*m.span()):
                keep(_quantity(m, "money", _currency_word(m["curword"])))
    if rate:
        for ends in _ranges(PERCENT_RANGE, text, percent) if several else ():
            keep(*ends)
        if not words.isdisjoint(_FRACTION_CUES):
            for m in FRACTION_OF_POINT.finditer(text):
                if free(*m.span()):
                    keep(_fraction_of_point(m))
        for m in PERCENT.finditer(text):
            if free(*m.span()):
                keep(_quantity(m, "percent", "%" if m["pct"] else "pp"))
    for ends in _ranges(COUNT_RANGE, text, count) if several else ():
        keep(*ends)
    for m in COUNT.finditer(text):
        if free(*m.span()) and _may_count(text, m):
            noun = _counted_noun(text, m.end(), plural_only=False)
            if noun is not None and free(m.start(), noun[1]) and _not_a_code(m, noun[2]):
                counted = _quantity(m, "count", noun[0], end=noun[1], about=bool(m["orso"]))
                if _OF_AFTER.match(text, m.end()):
                    # "two of the three access lanes": the whole is a count of its own.
                    found.append(counted)
                    taken.append(m.span())
                else:
                    keep(counted)
    return tuple(sorted(found, key=lambda q: q.start))


# Matching asks this of the same sentences again and again (once per candidate pair that
# comes near to a match, on both sides): it is pure, and its records are frozen.
@lru_cache(maxsize=1 << 16)
def plain_numbers(text: str) -> tuple[Quantity, ...]:
    """Every number written in `text`, as a count of nothing: "3,500", "2.5", "seven", "third".

    Unlike `parse_quantities` this reads numbers without a unit too, and takes no scale or
    hedge: "3,500" of "3,500 homes" is 3500, "$29 billion" gives 29. Offsets are into `text`.
    """
    if text.isascii():
        return _ascii_plain_numbers(text)
    return _plain_numbers_of(PLAIN_NUMBER.finditer(text))


def _plain_numbers_of(matches: Iterator[re.Match[str]]) -> tuple[Quantity, ...]:
    found = []
    for match in matches:
        raw = match.group(0)
        word = PLAIN_WORDS.get(raw.lower())
        value = float(word) if word is not None else float(raw.replace(",", ""))
        found.append(Quantity("count", value, "", raw, start=match.start(), end=match.end()))
    return tuple(found)


def _ascii_plain_numbers(text: str) -> tuple[Quantity, ...]:
    """`plain_numbers` of an ASCII text, the same numbers at a third of the cost.

    PLAIN_NUMBER's two alternatives never overlap (a figure has no letters, a number word
    nothing but letters), so its matches are the figures' and the words' together, by offset.
    Most sentences have no number word: the one-pass word regex is run only when one of the
    text's runs of letters is one (a number word, bounded by `\\b`, is such a whole run).
    """
    figures = _plain_numbers_of(ASCII_PLAIN_FIGURE.finditer(text))
    lowered = text.lower()  # ASCII: the same offsets
    if PLAIN_WORD_SET.isdisjoint(ASCII_LETTERS_RUN.findall(lowered)):
        return figures
    words = [
        Quantity(
            "count", float(PLAIN_WORDS[m.group(0)]), "", text[m.start() : m.end()],
            start=m.start(), end=m.end(),
        )
        for m in ASCII_PLAIN_WORD.finditer(lowered)
    ]  # fmt: skip
    if not figures:
        return tuple(words)
    return tuple(sorted((*figures, *words), key=lambda q: q.start))


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


def _currency_word(word: str) -> str:
    return CURRENCY_WORDS[" ".join(word.lower().split())]


def _qualifier(m: re.Match[str]) -> str:
    return QUALIFIERS[" ".join(m["qual"].lower().split())] if m["qual"] else ""


def _quantity(
    m: re.Match[str], kind: QuantityKind, unit: str, *, end: int = 0, about: bool = False
) -> Quantity:
    end = end or m.end()
    return Quantity(
        kind=kind,
        value=_value(m["num"], m.groupdict().get("scale"), bp=_is_basis_points(m)),
        unit=unit,
        raw=m.string[m.start() : end],
        qualifier="about" if about else _qualifier(m),
        start=m.start(),
        end=end,
    )


def _ranges(
    pattern: re.Pattern[str], text: str, read: Callable[[re.Match[str]], Range | None]
) -> Iterator[Range]:
    """The ranges `read` takes from the matches of `pattern`. A match it refuses is searched
    again from its first figure on, so "Rs 1,600 crore and Rs 2,000-3,000 crore" refused as
    one range still finds the second."""
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        ends = read(m)
        if ends is None:
            pos = m.end("num")
            continue
        yield ends
        pos = ends[1].end


def _range(text: str, m: re.Match[str], kind: QuantityKind, unit: str, end: int) -> Range | None:
    """The two ends of a range match, or None when it is no range ("52-48", "$5m and $3m").

    A scale written once belongs to both ends ("$40-50 billion"), unless that would put the
    low end above the high ("$800 to $1 million"). "from X to Y" after a verb of change is
    an old and a new figure, each exact; any other range bounds the figure.
    """
    groups = m.groupdict()
    between = groups.get("between") or ""
    if groups.get("join") == "and" and not between:
        return None  # "5 million and 3 million" lists two figures
    bp = _is_basis_points(m)
    scale, scale2 = groups.get("scale"), groups.get("scale2")
    window = text[max(0, m.start() - 60) : m.start()]
    change = between.lower() == "from" and bool(_CHANGE_BEFORE.search(window))
    high = _value(m["num2"], scale2, bp=bp)
    low = _value(m["num"], scale or scale2, bp=bp)
    if not scale and scale2 and low > high and not change:
        low = _value(m["num"], None, bp=bp)
    if not change and not low < high:
        return None  # a score, a tally or a code: "11-2", "420-0", "787-9"
    if kind == "count" and all(_YEAR.fullmatch(n) for n in (m["num"], m["num2"])):
        return None  # "between 2009 and 2016"
    low_start = m.start("cur") if groups.get("cur") else m.start("num")
    low_end = m.end("scale") if scale else m.end("num")
    high_start = m.start("cur2") if groups.get("cur2") else m.start("num2")
    qualifiers = (_qualifier(m), _qualifier(m)) if change else (RANGE_LOW, RANGE_HIGH)
    return (
        Quantity(kind, low, unit, text[low_start:low_end], qualifiers[0], low_start, low_end),
        Quantity(kind, high, unit, text[high_start:end], qualifiers[1], high_start, end),
    )


def _fraction_of_point(m: re.Match[str]) -> Quantity:
    frac = " ".join(m["frac"].lower().replace("-", " ").split())
    share = next(v for k, v in sorted(FRACTIONS.items(), reverse=True) if k in frac)
    return Quantity("percent", share, "pp", m.group(0), _qualifier(m), m.start(), m.end())


def _is_basis_points(m: re.Match[str]) -> bool:
    pp = m.groupdict().get("pp")
    return pp is not None and pp.lower().startswith("b")


def _word_value(word: str) -> int | None:
    words = word.lower().replace("-", " ").split()
    if "half" in words and "dozen" in words:
        return 6
    if words[0] == "a" and len(words) == 2:
        return CARDINAL_WORDS.get(words[1]) or SCALES.get(words[1])
    if len(words) == 2 and words[0] in _TENS and words[1] in _UNITS:
        return _TENS[words[0]] + _UNITS[words[1]]
    return CARDINAL_WORDS.get(" ".join(words))


def _value(num: str, scale: str | None, *, bp: bool = False) -> float:
    # Decimal keeps 1.1 billion at exactly 1100000000, not 1100000000.0000002.
    word = _word_value(num) if num[0].isalpha() else None
    amount = Decimal(word) if word is not None else Decimal(num.replace(",", ""))
    if scale:
        amount *= SCALES[" ".join(scale.lower().split())]
    if bp:
        amount /= 100
    return float(amount)


def _plain_number(value: float) -> str:
    text = format(Decimal(format(value, ".15g")), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _may_count(text: str, m: re.Match[str]) -> bool:
    """Whether the figure of a count match stands where a count can: not a year, not a
    number in a name ("Gemini 2", "Boeing 737"), a date ("June 13") or a code ("flight 370")."""
    num = m["num"]
    if not m["scale"] and _YEAR.fullmatch(num):
        return False  # "in 2025 alone": a year, not 2,025 of something
    if num in _EMERGENCY_NUMBERS:
        return False
    if m["qual"] or m.groupdict().get("between"):
        return True
    start = m.start("num")
    # Only a short window: searching from 0 for every figure is quadratic on long text.
    before = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    if before is None:
        return True
    word = before.group(1)
    if word.lower().rstrip(".") in _MONTHS:
        return False  # "June 13 people"? a date, far more often
    if word.rstrip(".").lower() in _CODE_WORDS or word.lower() == "no.":
        return False
    # A capitalised word right before a figure names a thing: "Gemini 2", "Boeing 737"; a
    # possessive owns what is counted ("Dick Cheney's two daughters", "Apple's 500 stores").
    if _POSSESSIVE.match(word):
        return True
    return not (word[0].isupper() and word.lower() not in _CAPITALISED_OK)


def _not_a_code(m: re.Match[str], words: tuple[str, ...]) -> bool:
    # "the 737 Max jets", "its 787 fleet": an aircraft model, not 737 of them.
    return not (_AIRCRAFT_MODEL.fullmatch(m["num"]) and _AIRCRAFT_WORDS.intersection(words))


def _plural(word: str) -> bool:
    word = word.rstrip("'’")
    if word in _IRREGULAR_PLURALS or (word.endswith("men") and len(word) > 5):
        return True  # "congressmen", "businesswomen"
    return (
        len(word) > 2
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "'s", "’s"))
        and word not in _NOT_PLURALS
    )


def _counted_noun(
    text: str, pos: int, *, plural_only: bool
) -> tuple[str, int, tuple[str, ...]] | None:
    """The noun a figure ending at `pos` counts, where its phrase ends, and its words.

    "29 FBI agents" counts agents, "two police officers" officers, "nearly 150 Indians"
    Indians, "two of former National Security Adviser Michael Flynn's businesses" businesses,
    "a 48-page indictment" pages. None when the figure counts nothing: a unit of time ("24
    hours", "two-year"), a function word ("2 million more"), a name ("13 June").
    """
    hyphen = _HYPHEN_UNIT.match(text, pos)
    if hyphen is not None:
        return _hyphen_count(text, hyphen, plural_only=plural_only)
    tokens: list[re.Match[str]] = []
    cursor = pos
    while len(tokens) < _MAX_NOUN_PHRASE + 1:
        token = _TOKEN.match(text, cursor)
        if token is None:
            break
        tokens.append(token)
        cursor = token.end()
    if not tokens:
        return None
    first = tokens[0]["word"]
    if first is not None and first.lower() == "of":
        return _of_phrase(tokens)
    return _head_noun(tokens)


def _hyphen_count(
    text: str, hyphen: re.Match[str], *, plural_only: bool
) -> tuple[str, int, tuple[str, ...]] | None:
    # "48-page indictment", "seven-count indictment": a size; "two-year", "66-year-old": time.
    unit = hyphen["unit"].lower()
    if plural_only or unit in _TIME_UNITS or unit in _NOT_HYPHEN_UNITS or hyphen["more"]:
        return None
    if unit in _NOT_NOUNS or unit in SCALES or unit in _MONTHS:
        return None
    noun = _TOKEN.match(text, hyphen.end())
    if noun is None or noun["word"] is None or not noun["word"][0].islower():
        return None
    if noun["word"].lower() in _NOT_NOUNS:
        return None
    return unit, noun.end(), (unit, noun["word"].lower())


def _of_phrase(tokens: list[re.Match[str]]) -> tuple[str, int, tuple[str, ...]] | None:
    # "two of its vendors", "30 of Boeing's 787-9 jets", "two of former National Security
    # Adviser Michael Flynn's businesses": the noun after a determiner or a possessive.
    start = 1
    if len(tokens) > 1 and (tokens[1]["word"] or "").lower() in _DETERMINERS:
        start = 2
    for i in range(start, min(len(tokens), start + 7)):
        word = tokens[i]["word"]
        if word is None:
            continue
        if _POSSESSIVE.match(word):
            start = i + 1
            break
        if word.lower() in _NOT_NOUNS:
            break
    if start == 1:
        return None  # "two of them", "two of 10"
    return _head_noun(tokens[start:])


def _head_noun(tokens: list[re.Match[str]]) -> tuple[str, int, tuple[str, ...]] | None:
    """The head of the noun phrase in `tokens`: its first plural noun (the last of a run,
    "police officers"), else a capitalised plural ("Indians", "House and Senate Democrats").

    A count of two or more takes a plural: "three term Texas Governor" counts nothing.
    """
    words = [t["word"] or t["abbr"] or "" for t in tokens]
    lowered = [w.lower() for w in words]
    head: int | None = None
    candidate: int | None = None
    for i, token in enumerate(tokens):
        low = lowered[i]
        if token["abbr"]:
            if low in _TIME_UNITS:
                return None  # "5 p.m."
            continue
        if token["paren"] or token["code"]:
            continue
        word = words[i]
        if low in _NOT_NOUNS:
            if head is None and _joins(words, lowered, i, candidate):
                continue
            break
        if word[0].isupper() or any(c.isdigit() for c in word):
            if _plural(low) and word[0].isupper():
                candidate = i
            continue
        if low in _TIME_UNITS:
            return None  # "24 hours", "three terms", "two more years"
        if _plural(low):
            head = i
            while (
                head + 1 < len(tokens)
                and tokens[head + 1]["word"]
                and words[head + 1][0].islower()
                and _plural(lowered[head + 1])
                and lowered[head + 1] not in _NOT_NOUNS
                and lowered[head + 1] not in _TIME_UNITS
                and lowered[head + 1] not in _ADJECTIVE_PLURALS
            ):
                head += 1
            break
        if candidate is not None:
            break  # "10 Republicans voting": the capitalised plural was the noun
        if i == len(tokens) - 1 or i >= _MAX_NOUN_PHRASE - 1:
            break
    if head is None:
        head = candidate
    if head is None:
        return None
    unit = lowered[head].rstrip("'’").replace("’", "'")
    if unit in SCALES or unit in _FRACTION_NOUNS:
        return None
    return unit, tokens[head].end(), tuple(lowered[: head + 1])


def _joins(words: list[str], lowered: list[str], i: int, candidate: int | None) -> bool:
    """Whether the function word at `i` joins the phrase: inside a name ("Bank of America",
    "House and Senate") or between two modifiers ("five past and present senators")."""
    if i == 0 or i + 1 >= len(words) or not words[i + 1]:
        return False
    before, after = words[i - 1], words[i + 1]
    if not before:
        return lowered[i] in _NAME_JOINERS and after[0].isupper()
    if lowered[i] in _NAME_JOINERS and before[0].isupper() and after[0].isupper():
        return True
    return (
        lowered[i] in ("and", "or")
        and candidate is None
        and before[0].islower()
        and not _plural(lowered[i - 1])
        and lowered[i + 1] not in _NOT_NOUNS
    )


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
