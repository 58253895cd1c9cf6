"""Find whom news text sources each statement to: people, bodies, documents, outlets, the unnamed."""

from __future__ import annotations

import bisect
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Literal, get_args

from wiretrace.extractors.datelines import read_dateline
from wiretrace.records import Attribution, AttributionKind

LEXICON_FILE = "attributions.toml"  # cue verbs and nouns, beside this module
REGISTRY_FILE = "organisations.toml"  # news organisations and agencies, beside this module
OrganisationKind = Literal["wire", "outlet", "organisation"]


# What opens a noun set beside a name that follows it: "the lawyer, X", "her lawyer, X".
_APPOSED_OPENERS = frozenset({"the", "his", "her", "their", "its"})
# Documents that carry someone's words: "in a letter from her lawyer" says who wrote them.
_STATEMENTS = frozenset(
    {"statement", "letter", "email", "e-mail", "memo", "note", "post", "tweet", "message"}
)
# Words that end a record named after "according to" ("tax returns released Friday").
_RECORD_STOPS = frozenset(
    {
        "that", "which", "who", "whom", "whose", "where", "when", "while", "as", "and", "or",
        "but", "to", "in", "on", "at", "for", "with", "from", "by", "about", "after", "before",
        "since", "than", "this", "last", "next", "is", "are", "was", "were", "has", "have",
        "had", "will", "would", "could", "can", "may", "might", "not", "its", "their", "his",
        "her", "he", "she", "it", "they", "we", "i", "you", "me", "us", "him", "them",
    }
)  # fmt: skip


class RegistryError(ValueError):
    """The registry of news organisations cannot be used; the message says where and why."""


@dataclass(frozen=True, slots=True)
class NewsOrganisation:
    """A news organisation, agency or much-relayed monitoring group that text may cite."""

    id: str
    name: str
    kind: OrganisationKind
    country: str = ""
    aliases: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()  # shows that speak for it: a channel, never a source


def parse_organisations(text: str, *, origin: str = REGISTRY_FILE) -> tuple[NewsOrganisation, ...]:
    """The `[[organisation]]` tables of a registry in TOML `text`."""
    try:
        tables = tomllib.loads(text).get("organisation", [])
    except tomllib.TOMLDecodeError as exc:
        raise RegistryError(f"{origin}: not valid TOML: {exc}") from exc
    found: list[NewsOrganisation] = []
    seen: set[str] = set()
    for index, table in enumerate(tables, start=1):
        where = f"{origin}: organisation #{index}"
        unknown = set(table) - {"id", "name", "kind", "country", "aliases", "programs"}
        if unknown:
            raise RegistryError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        org_id, name, kind = table.get("id"), table.get("name"), table.get("kind", "outlet")
        if not isinstance(org_id, str) or not re.fullmatch(r"[a-z0-9][a-z0-9_-]{0,63}", org_id):
            raise RegistryError(f"{where}: 'id' must be lower-case letters, digits, '-' or '_'")
        if org_id in seen:
            raise RegistryError(f"{where}: duplicate id {org_id!r}")
        if not isinstance(name, str) or not name.strip():
            raise RegistryError(f"{where} ({org_id}): 'name' must be a non-empty string")
        if kind not in get_args(OrganisationKind):
            raise RegistryError(f"{where} ({org_id}): 'kind' must be wire, outlet or organisation")
        lists = {}
        for key in ("aliases", "programs"):
            value = table.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise RegistryError(f"{where} ({org_id}): '{key}' must be a list of strings")
            lists[key] = tuple(v.strip() for v in value if v.strip())
        seen.add(org_id)
        found.append(
            NewsOrganisation(org_id, name.strip(), kind, str(table.get("country", "")), **lists)
        )
    return tuple(found)


@cache
def news_organisations() -> tuple[NewsOrganisation, ...]:
    """The registry shipped beside this module (package data)."""
    text = resources.files("wiretrace.extractors").joinpath(REGISTRY_FILE).read_text("utf-8")
    return parse_organisations(text)


# Wire agencies by lower-cased name: names here are news organisations even when the caller's
# aliases do not list them.
AGENCY_CREDITS: Mapping[str, str] = MappingProxyType(
    {
        name.lower(): org.id
        for org in news_organisations()
        if org.kind == "wire"
        for name in (org.name, *org.aliases)
    }
)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists of attributions.toml, ready for lookups."""

    cues: Mapping[str, str]  # any form -> the cue as recorded ("says" -> "said")
    bare: frozenset[str]  # forms without tense or person ("say", "declare")
    # first word -> (words, cue): "made" -> (("made", "clear"), "made clear")
    multiword_cues: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]
    invert: frozenset[str]
    findings: frozenset[str]
    noun_forms: frozenset[str]
    sources_only: frozenset[str]
    documents_only: frozenset[str]
    views: frozenset[str]
    reasons: frozenset[str]  # cues only with a reason after them: "castigated X for"
    document_cues: frozenset[str]
    evidence: frozenset[str]
    not_after: Mapping[str, frozenset[str]]  # cue -> words after it that make it an act
    participles: frozenset[str]
    between: frozenset[str]
    negations: frozenset[str]
    audiences: frozenset[tuple[str, ...]]
    anonymous: frozenset[str]
    roles: frozenset[str]
    public_roles: frozenset[str]
    organisations: frozenset[str]
    documents: frozenset[str]
    modifiers: frozenset[str]
    not_names: frozenset[str]
    organisation_words: frozenset[str]
    bodies: frozenset[tuple[str, ...]]
    groups: frozenset[str]
    role_synonyms: Mapping[str, frozenset[str]]
    pronouns: Mapping[str, str]
    claim_nouns: frozenset[str]
    nouns: frozenset[str] = field(default=frozenset())  # every noun and modifier above
    person_heads: frozenset[str] = field(default=frozenset())  # unnamed sources and roles
    common: frozenset[str] = field(default=frozenset())  # unnamed, body and document heads
    # Every word that may open an attribution `_Reader.read` looks at; any other word it skips.
    openers: frozenset[str] = field(default=frozenset())


@cache
def lexicon() -> Lexicon:
    """The cue words and nouns shipped beside this module (package data)."""
    text = resources.files("wiretrace.extractors").joinpath(LEXICON_FILE).read_text("utf-8")
    return parse_lexicon(text)


def parse_lexicon(text: str) -> Lexicon:
    data = tomllib.loads(text)
    cues: dict[str, str] = {}
    multi: dict[tuple[str, ...], str] = {}
    for cue, forms in data["cues"].items():
        for form in (cue, *forms):
            parts = tuple(form.split())
            if len(parts) == 1:
                cues[form] = cue
            else:
                multi[parts] = cue
    rules, nouns = data["cue_rules"], data["nouns"]

    def words(values: Iterable[str]) -> frozenset[str]:
        return frozenset(v.lower() for v in values)

    noun_lists = {k: words(v) for k, v in nouns.items()}
    return Lexicon(
        cues=MappingProxyType(cues),
        bare=frozenset(
            f for f, c in cues.items() if f != c and not f.endswith(("s", "ing", "ed", "en"))
        ),
        multiword_cues=MappingProxyType(
            {
                first: tuple((w, c) for w, c in multi.items() if w[0] == first)
                for first in {w[0] for w in multi}
            }
        ),
        invert=words(rules["invert"]),
        findings=words(rules["findings"]),
        noun_forms=words(rules["noun_forms"]),
        sources_only=words(rules["sources_only"]),
        documents_only=words(rules["documents_only"]),
        views=words(rules["views"]),
        reasons=words(rules.get("reasons", ())),
        document_cues=words(rules["document_cues"]),
        evidence=words(rules["evidence"]),
        not_after=MappingProxyType({k: words(v) for k, v in data["not_after"].items()}),
        participles=words(p for p in rules["participles"] if " " not in p),
        between=words(rules["between"]),
        negations=words(rules["negations"]),
        audiences=frozenset(tuple(a.split()) for a in rules["audiences"]),
        anonymous=noun_lists["anonymous"],
        roles=frozenset(w for r in noun_lists["roles"] for w in r.split()),
        public_roles=noun_lists["public_roles"],
        organisations=frozenset(w.split()[-1] for w in noun_lists["organisations"]),
        documents=frozenset(w.split()[-1] for w in noun_lists["documents"]),
        modifiers=frozenset(w for m in noun_lists["modifiers"] for w in m.split()),
        not_names=noun_lists["not_names"],
        organisation_words=noun_lists["organisation_words"],
        bodies=frozenset(tuple(b.split()) for b in noun_lists["bodies"]),
        groups=noun_lists["groups"],
        role_synonyms=MappingProxyType(
            {k: frozenset(v) | {k} for k, v in data["role_synonyms"].items()}
        ),
        pronouns=MappingProxyType(dict(data["pronouns"])),
        claim_nouns=words(nouns["claims"]),
        common=noun_lists["anonymous"] | noun_lists["organisations"] | noun_lists["documents"],
        person_heads=noun_lists["anonymous"]
        | frozenset(w for r in noun_lists["roles"] for w in r.split())
        | noun_lists["public_roles"],
        openers=frozenset(cues)
        | {w[0] for w in multi}
        | words(nouns["claims"])
        | {"according", "citing", "as", "reported", "by"},
        nouns=frozenset().union(
            *(noun_lists[k] for k in ("anonymous", "public_roles", "organisations", "documents")),
            (w for r in noun_lists["roles"] for w in r.split()),
            (w for m in noun_lists["modifiers"] for w in m.split()),
        ),
    )


# ----------------------------------------------------------------------------- tokens
# A word keeps inner apostrophes, hyphens, dots and ampersands ("O'Rourke", "R-Ohio", "AT&T");
# dotted acronyms keep their dots ("U.S.", "F.B.I.").
_TOKEN = re.compile(r"((?:[A-Za-z]\.){2,}|[^\W_](?:[\w&'’.-]*[^\W_])?)|(--|[^\w\s])")
# Words that take a full stop without ending the sentence: titles, states, initials.
ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "sen", "sens", "rep", "reps", "gov", "govs", "gen",
        "lt", "col", "capt", "sgt", "adm", "cmdr", "maj", "rev", "st", "jr", "sr", "messrs",
        "hon", "supt", "insp", "shri", "smt", "sri", "no", "vs", "inc", "corp", "co", "ltd",
        "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind",
        "kan", "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev",
        "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "me", "jan",
        "feb", "aug", "sept", "oct", "nov", "dec", "ft", "mt", "pres", "atty", "dept", "govt",
    }
)  # fmt: skip
TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "sen", "sens", "rep", "reps",
        "gov", "gen", "lt", "col", "capt", "sgt", "adm", "cmdr", "maj", "rev", "hon", "shri",
        "smt", "sri", "president", "vice", "senator", "representative", "governor", "secretary",
        "speaker", "judge", "justice", "mayor", "sheriff", "chairman", "chairwoman", "chair",
        "minister", "prime", "premier", "chancellor", "ambassador", "director", "commissioner",
        "attorney", "general", "chief", "leader", "whip", "counsel", "special", "press",
        "majority", "minority", "deputy", "acting", "former", "congressman", "congresswoman",
        "pope", "king", "queen", "prince", "princess", "sheikh", "emir", "ayatollah", "lord",
        "lady", "state", "foreign", "defense", "defence", "interior", "finance", "treasury",
        "homeland", "security", "national", "adviser", "advisor", "spokesman", "spokeswoman",
        "spokesperson", "ceo", "cfo", "coo", "cto", "founder", "co-founder", "executive",
        "officer", "superintendent", "inspector", "commander", "admiral", "colonel",
        "lieutenant", "captain", "sergeant", "major", "nominee", "candidate", "house", "senate",
        "party", "committee", "economic", "white", "outgoing", "incoming", "top", "father",
        "reverend", "cardinal", "archbishop", "bishop", "rabbi", "imam", "pastor", "monsignor",
    }
)  # fmt: skip
_QUOTES_OPEN = frozenset({"“", '"', "‘", "'", "«"})
_QUOTES_CLOSE = frozenset({"”", '"', "’", "'", "»"})
_DASHES = frozenset({"—", "–", "―", "--"})
_SENTENCE_END = frozenset({".", "!", "?", "…"})
_PREPOSITIONS = frozenset({"of", "for", "at", "with", "from", "by", "in", "on"})
_POSTMODIFIERS = (
    ("familiar", "with"), ("close", "to"), ("with", "knowledge", "of"), ("aware", "of"),
    ("briefed", "on"), ("with", "direct", "knowledge", "of"), ("speaking", "on", "condition"),
    ("speaking", "on", "the", "condition"), ("who", "spoke", "on", "condition"),
    ("who", "spoke", "on", "the", "condition"), ("who", "asked", "not", "to", "be"),
    ("who", "declined", "to", "be"), ("who", "requested", "anonymity"),
    ("involved", "in"), ("knowledgeable", "about"),
)  # fmt: skip
# The same under their first word, in the same order: only those can start at a given token.
_POSTMODIFIERS_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {
    first: tuple(p for p in _POSTMODIFIERS if p[0] == first)
    for first in {p[0] for p in _POSTMODIFIERS}
}
# Past forms of common verbs that a lower-case run before a noun must not hold: "Trump stood
# firm" is a clause, not the body "firm" ("White House pool reports" is a noun phrase).
_IRREGULAR_PAST = frozenset(
    {
        "stood", "took", "went", "made", "gave", "held", "met", "came", "ran", "won", "lost",
        "left", "kept", "sat", "got", "put", "set", "sent", "spent", "told", "said", "saw",
        "knew", "thought", "brought", "bought", "fought", "sought", "led", "fell", "felt",
        "began", "became", "broke", "chose", "drew", "drove", "flew", "grew", "hit", "hid",
        "let", "meant", "paid", "rose", "shot", "shut", "spoke", "struck", "threw", "wore",
        "wrote", "is", "are", "was", "were", "has", "have", "had", "will", "would", "can",
        "could", "may", "might", "must", "should", "does", "did",
    }
)  # fmt: skip


def _looks_finite(word: str) -> bool:
    """A lower-case word that is likely a verb of its own clause, not a noun's modifier."""
    return word in _IRREGULAR_PAST or (word.endswith("ed") and len(word) > 4)


_MONTH_NAMES = frozenset({"jan", "april", "may", "june", "july", "august"})
# Common nouns for an outlet named before: "the paper reports".
_OUTLET_NOUNS = frozenset({"paper", "newspaper", "broadsheet", "tabloid", "magazine"})
_PARTY_TAG = re.compile(r"^[RDIL]-[A-Z][\w.]*$|^[RDI]$")
_WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)
_TIME_WORDS = _WEEKDAYS | {
    "morning", "afternoon", "evening", "night", "today", "yesterday", "tonight", "week",
    "month", "year", "weekend", "earlier", "later", "day", "hours", "minutes", "days",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december",
}  # fmt: skip
_TIME_LEADS = frozenset({"on", "late", "early", "last", "this", "next", "in", "that", "the"})
_BE = frozenset({"is", "was", "were", "are", "be", "been", "being", "am", "'s", "’s"})
_SUBORDINATORS = frozenset(
    {
        "that", "which", "who", "whom", "whose", "when", "while", "after", "before", "as",
        "because", "although", "though", "since", "if", "unless", "until", "where", "but",
        "and", "or", "so", "yet", "whereas", "once",
    }
)  # fmt: skip
_DETERMINERS = frozenset({"the", "a", "an"})
_REPORT_ADJECTIVES = frozenset(
    {"early", "earlier", "initial", "recent", "latest", "previous", "past"}
)
_NUMBER_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})
_NUMBER_WORDS_VALUE = {
    w: n
    for n, w in enumerate(
        ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"), 2
    )
}
# Adverbs between a participle and what it hangs on: "by very loudly claiming".
_INTENSIFIERS = frozenset(
    {"very", "so", "quite", "rather", "more", "most", "too", "much", "even", "still", "just",
     "also", "again", "then", "often", "repeatedly", "once", "first", "later", "earlier"}
)  # fmt: skip
# Words a subject may follow besides punctuation and conjunctions: "what he called".
_LEADS = frozenset(
    {
        "what", "then", "now", "also", "so", "even", "still", "however", "meanwhile",
        "instead", "indeed", "perhaps", "thus", "yet", "why", "how", "where", "whom", "and",
        "but", "or", "nor", "though", "although", "thereafter", "afterward", "today",
    }
)  # fmt: skip
# Words that open a phrase before a sentence's subject: "In December, Mr. X said".
_OPENERS = frozenset(
    {
        "in", "on", "at", "after", "before", "during", "when", "while", "as", "with", "without",
        "since", "despite", "amid", "following", "earlier", "later", "speaking", "asked",
        "under", "for", "from", "by", "like", "unlike", "if", "although", "though", "because",
        "once", "last", "this", "but", "and", "yet", "still", "meanwhile", "however", "instead",
        "separately", "previously", "now", "then", "today", "yesterday", "which", "who",
        "where", "indeed", "also", "thus", "so", "rather", "according", "among", "until",
        "over", "through", "throughout", "within", "against", "beyond", "besides",
        # sentence adverbs: "Down in the polls, X is on the attack, claiming ..."
        "down", "up", "back", "ahead", "behind", "elsewhere", "again", "finally",
        "ultimately", "moreover", "nonetheless", "nevertheless", "otherwise", "overall",
    }
)  # fmt: skip
_POSSESSIVE_DETERMINERS = frozenset({"his", "her", "their", "its", "our", "my", "your"})
# "two of the sources", "some of the lawmakers": a share of a group is that group speaking.
_QUANTIFIERS = frozenset(
    {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "some",
     "several", "many", "most", "all", "both", "none", "each", "few", "dozens", "half"}
)  # fmt: skip


@dataclass(slots=True)
class _Tokens:
    """A text as words and marks, with what every rule asks of a token precomputed."""

    text: str
    words: list[str]
    lower: list[str]  # lower case, possessive and final full stop dropped ("moore", "mr")
    starts: list[int]
    ends: list[int]
    is_word: list[bool]
    cap: list[bool]
    possessive: list[bool]
    sent: list[int]  # sentence index of each token
    sent_start: list[int]  # first token of each sentence
    sent_end: list[int]  # one past the last token of each sentence
    bare: list[str]  # as written, without a final "'s" (what `_clean` gives)


_APOSTROPHE_S = re.compile(r"['’]s$")
_POSSESSIVE_ENDS = ("'s", "’s")  # _APOSTROPHE_S as a suffix test: no token holds a newline
_INITIAL_OR_PARTY = re.compile(r"[A-Z]|[RDI]-[A-Z][\w.]*")  # takes its full stop: "T.", "R-Ohio."
_CONTRACTIONS = frozenset(
    {"it's", "he's", "she's", "that's", "there's", "what's", "who's", "let's", "here's"}
)
_END_CLOSERS = _QUOTES_CLOSE | {")"}  # what may close a sentence after its end mark


def _tokens(text: str) -> _Tokens:
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    is_word: list[bool] = []
    marks: list[int] = []
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        if m.lastindex == 2:
            mark = m.group(2)
            # "Mr" + ".", "T" + ".": a title or an initial takes its full stop.
            if (
                mark == "."
                and words
                and is_word[-1]
                and ends[-1] == start
                and (words[-1].lower() in ABBREVIATIONS or _INITIAL_OR_PARTY.fullmatch(words[-1]))
            ):
                words[-1] += "."
                ends[-1] = end
                continue
            if mark in _SENTENCE_END or mark in _END_CLOSERS:
                marks.append(len(words))  # where a sentence may end: read again below
            words.append(mark)
            is_word.append(False)
        else:
            words.append(m.group(1))
            is_word.append(True)
        starts.append(start)
        ends.append(end)
    n = len(words)
    # A mark is its own lower case and never capitalised; most words need only these two.
    lower = [w.lower() if iw else w for w, iw in zip(words, is_word, strict=True)]
    cap = [iw and w[0].isupper() for w, iw in zip(words, is_word, strict=True)]
    possessive = [False] * n
    bare = words.copy()
    for i, low in enumerate(lower):
        final = low[-1]
        if (final != "s" and final != ".") or not is_word[i]:
            continue  # no possessive, no full stop: its lower case is all it needs
        w = words[i]
        if final == "s":  # only then can it be a possessive ("Moore's", "states’")
            if w.endswith(_POSSESSIVE_ENDS):
                bare[i] = w[:-2]
            if low.endswith(_POSSESSIVE_ENDS) and low not in _CONTRACTIONS:
                possessive[i] = True
                low = low[:-2]
                final = low[-1:]
            elif (
                i + 1 < n
                and words[i + 1] in ("’", "'")
                and ends[i] == starts[i + 1]
                and (i + 2 >= n or starts[i + 2] > ends[i + 1])
            ):
                possessive[i] = True
        lower[i] = low.rstrip(".") if final == "." and low.count(".") == 1 else low
    # Sentence starts: after a line break, or after an end mark (and the quote or bracket
    # closing on it) before a capital, a figure or an opening quote. Only the tokens after a
    # newline and the end marks and closers need looking at.
    starts_at: set[int] = set()
    newline = text.find("\n")
    k = 0
    while newline >= 0:
        k = bisect.bisect_right(starts, newline, k)
        if 0 < k < n:
            starts_at.add(k)
        newline = text.find("\n", starts[k] if k < n else len(text))
    for i in marks:
        if i >= n - 1:
            break
        w = words[i]
        if (
            not (w in _SENTENCE_END or (w in _END_CLOSERS and i and words[i - 1] in _SENTENCE_END))
            or (i + 1) in starts_at
        ):
            continue
        nxt = words[i + 1]
        gap = starts[i + 1] > ends[i]
        if not gap and (nxt in _QUOTES_CLOSE or nxt == ")"):
            continue  # the closing quote belongs to this sentence
        if gap and (nxt[:1].isupper() or nxt[:1].isdigit() or nxt in _QUOTES_OPEN):
            starts_at.add(i + 1)
        elif gap and nxt == "(" and i + 2 < n and words[i + 2][:1].isupper():
            # "... if he's elected. (The real estate mogul estimates ...)": a sentence in
            # brackets is a sentence, as the sentence splitter has it
            starts_at.add(i + 1)
    sent_start = [0, *sorted(starts_at)]
    sent_end = [*sent_start[1:], n]
    sent: list[int] = []
    for index, (first, last) in enumerate(zip(sent_start, sent_end, strict=True)):
        sent.extend([index] * (last - first))
    return _Tokens(
        text, words, lower, starts, ends, is_word, cap, possessive, sent, sent_start, sent_end, bare
    )


