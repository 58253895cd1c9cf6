# -*- coding: utf-8 -*-
"""Demo corpus content, part B: Singapore, India, Asia stories of edition 1."""

B = []

# ---------------------------------------------------------------- sg-train-disruption (CNA only; follow-up in edition 2)
B.append(dict(
    key="c-train", story="sg-train-disruption", outlet="cna", edition=1,
    path="/cna/singapore/north-south-line-train-fault-disruption-jurong-east-choa-chu-kang-5181540.html",
    section="Singapore", crumbs=["Singapore"],
    headline="Train fault disrupts morning commute on North-South Line; free bus services between Jurong East and Choa Chu Kang",
    description="SMRT advised commuters to add 30 minutes to their travelling time.",
    authors=["Amanda Teo"],
    published="2025-06-13T08:20:00+08:00", modified="2025-06-13T09:02:00+08:00",
    caption="Commuters queue for bridging buses outside Jurong East MRT station on Jun 13, 2025. (Photo: CNA/Amanda Teo)",
    credit="Source: CNA/at",
    paragraphs=[
        "SINGAPORE: Commuters on the North-South Line (NSL) faced delays of up to 45 minutes on Friday morning (Jun 13) after a train fault between Jurong East and Choa Chu Kang stations, rail operator SMRT said.",
        "In a Facebook post at 7.12am, SMRT said trains between the two stations were running at slower speeds, and advised commuters to add 30 minutes to their travelling time.",
        "Free regular and bridging bus services were made available between Jurong East and Choa Chu Kang, it added.",
        "Photos shared on social media showed crowded platforms at Jurong East, with queues for the bridging buses stretching out of the station.",
        "“I waited 25 minutes and still couldn’t get on a train. I’m going to be late for my shift,” said Ms Nurul Huda, a 34-year-old nurse.",
        "The Land Transport Authority (LTA) said engineers were on site to investigate the cause of the fault. CNA has contacted SMRT for more information.",
    ],
))

# ---------------------------------------------------------------- konkan-t20-final (India Times only, PTI copy)
B.append(dict(
    key="i-cricket", story="konkan-t20-final", outlet="indiatimes", edition=1,
    path="/indiatimes/sports/cricket/news/konkan-t20-league-ratnagiri-rangers-beat-sindhudurg-sharks-to-lift-maiden-title/articleshow/121782047.html",
    section="Cricket News", crumbs=["Sports", "Cricket", "News"],
    headline="Konkan T20 League: Ratnagiri Rangers beat Sindhudurg Sharks to lift maiden title",
    description="Left-arm spinner Aditya Kulkarni took four for 18 as Ratnagiri Rangers won the final by seven wickets.",
    authors=["PTI"],
    published="2025-06-12T23:10:00+05:30", modified="2025-06-12T23:10:00+05:30",
    caption="Ratnagiri Rangers players celebrate with the trophy at the Wankhede Stadium. (PTI photo)",
    credit="- PTI",
    feed_iso_date=True,
    also_read_after=3,
    paragraphs=[
        "MUMBAI: Left-arm spinner Aditya Kulkarni took four for 18 as Ratnagiri Rangers beat Sindhudurg Sharks by seven wickets in the final of the Konkan T20 League at the Wankhede Stadium on Thursday to lift their maiden title.",
        "Put in to bat, the Sharks were bowled out for 132 in 19.3 overs, with opener Rohan Sawant top-scoring with a 29-ball 41.",
        "The Rangers chased down the target with 11 balls to spare, captain Siddharth Desai remaining unbeaten on 58 off 44 balls, an innings studded with five fours and three sixes.",
        "Kulkarni, 22, was named player of the match and also walked away with the player of the tournament award for his 17 wickets in 10 games.",
        "The winners received a cheque of ₹25 lakh, while the runners-up got ₹12 lakh. ‘This is for the fans of Ratnagiri who filled the stands all season,’ Desai said at the presentation ceremony.",
        "The league, in its first season, featured six franchises from the Konkan region, and organisers said they would consider expanding it to eight teams next year.",
    ],
))

