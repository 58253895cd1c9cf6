"""Language detection: enough letters to ask the model, the model's answer, the declared fallback."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace.extractors.language import _ENOUGH_LETTERS, MIN_LETTERS, detect_language

LETTER = re.compile(r"[^\W\d_]")


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZé1_ \n.,-हि्\u0301\u200b٣ſ"), max_size=120))
def test_enough_letters_is_a_count_of_letters(text: str) -> None:
    # The one search stands for counting every letter of the sample, as it did.
    assert (_ENOUGH_LETTERS.match(text) is not None) == (len(LETTER.findall(text)) >= MIN_LETTERS)


def test_the_model_is_asked_from_the_fortieth_letter_on() -> None:
    english = "Shares rose on Friday as investors bet on a cut in rates."  # 45 letters
    assert len(LETTER.findall(english)) >= MIN_LETTERS
    assert detect_language(english, declared="de-DE") == "en"
    assert len(LETTER.findall(english[:30])) < MIN_LETTERS
    assert detect_language("12, 34. " * 20 + english[:30], declared="de-DE") == "de"
