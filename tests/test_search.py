"""generator.site.search: the engine chosen, the hidden words that make aliases, spelling variants
and authors find an article, and the Pagefind command."""
from __future__ import annotations

from dataclasses import replace

import pytest

from generator.config import SearchSettings, parse_config
from generator.records import Article, Block
from generator.site.search import (
    LUNR,
    PAGEFIND,
    TERMS_WEIGHT,
    choose_engine,
    pagefind_command,
    search_terms,
    search_terms_block,
)

CONFIG = parse_config({
    "site": {"title": "T"},
    "companies": [{"name": "Hikvision", "aliases": ["Hik Vision", "Hangzhou Hikvision"]},
                  {"name": "ZTE", "aliases": ["ZTE Corp"]}],
    "topics": [{"slug": "x", "title": "X", "keywords": ["x"]}],
    "search": {"variants": [["Uyghur", "Uighur", "Uygur"]]},
})


def make(body: str = "Nothing here.", **fields) -> Article:
    return Article(**({"seed": "s.txt", "seed_sha256": "0" * 64, "title": "A headline", "slug": "a",
                       "blocks": (Block("p", body),)} | fields))


@pytest.mark.parametrize(("settings", "articles", "engine"), [
    (SearchSettings(), 5, LUNR), (SearchSettings(), 299, LUNR), (SearchSettings(), 300, PAGEFIND),
    (SearchSettings(pagefind_from=10), 10, PAGEFIND), (SearchSettings(engine="pagefind"), 5, PAGEFIND),
    (SearchSettings(engine="lunr"), 50_000, LUNR)])
def test_engine_follows_the_config_and_the_size(settings, articles, engine):
    assert choose_engine(settings, articles) == engine


def test_every_alias_of_a_mentioned_company_is_a_term():
    terms = search_terms(make(companies=("Hikvision",)), CONFIG)
    assert terms[:3] == ("Hikvision", "Hik Vision", "Hangzhou Hikvision")
    assert "ZTE Corp" not in terms


def test_one_spelling_brings_the_whole_variant_group():
    assert {"Uyghur", "Uighur", "Uygur"} <= set(search_terms(make("Detained Uighurs and an uighur poet."), CONFIG))
    # Whole words only: "Uighurs" is not "Uighur" (it has its own group in digest.yml).
    assert not set(search_terms(make("Uighurs."), CONFIG)) & {"Uyghur", "Uygur"}


def test_authors_are_terms_one_by_one():
    assert search_terms(make(author="Jane Doe, John Roe"), CONFIG) == ("Jane Doe", "John Roe")


def test_no_terms_no_block():
    assert search_terms_block(make(), CONFIG) == ""


def test_the_block_is_hidden_weighted_and_escaped():
    hostile = replace(make(author="<script>alert(1)</script> *Doe*"))
    block = search_terms_block(hostile, CONFIG)
    assert block.startswith('<div class="digest-search-terms" hidden data-search-exclude="true" '
                            f'data-pagefind-weight="{TERMS_WEIGHT}"')
    assert "<script>" not in block and "&lt;script&gt;" in block and r"\*Doe\*" in block


def test_pagefind_indexes_the_built_site_in_place(tmp_path):
    command = pagefind_command(tmp_path)
    assert command[1:3] == ["-m", "pagefind"] and str(tmp_path) in command
    assert "--output-subdir" in command


def test_build_with_pagefind_writes_its_index_and_an_empty_lunr_index(tmp_path):
    import json
    import shutil
    from pathlib import Path

    from click.testing import CliRunner

    from generator.cli import main
    root = Path(__file__).resolve().parent.parent
    seeds, docs, site = tmp_path / "seeds", tmp_path / "docs", tmp_path / "site"
    seeds.mkdir()
    shutil.copy2(root / "seeds" / "001_a884d1ac60f28a38.txt", seeds / "a.txt")
    shutil.copytree(root / "docs" / "stylesheets", docs / "stylesheets")
    shutil.copy2(root / "docs" / "about.md", docs / "about.md")
    result = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--docs", str(docs), "--site", str(site),
                                       "--mkdocs-config", str(root / "mkdocs.yml"), "--search", "pagefind",
                                       "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "pagefind search" in result.output
    assert (site / "pagefind" / "pagefind.js").is_file() and any((site / "pagefind" / "index").iterdir())
    assert json.loads((site / "search" / "search_index.json").read_text())["docs"] == []
    assert 'data-digest-search="pagefind"' in (site / "index.html").read_text(encoding="utf-8")
    # Material's pages have the shape the shard key expects: the key reads the head and the body
    # element only, so a new seed's entry in another page's table of contents re-indexes nothing.
    from generator.site.search import _read_part
    article = next((site / "articles").glob("*/index.html")).read_bytes()
    assert _read_part(article) != article and b"md-sidebar" not in _read_part(article)