# ---------------------------------------------------------------- chile-copper-strike (Reuters only)
B.append(dict(
    key="r-copper", story="chile-copper-strike", outlet="reuters", edition=1,
    path="/reuters/markets/commodities/copper-climbs-as-strike-halts-output-at-chiles-cerro-alto-mine-2025-06-12.html",
    section="Commodities", crumbs=["Markets", "Commodities"],
    headline="Copper climbs as strike halts output at Chile's Cerro Alto mine",
    description="Copper prices rose on Thursday after workers at Chile's Cerro Alto mine walked off the job.",
    authors=["Lucia Ferreira", "Tom Whitaker"],
    published="2025-06-12T14:20:00Z", modified="2025-06-12T14:20:00Z",
    caption="Striking workers gather outside the Cerro Alto copper mine in northern Chile, June 12, 2025. REUTERS/Pablo Rojas",
    signoff="Reporting by Lucia Ferreira in Santiago and Tom Whitaker in London; Editing by Martin Hale",
    paragraphs=[
        "SANTIAGO/LONDON, June 12 (Reuters) - Copper prices rose on Thursday after workers at Chile's Cerro Alto mine walked off the job, halting production at one of the country's mid-sized copper operations and adding to supply concerns.",
        "Three-month copper on the London Metal Exchange gained 1.2% to $9,812 a metric ton by 1400 GMT, its highest in nearly two weeks.",
        "The union representing about 1,400 workers at Cerro Alto, which produced around 180,000 tons of copper last year, began the strike at midnight after rejecting the company's final wage offer, union leader Rodrigo Paredes told Reuters.",
        "The mine's operator, Minera Cordillera Andina, said in a statement it had activated contingency plans and remained open to dialogue. It did not comment on the impact on output.",
        "Chile is the world's largest copper producer, accounting for about a quarter of global mined supply. Labor disputes at its mines have repeatedly rattled the market in recent years.",
        "Elsewhere, aluminium rose 0.4% to $2,521 a ton, while zinc slipped 0.3%.",
    ],
))

# ---------------------------------------------------------------- upi-paynow-expansion (CNA and India Times, both from an official statement)
B.append(dict(
    key="c-upi", story="upi-paynow-expansion", outlet="cna", edition=1,
    path="/cna/singapore/paynow-upi-link-daily-limit-raised-more-banks-5179938.html",
    section="Singapore", crumbs=["Singapore"],
    headline="PayNow-UPI link to cover six more banks, daily transfer limit raised to S$3,000",
    description="More than 1.5 million transactions worth about S$1.2 billion have been made through the link since 2023.",
    authors=["Chen Yi Xuan"],
    published="2025-06-12T15:00:00+08:00", modified="2025-06-12T15:00:00+08:00",
    caption="A customer scans a QR code to make a payment at a shop in Little India. (File photo: CNA/Chen Yi Xuan)",
    credit="Source: CNA/cy",
    paragraphs=[
        "SINGAPORE: Customers of six more banks in Singapore and India will be able to send money instantly across the two countries through the PayNow-UPI linkage from Sep 1, the Monetary Authority of Singapore (MAS) said on Thursday (Jun 12).",
        "The daily limit for transfers from Singapore will also be raised to S$3,000 from S$1,000, MAS and NPCI International Payments said in a joint statement.",
        "The linkage, launched in February 2023, allows users to transfer funds using a mobile phone number or a virtual payment address. More than 1.5 million transactions worth about S$1.2 billion have been made through it, the statement said.",
        "India is one of the largest destinations for remittances from Singapore, much of it sent by migrant workers.",
        "“Expanding the corridor will make remittances cheaper and faster for many workers and their families,” an MAS spokesperson said.",
        "Transfer fees vary by bank. One of the participating banks said it would waive fees for transfers of up to S$500 until the end of the year.",
    ],
))

B.append(dict(
    key="i-upi", story="upi-paynow-expansion", outlet="indiatimes", edition=1,
    path="/indiatimes/business/india-business/upi-paynow-link-expanded-daily-limit-for-transfers-from-singapore-raised-to-nearly-rs-2-lakh/articleshow/121774311.html",
    section="India Business", crumbs=["Business", "India Business"],
    headline="UPI-PayNow link expanded: daily limit for transfers from Singapore raised to nearly ₹2 lakh",
    description="Indians in Singapore will be able to send up to S$3,000 a day through the UPI-PayNow linkage, up from S$1,000.",
    authors=["Rakesh Menon"],
    published="2025-06-12T14:10:00+05:30", modified="2025-06-12T14:10:00+05:30",
    caption="The UPI-PayNow linkage was launched in February 2023. (Representative image)",
    also_read_after=2,
    paragraphs=[
        "MUMBAI: Indians in Singapore will soon be able to send up to S$3,000 (about ₹2 lakh) a day to bank accounts back home through the UPI-PayNow linkage, up from S$1,000 at present, NPCI International Payments Ltd (NIPL) and the Monetary Authority of Singapore said on Thursday.",
        "Six more banks – three each from India and Singapore – will join the corridor from September 1, taking the total number of participating banks to 19, the joint statement said.",
        "Since its launch in February 2023, the link has handled over 15 lakh transactions, it said.",
        "The move is expected to cut remittance costs for the large Indian diaspora in Singapore, officials said. Remittances to India hit a record $135 billion in FY25, according to RBI data.",
        "NIPL, the international arm of the National Payments Corporation of India, has been expanding UPI's reach abroad, with the service now accepted in countries including the UAE, France, Mauritius and Sri Lanka.",
    ],
))

