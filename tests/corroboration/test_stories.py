"""Story grouping: one event across outlets and days is one story; different events stay apart."""

from datetime import UTC, datetime, timedelta

from story_support import record_decisions

from wiretrace.corroboration.stories import ArticleSpace, StoryConfig, group_stories, lead_of
from wiretrace.records import StoryArticle

T0 = datetime(2025, 6, 13, 1, 0, tzinfo=UTC)


def article(aid, outlet, title, lead, *, hours=0.0, clusters=()):
    return StoryArticle(aid, outlet, title, lead, T0 + timedelta(hours=hours), tuple(clusters))


SCALE_REUTERS = article(
    "scale-r",
    "reuters",
    "Google, Scale AI's largest customer, plans split after Meta deal, sources say",
    "Alphabet's Google, the largest customer of Scale AI, plans to cut ties with the "
    "data-labeling startup after rival Meta took a 49% stake in the company.",
    clusters=("c-stake", "c-google", "c-wang"),
)
SCALE_CNA = article(
    "scale-c",
    "cna",
    "Scale AI's biggest customer Google set to walk away after Meta buys in",
    "Alphabet's Google, the largest customer of Scale AI, plans to cut ties with the "
    "data-labelling startup after rival Meta took a big stake in the company.",
    hours=1,
    clusters=("c-stake", "c-google", "c-cna-only"),
)
SCALE_INDIATIMES = article(
    "scale-i",
    "indiatimes",
    "Google to snap ties with Scale AI after Meta picks up 49% stake",
    "Google, the biggest customer of US-based data-labelling startup Scale AI, is planning to "
    "end its relationship with the company after Facebook-parent Meta picked up a stake.",
    hours=2,
    clusters=("c-stake", "c-it-only"),
)
REELS_INDIATIMES = article(
    "reels-i",
    "indiatimes",
    "Meta launches AI voice translation for Instagram Reels in Hindi, Tamil and Telugu",
    "Meta on Friday launched an AI-powered voice translation feature for Instagram and "
    "Facebook Reels in India, letting creators dub their videos in their own voice.",
    hours=0.5,
    clusters=("c-followers", "c-users", "c-busy-week"),
)
REELS_REUTERS = article(
    "reels-r",
    "reuters",
    "Meta rolls out AI dubbing for Reels in India as it courts creators",
    "Meta Platforms on Friday introduced an artificial intelligence tool that translates and "
    "lip-syncs Instagram and Facebook Reels into three Indian languages for creators.",
    hours=1.5,
    clusters=("c-followers", "c-users"),
)
CRICKET = article(
    "cricket-i",
    "indiatimes",
    "Konkan T20 League: Ratnagiri Rangers beat Sindhudurg Sharks to lift maiden title",
    "Left-arm spinner Aditya Kulkarni took four for 18 as Ratnagiri Rangers beat Sindhudurg "
    "Sharks by seven wickets in the final.",
    hours=3,
    clusters=("c-final",),
)
DEMO_LIKE = [SCALE_REUTERS, SCALE_CNA, SCALE_INDIATIMES, REELS_INDIATIMES, REELS_REUTERS, CRICKET]


def by_article(stories):
    return {a: s for s in stories for a in s.article_ids}


def test_the_same_event_in_three_outlets_is_one_story_first_by_time():
    stories = by_article(group_stories(DEMO_LIKE))
    story = stories["scale-r"]
    assert story is stories["scale-c"] is stories["scale-i"]
    assert story.outlets == ("cna", "indiatimes", "reuters")
    assert story.first_outlet == "reuters" and story.first_published_at == T0
    assert [m.article_id for m in story.members] == ["scale-r", "scale-c", "scale-i"]
    assert story.members[0].score == 1.0 and all(0 < m.score <= 1 for m in story.members)


def test_same_company_same_day_different_events_are_two_stories():
    stories = by_article(group_stories(DEMO_LIKE))
    assert stories["reels-i"] is stories["reels-r"]
    assert stories["reels-i"] is not stories["scale-r"]
    assert stories["reels-i"].outlets == ("indiatimes", "reuters")


