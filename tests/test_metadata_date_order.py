"""generator.extract.metadata.date_order: which way an all-number date reads, asked of the page."""

from __future__ import annotations

from metadata_text import BODY, extract

HEAD = "Footbridge to close for six weeks of repairs\n\nBy Tomasz Wilk\n"


def test_us_page_reads_month_first():
    a = extract(HEAD + "Published: 04/06/2024 07:45\n\n" + BODY)
    assert a.date == "2024-04-06"


def test_country_domain_reads_day_first():
    stamp = "Published: 04/06/2024 07:45\n\n"
    a = extract(HEAD + stamp + BODY + "\nhttps://www.example.co.uk/n/1\n")
    assert a.date == "2024-06-04"


def test_time_zone_of_a_day_first_country_reads_day_first():
    a = extract(HEAD + "04/06/2024 | 09:32 IST\n\n" + BODY)
    assert a.date == "2024-06-04"


def test_an_unambiguous_date_on_the_page_outweighs_the_domain():
    text = HEAD + "Published: 04/06/2024\nUpdated: 04/13/2024\n\n" + BODY
    assert extract(text + "\nhttps://www.example.co.uk/n/1\n").date == "2024-04-06"
    text = HEAD + "Published: 04/06/2024\nUpdated: 13/06/2024\n\n" + BODY
    assert extract(text).date == "2024-06-04"
