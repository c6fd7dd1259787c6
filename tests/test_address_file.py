"""The addresses file put together from kept entries is byte for byte the file PyYAML writes in
one go, for any seed names and redirects, with an empty cache, a warm one and none."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.config import load_config
from generator.records import Article
from generator.site.address_file import addresses_text, known_addresses
from generator.site.addresses import NO_ADDRESSES, dump_addresses, load_addresses
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


def written(folder: Path, articles) -> Path:
    seeds = folder / "seeds"
    seeds.mkdir()
    (seeds / "addresses.yml").write_text(dump_addresses(articles), encoding="utf-8")
    return seeds


def test_the_file_read_from_the_cache_says_what_parsing_it_says(tmp_path, monkeypatch):
    """The second read of the same bytes is not parsed again; a changed, broken or missing file
    is, and gives what load_addresses gives."""
    import generator.site.address_file as module

    articles = articles_of([(f"a-{n}", f"s{n}.txt", (f"old-{n}",) * (n % 2)) for n in range(4)])
    seeds, folder = written(tmp_path, articles), tmp_path / "cache"
    parsed = []
    monkeypatch.setattr(module, "load_addresses", lambda d: parsed.append(d) or load_addresses(d))

    def read() -> tuple:
        cache = memo(folder, articles)
        found = known_addresses(seeds, cache)
        cache.save()
        assert found == load_addresses(seeds)
        return found

    assert read()[0].of(articles[1]).redirects == ("old-1",) and len(parsed) == 1
    read()
    assert len(parsed) == 1, "the same bytes were parsed again"
    (seeds / "addresses.yml").write_text(dump_addresses(articles[1:]), encoding="utf-8")
    assert read()[0].of(articles[0]) is None and len(parsed) == 2
    (seeds / "addresses.yml").write_text("articles: [{address: 1", encoding="utf-8")
    assert read()[1][0].level.value == "error" and len(parsed) == 3
    read()
    assert len(parsed) == 3, "a broken file's problem is kept too"
    (seeds / "addresses.yml").unlink()
    assert read() == (NO_ADDRESSES, [])


def test_a_damaged_cache_is_not_trusted_for_the_addresses(tmp_path):
    articles = articles_of([(f"a-{n}", f"s{n}.txt", ()) for n in range(3)])
    seeds, folder = written(tmp_path, articles), tmp_path / "cache"
    first = memo(folder, articles)
    known_addresses(seeds, first)
    first.save()
    entry = folder / "render.entry"
    entry.write_bytes(entry.read_bytes()[:-9] + b"corrupted")
    assert known_addresses(seeds, memo(folder, articles)) == load_addresses(seeds)


def test_a_file_changed_while_it_is_read_is_used_but_not_kept(tmp_path, monkeypatch):
    import generator.site.address_file as module

    articles = articles_of([(f"a-{n}", f"s{n}.txt", ()) for n in range(3)])
    seeds, folder = written(tmp_path, articles), tmp_path / "cache"

    def racing(d: Path):
        found = load_addresses(d)
        (d / "addresses.yml").write_text(dump_addresses(articles[:1]), encoding="utf-8")
        return found

    monkeypatch.setattr(module, "load_addresses", racing)
    cache = memo(folder, articles)
    assert known_addresses(seeds, cache)[0].of(articles[2]) is not None
    assert cache.kept == {}
