"""The `sources:` section of digest.yml: feeds for `digest pull`, each checked like every other key."""
from __future__ import annotations

import pytest

from generator.config import ConfigError, Source, SourceFilter, parse_config


def config_with(*sources):
    return parse_config({"site": {"title": "T"}, "companies": [], "topics": [], "sources": list(sources)})


def test_sources_are_optional_and_read_in_order():
    assert parse_config({"site": {"title": "T"}, "companies": [], "topics": []}).sources == ()
    cfg = config_with({"url": "https://harbour.example/feed.xml", "name": " Harbour Post "},
                      {"url": "https://other.example/rss", "filter": {"companies": True, "words": ["export ban"]}})
    assert cfg.sources == (
        Source("https://harbour.example/feed.xml", "Harbour Post"),
        Source("https://other.example/rss", "other.example", SourceFilter(companies=True, words=("export ban",))))


@pytest.mark.parametrize(("source", "message"), [
    ({"name": "x"}, "sources[0]: missing required key 'url'"),
    ({"url": "ftp://h.example/feed"}, "sources[0].url: 'ftp://h.example/feed' is not an http:// or https://"),
    ({"url": "harbour.example/feed"}, "is not an http:// or https:// address of a feed"),
    ({"url": "https://h.example/f", "fliter": {}}, ("unknown key 'fliter' (allowed: url, name, filter); did you "
                                                   "mean 'filter'?")),
    ({"url": "https://h.example/f", "filter": {"companies": "yes"}},
     "sources[0].filter.companies: expected true or false, got text"),
    ({"url": "https://h.example/f", "filter": {"words": [""]}}, "sources[0].filter.words[0]: expected a non-empty"),
    ({"url": "https://h.example/f", "filter": {}}, "sources[0].filter: keeps nothing"),
    ({"url": "https://h.example/f", "filter": {"companies": False}}, "sources[0].filter: keeps nothing"),
    ("https://h.example/f", "sources[0]: expected a mapping of `key: value` lines, got text"),
])
def test_a_faulty_source_is_named_with_its_location(source, message):
    with pytest.raises(ConfigError) as info:
        config_with(source)
    assert message in str(info.value)


def test_a_feed_listed_twice_is_an_error():
    with pytest.raises(ConfigError, match=r"sources\[1\]: duplicate url 'https://h.example/f'"):
        config_with({"url": "https://h.example/f"}, {"url": "https://h.example/f", "name": "again"})
