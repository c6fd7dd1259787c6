"""Writing pages: only inside docs/, never through a symbolic link, all paths checked before the first
write, unchanged pages left alone, stale generated pages removed and nothing else."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.records import Page
from generator.site.write import WriteError, build_site, write_pages


@pytest.fixture
def docs(tmp_path) -> Path:
    path = tmp_path / "docs"
    path.mkdir()
    (path / "about.md").write_text("# About\n")
    return path


@pytest.fixture
def outside(tmp_path) -> Path:
    path = tmp_path / "outside"
    path.mkdir()
    (path / "victim.md").write_text("precious\n")
    return path


def files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): ("link" if p.is_symlink() else p.read_text())
            for p in sorted(root.rglob("*")) if p.is_file() or p.is_symlink()}


def test_writes_changed_pages_only_and_removes_stale_ones(docs):
    pages = [Page("index.md", "home\n"), Page("articles/a.md", "a\n"), Page("articles/b.md", "b\n")]
    assert write_pages(pages, docs) == (["articles/a.md", "articles/b.md", "index.md"], [])
    assert write_pages(pages, docs) == ([], [])
    (docs / "articles" / "notes.txt").write_text("not a page")
    written, removed = write_pages([Page("index.md", "home 2\n"), Page("articles/a.md", "a\n")], docs)
    assert (written, removed) == (["index.md"], ["articles/b.md"])
    assert files(docs) == {"about.md": "# About\n", "articles/a.md": "a\n", "articles/notes.txt": "not a page",
                           "index.md": "home 2\n"}


@pytest.mark.parametrize("path", ["../escape.md", "/etc/escape.md", "articles/../../escape.md", "", ".",
                                  "articles/..", "articles\\..\\..\\escape.md"])
def test_paths_leaving_docs_are_refused_before_anything_is_written(docs, path):
    with pytest.raises(WriteError, match="refusing to write"):
        write_pages([Page("articles/good.md", "good\n"), Page(path, "evil\n")], docs)
    assert files(docs) == {"about.md": "# About\n"}
    assert not (docs.parent / "escape.md").exists()


def test_two_pages_on_one_path_are_refused(docs):
    with pytest.raises(WriteError, match="same path"):
        write_pages([Page("articles/a.md", "1"), Page("articles/a.md", "2")], docs)


def test_a_linked_folder_leading_out_is_refused(docs, outside):
    (docs / "articles").symlink_to(outside, target_is_directory=True)
    with pytest.raises(WriteError, match="symbolic link"):
        write_pages([Page("articles/victim.md", "overwritten\n")], docs)
    assert files(outside) == {"victim.md": "precious\n"}


def test_a_link_where_a_page_goes_is_replaced_not_written_through(docs, outside):
    (docs / "articles").mkdir()
    (docs / "articles" / "a.md").symlink_to(outside / "victim.md")
    write_pages([Page("articles/a.md", "new\n")], docs)
    assert not (docs / "articles" / "a.md").is_symlink() and (docs / "articles" / "a.md").read_text() == "new\n"
    assert files(outside) == {"victim.md": "precious\n"}


def test_a_link_planted_as_the_temporary_file_is_not_followed(docs, outside):
    (docs / "articles").mkdir()
    (docs / "articles" / ".a.md.tmp").symlink_to(outside / "victim.md")
    write_pages([Page("articles/a.md", "new\n")], docs)
    assert files(outside) == {"victim.md": "precious\n"}
    assert (docs / "articles" / "a.md").read_text() == "new\n"


def test_stale_links_are_removed_as_links(docs, outside):
    (docs / "articles").mkdir()
    (docs / "articles" / "old.md").symlink_to(outside / "victim.md")
    (docs / "articles" / "dangling.md").symlink_to(outside / "gone.md")
    _, removed = write_pages([Page("index.md", "home\n")], docs)
    assert removed == ["articles/dangling.md", "articles/old.md"]
    assert files(outside) == {"victim.md": "precious\n"}


def test_hand_written_pages_are_never_removed(docs):
    (docs / "stylesheets").mkdir()
    (docs / "stylesheets" / "extra.css").write_text("a{}")
    (docs / "notes.md").write_text("mine")
    write_pages([Page("index.md", "home\n")], docs)
    assert files(docs) == {"about.md": "# About\n", "index.md": "home\n", "notes.md": "mine",
                           "stylesheets/extra.css": "a{}"}


def test_written_files_are_regular_and_readable(docs):
    write_pages([Page("articles/x.md", "ünïcødé ‹script›\n")], docs)
    path = docs / "articles" / "x.md"
    assert path.read_bytes() == "ünïcødé ‹script›\n".encode()
    assert oct(path.stat().st_mode & 0o777) in ("0o644", oct(0o666 & ~_umask()))
    assert not list(path.parent.glob(".*.tmp"))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_build_site_keeps_the_strictness_of_mkdocs_yml(tmp_path, monkeypatch):
    """--strict can only add strictness: a config with `strict: true` stays strict without it."""
    from mkdocs.exceptions import Abort
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n[broken](missing.md)\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\ntheme: mkdocs\nstrict: true\n")
    with pytest.raises(Abort):
        build_site(config, docs, tmp_path / "site", strict=False)
    config.write_text("site_name: t\ntheme: mkdocs\n")
    build_site(config, docs, tmp_path / "site", strict=False)
    with pytest.raises(Abort):
        build_site(config, docs, tmp_path / "site", strict=True)


def test_a_failure_while_writing_leaves_the_previous_docs(docs, monkeypatch):
    """Pages are staged first: an error before the last page is staged changes nothing in docs/."""
    from generator.site import write
    write_pages([Page("index.md", "old home\n"), Page("articles/a.md", "old a\n")], docs)
    before = files(docs)
    real_stage = write._stage

    def crash_on_second(staging, number, text):
        if number == 1:
            raise KeyboardInterrupt
        return real_stage(staging, number, text)

    monkeypatch.setattr(write, "_stage", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        write_pages([Page("index.md", "new home\n"), Page("articles/a.md", "new a\n"),
                     Page("articles/b.md", "new b\n")], docs)
    assert files(docs) == before
    assert not [p for p in docs.iterdir() if p.name.startswith(".staging-")]


def test_a_failed_site_build_leaves_the_previous_site(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\ntheme: mkdocs\n")
    site = tmp_path / "site"
    build_site(config, docs, site, strict=False)
    assert (site / "index.html").is_file() and oct(site.stat().st_mode & 0o777) == "0o755"
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (docs / "index.md").write_text("# Home\n\n[broken](missing.md)\n")
    from mkdocs.exceptions import Abort
    with pytest.raises(Abort):
        build_site(config, docs, site, strict=True)
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", "mkdocs.yml", "site"]


@pytest.mark.parametrize("strict", [False, True])
def test_zensical_builds_the_same_docs_and_fails_cleanly_when_strict(tmp_path, strict):
    """`--engine zensical`: it reads mkdocs.yml; a strict failure keeps the old site and says why."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nSee [the other page](other.md).\n")
    (docs / "other.md").write_text("# Other\n")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: t\ndocs_dir: elsewhere\ntheme:\n  name: material\n")
    site = tmp_path / "site"
    build_site(config, docs, site, strict=strict, engine="zensical")
    assert "the other page" in (site / "index.html").read_text()
    assert (site / "other" / "index.html").is_file()
    (docs / "index.md").write_text("# Home\n\n[broken](missing.md)\n")
    from mkdocs.exceptions import Abort
    if strict:
        with pytest.raises(Abort, match="(?s)Zensical failed.*page does not exist"):
            build_site(config, docs, site, strict=True, engine="zensical")
        assert "the other page" in (site / "index.html").read_text()
    else:
        build_site(config, docs, site, strict=False, engine="zensical")
        assert "broken" in (site / "index.html").read_text()
    # .cache is Zensical's own (git-ignored here); no temporary config or half-built site is left,
    # and the previous site is gone once the background removal has run.
    assert settled(tmp_path) == [".cache", "docs", "mkdocs.yml", "site"]


