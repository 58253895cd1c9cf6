# -*- coding: utf-8 -*-
"""Demo corpus content, part C: afternoon (edition 2) arrivals."""

C = []

C.append(dict(
    key="c-train2", story="sg-train-disruption", outlet="cna", edition=2,
    path="/cna/singapore/nsl-disruption-power-cable-fault-smrt-apologises-5182391.html",
    section="Singapore", crumbs=["Singapore"],
    headline="Faulty power cable caused 3-hour NSL disruption; SMRT apologises",
    description="Full train services between Jurong East and Choa Chu Kang resumed at 10.05am.",
    authors=["Amanda Teo"], jsonld=False,
    published="2025-06-13T15:30:00+08:00", modified="2025-06-13T15:30:00+08:00",
    caption="SMRT engineers at work near Bukit Batok station on Jun 13, 2025. (Photo: SMRT)",
    credit="Source: CNA/at",
    paragraphs=[
        "SINGAPORE: A faulty power cable near Bukit Batok station caused Friday morning’s disruption on the North-South Line (NSL), which lasted about three hours and affected an estimated 50,000 commuters, SMRT said on Friday (Jun 13).",
        "Full train services between Jurong East and Choa Chu Kang resumed at 10.05am after engineers replaced a damaged section of the cable, SMRT Trains chief operating officer Kelvin Ho said at a media briefing.",
        "“We sincerely apologise to commuters whose journeys were affected this morning. We are reviewing why the fault was not picked up during our inspections,” he said.",
        "SMRT said it would reimburse taxi fares of up to S$20 for commuters who can show they were delayed on the affected stretch between 6.50am and 10.05am.",
        "The Land Transport Authority (LTA) said it would investigate the incident together with SMRT and would take action if the operator was found to have fallen short of its maintenance obligations.",
        "Friday’s disruption was the second on the NSL this month. On Jun 3, a track fault near Yishun station delayed trains for about 40 minutes during the evening peak.",
    ],
))

# ---------------------------------------------------------------- seri-cempaka-by-election (Reuters and CNA)
C.append(dict(
    key="r-poll", story="seri-cempaka-by-election", outlet="reuters", edition=2,
    path="/reuters/world/asia-pacific/malaysias-ruling-coalition-faces-test-in-johor-by-election-as-campaign-ends-2025-06-13.html",
    section="Asia Pacific", crumbs=["World", "Asia Pacific"],
    headline="Malaysia's ruling coalition faces test in Johor by-election as campaign ends",
    description="Malaysia's ruling coalition is bracing for a close contest in a by-election for a state seat in southern Johor on Saturday.",
    authors=["Farah Iskandar"],
    published="2025-06-13T07:10:00Z", modified="2025-06-13T07:10:00Z",
    caption="Supporters wave party flags during a campaign rally in Johor, Malaysia, June 11, 2025. REUTERS/Hasnoor Hussain",
    signoff="Reporting by Farah Iskandar; Editing by Savio Mendes",
    paragraphs=[
        "KUALA LUMPUR, June 13 (Reuters) - Malaysia's ruling coalition is bracing for a close contest in a by-election for a state seat in southern Johor on Saturday, seen as a gauge of support for Prime Minister Anwar Ibrahim's government amid rising living costs.",
        "The Seri Cempaka state seat fell vacant after its incumbent, from Anwar's Pakatan Harapan coalition, died in April.",
        "About 52,000 voters are eligible to cast ballots, the Election Commission said. Polls open at 8 a.m. and close at 6 p.m. (1000 GMT) on Saturday.",
        "The contest pits Pakatan Harapan candidate Nurul Aina Hashim, a 38-year-old lawyer, against Perikatan Nasional's Zulkifli Osman, a former district councillor.",
        "Opposition leaders have campaigned on rising prices ahead of the expansion of a sales and service tax that takes effect in July.",
        "Results are expected late on Saturday.",
    ],
))