def _page(site, path: str, text: str) -> None:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"<html><body><main data-pagefind-body><h1>{text}</h1><p>{text} body words.</p>"
                      "</main></body></html>", encoding="utf-8")


def test_listings_and_stories_get_shards_of_their_own_and_articles_spread_by_a_stable_hash():
    from generator.site.search import plan_shards, shard_of
    pages = [f"articles/a{i}/index.html" for i in range(8)] + ["index.html", "companies/x/index.html",
                                                               "stories/index.html", "stories/s/index.html"]
    shards = plan_shards(pages, shard_pages=3)
    assert shards[0].folder == "pagefind"
    assert shards[0].pages == ("companies/x/index.html", "index.html", "stories/index.html")
    assert shards[1].folder == "pagefind-2" and shards[1].pages == ("stories/s/index.html",)
    assert sorted(p for s in shards[2:] for p in s.pages) == sorted(pages[:8])
    assert all(s.folder == f"pagefind-{n + 3}" for n, s in enumerate(shards[2:]))
    # Adding a page moves no other page while the number of shards stays the same.
    before = {p: s.folder for s in shards for p in s.pages}
    grown = plan_shards([*pages, "articles/new/index.html"], shard_pages=3)
    after = {p: s.folder for s in grown for p in s.pages}
    assert {p for p in after if before.get(p) != after[p]} == {"articles/new/index.html"}
    assert shard_of("articles/a1/index.html", 3) == shard_of("articles/a1/index.html", 3)


def test_a_small_site_is_one_shard():
    from generator.site.search import plan_shards
    [shard] = plan_shards(["index.html", "articles/a/index.html"], shard_pages=3)
    assert shard.folder == "pagefind" and len(shard.pages) == 2


