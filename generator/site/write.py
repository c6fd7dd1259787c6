"""Writing generated pages into docs/ and building the site with MkDocs.

This is the only stage that writes files. It writes only inside the docs folder, never the same
path twice, only when content changed, and removes generated pages that no longer belong.

Both outputs are replaced as a whole or not at all: changed pages are first written to a staging
folder and only then moved into place, and the site is built into a fresh folder that replaces
the old one at the end. A crash or Ctrl-C before that point leaves the previous docs/ and site/.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..cache import read_entry, write_entry
from ..records import Page

if TYPE_CHECKING:  # MkDocs is imported only by a site build, not by `digest generate`
    from .incremental import BuildStats

GENERATED_DIRS = (
    "articles",
    "companies",
    "topics",
    "stories",
    "digests",
    "publications",
    "authors",
    "timeline",
)
GENERATED_FILES = ("index.md", "report.md", "tags.md", "timeline.md", "browse.md")
GENERATED_DATA_DIRS = ("feeds", "data")
"""Feeds and data exports: every file in them is generated, whatever its extension."""


class WriteError(Exception):
    """A page would be written outside the docs folder or twice."""


RACY_NS = 2_000_000_000
"""A file changed less than this before the list of written files was saved is compared by its
bytes next time: its stat alone cannot tell a later edit in the same tick of the clock (as git)."""


def write_pages(
    pages: Sequence[Page], docs: Path, manifest: Path | None = None
) -> tuple[list[str], list[str]]:
    """Write pages that changed and delete stale generated ones; return (written, removed).

    Every path is checked before anything is written: relative, no `..`, and its folder inside the
    docs folder even after following symbolic links. A symbolic link where a page goes is replaced,
    never written through.

    With a manifest file (kept in the cache folder), a page whose file still has the size,
    modification and change times and inode recorded when it was last written with these exact
    bytes is known unchanged without reading it: 10,000 files are not read back on every build.
    """
    root = docs.resolve()
    targets: dict[Path, Page] = {}
    parents: dict[str, bool] = {}
    for page in pages:
        target = _target(root, page.path, docs, parents)
        if target in targets:
            raise WriteError(f"two pages want the same path {page.path!r}")
        targets[target] = page
    known = _load_manifest(manifest, root)
    digests = {t: _digest(p) for t, p in targets.items()}
    same = {t for t, page in targets.items() if _recorded(t, known.get(page.path), digests[t])}
    changed = {
        target: page
        for target, page in targets.items()
        if target not in same and _differs(target, page.text)
    }
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".staging-", dir=root) as staging:
        staged = [
            (_stage(Path(staging), n, page.text), target)
            for n, (target, page) in enumerate(sorted(changed.items()))
        ]
        with _uninterrupted():
            for source, target in staged:
                _move_into_place(source, target)
            removed = _remove_stale(root, set(targets))
    if manifest is not None:
        _save_manifest(manifest, root, targets, digests, known, same)
    return sorted(page.path for page in changed.values()), removed


def _digest(page: Page) -> bytes:
    """SHA-256 of the page's bytes: known already for a page the render cache found on disk."""
    known = getattr(page, "digest", None)
    return known if known is not None else hashlib.sha256(page.text.encode("utf-8")).digest()


def written_files(manifest: Path | None, docs: Path) -> dict[str, tuple]:
    """Page path -> (digest, size, modification and change time, inode) of the files the last
    build wrote into docs and that nobody touched since (by their stat): what the render cache
    may trust without reading them."""
    return _load_manifest(manifest, docs.resolve())


def on_disk(docs: Path, path: str, digest: bytes, written: dict[str, tuple]) -> bool:
    """Whether docs/path is a regular file holding exactly the bytes of this digest: by its stat
    when it is recorded as written with them, else by reading and hashing it."""
    target = docs / path
    if _recorded(target, written.get(path), digest):
        return True
    try:
        if not stat.S_ISREG(os.lstat(target).st_mode):
            return False  # a link or a folder where the page was: render it again
        return hashlib.sha256(target.read_bytes()).digest() == digest
    except OSError:
        return False


def _recorded(target: Path | str, entry: tuple | None, digest: bytes) -> bool:
    """Whether the file is, by its stat, the one recorded as written with these bytes."""
    if entry is None or entry[0] != digest:
        return False
    try:
        st = os.lstat(target)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and _mark(st) == entry[1:]