def test_an_unrelated_article_starts_its_own_story():
    stories = group_stories(DEMO_LIKE)
    assert len(stories) == 3
    (cricket,) = [s for s in stories if "cricket-i" in s.article_ids]
    assert cricket.article_ids == ("cricket-i",) and cricket.outlets == ("indiatimes",)


def test_an_article_joins_a_story_only_if_close_to_the_whole_story_not_one_member():
    # A and C share nothing; B shares half its words with each. B joins A's story; C is close
    # to B alone, which is not enough: single-link clustering would chain A, B and C.
    a = article("a", "reuters", "Copper strike halts Chilean mine output", "", hours=0)
    b = article("b", "cna", "Copper strike halts Chilean mine; workers demand bonus", "", hours=1)
    c = article("c", "indiatimes", "Workers demand bonus at Mumbai port", "", hours=2)
    config = StoryConfig()
    space = ArticleSpace([a, b, c], config)
    assert space.similarity("b", "c") >= config.threshold  # close enough to B alone
    assert space.similarity("a", "c") < config.floor
    stories = by_article(group_stories([a, b, c], config=config))
    assert stories["a"] is stories["b"]
    assert stories["c"] is not stories["a"]


def test_shared_claims_join_articles_whose_headlines_differ():
    a = article("a", "reuters", "India's power demand hits record as heatwave grips north", "")
    b = article("b", "indiatimes", "Delhi sizzles at 45.8C as city breaks record", "", hours=2)
    apart = by_article(group_stories([a, b]))
    assert apart["a"] is not apart["b"]
    a2 = article("a", "reuters", a.title, "", clusters=("c-252gw", "c-ac"))
    b2 = article("b", "indiatimes", b.title, "", hours=2, clusters=("c-252gw", "c-ac", "c-x"))
    together = by_article(group_stories([a2, b2]))
    assert together["a"] is together["b"]


def test_story_ids_are_stable_across_reruns_order_and_later_articles():
    first = {s.story_id: s.article_ids for s in group_stories(DEMO_LIKE)}
    again = {s.story_id: s.article_ids for s in group_stories(list(reversed(DEMO_LIKE)))}
    assert first == again
    # The morning's stories keep their ids when the afternoon's articles arrive.
    morning = [SCALE_REUTERS, SCALE_CNA, REELS_INDIATIMES, CRICKET]
    before = {a: s.story_id for s in group_stories(morning) for a in s.article_ids}
    after = {a: s.story_id for s in group_stories(DEMO_LIKE) for a in s.article_ids}
    assert all(after[a] == story_id for a, story_id in before.items())
    assert after["scale-i"] == before["scale-r"]  # the id comes from the earliest article


def test_the_same_words_outside_the_time_window_are_another_story():
    a = article("a", "reuters", "Gold rises as weaker dollar lifts demand", "", hours=0)
    b = article("b", "reuters", "Gold rises as weaker dollar lifts demand", "", hours=24 * 10)
    stories = by_article(group_stories([a, b]))
    assert stories["a"] is not stories["b"]


def test_verdict_counts_per_story():
    verdicts = {"c-stake": "disputed", "c-google": "wire-only", "c-wang": "single-source"}
    stories = by_article(group_stories(DEMO_LIKE, verdicts=verdicts))
    story = stories["scale-r"]
    assert set(story.cluster_ids) == {"c-stake", "c-google", "c-wang", "c-cna-only", "c-it-only"}
    assert dict(story.verdicts) == {"disputed": 1, "wire-only": 1, "single-source": 1}


def test_lead_drops_wire_and_outlet_datelines():
    text = (
        "SAN FRANCISCO, June 12 (Reuters) - Alphabet's Google plans to cut ties.\n"
        "BHUBANESWAR, India: A powerful cyclone slammed into the coast."
    )
    assert lead_of(text) == (
        "Alphabet's Google plans to cut ties. A powerful cyclone slammed into the coast."
    )
    assert (
        lead_of("June 13 (Reuters) - Gold prices rose on Friday.") == "Gold prices rose on Friday."
    )
    assert lead_of("JOHOR BAHRU: Candidates made a final push.", words=3) == "Candidates made a"
    assert lead_of("Meta: the company said.") == "Meta: the company said."


