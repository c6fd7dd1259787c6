"""generator.site.search_hook: descriptions, the boosted `terms` field of the lunr index, and the
empty lunr index under Pagefind."""
from __future__ import annotations

import json
from types import SimpleNamespace

from generator.site import search_hook


def page(src_uri: str, url: str, **meta):
    return SimpleNamespace(meta=dict(meta), url=url, file=SimpleNamespace(src_uri=src_uri))


def write_index(site, docs):
    (site / "search").mkdir(parents=True)
    (site / "search" / "search_index.json").write_text(json.dumps({"config": {"lang": ["en"]}, "docs": docs}))


def test_the_summary_becomes_the_description():
    p = page("articles/a.md", "articles/a/", summary="What happened.")
    search_hook.on_page_markdown("", p, None, None)
    assert p.meta["description"] == "What happened."
    kept = page("about.md", "about/", summary="x", description="Own words.")
    search_hook.on_page_markdown("", kept, None, None)
    assert kept.meta["description"] == "Own words."


def test_terms_go_into_their_own_field_of_the_article_document(tmp_path):
    search_hook.on_pre_build(None)
    p = page("articles/a.md", "articles/a/", title="A")
    search_hook.on_page_markdown("", p, None, None)
    search_hook.on_page_content('<p>Body</p><div class="digest-search-terms" data-pagefind-weight="7" '
                                'hidden="hidden">Hik Vision · Uighur · O&amp;Neil</div>', p, None, None)
    write_index(tmp_path, [{"location": "articles/a/", "title": "A", "text": "Body"},
                           {"location": "articles/a/#part", "title": "Part", "text": "More"}])
    search_hook.on_post_build({"site_dir": str(tmp_path), "extra": {"search_engine": "lunr"}})
    docs = json.loads((tmp_path / "search" / "search_index.json").read_text())["docs"]
    assert docs[0]["terms"] == "Hik Vision Uighur O&Neil" and "terms" not in docs[1]
    assert json.loads((tmp_path / "browse" / "index.json").read_text())["total"] == 1


def test_under_pagefind_the_lunr_index_is_emptied(tmp_path):
    search_hook.on_pre_build(None)
    write_index(tmp_path, [{"location": "x/", "title": "X", "text": "y" * 1000}])
    search_hook.on_post_build({"site_dir": str(tmp_path), "extra": {"search_engine": "pagefind"}})
    data = json.loads((tmp_path / "search" / "search_index.json").read_text())
    assert data == {"config": {"lang": ["en"]}, "docs": []}



class _Config(dict):
    """MkDocs' config: settings by subscript, the plugins as an attribute."""

    def __init__(self, engine, plugins):
        super().__init__(extra={"search_engine": engine})
        self.plugins = plugins


def test_under_pagefind_material_parses_no_page_for_the_lunr_index():
    from material.plugins.search.plugin import SearchIndex

    built = SimpleNamespace(meta={}, content='<h1 id="a">A</h1><p>Body</p>', toc=[], url="a/")
    for engine, entries in (("pagefind", 0), ("lunr", 1)):
        plugin = SimpleNamespace(search_index=SearchIndex(lang=["en"]))
        search_hook.on_pre_build(_Config(engine, {"material/search": plugin}))
        plugin.search_index.add_entry_from_context(built)
        assert len(plugin.search_index.entries) == entries, engine


def test_a_listing_page_is_found_by_its_heading_only():
    from generator.site.search import _indexed_part
    html = '<h1 id="ipvm">IPVM</h1>\n<p>3 articles</p>\n<ul><li><a href="a/">A title</a></li></ul>'
    for src in ("index.md", "companies/index.md", "publications/ipvm.md", "authors/jane-doe.md",
                "authors/jane-doe/page-2.md"):
        out = search_hook.on_page_content(html, page(src, src), None, None)
        assert out.startswith('<h1 id="ipvm">IPVM</h1><!--digest:not-indexed--><div data-pagefind-ignore="all">')
        assert out.endswith("</ul></div><!--/digest:not-indexed-->")
        # A new article changes the list, never the part the shard cache keys.
        grown = out.replace("3 articles", "4 articles")
        assert _indexed_part(grown.encode()) == _indexed_part(out.encode()) == b'<h1 id="ipvm">IPVM</h1>'


def test_other_pages_keep_their_content_indexed():
    html = "<h1>Huawei</h1><p>Profile</p>"
    for src in ("companies/huawei.md", "articles/a.md", "stories/s.md", "about.md", "publications/x/y.md",
                "digests/2018.md"):
        assert search_hook.on_page_content(html, page(src, src), None, None) == html
    assert search_hook.heading_only("<p>no heading</p>") == "<p>no heading</p>"
