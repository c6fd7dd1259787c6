"""Incremental MkDocs build: render only the pages whose inputs changed, reuse the rest.

`build` mirrors mkdocs.commands.build.build (MkDocs 1.6) step for step. Every page still gets
its `Page` object, its place in the navigation, the sitemap and the plugins' site-wide state
(search index, tags, browse data), but a page whose inputs are unchanged since the last build is
not rendered: its HTML is hard-linked from the previous site and what rendering would have given
the plugins is restored from a manifest kept in the cache folder.

A page's inputs are its Markdown bytes, the link targets its Markdown looked up (and what they
resolved to), and one key over everything site-wide: mkdocs.yml and the values it read from the
environment, the theme overrides, the generator's code (hooks included), the versions of MkDocs,
Material and Markdown, and the navigation. Rendering is MkDocs' own for every page that runs, so
an incremental build gives the same bytes as a full one (tests/test_incremental.py proves it).

Anything unexpected (no manifest, a corrupt or old one, a changed site-wide input, a plugin this
module cannot replay, a previous site that no longer matches the manifest) means a full build and
a one-line reason.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import jinja2
import mkdocs.utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import File, Files, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import meta

from ..cache import code_version

MANIFEST_FORMAT = "digest-site-manifest/3"
"""Leads the manifest; bump it when a record's layout changes so old manifests are refused."""
MANIFEST_NAME = "manifest.json"
TEMPLATES = "templates"
"""Folder of the cache with the theme's compiled Jinja templates."""
VERSIONED = (
    "mkdocs",
    "mkdocs-material",
    "mkdocs-redirects",
    "Markdown",
    "pymdown-extensions",
    "Jinja2",
    "MarkupSafe",
    "Pygments",
)
"""Distributions whose code turns Markdown into the site's HTML."""
SUPPORTED_PLUGINS = frozenset(
    {
        "material/search",
        "material/tags",
        "redirects",
        "generator/site/mkdocs_hook.py",
        "generator/site/search_hook.py",
    }
)
"""Plugins whose per-page state `_restore` knows how to give back; any other means a full build."""
SEARCH_HOOK = "search_hook.py"
CAPTURED_LEVEL = logging.INFO
"""Messages a page's rendering logs at this level or above are kept and repeated on reuse."""

log = logging.getLogger(__name__)


@dataclass
class PageRecord:
    """What one page's last rendering produced, besides its HTML file."""

    md_sha: str
    """SHA-256 of the page's Markdown file."""
    dest: str
    """The HTML file, relative to the site folder."""
    size: int
    mtime: int
    """Size and modification time (whole seconds: a CI cache's tar may keep no more) of that file
    when the build finished: a previous site that differs is not trusted."""
    links: dict[str, str | None]
    """Every path the Markdown's links looked up, and the URL it resolved to (None: not found)."""
    meta: dict[str, Any]
    """Front-matter, as the plugins' page_markdown event reads it."""
    title: str | None
    """The first heading, MkDocs' title when the front-matter has none."""
    anchors: list[str]
    anchor_links: dict[str, dict[str, str]]
    """Links to anchors of other pages (by source path), for MkDocs' anchor validation."""
    search: list[dict[str, Any]]
    """The page's entries in Material's search index, in order."""
    terms: str | None
    """The hidden search words search_hook.py read from the page's HTML."""
    messages: list[tuple[int, str, str]] = field(default_factory=list)
    """(level, logger, message) logged while rendering it: repeated when it is reused."""
    md_stat: list[int] = field(default_factory=list)
    """The Markdown file's stat_key when md_sha was taken: the same stat, the same bytes."""


@dataclass(frozen=True)
class BuildStats:
    """What an (incremental) build did."""

    rendered: int
    reused: int
    full_reason: str | None
    """Why every page was rendered; None when the manifest was used."""
    changed: frozenset[str]
    """HTML files (relative to the site folder) rendered in this build."""


@dataclass
class StaticRecord:
    """A file MkDocs copies as it is (theme assets, data files): where from and what it wrote."""

    source: str
    source_stat: list[int]
    """stat_key of the source when it was copied."""
    size: int
    mtime: int
    """Of the copy in the site when the build finished, as for a page."""


@dataclass
class _Manifest:
    site_key: str
    pages: dict[str, PageRecord]
    static: dict[str, StaticRecord] = field(default_factory=dict)
    """By destination, relative to the site folder."""


