# -*- coding: utf-8 -*-
"""Demo corpus content, part A: Meta / Scale AI, Meta Reels, oil, cyclone, inflation, markets."""

A = []

# ---------------------------------------------------------------- meta-scale-ai
A.append(dict(
    key="r-meta", story="meta-scale-ai", outlet="reuters", edition=1,
    path="/reuters/business/meta-to-take-49-stake-in-scale-ai-2025-06-13.html",
    section="Business", crumbs=["Business", "Technology"],
    headline="Google, Scale AI's largest customer, plans split after Meta deal, sources say",
    description="Alphabet's Google, the largest customer of Scale AI, plans to cut ties with the data-labeling startup after rival Meta took a 49% stake in it, sources familiar with the matter told Reuters.",
    authors=["Priya Raman", "Daniel Okafor"],
    published="2025-06-13T01:12:00Z", modified="2025-06-13T01:40:00Z",
    caption="The logo of Scale AI is seen at the company's office in San Francisco, California, U.S., June 11, 2025. REUTERS/Carlos Medina",
    signoff="Reporting by Priya Raman in San Francisco and Daniel Okafor in New York; Editing by Martin Hale",
    paragraphs=[
        "SAN FRANCISCO, June 12 (Reuters) - Alphabet's Google, the largest customer of Scale AI, plans to cut ties with the data-labeling startup after rival Meta took a big stake in the company, five sources familiar with the matter told Reuters.",
        "Meta is acquiring a 49% stake in Scale AI, valuing it at $29 billion. The startup was valued at $14 billion before the investment.",
        "Google had planned to pay Scale AI about $200 million this year for the human-labeled training data that is crucial for developing technology, including the sophisticated AI models that power Gemini, its ChatGPT competitor, one of the sources said.",
        "The search giant has already held conversations with several of Scale AI's rivals about shifting much of that workload, the sources said, asking not to be named because the talks are private.",
        "Microsoft is also looking to pull back from Scale AI, and Elon Musk's xAI is reconsidering its work with the company, according to two of the sources. OpenAI decided to pull back from Scale several months ago, but will continue working with the startup as one of its many data vendors, a spokesperson said.",
        "AI companies worry that sharing proprietary data and prototype products with Scale AI could give a direct competitor, Meta, visibility into their research priorities and technical road maps, the sources said.",
        "Scale AI makes most of its money by charging generative AI model makers for access to a network of human trainers who annotate complex datasets, with some annotations costing as much as $100 each.",
        "As part of the deal, Scale AI CEO Alexandr Wang and some of his employees will join Meta. A Scale AI spokesperson said the company intends to keep operating as an independent business and to protect its customers' data.",
        "Google, Microsoft and xAI did not immediately respond to requests for comment. Meta declined to comment.",
    ],
))

A.append(dict(
    key="c-meta", story="meta-scale-ai", outlet="cna", edition=1,
    path="/cna/business/google-scale-ai-cut-ties-meta-stake-5182046.html",
    section="Business", crumbs=["Business"],
    headline="Scale AI's biggest customer Google set to walk away after Meta buys in",
    description="Google had planned to pay Scale AI about US$200 million this year, one source said.",
    authors=[], jsonld=False,
    published="2025-06-13T10:05:00+08:00", modified="2025-06-13T10:05:00+08:00",
    caption="FILE PHOTO: The Scale AI logo at the company’s office in San Francisco, California, US, Jun 11, 2025. (Photo: REUTERS/Carlos Medina)",
    credit="Source: Reuters/ec",
    paragraphs=[
        "SAN FRANCISCO, June 12 (Reuters) - Alphabet’s Google, the largest customer of Scale AI, plans to cut ties with the data-labeling startup after rival Meta took a big stake in the company, five sources familiar with the matter told Reuters.",
        "Meta is acquiring a 49% stake in Scale AI, valuing it at US$30 billion. The startup was valued at US$14 billion before the investment.",
        "Google had planned to pay Scale AI about US$200 million this year for the human-labelled training data that is crucial for developing technology, including the sophisticated AI models that power Gemini, its ChatGPT competitor, one of the sources said.",
        "The search giant has already held conversations with several of Scale AI’s rivals about shifting much of that workload, the sources said.",
        "Microsoft is also looking to pull back from Scale AI, and Elon Musk’s xAI is reconsidering its work with the company, according to two of the sources. OpenAI decided to pull back from Scale several months ago, but will continue working with the startup as one of its many data vendors, a spokesperson said.",
        "AI companies worry that sharing proprietary data and prototype products with Scale AI could give a direct competitor, Meta, visibility into their research priorities and technical road maps, the sources said.",
        "Scale AI makes most of its money by charging generative AI model makers for access to a network of human trainers who annotate complex datasets, with some annotations costing as much as US$100 each.",
        "As part of the deal, Scale AI CEO Alexandr Wang and some of his employees will join Meta.",
    ],
))