def _mark(st: os.stat_result) -> tuple[int, int, int, int]:
    """What a file's stat says of its bytes. The change time is there because it cannot be set
    back: an edit that keeps the size and restores the modification time (`touch -r`) is seen."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


MANIFEST_FORMAT = "digest-written/2"
"""Bump when a file's entry changes shape: an older list is then not trusted (all read back)."""


def _load_manifest(manifest: Path | None, root: Path) -> dict[str, tuple]:
    saved = read_entry(manifest) if manifest is not None and manifest.exists() else None
    if not isinstance(saved, dict) or saved.get("format") != MANIFEST_FORMAT:
        return {}
    if saved.get("root") != str(root):
        return {}
    cutoff = saved["saved_ns"] - RACY_NS
    # By the change time, which is never before the modification time: a file changed this
    # close to the save could change again within the same tick of the clock and keep its stat.
    return {path: entry for path, entry in saved["files"].items() if entry[3] < cutoff}


def _save_manifest(
    manifest: Path,
    root: Path,
    targets: dict[Path, Page],
    digests: dict[Path, bytes],
    known: dict[str, tuple],
    same: set[Path],
) -> None:
    files = {}
    for target, page in targets.items():
        if target in same:
            files[page.path] = known[page.path]
            continue
        try:
            st = os.lstat(target)
        except OSError:
            continue
        files[page.path] = (digests[target], *_mark(st))
    if len(same) == len(targets) and len(known) == len(targets):
        return  # every file as recorded: nothing to save
    saved = {"format": MANIFEST_FORMAT, "root": str(root), "saved_ns": time.time_ns()}
    write_entry(manifest, {**saved, "files": files})


def _target(root: Path, path: str, docs: Path, parents: dict[str, bool]) -> Path:
    return Path(_target_name(root, path, docs, parents))


def _target_name(root: Path, path: str, docs: Path, parents: dict[str, bool]) -> str:
    """Where the page goes, as a string (a Path per page is for writing, not for checking)."""
    # Plain string checks: pathlib parsing twice per page cost a second per 10,000 pages.
    parts = path.split("/")
    if not path or path.startswith("/") or "\\" in path or any(p in ("", ".", "..") for p in parts):
        raise WriteError(f"refusing to write {path!r}: not a plain relative path inside {docs}")
    folder = "/".join(parts[:-1])
    if folder not in parents:  # resolved once per folder, not once per page
        where = root.joinpath(*parts[:-1])
        resolved = where.resolve()
        parents[folder] = resolved.is_relative_to(root) and resolved == where
    if not parents[folder]:
        raise WriteError(
            f"refusing to write {path!r}: its folder is (or passes through) a symbolic link "
            f"leading out of {docs}; remove that link"
        )
    return f"{root}/{path}"


def _differs(target: Path, text: str) -> bool:
    return not (
        target.is_file() and not target.is_symlink() and target.read_bytes() == text.encode("utf-8")
    )


