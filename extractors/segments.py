"""pysbd's English sentence segments, the very same ones, at a fraction of pysbd's cost."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import ClassVar

from pysbd.lang.english import English
from pysbd.processor import Processor

# pysbd 0.3.4 is what these shortcuts were checked against, segment for segment
# (tests/extractors/test_segments.py): another version may change what they must reproduce.
PYSBD_VERSION = "0.3.4"
_PLAIN_ABBREVIATION = re.compile(r"[a-z0-9]+")
# Lines remembered per process with their segments: a few hundred articles' worth.
REMEMBERED_LINES = 8192
# A run of letters and digits right before a full stop, in the lowered line.
_RUN_BEFORE_STOP = re.compile(r"[a-z0-9]+(?=\.)")
# The only characters whose `str.lower()` disagrees with `re.IGNORECASE` about matching a
# letter, a digit or a full stop (checked over every code point in
# tests/extractors/test_segments.py): where one occurs, every abbreviation is looked at.
CASE_FOLD_ODDITIES = frozenset("\u0130\u0131\u017f")  # İ ı ſ


# An abbreviation, pysbd's search for it, a search for it before a full stop, the next word's.
_Searches = tuple[str, re.Pattern[str], re.Pattern[str] | None, re.Pattern[str]]


def _abbreviation_patterns(abbreviations: list[str]) -> tuple[_Searches, ...]:
    """Per abbreviation: its text, pysbd's own search for it (compiled once here, not looked up
    in and evicted from the `re` module's cache of 512 on every line), a search for it before
    a full stop (None where the abbreviation is itself a pattern: "e.g", "u.s"), and pysbd's
    search for the character after it."""
    patterns = []
    for abbreviation in abbreviations:
        stripped = abbreviation.strip()
        finder = re.compile(rf"(?:^|\s|\r|\n){stripped}", flags=re.IGNORECASE)
        before_stop = (
            re.compile(re.escape(stripped) + r"\.", flags=re.IGNORECASE)
            if _PLAIN_ABBREVIATION.fullmatch(stripped)
            else None
        )
        next_word = re.compile(r"(?<={" + str(re.escape(stripped)) + "} ).{1}")
        patterns.append((stripped, finder, before_stop, next_word))
    return tuple(patterns)


def _places(patterns: Sequence[_Searches]) -> dict[str, tuple[int, ...]]:
    """Each plain abbreviation (one with a search before a full stop) -> where it is listed."""
    places: dict[str, tuple[int, ...]] = {}
    for index, (stripped, _, before_stop, _) in enumerate(patterns):
        if before_stop is not None:
            places[stripped] = (*places.get(stripped, ()), index)
    return places


class _Abbreviations(English.AbbreviationReplacer):
    """pysbd's English abbreviation pass, replacing what it replaces, with fewer searches."""

    PATTERNS = _abbreviation_patterns(English.Abbreviation.ABBREVIATIONS)
    LONGEST = max(len(stripped) for stripped, *_ in PATTERNS)
    # Where each plain abbreviation's searches are in PATTERNS; the others, always asked.
    PLAIN: ClassVar[dict[str, tuple[int, ...]]] = _places(PATTERNS)
    OTHERS = tuple((i, p[0]) for i, p in enumerate(PATTERNS) if p[2] is None)

    def search_for_abbreviations_in_string(self, text: str) -> str:
        # pysbd's loop, with one more reason to skip an abbreviation: each replacement it can
        # make turns the full stop right after the abbreviation (as the text spells it, which
        # matches the abbreviation case-insensitively) into "∯", so an abbreviation that is
        # nowhere followed by a full stop changes nothing, and its two searches are not run.
        if "." not in text:
            return text  # every replacement below is of a full stop
        lowered = text.lower()
        for stripped, finder, before_stop, next_word in self._candidates(text, lowered):
            if stripped not in lowered:
                continue
            if before_stop is not None and before_stop.search(text) is None:
                continue
            abbrev_match = finder.findall(text)
            if not abbrev_match:
                continue
            # pysbd's braces are literal here: no "{" in the text, nothing to find.
            char_array = next_word.findall(text) if "{" in text else []
            for ind, match in enumerate(abbrev_match):
                text = self.scan_for_replacements(text, match, ind, char_array)
        return text

    def _candidates(self, text: str, lowered: str) -> Sequence[_Searches]:
        """The abbreviations the loop above may not skip, in its order (a superset of those it
        does not skip: it still asks its own two questions of each).

        A plain abbreviation ("dr", "no") it does not skip is followed somewhere by a full stop,
        as the line spells it case-insensitively, which `str.lower()` spells the same way but
        for CASE_FOLD_ODDITIES: it is then the tail of a run of letters and digits right before
        a full stop in the lowered line. One search finds those runs instead of one substring
        search of the line per abbreviation (188 of them)."""
        if not CASE_FOLD_ODDITIES.isdisjoint(text):
            return self.PATTERNS
        tails: set[str] = set()
        for run in _RUN_BEFORE_STOP.findall(lowered):
            tails.update(run[-size:] for size in range(1, min(len(run), self.LONGEST) + 1))
        found = [i for tail in tails.intersection(self.PLAIN) for i in self.PLAIN[tail]]
        found += [i for i, stripped in self.OTHERS if stripped in lowered]
        return [self.PATTERNS[i] for i in sorted(found)]


