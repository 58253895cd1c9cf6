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

from wiretrace.extractors.segments import CASE_FOLD_ODDITIES, PYSBD_VERSION, pysbd_segments

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
