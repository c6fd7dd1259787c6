import pytest

from generator.extract.parse import is_menu, is_redacted, parse, to_units
from generator.records import Article, LineRoles, RoledLine, RoleReason, RuleReason

PARA = ("The Commerce Department added the company to the Entity List on Monday, officials said, citing "
        "national security concerns about its cameras and software.")


def parse_text(text: str) -> Article:
    return parse(Article(seed="t.txt", seed_sha256=""), text)


def test_hard_wrapped_lines_are_joined():
    wrapped = "The company said on Tuesday that it would comply with the rules and\ncontinue to serve customers."
    assert to_units(wrapped + "\n\nNext") == [wrapped.replace("\n", " "), "Next"]


def test_furniture_is_dropped_with_a_reason_and_body_kept():
    a = parse_text(f"Title of the story here\n\n{PARA}\n\nAdvertisement\n\n{PARA} Again.\n\n"
                   "Sign up for our daily newsletter\n\nLeave a Reply\n")
    reasons = {d.line: d.rule for d in a.dropped}
    assert reasons["Advertisement"] == "advertisement"
    assert reasons["Leave a Reply"] == "comment form"
    assert "Sign up for our daily newsletter" in reasons
    assert [b.text for b in a.blocks if b.kind == "p"] == [PARA, PARA + " Again."]


def test_sentence_mentioning_a_newsletter_is_kept():
    body = ("The ministry said in its weekly newsletter that exports of cameras to the United States fell "
            "sharply in the second quarter, the lowest level in a decade.")
    a = parse_text(f"Title of the story here\n\n{PARA}\n\n{body}\n")
    assert body in a.body_text


def test_related_headlines_between_paragraphs_are_dropped_but_subheadings_kept():
    a = parse_text(f"Title of the story here\n\n{PARA}\n\nSteve Bannon says killing Huawei more important than trade deal\n\n"
                   f"{PARA}\n\nWhy would the US want to blacklist Hikvision?\n\n{PARA}\n")
    assert any(d.reason == RuleReason("related headline") for d in a.dropped)
    assert any(b.kind == "h" and b.text.startswith("Why would") for b in a.blocks)


def test_related_list_at_the_end_is_dropped_until_the_body_resumes():
    a = parse_text(f"Title of the story here\n\n{PARA}\n\nRelated Coverage\n\nGoogle services to continue\n\n"
                   "Android maker confirms it is clamping down on Huawei.\n\nEditorial standards\n")
    assert a.body_text == PARA


def test_reader_comments_are_kept_apart():
    a = parse_text(f"Title of the story here\n\n{PARA}\n\nComments (2)\n\nI call China's bluff.\n\nAgreed.\n\n"
                   "Read this IPVM report for free.\n")
    assert a.comments == ("I call China's bluff.", "Agreed.")
    assert "bluff" not in a.body_text


def test_redacted_paywall_runs_collapse_into_one_block():
    stars = "** ****** **, ****,*** ** ***** ************** launched ** *****"
    a = parse_text(f"Title of the story here\n\n{PARA}\n\n{stars}\n\n{stars}\n\n{stars}\n")
    assert a.redacted
    assert [b.kind for b in a.blocks] == ["p", "redacted"] and a.blocks[1].count == 3
    assert is_redacted(stars) and not is_redacted("Price: $5 * 2")


def test_menu_rows_are_recognised_but_headlines_are_not():
    assert is_menu("Home Coronavirus Election U.S. World Politics Health Science")
    assert not is_menu("NDAA Section 889 Part B Takes Effect Today: Five Questions Every Integrator Should Ask")
    assert not is_menu("Hikvision Could Be The Next Chinese Company To Face US Ban")


def test_text_wrapped_at_a_fixed_column_is_rejoined_even_before_capitals():
    sentence = "President Trump said Sunday that he was working with Chinese President Xi Jinping to help ZTE"
    lines = [sentence[:70], sentence[70:] + "."] * 6
    text = "Trump says he is working with Xi\n\nBy Nolan Pierce\n\n" + "\n\n".join(
        "\n".join(lines[i:i + 2]) for i in range(0, 12, 2))
    units = to_units(text)
    assert units[:2] == ["Trump says he is working with Xi", "By Nolan Pierce"]
    assert units[2] == sentence + "."


