"""generator.extract.metadata.publication: publication rules: credits, copyright holders,
mastheads and wire credits."""

from __future__ import annotations

import pytest
from metadata_text import BODY, CONFIG, extract

from generator.extract.ingest import decode_seed
from generator.pipeline import process_seed


def test_wire_credit_and_url_give_publication():
    a = extract("US blacklists eight firms\n\nWASHINGTON (Reuters) - " + BODY)
    assert a.publication == "Reuters"
    b = extract(
        "US blacklists eight firms\n\nhttps://www.scmp.com/tech/article/1?utm_source=x\n\n" + BODY
    )
    assert (
        b.publication == "South China Morning Post"
        and b.url == "https://www.scmp.com/tech/article/1"
    )


def test_masthead_beats_a_parent_company_in_the_copyright_line():
    a = extract(
        "Skip to content\nCampus Sentinel\nSubscribe\nHospitals\nK-12\nHigher Ed\n\n"
        f"Schools Face Compliance Questions Over Cameras\n\nMarch 9, 2021\n\n{BODY}\n"
        "© 2021 Emerald Events, LLC. All rights reserved.\n"
    )
    assert a.publication == "Campus Sentinel"


def test_plain_copyright_holder_is_the_publication():
    a = extract(
        f"Schools Face Compliance Questions Over Cameras\n\nMarch 9, 2021\n\n{BODY}\n"
        "© 2021 The Valley Courier. All rights reserved.\n"
    )
    assert a.publication == "The Valley Courier"


def test_platform_name_gives_way_to_the_channel():
    a = extract(
        "YouTube\nSearch\nSign in\n\nWhy the US sees Chinese drone giant DJI as a security threat\n\n"
        f"South China Morning Post\n\n{BODY}"
    )
    assert a.publication == "South China Morning Post"


def test_email_sender_is_cleaned():
    a = extract(
        "From: Harbor County Council Press <press@harbor.example>\nSubject: COUNCIL DROPS CAMERA CONTRACT\n\n"
        f"{BODY}"
    )
    assert a.title == "COUNCIL DROPS CAMERA CONTRACT"
    assert a.publication == "Harbor County Council"


def test_longest_table_name_a_credit_starts_with_wins():
    a = extract(
        f"Huawei 5G trials decision due soon\n\nJune 1, 2020\n\n{BODY}\n"
        "Copyright © 2020 The Times of India Group. All rights reserved.\n"
    )
    assert a.publication == "The Times of India"


def test_copyright_holder_without_its_address():
    a = extract(
        f"Panhandle towers still carry Huawei gear\n\nMay 2, 2022\n\n{BODY}\n"
        "Copyright 2022 Plains Daily Courier, 1314 Douglas St, Omaha NE\n"
    )
    assert a.publication == "Plains Daily Courier"


def test_parent_company_copyright_does_not_name_the_outlet():
    a = extract(
        f"The FCC bans new Huawei gear\n\nNovember 25, 2022\n\n{BODY}\n© 2022 Vox Media, LLC. All Rights Reserved\n"
    )
    assert a.publication != "Vox"


def test_all_caps_masthead_but_not_a_section_label():
    a = extract(
        "BUENOS AIRES TIMES\nArgentina\nEconomy\nWorld\nPolitics\n\n"
        f"Huawei eyes 5G auction as Washington presses Buenos Aires\n\nSeptember 10, 2022\n\n{BODY}"
    )
    assert a.publication == "Buenos Aires Times"
    b = extract(
        f"TECH\n\nOracle wins bid for TikTok's US operations\n\nSeptember 14, 2020\n\n{BODY}"
    )
    assert b.publication != "Tech"


def test_seal_alt_text_tickers_and_buttons_are_not_the_masthead():
    menu = "Report a crime | Contact us | Tell us about\nNews\nAppeal\n\n"
    crest = extract(
        f"Wessex Police crest\n{menu}Police appeal for witnesses\n\nApril 20, 2023\n\n{BODY}"
    )
    assert crest.publication == "Wessex Police"
    ticker = extract(
        f"DJIA 38,904.04 -0.12%\nMarkets\nNews\nOpinion\n\nProvince bans TikTok\n\n{BODY}"
    )
    assert ticker.publication is None