# ----------------------------------------------------------------------- organisations
# One way to write an organisation: its words, the organisation, and whether the words need a
# "the" before them ("The Hill", "The Independent": without it, a hill and a word).
_OrgName = tuple[tuple[str, ...], NewsOrganisation, bool]


@dataclass(frozen=True, slots=True)
class _OrgIndex:
    """Names of news organisations as token sequences, longest first under their first word."""

    exact: Mapping[str, tuple[_OrgName, ...]]
    folded: Mapping[str, tuple[_OrgName, ...]]  # the outlets file's aliases, in any case
    programs: Mapping[str, tuple[_OrgName, ...]]


def _name_words(name: str) -> tuple[str, ...]:
    return tuple(_APOSTROPHE_S.sub("", m.group(0)) for m in _TOKEN.finditer(name))


@lru_cache(maxsize=16)
def _org_index(alias_items: tuple[tuple[str, str], ...]) -> _OrgIndex:
    registry = news_organisations()
    by_id = {o.id: o for o in registry}
    exact: dict[str, list[_OrgName]] = {}
    folded: dict[str, list[_OrgName]] = {}
    programs: dict[str, list[_OrgName]] = {}

    def add(
        table: dict[str, list[_OrgName]], name: str, org: NewsOrganisation, *, fold: bool = False
    ) -> None:
        words = _name_words(name)
        if fold:
            words = tuple(w.lower() for w in words)
        the = bool(words) and words[0].lower() == "the"
        words = words[1:] if the else words
        if words:
            table.setdefault(words[0], []).append((words, org, the and len(words) == 1))
            if not fold and any(w != w.upper() for w in words):
                upper = tuple(w.upper() for w in words)  # "Credited from: REUTERS"
                table.setdefault(upper[0], []).append((upper, org, the and len(words) == 1))

    configured_ids = {org_id for _, org_id in alias_items}
    configured_names = {alias for alias, _ in alias_items}
    for org in registry:
        if (
            org.id in configured_ids
            or {n.lower() for n in (org.name, *org.aliases)} & configured_names
        ):
            continue  # the outlets file speaks for this one
        for name in (org.name, *org.aliases):
            add(exact, name, org)
        for name in org.programs:
            add(programs, name, org)
    by_name = {n.lower(): o for o in registry for n in (o.name, *o.aliases)}
    configured: dict[str, list[str]] = {}
    for alias, org_id in alias_items:
        configured.setdefault(org_id, []).append(alias)
    for org_id, names in configured.items():
        # An outlet the file declares under its own id ("afp-desk" for AFP) is still the
        # registry's organisation for its kind and name.
        known = by_id.get(org_id) or next((by_name[n] for n in names if n in by_name), None)
        org = NewsOrganisation(
            org_id,
            known.name if known else max(names, key=len),
            known.kind if known else "outlet",
            known.country if known else "",
        )
        for alias in names:
            add(folded, alias, org, fold=True)
        if known:
            for name in (known.name, *known.aliases):
                add(exact, name, org)

    def frozen(table: dict[str, list[_OrgName]]) -> Mapping[str, tuple[_OrgName, ...]]:
        return MappingProxyType(
            {k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in table.items()}
        )

    return _OrgIndex(frozen(exact), frozen(folded), frozen(programs))


def news_organisation(name: str, *, aliases: Mapping[str, str]) -> NewsOrganisation | None:
    """The news organisation `name` is, through the outlets' aliases and the registry."""
    index = _org_index(_alias_items(aliases))
    words = list(_name_words(name.strip()))
    the = bool(words) and words[0].lower() == "the"
    if the:
        words = words[1:]
    if not words:
        return None
    for table, key in ((index.folded, [w.lower() for w in words]), (index.exact, words)):
        for candidate, org, needs_the in table.get(key[0], ()):
            if list(candidate) == key and (the or not needs_the):
                return org
    return None


def _alias_items(aliases: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k.lower(), v) for k, v in aliases.items()))


def _org_at(
    t: _Tokens, i: int, limit: int, index: _OrgIndex, *, programs: bool = False
) -> tuple[int, NewsOrganisation] | None:
    """(end, organisation) of the longest news organisation named from token `i`."""
    after_the = i > 0 and t.lower[i - 1] == "the"
    for table in (index.programs,) if programs else (index.folded, index.exact):
        folded = table is index.folded
        key = t.lower[i] if folded else t.bare[i]
        for words, org, needs_the in table.get(key, ()):
            end = i + len(words)
            if end > limit or (needs_the and not after_the):
                continue
            if all(
                (t.lower[j] if folded else t.bare[j]) == words[j - i] for j in range(i + 1, end)
            ):
                return end, org
    return None


# ----------------------------------------------------------------------------- sources
@dataclass(slots=True)
class _Entity:
    """One source of an article however it is written: a person, a body, a news organisation."""

    name: str  # the fullest name the article gives
    kind: AttributionKind
    key: str
    descriptors: set[str] = field(default_factory=set)  # roles and titles seen with it
    mentions: list[int] = field(default_factory=list)  # tokens where it is named
    plural: bool = False
    gender: str | None = None  # "m", "f" or "" (unknown), read once when a pronoun asks

    def named_before(self, token: int) -> int:
        """The latest token before `token` where it is named, or -1."""
        return max((m for m in self.mentions if m < token), default=-1)


@dataclass(slots=True)
class _Source:
    start: int  # token span of the words naming it
    end: int
    name: str  # as a reader names it: the fullest name, or the unnamed source's words
    written: str  # as the text writes it, without titles: the legacy `cited`
    kind: AttributionKind
    key: str
    role_only: bool = False  # "a spokesman": one unnamed person
    entity: _Entity | None = None
    channel: NewsOrganisation | None = None  # "The Washington Post reporter Robert Costa"
    strong: bool = True  # False for a bare capitalised word the article says nothing more of
    named: bool = True  # False for a common noun ("the company", "a spokesman")
    by_role: bool = False  # a role taken for a person named before ("the governor")


@dataclass(slots=True)
class _Found:
    start: int  # character span of the attribution phrase
    end: int
    cue: str
    source: _Source
    sentence: int
    channel: NewsOrganisation | None = None
    from_channel: bool = False  # the source is the outlet a speaker spoke to, none named


_INITIAL = re.compile(r"^[A-Z]\.$")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_PARTICLES = frozenset({"de", "van", "von", "bin", "al", "da", "del", "la", "le", "di", "du"})
_BODY_STOP = frozenset({"u.s.", "us", "of", "for", "and", "new", "national", "united", "the"})
# Titles that say nothing of a role ("Mr."): they do not make a person an official.
_COURTESY = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "former", "lord", "lady"})
# Cues recorded as "sources said" for an unnamed source, as the first extractor did.
_LEGACY_SOURCES_SAID = frozenset(
    {"said", "indicated", "told", "suggested", "added", "revealed", "claimed"}
)


# What tells a reader whether "he" or "she" can be a named person: a title or a role word
# written with the name ("Mrs. Clinton", "spokeswoman Jane Doe"), else the pronoun the text
# itself uses for that person right after naming them ("Mary Cheney ... her sister").
_MALE_WORDS = frozenset(
    {"mr", "sir", "lord", "king", "prince", "congressman", "spokesman", "chairman",
     "assemblyman", "councilman", "businessman", "father", "son", "brother", "husband", "uncle",
     "grandfather", "nephew", "he", "him", "his", "himself"}
)  # fmt: skip
_FEMALE_WORDS = frozenset(
    {"mrs", "ms", "miss", "dame", "lady", "queen", "princess", "congresswoman", "spokeswoman",
     "chairwoman", "assemblywoman", "councilwoman", "businesswoman", "mother", "daughter",
     "sister", "wife", "aunt", "grandmother", "niece", "actress", "she", "her", "hers",
     "herself"}
)  # fmt: skip
_PRONOUN_GENDER = {"he": "m", "she": "f"}
# Media a statement is made in, opening a sentence ("In a statement, X: “...”").
_CHANNEL_NOUNS = frozenset(
    {"statement", "statements", "tweet", "tweets", "interview", "letter", "post", "posts",
     "email", "e-mail", "video", "message", "messages", "memo", "speech", "op-ed", "release"}
)  # fmt: skip
# Heads of a body's common name that stand for the body named just before ("the agency").
_GENERIC_BODIES = frozenset(
    {"agency", "bureau", "department", "ministry"}
)  # fmt: skip
_HEDGES = frozenset({"seemed", "seems", "appeared", "appears"})
# Negated auxiliaries: "didn’t", "won't", "isn’t".
_NEGATED = re.compile(
    r"^(?:did|does|do|is|are|was|were|has|have|had|wo|would|could|should|ca)n['’]t$"
)
# Cues whose clause may go without "that", and so stand in a clause after a noun: "a project
# Democratic lawmakers say is a firm deal-breaker".
_CLAUSE_CUES = frozenset(
    {"said", "claimed", "believed", "estimated", "argued", "insisted", "warned", "predicted",
     "alleged", "contended", "suggested"}
)  # fmt: skip
# Words for any document, that stand for the one named before: "the court document".
_GENERAL_DOCUMENTS = frozenset({"document", "documents"})
_MODALS = frozenset({"will", "would", "shall", "should", "could", "might", "may", "must", "can"})
_AUXILIARIES = frozenset(
    {"is", "was", "are", "were", "had", "has", "have", "would", "will", "could", "can", "may",
     "might", "should", "must", "did", "does", "do", "'s", "’s"}
)  # fmt: skip
# Nouns of time after which a clause opens without "that": "the day the campaign announced".
_TIME_NOUNS = frozenset({"day", "time", "week", "month", "year", "moment", "night", "morning"})
_PRONOUN_WORDS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_GENDER_WINDOW = 25  # tokens after a mention read for the pronoun that points back to it


# "by his own telling", "by her own account": the possessor's own word.
_OWN_ACCOUNT_PRONOUNS = {"his": "he", "her": "she", "their": "they"}
_OWN_ACCOUNTS = frozenset({"account", "telling", "admission", "description", "reckoning"})
# Prepositions after a verb whose object went before it ("which Mr. Trump announced on
# Wednesday over the objections of"): nothing said follows.
_AFTER_AN_ACT = frozenset(
    {"over", "about", "after", "before", "during", "amid", "despite", "against", "as", "to",
     "into", "through", "without", "under", "and", "but"}
)  # fmt: skip
# Words that open a clause of its own, with its own subject, inside a sentence.
_CLAUSE_OPENERS = frozenset(
    {"that", "which", "who", "whom", "whose", "when", "while", "after", "before", "because",
     "although", "though", "since", "if", "unless", "until", "where", "whereas", "once", "but"}
)  # fmt: skip


def _name_key(words: Sequence[str]) -> str:
    """A name as a key: lower case, without initials, suffixes or a possessive."""
    kept = [
        _APOSTROPHE_S.sub("", w).lower().replace("’", "'")
        for w in words
        if not _INITIAL.match(w) and w.lower().rstrip(".") not in _SUFFIXES
    ]
    return " ".join(kept or [w.lower() for w in words])