# ---------------------------------------------------------------- raung-eruption (three outlets, independent angles)
B.append(dict(
    key="r-raung", story="raung-eruption", outlet="reuters", edition=1,
    path="/reuters/world/asia-pacific/indonesias-mount-raung-erupts-disrupting-bali-flights-2025-06-12.html",
    section="Asia Pacific", crumbs=["World", "Asia Pacific"],
    headline="Indonesia's Mount Raung erupts, disrupting flights to Bali",
    description="Indonesia's Mount Raung volcano erupted on Thursday, forcing the cancellation of dozens of flights to and from Bali.",
    authors=["Stanley Widjaja", "Ayu Lestari"],
    published="2025-06-12T08:15:00Z", modified="2025-06-12T08:40:00Z",
    caption="Mount Raung spews volcanic ash as seen from Banyuwangi, East Java, Indonesia, June 12, 2025. Antara Foto/Budi Santoso via REUTERS",
    signoff="Reporting by Stanley Widjaja and Ayu Lestari in Jakarta; Editing by Savio Mendes",
    paragraphs=[
        "JAKARTA, June 12 (Reuters) - Indonesia's Mount Raung volcano on the island of Java erupted on Thursday, spewing an ash column 5 km (3 miles) into the sky and forcing the cancellation of dozens of flights to and from the resort island of Bali.",
        "Indonesia's volcanology agency raised the alert status for Raung to the second-highest level and told residents and tourists to stay at least 5 km from the crater.",
        "Bali's I Gusti Ngurah Rai International Airport canceled 48 domestic and international flights, airport spokesperson Made Suryani said, though the airport itself remained open.",
        "Several Australian and Singaporean carriers canceled or delayed services because of the ash, the airport said.",
        "There were no immediate reports of casualties. Raung, one of Java's most active volcanoes, last erupted in 2015, when ash disrupted air traffic around Bali for several days.",
        "Indonesia sits on the Pacific \"Ring of Fire\" and has about 130 active volcanoes.",
    ],
))

B.append(dict(
    key="c-raung", story="raung-eruption", outlet="cna", edition=1,
    path="/cna/asia/mount-raung-eruption-bali-flights-cancelled-singapore-travellers-5180987.html",
    section="Asia", crumbs=["Asia"],
    headline="Mount Raung eruption: Flights between Singapore and Bali cancelled as ash cloud spreads",
    description="At least 10 flights between Singapore and Bali were cancelled on Thursday.",
    authors=["Syafiq Rahman"],
    published="2025-06-12T17:40:00+08:00", modified="2025-06-12T17:40:00+08:00",
    caption="Travellers check the departure board at Changi Airport Terminal 1 on Jun 12, 2025. (Photo: CNA/Syafiq Rahman)",
    credit="Source: CNA/sr",
    paragraphs=[
        "SINGAPORE: At least 10 flights between Singapore and Bali were cancelled on Thursday (Jun 12) after Indonesia’s Mount Raung erupted, sending a column of ash 5km into the sky.",
        "Changi Airport’s website showed that at least 10 flights to and from Denpasar scheduled for Thursday afternoon and evening were cancelled.",
        "Bali’s airport cancelled 48 flights in total, an airport spokesperson told reporters, though the airport remained open.",
        "Travellers stranded at Changi told CNA they were given little notice. “We only got an SMS an hour before boarding,” said Mr Daniel Koh, 41, who was heading to Bali with his family for the June school holidays.",
        "Indonesia’s volcanology agency raised Raung’s alert status to the second-highest level. Singapore’s Ministry of Foreign Affairs advised Singaporeans in East Java and Bali to monitor the news and follow the instructions of local authorities.",
        "Travellers are advised to check with their airlines before heading to the airport, Changi Airport Group said.",
    ],
))