def _stage(staging: Path, number: int, text: str) -> Path:
    """Write one page's new content into the (private, fresh) staging folder."""
    source = staging / f"{number}.md"
    # O_EXCL | O_NOFOLLOW: never write through a link, even in a folder we just made.
    fd = os.open(source, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(text.encode("utf-8"))
    return source


def _move_into_place(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_symlink():
        target.unlink()  # replaced as a link, never written through
    os.replace(source, target)  # same file system (staging is inside docs/): atomic per page


@contextmanager
def _uninterrupted() -> Iterator[None]:
    """Hold Ctrl-C back while staged pages move into place, so docs/ is never left half-new.

    The moves are renames inside one folder tree and take milliseconds even at 10,000 pages.
    """
    pending: list[object] = []
    try:
        previous = signal.signal(signal.SIGINT, lambda *args: pending.append(args))
    except ValueError:  # not the main thread (e.g. under a test runner's worker): nothing to hold
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if pending:
            raise KeyboardInterrupt


def untouched(manifest: Path, docs: Path, paths: Sequence[str]) -> bool:
    """Whether the docs folder holds exactly these pages as the manifest recorded writing them:
    each file by its stat (none written too recently to tell), no other generated file beside
    them, and no folder of theirs a link out of docs. Then writing them would change nothing."""
    root = docs.resolve()
    known = _load_manifest(manifest, root)
    if len(known) != len(paths) or not known.keys() >= set(paths):
        return False
    parents: dict[str, bool] = {}
    try:
        targets = {_target_name(root, path, docs, parents): known[path] for path in paths}
    except WriteError:
        return False
    if not all(_recorded(target, entry, entry[0]) for target, entry in targets.items()):
        return False
    return not _stale(root, set(targets))


def _remove_stale(root: Path, keep: set[Path]) -> list[str]:
    removed = []
    for path in _stale(root, {str(target) for target in keep}):
        path.unlink()
        removed.append(path.relative_to(root).as_posix())
    return removed


def _stale(root: Path, keep: set[str]) -> list[Path]:
    """Generated files in docs that are not among `keep` (their full paths), in order."""
    candidates = [root / name for name in GENERATED_FILES]
    if root.exists():
        for folder in GENERATED_DIRS:
            candidates += _files_under(f"{root}/{folder}", ".md", keep)
        for folder in GENERATED_DATA_DIRS:
            candidates += _files_under(f"{root}/{folder}", "", keep)
    stale = []
    for path in sorted(candidates):
        if str(path) in keep or not (path.is_file() or path.is_symlink()):
            continue
        # A stale link is removed as a link; a file is only ever deleted when it really is
        # inside docs.
        if path.is_symlink() or path.resolve().is_relative_to(root):
            stale.append(path)
    return stale


def _files_under(folder: str, suffix: str, kept: set[str]) -> list[Path]:
    """Entries below `folder` (its subfolders too, but not through a link) whose name ends with
    `suffix` and that are not folders, leaving out those in `kept`. Walked with os.scandir as
    strings: pathlib's rglob over 12,000 pages cost 0.3 s of a build with nothing to do."""
    found: list[Path] = []
    pending = [folder]
    while pending:
        try:
            with os.scandir(pending.pop()) as entries:
                listed = list(entries)
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            continue  # as rglob: a folder that is gone or closed holds nothing to remove
        for entry in listed:
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            # A link to a folder among the data files is no file, as rglob's walk had it.
            elif (
                entry.path not in kept
                and entry.name.endswith(suffix)
                and (suffix or not entry.is_dir())
            ):
                found.append(Path(entry.path))
    return found


ENGINES = ("mkdocs", "zensical")


SITE_CACHE = "site"
"""The incremental build's manifest goes into this folder of the cache (.cache/digest/site/)."""


def build_site(
    mkdocs_yml: Path,
    docs: Path,
    site: Path,
    strict: bool,
    search_engine: str = "lunr",
    index_search: bool = True,
    engine: str = "mkdocs",
    cache_dir: Path | None = None,
    full: bool = False,
) -> BuildStats | None:
    """Build the site from docs/ into site/ with MkDocs (or Zensical, which reads mkdocs.yml), then
    index it with Pagefind when that is the site's search engine.

    With a `cache_dir`, MkDocs runs incrementally (incremental.py): only pages whose inputs
    changed since the last build are rendered (all of them under `full`), and the returned stats
    say how many. Without one it is MkDocs' own build, as `mkdocs build` runs it, and None.

    Raises mkdocs.exceptions.MkDocsException (Abort under --strict) or search.SearchIndexError.
    Zensical brings its own search, so `search_engine` applies to MkDocs builds only.
    """
    if engine == "zensical":
        _build_with_zensical(mkdocs_yml, docs, site, strict)
        return None
    os.environ.setdefault(
        "NO_MKDOCS_2_WARNING", "1"
    )  # Material's end-of-life banner on every build
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from . import incremental
    from .search import PAGEFIND

    stats = None
    # strict=None leaves mkdocs.yml's own `strict:` (CI=true) in force; --strict can only add
    # strictness.
    with fresh_folder(site) as building:
        config = load_config(
            config_file=str(mkdocs_yml),
            strict=True if strict else None,
            docs_dir=str(docs.resolve()),
            site_dir=str(building),
        )
        config["extra"]["search_engine"] = search_engine  # read by overrides/ and search_hook.py
        if cache_dir is None:
            build(config)
        else:
            stats = incremental.build(config, site, cache_dir / SITE_CACHE, full)
        if search_engine == PAGEFIND and index_search:  # the benchmark times indexing on its own
            _index_search(building, stats, cache_dir)
    return stats


def _index_search(building: Path, stats: BuildStats | None, cache_dir: Path | None) -> None:
    """Index the new site with Pagefind.

    `stats.changed` names the HTML files rendered in this build (None: a build without cache,
    every page is new); the others are byte-identical to the previous site's, so an incremental
    indexer may keep their part of the index. With a cache, shards whose pages are all unchanged
    are copied from it instead of indexed again (search.py); under --full every shard is indexed.
    """
    from .search import index_with_pagefind

    if cache_dir is None or stats is None or stats.full_reason:
        index_with_pagefind(building, cache_dir=cache_dir)
        return
    index_with_pagefind(building, changed=set(stats.changed), cache_dir=cache_dir)


@contextmanager
def fresh_folder(final: Path) -> Iterator[Path]:
    """Yield an empty folder beside `final` that replaces it only if the block completes."""
    final = final.resolve()
    final.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{final.name}.building-", dir=final.parent))
    try:
        yield building
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    with _uninterrupted():
        old = None
        if final.is_symlink():
            final.unlink()
        elif final.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{final.name}{TRASH}", dir=final.parent))
            os.replace(final, old / final.name)
        os.replace(building, final)
        os.chmod(final, 0o755)  # mkdtemp makes it 0700; the site is meant to be served
    _remove_in_background(final.parent, f".{final.name}{TRASH}")


TRASH = ".old-"
"""Previous sites wait in `.site.old-*` beside the new one until a background process removes
them: the new site is complete and in place before that starts."""


def _remove_in_background(parent: Path, prefix: str) -> None:
    """Remove every `prefix*` folder in `parent` (this build's previous site, and any an earlier
    process left half removed) in a process of its own.

    Removing the previous site (one folder per page) took 1.1 s of a 3.6 s rebuild at 3,400
    pages, time the new site need not wait for. A folder of its own per build means a removal
    still running when the next build swaps never meets a folder that is being replaced."""
    trash = sorted(str(path) for path in parent.glob(f"{prefix}*") if path.is_dir())
    if not trash:
        return
    subprocess.Popen(  # our own interpreter, on folders this function found
        [sys.executable, "-c", _REMOVE, *trash],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # outlives this process; Ctrl-C in the terminal does not stop it
    )


_REMOVE = "import shutil, sys\nfor path in sys.argv[1:]: shutil.rmtree(path, ignore_errors=True)"


def _build_with_zensical(mkdocs_yml: Path, docs: Path, site: Path, strict: bool) -> None:
    """Zensical, Material's successor, reads mkdocs.yml; it takes folders only from the config file.

    So a copy of mkdocs.yml with this build's folders goes beside the original (Zensical wants the
    site folder inside the config file's folder). It runs in its own process, as its CLI does.
    """
    from mkdocs.exceptions import Abort

    binary = Path(sys.executable).with_name("zensical")
    if not binary.exists():
        raise Abort("--engine zensical needs Zensical: .venv/bin/pip install -e '.[zensical]'")
    project = mkdocs_yml.resolve().parent
    for name, folder in (("docs", docs), ("site", site)):
        if not folder.resolve().is_relative_to(project):
            raise Abort(
                f"Zensical builds only inside the folder of {mkdocs_yml.name}: the {name} folder "
                f"{folder} is outside {project}"
            )
    with fresh_folder(site) as building:
        text = mkdocs_yml.read_text(encoding="utf-8")
        for key, folder in (("docs_dir", docs.resolve()), ("site_dir", building)):
            line = f"{key}: {os.path.relpath(folder, project)}"
            text, found = _FOLDER_KEYS[key].subn(line, text)
            text = text if found else f"{text.rstrip()}\n{line}\n"
        with tempfile.NamedTemporaryFile(
            "w", suffix=".yml", prefix=".zensical-", dir=project, encoding="utf-8", delete=False
        ) as handle:
            handle.write(text)
        try:
            done = subprocess.run(
                [str(binary), "build", "-f", handle.name, *(["-s"] if strict else [])],
                cwd=project,
                capture_output=True,
                text=True,
                check=False,
                env={**os.environ, "NO_COLOR": "1"},
            )
        finally:
            os.unlink(handle.name)
        if done.returncode != 0 or not (building / "index.html").is_file():
            raise Abort(f"Zensical failed: {_zensical_message(done.stdout + done.stderr)}")


def _zensical_message(output: str) -> str:
    """Its own findings and the final error line, without colour codes or its Python traceback."""
    lines = _ANSI.sub("", output).strip().splitlines()
    cut = next((n for n, line in enumerate(lines) if line.startswith("Traceback")), len(lines))
    kept = [line for line in lines[:cut] if line.strip() and line != "Build started"]
    return "\n".join([*kept[-30:], *(lines[-1:] if cut < len(lines) else [])])


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


_FOLDER_KEYS = {key: re.compile(rf"^{key}:.*$", re.MULTILINE) for key in ("docs_dir", "site_dir")}