def _fold_accents(word: str) -> str:
    """ "raúl" -> "raul": a name as written with or without its accents."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _word_gender(words: Iterable[str]) -> str:
    """ "m" or "f" when the words around a name mark one gender only ("Mr.", "wife"), else ""."""
    words = set(words)
    male, female = bool(words & _MALE_WORDS), bool(words & _FEMALE_WORDS)
    return "m" if male and not female else "f" if female and not male else ""


def _clean(word: str) -> str:
    return _APOSTROPHE_S.sub("", word)


def _surname(name: Sequence[str]) -> str:
    """The word a person is later called by: "James R. Clapper Jr." is "Mr. Clapper"."""
    last = len(name) - 1
    while last > 0 and _clean(name[last]).lower().rstrip(".") in _SUFFIXES:
        last -= 1
    return _clean(name[last]).lower()


class _Reader:
    """Reads one text: its names first, then each cue in order, naming sources as a reader does."""

    def __init__(self, text: str, aliases: Mapping[str, str]) -> None:
        self.lex = lexicon()
        self.t = _tokens(text)
        self.n = len(self.t.words)
        self.index = _org_index(_alias_items(aliases))
        self.people: dict[str, _Entity] = {}  # surname -> person
        self.bodies: dict[str, _Entity] = {}  # key -> body, organisation or news organisation
        self.heads: dict[str, list[_Entity]] = {}  # a word of a body's name -> bodies
        self.acronyms: dict[str, _Entity] = {}
        self.outlets: list[tuple[int, _Entity]] = []  # news organisations as named
        self.speakers: list[tuple[int, int, _Entity]] = []  # (sentence, token, entity)
        self.found: list[_Found] = []
        self._subjects: dict[int, list[_Source]] = {}
        self._org_starts: dict[int, tuple[int, NewsOrganisation] | None] = {}
        self._datelines: dict[int, int] = {}
        self._person_mentions: dict[int, str] | None = None  # token -> person key, for _gender
        self._name_spans: list[tuple[int, int, _Entity]] = []  # people's names as written
        self._name_ends: dict[int, tuple[int, _Entity]] | None = None  # the same, by end
        self._name_starts: dict[int, tuple[int, _Entity]] | None = None  # the same, by start
        self._apposed_cache: dict[str, dict[str, _Entity]] | None = None
        self._headlines: dict[int, bool] = {}  # sentence -> whether it is a title-case line
        self._scan_names()

    # ------------------------------------------------------------------ token tests
    def org_at(self, i: int, limit: int | None = None) -> tuple[int, NewsOrganisation] | None:
        if limit is None:
            if i not in self._org_starts:
                self._org_starts[i] = (
                    _org_at(self.t, i, self.n, self.index) if self.t.is_word[i] else None
                )
            return self._org_starts[i]
        return _org_at(self.t, i, limit, self.index) if self.t.is_word[i] else None

    def is_name_word(self, i: int) -> bool:
        t = self.t
        if not (0 <= i < self.n and t.is_word[i] and t.cap[i]):
            return False
        low = t.lower[i]
        if t.words[i].isupper() and len(t.words[i]) > 1 and low not in {"i", "a"}:
            return True  # "US", "UK", "NATO": an abbreviation, even one that spells a word
        if (
            low in self.lex.not_names
            and not (
                low in {"may", "will", "mark", "rose", "grant"}
                and i
                and t.cap[i - 1]
                and t.is_word[i - 1]
            )
            and not self._first_name_of_month(i)
        ):
            return False
        if (low in self.lex.cues or low in self.lex.multiword_cues) and self._headline_cue(i):
            return False  # "Trump Lashes Out at ...": in a title-case line, the verb
        if low in self.lex.common and (
            i == t.sent_start[t.sent[i]] or t.words[i - 1] in _QUOTES_OPEN
        ):
            return False  # "Officials said", "Police say": a noun that opens the sentence
        return not low[:1].isdigit()

    def _first_name_of_month(self, i: int) -> bool:
        """'Jan Brewer', 'April Ryan', 'June Carter': a month's name before a capitalised word
        that is no number, time or other month is a first name ("Jan. 5", "May Day" aside)."""
        t = self.t
        if t.lower[i] not in _MONTH_NAMES or i + 1 >= self.n or not t.is_word[i + 1]:
            return False
        after = t.lower[i + 1]
        return (
            t.cap[i + 1]
            and not after[:1].isdigit()
            and after not in self.lex.not_names
            and after not in _TIME_WORDS
            and after not in {"day", "fool's", "fools"}
        )

    def is_np_word(self, i: int) -> bool:
        """Can token `i` stand inside a source's noun phrase?"""
        t, lex = self.t, self.lex
        if not t.is_word[i]:
            # "AT&T"; "Mattis’ letter": the apostrophe of a possessive in s
            return t.words[i] == "&" or (
                t.words[i] in {"’", "'"} and i > 0 and t.possessive[i - 1] and t.is_word[i - 1]
            )
        low = t.lower[i]
        if low in lex.pronouns or (t.words[i].isupper() and len(t.words[i]) > 1):
            return True
        if t.cap[i]:
            if (low in lex.cues or low in lex.multiword_cues) and self._headline_cue(i):
                return False  # "Trump Lashes Out at ...": in a title-case line, the verb
            return (
                low not in lex.not_names
                or self._first_name_of_month(i)
                or low in TITLES
                or low in _DETERMINERS
                or low in _POSSESSIVE_DETERMINERS  # "His wife, Sandra Jackson, said"
                or low in {"other", "some", "many", "several", "both", "all", "most"}
                # "Those firms have denied": a demonstrative before a source's noun
                or (low in {"these", "those"} and i + 1 < self.n and t.lower[i + 1] in lex.nouns)
            )
        if low in _DETERMINERS or low in _POSSESSIVE_DETERMINERS or low[:1].isdigit():
            return True
        if low in lex.cues:  # "his remarks", "the reports": a noun after a determiner
            return (
                i > 0
                and (
                    t.lower[i - 1] in _DETERMINERS | _POSSESSIVE_DETERMINERS or t.possessive[i - 1]
                )
                and low in lex.nouns
            )
        return low in lex.nouns

    # ------------------------------------------------------------------ names
    def _scan_names(self) -> None:
        """Every capitalised name of the text, once: people by surname, bodies by name."""
        t = self.t
        i = 0
        while i < self.n:
            if not t.cap[i]:
                i += 1  # neither a name nor a title (a mark is never capitalised)
                continue
            titled = t.lower[i] in TITLES and self.is_name_word(i + 1)  # "Mr. Moore"
            if not (self.is_name_word(i) or titled):
                i += 1
                continue
            org = self.org_at(i)
            if org is not None and self._surname_not_outlet(i, org[0]):
                i += 1
                continue
            if org is not None:
                end, news = org
                self._news_entity(news, i)
                i = end
                continue
            j = i + 1 if titled else i
            while (
                j < self.n
                and t.sent[j] == t.sent[i]
                and (  # a name ends with its sentence
                    self.is_name_word(j)
                    or (j > i and t.lower[j] in _PARTICLES and self.is_name_word(j + 1))
                    or (j > i and t.words[j] == "&" and self.is_name_word(j + 1))
                )
            ):
                j += 1
                if t.possessive[j - 1]:
                    break
            self._name_run(i, j)
            i = max(j, i + 1)

    def _news_entity(self, org: NewsOrganisation, at: int) -> _Entity:
        entity = self.bodies.get("=" + org.id)
        if entity is None:
            entity = _Entity(org.name, org.kind, org.id)
            self.bodies["=" + org.id] = entity
            for word in _name_words(org.name):
                if word.lower() not in _BODY_STOP and word.lower() not in {"news", "times"}:
                    self.heads.setdefault(word.lower(), []).append(entity)
        entity.mentions.append(at)
        if org.kind != "organisation":
            self.outlets.append((at, entity))
        return entity

    def _name_run(self, i: int, j: int) -> None:
        """Record the capitalised run `i..j`: titles and a person's name ("White House Press
        Secretary Sarah Huckabee Sanders", "Texas Rep. Blake Farenthold"), or a body's."""
        t, lex = self.t, self.lex
        words = tuple(t.lower[k] for k in range(i, j))
        if i >= 2 and t.lower[i - 1] == "of" and (t.lower[i - 2] in lex.roles) and t.cap[i - 2]:
            # "Director of National Intelligence James Clapper", "Secretary of State John
            # Kerry": the title's own words run on to the name
            k = i
            while j - k > 2 and (words[k - i] in lex.modifiers or words[k - i] in TITLES):
                k += 1
            if k > i and not set(words[k - i :]) & lex.organisation_words:
                self._person(
                    [t.words[m] for m in range(k, j)],
                    {t.lower[i - 2]} | self._appositive_roles(j),
                    k,
                )
                return
        titled = [k for k in range(i, j - 1) if words[k - i] in TITLES or words[k - i] in lex.roles]
        name_at = titled[-1] + 1 if titled else i
        name = words[name_at - i :]
        if (
            name
            and name[-1] in lex.documents
            and (titled or (j < self.n and t.lower[j][:1].isdigit()))
        ):
            return  # "Senate Bill 1062", "House Resolution 5": a document, not a person
        if titled and name and not set(name) & lex.organisation_words and len(name) <= 4:
            titles = {w for w in words[: name_at - i] if w in TITLES or w in lex.roles}
            if set(words[: name_at - i]) & lex.organisation_words:
                titles.add("official")  # "White House Press Secretary", "RNC Chair"
            self._person(
                [t.words[k] for k in range(name_at, j)],
                titles | self._roles_before(i) | self._appositive_roles(j),
                name_at,
            )
            return
        if words[-1] in TITLES or words[-1] in lex.roles:
            return  # "US President", "Toughest Sheriff": a role, not a name
        first = 1 if words and words[0] == "the" else 0
        if (
            set(words) & lex.organisation_words
            or words[first:] in lex.bodies
            or (
                j - i == 1
                and t.words[i].isupper()
                and len(t.words[i]) > 1
                and "." not in t.words[i]
            )
        ):
            self._body(i, j)
            return
        if 2 <= j - i <= 4:
            self._person(
                [t.words[k] for k in range(i, j)],
                self._roles_before(i) | self._appositive_roles(j),
                i,
            )

    def _roles_before(self, i: int) -> set[str]:
        """Lower-case roles just before a name: "nominee Roy Moore", "economic adviser X"."""
        t, lex = self.t, self.lex
        roles: set[str] = set()
        m = i - 1
        while m >= 0 and i - m <= 4 and t.is_word[m] and not t.cap[m] and t.lower[m] in lex.nouns:
            if t.lower[m] in lex.roles or t.lower[m] in lex.public_roles:
                roles.add(t.lower[m])
            m -= 1
        if not roles and i >= 3 and t.words[i - 1] in {","} | _DASHES:
            roles |= self._role_apposed_before(i - 1)
        return roles

    def _role_apposed_before(self, comma: int) -> set[str]:
        """ "the Senate Democratic leader, Chuck Schumer", "As the official, Lois Lerner,",
        "three Republican state senators — Adam Driggs, ...": a role set before the name."""
        t, lex = self.t, self.lex
        head = t.lower[comma - 1]
        role = head[:-1] if head.endswith("s") and head[:-1] in lex.roles else head
        if t.cap[comma - 1] or not (role in lex.roles or role in lex.public_roles):
            return set()
        s0 = t.sent_start[t.sent[comma]]
        m = comma - 2
        opens = _DETERMINERS | _NUMBER_WORDS
        while m >= s0 and comma - m <= 6 and t.is_word[m] and t.lower[m] not in opens:
            m -= 1
        if m < s0 or not t.is_word[m] or t.lower[m] not in opens:
            return set()
        before = m - 1
        if before >= s0 and not (
            t.words[before] in {",", ";", ":"} | _DASHES
            or t.lower[before] in _SUBORDINATORS | _PREPOSITIONS
        ):
            return set()  # "thanking the president, Jane Doe": the name is no apposition
        return {role}

    def _appositive_roles(self, j: int) -> set[str]:
        """Roles said of a name right after it: ", R-Ohio,", ", the chairman of", "(R-Ariz.)"."""
        t, lex = self.t, self.lex
        roles: set[str] = set()
        if j < self.n and t.words[j] == "(":
            for k in range(j + 1, min(j + 6, self.n)):
                if t.words[k] == ")":
                    break
                if _PARTY_TAG.match(t.words[k]):
                    roles.add("party")
        elif j < self.n and t.words[j] == ",":
            for k in range(j + 1, min(j + 10, self.n)):
                if t.words[k] in {",", ".", ";", "(", ")"} or t.lower[k] in {"who", "which"}:
                    break
                if t.lower[k] in lex.cues or t.words[k] in _QUOTES_OPEN:
                    return set()  # "Mark Rutte, the US President said": a clause, not his role
                if _PARTY_TAG.match(t.words[k]):
                    roles.add("party")
                elif t.lower[k] in lex.roles or t.lower[k] in lex.public_roles:
                    roles.add(t.lower[k])
                elif (
                    t.lower[k] in {"republican", "democrat"}
                    and k + 1 < self.n
                    and t.lower[k + 1] == "of"
                ):
                    roles.add("party")
        return roles

    def _surname_slot(self, name: Sequence[str]) -> str:
        """Where a person is filed: by surname ("James R. Clapper Jr." is "Mr. Clapper" later),
        unless a suffix sets a namesake apart ("Donald Trump Jr." after "President Trump")."""
        surname = _surname(name)
        last = _clean(name[-1]).lower()
        if surname != last:
            existing = self.people.get(surname)
            if existing is not None and existing.name.split()[-1].lower() != last:
                return last
        return surname

    def _person(self, name: list[str], titles: set[str], at: int) -> _Entity:
        surname = self._surname_slot(name)
        entity = self.people.get(surname)
        if entity is not None and len(name) > 1 and self._namesake(entity, name, titles, at):
            # Filed by the full name: the bare surname still stands for the first one named.
            surname = _name_key(name)
            entity = self.people.get(surname)
        full = " ".join(_clean(w) for w in name)
        if entity is None:
            entity = _Entity(full, "person", _name_key(name))
            self.people[surname] = entity
        elif len(name) > len(entity.name.split()) and len(entity.name.split()) == 1:
            entity.name, entity.key = full, _name_key(name)
        entity.descriptors |= titles
        if titles - _COURTESY:
            entity.kind = "official"
        entity.mentions.append(at)
        self._name_spans.append((at, at + len(name), entity))
        return entity

    def _namesake(self, entity: _Entity, name: Sequence[str], titles: set[str], at: int) -> bool:
        """Whether a full name that shares a surname with `entity` is someone else: another
        given name ("His wife, Sandra Jackson" after "Jesse Jackson Jr."), unless one is short
        for the other ("Ed", "Edward"), or, for a person so far called by surname alone, a
        word of the other gender ("the first lady, Melania Trump" after "President Trump")."""
        known = entity.key.split()
        given = _fold_accents(_name_key(name).split()[0])
        if len(known) > 1:
            first = _fold_accents(known[0])
            words = {_fold_accents(w) for w in _name_key(name).split()}
            return (
                given != first
                and not given.startswith(first)
                and not first.startswith(given)
                and first not in words
                and given not in {_fold_accents(w) for w in known}
            )
        t = self.t
        near = {t.lower[k] for k in range(max(0, at - 3), at)} | titles
        new = _word_gender(near)
        if not new:
            return False
        seen = set(entity.descriptors)
        for m in entity.mentions:
            seen.update(t.lower[k] for k in range(max(0, m - 3), m))
        old = _word_gender(seen)
        return bool(old) and old != new

    def _body(self, i: int, j: int) -> _Entity:
        t = self.t
        words = [t.bare[k] for k in range(i, j)]
        if words and words[0].lower() == "the":
            words = words[1:]
        key = _name_key(words)
        entity = self.acronyms.get(key) if len(words) == 1 else None
        entity = entity or self.bodies.get(key)
        if entity is None:
            entity = _Entity(" ".join(words), "organisation", key)
            self.bodies[key] = entity
            for word in words:
                low = word.lower()
                if low not in self.lex.not_names and low not in _BODY_STOP:
                    self.heads.setdefault(low, []).append(entity)
            initials = "".join(w[0] for w in words if w[:1].isupper())
            if len(initials) >= 3:
                self.acronyms.setdefault(initials.lower(), entity)
            # "the Syrian Observatory for Human Rights (SOHR)": the acronym names it too.
            if (
                j + 2 < self.n
                and t.words[j] == "("
                and t.words[j + 2] == ")"
                and t.words[j + 1].isupper()
            ):
                self.acronyms[t.words[j + 1].lower()] = entity
        entity.mentions.append(i)
        return entity

    # ------------------------------------------------------------------ reading cues
    def read(self) -> list[_Found]:
        t, lex = self.t, self.lex
        i = 0
        openers = lex.openers
        while i < self.n:
            if not t.is_word[i] or t.lower[i] not in openers:
                if t.lower[i] == "in" and t.cap[i]:
                    self._opening_channel(i)
                if t.lower[i] == "in":
                    by = self._document_from(i)
                    if by:  # the cue as written: "in a letter from"
                        i = self._sourced_by(i, by, f"in a {t.lower[by - 2]} from")
                        continue
                i += 1  # no cue, phrase or claim noun starts here
                continue
            low = t.lower[i]
            nxt = t.lower[i + 1] if i + 1 < self.n else ""
            if low == "according" and nxt == "to":
                i = self._sourced_by(i, i + 2, "according to")
            elif low == "by" and nxt in _OWN_ACCOUNT_PRONOUNS:
                i = self._own_account(i)
            elif low == "citing":
                i = self._sourced_by(i, i + 1, "citing")
            elif low == "as" and nxt == "per":
                i = self._sourced_by(i, i + 2, "as per")
            elif low == "as" and nxt in lex.cues and i + 2 < self.n and t.lower[i + 2] == "by":
                cue = {"reported": "reported", "confirmed": "confirmed", "said": "said"}.get(
                    lex.cues[nxt], "as noted by"
                )
                i = self._sourced_by(i, i + 3, cue)
            elif low == "as" and nxt == "pointed" and t.lower[i + 2 : i + 4] == ["out", "by"]:
                i = self._sourced_by(i, i + 4, "as noted by")
            elif low == "reported" and nxt == "by" and not (i and t.lower[i - 1] in _BE):
                i = self._sourced_by(i, i + 2, "reported")
            elif (low in lex.claim_nouns and not t.cap[i] and self._claim_noun(i)) or (
                low in {"report", "reports"} and nxt == "that" and self._report_that(i)
            ):
                i += 1
            else:
                cue, end = self._cue_at(i)
                if cue:
                    self._verb(i, end, cue)
                    i = end
                else:
                    i += 1
        return self.found

    def _own_account(self, i: int) -> int:
        """ "by his own telling", "by her own account", "by their own admission": the person
        the possessive stands for says so."""
        t = self.t
        k = i + 2
        if k < self.n and t.lower[k] == "own":
            k += 1
        if k >= self.n or t.lower[k] not in _OWN_ACCOUNTS or t.sent[k] != t.sent[i]:
            return i + 1
        source = self._pronoun_of(_OWN_ACCOUNT_PRONOUNS[t.lower[i + 1]], i)
        if source is not None:
            self._record(t.starts[i], t.ends[k], f"by {t.lower[i + 1]} own account", source, i)
        return k + 1

    def _document_from(self, i: int) -> int:
        """ "..., in a letter from her lawyer, William Taylor III": the token after "from" when
        "in" at `i` opens a document's phrase that names who it is from; else 0."""
        t = self.t
        s1 = t.sent_end[t.sent[i]]
        k = i + 1
        if k < s1 and t.lower[k] in _DETERMINERS | _POSSESSIVE_DETERMINERS:
            k += 1
        for _ in range(2):
            if k < s1 and t.is_word[k] and not t.cap[k] and t.lower[k] in _STATEMENTS:
                if k + 1 < s1 and t.lower[k + 1] == "from":
                    return k + 2
                return 0
            k += 1
        return 0

    def _opening_channel(self, i: int) -> None:
        """ "In a series of tweets, Trump Jr. produced “...”": a sentence that opens with the
        medium of a statement and quotes its subject, whatever the verb."""
        t = self.t
        s0, s1 = t.sent_start[t.sent[i]], t.sent_end[t.sent[i]]
        if i != self._dateline_end(s0):
            return
        k = i + 1
        if k < s1 and t.lower[k] in _DETERMINERS | _POSSESSIVE_DETERMINERS:
            k += 1
        if k + 1 < s1 and t.lower[k] == "series" and t.lower[k + 1] == "of":
            k += 2
        while k < s1 and k - i < 5 and t.is_word[k] and t.lower[k] not in _CHANNEL_NOUNS:
            k += 1
        if k >= s1 or t.lower[k] not in _CHANNEL_NOUNS:
            return
        c = self._next_comma(k, s1)
        if c < 0 or c - k > 8 or c + 1 >= s1:
            return
        end = self._np_end(c + 1, s1)
        if end <= c + 1:
            return
        rest = range(end, min(s1, end + 4))
        if not any(t.words[m] in _QUOTES_OPEN for m in rest):
            return
        for source in self._classify(c + 1, end):
            if source.entity is not None and source.kind != "document":
                cue = t.text[t.starts[i] : t.ends[k]].lower()  # "in a series of tweets"
                self._record(t.starts[i], t.ends[end - 1], cue, source, i)

    def _claim_noun(self, i: int) -> bool:
        """ "Mr. Trump's statement that ...", "his claim that ...", "accusations from other
        aides that ...": a statement named by a noun, whose content follows as "that ..."."""
        t, lex = self.t, self.lex
        s0, s1 = t.sent_start[t.sent[i]], t.sent_end[t.sent[i]]
        sources: list[_Source] = []
        start, end = i, i + 1
        k = i - 1
        while (
            k > s0
            and i - k <= 2
            and t.is_word[k]
            and not t.cap[k]
            and not t.possessive[k]
            and t.lower[k] not in _POSSESSIVE_DETERMINERS
            and (
                t.lower[k] in lex.modifiers
                or "-" in t.lower[k]
                or t.lower[k].endswith(("al", "ic", "ed"))
            )
        ):
            k -= 1
        if (
            k >= s0
            and t.is_word[k]
            and (t.possessive[k] or t.lower[k] in {"his", "her", "their", "its"})
        ):
            if t.possessive[k]:
                b = self._np_start(k, s0)
                sources = self._classify(b, k + 1)
                start = b
            else:
                resolved = self._pronoun_of(
                    {"his": "he", "her": "she", "their": "they", "its": "it"}[t.lower[k]], k
                )
                sources = [resolved] if resolved is not None else []
                start = k
        elif i + 2 < s1 and t.lower[i + 1] in {"from", "by"}:
            np_end = self._np_end(i + 2, s1)
            if np_end > i + 2:
                sources = self._classify(i + 2, np_end)
                end = np_end
        if not sources:
            return False
        # "took criticism from Democrats for focusing on ...": a reproach says what it blames
        blames = (
            end > i + 1
            and end < s1
            and t.lower[i] in {"criticism", "criticisms", "complaints", "accusations"}
            and t.lower[end] in {"for", "over"}
        )
        if "that" not in t.lower[end : min(end + 6, s1)] and not blames:
            return False  # "Her comments marked a rebuke": the remark itself, not what it said
        for source in sources:
            if source.kind != "document":
                self._record(t.starts[start], t.ends[end - 1], t.lower[i], source, i)
        return True

    def _report_that(self, i: int) -> bool:
        """ "early reports that the government had direct access", "a Guardian newspaper report
        that revealed": a report whose content follows as "that ...", sourced to the outlet it
        names, else to the report itself; not "a report that was released" (a relative
        clause saying nothing of what it reported)."""
        t, lex = self.t, self.lex
        s0, s1 = t.sent_start[t.sent[i]], t.sent_end[t.sent[i]]
        if t.cap[i] or i + 2 >= s1:
            return False
        after = t.lower[i + 2]
        if after in _BE or after in _AUXILIARIES or after in _MODALS or not t.is_word[i + 2]:
            return False
        if self._quoted(i, s0):
            return False  # '“I just saw the reports that he opposed ...”': the speaker's words
        b = i
        while (
            b - 1 >= s0
            and i - b < 5
            and t.is_word[b - 1]
            and not t.possessive[b - 1]
            and (
                t.cap[b - 1]
                or t.lower[b - 1] in lex.modifiers
                or t.lower[b - 1] in _OUTLET_NOUNS
                or t.lower[b - 1] in _REPORT_ADJECTIVES
            )
            and t.lower[b - 1] not in _POSSESSIVE_DETERMINERS
        ):
            b -= 1
            if t.lower[b] in _DETERMINERS:
                break
        if b == i and not t.lower[i].endswith("s"):
            return False  # a bare "report that": a verb ("they report that") or a fragment
        source: _Source | None = None
        for m in range(b, i):
            org = self.org_at(m, i)
            if org is not None and org[1].kind in {"wire", "outlet"}:
                entity = self._news_entity(org[1], m)
                source = _Source(b, i + 1, entity.name, entity.name, entity.kind, entity.key,
                                 entity=entity)  # fmt: skip
                break
        if source is None:
            if any(t.cap[m] for m in range(b, i) if t.lower[m] not in _DETERMINERS):
                return False  # "a Senate report that": a body's, read by the cue rules
            text = self._text(b, i + 1)
            source = _Source(b, i + 1, text, text, "document", _name_key(text.split()), named=False)
            # "... after a report that he had made advances. The Washington Post reported
            # that ...": the lead's unnamed report is the outlet the next sentence opens with.
            nxt = t.sent[i] + 1
            if t.lower[b] == "a" and nxt < len(t.sent_start):
                k = self._skip_the(t.sent_start[nxt])
                org = self.org_at(k) if k < t.sent_end[nxt] else None
                if org is not None and org[1].kind in {"wire", "outlet"}:
                    entity = self._news_entity(org[1], k)
                    source = _Source(b, i + 1, entity.name, entity.name, entity.kind, entity.key,
                                     entity=entity)  # fmt: skip
        self._record(t.starts[b], t.ends[i], "reported", source, i)
        return True

    def _cue_at(self, i: int) -> tuple[str, int]:
        t, lex = self.t, self.lex
        for words, cue in lex.multiword_cues.get(t.lower[i], ()):
            end = i + len(words)
            if end <= self.n and tuple(t.lower[i:end]) == words:
                return cue, end
        cue = lex.cues.get(t.lower[i], "")
        if not cue or t.possessive[i]:
            return "", i + 1
        # "the United States", "Cindy Says": a name, unless the sentence is a headline.
        if t.cap[i] and i != t.sent_start[t.sent[i]] and not self._headline(t.sent[i]):
            return "", i + 1
        # "A spokesman's report", "the reports", "a woman's claims": a noun, not the cue.
        if (
            i
            and (t.lower[i - 1] in _DETERMINERS | _POSSESSIVE_DETERMINERS or t.possessive[i - 1])
            and t.lower[i] != "said"
        ):
            return "", i + 1
        # "the Afghanistan remarks were", "reports emerged": a plural noun before its verb.
        if t.lower[i].endswith("s") and i + 1 < self.n:
            after = t.lower[i + 1]
            if after in _BE or after in {
                "have",
                "had",
                "will",
                "would",
                "could",
                "can",
                "may",
                "might",
                "should",
                "must",
                "surfaced",
                "emerged",
                "came",
                "suggest",
                "show",
            }:
                return "", i + 1
        if t.lower[i] in lex.noun_forms:
            after = t.words[i + 1] if i + 1 < self.n else ""
            low = after.lower()
            quote_next = low == "," and i + 2 < self.n and t.words[i + 2] in _QUOTES_OPEN
            # "Sanders vows to", "he claims": a name or "he" before it makes it the verb.
            subject = i > 0 and (
                t.lower[i - 1] in {"he", "she", "it"}
                or (
                    self.is_name_word(i - 1)
                    and i - 1 != t.sent_start[t.sent[i]]  # a capital that opens it is no name
                    and not (i > 1 and t.lower[i - 2] in _DETERMINERS)
                )
            )
            # "Instead, the paper reports, Clinton's advisers ...": a parenthetical cue.
            aside = (
                low == ","
                and i >= 3
                and t.lower[i - 2] in _DETERMINERS | _POSSESSIVE_DETERMINERS
                and t.is_word[i - 1]
                and not t.cap[i - 1]
                and t.words[i - 3] == ","
            )
            # '“We appreciate ...,” the letter states.': the tag of the quote before it
            tag = (
                (after in _SENTENCE_END or low == ",")
                and i >= 3
                and t.is_word[i - 1]
                and not t.cap[i - 1]
                and any(
                    t.words[k] in _QUOTES_CLOSE
                    and not t.is_word[k - 1]
                    and all(t.is_word[m] for m in range(k + 1, i))
                    and t.lower[k + 1] in _DETERMINERS | _POSSESSIVE_DETERMINERS
                    for k in range(max(1, i - 4), i - 1)
                )
            )
            if not (
                low in {"that", ":", "how", "what", "why", "whether"}
                or after in _QUOTES_OPEN
                or quote_next
                or aside
                or tag
                or low in _DETERMINERS | _POSSESSIVE_DETERMINERS
                or low in lex.pronouns
                or low[:1].isdigit()
                or subject
            ):
                return "", i + 1
        return cue, i + 1

    def _headline_cue(self, j: int) -> bool:
        """Whether token `j` is a verb of saying in a headline ("Trump Says ...")."""
        t = self.t
        return (
            j != t.sent_start[t.sent[j]] and self._headline(t.sent[j]) and bool(self._cue_at(j)[0])
        )

    def _headline(self, sentence: int) -> bool:
        """A title-case line ("Democrats Say Trump Should Cancel Putin Meeting")."""
        known = self._headlines.get(sentence)
        if known is None:
            known = self._headlines[sentence] = self._title_case(sentence)
        return known

    def _title_case(self, sentence: int) -> bool:
        t = self.t
        words = [
            k
            for k in range(t.sent_start[sentence], t.sent_end[sentence])
            if t.is_word[k] and len(t.words[k]) > 3
        ]
        return len(words) >= 3 and sum(t.cap[k] for k in words) >= 0.7 * len(words)

    def _sourced_by(self, at: int, i: int, cue: str) -> int:
        """'according to X', 'citing X and Y', 'as reported by X': sources after the cue."""
        t = self.t
        sources, end = self._sources_from(i)
        if not sources and cue == "according to":
            record = self._record_named_by(i)
            if record is not None:
                sources, end = [record], record.end
        if sources:
            last = max(s.end for s in sources)  # "according to CNA and Reuters": one phrase
            for source in sources:
                self._record(t.starts[at], t.ends[last - 1], cue, source, at)
        return max(end, at + 1)

    def _record_named_by(self, i: int) -> _Source | None:
        """'according to tax returns released Friday', 'according to the filings': a short
        phrase of common words after "according to", whose head the word lists do not hold.
        Whatever follows that cue is where the information comes from; a phrase of common
        nouns there names a record far more often than a person (people and bodies are
        read by the lists), so it is taken as a document, up to the first word that opens a
        clause or a modifier after its head."""
        t = self.t
        s1 = t.sent_end[t.sent[i]] if i < self.n else self.n
        k = i
        if k < s1 and t.is_word[k] and t.lower[k] in _DETERMINERS | _POSSESSIVE_DETERMINERS:
            k += 1
        words = 0
        while k < s1 and t.is_word[k] and not t.cap[k] and words < 4:
            low = t.lower[k]
            # ("me." is how the tokens spell "me" before a full stop: Maine's abbreviation)
            if low.rstrip(".") in _RECORD_STOPS or low in self.lex.cues or low[:1].isdigit():
                break
            if words and low.endswith(("ed", "ing", "ly")):
                break
            words += 1
            k += 1
        if not words or (k < s1 and t.is_word[k] and t.cap[k]):
            return None
        text = self._text(i, k)
        return _Source(i, k, text, text, "document", _name_key(text.split()), named=False)

    # ------------------------------------------------------------------ a cue verb
    def _verb(self, v: int, ve: int, cue: str) -> None:
        t, lex = self.t, self.lex
        s0, s1 = t.sent_start[t.sent[v]], t.sent_end[t.sent[v]]
        word = t.lower[v]
        # "called Friday for", "added his voice", "responded with": an act, not a statement.
        after = ve
        while after < s1 and (
            t.lower[after] in _TIME_WORDS
            or (
                t.lower[after] in {"on", "late", "early", "last"}
                and after + 1 < s1
                and t.lower[after + 1] in _TIME_WORDS
            )
        ):
            after += 1
        if self._passive_agent(v, ve, s0, s1, cue):
            return
        not_after = lex.not_after.get(cue.split()[0], frozenset())
        if (
            after < s1
            and (
                t.lower[after] in not_after
                or ("#number" in not_after and t.lower[after][:1].isdigit())
            )
            # "announced it had hired": "it" opens what was said, not the thing announced
            and not (
                t.lower[after] in {"it", "this", "they", "he", "she"}
                and after + 1 < s1
                and t.lower[after + 1] in _AUXILIARIES
            )
            and not self._quote_follows(after, s1)
            # "claiming the letters didn’t represent": a clause, not the thing claimed (inside
            # a quotation it stays the quoted speaker's words)
            and not (self._clause_follows(after, s1) and not self._quoted(v, s0))
            # '"...," he posted on Twitter': the quotation is what was posted
            and not self._tags_quote(v, s0)
            # "told about 600 supporters": the size of an audience, not the topic told of
            and not (
                cue == "told"
                and t.lower[after] in {"about", "some", "nearly", "roughly", "around"}
                and after + 1 < s1
                and t.lower[after + 1][:1].isdigit()
            )
        ):
            return
        # "and declare", "to say": a bare verb without its own subject reports nothing said,
        # unless its clause says the subject did speak: "took to Twitter to blast", "went so
        # far as to say".
        if (
            v > s0
            and word in lex.bare
            and t.lower[v - 1] in {"and", "or", "to"}
            and not (t.lower[v - 1] == "to" and self._spoke_to(v - 1, s0) >= 0)
        ):
            return
        if cue == "told" and not self._tells(v, ve, s1):
            return
        if cue in lex.views and (
            self._quoted(v, s0) or any(f.sentence == t.sent[v] for f in self.found[-3:])
        ):
            return  # "Sanders told reporters that Trump believes ...": Sanders's words
        if word in lex.bare and v > s0 and t.lower[v - 1] in _MODALS:
            return  # "will respond to the subpoenas", "is expected to say": not yet said
        if cue == "referred" and not (
            ve < s1 and t.lower[ve] == "to" and "as" in t.lower[ve + 1 : min(s1, ve + 10)]
        ):
            return  # "referred to the plan as a disaster" says so; "referred to a court" not
        if cue == "cast" and "as" not in t.lower[ve : min(s1, ve + 8)]:
            return  # "cast her decision as motivated by ..." says so; "cast a vote" not
        if cue in lex.reasons and "for" not in t.lower[ve : min(s1, ve + 12)]:
            return  # "hammered him for being soft" says why; "hammered the nail" not
        if cue == "charged" and ve < s1 and t.is_word[ve] and t.cap[ve]:
            return  # "a grand jury charged Roger Stone": an indictment; '"...," he charged' says
        sources: list[_Source] = []
        start, end = v, ve
        if v > s0 and word in lex.bare and t.lower[v - 1] == "to":
            # The sentence's own subject took to the platform, past any appositive's names.
            main = [m for m in self._main_subject(t.sent[v]) if m.start < v]
            before = (main, main[0].start) if main else None
            before = before or self._subject_before(self._spoke_to(v - 1, s0), s0)
            if before is None:
                return
            sources, start = before
        elif word in lex.participles and not (v > s0 and t.lower[v - 1] in _BE):
            # ("are calling her evasive" is the verb of its clause, not a participle)
            if self._quoted(v, s0):
                return  # '“... saying that Trump admitting to ...,” she tweeted': her words
            participle = self._participle_subject(v, s0)
            if participle is None and word not in {"saying", "telling"}:
                return
            sources = participle or []
        if not sources:
            inverted = self._inverted(v, ve, s0, s1, cue)
            if inverted:
                sources, end = inverted, max(s.end for s in inverted)
            else:
                before = self._subject_before(v, s0) or self._distant_subject(v, s0)
                if before is not None:
                    before = self._coordinated(before, v)
                if before is None and cue == "told":
                    # "RNC insiders tell Fox News", "one GOP insider who had direct contact
                    # with Steele told the Washington Post": the unnamed speakers, the outlet
                    # what they spoke to; with no such speakers, the outlet's own reporting.
                    before = self._unnamed_teller(v, s0)
                    if before is None:
                        self._told_outlet(v, ve, s1)
                        return
                if before is None:
                    return
                sources, start = before
        if cue in lex.findings and any(s.kind in {"person", "official"} for s in sources):
            return
        if "the" in not_after and self._relative_object(start, after, s0, s1):
            return  # a cue that an object makes an act ("announced the plan"), its object before
        if cue in lex.documents_only and not all(s.kind == "document" for s in sources):
            return
        if cue in lex.sources_only and not all(
            s.kind == "document" or self.t.lower[s.start : s.end].count("sources") for s in sources
        ):
            return
        for source in sources:
            if source.kind == "document" and (
                cue not in lex.document_cues
                or (
                    cue in lex.findings - {"found"}
                    and not any(t.lower[k] in lex.evidence for k in range(source.start, source.end))
                )
            ):
                sources = []
        channel = self._channel(v, ve, s0, s1)
        for source in sources:
            if cue == "told" and not source.strong and channel is None:
                continue
            stop = end
            if cue == "told" and channel is not None and ve < s1:
                org = self.org_at(self._skip_the(ve))
                stop = org[0] if org is not None else end
            found = self._record(t.starts[start], t.ends[stop - 1], cue, source, v)
            if found is not None and channel is not None and channel.id != source.key:
                found.channel = channel

    def _relative_object(self, start: int, after: int, s0: int, s1: int) -> bool:
        """ "his decision about Syria, which Mr. Trump announced on Wednesday": the cue's
        object is the thing "which" stands for, and nothing said follows it (unless that thing
        is a statement: "the claim, which he repeated on Friday")."""
        t, lex = self.t, self.lex
        if start - 1 <= s0 or t.lower[start - 1] != "which":
            return False
        if (
            after < s1
            and t.is_word[after]
            and t.lower[after] not in _PREPOSITIONS
            and t.lower[after] not in _AFTER_AN_ACT
        ):
            return False  # "which he said would cost": a clause follows
        return not any(
            t.lower[m] in lex.claim_nouns or t.lower[m] in _STATEMENTS
            for m in range(max(s0, start - 8), start - 1)
        )

    def _clause_follows(self, k: int, s1: int) -> bool:
        """Does a clause start at token `k` ("the letters didn’t represent", "the election
        was stolen"): a determiner, a short noun phrase, then an auxiliary?"""
        t = self.t
        if k >= s1 or t.lower[k] not in _DETERMINERS | _POSSESSIVE_DETERMINERS:
            return False
        for m in range(k + 1, min(s1, k + 5)):
            low = t.lower[m]
            if m > k + 1 and (low in _AUXILIARIES or low in _BE or _NEGATED.match(low)):
                return True
            if (
                not t.is_word[m]
                or low in _PREPOSITIONS
                or low in _CLAUSE_OPENERS  # "a plan that will": the noun's own clause
                or low in self.lex.cues
            ):
                return False
        return False

    def _quote_follows(self, k: int, s1: int) -> bool:
        """ "posted to her page on the site: “...”": the words after the cue lead, within the
        clause, to a colon and a quotation, so the cue reports what was said."""
        t = self.t
        for m in range(k, min(s1 - 1, k + 16)):
            if t.words[m] == ":":
                return t.words[m + 1] in _QUOTES_OPEN
            if not t.is_word[m] and t.words[m] not in {"’", "'"}:
                return False
        return False

    def _tags_quote(self, v: int, s0: int) -> bool:
        """Whether the cue at `v` is the tag of a quotation that ends just before its clause:
        '"...," he posted', '"...," the senator posted on Facebook'."""
        t = self.t
        k = v - 1
        while k > s0 and v - k <= 4 and t.is_word[k] and t.lower[k] not in self.lex.cues:
            k -= 1
        if k <= s0:
            return False
        pair = (t.words[k - 1], t.words[k])
        return (pair[0] in _QUOTES_CLOSE and pair[1] == ",") or (
            pair[0] == "," and pair[1] in _QUOTES_CLOSE
        )

    def _quoted(self, v: int, s0: int) -> bool:
        """Whether token `v` stands inside a quotation opened earlier in its sentence."""
        t = self.t
        curly = straight = 0
        for k in range(s0, v):
            word = t.words[k]
            if word == "“":
                curly += 1
            elif word == "”":
                curly = max(0, curly - 1)
            elif word == '"':
                straight ^= 1
        return bool(curly or straight)

    def _passive_agent(self, v: int, ve: int, s0: int, s1: int, cue: str) -> bool:
        """ "was condemned by Mr. Romney", "condemned, including by Mr. Romney": the agent
        after "by" is the source (a finding's agent is not: "was found by police")."""
        t = self.t
        if v <= s0 or not t.lower[v].endswith(("ed", "en", "id", "ld")) or cue in self.lex.findings:
            return False
        if {"a", "the"} & self.lex.not_after.get(cue.split()[0], frozenset()):
            return False  # "the charges were announced by X": a thing announced is an act
        if ve < s1 and t.lower[ve] == "by":
            agent = ve + 1
        elif ve + 2 < s1 and t.words[ve] == "," and t.lower[ve + 1 : ve + 3] == ["including", "by"]:
            agent = ve + 3
        else:
            return False
        b = v - 1
        while b > s0 and t.lower[b].endswith("ly") and not t.cap[b]:
            b -= 1  # "were widely condemned by"
        if not (
            t.lower[b] in _BE or t.lower[b] in {"been", "being", "get", "got"} or t.words[b] == ","
        ):
            return False
        sources, _ = self._sources_from(agent)
        if not sources:
            sources = self._plural_nouns(agent, s1)
        for source in sources:
            self._record(t.starts[v], t.ends[source.end - 1], cue, source, v)
        return bool(sources)

    def _plural_nouns(self, i: int, s1: int) -> list[_Source]:
        """ "by civil libertarians and Republicans": after "by", people named by a plural noun
        the word lists do not hold are an unnamed source, each of a list."""
        t = self.t
        out: list[_Source] = []
        k = i
        while k < s1:
            e = k
            while e < s1 and t.is_word[e] and t.lower[e] not in self.lex.not_names:
                e += 1
            if e == k or e - k > 3:
                break
            head = t.lower[e - 1]
            found = self._classify(k, e)
            if found:
                out.extend(found)
            elif head.endswith("s") and not t.cap[e - 1] and head not in self.lex.not_names:
                text = self._text(k, e)
                entity = _Entity(text, "anonymous", "", plural=True)
                out.append(_Source(k, e, text, "", "anonymous", "", entity=entity, named=False))
            else:
                return []
            if e < s1 and t.lower[e] in {"and", "or"}:
                k = e + 1
                continue
            break
        return out

    def _spoke_to(self, to: int, s0: int) -> int:
        """The verb whose subject said what follows the "to" at `to` ("took to Twitter to
        blast", "went so far as to say"), or -1."""
        t = self.t
        lo = max(s0, to - 5)
        window = t.lower[lo:to]
        if window[-3:] == ["so", "far", "as"] and to - 4 >= s0:
            return to - 4
        if window[-1:] and window[-1] in _HEDGES:
            return to - 1  # "He seemed to suggest", "appeared to confirm": said, hedged
        for k, low in enumerate(window):
            if low in {"took", "taken", "takes", "take", "taking"} and "to" in window[k + 1 :]:
                platform = range(lo + k + 2, to)
                if all(
                    t.cap[m] or not t.is_word[m] or t.lower[m] in {"the", "his", "her", "their"}
                    for m in platform
                ):
                    return lo + k
        return -1

    def _skip_the(self, i: int) -> int:
        return i + 1 if i < self.n and self.t.lower[i] == "the" else i

    def _tells(self, v: int, ve: int, s1: int) -> bool:
        """Whether "told" reports what was said: to an outlet or an audience, or "that ...";
        not "told him to leave", nor a bare "X told Y Z" about people the text does not know."""
        t, lex = self.t, self.lex
        k = self._skip_the(ve)
        if k < s1 and self.org_at(k) is not None:
            return True
        for audience in lex.audiences:
            if tuple(t.lower[ve : ve + len(audience)]) == audience:
                # "told supporters of his plans": the topic, not what was said.
                after = ve + len(audience)
                return after + 1 >= s1 or not (
                    t.lower[after] in {"of", "about"}
                    and t.lower[after + 1] in _POSSESSIVE_DETERMINERS | _DETERMINERS
                )
        # "told him to leave": a directive, unless "that" came first.
        window = t.lower[ve : min(ve + 8, s1)]
        return not ("to" in window[:4] and "that" not in window[: window.index("to")])

    def _unnamed_teller(self, v: int, s0: int) -> tuple[list[_Source], int] | None:
        """Unnamed speakers whose noun phrase ends just before the cue `v`, or before a
        relative clause ("who had direct contact with Steele") that does, counted or not
        ("at least one GOP insider", "a handful of ... insiders"); None if there are none."""
        t, lex = self.t, self.lex
        k = v - 1
        clause = next((j for j in range(v - 1, s0, -1) if t.lower[j] == "who"), -1)
        if (
            clause > s0
            and v - clause <= 12
            and not any(
                t.words[j] in {",", ";"} | _QUOTES_OPEN | _QUOTES_CLOSE for j in range(clause, v)
            )
        ):
            k = clause - 1
        if k < s0 or not t.is_word[k] or t.lower[k] not in lex.anonymous:
            return None
        start = k
        while (
            start - 1 >= s0
            and t.is_word[start - 1]
            and (self.is_np_word(start - 1) or t.lower[start - 1] in _QUANTIFIERS | {"least", "at"})
        ):
            start -= 1
        while start < k and t.lower[start] in _QUANTIFIERS | {"least", "at", "of", "a", "an"}:
            start += 1  # the source is the group counted, not the count
        sources = [s for s in self._classify(start, k + 1) if s.kind == "anonymous"]
        return (sources, start) if sources else None

    def _told_outlet(self, v: int, ve: int, s1: int) -> None:
        """'..., told Reuters': no speaker named, the outlet's own reporting."""
        k = self._skip_the(ve)
        org = self.org_at(k) if k < s1 else None
        if org is None:
            return
        end, news = org
        entity = self._news_entity(news, k)
        source = _Source(k, end, news.name, news.id, news.kind, news.id, entity=entity)
        found = self._record(self.t.starts[v], self.t.ends[end - 1], "told", source, v)
        if found is not None:
            found.from_channel = True

    def _participle_subject(self, v: int, s0: int) -> list[_Source] | None:
        """The source of a participle, by what stands before it; None when it is no cue.

        ", saying ...": the speaker already found in the sentence, else its subject.
        "by noting", "while openly saying", "was caught on camera saying": the subject of the
        clause it ends. "polls showing": the document. "with Newt Gingrich pledging": the name.
        "Bill Kristol — an influential voice — writing": the name before the dashes.
        """
        t, lex = self.t, self.lex
        j = v - 1
        while (
            j >= s0
            and t.is_word[j]
            and not t.cap[j]
            and (t.lower[j].endswith("ly") or t.lower[j] in _INTENSIFIERS)
        ):
            j -= 1
        if j < s0:
            return None
        word, low = t.words[j], t.lower[j]
        sentence = t.sent[v]
        if (
            word == ","
            and lex.cues.get(t.lower[v]) in lex.findings
            and j - 1 >= s0
            and t.is_word[j - 1]
            and not t.cap[j - 1]
            and t.lower[j - 1] in lex.documents
        ):
            # "released her most recent eight years of tax returns, showing that": what shows
            # is the record just named, not the one who released it
            text = self._text(self._compound_start(j - 1), j)
            key = _name_key(text.split())
            return [_Source(j - 1, j, text, text, "document", key, named=False)]
        if word in {",", ";"}:
            for found in reversed(self.found):
                if found.sentence != sentence:
                    break
                if not found.from_channel:
                    return [found.source]
            return self._main_subject(sentence)
        if word in _DASHES:
            k = j - 1
            while k > s0 and t.words[k] not in _DASHES and j - k < 30:
                k -= 1
            if t.words[k] in _DASHES and k - 1 >= s0 and t.is_word[k - 1]:
                start = self._np_start(k - 1, s0)
                return self._classify(start, k)
            return self._main_subject(sentence)
        if (
            low in {"by", "while", "since", "before", "after", "when", "without", "in"}
            or low in _TIME_WORDS
        ):
            return self._clause_subject(j, s0)
        if low in {
            "statement",
            "statements",
            "camera",
            "video",
            "letter",
            "tweet",
            "post",
            "release",
            "message",
            "interview",
            "remarks",
        }:
            return self._clause_subject(j, s0)  # "issued a statement saying"
        # "a list of paid speeches showing", "a copy of the memo saying": the document whose
        # "of" phrase ends right before the participle
        of = next((m for m in range(j - 1, max(s0, j - 5), -1) if t.lower[m] == "of"), -1)
        if (
            of > s0
            and t.is_word[j]
            and not t.cap[of - 1]
            and t.lower[of - 1] in lex.documents
            and not _looks_finite(t.lower[j])
            # only a noun phrase between ("paid speeches": a past form before the noun)
            and all(
                t.is_word[m] and t.lower[m] not in lex.cues and t.lower[m] not in _AUXILIARIES
                for m in range(of + 1, j + 1)
            )
        ):
            found_by = self._classify(self._np_start(of - 1, s0), j + 1)
            if found_by and all(f.kind == "document" for f in found_by):
                return found_by
        # "a statement from her doctor declaring": who the statement is from, as "in a letter
        # from her lawyer" names its writer; "wrote several letters to Congress saying": the
        # writer, not whom the letters went to
        via = next((m for m in range(j, max(s0, j - 6), -1) if t.lower[m] in {"from", "to"}), -1)
        if (
            via > s0 + 1
            and t.is_word[j]
            and t.lower[via - 1] in _STATEMENTS | {"letters", "statements", "emails", "messages"}
            and all(t.is_word[m] for m in range(via + 1, j + 1))
        ):
            if t.lower[via] == "from":
                writer = self._classify(via + 1, j + 1)
                if writer and all(w.kind != "document" for w in writer):
                    return writer
            else:
                return self._clause_subject(via - 1, s0) or None
        if t.lower[j - 2 : j + 1] == ["both", "of", "them"] and j - 2 >= s0:
            # "John McCain and Jeff Flake ... had nearly identical posts, with both of them
            # saying": the pair named before
            return self._group_reference(j - 2, j + 1) or None
        # "with critics accusing him of": the unnamed group the "with" phrase sets the
        # participle after is its speaker, as a name there is
        if t.is_word[j] and not t.cap[j] and (low in lex.anonymous or low in lex.organisations):
            start = self._np_start(j, s0)
            opener = start - 1
            if opener > s0 and t.lower[opener] == "and":
                # "with illegal border crossings already down and critics accusing"
                opener = next(
                    (m for m in range(opener - 1, max(s0, opener - 10) - 1, -1)
                     if not t.is_word[m] or t.lower[m] == "with"),
                    s0,
                )  # fmt: skip
            if opener >= s0 and t.lower[opener] == "with":
                return self._classify(start, j + 1) or None
        named = self.is_name_word(j) and j != s0  # "Early warning systems": no name
        if t.is_word[j] and (
            low in lex.documents
            or named
            or low in {"several", "some", "many", "others", "most", "both", "all"}
        ):
            start = self._np_start(j, s0)
            subjects = self._classify(start, j + 1)
            return [f for f in subjects if not named or f.entity is not None] or None
        return None

    def _inverted(self, v: int, ve: int, s0: int, s1: int, cue: str) -> list[_Source]:
        """'"...," said Gov. Perry', '..., says veteran analyst Ken Doctor'."""
        t = self.t
        if cue not in self.lex.invert or cue == "told" or v == s0 or ve >= s1:
            return []
        if t.lower[v].endswith("ing"):
            return []  # "..., posting several screenshots": a participle, its subject before
        before = t.words[v - 1]
        if not (before in {",", "—", "–", "--", ":"} or before in _QUOTES_CLOSE):
            return []
        if t.lower[ve] in {
            "that",
            "it",
            "he",
            "she",
            "they",
            "we",
            "i",
            "you",
            "in",
            "on",
            "at",
            "of",
            "to",
        }:
            return []
        end = self._np_end(ve, s1)
        if end <= ve or t.possessive[end - 1]:
            return []
        if before == "," and self._appositive_subject(v - 1, s0) is not None:
            return []  # "Susan Rice, Obama's adviser, said Netanyahu's speech ..."
        sources = []
        for s in self._classify(ve, end):
            if s.kind == "document":
                # '"...," says the letter': the document quoted; '"...," said the statement
                # from Grimm's attorney, William McGinley': whoever the statement is from.
                if cue not in self.lex.document_cues or not self._tags_quote(v, s0):
                    continue
                by = next((k for k in range(s.start, s.end) if t.lower[k] in {"from", "by"}), 0)
                if by:
                    inner = next(iter(self._classify(by + 1, s.end)), None)
                    if inner is None or inner.kind == "document":
                        continue
                    inner.start = s.start
                    s = inner
                elif any(t.lower[k] in _PREPOSITIONS for k in range(s.start, s.end)):
                    continue
            sources.append(s)
        return sources

    # ------------------------------------------------------------------ subjects
    def _subject_before(self, v: int, s0: int) -> tuple[list[_Source], int] | None:
        """The subject written before a cue, and where the phrase starts; None if none."""
        t, lex = self.t, self.lex
        j = v - 1
        while j >= s0:
            low = t.lower[j]
            if not t.is_word[j]:
                break
            if low in lex.negations:
                return None
            if low == "but" and j - 1 >= s0 and t.lower[j - 1] == "all" and not t.cap[j - 1]:
                j -= 2  # "all but confirmed": an adverb, not a clause of its own
                continue
            if low in _BE:
                if not t.lower[v].endswith("ing"):
                    return None  # "was told", "is accused of": passive
                j -= 1
                continue
            if not t.cap[j] and (
                low in lex.between or (low.endswith("ly") and len(low) > 4 and low not in lex.nouns)
            ):
                j -= 1
                continue
            if low in _TIME_WORDS:  # "on Tuesday", "late Thursday", "earlier"
                j -= 1
                while j >= s0 and t.lower[j] in _TIME_LEADS | {"late", "early"}:
                    j -= 1
                continue
            if (
                low in lex.documents
                and j - 2 >= s0
                and t.lower[j - 2] == "in"
                and t.lower[j - 1] in _DETERMINERS | _POSSESSIVE_DETERMINERS
            ):
                j -= 3  # "X in a statement said"
                continue
            break
        if j < s0:
            return None
        word, low = t.words[j], t.lower[j]
        if low == "to" or (
            low in {"which", "that", "what", "whom", "whether", "if"} and not t.cap[j]
        ):
            return None
        if low in {"and", "but"} and t.is_word[j]:
            subject = self._clause_subject(j, s0)
            return (subject, v) if subject else None
        if low == "who" and t.is_word[j]:
            k = j - 1
            if k >= s0 and t.words[k] == ",":
                k -= 1
            if k < s0 or not t.is_word[k]:
                return None
            start = self._np_start(k, s0)
            sources = self._classify(start, k + 1)
            return (sources, start) if sources else None
        if word == ",":
            return self._appositive_subject(j, s0)
        if word == ")":
            k = j - 1
            while k > s0 and t.words[k] != "(" and j - k < 8:
                k -= 1
            if t.words[k] != "(" or k - 1 < s0:
                return None
            if t.words[k - 1] == ",":
                return self._appositive_subject(k - 1, s0)
            start = self._np_start(k - 1, s0)
            sources = self._classify(start, k)
            return (sources, start) if sources else None
        if word in _DASHES:
            k = j - 1
            while k > s0 and t.words[k] not in _DASHES and j - k < 30:
                k -= 1
            if t.words[k] not in _DASHES or k - 1 < s0:
                return None
            start = self._np_start(k - 1, s0)
            sources = self._classify(start, k)
            return (sources, start) if sources and self._at_boundary(start, s0) else None
        if not t.is_word[j]:
            return None
        start = self._postmodified_start(j, s0)
        head = j + 1
        participle = self._participle_head(j, s0) if start < 0 else None
        if participle is not None:
            start, head = participle
        elif start < 0:
            start = self._np_start(j, s0)
        sources = self._classify(start, j + 1)
        if head <= j:
            # "a memo detailing the administration's findings reads": the whole phrase names
            # the source; "Mattis’ resignation letter addressed to Trump indicates": the head,
            # not the name its participle's object ends with
            headed = self._classify(start, head)
            if headed and (not sources or {s.kind for s in sources} != {s.kind for s in headed}):
                sources = headed
        # "In brief remarks", "to Fox News": a phrase after a preposition is no subject.
        if sources and not (
            self._at_boundary(start, s0)
            or (start == j and t.lower[j] in self.lex.pronouns)
            or self._contact_clause(start, v, s0)
        ):
            return None
        return (sources, start) if sources else None

    def _coordinated(self, before: tuple[list[_Source], int], v: int) -> tuple[list[_Source], int]:
        """'Mrs. Clinton’s spokesman and the State Department have cast': the last conjunct
        found before the cue is one of the sentence's own coordinated subjects, all of them."""
        sources, start = before
        if not (start > 0 and self.t.lower[start - 1] == "and"):
            return before  # only a conjunct after "and" can be part of a coordination
        main = self._main_subject(self.t.sent[v])
        if (
            len(main) > 1
            and main[0].start < start
            and max(m.end for m in main) == max(s.end for s in sources)
            and all(m.end <= v for m in main)
        ):
            return main, main[0].start
        # "..., the Treasury Department and the Internal Revenue Service said Thursday": two
        # named bodies or people listed after a comma, the clause's subjects both.
        t = self.t
        j, s0 = start - 2, t.sent_start[t.sent[v]]
        if j > s0 and t.is_word[j] and all(s.named for s in sources):
            b = self._np_start(j, s0)
            if s0 < b <= j and t.words[b - 1] == ",":
                first = self._classify(b, j + 1)
                if first and all(
                    s.named and s.kind in {"organisation", "person", "official"} for s in first
                ):
                    return [*first, *sources], b
        return before

    def _contact_clause(self, start: int, v: int, s0: int) -> bool:
        """'a project Democratic lawmakers say is a firm deal-breaker', 'the plan officials
        said would cost billions': a clause set without "that" after the noun it tells of,
        its subject's verb of saying followed at once by the verb whose subject that noun is."""
        t, lex = self.t, self.lex
        before, after = start - 1, v + 1
        return (
            before >= s0
            and after < self.n
            and lex.cues.get(t.lower[v]) in _CLAUSE_CUES
            and (t.lower[after] in _BE or t.lower[after] in _MODALS)
            and t.is_word[before]
            and not t.cap[before]
            and t.lower[before] not in _PREPOSITIONS
            and t.lower[before] not in lex.not_names
            and t.lower[before] not in lex.cues
            and not _looks_finite(t.lower[before])
            and not t.lower[before].endswith(("ing", "ly"))
        )

    def _distant_subject(self, v: int, s0: int) -> tuple[list[_Source], int] | None:
        """The sentence's own subject kept from its cue by what modifies it: prepositional
        phrases ("A two-term Republican congressman from Idaho with a track record of
        challenging the House Republican leadership said"), an aside between dashes ("One of
        the highest-profile Republicans in the House – where reform will live or die – said")
        or a relative clause between commas ("The GOP front-runner, who has made many
        outrageous comments ..., insists"). None when anything between could be a verb of the
        subject's own (a clause, not a modifier)."""
        t, lex = self.t, self.lex
        # What stands right before the cue must be able to end a modifier: a word of a
        # phrase's object, a dash, or the comma closing a clause (cheap to ask first).
        last = v - 1
        while (
            last > s0
            and t.is_word[last]
            and not t.cap[last]
            and (
                t.lower[last] in lex.between
                or (t.lower[last].endswith("ly") and len(t.lower[last]) > 4)
            )
        ):
            last -= 1
        if last <= s0:
            return None
        low = t.lower[last]
        if t.is_word[last]:
            if low in _BE or low in _AUXILIARIES or low in _SUBORDINATORS or low in _PREPOSITIONS:
                return None
            if low in lex.negations or low == "to" or low in lex.pronouns:
                return None
            if (low in lex.not_names and (not t.cap[last] or low == "i")) or _NEGATED.match(low):
                return None  # "I", "we", "neither", "don’t"
        elif t.words[last] == "," or (t.words[last] in _QUOTES_CLOSE and t.words[last - 1] == ","):
            if not any(t.lower[m] in {"who", "whose"} for m in range(s0, last)):
                return None  # no relative clause for the comma to close
        elif t.words[last] not in _DASHES:
            return None
        main = self._main_subject(t.sent[v])
        if main:
            k = max(s.end for s in main)
        else:
            # The subject's head phrase, up to the first preposition, comma or dash ("One
            # of" is a share of what follows it, not a phrase of its own).
            start = self._subject_start(t.sent[v])
            if start < 0:
                return None
            k = start
            while k < v and t.is_word[k]:
                low = t.lower[k]
                if low in _PREPOSITIONS and not (low == "of" and k == start + 1):
                    break
                if not t.cap[k] and (
                    _looks_finite(low)
                    or low in _AUXILIARIES
                    or low in _BE
                    or low in lex.cues
                    or not (self.is_np_word(k) or "-" in low)  # "two-term", not "want"
                ):
                    return None
                k += 1
            if k >= v or k == start:
                return None
            main = self._classify(start, k)
        if not main or main[0].start >= v:
            return None
        j = v  # the cue's own adverbs and times: "said Friday", "also said"
        while (
            j - 1 > k
            and t.is_word[j - 1]
            and not t.cap[j - 1]
            and (t.lower[j - 1] in lex.between or t.lower[j - 1] in _TIME_WORDS)
        ):
            j -= 1
        if k >= j:
            return None
        while k < j:
            word, low = t.words[k], t.lower[k]
            if word in _DASHES:  # an aside: anything up to the dash that closes it
                close = next((m for m in range(k + 1, j) if t.words[m] in _DASHES), -1)
                if close < 0 or any(t.words[m] in _SENTENCE_END for m in range(k, close)):
                    return None
                k = close + 1
            elif word == "," and k + 1 < j and t.lower[k + 1] in {"who", "whose"}:
                # a relative clause, closed by the comma before the cue (in a quote or not)
                last = j - 1
                while last > k and t.words[last] in _QUOTES_CLOSE:
                    last -= 1
                if t.words[last] != "," or any(
                    t.words[m] in _SENTENCE_END or t.words[m] == ";" for m in range(k, last)
                ):
                    return None
                k = j
            elif low in _PREPOSITIONS and t.is_word[k] and not t.cap[k]:
                # its object: no verb, and a name or a noun the lexicon knows ("from Idaho",
                # "with a track record", "on the Web site Freedom's Lighthouse")
                k += 1
                p0, known = k, False
                while k < j and t.is_word[k] and t.lower[k] not in _PREPOSITIONS:
                    low = t.lower[k]
                    if not t.cap[k] and (
                        _looks_finite(low)
                        or low in _BE
                        or low in _AUXILIARIES
                        or low in lex.cues
                        or low in _CLAUSE_OPENERS
                        or low in _SUBORDINATORS
                        or low == "to"
                        # a determiner opens the object (or a gerund's: "of challenging
                        # the House leadership"), none stands inside it
                        or (
                            k > p0
                            and low in _DETERMINERS | _POSSESSIVE_DETERMINERS
                            and not t.lower[k - 1].endswith("ing")
                        )
                    ):
                        return None
                    known = known or t.cap[k] or low in lex.nouns
                    k += 1
                if k == p0 or not known or t.lower[k - 1] in _DETERMINERS:
                    return None
            else:
                return None
        return main, main[0].start

    def _appositive_subject(self, c: int, s0: int) -> tuple[list[_Source], int] | None:
        """'X, <who/the/R-Ohio ...>, said': the name before the commas, its appositives folded in."""
        t = self.t
        right = c
        for _ in range(3):
            k = right - 1
            while (
                k >= s0
                and t.words[k] not in {",", ";", "("}
                and t.words[k] not in _DASHES
                and t.words[k] not in _QUOTES_CLOSE
                and right - k < 30
            ):
                if t.words[k] == ")":
                    # "the sister of Liz Cheney (R) and daughter of ...": a bracket inside
                    # the appositive is part of it.
                    opening = k - 1
                    while opening > s0 and t.words[opening] not in {"(", ")"} and k - opening < 8:
                        opening -= 1
                    if t.words[opening] != "(":
                        break
                    k = opening
                k -= 1
            if (
                k < s0
                or t.words[k] != ","
                or k - 1 < s0
                or (not t.is_word[k - 1] and t.words[k - 1] != ")")
            ):
                return None
            appositive = (k + 1, right)
            end = k - 1
            if t.words[end] == ")":
                while end > s0 and t.words[end] != "(":
                    end -= 1
                end -= 1
                if end < s0 or not t.is_word[end]:
                    return None
            start = self._np_start(end, s0)
            sources = self._classify(start, end + 1)
            opener = t.lower[appositive[0]]
            if sources and (self._at_boundary(start, s0) or opener in {"who", "whose", "which"}):
                return self._fold(sources, appositive), start
            if sources and t.words[start - 1] == "," if start > s0 else False:
                right = k
                continue
            right = k
        return None

    def _fold(self, sources: list[_Source], appositive: tuple[int, int]) -> list[_Source]:
        """A common-noun subject with a named appositive is that name ("The Democrat,
        Representative Adam B. Schiff, said"); else the appositive's roles join the name's."""
        t = self.t
        a0, a1 = appositive
        # A role resolved to someone named before gives way to the name beside it: "the
        # Senate Democratic leader, Chuck Schumer of New York, said" is Schumer.
        if len(sources) == 1 and (
            (sources[0].kind in {"anonymous", "organisation"} and not sources[0].named)
            or sources[0].by_role
        ):
            named = [
                s
                for s in self._classify(a0, self._np_end(a0, a1))
                if s.entity is not None and s.kind in {"person", "official"}
            ]
            if named:
                return named
        for source in sources:
            if source.entity is not None and source.kind in {"person", "official"}:
                roles = {t.lower[k] for k in range(a0, a1)} & (
                    self.lex.roles | self.lex.public_roles
                )
                if roles or any(_PARTY_TAG.match(t.words[k]) for k in range(a0, a1)):
                    source.entity.kind = source.kind = "official"
        return sources

    def _at_boundary(self, start: int, s0: int) -> bool:
        """Does a noun phrase starting at `start` open a clause (so it can be a subject)?"""
        t = self.t
        if start <= s0:
            return True
        before = t.words[start - 1]
        if before in _QUOTES_CLOSE and before not in _QUOTES_OPEN:
            # A quote that ends a statement ends a clause ('..., right?” Reid said'); a word
            # in quotation marks does not ('his “deep state” Justice Department').
            return start - 2 < s0 or not t.is_word[start - 2]
        if not t.is_word[start - 1]:
            return (
                before in {",", ":", ";", "(", "—", "–", "--", "―"}
                or before in _QUOTES_OPEN
                or before in _QUOTES_CLOSE
            )
        low = t.lower[start - 1]
        if low in _SUBORDINATORS or low in _LEADS or self._dateline_end(s0) == start:
            return True
        if low in _TIME_NOUNS and not t.cap[start - 1] and t.lower[start] in _DETERMINERS:
            return True  # "the same day the campaign announced", "the first time the agency said"
        # "Later Wang said", "Thursday night the hospital said", "Separately, ..."
        return (low in _TIME_WORDS or low.endswith("ly")) and all(
            not t.is_word[m]
            or t.lower[m] in _TIME_WORDS
            or t.lower[m] in _TIME_LEADS
            or t.lower[m].endswith("ly")
            for m in range(s0, start)
        )

    def _dateline_end(self, s0: int) -> int:
        """Where a sentence opening with a dateline ("WASHINGTON —", "KATHMANDU, May 16
        (Reuters) -") starts: the first token after it, or `s0` when it has none."""
        if s0 in self._datelines:
            return self._datelines[s0]
        self._datelines[s0] = end = self._read_dateline(s0)
        return end

    def _read_dateline(self, s0: int) -> int:
        t = self.t
        if s0 >= self.n:
            return s0
        dateline = read_dateline(t.text[t.starts[s0] : t.ends[min(self.n, s0 + 24) - 1]])
        if dateline is not None:
            end = t.starts[s0] + dateline.end
            return next((k for k in range(s0, self.n) if t.starts[k] >= end), self.n)
        for k in range(s0, min(s0 + 8, self.n)):
            if t.words[k] in _DASHES or t.words[k] in {"―", "-"}:
                if (
                    all(
                        not t.is_word[m]
                        or t.words[m].isupper()
                        or (t.words[m][:1].isupper() and t.words[m].endswith("."))
                        or t.lower[m] in ABBREVIATIONS
                        for m in range(s0, k)
                    )
                    and k > s0
                ):
                    return k + 1
                return s0
            if t.words[k] == ":" and k > s0 and t.words[k - 1].isupper():
                return k + 1
        return s0

    def _clause_subject(self, j: int, s0: int) -> list[_Source]:
        """The subject of the clause that ends at token `j` ("X described ... and said",
        "the RNC chairman was caught on camera saying"): going back over the verb phrase, the
        first noun phrase that opens a clause and names a source; the sentence's own subject
        when no other clause opens between it and `j` ("Trump on Tuesday renewed his attack on
        the Justice Department, and said": Trump, not the department)."""
        t = self.t
        # "Thune ... added that Democrats ... and predicted": a cue joined to the sentence's
        # last cue shares its speaker.
        last = self.found[-1] if self.found else None
        if (
            last is not None
            and last.sentence == t.sent[j]
            and last.end <= t.starts[j]
            and not last.from_channel
            and last.source.kind != "document"
            # "While civil liberties groups cried foul, Clapper issued a statement decrying":
            # the speaker of a clause set apart before the main one is not its subject
            and not (
                last.source.start > s0
                and t.lower[last.source.start - 1] in _SUBORDINATORS
                and "," in t.words[last.source.end : j]
            )
        ):
            return [last.source]
        main = self._main_subject(t.sent[j]) if j > s0 else []
        if main and main[-1].end < j and main[0].entity is not None and not main[0].by_role:
            inner = range(main[-1].end, j)
            if not any(
                t.lower[m] in _CLAUSE_OPENERS
                or (t.lower[m] == "as" and t.lower[m - 1] not in {"well", "such"})
                or t.words[m] in {";", ":"}
                # the end of a quoted statement (not of a quoted word: 'his “deep state”')
                or (t.words[m] in _QUOTES_CLOSE and not t.is_word[m - 1])
                for m in inner
            ):
                return main
        k = j - 1
        while k >= s0 and j - k < 45:
            word = t.words[k]
            if word == "," or word == ")" or word in _DASHES:
                if word == ",":
                    apposed = self._appositive_subject(k, s0)
                    if apposed is not None:
                        return apposed[0]
                k -= 1
                continue
            if t.lower[k] in {"which", "who"} and k - 2 >= s0 and t.words[k - 1] == ",":
                # "the U.S. Conference of Catholic Bishops, which wrote several letters":
                # the relative pronoun's antecedent is the clause's subject
                antecedent = self._classify(self._np_start(k - 2, s0), k - 1)
                if antecedent:
                    return antecedent
            if (
                t.is_word[k]
                and self.is_np_word(k)
                and t.lower[k] not in _DETERMINERS | _POSSESSIVE_DETERMINERS
            ):
                start = self._np_start(k, s0)
                if self._at_boundary(start, s0):
                    sources = self._classify(start, k + 1)
                    if sources:
                        return sources
                k = start - 1
                continue
            k -= 1
        return []

    def _main_subject(self, sentence: int) -> list[_Source]:
        """The subject a sentence opens with, after a dateline and opening phrases; none when
        it opens with a quote (its speaker is named elsewhere)."""
        if sentence in self._subjects:
            return self._subjects[sentence]
        t = self.t
        self._subjects[sentence] = []  # a pronoun subject must not look here again
        s1 = t.sent_end[sentence]
        start = self._subject_start(sentence)
        subject: list[_Source] = []
        if start >= 0:
            end = self._np_end(start, s1)
            if end > start:
                subject = self._classify(start, end)
                if not (subject and subject[0].named):
                    # the noun's own words the lists do not hold run on to the comma
                    comma = end
                    while comma < min(s1, end + 3) and t.is_word[comma] and not t.cap[comma]:
                        comma += 1
                    if comma + 1 < s1 and t.words[comma] == ",":
                        subject = self._apposed_name(comma + 1, s1) or subject
        self._subjects[sentence] = subject
        return subject

    def _apposed_name(self, k: int, s1: int) -> list[_Source]:
        """ "the first lady, Melania Trump, questioned": a person's name set between commas
        after an unnamed subject is who the subject is."""
        if self._name_starts is None:
            self._name_starts = {at: (end, ent) for at, end, ent in self._name_spans}
        t = self.t
        at = k
        while (
            at < s1 and t.is_word[at] and (t.lower[at] in TITLES or t.lower[at] in self.lex.roles)
        ):
            at += 1  # "the senator, Sen. X,"
        found = self._name_starts.get(at)
        if found is None:
            return []
        end, entity = found
        if end >= s1 or t.words[end] != ",":
            return []
        return [
            _Source(
                k, end, entity.name, self._text(at, end), entity.kind, entity.key, entity=entity
            )
        ]

    def _subject_start(self, sentence: int) -> int:
        """Where a sentence's subject starts, after a dateline and opening phrases ("In
        December, ..."); -1 when it opens with a quote (its speaker is named elsewhere)."""
        t = self.t
        s0, s1 = t.sent_start[sentence], t.sent_end[sentence]
        start = self._dateline_end(s0)
        while start < s1 and (t.words[start] in _DASHES or t.words[start] == "("):
            start += 1
        if not (start < s1 and t.words[start] not in _QUOTES_OPEN):
            return -1
        for _ in range(3):
            if not (start < s1 and t.is_word[start] and self._opens_phrase(start)):
                break
            k = self._next_comma(start, s1)
            if k < 0:
                break
            start = k + 1
            while start < s1 and (
                t.words[start] in _QUOTES_CLOSE or t.words[start] in _QUOTES_OPEN
            ):
                start += 1
        return start if start < s1 and t.is_word[start] else -1

    def _opens_phrase(self, i: int) -> bool:
        """Does token `i` open a phrase before the subject ("In December,", "Speaking on X,")?"""
        t = self.t
        low = t.lower[i]
        return (
            low in _OPENERS
            or low in _TIME_WORDS
            or (low.endswith("ing") and low not in self.lex.nouns)
            or (low.endswith("ly") and not t.cap[i] and low not in self.lex.nouns)
        )

    def _next_comma(self, i: int, s1: int) -> int:
        """The next comma outside quotes from token `i`, within 40 tokens; -1 if none."""
        t = self.t
        depth = 0
        for k in range(i, min(s1, i + 40)):
            word = t.words[k]
            if word in {"“", "‘", "«"}:
                depth += 1
            elif word in {"”", "»"} or (word == "’" and depth):
                depth = max(0, depth - 1)
            elif word == "," and not depth:
                return k
        return -1

    # ------------------------------------------------------------------ noun phrases
    def _np_start(self, e: int, s0: int) -> int:
        """The first token of the noun phrase that ends at token `e`."""
        t, lex = self.t, self.lex
        b = e
        k = e - 1
        while k >= s0:
            if self.is_np_word(k):
                if t.lower[k] in _POSSESSIVE_DETERMINERS or t.lower[k] in _DETERMINERS:
                    b = k
                    # "a spokesman for the company", "the leaders of the committee": the
                    # phrase goes on before the preposition.
                    if (
                        k - 2 >= s0
                        and t.lower[k - 1] in {"of", "for", "at", "from", "with", "in"}
                        and self.is_np_word(k - 2)
                        and t.lower[k - 2] not in _DETERMINERS | _POSSESSIVE_DETERMINERS
                        and (
                            self._np_head_before(k - 2)
                            or (t.lower[k - 1] == "of" and t.lower[k - 2] in _QUANTIFIERS)
                        )
                    ):
                        k -= 2  # "two of the sources"
                        continue
                    break
                b = k
                k -= 1
                continue
            low = t.lower[k]
            if (
                low in {"of", "for", "at", "from", "with", "in"}
                and k - 1 >= s0
                and self.is_np_word(k - 1)
                and self._np_head_before(k - 1)
            ):
                k -= 1
                continue
            if low == "and" and k - 1 >= s0 and self.is_np_word(k - 1) and b - k == 1:
                k -= 1
                continue
            if (
                t.words[k] == ","
                and k - 1 >= s0
                and t.lower[k - 1] in lex.roles
                and t.lower[b] in lex.roles
            ):
                k -= 1  # "chairman, CEO and president Craig Menear"
                continue
            break
        # "airport spokesperson Made Suryani", "army spokesman": a noun before a role.
        if (
            k >= s0
            and k == b - 1
            and t.is_word[k]
            and (not t.cap[k] or k == s0)  # "Civic leaders and business groups said"
            and t.lower[k] not in lex.not_names
            and t.lower[k] not in lex.cues
            and not t.lower[k].endswith(("ed", "ing", "ly"))
            and t.lower[b] in lex.person_heads | lex.organisations
            and (k == s0 or not t.is_word[k - 1] or t.lower[k - 1] in _DETERMINERS | _SUBORDINATORS)
        ):
            return k
        # "the resignation letter said", "Mattis’ bombshell resignation letter made clear": up
        # to two nouns no list holds before a document's head, after a determiner or possessor.
        if k >= s0 and k == b - 1 and t.lower[b] in lex.documents and not t.cap[b]:
            m = k
            while (
                m >= s0
                and b - m <= 2
                and t.is_word[m]
                and not t.cap[m]
                and t.lower[m] not in lex.not_names
                and t.lower[m] not in lex.cues
                and t.lower[m] not in _PREPOSITIONS
                and not t.lower[m].endswith(("ed", "ing", "ly"))
                and not _looks_finite(t.lower[m])
            ):
                m -= 1
            if (
                m < k
                and m >= s0
                and (
                    t.lower[m] in _DETERMINERS | _POSSESSIVE_DETERMINERS
                    or t.possessive[m]
                    or (t.words[m] in {"’", "'"} and self.is_np_word(m))
                )
            ):
                return self._np_start(m + 1, s0)
        # "Mr. Trump's adoring fans": any word between a possessor and an unnamed source's noun.
        if (
            k - 1 >= s0
            and k == b - 1
            and t.is_word[k]
            and not t.cap[k]
            and t.possessive[k - 1]
            and t.lower[k] not in lex.cues
            and t.lower[k] not in lex.not_names
            and t.lower[b] in lex.anonymous
        ):
            return self._np_start(k, s0)
        # A capitalised word opening the sentence that is not a name: "Thursday night, X".
        while b < e and not self.is_np_word(b):
            b += 1
        return b

    def _np_head_before(self, k: int) -> bool:
        """Is token `k` the head of a phrase a prepositional phrase may follow?"""
        t, lex = self.t, self.lex
        low = t.lower[k]
        return (
            (t.cap[k] and t.is_word[k])
            or low in lex.anonymous
            or low in lex.organisations
            or low in lex.documents
            or low in lex.public_roles
            or low in lex.roles
        )

    def _np_end(self, s: int, limit: int) -> int:
        """One past the last token of the noun phrase that starts at token `s`."""
        t, lex = self.t, self.lex
        k = s
        while k < limit and t.words[k] in _QUOTES_OPEN:
            k += 1
        end = k
        while k < limit:
            org = self.org_at(k) if t.is_word[k] else None
            if org is not None and org[0] <= limit:
                k = end = org[0]
                continue
            if self.is_np_word(k) or (t.is_word[k] and _PARTY_TAG.match(t.words[k]) and k > s):
                k += 1
                end = k
                if t.possessive[k - 1] and (k >= limit or not (self.is_np_word(k))):
                    break
                continue
            low = t.lower[k]
            if t.words[k] == "(":
                close = next((m for m in range(k + 1, min(k + 8, limit)) if t.words[m] == ")"), -1)
                if close > 0:
                    k = close + 1
                    continue
                break
            matched = next(
                (
                    p
                    for p in _POSTMODIFIERS_BY_FIRST.get(low, ())
                    if tuple(t.lower[k : k + len(p)]) == p
                ),
                None,
            )
            if matched and end > s and t.lower[end - 1] in lex.anonymous:
                k = end = self._postmodifier_end(k + len(matched), limit)
                continue
            if (
                low in {"of", "for", "at", "from", "with", "by", "in"}
                and end > s
                and k + 1 < limit
                and self.is_np_word(k + 1)
                and t.lower[k + 1] not in _TIME_WORDS
                and not (
                    t.lower[k + 1] in {"a", "an", "the", "his", "her"}
                    and k + 2 < limit
                    and t.lower[k + 2]
                    in _TIME_WORDS
                    | {
                        "statement",
                        "interview",
                        "email",
                        "letter",
                        "tweet",
                        "post",
                        "video",
                        "speech",
                        "news",
                        "press",
                        "briefing",
                        "call",
                        "phone",
                    }
                )
            ):
                head = t.lower[end - 1]
                if (
                    low == "of"
                    or (low == "for" and t.cap[end - 1] and t.cap[k + 1])  # "Democracy for America"
                    or head in lex.anonymous
                    or head in lex.documents
                    or head in lex.organisations
                    or head in lex.public_roles
                    or head in lex.roles
                ):
                    k += 1
                    continue
            if (
                low == "and"
                and end > s
                and k + 1 < limit
                and (self.is_np_word(k + 1) or self.org_at(k + 1) is not None)
            ):
                k += 1
                continue
            # "White House pool reports": lower-case words leading to a source's head noun.
            if end > s and t.is_word[k] and not t.cap[k] and low not in lex.not_names:
                heads = lex.documents | lex.anonymous | lex.organisations
                ahead = next(
                    (
                        m
                        for m in range(k, min(k + 3, limit))
                        if t.lower[m] in heads and t.is_word[m]
                    ),
                    -1,
                )
                if ahead > 0 and all(
                    t.is_word[m]
                    and not t.cap[m]
                    and t.lower[m] not in lex.not_names
                    and not _looks_finite(t.lower[m])
                    for m in range(k, ahead)
                ):
                    k = end = ahead + 1
                    continue
            break
        return end

    def _postmodifier_end(self, k: int, limit: int) -> int:
        """End of the object of "familiar with", "close to": "the matter", "the talks"."""
        t, lex = self.t, self.lex
        while k < limit and t.lower[k] in _DETERMINERS | _POSSESSIVE_DETERMINERS:
            k += 1
        stop = min(limit, k + 5)
        while k < stop and t.is_word[k]:
            if t.lower[k] == "of" and k + 1 < stop and t.is_word[k + 1]:
                k += 2  # "the condition of anonymity"
                continue
            if t.lower[k] in lex.cues or (not t.cap[k] and t.lower[k] in lex.not_names):
                break
            k += 1
        return k

    def _postmodified_start(self, j: int, s0: int) -> int:
        """Start of "people familiar with the matter" when it ends at token `j`, else -1."""
        t, lex = self.t, self.lex
        for m in range(j - 1, max(s0, j - 9), -1):
            for p in _POSTMODIFIERS_BY_FIRST.get(t.lower[m], ()):
                if (
                    tuple(t.lower[m : m + len(p)]) == p
                    and m - 1 >= s0
                    and t.lower[m - 1] in lex.anonymous
                    and self._postmodifier_end(m + len(p), j + 1) == j + 1
                ):
                    return self._np_start(m - 1, s0)
        return -1

    def _participle_head(self, j: int, s0: int) -> tuple[int, int] | None:
        """The source noun phrase (start, end) of "a memo detailing the administration's
        findings" when its participle phrase ends at token `j`, else None."""
        t, lex = self.t, self.lex
        # "a memo detailing the administration's findings reads", "a poll released Tuesday
        # showed", "police investigating the case said": a source's head noun, then a
        # participle and its short object, up to the cue.
        for m in range(j, max(s0, j - 8), -1):
            low = t.lower[m]
            if not t.is_word[m] or t.cap[m] or low in lex.cues or low in lex.nouns:
                if t.words[m] in {",", ";", ":", "(", ")"} or t.words[m] in _QUOTES_OPEN:
                    break
                continue
            if (
                low.endswith(("ing", "ed"))
                and len(low) > 4
                and m - 1 >= s0
                and t.is_word[m - 1]
                and t.lower[m - 1] in lex.common
                and (not t.cap[m - 1] or m - 1 == s0)
                and not any(t.lower[k] in _CLAUSE_OPENERS for k in range(m + 1, j + 1))
            ):
                return self._np_start(m - 1, s0), m
        return None

    def _sources_from(self, i: int) -> tuple[list[_Source], int]:
        """The sources listed from token `i`: "NBC and the AP", "a study by X"."""
        t = self.t
        s1 = t.sent_end[t.sent[i]] if i < self.n else self.n
        if i >= s1:
            return [], i
        end = self._np_end(i, s1)
        if end <= i:
            return [], i
        # "citing the Fifth Amendment right": the phrase's head is a word no source is named by.
        if (
            end < s1
            and t.is_word[end]
            and not t.cap[end]
            and t.lower[end] not in self.lex.not_names
            and not t.lower[end].endswith(("ed", "ing"))
            and t.lower[end] not in self.lex.cues
        ):
            return [], end
        return self._classify(i, end), end

    # ------------------------------------------------------------------ classifying
    def _classify(self, b: int, e: int) -> list[_Source]:
        """The sources the phrase `b..e` names: one, or one per name of a list."""
        t = self.t
        while b < e and not t.is_word[b]:
            b += 1
        while e > b and (not t.is_word[e - 1] or _PARTY_TAG.match(t.words[e - 1])):
            e -= 1
        if e <= b or e - b > 16:
            return []
        listed_before = self._group_reference(b, e)
        if listed_before:
            return listed_before
        # "Mitt Romney and Mr. Ryan": a list of names, each a source.
        parts: list[tuple[int, int]] = []
        start = b
        for k in range(b, e):
            if t.lower[k] == "and" and not t.cap[k]:
                parts.append((start, k))
                start = k + 1
        parts.append((start, e))
        if len(parts) > 1:
            listed = [self._one(p0, p1) for p0, p1 in parts]
            # "Mrs. Clinton’s spokesman and the State Department have cast": the spokesman the
            # article names elsewhere, as when he speaks alone
            listed = [
                (self._apposed(s) or s) if s is not None and s.role_only else s for s in listed
            ]
            if all(s is not None and s.named for s in listed):
                return [s for s in listed if s is not None]
            if any(s is not None and s.kind in {"wire", "outlet"} for s in listed) and all(
                s is not None for s in listed
            ):
                return [s for s in listed if s is not None]
        one = self._one(b, e)
        if one is not None and one.kind == "anonymous" and one.role_only:
            one = self._apposed(one) or one
        if one is not None and one.kind == "document":
            one = self._report_of_outlet(one) or one
        return [one] if one is not None else []

    def _report_of_outlet(self, source: _Source) -> _Source | None:
        """ "a report in The Atlantic", "a story by the AP": the outlet's own reporting."""
        t = self.t
        for k in range(source.start + 1, source.end - 1):
            if t.lower[k] not in {"in", "by", "from"}:
                continue
            org = self.org_at(self._skip_the(k + 1))
            if org is not None and org[1].kind in {"wire", "outlet"}:
                entity = self._news_entity(org[1], k + 1)
                return _Source(
                    source.start, source.end, entity.name, entity.name, entity.kind, entity.key,
                    entity=entity,
                )  # fmt: skip
            return None
        return None

    def _apposed(self, source: _Source) -> _Source | None:
        """ "Mr. Strzok's lawyer said", "the president's son confirmed": the one person the
        article sets beside that noun ("Aitan Goelman, Mr. Strzok's lawyer,"; "the official,
        Lois Lerner,"), before or after; an indefinite "a lawyer" is someone else."""
        t = self.t
        b, e = source.start, source.end
        if t.lower[b] in {"a", "an", "one", "another", "some", "any"}:
            return None
        head = self._head_noun(b, e)
        if head < 0 or not (
            t.lower[b] in _DETERMINERS | _POSSESSIVE_DETERMINERS
            or any(t.possessive[k] for k in range(b, head))
        ):
            return None
        people = self._apposed_heads().get(t.lower[head], {})
        if len(people) != 1:
            return None
        (person,) = people.values()
        return _Source(
            b, e, person.name, source.written, person.kind, person.key, entity=person, by_role=True
        )

    def _head_noun(self, b: int, e: int) -> int:
        """The head of a common noun phrase: its last source noun before a preposition."""
        t, lex = self.t, self.lex
        head = -1
        for k in range(b, min(e, self.n)):
            if t.lower[k] in _PREPOSITIONS or t.lower[k] in _CLAUSE_OPENERS:
                break
            if not t.cap[k] and t.lower[k] in lex.person_heads:
                head = k
        return head

    def _apposed_heads(self) -> dict[str, dict[str, _Entity]]:
        """Nouns the article sets beside a person's name, with commas: "NAME, the H ...," and
        "the H, NAME," -> H -> the people so described."""
        if self._apposed_cache is not None:
            return self._apposed_cache
        t = self.t
        heads: dict[str, dict[str, _Entity]] = {}
        for at, end, entity in self._name_spans:
            if entity.kind not in {"person", "official"}:
                continue
            if end < self.n and t.words[end] == ",":
                stop = next(
                    (k for k in range(end + 1, min(self.n, end + 12))
                     if not t.is_word[k] or t.lower[k] in {"who", "which", "that"}),
                    -1,
                )  # fmt: skip
                if stop > end + 1 and t.words[stop] in {",", ")", ".", ";", "—", "–", "―"}:
                    head = self._head_noun(end + 1, stop)
                    if head >= 0:
                        heads.setdefault(t.lower[head], {})[entity.key] = entity
            if at >= 2 and t.words[at - 1] == ",":
                k = at - 2
                if t.is_word[k] and not t.cap[k]:
                    start = k
                    while (
                        start > 0
                        and t.is_word[start - 1]
                        and t.lower[start - 1] not in _APPOSED_OPENERS
                    ):
                        if t.cap[start - 1] and not t.possessive[start - 1]:
                            break
                        start -= 1
                        if k - start > 6:
                            break
                    # "the lawyer, Mark D. Sheridan,"; "her lawyer, William Taylor III";
                    # "President Trump's eldest son, Donald Trump Jr.,"
                    if (start > 0 and t.lower[start - 1] in _APPOSED_OPENERS) or any(
                        t.possessive[m] for m in range(start, k)
                    ):
                        head = self._head_noun(start, k + 1)
                        if head == k:
                            heads.setdefault(t.lower[head], {})[entity.key] = entity
        self._apposed_cache = heads
        return heads

    def _one(self, b: int, e: int) -> _Source | None:
        t, lex = self.t, self.lex
        while b < e and not t.is_word[b]:
            b += 1
        while e > b and not t.is_word[e - 1]:
            e -= 1
        if e <= b:
            return None
        text = self._text(b, e)
        # A pronoun: the speaker it points back to.
        if e - b == 1 and t.lower[b] in lex.pronouns:
            return self._pronoun(b)
        # A news organisation, or a journalist of one ("The Washington Post reporter X").
        k = self._skip_the(b) if t.lower[b] == "the" else b
        org = self.org_at(k, e)
        if org is not None and self._surname_not_outlet(k, org[0]):
            org = None
        if org is None:
            outlet = self._outlet_named_before(b, k, e)
            if outlet is not None:
                return outlet
        if org is not None:
            end, news = org
            rest = [m for m in range(end, e) if t.is_word[m]]
            entity = self._news_entity(news, k)
            if not rest or all(t.lower[m] in lex.documents for m in rest):
                return _Source(b, e, news.name, news.id, news.kind, news.id, entity=entity)
            person = self._one(end, e)
            if person is not None and person.kind in {"person", "official", "anonymous"}:
                person.channel = news
                if (
                    person.kind == "official"
                    and person.entity is not None
                    and not (person.entity.descriptors - {"reporter", "columnist"} - _COURTESY)
                ):
                    person.kind = "person"
                return person
        # A person's name ending the phrase, after a title that names them.
        if self._name_ends is None:
            self._name_ends = {end: (at, ent) for at, end, ent in self._name_spans}
        # "Representative Carolyn B. Maloney of New York": the person, from the place.
        of = next((k for k in range(b + 1, e - 1) if t.lower[k] == "of"), -1)
        if of > 0 and e - of <= 4 and all(t.cap[m] for m in range(of + 1, e)):
            before = self._name_ends.get(of, (b, None))[1]
            if before is not None and before.kind in {"person", "official"}:
                return self._one(b, of)
        at, named = self._name_ends.get(e, (b, None))
        if named is not None and named.kind in {"person", "official"}:
            # "The National Organization for Women President Terry O'Neill": the title right
            # before the name, after a body's name with its own "for" or "of".
            if (
                b + 2 <= at - 1
                and t.cap[at - 1]
                and t.lower[at - 1] in self.lex.roles
                and any(t.lower[k] in _PREPOSITIONS for k in range(b + 1, at - 1))
            ):
                written = self._text(at - 1, e)
                return _Source(b, e, named.name, written, named.kind, named.key, entity=named)
            # "Director of National Intelligence James Clapper": a title with its own "of",
            # then the person it names.
            if (
                t.cap[b]
                and (t.lower[b] in self.lex.roles or t.lower[b] in TITLES)
                and b < at <= e - 2
                and named.descriptors - _COURTESY
            ):
                written = self._text(at, e)
                return _Source(b, e, named.name, written, named.kind, named.key, entity=named)
        # Prepositional phrases: "a spokesperson for X", "leaders of the committee", "a study by X".
        post = next(
            (
                m
                for m in range(b + 1, e)
                for q in _POSTMODIFIERS_BY_FIRST.get(t.lower[m], ())
                if tuple(t.lower[m : m + len(q)]) == q
            ),
            e,
        )
        p = next((m for m in range(b + 1, e) if t.lower[m] in _PREPOSITIONS and not t.cap[m]), e)
        p = min(p, post)
        # "The Bank of England", "the U.S. Department of the Treasury": a body whose name goes
        # on past its own "of" while capitalised words follow, to the phrase's end; so does
        # one named for a cause ("Democracy for America", "Americans for Prosperity"), a
        # capitalised word or body before "for" that names no person of the article.
        first = b + 1 if t.lower[b] in _DETERMINERS else b
        if (
            p < e
            and t.cap[p - 1]
            and (
                (t.lower[p] == "of" and t.lower[p - 1] in lex.organisation_words)
                or (
                    t.lower[p] == "for"
                    and p + 1 < e
                    and t.lower[p + 1] != "the"
                    and (
                        any(t.lower[m] in lex.organisation_words for m in range(first, p))
                        or (p - first == 1 and _clean(t.lower[first]) not in self.people)
                    )
                )
            )
        ):
            q = p + 2 if p + 1 < e and t.lower[p + 1] == "the" else p + 1
            r = q
            while r < e and t.is_word[r] and t.cap[r]:
                r += 1
            ends = r == e or (t.lower[r] in _PREPOSITIONS and not t.cap[r])
            if q < r and ends and all(t.cap[m] for m in range(first, p)):
                body = self._body(first, r)
                return _Source(
                    b, e, body.name, self._text(first, r), "organisation", body.key, entity=body
                )
        head_end = p
        tail = (p + 1, e) if p < e else None
        if tail is not None and p == b + 1 and t.lower[b] in _QUANTIFIERS and t.lower[p] == "of":
            inner = self._one(*tail)  # "two of the sources": the sources
            if inner is not None:
                inner.start = b
                if not inner.named:
                    inner.name = self._text(b, e)
                # "One of the highest-profile Republicans in the House ... said ...
                # Majority Whip Kevin McCarthy, ...": one holder of a role, the news lead's
                # delayed name, as "a congressman" is (an unnamed "one of the officials" stays
                # unnamed, as "an official" does).
                h = next((m for m in range(*tail) if t.lower[m] in _PREPOSITIONS), e)
                head = t.lower[h - 1]
                if (
                    t.lower[b] == "one"
                    and inner.kind == "anonymous"
                    and head.endswith("s")
                    and head[:-1] in lex.roles
                    and head[:-1] not in lex.anonymous
                ):
                    holder = self._introduced_next(b)
                    if holder is not None:
                        return _Source(
                            b, e, holder.name, inner.written, holder.kind, holder.key,
                            entity=holder, by_role=True,
                        )  # fmt: skip
            return inner
        last = head_end - 1
        low = t.lower[last]
        if t.lower[last] in lex.documents and not t.cap[last]:
            if tail is not None and t.lower[p] in {"by", "from"}:
                inner = self._one(*tail)
                if (
                    inner is not None
                    and inner.kind in {"wire", "outlet"}
                    and self._only_report_words(b, head_end)
                ):
                    inner.start = b
                    return inner
            if t.lower[b] in {"the", "this", "these", "those"} and low in _GENERAL_DOCUMENTS:
                earlier = self._document_before(b, e)
                if earlier is not None:
                    return earlier
            return _Source(b, e, text, text, "document", _name_key(text.split()), named=False)
        if self.is_name_word(last) or (
            t.is_word[last] and t.cap[last] and t.lower[last] in lex.groups
        ):
            return self._delayed_name(self._named(b, head_end, e, tail), b, low)
        if low in lex.organisations and not t.cap[last]:
            return self._common_body(b, head_end, e, tail)
        if low in lex.anonymous or low in lex.public_roles or low in lex.roles:
            return self._delayed_name(self._unnamed(b, head_end, e, tail), b, low)
        return None

    def _document_before(self, b: int, e: int) -> _Source | None:
        """'The indictment made no mention ..., according to the court document', 'In the tax
        returns, released late Friday, the documents show': a general word for a document is
        the document named just before it (in its sentence or the one before), as a reader
        takes it; None when none is."""
        t, lex = self.t, self.lex
        sentence = t.sent[b]
        floor = t.sent_start[max(0, sentence - 1)]
        for k in range(b - 1, floor - 1, -1):
            low = t.lower[k]
            if not t.is_word[k] or t.cap[k] or low not in lex.documents:
                continue
            if low in _GENERAL_DOCUMENTS or low in _STATEMENTS or low in lex.claim_nouns:
                return None  # another general word, or someone's statement: not a named record
            if k + 1 < self.n and t.is_word[k + 1] and t.lower[k + 1] in lex.nouns:
                continue  # a modifier ("report card"), not the head
            text = self._text(self._compound_start(k), k + 1)
            return _Source(b, e, text, text, "document", _name_key(text.split()), named=False)
        return None

    def _compound_start(self, k: int) -> int:
        """Where the nouns that end at token `k` start: "tax returns", "court filing"."""
        t, lex = self.t, self.lex
        s0 = t.sent_start[t.sent[k]]
        start = k
        while (
            start - 1 >= s0
            and k - start < 3
            and t.is_word[start - 1]
            and not t.cap[start - 1]
            and t.lower[start - 1] not in lex.not_names
            and t.lower[start - 1] not in lex.cues
            and t.lower[start - 1] not in _PREPOSITIONS
            and not _looks_finite(t.lower[start - 1])
            and not t.lower[start - 1][:1].isdigit()
        ):
            start -= 1
        return start

    def _delayed_name(self, source: _Source | None, b: int, head: str) -> _Source | None:
        """'the Senate's top Democrat said he objected ... Senator Harry Reid of Nevada, ...':
        a role left unnamed where a news lead names its holder in the next sentence."""
        lex, t = self.lex, self.t
        if source is None or source.kind != "anonymous" or head.endswith("s"):
            return source
        if t.lower[b] not in {"a", "an", "the"}:
            # "a Tea Party-backed economics professor": the article before words no list holds
            a = next(
                (
                    k
                    for k in range(b - 1, max(-1, b - 5), -1)
                    if not t.is_word[k] or t.lower[k] in {"a", "an"}
                ),
                -1,
            )
            if a < 0 or not t.is_word[a] or t.sent[a] != t.sent[b]:
                return source
            person = self._apposed_next(b, head)
        elif head in lex.anonymous or not (head in lex.public_roles or head in lex.roles):
            # "a ... professor who had hammered him ... David Brat, a professor at
            # Randolph-Macon College,": one the next sentences first name with that noun
            # beside the name; else, "a senior official said", no one named
            person = self._apposed_next(b, head) if t.lower[b] != "the" else None
        else:
            person = self._introduced_next(b) or self._apposed_next(b, head)
        if person is None:
            return source
        return _Source(
            source.start,
            source.end,
            person.name,
            source.written,
            person.kind,
            person.key,
            entity=person,
            by_role=True,
        )

    def _only_report_words(self, b: int, e: int) -> bool:
        t = self.t
        return all(
            t.lower[m] in self.lex.documents
            or t.lower[m] in _DETERMINERS
            or t.lower[m] in {"new", "latest", "recent", "exclusive", "first"}
            for m in range(b, e)
        )

    def _text(self, b: int, e: int) -> str:
        return self.t.text[self.t.starts[b] : self.t.ends[e - 1]]

    def _named(self, b: int, h: int, e: int, tail: tuple[int, int] | None) -> _Source | None:
        """A capitalised name: a person by surname, a body, a party's members."""
        t, lex = self.t, self.lex
        # The name is the capitalised run at the end of the head, after titles and roles.
        k = h
        while k > b and (self.is_name_word(k - 1) or (t.lower[k - 1] in _PARTICLES and k < h)):
            if t.possessive[k - 1] and k != h:
                break
            k -= 1
        k = self._titled_name(k, h) or k
        titles = {t.lower[m] for m in range(b, k)} & (TITLES | lex.roles | lex.public_roles)
        name = [t.words[m] for m in range(k, h)]
        if not name:
            return self._unnamed(b, h, e, tail)  # "the President said": a title alone
        lowered = tuple(t.lower[m] for m in range(k, h))
        written = " ".join(_clean(w) for w in name)
        if (
            lowered[-1] in {"republican", "democrat"}
            and tail is not None
            and t.lower[tail[0] - 1] == "of"
        ):
            return None  # "Republican of New York": what a person is, said beside the name
        if lowered[-1] in lex.groups:  # "Leading Democrats said"
            return _Source(
                b, e, self._text(b, h), "", "anonymous", "", entity=self._group(b), named=False
            )
        body = bool(
            set(lowered) & lex.organisation_words
            or lowered in lex.bodies
            or lowered[-1:] in {("house",), ("senate",)}
        )
        if not body and (lowered[-1] in TITLES or lowered[-1] in lex.roles):
            return self._unnamed(b, h, e, tail)  # "America's Toughest Sheriff", "the DNC Director"
        if len(lowered) == 1 and lowered[0] in self.acronyms:
            named = self.acronyms[lowered[0]]
            return _Source(b, e, named.name, written, named.kind, named.key, entity=named)
        possessor = any(t.possessive[m] for m in range(b, k))
        if (
            set(lowered) & lex.organisation_words
            or lowered in lex.bodies
            or (len(name) == 1 and name[0].isupper() and len(name[0]) > 1)
        ):
            # "the Observatory" after "the Syrian Observatory for Human Rights": that body.
            named_before = (
                self._body_named(lowered[0], b)
                if len(lowered) == 1 and t.lower[b] == "the" and b < k
                else None
            )
            organisation = named_before or self._body_entity(k, h)
            if possessor:  # "China's Foreign Ministry": the owner is part of its name
                full = self._text(b, h)
                return _Source(
                    b,
                    e,
                    full,
                    written,
                    "organisation",
                    _name_key(full.split()),
                    entity=organisation,
                )
            return _Source(
                b,
                e,
                organisation.name,
                written,
                organisation.kind,
                organisation.key,
                entity=organisation,
            )
        surname = self._surname_slot(name)
        entity = self.people.get(surname)
        if entity is not None and (
            len(name) == 1
            or _name_key(name).split()[0] == entity.key.split()[0]
            or len(entity.name.split()) == 1
        ):
            if titles - _COURTESY - {"the", "a", "an"}:
                entity.kind = "official"
            channel = None
            if tail is not None and t.lower[tail[0] - 1] in {"in", "of", "at", "for"}:
                org = self.org_at(self._skip_the(tail[0]), tail[1])
                channel = org[1] if org else None
            source = _Source(
                b, e, entity.name, written, entity.kind, entity.key, entity=entity, channel=channel
            )
            return source
        if len(name) == 1:
            # "Google said": a body, unless the article names a person of that name.
            known = self.bodies.get(_name_key(name))
            kind: AttributionKind = known.kind if known else "organisation"
            return _Source(
                b,
                e,
                known.name if known else written,
                written,
                kind,
                known.key if known else _name_key(name),
                entity=known,
                strong=known is not None,
            )
        person = self._person(name, titles, k)
        return _Source(b, e, person.name, written, person.kind, person.key, entity=person)

    def _titled_name(self, k: int, h: int) -> int:
        """Where the name starts in a run of titles and a name ("House Speaker Paul Ryan"),
        or 0 when the run has no title before a name."""
        t, lex = self.t, self.lex
        titled = [m for m in range(k, h - 1) if t.lower[m] in TITLES or t.lower[m] in lex.roles]
        if not titled:
            return 0
        start = titled[-1] + 1
        if set(t.lower[m] for m in range(start, h)) & lex.organisation_words:
            return 0
        return start

    def _body_entity(self, k: int, h: int) -> _Entity:
        key = _name_key([self.t.bare[m] for m in range(k, h) if self.t.lower[m] != "the"])
        return self.bodies.get(key) or self._body(k, h)

    def _group(self, at: int) -> _Entity:
        entity = _Entity(self.t.words[at], "anonymous", "", plural=True)
        entity.mentions.append(at)
        return entity

    def _common_body(self, b: int, h: int, e: int, tail: tuple[int, int] | None) -> _Source | None:
        """'the campaign', "China's commerce ministry", 'the hospital' (named before)."""
        t = self.t
        head = t.lower[h - 1]
        text = self._text(
            b, e if tail is None or t.lower[tail[0] - 1] in {"of", "in", "for"} else h
        )
        definite = t.lower[b] in {"the", "this"} and not any(
            t.cap[m] and t.is_word[m] and t.lower[m] != "the" for m in range(b, h)
        )
        if (
            head
            in {
                "paper",
                "newspaper",
                "magazine",
                "outlet",
                "station",
                "channel",
                "network",
                "site",
                "website",
                "broadcaster",
            }
            and definite
        ):
            outlet = next((ent for at, ent in reversed(self.outlets) if at < b), None)
            if outlet is None:
                return None
            return _Source(b, e, outlet.name, outlet.key, outlet.kind, outlet.key, entity=outlet)
        if definite:
            named = self._body_named(head, b) or self._latest_body(head, b)
            if named is not None:
                return _Source(
                    b, e, named.name, self._text(b, h), named.kind, named.key, entity=named
                )
        possessor = next((m for m in range(b, h) if t.possessive[m]), None)
        if possessor is not None and self.is_name_word(possessor):
            owner = self.people.get(t.lower[possessor])
            if owner is not None:
                text = owner.name + "'s " + self._text(possessor + 1, h)
        elif (
            possessor is not None
            and t.lower[b] == "the"
            and t.lower[possessor] in self.lex.public_roles
        ):
            # "the Republican governor's campaign": the governor named before.
            person = self._role_named(
                t.lower[possessor], b, {t.lower[m] for m in range(b + 1, possessor)}
            )
            if person is not None:
                text = person.name + "'s " + self._text(possessor + 1, h)
        entity = _Entity(text, "organisation", _name_key(text.split()))
        entity.mentions.append(b)
        return _Source(
            b, e, text, self._text(b, h), "organisation", entity.key, entity=entity, named=False
        )

    def _latest_body(self, head: str, before: int) -> _Entity | None:
        """ "the agency" after "the IRS": the latest organisation named in this sentence or the
        two before it, for a government body's head that names no word of its name."""
        if head not in _GENERIC_BODIES:
            return None
        t = self.t
        floor = t.sent_start[max(0, t.sent[before] - 2)]
        candidates = [
            (ent.named_before(before), ent)
            for ent in self.bodies.values()
            if ent.kind == "organisation"
            and not ent.plural
            and len(ent.name) > 2  # not "AI"
            and not (ent.name.isupper() and len(ent.name) > 4)  # not a dateline's "MUMBAI"
        ]
        candidates = [c for c in candidates if c[0] >= floor]
        return max(candidates, key=lambda c: c[0])[1] if candidates else None

    def _body_named(self, head: str, before: int) -> _Entity | None:
        """The latest body named before token `before` whose name has the word `head`."""
        candidates = [(ent.named_before(before), ent) for ent in self.heads.get(head, ())]
        candidates = [c for c in candidates if c[0] >= 0]
        return max(candidates, key=lambda c: c[0])[1] if candidates else None

    def _unnamed(self, b: int, h: int, e: int, tail: tuple[int, int] | None) -> _Source | None:
        """'a spokesman', 'three senior officials', 'the governor' (named before), 'critics'."""
        t, lex = self.t, self.lex
        head = t.lower[h - 1]
        first = t.lower[b]
        # "the leaders of the Senate intelligence committee": the committee speaking.
        if (
            tail is not None
            and t.lower[tail[0] - 1] == "of"
            and head
            in {
                "leaders",
                "members",
                "heads",
                "chairs",
                "leadership",
                "head",
                "leader",
                "chairman",
                "chairwoman",
            }
            and head.endswith("s")
        ):
            inner = self._one(*tail)
            if inner is not None and inner.kind == "organisation":
                inner.start = b
                return inner
        definite = first in {"the", "this"}
        if (
            definite
            and not head.endswith("s")
            and (head in lex.public_roles or head in lex.roles)
            and tail is None
        ):
            person = self._role_named(
                head,
                b,
                {t.lower[m] for m in range(b + 1, h)},
                qualified=any(t.cap[m] and t.is_word[m] for m in range(b + 1, h - 1)),
            )
            if person is not None:
                return _Source(
                    b,
                    e,
                    person.name,
                    self._text(b, h),
                    person.kind,
                    person.key,
                    entity=person,
                    by_role=True,
                )
        text = self._text(b, e)
        plural = (
            head.endswith("s")
            or head
            in {
                "people",
                "police",
                "authorities",
                "staff",
                "team",
                "majority",
                "handful",
                "chorus",
                "number",
            }
            or first in {"some", "many", "most", "several", "other", "both", "all"}
        )
        if head in {"prosecutors", "police"} and first not in {
            "two",
            "three",
            "several",
            "some",
            "many",
        }:
            return _Source(
                b, e, text, self._text(b, h), "organisation", _name_key(text.split()), named=False
            )
        role_only = not plural
        entity = _Entity(text, "anonymous", "", plural=plural)
        entity.mentions.append(b)
        return _Source(
            b,
            e,
            text,
            self._text(b, h),
            "anonymous",
            "",
            role_only=role_only,
            entity=entity,
            named=False,
        )

    def _apposed_next(self, b: int, head: str) -> _Entity | None:
        """The one person first named in the two sentences after token `b`'s with `head` set
        beside the name ("Representative Tim Ryan, a 43-year-old congressman from ...")."""
        people = self._apposed_heads().get(head)
        if not people:
            return None
        t = self.t
        sentence = t.sent[b]
        later = [
            p
            for p in people.values()
            if p.mentions and min(p.mentions) > b and 0 < t.sent[min(p.mentions)] - sentence <= 2
        ]
        return later[0] if len(later) == 1 else None

    def _introduced_next(self, b: int) -> _Entity | None:
        """'A two-term Republican congressman ... said Friday he would run. Raul Labrador, ...':
        the news lead's delayed name. A role no one before it holds is the person whose
        first mention opens the next sentence."""
        t = self.t
        sentence = t.sent[b]
        if sentence + 1 >= len(t.sent_start):
            return None
        s0 = t.sent_start[sentence + 1]
        opening = range(s0, min(s0 + 5, t.sent_end[sentence + 1]))
        for person in self.people.values():
            first = min(person.mentions, default=-1)
            if first in opening and person.kind in {"person", "official"}:
                return person
        return None

    def _role_named(
        self, head: str, before: int, modifiers: set[str], *, qualified: bool = False
    ) -> _Entity | None:
        """'the president' -> the person the article gave that title; else, for a public role,
        the latest person who spoke."""
        synonyms = self.lex.role_synonyms.get(head, frozenset({head}))
        best: tuple[int, _Entity] | None = None
        for person in self.people.values():
            at = person.named_before(before)
            if at >= 0 and person.descriptors & synonyms and (best is None or at > best[0]):
                best = (at, person)
        if best is not None:
            return best[1]
        if head not in self.lex.public_roles and not modifiers & self.lex.public_roles:
            return None
        sentence = self.t.sent[before]
        # "negative reactions to Michael Steele, after the RNC chairman said": the person
        # just named, when nothing said of them contradicts the role.
        floor = self.t.sent_start[max(0, sentence - 1)]
        near = [(p.named_before(before), p) for p in self.people.values()]
        near = [n for n in near if n[0] >= floor and not (n[1].descriptors - _COURTESY - {"party"})]
        # "Donald Trump ripped President Obama and Hillary Clinton for ... . The presumptive
        # Republican presidential nominee went so far as to say": the one who spoke there,
        # the centre of that sentence, before one only spoken of.
        if len(near) > 1:
            spoke = set()
            for said_in, _, e in reversed(self.speakers):
                if sentence - said_in > 1:
                    break
                spoke.add(id(e))
            near = [n for n in near if id(n[1]) in spoke] or near
        if near:
            return max(near, key=lambda n: n[0])[1]
        for said_in, _, entity in reversed(self.speakers):
            # "the DNC communications director": not whoever spoke last; but "..., the Texas
            # governor continues" right after his own words is the one quoted.
            if sentence - said_in > (2 if qualified else 8):
                break
            if entity.kind in {"person", "official"}:
                return entity
        return None

    def _pronoun(self, i: int) -> _Source | None:
        return self._pronoun_of(self.t.lower[i], i)

    def _pronoun_of(self, pronoun: str, i: int) -> _Source | None:
        """'he said' -> the speaker it points back to: this sentence's subject, else the
        latest speaker, else the last sentence's subject."""
        t = self.t
        kind = self.lex.pronouns[pronoun]
        sentence = t.sent[i]
        entity: _Entity | None = None
        if kind == "person":
            want = _PRONOUN_GENDER.get(pronoun, "")
            s0 = t.sent_start[sentence]
            subject = self._main_subject(sentence) if i > s0 + 1 else []
            if (
                subject
                and subject[0].start < i
                and subject[0].kind in {"person", "official"}
                and self._fits(subject[0].entity, want)
                # "Schumer and Pelosi met Trump, when he said": not one of a pair
                and len(subject) == 1
            ):
                entity = subject[0].entity
            if entity is None:
                entity = self._latest_person(i, sentence, want)
        else:
            for said_in, at, ent in reversed(self.speakers):
                if sentence - said_in > (3 if kind == "body" else 2):
                    break
                if at >= i:
                    continue
                if (
                    kind == "body"
                    and ent.kind in {"organisation", "document", "wire", "outlet"}
                    and not ent.plural
                ):
                    entity = ent
                    break
                if kind == "group" and (ent.plural or ent.kind == "organisation"):
                    entity = ent
                    break
        if entity is None:
            return None
        return _Source(
            i,
            i + 1,
            entity.name,
            entity.name if entity.kind != "anonymous" else "",
            entity.kind,
            entity.key,
            entity=entity,
        )

    def _latest_person(self, i: int, sentence: int, want: str = "") -> _Entity | None:
        """The person a reader takes "he" for: the latest who spoke or opened a sentence within
        the last few sentences, else the latest named in the last two; never one the text
        shows to be of the other gender ("she" after "Mr. Brown" is someone else)."""
        t = self.t
        best: tuple[int, _Entity] | None = None
        for said_in, at, ent in reversed(self.speakers):
            if sentence - said_in > 8:
                break
            if ent.kind in {"person", "official"} and at < i and self._fits(ent, want):
                best = (at, ent)
                break
        for back in range(1, 9):
            if sentence - back < 0 or (best is not None and t.sent_end[sentence - back] <= best[0]):
                break
            subject = self._main_subject(sentence - back)
            if (
                subject
                and subject[0].kind in {"person", "official"}
                and subject[0].entity is not None
            ):
                if not self._fits(subject[0].entity, want):
                    continue
                if best is None or subject[0].start > best[0]:
                    best = (subject[0].start, subject[0].entity)
                break
        if best is not None:
            return best[1]
        floor = t.sent_start[max(0, sentence - 2)]
        named = [(p.named_before(i), p) for p in self.people.values() if self._fits(p, want)]
        named = [n for n in named if n[0] >= floor]
        return max(named, key=lambda n: n[0])[1] if named else None

    def _fits(self, entity: _Entity | None, want: str) -> bool:
        """Whether a pronoun of gender `want` ("m", "f", "" for any) can stand for `entity`."""
        return not want or entity is None or self._gender(entity) in ("", want)

    def _gender(self, entity: _Entity) -> str:
        """ "m", "f" or "": what the article itself says of a person (see _MALE_WORDS)."""
        if entity.gender is not None:
            return entity.gender
        t = self.t
        if self._person_mentions is None:
            self._person_mentions = {m: p.key for p in self.people.values() for m in p.mentions}
        others = self._person_mentions
        male = 3 * len(entity.descriptors & _MALE_WORDS)
        female = 3 * len(entity.descriptors & _FEMALE_WORDS)
        for m in entity.mentions:
            before = {t.lower[k] for k in range(max(0, m - 2), m)}
            male += 3 * len(before & _MALE_WORDS)
            female += 3 * len(before & _FEMALE_WORDS)
            # The first pronoun after the name, before anyone else is named or quoted.
            end = min(t.sent_end[t.sent[m]], m + _GENDER_WINDOW)
            for k in range(m + 1, end):
                if t.words[k] in _QUOTES_OPEN or others.get(k, entity.key) != entity.key:
                    break
                if t.lower[k] in _MALE_WORDS and t.lower[k] in _PRONOUN_WORDS:
                    male += 1
                    break
                if t.lower[k] in _FEMALE_WORDS and t.lower[k] in _PRONOUN_WORDS:
                    female += 1
                    break
        entity.gender = "m" if male > female else "f" if female > male else ""
        return entity.gender

    # ------------------------------------------------------------------ names the article gave
    def _surname_not_outlet(self, k: int, end: int) -> bool:
        """'Fox said' after 'Vicente Fox', 'Bloomberg said' after 'Michael Bloomberg': a bare
        word that is both an outlet's alias and the surname of a person named before is the
        person, as a reader takes it."""
        t = self.t
        if end - k != 1 or (k and t.lower[k - 1] == "the"):
            return False
        person = self.people.get(t.bare[k].lower())
        return (
            person is not None
            and len(person.name.split()) > 1
            and person.kind in {"person", "official"}
            and person.named_before(k) >= 0
        )

    def _outlet_named_before(self, b: int, k: int, e: int) -> _Source | None:
        """'the Times' after 'The New York Times', 'the paper' after any newspaper: the outlet
        the article named before, not a new body."""
        t = self.t
        if k != b + 1 or e != k + 1 or t.lower[b] != "the":
            return None
        word = t.bare[k].lower()
        for at, entity in reversed(self.outlets):
            if at >= b:
                continue
            if t.cap[k] and entity.name.split()[-1].lower() == word and entity.kind == "outlet":
                break
            if not t.cap[k] and word in _OUTLET_NOUNS and entity.kind == "outlet":
                break
        else:
            return None
        return _Source(b, e, entity.name, entity.key, entity.kind, entity.key, entity=entity)

    def _group_reference(self, b: int, e: int) -> list[_Source]:
        """'they said', 'the senators said', 'both of them' after people named together
        ('Adam Driggs, Steve Pierce and Bob Worsley'): one source per person of the list."""
        t, lex = self.t, self.lex
        words = t.lower[b:e]
        plural_noun = (
            len(words) == 2
            and words[0] in {"the", "both"}
            and words[1].endswith("s")
            and (words[1] in lex.anonymous or words[1][:-1] in lex.roles)
        )
        if (
            len(words) == 2
            and words[0] in {"those", "these", "the"}
            and words[1].endswith("s")
            and words[1] in lex.organisations
        ):
            return self._members_named(b, e, words[1])
        if not (words in (["they"], ["both", "of", "them"]) or plural_noun):
            return []
        listed = self._latest_list(b)
        if len(listed) < 2 and words == ["they"]:
            listed = self._counted_list(b)
        if len(listed) < 2:
            return []
        last = max(ent.named_before(b) for ent in listed)
        if words == ["they"]:
            other = self._pronoun(b)  # a body or group that spoke since the list was named
            if (
                other is not None
                and other.entity is not None
                and other.entity.named_before(b) > last
            ):
                return []
        return [_Source(b, e, ent.name, ent.name, ent.kind, ent.key, entity=ent) for ent in listed]

    def _members_named(self, b: int, e: int, noun: str) -> list[_Source]:
        """'the huge computer servers at Google, Microsoft, Facebook and similar companies.
        Those firms have denied': bodies the sentence before named as members of a kind of
        body ("A, B and other companies", "companies like A and B"); one source each."""
        t, lex = self.t, self.lex
        floor = t.sent_start[max(0, t.sent[b] - 1)]
        for k in range(b - 1, floor, -1):
            low = t.lower[k]
            if not (low.endswith("s") and low in lex.organisations and not t.cap[k]):
                continue
            if t.lower[k - 1] in {"other", "similar"} and k >= 2 and t.lower[k - 2] == "and":
                names = self._name_list_before(k - 2, floor)  # "A, B, C and similar companies"
            elif k + 1 < b and t.lower[k + 1] in {"like", "including"}:
                names = self._name_list_after(k + 2, t.sent_end[t.sent[k]])  # "companies like A"
            else:
                continue
            if len(names) < 2:
                return []
            sources = []
            for n0, n1 in names:
                text = self._text(n0, n1)
                entity = self.bodies.get(_name_key(text.split()))
                key = entity.key if entity is not None else _name_key(text.split())
                sources.append(_Source(b, e, text, text, "organisation", key, entity=entity))
            return sources
        return []

    def _name_list_before(self, k: int, floor: int) -> list[tuple[int, int]]:
        """The capitalised names listed with commas ending at token `k` (exclusive)."""
        t = self.t
        names: list[tuple[int, int]] = []
        end = k
        while end > floor:
            start = end
            while start - 1 >= floor and t.is_word[start - 1] and t.cap[start - 1]:
                start -= 1
            if start == end or not all(self.is_name_word(m) for m in range(start, end)):
                break
            names.insert(0, (start, end))
            if start - 1 < floor or t.words[start - 1] != ",":
                break
            end = start - 1
        return names

    def _name_list_after(self, k: int, limit: int) -> list[tuple[int, int]]:
        """The capitalised names listed with commas and "and" from token `k`."""
        t = self.t
        names: list[tuple[int, int]] = []
        start = k
        while start < limit:
            end = start
            while end < limit and t.is_word[end] and t.cap[end] and self.is_name_word(end):
                end += 1
            if end == start:
                break
            names.append((start, end))
            if end < limit and t.words[end] == ",":
                end += 1
            if end < limit and t.lower[end] == "and":
                end += 1
            elif not (end > start and t.words[end - 1] == ","):
                break
            start = end
        return names

    def _latest_list(self, i: int) -> list[_Entity]:
        """The people of the latest list of names ("A, B and C", "A and Sen. B") within this
        sentence and the two before, or []."""
        t = self.t
        floor = t.sent_start[max(0, t.sent[i] - 2)]
        seen: dict[int, _Entity] = {}
        for ent in self.people.values():
            seen[id(ent)] = ent
        mentions = sorted(
            (m, ent)
            for ent in seen.values()
            if ent.kind in {"person", "official"}
            for m in ent.mentions
            if floor <= m < i
        )
        lists = [chain for chain in self._lists_of(mentions) if len(chain) >= 2]
        return lists[-1] if lists else []

    def _lists_of(self, mentions: Sequence[tuple[int, _Entity]]) -> Iterator[list[_Entity]]:
        """The people of each run of `mentions` (in text order) listed together, in order."""
        chain: list[_Entity] = []
        previous = -1
        for m, ent in mentions:
            if previous >= 0 and self._listed_together(previous, m):
                if ent not in chain:
                    chain.append(ent)
            else:
                if chain:
                    yield chain
                chain = [ent]
            previous = m
        if chain:
            yield chain

    def _counted_list(self, i: int) -> list[_Entity]:
        """'five past and present Missouri Republican senators urged Akin to step aside. In a
        statement ..., they said ... The statement came from Missouri Sen. Roy Blunt, and former
        Sens. John Ashcroft, Kit Bond, John Danforth and Jim Talent': "they" is a group counted
        just before, whose members the article lists just after; only a list of as many names
        as the count is that group."""
        t, lex = self.t, self.lex
        sentence = t.sent[i]
        floor = t.sent_start[max(0, sentence - 3)]
        count = 0
        for k in range(i - 1, floor - 1, -1):
            if t.lower[k] not in _NUMBER_WORDS_VALUE:
                continue
            # the count, then modifiers, then a plural head for people
            for m in range(k + 1, min(i, k + 8)):
                low = t.lower[m]
                if low.endswith("s") and (low in lex.anonymous or low[:-1] in lex.roles):
                    count = _NUMBER_WORDS_VALUE[t.lower[k]]
                    break
                if (
                    not t.is_word[m]
                    or low in _DETERMINERS | _POSSESSIVE_DETERMINERS | _PREPOSITIONS
                    or low in lex.cues
                    or _looks_finite(low)
                ):
                    break
            if count:
                break
        if not count:
            return []
        ceiling = t.sent_end[min(len(t.sent_start) - 1, sentence + 3)]
        mentions = sorted(
            (m, ent)
            for ent in {id(p): p for p in self.people.values()}.values()
            if ent.kind in {"person", "official"}
            for m in ent.mentions
            if i < m < ceiling
        )
        return next((chain for chain in self._lists_of(mentions) if len(chain) == count), [])

    def _listed_together(self, m1: int, m2: int) -> bool:
        """Whether the names starting at `m1` and `m2` are items of one list: only commas,
        "and", titles, roles and party tags between them, in one sentence."""
        t, lex = self.t, self.lex
        if t.sent[m1] != t.sent[m2]:
            return False
        k = m1
        while k < m2 and (self.is_name_word(k) or t.lower[k] in _PARTICLES):
            k += 1
            if t.possessive[k - 1]:
                return False
        gap = range(k, m2)
        if not gap or len(gap) > 6:
            return False
        joined = False
        for g in gap:
            low = t.lower[g]
            if low in {",", "and", "&"}:
                joined = True
            elif not (
                low in {"(", ")", "former", "also"}
                or low in TITLES
                or low in lex.roles
                or _PARTY_TAG.match(t.words[g])
                or self.is_name_word(g)
                or low == "."
            ):
                return False
        return joined

    # ------------------------------------------------------------------ channels and records
    def _channel(self, v: int, ve: int, s0: int, s1: int) -> NewsOrganisation | None:
        """The outlet a source spoke through: 'told CNN', 'in an email to The Associated
        Press', 'in an interview with Fox News', 'said on "Fox News Sunday"', 'when
        contacted by Reuters'."""
        t = self.t
        lo = s0
        hi = min(s1, ve + 16)
        for k in range(lo, hi):
            low = t.lower[k]
            if (k == v and t.lower[v] == "told") or (
                low in {"told", "to", "with", "on", "by"} and (k > v or (k < v and abs(v - k) < 25))
            ):
                m = k + 1
                while m < hi and (
                    t.words[m] in _QUOTES_OPEN or t.lower[m] == "the" or t.lower[m] == "talk"
                ):
                    m += 1
                if m >= hi:
                    continue
                if low == "by" and not (
                    k
                    and t.lower[k - 1]
                    in {"contacted", "reached", "interviewed", "asked", "approached", "questioned"}
                ):
                    continue
                org = self.org_at(m) or _org_at(t, m, self.n, self.index, programs=True)
                if org is not None:
                    return org[1]
        return None

    def _record(self, start: int, end: int, cue: str, source: _Source, token: int) -> _Found | None:
        sentence = self.t.sent[token]
        found = _Found(start, end, cue, source, sentence, channel=source.channel)
        self.found.append(found)
        if source.entity is not None:
            self.speakers.append((sentence, token, source.entity))
        return found


