"""Canonical addresses: links to one article compare equal, links to two articles never do."""
from __future__ import annotations

import pytest

from generator.sources.canonical import canonical_key, is_web_address, printable_address


@pytest.mark.parametrize("other", [
    "https://www.harbour.example/news/huawei-deal/",
    "http://harbour.example/news/huawei-deal?utm_source=rss&utm_medium=feed",
    "https://HARBOUR.example:443/news/huawei-deal#comments",
    "https://harbour.example/news/huawei-deal?fbclid=abc123",
    "https://web.archive.org/web/20261130080000/https://harbour.example/news/huawei-deal",
])
def test_one_article_under_many_spellings(other):
    assert canonical_key(other) == canonical_key("https://harbour.example/news/huawei-deal")


@pytest.mark.parametrize(("one", "two"), [
    ("https://harbour.example/news/huawei-deal", "https://harbour.example/news/zte-fine"),
    ("https://harbour.example/story?id=1", "https://harbour.example/story?id=2"),
    ("https://harbour.example/a", "https://other.example/a"),
    ("https://harbour.example:8080/a", "https://harbour.example/a"),
])
def test_two_articles_stay_apart(one, two):
    assert canonical_key(one) != canonical_key(two)


def test_query_order_does_not_matter():
    assert canonical_key("https://h.example/s?b=2&a=1") == canonical_key("https://h.example/s?a=1&b=2")


@pytest.mark.parametrize(("url", "ok"), [
    ("https://h.example/a", True), ("HTTP://h.example", True), ("ftp://h.example/a", False),
    ("file:///etc/passwd", False), ("javascript:alert(1)", False), ("h.example/a", False),
    ("https://", False), ("http://[::1", False),
])
def test_only_web_addresses_are_fetched(url, ok):
    assert is_web_address(url) is ok


def test_printable_address_encodes_what_could_end_a_comment_or_a_line():
    assert printable_address('https://h.example/a b"<-->\n') == "https://h.example/a%20b%22%3C--%3E"
    assert printable_address("https://h.example/caf\u00e9") == "https://h.example/caf%C3%A9"