def settled(folder, seconds: float = 30.0) -> list[str]:
    """The names in `folder` once no previous site waits there for its background removal."""
    import time

    deadline = time.monotonic() + seconds
    while any(p.name.startswith(".site.old-") for p in folder.iterdir()):
        if time.monotonic() > deadline:
            break
        time.sleep(0.05)
    return sorted(p.name for p in folder.iterdir())


def test_the_previous_site_is_removed_in_the_background(tmp_path):
    from generator.site.write import fresh_folder

    site = tmp_path / "site"
    for text in ("first", "second"):
        with fresh_folder(site) as building:
            (building / "index.html").write_text(text)
    assert (site / "index.html").read_text() == "second"
    assert settled(tmp_path) == ["site"]
    # A folder an interrupted removal left behind goes with the next build's.
    (tmp_path / ".site.old-left").mkdir()
    (tmp_path / ".site.old-left" / "page.html").write_text("old")
    with fresh_folder(site) as building:
        (building / "index.html").write_text("third")
    assert settled(tmp_path) == ["site"]


def test_the_manifest_skips_reading_unchanged_files_but_never_misses_an_edit(tmp_path, monkeypatch):
    from generator.site import write

    docs, manifest = tmp_path / "docs", tmp_path / "cache" / "written.entry"
    pages = [Page("index.md", "home\n"), Page("articles/a.md", "a\n")]
    monkeypatch.setattr(write, "RACY_NS", 0)  # files written just now count as settled
    assert write_pages(pages, docs, manifest)[0] == ["articles/a.md", "index.md"]
    read = []
    monkeypatch.setattr(write, "_differs", lambda target, text: read.append(target) or True)
    assert write_pages(pages, docs, manifest) == ([], [])
    assert read == [], "files recorded in the manifest were read back"
    monkeypatch.undo()
    (docs / "index.md").write_text("edited\n", encoding="utf-8")
    assert write_pages(pages, docs, manifest)[0] == ["index.md"]
    assert (docs / "index.md").read_text(encoding="utf-8") == "home\n"