# ----------------------------------------------------------------------- credits by regex
_LIST = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+&\s+)"


@lru_cache(maxsize=16)
def _credit_patterns(
    alias_items: tuple[tuple[str, str], ...],
) -> tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...]:
    """Credit lines and datelines: "Credited from: REUTERS", "(With inputs from PTI)",
    "- PTI" closing a line, "(Reuters) -" opening a story; each with a word the text must hold
    for it to match, when one is cheaper to look for than the pattern (None: always tried)."""
    names = {k for k, _ in alias_items} | set(AGENCY_CREDITS)
    for org in news_organisations():
        names |= {org.name, *org.aliases}
    alternation = "|".join(
        r"\s+".join(re.escape(w) for w in name.split())
        for name in sorted(names, key=len, reverse=True)
    )
    known = rf"(?:(?i:the)\s+)?(?<![\w-])(?i:{alternation})(?![\w-])"
    listed = rf"(?P<src>{known}(?:{_LIST}{known}){{0,7}})"
    return tuple(
        (cue, re.compile(pattern), _CREDIT_WORDS if needs else None)
        for cue, pattern, needs in (
            (
                "credited from",
                r"(?i:credited\s+from\s*:?|\(?\s*with\s+(?:additional\s+)?inputs?\s+from)"
                rf"\s*{listed}(?:\s*\))?",
                True,
            ),
            ("credited from", rf"(?m:^)\s*(?i:source|sources|courtesy)\s*:\s*{listed}", False),
            ("credited from", rf"(?<!\w)[-–—]\s*(?P<src>{known})\s*(?m:$)", False),
            ("dateline", rf"\(\s*(?P<src>{known})\s*\)\s*[-–—]", False),
        )
    )


