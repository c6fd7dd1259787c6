"""generator.extract.metadata.author: author rules: bylines, lines of names, author blocks and
closing credits."""

from __future__ import annotations

import pytest
from metadata_text import BODY, CONFIG, extract

from generator.extract.ingest import decode_seed
from generator.pipeline import process_seed


def test_credit_line_gives_reporters_not_editors():
    a = extract(
        "China vows to retaliate\n\n"
        + BODY
        + "\nReporting by Zhou Xinyi in Beijing; Additional reporting by Martin Kessler; Editing by Tom Ross\n"
    )
    assert a.author == "Zhou Xinyi, Martin Kessler"


def test_office_holder_under_a_masthead_is_not_the_author():
    a = extract(
        "The Select Committee on the CCP\nChairman Dale Hutchins\n\nHome\nAbout\nMedia\n\n"
        f"Hutchins Urges Commerce to Add Drone Makers to Entity List\n\nSeptember 12, 2024\n\n{BODY}"
    )
    assert a.title == "Hutchins Urges Commerce to Add Drone Makers to Entity List"
    assert a.author is None


@pytest.mark.parametrize(
    "byline, author",
    [
        ("Source: Aditya Menon, Consultant Editor", "Aditya Menon"),
        ("May 5, 2022, 1:16 pm EDT | Lena Ortiz", "Lena Ortiz"),
        ("Declan Farraday, International Editor", "Declan Farraday"),
        ("Chia-ling Hsu, Taipei; Trevor Lin, DIGITIMES", "Chia-ling Hsu, Trevor Lin"),
        ("Yuki Ishiguro and Akane Oku, Nikkei staff writers", "Yuki Ishiguro, Akane Oku"),
        ("By Elaine Brody and Simon Tse, CNN Business", "Elaine Brody, Simon Tse"),
        (
            "Rowena Achterberg, Technology Correspondent | Gideon Marsh, Political Editor",
            "Rowena Achterberg, Gideon Marsh",
        ),
        ("Ellis Varga @ellisvarga", "Ellis Varga"),
        ("By PARK EUN-JI [park.eunji@example.co.kr]", "PARK EUN-JI"),
        ("By KAZUKI MORIOKA/ Staff Writer", "KAZUKI MORIOKA"),
        ("By Marta Ribeiro with AFP", "Marta Ribeiro"),
        ("By Brendan Kowalczyk FOXBusiness", "Brendan Kowalczyk"),
    ],
)
def test_byline_shapes_with_roles_places_and_outlets(byline, author):
    a = extract(
        f"US weighs new sanctions on surveillance camera makers\n\n{byline}\n\nMay 5, 2022\n\n{BODY}"
    )
    assert a.author == author


def test_write_to_line_names_the_reporters():
    a = extract(
        f"Prisons Still Run Cameras From Blacklisted Firms\n\n{BODY}\n"
        "Write to Nora Whitfield at nora.whitfield@example.com and Caleb Ng at caleb.ng@example.com\n"
    )
    assert a.author == "Nora Whitfield, Caleb Ng"


def test_a_bare_name_under_the_dek_is_the_byline():
    a = extract(
        "Q&A: A former Commerce official on why the Entity List keeps growing\n\n"
        "Mark Dorsey spent nine years at the Bureau of Industry and Security. He says the list is now "
        "doing work it was never designed for.\n\nLydia Shaw\n\nIllustration by Anna Vignet\n\n"
        + BODY
    )
    assert a.author == "Lydia Shaw"
    assert a.subtitle.startswith("Mark Dorsey spent nine years")


def test_authors_block_of_a_client_alert():
    a = extract(
        "Client Alert\n\nFCC Bars New Equipment Authorizations for Huawei and ZTE Gear\n\nNovember 29, 2022\n\n"
        "Authors\nEleanor Whitfield\nPartner\nWashington, D.C.\n+1 202 555 0187\n\nSamuel Osei-Bonsu\nCounsel\n"
        "Washington, D.C.\n\nRelated Practices\nTelecommunications, Media & Technology\n\n" + BODY
    )
    assert a.author == "Eleanor Whitfield, Samuel Osei-Bonsu"


def test_closing_byline_and_chrome_words_are_not_names():
    a = extract(
        f"Vietnam telcos keep their distance from Huawei\n\nMay 20, 2019\n\n{BODY}\nBy Vo Hai Dang\n"
    )
    assert a.author == "Vo Hai Dang"
    b = extract(
        f"Today's Paper\n\nSafe city projects not at risk from US action, officials say\n\n"
        f"Faraz Qureshi\nPublished May 18, 2019\n\n{BODY}"
    )
    assert b.author == "Faraz Qureshi"


