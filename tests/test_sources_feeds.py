"""Feed entries from RSS, Atom and JSON Feed, and the reasons a document is not a feed."""
from __future__ import annotations

import json

from generator.sources.feeds import parse_feed

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Post</title><id>urn:hp</id>
<updated>2026-11-30T08:00:00Z</updated>
<entry><id>urn:hp:1</id><title>Huawei signs a deal</title><link href="https://harbour.example/a/1"/>
<published>2026-11-29T23:30:00Z</published><summary type="html">&lt;p&gt;The &amp;amp; deal&lt;/p&gt;</summary>
<category term="telecoms"/></entry>
<entry><title>No id</title><link href="https://harbour.example/a/2"/></entry>
</feed>"""


def test_atom_entries_with_id_link_date_and_plain_text():
    feed = parse_feed(ATOM.encode(), "application/atom+xml")
    assert feed.problem is None and feed.warning is None
    first, second = feed.entries
    assert (first.key, first.link, first.title, first.published) == (
        "urn:hp:1", "https://harbour.example/a/1", "Huawei signs a deal", "2026-11-29")
    assert first.text == "Huawei signs a deal The & deal telecoms"
    assert second.key == "https://harbour.example/a/2", "an entry without an id is known by its link"


def test_json_feed_items():
    body = json.dumps({"version": "https://jsonfeed.org/version/1", "items": [
        {"id": "7", "url": "https://harbour.example/a/7", "title": "ZTE pays", "content_html": "<b>Fine</b>",
         "date_published": "2026-11-28T10:00:00+08:00", "tags": ["export controls"]},
        {"title": "no address"}, "not an item"]}).encode()
    feed = parse_feed(body, "application/feed+json")
    [entry] = feed.entries
    assert (entry.key, entry.link, entry.published, entry.text) == (
        "7", "https://harbour.example/a/7", "2026-11-28", "ZTE pays Fine export controls")
    assert feed.warning == "2 items without an id or address skipped"


def test_what_is_not_a_feed_says_why():
    assert parse_feed(b"<!DOCTYPE html><html><body>News</body></html>").problem.startswith(
        "the address serves an HTML page, not a feed")
    assert parse_feed(b'{"version": "https://jsonfeed.org/version/1.1", "items": [').problem.startswith(
        "malformed JSON Feed (")
    assert parse_feed(b'{"name": "x"}').problem.startswith("JSON, but not a JSON Feed")
    assert parse_feed(b"just some words").problem.endswith("no entries could be read")
    assert parse_feed(b"").problem.endswith("no entries could be read")


def test_an_empty_but_valid_feed_is_not_a_problem():
    feed = parse_feed(b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>')
    assert feed.entries == () and feed.problem is None and feed.warning is None


def test_relative_links_are_made_absolute_against_the_feed_address():
    body = b'<rss version="2.0"><channel><item><title>A</title><link>/news/a</link></item></channel></rss>'
    [entry] = parse_feed(body, "application/rss+xml", "https://harbour.example/feeds/rss.xml").entries
    assert entry.link == "https://harbour.example/news/a"