class _RecordingFiles(Files):
    """Files that notes every lookup made while a page renders: its HTML depends on them."""

    recorder: dict[str, str | None] | None = None

    def get_file_from_path(self, path: str) -> File | None:
        file = super().get_file_from_path(path)
        if self.recorder is not None:
            self.recorder[path] = _resolved(file)
        return file


def _resolved(file: File | None) -> str | None:
    if file is None:
        return None
    return f"{file.url}\0excluded" if file.inclusion.is_excluded() else file.url


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(CAPTURED_LEVEL)
        self.messages: list[tuple[int, str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append((record.levelno, record.name, record.getMessage()))


@contextmanager
def _captured(messages: list[tuple[int, str, str]]) -> Iterator[None]:
    handler = _Capture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        messages.extend(handler.messages)


def build(config, previous_site: Path, cache: Path | None, full: bool = False) -> BuildStats:
    """Build the site into config.site_dir, reusing pages of `previous_site` where the manifest
    in `cache` shows their inputs unchanged; write the new manifest into `cache` at the end.

    The caller swaps the new site into place. The manifest records each page's HTML file by
    size and modification time: a site folder that is not the one this build made (never swapped
    in, edited, another folder) does not match it and is never trusted.
    """
    warning_counter = mkdocs.utils.CountHandler()
    warning_counter.setLevel(logging.WARNING)
    if config.strict:
        logging.getLogger("mkdocs").addHandler(warning_counter)
    try:
        stats, manifest = _build(config, previous_site, cache, full)
        if counts := warning_counter.get_counts():
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {msg} in strict mode!")
    except Exception as e:
        config.plugins.on_build_error(error=e)
        if isinstance(e, BuildError):
            log.error(str(e))
            raise Abort("Aborted with a BuildError!") from e
        raise
    finally:
        logging.getLogger("mkdocs").removeHandler(warning_counter)
    if cache is not None:
        _finish_manifest(manifest, Path(config.site_dir))
        _save(cache, manifest)
    return stats


def _build(config, previous_site: Path, cache: Path | None, full: bool):
    start = time.monotonic()
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    mkdocs.utils.clean_directory(config.site_dir)
    files = get_files(config)
    env = config.theme.get_env()
    if cache is not None:
        # Compiling the theme's templates costs seconds per build and never changes the output:
        # Jinja keys each compiled template by its name and source checksum.
        (cache / TEMPLATES).mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache / TEMPLATES))
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    files.__class__ = _RecordingFiles  # same data; only lookups are noted from here on

    site_key = _site_key(config, nav)
    previous, reason = _previous(cache, site_key, previous_site, config, full)
    if untitled := _untitled(nav):
        previous, reason = (
            _Manifest("", {}),
            (
                f"the navigation entry {untitled} has no title in mkdocs.yml, so every page shows "
                "a title that comes from that page's own text"
            ),
        )
    manifest = _Manifest(site_key, {})
    hook = _search_hook(config)
    reused: dict[str, PageRecord] = {}
    resolved: dict[str, str | None] = {}  # link lookups are the same for every page: asked once
    for file in files.documentation_pages():
        if file.page is None and file.inclusion.is_not_in_nav():
            Page(None, file, config)
        page = file.page
        old = previous.pages.get(file.src_uri)
        if old is not None and _reusable(old, file, files, resolved):
            _restore(page, old, config, files, hook)
            reused[file.src_uri] = old
        else:
            manifest.pages[file.src_uri] = _populate(page, config, files, hook)

    env = config.plugins.on_env(env, config=config, files=files)
    search = _search_entries(config)
    doc_files = files.documentation_pages()
    changed = set()
    with _links_broken_before_writing():
        _copy_static_files(files, previous_site, previous.static, manifest)
        for template in config.theme.static_templates:
            mkdocs_build._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            mkdocs_build._build_extra_template(template, files, config, nav)
        for file in doc_files:
            if file.src_uri in reused:
                record = reused[file.src_uri]
                _reuse_output(previous_site / record.dest, Path(file.abs_dest_path))
                _replay(record, search, hook, file.page)
                manifest.pages[file.src_uri] = record
            else:
                _render(file, config, doc_files, nav, env, search, manifest.pages[file.src_uri])
                changed.add(file.dest_uri)

        log_level = config.validation.links.anchors
        for file in doc_files:
            file.page.validate_anchor_links(files=files, log_level=log_level)
        config.plugins.on_post_build(config=config)
    log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds")
    stats = BuildStats(len(changed), len(reused), reason, frozenset(changed))
    return stats, manifest