def test_short_lines_of_a_header_are_not_joined():
    text = "The Washington Post\nDemocracy Dies in Darkness\nEconomic Policy\n" + "\n".join(["x " * 5] * 12)
    assert to_units(text)[:3] == ["The Washington Post", "Democracy Dies in Darkness", "Economic Policy"]


def test_new_furniture_phrases_are_dropped():
    for line in ("[Advertisement]", "Share Post", "VIDEO02:14", "Privacy Policy | Accessibility",
                 "(Updates with analyst comment in fifth paragraph.)", "Read the full letter here.",
                 "Get Tom's Hardware's best news and in-depth reviews, straight to your inbox.",
                 "[1/2]An Nvidia logo is seen on a graphics card. REUTERS/Illustration",
                 "A Huawei store in Shanghai. Photographer: Lin Hao/Bloomberg",
                 "Last updated 12 minutes ago", "Harbour Daily · 2 hours ago", "Updated an hour ago",
                 "You have 2 free articles remaining this month. Subscribe for unlimited access.",
                 "This is your last free article."):
        a = parse_text(f"Title of the story here\n\n{PARA}\n\n{line}\n\n{PARA} Again.\n")
        assert line not in [b.text for b in a.blocks], line


def test_boilerplate_of_firms_think_tanks_podcasts_and_alerts_is_dropped():
    for line in ("Attorney Advertising. Prior results do not guarantee a similar outcome.",
                 "The Brookings Institution is committed to quality, independence, and impact.",
                 "This episode is brought to you by Clearpath Compliance. Try it free today.",
                 "(14:40) The algorithm problem", "Have your say...", "(Web editor: Chen Lin, Bianji)",
                 "Powered by BLOX Content Management System from BLOX Digital.",
                 "You have received this email because you have subscribed to Google Alerts.",
                 "Samsung Electronics' NAND flash plant in Xi'an, China [SAMSUNG ELECTRONICS]",
                 "A creator films a video in her apartment. (Rosa Linares / Los Angeles Times)"):
        a = parse_text(f"Title of the story here\n\n{PARA}\n\n{PARA} Again.\n\n{line}\n\n{PARA} Third.\n")
        assert line not in [b.text for b in a.blocks] + list(a.comments), line


def test_prose_that_resembles_furniture_is_kept():
    for line in ("He later apologised on Twitter.", "Powered by Huawei's Kirin 9000S chip, the phone sold out.",
                 "Shares swung from -2.5% to +3.1% during the session.",
                 "Readers said the cameras were everywhere, from schools to hospitals to prisons.",
                 "Three hours ago, firefighters were called to the mill on Dock Road.",
                 "You have two days left to comment on the plan, the council said."):
        a = parse_text(f"Title of the story here\n\n{PARA}\n\n{line}\n\n{PARA} Again.\n")
        assert line in [b.text for b in a.blocks], line


def _tagged(text: str, roles: dict[str, tuple[str, float]]) -> Article:
    """The article parsed with line roles as the pipeline's roles stage gives them: every line
    body (0.99) unless `roles` says otherwise."""
    lines = [" ".join(x.split()) for x in text.split("\n") if x.strip()]
    tags = tuple(
        RoledLine(i, line, *roles.get(line, ("body", 0.99))) for i, line in enumerate(lines)
    )
    return parse(Article(seed="t.txt", seed_sha256="", roles=LineRoles(tags, None)), text)


PROMO = "Ready for more?"
TEXT = f"Title of the story here\n\n{PARA}\n\n{PROMO}\n\n{PARA} Again.\n"


def test_a_line_the_model_is_sure_is_furniture_is_dropped_naming_the_role():
    assert PROMO in parse_text(TEXT).body_text  # no rule knows it
    a = _tagged(TEXT, {PROMO: ("footer", 0.93)})
    assert PROMO not in a.body_text and PARA in a.body_text
    [dropped] = a.dropped
    assert (dropped.line, dropped.reason) == (PROMO, RoleReason("footer", 0.93))
    assert (dropped.role, dropped.rule) == ("footer", None)
    assert str(dropped.reason) == "role: footer (0.93)"


