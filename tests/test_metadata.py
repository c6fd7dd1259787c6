from pathlib import Path

import pytest

from generator.config import load_config
from generator.extract.ingest import decode_seed
from generator.extract.metadata import clean_url, parse_date, split_names
from generator.pipeline import process_seed

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(ROOT / "digest.yml")


def extract(text: str):
    return process_seed(decode_seed("t.txt", text.encode()), CONFIG)


BODY = ("The Commerce Department added the company to the Entity List on Monday, officials said, "
        "citing national security concerns about its cameras.\n\n"
        "The company said it would comply with all applicable laws and continue to serve customers.\n")


@pytest.mark.parametrize("text, iso", [
    ("Aug 23, 2017", "2017-08-23"), ("23 August 2017", "2017-08-23"), ("2017/8/23 22:18:40", "2017-08-23"),
    ("2019-05-22", "2019-05-22"), ("Published 3:04 PM ET Tue, 21 May 2019", "2019-05-21"),
    ("Updated on May 23, 2019", "2019-05-23"), ("22.05.2019", "2019-05-22"), ("Sept. 13, 2020", "2020-09-13"),
    ("September 5, 2023 12:13 JST", "2023-09-05"), ("Mar 12th, 2021", "2021-03-12"), ("2019年5月22日", "2019-05-22"),
])
def test_date_formats(text, iso):
    assert parse_date(text)[0] == iso


def test_no_date_is_not_a_guess():
    assert parse_date("Comments (12)") is None
    assert parse_date("Updated on") is None


def test_tracking_parameters_are_removed():
    assert clean_url("https://a.com/x?utm_source=t&id=3&fbclid=AbC") == "https://a.com/x?id=3"


@pytest.mark.parametrize("byline, names", [
    ("John Honovich, Published on Aug 23, 2017", ["John Honovich"]),
    ("Hannah Pryce, Ravi Menon and Chloe Tan", ["Hannah Pryce", "Ravi Menon", "Chloe Tan"]),
    ("Cyrus Lee, Contributor", ["Cyrus Lee"]),
    ("Anna Kowal | Reuters", ["Anna Kowal"]),
    ("Liu Wen and Fan Jiayi Source:Global Times", ["Liu Wen", "Fan Jiayi"]),
    ("Staff Reporter", []),
])
def test_byline_names(byline, names):
    assert split_names(byline, CONFIG) == names


def test_section_label_and_ads_are_not_the_title():
    a = extract("Advertisement\nUS-China tech war\n\nHuawei sues US government over federal procurement ban\n\n"
                "By Jane Doe\nMarch 7, 2019\n\n" + BODY)
    assert a.title == "Huawei sues US government over federal procurement ban"
    assert a.author == "Jane Doe" and a.date == "2019-03-07"


def test_date_in_body_or_comment_is_not_the_article_date():
    a = extract("Hikvision denies wrongdoing\n\n" + BODY + "\nOn May 3, 2018, the firm said it had sold cameras.\n\n"
                "Comments (2)\n\nGreat piece, posted on June 1, 2019.\n")
    assert a.date is None


def test_credit_line_gives_reporters_not_editors():
    a = extract("China vows to retaliate\n\n" + BODY +
                "\nReporting by Zhou Xinyi in Beijing; Additional reporting by Martin Kessler; Editing by Tom Ross\n")
    assert a.author == "Zhou Xinyi, Martin Kessler"


def test_wire_credit_and_url_give_publication():
    a = extract("US blacklists eight firms\n\nWASHINGTON (Reuters) - " + BODY)
    assert a.publication == "Reuters"
    b = extract("US blacklists eight firms\n\nhttps://www.scmp.com/tech/article/1?utm_source=x\n\n" + BODY)
    assert b.publication == "South China Morning Post" and b.url == "https://www.scmp.com/tech/article/1"


def test_provenance_is_recorded_for_every_field_found():
    a = extract("Huawei sues US government over ban\n\nBy Jane Doe\nMarch 7, 2019\n\n" + BODY)
    assert {"title", "author", "date"} <= set(a.found)
    assert all(0 < f.confidence <= 1 for f in a.found.values())


def test_seed_front_matter_overrides_extraction():
    a = extract("---\ntitle: Corrected title\ndate: 2020-01-02\nauthor: [A Person, B Person]\n---\n"
                "Wrong title\n\nBy Jane Doe\n\n" + BODY)
    assert (a.title, a.date, a.author) == ("Corrected title", "2020-01-02", "A Person, B Person")
    assert a.found["title"].method == "seed front-matter"


