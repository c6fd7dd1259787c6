"""generator.render: pages from articles. Markdown is converted with Python-Markdown and the
extensions of mkdocs.yml to check what a reader would get, without an MkDocs build."""
from __future__ import annotations

import re

import markdown
import pytest
import yaml

from generator.config import parse_config
from generator.records import Article, Block, BuildReport, Found, Level, Problem
from generator.site.render import (
    LATEST_LISTED,
    article_path,
    newest_first,
    render_article,
    render_articles_index,
    render_company,
    render_report,
    render_site,
    render_topic,
    render_undated_articles,
)
from generator.site.story_pages import render_digests

CONFIG = parse_config({
    "site": {"title": "Test Digest", "description": "A digest for tests.", "subject": "tests"},
    "companies": [{"name": "Huawei", "aliases": ["Huawei Technologies"], "description": "Phones and networks."},
                  {"name": "ZTE", "description": "Telecoms equipment."},
                  {"name": "DJI", "description": "Drones."}],
    "topics": [{"slug": "entity-list", "title": "Entity List", "keywords": ["Entity List"]},
               {"slug": "five-g", "title": "5G and telecoms", "keywords": ["5G"]}],
})
EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details"]
CONTRACT = {"title", "subtitle", "author", "date", "publication", "url", "companies", "topics", "summary", "seed",
            "seed_sha256", "words", "reading_time", "redacted", "comments", "tags", "extraction"}


def make(n: int, date: str | None = None, title: str | None = None, **fields) -> Article:
    values = {"seed": f"{n:03d}.txt", "seed_sha256": f"{n:064x}", "identity": f"{n:064x}",
              "title": title or f"Story {n}", "date": date, "slug": f"story-{n}",
              "summary": f"Summary of story {n}.", "blocks": (Block("p", f"Paragraph of story {n}."),), "words": 4}
    return Article(**(values | fields))


def split_page(text: str) -> tuple[dict, str]:
    match = re.match(r"\A---\n(.*?\n)---\n(.*)\Z", text, re.DOTALL)
    assert match, "a page starts with a YAML front-matter block"
    return yaml.safe_load(match.group(1)), match.group(2)


def to_html(body: str) -> str:
    return markdown.markdown(body, extensions=EXTENSIONS)


def report_for(articles, problems=()) -> BuildReport:
    return BuildReport(tuple(articles), tuple(problems), seeds_seen=len(articles) + len(problems))


# ---- article page -------------------------------------------------------------------------------

def full_article() -> Article:
    return make(1, date="2021-03-04", title="Huawei joins the Entity List", subtitle="A dek line",
                author="Jane Doe", publication="Reuters", url="https://www.reuters.com/a?b=1",
                companies=("Huawei", "ZTE"), topics=("entity-list",), words=460, comments=("Nice.", "Bad."),
                key_points=("Point one is here.", "Point two is here."), duplicates=("009.txt",),
                found={"title": Found("header line", 0.9), "date": Found("date in the source address", 0.6)})


def test_article_front_matter_contract():
    page = render_article(full_article(), CONFIG)
    assert page.path == "articles/story-1.md"
    fm, _ = split_page(page.text)
    assert CONTRACT <= set(fm)
    assert fm["title"] == "Huawei joins the Entity List"
    assert fm["subtitle"] == "A dek line" and fm["author"] == "Jane Doe" and fm["publication"] == "Reuters"
    assert fm["date"] == "2021-03-04" and isinstance(fm["date"], str)  # a string, not a YAML date
    assert fm["url"] == "https://www.reuters.com/a?b=1"
    assert fm["companies"] == ["Huawei", "ZTE"] and fm["topics"] == ["entity-list"]
    assert fm["seed"] == "001.txt" and fm["seed_sha256"] == f"{1:064x}"
    assert fm["words"] == 460 and fm["reading_time"] == 2
    assert fm["redacted"] is False and fm["comments"] == 2
    assert fm["tags"] == ["Huawei", "ZTE", "Entity List"]
    assert fm["extraction"] == {"date": {"method": "date in the source address", "confidence": 0.6},
                                "title": {"method": "header line", "confidence": 0.9}}
    assert fm["duplicates"] == ["009.txt"]


