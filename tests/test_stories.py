from dataclasses import replace
from pathlib import Path

import pytest

from generator.config import ConfigError, load_config, parse_config
from generator.knowledge.stories import (
    assign_stories,
    build_stories,
    merged_summary,
    period_label,
    stories_for_company,
    stories_for_topic,
)
from generator.knowledge.story_rules import DEFAULT_WEIGHTS, StoryRules
from generator.records import Article, Block
from generator.site.render import long_date, render_article

CONFIG = load_config(Path(__file__).resolve().parent.parent / "digest.yml")


def article(
    slug: str,
    title: str,
    date: str | None,
    body: str,
    publication: str = "Reuters",
    companies: tuple[str, ...] = (),
) -> Article:
    blocks = tuple(Block("p", p) for p in body.split("\n\n"))
    return Article(
        seed=f"{slug}.txt",
        seed_sha256="",
        identity=slug,
        slug=slug,
        title=title,
        date=date,
        summary=body.split(". ")[0] + ".",
        publication=publication,
        blocks=blocks,
        companies=companies,
        words=len(body.split()),
    )


BAN_BODY = (
    "The Federal Communications Commission banned the sale of new Huawei and ZTE communications "
    "equipment on Friday, citing an unacceptable risk to national security.\n\n"
    "The commission voted 4-0 to adopt the rules, which also cover Hikvision, Dahua and Hytera "
    "video surveillance gear. Commissioner Brendan Carr said the vote closes a loophole.\n\n"
    "The order affects about $2.5 billion of equipment already sold, analysts estimated."
)
FCC_BODY = (
    "The FCC adopted new rules on Friday prohibiting communications equipment deemed to pose an "
    "unacceptable risk to national security, including gear from Huawei and ZTE.\n\n"
    "Commissioner Brendan Carr said the unanimous 4-0 vote closes a loophole that let Hikvision, "
    "Dahua and Hytera keep selling surveillance cameras.\n\n"
    "Equipment worth $2.5 billion is affected, according to industry estimates."
)
TIKTOK_BODY = (
    "Justices of the Supreme Court weighed on Monday the law requiring ByteDance to sell the "
    "TikTok video app or face a ban in the United States.\n\n"
    "Lawyers for the company argued that the law violates the free speech of 170 million users."
)
COMPANIES = ("Huawei", "ZTE", "Hikvision")
BAN = article(
    "ap-ban",
    "US bans sales of Huawei, ZTE gear over national security risk",
    "2022-11-25",
    BAN_BODY,
    "Associated Press",
    COMPANIES,
)
FCC = article(
    "fcc-release",
    "FCC prohibits authorization of equipment that poses national security threat",
    "2022-11-25",
    FCC_BODY,
    "FCC",
    COMPANIES,
)
OTHER = article(
    "tiktok",
    "Supreme Court hears arguments on TikTok divest-or-ban law",
    "2022-11-26",
    TIKTOK_BODY,
    "NPR",
    ("TikTok",),
)


def stories(*articles: Article) -> dict[str, str | None]:
    return {a.slug: a.story for a in assign_stories(list(articles))}


def test_reports_of_one_event_share_a_story_named_after_the_first_report():
    assert stories(BAN, FCC, OTHER) == {
        "ap-ban": "ap-ban",
        "fcc-release": "ap-ban",
        "tiktok": None,
    }


def test_the_same_event_told_in_other_words_a_month_later_is_another_story():
    later = replace(FCC, date="2022-12-28")
    assert stories(BAN, later) == {"ap-ban": None, "fcc-release": None}


def test_an_undated_report_joins_on_content_alone_with_a_stricter_bar():
    undated = replace(FCC, date=None)
    assert stories(BAN, undated, OTHER)["fcc-release"] == "ap-ban"
    strict = StoryRules(min_similarity_undated=0.99)
    assert {a.slug: a.story for a in assign_stories([BAN, undated], strict)} == {
        "ap-ban": None,
        "fcc-release": None,
    }


def test_an_undated_report_is_placed_by_its_story_period_never_given_a_date():
    grouped = assign_stories([BAN, replace(FCC, date=None)])
    story = build_stories(grouped)[0]
    assert (story.start, story.end) == ("2022-11-25", "2022-11-25")
    assert [a.slug for a in story.undated] == ["fcc-release"]
    assert all(a.date is None for a in story.undated)
    assert period_label(story, long_date) == "November 25, 2022"