def test_saved_html_page_is_extracted():
    html = ("<!doctype html><html><head><title>Huawei ban widens | Example</title>"
            '<meta property="og:title" content="Huawei ban widens">'
            '<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2020-05-15">'
            '</head><body><nav><a href="/">Home</a> <a href="/tech">Tech</a></nav><article><h1>Huawei ban widens</h1>'
            + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n") if p.strip()) +
            "</article><footer>Subscribe to our newsletter</footer></body></html>")
    a = extract(html)
    assert a.format == "html"
    assert a.title == "Huawei ban widens" and a.date == "2020-05-15" and a.author == "Jane Doe"
    assert "Commerce Department" in a.body_text and "Home" not in a.body_text


def test_markdown_seed_is_read_as_text_not_markup():
    md = ("---\ndate: 2021-05-05\n---\n# Huawei loses Android licence\n\n**By Jane Doe**\n\n"
          "The [Commerce Department](https://commerce.gov) added the company to the *Entity List* on Monday, "
          "officials said, citing national security concerns about its cameras.\n\n"
          "> The company said it would comply with all applicable laws and continue to serve customers.\n")
    a = extract(md)
    assert a.format == "markdown"
    assert (a.title, a.author, a.date) == ("Huawei loses Android licence", "Jane Doe", "2021-05-05")
    assert "The Commerce Department added the company to the Entity List on Monday" in a.body_text
    assert "](" not in a.body_text and "**" not in a.body_text


def test_year_glued_to_the_time_still_reads():
    assert parse_date("Published Mon, Apr 16 20185:41 PM EDT")[0] == "2018-04-16"
    assert parse_date("5 May 20211") is None


def test_section_labels_between_commas_are_not_the_headline():
    a = extract("Video Surveillance, K-12, Higher Ed\n\n"
                "Schools That Bought Chinese Cameras With Federal Grants Face Questions\n\n"
                f"Robin Delacroix · March 9, 2021\n\n{BODY}")
    assert a.title == "Schools That Bought Chinese Cameras With Federal Grants Face Questions"
    assert a.author == "Robin Delacroix"


def test_office_holder_under_a_masthead_is_not_the_author():
    a = extract("The Select Committee on the CCP\nChairman Dale Hutchins\n\nHome\nAbout\nMedia\n\n"
                f"Hutchins Urges Commerce to Add Drone Makers to Entity List\n\nSeptember 12, 2024\n\n{BODY}")
    assert a.title == "Hutchins Urges Commerce to Add Drone Makers to Entity List"
    assert a.author is None


@pytest.mark.parametrize("byline, author", [
    ("Source: Aditya Menon, Consultant Editor", "Aditya Menon"),
    ("May 5, 2022, 1:16 pm EDT | Lena Ortiz", "Lena Ortiz"),
    ("Declan Farraday, International Editor", "Declan Farraday"),
    ("Chia-ling Hsu, Taipei; Trevor Lin, DIGITIMES", "Chia-ling Hsu, Trevor Lin"),
    ("Yuki Ishiguro and Akane Oku, Nikkei staff writers", "Yuki Ishiguro, Akane Oku"),
    ("By Elaine Brody and Simon Tse, CNN Business", "Elaine Brody, Simon Tse"),
    ("Rowena Achterberg, Technology Correspondent | Gideon Marsh, Political Editor", "Rowena Achterberg, Gideon Marsh"),
    ("Ellis Varga @ellisvarga", "Ellis Varga"),
    ("By PARK EUN-JI [park.eunji@example.co.kr]", "PARK EUN-JI"),
    ("By KAZUKI MORIOKA/ Staff Writer", "KAZUKI MORIOKA"),
    ("By Marta Ribeiro with AFP", "Marta Ribeiro"),
    ("By Brendan Kowalczyk FOXBusiness", "Brendan Kowalczyk"),
])
def test_byline_shapes_with_roles_places_and_outlets(byline, author):
    a = extract(f"US weighs new sanctions on surveillance camera makers\n\n{byline}\n\nMay 5, 2022\n\n{BODY}")
    assert a.author == author


def test_write_to_line_names_the_reporters():
    a = extract(f"Prisons Still Run Cameras From Blacklisted Firms\n\n{BODY}\n"
                "Write to Nora Whitfield at nora.whitfield@example.com and Caleb Ng at caleb.ng@example.com\n")
    assert a.author == "Nora Whitfield, Caleb Ng"


