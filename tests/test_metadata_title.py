"""generator.extract.metadata.title: title rules: the headline line, not page chrome, section
labels or kickers; site names removed."""

from __future__ import annotations

import pytest
from metadata_text import BODY, CONFIG, extract

from generator.extract.ingest import decode_seed
from generator.pipeline import process_seed


def test_section_label_and_ads_are_not_the_title():
    a = extract(
        "Advertisement\nUS-China tech war\n\nHuawei sues US government over federal procurement ban\n\n"
        "By Jane Doe\nMarch 7, 2019\n\n" + BODY
    )
    assert a.title == "Huawei sues US government over federal procurement ban"
    assert a.author == "Jane Doe" and a.date == "2019-03-07"


def test_section_labels_between_commas_are_not_the_headline():
    a = extract(
        "Video Surveillance, K-12, Higher Ed\n\n"
        "Schools That Bought Chinese Cameras With Federal Grants Face Questions\n\n"
        f"Robin Delacroix · March 9, 2021\n\n{BODY}"
    )
    assert a.title == "Schools That Bought Chinese Cameras With Federal Grants Face Questions"
    assert a.author == "Robin Delacroix"


def test_page_chrome_is_not_the_headline():
    for chrome in (
        "We value your privacy",
        "HSI 17,295.89 -0.72% HSCEI 5,912.40 -0.85% USD/HKD 7.8221",
        "12/6/19, 9:41 AM Huawei Files Legal Challenge - Huawei",
        "Business News/ Industry/ Huawei files legal challenge to FCC designation",
    ):
        a = extract(
            f"{chrome}\n\nHuawei files legal challenge to FCC designation\n\nDecember 5, 2019\n\n{BODY}"
        )
        assert a.title == "Huawei files legal challenge to FCC designation", chrome


def test_export_title_field_and_alert_subjects():
    a = extract(
        "Title: DJI's Drones Are Everywhere. Washington Wants Them Gone\nLink: https://example.com/dji\n"
        f"Author: Kai Brandt\nPublished: Mon, 09 Sep 2024 11:00:00 +0000\n\n{BODY}"
    )
    assert a.title == "DJI's Drones Are Everywhere. Washington Wants Them Gone"
    alert = extract(
        "From: Google Alerts <alerts@example.com>\nSubject: Google Alert - YMTC\n\n"
        f"Apple drops YMTC as US chip war bites\n\nOctober 30, 2022\n\n{BODY}"
    )
    assert alert.title == "Apple drops YMTC as US chip war bites"


def test_site_name_after_a_page_title_is_removed():
    a = extract(
        f"FCC adds DJI to Covered List as deadline passes | Reuters\n\nDecember 23, 2025\n\n{BODY}"
    )
    assert a.title == "FCC adds DJI to Covered List as deadline passes"
    clip = process_seed(
        decode_seed(
            "c.md",
            (
                "---\nsource: https://fieldandflight.com/why-farmers-buy-dji/\ncreated: 2024-08-19\n---\n"
                f"# Why American farmers keep buying DJI – Field & Flight\n\n{BODY}"
            ).encode(),
        ),
        CONFIG,
    )
    assert clip.title == "Why American farmers keep buying DJI"
    assert clip.publication == "Field & Flight"
    assert clip.url == "https://fieldandflight.com/why-farmers-buy-dji/"


def test_a_hyphen_inside_a_text_headline_stays():
    a = extract(
        f"Huawei decision: ban on new 5G kit from end of year - live updates\n\nJuly 14, 2020\n\n{BODY}"
    )
    assert a.title == "Huawei decision: ban on new 5G kit from end of year - live updates"


@pytest.mark.parametrize(
    "headline, title",
    [
        (
            "5G WARS: Britain's Huawei ban puts South Africa's networks in the crossfire",
            "Britain's Huawei ban puts South Africa's networks in the crossfire",
        ),
        (
            "Tech war | Singapore server fraud case puts city under the microscope",
            "Singapore server fraud case puts city under the microscope",
        ),
        (
            "ZTE: US lifts the denial order after a record fine",
            "ZTE: US lifts the denial order after a record fine",
        ),
    ],
)
def test_kicker_on_the_headline_line(headline, title):
    assert extract(f"{headline}\n\nMay 16, 2019\n\n{BODY}").title == title


def test_a_page_kind_label_with_a_colon_is_printed_headline():
    # "Live: ..." is the headline as the page prints it (the labelled set keeps such prefixes);
    # only a glued label without its colon ("Live Storm closes ...") is cut.
    from generator.extract.metadata.title import clean_title

    assert clean_title("Live: Storm closes the coast road as ferries stay in port") == (
        "Live: Storm closes the coast road as ferries stay in port"
    )


@pytest.mark.parametrize(
    "headline, title",
    [
        (
            "Menu Search News Sport Business Culture Walk-in clinic waits halve after a change",
            "Walk-in clinic waits halve after a change",
        ),
        (  # two menu-like words are a headline's own
            "Sport Business awards go to three rowing clubs from the valley",
            "Sport Business awards go to three rowing clubs from the valley",
        ),
        (  # the run must leave a whole headline behind
            "Home News Sport Business Culture Opinion Weather Money",
            "Home News Sport Business Culture Opinion Weather Money",
        ),
    ],
)
def test_menu_words_glued_before_the_headline_go(headline, title):
    from generator.extract.metadata.title import clean_title

    assert clean_title(headline) == title


def test_tickers_and_a_long_menu_above_the_headline():
    tickers = "DJIA\n34721.91\n-0.48%\nS&P 500\n4507.66\n0.02%\n" * 4
    menu = "\n".join(
        ["Latest", "World", "Business", "Politics", "Economy", "Tech", "Markets", "Opinion"] * 3
    )
    a = extract(
        f"{tickers}{menu}\n\nHuawei's New Phone Carries a Chip That Shouldn't Exist\n\n"
        f"By Lydia Carrow and Ethan Sorrell\nSept. 4, 2023\n\n{BODY}"
    )
    assert a.title == "Huawei's New Phone Carries a Chip That Shouldn't Exist"
    assert a.author == "Lydia Carrow, Ethan Sorrell"


def test_a_consent_dialog_copied_above_a_markdown_headline_is_not_the_headline():
    a = extract_markdown(
        "# We value your privacy\n\nWe and our 212 partners store and access information on your"
        " device.\n\nAccept all | Manage options\n\n# Huawei files legal challenge to FCC"
        f" designation\n\nDecember 5, 2019\n\n{BODY}\n---\n\n[Courier](https://example.eu/)\n"
    )
    assert a.title == "Huawei files legal challenge to FCC designation"
    assert a.subtitle is None


def extract_markdown(text: str):
    return process_seed(decode_seed("t.md", text.encode()), CONFIG)


def test_the_headline_under_a_teaser_label_is_another_storys():
    from metadata_text import BODY, extract

    for label in ("Top stories", "UP NEXT"):
        a = extract(
            f"MarketDesk\nMarkets  Economy  Companies\n\n{label}\n"
            "Oil slips as traders weigh the demand outlook for next year\n\n"
            "Regional water utility raises $400 million in green bond sale\n\n"
            "Mar 13, 2024, 9:10 AM\n\n" + BODY
        )
        assert a.title == "Regional water utility raises $400 million in green bond sale", label
