"""Tell the language of article text with py3langid's bundled model (no download, ~2 ms a page)."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

# Below this many letters the model guesses; the page's declared language is the better word.
MIN_LETTERS = 40
# Naive Bayes over byte n-grams is sure after a paragraph; its time grows with the sample.
SAMPLE_CHARS = 600
MIN_CONFIDENCE = 0.5
DECLARED = re.compile(r"^\s*([A-Za-z]{2})(?:[-_][A-Za-z0-9]+)*\s*$")
# At least MIN_LETTERS letters ([^\W\d_]), each after any run of what is not one: the two
# classes split every character between them, so the match neither backtracks nor lists them.
_ENOUGH_LETTERS = re.compile(r"(?:[\W\d_]*[^\W\d_]){" + str(MIN_LETTERS) + "}")


@cache
def _identifier() -> Any:
    # Loaded once per process on first use (about 0.3 s): importing wiretrace stays fast.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, *, declared: str = "") -> str:
    """ISO 639-1 code of `text` ("en", "hi"); the page's declared language when the text is
    too short or the model unsure; "" when neither says."""
    fallback = declared_language(declared)
    sample = text[:SAMPLE_CHARS]
    if _ENOUGH_LETTERS.match(sample) is None:
        return fallback
    try:
        code, confidence = _identifier().classify(sample)
    except (ValueError, MemoryError):  # the model refuses some byte soup; the text is not prose
        return fallback
    if confidence < MIN_CONFIDENCE and fallback:
        return fallback
    return str(code)[:2].lower()


def declared_language(value: str) -> str:
    """ "en-GB", "en_US" -> "en"; "" for anything that is not a two-letter code."""
    match = DECLARED.match(value or "")
    return match.group(1).lower() if match else ""
