"""generator.site.entity_pages: company and topic pages built from enriched articles."""
from __future__ import annotations

import re

import yaml

from generator.config import parse_config
from generator.records import Article, Block, Figure, Mention, Person, Quote, TopicEvidence
from generator.site.entity_pages import render_company_page, render_topic_page

CONFIG = parse_config({
    "site": {"title": "Test"},
    "companies": [
        {"name": "Hikvision", "country": "China", "sector": "Video surveillance", "ticker": "002415.SZ",
         "description": "Camera maker.",
         "events": [{"date": "2019-10-09", "kind": "entity-list", "title": "Added to the Entity List",
                     "source": "https://www.federalregister.gov/d/2019-22210"},
                    {"date": "2018-08-13", "kind": "ndaa-889", "title": "Named in NDAA section 889",
                     "source": "https://www.congress.gov/bill/115th-congress/house-bill/5515"},
                    {"date": "2018-04-15", "kind": "denial-order", "title": "Denial <b>order</b>",
                     "source": "https://example.gov/x", "ended": "2018-07-13"}]},
        {"name": "Huawei"}, {"name": "Baidu"}],
    "topics": [{"slug": "entity-list", "title": "Entity List", "signals": {"Entity List": 3}, "threshold": 3}],
})


def article(n: int, date: str | None, **fields) -> Article:
    values = {"seed": f"{n}.txt", "seed_sha256": "0" * 64, "slug": f"story-{n}", "title": f"Story {n}",
              "date": date, "blocks": (Block("p", "Text."),)}
    return Article(**(values | fields))


ARTICLES = [
    article(1, "2019-10-20", companies=("Hikvision", "Huawei"), topics=("entity-list",),
            mentions=(Mention("Hikvision", 3, "Hikvision was *blacklisted*.", True),
                      Mention("Huawei", 1, "Huawei too.", True)),
            people=(Person("Liu Guohong", "research director"),),
            quotes=(Quote("Hikvision is a supplier", "Liu Guohong", "research director", ("Hikvision",)),),
            figures=(Figure("38%", "percent", "Hikvision had 38% of the market.", ("Hikvision",)),),
            topic_evidence=(TopicEvidence("entity-list", 6.0, (("Entity List", 2),)),)),
    article(2, "2021-01-05", companies=("Huawei",), passing_companies=("Hikvision",),
            mentions=(Mention("Hikvision", 1, "Photo: Hikvision", False, "photo credit"),)),
]


def split(text: str) -> tuple[dict, str]:
    match = re.match(r"\A---\n(.*?\n)---\n(.*)\Z", text, re.DOTALL)
    return yaml.safe_load(match.group(1)), match.group(2)


def test_company_page_profile_standing_and_timeline():
    fm, body = split(render_company_page(CONFIG.companies[0], ARTICLES, CONFIG).text)
    assert fm["articles"] == 1 and fm["articles_in_passing"] == 1 and fm["ticker"] == "002415.SZ"
    assert "| Sector | Video surveillance |" in body
    standing = body[body.index("Current standing"):body.index("### Timeline")]
    assert "US Entity List** since October 9, 2019" in standing
    assert "NDAA section 889 procurement ban** since August 13, 2018" in standing
    assert "denial order" not in standing.lower()  # lifted measures are not current
    assert "Lifted July 13, 2018" in body and "Denial &lt;b&gt;order&lt;/b&gt;" in body
    timeline = body[body.index("### Timeline"):body.index("## Articles")]
    assert "## Mentions over time" not in body  # one month of articles: no chart, the list says it
    assert timeline.index("August 13, 2018") < timeline.index("October 9, 2019")
    assert "Article within 30 days: [Story 1](../articles/story-1.md)" in timeline


