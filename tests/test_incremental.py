"""The incremental site build (generator/site/incremental.py) gives the same bytes as a full build.

Each case builds a small corpus (the real seeds plus a few synthetic ones), changes it, regenerates
the pages and rebuilds incrementally, then compares the whole site tree, search index, feeds,
sitemap and redirects included, byte for byte with MkDocs' own full build of the same pages.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import mkdocs.utils
import pytest

from generator import pipeline
from generator.site import incremental
from generator.site.write import SITE_CACHE, build_site

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC = 6
BUILD_DATE = "1767225600"
"""SOURCE_DATE_EPOCH for every build here: the sitemap's dates do not depend on the day."""
HAND_WRITTEN = ("about.md", "stylesheets")
PROJECT_PARTS = ("overrides", "generator")
"""What mkdocs.yml refers to (theme overrides, hooks): linked beside each test's copy of it."""


class Project:
    """A throw-away project folder: seeds, docs, cache, site and its own copy of mkdocs.yml."""

    def __init__(self, folder: Path, config):
        self.folder, self.config, self.spare = folder, config, folder / "spare"
        self.seeds, self.docs = folder / "seeds", folder / "docs"
        self.cache, self.site = folder / ".cache", folder / "site"
        self.mkdocs_yml = folder / "mkdocs.yml"
        if self.mkdocs_yml.exists():
            return
        shutil.copy(ROOT / "mkdocs.yml", self.mkdocs_yml)
        for name in PROJECT_PARTS:
            (folder / name).symlink_to(ROOT / name)
        self.docs.mkdir()
        for name in HAND_WRITTEN:
            copy = shutil.copytree if (ROOT / "docs" / name).is_dir() else shutil.copy
            copy(ROOT / "docs" / name, self.docs / name)

    def generate(self) -> None:
        pipeline.build(self.config, self.seeds, self.docs, cache_dir=self.cache)

    def build(self, full: bool = False, engine: str = "lunr") -> incremental.BuildStats:
        return build_site(self.mkdocs_yml, self.docs, self.site, False, engine,
                          cache_dir=self.cache, full=full)

    def reference(self, folder: Path, engine: str = "lunr") -> Path:
        """MkDocs' own build (no cache) of the same pages."""
        build_site(self.mkdocs_yml, self.docs, folder, False, engine)
        return folder


@pytest.fixture(scope="module")
def base(tmp_path_factory, digest_config) -> tuple[Path, Path]:
    """(project folder, MkDocs' own build of it): the real seeds and synthetic ones, generated and
    built once with a cache; the last synthetic seed is kept aside (`spare`) as the new one."""
    folder = tmp_path_factory.mktemp("base")
    date = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = BUILD_DATE
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from synth import write_corpus

        shutil.copytree(ROOT / "seeds", folder / "seeds")
        write_corpus(folder / "synthetic", SYNTHETIC, digest_config)
        *kept, spare = sorted((folder / "synthetic").iterdir())
        for path in kept:
            shutil.copy(path, folder / "seeds" / path.name)
        shutil.copy(spare, folder / "spare")
        shutil.rmtree(folder / "synthetic")
        project = Project(folder, digest_config)
        project.generate()
        first = project.build()
        assert first.reused == 0 and first.full_reason == "no manifest of a previous build"
        reference = project.reference(tmp_path_factory.mktemp("base-reference") / "site")
    finally:
        sys.path.remove(str(ROOT / "bench"))
        os.environ.pop("SOURCE_DATE_EPOCH")
        if date is not None:
            os.environ["SOURCE_DATE_EPOCH"] = date
    return folder, reference


