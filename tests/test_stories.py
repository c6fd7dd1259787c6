from dataclasses import replace
from pathlib import Path

from generator.config import load_config
from generator.knowledge.stories import assign_stories
from generator.records import Article
from generator.site.render import render_article

CONFIG = load_config(Path(__file__).resolve().parent.parent / "digest.yml")


def article(slug: str, title: str, date: str | None, summary: str = "", publication: str = "Reuters") -> Article:
    return Article(seed=f"{slug}.txt", seed_sha256="", identity=slug, slug=slug, title=title, date=date,
                   summary=summary, publication=publication)


BAN = article("ap-ban", "US bans sales of Huawei, ZTE gear over national security risk", "2022-11-25",
              "The Federal Communications Commission banned the sale of new Huawei and ZTE communications "
              "equipment, citing an unacceptable risk to national security.", "Associated Press")
FCC = article("fcc-release", "FCC prohibits authorization of equipment that poses national security threat",
              "2022-11-25", "The FCC adopted new rules prohibiting communications equipment deemed to pose an "
              "unacceptable risk to national security, including gear from Huawei and ZTE.", "FCC")
OTHER = article("tiktok", "Supreme Court hears arguments on TikTok divest-or-ban law", "2022-11-26",
                "Justices weighed the law requiring ByteDance to sell the video app.", "NPR")


def stories(*articles: Article) -> dict[str, str | None]:
    return {a.slug: a.story for a in assign_stories(list(articles))}


def test_reports_of_one_event_share_a_story_named_after_the_first_report():
    assert stories(BAN, FCC, OTHER) == {"ap-ban": "ap-ban", "fcc-release": "ap-ban", "tiktok": None}


def test_the_same_words_a_month_apart_are_another_story():
    later = replace(FCC, date="2022-12-28")
    assert stories(BAN, later) == {"ap-ban": None, "fcc-release": None}


def test_undated_reports_are_grouped_only_when_nearly_identical():
    assert stories(BAN, replace(FCC, date=None)) == {"ap-ban": None, "fcc-release": None}
    copy = replace(BAN, slug="ap-copy", identity="ap-copy", date=None, publication="Yahoo News")
    assert stories(BAN, copy) == {"ap-ban": "ap-ban", "ap-copy": "ap-ban"}


def test_grouping_does_not_depend_on_input_order():
    assert stories(BAN, FCC, OTHER) == stories(OTHER, FCC, BAN)


def test_article_page_links_the_other_reports():
    grouped = assign_stories([BAN, FCC])
    page = render_article(grouped[0], CONFIG, grouped).text
    assert "Other reports of this story" in page
    assert "[FCC prohibits authorization of equipment that poses national security threat](fcc-release.md)" in page
    assert "story: ap-ban" in page
    alone = render_article(OTHER, CONFIG).text
    assert "Other reports of this story" not in alone and "story: null" in alone
