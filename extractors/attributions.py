"""Find whom a news text cites: outlets, people, organisations and anonymous sources."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType

from wiretrace.records import Attribution, AttributionKind

# Wire agencies whose copy other outlets reprint: lower-cased name -> agency id. Names here
# count as outlets even when the caller's aliases do not list them.
AGENCY_CREDITS: Mapping[str, str] = MappingProxyType(
    {
        "reuters": "reuters",
        "thomson reuters": "reuters",
        "ap": "ap",
        "associated press": "ap",
        "the associated press": "ap",
        "afp": "afp",
        "agence france-presse": "afp",
        "agence france presse": "afp",
        "pti": "pti",
        "press trust of india": "pti",
        "ani": "ani",
        "asian news international": "ani",
        "ians": "ians",
        "indo-asian news service": "ians",
        "bloomberg": "bloomberg",
        "bloomberg news": "bloomberg",
    }
)

# Capitalised words that open sentences or clauses rather than name a source.
_STOPWORDS = (
    r"The|This|That|These|Those|It|Its|He|She|They|We|I|You|His|Her|Their|Our|However|But|And"
    r"|Or|In|On|At|For|As|If|When|While|After|Before|Meanwhile|Also|A|An|So|Yet|Although"
    r"|Though|Because|Since|Still|Then|There|Here|What|Which|Who|Where|Why|How|Earlier|Later"
    r"|Last|Next|According|Separately|Previously|Now|Today|Yesterday|Tomorrow|Some|Many|Most"
    r"|Other|Others|One|Both|All|Each|No|Not|Such|With|Without|By|From|To|Of|Under|Over"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April"
    r"|May|June|July|August|September|October|November|December|Industry|Analysts?|Officials?"
    r"|Sources?|Reports?|People|Experts?|Observers?"
)
# One word of a proper name: "Alexandr", "U.S.", "OpenAI", "xAI", "AT&T", "Scale AI's".
_TOKEN = (
    rf"(?!(?:{_STOPWORDS})(?![\w&'’-]))"
    r"(?:(?:[A-Z]\.){2,}|[A-Z][\w&'’-]*|[a-z]+[A-Z][\w&'’-]*)"
)
_HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Dr|Prof|Shri|Smt|Sir)\.?\s+)"
_NAME = rf"{_HONORIFIC}?{_TOKEN}(?:\s+(?:(?:of|for|de|da|del|van|von|bin|al)\s+)?{_TOKEN}){{0,5}}"

# Words that make a source a person: "a spokesperson", "CEO Alexandr Wang".
_ROLE_WORDS = (
    r"(?:secretary|director|attorney|solicitor|inspector|governor)[\s-]general"
    r"|editor(?:-in-chief)?|correspondent|journalist|chancellor|senator|lawmaker|legislator"
    r"|judge|actor|actress|creator|coach"
    r"|spokesperson|spokesman|spokeswoman|spokespeople|official|minister|ceo|cfo|cto|coo"
    r"|chief\s+executive(?:\s+officer)?|executive|chairman|chairwoman|chairperson|president"
    r"|co-founder|founder|director|analyst|economist|secretary|lawyer|attorney|prosecutor"
    r"|investigator|researcher|expert|manager|governor|mayor|ambassador|diplomat|commissioner"
    r"|officer|adviser|advisor|representative|professor|scientist|inspector|superintendent"
    r"|head|leader|witness"
)
_ROLE_MODIFIER = (
    r"(?:[A-Z][\w&'’.-]*|company|government|ministry|senior|chief|deputy|foreign|finance|prime"
    r"|defence|defense|external|affairs|home|police|press|former|vice|junior|union|state|top"
    r"|group|managing|general|legal|technology|health|trade|commerce|industry|market)"
)
_ROLE = (
    rf"(?:(?:a|an|the|one|two|three|several)\s+)?(?:{_ROLE_MODIFIER}\s+){{0,3}}"
    rf"(?i:{_ROLE_WORDS})s?\b(?:\s+{_NAME})?"
)
ROLE_WORD = re.compile(rf"\b(?i:{_ROLE_WORDS})s?\b")
_HONORIFIC_WORD = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Prof|Shri|Smt|Sir)\.?$")
_POSSESSIVE = re.compile(r"[’']s?$")

# Unnamed sources: "sources", "two people familiar with the matter", "media reports".
_ANONYMOUS = (
    r"(?i:(?:(?:two|three|four|several|multiple|some|many|other|unnamed|anonymous|industry"
    r"|government|official|senior|informed|reliable|diplomatic|security|police|banking|company"
    r"|military|intelligence|people)\s+){0,2}sources"
    r"(?:\s+(?:familiar\s+with|close\s+to|with\s+knowledge\s+of|aware\s+of|briefed\s+on)"
    r"\s+the\s+[\w'-]+)?"
    r"|(?:(?:a|one|two|three|four|several|multiple)\s+)?(?:people|persons?|someone|insiders?)"
    r"\s+(?:familiar\s+with|close\s+to|with\s+(?:direct\s+)?knowledge\s+of|aware\s+of"
    r"|briefed\s+on)\s+the\s+[\w'-]+"
    r"|(?:media|news|local|press|unconfirmed)\s+reports|reports)"
)
ANONYMOUS_SOURCE = re.compile(_ANONYMOUS)

# A named organisation by its common noun: "the company said".
_GENERIC_ORG = (
    r"(?i:the\s+(?:company|firm|group|ministry|government|startup|start-up|bank|central\s+bank"
    r"|agency|regulator|department|court|police|board|council|commission|army|military))\b"
)
# Words that mark a capitalised name as an organisation, not a person.
ORG_WORDS = frozenset(
    {
        "inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "llc", "plc", "group", "bank",
        "ministry", "government", "police", "court", "agency", "commission", "council",
        "department", "office", "institute", "university", "association", "federation", "union",
        "party", "board", "authority", "fund", "capital", "partners", "holdings", "technologies",
        "technology", "labs", "ai", "motors", "airlines", "airways", "exchange", "reserve",
        "securities", "media", "network", "company", "foundation", "organisation", "organization",
        "services", "systems", "industries", "limited", "pharma", "pharmaceuticals", "news",
        "times", "journal", "post", "herald", "express", "tribune", "telegraph", "daily", "weekly",
        "magazine", "tv", "radio", "channel", "press", "wire", "review", "standard", "guardian",
        "hindu", "mint", "street", "club", "league", "committee", "army", "navy", "force", "forces",
        "senate", "parliament", "congress", "tribunal", "corporation", "bureau"
    }
)  # fmt: skip

# Words that make an organisation a publication: "told the Financial Times".
_PUBLICATION_WORDS = frozenset(
    {
        "news", "times", "journal", "post", "herald", "express", "tribune", "telegraph", "daily",
        "weekly", "magazine", "tv", "radio", "channel", "press", "wire", "review", "standard",
        "guardian", "hindu", "mint", "chronicle", "gazette", "bulletin", "agency", "broadcasting",
        "newspaper", "reporters"
    }
)  # fmt: skip

_JOINER = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+&\s+)"
_LIST_JOINER = re.compile(_JOINER)
_APPOSITIVE_START = re.compile(r"(?:the|a|an)\s")
_APPOSITIVE = r"(?:\s*,\s*[^,;.!?\n]{1,120}?,)"
_AUXILIARY = r"(?:(?:has|have|had|also|later|earlier|previously|first|separately|exclusively)\s+)"

# The cue word as the report records it.
CUES: dict[str, str] = {
    "said": "said", "says": "said", "say": "said", "reported": "reported",
    "reports": "reported", "confirmed": "confirmed", "confirms": "confirmed",
    "noted": "as noted by", "stated": "as noted by", "highlighted": "as noted by",
    "pointed out": "as noted by",
}  # fmt: skip
_REPORTEDLY = re.compile(r"\b(?i:reportedly)\b")


def find_attributions(text: str, *, aliases: Mapping[str, str]) -> tuple[Attribution, ...]:
    """Every attribution in `text`, in order of appearance.

    `aliases` maps a lower-cased outlet name ("channel news asia", "cna") to an outlet id.
    A phrase naming several sources ("according to CNA and Reuters") gives one record each,
    all with the phrase as `raw`. Anonymous sources have `cited` "".
    """
    return tuple(a for _, _, a in attribution_spans(text, aliases=aliases))


def attribution_spans(
    text: str, *, aliases: Mapping[str, str]
) -> tuple[tuple[int, int, Attribution], ...]:
    """Like `find_attributions`, with each record's (start, end) in `text`.

    For callers that split a text and need to know which part each attribution sits in.
    """
    patterns = _patterns(tuple(sorted((k.lower(), v) for k, v in aliases.items())))
    known = {**AGENCY_CREDITS, **{k.lower(): v for k, v in aliases.items()}}
    found: list[tuple[int, int, str, str, str]] = []  # start, end, cue, source text, raw

    for cue_pattern, regex in patterns:
        for m in regex.finditer(text):
            cue = cue_pattern or CUES[re.sub(r"\s+", " ", m["verb"]).lower()]
            for item in _items(m["src"]):
                found.append((m.start(), m.end(), cue, item, m.group(0)))
    for m in _REPORTEDLY.finditer(text):
        found.append((m.start(), m.end(), "reportedly", "", m.group(0)))

    # A match inside a longer one is the same attribution seen by a looser pattern.
    spans = {(s, e) for s, e, *_ in found}
    found = [
        f
        for f in found
        if not any(s <= f[0] and f[1] <= e and (s, e) != (f[0], f[1]) for s, e in spans)
    ]
    people = _surnames(source for *_, source, _ in found)
    records: list[tuple[int, int, Attribution]] = []
    seen: set[tuple[int, int, str, str]] = set()
    for start, end, cue, source, raw in sorted(found, key=lambda f: (f[0], f[1])):
        record = _classify(source, cue=cue, raw=raw, known=known, people=people)
        if record is None or (key := (start, end, record.cited, record.cue)) in seen:
            continue
        seen.add(key)
        records.append((start, end, record))
    return tuple(records)


def _items(listed: str) -> list[str]:
    """The sources named in a list, without appositives ("Alexandr Wang, the CEO")."""
    items: list[str] = []
    last_end = 0
    for joiner in [*_LIST_JOINER.finditer(listed), None]:
        item = listed[last_end : joiner.start() if joiner else len(listed)].strip()
        # After a bare comma, "the CEO" or "a rival" describes the name before it.
        bare_comma = last_end > 0 and listed[:last_end].rstrip().endswith(",")
        if item and not (items and bare_comma and _APPOSITIVE_START.match(item)):
            items.append(item)
        last_end = joiner.end() if joiner else len(listed)
    return items


@lru_cache(maxsize=16)
def _patterns(alias_items: tuple[tuple[str, str], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(cue, pattern) pairs for one set of aliases; cue "" means: read it from the verb."""
    names = {k for k, _ in alias_items} | set(AGENCY_CREDITS)
    alias = "|".join(
        r"\s+".join(re.escape(w) for w in name.split())
        for name in sorted(names, key=len, reverse=True)
    )
    known = (
        rf"(?:(?i:a|an|the)\s+)?(?<![\w-])(?i:{alias})(?![\w-])"
        r"(?:\s+(?i:report|analysis|tally|poll|survey|calculation|story|investigation)s?\b)?"
    )
    source = rf"(?:{known}|{_ANONYMOUS}|{_ROLE}|{_GENERIC_ORG}|(?:(?i:the)\s+)?{_NAME})"
    # Bounded: an unbounded list retries every capitalised run to its end (quadratic).
    listed = rf"(?P<src>{source}(?:{_JOINER}{source}){{0,7}})"
    report_of = (
        r"(?:(?i:a|the)\s+(?i:report|statement|filing|post|note|release)"
        r"\s+(?i:by|from|in|on)\s+)?"
    )
    sourced = [
        ("according to", rf"(?i:according\s+to)\s+{report_of}{listed}"),
        ("citing", rf"\b(?i:citing)\s+{report_of}{listed}"),
        ("as per", rf"\b(?i:as\s+per)\s+{report_of}{listed}"),
        (
            "",
            r"\b(?i:as\s+(?P<verb>noted|stated|highlighted|pointed\s+out|reported|confirmed|said)"
            rf"\s+by)\s+{listed}",
        ),
        ("reported", rf"\b(?i:reported|first\s+reported)\s+by\s+{listed}"),
        # "OpenAI, although it had scaled back, has confirmed": the appositive is allowed.
        ("", rf"{listed}{_APPOSITIVE}?\s+{_AUXILIARY}{{0,2}}"
             r"(?P<verb>said|says|reported|reports|confirmed|confirms)\b"),
        # Inverted, after a quote or a comma: '"...," said Alexandr Wang'.
        ("said", rf"(?:(?<=[,”\"’'])|(?<=[,”\"’']\s))(?i:said|says)\s+{listed}"),
        # Told to an outlet: the outlet is where the claim was published first.
        ("told", rf"\b(?i:told)\s+{listed}"),
        ("sources said", rf"(?P<src>{_ANONYMOUS})\s+{_AUXILIARY}?"
         r"(?i:said|say|says|indicated?|indicates|told|suggest(?:s|ed)?|added|revealed|claimed"
         r"|believed?)\b"),
        ("credited from", r"(?i:credited\s+from\s*:?|\(?\s*with\s+(?:additional\s+)?inputs?\s+from)"
         rf"\s*{listed}(?:\s*\))?"),
        ("credited from", rf"(?m:^)\s*(?i:source|sources|courtesy)\s*:\s*{listed}"),
        # "- PTI" closing a line, "(Reuters) -" opening a story: the wire's own credit.
        ("credited from", rf"(?<!\w)[-–—]\s*(?P<src>{known})\s*(?m:$)"),
        ("dateline", rf"\(\s*(?P<src>{known})\s*\)\s*[-–—]"),
    ]  # fmt: skip
    return tuple((cue, re.compile(p)) for cue, p in sourced)