def test_a_story_does_not_chain_follow_ups_beyond_its_span():
    days = ["2022-11-20", "2022-11-24", "2022-11-28", "2022-12-02"]
    reports = [replace(BAN, slug=f"r{i}", identity=f"r{i}", date=d) for i, d in enumerate(days)]
    grouped = assign_stories(reports, StoryRules(window_days=4, max_span_days=8))
    found = build_stories(grouped)
    assert [(s.start, s.end) for s in found] == [("2022-11-20", "2022-11-28")]
    assert {a.slug: a.story for a in grouped}["r3"] is None


def test_near_duplicates_are_collapsed_and_every_outlet_is_credited():
    copy = replace(
        BAN,
        slug="yahoo-copy",
        identity="yahoo-copy",
        publication="Yahoo News",
        title="Huawei, ZTE gear banned in US",
        date="2022-11-26",
    )
    grouped = assign_stories([BAN, copy, FCC])
    by_slug = {a.slug: a for a in grouped}
    assert by_slug["yahoo-copy"].copy_of == "ap-ban" and by_slug["ap-ban"].copy_of is None
    assert by_slug["fcc-release"].copy_of is None
    story = build_stories(grouped)[0]
    assert [r.article.slug for r in story.reports] == ["ap-ban", "fcc-release"]
    assert story.reports[0].outlets == ("Associated Press", "Yahoo News")
    assert story.outlets == ("Associated Press", "FCC", "Yahoo News")


def test_grouping_does_not_depend_on_input_order():
    assert stories(BAN, FCC, OTHER) == stories(OTHER, FCC, BAN)


def test_merged_summary_leaves_out_repeated_sentences():
    grouped = assign_stories([BAN, replace(FCC, summary=BAN.summary + " Really.")])
    story = build_stories(grouped)[0]
    assert story.summary == (BAN.summary,)
    assert merged_summary(story.reports[:1]) == (BAN.summary,)


def test_stories_are_listed_for_their_companies_and_topics():
    grouped = assign_stories([replace(BAN, topics=("fcc",)), FCC, OTHER])
    found = build_stories(grouped)
    assert [s.id for s in stories_for_company(found, "Huawei")] == ["ap-ban"]
    assert stories_for_company(found, "TikTok") == []
    assert [s.id for s in stories_for_topic(found, "fcc")] == ["ap-ban"]


def test_the_five_seeds_form_one_may_2019_story_and_the_2017_seed_stands_apart(generated):
    _, report = generated
    by_seed = {a.seed[:3]: a for a in report.articles}
    may = {by_seed[k].story for k in ("001", "002", "003", "004")}
    assert len(may) == 1 and None not in may
    assert by_seed["000"].story is None


def test_story_thresholds_are_read_from_the_config():
    raw = {
        "site": {"title": "T"},
        "companies": [],
        "topics": [],
        "stories": {"window_days": 2, "min_similarity": 0.4, "weights": {"figures": 3}},
    }
    rules = parse_config(raw).stories
    assert (rules.window_days, rules.min_similarity, rules.weight("figures")) == (2, 0.4, 3.0)
    assert rules.weight("words") == 1.0
    defaults = StoryRules()
    assert replace(CONFIG.stories, weights=()) == defaults, "digest.yml shows the defaults"
    assert all(CONFIG.stories.weight(k) == defaults.weight(k) for k in DEFAULT_WEIGHTS)


@pytest.mark.parametrize(
    "stories_raw, message",
    [
        ({"window": 2}, "unknown key 'window'"),
        ({"min_similarity": 2}, "stories.min_similarity: must be between 0 and 1"),
        ({"window_days": "three"}, "stories.window_days: expected a number"),
        ({"weights": {"colour": 1}}, "unknown kind 'colour'"),
    ],
)
def test_bad_story_thresholds_are_config_errors(stories_raw, message):
    raw = {"site": {"title": "T"}, "companies": [], "topics": [], "stories": stories_raw}
    with pytest.raises(ConfigError, match=message):
        parse_config(raw)


def test_article_page_links_the_other_reports():
    grouped = assign_stories([BAN, FCC])
    page = render_article(grouped[0], CONFIG, grouped).text
    assert "Other reports of this story" in page
    assert (
        "[FCC prohibits authorization of equipment that poses national security threat](fcc-release.md)"
        in page
    )
    assert "story: ap-ban" in page
    alone = render_article(OTHER, CONFIG).text
    assert "Other reports of this story" not in alone and "story: null" in alone