A.append(dict(
    key="i-meta", story="meta-scale-ai", outlet="indiatimes", edition=1,
    path="/indiatimes/business/international-business/google-to-snap-ties-with-scale-ai-after-meta-picks-up-49-per-cent-stake/articleshow/121790412.html",
    section="International Business", crumbs=["Business", "International Business"],
    headline="Google to snap ties with Scale AI after Meta picks up 49% stake; Microsoft, xAI may follow",
    description="Google, the biggest customer of data-labelling startup Scale AI, plans to end the relationship after Meta picked up a 49 per cent stake, according to Reuters.",
    authors=["Sneha Kulkarni"],
    published="2025-06-13T08:40:00+05:30", modified="2025-06-13T08:52:00+05:30",
    caption="Scale AI CEO Alexandr Wang will join Meta as part of the deal. (File photo)",
    credit="(With inputs from PTI)",
    also_read_after=2,
    paragraphs=[
        "NEW DELHI: Google, the biggest customer of US-based data-labelling startup Scale AI, is planning to end its relationship with the company after Facebook-parent Meta picked up a large stake in it, according to Reuters.",
        "Meta Platforms is acquiring a 49 per cent stake in Scale AI in a deal that values the San Francisco-based startup at $29 billion (nearly ₹2.5 lakh crore), Reuters reported, citing people familiar with the matter. Scale was valued at $14 billion before the investment.",
        "Google had planned to pay Scale AI around $200 million (about Rs 1,710 crore) this year for human-labelled data used to train its Gemini models, one of the sources told Reuters. The search giant has already begun talks with Scale's rivals to move that work, the report said.",
        "Microsoft and Elon Musk's xAI are also reconsidering their association with Scale AI. OpenAI, which scaled back its work with the startup months ago, has said it will continue to use Scale as one of its many data vendors.",
        "Rival AI developers fear that sharing proprietary data and prototype products with Scale could expose their research priorities to Meta, a direct competitor, industry executives said.",
        "Scale AI earns the bulk of its revenue by giving generative AI companies access to human trainers who annotate complex datasets; a single annotation can cost as much as $100 (roughly ₹8,550).",
        "As part of the deal, Scale AI founder and CEO Alexandr Wang, 28, will join Meta along with a few employees. The move comes as Meta CEO Mark Zuckerberg steps up efforts to catch up with OpenAI and Google in the race to build advanced AI.",
        "Executives at Indian data-annotation firms, several of which count US AI labs as clients, said the shake-up could send more work their way as developers look for vendors with no ties to a rival.",
    ],
))