def test_the_office_under_a_from_label_and_the_masthead_before_its_owner():
    a = extract(
        f"Press release\n\nNorthbrook Foods to build a plant\n\nFrom:\nHM Treasury\nPublished\n"
        f"6 June 2019\n\n{BODY}"
    )
    assert a.publication == "HM Treasury" and a.author is None
    b = extract(
        f"Dahua sells UK unit\n\nMay 2, 2022\n\n{BODY}\n© 2022 The Vale Gazette is part of Reach plc\n"
    )
    assert b.publication == "The Vale Gazette"


def test_logo_alt_text_names_the_publisher():
    a = extract(
        "Skip to Main Content\nOswell County seal image\nSearch\nHome\nDepartments\n\n"
        f"Yard waste collection resumes on the first of April\n\nPosted on: March 4, 2025\n\n{BODY}"
    )
    assert a.publication == "Oswell County"


def test_a_name_spelling_the_host_is_the_outlet():
    a = extract(
        "https://www.eastmoorpost.co.uk/news/health/parking-123\n\n"
        f"Hospital scraps parking charges for night staff\n\nPublished 11 February 2025\n\n{BODY}\n"
        "Sign up to the Eastmoor Post morning briefing\n"
    )
    assert a.publication == "Eastmoor Post"
    b = extract(  # a print page's footer address, the masthead in capitals
        "THE WELLINGTON ECHO Friday 16 August 2019 Page 5\n\nNEWS\n\n"
        f"Central bank holds rates for another quarter\n\n{BODY}\nwww.thewellingtonecho.co.uk\n"
    )
    assert b.publication == "The Wellington Echo"


def test_holder_before_the_copyright_sign():
    a = extract(
        f"Football club unveils plans for a new stadium\n\nApr 2, 2025\n\n{BODY}\n"
        "Lakeview Sentinel © 2025 · All rights reserved · 22 Pier Road\n"
    )
    assert a.publication == "Lakeview Sentinel"


def test_reprint_credit_beats_the_portal():
    a = extract(
        "Zenith\nNews  Money  Sport  Weather\n\nProvided by Harbour Herald\n\n"
        f"Island ferry operator cuts winter crossings\n\nStory by Ines Marsh\nNov 6, 2024\n\n{BODY}"
        "\nContinue reading on Harbour Herald\n\n© 2024 Zenith Media\n"
    )
    assert a.publication == "Harbour Herald" and a.author == "Ines Marsh"


def test_unknown_outlet_after_the_name_in_the_byline():
    a = extract(
        "Headlines  Nation  Business  Sports\n\nNation\n\n"
        "Free school meals extended to all primary pupils\n\n"
        f"Ramon Dizon - Visayas Daily Mirror\nJanuary 16, 2024 | 12:00am\n\n{BODY}"
    )
    assert a.publication == "Visayas Daily Mirror" and a.author == "Ramon Dizon"


def test_upper_case_masthead_with_a_newspaper_noun():
    a = extract(
        "THE NORTHERN LEDGER\nIndependent since 1891\nSunday, 9 March 2025\n\n"
        f"Small-town theatre company wins national drama award\n\nAisling Foley, Chief Reporter\n\n"
        f"{BODY}"
    )
    assert a.publication == "The Northern Ledger"


def test_organisation_over_its_address_in_the_footer():
    a = extract(
        "Skip to content\nHome > News and media > Latest news\n\n"
        f"Daily walks linked to slower memory decline\n\nPublished: 19 June 2024\n\n{BODY}\n"
        "Back to news\n\nWestvale Hospitals Health Trust\n\nTrust Headquarters, Ferry Lane\n\n"
        "Switchboard: 0300 555 0100\n"
    )
    assert a.publication == "Westvale Hospitals Health Trust"


def test_a_role_in_the_byline_is_not_a_listed_outlet():
    a = extract(
        "Insights\nMarket commentary | 27 August 2024\n\n"
        "Family bakery chain to open 12 shops despite rising flour prices\n\n"
        f"Authored by: Olumide Adeyemi, Chief Economist\n\n{BODY}"
    )
    assert a.author == "Olumide Adeyemi" and a.publication != "The Economist"


def test_published_in_line_names_the_platform_publication():
    a = extract(
        "Open in app\nSign up  Sign in\n\nData centre plan scaled back over water use\n\n"
        f"Leila Mansour\nFollow\nPublished in Urban Futures\n6 min read · Jun 4, 2024\n\n{BODY}"
    )
    assert a.publication == "Urban Futures"