C.append(dict(
    key="c-poll", story="seri-cempaka-by-election", outlet="cna", edition=2,
    path="/cna/asia/seri-cempaka-by-election-johor-campaign-final-day-voters-5182210.html",
    section="Asia", crumbs=["Asia"],
    headline="Seri Cempaka by-election: Candidates make final push as campaigning ends at midnight",
    description="The Election Commission said 52,418 voters are eligible to cast their ballots at 24 polling centres.",
    authors=["Syafiq Rahman"],
    published="2025-06-13T16:45:00+08:00", modified="2025-06-13T16:45:00+08:00",
    caption="A campaign poster in Seri Cempaka, Johor, on Jun 12, 2025. (Photo: CNA/Syafiq Rahman)",
    credit="Source: CNA/sr",
    paragraphs=[
        "JOHOR BAHRU: Candidates in the Seri Cempaka by-election made a final round of house visits and ceramah on Friday (Jun 13), the last day of campaigning before voters head to the polls on Saturday.",
        "The Election Commission said 52,418 voters are eligible to cast their ballots at 24 polling centres, with early voting by police and military personnel completed on Tuesday.",
        "Pakatan Harapan’s Nurul Aina Hashim, who is defending the seat for the coalition, told reporters she was confident of retaining it with a bigger majority than the 3,112 votes won by the late assemblyman in 2022.",
        "Perikatan Nasional’s Zulkifli Osman said voters were worried about the cost of living. “People here tell me that everything has become more expensive – from rice to petrol,” he said.",
        "Many voters work in Singapore and commute across the Causeway daily. Some employers in Singapore have allowed Malaysian workers time off to return home and vote, CNA understands.",
        "Polling will be held from 8am to 6pm on Saturday, with results expected by 10pm.",
    ],
))

# ---------------------------------------------------------------- monsoon-revival (India Times first, then Reuters)
C.append(dict(
    key="i-monsoon", story="monsoon-revival", outlet="indiatimes", edition=2,
    path="/indiatimes/india/monsoon-set-to-revive-after-two-week-lull-imd-says-rainfall-deficit-at-31/articleshow/121803317.html",
    section="India", crumbs=["India"],
    headline="Monsoon set to revive after two-week lull, IMD says; rainfall deficit at 31%",
    description="The southwest monsoon is expected to advance into central and eastern India over the next three to four days.",
    authors=["Vikas Chandra"],
    published="2025-06-13T11:40:00+05:30", modified="2025-06-13T11:40:00+05:30",
    caption="Dark clouds over Mumbai's Marine Drive. (TOI photo)",
    also_read_after=3,
    paragraphs=[
        "NEW DELHI: The southwest monsoon, which has been stalled for nearly two weeks, is expected to revive and advance into central and eastern India over the next three to four days, the India Meteorological Department (IMD) said on Friday.",
        "Country-wide rainfall since June 1 has been 31 per cent below the long period average, with northwest India recording a deficit of 47 per cent, IMD data showed.",
        "The monsoon arrived over Kerala on May 24, eight days ahead of its usual date and the earliest since 2009, but its progress stalled after it reached Mumbai on May 26.",
        "Mumbai is likely to receive heavy to very heavy rainfall from Sunday, and an orange alert has been issued for Thane, Raigad and Ratnagiri districts, the IMD said.",
        "The delay has held up sowing of kharif crops such as rice, pulses and soybean. Farmers have sown 12 lakh hectares so far, compared with 15 lakh hectares a year ago, agriculture ministry data showed.",
        "The IMD has forecast above-normal rainfall of 106 per cent of the long period average for the June–September season.",
    ],
))

C.append(dict(
    key="r-monsoon", story="monsoon-revival", outlet="reuters", edition=2,
    path="/reuters/world/india/indias-monsoon-to-revive-after-stalling-weather-office-says-2025-06-13.html",
    section="India", crumbs=["World", "India"],
    headline="India's monsoon to revive after stalling, weather office says",
    description="India's monsoon rains are set to revive and cover central and eastern parts of the country in the next three to four days.",
    authors=["Meghna Pillai"],
    published="2025-06-13T08:05:00Z", modified="2025-06-13T08:05:00Z",
    caption="Farmers plant rice saplings in a field on the outskirts of Ahmedabad, India, June 9, 2025. REUTERS/Amit Dave/File Photo",
    signoff="Reporting by Meghna Pillai; Editing by Martin Hale",
    paragraphs=[
        "MUMBAI, June 13 (Reuters) - India's monsoon rains, which have stalled for nearly two weeks, are set to revive and cover central and eastern parts of the country in the next three to four days, the weather office said on Friday, easing concerns about the planting of summer crops.",
        "India has received 31% less rainfall than average since the season began on June 1, data from the India Meteorological Department (IMD) showed.",
        "The monsoon delivers nearly 70% of the rain India needs to water farms and fill reservoirs and aquifers. Nearly half of India's farmland lacks irrigation.",
        "Timely rains would allow farmers to plant summer crops such as rice, cotton, soybeans, corn and sugar cane, a senior IMD official said.",
        "The IMD has forecast above-average monsoon rains for a second straight year.",
    ],
))

