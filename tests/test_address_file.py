"""The addresses file put together from kept entries is byte for byte the file PyYAML writes in
one go, for any seed names and redirects, with an empty cache, a warm one and none."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.config import load_config
from generator.records import Article
from generator.site.address_file import addresses_text
from generator.site.addresses import dump_addresses
from generator.site.render_cache import RenderCache

CONFIG = load_config(Path(__file__).resolve().parent.parent / "digest.yml")
NAMES = st.text(min_size=1, max_size=30)
"""Seed names and slugs with anything in them: quotes, colons, dashes, newlines, emoji."""


def articles_of(rows: list[tuple[str, str, tuple[str, ...]]]) -> tuple[Article, ...]:
    found = {}
    for n, (slug, seed, former) in enumerate(rows):
        found.setdefault(
            slug, Article(seed=seed, seed_sha256="", identity=f"{n:064x}", slug=slug, former_slugs=former)
        )
    return tuple(found.values())


def memo(folder: Path | None, articles) -> RenderCache:
    return RenderCache(folder, CONFIG, {a.slug: a.identity[:32] for a in articles})


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(NAMES, NAMES, st.lists(NAMES, max_size=2).map(tuple)), max_size=6))
def test_the_file_from_kept_entries_is_the_one_pyyaml_writes(tmp_path_factory, rows):
    articles = articles_of(rows)
    expected = dump_addresses(articles)
    assert addresses_text(articles, memo(None, articles)) == expected
    folder = tmp_path_factory.mktemp("cache")
    first = memo(folder, articles)
    assert addresses_text(articles, first) == expected
    first.save()
    warm = memo(folder, articles)
    assert addresses_text(articles, warm) == expected
    fewer = articles[1:]
    assert addresses_text(fewer, memo(folder, fewer)) == dump_addresses(fewer)


def test_a_warm_cache_emits_only_the_new_entry(tmp_path, monkeypatch):
    articles = articles_of([(f"a-{n}", f"s{n}.txt", ()) for n in range(5)])
    first = memo(tmp_path, articles)
    addresses_text(articles, first)
    first.save()
    emitted = []
    import generator.site.address_file as module

    real = module._entry_text
    monkeypatch.setattr(module, "_entry_text", lambda a: emitted.append(a.slug) or real(a))
    grown = (*articles, Article(seed="new.txt", seed_sha256="", identity="f" * 64, slug="a-new"))
    assert addresses_text(grown, memo(tmp_path, grown)) == dump_addresses(grown)
    assert emitted == ["a-new"]
