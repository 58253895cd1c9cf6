"""The fast segments are pysbd's own: the same list as `pysbd.Segmenter.segment`, line for line.

Lines are the paragraphs of the 40 real articles pinned by tests/fixtures/claims_golden (BBC,
Reuters, The Times of India, BASIL's Fox News, HuffPost and New York Times, ...), and lines
drawn by Hypothesis from the pieces pysbd's rules turn on: abbreviations with and without
their full stop and in any case, titles before names and numbers, dotted acronyms, list
markers, quotation marks, brackets, ellipses, runs of ? and !, and letters that match ASCII
ones only case-insensitively (the Kelvin sign, the long s, the dotted capital I).
"""

from __future__ import annotations

import json
import re
import string
from pathlib import Path

import pysbd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wiretrace.extractors import segments
from wiretrace.extractors.segments import (
    CASE_FOLD_ODDITIES,
    PYSBD_VERSION,
    clear_remembered,
    pysbd_segments,
)

GOLDEN = Path(__file__).parents[1] / "fixtures" / "claims_golden" / "claims.jsonl"


def reference(line: str) -> list[str]:
    return pysbd.Segmenter(language="en", clean=False).segment(line)


def _golden_lines() -> list[str]:
    lines: list[str] = []
    for row in GOLDEN.read_text(encoding="utf-8").splitlines()[1:]:
        if row.strip():
            lines.extend(line for line in json.loads(row)["article"]["text"].split("\n") if line)
    return lines


def test_the_pysbd_these_shortcuts_were_checked_against_is_installed() -> None:
    # Another pysbd may segment differently, or find its sentences back another way: the
    # shortcuts are to be checked against it (this file) before the pin moves.
    assert pysbd.__version__ == PYSBD_VERSION


def test_case_fold_oddities_are_every_character_lower_and_ignorecase_disagree_on() -> None:
    # The abbreviation pass finds "abbreviation + full stop" in the lowered line, where pysbd
    # searches the line case-insensitively: the two agree on every other character.
    targets = string.ascii_lowercase + string.digits + "."
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    disagree = set()
    for target in targets:
        matched = {m.group() for m in re.finditer(re.escape(target), everything, re.I)}
        disagree |= {char for char in matched if char.lower() != target}
    for char in everything:
        lowered = char.lower()
        if len(lowered) > 1 and any(c in targets for c in lowered):
            disagree.add(char)  # İ lowers to "i" and a combining dot
        elif lowered in targets and not re.fullmatch(re.escape(lowered), char, re.I):
            disagree.add(char)
    assert disagree == CASE_FOLD_ODDITIES


def test_real_paragraphs_give_pysbds_segments() -> None:
    lines = _golden_lines()
    assert len(lines) > 250
    differ = [line for line in lines if pysbd_segments(line) != reference(line)]
    assert differ == []


@pytest.mark.parametrize(
    "line",
    [
        "",
        " ",
        "No. 2 seed.",
        "He met Gen. Smith at 5 p.m. on Jan. 3. Then he left.",
        "The U.S. economy grew. It was the 3rd quarter in a row... Analysts agreed.",
        "“Really?!” she asked. “Yes.” He said so (again). 1. First. 2. Second.",
        "Mr. Mr. Mr. The same sentence. The same sentence. The same sentence.",
        "a. one b. two c. three",
        "The {no} rule. Sen. K. Ward said. ſt. Mary's. İnc. went.",
        "Mſ. Ward and Dr. ıd. Lee met at No. 5 St. John’s Rd. on Feb. 3. It rained.",
        "Shares of Acme Inc. rose. The co. said so, vs. last year’s fall, Jr. and Sr. agreed.",
        "Prices rose 4.5%.Then they fell.",
        "Ends without a stop",
        "\rWhat\r about a carriage return? Here.",
    ],
)
def test_hard_lines_give_pysbds_segments(line: str) -> None:
    assert pysbd_segments(line) == reference(line)