# ---------------------------------------------------------------- gold-prices (Reuters; CNA reprint; India Times own + attribution)
C.append(dict(
    key="r-gold", story="gold-prices", outlet="reuters", edition=2,
    path="/reuters/markets/commodities/gold-rises-as-weaker-dollar-rate-cut-bets-lift-demand-2025-06-13.html",
    section="Commodities", crumbs=["Markets", "Commodities"],
    headline="Gold rises as weaker dollar, rate-cut bets lift demand",
    description="Gold prices rose on Friday, heading for a weekly gain, as a weaker dollar and bets on US rate cuts lifted demand.",
    authors=["Mei Lin Tan"],
    published="2025-06-13T05:30:00Z", modified="2025-06-13T05:30:00Z",
    caption="Gold bars are displayed at a bullion dealer in Singapore, May 14, 2025. REUTERS/Caroline Chia/File Photo",
    signoff="Reporting by Mei Lin Tan in Singapore; Editing by Savio Mendes",
    paragraphs=[
        "June 13 (Reuters) - Gold prices rose on Friday, heading for a weekly gain, as a weaker dollar and growing bets that the U.S. Federal Reserve will cut interest rates later this year lifted demand for the safe-haven metal.",
        "Spot gold was up 1.2% at $3,426.40 an ounce as of 0510 GMT. U.S. gold futures gained 1.3% to $3,447.10.",
        "The dollar index fell 0.3% against a basket of currencies, making bullion cheaper for holders of other currencies.",
        "Data this week showed U.S. consumer and producer prices rose less than expected in May, reinforcing expectations that the Fed could cut rates by September.",
        "\"Softer inflation data and a weaker dollar are a supportive combination for gold,\" said Kelvin Ong, senior strategist at Straits Bullion Advisory.",
        "Spot silver rose 0.5% to $36.40 an ounce, platinum gained 1.1% to $1,281.50 and palladium was up 0.7% at $1,058.75.",
    ],
))

C.append(dict(
    key="c-gold", story="gold-prices", outlet="cna", edition=2,
    path="/cna/business/gold-prices-weaker-us-dollar-fed-rate-cut-bets-5182288.html",
    section="Business", crumbs=["Business"],
    headline="Gold heads for weekly gain as US dollar slips",
    description="Spot gold was up 1.2 per cent at US$3,426.40 an ounce.",
    authors=[], jsonld=False,
    published="2025-06-13T14:20:00+08:00", modified="2025-06-13T14:20:00+08:00",
    caption="File photo of gold bars at a bullion dealer in Singapore. (Photo: REUTERS/Caroline Chia)",
    credit="Source: Reuters/ec",
    paragraphs=[
        "Gold prices rose on Friday (Jun 13), heading for a weekly gain, as a weaker US dollar and growing bets that the US Federal Reserve will cut interest rates later this year lifted demand for the safe-haven metal.",
        "Spot gold was up 1.2 per cent at US$3,426.40 an ounce as of 0510 GMT. US gold futures gained 1.3 per cent to US$3,447.10.",
        "The dollar index fell 0.3 per cent against a basket of currencies, making bullion cheaper for holders of other currencies.",
        "Data this week showed US consumer and producer prices rose less than expected in May, reinforcing expectations that the Fed could cut rates by September.",
        "“Softer inflation data and a weaker dollar are a supportive combination for gold,” said Kelvin Ong, senior strategist at Straits Bullion Advisory.",
    ],
))