def test_visible_byline_beats_an_author_tag_naming_fewer_writers():
    html = (
        '<html><head><meta name="author" content="Nadia Ferreira"><title>YMTC was the test case</title></head>'
        '<body><h1>YMTC was the test case</h1><p class="byline">By Nadia Ferreira and Owen Castellano</p>'
        + "".join(f"<p>{BODY.splitlines()[0]} Paragraph {i}.</p>" for i in range(5))
        + "</body></html>"
    )
    a = process_seed(decode_seed("p.html", html.encode()), CONFIG)
    assert a.author == "Nadia Ferreira, Owen Castellano"


def test_clipper_author_that_is_an_institution_is_not_an_author():
    a = process_seed(
        decode_seed(
            "c.md",
            (
                '---\nauthor: "[[The Economist]]"\nsource: https://www.economist.com/'
                f"b/2025/09/18/tiktok\ncreated: 2025-09-20\n---\n# Who controls TikTok\n\n"
                f"{BODY}"
            ).encode(),
        ),
        CONFIG,
    )
    assert a.author is None and a.publication == "The Economist"


def test_bylines_of_local_blogs_nordic_sites_and_guest_posts():
    posted = extract(
        f"Grocer lifts profit forecast\n\nPosted on December 8, 2021 by Tom Doyle\n\n{BODY}"
    )
    assert posted.author == "Tom Doyle"
    text = extract(
        f"Comet dust holds an amino acid\n\nText: Nikos Papadakis\nPhoto: Lukas Jansen\n\n{BODY}"
    )
    assert text.author == "Nikos Papadakis"
    guest = extract(
        f"Notes from the Fens\n\nGuest post by Rhys Whitlock\n\nGrowth stalls again\n\n{BODY}"
    )
    assert guest.author == "Rhys Whitlock"


def test_a_byline_going_on_with_a_second_reporter():
    a = extract(
        f"Film festival opens\n\nby Lukas Horvat\nwith Lukas Halvorsen in Ljubljana\n\n{BODY}"
    )
    assert a.author == "Lukas Horvat, Lukas Halvorsen"


def test_reporters_contact_lines_but_not_the_editors():
    a = extract(
        f"Drought options and their costs\n\nJuly 2, 2019\n\n{BODY}\n"
        "To contact the reporters on this story:\nChiara Novak in Sacramento at cn@example.net;\n"
        "Katarina Marinescu in London at km@example.net\n\n"
        "To contact the editors responsible for this story:\nRhys Moffat at rm@example.net\n"
    )
    assert a.author == "Chiara Novak, Katarina Marinescu"


def test_two_writers_each_over_a_role_line():
    a = extract(
        "Report\n\nRegional water utility raises $400 million in green bond sale\n\n"
        "Orders topped four times the bonds on offer\n\nPriya Raman\n"
        "Senior Fellow, Fiscal Policy Program\nTomasz Wojcik\nResearch Associate\n"
        f"March 13, 2024\n\n{BODY}"
    )
    assert a.author == "Priya Raman, Tomasz Wojcik"


def test_accented_capital_in_a_line_of_names():
    a = extract(
        "Rowing club wins first national title in 40 years\n\nÉmilie Tremblay\n"
        f"The Maple Press\nPublished July 16, 2023 at 4:15 p.m.\n\n{BODY}"
    )
    assert a.author == "Émilie Tremblay"


def test_name_and_outlet_split_by_a_pipe_is_a_byline_not_a_menu():
    a = extract(
        "KQRA Public Radio\nListen Live\nDonate\n\nDahua sells UK unit to management buyout team\n\n"
        f"Danielle Haskins | KQRA Public Radio\n\nPublished June 15, 2022 at 8:23 PM EST\n\n{BODY}"
    )
    assert a.author == "Danielle Haskins"


def test_newsletter_sign_off_names_the_writer():
    a = extract(
        "The week in space: a quiet sun and a noisy moon\n\nMay 9, 2024\n\n"
        f"{BODY}\nCaleb Ostrowski writes The Week in Space every week.\n"
    )
    assert a.author == "Caleb Ostrowski"


@pytest.mark.parametrize(
    "credits, author",
    [
        ("Words: Niamh Colter\nPictures: Tom Brannigan", "Niamh Colter"),
        ("Words Fenella Crow\nIllustration Dan Iwu", "Fenella Crow"),
        ("Story: Mereana Tui\nPhoto: Supplied", "Mereana Tui"),
        ("Report by Brendan Shaw\n30/06/2024", "Brendan Shaw"),
        ("Match report by Yasmin Cole", "Yasmin Cole"),
    ],
)
def test_credit_blocks_name_the_writer_not_the_photographer(credits, author):
    a = extract(f"Rowing club wins first national title in 40 years\n\n{credits}\n\n{BODY}")
    assert a.author == author


def test_story_without_a_colon_opens_a_sentence_not_a_credit():
    a = extract(f"Rowing club wins a title\n\nStory time is back at the library: Ann Lee\n\n{BODY}")
    assert a.author is None


