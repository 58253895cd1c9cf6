"""Attributions name the outlets, people, organisations and unnamed sources a text cites."""

from __future__ import annotations

from pathlib import Path

import pytest
from wiretrace.extractors.attributions import AGENCY_CREDITS, find_attributions

SEED = Path(__file__).parents[1] / "fixtures" / "seed" / "scale_ai_aggregated_article.txt"
ALIASES = {
    "channel news asia": "cna",
    "cna": "cna",
    "reuters": "reuters",
    "india times": "indiatimes",
    "times of india": "indiatimes",
    "toi": "indiatimes",
}


def cited(text: str) -> list[tuple[str, str, str]]:
    return [(a.cited, a.kind, a.cue) for a in find_attributions(text, aliases=ALIASES)]


@pytest.fixture
def seed_attributions():
    return find_attributions(SEED.read_text(encoding="utf-8"), aliases=ALIASES)


def test_every_attribution_phrase_in_the_seed_article_is_found(seed_attributions) -> None:
    assert [(a.cited, a.kind, a.cue) for a in seed_attributions] == [
        ("reuters", "outlet", "credited from"),
        ("", "anonymous", "sources said"),
        ("cna", "outlet", "according to"),
        ("reuters", "outlet", "according to"),
        ("", "anonymous", "reportedly"),
        ("OpenAI", "organisation", "confirmed"),
        ("reuters", "outlet", "according to"),
        ("indiatimes", "outlet", "according to"),
        ("indiatimes", "outlet", "as noted by"),
        ("cna", "outlet", "as noted by"),
        ("reuters", "outlet", "as per"),
        ("indiatimes", "outlet", "as per"),
    ]


def test_seed_raw_spans_are_the_phrases_as_written(seed_attributions) -> None:
    text = SEED.read_text(encoding="utf-8")
    raws = [a.raw for a in seed_attributions]
    assert all(raw in text for raw in raws)
    assert "Credited from: REUTERS" in raws
    assert "Sources indicate" in raws
    assert "according to Channel News Asia and Reuters" in raws
    assert "according to Reuters and India Times" in raws
    assert "as noted by India Times and Channel News Asia" in raws
    assert "as per Reuters and India Times" in raws
    assert any(raw.startswith("OpenAI,") and raw.endswith("has confirmed") for raw in raws)


def test_one_phrase_naming_two_outlets_counts_each() -> None:
    assert cited("The firm lost clients, according to Channel News Asia and Reuters.") == [
        ("cna", "outlet", "according to"),
        ("reuters", "outlet", "according to"),
    ]


def test_outlet_aliases_match_in_any_case() -> None:
    assert cited("according to REUTERS and toi") == [
        ("reuters", "outlet", "according to"),
        ("indiatimes", "outlet", "according to"),
    ]
    assert cited("as per Times of India, the deal closed.") == [("indiatimes", "outlet", "as per")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reuters reported on Friday that Meta would invest.", ("reuters", "outlet", "reported")),
        ("Wang told Reuters the deal closed.", ("reuters", "outlet", "told")),
        ("The paper, citing Reuters, said so.", ("reuters", "outlet", "citing")),
        ("The deal, as reported by CNA, closed.", ("cna", "outlet", "reported")),
        ("Alexandr Wang said the deal was good.", ("Alexandr Wang", "person", "said")),
        ("A spokesperson said the firm would comply.", ("A spokesperson", "person", "said")),
        ("OpenAI has confirmed it will continue.", ("OpenAI", "organisation", "confirmed")),
        ("Google said it would cut ties.", ("Google", "organisation", "said")),
        ("The company said profits rose.", ("The company", "organisation", "said")),
        ("According to PTI, 12 people died.", ("pti", "outlet", "according to")),
        ("Credited from: REUTERS", ("reuters", "outlet", "credited from")),
        ("(With inputs from PTI)", ("pti", "outlet", "credited from")),
        ("The blast killed 12 people. - PTI", ("pti", "outlet", "credited from")),
        ("KATHMANDU, April 25 (Reuters) - A quake struck.", ("reuters", "outlet", "dateline")),
    ],
)
def test_each_cue_names_its_source(text: str, expected: tuple[str, str, str]) -> None:
    assert cited(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Sources indicate that Google had intended to pay.",
        "Sources said the talks ended.",
        "Two people familiar with the matter said the deal closed.",
        "The deal closed, said people familiar with the matter.",
        "Rivals are reportedly reevaluating their ties.",
        "The firm, citing sources, declined to comment.",
        "The deal closed, according to people familiar with the matter.",
    ],
)
def test_unnamed_sources_are_anonymous(text: str) -> None:
    found = find_attributions(text, aliases=ALIASES)
    assert len(found) == 1
    assert (found[0].kind, found[0].cited) == ("anonymous", "")


def test_a_role_with_a_name_cites_the_person() -> None:
    assert cited("Scale AI's CEO Alexandr Wang said it was fine.") == [
        ("Alexandr Wang", "person", "said")
    ]
    assert cited('"We are fine," said Alexandr Wang, the CEO.') == [
        ("Alexandr Wang", "person", "said")
    ]


def test_a_compound_title_is_not_part_of_the_name() -> None:
    assert cited("Nato Secretary General Mark Rutte said the alliance was united.") == [
        ("Mark Rutte", "person", "said")
    ]


def test_a_surname_alone_is_a_person_once_the_full_name_appeared() -> None:
    assert cited("Alexandr Wang said it was fine. Later Wang said more.")[-1] == (
        "Wang",
        "person",
        "said",
    )


def test_sources_telling_an_outlet_give_both_attributions() -> None:
    assert cited("Sources told CNA that the talks ended.") == [
        ("", "anonymous", "sources said"),
        ("cna", "outlet", "told"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "He said it was fine.",
        "As per the rules, firms must file returns.",
        "Industry observers expect more deals this year.",
        "Wang told Musk the deal was off.",
    ],
)
def test_sentences_without_a_named_source_give_none(text: str) -> None:
    assert cited(text) == []


def test_wire_agencies_are_outlets_even_without_aliases() -> None:
    assert {"reuters", "ap", "afp", "pti", "ani", "ians", "bloomberg"} <= set(
        AGENCY_CREDITS.values()
    )
    found = find_attributions("according to AFP and Bloomberg", aliases={})
    assert [(a.cited, a.kind) for a in found] == [("afp", "outlet"), ("bloomberg", "outlet")]