def test_masthead_beats_a_parent_company_in_the_copyright_line():
    a = extract("Skip to content\nCampus Sentinel\nSubscribe\nHospitals\nK-12\nHigher Ed\n\n"
                f"Schools Face Compliance Questions Over Cameras\n\nMarch 9, 2021\n\n{BODY}\n"
                "© 2021 Emerald Events, LLC. All rights reserved.\n")
    assert a.publication == "Campus Sentinel"


def test_plain_copyright_holder_is_the_publication():
    a = extract(f"Schools Face Compliance Questions Over Cameras\n\nMarch 9, 2021\n\n{BODY}\n"
                "© 2021 The Valley Courier. All rights reserved.\n")
    assert a.publication == "The Valley Courier"


def test_platform_name_gives_way_to_the_channel():
    a = extract("YouTube\nSearch\nSign in\n\nWhy the US sees Chinese drone giant DJI as a security threat\n\n"
                f"South China Morning Post\n\n{BODY}")
    assert a.publication == "South China Morning Post"


def test_email_sender_is_cleaned():
    a = extract("From: Harbor County Council Press <press@harbor.example>\nSubject: COUNCIL DROPS CAMERA CONTRACT\n\n"
                f"{BODY}")
    assert a.title == "COUNCIL DROPS CAMERA CONTRACT"
    assert a.publication == "Harbor County Council"


def test_longest_table_name_a_credit_starts_with_wins():
    a = extract(f"Huawei 5G trials decision due soon\n\nJune 1, 2020\n\n{BODY}\n"
                "Copyright © 2020 The Times of India Group. All rights reserved.\n")
    assert a.publication == "The Times of India"


def test_key_points_under_the_byline_are_the_subtitle():
    a = extract("US chip stocks slide after Commerce bars American companies from selling to ZTE\n\n"
                "Published Mon, Apr 16 2018 5:41 PM EDT\n\nEvan Stroud\n\nKey Points\n"
                "Shares of optical component makers fell sharply in after-hours trading.\n"
                "The denial order bars US firms from selling parts to the telecom equipment maker.\n\n"
                f"VIDEO02:14\n\n{BODY}")
    assert a.subtitle == ("Shares of optical component makers fell sharply in after-hours trading.; "
                          "The denial order bars US firms from selling parts to the telecom equipment maker.")
    assert a.blocks[0].text.startswith("The Commerce Department added")


def test_a_bare_name_under_the_dek_is_the_byline():
    a = extract("Q&A: A former Commerce official on why the Entity List keeps growing\n\n"
                "Mark Dorsey spent nine years at the Bureau of Industry and Security. He says the list is now "
                "doing work it was never designed for.\n\nLydia Shaw\n\nIllustration by Anna Vignet\n\n" + BODY)
    assert a.author == "Lydia Shaw"
    assert a.subtitle.startswith("Mark Dorsey spent nine years")


def test_dotted_month_glued_to_the_day():
    assert parse_date("Published Dec.14 2023,14:00 PM (GMT+8)")[0] == "2023-12-14"


def test_authors_block_of_a_client_alert():
    a = extract("Client Alert\n\nFCC Bars New Equipment Authorizations for Huawei and ZTE Gear\n\nNovember 29, 2022\n\n"
                "Authors\nEleanor Whitfield\nPartner\nWashington, D.C.\n+1 202 555 0187\n\nSamuel Osei-Bonsu\nCounsel\n"
                "Washington, D.C.\n\nRelated Practices\nTelecommunications, Media & Technology\n\n" + BODY)
    assert a.author == "Eleanor Whitfield, Samuel Osei-Bonsu"


def test_page_chrome_is_not_the_headline():
    for chrome in ("We value your privacy", "HSI 17,295.89 -0.72% HSCEI 5,912.40 -0.85% USD/HKD 7.8221",
                   "12/6/19, 9:41 AM Huawei Files Legal Challenge - Huawei",
                   "Business News/ Industry/ Huawei files legal challenge to FCC designation"):
        a = extract(f"{chrome}\n\nHuawei files legal challenge to FCC designation\n\nDecember 5, 2019\n\n{BODY}")
        assert a.title == "Huawei files legal challenge to FCC designation", chrome


def test_export_title_field_and_alert_subjects():
    a = extract("Title: DJI's Drones Are Everywhere. Washington Wants Them Gone\nLink: https://example.com/dji\n"
                f"Author: Kai Brandt\nPublished: Mon, 09 Sep 2024 11:00:00 +0000\n\n{BODY}")
    assert a.title == "DJI's Drones Are Everywhere. Washington Wants Them Gone"
    alert = extract("From: Google Alerts <alerts@example.com>\nSubject: Google Alert - YMTC\n\n"
                    f"Apple drops YMTC as US chip war bites\n\nOctober 30, 2022\n\n{BODY}")
    assert alert.title == "Apple drops YMTC as US chip war bites"


