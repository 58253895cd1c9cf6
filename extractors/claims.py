"""Break an article's text into checkable claims, normalised for matching across outlets."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from wiretrace.extractors.attributions import attribution_spans
from wiretrace.extractors.datelines import Dateline, read_dateline
from wiretrace.extractors.quantities import format_quantity, parse_quantities
from wiretrace.extractors.segments import pysbd_segments
from wiretrace.records import Article, Attribution, Claim, Quantity, stable_id

# Titles and honorifics that end with a full stop but never end a sentence.
TITLE_ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "shri", "smt", "sri", "st", "gen", "col", "lt", "capt",
        "maj", "brig", "sgt", "hon", "govt", "dept", "rs", "messrs", "rev", "sen", "rep", "gov",
        "supt", "insp", "adv", "er", "jr", "sr", "cmdr", "adm", "sens", "reps", "govs"
    }
)  # fmt: skip
# Abbreviations that end a sentence unless a figure follows: "ranked No. 2", "on Dec. 12".
NUMBER_ABBREVIATIONS = frozenset(
    {
        "no", "nos", "vol", "fig", "art", "sec", "para", "jan", "feb", "mar", "apr", "jun", "jul",
        "aug", "sep", "sept", "oct", "nov", "dec"
    }
)  # fmt: skip
# Abbreviations that end a sentence only before a word that opens one: initials and dotted
# acronyms ("J.K. Rowling", "the U.S. Capitol", "8 p.m. ET"), states and party-state labels
# ("AUGUSTA, Me. —", "Rep. Ilhan Omar, D-Minn."), company forms ("Apple Inc. Chief").
STATE_ABBREVIATIONS = frozenset(
    {
        "ala", "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan",
        "ky", "la", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla",
        "ore", "pa", "tenn", "tex", "va", "vt", "wash", "wis", "wyo", "me"
    }
)  # fmt: skip
COMPANY_ABBREVIATIONS = frozenset({"inc", "corp", "co", "ltd", "bros", "plc", "llc"})
SENTENCE_OPENERS = frozenset(
    {
        "i", "it", "the", "a", "an", "this", "that", "these", "those", "there", "he", "she",
        "we", "they", "you", "his", "her", "its", "our", "their", "my", "but", "and", "so", "or",
        "yet", "nothing", "if", "when", "as", "after", "before", "what", "why", "how", "who",
        "now", "then", "still", "instead", "in", "on", "at"
    }
)  # fmt: skip
_LAST_WORD = re.compile(r"([A-Za-z][\w.-]*)\.[\"'”’)]*$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]|[A-Z]-[A-Za-z.]+")
_FIRST_WORD = re.compile(r"[\"“‘'(\[]*([A-Za-z]+)")
# A quotation's end mark and then its speaker: '"..., right?" Reid said.'
_SPEECH_TAG = re.compile(
    r"(?:[A-Z][\w’'.-]*\s+){1,4}(?:said|says|asked|asks|added|adds|continued|told|wrote"
    r"|tweeted|replied|recalled|explained|noted|declared|insisted|argued|warned)"
    r"(?:\s+(?:on|in|at)\s+[\w’'-]+)?\s*[.,;]"
)
_QUOTE_END = re.compile(r"[.?!,][\"”’']$")
_DOUBLE_QUOTE = re.compile(r"[“”\"]")
# pysbd keeps a quotation whole only when its marks pair up on one segment; these are the
# ends it misses next to quotation marks and brackets ('life," Sanders said. "However, ...').
_END_BESIDE_QUOTE = re.compile(r"[.?!](?:[\"”’)]+\s+|\s+(?=[“\"(]))(?=[“\"(‘]?[A-Z])")

CAPTION = re.compile(
    r"^(?:\d+\s+of\s+\d+\.?$|(?:FILE\s+)?PHOTO\b|(?i:file\s+photo)\b"
    r"|(?i:photo|image|picture|video|graphic|illustration|caption)s?\s*(?::|\(|credit\b))"
    r"|\b(?:REUTERS|AFP|AP|PTI|ANI|Reuters)/[A-Z]"
)
BYLINE = re.compile(
    r"^\(?(?:By\s+[A-Z]|BY\s+[A-Z]"
    r"|(?i:(?:additional\s+)?reporting|writing|editing|compiled|edited|written|produced)\s+by\b)"
)
CREDIT_LINE = re.compile(
    r"^\(?\s*(?i:with\s+(?:additional\s+)?inputs?\s+from|sources?\s*:|courtesy\b|credited\s+from"
    r"|credits?\s*:|©|copyright\b)"
    r"|^[-–—]\s*[A-Za-z]+\)?\.?$|^\(\s*[A-Za-z]+\s*\)\.?$"
)
PROMPT = re.compile(
    r"^[\W_]*(?i:sign\s+up|subscribe|read\s+more|read\s+also|also\s+read|click\s+here"
    r"|catch\s+all\s+the|download\s+the|follow\s+us|get\s+the\s+latest|watch\s*:|listen\s*:"
    r"|related\s*:|recommended|don'?t\s+miss|trending|advertisement|share\s+this|join\s+our"
    r"|for\s+more\s+(?:news|updates|stories))\b"
)
_QUESTION = re.compile(r"\?[\"'”’)\]]*$")
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# Verb-ish evidence, loosely: an auxiliary, a past form, an infinitive, a third-person verb.
_AUXILIARIES = frozenset(
    {
        "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does",
        "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "said",
        "says"
    }
)  # fmt: skip
# News leans on irregular pasts that no suffix rule sees: "a quake struck", "shares fell".
_IRREGULAR_VERBS = frozenset(
    {
        "struck", "hit", "won", "lost", "rose", "fell", "took", "made", "sold", "bought", "cut",
        "paid", "got", "gave", "left", "led", "met", "ran", "saw", "told", "went", "came", "grew",
        "began", "became", "found", "held", "kept", "brought", "built", "sent", "spent", "shot",
        "put", "set", "quit", "drew", "drove", "flew", "threw", "wrote", "spoke", "broke", "chose",
        "stood", "sought", "fought", "caught", "taught", "thought", "meant", "read", "heard",
        "knew", "shut", "split", "spread", "bore", "tore", "wore", "swore", "beat", "bid", "let",
        "rang", "sang", "sank", "slid", "stuck", "stole", "swept", "swung", "wound", "arose",
        "overtook", "undertook", "withdrew"
    }
)  # fmt: skip
_PAST_OR_INFINITIVE = re.compile(r"\b[a-z]{2,}ed\b|\bto\s+[a-z]{2,}\b")
# "Meta buys", "the scenario highlights": an -s word after anything but a determiner or
# preposition, which would make it a plural noun ("the companies", "of startups").
_THIRD_PERSON = re.compile(
    r"\b(?!(?i:the|a|an|its|their|his|her|our|your|these|those|many|some|all|other|of|for"
    r"|with|and|or|in|on|at|by|to|from|into|about|several|few|more|most|such|no)\b)"
    r"[\w'’-]+\s+[a-z]{2,}[^s\W]s\b"
)
MIN_CLAIM_WORDS = 6

# Normalisation: quotes and dashes to one form, acronyms without dots, tokens to keep.
_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"', "‟": '"'}
)
_DASHES = re.compile(r"[‐‑‒–—―−﹘﹣－]")
_DOTTED_ACRONYM = re.compile(r"\b((?:[A-Za-z]\.){2,})")
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+(?:['-][^\W_]+)*")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`; `text[start:end]` is the sentence, stripped.

    Lines split first (a paragraph never runs across a newline in extracted text), then
    pysbd inside each line, then a repair: no end inside a quotation (however its marks are
    typed, or when it runs on to the end of the paragraph) or before its speech tag ('...?"
    Reid said.'), after a title ("Smt. Sharma", "Texas Gov. Greg Abbott"), an initial or
    acronym ("J.K. Rowling", "8 p.m. ET"), a state ("D-Minn."), a ticker's dot (".DJI fell");
    and an end where a sentence closes beside a quotation mark that pysbd ran on past.
    """
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        cursor = line.start()
        line_spans: list[tuple[int, int]] = []
        for segment in pysbd_segments(line.group(0)):  # pysbd's own, found faster
            piece = segment.strip()
            if not piece:
                continue
            found = text.find(piece, cursor, line.end())
            if found < 0:
                # pysbd changed the text after all: keep the rest of the line whole.
                rest = text[cursor : line.end()]
                lead = len(rest) - len(rest.lstrip())
                if rest.strip():
                    line_spans.append((cursor + lead, cursor + lead + len(rest.strip())))
                cursor = line.end()
                break
            line_spans.append((found, found + len(piece)))
            cursor = found + len(piece)
        spans.extend(_repair(text, line_spans, _quotations(text, line.start(), line.end())))
    return spans


