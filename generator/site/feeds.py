"""Atom feeds (with feedgen) and JSON Feeds (JSON Feed 1.1, written with the json module) for the
whole site and for each company, topic and story, under docs/feeds/.

Links are absolute, from the site's address: `site.url` in digest.yml, else the SITE_URL
environment variable (the one mkdocs.yml reads), else the local preview address of `digest serve`.
An entry's time is the article's date. An undated report in a story is placed at its story's first
date (the feed says so in the entry); an undated article outside any story has no place in a feed
ordered by time and is left out, never given an invented date.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from feedgen.feed import FeedGenerator

from ..config import Config
from ..knowledge.stories import Story
from ..records import Article, Page
from .markup import plain, safe_url

if TYPE_CHECKING:  # render_cache imports this module for site_url
    from .render_cache import RenderCache

_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")
PREVIEW_URL = "http://127.0.0.1:8000/"
SITE_ENTRIES = 50
"""Newest entries in the site feed; older ones are on the site."""
ENTITY_ENTRIES = 30


def site_url(config: Config) -> str:
    url = config.site.url or os.environ.get("SITE_URL", "") or PREVIEW_URL
    return url if url.endswith("/") else url + "/"


def page_url(base: str, path: str) -> str:
    """Absolute address of a docs-relative Markdown page as MkDocs publishes it (directory URLs)."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return base
    return f"{base}{stem.removesuffix('/index')}/"


def render_feeds(
    articles: Sequence[Article],
    stories: Sequence[Story],
    config: Config,
    memo: RenderCache | None = None,
) -> list[Page]:
    """The site's feeds and each company's, topic's and story's. With a render cache, a feed is
    kept by its entries and their places in time, so a new seed renders only the feeds it joins
    (rendering all of them took a second per 2,000 articles)."""
    base = site_url(config)
    placed = {a.slug: s.start for s in stories if s.start for a in s.articles if not a.date}
    dated = [a for a in articles if a.date or a.slug in placed]
    when = {a.slug: a.date or placed[a.slug] for a in dated}
    newest = sorted(dated, key=lambda a: (when[a.slug], a.date is not None, a.slug), reverse=True)
    title = config.site.title
    feeds = [("feeds/all", title, "index.md", newest[:SITE_ENTRIES])]
    # Each entity's entries in one pass over the articles, newest first as `newest` is: asking
    # every company, topic and story of the corpus in turn read all articles once each.
    naming, about, told = _grouped(newest)
    feeds += [
        _feed(title, "companies", c.slug, c.name, naming.get(c.name, [])[:ENTITY_ENTRIES])
        for c in config.companies
    ]
    feeds += [
        _feed(title, "topics", t.slug, t.title, about.get(t.slug, [])[:ENTITY_ENTRIES])
        for t in config.topics
    ]
    feeds += [_feed(title, "stories", s.id, s.title, told.get(s.id, [])) for s in stories]
    pages = []
    for path, name, home, entries in feeds:

        def render(path=path, name=name, home=home, entries=entries) -> list[Page]:
            return [
                Page(f"{path}.xml", atom(base, path, name, home, entries, when, placed)),
                Page(f"{path}.json", json_feed(base, path, name, home, entries, when, placed)),
            ]

        if memo is None:
            pages += render()
            continue
        # An entry's time and note come from its story's start when undated: not in its print.
        places = tuple(f"{when[a.slug]}:{a.slug in placed}" for a in entries)
        key = memo.key("feed", [a.slug for a in entries], extra=(path, name, home, *places))
        pages += memo.pages(key, render)
    return pages


def _grouped(newest: Sequence[Article]) -> tuple[dict, dict, dict]:
    """Articles by company they name, by topic and by story, each list in the given order."""
    naming: dict[str, list[Article]] = {}
    about: dict[str, list[Article]] = {}
    told: dict[str, list[Article]] = {}
    for a in newest:
        for name in dict.fromkeys(a.companies):
            naming.setdefault(name, []).append(a)
        for slug in dict.fromkeys(a.topics):
            about.setdefault(slug, []).append(a)
        if a.story:
            told.setdefault(a.story, []).append(a)
    return naming, about, told


def _feed(site_title: str, kind: str, slug: str, name: str, entries: list[Article]) -> tuple:
    """(feed path, feed title, page it belongs to, entries) for one company, topic or story."""
    return f"feeds/{kind}/{slug}", f"{site_title}: {name}", f"{kind}/{slug}.md", entries


def atom(
    base: str,
    path: str,
    title: str,
    home: str,
    entries: Sequence[Article],
    when: dict[str, str],
    placed: dict[str, str],
) -> str:
    fg = FeedGenerator()
    fg.id(base + path + ".xml")
    fg.title(_text(title))
    fg.link(href=page_url(base, home), rel="alternate")
    fg.link(href=base + path + ".xml", rel="self")
    fg.updated(_time(max(when[a.slug] for a in entries)) if entries else _time("2000-01-01"))
    for a in reversed(entries):  # feedgen puts the last added entry first
        entry = fg.add_entry()
        url = page_url(base, f"articles/{a.slug}.md")
        entry.id(url)
        entry.title(_text(a.title) or "Untitled")
        entry.link(href=url)
        entry.updated(_time(when[a.slug]))
        if a.date:
            entry.published(_time(a.date))
        entry.summary(_summary(a, placed))
        if a.author:
            entry.author({"name": _text(a.author)})
        for company in a.companies:
            entry.category(term=company)
    return fg.atom_str(pretty=True).decode("utf-8")


def json_feed(
    base: str,
    path: str,
    title: str,
    home: str,
    entries: Sequence[Article],
    when: dict[str, str],
    placed: dict[str, str],
) -> str:
    items = []
    for a in entries:
        url = page_url(base, f"articles/{a.slug}.md")
        item = {
            "id": url,
            "url": url,
            "title": _text(a.title) or "Untitled",
            "summary": _summary(a, placed),
            "content_text": _summary(a, placed),
            "date_modified": _time(when[a.slug]).isoformat(),
        }
        if a.date:
            item["date_published"] = _time(a.date).isoformat()
        if a.author:
            item["authors"] = [{"name": _text(a.author)}]
        if safe_url(a.url):
            item["external_url"] = safe_url(a.url)
        if a.companies or a.topics:
            item["tags"] = [*a.companies, *a.topics]
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": _text(title),
        "home_page_url": page_url(base, home),
        "feed_url": base + path + ".json",
        "items": items,
    }
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"


def _summary(a: Article, placed: dict[str, str]) -> str:
    text = _text(a.summary) or ""
    if a.slug in placed:
        text += (
            " (Undated report, shown at its story's first date.)"
            if text
            else "Undated report, shown at its story's first date."
        )
    return text


def _text(value: str | None) -> str | None:
    """Front-matter-safe text (markup.plain) without the characters XML 1.0 forbids, which would
    make lxml refuse the whole feed (noncharacters, lone surrogates)."""
    text = plain(value)
    return _NOT_XML.sub("", text) if text else text


def _time(date: str) -> dt.datetime:
    return dt.datetime.fromisoformat(date[:10]).replace(tzinfo=dt.UTC)