B.append(dict(
    key="i-raung", story="raung-eruption", outlet="indiatimes", edition=1,
    path="/indiatimes/world/rest-of-world/mount-raung-eruption-indian-tourists-stranded-in-bali-as-flights-cancelled/articleshow/121785502.html",
    section="Rest of World", crumbs=["World", "Rest of World"],
    headline="Mount Raung eruption: Indian tourists stranded in Bali as flights cancelled",
    description="Hundreds of Indian tourists were stranded in Bali after Mount Raung in Indonesia's East Java erupted.",
    authors=["Ritika Sen"],
    published="2025-06-12T19:10:00+05:30", modified="2025-06-12T19:10:00+05:30",
    caption="Tourists wait at Bali's airport after flights were cancelled. (Representative image)",
    also_read_after=3,
    paragraphs=[
        "NEW DELHI: Hundreds of Indian tourists were stranded in Bali on Thursday after Mount Raung volcano in Indonesia's East Java erupted, throwing an ash column nearly 5 km high and forcing airlines to cancel flights to and from the holiday island.",
        "At least two direct flights between Indian cities and Denpasar were cancelled, travel agents said.",
        "Bali has become one of the most popular international destinations for Indian honeymooners and families, with over 5.5 lakh Indians visiting the island last year, according to Indonesian tourism data.",
        "According to Reuters, the airport in Bali cancelled 48 domestic and international flights on Thursday, though it remained open.",
        "The Indian consulate in Bali issued an advisory asking travellers to stay in touch with their airlines and tour operators, and set up a helpline.",
        "Travel agents in Delhi and Mumbai said many customers were rebooking trips to Thailand and Vietnam instead. Some travellers have been asked to pay up to ₹40,000 extra per person for alternative itineraries, they said.",
    ],
))

# ---------------------------------------------------------------- rare-earth-licences (Reuters exclusive; CNA and India Times attribute it)
B.append(dict(
    key="r-rare", story="rare-earth-licences", outlet="reuters", edition=1,
    path="/reuters/world/china/exclusive-china-approves-first-rare-earth-magnet-exports-to-indian-auto-parts-makers-2025-06-12.html",
    section="China", crumbs=["World", "China"],
    headline="Exclusive: China approves first rare earth magnet exports to Indian auto parts makers, sources say",
    description="China has approved its first export licences for rare earth magnets bound for Indian auto parts makers since it curbed shipments in April.",
    authors=["Wen Jiahui", "Aditi Sharma"],
    published="2025-06-12T09:30:00Z", modified="2025-06-12T09:30:00Z",
    caption="Rare earth magnets are seen at a factory in Ganzhou, Jiangxi province, China, May 20, 2025. REUTERS/Li Wei/File Photo",
    signoff="Reporting by Wen Jiahui in Beijing and Aditi Sharma in New Delhi; Editing by Martin Hale",
    paragraphs=[
        "BEIJING/NEW DELHI, June 12 (Reuters) - China has approved its first export licences for rare earth magnets bound for Indian auto parts makers since it curbed shipments in April, three sources with direct knowledge of the matter told Reuters.",
        "The approvals cover shipments to at least four Indian suppliers, two of the sources said, declining to name the companies because the information is not public.",
        "Indian automakers had warned that production of some electric and petrol vehicles could be hit from July if magnet supplies did not resume, as inventories ran low.",
        "China's commerce ministry did not immediately respond to a request for comment. India's heavy industries ministry declined to comment.",
        "Beijing in April added seven rare earth elements and related magnets to its export control list, requiring exporters to obtain licences, a process that industry groups say has taken 45 days or longer.",
        "China accounts for about 90% of the world's production of rare earth magnets, which are used in everything from cars and drones to wind turbines.",
    ],
))

B.append(dict(
    key="c-rare", story="rare-earth-licences", outlet="cna", edition=1,
    path="/cna/asia/china-rare-earth-magnet-export-licences-india-auto-5181002.html",
    section="Asia", crumbs=["Asia"],
    headline="China clears rare earth magnet exports to Indian car parts makers: Report",
    description="The licences cover shipments to at least four Indian suppliers, according to Reuters.",
    authors=[],
    published="2025-06-12T19:05:00+08:00", modified="2025-06-12T19:05:00+08:00",
    caption="Workers at a rare earth processing plant in China. (File photo: AFP)",
    credit="Source: CNA/Reuters/ja",
    paragraphs=[
        "SINGAPORE: China has granted its first export licences for rare earth magnets destined for Indian auto parts makers since it tightened controls in April, Reuters reported on Thursday (Jun 12), citing three sources with direct knowledge of the matter.",
        "The licences cover shipments to at least four Indian suppliers, the report said.",
        "The move could ease fears of production cuts in India’s car industry, which had warned that some models could be affected from July.",
        "Japanese and European automakers have also reported shortages of the magnets, with some European parts suppliers forced to halt production lines earlier this month.",
        "China in April placed seven rare earth elements and magnets made from them on its export control list, in what was widely seen as a response to US tariffs.",
    ],
))

