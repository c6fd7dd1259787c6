import re
from dataclasses import replace

from generator.config import parse_config
from generator.knowledge.stories import assign_stories, build_stories, stories_for_company
from generator.knowledge.timeline import Event, build_timeline
from generator.records import Article, Block
from generator.site.story_pages import (
    render_digests,
    render_story,
    render_story_index,
    render_timeline,
    story_listing,
)

CONFIG = parse_config({"site": {"title": "T"}, "companies": [{"name": "Huawei"}], "topics": []})
BAN = (
    "The Commerce Department added Huawei Technologies to the Entity List on Wednesday, barring "
    "American suppliers from selling it chips without a licence worth $11 billion a year."
)


def art(slug, date, publication="Reuters", body=BAN, title=None) -> Article:
    return Article(
        seed=f"{slug}.txt",
        seed_sha256="",
        slug=slug,
        title=title or f"Headline {slug}",
        date=date,
        summary=body,
        blocks=(Block("p", body),),
        publication=publication,
        companies=("Huawei",),
        words=len(body.split()),
    )


RETOLD = (
    "On Wednesday Huawei Technologies was put on the Entity List by the Commerce Department: "
    "American suppliers now need a licence to sell it chips, sales worth $11 billion a year."
)
TOLD_AGAIN = (
    "American chip suppliers need a licence after the Commerce Department put Huawei "
    "Technologies on its Entity List on Wednesday, sales worth $11 billion a year."
)


def grouped():
    copy = replace(art("a", "2019-05-15"), slug="a-copy", publication="Yahoo")
    return assign_stories(
        [
            art("a", "2019-05-15"),
            copy,
            art("b", None, "AP", RETOLD),
            art("c", "2019-05-17", "BBC", TOLD_AGAIN),
            art("z", "2017-08-01", "IPVM", "Something else entirely in 2017."),
        ]
    )


def test_story_page_has_period_outlets_companies_summary_and_every_report():
    story = build_stories(grouped())[0]
    page = render_story(story, CONFIG)
    assert page.path == "stories/a.md"
    text = page.text
    assert (
        "**May 15, 2019 – May 17, 2019** · 4 reports · covered by AP, BBC, Reuters, Yahoo" in text
    )
    assert "[Huawei](../companies/huawei.md)" in text
    assert text.count(BAN) == 1  # merged summary without repeated sentences
    assert "[Headline b](../articles/b.md)** — AP · Undated, placed by this story's period" in text
    assert "Also carried, nearly word for word, by: [Yahoo](../articles/a-copy.md)" in text
    assert "(../feeds/stories/a.xml)" in text


def test_seed_text_on_story_pages_is_escaped():
    hostile = [
        art("a", "2019-05-15", title="<script>x</script> [l](javascript:1)"),
        art("b", "2019-05-15"),
    ]
    text = render_story(build_stories(assign_stories(hostile))[0], CONFIG).text
    body = text.split("\n---\n", 1)[1]  # the front-matter is YAML, written by the serializer
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert not re.search(r"(?<!\\)\]\(javascript", body)


def test_story_index_lists_stories_newest_first():
    text = render_story_index(build_stories(grouped())).text
    assert "[Headline a](a.md)" in text and "1 story" in text


def test_one_digest_per_month_and_per_year_when_the_corpus_spans_years():
    arts = grouped()
    pages = {p.path: p.text for p in render_digests(arts, build_stories(arts), CONFIG)}
    assert sorted(pages) == [
        "digests/2017-08.md",
        "digests/2017.md",
        "digests/2019-05.md",
        "digests/2019.md",
    ]
    may = pages["digests/2019-05.md"]
    assert "4 articles, 1 of them undated and placed here by their story" in may
    assert "[Previous month: August 2017](2017-08.md)" in may and "[All of 2019](2019.md)" in may
    assert "| [May 2019](2019-05.md) | 4 |" in pages["digests/2019.md"]
    one_year = [a for a in arts if a.slug != "z"]
    assert [p.path for p in render_digests(one_year, build_stories(one_year), CONFIG)] == [
        "digests/2019-05.md"
    ]


def test_timeline_page_links_month_digests_and_shows_events():
    arts = grouped()
    stories = build_stories(arts)
    timeline = build_timeline(
        arts, stories, [Event("2019-05-16", "Huawei", "Added to the Entity List")]
    )
    (page,) = render_timeline(timeline, arts, CONFIG)  # a short timeline is one page
    text = page.text
    assert "[Digest of May 2019](digests/2019-05.md)" in text
    assert "**May 16, 2019** · **Event, Huawei:** Added to the Entity List" in text
    assert "**Story:** [Headline a](stories/a.md) — 4 reports" in text
    assert '<figure class="digest-chart"' in text


def test_a_long_timeline_shows_the_newest_year_and_gives_each_earlier_year_a_page(monkeypatch):
    from generator.site import story_pages
    monkeypatch.setattr(story_pages, "TIMELINE_ONE_PAGE", 3)
    arts = grouped()
    stories = build_stories(arts)
    events = [Event("2017-03-07", "ZTE", "Fined for sanctions violations"),
              Event("2018-04-16", "ZTE", "Denial order")]
    pages = {p.path: p.text for p in render_timeline(build_timeline(arts, stories, events), arts, CONFIG)}
    assert set(pages) == {"timeline.md", "timeline/2017.md", "timeline/2018.md"}
    main, year = pages["timeline.md"], pages["timeline/2017.md"]
    assert "## May 2019" in main and "Fined for sanctions" not in main
    assert "**Years:** [2019](timeline.md) (" in main and "[2017](timeline/2017.md) (2)" in main
    assert "## March 2017" in year and "Fined for sanctions violations" in year
    assert "## August 2017" in year  # the dated article of 2017 is there too
    assert "[2018](2018.md) (1)" in year and "[Timeline](../timeline.md)" in year
    assert "## May 2019" not in year


def test_story_listing_for_a_company_page():
    stories = build_stories(grouped())
    text = story_listing(stories_for_company(stories, "Huawei"), "companies/huawei.md")
    assert text.startswith("- **[Headline a](../stories/a.md)** — May 15, 2019 – May 17, 2019")
    assert story_listing(stories_for_company(stories, "ZTE"), "companies/zte.md") == ""