def _tree(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _site(folder, articles: int):
    _page(folder, "index.html", "Home")
    _page(folder, "companies/hikvision/index.html", f"Hikvision {articles} articles")
    (folder / "report").mkdir(parents=True, exist_ok=True)
    (folder / "report" / "index.html").write_text("<main>not searchable</main>")
    for i in range(articles):
        _page(folder, f"articles/a{i}/index.html", f"Article {i} about surveillance number{i}")


def test_incremental_index_reuses_unchanged_shards_and_equals_a_full_index(tmp_path):
    import shutil

    from generator.site.search import index_with_pagefind
    site, cache = tmp_path / "site", tmp_path / "cache"
    _site(site, 7)
    first = index_with_pagefind(site, cache_dir=cache, shard_pages=4)
    assert first.indexed == ("pagefind", "pagefind-3", "pagefind-4") and not first.reused
    # One seed arrives: its article page is new and the company listing changes.
    _page(site, "articles/a7/index.html", "Article 7 about surveillance number7")
    _page(site, "companies/hikvision/index.html", "Hikvision 9 articles")
    changed = {"articles/a7/", "companies/hikvision/index.html"}
    again = index_with_pagefind(site, changed=changed, cache_dir=cache, shard_pages=4)
    assert "pagefind" in again.indexed and again.reused
    assert len(again.indexed) == 2 and len(again.indexed) + len(again.reused) == len(first.indexed)
    full = tmp_path / "full"
    shutil.copytree(site, full, ignore=shutil.ignore_patterns("pagefind*"))
    index_with_pagefind(full, shard_pages=4)
    incremental = {p: b for p, b in _tree(site).items() if p.startswith("pagefind")}
    assert incremental == {p: b for p, b in _tree(full).items() if p.startswith("pagefind")}
    assert any(p.startswith("pagefind-3/") for p in incremental)


def test_a_reused_shard_is_linked_from_the_cache_and_later_runs_never_change_the_cache(tmp_path):
    from generator.site.search import CACHE_FOLDER, SHARD_LIST, index_with_pagefind
    site, cache = tmp_path / "site", tmp_path / "cache"
    _site(site, 7)
    index_with_pagefind(site, cache_dir=cache, shard_pages=4)
    stored = {p: b for p, b in _tree(cache / CACHE_FOLDER).items() if "/output/" in p}
    again = index_with_pagefind(site, changed=set(), cache_dir=cache, shard_pages=4)
    assert not again.indexed
    linked = [f for f in (site / "pagefind-3").rglob("*") if f.is_file()]
    assert linked and all(f.stat().st_nlink >= 2 for f in linked)  # shared with the cache
    assert (site / "pagefind" / SHARD_LIST).stat().st_nlink == 1  # written anew, never shared
    # a page of that shard changes: Pagefind writes a new shard; the cached files are untouched
    # until the new output replaces them as a whole
    _page(site, "articles/a2/index.html", "Article 2 rewritten about drones")
    index_with_pagefind(site, changed={"articles/a2/"}, cache_dir=cache, shard_pages=4)
    index_with_pagefind(site, changed=set(), cache_dir=cache, shard_pages=4)
    after = {p: b for p, b in _tree(cache / CACHE_FOLDER).items() if "/output/" in p}
    others = {p: b for p, b in stored.items() if not p.startswith(f"{_shard_folder_of('a2')}/")}
    assert len(others) < len(stored) and all(after.get(p) == b for p, b in others.items())


def _shard_folder_of(article: str) -> str:
    from generator.site.search import shard_of
    n = shard_of(f"articles/{article}/index.html", 2)  # 7 articles in shards of 4: two of them
    return f"pagefind-{n + 1}"


def test_a_changed_page_the_caller_did_not_name_is_still_reindexed(tmp_path):
    from generator.site.search import index_with_pagefind
    site, cache = tmp_path / "site", tmp_path / "cache"
    _site(site, 2)
    index_with_pagefind(site, cache_dir=cache)
    _page(site, "articles/a1/index.html", "Article 1 rewritten at another length")
    report = index_with_pagefind(site, changed=set(), cache_dir=cache)
    assert report.indexed == ("pagefind",)


def test_a_corrupt_cache_is_not_trusted(tmp_path):
    from generator.site.search import CACHE_FOLDER, MANIFEST, index_with_pagefind
    site, cache = tmp_path / "site", tmp_path / "cache"
    _site(site, 2)
    index_with_pagefind(site, cache_dir=cache)
    (cache / CACHE_FOLDER / MANIFEST).write_text("{not json")
    (cache / CACHE_FOLDER / "pagefind" / "key").write_text("stale")
    report = index_with_pagefind(site, changed=set(), cache_dir=cache)
    assert report.indexed == ("pagefind",) and (site / "pagefind" / "pagefind.js").is_file()


def test_shard_list_names_the_further_shards(tmp_path):
    import json

    from generator.site.search import Shard, write_shard_list
    (tmp_path / "pagefind").mkdir()
    write_shard_list(tmp_path, [Shard("pagefind", ()), Shard("pagefind-2", ()), Shard("pagefind-3", ())])
    assert json.loads((tmp_path / "pagefind" / "shards.json").read_text()) == ["pagefind-2/", "pagefind-3/"]


def _page_with_links(site, path: str, text: str, links: str) -> None:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        f"<html><body><main data-pagefind-body><h1>{text}</h1><p>{text} body words.</p>"
        f"<!--digest:not-indexed--><div data-pagefind-ignore=\"all\"><h2 id=\"related\">Related"
        f"</h2><p>{links}</p></div><!--/digest:not-indexed--></main></body></html>",
        encoding="utf-8")


def test_a_change_only_to_the_links_to_other_articles_reuses_the_shard(tmp_path):
    # A new seed changes the related reading of many article pages; Pagefind ignores it.
    import shutil

    from generator.site.search import index_with_pagefind
    site, cache = tmp_path / "site", tmp_path / "cache"
    _page(site, "index.html", "Home")
    for i in range(4):
        _page_with_links(site, f"articles/a{i}/index.html", f"Article {i} number{i}", "old links")
    index_with_pagefind(site, cache_dir=cache)
    _page_with_links(site, "articles/a2/index.html", "Article 2 number2", "a newer article")
    again = index_with_pagefind(site, changed={"articles/a2/"}, cache_dir=cache)
    assert again.reused == ("pagefind",) and not again.indexed
    full = tmp_path / "full"
    shutil.copytree(site, full, ignore=shutil.ignore_patterns("pagefind*"))
    index_with_pagefind(full)
    def indexed(folder):
        return {p: b for p, b in _tree(folder).items() if p.startswith("pagefind/")}
    assert indexed(site) == indexed(full)
    assert any("/fragment/" in p for p in indexed(site))
    # A change to the indexed text is still seen.
    _page_with_links(site, "articles/a2/index.html", "Article 2 retitled", "a newer article")
    assert index_with_pagefind(site, changed={"articles/a2/"}, cache_dir=cache).indexed