def _quotations(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of double-quoted passages in text[start:end]: opening mark through closing mark,
    or to the end of the line when it is not closed (a quote running on into the next)."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for mark in _DOUBLE_QUOTE.finditer(text, start, end):  # the marks only, not every character
        i, char = mark.start(), mark.group()
        if char == "“" and opened is None:
            opened = i
        elif char == "”" and opened is not None:
            spans.append((opened, i + 1))
            opened = None
        elif char == '"':
            before = text[i - 1] if i > start else " "
            if opened is None and (before.isspace() or before in "([—–-"):
                opened = i
            elif opened is not None:
                spans.append((opened, i + 1))
                opened = None
    if opened is not None:
        spans.append((opened, end))
    return spans


def _repair(
    text: str, spans: list[tuple[int, int]], quoted: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Split where pysbd ran past an end beside a quotation mark, then join pieces that are
    not sentences of their own (a title's, initial's or ticker's dot, a quotation's inside)."""
    pieces: list[tuple[int, int]] = []
    for start, end in spans:
        cursor = start
        for found in _END_BESIDE_QUOTE.finditer(text, start, end):
            cut = found.end()
            head_end = cut - (len(found.group(0)) - len(found.group(0).rstrip()))
            if _ends(text, (cursor, head_end), (cut, end), quoted):
                pieces.append((cursor, head_end))
                cursor = cut
        pieces.append((cursor, end))
    out: list[tuple[int, int]] = []
    for start, end in pieces:
        if out and not _ends(text, out[-1], (start, end), quoted):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _ends(
    text: str,
    previous: tuple[int, int],
    current: tuple[int, int],
    quoted: list[tuple[int, int]],
) -> bool:
    """Whether a sentence ends between the pieces `previous` and `current` of one line."""
    before, after = text[previous[0] : previous[1]], text[current[0] : current[1]]
    if current[0] == previous[1]:
        return False  # no space between: a ticker's dot (".DJI fell"), "U.S.-China"
    if any(start < previous[1] < end for start, end in quoted):
        return False  # inside a quotation: it is one sentence, with its speaker
    if after[:1].islower() or after[:1] in ",;:)]—–-":
        return False  # "The Govt." | "of India"; "Rep. Duncan Hunter, R-Calif." | ", and his wife"
    if _QUOTE_END.search(before) and _SPEECH_TAG.fullmatch(after):
        return False  # '"..., right?"' | "Reid said."
    last = _LAST_WORD.search(before)
    if last is None:
        return True
    token = last.group(1)
    word = token.lower()
    if word.rsplit("-", 1)[-1] in TITLE_ABBREVIATIONS:  # "then-Rep."
        return False
    if word in NUMBER_ABBREVIATIONS:
        return not after[:1].isdigit()
    if _DOTTED.fullmatch(token) or word in STATE_ABBREVIATIONS or word in COMPANY_ABBREVIATIONS:
        opener = _FIRST_WORD.match(after)
        return opener is not None and opener.group(1).lower() in SENTENCE_OPENERS
    return True


def is_claim(sentence: str) -> bool:
    """True when `sentence` states something checkable.

    False for captions, bylines, credit lines, questions, sign-up prompts, fragments of
    fewer than six words and word lists without anything verb-like.
    """
    text = sentence.strip()
    return _states_a_fact(text[_stated_from(read_dateline(text)) :])


def _stated_from(dateline: Dateline | None) -> int:
    """Where the statement of a sentence opening with `dateline` starts.

    A wire's dateline ("SAN FRANCISCO, June 13 (Reuters) - ") is a credit printed before the
    sentence: it leaves what is counted and matched. An outlet's own ("NEW DELHI:") stays in,
    as it was when the matcher's thresholds were chosen on it (bench/calibrate_matching.py).
    """
    return dateline.end if dateline is not None and dateline.credit else 0


def _states_a_fact(text: str) -> bool:
    if not text or _QUESTION.search(text):
        return False
    if CAPTION.search(text) or BYLINE.match(text) or CREDIT_LINE.match(text) or PROMPT.match(text):
        return False
    words = _WORD.findall(text)
    if len(words) < MIN_CLAIM_WORDS:
        return False
    return _has_verb(text, words)


def _has_verb(text: str, words: list[str]) -> bool:
    if any(w.lower() in _AUXILIARIES or w.lower() in _IRREGULAR_VERBS for w in words):
        return True
    return bool(_PAST_OR_INFINITIVE.search(text) or _THIRD_PERSON.search(text))


# A short parenthetical aside: a conversion "(nearly ₹2.5 lakh crore)", an acronym "(CAAN)".
ASIDE = re.compile(r"\s*\([^()]{1,80}\)")
MIN_MATCH_WORDS = 4  # what is left after cutting must still say something


def normalise(text: str) -> str:
    """`text` in the form claims are matched in.

    Lower case; no leading wire dateline; curly quotes straight and every dash "-"; U.S.
    as "us"; punctuation dropped except inside numbers and words ("1.5", "in-house",
    "meta's"); thousands separators dropped; each quantity replaced by its
    `format_quantity` token, so "$29bn", "$29 billion" and "29 billion dollars" all read
    "usd 29000000000" and "49 per cent" reads "49%".
    """
    return _normal_form(text[_stated_from(read_dateline(text)) :])


def _normal_form(text: str, quantities: tuple[Quantity, ...] | None = None) -> str:
    """`normalise` after the dateline; `quantities` are `text`'s own when the caller has them."""
    pieces: list[str] = []
    cursor = 0
    for q in parse_quantities(text) if quantities is None else quantities:
        pieces.append(_plain(text[cursor : q.start]))
        pieces.append(format_quantity(q).lower())
        cursor = q.end
    pieces.append(_plain(text[cursor:]))
    return " ".join(p for p in pieces if p)


def _plain(text: str) -> str:
    text = _DASHES.sub("-", text.translate(_QUOTES))
    text = _DOTTED_ACRONYM.sub(lambda m: m.group(1).replace(".", ""), text)
    tokens = (t.replace(",", "") if t[0].isdigit() else t for t in _TOKEN.findall(text.lower()))
    return " ".join(tokens)


def matching_text(sentence: str, cut_spans: Sequence[tuple[int, int]] = ()) -> str:
    """The part of a sentence that states the fact: no dateline, attribution or aside.

    "X, Reuters reported, citing people familiar with the matter" and "according to CNA, X"
    state X; a parenthetical such as "(nearly ₹2.5 lakh crore)" restates a figure. Leaving
    them out lets a rewrite that attributes the fact match the report it attributes.
    """
    return _fact_part(sentence, cut_spans, _stated_from(read_dateline(sentence)))


def _fact_part(sentence: str, cut_spans: Sequence[tuple[int, int]], stated_from: int) -> str:
    cuts: list[tuple[int, int]] = [(0, stated_from)] if stated_from else []
    cuts.extend(cut_spans)
    cuts.extend((m.start(), m.end()) for m in ASIDE.finditer(sentence))
    kept: list[str] = []
    cursor = 0
    for start, end in sorted(cuts):
        if start > cursor:
            kept.append(sentence[cursor:start])
        cursor = max(cursor, end)
    kept.append(sentence[cursor:])
    text = " ".join(" ".join(kept).split())
    return text if len(text.split()) >= MIN_MATCH_WORDS else sentence[stated_from:]


# A paragraph that opens a quotation without a cue of its own goes on quoting the speaker of
# the sentence just before it ("..., Paul said. / “We were sitting ducks.”"): news style puts
# the cue once. The speaker is carried only from a named person or body, to a sentence that
# starts with a quote mark, and only from one claim to the next.
QUOTE_MARKS = frozenset("\"“‘'«")
QUOTABLE_KINDS = frozenset({"person", "organisation"})
CONTINUED_QUOTE = "continues the quote of"


def extract_claims(article: Article, *, aliases: Mapping[str, str]) -> list[Claim]:
    """The claims of `article`, in reading order, with their numbers and sources.

    `position` counts kept claims only, so `claim_id` (a hash of version and position)
    is stable for a given text. A leading dateline stays in the first claim's `text`
    (`dateline_end` says where it ends) and a wire's leaves its `norm_text`; its "(Reuters)"
    becomes a "dateline" attribution.
    """
    text = article.text
    attributions = attribution_spans(text, aliases=aliases)
    claims: list[Claim] = []
    speaker: list[Attribution] = []  # who the sentence just before was quoting, if anyone
    for start, end in split_sentences(text):
        sentence = text[start:end]
        dateline = read_dateline(sentence)
        if not _states_a_fact(sentence[_stated_from(dateline) :]):
            speaker = []
            continue
        # Found on the whole text, so "Wang said" knows "Alexandr Wang" is a person.
        own = [(s - start, e - start, a) for s, e, a in attributions if start <= s < end]
        if own:
            speaker = [a for _, _, a in own if a.kind in QUOTABLE_KINDS and a.source]
        elif speaker and sentence[_stated_from(dateline) :].lstrip()[:1] in QUOTE_MARKS:
            own = [(0, 0, replace(a, cue=CONTINUED_QUOTE)) for a in speaker]
        else:
            speaker = []
        position = len(claims)
        claims.append(
            _claim(
                sentence,
                dateline,
                own,
                claim_id=stable_id(article.version_id, position),
                article_id=article.article_id,
                version_id=article.version_id,
                outlet_id=article.outlet_id,
                position=position,
                start=start,
                published_at=article.published_at,
            )
        )
    return claims


def claim_from_text(
    sentence: str, *, aliases: Mapping[str, str], claim_id: str = "", article_id: str = ""
) -> Claim:
    """One sentence as a Claim, exactly as `extract_claims` would build it: for audits and
    calibration of the matcher on pairs of sentences (`wiretrace pairs`)."""
    return _claim(
        sentence,
        read_dateline(sentence),
        attribution_spans(sentence, aliases=aliases),
        claim_id=claim_id or stable_id("sentence", sentence),
        article_id=article_id or stable_id("article", sentence),
        version_id="",
        outlet_id="",
        position=0,
        start=0,
        published_at=None,
    )


def _claim(
    sentence: str,
    dateline: Dateline | None,
    attributions: Sequence[tuple[int, int, Attribution]],
    *,
    claim_id: str,
    article_id: str,
    version_id: str,
    outlet_id: str,
    position: int,
    start: int,
    published_at: datetime | None,
) -> Claim:
    """The Claim of one sentence, its dateline read once; attribution offsets are into it."""
    stated_from = _stated_from(dateline)
    fact = _fact_part(sentence, [(s, e) for s, e, _ in attributions], stated_from)
    quantities = parse_quantities(sentence)
    return Claim(
        claim_id=claim_id,
        article_id=article_id,
        version_id=version_id,
        outlet_id=outlet_id,
        position=position,
        start=start,
        end=start + len(sentence),
        text=sentence,
        # Most sentences are their own fact part: their figures are read once, not twice.
        norm_text=_normal_form(fact, quantities if fact == sentence else None),
        published_at=published_at,
        quantities=quantities,
        attributions=tuple(a for _, _, a in attributions),
        dateline_end=dateline.end if dateline is not None else 0,
    )