def test_article_front_matter_of_a_bare_article():
    fm, _ = split_page(render_article(make(2), CONFIG).text)
    assert CONTRACT <= set(fm)
    assert "duplicates" not in fm
    assert fm["date"] is None and fm["author"] is None and fm["url"] is None
    assert fm["reading_time"] == 1 and fm["companies"] == [] and fm["extraction"] == {}


def test_article_body_shows_metadata_links_and_text():
    _, body = split_page(render_article(full_article(), CONFIG).text)
    html = to_html(body)
    assert "<h1" in html and "Huawei joins the Entity List" in html
    assert "Jane Doe" in html and "March 4, 2021" in html and "2 min read" in html
    assert 'href="../companies/huawei.md"' in html and 'href="../topics/entity-list.md"' in html
    assert 'href="https://www.reuters.com/a?b=1"' in html
    assert "Point one is here." in html and "Paragraph of story 1." in html
    assert "Nice." in html  # reader comments, in their own box
    assert "001.txt" in html


def test_article_with_unknown_company_or_topic_still_renders():
    page = render_article(make(3, companies=("Unknown Co",), topics=("nope",)), CONFIG)
    assert "Unknown Co" in split_page(page.text)[0]["companies"]
    assert "companies/unknown" not in page.text


def test_untrusted_values_are_escaped():
    evil = "<script>x</script>"
    link = "[x](javascript:alert(1))"
    a = make(4, date="2020-01-02", title=evil, subtitle=f"{evil} {link}", author=evil, publication=f"<b>{link}</b>",
             url="javascript:alert(1)", summary=evil, seed="<img src=x onerror=alert(1)>.txt",
             blocks=(Block("p", link), Block("h", evil), Block("p", "<iframe src=//evil.example>"),
                     Block("p", "# Not a heading\n- not a list\n> not a quote")),
             key_points=(f"{link} {evil}",), comments=(f"{evil} {link}",))
    text = render_article(a, CONFIG).text
    assert "<script" not in text
    assert "<iframe" not in text and "<img" not in text
    fm, body = split_page(text)
    assert fm["url"] is None  # only http(s) addresses are kept
    assert fm["title"] == "‹script›x‹/script›"  # front-matter values carry no angle brackets
    assert not re.search(r"(?<!\\)\]\(javascript", body), "an unescaped Markdown link to javascript:"

    html = to_html(body)
    assert "<script" not in html and "<iframe" not in html and "<img" not in html
    assert not re.search(r"href=[\"']?\s*javascript", html, re.IGNORECASE)
    assert "<blockquote" not in html and "<ul>\n<li>not a list" not in html
    assert html.count("<h1") == 1
    assert "&lt;script&gt;x&lt;/script&gt;" in html  # shown to the reader as text
    assert "[x](javascript:alert(1))" in html  # literally, not as a link


def test_untrusted_values_in_listings_and_report_are_escaped():
    a = make(5, title="<script>t</script> [l](javascript:alert(1))", publication="<b>P</b>",
             summary="[s](javascript:alert(2)) <script>s</script>", companies=("Huawei",), topics=("entity-list",))
    problem = Problem("<script>seed</script>.txt", "parse", Level.ERROR, "[m](javascript:alert(3)) <script>")
    report = report_for([a], [problem])
    for page in render_site([a], report, CONFIG):
        if not page.path.endswith(".md"):
            continue  # feeds and data exports: tests/test_feeds.py, tests/test_export.py
        _, body = split_page(page.text)
        html = to_html(body)
        assert "<script" not in html, page.path
        assert not re.search(r"href=[\"']?\s*javascript", html, re.IGNORECASE), page.path
        assert not re.search(r"(?<!\\)\]\(javascript", body), page.path


