"""Writing generated pages into docs/ and building the site with MkDocs.

This is the only stage that writes files. It writes only inside the docs folder, never the same
path twice, only when content changed, and removes generated pages that no longer belong.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from ..records import Page

GENERATED_DIRS = ("articles", "companies", "topics", "publications", "authors")
GENERATED_FILES = ("index.md", "report.md", "tags.md", "browse.md")


class WriteError(Exception):
    """A page would be written outside the docs folder or twice."""


def write_pages(pages: Sequence[Page], docs: Path) -> tuple[list[str], list[str]]:
    """Write pages that changed and delete stale generated ones; return (written, removed).

    Every path is checked before anything is written: relative, no `..`, and its folder inside the
    docs folder even after following symbolic links. A symbolic link where a page goes is replaced,
    never written through.
    """
    root = docs.resolve()
    targets: dict[Path, Page] = {}
    for page in pages:
        target = _target(root, page.path, docs)
        if target in targets:
            raise WriteError(f"two pages want the same path {page.path!r}")
        targets[target] = page
    written = [page.path for target, page in targets.items() if _write_if_changed(target, page.text)]
    removed = _remove_stale(root, set(targets))
    return sorted(written), removed


def _target(root: Path, path: str, docs: Path) -> Path:
    parts = PurePosixPath(path).parts
    if (not parts or PurePosixPath(path).is_absolute() or "\\" in path
            or any(part in ("", ".", "..") for part in parts)):
        raise WriteError(f"refusing to write {path!r}: not a plain relative path inside {docs}")
    target = root.joinpath(*parts)
    if not target.parent.resolve().is_relative_to(root) or target.parent.resolve() != target.parent:
        raise WriteError(f"refusing to write {path!r}: its folder is (or passes through) a symbolic link "
                         f"leading out of {docs}; remove that link")
    return target


def _write_if_changed(target: Path, text: str) -> bool:
    data = text.encode("utf-8")
    if target.is_file() and not target.is_symlink() and target.read_bytes() == data:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink():
        target.unlink()
    tmp = target.with_name(f".{target.name}.tmp")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    # O_EXCL | O_NOFOLLOW: never write through a link someone put where the temporary file goes.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, target)
    return True


def _remove_stale(root: Path, keep: set[Path]) -> list[str]:
    removed = []
    candidates = [p for d in GENERATED_DIRS for p in (root / d).rglob("*.md")] if root.exists() else []
    candidates += [root / name for name in GENERATED_FILES]
    for path in sorted(candidates):
        if path in keep or not (path.is_file() or path.is_symlink()):
            continue
        # A stale link is removed as a link; a file is only ever deleted when it really is inside docs.
        if path.is_symlink() or path.resolve().is_relative_to(root):
            path.unlink()
            removed.append(path.relative_to(root).as_posix())
    return removed


def build_site(mkdocs_yml: Path, docs: Path, site: Path, strict: bool, search_engine: str = "lunr",
               index_search: bool = True) -> None:
    """Run MkDocs' own build, then index it with Pagefind when that is the site's search engine;
    raises mkdocs.exceptions.MkDocsException (Abort under --strict) or search.SearchIndexError."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner on every build
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    # strict=None leaves mkdocs.yml's own `strict:` (CI=true) in force; --strict can only add strictness.
    config = load_config(config_file=str(mkdocs_yml), strict=True if strict else None,
                         docs_dir=str(docs.resolve()), site_dir=str(site.resolve()))
    config["extra"]["search_engine"] = search_engine  # read by overrides/ and search_hook.py
    build(config)
    from .search import PAGEFIND, index_with_pagefind
    if search_engine == PAGEFIND and index_search:  # the benchmark times the indexing on its own
        index_with_pagefind(site)