# ---------------------------------------------------------------- meta-reels-dubbing (same company, same day, different event)
A.append(dict(
    key="i-reels", story="meta-reels-dubbing", outlet="indiatimes", edition=1,
    path="/indiatimes/technology/tech-news/meta-launches-ai-voice-translation-for-instagram-reels-in-hindi-tamil-and-telugu/articleshow/121788930.html",
    section="Tech News", crumbs=["Technology", "Tech News"],
    headline="Meta launches AI voice translation for Instagram Reels in Hindi, Tamil and Telugu",
    description="Creators with at least 1,000 followers can dub their Reels into Hindi, Tamil and Telugu in their own voice, Meta said.",
    authors=["Arjun Nair"],
    published="2025-06-13T06:45:00+05:30", modified="2025-06-13T06:45:00+05:30",
    caption="Meta said translated Reels will carry a label for viewers. (Representative image)",
    also_read_after=3,
    paragraphs=[
        "MUMBAI: Meta on Friday launched an AI-powered voice translation feature for Instagram and Facebook Reels in India, letting creators dub their videos into Hindi, Tamil and Telugu in their own voice.",
        "The feature, built on the company's Llama models, will first be available to creators with public accounts and at least 1,000 followers, Meta said at a media briefing in Mumbai. Support for Bengali, Marathi and Kannada will be added “by the end of the year”, the company said.",
        "India is Instagram's biggest market, with more than 36 crore users, according to industry estimates.",
        "Creators can review the translated audio before publishing, and a label – “Translated with Meta AI” – will be shown to viewers, a Meta India executive told reporters at the briefing on Thursday evening.",
        "The company also said it would spend ₹50 crore over two years to train 1 lakh small creators and businesses in tier-2 and tier-3 cities to use its AI tools.",
        "The launch comes in a busy week for Meta, which has also agreed to invest in US data-labelling startup Scale AI.",
        "Google-owned YouTube has offered automatic dubbing to some creators since last year.",
    ],
))

A.append(dict(
    key="r-reels", story="meta-reels-dubbing", outlet="reuters", edition=1,
    path="/reuters/technology/meta-rolls-out-ai-dubbing-for-reels-in-india-2025-06-13.html",
    section="Technology", crumbs=["Technology"],
    headline="Meta rolls out AI dubbing for Reels in India as it courts creators in biggest market",
    description="Meta Platforms on Friday introduced an AI tool that translates and lip-syncs Instagram and Facebook Reels into three Indian languages.",
    authors=["Aditi Sharma"],
    published="2025-06-13T02:50:00Z", modified="2025-06-13T02:50:00Z",
    caption="A Meta logo is seen at the company's office in Mumbai, India, June 13, 2025. REUTERS/Nikhil Joshi",
    signoff="Reporting by Aditi Sharma in Mumbai; Editing by Savio Mendes",
    paragraphs=[
        "MUMBAI, June 13 (Reuters) - Meta Platforms on Friday introduced an artificial intelligence tool that translates and lip-syncs Instagram and Facebook Reels into three Indian languages, stepping up its push for creators in its largest market by users.",
        "The tool dubs videos between English and Hindi, Tamil and Telugu in the creator's own voice, and will initially be available to public accounts with at least 1,000 followers, the company said.",
        "India has more than 400 million Instagram users, according to market research estimates.",
        "The launch pits Meta more directly against Alphabet's YouTube, which began offering automatic dubbing to some creators last year, and against the short-video apps that sprang up after India banned TikTok in 2020.",
        "Meta did not say when the feature would reach other markets. Videos translated by the tool will carry a label telling viewers that AI was used, the company said.",
    ],
))

# ---------------------------------------------------------------- oil-prices (Reuters, CNA reprint)
A.append(dict(
    key="r-oil", story="oil-prices", outlet="reuters", edition=1,
    path="/reuters/business/energy/oil-steadies-as-us-china-trade-hopes-offset-opec-supply-2025-06-12.html",
    section="Energy", crumbs=["Business", "Energy"],
    headline="Oil steadies as US-China trade hopes offset worries over OPEC+ supply",
    description="Oil prices were little changed on Thursday as optimism over a US-China trade framework was offset by expectations of rising OPEC+ supply.",
    authors=["Mei Lin Tan"],
    published="2025-06-12T03:40:00Z", modified="2025-06-12T03:58:00Z",
    caption="An oil pump jack is seen at an oilfield near Midland, Texas, U.S., March 4, 2025. REUTERS/Jordan Pierce/File Photo",
    signoff="Reporting by Mei Lin Tan in Singapore; Editing by Martin Hale",
    paragraphs=[
        "SINGAPORE, June 12 (Reuters) - Oil prices were little changed on Thursday, as optimism over a trade framework between the United States and China was offset by expectations of rising supply from OPEC+ producers in the coming months.",
        "Brent crude futures were up 9 cents, or 0.1%, at $69.86 a barrel by 0340 GMT. U.S. West Texas Intermediate crude futures rose 6 cents, or 0.1%, to $68.21.",
        "Both benchmarks had climbed more than 4% in the previous session to their highest in seven weeks, after U.S. and Chinese officials said they had agreed on a framework to ease trade tensions.",
        "\"The market is pricing in a better demand outlook, but the supply side remains heavy,\" said Hana Suzuki, an analyst at Kairos Energy Research in Singapore.",
        "The Organization of the Petroleum Exporting Countries and allies, together known as OPEC+, have agreed to raise output by 411,000 barrels per day in July, the third such increase in a row.",
        "U.S. crude inventories fell by 3.6 million barrels in the week ended June 6, the Energy Information Administration said on Wednesday, a larger draw than analysts had expected.",
        "Investors are also watching for signals from the U.S. Federal Reserve, which meets next week and is widely expected to hold interest rates steady.",
    ],
))

