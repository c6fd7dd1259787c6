"""A build that finds every input as the last build left it returns that build's report without
reading anything, and only then: any edit to a seed (even one that keeps its size and time), the
addresses file, a generated page, a stale page in docs/ or SITE_URL runs the build, and what it
leaves equals a cold build's."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from test_render_cache import CONFIG, ROOT, synthetic, tree

from generator import pipeline, unchanged
from generator.site import write

SHORTCUT = "unchanged since the last build"


def took_shortcut(report) -> bool:
    return [name for name, _ in report.stages] == [SHORTCUT]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("corpus")
    shutil.copytree(ROOT / "seeds", base / "seeds")
    synthetic(base / "seeds" / "synthetic", 12, seed=21)
    return base


@pytest.fixture
def steady(monkeypatch):
    """Files written a moment ago count as settled: the tests write seeds and build at once."""
    monkeypatch.setattr(unchanged, "RACY_NS", 0)
    monkeypatch.setattr(write, "RACY_NS", 0)


def project(corpus: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    seeds = tmp_path / "seeds"
    shutil.copytree(corpus / "seeds", seeds)
    return seeds, tmp_path / "docs", tmp_path / "cache"


def cold(seeds: Path, where: Path) -> dict[str, bytes]:
    pipeline.build(CONFIG, seeds, where / "docs")
    return tree(where / "docs")


def test_a_second_build_with_nothing_changed_is_the_first_ones_report(corpus, tmp_path, steady):
    seeds, docs, cache = project(corpus, tmp_path)
    first = pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
    again = pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
    assert took_shortcut(again)
    assert again.articles == first.articles and again.problems == first.problems
    assert again.pages == first.pages and again.addresses == first.addresses
    assert again.seeds_seen == first.seeds_seen
    assert (again.written, again.removed, again.rendered) == ((), (), 0)
    changes = again.changes
    assert (changes.new, changes.changed, changes.removed) == (0, 0, 0)
    assert changes.unchanged == first.changes.new


def test_an_edit_that_keeps_size_and_time_still_runs_the_build(corpus, tmp_path, steady):
    seeds, docs, cache = project(corpus, tmp_path)
    pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
    seed = min((seeds / "synthetic").iterdir())
    st = seed.stat()
    text = seed.read_bytes()
    seed.write_bytes(text.replace(b"a", b"e", 1) if b"a" in text else text[:-1] + b"!")
    os.utime(seed, ns=(st.st_atime_ns, st.st_mtime_ns))  # as `touch -r` would leave it
    assert seed.stat().st_size == st.st_size and seed.stat().st_mtime_ns == st.st_mtime_ns
    edited = pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
    assert not took_shortcut(edited)
    assert tree(docs) == cold(seeds, tmp_path / "cold")


def test_a_new_seed_and_a_new_addresses_file_run_the_build(corpus, tmp_path, steady):
    seeds, docs, cache = project(corpus, tmp_path)
    first = pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
    (seeds / "addresses.yml").write_text(first.addresses, encoding="utf-8")
    assert not took_shortcut(pipeline.build(CONFIG, seeds, docs, cache_dir=cache))
    assert took_shortcut(pipeline.build(CONFIG, seeds, docs, cache_dir=cache))
    synthetic(tmp_path / "extra", 1, seed=22)
    added = next((tmp_path / "extra").iterdir())
    shutil.copy(added, seeds / f"new-{added.name}")
    grown = pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
    assert not took_shortcut(grown) and len(grown.articles) == len(first.articles) + 1
    assert tree(docs) == cold(seeds, tmp_path / "cold")


@pytest.mark.parametrize("damage", ["edit", "edit-keeping-stat", "delete", "stale"])
def test_a_touched_docs_folder_runs_the_build_and_is_put_right(corpus, tmp_path, steady, damage):
    seeds, docs, cache = project(corpus, tmp_path)
    pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
    expected = tree(docs)
    page = docs / "index.md"
    if damage == "edit":
        page.write_text("# Mine now\n", encoding="utf-8")
    elif damage == "edit-keeping-stat":  # same size, modification time put back: `touch -r`
        st = page.stat()
        page.write_bytes(page.read_bytes()[:-2] + b"!\n")
        os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert (page.stat().st_size, page.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    elif damage == "delete":
        page.unlink()
    else:
        (docs / "articles" / "left-over.md").write_text("# Old\n", encoding="utf-8")
    again = pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
    assert not took_shortcut(again)
    assert tree(docs) == expected


def test_another_site_url_runs_the_build(corpus, tmp_path, steady, monkeypatch):
    seeds, docs, cache = project(corpus, tmp_path)
    monkeypatch.delenv("SITE_URL", raising=False)
    pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
    monkeypatch.setenv("SITE_URL", "https://news.example.org/")
    assert not took_shortcut(pipeline.build(CONFIG, seeds, docs, cache_dir=cache))


def test_seeds_written_just_now_are_not_remembered(corpus, tmp_path):
    seeds, docs, cache = project(corpus, tmp_path)  # copied a moment ago: within RACY_NS
    pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
    assert not (cache / unchanged.FILE).exists()
    assert not took_shortcut(pipeline.build(CONFIG, seeds, docs, cache_dir=cache))


def test_a_seed_behind_a_link_is_never_taken_on_its_stat(corpus, tmp_path, steady):
    seeds, docs, cache = project(corpus, tmp_path)
    target = min((seeds / "synthetic").iterdir())
    (seeds / f"link-{target.name}").symlink_to(target)  # inside seeds/: read through the link
    pipeline.build(CONFIG, seeds, docs, cache_dir=cache)
    assert not took_shortcut(pipeline.build(CONFIG, seeds, docs, cache_dir=cache))


GENERATE = """
import sys
from generator import unchanged
from generator.site import write
unchanged.RACY_NS = write.RACY_NS = 0  # the test's seeds were written a moment ago
from generator.cli import main
try:
    main(["generate", "--seeds", sys.argv[1], "--docs", sys.argv[2], "--cache", sys.argv[3],
          "--config", sys.argv[4]])