B.append(dict(
    key="i-rare", story="rare-earth-licences", outlet="indiatimes", edition=1,
    path="/indiatimes/business/india-business/relief-for-auto-sector-china-clears-rare-earth-magnet-exports-to-indian-firms/articleshow/121776588.html",
    section="India Business", crumbs=["Business", "India Business"],
    headline="Relief for auto sector? China clears rare earth magnet exports to Indian firms",
    description="China has approved the first batch of export licences for rare earth magnets meant for Indian auto component makers, three sources told Reuters.",
    authors=["Rakesh Menon"],
    published="2025-06-12T21:15:00+05:30", modified="2025-06-12T21:15:00+05:30",
    caption="Rare earth magnets are used in electric motors. (Representative image)",
    also_read_after=2,
    paragraphs=[
        "NEW DELHI: In a possible relief for India's automobile industry, China has approved the first batch of export licences for rare earth magnets meant for Indian auto component makers, three sources told Reuters.",
        "At least four Indian suppliers are covered by the approvals, according to the Reuters report, which did not name the companies.",
        "Automakers had flagged that output of some models, especially electric two-wheelers, could be hit from July as magnet stocks dwindled. The industry imported magnets worth about Rs 1,100 crore in FY25, mostly from China, industry estimates show.",
        "The government is separately working on an incentive scheme of about Rs 1,500 crore to encourage domestic manufacturing of rare earth magnets, officials told TOI.",
        "China controls about 90 per cent of global rare earth magnet production.",
    ],
))

# ---------------------------------------------------------------- sg-labour-market (CNA and Reuters, independent)
B.append(dict(
    key="c-jobs", story="sg-labour-market", outlet="cna", edition=1,
    path="/cna/singapore/mom-labour-market-report-q1-2025-retrenchments-unemployment-5179702.html",
    section="Singapore", crumbs=["Singapore"],
    headline="Retrenchments rise to 3,500 in Q1 as firms restructure; unemployment steady at 2%",
    description="Retrenchments rose to 3,500 in the first quarter of 2025, up from 3,320 in the previous quarter.",
    authors=["Ng Jun Hao"],
    published="2025-06-12T12:30:00+08:00", modified="2025-06-12T12:30:00+08:00",
    caption="Office workers in Singapore’s Central Business District. (File photo: CNA/Ng Jun Hao)",
    credit="Source: CNA/nj",
    paragraphs=[
        "SINGAPORE: Retrenchments in Singapore rose to 3,500 in the first quarter of 2025, up from 3,320 in the previous quarter, as companies restructured their operations amid global trade uncertainty, the Ministry of Manpower (MOM) said on Thursday (Jun 12).",
        "Overall unemployment stayed at 2 per cent in March, while total employment excluding migrant domestic workers grew by 9,600, slower than the 11,800 recorded in the fourth quarter of 2024.",
        "The majority of layoffs were in the wholesale trade, information and communications, and financial services sectors, MOM said.",
        "“Employers remained cautious in their hiring plans given the heightened uncertainty from US tariffs,” the ministry said in its report.",
        "Median gross monthly income from work for full-time employed residents rose 5.4 per cent to S$5,500 last year, MOM said in a separate release.",
        "The re-entry rate for retrenched workers within six months edged down to 60 per cent, from 62 per cent a year earlier.",
    ],
))

B.append(dict(
    key="r-jobs", story="sg-labour-market", outlet="reuters", edition=1,
    path="/reuters/world/asia-pacific/singapore-layoffs-rise-in-first-quarter-as-firms-restructure-2025-06-12.html",
    section="Asia Pacific", crumbs=["World", "Asia Pacific"],
    headline="Singapore layoffs rise in first quarter as firms restructure amid tariff uncertainty",
    description="Layoffs in Singapore rose to 3,500 in the first quarter from 3,320 in the previous three months.",
    authors=["Jun Wei Lim"],
    published="2025-06-12T05:10:00Z", modified="2025-06-12T05:10:00Z",
    caption="People cross a street in the central business district in Singapore, May 22, 2025. REUTERS/Edgar Su/File Photo",
    signoff="Reporting by Jun Wei Lim; Editing by Savio Mendes",
    paragraphs=[
        "SINGAPORE, June 12 (Reuters) - Layoffs in Singapore rose to 3,500 in the first quarter from 3,320 in the previous three months, government data showed on Thursday, as firms restructured to cope with uncertainty over U.S. trade policy.",
        "The city-state's overall unemployment rate was unchanged at 2.0% in March, the Ministry of Manpower said.",
        "Total employment grew by 9,600 in the quarter, the ministry said, with most of the gains in the financial services and health and social services sectors.",
        "Singapore's trade-reliant economy grew 3.9% year-on-year in the first quarter, but the government has warned that growth could slow sharply later this year because of U.S. tariffs. It expects full-year growth of 0% to 2%.",
        "The central bank eased monetary policy in January and April.",
    ],
))