A.append(dict(
    key="c-oil", story="oil-prices", outlet="cna", edition=1,
    path="/cna/business/oil-prices-steady-us-china-trade-opec-supply-5180554.html",
    section="Business", crumbs=["Business"],
    headline="Oil flat as trade optimism meets OPEC+ supply concerns",
    description="Brent crude futures were up 9 US cents at US$69.86 a barrel.",
    authors=[], jsonld=False,
    published="2025-06-12T12:10:00+08:00", modified="2025-06-12T12:10:00+08:00",
    caption="File photo of an oil pump jack in Texas, US. (Photo: REUTERS/Jordan Pierce)",
    credit="Source: Reuters/fs",
    paragraphs=[
        "SINGAPORE: Oil prices were little changed on Thursday (Jun 12), as optimism over a trade framework between the United States and China was offset by expectations of rising supply from OPEC+ producers in the coming months.",
        "Brent crude futures were up 9 US cents, or 0.1 per cent, at US$69.86 a barrel by 0340 GMT. US West Texas Intermediate crude futures rose 6 US cents, or 0.1 per cent, to US$68.21.",
        "Both benchmarks had climbed more than 4 per cent in the previous session to their highest in seven weeks, after US and Chinese officials said they had agreed on a framework to ease trade tensions.",
        "“The market is pricing in a better demand outlook, but the supply side remains heavy,” said Hana Suzuki, an analyst at Kairos Energy Research in Singapore.",
        "The Organization of the Petroleum Exporting Countries and allies, together known as OPEC+, have agreed to raise output by 411,000 barrels per day in July, the third such increase in a row.",
        "US crude inventories fell by 3.6 million barrels in the week ended Jun 6, the Energy Information Administration said on Wednesday, a larger draw than analysts had expected.",
    ],
))

# ---------------------------------------------------------------- cyclone-sagarika (Reuters updated in edition 2)
A.append(dict(
    key="r-cyclone", story="cyclone-sagarika", outlet="reuters", edition=1,
    path="/reuters/world/india/cyclone-sagarika-lashes-eastern-india-2025-06-13.html",
    section="India", crumbs=["World", "India"],
    headline="Cyclone Sagarika lashes eastern India, thousands in shelters",
    description="Cyclone Sagarika slammed into India's eastern coast late on Thursday, uprooting trees and power lines and forcing more than 200,000 people into storm shelters.",
    authors=["Jatindra Mohanty", "Sudipta Das"],
    published="2025-06-13T00:40:00Z", modified="2025-06-13T00:55:00Z",
    caption="Waves crash on the beach in Puri, in the eastern state of Odisha, India, as Cyclone Sagarika approaches, June 12, 2025. REUTERS/Subrat Behera",
    signoff="Reporting by Jatindra Mohanty in Bhubaneswar and Sudipta Das in Kolkata; Writing by Aditi Sharma; Editing by Savio Mendes",
    update=dict(paragraph=1, old="at least 12", new="at least 17",
                modified="2025-06-13T08:20:00Z",
                note="This story has been updated with the latest death toll from state officials."),
    paragraphs=[
        "BHUBANESWAR, India, June 13 (Reuters) - Cyclone Sagarika slammed into India's eastern coast late on Thursday, uprooting trees and power lines and forcing more than 200,000 people into storm shelters in Odisha and West Bengal states, officials said.",
        "The storm has killed at least 12 people, most of them crushed by falling trees or walls, the Odisha State Disaster Management Authority said on Friday.",
        "Sagarika made landfall near Gopalpur in Odisha's Ganjam district with sustained winds of up to 120 km per hour (75 mph), the India Meteorological Department (IMD) said, and was expected to weaken into a deep depression as it moved inland.",
        "Television footage showed flooded streets in the coastal town of Puri and fishing boats tossed onto the shore.",
        "Power supply was cut to large parts of five coastal districts, and railway officials cancelled 38 trains running through the region on Friday.",
        "Odisha, which lies on the Bay of Bengal, is regularly hit by cyclones between April and December. Early warning systems and mass evacuations have sharply reduced deaths since a 1999 super cyclone killed nearly 10,000 people in the state.",
        "Authorities in neighboring Bangladesh raised storm warning signals at the ports of Chittagong and Mongla but said the cyclone's path had largely spared the country.",
    ],
))