def test_platform_buttons_are_not_a_writer():
    a = extract(
        "Open in app\nSign up  Sign in\n\nData centre plan scaled back over water use\n\n"
        f"Leila Mansour\nFollow\nPublished in Urban Futures\n6 min read · Jun 4, 2024\n\n"
        f"Listen  Share\n\n{BODY}"
    )
    assert a.author == "Leila Mansour"


def test_dash_sign_off_closing_a_newsletter_names_the_writer():
    a = extract(
        "View in browser\n\nIsland ferry to run hourly from May\n\nHello again,\n\n"
        f"{BODY}\nUntil next week,\n— Rosalind Achebe\n"
    )
    assert a.author == "Rosalind Achebe"


def test_quote_attribution_with_a_dash_is_not_a_sign_off():
    a = extract(
        f"Island ferry to run hourly from May\n\n{BODY}\n"
        "— FCC Chairwoman Jessica Rosenworcel, in a statement\n"
    )
    assert a.author is None


LETTER = (
    "Letters\n\nThe ring road needs a cycle lane before someone is hurt\n\n14 May 2025\n\n"
    "{opening} I cycle to work along the ring road every morning, and every morning a lorry "
    "passes close enough to touch.\n\n"
    "The council has promised a lane for six years. It should build one this summer.\n\n"
    "{signature}\n\nThe views expressed in letters are those of the writers.\n"
)


def test_a_letter_to_the_editor_is_signed_by_name_and_town():
    for opening in ("Sir, –", "THE EDITOR:", "Dear Editor,"):
        text = LETTER.format(opening=opening, signature="Orla Pennington, Westmarch")
        assert extract(text).author == "Orla Pennington", opening


def test_a_name_and_town_line_without_a_salutation_is_not_a_letter_signature():
    text = LETTER.format(opening="Commuters say", signature="Orla Pennington, Westmarch")
    assert extract(text).author is None
    # a closing line of a building and a town names no writer
    text = LETTER.format(opening="Sir, –", signature="The Town Hall, Westmarch")
    assert extract(text).author is None


def test_more_credit_labels_with_a_colon_are_bylines():
    for line, names in (
        ("Contributor: Tamsin Okoro", "Tamsin Okoro"),
        ("Reporters: Tamsin Okoro and Ivo Brandt", "Tamsin Okoro, Ivo Brandt"),
        ("Reported by: Tamsin Okoro", "Tamsin Okoro"),
    ):
        a = extract(f"Ferry fares rise for the winter\n\n{line}\n\nMarch 3, 2024\n\n{BODY}")
        assert a.author == names, line
    # without the colon the role opens a sentence
    prose = "Correspondent Tamsin Okoro said the vote was close."
    assert extract(f"Ferry fares rise for the winter\n\n{prose}\n\n{BODY}").author is None


def test_a_byline_run_into_its_by_and_a_copied_break_tag_still_names_the_writer():
    from generator.extract import patterns as P

    a = extract(
        "Hospital errors put more patients at risk, study finds\n\n"
        "ByDan Childs <br>Medical Unit\n\n" + BODY
    )
    assert a.author == "Dan Childs"
    for text in ("BYD Auto said it would build a plant", "ByteDance Ltd"):
        assert not [n for n, p in P.BYLINE if p.match(text)], text


def test_a_photo_storys_credits_name_the_writer_not_the_photographer():
    for credit, writer in (("Photographs by Lena Marsh · Words by Owen Pryce", "Owen Pryce"),
                           ("Photographs and words by Mateo Lindgren", "Mateo Lindgren")):
        a = extract(f"Gentoo penguin numbers reach a record on the islands\n\n{credit}\n\n{BODY}")
        assert a.author == writer


def test_one_upper_case_name_over_a_newsroom_role_is_the_writer():
    a = extract(
        "History for Rovers as Pritchard heads home the cup winner\n\n"
        f"GRAHAM ELDER\nSports Reporter\n\n{BODY}"
    )
    assert a.author == "GRAHAM ELDER"


def test_a_lower_case_by_line_under_the_headline_is_not_joined_to_it_and_a_city_is_no_writer():
    a = extract(
        "Cedar Bluff-Marlow Springs, TX\n\n"
        "Divers film mass coral spawning at Watamu for the first time\nby MWANAISHA SAIDI\n\n"
        + BODY
    )
    assert a.title == "Divers film mass coral spawning at Watamu for the first time"
    assert a.author == "MWANAISHA SAIDI"


def test_a_library_records_inverted_author_field_is_read_given_name_first():
    a = extract(f"District to rip out 1,380 Chinese-made cameras\n\nAuthor: Morales, Dana\n\n{BODY}")
    assert a.author == "Dana Morales"


def test_an_outlet_before_the_writer_and_a_logos_alt_text():
    a = extract(
        "Warning: hospitals may be hazardous to your health\n"
        f"Los Angeles Times - Karen Kaplan\n\n{BODY}"
    )
    assert a.author == "Karen Kaplan"
    b = extract(f"ZTE Logo AH2\n\nZTE wins a contract for the national 5G core network\n\n{BODY}")
    assert b.author is None
