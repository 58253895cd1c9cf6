"""A story's lead leaves out where it was filed, whichever way the outlet prints its dateline."""

from wiretrace.corroboration.stories import lead_of


def test_lead_drops_the_datelines_american_papers_print():
    assert lead_of("WASHINGTON — President Obama spoke.") == "President Obama spoke."
    assert lead_of("NEW YORK -- U.S. Sen. Marco Rubio spoke.", words=2) == "U.S. Sen."
    assert lead_of("UPDATE - the vote was delayed.") == "UPDATE - the vote was delayed."


def test_lead_drops_a_dateline_after_an_update_note():
    text = (
        "This story has been updated with the death toll.\n"
        "BHUBANESWAR, India, June 13 (Reuters) - A cyclone hit the coast."
    )
    assert lead_of(text, words=11) == "This story has been updated with the death toll. A cyclone"