# What the first credit pattern cannot match without: it may start anywhere ("\(?\s*with"), so
# trying it at every character costs more than one look for its words.
_CREDIT_WORDS = re.compile(r"(?i:credited|input)")


_REPORTEDLY = re.compile(r"\b(?i:reportedly)\b")
_LIST_SPLIT = re.compile(_LIST)


def _credits(text: str, aliases: Mapping[str, str]) -> list[tuple[int, int, str, NewsOrganisation]]:
    found = []
    for cue, pattern, needs in _credit_patterns(_alias_items(aliases)):
        if needs is not None and needs.search(text) is None:
            continue
        for m in pattern.finditer(text):
            for name in _LIST_SPLIT.split(m["src"]):
                org = news_organisation(name, aliases=aliases)
                if org is not None:
                    found.append((m.start(), m.end(), cue, org))
    return found


# ----------------------------------------------------------------------------- the API
def find_attributions(text: str, *, aliases: Mapping[str, str]) -> tuple[Attribution, ...]:
    """Every attribution in `text`, in order of appearance.

    `aliases` maps a lower-cased outlet name ("channel news asia", "cna") to an outlet id;
    the shipped registry (organisations.toml) names the common agencies and outlets besides.
    A phrase naming several sources ("according to CNA and Reuters") gives one record each,
    all with the phrase as `raw`; one source named twice in a sentence gives one record.
    """
    return tuple(a for _, _, a in attribution_spans(text, aliases=aliases))