# ---- listings -----------------------------------------------------------------------------------

def test_newest_first_undated_last_ties_by_title():
    arts = [make(1, "2020-01-01"), make(2, None, title="b undated"), make(3, "2021-06-01"),
            make(4, None, title="A undated"), make(5, "2020-01-01", title="Another on the same day")]
    assert [a.seed for a in newest_first(arts)] == ["003.txt", "001.txt", "005.txt", "004.txt", "002.txt"]
    assert newest_first(list(reversed(arts))) == newest_first(arts)


def test_newest_first_accepts_a_one_shot_iterable():
    # Typed Iterable[Article]; a generator must not lose the undated articles.
    arts = [make(1, "2020-01-01"), make(2, None)]
    assert [a.seed for a in newest_first(a for a in arts)] == ["001.txt", "002.txt"]


def test_articles_index_lists_the_latest_then_months_then_undated():
    arts = [make(1, "2020-01-15"), make(2), make(3, "2021-06-01"), make(4, "2020-01-02")]
    _, body = split_page(render_articles_index(arts).text)
    headings = re.findall(r"^## (.+)$", body, re.MULTILINE)
    assert headings == ["Latest", "By month", "Undated"]
    order = [int(n) for n in re.findall(r"\(story-(\d+)\.md\)", body)]
    assert order == [3, 1, 4, 2]
    assert "- **2021:** [June](../digests/2021-06.md) (1)" in body
    assert "- **2020:** [January](../digests/2020-01.md) (2)" in body


def test_articles_index_does_not_grow_with_every_article():
    # 400 dated articles over four months: the newest are listed, the rest through the months,
    # whose digest pages list all of them.
    arts = [make(n, f"2020-0{1 + n % 4}-{1 + n % 28:02d}") for n in range(1, 401)]
    _, body = split_page(render_articles_index(arts).text)
    assert len(re.findall(r"\(story-\d+\.md\)", body)) == LATEST_LISTED
    assert "400 articles in all. The newest 50 are listed first" in body
    months = re.findall(r"\[(\w+)\]\(\.\./digests/(2020-\d\d)\.md\) \((\d+)\)", body)
    assert sorted(m for _, m, _ in months) == ["2020-01", "2020-02", "2020-03", "2020-04"]
    assert sum(int(n) for *_, n in months) == 400
    digests = {p.path for p in render_digests(arts, [], CONFIG)}
    assert {f"digests/{m}.md" for _, m, _ in months} <= digests


def test_many_undated_articles_get_a_page_of_their_own():
    arts = [make(n, None) for n in range(1, 61)] + [make(100, "2020-01-01")]
    _, body = split_page(render_articles_index(arts).text)
    assert "60 articles show no date of their own: [Undated articles](undated.md) lists them all." in body
    assert len(re.findall(r"\(story-\d+\.md\)", body)) == 1  # only the dated one
    (page,) = render_undated_articles(arts)
    assert page.path == "articles/undated.md"
    assert len(re.findall(r"\(story-\d+\.md\)", page.text)) == 60
    assert "[Articles](index.md)" in page.text
    assert render_undated_articles(arts[55:]) == []  # five: listed on the Articles page itself


def test_company_page_lists_only_its_articles():
    arts = [make(1, "2020-01-01", companies=("Huawei",), topics=("entity-list",)),
            make(2, "2021-01-01", companies=("ZTE",)),
            make(3, None, companies=("ZTE", "Huawei"), topics=("entity-list", "five-g"))]
    page = render_company(CONFIG.companies[0], arts, CONFIG)
    assert page.path == "companies/huawei.md"
    fm, body = split_page(page.text)
    assert fm["articles"] == 2 and fm["company"] == "Huawei"
    assert re.findall(r"\(\.\./articles/(story-\d+)\.md\)", body) == ["story-1", "story-3"]
    assert "| Also written as | Huawei Technologies |" in body
    assert "**Topics:** [Entity List](../topics/entity-list.md) (2)" in body