# ---------------------------------------------------------------- dashly-funding (Reuters and India Times)
B.append(dict(
    key="r-dashly", story="dashly-funding", outlet="reuters", edition=1,
    path="/reuters/technology/indias-quick-commerce-startup-dashly-raises-250-million-2025-06-12.html",
    section="Technology", crumbs=["Technology"],
    headline="India's quick-commerce startup Dashly raises $250 million at $3.1 billion valuation",
    description="Indian quick-commerce startup Dashly has raised $250 million in a funding round led by Singapore-based Harbourfront Capital.",
    authors=["Rohan Iyer"],
    published="2025-06-12T06:30:00Z", modified="2025-06-12T06:30:00Z",
    caption="A Dashly delivery rider waits outside a dark store in Bengaluru, India, June 10, 2025. REUTERS/Samuel Rajkumar",
    signoff="Reporting by Rohan Iyer in Bengaluru; Editing by Martin Hale",
    paragraphs=[
        "BENGALURU, June 12 (Reuters) - Indian quick-commerce startup Dashly has raised $250 million in a funding round led by Singapore-based Harbourfront Capital, valuing it at $3.1 billion, the company said on Thursday.",
        "The Bengaluru-based company, which delivers groceries and household items within 10 minutes in 14 Indian cities, said it would use the money to open more \"dark stores\" - small warehouses that serve online orders - and to expand into eight more cities this year.",
        "India's quick-commerce market is dominated by Eternal's Blinkit, Swiggy's Instamart and Zepto, which have been spending heavily on discounts to win customers.",
        "Dashly co-founder and CEO Kabir Malhotra told Reuters the company expected to turn profitable on an operating basis in about 18 months.",
        "Existing investors including Vantage Peak Partners also took part in the round, the company said.",
    ],
))

B.append(dict(
    key="i-dashly", story="dashly-funding", outlet="indiatimes", edition=1,
    path="/indiatimes/business/startups/companies/dashly-raises-250-million-at-3-1-billion-valuation-to-expand-to-8-more-cities/articleshow/121767019.html",
    section="Startups", crumbs=["Business", "Startups", "Companies"],
    headline="Dashly raises $250 million at $3.1 billion valuation, to expand to 8 more cities",
    description="Quick-commerce startup Dashly has raised $250 million (about Rs 2,140 crore) in a round led by Harbourfront Capital.",
    authors=["Arjun Nair"],
    published="2025-06-12T13:25:00+05:30", modified="2025-06-12T13:25:00+05:30",
    caption="Dashly currently operates in 14 cities. (File photo)",
    also_read_after=3,
    paragraphs=[
        "BENGALURU: Quick-commerce startup Dashly has raised $250 million (about Rs 2,140 crore) in a fresh funding round led by Singapore-based Harbourfront Capital, valuing the company at $3.1 billion, it said on Thursday.",
        "The funds will be used to add around 300 dark stores and enter eight new cities, including Lucknow, Indore and Coimbatore, by March 2026, the company said.",
        "Founded in 2021 by Kabir Malhotra and Ishita Rao, Dashly currently operates in 14 cities and says it processes over 4 lakh orders a day.",
        "The company's revenue from operations rose nearly threefold to Rs 1,280 crore in FY25, while its loss narrowed to Rs 610 crore, according to figures shared by the company.",
        "The quick-commerce space has seen intense competition, with Blinkit, Swiggy Instamart and Zepto together accounting for the bulk of orders, and new entrants including Flipkart Minutes and Amazon Now joining the fray.",
    ],
))