@pytest.fixture()
def project(tmp_path, base, digest_config, monkeypatch) -> Project:
    """A copy of the base project (times kept, so its site still matches its manifest)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DATE)
    shutil.copytree(base[0], tmp_path / "project", symlinks=True)
    return Project(tmp_path / "project", digest_config)


@pytest.fixture()
def unchanged(base) -> Path:
    """MkDocs' own build of the base project's pages."""
    return base[1]


NAVIGATION = {
    f"{section}index.html"
    for section in ("", "stories/", "timeline/", "companies/", "topics/", "articles/", "browse/",
                    "publications/", "authors/", "about/")
}


def tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def assert_same_site(
    built: Path, reference: Path, whole_site: tuple[str, ...] = (), unstable=lambda name: False
) -> None:
    got, want = tree(built), tree(reference)
    got = {name: data for name, data in got.items() if not unstable(name)}
    want = {name: data for name, data in want.items() if not unstable(name)}
    assert sorted(got) == sorted(want)
    different = [name for name in want if got[name] != want[name]]
    assert different == []
    assert set(whole_site or WHOLE_SITE_FILES) <= set(got)


WHOLE_SITE_FILES = (
    "search/search_index.json",
    "sitemap.xml",
    "sitemap.xml.gz",
    "404.html",
    "feeds/all.xml",
    "feeds/all.json",
    "browse/index.json",
    "tags/index.html",
    "data/articles.json",
)
"""Files built from every page: the comparison must include them."""


def test_adding_a_seed_renders_only_what_depends_on_it(project, tmp_path):
    shutil.copy(project.spare, project.seeds / project.spare.name)
    project.generate()
    stats = project.build()
    assert stats.full_reason is None
    assert 0 < stats.rendered < stats.reused
    assert "articles/index.html" in stats.changed
    assert_same_site(project.site, project.reference(tmp_path / "reference"))


def test_adding_a_seed_under_pagefind_gives_the_full_builds_index(project, tmp_path):
    """The Pagefind index of an incremental build (unchanged shards copied from the cache) is the
    one a full build without any cache writes."""
    project.build(engine="pagefind")  # the previous build, with its Pagefind cache
    shutil.copy(project.spare, project.seeds / project.spare.name)
    project.generate()
    stats = project.build(engine="pagefind")
    assert stats.full_reason is None and stats.reused > 0
    built = tree(project.site)
    assert any(name.startswith("pagefind/") for name in built)
    reference = project.reference(tmp_path / "reference", "pagefind")
    # Pagefind itself writes its filter files in hash-map order, so two full runs over the same
    # pages already differ there and in the metadata file (and in the entry file that names them): pagefind/pagefind#638.
    # Their number, and every other file (fragments, word index, scripts), must be the same.
    assert_same_site(project.site, reference, WHOLE_SITE_FILES[1:], _unstable_pagefind_name)
    assert len([n for n in tree(project.site) if "/filter/" in n]) == len(
        [n for n in tree(reference) if "/filter/" in n]
    )


def _unstable_pagefind_name(name: str) -> bool:
    return name.startswith("pagefind") and (
        "/filter/" in name or name.endswith(("pagefind-entry.json", ".pf_meta"))
    )


def test_nothing_changed_renders_only_the_tag_listing(project, unchanged):
    project.generate()
    stats = project.build()
    # The tag listing gathers every page's tags. The pages in the navigation show their
    # neighbours' titles, which mkdocs.yml gives (they are in the site key): reused too.
    assert stats.changed == {"tags/index.html"}
    assert NAVIGATION <= set(tree(project.site))
    assert_same_site(project.site, unchanged)


def test_an_untitled_navigation_entry_means_a_full_build(project, tmp_path):
    # Its title comes from its page's heading, shown on every page: the key cannot see it.
    text = project.mkdocs_yml.read_text(encoding="utf-8")
    assert "  - About: about.md\n" in text
    project.mkdocs_yml.write_text(text.replace("  - About: about.md\n", "  - about.md\n"),
                                  encoding="utf-8")
    project.build()
    about = project.docs / "about.md"
    about.write_text(about.read_text(encoding="utf-8").replace("# ", "# Renamed ", 1),
                     encoding="utf-8")
    stats = project.build()
    assert stats.reused == 0 and "about.md has no title in mkdocs.yml" in stats.full_reason
    assert_same_site(project.site, project.reference(tmp_path / "reference"))
    assert "Renamed" in (project.site / "index.html").read_text(encoding="utf-8")


def test_removing_a_seed(project, tmp_path):
    removed = min(project.seeds.glob("000*"))
    removed.unlink()
    project.generate()
    stats = project.build()
    assert stats.full_reason is None and stats.reused > 0
    assert_same_site(project.site, project.reference(tmp_path / "reference"))


def test_changing_a_title(project, tmp_path):
    seed = sorted(project.seeds.glob("000*"))[1]
    text = seed.read_bytes()
    seed.write_bytes(b"---\ntitle: A headline nobody wrote before\n---\n" + text)
    project.generate()
    before = set(tree(project.site))
    stats = project.build()
    assert stats.full_reason is None and stats.reused > 0
    assert set(tree(project.site)) != before  # the article moved to a new address
    assert_same_site(project.site, project.reference(tmp_path / "reference"))


def test_a_site_wide_change_renders_everything(project, tmp_path):
    text = project.mkdocs_yml.read_text(encoding="utf-8")
    project.mkdocs_yml.write_text(
        text.replace("site_description: ", "site_description: Changed. "), encoding="utf-8"
    )
    stats = project.build()
    assert stats.reused == 0 and "site-wide input changed" in stats.full_reason
    assert_same_site(project.site, project.reference(tmp_path / "reference"))


def test_full_forces_every_page(project):
    stats = project.build(full=True)
    assert stats.reused == 0 and stats.full_reason == "asked for a full build"


@pytest.mark.parametrize(
    "damage, reason",
    [
        (lambda data: data[: len(data) // 2], "corrupt"),
        (lambda data: data.replace(incremental.MANIFEST_FORMAT.encode(), b"old/0"), "format"),
        (lambda data: b"", "another format"),
    ],
)
def test_a_damaged_manifest_is_never_trusted(project, unchanged, damage, reason):
    manifest = project.cache / SITE_CACHE / incremental.MANIFEST_NAME
    manifest.write_bytes(damage(manifest.read_bytes()))
    stats = project.build()
    assert stats.reused == 0 and reason in stats.full_reason
    assert_same_site(project.site, unchanged)


def test_an_edited_previous_site_means_a_full_build(project, unchanged):
    page = next(project.site.glob("articles/*/index.html"))
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<!-- edited --></body>"))
    stats = project.build()
    assert stats.reused == 0 and "is not the file the last build wrote" in stats.full_reason
    assert_same_site(project.site, unchanged)


def test_a_shared_file_is_unlinked_before_it_is_written(tmp_path):
    """Reused pages are hard links into the previous site: writing one must not change the old."""
    old, new = tmp_path / "old.html", tmp_path / "new.html"
    old.write_bytes(b"previous")
    os.link(old, new)
    with incremental._links_broken_before_writing():
        mkdocs.utils.write_file(b"rendered", str(new))
    assert old.read_bytes() == b"previous" and new.read_bytes() == b"rendered"
    assert mkdocs.utils.write_file is not None and "safe" not in mkdocs.utils.write_file.__name__


def test_a_theme_asset_is_linked_from_the_previous_site(project):
    asset = next(project.site.glob("assets/javascripts/bundle.*.min.js"))
    before = asset.stat().st_ino
    project.build()
    assert (project.site / asset.relative_to(project.site)).stat().st_ino == before


def test_a_changed_static_file_is_copied_again(project, tmp_path):
    css = project.docs / "stylesheets" / "extra.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    stats = project.build()
    assert stats.full_reason is None
    assert (project.site / "stylesheets" / "extra.css").read_bytes() == css.read_bytes()
    assert_same_site(project.site, project.reference(tmp_path / "reference"))


def test_markdown_rewritten_with_the_same_bytes_is_reused(project):
    page = next(project.docs.glob("articles/*.md"))
    page.write_bytes(page.read_bytes())  # a new change time: the bytes are hashed again
    stats = project.build()
    assert stats.changed == {"tags/index.html"}


def test_markdown_changed_behind_its_size_and_time_is_rendered(project, tmp_path):
    # Same length, modification time put back: the change time still tells.
    page = next(project.docs.glob("articles/*.md"))
    before = page.stat()
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("# ", "# X", 1)[:-1], encoding="utf-8")
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert page.stat().st_size == before.st_size
    stats = project.build()
    assert len(stats.changed) > 1
    assert_same_site(project.site, project.reference(tmp_path / "reference"))


def test_adding_a_seed_to_a_sharded_pagefind_index_gives_the_full_builds_index(
    project, tmp_path, monkeypatch
):
    """As above with an index in shards (a few pages each, as at 10,000 articles): the shards a
    new seed leaves alone are copied from the cache, and the whole is a full build's index."""
    from generator.site import search

    monkeypatch.setitem(search.index_with_pagefind.__kwdefaults__, "shard_pages", 4)
    project.build(engine="pagefind")
    shutil.copy(project.spare, project.seeds / project.spare.name)
    project.generate()
    project.build(engine="pagefind")
    shards = sorted(p.name for p in project.site.glob("pagefind*"))
    assert len(shards) > 2
    reference = project.reference(tmp_path / "reference", "pagefind")
    assert_same_site(project.site, reference, WHOLE_SITE_FILES[1:], _unstable_pagefind_name)
