"""The render cache changes how fast pages come, never what they are: a rebuild with nothing
changed, and one after adding a seed, leave exactly the docs/ tree a cold run from an empty cache
writes; a damaged cache file is rebuilt, never trusted."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from generator import pipeline
from generator.cache import read_entry
from generator.config import load_config
from generator.site.render_cache import FILE, PageRef

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(ROOT / "digest.yml")


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def synthetic(folder: Path, count: int, seed: int) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import synth
    finally:
        sys.path.remove(str(ROOT / "bench"))
    synth.write_corpus(folder, count, CONFIG, seed=seed)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """A small synthetic corpus plus the five real seeds, and one more seed to add later."""
    base = tmp_path_factory.mktemp("corpus")
    seeds = base / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    synthetic(seeds / "synthetic", 24, seed=11)
    synthetic(base / "extra", 1, seed=12)
    return base


@pytest.fixture(scope="module")
def built(corpus, tmp_path_factory) -> Path:
    """One cold build of the corpus from an empty cache (docs/ and cache/), copied by each test."""
    where = tmp_path_factory.mktemp("built")
    pipeline.build(CONFIG, corpus / "seeds", where / "docs", cache_dir=where / "cache")
    return where


def copy_of(built: Path, tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    shutil.copytree(built, tmp_path, dirs_exist_ok=True, copy_function=shutil.copy2)
    return tmp_path / "docs", tmp_path / "cache", tree(built / "docs")


def with_new_seed(corpus: Path, built: Path, tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    """The built corpus copied, with the spare seed added as `new_NAME`: (seeds, docs, cache,
    the spare seed's original path)."""
    seeds = tmp_path / "seeds"
    shutil.copytree(corpus / "seeds", seeds)
    docs, cache, _ = copy_of(built, tmp_path)
    added = next((corpus / "extra").iterdir())
    shutil.copy(added, seeds / "synthetic" / f"new_{added.name}")
    return seeds, docs, cache, added


def test_nothing_changed_and_one_new_seed_give_the_cold_tree(corpus, built, tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(corpus / "seeds", seeds)
    docs, cache, expected = copy_of(built, tmp_path)
    again = pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
    assert tree(docs) == expected
    assert again.written == () and again.removed == ()
    assert again.rendered == 0, "pages were rendered though nothing changed"
    changes = again.changes
    assert (changes.new, changes.changed, changes.removed) == (0, 0, 0) and changes.unchanged > 25

    added = next((corpus / "extra").iterdir())
    shutil.copy(added, seeds / "synthetic" / f"new_{added.name}")
    grown = pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
    assert grown.changes.new == 1
    assert 0 < grown.rendered < len(grown.pages), "the other articles' pages came from the cache"
    cold = tmp_path / "cold"
    pipeline.build(CONFIG, seeds, cold / "docs", cache_dir=cold / "cache")
    assert tree(docs) == tree(cold / "docs")


def test_a_damaged_render_cache_is_rebuilt_not_trusted(corpus, built, tmp_path, caplog):
    docs, cache, expected = copy_of(built, tmp_path)
    entry = cache / FILE
    data = entry.read_bytes()
    entry.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    with caplog.at_level("WARNING", logger="generator.cache"):
        again = pipeline.build(CONFIG, corpus / "seeds", docs, cache_dir=cache)
    assert "could not be trusted" in caplog.text
    assert again.rendered == len(again.pages)
    assert tree(docs) == expected


def test_an_edited_docs_file_is_put_back_though_the_manifest_knew_it(corpus, built, tmp_path):
    docs, cache, expected = copy_of(built, tmp_path)
    assert pipeline.build(CONFIG, corpus / "seeds", docs, cache_dir=cache).written == ()
    page = docs / "index.md"
    page.write_bytes(b"x" * page.stat().st_size)  # same size: only its time and bytes differ
    again = pipeline.build(CONFIG, corpus / "seeds", docs, cache_dir=cache)
    assert again.written == ("index.md",)
    assert tree(docs) == expected


def test_kept_pages_are_references_to_docs_and_a_missing_or_linked_file_is_rendered_again(
    corpus, built, tmp_path
):
    docs, cache, expected = copy_of(built, tmp_path)
    entries = read_entry(cache / FILE)["entries"].values()
    kept = [p for e in entries if isinstance(e, tuple) and e and isinstance(e[0], tuple) for p in e[0]]
    assert kept and all(isinstance(p, PageRef) for p in kept)  # no page text in the cache file
    articles = sorted(p.path for p in kept if p.path.startswith("articles/") and p.path != "articles/index.md")
    gone, linked = docs / articles[0], docs / articles[1]
    gone.unlink()
    copy = tmp_path / "elsewhere.md"
    copy.write_bytes(linked.read_bytes())
    linked.unlink()
    linked.symlink_to(copy)  # the same bytes, but not a file the build wrote
    again = pipeline.build(CONFIG, corpus / "seeds", docs, cache_dir=cache)
    assert set(again.written) == {articles[0], articles[1]}
    assert again.rendered >= 2 and not linked.is_symlink()
    assert tree(docs) == expected


def test_a_new_seed_renders_only_the_company_and_topic_pages_it_joins(corpus, built, tmp_path, monkeypatch):
    from generator.site import render

    seeds, docs, cache, added = with_new_seed(corpus, built, tmp_path)
    seen: list[str] = []
    company, topic = render.render_company, render.render_topic
    monkeypatch.setattr(render, "render_company", lambda c, *a: seen.append(c.name) or company(c, *a))
    monkeypatch.setattr(render, "render_topic", lambda t, *a: seen.append(t.slug) or topic(t, *a))
    grown = pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
    new = next(a for a in grown.articles if a.seed.endswith(f"new_{added.name}"))
    joined = {*new.companies, *new.passing_companies, *new.topics}
    story = [a for a in grown.articles if new.story and a.story == new.story]
    # A story the new seed joins is listed on the pages of every company and topic it names.
    joined |= {n for a in story for n in (*a.companies, *a.topics)}
    assert set(seen) <= joined and len(seen) < len(CONFIG.companies) + len(CONFIG.topics)
    cold = tmp_path / "cold"
    pipeline.build(CONFIG, seeds, cold / "docs")
    assert tree(docs) == tree(cold / "docs")


def test_a_new_site_address_renders_the_feeds_again(corpus, built, tmp_path, monkeypatch):
    # The feeds' links are absolute, from SITE_URL when digest.yml names no address: a cached
    # feed would keep the old address.
    docs, cache, _ = copy_of(built, tmp_path)
    monkeypatch.setenv("SITE_URL", "https://digest.example.org/news/")
    pipeline.build(CONFIG, corpus / "seeds", docs, cache_dir=cache)
    cold = tmp_path / "cold"
    pipeline.build(CONFIG, corpus / "seeds", cold / "docs", cache_dir=cold / "cache")
    assert "https://digest.example.org/news/" in (cold / "docs" / "feeds" / "all.xml").read_text()
    assert tree(docs) == tree(cold / "docs")


def test_a_new_seed_computes_only_its_own_story_features(corpus, built, tmp_path, monkeypatch):
    from generator.knowledge import stories

    seeds, docs, cache, _ = with_new_seed(corpus, built, tmp_path)
    computed: list[str] = []
    real = stories.features
    monkeypatch.setattr(stories, "features", lambda a: computed.append(a.seed) or real(a))
    grown = pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
    assert computed == [next(a.seed for a in grown.articles if "new_" in a.seed)]
    cold = tmp_path / "cold"
    pipeline.build(CONFIG, seeds, cold / "docs")  # no cache: every feature computed afresh
    assert tree(docs) == tree(cold / "docs")
    # An edited article gets its features computed again, not the old ones.
    computed.clear()
    edited = min((seeds / "synthetic").iterdir())
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more closing line.\n",
                      encoding="utf-8")
    pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
    assert computed == [f"synthetic/{edited.name}"]


def test_a_new_seed_renders_only_its_feeds_and_encodes_only_its_export_row(
    corpus, built, tmp_path, monkeypatch
):
    from generator.site import export, feeds

    seeds, docs, cache, _ = with_new_seed(corpus, built, tmp_path)
    paths: list[str] = []
    records: list[str] = []
    atom, record = feeds.atom, export.export_record
    monkeypatch.setattr(feeds, "atom", lambda b, path, *a: paths.append(path) or atom(b, path, *a))
    monkeypatch.setattr(
        export, "export_record", lambda a, *rest: records.append(a.seed) or record(a, *rest)
    )
    grown = pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
    new = next(a for a in grown.articles if "new_" in a.seed)
    assert records == [new.seed], "the other articles' export rows came from the cache"
    feed_count = sum(1 for p in grown.pages if p.path.startswith("feeds/") and ".xml" in p.path)
    assert "feeds/all" in paths and len(paths) < feed_count
    cold = tmp_path / "cold"
    pipeline.build(CONFIG, seeds, cold / "docs")
    assert tree(docs) == tree(cold / "docs")


@pytest.mark.parametrize("how", ["change", "remove"])
def test_a_changed_or_removed_seed_gives_the_cold_tree(corpus, built, tmp_path, how):
    seeds = tmp_path / "seeds"
    shutil.copytree(corpus / "seeds", seeds)
    docs, cache, _ = copy_of(built, tmp_path)
    victim = sorted((seeds / "synthetic").iterdir())[3]
    if how == "remove":
        victim.unlink()
    else:  # a longer text: its word count is in its page, its export row and its listings
        text = victim.read_text(encoding="utf-8")
        more = "\nThe company said it would appeal the ruling before the end of the month.\n"
        victim.write_text(text + more * 40, encoding="utf-8")
    again = pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
    assert 0 < again.rendered < len(again.pages)
    cold = tmp_path / "cold"
    pipeline.build(CONFIG, seeds, cold / "docs")
    assert tree(docs) == tree(cold / "docs")
    # The next build after it, with nothing changed, renders nothing: every entry was kept.
    assert pipeline.build(CONFIG, seeds, docs, cache_dir=cache).rendered == 0


def story_of(report, seed: str) -> str | None:
    return next(a.story for a in report.articles if a.seed == seed)


def test_a_seed_that_joins_then_splits_a_story_gives_the_cold_tree_each_time(
    corpus, built, tmp_path
):
    """Stories, related reading, digests and listings all read across articles: a seed joining a
    story (another outlet's copy of the lone 2017 report), then leaving it (edited into another
    report), then removed, each leaves the tree a cold build of the same seeds writes."""
    seeds = tmp_path / "seeds"
    shutil.copytree(corpus / "seeds", seeds)
    docs, cache, _ = copy_of(built, tmp_path)
    lone = next(p for p in seeds.iterdir() if p.name.startswith("000_"))
    copy = seeds / "000_copy.txt"
    assert story_of(pipeline.build(CONFIG, seeds, None), f"{lone.name}") is None

    def rebuilt_like_cold(step: str):
        again = pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
        cold = tmp_path / f"cold-{step}"
        pipeline.build(CONFIG, seeds, cold / "docs")
        assert tree(docs) == tree(cold / "docs"), step
        assert 0 < again.rendered < len(again.pages), step
        return again

    copy.write_text(lone.read_text(encoding="utf-8") + "\nThe company did not comment.\n",
                    encoding="utf-8")
    joined = rebuilt_like_cold("join")
    assert story_of(joined, lone.name) is not None
    assert story_of(joined, lone.name) == story_of(joined, copy.name)

    copy.write_text(next((corpus / "extra").iterdir()).read_text(encoding="utf-8"),
                    encoding="utf-8")
    split = rebuilt_like_cold("split")
    assert story_of(split, lone.name) is None and story_of(split, copy.name) != story_of(
        joined, lone.name
    )

    copy.unlink()
    rebuilt_like_cold("remove")
    assert pipeline.build(CONFIG, seeds, docs, cache_dir=cache).rendered == 0


@pytest.mark.parametrize("name", ["stories.entry", "story-features.entry", "render.entry",
                                  "seeds.entry"])
@pytest.mark.parametrize("damage", ["flipped byte", "older format", "truncated"])
def test_a_damaged_or_old_cross_seed_cache_file_is_rebuilt_not_trusted(
    corpus, built, tmp_path, caplog, name, damage
):
    from generator.cache import ENTRY_FORMAT

    seeds, docs, cache, _ = with_new_seed(corpus, built, tmp_path)
    entry = cache / name
    data = entry.read_bytes()
    if damage == "flipped byte":
        data = data[:-1] + bytes([data[-1] ^ 1])
    elif damage == "older format":
        data = ENTRY_FORMAT.replace(b"/2", b"/1") + data[len(ENTRY_FORMAT):]
    else:
        data = data[: len(data) // 2]
    entry.write_bytes(data)
    with caplog.at_level("WARNING", logger="generator.cache"):
        pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
    assert "could not be trusted" in caplog.text
    cold = tmp_path / "cold"
    pipeline.build(CONFIG, seeds, cold / "docs")
    assert tree(docs) == tree(cold / "docs")
    assert cache.joinpath(name).read_bytes().startswith(ENTRY_FORMAT), "not written again"
