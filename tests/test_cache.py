"""generator/cache.py: a rebuild reuses per-seed results and only processes what changed."""
import shutil
from pathlib import Path

import pytest

from generator import pipeline
from generator.cache import SeedCache
from generator.config import load_config, parse_config

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(ROOT / "digest.yml")
NEW = ("Huawei signs a new chip supply deal\n\nBy Jane Doe\n\nThe company said on Monday that it had signed a "
       "supply agreement with a domestic chipmaker to replace American parts.\n")


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", folder)
    return folder


class _Processed:
    """Names of the seeds the per-seed stages ran on, written by the worker processes into a file."""

    def __init__(self, log: Path):
        self.log = log

    def __len__(self) -> int:
        return len(self.names)

    def __iter__(self):
        return iter(self.names)

    def clear(self) -> None:
        self.log.unlink(missing_ok=True)

    @property
    def names(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").split("\n")[:-1] if self.log.exists() else []


@pytest.fixture
def processed(monkeypatch, tmp_path):
    log = tmp_path / "processed.log"
    real = pipeline.process_seed

    def counting(seed, config):
        with log.open("a", encoding="utf-8") as handle:
            handle.write(seed.name + "\n")
        return real(seed, config)
    monkeypatch.setattr(pipeline, "process_seed", counting)
    return _Processed(log)


def pages(report):
    return {p.path: p.text for p in report.pages}


def test_second_run_processes_nothing_and_gives_the_same_pages(seeds, tmp_path, processed):
    first = pipeline.build(CONFIG, seeds, tmp_path / "docs", cache_dir=tmp_path / "cache")
    assert len(processed) == 5
    second = pipeline.build(CONFIG, seeds, tmp_path / "docs", cache_dir=tmp_path / "cache")
    assert len(processed) == 5, "cached seeds were processed again"
    assert pages(second) == pages(first) and not second.written


def test_only_new_and_edited_seeds_are_processed(seeds, tmp_path, processed):
    pipeline.build(CONFIG, seeds, tmp_path / "docs", cache_dir=tmp_path / "cache")
    processed.clear()
    (seeds / "new.txt").write_text(NEW, encoding="utf-8")
    edited = seeds / "002_b6c9b4640bf99f55.txt"
    edited.write_bytes(b"---\ndate: 2019-05-22\n---\n" + edited.read_bytes())
    report = pipeline.build(CONFIG, seeds, tmp_path / "docs", cache_dir=tmp_path / "cache")
    assert sorted(processed) == ["002_b6c9b4640bf99f55.txt", "new.txt"]
    assert {a.seed: a.date for a in report.articles}["002_b6c9b4640bf99f55.txt"] == "2019-05-22"


def test_cached_build_equals_uncached_build(seeds, tmp_path):
    pipeline.build(CONFIG, seeds, tmp_path / "warm", cache_dir=tmp_path / "cache")
    cached = pipeline.build(CONFIG, seeds, tmp_path / "docs1", cache_dir=tmp_path / "cache")
    fresh = pipeline.build(CONFIG, seeds, tmp_path / "docs2")
    assert pages(cached) == pages(fresh)


def test_a_config_change_invalidates_every_entry(seeds, tmp_path, processed):
    pipeline.build(CONFIG, seeds, tmp_path / "docs", cache_dir=tmp_path / "cache")
    processed.clear()
    other = parse_config({"site": {"title": "Other"}, "companies": [{"name": "Hikvision"}],
                          "topics": [{"slug": "x", "title": "X", "keywords": ["camera"]}]})
    pipeline.build(other, seeds, tmp_path / "docs", cache_dir=tmp_path / "cache")
    assert len(processed) == 5


def test_entries_of_deleted_seeds_are_pruned_and_a_corrupt_entry_is_a_miss(seeds, tmp_path):
    cache = tmp_path / "cache"
    pipeline.build(CONFIG, seeds, tmp_path / "docs", cache_dir=cache)
    (seeds / "000_5163b31a66d99eb6.txt").unlink()
    pipeline.build(CONFIG, seeds, tmp_path / "docs", cache_dir=cache)
    entries = sorted(cache.glob("*.pickle"))
    assert len(entries) == 4
    entries[0].write_bytes(b"not a pickle")
    assert SeedCache(cache, CONFIG).get(entries[0].stem) is None
    assert len(pipeline.build(CONFIG, seeds, tmp_path / "docs", cache_dir=cache).articles) == 4


@pytest.mark.parametrize("damage", ["truncate", "flip", "old-format"])
def test_a_damaged_entry_is_reported_and_rebuilt_never_trusted(seeds, tmp_path, processed, caplog,
                                                              damage):
    cache = tmp_path / "cache"
    first = pipeline.build(CONFIG, seeds, tmp_path / "docs", cache_dir=cache)
    entry = min(cache.glob("*.pickle"))
    data = entry.read_bytes()
    entry.write_bytes({"truncate": data[: len(data) // 2],
                       "flip": data[:-1] + bytes([data[-1] ^ 1]),
                       "old-format": data[data.index(b"\n") + 33:]}[damage])
    processed.clear()
    with caplog.at_level("WARNING", logger="generator.cache"):
        again = pipeline.build(CONFIG, seeds, tmp_path / "docs", cache_dir=cache)
    assert len(processed) == 1, "the damaged entry was trusted (or others were not)"
    assert "1 cache entry" in caplog.text and "processed again" in caplog.text
    assert pages(again) == pages(first)
    processed.clear()
    pipeline.build(CONFIG, seeds, tmp_path / "docs", cache_dir=cache)
    assert not processed, "the rebuilt entry was not stored again"


def test_per_seed_results_survive_a_change_to_page_code_only(tmp_path):
    from generator.cache import AFTER_PER_SEED, USED_PER_SEED, source_hash

    (tmp_path / "site" / "templates").mkdir(parents=True)
    (tmp_path / "extract").mkdir()
    files = {"extract/parse.py": "A = 1\n", "site/templates/page.md.j2": "{{ a }}\n",
             "site/addresses.py": "FILE = 'a'\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    def versions():
        return source_hash(tmp_path), source_hash(tmp_path, AFTER_PER_SEED, USED_PER_SEED)

    full, per_seed = versions()
    (tmp_path / "site/templates/page.md.j2").write_text("{{ b }}\n", encoding="utf-8")
    assert versions()[0] != full and versions()[1] == per_seed
    for name in ("site/addresses.py", "extract/parse.py"):
        (tmp_path / name).write_text("changed = True\n", encoding="utf-8")
        assert versions()[1] != per_seed
        per_seed = versions()[1]


def test_no_per_seed_module_imports_the_cross_seed_steps():
    """The cross-seed modules are left out of the per-seed results' key, which is only right
    while no module the per-seed stages run imports them (pipeline.py runs both halves)."""
    import re

    from generator.cache import AFTER_PER_SEED, CROSS_SEED

    package = Path(__file__).resolve().parent.parent / "generator"
    names = [Path(m).stem for m in CROSS_SEED]
    imports = re.compile(rf"^\s*from \S*(?:knowledge)?\.?({'|'.join(names)}) import|"
                         rf"^\s*from \S*knowledge import .*\b({'|'.join(names)})\b", re.MULTILINE)
    users = sorted(
        p.relative_to(package).as_posix()
        for p in package.rglob("*.py")
        if imports.search(p.read_text(encoding="utf-8"))
    )
    per_seed = [u for u in users if not u.startswith(AFTER_PER_SEED) and u != "pipeline.py"]
    assert users and per_seed == []


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_an_entry_leaves_the_collector_as_it_was(tmp_path, enabled):
    import gc

    from generator.cache import read_entry, write_entry

    write_entry(tmp_path / "x.entry", {"pages": [("a", "b")] * 3})
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        assert read_entry(tmp_path / "x.entry") == {"pages": [("a", "b")] * 3}
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