PIECES = st.sampled_from(
    [
        "the", "said", "He", "She", "It", "A", "I", "however", "42", "3.5", "2,000", "U.S.",
        "u.s", "e.g.", "i.e.", "Ph.D.", "a.m.", "p.m.", "No.", "no.", "NO", "No", "Nos.", "pp.",
        "Mr.", "mr", "MRS.", "Dr.", "Gen.", "gen", "St.", "Sen.", "Rep.", "Gov.", "Inc.", "Co.",
        "Corp.", "Jan.", "Feb", "Sept.", "Calif.", "Ky.", "Ala.", "Mt.", "Ave.", "vs.", "etc.",
        "art.", "ext.", "p.", "1.", "2.", "3)", "(a)", "b)", "ii.", "iv)", "a.", "b.", "c.",
        ".", ". ", "?", "!", "?!", "!!", "...", "…", ",", ";", ":", '"', "“", "”", "'", "’",
        "(", ")", "[", "]", "—", "-", "{", "}", "{no}", "K", "ſt.", "İnc.", "Kelvin",
        "file.pdf", "a@b.com", "5°.", "\r", "Mſ.", "ı", "vıs.", "Kg.", "N0.", "x2.",
    ]
)  # fmt: skip
LINES = st.lists(
    st.tuples(PIECES, st.sampled_from(["", " ", " ", " ", "  ", "\t"])), min_size=1, max_size=30
).map(lambda pairs: "".join(piece + gap for piece, gap in pairs))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
def test_drawn_lines_give_pysbds_segments(line: str) -> None:
    assert pysbd_segments(line) == reference(line)


# Lines with one end mark at most, at the end: the shape pysbd is skipped for when nothing in
# the line can make it cut (extractors/segments.py, `_ONE_SENTENCE`). The pieces are those its
# conditions turn on: quotation marks and brackets (opening the line too), list markers, a
# dash before a quotation mark, placeholder symbols, runs of spaces, other whitespace.
ONE_END_PIECES = st.sampled_from(
    [
        "the", "said", "He", "She", "It", "A", "I", "Reuters", "42", "2,000", "b)", "3)", "(iv)",
        "(a)", "(AP)", "(Reuters)", "(2019)", "(the company)", "—", "-", "-\"", "–", ",", ";", ":",
        '"', "“", "”", "'", "’", "‘", "(", ")", "[", "]", "{", "}", "&", "ȸ", "∯", "♨", "☝",
        "&ᓴ&", "…", "\u00a0", "_", "•", "*", "°", "Kelvin", "İ", "ſt",
    ]
)  # fmt: skip
ONE_END_LINES = st.tuples(
    st.lists(
        st.tuples(ONE_END_PIECES, st.sampled_from(["", " ", " ", " ", "  ", "\t"])),
        min_size=1,
        max_size=20,
    ),
    st.sampled_from(["", ".", "!", "?", '."', ".”", " ", ". "]),
).map(lambda drawn: "".join(piece + gap for piece, gap in drawn[0]) + drawn[1])


@pytest.mark.parametrize(
    "line",
    [
        "The items were b) sugar c) flour and d) salt.",  # a list pysbd cuts at its markers
        "It listed 1) rates 2) jobs!",
        'Reuters called it "anti-" Trump rhetoric.',  # a dash, a quotation mark, a capital
        "“We won.” He said so",
        '"We will go" (he said) "now" to Texas.',
        "Shares rose  Acme said.",
        "The so-called ∯ rule passed.",
        "It rose… Then it fell.",
    ],
)
def test_one_end_mark_lines_pysbd_cuts_give_its_segments(line: str) -> None:
    assert pysbd_segments(line) == reference(line)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ONE_END_LINES)
def test_lines_with_one_end_mark_give_pysbds_segments(line: str) -> None:
    assert pysbd_segments(line) == reference(line)


def test_a_one_sentence_paragraph_is_not_given_to_pysbd(monkeypatch: pytest.MonkeyPatch) -> None:
    # The shortcut is the point: most news paragraphs are one sentence.
    def refuse(*args: object) -> None:
        raise AssertionError("pysbd was asked")

    monkeypatch.setattr(segments.Processor, "process", refuse)
    clear_remembered()
    line = "Reuters reported on Friday that Acme (NYSE: ACME) had cut 2,000 jobs in Texas."
    assert pysbd_segments(line) == [line]
    with pytest.raises(AssertionError, match="pysbd was asked"):
        pysbd_segments("It rose 4.5% on Friday. Then it fell.")