# ---------------------------------------------------------------- heatwave-power-demand (Reuters and India Times)
B.append(dict(
    key="r-heat", story="heatwave-power-demand", outlet="reuters", edition=1,
    path="/reuters/business/energy/indias-power-demand-hits-record-as-heatwave-grips-north-2025-06-12.html",
    section="Energy", crumbs=["Business", "Energy"],
    headline="India's power demand hits record as heatwave grips north",
    description="India's peak power demand hit a record 252 gigawatts on Thursday as a severe heatwave drove up use of air conditioners.",
    authors=["Sudipta Das"],
    published="2025-06-12T12:15:00Z", modified="2025-06-12T12:15:00Z",
    caption="A man cools off under a water pipe on a hot summer day in New Delhi, India, June 12, 2025. REUTERS/Anushree Fadnavis",
    signoff="Reporting by Sudipta Das; Editing by Savio Mendes",
    paragraphs=[
        "NEW DELHI, June 12 (Reuters) - India's peak power demand hit a record 252 gigawatts (GW) on Thursday as a severe heatwave across the north of the country drove up the use of air conditioners and coolers, government data showed.",
        "That surpassed the previous high of 250 GW set on May 30 last year, according to data from the federal grid operator.",
        "Temperatures in the capital New Delhi rose to 45.8 degrees Celsius (114.4 Fahrenheit), about five degrees above normal, the India Meteorological Department said. It issued a red alert for parts of Punjab, Haryana, Rajasthan and Uttar Pradesh.",
        "Power plants held coal stocks sufficient for about 21 days of use, federal data showed, easing concerns of shortages.",
        "The federal power ministry has forecast that peak demand could reach 270 GW this summer.",
        "Heatwaves have become more frequent and intense in India, and scientists say climate change is a key driver.",
    ],
))

B.append(dict(
    key="i-heat", story="heatwave-power-demand", outlet="indiatimes", edition=1,
    path="/indiatimes/city/delhi/delhi-sizzles-at-45-8c-city-s-peak-power-demand-breaks-record/articleshow/121779966.html",
    section="Delhi News", crumbs=["City", "Delhi"],
    headline="Delhi sizzles at 45.8°C, city's peak power demand breaks record",
    description="Safdarjung recorded a maximum of 45.8°C, five degrees above normal and the highest this season.",
    authors=["Ritika Sen"],
    published="2025-06-12T20:30:00+05:30", modified="2025-06-12T20:30:00+05:30",
    caption="People shield themselves from the sun near India Gate on Thursday. (TOI photo)",
    also_read_after=3,
    paragraphs=[
        "NEW DELHI: The capital reeled under a severe heatwave on Thursday, with Safdarjung, the city's base weather station, recording a maximum of 45.8°C, five degrees above normal and the highest this season, the IMD said.",
        "Delhi's peak power demand touched 8,702 MW at 3.29pm, surpassing last year's record of 8,656 MW, according to discom officials.",
        "Nationally, peak demand hit an all-time high of 252 GW, according to grid data.",
        "The IMD has issued a red alert for Friday, warning of “severe heatwave” conditions with hot winds of 25–35 kmph. Relief is likely from Sunday, when thunderstorms and light rain are expected.",
        "Hospitals reported a rise in heat-related illnesses, with one government hospital saying it had admitted 14 patients with heatstroke in the past week.",
        "The Delhi government has directed that labourers be given a paid break between noon and 3pm at construction sites.",
    ],
))

# ---------------------------------------------------------------- japan-rice-prices (Reuters; CNA from agencies)
B.append(dict(
    key="r-rice", story="japan-rice-prices", outlet="reuters", edition=1,
    path="/reuters/world/japan/japans-rice-prices-fall-for-third-week-as-stockpiles-hit-shelves-2025-06-12.html",
    section="Japan", crumbs=["World", "Japan"],
    headline="Japan's rice prices fall for third week as stockpiled rice hits shelves",
    description="The average price of rice at Japanese supermarkets fell for a third straight week.",
    authors=["Kentaro Mori"],
    published="2025-06-12T06:40:00Z", modified="2025-06-12T06:40:00Z",
    caption="Bags of stockpiled rice are displayed at a supermarket in Tokyo, Japan, June 2, 2025. REUTERS/Yuki Tanaka",
    signoff="Reporting by Kentaro Mori; Editing by Martin Hale",
    paragraphs=[
        "TOKYO, June 12 (Reuters) - The average price of rice at Japanese supermarkets fell for a third straight week, government data showed on Thursday, as cheaper government stockpiled rice reached store shelves.",
        "A 5-kilogram bag sold for an average 4,120 yen ($28.60) in the week to June 8, down 3% from the previous week, the agriculture ministry said.",
        "Prices had nearly doubled from a year earlier amid a shortage blamed on a poor 2023 harvest and rising demand from tourists, hurting Prime Minister Shigeru Ishiba's popularity ahead of an upper house election in July.",
        "The government has released hundreds of thousands of tons of rice from its emergency stockpile through no-bid contracts with retailers, which sell it for about 2,000 yen per 5 kg.",
        "Analysts expect prices to keep easing through the summer, though they warned that a weak harvest this year could reverse the trend.",
    ],
))