A.append(dict(
    key="i-cyclone", story="cyclone-sagarika", outlet="indiatimes", edition=1,
    path="/indiatimes/india/cyclone-sagarika-12-dead-in-odisha-over-2-lakh-evacuated-cm-announces-rs-2-5-lakh-ex-gratia/articleshow/121789655.html",
    section="India", crumbs=["India"],
    headline="Cyclone Sagarika: 12 dead in Odisha, over 2 lakh evacuated; CM announces ₹2.5 lakh ex gratia",
    description="At least 12 people were killed as Cyclone Sagarika crossed the Odisha coast near Gopalpur late on Thursday night.",
    authors=["Ananya Mohapatra"],
    published="2025-06-13T07:55:00+05:30", modified="2025-06-13T08:10:00+05:30",
    caption="Uprooted trees block a road in Ganjam district after Cyclone Sagarika made landfall. (TOI photo)",
    credit="(With inputs from agencies)",
    also_read_after=3,
    paragraphs=[
        "BHUBANESWAR: At least 12 people were killed as Cyclone Sagarika crossed the Odisha coast near Gopalpur late on Thursday night, bringing torrential rain and winds gusting up to 140 kmph to coastal districts, officials said on Friday.",
        "Over 2 lakh people had been moved to 1,600 cyclone shelters in Ganjam, Puri, Khordha, Jagatsinghpur and Kendrapara districts before landfall, the office of the special relief commissioner said.",
        "The chief minister announced an ex gratia of ₹2.5 lakh to the next of kin of each deceased and said the state would seek Rs 1,600 crore from the Centre as interim relief for damage to houses, crops and power infrastructure.",
        "Nearly 12 lakh consumers were without electricity on Friday morning after the storm snapped lines and uprooted over 3,000 electric poles, according to officials of the power distribution companies. Restoration work was under way on a war footing, they said.",
        "The East Coast Railway cancelled 38 trains and diverted several others. The airport in Bhubaneswar suspended flight operations till Friday noon.",
        "Teams of the National Disaster Response Force (NDRF) and the Odisha Disaster Rapid Action Force (ODRAF) were clearing roads blocked by fallen trees.",
        "The IMD said the system would weaken into a deep depression by Friday evening and bring heavy to very heavy rain to Jharkhand and Chhattisgarh over the weekend.",
    ],
))