except SystemExit:
    pass
print(sorted(m for m in ("generator.pipeline", "matplotlib", "trafilatura", "numpy", "ftfy",
                        "charset_normalizer") if m in sys.modules))
"""


def test_nothing_changed_imports_none_of_the_build(corpus, tmp_path):
    # The extraction, knowledge and site modules were most of a build with nothing to do.
    import subprocess
    import sys

    seeds, docs, cache = project(corpus, tmp_path)
    args = [sys.executable, "-c", GENERATE, str(seeds), str(docs), str(cache),
            str(ROOT / "digest.yml")]
    # The first build writes seeds/addresses.yml, an input of the second: the third has nothing
    # to do.
    runs = [subprocess.run(args, capture_output=True, text=True, check=True, cwd=ROOT,
                           timeout=600) for _ in range(3)]
    first, _, again = (r.stdout.strip().splitlines()[-1] for r in runs)
    assert "generator.pipeline" in first  # the first build did the work
    assert again == "[]", runs[2].stderr[-2000:]
    assert SHORTCUT in runs[2].stderr


def test_a_stored_page_reads_its_text_only_when_asked_and_equals_the_page(tmp_path):
    from generator.records import Page, StoredPage

    source = tmp_path / "articles" / "a.md"
    source.parent.mkdir()
    source.write_text("# A\n\nText é.\n", encoding="utf-8")
    stored = StoredPage("articles/a.md", tmp_path)
    assert "text" not in vars(stored)  # nothing read yet
    assert stored == Page("articles/a.md", "# A\n\nText é.\n")
    assert Page("articles/a.md", "# A\n\nText é.\n") == stored
    assert hash(stored) == hash(Page("articles/a.md", "# A\n\nText é.\n"))
    assert stored != Page("articles/a.md", "other") and stored != Page("b.md", stored.text)


def test_the_console_shows_the_same_with_nothing_changed(corpus, tmp_path, steady):
    # The CLI's shortcut reads only the articles' outlines: counts, problems and -v's dropped
    # lines must be what the build that ran printed.
    from click.testing import CliRunner

    from generator.cli import main

    seeds, docs, cache = project(corpus, tmp_path)
    args = ["generate", "-v", "--seeds", str(seeds), "--docs", str(docs), "--cache", str(cache),
            "--config", str(ROOT / "digest.yml")]
    outputs = [CliRunner().invoke(main, args, catch_exceptions=False).output for _ in range(3)]

    def shown(output: str) -> list[str]:
        return [line for line in output.splitlines()
                if not line.startswith(("summary: time", "summary: pages", "summary: seeds"))
                and "updated: commit it" not in line]

    assert SHORTCUT in outputs[2] and SHORTCUT not in outputs[1]
    assert "dropped (" in outputs[1]
    assert shown(outputs[2]) == shown(outputs[1])