def test_the_model_unsure_or_calling_it_body_or_header_keeps_the_line():
    for role in (("footer", 0.6), ("body", 0.99), ("byline", 0.99), ("title", 0.95)):
        assert PROMO in _tagged(TEXT, {PROMO: role}).body_text, role


def test_a_sentence_or_a_list_item_is_never_dropped_by_the_role():
    closing = "A ZTE spokesman declined to comment."
    item = "- Encrypted firmware signing and secure boot"
    for line in (closing, item):
        text = f"Title of the story here\n\n{PARA}\n\n{line}\n\n{PARA} Again.\n"
        assert line in _tagged(text, {line: ("footer", 0.99)}).body_text


def test_a_paragraph_joined_from_hard_wrapped_lines_takes_no_role():
    # the model read the two pieces, not the paragraph parse joins them into
    first = "The company said on Tuesday that it would comply with the new rules and"
    second = "continue to serve its customers in the region as it has done before"
    text = f"Title of the story here\n\n{PARA}\n\n{first}\n{second}\n\n{PARA} Again.\n"
    a = _tagged(text, {first: ("chrome", 0.99), second: ("chrome", 0.99)})
    assert f"{first} {second}" in a.body_text
    one_line = text.replace(f"{first}\n", f"{first} ")
    assert first not in _tagged(one_line, {f"{first} {second}": ("chrome", 0.99)}).body_text


def test_reader_prompts_and_page_buttons_are_dropped():
    for line in ("Got a story? Email desk@valleyherald.example",
                 "Do you have a story idea? Call us.",
                 "Reply to this email if you have a news tip.", "Send us your letters",
                 "Letters to the editor are welcome by email.",
                 "Enjoyed this article? Share it with your neighbours.",
                 "The views expressed are the writer's own.",
                 "The views expressed in this column are those of the author.",
                 "Support for this podcast comes from members of the station.",
                 "Report an error", "← Back to results", "Sign the guestbook", "Light a candle"):
        a = parse_text(f"Title of the story here\n\n{PARA}\n\n{line}\n\n{PARA} Again.\n")
        assert line not in [b.text for b in a.blocks], line


def test_prose_about_stories_letters_and_views_is_kept():
    for line in ("Do you have a story about the flood? She asked every caller the same thing.",
                 "The views expressed at the meeting were mixed, the chairman said.",
                 "Support for this plan comes from farmers in the valley.",
                 "She sent us your letters in a box after the funeral.",
                 "Residents will light a candle for the victims on Friday."):
        a = parse_text(f"Title of the story here\n\n{PARA}\n\n{line}\n\n{PARA} Again.\n")
        assert line in [b.text for b in a.blocks], line


def test_a_copyright_line_with_the_holder_before_the_sign_is_furniture():
    a = parse_text(f"Title of the story here\n\n{PARA}\n\nHarbour Lights Radio © 2021-2024\n")
    assert "Harbour Lights Radio © 2021-2024" not in [b.text for b in a.blocks]
    prose = "The logo, drawn for the club © 1998, still hangs in the bar."
    a = parse_text(f"Title of the story here\n\n{PARA}\n\n{prose}\n\n{PARA} Again.\n")
    assert prose in [b.text for b in a.blocks]


def test_page_notices_are_dropped():
    for line in ("Please enable JavaScript to view the comments.",
                 "JavaScript is disabled in your browser.",
                 "Important information: past performance is no guide to the future.",
                 "For professional investors only. Capital at risk.",
                 "This story by The Harbour Wire was first published June 2, 2024.",
                 "Buy this issue from our online shop."):
        a = parse_text(f"Title of the story here\n\n{PARA}\n\n{line}\n\n{PARA} Again.\n")
        assert line not in [b.text for b in a.blocks], line


def test_prose_about_browsers_and_issues_is_kept():
    for line in ("The council said the important information was posted to every home.",
                 "Readers can buy the print edition at the harbour kiosk, the paper said.",
                 "Engineers said the site would enable JavaScript features next year."):
        a = parse_text(f"Title of the story here\n\n{PARA}\n\n{line}\n\n{PARA} Again.\n")
        assert line in [b.text for b in a.blocks], line


def test_a_link_to_the_report_file_is_furniture():
    from generator.extract.parse import furniture_reason

    for line in ("Download the full report (PDF)", "Read the full report (PDF, 2.4 MB)",
                 "Download the report (1.2 MB)"):
        assert furniture_reason(line), line
    assert furniture_reason("The full report (PDF) was sent to ministers on Monday.") is None