def test_section_label_over_a_menu_is_not_a_masthead_and_the_host_names_the_paper():
    a = extract(
        "https://www.glenmorrowherald.co.nz/local-news/island-ferry\n\nLocal news\n\n"
        f"Island ferry to run hourly from May\n\n12 Jun, 2024\n\nStory: Mereana Tui\n\n{BODY}"
        "\nShare this story\n\nLatest local news\nCouncil to review dog park hours\n"
    )
    assert a.publication == "Glenmorrow Herald"


def test_host_without_a_newspaper_noun_stays_a_bare_domain():
    a = extract(f"Island ferry to run hourly\n\nhttps://www.ellisvalleyweb.ca/a/1\n\n{BODY}")
    assert a.publication == "ellisvalleyweb.ca"


def test_agency_named_after_the_release_end_over_its_address():
    a = extract(
        "Newsroom\n\nPress Release\n\nAgency restricts foreign-made drones\n\n"
        f"For immediate release: March 19, 2024\n\n{BODY}\nMedia contact: Maya Lund, 555-0142\n\n"
        "###\n\nWexmoor Department of Transportation\n200 Capitol Avenue\n"
        "Accessibility  Privacy  Site map\n"
    )
    assert a.publication == "Wexmoor Department of Transportation"


def test_site_name_tag_that_is_only_the_host_gives_way_to_a_name_on_the_page():
    html = (
        '<html><head><meta property="og:site_name" content="tidemarkreview.com">'
        "<title>Rowing club wins</title></head><body><article><h1>Rowing club wins</h1>"
        f"<p>{BODY}</p><p>Copyright Tidemark Review 2025. All rights reserved.</p>"
        "</article></body></html>"
    )
    a = process_seed(decode_seed("p.html", html.encode()), CONFIG)
    assert a.publication == "Tidemark Review"


def test_a_saved_page_named_only_by_its_header_logo_and_host():
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n") if p.strip())
    page = (
        '<html><head><title>Town library lends out telescopes</title>'
        '<link rel="canonical" href="https://www.corranherald.ie/2025/12/library-telescopes">'
        '</head><body><header><a href="/"><img src="/logo.png" alt="The Corran Herald"></a>'
        '<nav><a href="/news">News</a></nav></header><main><article>'
        f"<h1>Town library lends out telescopes</h1>{paragraphs}</article></main></body></html>"
    )
    a = process_seed(decode_seed("t.html", page.encode()), CONFIG)
    assert a.publication == "The Corran Herald"


def test_a_masthead_printed_again_at_the_foot_names_the_outlet():
    dialog = (
        "Subscribe to continue reading\nYou have reached your limit of free articles this month.\n"
        "Already a subscriber? Log in\nSubscribe for 1 pound a week\nNo thanks, maybe later\n\n"
    )
    head = "THE HARROWGATE ECHO\nNews  Sport  Opinion\n\nFootbridge to close for repairs\n\n"
    a = extract(dialog + head + "By Tomasz Wilk\n\n" + BODY + "\nShare this story\n\nThe Harrowgate Echo\n")
    assert a.publication == "The Harrowgate Echo"
    assert a.found["publication"].method == "masthead repeated at the foot"
    b = extract(dialog + head + "By Tomasz Wilk\n\n" + BODY + "\nShare this story\n")
    assert b.publication != "The Harrowgate Echo"  # printed once: no evidence of its own


def test_a_source_line_holding_an_address_names_no_holder():
    # the site's name closes the clipping as a short paragraph over the "Source:" address
    a = extract(
        f"Ferry timetable changes for the winter\n\n12 November 2024\n\n{BODY}\n"
        "Marlow Bay Gazette\n\n"
        "Source: https://www.marlowbaygazette.eu/local/ferry-timetable-changes\n"
    )
    assert a.publication == "Marlow Bay Gazette"
    assert a.url == "https://www.marlowbaygazette.eu/local/ferry-timetable-changes"
    b = extract(  # a source line naming an outlet still does
        "Ferry timetable changes for the winter\n\nSource: Tidewater Ledger\n\n"
        f"12 November 2024\n\n{BODY}"
    )
    assert b.publication == "Tidewater Ledger"


def test_publishing_company_of_a_title_gives_the_title():
    a = extract(
        "From the May 2024 issue\n\nGardeners swap seeds at the village hall\n\n"
        f"Words Ada Penrose\n\n{BODY}\n© 2024 Bramble Magazine Ltd\n"
    )
    assert a.publication == "Bramble"
    b = extract(  # no company suffix: a site that calls itself a magazine keeps the word
        "Gardeners swap seeds at the village hall\n\n"
        f"Words Ada Penrose\n\n{BODY}\n© 2024 Bramble Magazine\n"
    )
    assert b.publication == "Bramble Magazine"