@pytest.mark.parametrize(("page", "kept"), [
    (b"a<!--digest:not-indexed-->x<!--/digest:not-indexed-->b", b"ab"),
    ((b"a<!--digest:not-indexed-->x<!--/digest:not-indexed-->b<!--digest:not-indexed-->y"
      b"<!--/digest:not-indexed-->c"), b"abc"),
    (b"a<!--digest:not-indexed-->x", None),  # never closed: the whole page counts
    (b"a<!--/digest:not-indexed-->x", None),  # closed, never opened
    (b"<!--digest:not-indexed--><!--digest:not-indexed-->x<!--/digest:not-indexed-->", None),
    (b"plain page", None),
])
def test_the_indexed_part_cuts_only_balanced_markers(page, kept):
    from generator.site.search import _indexed_part
    assert _indexed_part(page) == (page if kept is None else kept)


def _page_with_toc(site, path: str, text: str, toc: str) -> None:
    # Material's shape: the table of contents in a sidebar beside the body Pagefind reads.
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        f"<html><head><title>{text}</title></head><body><nav class=\"md-nav\"><a href=\"#x\">{toc}"
        f"</a></nav><article><div data-pagefind-body><div><h1>{text}</h1></div><p>{text} body "
        f"words.</p></div></article><footer>{toc}</footer></body></html>", encoding="utf-8")


def test_a_change_only_outside_the_indexed_body_reuses_the_shard(tmp_path):
    # A new seed adds "Related articles" to the table of contents of pages it is related to.
    import shutil

    from generator.site.search import index_with_pagefind
    site, cache = tmp_path / "site", tmp_path / "cache"
    _page(site, "index.html", "Home")
    for i in range(4):
        _page_with_toc(site, f"articles/a{i}/index.html", f"Article {i} number{i}", "Summary")
    index_with_pagefind(site, cache_dir=cache)
    _page_with_toc(site, "articles/a2/index.html", "Article 2 number2", "Summary Related articles")
    again = index_with_pagefind(site, changed={"articles/a2/"}, cache_dir=cache)
    assert again.reused == ("pagefind",) and not again.indexed
    full = tmp_path / "full"
    shutil.copytree(site, full, ignore=shutil.ignore_patterns("pagefind*"))
    index_with_pagefind(full)
    def indexed(folder):
        return {p: b for p, b in _tree(folder).items() if p.startswith("pagefind/")}
    assert indexed(site) == indexed(full)
    # A change inside the body is still seen.
    retitled = "Article 2 retitled"
    _page_with_toc(site, "articles/a2/index.html", retitled, "Summary Related articles")
    assert index_with_pagefind(site, changed={"articles/a2/"}, cache_dir=cache).indexed


_HEAD = b"<html><head><title>t</title></head><body>"


@pytest.mark.parametrize(("page", "kept"), [
    (_HEAD + b"<nav>toc</nav><div data-pagefind-body><div>x</div></div><p>foot</p></body>",
     b"<html><head><title>t</title></head>\0<div data-pagefind-body><div>x</div></div>"),
    (_HEAD + b"<main class=a data-pagefind-body>x</main></body>",
     b"<html><head><title>t</title></head>\0<main class=a data-pagefind-body>x</main>"),
    (_HEAD + b"<div data-pagefind-body><div>never closed</div></body>", None),
    (_HEAD + b"<div data-pagefind-body>a</div><div data-pagefind-body>b</div></body>", None),
    (_HEAD + b"<h1>outside</h1><div data-pagefind-body>x</div></body>", None),
    (_HEAD + b"<div data-pagefind-body>x</div><img src=a.png></body>", None),
    (_HEAD + b"<span data-pagefind-meta=k>v</span><div data-pagefind-body>x</div></body>", None),
    (_HEAD + b"<p>no body element</p></body>", None),
    (_HEAD + b"<div data-pagefind-path=../pagefind/>s</div><div data-pagefind-body>x</div>",
     b"<html><head><title>t</title></head>\0<div data-pagefind-body>x</div>"),
    (_HEAD + b"<div data-pagefind-sort=d></div><div data-pagefind-body>x</div></body>", None),
    (b"<div data-pagefind-body>x</div><body></body>", None),
])
def test_the_read_part_is_the_head_and_the_body_element_or_else_the_whole_page(page, kept):
    from generator.site.search import _read_part
    assert _read_part(page) == (page if kept is None else kept)