A.append(dict(
    key="c-cyclone", story="cyclone-sagarika", outlet="cna", edition=1,
    path="/cna/asia/cyclone-sagarika-india-odisha-landfall-deaths-5181877.html",
    section="Asia", crumbs=["Asia"],
    headline="Cyclone Sagarika kills 12 in India, hundreds of thousands evacuated",
    description="Most of the deaths were caused by falling trees and collapsing walls, an official said.",
    authors=[], jsonld=True,
    published="2025-06-13T10:30:00+08:00", modified="2025-06-13T10:30:00+08:00",
    caption="People walk past uprooted trees in Gopalpur in India’s Odisha state on Jun 13, 2025, after Cyclone Sagarika made landfall. (Photo: AFP)",
    credit="Source: AFP/rc",
    paragraphs=[
        "BHUBANESWAR, India: A powerful cyclone slammed into India’s eastern coast, killing at least 12 people and forcing hundreds of thousands into shelters, officials said on Friday (Jun 13).",
        "Cyclone Sagarika made landfall late on Thursday near the town of Gopalpur in Odisha state, packing winds of up to 120kmh, according to the India Meteorological Department.",
        "“Most of the deaths were caused by trees and walls collapsing,” a senior state disaster official told AFP, asking not to be named as he was not authorised to speak to the media.",
        "Fishermen had been warned to stay off the Bay of Bengal since Tuesday, and schools in seven districts were shut until Saturday.",
        "Scientists say cyclones in the region are intensifying more rapidly as sea surface temperatures rise, though better forecasting and mass evacuations have helped to reduce death tolls in recent decades.",
    ],
))

# ---------------------------------------------------------------- india-inflation-may
A.append(dict(
    key="r-cpi", story="india-inflation-may", outlet="reuters", edition=1,
    path="/reuters/world/india/indias-retail-inflation-eases-to-over-six-year-low-in-may-2025-06-12.html",
    section="India", crumbs=["World", "India"],
    headline="India's retail inflation eases to over six-year low in May, bolstering rate-cut bets",
    description="India's annual retail inflation slowed to 2.82% in May, its lowest in more than six years, helped by a sharp fall in food prices.",
    authors=["Kavya Menon"],
    published="2025-06-12T10:58:00Z", modified="2025-06-12T11:20:00Z",
    caption="A vendor arranges vegetables at a market in New Delhi, India, June 10, 2025. REUTERS/Anushree Fadnavis",
    signoff="Reporting by Kavya Menon; Editing by Martin Hale",
    paragraphs=[
        "NEW DELHI, June 12 (Reuters) - India's annual retail inflation slowed to 2.82% in May, its lowest in more than six years, helped by a sharp fall in food prices, government data showed on Thursday.",
        "Economists polled by Reuters had expected inflation to ease to 3.00% from 3.16% in April.",
        "Food inflation, which accounts for nearly half of the consumer price basket, eased to 0.99% in May from 1.78% in the previous month, the statistics ministry said.",
        "The Reserve Bank of India cut its key repo rate by a larger-than-expected 50 basis points to 5.50% last week and lowered its inflation forecast for the current fiscal year to 3.7% from 4%.",
        "Some economists said the soft reading left room for another 25 basis points cut later this year, although the central bank shifted its policy stance to \"neutral\" from \"accommodative\", signalling limited scope for further easing.",
        "\"Inflation is likely to stay below 3% for the next few months,\" said Meera Venkatesh, chief economist at Coromandel Securities in Mumbai.",
    ],
))

A.append(dict(
    key="i-cpi", story="india-inflation-may", outlet="indiatimes", edition=1,
    path="/indiatimes/business/india-business/retail-inflation-falls-to-2-82-in-may-lowest-since-february-2019/articleshow/121771203.html",
    section="India Business", crumbs=["Business", "India Business"],
    headline="Retail inflation falls to 2.82% in May, lowest since February 2019",
    description="Retail inflation eased to 2.82 per cent in May as prices of vegetables, pulses and cereals fell further.",
    authors=["Kunal Bose"],
    published="2025-06-12T17:20:00+05:30", modified="2025-06-12T17:20:00+05:30",
    caption="Vegetable prices declined sharply in May. (File photo)",
    also_read_after=3,
    paragraphs=[
        "NEW DELHI: Retail inflation eased to 2.82 per cent in May, the lowest in over six years, as prices of vegetables, pulses and cereals fell further, data released by the statistics ministry on Thursday showed.",
        "Inflation based on the consumer price index (CPI) stood at 3.16 per cent in April and 4.8 per cent in May last year.",
        "Food inflation dropped to 0.99 per cent in May from 1.78 per cent in April. Vegetable prices declined 13.7 per cent year-on-year, while pulses were cheaper by 8.2 per cent.",
        "The figure was below the 3 per cent estimate in a Reuters poll of economists.",
        "Rural inflation stood at 2.59 per cent and urban inflation at 3.07 per cent, the data showed.",
        "The Reserve Bank of India last week cut the repo rate by 50 basis points to 5.5 per cent and pared its FY26 inflation projection to 3.7 per cent. Economists said the benign trend strengthens the case for a further 25 basis points cut in the second half of the year, though the RBI has changed its stance to ‘neutral’.",
    ],
))

