import datetime as dt
import json

import feedparser

from generator.config import parse_config
from generator.knowledge.stories import assign_stories, build_stories
from generator.records import Article, Block
from generator.site.feeds import PREVIEW_URL, page_url, render_feeds, site_url

CONFIG = parse_config(
    {
        "site": {"title": "Digest", "url": "https://example.org/digest"},
        "companies": [{"name": "Huawei"}, {"name": "ZTE"}],
        "topics": [{"slug": "entity-list", "title": "Entity List", "keywords": ["Entity List"]}],
    }
)
BODY = (
    "The Commerce Department added Huawei Technologies to the Entity List on Wednesday, barring "
    "American suppliers from selling it chips without a licence worth $11 billion a year."
)


def art(
    slug: str,
    date: str | None,
    title: str = "",
    body: str = BODY,
    companies=("Huawei",),
    topics=("entity-list",),
) -> Article:
    return Article(
        seed=f"{slug}.txt",
        seed_sha256="",
        slug=slug,
        title=title or f"Report {slug}",
        date=date,
        summary=body[:80],
        blocks=(Block("p", body),),
        companies=companies,
        topics=topics,
        author="Jane Doe",
    )


def check_json_feed(text: str) -> list[str]:
    """The JSON Feed 1.1 rules for what we write (feedparser 6.0 reads no JSON Feed): required keys,
    an id and a content per item, absolute addresses, RFC 3339 dates."""
    data = json.loads(text)
    links = [data["home_page_url"], data["feed_url"]]
    assert data["version"] == "https://jsonfeed.org/version/1.1" and data["title"]
    for item in data["items"]:
        assert isinstance(item["id"], str) and ("content_text" in item or "content_html" in item)
        links.append(item["url"])
        for key in ("date_published", "date_modified"):
            if key in item:
                assert dt.datetime.fromisoformat(item[key]).tzinfo is not None
    assert all(link.startswith("https://example.org/digest/") for link in links)
    return [item["url"] for item in data["items"]]


def feeds(articles):
    grouped = assign_stories(articles)
    return {p.path: p.text for p in render_feeds(grouped, build_stories(grouped), CONFIG)}


ARTICLES = [
    art("a", "2019-05-16"),
    art("b", None),
    art("c", None, body="Another thing entirely happened."),
    art(
        "d",
        "2019-05-20",
        "<script>alert(1)</script> & more",
        "Unrelated news about ZTE.",
        ("ZTE",),
        (),
    ),
]


def test_atom_and_json_feeds_for_the_site_companies_topics_and_stories_parse():
    out = feeds(ARTICLES)
    expected = {
        "feeds/all",
        "feeds/companies/huawei",
        "feeds/companies/zte",
        "feeds/topics/entity-list",
        "feeds/stories/a",
    }
    assert {p.rsplit(".", 1)[0] for p in out} == expected
    for path in expected:
        parsed = feedparser.parse(out[f"{path}.xml"])
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10" and parsed.entries, path
        links = [entry.link for entry in parsed.entries]
        assert all(link.startswith("https://example.org/digest/articles/") for link in links)
        assert check_json_feed(out[f"{path}.json"]) == links, path


def test_entries_are_newest_first_and_undated_reports_need_a_story():
    parsed = feedparser.parse(feeds(ARTICLES)["feeds/all.xml"])
    assert [e.link.rsplit("/", 2)[1] for e in parsed.entries] == [
        "d",
        "a",
        "b",
    ]  # c has no place in time
    placed = next(e for e in parsed.entries if e.link.endswith("/b/"))
    assert "Undated report, shown at its story's first date" in placed.summary
    assert "published" not in placed


def test_seed_text_stays_text_in_feeds():
    out = feeds(ARTICLES)
    parsed = feedparser.parse(out["feeds/companies/zte.xml"])
    assert parsed.entries[0].title == "‹script›alert(1)‹/script› & more"
    assert "<script>" not in out["feeds/companies/zte.xml"]
    data = json.loads(out["feeds/companies/zte.json"])
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["feed_url"] == "https://example.org/digest/feeds/companies/zte.json"
    assert data["home_page_url"] == "https://example.org/digest/companies/zte/"


def test_feeds_are_deterministic():
    assert feeds(ARTICLES) == feeds(list(reversed(ARTICLES)))


def test_site_address_from_the_config_then_the_environment_then_the_preview(monkeypatch):
    assert site_url(CONFIG) == "https://example.org/digest/"
    bare = parse_config({"site": {"title": "T"}, "companies": [], "topics": []})
    monkeypatch.setenv("SITE_URL", "https://pages.example.com/x")
    assert site_url(bare) == "https://pages.example.com/x/"
    monkeypatch.delenv("SITE_URL")
    assert site_url(bare) == PREVIEW_URL
    assert page_url("https://e.org/", "index.md") == "https://e.org/"
    assert page_url("https://e.org/", "stories/index.md") == "https://e.org/stories/"


def test_characters_xml_forbids_are_dropped_not_fatal():
    odd = art("odd", "2019-05-16", "Bad \ufffe title \ud800 here", "Nothing alike.", ("ZTE",), ())
    parsed = feedparser.parse(feeds([odd])["feeds/all.xml"])
    assert not parsed.bozo and parsed.entries[0].title == "Bad  title  here"


def test_a_kept_feed_is_rendered_again_when_an_undated_entry_moves_with_its_story(tmp_path):
    # An undated report is placed at its story's first date, which another article sets: its
    # own fingerprint does not change, so the feed's key must hold the entries' places in time.
    from dataclasses import replace

    from generator.site.render_cache import RenderCache

    def rendered(articles, folder):
        memo = RenderCache(folder, CONFIG, {a.slug: "same print" for a in articles})
        pages = render_feeds(articles, build_stories(articles), CONFIG, memo)
        memo.save()
        return {p.path: p.text for p in pages}

    first = [replace(art("a", "2019-05-16"), story="a"), replace(art("b", None), story="a")]
    rendered(first, tmp_path)
    moved = [replace(first[0], date="2019-04-01"), first[1]]
    plain = {p.path: p.text for p in render_feeds(moved, build_stories(moved), CONFIG)}
    assert rendered(moved, tmp_path) == plain
    assert "2019-04-01" in plain["feeds/all.json"]
