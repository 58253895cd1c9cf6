"""Money, percentages and counts are found, valued and formatted the same way every time."""

from __future__ import annotations

import math
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wiretrace.extractors.quantities import (
    COUNT_WORDS,
    NUMBER_WORDS,
    PLAIN_WORDS,
    format_quantity,
    parse_quantities,
    plain_numbers,
)

SEED = Path(__file__).parents[1] / "fixtures" / "seed" / "scale_ai_aggregated_article.txt"


def only(text: str):
    found = parse_quantities(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("$29 billion", 29e9, "USD"),
        ("$29bn", 29e9, "USD"),
        ("US$29 billion", 29e9, "USD"),
        ("US $29 billion", 29e9, "USD"),
        ("S$1.2 million", 1.2e6, "SGD"),
        ("29 billion dollars", 29e9, "USD"),
        ("Rs 1,600 crore", 1.6e10, "INR"),
        ("Rs. 1,600 crore", 1.6e10, "INR"),
        ("Rs.1,600 crore", 1.6e10, "INR"),
        ("₹2.5 lakh", 2.5e5, "INR"),
        ("INR 500", 500, "INR"),
        ("€3m", 3e6, "EUR"),
        ("£2 million", 2e6, "GBP"),
        ("$200 million", 2e8, "USD"),
        ("$100", 100, "USD"),
        ("$1.5 trillion", 1.5e12, "USD"),
        ("$3.2tn", 3.2e12, "USD"),
        ("$40k", 4e4, "USD"),
        ("20 billion rupees", 2e10, "INR"),
        ("a Rs 1,600-crore deal", 1.6e10, "INR"),
        ("Rs 1,60,000", 1.6e5, "INR"),
        ("three billion dollars", 3e9, "USD"),
    ],
)
def test_money_is_valued_in_whole_currency_units(text: str, value: float, unit: str) -> None:
    q = only(text)
    assert (q.kind, q.unit) == ("money", unit)
    assert math.isclose(q.value, value)
    assert text[q.start : q.end] == q.raw


def test_lakh_and_crore_are_indian_scales() -> None:
    assert only("Rs 2 crore").value == 2e7
    assert only("₹5 lakh").value == 5e5
    people = only("12 lakh people")
    assert (people.kind, people.value, people.unit) == ("count", 1.2e6, "people")


def test_rs_2000_crore_is_20_billion_rupees() -> None:
    assert format_quantity(only("Rs 2,000 crore")) == format_quantity(only("20 billion rupees"))


@pytest.mark.parametrize("text", ["49%", "49 per cent", "49 percent", "49 pc", "49percent"])
def test_percent_spellings_are_one_value(text: str) -> None:
    q = only(text)
    assert (q.kind, q.value, q.unit) == ("percent", 49, "%")
    assert format_quantity(q) == "49%"


def test_basis_points_are_percentage_points_not_percent() -> None:
    bp = only("cut rates by 25 basis points")
    assert (bp.kind, bp.value, bp.unit) == ("percent", 0.25, "pp")
    assert format_quantity(bp) == format_quantity(only("0.25 percentage points"))
    assert format_quantity(bp) != format_quantity(only("0.25%"))


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("162 people were evacuated", 162, "people", ""),
        ("more than 20 companies", 20, "companies", "more than"),
        ("at least 12 dead", 12, "dead", "at least"),
        ("Twelve people died", 12, "people", ""),
        ("some 20 new companies", 20, "companies", "about"),
        ("1,60,000 farmers", 1.6e5, "farmers", ""),
        ("2 million users", 2e6, "users", ""),
        ("In 2024, 300 people died", 300, "people", ""),
        ("two surviving reporters", 2, "reporters", ""),
    ],
)
def test_counts_are_a_number_and_its_noun(
    text: str, value: float, unit: str, qualifier: str
) -> None:
    q = only(text)
    assert (q.kind, q.value, q.unit, q.qualifier) == ("count", value, unit, qualifier)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("about $200 million", "about"),
        ("around $200 million", "about"),
        ("nearly $200 million", "about"),
        ("almost $200 million", "about"),
        ("some $200 million", "about"),
        ("more than $200 million", "more than"),
        ("over $200 million", "more than"),
        ("at least $200 million", "at least"),
        ("up to $200 million", "up to"),
        ("less than $200 million", "less than"),
        ("More Than $200 million", "more than"),
    ],
)
def test_qualifiers_are_normalised_and_kept_in_the_span(text: str, qualifier: str) -> None:
    q = only(text)
    assert q.qualifier == qualifier
    assert q.raw == text
    assert format_quantity(q) == f"{qualifier} USD 200000000"