# ---------------------------------------------------------------- india-markets-close
A.append(dict(
    key="r-mkts", story="india-markets-close", outlet="reuters", edition=1,
    path="/reuters/world/india/indian-shares-snap-three-day-winning-streak-as-it-stocks-drag-2025-06-12.html",
    section="India", crumbs=["World", "India"],
    headline="Indian shares snap three-day winning streak as IT stocks drag",
    description="Indian shares ended lower on Thursday, snapping a three-day winning streak, as information technology stocks fell.",
    authors=["Bhavya Rao"],
    published="2025-06-12T10:45:00Z", modified="2025-06-12T10:45:00Z",
    caption="People walk past the Bombay Stock Exchange (BSE) building in Mumbai, India, April 7, 2025. REUTERS/Francis Dsouza/File Photo",
    signoff="Reporting by Bhavya Rao in Bengaluru; Editing by Savio Mendes",
    paragraphs=[
        "BENGALURU, June 12 (Reuters) - Indian shares ended lower on Thursday, snapping a three-day winning streak, as information technology stocks fell on worries about U.S. demand and investors booked profits ahead of monthly inflation data.",
        "The Nifty 50 fell 1.01% to 24,888.20, while the BSE Sensex lost 0.99% to 81,691.98.",
        "Twelve of the 13 major sectors declined. The IT index fell 1.3% and the financials index lost 1.1%.",
        "Foreign portfolio investors sold shares worth 4.46 billion rupees ($52 million) on Wednesday, according to provisional exchange data.",
        "Retail inflation data due after market hours was expected to show prices rose at the slowest pace in six years in May.",
        "Among individual stocks, Zephyr Pharma jumped 6.2% after the U.S. Food and Drug Administration cleared its plant in Gujarat.",
    ],
))

A.append(dict(
    key="i-mkts", story="india-markets-close", outlet="indiatimes", edition=1,
    path="/indiatimes/business/india-business/sensex-tanks-823-points-nifty-ends-below-24900-investors-poorer-by-rs-3-lakh-crore/articleshow/121769874.html",
    section="India Business", crumbs=["Business", "India Business"],
    headline="Sensex tanks 823 points, Nifty ends below 24,900; investors poorer by Rs 3 lakh crore",
    description="Selling in IT, banking and auto stocks pulled the Sensex down 823 points to 81,691.98.",
    authors=["Kunal Bose"],
    published="2025-06-12T16:05:00+05:30", modified="2025-06-12T16:05:00+05:30",
    caption="Investors' wealth eroded by nearly Rs 3 lakh crore on Thursday. (Representative image)",
    also_read_after=2,
    paragraphs=[
        "MUMBAI: Benchmark indices snapped a three-session rally on Thursday as selling in IT, banking and auto stocks pulled the Sensex down 823 points, or about 1 per cent, to close at 81,691.98.",
        "The NSE Nifty fell 253 points to 24,888.20. Investors' wealth, measured by the market capitalisation of BSE-listed companies, eroded by nearly Rs 3 lakh crore to Rs 448.7 lakh crore.",
        "Foreign institutional investors (FIIs) were net sellers to the tune of Rs 446 crore on Wednesday, exchange data showed, while domestic institutional investors bought shares worth Rs 1,620 crore.",
        "“Markets were overdue for a breather after the recent run-up, and weak cues from Asian peers added to the pressure,” said Vinod Kamath, head of research at Sahyadri Capital.",
        "In the broader market, the BSE midcap index fell 0.6 per cent and the smallcap index declined 0.4 per cent.",
        "The rupee ended 8 paise weaker at 85.60 against the US dollar.",
    ],
))