def test_a_file_edited_within_the_same_clock_tick_is_still_caught(tmp_path):
    docs, manifest = tmp_path / "docs", tmp_path / "written.entry"
    pages = [Page("index.md", "home\n")]
    write_pages(pages, docs, manifest)
    (docs / "index.md").write_text("hand\n", encoding="utf-8")  # same size, maybe the same mtime
    assert write_pages(pages, docs, manifest)[0] == ["index.md"]


def test_a_manifest_of_another_folder_or_a_damaged_one_is_not_trusted(tmp_path):
    docs, manifest = tmp_path / "docs", tmp_path / "written.entry"
    write_pages([Page("index.md", "home\n")], docs, manifest)
    manifest.write_bytes(b"garbage")
    (docs / "index.md").write_text("hand\n", encoding="utf-8")
    assert write_pages([Page("index.md", "home\n")], docs, manifest)[0] == ["index.md"]
    assert write_pages([Page("index.md", "home\n")], tmp_path / "other", manifest)[0] == [
        "index.md"]


def edit_keeping_size_and_time(path: Path) -> None:
    """A hand edit that leaves the size and modification time as they were (as `touch -r`)."""
    st = path.stat()
    text = path.read_bytes()
    path.write_bytes(text[:-2] + b"!\n")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)


def test_an_edit_keeping_size_and_modification_time_is_seen_by_its_change_time(
    tmp_path, monkeypatch
):
    from generator.site import write

    docs, manifest = tmp_path / "docs", tmp_path / "written.entry"
    pages = [Page("index.md", "home\n"), Page("articles/a.md", "a page\n")]
    monkeypatch.setattr(write, "RACY_NS", 0)  # files written just now count as settled
    write_pages(pages, docs, manifest)
    assert write.untouched(manifest, docs, [p.path for p in pages])
    edit_keeping_size_and_time(docs / "articles" / "a.md")
    assert not write.untouched(manifest, docs, [p.path for p in pages])
    assert write_pages(pages, docs, manifest)[0] == ["articles/a.md"]
    assert (docs / "articles" / "a.md").read_text(encoding="utf-8") == "a page\n"
    assert write.untouched(manifest, docs, [p.path for p in pages])


def test_a_manifest_of_the_older_format_is_not_trusted(tmp_path, monkeypatch):
    from generator.cache import read_entry, write_entry
    from generator.site import write

    docs, manifest = tmp_path / "docs", tmp_path / "written.entry"
    monkeypatch.setattr(write, "RACY_NS", 0)
    write_pages([Page("index.md", "home\n")], docs, manifest)
    saved = read_entry(manifest)
    # The list as the last release wrote it: no format, entries without the change time.
    older = {k: v for k, v in saved.items() if k != "format"}
    older["files"] = {p: (e[0], e[1], e[2], e[4]) for p, e in saved["files"].items()}
    write_entry(manifest, older)
    assert not write.untouched(manifest, docs, ["index.md"])


def test_stale_pages_in_subfolders_go_but_a_linked_folder_is_not_walked(docs, outside):
    (docs / "articles" / "2026" / "12").mkdir(parents=True)
    (docs / "articles" / "2026" / "12" / "old.md").write_text("# Old\n")
    (docs / "articles" / "2026" / "notes.txt").write_text("not a page")
    (docs / "articles" / "elsewhere").symlink_to(outside)  # its victim.md is not ours
    (docs / "data" / "old").mkdir(parents=True)
    (docs / "data" / "old" / "export.json").write_text("{}")
    (docs / "data" / "linked").symlink_to(outside)  # a link to a folder: no file to remove
    kept = [Page("index.md", "home\n"), Page("articles/2026/new.md", "# New\n")]
    _, removed = write_pages(kept, docs)
    assert removed == ["articles/2026/12/old.md", "data/old/export.json"]
    assert files(outside) == {"victim.md": "precious\n"}
    assert (docs / "articles" / "2026" / "notes.txt").exists()
    assert (docs / "data" / "linked").is_symlink()