def _classify(
    source: str, *, cue: str, raw: str, known: Mapping[str, str], people: frozenset[str]
) -> Attribution | None:
    kind: AttributionKind
    if cue == "reportedly":
        return Attribution(cited="", kind="anonymous", cue=cue, raw=raw)
    words = source.split()
    lookup = _strip_report_words(words)
    if lookup in known:
        return Attribution(cited=known[lookup], kind="outlet", cue=cue, raw=raw)
    if ANONYMOUS_SOURCE.fullmatch(source):
        return Attribution(
            cited="", kind="anonymous", cue="sources said" if cue == "said" else cue, raw=raw
        )
    roles = list(ROLE_WORD.finditer(source))
    if roles:
        # "Scale AI's CEO Alexandr Wang": the person is the name after the last role word.
        name = source[roles[-1].end() :].strip()
        kind, cited = "person", name or " ".join(words)
    elif re.fullmatch(_GENERIC_ORG, source):
        kind, cited = "organisation", " ".join(words)
    else:
        if words[0].lower() == "the":
            words = words[1:]  # "told the Financial Times" cites "Financial Times"
        kind, cited = _name_kind(words, people), " ".join(words)
    if cue == "told" and not _names_an_outlet(words):
        # "Wang told Musk": Musk heard the claim. Only a publication passes a telling on.
        return None
    return Attribution(cited=cited, kind=kind, cue=cue, raw=raw)


