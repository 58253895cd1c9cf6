# -*- coding: utf-8 -*-
"""Write outlets.toml, expected.json and README.md for the demo corpus."""
import json
import os
from collections import Counter, OrderedDict
from datetime import datetime, timezone

STORY_TITLES = OrderedDict([
    ("meta-scale-ai", "Meta takes a 49% stake in Scale AI; Google, its largest customer, plans to cut ties"),
    ("meta-reels-dubbing", "Meta launches AI voice dubbing for Reels in Indian languages"),
    ("oil-prices", "Oil steadies as US-China trade hopes offset OPEC+ supply worries"),
    ("cyclone-sagarika", "Cyclone Sagarika hits Odisha; death toll rises"),
    ("india-inflation-may", "India's retail inflation falls to 2.82% in May"),
    ("india-markets-close", "Indian shares snap three-day rally; Sensex down 823 points"),
    ("sg-train-disruption", "Power cable fault disrupts Singapore's North-South Line"),
    ("konkan-t20-final", "Ratnagiri Rangers win the Konkan T20 League final"),
    ("chile-copper-strike", "Copper climbs as strike halts Chile's Cerro Alto mine"),
    ("upi-paynow-expansion", "PayNow-UPI link adds banks, daily limit raised to S$3,000"),
    ("raung-eruption", "Mount Raung eruption disrupts Bali flights"),
    ("rare-earth-licences", "China approves rare earth magnet exports to Indian auto parts makers"),
    ("sg-labour-market", "Singapore retrenchments rise to 3,500 in Q1"),
    ("dashly-funding", "Quick-commerce startup Dashly raises $250 million"),
    ("heatwave-power-demand", "Heatwave pushes India's power demand to a record 252 GW"),
    ("japan-rice-prices", "Japan's rice prices fall for a third week"),
    ("sg-new-home-sales", "Singapore new private home sales jump in May"),
    ("seri-cempaka-by-election", "Seri Cempaka by-election campaign ends"),
    ("monsoon-revival", "India's monsoon set to revive after stalling"),
    ("gold-prices", "Gold rises on weaker dollar; crosses ₹1 lakh per 10 grams in India"),
    ("asean-india-trade-review", "ASEAN and India aim to finish goods trade pact review by end-2025"),
])

OUTLETS_TOML = '''# Outlets of the wiretrace demo corpus. `{base}` is replaced by the demo server's base URL.
# Reuters publishes no RSS: its Google-News sitemap is its feed.

[[outlet]]
id = "reuters"
name = "Reuters"
kind = "wire"
aliases = ["Reuters", "Thomson Reuters"]
timezone = "UTC"
allow_private = true
feeds = []
sitemaps = ["{base}/reuters/news-sitemap.xml"]

[[outlet]]
id = "cna"
name = "CNA"
kind = "outlet"
aliases = ["CNA", "Channel News Asia", "ChannelNewsAsia"]
timezone = "Asia/Singapore"
allow_private = true
feeds = ["{base}/cna/rss-outbound-feed.xml"]
sitemaps = []

[[outlet]]
id = "indiatimes"
name = "India Times"
kind = "outlet"
aliases = ["India Times", "Times of India", "TOI", "The Times of India"]
timezone = "Asia/Kolkata"
allow_private = true
feeds = ["{base}/indiatimes/rssfeedstopstories.cms"]
sitemaps = []
'''