@pytest.mark.parametrize(
    "text",
    [
        "in 2025 the company grew",
        "On June 13 the deal closed",
        "on 13 June the deal closed",
        "June 13, 2025 was a Friday",
        "at 10:30 am local time",
        "for the 3rd time in a row",
        "its Gemini 2 models",
        "COVID-19 cases rose",
        "ranked No. 2 player",
        "A320 planes are grounded",
        "one of its many data vendors",
        "the index ended 0.02 higher",
    ],
)
def test_years_dates_times_ordinals_and_names_are_not_quantities(text: str) -> None:
    assert parse_quantities(text) == ()


def test_quantities_come_in_order_with_offsets_into_the_text() -> None:
    text = "Meta took a 49% stake, valuing it at $29 billion; 20 staff moved."
    found = parse_quantities(text)
    assert [q.raw for q in found] == ["49%", "$29 billion", "20 staff"]
    assert all(text[q.start : q.end] == q.raw for q in found)


def test_money_is_not_also_counted() -> None:
    assert [q.kind for q in parse_quantities("29 billion dollars")] == ["money"]


def test_format_quantity_tokens() -> None:
    assert format_quantity(only("$29bn")) == "USD 29000000000"
    assert format_quantity(only("S$1.2 million")) == "SGD 1200000"
    assert format_quantity(only("12.5%")) == "12.5%"
    assert format_quantity(only("more than 20 companies")) == "more than 20 companies"


def test_every_money_and_percent_figure_in_the_seed_article_is_parsed() -> None:
    text = SEED.read_text(encoding="utf-8")
    found = [(q.kind, q.value, q.qualifier) for q in parse_quantities(text)]
    assert found == [
        ("percent", 49, ""),
        ("money", 29e9, ""),
        ("money", 14e9, ""),
        ("money", 200e6, "about"),
        ("money", 100, "up to"),
    ]


_STYLES = [
    ("${v} billion", 1e9),
    ("${v}bn", 1e9),
    ("US${v} billion", 1e9),
    ("S${v} million", 1e6),
    ("{v} billion dollars", 1e9),
    ("Rs {v} crore", 1e7),
    ("Rs. {v} crore", 1e7),
    ("₹{v} lakh", 1e5),
    ("€{v}m", 1e6),
    ("£{v} million", 1e6),
    ("${v}", 1),
    ("{v} per cent", 1),
    ("{v} percent", 1),
    ("{v}%", 1),
]


@given(
    value=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999"), places=2),
    style=st.sampled_from(_STYLES),
    commas=st.booleans(),
)
def test_any_supported_style_parses_back_to_its_value(
    value: Decimal, style: tuple[str, float], commas: bool
) -> None:
    template, scale = style
    written = f"{value:,}" if commas else str(value)
    text = "The deal was worth " + template.format(v=written) + " on Friday."
    q = only(text)
    assert math.isclose(q.value, float(value) * scale, rel_tol=1e-9)
    assert text[q.start : q.end] == q.raw


def test_lakh_crore_is_one_compound_scale():
    (q,) = parse_quantities("a market value of nearly ₹2.5 lakh crore")
    assert (q.kind, q.unit, q.value, q.qualifier) == ("money", "INR", 2.5e12, "about")
    (q,) = parse_quantities("investors lost Rs 20 thousand crore")
    assert q.value == 2e11


def test_plain_numbers_are_every_figure_and_number_word_with_offsets() -> None:
    text = "Seven of the 3,500 homes, the second block, had 2.5 floors and one lift."
    found = plain_numbers(text)
    assert [(q.raw, q.value) for q in found] == [
        ("Seven", 7),
        ("3,500", 3500),
        ("second", 2),
        ("2.5", 2.5),
        ("one", 1),
    ]
    assert all(text[q.start : q.end] == q.raw and q.unit == "" for q in found)


def test_number_words_come_from_one_table() -> None:
    assert set(COUNT_WORDS) <= set(NUMBER_WORDS) and set(PLAIN_WORDS) <= set(NUMBER_WORDS)
    # "one" and ordinals are plain numbers, never counts: "one of its vendors", "first time".
    assert parse_quantities("one of its vendors left") == ()
    assert parse_quantities("for the first time") == ()
    assert only("twelve vendors left").value == NUMBER_WORDS["twelve"]
