import re
from dataclasses import replace

from generator.config import parse_config
from generator.knowledge.stories import assign_stories, build_stories
from generator.records import Article, Block, BuildReport, Level, Problem
from generator.site.briefing import clip, render_home, top_stories

CONFIG = parse_config(
    {
        "site": {"title": "Test Digest", "description": "A digest for tests."},
        "companies": [{"name": "Huawei"}, {"name": "ZTE"}, {"name": "DJI"}],
        "topics": [{"slug": "entity-list", "title": "Entity List", "keywords": ["Entity List"]}],
    }
)
BAN = (
    "The Commerce Department added Huawei Technologies to the Entity List on Wednesday, barring "
    "American suppliers from selling it chips without a licence worth $11 billion a year."
)


def art(
    slug,
    date,
    body=BAN,
    publication="Reuters",
    companies=("Huawei",),
    topics=("entity-list",),
    **more,
) -> Article:
    return Article(
        seed=f"{slug}.txt",
        seed_sha256="",
        slug=slug,
        title=f"Headline {slug}",
        date=date,
        summary=body,
        blocks=(Block("p", body),),
        publication=publication,
        companies=companies,
        topics=topics,
        **more,
    )


def home(articles, problems=()):
    grouped = assign_stories(articles)
    report = BuildReport(tuple(grouped), tuple(problems))
    return render_home(grouped, build_stories(grouped), report, CONFIG).text


ARTICLES = [
    art("a", "2019-05-15"),
    art("b", None, publication="AP"),
    art("c", "2019-05-16", publication="BBC"),
    art("d", "2019-03-02", "ZTE settled for $1.4 billion.", "FT", ("ZTE",), ()),
    art("e", "2018-12-01", "Drones were grounded.", "NPR", ("DJI",), ()),
]


def test_the_latest_headline_comes_right_after_the_site_title():
    body = home(ARTICLES).split("---\n", 2)[2]
    lines = [line for line in body.splitlines() if line.strip()]
    assert lines[0] == "# Test Digest"
    assert lines[1].startswith(
        '<p class="digest-latest" markdown>**Latest:** [Headline c](articles/c.md)'
    )


def test_period_stories_and_what_is_new_since_the_previous_month():
    text = home(ARTICLES)
    assert (
        "Coverage from December 1, 2018 to May 16, 2019: 5 articles from 5 outlets (1 undated)"
        in text
    )
    assert (
        "[Headline a](stories/a.md)** — May 15, 2019 – May 16, 2019 · 3 reports · 3 outlets"
        in text
    )
    assert "## New in May 2019" in text
    assert "3 articles in May 2019, against 0 in April 2019." in text  # b counted by its story
    assert "[Digest of May 2019](digests/2019-05.md)" in text


def test_most_mentioned_with_a_trend_in_words():
    text = home(ARTICLES)
    assert "| [Huawei](companies/huawei.md) | 3 | ↑ up: 2 in the last 3 months, 0 before |" in text
    assert "| [DJI](companies/dji.md) | 1 | ↓ down: 0 in the last 3 months, 1 before |" in text
    assert text.index("[Huawei](companies") < text.index("[ZTE](companies")


def test_key_figures_and_quotes_from_the_top_stories():
    quoted = art(
        "q", "2019-05-15", key_points=("“We will fight this in every court we can,” Huawei said.",)
    )
    text = home([quoted, replace(ARTICLES[2], slug="r")])
    assert "## Key figures and quotes" in text
    assert "$11 billion a year. ([Reuters](articles/q.md))" in text
    assert "“We will fight this in every court we can,” Huawei said. ([Reuters](articles/q.md))" in text


def test_top_stories_by_outlets_then_reports():
    grouped = assign_stories(
        ARTICLES + [art("x", "2019-03-03", "ZTE settled for $1.4 billion.", "AP", ("ZTE",), ())]
    )
    assert [s.id for s in top_stories(build_stories(grouped))] == ["a", "d"]


def test_problems_are_mentioned_in_number():
    one = home(ARTICLES[:1], [Problem("x.png", "ingest", Level.ERROR, "binary")])
    assert "1 seed problem needs attention" in one
    assert "with no dates" in home([art("u", None)])


def test_clip_cuts_at_a_word():
    assert clip("short", 10) == "short"
    assert clip("one two three four", 12) == "one two…"


def test_no_story_yet_is_said_plainly():
    text = home([art("only", "2020-01-01")])
    assert "*No story yet" in text and not re.search(r"stories/only", text)


def test_a_key_figure_can_come_from_the_body_when_the_summary_has_none():
    body = "Officials met on Monday.\n\nThe order covers 40% of the company's chip imports."
    blocks = tuple(Block("p", p) for p in body.split("\n\n"))
    reports = [replace(art(x, "2019-05-15"), summary="Officials met.", blocks=blocks) for x in "mn"]
    text = home(reports)
    assert "The order covers 40% of the company's chip imports. ([Reuters](articles/m.md))" in text


def test_a_quote_is_someones_words_not_scare_quotes():
    from generator.site.briefing import _is_quote
    assert _is_quote("“We will fight this in every court we can,” Huawei said.")
    assert _is_quote("“We have always complied with the laws of every country we work in.”")
    assert not _is_quote("Experts described the camps as “mass detention centres for Uyghurs”.")