def attribution_spans(
    text: str, *, aliases: Mapping[str, str]
) -> tuple[tuple[int, int, Attribution], ...]:
    """Like `find_attributions`, with each record's (start, end) in `text`.

    For callers that split a text and need to know which part each attribution sits in.
    The whole text is read at once, so "he said" finds its speaker and "Menear said" is the
    "Craig Menear" named before.
    """
    reader = _Reader(text, aliases)
    found = reader.read()
    t = reader.t
    records: list[tuple[int, int, int, Attribution]] = []  # sentence, start, end, record
    for f in found:
        records.append((t.sent[_token_at(t, f.start)], f.start, f.end, _attribution(f, text)))
    for start, end, cue, org in _credits(text, aliases):
        kind: AttributionKind = org.kind
        record = Attribution(
            org.id,
            "outlet" if kind != "organisation" else "organisation",
            cue,
            text[start:end],
            org.name,
            kind,
            org.id,
        )
        records.append((t.sent[_token_at(t, start)] if t.words else 0, start, end, record))
    spans = [(s, e) for _, s, e, _ in records]
    for m in _REPORTEDLY.finditer(text):
        # "X reportedly told Y": the hedge belongs to X's attribution, not a source of its own.
        if not any(s <= m.start() and m.end() <= e for s, e in spans):
            sentence = t.sent[_token_at(t, m.start())] if t.words else 0
            records.append(
                (
                    sentence,
                    m.start(),
                    m.end(),
                    Attribution("", "anonymous", "reportedly", m.group(0), "", "anonymous"),
                )
            )
    records.sort(key=lambda r: (r[1], r[2]))
    seen: set[tuple[int, str]] = set()
    out: list[tuple[int, int, Attribution]] = []
    for sentence, start, end, record in records:
        identity = (
            sentence,
            record.key or "~" + record.source.lower() + record.cue * (record.cue == "reportedly"),
        )
        if identity in seen:
            continue
        seen.add(identity)
        out.append((start, end, record))
    return tuple(out)


def _token_at(t: _Tokens, offset: int) -> int:
    """The token that starts at or covers character `offset`."""
    lo, hi = 0, len(t.starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if t.starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _attribution(f: _Found, text: str) -> Attribution:
    """The record of one finding, with the legacy view (`cited`, `kind`) beside the source."""
    source = f.source
    raw = text[f.start : f.end]
    channel = f.channel.id if f.channel is not None else ""
    kind = source.kind
    cue = f.cue
    legacy: AttributionKind
    if channel or kind in {"wire", "outlet"}:
        cited, legacy = (channel or source.key), "outlet"
    elif kind == "anonymous":
        if source.role_only:
            cited, legacy = source.written, "person"
        else:
            cited, legacy = "", "anonymous"
            if cue in _LEGACY_SOURCES_SAID:
                cue = "sources said"
    elif kind in {"person", "official"}:
        cited, legacy = source.written, "person"
    else:
        cited, legacy = source.written, "organisation"
    return Attribution(
        cited=cited,
        kind=legacy,
        cue=cue,
        raw=raw,
        source=source.name,
        source_kind=kind,
        key=source.key,
        channel=channel,
    )