def test_an_undated_article_is_open_only_to_stories_open_at_the_latest_dated_article():
    """An article without a time may belong to any day, but it arrived now: it may join a story
    still open at the latest dated article, not one closed weeks before."""
    old = article("old", "reuters", "Gold rises as weaker dollar lifts demand", "", hours=0)
    recent = article("new", "cna", "Gold rises on a weaker dollar", "", hours=24 * 20)
    undated = StoryArticle("undated", "indiatimes", old.title, "", None, ())
    stories = by_article(group_stories([old, recent, undated]))
    assert stories["undated"] is stories["new"] is not stories["old"]


def test_word_weights_of_a_later_block_leave_earlier_similarities_as_they_were():
    """Decisions in a block weigh words by the block before it, so articles of later blocks
    (a new run's) change no similarity an earlier decision used."""
    config = StoryConfig(block=3)
    first = [
        article("a", "reuters", "Copper strike halts Chilean mine output", "", hours=0),
        article("b", "cna", "Copper strike halts Chilean mine; workers demand bonus", "", hours=1),
        article("c", "indiatimes", "Workers demand bonus at Mumbai port", "", hours=2),
        article("d", "reuters", "Copper price rises on mine strike", "", hours=3),
        article("e", "cna", "Chilean copper mine strike enters second day", "", hours=4),
    ]
    later = [
        article(f"x{k}", "cna", f"Copper mine strike day {k}", "", hours=5 + k) for k in range(4)
    ]
    before = ArticleSpace(first, config)
    after = ArticleSpace([*first, *later], config)
    assert (
        before.blocks
        == {a: after.blocks[a] for a in before.blocks}
        == {
            "a": 0,
            "b": 0,
            "c": 0,
            "d": 1,
            "e": 1,
        }
    )
    for x, y in (("a", "b"), ("b", "c"), ("d", "e"), ("a", "e")):
        assert before.similarity(x, y) == after.similarity(x, y)
    assert before.idf(1) == before.idf(0)  # the first two blocks share the first's weights


def test_a_kept_decision_is_made_again_when_a_story_open_to_it_lost_a_member(monkeypatch):
    """Decisions kept unless an open story changed: B's claim moves (a changed share with D
    and E), so B leaves D's story; C shares as much with B and D as before, yet joined D's
    story for B's sake and now starts its own; F, days later, decides as it did."""

    def item(aid, hours, clusters, words):
        return StoryArticle(aid, "o", words, words, T0 + timedelta(hours=hours), clusters)

    e = item("e", 0, ("k9",), "emu eel")
    d = item("d", 1, ("k1", "k3", "k6", "k7", "k8"), "dog dingo")
    b_before = item("b", 2, ("k1", "k2"), "bat bee")
    b_after = item("b", 2, ("k9", "k2"), "bat bee")
    c = item("c", 3, ("k2", "k3", "k4", "k5", "k10"), "cat cow")
    f = item("f", 24 * 5, ("k11",), "fox ferret")
    stored = {
        m.article_id: (s.story_id, m.score)
        for s in group_stories([e, d, b_before, c, f])
        for m in s.members
    }
    assert stored["c"][0] == stored["d"][0] == stored["b"][0]  # C joined D and B
    after = [e, d, b_after, c, f]
    decided = record_decisions(monkeypatch)
    kept = group_stories(after, stored=stored, keep={"e", "d", "c", "f"})
    monkeypatch.undo()
    whole = group_stories(after)
    assert [s.article_ids for s in kept] == [s.article_ids for s in whole]
    assert by_article(whole)["c"] not in (by_article(whole)["d"], by_article(whole)["b"])
    assert decided == ["b", "c"]  # E and D stand, and F: nothing open to it changed