def test_skip_links_run_together_and_template_placeholders_are_furniture():
    from generator.extract.parse import furniture_reason

    assert furniture_reason(
        "Skip to navigationSkip to contentSkip to footerHelp using this website"
    ) == "skip links"
    assert furniture_reason("Get the latest ipsum dolor sit amet, consectetur adipiscing elit.") \
        == "template placeholder"
    assert furniture_reason("Skip to the end of the queue, the minister told commuters.") is None


def test_a_local_sites_weather_strip_and_alert_banner_are_furniture():
    from generator.extract.parse import furniture_reason

    for line in ("41°F Kelleran | Hi 46° Lo 33° | Rain developing after 3 p.m.",
                 "Winter Weather Advisory in effect until 7 PM for Halden and Geauga counties.",
                 "Wind Chill Advisory until 10 AM Wednesday. Wind chills as low as 15 below."):
        assert furniture_reason(line) == "weather strip", line
    assert furniture_reason("Heat pumps are now cheaper to run than oil boilers, the study says.") \
        is None


def test_editor_credits_market_data_notices_search_boxes_and_account_menus_are_furniture():
    from generator.extract.parse import furniture_reason, is_menu

    assert furniture_reason("edited by Stephanie Baum, reviewed by Andrew Zell") == "editor credit"
    assert furniture_reason("Prices delayed by at least 15 minutes") == "market data notice"
    assert furniture_reason("Search company, ticker or ISIN") == "search box"
    assert furniture_reason("Search continues for missing hiker") is None
    assert is_menu("Markets Announcements Company search Alerts Sign in")
    assert not is_menu("Voters Urged To Register")


@pytest.mark.parametrize(
    "line, reason",
    [
        ("An official website of the State of West Carrow", "site banner"),
        ("Your source for local news, music and conversation", "site banner"),
        ("Join our WhatsApp channel for breaking local news", "site banner"),
        ("Published in The Quiet Field", "site banner"),
        ("Trending: Storm brings down power lines across three counties", "another story label"),
        ("Up next: Tourist rescued after being swept off rocks by freak wave",
         "another story label"),
        ('Play video, "Fans queue around the stadium", duration 0:58', "video player"),
        ("Weather Alert: Flood watch in effect until 8 PM for low-lying areas", "weather strip"),
        ("View this email in your browser", "site banner"),
        ("Council to rip out 410 Chinese-made cameras – The Carrick Courier (online)",
         "coverage entry"),
        ("Client: Westmarch County Council – Communications and Engagement", "site banner"),
        (
            (
                "You can accept, reject or change your choices at any time by clicking Privacy "
                "settings at the foot of every page."
            ),
            "cookie notice",
        ),
    ],
)
def test_chrome_that_reads_like_a_headline_is_furniture(line, reason):
    from generator.extract.parse import furniture_reason

    assert furniture_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    ["Your home for the holidays is ready, builder says", "Published in 2019, the report found",
     "Trending topics on the platform changed after the ban, researchers say."],
)
def test_headlines_like_the_chrome_are_not_furniture(line):
    from generator.extract.parse import furniture_reason

    assert furniture_reason(line) is None


def test_a_site_builders_credit_is_furniture():
    from generator.extract.parse import furniture_reason

    assert furniture_reason("Government Websites by CivicPlus®")
    assert furniture_reason("Powered by Letterhive")


def test_a_long_posted_and_updated_stamp_under_the_dek_keeps_the_header_going():
    from generator.extract.parse import find_header_end, to_units

    units = to_units(
        "Boil water notice issued for much of Marlow Springs after main break\n\n"
        "About 21,000 customers north of Highway 29 are affected. Here's what to do and where.\n\n"
        "Mateo Alvarez, Patch Staff\n"
        "Posted Sun, Aug 17, 2025 at 10:12 am CT|Updated Sun, Aug 17, 2025 at 4:40 pm CT\n\n"
        "City crews worked through the night on the broken main, officials said on Sunday, and "
        "expect to restore pressure to most homes by Monday evening at the latest.\n"
    )
    assert units[find_header_end(units)].startswith("City crews worked")