def test_company_without_articles():
    page = render_company(CONFIG.companies[2], [make(1, companies=("Huawei",))], CONFIG)
    fm, body = split_page(page.text)
    assert fm["articles"] == 0
    assert "No articles yet" in body and "story-1" not in body


def test_topic_page_lists_only_its_articles():
    arts = [make(1, topics=("entity-list",), companies=("ZTE",)), make(2, topics=("five-g",))]
    page = render_topic(CONFIG.topics[0], arts, CONFIG)
    assert page.path == "topics/entity-list.md"
    fm, body = split_page(page.text)
    assert fm["articles"] == 1 and fm["topic"] == "entity-list"
    assert "story-1" in body and "story-2" not in body
    assert "[ZTE](../companies/zte.md) (1)" in body


# ---- home and report ----------------------------------------------------------------------------

def test_reader_comments_count_agrees_in_number():
    text = render_article(make(1, comments=("Only one comment paragraph.",)), CONFIG).text
    assert "(1 paragraphs)" not in text


def test_report_page_lists_problems_errors_first():
    arts = [make(1, found={"date": Found("date in the source address", 0.6),
                           "title": Found("first sentence of the body", 0.3)}, title="Low title")]
    problems = [Problem("b.txt", "metadata", Level.INFO, "no publication date"),
                Problem("a.png", "ingest", Level.ERROR, "binary file | not an article"),
                Problem("c.txt", "metadata", Level.WARNING, "no recognisable headline")]
    page = render_report(report_for(arts, problems))
    assert page.path == "report.md"
    fm, body = split_page(page.text)
    assert fm["search"] == {"exclude": True}
    assert "1 errors, 1 warnings, 1 notes" in body or "1 error, 1 warning, 1 note" in body
    html = to_html(body)
    problems_table = html.split("<table>")[1]
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>", problems_table, re.DOTALL)
    assert [r.strip() for r in rows] == ["a.png", "c.txt", "b.txt"]  # errors, warnings, notes
    assert "binary file | not an article" in problems_table  # a pipe in a message does not split the cell
    assert len(re.findall(r"<td>", problems_table)) == 12
    low = html.split("<table>")[2]
    assert "Low title" in low and "first sentence of the body" in low and "0.30" in low
    assert "date in the source address" not in low  # 0.6 is not below LOW_CONFIDENCE


def test_report_page_without_problems():
    _, body = split_page(render_report(report_for([make(1)])).text)
    assert "No seed had a problem." in body


# ---- the whole site -----------------------------------------------------------------------------

def test_render_site_pages_are_unique_and_stable():
    arts = [make(2, "2020-01-01", companies=("ZTE",)), make(1, None, companies=("Huawei",))]
    pages = render_site(arts, report_for(arts), CONFIG)
    paths = [p.path for p in pages]
    assert len(paths) == len(set(paths))
    assert {"index.md", "report.md", "tags.md", "articles/index.md", "companies/index.md", "topics/index.md",
            "companies/dji.md", "topics/five-g.md", article_path(arts[0]), article_path(arts[1])} <= set(paths)
    assert render_site(list(reversed(arts)), report_for(arts), CONFIG) == pages


@pytest.mark.parametrize("kind", ["companies", "topics"])
def test_section_index_lists_every_configured_entry(kind):
    arts = [make(1, companies=("ZTE",), topics=("five-g",))]
    page = next(p for p in render_site(arts, report_for(arts), CONFIG) if p.path == f"{kind}/index.md")
    _, body = split_page(page.text)
    entries = CONFIG.companies if kind == "companies" else CONFIG.topics
    for entry in entries:
        assert f"({entry.slug}.md)" in body
    assert len(re.findall(r"^\| \[", body, re.MULTILINE)) == len(entries)
