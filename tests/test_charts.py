import re

from generator.config import parse_config
from generator.records import Article
from generator.site.charts import (
    articles_per_month,
    chart_markdown,
    co_mentions,
    company_mentions,
    mentions_over_time,
    months_of,
)

CONFIG = parse_config(
    {"site": {"title": "T"}, "companies": [{"name": "Huawei"}, {"name": "ZTE"}], "topics": []}
)
ARTICLES = [
    Article(
        seed=f"{i}",
        seed_sha256="",
        slug=f"s{i}",
        date=f"2020-{1 + i % 5:02d}-0{1 + i % 9}",
        companies=(("Huawei",), ("ZTE",), ("Huawei", "ZTE"))[i % 3],
    )
    for i in range(20)
]
ARTICLES.append(Article(seed="u", seed_sha256="", slug="u", companies=("ZTE",)))


def test_months_of_fills_the_gaps_between_first_and_last():
    arts = [
        Article(seed="a", seed_sha256="", date="2019-11-03"),
        Article(seed="b", seed_sha256="", date="2020-02-01"),
    ]
    assert months_of(arts) == ["2019-11", "2019-12", "2020-01", "2020-02"]
    assert months_of([Article(seed="c", seed_sha256="")]) == []


def test_charts_are_static_deterministic_svg_with_a_text_alternative():
    charts = [
        articles_per_month(ARTICLES),
        mentions_over_time(ARTICLES, CONFIG),
        co_mentions(ARTICLES),
        company_mentions(ARTICLES, "Huawei"),
    ]
    again = [
        articles_per_month(ARTICLES),
        mentions_over_time(ARTICLES, CONFIG),
        co_mentions(ARTICLES),
        company_mentions(ARTICLES, "Huawei"),
    ]
    assert charts == again
    for chart in charts:
        assert (
            chart.svg.startswith("<svg") and "<title>" in chart.svg and 'role="img"' in chart.svg
        )
        assert "<script" not in chart.svg and "<image" not in chart.svg  # no raster, no code
        assert "currentColor" in chart.svg  # text and axes take the page's colour, light or dark
        assert chart.rows
        ids = re.findall(r'id="([^"]+)"', chart.svg)
        assert all(
            i.startswith(chart.name + "-") for i in ids
        )  # unique on a page with other charts


def test_chart_data_is_the_counts():
    assert dict(articles_per_month(ARTICLES).rows)["2020-01"] == "4"
    huawei = company_mentions(ARTICLES, "Huawei")
    assert sum(int(n) for _, n in huawei.rows) == sum(
        1 for a in ARTICLES if "Huawei" in a.companies
    )
    matrix = co_mentions(ARTICLES)
    assert matrix.header == ("Company", "ZTE", "Huawei")
    assert matrix.rows[0] == ("ZTE", "14", "6")


def test_no_chart_without_data():
    empty = [Article(seed="u", seed_sha256="")]
    assert articles_per_month(empty) is None and company_mentions(empty, "Huawei") is None
    assert co_mentions(empty) is None and mentions_over_time(empty, CONFIG) is None
    assert chart_markdown(None) == ""


def test_chart_markdown_puts_the_data_in_a_collapsed_table():
    text = chart_markdown(articles_per_month(ARTICLES))
    assert text.startswith('<figure class="digest-chart" data-search-exclude>\n<svg')
    assert '??? note "Data of this chart: Dated articles per month' in text
    assert "    | 2020-01 | 4 |" in text
    assert "\n\n<" not in text.split("</figure>")[0]  # one raw HTML block: no blank line inside