C.append(dict(
    key="i-gold", story="gold-prices", outlet="indiatimes", edition=2,
    path="/indiatimes/business/india-business/gold-price-today-yellow-metal-crosses-rs-1-lakh-per-10-grams/articleshow/121805561.html",
    section="India Business", crumbs=["Business", "India Business"],
    headline="Gold price today: Yellow metal crosses Rs 1 lakh per 10 grams; here's what's driving the rally",
    description="24-carat gold traded at ₹1,00,450 per 10 grams in Delhi on Friday.",
    authors=["Kunal Bose"],
    published="2025-06-13T13:05:00+05:30", modified="2025-06-13T13:05:00+05:30",
    caption="Jewellers said the rally had hit demand ahead of the wedding season. (Representative image)",
    credit="(With inputs from agencies)",
    also_read_after=3,
    paragraphs=[
        "NEW DELHI: Gold prices crossed the ₹1 lakh mark per 10 grams on Friday, with 24-carat gold trading at ₹1,00,450 in Delhi, as a weaker dollar and expectations of interest rate cuts in the US lifted global prices.",
        "On the Multi Commodity Exchange (MCX), gold futures for August delivery rose ₹1,120, or 1.1 per cent, to ₹99,870 per 10 grams in afternoon trade.",
        "Internationally, spot gold was up 1.2 per cent at $3,426.40 an ounce, according to Reuters.",
        "Jewellers said the surge had hit demand ahead of the wedding season, with buyers postponing purchases or exchanging old jewellery instead. “Footfall is down at least 30 per cent this week,” said a jeweller in Delhi's Karol Bagh.",
        "Silver rose ₹850 to ₹1,06,200 per kg.",
    ],
))

# ---------------------------------------------------------------- asean-india-trade-review (CNA and India Times)
C.append(dict(
    key="c-asean", story="asean-india-trade-review", outlet="cna", edition=2,
    path="/cna/asia/asean-india-trade-agreement-review-aitiga-singapore-talks-5182120.html",
    section="Asia", crumbs=["Asia"],
    headline="ASEAN, India aim to conclude review of goods trade pact by end-2025",
    description="The two sides held two days of talks in Singapore.",
    authors=["Chen Yi Xuan"],
    published="2025-06-13T13:30:00+08:00", modified="2025-06-13T13:30:00+08:00",
    caption="Delegates at the ASEAN-India trade talks in Singapore on Jun 12, 2025. (Photo: CNA/Chen Yi Xuan)",
    credit="Source: CNA/cy",
    paragraphs=[
        "SINGAPORE: ASEAN and India have agreed to step up negotiations to conclude a review of their goods trade agreement by the end of 2025, officials said on Friday (Jun 13) after two days of talks in Singapore.",
        "The ASEAN-India Trade in Goods Agreement (AITIGA), which took effect in 2010, has been under review since 2023. India has pushed for changes, saying the pact has widened its trade deficit with the bloc.",
        "Two-way trade between ASEAN and India reached about US$123 billion in 2024, according to ASEAN data.",
        "“We have made good progress on rules of origin and customs procedures, and both sides want to finish the job this year,” said a Singapore trade official who attended the meeting.",
        "Singapore is India’s largest trading partner within ASEAN, with bilateral trade of about S$45 billion last year.",
        "The next round of talks will be held in New Delhi in August.",
    ],
))

C.append(dict(
    key="i-asean", story="asean-india-trade-review", outlet="indiatimes", edition=2,
    path="/indiatimes/business/india-business/india-asean-agree-to-fast-track-review-of-fta-target-end-2025/articleshow/121804410.html",
    section="India Business", crumbs=["Business", "India Business"],
    headline="India, Asean agree to fast-track review of FTA, target end-2025",
    description="The two sides held the ninth round of negotiations of the AITIGA joint committee in Singapore.",
    authors=["Rakesh Menon"],
    published="2025-06-13T12:20:00+05:30", modified="2025-06-13T12:20:00+05:30",
    caption="India has sought tighter rules of origin in the pact. (File photo)",
    also_read_after=2,
    paragraphs=[
        "NEW DELHI: India and the 10-member Asean bloc have agreed to speed up talks to complete the review of their free trade agreement in goods by December, the commerce ministry said on Friday.",
        "The two sides held the ninth round of negotiations of the AITIGA joint committee in Singapore on June 11–12.",
        "India's trade deficit with Asean widened to $45.2 billion in 2024-25 from $43.6 billion a year earlier, according to official data. India has sought tighter rules of origin to prevent goods from third countries, particularly China, being routed through Asean members.",
        "Exports to Asean stood at $38.9 billion in FY25, while imports were $84.1 billion, a commerce ministry official said.",
        "The next round will be held in New Delhi in August, the ministry said.",
    ],
))