# --- deciding -----------------------------------------------------------------------------------


def _previous(
    cache: Path | None, site_key: str, previous_site: Path, config, full: bool
) -> tuple[_Manifest, str | None]:
    """The previous build's manifest to reuse from, or (an empty one, why not)."""
    nothing = _Manifest("", {})
    if full:
        return nothing, "asked for a full build"
    if cache is None:
        return nothing, "no cache folder"
    if unsupported := sorted(set(config.plugins) - SUPPORTED_PLUGINS):
        return nothing, f"plugin {unsupported[0]} is not supported by the incremental build"
    manifest, reason = _load(cache)
    if manifest is None:
        return nothing, reason
    if manifest.site_key != site_key:
        return (
            nothing,
            "a site-wide input changed (mkdocs.yml, theme, overrides, code or navigation)",
        )
    mismatch = _first_mismatch(previous_site, manifest.pages.values())
    if mismatch:
        return nothing, f"{previous_site / mismatch} is not the file the last build wrote"
    return manifest, None


def _first_mismatch(site: Path, records) -> str | None:
    for record in records:
        try:
            stat = (site / record.dest).stat()
        except OSError:
            return record.dest
        if (stat.st_size, int(stat.st_mtime)) != (record.size, record.mtime):
            return record.dest
    return None


def _reusable(
    record: PageRecord, file: File, files: Files, resolved: dict[str, str | None]
) -> bool:
    """Whether the page's Markdown and every link target it looked up are as last time.

    `resolved` memoises the lookups over one build: a company page is looked up by every article
    that links it."""
    if record.dest != file.dest_uri or not record.md_sha:
        return False
    stat = stat_key(file.abs_src_path)
    if stat != record.md_stat:
        if record.md_sha != _sha(file):
            return False
        record.md_stat = stat  # same bytes under a new stat (a CI cache restored): note it
    lookup = Files.get_file_from_path  # without recording: this is not a page rendering
    for path, url in record.links.items():
        if path not in resolved:
            resolved[path] = _resolved(lookup(files, path))
        if resolved[path] != url:
            return False
    return True


def stat_key(path: str) -> list[int]:
    """Size, modification and change times and inode: a file whose bytes were rewritten differs
    here even if its size and modification time were put back (the change time cannot be set),
    as git's index trusts. [] for a missing file, which never matches."""
    try:
        st = os.stat(path)
    except OSError:
        return []
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def _sha(file: File) -> str:
    return hashlib.sha256(Path(file.abs_src_path).read_bytes()).hexdigest()