B.append(dict(
    key="c-rice", story="japan-rice-prices", outlet="cna", edition=1,
    path="/cna/asia/japan-rice-prices-fall-stockpile-supermarkets-5180321.html",
    section="Asia", crumbs=["Asia"],
    headline="Japan's rice prices fall for third straight week – but still far above last year",
    description="A 5kg bag cost an average of 4,120 yen in the week to Jun 8.",
    authors=[],
    published="2025-06-12T16:15:00+08:00", modified="2025-06-12T16:15:00+08:00",
    caption="Shoppers queue for stockpiled rice at a supermarket in Tokyo. (File photo: AFP)",
    credit="Source: Agencies/fh",
    paragraphs=[
        "TOKYO: Rice prices at Japanese supermarkets fell for the third week in a row, data showed on Thursday (Jun 12), as stockpiled rice released by the government began to reach consumers.",
        "A 5kg bag cost an average of 4,120 yen (US$28.60) in the week to Jun 8, the agriculture ministry said, down from 4,260 yen a week earlier. The price is still about 90 per cent higher than a year ago.",
        "Long queues formed outside some supermarkets in Tokyo and Osaka as shoppers lined up for the cheaper stockpiled rice, which sells for about 2,000 yen for 5kg, Kyodo News reported.",
        "The high prices have become a political headache for Prime Minister Shigeru Ishiba’s government ahead of July’s upper house election.",
        "In Singapore, some Japanese restaurants have switched to rice from other origins, with a 5kg bag of premium Japanese rice now costing as much as S$30 wholesale, operators said.",
    ],
))

# ---------------------------------------------------------------- sg-new-home-sales (CNA and Reuters)
B.append(dict(
    key="c-homes", story="sg-new-home-sales", outlet="cna", edition=1,
    path="/cna/singapore/new-private-home-sales-may-2025-developers-ura-5180130.html",
    section="Singapore", crumbs=["Singapore"],
    headline="Developers' sales of new private homes jump 80% in May as big launches draw buyers",
    description="Developers sold 1,210 new private homes excluding executive condominiums in May.",
    authors=["Rachel Chua"],
    published="2025-06-12T18:10:00+08:00", modified="2025-06-12T18:10:00+08:00",
    caption="Condominium blocks in Bukit Timah. (File photo: CNA/Rachel Chua)",
    credit="Source: CNA/rc",
    paragraphs=[
        "SINGAPORE: Developers sold 1,210 new private homes excluding executive condominiums (ECs) in May, up about 80 per cent from 672 units in April, as several large projects were launched, data from the Urban Redevelopment Authority (URA) showed on Thursday (Jun 12).",
        "Including ECs, 1,415 units were sold, compared with 1,012 in April.",
        "The best-selling project was a 600-unit condominium in the Bukit Timah area, which sold 452 units at a median price of S$2,690 per sq ft, URA data showed.",
        "“Buyers who had held back during the tariff turmoil in April returned quickly once the launches came on,” said Ms Tricia Lee, head of research at Orchid Realty.",
        "Analysts expect new home sales for the full year to reach 7,000 to 8,000 units, compared with about 6,500 in 2024.",
    ],
))

B.append(dict(
    key="r-homes", story="sg-new-home-sales", outlet="reuters", edition=1,
    path="/reuters/world/asia-pacific/singapore-new-home-sales-jump-in-may-on-big-launches-2025-06-12.html",
    section="Asia Pacific", crumbs=["World", "Asia Pacific"],
    headline="Singapore new home sales jump in May on big project launches",
    description="Sales of new private homes in Singapore jumped in May from the previous month.",
    authors=["Jun Wei Lim"],
    published="2025-06-12T10:30:00Z", modified="2025-06-12T10:30:00Z",
    caption="Residential buildings are seen in Singapore, April 3, 2025. REUTERS/Edgar Su/File Photo",
    signoff="Reporting by Jun Wei Lim; Editing by Savio Mendes",
    paragraphs=[
        "SINGAPORE, June 12 (Reuters) - Sales of new private homes in Singapore jumped in May from the previous month as developers launched several large projects, official data showed on Thursday.",
        "Developers sold 1,210 units excluding executive condominiums, up from 672 in April, the Urban Redevelopment Authority said.",
        "Private home prices in the city-state rose 0.8% in the first quarter from the previous three months, official data showed in April.",
        "Singapore has introduced several rounds of property cooling measures since 2021, including a 60% stamp duty on foreigners buying homes, to curb speculation.",
    ],
))