def test_company_page_articles_quotes_figures_people_and_co_mentions():
    later = article(3, "2019-12-02", companies=("Hikvision",),
                    mentions=(Mention("Hikvision", 1, "Hikvision again.", True),))
    _, body = split(render_company_page(CONFIG.companies[0], [*ARTICLES, later], CONFIG).text)
    assert "> Hikvision was \\*blacklisted\\*." in body  # the mentioning sentence, escaped
    assert "“Hikvision is a supplier”" in body and "**Liu Guohong**, research director" in body
    assert "**38%** — Hikvision had 38% of the market." in body
    assert "[Huawei](huawei.md) (1)" in body
    passing = body[body.index("## Named in passing"):]
    assert "[Story 2](../articles/story-2.md)" in passing and "photo credit" in passing
    chart = body[body.index("## Mentions over time"):body.index("## Articles")]
    assert '<figure class="digest-chart"' in chart and "</svg>" in chart
    assert "    | 2019-10 | 1 |" in chart and "    | 2019-12 | 1 |" in chart  # its text alternative


def test_topic_page_articles_why_companies_and_events():
    fm, body = split(render_topic_page(CONFIG.topics[0], ARTICLES, CONFIG).text)
    assert fm["articles"] == 1
    assert "Matched: Entity List ×2" in body
    assert "**Companies involved:** [Hikvision](../companies/hikvision.md) (1) · [Huawei]" in body
    events = body[body.index("## Events"):body.index("## Key figures")]
    assert "Added to the Entity List" in events and "NDAA" not in events


def test_hikvision_page_on_the_real_seeds(generated_docs):
    body = (generated_docs / "companies" / "hikvision.md").read_text(encoding="utf-8")
    assert "US Entity List** since October 9, 2019" in body
    assert "NDAA section 889 procurement ban** since August 13, 2018" in body
    quotes = body[body.index("## Quotes"):body.index("## Key figures")]
    assert re.search(r"— \*\*[^*]+\*\*", quotes), "a quote with its speaker"
    assert "**38%**" in body[body.index("## Key figures"):]
    assert "[Huawei](huawei.md)" in body[body.index("## Co-mentioned companies"):]


def _many(count: int, **fields) -> list[Article]:
    return [article(100 + n, f"2022-{1 + n % 12:02d}-{1 + n % 28:02d}", **fields) for n in range(count)]


def test_a_topic_page_lists_its_newest_articles_and_links_browse_for_the_rest():
    many = _many(60, topics=("entity-list",),
                 topic_evidence=(TopicEvidence("entity-list", 6.0, (("Entity List", 2),)),))
    _, body = split(render_topic_page(CONFIG.topics[0], many, CONFIG).text)
    listed = re.findall(r"\[Story (\d+)\]", body[body.index("## Articles"):])
    assert len(listed) == 50
    newest = sorted(many, key=lambda a: (a.date, a.slug), reverse=True)[:50]
    assert {f"Story {n}" for n in listed} == {a.title for a in newest}
    assert ("10 more articles: all 60 in [Browse](../browse.md?topic=entity-list), or month by month "
            "from the [Articles](../articles/index.md) page.") in body


def test_a_company_page_lists_its_newest_articles_and_passing_mentions_then_counts_the_rest():
    mention = (Mention("Hikvision", 2, "Hikvision cameras.", True),)
    many = _many(55, companies=("Hikvision",), mentions=mention)
    passing = [article(300 + n, "2020-05-01", passing_companies=("Hikvision",),
                       mentions=(Mention("Hikvision", 1, "Photo: Hikvision", False, "photo credit"),))
               for n in range(53)]
    _, body = split(render_company_page(CONFIG.companies[0], many + passing, CONFIG).text)
    articles = body[body.index("## Articles"):body.index("## Named in passing")]
    assert len(re.findall(r"^- \[Story", articles, re.MULTILINE)) == 50
    assert "5 more articles: all 55 in [Browse](../browse.md?company=Hikvision)" in articles
    named = body[body.index("## Named in passing"):]
    assert len(re.findall(r"^- \[Story", named, re.MULTILINE)) == 50
    assert "3 older articles name Hikvision in passing too." in named


def test_a_short_list_has_no_more_line():
    _, body = split(render_topic_page(CONFIG.topics[0], ARTICLES, CONFIG).text)
    assert "more: all" not in body and "Browse" not in body