def test_capture_range_is_not_a_date_but_a_bracketed_dateline_is():
    a = extract(f"The US just cut off ZTE from American chips\n\n17 Apr 2018 - 29 Nov 2021\n\n{BODY}")
    assert a.date is None
    b = extract("Huawei Files Legal Challenge to FCC's Designation\n\n[Shenzhen, China, December 5, 2019] Huawei "
                f"today filed a petition asking the court to overturn the order.\n\n{BODY}")
    assert b.date == "2019-12-05"


def test_redirect_and_print_footer_addresses():
    assert clean_url("https://www.google.com/url?rct=j&sa=t&url=https%3A%2F%2Fasiatimes.com%2F2022%2F10%2Fa%2F"
                     "&ct=ga&usg=AOv") == "https://asiatimes.com/2022/10/a/"
    a = extract(f"Huawei files legal challenge\n\nDecember 5, 2019\n\n{BODY}\nhttps://www.example.com/news/x 1/3\n")
    assert a.url == "https://www.example.com/news/x"


def test_copyright_holder_without_its_address():
    a = extract(f"Panhandle towers still carry Huawei gear\n\nMay 2, 2022\n\n{BODY}\n"
                "Copyright 2022 Plains Daily Courier, 1314 Douglas St, Omaha NE\n")
    assert a.publication == "Plains Daily Courier"


def test_site_name_after_a_page_title_is_removed():
    a = extract(f"FCC adds DJI to Covered List as deadline passes | Reuters\n\nDecember 23, 2025\n\n{BODY}")
    assert a.title == "FCC adds DJI to Covered List as deadline passes"
    clip = process_seed(decode_seed("c.md", (
        "---\nsource: https://fieldandflight.com/why-farmers-buy-dji/\ncreated: 2024-08-19\n---\n"
        f"# Why American farmers keep buying DJI – Field & Flight\n\n{BODY}").encode()), CONFIG)
    assert clip.title == "Why American farmers keep buying DJI"
    assert clip.publication == "Field & Flight"
    assert clip.url == "https://fieldandflight.com/why-farmers-buy-dji/"


def test_a_hyphen_inside_a_text_headline_stays():
    a = extract(f"Huawei decision: ban on new 5G kit from end of year - live updates\n\nJuly 14, 2020\n\n{BODY}")
    assert a.title == "Huawei decision: ban on new 5G kit from end of year - live updates"


def test_parent_company_copyright_does_not_name_the_outlet():
    a = extract(f"The FCC bans new Huawei gear\n\nNovember 25, 2022\n\n{BODY}\n© 2022 Vox Media, LLC. All Rights Reserved\n")
    assert a.publication != "Vox"


def test_clipper_author_that_is_an_institution_is_not_an_author():
    a = process_seed(decode_seed("c.md", ("---\nauthor: \"[[The Economist]]\"\nsource: https://www.economist.com/"
                                          f"b/2025/09/18/tiktok\ncreated: 2025-09-20\n---\n# Who controls TikTok\n\n"
                                          f"{BODY}").encode()), CONFIG)
    assert a.author is None and a.publication == "The Economist"


def test_field_block_of_a_document_export():
    a = extract("INTERNAL reading pack\n\nTitle: Japan's chip curbs are a bet on the alliance\n"
                "Subtitle: Tokyo's new export controls will cost its toolmakers in the short run.\n"
                "Author: Hiroshi Tanabe\nDate: 3 April 2023\nOutlet: Harbour Weekly (Opinion)\n\n" + BODY)
    assert (a.title, a.subtitle, a.author, a.date, a.publication) == (
        "Japan's chip curbs are a bet on the alliance",
        "Tokyo's new export controls will cost its toolmakers in the short run.", "Hiroshi Tanabe", "2023-04-03",
        "Harbour Weekly")


@pytest.mark.parametrize("headline, title", [
    ("5G WARS: Britain's Huawei ban puts South Africa's networks in the crossfire",
     "Britain's Huawei ban puts South Africa's networks in the crossfire"),
    ("Tech war | Singapore server fraud case puts city under the microscope",
     "Singapore server fraud case puts city under the microscope"),
    ("ZTE: US lifts the denial order after a record fine", "ZTE: US lifts the denial order after a record fine"),
])
def test_kicker_on_the_headline_line(headline, title):
    assert extract(f"{headline}\n\nMay 16, 2019\n\n{BODY}").title == title