def test_masthead_under_a_medium_word_in_the_copyright():
    a = extract(
        "Kitchen Table Talk\nEpisodes  About  Subscribe\n\nEpisode 12\n\n"
        "Bakers explain why rye bread is back\n\nHosted by Lena Ashdown\n\n"
        f"{BODY}\n© 2024 Kitchen Table Talk Podcast\n"
    )
    assert a.publication == "Kitchen Table Talk"
    b = extract(  # no such masthead on top: the holder stands as written
        "Episode 12\n\nBakers explain why rye bread is back\n\nHosted by Lena Ashdown\n\n"
        f"{BODY}\n© 2024 Kitchen Table Talk Podcast\n"
    )
    assert b.publication == "Kitchen Table Talk Podcast"


def test_a_welcome_banner_on_top_names_the_site_owner():
    a = extract(
        "Welcome to the Parish of Lowmere\nResidents  Visitors  Council  Services\n\n"
        f"Footpath along the brook reopens after repairs\n\nMarch 3, 2024\n\n{BODY}"
    )
    assert a.publication == "Parish of Lowmere"
    b = extract(  # a title-case headline that greets the reader names no site
        f"Welcome to the Age of Cheaper Batteries\n\nMarch 3, 2024\n\n{BODY}"
    )
    assert b.publication is None


def test_a_holder_before_the_sign_alone_on_the_last_line():
    a = extract(
        f"Live: storm closes the harbour road\n\nBy Pia Lund\n\n{BODY}\nBayside Now © 2024\n"
    )
    assert a.publication == "Bayside Now"
    assert "Bayside Now © 2024" not in [b.text for b in a.blocks]


def test_a_year_after_the_copyright_holder_is_no_company_form():
    # the plain holder beats an organisation over a date-stamped tribute at the foot
    a = extract(
        f"Former mayor remembered at packed service\n\nBy Ruth Ames\n\n{BODY}\n"
        "Kestrel Rowing Club · 3 March 2025\n\n© Fenbridge Courier 2025 | Contact | Privacy\n"
    )
    assert a.publication == "Fenbridge Courier"


def test_a_date_under_an_organisation_is_not_its_address():
    a = extract(
        f"Former mayor remembered at packed service\n\n{BODY}\n"
        "Kestrel Rowing Club\n3 March 2025\n"
    )
    assert a.publication != "Kestrel Rowing Club"
    b = extract(f"Boathouse to reopen in May\n\n{BODY}\nKestrel Rowing Club\n3 Mill Street\n")
    assert b.publication == "Kestrel Rowing Club"


def test_a_hyphenated_host_ending_in_a_newspaper_noun_spells_the_masthead():
    head = "Harbour walls painted for the festival\n\nBy Ana Moss\n\n"
    a = extract(f"https://www.kelp-bay-herald.ie/news/harbour-walls-1\n\n{head}{BODY}")
    assert a.publication == "Kelp Bay Herald"
    b = extract(f"https://www.kelp-bay-tours.ie/news/harbour-walls-1\n\n{head}{BODY}")
    assert b.publication == "kelp-bay-tours.ie"  # no newspaper noun: the bare host


def test_a_blog_masthead_over_its_tagline():
    a = extract(
        "Moss and Mortar\nSmall notes on old buildings, kept weekly.\n\n"
        "Guest post by Ivo Brandt\n\n"
        f"Why the chapel roof on Tanner Street has to come down this winter\n\n{BODY}"
    )
    assert a.publication == "Moss and Mortar"
    b = extract(  # a short headline over its dek, no longer headline below: not a masthead
        "Chapel roof to come down\nThe slates are beyond repair, surveyors found.\n\n"
        f"By Ivo Brandt\n\n{BODY}"
    )
    assert b.publication is None


def test_copyright_lines_in_more_orders_name_their_holder():
    head = f"Ferry fares rise for the winter\n\nBy Tamsin Okoro\n\nMarch 3, 2024\n\n{BODY}\n"
    for line, holder in (
        ("© Copyright 2024 - Kelp Bay Gazette", "Kelp Bay Gazette"),
        ("All content © Kelp Bay Gazette 2024", "Kelp Bay Gazette"),
        ("© 2024 Kelp Bay Gazette, a division of Marlin Media Inc.", "Kelp Bay Gazette"),
        ("Copyright (c) 2024 The Kelp Bay Gazette Company", "The Kelp Bay Gazette"),
    ):
        assert extract(head + line + "\n").publication == holder, line
    # a sentence about copyright in the story names no holder
    prose = "Copyright lawyers say the ruling will be appealed within weeks."
    assert extract(head + prose + "\n").publication != "lawyers say the ruling will be appealed"


