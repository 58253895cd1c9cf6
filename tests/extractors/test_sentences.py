"""Sentence boundaries on real news: each family of false or missed ends, on real sentences.

Sentences are from BASIL (Fan et al., EMNLP 2019; tests/fixtures/basil/articles.jsonl, dev
events: Fox News, HuffPost, The New York Times) and the MSR paraphrase corpus (Dolan and
Brockett 2005; Reuters-style market reports). The rules are LABELLING.md's "Sentence
boundaries" there.
"""

from __future__ import annotations

import pytest

from wiretrace.extractors.claims import split_sentences


def sentences(text: str) -> list[str]:
    spans = split_sentences(text)
    assert all(text[s:e] == text[s:e].strip() and text[s:e] for s, e in spans)
    return [text[s:e] for s, e in spans]


def test_market_tickers_do_not_end_a_sentence() -> None:
    # MSRP: index codes with a leading dot (".IXIC", ".SPX").
    first = (
        "The tech-laced Nasdaq Composite .IXIC rallied 30.46 points, or 2.04 percent, to 1,520.15."
    )
    second = (
        "The broader Standard & Poor's 500 Index .SPX gave up 11.91 points, or 1.19 percent, "
        "at 986.60."
    )
    assert sentences(f"{first} {second}") == [first, second]


@pytest.mark.parametrize(
    "sentence",
    [
        # BASIL, The New York Times: a dateline's state before a dash, then an initial.
        "AUGUSTA, Me. — Paul R. LePage, the embattled Republican governor of Maine, declared on "
        "Wednesday that he would not step down despite widespread criticism.",
        # BASIL, Fox News: a party-state label in brackets and after a comma.
        "Sen. Rand Paul (R-Ky.), who was also at the practice, told MSNBC that Scalise crawled "
        "through the dirt, bleeding, to get away from the shooter.",
        "House Minority Leader Nancy Pelosi, D-Calif., said the Axios interview didn't surprise "
        "her.",
    ],
)
def test_states_and_party_state_labels_do_not_end_a_sentence(sentence: str) -> None:
    text = sentence + " He was not available for comment."
    assert sentences(text) == [sentence, "He was not available for comment."]


def test_a_state_ends_a_sentence_before_a_word_that_opens_one() -> None:
    # BASIL, The New York Times: "Ky." closes the sentence, a quotation opens the next.
    first = "“You obviously cannot do that,” Ryan told WVLK, a radio station in Lexington, Ky."
    second = "“I’m a believer in following the plain text of the Constitution.”"
    assert sentences(f"{first} {second}") == [first, second]


@pytest.mark.parametrize(
    "sentence",
    [
        # BASIL, Fox News and HuffPost: "p.m." before a time zone is an abbreviation, not an end.
        'Stone will appear on Fox News Channel\'s "Tucker Carlson Tonight" on Friday at 8 p.m. ET.',
        "Farenthold’s resignation took effect Friday at 5 p.m. Eastern time.",
        # BASIL, HuffPost: initials inside a name.
        "The assailant, who authorities have identified as 66-year-old James T. Hodgkinson of "
        "Belleville, Illinois, died after a shootout with police.",
    ],
)
def test_initials_and_acronyms_do_not_end_a_sentence(sentence: str) -> None:
    text = sentence + " He promptly deleted his Twitter and Facebook profiles."
    assert sentences(text) == [sentence, "He promptly deleted his Twitter and Facebook profiles."]


def test_a_title_never_ends_a_sentence() -> None:
    # BASIL, Fox News: BASIL's own split cut this sentence after "Gov.".
    sentence = (
        "Farenthold said in a statement Friday evening, noting he sent a letter to Texas Gov. "
        "Greg Abbott to tell him about his resignation."
    )
    assert sentences(sentence + " Abbott did not reply.") == [sentence, "Abbott did not reply."]


def test_no_before_a_figure_does_not_end_a_sentence() -> None:
    # BASIL, Fox News.
    sentence = (
        "Sen. Jon Kyl, the No. 2 Republican in the Senate, told reporters that a tax cut bill "
        "could be on the Senate floor as early as Thursday."
    )
    assert sentences(sentence + " No vote was set.") == [sentence, "No vote was set."]


def test_a_quotation_of_several_sentences_is_one_sentence_even_when_it_runs_on() -> None:
    # BASIL, HuffPost: the quotation is not closed in this paragraph (it runs on into the next).
    text = (
        "Warner said in a statement: “Congress and the American people deserve to judge the facts "
        "for themselves. The Special Counsel’s report must be provided to Congress immediately. "
        "Nothing short of that will suffice."
    )
    assert sentences(text) == [text]


def test_a_quotation_keeps_its_speech_tag() -> None:
    # BASIL, Fox News: a question inside the quotation, then who asked it.
    first = (
        "\"If making it easy to be an illegal alien isn't enough, how about offering a reward "
        'for being an illegal immigrant? No sane country would do that, right?" Reid said.'
    )
    second = '"Guess again."'
    assert sentences(f"{first} {second}") == [first, second]


def test_a_closing_quotation_mark_stays_with_its_sentence() -> None:
    # BASIL, Fox News: a quotation opened in an earlier paragraph closes on this line.
    assert sentences("Mr. Stone has nothing to hide.”") == ["Mr. Stone has nothing to hide.”"]


def test_a_sentence_ends_after_a_quotation_whose_marks_do_not_pair() -> None:
    # BASIL, Fox News: the quotation opens with a curly mark and closes with a straight one.
    first = (
        "“Like most Americans, the president believes we cannot allow a mere allegation, in this "
        'case one from many years ago, to destroy a person’s life," Sanders said.'
    )
    second = (
        '"However, the president also believes that if these allegations are true, Judge Moore '
        'will do the right thing and step aside."'
    )
    assert sentences(f"{first} {second}") == [first, second]
