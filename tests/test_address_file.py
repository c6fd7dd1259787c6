"""The addresses file put together from kept entries is byte for byte the file PyYAML writes in
one go, for any seed names and redirects, with an empty cache, a warm one and none."""

from __future__ import annotations

from pathlib import Path

import pytest
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
    seeds.mkdir(exist_ok=True)
    (seeds / "addresses.yml").write_text(dump_addresses(articles), encoding="utf-8")
    return seeds


def after_a_build(folder: Path, articles) -> Path:
    """The cache a build of these articles leaves (the entries it wrote), and the file it wrote."""
    last = memo(folder / "cache", articles)
    seeds = folder / "seeds"
    seeds.mkdir(exist_ok=True)
    (seeds / "addresses.yml").write_text(addresses_text(articles, last), encoding="utf-8")
    last.save()
    return seeds


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(NAMES, NAMES, st.lists(NAMES, max_size=2).map(tuple)), max_size=6))
def test_the_file_read_entry_by_entry_says_what_parsing_it_whole_says(tmp_path_factory, rows):
    """For any seed names and redirects (a NEL in a name reads back as a space, whole or alone),
    and with no whole parse: the entries' readings are all it takes."""
    import generator.site.address_file as module

    articles = articles_of(rows)
    folder = tmp_path_factory.mktemp("read")
    seeds = after_a_build(folder, articles)
    expected = load_addresses(seeds)
    with pytest.MonkeyPatch.context() as patch:
        if articles:  # an empty list is written as `articles: []`: read whole, quickly
            patch.setattr(module, "load_addresses", lambda d: pytest.fail("parsed whole"))
        for _ in range(2):  # entries read alone, then their kept readings
            warm = memo(folder / "cache", articles)
            assert known_addresses(seeds, warm) == expected
            addresses_text(articles, warm)  # as a build does, which keeps the entries it wrote
            warm.save()


def test_only_the_new_entry_is_read_after_a_new_seed(tmp_path, monkeypatch):
    import generator.site.address_file as module

    before = articles_of([(f"a-{n}", f"s{n}.txt", (f"old-{n}",) * (n % 2)) for n in range(4)])
    seeds = after_a_build(tmp_path, before)
    first = memo(tmp_path / "cache", before)
    known_addresses(seeds, first)  # the build after it reads every entry once
    grown = (*before, Article(seed="new.txt", seed_sha256="", identity="f" * 64, slug="a-new"))
    (seeds / "addresses.yml").write_text(addresses_text(grown, first), encoding="utf-8")
    first.save()
    read = []
    real = module._reading
    monkeypatch.setattr(module, "_reading", lambda text: read.append(text) or real(text))
    monkeypatch.setattr(module, "load_addresses", lambda d: pytest.fail("parsed whole"))
    found = known_addresses(seeds, memo(tmp_path / "cache", grown))
    assert found == load_addresses(seeds)  # this module's name: the real reader
    assert len(read) == 1 and "a-new" in read[0]


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("seed: s1.txt", "seed: edited.txt"),
        lambda t: t.replace("- address: a-2", "- address: a-2\n  # a comment"),
        lambda t: t + "- {address: a-9, seed: s9.txt, text: '9'}\n",
        lambda t: t.replace("seed: s1.txt", "seed: [broken"),
        lambda t: "",
    ],
)
def test_a_file_with_any_other_text_is_parsed_whole(tmp_path, edit):
    articles = articles_of([(f"a-{n}", f"s{n}.txt", ()) for n in range(3)])
    seeds = after_a_build(tmp_path, articles)
    path = seeds / "addresses.yml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert known_addresses(seeds, memo(tmp_path / "cache", articles)) == load_addresses(seeds)


def test_a_missing_file_or_a_damaged_cache_is_not_trusted(tmp_path):
    articles = articles_of([(f"a-{n}", f"s{n}.txt", ()) for n in range(3)])
    seeds = after_a_build(tmp_path, articles)
    known_addresses(seeds, memo(tmp_path / "cache", articles))
    entry = tmp_path / "cache" / "render.entry"
    entry.write_bytes(entry.read_bytes()[:-9] + b"corrupted")
    assert known_addresses(seeds, memo(tmp_path / "cache", articles)) == load_addresses(seeds)
    (seeds / "addresses.yml").unlink()
    assert known_addresses(seeds, memo(tmp_path / "cache", articles)) == (NO_ADDRESSES, [])