def test_first_published_credits_name_the_original_outlet():
    head = f"Ferry fares rise for the winter\n\nBy Tamsin Okoro\n\n{BODY}\n"
    for line in (
        "This story was originally published by Kelp Bay Gazette.",
        "This article first appeared in the Kelp Bay Gazette.",
        "Republished with permission from Kelp Bay Gazette.",
    ):
        assert extract(head + line + "\n").publication == "Kelp Bay Gazette", line


@pytest.mark.parametrize(
    "top, expected",
    [
        ("MercoPress, en Español\n\nMontevideo, November 27th 2022 - 18:42 UTC\n\n", "MercoPress"),
        ("Skip to main content\n\n", "Halden Economics"),
        ("Skip to main content\n\n", "The Week in Harbours"),
    ],
)
def test_publications_named_by_a_language_link_a_paywall_or_an_issue_line(top, expected):
    paywall = (
        "This is premium content that requires an active Halden Economics subscription to view."
        "\n\n" if expected == "Halden Economics" else ""
    )
    issue = (
        "What you are reading right now is issue #53 of The Week in Harbours, a year on.\n\n"
        if expected == "The Week in Harbours" else ""
    )
    a = extract(
        f"{top}Harbour board delays the vote on the new ferry pier until spring\n\n"
        f"{issue}{BODY}\n{paywall}"
    )
    assert a.publication == expected


@pytest.mark.parametrize(
    "top, foot, expected",
    [
        ("", "© 2025 Lake Erie Signal, a nonprofit newsroom. 310 Prospect Avenue.", "Lake Erie Signal"),
        ("", "The Brennick Lantern • © 2025 • Privacy Policy • Log in", "The Brennick Lantern"),
        (
            (
                "NWFL\nNorthern Women's Football League\nFixtures  Results  Tables  Clubs  News\n"
                "Log in | Register\n\nFT (AET)\nKingsmere Rovers 2 – 1 Harbour City\n\n"
            ),
            "",
            "Northern Women's Football League",
        ),
    ],
)
def test_holders_without_their_appositive_or_separator_and_an_acronyms_own_name(
    top, foot, expected
):
    a = extract(f"{top}Harbour board delays the vote on the new ferry pier until spring\n\n"
                f"{BODY}\n{foot}\n")
    assert a.publication == expected


def test_an_epaper_names_the_paper_over_its_edition_line_not_the_kiosk():
    a = extract(
        "NewsStand\nCatalogue | My Library | Search | Sign in\n\nKingsmere Evening Post\n"
        "Monday, 12 May 2025 · Page 54\n\nHarbour board delays the vote on the new ferry pier\n\n"
        + BODY
    )
    assert a.publication == "Kingsmere Evening Post"


def test_a_masthead_that_spells_out_the_copyright_holder_is_the_publication():
    a = extract(
        "Albion TV News\n\nHarbour board delays the vote on the new ferry pier until spring\n\n"
        f"{BODY}\nCopyright 2025 Albion TV. Albion TV is not responsible for external sites.\n"
    )
    assert a.publication == "Albion TV News"


def test_a_library_records_publication_field_and_subject_terms():
    from generator.extract.parse import furniture_reason

    a = extract(
        "District to rip out 1,380 Chinese-made cameras\n\n"
        "Publication info: The Brazos Ledger; Cedar Bluff, Tex. [Cedar Bluff, Tex]. 15 Jan 2025\n\n"
        + BODY
    )
    assert a.publication == "The Brazos Ledger"
    assert furniture_reason("School districts; Surveillance equipment; Security systems") == (
        "subject terms"
    )


def test_a_word_of_the_headline_is_not_the_publication():
    a = extract(f"Cedar Bluff Runner Wins Stockholm Marathon In Course-Record Time\n\n{BODY}")
    assert a.publication != "Time"


def test_the_brand_atop_the_page_beats_the_body_that_publishes_it():
    a = extract(
        "Lumen\nScience, slowly told\n\nDolphin numbers rise in the estuary for a second year\n\n"
        f"{BODY}\n© 2025 Lumen Media Foundation. All rights reserved.\n"
    )
    assert a.publication == "Lumen"
