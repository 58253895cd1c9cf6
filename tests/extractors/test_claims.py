"""Articles become claims: sentences split right, junk dropped, text normalised for matching."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from wiretrace.extractors.claims import (
    extract_claims,
    is_claim,
    normalise,
    split_sentences,
)
from wiretrace.extractors.datelines import read_dateline
from wiretrace.records import Article, stable_id

SEED = Path(__file__).parents[1] / "fixtures" / "seed" / "scale_ai_aggregated_article.txt"
ALIASES = {
    "channel news asia": "cna",
    "cna": "cna",
    "reuters": "reuters",
    "india times": "indiatimes",
    "times of india": "indiatimes",
}


def sentences(text: str) -> list[str]:
    spans = split_sentences(text)
    assert all(text[s:e] == text[s:e].strip() and text[s:e] for s, e in spans)
    return [text[s:e] for s, e in spans]


def article(text: str) -> Article:
    return Article(
        article_id="a1",
        version_id="v1",
        outlet_id="aggregator",
        url="https://example.test/story",
        canonical_url="https://example.test/story",
        title="Scale AI",
        text=text,
        text_sha256="0" * 64,
        published_at=datetime(2025, 6, 14, 9, 30, tzinfo=UTC),
        published_source="page",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. economy grew. Mr. Smith left.",
            ["The U.S. economy grew.", "Mr. Smith left."],
        ),
        (
            "Acme Inc. said it would pay Rs. 500 crore. Shares rose.",
            ["Acme Inc. said it would pay Rs. 500 crore.", "Shares rose."],
        ),
        (
            "He moved to Washington, D.C. in 2020. Then he left.",
            ["He moved to Washington, D.C. in 2020.", "Then he left."],
        ),
        (
            "The firm paid $2.5 bn to settle. It worked.",
            ["The firm paid $2.5 bn to settle.", "It worked."],
        ),
        (
            "The company is No. 2 in India. Sales rose.",
            ["The company is No. 2 in India.", "Sales rose."],
        ),
        (
            "“He said. It rained.” Then she left.",
            ["“He said. It rained.”", "Then she left."],
        ),
        (
            "The Govt. of India disagreed. Smt. Sharma and Shri. Rao met. They spoke.",
            ["The Govt. of India disagreed.", "Smt. Sharma and Shri. Rao met.", "They spoke."],
        ),
    ],
)
def test_sentence_splitting_survives_abbreviations_and_quotes(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


def test_paragraphs_split_first_and_offsets_round_trip() -> None:
    text = "  First para here.\n\nSecond para. Two sentences!\n   Indented line  \n"
    expected = ["First para here.", "Second para.", "Two sentences!", "Indented line"]
    assert sentences(text) == expected


def test_seed_sentences_round_trip() -> None:
    text = SEED.read_text(encoding="utf-8")
    spans = split_sentences(text)
    assert len(spans) == 13  # the credit line, then 4 + 3 + 3 + 2 sentences in 4 paragraphs
    assert text[spans[0][0] : spans[0][1]] == "Credited from: REUTERS"


@pytest.mark.parametrize(
    "junk",
    [
        "1 of 4.",
        "Photo: Reuters",
        "FILE PHOTO: The Meta logo is seen at a store in New York.",
        "By Jane Doe",
        "Reporting by Krystal Hu in San Francisco; Editing by Jamie Freed",
        "(Reporting by Indulal PM; Editing by Sunil Nair)",
        "Source: Reuters",
        "(With inputs from PTI)",
        "- PTI",
        "Credited from: REUTERS",
        "Will Meta win the AI race against Google this year?",
        "Sign up for our daily newsletter to get the latest news.",
        "Read more: Meta invests billions in Scale AI",
        "Also read: Google cuts ties with Scale AI after the deal",
        "Click here to read the full story on Scale AI",
        "Catch all the Business News and Updates on Live Mint.",
        "Meta buys a stake.",
        "Tags: Artificial Intelligence, Meta, Google, Scale AI, Startups, Data",
    ],
)
def test_junk_lines_are_not_claims(junk: str) -> None:
    assert not is_claim(junk)


@pytest.mark.parametrize(
    "sentence",
    [
        "Google plans to cut ties with the AI data-labeling firm.",
        "Previously, Scale AI was worth $14 billion before this significant investment.",
        "KATHMANDU, April 25 (Reuters) - A 7.8 magnitude earthquake struck Nepal on Saturday.",
        "This scenario highlights the vulnerability of Scale AI, as its model relies on clients.",
        "Meta buys Scale AI stake for $14.3 billion in cash",
    ],
)
def test_checkable_sentences_are_claims(sentence: str) -> None:
    assert is_claim(sentence)


def test_money_spellings_normalise_identically() -> None:
    forms = [
        normalise(f"Meta valued the startup at {amount}.")
        for amount in ("$29bn", "$29 billion", "29 billion dollars", "US$29 billion")
    ]
    assert len(set(forms)) == 1
    assert forms[0] == "meta valued the startup at usd 29000000000"


def test_percent_spellings_normalise_identically() -> None:
    assert normalise("Meta took a 49% stake") == normalise("Meta took a 49 per cent stake")
    assert normalise("Meta took a 49 percent stake") == "meta took a 49% stake"


def test_crore_and_billion_rupees_normalise_identically() -> None:
    assert normalise("It cost Rs 2,000 crore.") == normalise("It cost 20 billion rupees")


def test_normalise_drops_the_wire_dateline() -> None:
    assert normalise("SAN FRANCISCO, June 13 (Reuters) - Meta will invest.") == "meta will invest"


def test_normalise_straightens_quotes_and_dashes() -> None:
    curly = normalise("Meta’s “deal” is in‑house — a record")
    straight = normalise('Meta\'s "deal" is in-house - a record')
    assert curly == straight == "meta's deal is in-house a record"


def test_normalise_keeps_numbers_whole_and_drops_thousands_separators() -> None:
    assert normalise("The U.S. quake, 7.8 in strength, hit 1,600 homes.") == (
        "the us quake 7.8 in strength hit 1600 homes"
    )


@pytest.mark.parametrize(
    ("line", "place", "date", "agency"),
    [
        ("SAN FRANCISCO, June 13 (Reuters) - Meta", "SAN FRANCISCO", "June 13", "Reuters"),
        ("KATHMANDU, April 25 (Reuters) – A quake", "KATHMANDU", "April 25", "Reuters"),
        ("WASHINGTON/LONDON (Reuters) — Banks", "WASHINGTON/LONDON", "", "Reuters"),
        ("NEW DELHI, 13 June (PTI) - The", "NEW DELHI", "13 June", "PTI"),
        ("WASHINGTON, D.C., June 13 (Reuters) - A", "WASHINGTON, D.C.", "June 13", "Reuters"),
    ],
)
def test_dateline_pattern_reads_place_date_and_agency(
    line: str, place: str, date: str, agency: str
) -> None:
    m = read_dateline(line)
    assert m is not None
    assert (m.place, m.date, m.credit) == (place, date, agency)


def test_company_tickers_are_not_datelines() -> None:
    assert read_dateline("Meta Platforms (META.O) - the owner of Facebook") is None


def test_seed_article_becomes_claims_with_numbers_and_sources() -> None:
    text = SEED.read_text(encoding="utf-8")
    claims = extract_claims(article(text), aliases=ALIASES)
    assert len(claims) == 12  # every sentence but the credit line
    assert [c.position for c in claims] == list(range(12))
    for c in claims:
        assert text[c.start : c.end] == c.text
        assert c.claim_id == stable_id("v1", c.position)
        assert (c.article_id, c.version_id, c.outlet_id) == ("a1", "v1", "aggregator")
        assert c.published_at == datetime(2025, 6, 14, 9, 30, tzinfo=UTC)
        assert all(c.text[q.start : q.end] == q.raw for q in c.quantities)
    assert not any(c.text.startswith("Credited from") for c in claims)
    by_start = {c.text.split()[0]: c for c in claims}
    assert [a.cited for a in by_start["There"].attributions] == ["cna", "reuters"]
    assert [a.cited for a in by_start["This"].attributions] == ["reuters", "indiatimes"]
    assert [(a.cited, a.kind) for a in by_start["OpenAI,"].attributions] == [
        ("OpenAI", "organisation")
    ]
    google = by_start["Google,"]
    assert [q.raw for q in google.quantities] == ["49%", "$29 billion"]
    assert "usd 29000000000" in google.norm_text


def test_dateline_stays_in_the_first_claim_text_but_not_its_norm_text() -> None:
    text = (
        "KATHMANDU, April 25 (Reuters) - A 7.8 magnitude earthquake struck Nepal on Saturday, "
        "killing at least 12 people.\nRescuers searched the rubble in the capital overnight."
    )
    first, second = extract_claims(article(text), aliases=ALIASES)
    assert first.text.startswith("KATHMANDU, April 25 (Reuters) - A 7.8")
    assert first.norm_text.startswith("a 7.8 magnitude earthquake")
    assert [(a.cited, a.cue) for a in first.attributions] == [("reuters", "dateline")]
    assert [(q.value, q.unit, q.qualifier) for q in first.quantities] == [
        (12, "people", "at least")
    ]
    assert second.position == 1 and second.attributions == ()


def test_claim_ids_are_stable_across_runs() -> None:
    text = SEED.read_text(encoding="utf-8")
    first = [c.claim_id for c in extract_claims(article(text), aliases=ALIASES)]
    again = [c.claim_id for c in extract_claims(article(text), aliases=ALIASES)]
    assert first == again and len(set(first)) == len(first)


def test_matching_text_leaves_out_attribution_and_asides():
    from wiretrace.extractors.attributions import attribution_spans
    from wiretrace.extractors.claims import matching_text

    sentence = (
        "Meta Platforms is acquiring a 49 per cent stake in Scale AI at $29 billion "
        "(nearly ₹2.5 lakh crore), Reuters reported, citing people familiar with the matter."
    )
    spans = [(s, e) for s, e, _ in attribution_spans(sentence, aliases={"reuters": "reuters"})]
    text = matching_text(sentence, spans)
    assert "Reuters" not in text and "lakh" not in text and "familiar" not in text
    assert text.startswith(
        "Meta Platforms is acquiring a 49 per cent stake in Scale AI at $29 billion"
    )
    assert matching_text("SINGAPORE, June 13 (Reuters) - Shares rose 2% on Friday in Asia.") == (
        "Shares rose 2% on Friday in Asia."
    )


def test_claims_record_where_their_dateline_ends() -> None:
    text = (
        "KATHMANDU, April 25 (Reuters) - A 7.8 magnitude earthquake struck Nepal on Saturday.\n"
        "NEW DELHI: Rescuers from India flew to the capital overnight with supplies."
    )
    wire, own = extract_claims(article(text), aliases=ALIASES)
    assert wire.text[: wire.dateline_end] == "KATHMANDU, April 25 (Reuters) - "
    assert own.text[: own.dateline_end] == "NEW DELHI: "
    # A wire's dateline leaves the text that is matched; an outlet's own stays in it.
    assert wire.norm_text.startswith("a 7.8 magnitude")
    assert own.norm_text.startswith("new delhi rescuers")


def test_a_sentence_becomes_the_same_claim_alone_as_in_its_article() -> None:
    from wiretrace.extractors.claims import claim_from_text

    text = SEED.read_text(encoding="utf-8")
    for built in extract_claims(article(text), aliases=ALIASES):
        alone = claim_from_text(built.text, aliases=ALIASES)
        assert (alone.norm_text, alone.dateline_end, alone.quantities) == (
            built.norm_text,
            built.dateline_end,
            built.quantities,
        )


@pytest.mark.parametrize(
    "sentence",
    [
        # Real sentences (BASIL, Fox News and HuffPost): a party-state abbreviation before a comma.
        "Scalise, R-La., like other members of leadership, is assigned a full-time security "
        "detail from U.S. Capitol Police.",
        "Sen. Mark Warner, D-Va., the top Democrat on the committee, identified the businesses "
        "as Flynn Intel Group.",
        "Rep. Duncan Hunter, R-Calif., and his wife, Margaret, were indicted on charges of "
        "illegally converting campaign funds.",
    ],
)
def test_party_state_abbreviations_do_not_end_a_sentence(sentence: str) -> None:
    text = sentence + " He was not available for comment."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        sentence,
        "He was not available for comment.",
    ]


# BASIL (HuffPost, event 0, article 58f414e5-a122-49f5-819e-512d91069da5_3), two of its paragraphs.
CONTINUED = (
    "“Let me be as clear as I can be,” Sanders said in a statement.\n"
    "“Violence of any kind is unacceptable in our society and I condemn this action in the "
    "strongest possible terms.”\n"
    "The shooting took place at a field in Alexandria, Virginia, on Wednesday morning.\n"
    "“Real change can only come about through nonviolent action.”"
)


def test_a_quote_paragraph_without_a_cue_goes_on_quoting_the_speaker_before_it() -> None:
    claims = extract_claims(article(CONTINUED), aliases=ALIASES)
    by_text = {c.text[:20]: c for c in claims}
    cued, continued = by_text["“Let me be as clear "], by_text["“Violence of any kin"]
    assert [a.source for a in continued.attributions] == [a.source for a in cued.attributions]
    assert continued.attributions[0].cue == "continues the quote of"
    assert continued.norm_text.startswith("violence of any kind")  # nothing cut from its text
    # The outlet's own sentence in between ends the quoting: the last quote is the outlet's.
    assert by_text["The shooting took pl"].attributions == ()
    assert by_text["“Real change can onl"].attributions == ()


def test_only_a_named_speaker_is_carried_into_the_next_quote() -> None:
    text = (
        "“The talks are over,” according to Reuters.\n"  # a news organisation is not quoted on
        "“Nothing more will be agreed this year.”"
    )
    claims = extract_claims(article(text), aliases=ALIASES)
    assert [a.kind for a in claims[0].attributions] == ["outlet"]
    assert claims[1].attributions == ()