# (story, {outlet: (article key, phrase)}, extra)
KEY_CLAIMS = [
    ("meta-scale-ai", {"reuters": ("r-meta", "Meta is acquiring a 49% stake in Scale AI"),
                       "cna": ("c-meta", "Meta is acquiring a 49% stake in Scale AI"),
                       "indiatimes": ("i-meta", "Meta Platforms is acquiring a 49 per cent stake in Scale AI")},
     {"independent_sources": 1, "numbers_agree": True, "quantity": "49%"}),
    ("meta-scale-ai", {"reuters": ("r-meta", "valuing it at $29 billion"),
                       "cna": ("c-meta", "valuing it at US$30 billion"),
                       "indiatimes": ("i-meta", "values the San Francisco-based startup at $29 billion")},
     {"independent_sources": 1, "numbers_agree": False, "quantity": "$29 billion",
      "note": "CNA's reprint says US$30 billion: a planted dispute"}),
    ("meta-scale-ai", {"reuters": ("r-meta", "about $200 million this year"),
                       "cna": ("c-meta", "about US$200 million this year"),
                       "indiatimes": ("i-meta", "around $200 million (about Rs 1,710 crore) this year")},
     {"independent_sources": 1, "numbers_agree": True, "quantity": "$200 million"}),
    ("meta-scale-ai", {"reuters": ("r-meta", "The startup was valued at $14 billion before the investment"),
                       "cna": ("c-meta", "The startup was valued at US$14 billion before the investment"),
                       "indiatimes": ("i-meta", "Scale was valued at $14 billion before the investment")},
     {"independent_sources": 1, "numbers_agree": True, "quantity": "$14 billion"}),
    ("meta-scale-ai", {"reuters": ("r-meta", "Alexandr Wang and some of his employees will join Meta"),
                       "cna": ("c-meta", "Alexandr Wang and some of his employees will join Meta"),
                       "indiatimes": ("i-meta", "Alexandr Wang, 28, will join Meta")},
     {"independent_sources": 1}),
    ("meta-reels-dubbing", {"indiatimes": ("i-reels", "at least 1,000 followers"),
                            "reuters": ("r-reels", "at least 1,000 followers")},
     {"independent_sources": 2, "numbers_agree": True, "quantity": "1,000 followers"}),
    ("oil-prices", {"reuters": ("r-oil", "at $69.86 a barrel"), "cna": ("c-oil", "at US$69.86 a barrel")},
     {"independent_sources": 1, "numbers_agree": True, "quantity": "$69.86"}),
    ("cyclone-sagarika", {"reuters": ("r-cyclone", "killed at least 12 people"),
                          "indiatimes": ("i-cyclone", "At least 12 people were killed"),
                          "cna": ("c-cyclone", "killing at least 12 people")},
     {"numbers_agree": True, "quantity": "at least 12 dead",
      "note": "Reuters raises its figure to at least 17 in edition 2 (same URL); the others stay at 12: an update, not a dispute"}),
    ("cyclone-sagarika", {"reuters": ("r-cyclone", "more than 200,000 people"),
                          "indiatimes": ("i-cyclone", "Over 2 lakh people")},
     {"numbers_agree": True, "quantity": "200,000 = 2 lakh evacuated"}),
    ("cyclone-sagarika", {"reuters": ("r-cyclone", "cancelled 38 trains"),
                          "indiatimes": ("i-cyclone", "cancelled 38 trains")},
     {"numbers_agree": True, "quantity": "38 trains"}),
    ("india-inflation-may", {"reuters": ("r-cpi", "slowed to 2.82% in May"),
                             "indiatimes": ("i-cpi", "eased to 2.82 per cent in May")},
     {"independent_sources": 2, "numbers_agree": True, "quantity": "2.82%"}),
    ("india-markets-close", {"indiatimes": ("i-mkts", "Rs 446 crore"),
                             "reuters": ("r-mkts", "4.46 billion rupees")},
     {"independent_sources": 2, "numbers_agree": True, "quantity": "Rs 446 crore = 4.46 billion rupees",
      "note": "India Times published ten minutes before Reuters"}),
    ("upi-paynow-expansion", {"cna": ("c-upi", "raised to S$3,000 from S$1,000"),
                              "indiatimes": ("i-upi", "up to S$3,000 (about ₹2 lakh) a day")},
     {"independent_sources": 2, "numbers_agree": True, "quantity": "S$3,000",
      "note": "both outlets report the same official statement; neither cites the other"}),
    ("upi-paynow-expansion", {"cna": ("c-upi", "More than 1.5 million transactions"),
                              "indiatimes": ("i-upi", "over 15 lakh transactions")},
     {"independent_sources": 2, "numbers_agree": True, "quantity": "1.5 million = 15 lakh"}),
    ("raung-eruption", {"reuters": ("r-raung", "canceled 48 domestic and international flights"),
                        "cna": ("c-raung", "cancelled 48 flights in total"),
                        "indiatimes": ("i-raung", "cancelled 48 domestic and international flights")},
     {"independent_sources": 2, "numbers_agree": True, "quantity": "48 flights",
      "note": "India Times attributes the figure to Reuters; CNA's comes from its own reporting"}),
    ("rare-earth-licences", {"reuters": ("r-rare", "first export licences for rare earth magnets"),
                             "cna": ("c-rare", "first export licences for rare earth magnets"),
                             "indiatimes": ("i-rare", "first batch of export licences for rare earth magnets")},
     {"independent_sources": 1, "note": "CNA says 'Reuters reported', India Times says 'told Reuters'"}),
    ("sg-labour-market", {"cna": ("c-jobs", "rose to 3,500 in the first quarter"),
                          "reuters": ("r-jobs", "rose to 3,500 in the first quarter")},
     {"independent_sources": 2, "numbers_agree": True, "quantity": "3,500"}),
    ("dashly-funding", {"reuters": ("r-dashly", "raised $250 million"),
                        "indiatimes": ("i-dashly", "raised $250 million (about Rs 2,140 crore)")},
     {"independent_sources": 2, "numbers_agree": True, "quantity": "$250 million"}),
    ("heatwave-power-demand", {"reuters": ("r-heat", "record 252 gigawatts (GW)"),
                               "indiatimes": ("i-heat", "all-time high of 252 GW")},
     {"independent_sources": 2, "numbers_agree": True, "quantity": "252 GW"}),
    ("japan-rice-prices", {"reuters": ("r-rice", "4,120 yen ($28.60)"), "cna": ("c-rice", "4,120 yen (US$28.60)")},
     {"numbers_agree": True, "quantity": "4,120 yen", "note": "CNA credits 'Agencies': lineage unknown"}),
    ("sg-new-home-sales", {"cna": ("c-homes", "sold 1,210 new private homes"), "reuters": ("r-homes", "sold 1,210 units")},
     {"independent_sources": 2, "numbers_agree": True, "quantity": "1,210 units"}),
    ("seri-cempaka-by-election", {"reuters": ("r-poll", "About 52,000 voters"), "cna": ("c-poll", "52,418 voters")},
     {"independent_sources": 2, "numbers_agree": True, "quantity": "52,000 ~ 52,418",
      "note": "rounding, not a dispute"}),
    ("monsoon-revival", {"indiatimes": ("i-monsoon", "31 per cent below the long period average"),
                         "reuters": ("r-monsoon", "31% less rainfall than average")},
     {"independent_sources": 2, "numbers_agree": True, "quantity": "31%"}),
    ("gold-prices", {"reuters": ("r-gold", "Spot gold was up 1.2% at $3,426.40 an ounce"),
                     "cna": ("c-gold", "Spot gold was up 1.2 per cent at US$3,426.40 an ounce"),
                     "indiatimes": ("i-gold", "spot gold was up 1.2 per cent at $3,426.40 an ounce")},
     {"independent_sources": 1, "numbers_agree": True, "quantity": "$3,426.40"}),
    ("asean-india-trade-review", {"cna": ("c-asean", "by the end of 2025"), "indiatimes": ("i-asean", "by December")},
     {"independent_sources": 2}),
]