@pytest.mark.parametrize("text, iso", [("2 januari 2024", "2024-01-02"), ("17 mars 2020", "2020-03-17"),
                                       ("3. Oktober 2019", "2019-10-03")])
def test_month_names_of_european_editions(text, iso):
    assert parse_date(text)[0] == iso


def test_dates_from_an_outlet_dateline_and_a_closing_timestamp():
    a = extract("Judge backs Pentagon on DJI listing\n\nLaw360 (September 26, 2025, 7:41 PM EDT) -- A federal judge "
                f"upheld the listing on Friday, the court said.\n\n{BODY}")
    assert a.date == "2025-09-26"
    b = extract(f"US widens Huawei chip rule\n\n{BODY}\n(END) Dow Jones Newswires\n\nAugust 17, 2020 14:37 ET (18:37 GMT)\n")
    assert b.date == "2020-08-17"


def test_closing_byline_and_chrome_words_are_not_names():
    a = extract(f"Vietnam telcos keep their distance from Huawei\n\nMay 20, 2019\n\n{BODY}\nBy Vo Hai Dang\n")
    assert a.author == "Vo Hai Dang"
    b = extract(f"Today's Paper\n\nSafe city projects not at risk from US action, officials say\n\n"
                f"Faraz Qureshi\nPublished May 18, 2019\n\n{BODY}")
    assert b.author == "Faraz Qureshi"


def test_all_caps_masthead_but_not_a_section_label():
    a = extract("BUENOS AIRES TIMES\nArgentina\nEconomy\nWorld\nPolitics\n\n"
                f"Huawei eyes 5G auction as Washington presses Buenos Aires\n\nSeptember 10, 2022\n\n{BODY}")
    assert a.publication == "Buenos Aires Times"
    b = extract(f"TECH\n\nOracle wins bid for TikTok's US operations\n\nSeptember 14, 2020\n\n{BODY}")
    assert b.publication != "Tech"


def test_visible_byline_beats_an_author_tag_naming_fewer_writers():
    html = ('<html><head><meta name="author" content="Nadia Ferreira"><title>YMTC was the test case</title></head>'
            '<body><h1>YMTC was the test case</h1><p class="byline">By Nadia Ferreira and Owen Castellano</p>'
            + "".join(f"<p>{BODY.splitlines()[0]} Paragraph {i}.</p>" for i in range(5)) + "</body></html>")
    a = process_seed(decode_seed("p.html", html.encode()), CONFIG)
    assert a.author == "Nadia Ferreira, Owen Castellano"


def test_mainstream_layout_details():
    a = extract(f"Opinion The chip war needs allies more than it needs new lists\n\nBy the Editorial Board\n"
                f"December 3, 2024 at 6:12 p.m. EST\n\n{BODY}")
    assert a.title == "The chip war needs allies more than it needs new lists" and a.author is None
    b = extract(f"TikTok ban bill clears the House\n\nOpinion by Dana Whitcombe\n\nMarch 13, 2024\n\n{BODY}")
    assert b.author == "Dana Whitcombe"
    c = extract(f"Senators press Commerce on YMTC\n\nby Owen Hart - 09/07/22 5:26 PM ET\n\n{BODY}")
    assert c.date == "2022-09-07"
    d = extract("Nvidia stock sinks after chipmaker flags $5.5 billion hit\n\nDana Ostrowski · Senior Reporter\n"
                f"April 16, 2025\n\n{BODY}")
    assert d.author == "Dana Ostrowski" and d.subtitle is None


def test_tickers_and_a_long_menu_above_the_headline():
    tickers = "DJIA\n34721.91\n-0.48%\nS&P 500\n4507.66\n0.02%\n" * 4
    menu = "\n".join(["Latest", "World", "Business", "Politics", "Economy", "Tech", "Markets", "Opinion"] * 3)
    a = extract(f"{tickers}{menu}\n\nHuawei's New Phone Carries a Chip That Shouldn't Exist\n\n"
                f"By Lydia Carrow and Ethan Sorrell\nSept. 4, 2023\n\n{BODY}")
    assert a.title == "Huawei's New Phone Carries a Chip That Shouldn't Exist"
    assert a.author == "Lydia Carrow, Ethan Sorrell"


def test_a_label_is_not_a_person():
    assert not split_names("The Big Story", CONFIG)
