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


def test_shards_hold_only_searchable_pages_and_split_by_size(tmp_path):
    import json

    from generator.site.search import pagefind_shards, write_shard_list
    site = tmp_path / "site"
    for i in range(5):
        (site / "articles" / f"a{i}").mkdir(parents=True)
        (site / "articles" / f"a{i}" / "index.html").write_text("<main data-pagefind-body>x</main>")
    (site / "report").mkdir()
    (site / "report" / "index.html").write_text("<main>not searchable</main>")
    commands = pagefind_shards(site, tmp_path / "work", shard_pages=2)
    assert len(commands) == 3
    shard = tmp_path / "work" / "shard-3"
    assert [p.relative_to(shard).as_posix() for p in shard.rglob("*.html")] == ["articles/a4/index.html"]
    assert not list((tmp_path / "work").rglob("report"))
    assert commands[0][commands[0].index("--output-path") + 1] == str(site / "pagefind")
    assert commands[2][commands[2].index("--output-path") + 1] == str(site / "pagefind-3")
    (site / "pagefind").mkdir()
    write_shard_list(site, 3)
    assert json.loads((site / "pagefind" / "shards.json").read_text()) == ["pagefind-2/", "pagefind-3/"]