def _site_key(config, nav) -> str:
    """One hash over every input that reaches every page's HTML."""
    digest = hashlib.sha256(MANIFEST_FORMAT.encode())
    digest.update(code_version().encode())
    for name in VERSIONED:
        digest.update(f"{name}={_version(name)}\0".encode())
    if config.config_file_path:
        digest.update(Path(config.config_file_path).read_bytes())
    settings = {key: config[key] for key in ("site_url", "use_directory_urls", "extra")}
    digest.update(json.dumps(settings, sort_keys=True, default=repr).encode())
    custom = config.theme.custom_dir
    if custom:
        for path in sorted(Path(custom).rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(custom).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    for hook in config.plugins.values():
        if isinstance(hook, ModuleType) and getattr(hook, "__file__", None):
            digest.update(Path(hook.__file__).read_bytes())
    digest.update(json.dumps(_nav_outline(nav.items)).encode())
    return digest.hexdigest()


def _untitled(nav) -> str | None:
    """The first page in the navigation whose title mkdocs.yml does not give, or None.

    Every page shows the navigation, and a page in it shows its neighbours' titles
    (previous/next). With every title given in mkdocs.yml they are all in the site key (the
    navigation outline), so a page whose own inputs did not change can be reused, in the
    navigation or not. An untitled entry's title comes from its page's heading, which the key
    cannot see before rendering."""
    # MkDocs sets `title` on the Page only when the navigation entry names one.
    return next((page.file.src_uri for page in nav.pages if "title" not in vars(page)), None)


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def _nav_outline(items) -> list:
    return [
        [item.title, getattr(item, "url", None), _nav_outline(getattr(item, "children", ()) or [])]
        for item in items
    ]


# --- rendering and reusing one page ---------------------------------------------------------------


def _populate(page: Page, config, files: _RecordingFiles, hook) -> PageRecord:
    """MkDocs' _populate_page, noting what the page looked up and logged."""
    stat = stat_key(page.file.abs_src_path)  # before reading: a later write changes it
    record = PageRecord(_sha(page.file), page.file.dest_uri, 0, 0, {}, {}, None, [], {}, [], None)
    record.md_stat = stat
    files.recorder = record.links
    try:
        with _captured(record.messages):
            mkdocs_build._populate_page(page, config, files)
    finally:
        files.recorder = None
    if page.markdown != meta.get_data(page.file.content_string)[0]:
        # A plugin rewrote the Markdown (the tag listing of tags.md): what it put there comes
        # from other pages, so the page is rendered every time.
        record.md_sha = ""
    record.meta = dict(page.meta)
    record.title = page._title_from_render
    record.anchors = sorted(page.present_anchor_ids or ())
    record.anchor_links = {
        target.src_uri: dict(links) for target, links in (page.links_to_anchors or {}).items()
    }
    record.terms = getattr(hook, "_terms", {}).get(page.url) if hook else None
    return record


def _render(file: File, config, doc_files, nav, env, search: list, record: PageRecord) -> None:
    before = len(search) if search is not None else 0
    with _captured(record.messages):
        mkdocs_build._build_page(file.page, config, doc_files, nav, env)
    record.search = [dict(entry) for entry in search[before:]] if search is not None else []
    if not _replayable(record):
        record.md_sha = ""  # never matches: rendered again next time
        record.meta = {}


def _replayable(record: PageRecord) -> bool:
    """Front-matter that survives JSON unchanged; a page that is not (dates, …) always renders."""
    try:
        return json.loads(json.dumps(record.meta)) == record.meta
    except (TypeError, ValueError):
        return False


def _restore(page: Page, record: PageRecord, config, files: Files, hook) -> None:
    """Give the page and the plugins what reading and rendering it would have."""
    page.markdown = ""
    page.meta = dict(record.meta)
    page.content = ""
    page._title_from_render = record.title
    page.present_anchor_ids = set(record.anchors)
    page.links_to_anchors = {
        target: dict(links)
        for src, links in record.anchor_links.items()
        if (target := files.get_file_from_path(src)) is not None
    }
    # The page_markdown event collects the tags (tags plugin) and browse data (search_hook.py)
    # from the front-matter. A page whose Markdown a plugin rewrites (a tag listing) is never
    # reused: see _render.
    markdown = config.plugins.on_page_markdown("", page=page, config=config, files=files)
    if markdown != "":
        raise BuildError(f"a plugin rewrote the reused page {page.file.src_uri}")
    page.markdown = ""


def _replay(record: PageRecord, search: list | None, hook, page: Page) -> None:
    if search is not None:
        search.extend(dict(entry) for entry in record.search)
    if hook is not None and record.terms is not None:
        hook._terms[page.url] = record.terms
    for level, name, message in record.messages:
        logging.getLogger(name).log(level, message)


def _copy_static_files(
    files: Files, previous_site: Path, previous: dict[str, StaticRecord], manifest: _Manifest
) -> None:
    """Files.copy_static_files, but a file whose source has the stat it had when the previous
    build copied it, and whose copy there is untouched, is hard-linked from the previous site:
    the theme's 700 assets and the data files otherwise cost a copy each per build."""
    for file in files:
        if file.is_documentation_page() or not file.inclusion.is_included():
            continue
        source = file.abs_src_path
        if source is None or getattr(file, "_content", None) is not None:
            file.copy_file()  # made in memory by a plugin: written every time
            continue
        stat = stat_key(source)
        old = previous.get(file.dest_uri)
        if not (
            old is not None
            and (old.source, old.source_stat) == (source, stat)
            and _link_untouched(previous_site / file.dest_uri, Path(file.abs_dest_path), old)
        ):
            file.copy_file()
        manifest.static[file.dest_uri] = StaticRecord(source, stat, 0, 0)


def _link_untouched(old: Path, new: Path, record: StaticRecord) -> bool:
    try:
        st = old.stat()
        if (st.st_size, int(st.st_mtime)) != (record.size, record.mtime):
            return False
        new.parent.mkdir(parents=True, exist_ok=True)
        os.link(old, new)
    except OSError:
        return False  # gone, or another file system: copied instead
    return True


def _reuse_output(old: Path, new: Path) -> None:
    new.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(old, new)  # the old file is never written to again: see below
    except OSError:
        shutil.copy2(old, new)  # another file system: copy, keeping its time for the manifest


@contextmanager
def _links_broken_before_writing() -> Iterator[None]:
    """A hard-linked file shares its bytes with the previous site: before MkDocs (or a plugin
    using its helpers) writes a path, a link there is removed, so the old site is never changed
    even by a build that stops half-way."""
    write_file, copy_file = mkdocs.utils.write_file, mkdocs.utils.copy_file

    def unlink_shared(path: str) -> None:
        try:
            if os.stat(path).st_nlink > 1:
                os.unlink(path)
        except FileNotFoundError:
            pass

    def safe_write(content: bytes, output_path: str) -> None:
        unlink_shared(output_path)
        write_file(content, output_path)

    def safe_copy(source_path: str, output_path: str) -> None:
        unlink_shared(output_path)
        copy_file(source_path, output_path)

    mkdocs.utils.write_file, mkdocs.utils.copy_file = safe_write, safe_copy
    try:
        yield
    finally:
        mkdocs.utils.write_file, mkdocs.utils.copy_file = write_file, copy_file


def _search_entries(config) -> list | None:
    plugin = config.plugins.get("material/search")
    index = getattr(plugin, "search_index", None)
    return index.entries if index is not None else None


def _search_hook(config) -> ModuleType | None:
    for name, plugin in config.plugins.items():
        if name.endswith(SEARCH_HOOK) and isinstance(plugin, ModuleType):
            return plugin
    return None


# --- the manifest ---------------------------------------------------------------------------------


def _finish_manifest(manifest: _Manifest, site: Path) -> None:
    for src, record in list(manifest.pages.items()):
        try:
            stat = (site / record.dest).stat()
        except FileNotFoundError:  # MkDocs skips a page whose HTML came out empty
            del manifest.pages[src]
            continue
        record.size, record.mtime = stat.st_size, int(stat.st_mtime)
    for dest, static in list(manifest.static.items()):
        try:
            stat = (site / dest).stat()
        except FileNotFoundError:
            del manifest.static[dest]
            continue
        static.size, static.mtime = stat.st_size, int(stat.st_mtime)


def _save(cache: Path, manifest: _Manifest) -> None:
    payload = json.dumps(
        {
            "site_key": manifest.site_key,
            # vars, not asdict: the fields are JSON values already, and asdict's deep copy of
            # every search entry cost about 1 s per 1,000 pages. The JSON is the same.
            "pages": {src: vars(record) for src, record in manifest.pages.items()},
            "static": {dest: vars(record) for dest, record in manifest.static.items()},
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    header = f"{MANIFEST_FORMAT} {hashlib.sha256(payload).hexdigest()}\n".encode()
    cache.mkdir(parents=True, exist_ok=True)
    temporary = cache / f".{MANIFEST_NAME}.{os.getpid()}"
    temporary.write_bytes(header + payload)
    os.replace(temporary, cache / MANIFEST_NAME)  # a reader sees the old manifest or the new one


def _load(cache: Path) -> tuple[_Manifest | None, str | None]:
    """The manifest, or (None, why it cannot be used): missing, corrupt, another format."""
    path = cache / MANIFEST_NAME
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, "no manifest of a previous build"
    except OSError as exc:
        return None, f"the manifest {path} cannot be read ({exc.strerror})"
    header, _, payload = data.partition(b"\n")
    fmt, _, checksum = header.decode("ascii", "replace").partition(" ")
    if fmt != MANIFEST_FORMAT:
        return None, f"the manifest {path} is of another format ({fmt[:40]!r})"
    if hashlib.sha256(payload).hexdigest() != checksum:
        return None, f"the manifest {path} is corrupt (checksum mismatch)"
    try:
        raw = json.loads(payload)
        pages = {
            src: PageRecord(**{**fields, "messages": [tuple(m) for m in fields["messages"]]})
            for src, fields in raw["pages"].items()
        }
        static = {dest: StaticRecord(**fields) for dest, fields in raw["static"].items()}
        return _Manifest(raw["site_key"], pages, static), None
    except (ValueError, KeyError, TypeError) as exc:
        return None, f"the manifest {path} is unreadable ({exc})"
