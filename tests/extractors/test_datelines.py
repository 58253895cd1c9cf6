"""Datelines are read in one place: the wire they credit, the place, and where the sentence goes on."""

from __future__ import annotations

import pytest

from wiretrace.extractors.datelines import dateline_end, read_dateline


@pytest.mark.parametrize(
    ("line", "text", "place", "credit", "rest"),
    [
        ("SAN FRANCISCO, June 12 (Reuters) - Meta will invest.", "SAN FRANCISCO, June 12 (Reuters) -", "SAN FRANCISCO", "Reuters", "Meta will invest."),
        ("June 13 (Reuters) - Gold rose.", "June 13 (Reuters) -", "", "Reuters", "Gold rose."),
        ("(Reuters) - Elon Musk said so.", "(Reuters) -", "", "Reuters", "Elon Musk said so."),
        ("New Delhi, Jun 13 (PTI) Five people died.", "New Delhi, Jun 13 (PTI)", "New Delhi", "PTI", "Five people died."),
        ("NEW DELHI: Pakistan's army said.", "NEW DELHI:", "NEW DELHI", "", "Pakistan's army said."),
        ("WASHINGTON — President Obama spoke.", "WASHINGTON —", "WASHINGTON", "", "President Obama spoke."),
        # HuffPost's leads (BASIL) use a horizontal bar, U+2015, for the dash.
        ("WASHINGTON ― President Donald Trump spoke.", "WASHINGTON ―", "WASHINGTON", "", "President Donald Trump spoke."),
        ("NEW YORK -- U.S. Sen. Marco Rubio spoke.", "NEW YORK --", "NEW YORK", "", "U.S. Sen. Marco Rubio spoke."),
        ("AMHERST, N.H. — Gov. Rick Perry spoke.", "AMHERST, N.H. —", "AMHERST, N.H.", "", "Gov. Rick Perry spoke."),
    ],
)  # fmt: skip
def test_a_dateline_is_read_with_where_its_sentence_goes_on(line, text, place, credit, rest):
    found = read_dateline(line)
    assert found is not None
    assert (found.text, found.place, found.credit) == (text, place, credit)
    assert line[found.end :] == rest == line[dateline_end(line) :]


@pytest.mark.parametrize(
    "line",
    [
        "WATCH: the storm makes landfall.",
        "UPDATE - the storm makes landfall.",
        "Apple (AAPL.O) - shares rose 2%.",
        "Meta: the company said.",
        "AI: the models got cheaper this year.",
        "Shares rose on June 13 (Reuters) - said.",
        "SINGAPORE:",
        "SAN FRANCISCO (Reuters) -",
    ],
)
def test_labels_tickers_and_a_bare_dateline_open_no_sentence(line):
    assert read_dateline(line) is None
    assert dateline_end(line) == 0
