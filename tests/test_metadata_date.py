"""generator.extract.metadata.date: date rules: the date shapes, and dates taken only from places
that belong to the article."""

from __future__ import annotations

import pytest
from metadata_text import BODY, CONFIG, extract

from generator.extract.ingest import decode_seed
from generator.extract.metadata import parse_date
from generator.pipeline import process_seed


@pytest.mark.parametrize(
    "text, iso",
    [
        ("Aug 23, 2017", "2017-08-23"),
        ("23 August 2017", "2017-08-23"),
        ("2017/8/23 22:18:40", "2017-08-23"),
        ("2019-05-22", "2019-05-22"),
        ("Published 3:04 PM ET Tue, 21 May 2019", "2019-05-21"),
        ("Updated on May 23, 2019", "2019-05-23"),
        ("22.05.2019", "2019-05-22"),
        ("Sept. 13, 2020", "2020-09-13"),
        ("September 5, 2023 12:13 JST", "2023-09-05"),
        ("Mar 12th, 2021", "2021-03-12"),
        ("2019年5月22日", "2019-05-22"),
    ],
)
def test_date_formats(text, iso):
    assert parse_date(text)[0] == iso


def test_no_date_is_not_a_guess():
    assert parse_date("Comments (12)") is None
    assert parse_date("Updated on") is None


def test_date_in_body_or_comment_is_not_the_article_date():
    a = extract(
        "Hikvision denies wrongdoing\n\n"
        + BODY
        + "\nOn May 3, 2018, the firm said it had sold cameras.\n\n"
        "Comments (2)\n\nGreat piece, posted on June 1, 2019.\n"
    )
    assert a.date is None


def test_year_glued_to_the_time_still_reads():
    assert parse_date("Published Mon, Apr 16 20185:41 PM EDT")[0] == "2018-04-16"
    assert parse_date("5 May 20211") is None


def test_dotted_month_glued_to_the_day():
    assert parse_date("Published Dec.14 2023,14:00 PM (GMT+8)")[0] == "2023-12-14"


def test_capture_range_is_not_a_date_but_a_bracketed_dateline_is():
    a = extract(
        f"The US just cut off ZTE from American chips\n\n17 Apr 2018 - 29 Nov 2021\n\n{BODY}"
    )
    assert a.date is None
    b = extract(
        "Huawei Files Legal Challenge to FCC's Designation\n\n[Shenzhen, China, December 5, 2019] Huawei "
        f"today filed a petition asking the court to overturn the order.\n\n{BODY}"
    )
    assert b.date == "2019-12-05"


@pytest.mark.parametrize(
    "text, iso",
    [
        ("2 januari 2024", "2024-01-02"),
        ("17 mars 2020", "2020-03-17"),
        ("3. Oktober 2019", "2019-10-03"),
    ],
)
def test_month_names_of_european_editions(text, iso):
    assert parse_date(text)[0] == iso


def test_dates_from_an_outlet_dateline_and_a_closing_timestamp():
    a = extract(
        "Judge backs Pentagon on DJI listing\n\nLaw360 (September 26, 2025, 7:41 PM EDT) -- A federal judge "
        f"upheld the listing on Friday, the court said.\n\n{BODY}"
    )
    assert a.date == "2025-09-26"
    b = extract(
        f"US widens Huawei chip rule\n\n{BODY}\n(END) Dow Jones Newswires\n\nAugust 17, 2020 14:37 ET (18:37 GMT)\n"
    )
    assert b.date == "2020-08-17"


def test_first_published_stamp_after_an_update_on_one_line():
    a = extract(
        "Footbridge to close for six weeks of repairs\n\nTomasz Wilk\n"
        "Updated May 10, 2024, 4:10pm, first published May 9, 2024, 6:12am\n\n" + BODY
    )
    assert a.date == "2024-05-09"


def test_date_beside_the_name_in_a_saved_page_byline_element():
    page = (
        "<html><head><title>Footbridge to close for six weeks of repairs</title></head><body>"
        "<main><article><h1>Footbridge to close for six weeks of repairs</h1>"
        '<p class="byline">By Tomasz Wilk | March 11, 2025</p>'
        + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n") if p.strip())
        + "</article></main></body></html>"
    )
    a = process_seed(decode_seed("t.html", page.encode()), CONFIG)
    assert a.date == "2025-03-11"


def test_an_events_schedule_is_not_the_date_and_a_stamp_beside_the_writer_beats_todays_date():
    from metadata_text import BODY, extract

    recap = extract(
        "Research security after the Entity List: what universities owe their funders\n\n"
        "Tuesday, April 15, 2025 · 10:00–11:30 a.m. EDT\n\n"
        "Summary by Claire Huang, Program Coordinator\n\nPosted April 17, 2025\n\n" + BODY
    )
    assert (recap.date, recap.author) == ("2025-04-17", "Claire Huang")
    radio = extract(
        "Radio Bohemia International\n19-03-2025, 07:14 UTC\n\n"
        "News | Current Affairs | Business | Culture | Science\n\n"
        "Brno optics plant to cut a shift as US chip rules hit Chinese orders\n\n"
        "12-03-2025 16:05 | Jakub Souček\n\n" + BODY
    )
    assert radio.date == "2025-03-12"


def test_a_note_apps_clip_stamp_does_not_date_the_article():
    from metadata_text import BODY, extract

    a = extract(
        "Regent Theatre reopens after its restoration | Local News | ashcombeledger.com\n"
        "Sunday, October 5, 2025\n8:14 PM\n\n"
        "Clipped from: https://www.ashcombeledger.com/news/local/regent-theatre-reopens\n\n"
        "A silent film, a Wurlitzer and 1,100 seats: the Regent is back\n"
        "By Rosalind Achterberg\nOct 4, 2025\n\n" + BODY
    )
    assert a.date == "2025-10-04"