def _strip_report_words(words: list[str]) -> str:
    lowered = [w.lower() for w in words]
    if lowered and lowered[0] in {"a", "an", "the"}:
        lowered = lowered[1:]
    if lowered and re.fullmatch(
        r"(?:report|analysis|tally|poll|survey|calculation|story|investigation)s?", lowered[-1]
    ):
        lowered = lowered[:-1]
    return " ".join(lowered)


def _name_kind(words: list[str], people: frozenset[str]) -> AttributionKind:
    if any(w.lower() in ORG_WORDS or _possessor(w) in ORG_WORDS for w in words):
        return "organisation"
    if len(words) == 1:
        # "Wang said" is a person when "Alexandr Wang" appeared; "Google said" is not.
        return "person" if _possessor(words[0]) in people else "organisation"
    if len(words) <= 4 and all(_is_name_word(w) for w in words):
        return "person"
    return "organisation"


def _names_an_outlet(words: list[str]) -> bool:
    return any(_possessor(w) in _PUBLICATION_WORDS for w in words)


def _is_name_word(word: str) -> bool:
    core = _POSSESSIVE.sub("", _HONORIFIC_WORD.sub("Mr", word))
    # "Waller-Bridge", "Al-Sudani": each part a capitalised word.
    return all(p[:1].isupper() and p[1:].islower() and p.isalpha() for p in core.split("-"))


def _possessor(word: str) -> str:
    return _POSSESSIVE.sub("", word).lower()


def _surnames(sources: Iterable[str]) -> frozenset[str]:
    """Last words of the multi-word person names among `sources`."""
    names: set[str] = set()
    for source in sources:
        roles = list(ROLE_WORD.finditer(source))
        words = source[roles[-1].end() :].split() if roles else source.split()
        if len(words) >= 2 and all(_is_name_word(w) for w in words):
            names.add(_possessor(words[-1]))
    return frozenset(names)