def utc(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00")).astimezone(timezone.utc)


def main(articles, out):
    by = {a["key"]: a for a in articles}
    P = lambda k: by[k]["path"]

    def text_of(k):
        a = by[k]
        return "\n".join(a["paragraphs"] + ([a["credit"]] if a.get("credit") else []))

    def must(k, phrase):
        assert phrase in text_of(k), (k, phrase)
        return phrase

    with open(os.path.join(out, "outlets.toml"), "w", encoding="utf-8") as f:
        f.write(OUTLETS_TOML)

    stories = []
    for sid, title in STORY_TITLES.items():
        arts = sorted([a for a in articles if a["story"] == sid], key=lambda a: utc(a["published"]))
        assert arts, sid
        stories.append(OrderedDict([
            ("id", sid), ("title", title),
            ("articles", [a["path"] for a in arts]),
            ("outlets", sorted({a["outlet"] for a in arts})),
            ("edition", min(a["edition"] for a in arts)),
            ("first_outlet", arts[0]["outlet"]),
            ("first_published", arts[0]["published"]),
        ]))
    assert len({a["story"] for a in articles}) == len(STORY_TITLES)

    key_claims = []
    for sid, per, extra in KEY_CLAIMS:
        arts = [by[k] for k, _ in per.values()]
        for o, (k, ph) in per.items():
            assert by[k]["outlet"] == o and by[k]["story"] == sid
            must(k, ph)
        first = min(arts, key=lambda a: utc(a["published"]))
        entry = OrderedDict([("story", sid), ("phrase", per[first["outlet"]][1]),
                             ("outlets", sorted(per)), ("first_outlet", first["outlet"]),
                             ("phrases", OrderedDict((P(k), ph) for _, (k, ph) in per.items()))])
        entry.update(extra)
        key_claims.append(entry)

    cyc = by["r-cyclone"]
    u = cyc["update"]
    sent_before = [s for s in cyc["paragraphs"][u["paragraph"]].split(". ") if u["old"] in s][0]

    ph = OrderedDict()
    ph["verbatim_reprint"] = {"article": P("c-meta"), "source": P("r-meta"), "marker": must("c-meta", "(Reuters) -"),
                              "credit": must("c-meta", "Source: Reuters/ec")}
    ph["verbatim_reprints"] = [
        {"article": P("c-meta"), "source": P("r-meta"), "marker": "(Reuters) -", "credit": "Source: Reuters/ec",
         "edits": "curly apostrophes, $ -> US$, 'labeled' -> 'labelled', two sentences dropped, one number changed (29 -> 30 billion)"},
        {"article": P("c-oil"), "source": P("r-oil"), "marker": must("c-oil", "SINGAPORE:"), "credit": must("c-oil", "Source: Reuters/fs"),
         "edits": "CNA dateline 'SINGAPORE:' and '(Jun 12)', % -> per cent, $ -> US$, U.S. -> US, curly quotes, last paragraph dropped"},
        {"article": P("c-gold"), "source": P("r-gold"), "marker": None, "credit": must("c-gold", "Source: Reuters/ec"),
         "edits": "no dateline at all, % -> per cent, $ -> US$, curly quotes, last paragraph dropped"},
    ]
    ph["in_text_attribution"] = {"article": P("i-meta"), "cited": "reuters", "phrase": must("i-meta", "according to Reuters"),
                                 "other_phrases": [must("i-meta", "Reuters reported"), must("i-meta", "told Reuters")]}
    ph["in_text_attributions"] = [
        {"article": P("i-meta"), "cited": "reuters", "phrases": ["according to Reuters", "Reuters reported", "told Reuters", "the report said"]},
        {"article": P("i-rare"), "cited": "reuters", "phrases": [must("i-rare", "three sources told Reuters"), must("i-rare", "according to the Reuters report")]},
        {"article": P("c-rare"), "cited": "reuters", "phrases": [must("c-rare", "Reuters reported on Thursday"), must("c-rare", "the report said")]},
        {"article": P("i-raung"), "cited": "reuters", "phrases": [must("i-raung", "According to Reuters")]},
        {"article": P("i-gold"), "cited": "reuters", "phrases": [must("i-gold", "according to Reuters")]},
        {"article": P("i-cpi"), "cited": "reuters", "phrases": [must("i-cpi", "a Reuters poll of economists")],
         "note": "cites a Reuters poll figure (3 per cent), not a Reuters story"},
        {"article": P("c-rice"), "cited": "Kyodo News (not in corpus)", "phrases": [must("c-rice", "Kyodo News reported")]},
    ]
    ph["self_mentions_not_attribution"] = [
        {"article": P("r-meta"), "phrase": must("r-meta", "told Reuters")},
        {"article": P("r-copper"), "phrase": must("r-copper", "told Reuters")},
        {"article": P("r-rare"), "phrase": must("r-rare", "told Reuters")},
        {"article": P("r-dashly"), "phrase": must("r-dashly", "told Reuters")},
        {"article": P("r-cpi"), "phrase": must("r-cpi", "Economists polled by Reuters")},
        {"article": P("i-rare"), "phrase": must("i-rare", "officials told TOI")},
        {"article": P("c-raung"), "phrase": must("c-raung", "told CNA")},
        {"article": P("c-poll"), "phrase": must("c-poll", "CNA understands")},
    ]
    ph["wire_credit_pti"] = {"article": P("i-meta"), "phrase": must("i-meta", "(With inputs from PTI)")}
    ph["wire_credits"] = [
        {"article": P("i-meta"), "credit": "(With inputs from PTI)", "cited": "pti"},
        {"article": P("i-cricket"), "credit": must("i-cricket", "- PTI"), "cited": "pti", "note": "whole story is PTI copy; byline 'PTI'"},
        {"article": P("i-cyclone"), "credit": must("i-cyclone", "(With inputs from agencies)"), "cited": "agencies"},
        {"article": P("i-gold"), "credit": must("i-gold", "(With inputs from agencies)"), "cited": "agencies"},
        {"article": P("c-cyclone"), "credit": must("c-cyclone", "Source: AFP/rc"), "cited": "afp", "note": "AFP is not in the corpus; also 'told AFP' in text"},
        {"article": P("c-rice"), "credit": must("c-rice", "Source: Agencies/fh"), "cited": "agencies"},
        {"article": P("c-rare"), "credit": must("c-rare", "Source: CNA/Reuters/ja"), "cited": "reuters"},
    ]
    ph["own_credit_lines"] = [{"article": a["path"], "credit": a["credit"]} for a in articles
                              if a["outlet"] == "cna" and (a.get("credit") or "").startswith("Source: CNA/") and "Reuters" not in a["credit"]]
    ph["number_dispute"] = {"story": "meta-scale-ai", "claim_phrase": must("r-meta", "valuing it at"),
                            "values": {P("r-meta"): must("r-meta", "$29 billion"), P("c-meta"): must("c-meta", "US$30 billion")},
                            "agreeing": {P("i-meta"): must("i-meta", "$29 billion")},
                            "sentences": {P("r-meta"): must("r-meta", "Meta is acquiring a 49% stake in Scale AI, valuing it at $29 billion."),
                                          P("c-meta"): must("c-meta", "Meta is acquiring a 49% stake in Scale AI, valuing it at US$30 billion.")}}
    ph["updated_article"] = {"article": cyc["path"], "before": u["old"], "after": u["new"], "edition": 2,
                             "paragraph_index": u["paragraph"],
                             "sentence_before": sent_before, "sentence_after": sent_before.replace(u["old"], u["new"]),
                             "modified_before": cyc["modified"], "modified_after": u["modified"],
                             "published": cyc["published"], "update_note": u["note"],
                             "overlay_file": "editions/2" + cyc["path"],
                             "sitemap_lastmod_changes": True}
    ph["single_outlet_stories"] = ["sg-train-disruption", "konkan-t20-final", "chile-copper-strike"]
    ph["same_outlet_two_articles"] = {"story": "sg-train-disruption", "articles": [P("c-train"), P("c-train2")],
                                      "note": "morning report (edition 1) and a new follow-up URL (edition 2), same outlet: one source"}
    ph["same_company_same_day"] = ["meta-scale-ai", "meta-reels-dubbing"]
    ph["same_company_same_day_detail"] = {
        "company": "Meta", "date": "2025-06-13",
        "articles": {"meta-scale-ai": [P("r-meta"), P("c-meta"), P("i-meta")], "meta-reels-dubbing": [P("i-reels"), P("r-reels")]},
        "trap": must("i-reels", "has also agreed to invest in US data-labelling startup Scale AI"),
        "note": "the Reels story mentions the Scale AI deal in one sentence without any of its facts"}
    ph["indian_numbers"] = {"article": P("i-cyclone"),
                            "phrases": [must("i-cyclone", "Rs 1,600 crore"), must("i-cyclone", "₹2.5 lakh"),
                                        must("i-cyclone", "12 lakh"), must("i-cyclone", "2 lakh")]}
    ph["indian_numbers_more"] = [
        {"article": P("i-meta"), "phrases": [must("i-meta", "₹2.5 lakh crore"), must("i-meta", "Rs 1,710 crore"), must("i-meta", "₹8,550")],
         "note": "₹2.5 lakh crore here vs ₹2.5 lakh in the cyclone story: 10^7 apart"},
        {"article": P("i-mkts"), "phrases": [must("i-mkts", "Rs 3 lakh crore"), must("i-mkts", "Rs 446 crore"), must("i-mkts", "Rs 448.7 lakh crore")]},
        {"article": P("i-gold"), "phrases": [must("i-gold", "₹1,00,450"), must("i-gold", "₹1,06,200"), must("i-gold", "₹1 lakh")],
         "note": "Indian digit grouping 1,00,450"},
        {"article": P("i-monsoon"), "phrases": [must("i-monsoon", "12 lakh hectares")]},
        {"article": P("i-cricket"), "phrases": [must("i-cricket", "₹25 lakh"), must("i-cricket", "₹12 lakh")]},
    ]
    ph["number_equivalences"] = [
        {"a": [P("r-cyclone"), "more than 200,000 people"], "b": [P("i-cyclone"), "Over 2 lakh people"]},
        {"a": [P("r-mkts"), "4.46 billion rupees"], "b": [P("i-mkts"), "Rs 446 crore"]},
        {"a": [P("c-upi"), "More than 1.5 million transactions"], "b": [P("i-upi"), "over 15 lakh transactions"]},
        {"a": [P("r-cpi"), "2.82%"], "b": [P("i-cpi"), "2.82 per cent"]},
        {"a": [P("r-meta"), "$29 billion"], "b": [P("i-meta"), "$29 billion (nearly ₹2.5 lakh crore)"]},
    ]
    ph["rounding_not_dispute"] = {"a": [P("r-poll"), must("r-poll", "About 52,000 voters")], "b": [P("c-poll"), must("c-poll", "52,418 voters")]}
    ph["estimate_disagreement"] = {"story": "meta-reels-dubbing", "a": [P("i-reels"), must("i-reels", "more than 36 crore users")],
                                   "b": [P("r-reels"), must("r-reels", "more than 400 million Instagram users")],
                                   "note": "different market estimates, both hedged ('according to ... estimates')"}
    ph["different_facts_same_story"] = [
        {"story": "cyclone-sagarika", "a": [P("r-cyclone"), must("r-cyclone", "sustained winds of up to 120 km per hour")],
         "b": [P("i-cyclone"), must("i-cyclone", "winds gusting up to 140 kmph")], "note": "sustained vs gust: not a dispute"},
        {"story": "meta-scale-ai", "only_in": P("i-meta"), "phrase": must("i-meta", "Alexandr Wang, 28")},
        {"story": "upi-paynow-expansion", "only_in": P("i-upi"), "phrase": must("i-upi", "total number of participating banks to 19")},
        {"story": "dashly-funding", "only_in": P("i-dashly"), "phrase": must("i-dashly", "around 300 dark stores")},
    ]
    ph["shared_phrase_other_story"] = {"phrase": "valuing it at", "article": P("r-dashly"),
                                       "sentence_part": must("r-dashly", "valuing it at $3.1 billion"),
                                       "note": "same wording as the Meta dispute claim, unrelated story"}
    ph["first_reporter_not_the_wire"] = {"india-markets-close": "indiatimes", "meta-reels-dubbing": "indiatimes",
                                         "monsoon-revival": "indiatimes", "sg-labour-market": "cna",
                                         "sg-new-home-sales": "cna", "upi-paynow-expansion": "cna"}
    ph["datelines"] = {
        "reuters_place": [P("r-meta"), "SAN FRANCISCO, June 12 (Reuters) -"],
        "reuters_no_place": [P("r-gold"), must("r-gold", "June 13 (Reuters) -")],
        "reuters_multi_place": [P("r-rare"), must("r-rare", "BEIJING/NEW DELHI, June 12 (Reuters) -")],
        "cna_colon": [P("c-oil"), "SINGAPORE:"],
        "cna_reprint_no_dateline": [P("c-gold"), None],
        "indiatimes_colon": [P("i-cyclone"), "BHUBANESWAR:"],
        "note": "the Reuters Meta story is datelined June 12 (San Francisco time) but published 2025-06-13T01:12Z",
    }
    ph["timezones"] = {"reuters": ["Z", P("r-meta"), by["r-meta"]["published"]],
                       "cna": ["+08:00", P("c-meta"), by["c-meta"]["published"]],
                       "indiatimes": ["+05:30", P("i-meta"), by["i-meta"]["published"]],
                       "iso_pubdate_in_rss": [P("i-cricket"), "2025-06-12T23:10:00+05:30"]}
    ph["typography"] = {"curly_quotes": P("c-oil"), "en_dash": P("i-reels"), "rupee_sign": P("i-cyclone"),
                        "us_dollar_prefix": P("c-meta"), "singapore_dollar": P("c-upi"), "degree_sign": P("i-heat")}
    ph["jsonld_article_body"] = {"outlet": "indiatimes",
                                 "note": "India Times pages repeat the whole text in JSON-LD articleBody: do not count it twice"}

    editions = OrderedDict([
        ("1", {"label": "morning", "as_of": "2025-06-13T04:00:00Z",
               "feeds": ["/reuters/news-sitemap.xml", "/cna/rss-outbound-feed.xml", "/indiatimes/rssfeedstopstories.cms"],
               "articles": sorted(a["path"] for a in articles if a["edition"] == 1)}),
        ("2", {"label": "afternoon", "as_of": "2025-06-13T10:00:00Z",
               "feeds": ["/reuters/news-sitemap.xml", "/cna/rss-outbound-feed.xml", "/indiatimes/rssfeedstopstories.cms"],
               "articles": sorted(a["path"] for a in articles),
               "new_articles": sorted(a["path"] for a in articles if a["edition"] == 2),
               "new_stories": sorted({a["story"] for a in articles if a["edition"] == 2}
                                     - {a["story"] for a in articles if a["edition"] == 1}),
               "updated_articles": [cyc["path"]]}),
    ])

    arts_meta = []
    for a in sorted(articles, key=lambda a: utc(a["published"])):
        arts_meta.append(OrderedDict([
            ("path", a["path"]), ("outlet", a["outlet"]), ("story", a["story"]), ("edition", a["edition"]),
            ("headline", a["headline"]), ("authors", a["authors"]), ("published", a["published"]),
            ("modified", a["modified"]), ("credit", a.get("credit")), ("jsonld", a["jsonld"]),
            ("paragraphs", len(a["paragraphs"])), ("first_paragraph", a["paragraphs"][0]),
        ]))

    counts = OrderedDict([
        ("outlets", 3), ("stories", len(stories)), ("article_urls", len(articles)),
        ("article_files", len(articles) + 1),
        ("per_outlet", dict(Counter(a["outlet"] for a in articles))),
        ("edition_1_articles", sum(a["edition"] == 1 for a in articles)),
        ("edition_2_new_articles", sum(a["edition"] == 2 for a in articles)),
        ("pages_with_jsonld", sum(bool(a["jsonld"]) for a in articles)),
    ])

    expected = OrderedDict([
        ("corpus", "wiretrace demo corpus"), ("version", 1), ("counts", counts), ("editions", editions),
        ("stories", stories), ("phenomena", ph), ("key_claims", key_claims), ("articles", arts_meta),
    ])
    with open(os.path.join(out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=2)
        f.write("\n")

    write_readme(out, articles, stories, counts, ph, by)


def write_readme(out, articles, stories, counts, ph, by):
    P = lambda k: by[k]["path"]
    po = counts["per_outlet"]
    lines = []
    w = lines.append
    w("# wiretrace demo corpus")
    w("")
    w("A small, self-contained news world for `wiretrace run --demo` and the end-to-end tests: three outlets")
    w("(Reuters as a wire, CNA, India Times), their feeds at two poll times, and the article pages the feeds link to.")
    w("The text was written for this project. The Meta / Scale AI story follows the facts of the real aggregated")
    w("article the project started from (`shared/fixtures/seed/scale_ai_aggregated_article.txt`); every other event,")
    w("figure, quote, person and company here is invented or altered for testing and must not be read or cited as news.")
    w("Bylines are fictional names. The HTML imitates the shape of the real outlets' pages and feeds; nothing is copied from them.")
    w("")
    w(f"**Counts:** {counts['outlets']} outlets, {counts['stories']} stories, {counts['article_urls']} article URLs "
      f"(Reuters {po['reuters']}, CNA {po['cna']}, India Times {po['indiatimes']}) plus 1 updated version in edition 2 "
      f"({counts['article_files']} article files); {counts['edition_1_articles']} articles in the morning edition, "
      f"{counts['edition_2_new_articles']} new in the afternoon; {counts['pages_with_jsonld']} pages carry JSON-LD NewsArticle.")
    w("")
    w("## Layout and serving contract")
    w("")
    w("| path | what |")
    w("|---|---|")
    w("| `outlets.toml` | the three outlets; `{base}` is the demo server's base URL |")
    w("| `site/` | every article page, served at its path under `site/` (paths start with the outlet id) |")
    w("| `editions/1/`, `editions/2/` | overlays for the morning (as of 2025-06-13T04:00Z) and afternoon (2025-06-13T10:00Z) polls: for edition k, PATH is served from `editions/k/PATH` if it exists, else `site/PATH` |")
    w("| `editions/k/reuters/news-sitemap.xml` | Reuters Google-News sitemap (Reuters has no RSS) |")
    w("| `editions/k/cna/rss-outbound-feed.xml` | CNA RSS 2.0 (`&#039;` entities, trailing space in `lastBuildDate`, `<ttl> 20 </ttl>`, +0800 dates) |")
    w("| `editions/k/indiatimes/rssfeedstopstories.cms` | India Times RSS 2.0 (+0530 RFC-822 dates, one ISO-8601 `pubDate`) |")
    w("| `expected.json` | ground truth: stories, planted phenomena, key claims, per-article metadata |")
    w("")
    w("The server replaces the exact token `{base}` (feeds' links, sitemap `<loc>`, canonical links, `og:url`, JSON-LD `url`,")
    w("related-story links). No other `{` occurs in served files except inside JSON-LD. Only article pages and feeds exist:")
    w("navigation, section, author and newsletter links are dead on purpose (404). Images are inline 1x1 data URIs.")
    w("Edition 2 feeds list the afternoon stories and all the morning items, newest first; no item is dated after its edition.")
    w("")
    w("## Templates")
    w("")
    w("- Reuters: `<h1 data-testid=\"Heading\">`, byline, `<time>`, paragraphs as `<div data-testid=\"paragraph-N\">`, an inline")
    w("  newsletter box after paragraph 3, sign-off (\"Reporting by ...\"), trust line, related stories, footer. Straight quotes, US spelling.")
    w("- CNA: `<h1 class=\"h1 h1--page-title\">`, standfirst, body split into two `<div class=\"text-long\">` blocks around an")
    w("  \"Advertisement\" slot, a `Source: ...` credit line, \"Related:\" list. Curly quotes, `(Jun 13)` day stamps, US$ / S$, \"per cent\".")
    w("- India Times: `<div class=\"_s30J clearfix\" data-articlebody=\"1\">` with paragraphs separated by `<br/><br/>`, an")
    w("  \"Also read:\" box inside the body, credit line as the last body line, JSON-LD with the full `articleBody`. ₹ / Rs, lakh / crore.")
    w("")
    w("## Planted phenomena")
    w("")
    w("| phenomenon | file(s) | detail |")
    w("|---|---|---|")
    w(f"| Seed story, all three outlets, Reuters first | `{P('r-meta')}`, `{P('c-meta')}`, `{P('i-meta')}` | Reuters 01:12Z, CNA 02:05Z, India Times 03:10Z; \"49%\" / \"49 per cent\" |")
    w(f"| Verbatim reprint of Reuters by CNA (dateline + credit) | `{P('c-meta')}` | starts \"SAN FRANCISCO, June 12 (Reuters) -\", ends \"Source: Reuters/ec\"; own headline |")
    w(f"| Verbatim reprint (credit only, CNA dateline) | `{P('c-oil')}` | from `{P('r-oil')}`; \"SINGAPORE:\", per cent, US$ |")
    w(f"| Verbatim reprint (no dateline, credit only), edition 2 | `{P('c-gold')}` | from `{P('r-gold')}` |")
    w(f"| India Times rewrite with in-text attribution | `{P('i-meta')}` | \"according to Reuters\", \"Reuters reported\", \"told Reuters\"; ends \"(With inputs from PTI)\" |")
    w(f"| More in-text attribution | `{P('i-rare')}`, `{P('c-rare')}`, `{P('i-raung')}`, `{P('i-gold')}` | \"told Reuters\", \"Reuters reported\", \"According to Reuters\" |")
    w(f"| Mentions that are NOT attribution to another outlet | `{P('r-meta')}`, `{P('r-copper')}`, `{P('r-cpi')}`, `{P('i-rare')}` | Reuters' own \"told Reuters\" / \"polled by Reuters\"; \"told TOI\" |")
    w(f"| Wire credits | `{P('i-cricket')}` (\"- PTI\"), `{P('i-cyclone')}` and `{P('i-gold')}` (\"(With inputs from agencies)\"), `{P('c-cyclone')}` (\"Source: AFP/rc\"), `{P('c-rice')}` (\"Source: Agencies/fh\") | AFP and agencies are outside the corpus |")
    w(f"| Number dispute | `{P('r-meta')}` vs `{P('c-meta')}` | \"valuing it at $29 billion\" vs \"valuing it at US$30 billion\"; India Times agrees with $29 billion |")
    w(f"| Updated article (edition 2) | `{P('r-cyclone')}` → `editions/2{P('r-cyclone')}` | paragraph 2: \"at least 12\" → \"at least 17\"; dateModified 00:55Z → 08:20Z; update note; sitemap `lastmod` moves and the item is re-listed first |")
    w(f"| Single-outlet stories | `{P('c-train')}` + `{P('c-train2')}` (CNA), `{P('i-cricket')}` (India Times), `{P('r-copper')}` (Reuters) | the CNA story has two URLs, one per edition |")
    w(f"| Same company, same day, different events | `meta-scale-ai` vs `meta-reels-dubbing` (`{P('i-reels')}`, `{P('r-reels')}`) | the Reels story mentions the Scale AI deal in one factless sentence |")
    w(f"| Indian number formats | `{P('i-cyclone')}` | \"Rs 1,600 crore\", \"₹2.5 lakh\", \"12 lakh\", \"Over 2 lakh\"; also `{P('i-gold')}` (\"₹1,00,450\"), `{P('i-meta')}` (\"₹2.5 lakh crore\") |")
    w(f"| Cross-format equal numbers | `{P('r-mkts')}` / `{P('i-mkts')}`, `{P('c-upi')}` / `{P('i-upi')}`, `{P('r-cyclone')}` / `{P('i-cyclone')}` | 4.46 billion rupees = Rs 446 crore; 1.5 million = 15 lakh; 200,000 = 2 lakh |")
    w(f"| Rounding, not dispute | `{P('r-poll')}` / `{P('c-poll')}` | \"About 52,000 voters\" vs \"52,418 voters\" |")
    w(f"| Different estimates / different facts in one story | `{P('i-reels')}` / `{P('r-reels')}`; `{P('r-cyclone')}` / `{P('i-cyclone')}` | 36 crore vs 400 million users; sustained 120 km/h vs gusts 140 kmph |")
    w(f"| Shared wording, unrelated story | `{P('r-dashly')}` | \"valuing it at $3.1 billion\" |")
    w(f"| Outlet first, wire later | `{P('i-mkts')}`, `{P('i-monsoon')}`, `{P('i-reels')}`, `{P('c-jobs')}`, `{P('c-homes')}` | first reporter is not Reuters |")
    w(f"| Timestamps | Reuters `Z`, CNA `+08:00`, India Times `+05:30`; ISO-8601 `pubDate` for `{P('i-cricket')}` in the India Times feed | Reuters Meta story datelined June 12 but published 2025-06-13T01:12Z |")
    w(f"| Typography | curly quotes (`{P('c-oil')}`), en dashes (`{P('i-reels')}`), ₹, US$ (`{P('c-meta')}`), S$ (`{P('c-upi')}`), ° (`{P('i-heat')}`) | |")
    w(f"| Datelines | `{P('r-gold')}` (\"June 13 (Reuters) -\", no place), `{P('r-rare')}` (\"BEIJING/NEW DELHI\"), CNA/India Times \"PLACE:\" | |")
    w("| Unrelated stories (hard negatives) | Singapore transport, jobs and housing; Indian cricket, monsoon, markets, inflation (\"25 basis points\"), heatwave; oil, copper, gold; a by-election; a cyclone with a death toll; a volcano | |")
    w("")
    w("## Stories")
    w("")
    w("| id | edition | outlets | first | articles |")
    w("|---|---|---|---|---|")
    for s in stories:
        w(f"| `{s['id']}` | {s['edition']} | {', '.join(s['outlets'])} | {s['first_outlet']} | {len(s['articles'])} |")
    w("")
    w("## Editing the corpus")
    w("")
    w("Keep `expected.json` in step with any change: tests read phrases, paths and times from it. Keep every feed item")
    w("dated no later than its edition (`editions.*.as_of`), every absolute URL written with `{base}`, and every page UTF-8")
    w("with `<meta charset=\"utf-8\">`.")
    w("")
    with open(os.path.join(out, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