class _English(English):
    AbbreviationReplacer = _Abbreviations


# A line pysbd can only give back whole: one sentence that starts with a letter or digit, ends
# with its only end mark (no other ".", "!", "?" or full-width one, no ellipsis), single
# spaces, none of pysbd's placeholder symbols, no list marker ("b)", "3)", "(iv)"), and none of
# the two quotation shapes pysbd cuts without an end mark ('"..." (aside) "' and a dash or end
# mark before a quotation mark, a space and a capital). News paragraphs are often one such
# sentence. Why each condition: pysbd's boundary pattern, tried from the line's first
# character, runs on to the first end mark when no quotation or bracket opens the line; every
# rule before it changes only end marks, list markers, placeholders or runs of spaces; every
# rule after it turns placeholders back. Checked segment for segment against pysbd in
# tests/extractors/test_segments.py.
_ONE_SENTENCE = re.compile(
    r"(?![\s\S]*(?:\s\s|[\t\r\n\v\f…ȸȹ∮∯☄☇☈☉♨☝ᓰᓱᓳᓴᓷᓸ⌬⎋✂ƪ]|[a-z\d]\)"
    r"|[\"”]\s\(.*\)\s[\"“]|[!?.-][\"'“”]\s[A-Z]))"
    r"[^\W_][^.!?。．！？]*[.!?]?"
)


def pysbd_segments(line: str) -> list[str]:
    """`pysbd.Segmenter(language="en", clean=False).segment(line)`: the same list, faster.

    A line that can only be one sentence (`_ONE_SENTENCE`) is given back whole without pysbd,
    and a line seen lately in this process (a wire story's paragraph in each outlet that runs
    it) is segmented once. Otherwise as `_segments`."""
    if _ONE_SENTENCE.fullmatch(line) and line[-1:] != " ":
        return [line]
    return list(_remembered(line))


def clear_remembered() -> None:
    """Forget the lines seen: a benchmark's every pass then pays for each line again."""
    _remembered.cache_clear()


@lru_cache(maxsize=REMEMBERED_LINES)
def _remembered(line: str) -> tuple[str, ...]:
    return tuple(_segments(line))


def _segments(line: str) -> list[str]:
    """pysbd's segments of `line`, found back in it without a pattern per sentence.

    pysbd finds each sentence it made back in the line with a regular expression built for
    that sentence (`escape(sentence)` then `\\s*`, the first match ending past the last one),
    compiled anew for every sentence, which also evicted pysbd's own rules from the `re` cache.
    The same search with `str.find`: the first occurrence of the sentence, then the next after
    each match in turn (matches do not overlap), with the whitespace after it; a sentence not
    in the line is dropped, as pysbd drops it.
    """
    if not line:
        return []
    found: list[str] = []
    prior_end = 0
    for sentence in Processor(line, _English).process():
        if not sentence:  # its pattern is a bare \s*, which matches everywhere: pysbd's search
            match = next((m for m in re.finditer(r"\s*", line) if m.end() > prior_end), None)
            if match is not None:
                found.append(match.group())
                prior_end = match.end()
            continue
        at = line.find(sentence)
        while at >= 0:
            end = at + len(sentence)
            while end < len(line) and line[end].isspace():
                end += 1
            if end > prior_end:
                found.append(line[at:end])
                prior_end = end
                break
            at = line.find(sentence, end)
    return found
