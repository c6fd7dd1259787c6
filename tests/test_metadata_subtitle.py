"""generator.extract.metadata.subtitle: subtitle rules: key points and dek lines under the
headline."""

from __future__ import annotations

from metadata_text import BODY, extract


def test_key_points_under_the_byline_are_the_subtitle():
    a = extract(
        "US chip stocks slide after Commerce bars American companies from selling to ZTE\n\n"
        "Published Mon, Apr 16 2018 5:41 PM EDT\n\nEvan Stroud\n\nKey Points\n"
        "Shares of optical component makers fell sharply in after-hours trading.\n"
        "The denial order bars US firms from selling parts to the telecom equipment maker.\n\n"
        f"VIDEO02:14\n\n{BODY}"
    )
    assert a.subtitle == (
        "Shares of optical component makers fell sharply in after-hours trading.; "
        "The denial order bars US firms from selling parts to the telecom equipment maker."
    )
    assert a.blocks[0].text.startswith("The Commerce Department added")


def test_a_relative_stamp_between_headline_and_dek_splits_neither_from_the_other():
    a = extract(
        "Coastline Today\n\nLive: Ferry crews walk out over new winter rosters\n\n"
        "Last updated 12 minutes ago\n\n"
        "The union says the rosters cut rest days for crews on the island routes\n\n"
        f"By Lena Vostrikova\n\n24 January 2023\n\n{BODY}"
    )
    assert a.title == "Live: Ferry crews walk out over new winter rosters"
    assert a.subtitle == "The union says the rosters cut rest days for crews on the island routes"
    assert "Last updated 12 minutes ago" not in [b.text for b in a.blocks]


def test_a_reprint_credit_or_a_paywall_counter_is_not_the_dek():
    for line in ("Provided by The Coastal Times",
                 "You have 2 free articles remaining this month. Subscribe for unlimited access."):
        a = extract(
            f"Island ferry operator cuts winter crossings after fuel costs double\n\n{line}\n\n"
            f"By Ola Brandt\n\nMay 5, 2021\n\n{BODY}"
        )
        assert a.title == "Island ferry operator cuts winter crossings after fuel costs double"
        assert a.subtitle is None, line


CLIPPING = (
    '---\ntitle: "Harbour board delays the vote on the new ferry pier"\n'
    'source: "https://www.coastlinetoday.example/news/ferry-pier-vote-4411"\n'
    "published: 2025-03-02\ncreated: 2025-03-04\n"
    'description: "Members want a second survey of the seabed before they decide"\n---\n'
    "![](https://www.coastlinetoday.example/images/4411.jpg)\n\n"
    "Members want a second survey of the seabed before they decide\n\n"
)


def _clip(text: str):
    from metadata_text import CONFIG

    from generator.extract.ingest import decode_seed
    from generator.pipeline import process_seed

    return process_seed(decode_seed("clip.md", text.encode()), CONFIG)


def test_a_clippings_description_shown_as_a_line_is_the_dek_and_never_the_headline():
    # the headline is only in the front-matter; the first line shown is the page's description
    a = _clip(CLIPPING + BODY)
    assert a.title == "Harbour board delays the vote on the new ferry pier"
    assert a.subtitle == "Members want a second survey of the seabed before they decide"


def test_a_description_that_is_not_shown_is_not_a_dek():
    hidden = CLIPPING.replace(
        "Members want a second survey of the seabed before they decide\n\n", ""
    )
    assert _clip(hidden + BODY).subtitle is None


def test_a_summary_label_below_a_standfirst_heads_the_body_not_the_dek():
    a = extract(
        "Harbour board delays the vote on the new ferry pier\n\n"
        "Members want a second survey of the seabed before they decide\n\n"
        "By Lena Vostrikova\n\n24 January 2023\n\nSummary\n\n"
        "The harbour board put off its vote on the new ferry pier until the spring, officials said.\n\n"
        f"{BODY}"
    )
    assert a.subtitle == "Members want a second survey of the seabed before they decide"


def test_with_the_headline_only_in_the_metadata_the_first_plain_line_is_the_dek():
    # a read-later export: the title is in the front-matter, the text opens with the dek
    text = (
        '---\ntitle: "Harbour board delays the vote on the new ferry pier"\n'
        "published: 2025-03-02\nsaved: 2025-03-04\n"
        'description: "Members want a second survey of the seabed before they decide"\n---\n'
        "Members want a second survey of the seabed before they decide\n\n"
        "The harbour board put off its vote on the new ferry pier until the spring.\n\n"
        f"{BODY}"
    )
    a = _clip(text)
    assert a.title == "Harbour board delays the vote on the new ferry pier"
    assert a.subtitle == "Members want a second survey of the seabed before they decide"
    assert "The harbour board put off" in a.blocks[0].text


def test_a_headline_shown_in_other_words_than_the_metadata_title_still_heads_its_dek():
    text = (
        '---\ntitle: "Harbour board delays vote on ferry pier | Coastline Today"\n'
        "published: 2025-03-02\nsaved: 2025-03-04\n---\n"
        "# Harbour board delays the vote on the new ferry pier\n\n"
        "Members want a second survey of the seabed before they decide\n\n"
        f"{BODY}"
    )
    assert _clip(text).subtitle == "Members want a second survey of the seabed before they decide"
