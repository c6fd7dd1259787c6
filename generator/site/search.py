"""Site search: which engine serves a site, the hidden words that make aliases and spelling variants
find an article, and the Pagefind index.

Two engines give one search box in the Material header:
- `lunr`: Material's own search. The browser downloads search_index.json and builds a lunr index
  from it on every full page load, which is fine for a few hundred articles (10 MB at 1,000).
- `pagefind`: a static index split into small chunks; a query fetches only the chunks its words
  live in, so the cost stays flat up to tens of thousands of articles.

A large site is indexed in shards (listing pages, then articles by a stable hash), each kept in
the build cache, so a rebuild after a new seed runs Pagefind only for the shards it changed
(index_with_pagefind).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..config import Config, SearchSettings
from ..records import Article
from .markup import Md, escape

LUNR = "lunr"
PAGEFIND = "pagefind"
# Pagefind ranks an h1 at 7 and body text at 1: company aliases, spelling variants and the
# authors rank with the headline, above a word that only occurs in the body.
TERMS_WEIGHT = 7
PAGEFIND_FOLDER = "pagefind"
SHARD_PAGES = 1000
"""Articles per Pagefind run. After a new seed only its shard is indexed again, so the shard's
size is what adding one article costs (at 10,000 articles, 3,500-article shards took 10 s, these
about 3 s); the browser merges one more index per shard, and at 10,000 articles (12 shards) the
first result came as fast (0.94 s from the page load against 1.02 s, 1.17 MB against 0.94 MB,
482 MB against 493 MB of browser memory, Pagefind re-run over one built site, median of three
browsers)."""
JOBS = 2
"""Pagefind runs at a time. A run of 1,000 pages peaks at about 240 MB, so two fit easily; Pagefind
uses a second core only part of the time, so two runs index a 10,000-article site in 16.9 s
against 19.8-22.9 s one at a time (measured side by side on one built site)."""
SHARD_LIST = "shards.json"
ARTICLES = "articles/"
STORIES = "stories/"
CACHE_FOLDER = "pagefind"
"""Under the build cache (.cache/digest/): each shard's last output and the page manifest."""
MANIFEST = "pages.json"
CACHE_VERSION = 3


class SearchIndexError(Exception):
    """Pagefind could not index the built site; the message carries its output."""


def choose_engine(settings: SearchSettings, articles: int) -> str:
    """The engine the config asks for; under `auto`, Pagefind from `pagefind_from` articles."""
    if settings.engine in (LUNR, PAGEFIND):
        return settings.engine
    return PAGEFIND if articles >= settings.pagefind_from else LUNR


def search_terms(a: Article, config: Config) -> tuple[str, ...]:
    """Words a reader may search for that the article's text may not contain: every alias of each
    company it mentions, every spelling of a variant group one of whose spellings it uses, and its
    authors' names (so a person ranks with the headline)."""
    companies = {c.name: c for c in config.companies}
    terms = [
        alias for name in a.companies if name in companies for alias in companies[name].aliases
    ]
    text = f"{a.title}\n{a.subtitle or ''}\n{a.body_text}"
    for group in config.search.variants:
        if any(_variant_pattern(v).search(text) for v in group):
            terms.extend(group)
    if a.author:
        terms.extend(name.strip() for name in a.author.split(",") if name.strip())
    return tuple(dict.fromkeys(terms))


@lru_cache(maxsize=512)
def _variant_pattern(spelling: str) -> re.Pattern:
    # Escaped literal between word boundaries: linear time on seed text.
    return re.compile(rf"(?<!\w){re.escape(spelling)}(?!\w)", re.IGNORECASE)


def search_terms_block(a: Article, config: Config) -> Md:
    """A hidden block of those words: Pagefind weighs it like a headline; readers and screen
    readers never see it."""
    terms = search_terms(a, config)
    if not terms:
        return Md("")
    words = " · ".join(escape(t) for t in terms)
    # data-search-exclude: lunr gets these words in a boosted field of their own (search_hook.py).
    return Md(
        f'<div class="digest-search-terms" hidden data-search-exclude="true" '
        f'data-pagefind-weight="{TERMS_WEIGHT}" markdown="span">{words}</div>'
    )


def pagefind_command(site: Path, output: Path | None = None) -> list[str]:
    """The Pagefind CLI from the `pagefind[extended]` wheel, indexing a folder of pages."""
    where = ["--output-path", str(output)] if output else ["--output-subdir", PAGEFIND_FOLDER]
    return [
        sys.executable,
        "-m",
        "pagefind",
        "--site",
        str(site),
        *where,
        "--force-language",
        "en",
        "--quiet",
    ]


@dataclass(frozen=True)
class Shard:
    """One Pagefind run: its output folder under the site and the pages it indexes."""

    folder: str
    pages: tuple[str, ...]
    """Site-relative POSIX paths of searchable pages, sorted."""


def _searchable(text: str) -> bool:
    return "data-pagefind-body" in text


def shard_of(page: str, article_shards: int) -> int:
    """0 for the listing pages, 1 for the story pages, 2..article_shards + 1 for articles.

    A new seed adds its own article page and changes listing pages (home, companies, topics,
    publications, authors), whose indexed part is their heading and a few stable lines (their
    counts and lists are between not-indexed markers), so the listing shard is reused unless
    the seed brings a new author, publication or company. Stories are pages a new seed often
    makes, merges away or rewrites (its report joins one), so they have a shard of their own,
    a small one. Articles spread by a hash of their path (stable as the site grows): one added
    seed re-indexes one article shard, not all of them."""
    if page.startswith(STORIES) and page != f"{STORIES}index.html":
        return 1
    if not page.startswith(ARTICLES) or page == f"{ARTICLES}index.html":
        return 0
    digest = hashlib.sha256(page.encode("utf-8")).digest()
    return 2 + int.from_bytes(digest[:8], "big") % article_shards


def plan_shards(pages: Iterable[str], shard_pages: int = SHARD_PAGES) -> list[Shard]:
    """Split the searchable pages into shards: `pagefind/` (listing pages, Pagefind's scripts),
    `pagefind-2/` (stories), then `pagefind-3/` ... for about `shard_pages` articles each."""
    ordered = sorted(pages)
    if len(ordered) <= shard_pages:
        # One shard: the browser loads one index, and re-indexing a small site is quick anyway.
        return [Shard(PAGEFIND_FOLDER, tuple(ordered))]
    articles = sum(1 for p in ordered if shard_of(p, 1) == 2)
    article_shards = max(1, math.ceil(articles / shard_pages))
    groups: list[list[str]] = [[] for _ in range(article_shards + 2)]
    for page in ordered:
        groups[shard_of(page, article_shards)].append(page)
    return [
        Shard(PAGEFIND_FOLDER if n == 0 else f"{PAGEFIND_FOLDER}-{n + 1}", tuple(group))
        for n, group in enumerate(groups)
        if group or n == 0
    ]


def write_shard_list(site: Path, shards: list[Shard]) -> None:
    """site/pagefind/shards.json: the further shards the browser merges into the first."""
    extra = [f"{s.folder}/" for s in shards if s.folder != PAGEFIND_FOLDER]
    target = site / PAGEFIND_FOLDER / SHARD_LIST
    target.unlink(missing_ok=True)  # a new file, never one shared with the cache (_link_or_copy)
    target.write_text(json.dumps(extra), encoding="utf-8")


def index_with_pagefind(
    site: Path,
    *,
    changed: set[str] | None = None,
    cache_dir: Path | None = None,
    shard_pages: int = SHARD_PAGES,
    jobs: int = JOBS,
) -> IndexReport:
    """Write site/pagefind/ (and site/pagefind-N/ for further shards): the index and Pagefind's
    own scripts. Returns which shards were indexed and which were reused.

    With `cache_dir`, each shard's output is kept there under the digest of its pages' bytes; a
    later run copies a shard whose pages are all unchanged instead of running Pagefind, so the
    result is byte-identical to a full run. `changed` (site-relative paths of pages written by
    this build, "articles/x/index.html" or "articles/x/"; None = unknown) lets the pages outside
    it be taken from the cache's manifest without reading them; a page missing from the manifest
    is always read.
    """
    manifest = _PageManifest.load(cache_dir, site, changed)
    shards = plan_shards(manifest.searchable(), shard_pages)
    for old in site.glob(f"{PAGEFIND_FOLDER}*"):
        if old.is_dir():
            shutil.rmtree(old)
    indexed, reused, todo = [], [], []
    for shard in shards:
        key = manifest.shard_key(shard)
        cached = _cached_output(cache_dir, shard, key)
        if cached is not None:
            shutil.copytree(cached, site / shard.folder, copy_function=_link_or_copy)
            reused.append(shard.folder)
        else:
            todo.append((shard, key))
    with tempfile.TemporaryDirectory(prefix="pagefind-shards-", dir=site.parent) as work:
        commands = [_shard_command(site, Path(work), shard) for shard, _ in todo]
        _run_all(commands, jobs)
    for shard, key in todo:
        indexed.append(shard.folder)
        _store_output(cache_dir, site / shard.folder, shard, key)
    write_shard_list(site, shards)
    manifest.save()
    return IndexReport(tuple(indexed), tuple(reused))


@dataclass(frozen=True)
class IndexReport:
    indexed: tuple[str, ...]
    """Shard folders Pagefind ran for."""
    reused: tuple[str, ...]
    """Shard folders copied from the cache."""


def _shard_command(site: Path, work: Path, shard: Shard) -> list[str]:
    """A folder of hard links to the shard's pages, so Pagefind computes the same URLs."""
    folder = work / shard.folder
    folder.mkdir(parents=True)
    for page in shard.pages:
        link = folder / page
        link.parent.mkdir(parents=True, exist_ok=True)
        os.link(site / page, link)
    return pagefind_command(folder, site / shard.folder)


def _run_all(commands: list[list[str]], jobs: int) -> None:
    """Run the Pagefind commands, `jobs` at a time (each holds its shard's pages in memory)."""
    running: list[subprocess.Popen] = []
    failures: list[str] = []
    pending = list(commands)
    while pending or running:
        while pending and len(running) < max(1, jobs):
            running.append(
                subprocess.Popen(
                    pending.pop(0), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
                )
            )
        process = running.pop(0)
        output, _ = process.communicate()
        if process.returncode != 0:
            failures.append(f"pagefind failed ({process.returncode}): {output.strip()[-2000:]}")
    if failures:
        raise SearchIndexError("\n".join(failures))


def _cache_folder(cache_dir: Path, shard: Shard) -> Path:
    return cache_dir / CACHE_FOLDER / shard.folder


def _link_or_copy(source: str, target: str) -> None:
    """A reused shard's file hard-linked from the cache (copying 12 shards of 1,000 files each
    took 2 s of every build at 10,000 articles): nothing writes into a shard's files once
    Pagefind has made them (the next build removes the folder, the shard list is written anew),
    so the link never changes the cache. Another file system: a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _cached_output(cache_dir: Path | None, shard: Shard, key: str) -> Path | None:
    if cache_dir is None:
        return None
    folder = _cache_folder(cache_dir, shard)
    try:
        stored = (folder / "key").read_text(encoding="utf-8")
    except OSError:
        return None
    # The key is written last: a run interrupted while storing leaves no key, never a half tree.
    return folder / "output" if stored == key and (folder / "output").is_dir() else None


def _store_output(cache_dir: Path | None, output: Path, shard: Shard, key: str) -> None:
    if cache_dir is None:
        return
    folder = _cache_folder(cache_dir, shard)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copytree(output, folder / "output")
    (folder / "key").write_text(key, encoding="utf-8")


class _PageManifest:
    """Searchable flag and SHA-256 of every page, kept in the cache between builds."""

    def __init__(self, site: Path, path: Path | None, known: dict[str, list]) -> None:
        self.site, self.path = site, path
        self.pages: dict[str, list] = {}
        for file in sorted(site.rglob("*.html")):
            page = file.relative_to(site).as_posix()
            if page.startswith(PAGEFIND_FOLDER):
                continue
            entry = known.get(page)
            # The size is a cheap check on the caller's `changed`: a page it forgot but whose
            # length moved is read again.
            if entry is None or len(entry) != 3 or entry[2] != file.stat().st_size:
                data = file.read_bytes()
                indexed = _indexed_part(_read_part(data))
                entry = [_searchable(data.decode("utf-8", "replace")), _sha256(indexed), len(data)]
            self.pages[page] = entry

    @classmethod
    def load(cls, cache_dir: Path | None, site: Path, changed: set[str] | None) -> _PageManifest:
        path = cache_dir / CACHE_FOLDER / MANIFEST if cache_dir else None
        known: dict[str, list] = {}
        if path is not None and changed is not None:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if data.get("version") == CACHE_VERSION:
                    known = data["pages"]
            except (OSError, ValueError, KeyError, TypeError):
                known = {}  # missing, corrupt or old: every page is read again
            for page in changed:
                known.pop(_page_file(page), None)
        return cls(site, path, known)

    def searchable(self) -> list[str]:
        return [page for page, (searchable, *_) in self.pages.items() if searchable]

    def shard_key(self, shard: Shard) -> str:
        digest = hashlib.sha256(f"{CACHE_VERSION}\n{pagefind_version()}\n".encode())
        for page in shard.pages:
            digest.update(f"{page}\0{self.pages[page][1]}\n".encode())
        return digest.hexdigest()

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".tmp")
        partial.write_text(
            json.dumps({"version": CACHE_VERSION, "pages": self.pages}, sort_keys=True),
            encoding="utf-8",
        )
        partial.replace(self.path)


def _page_file(page: str) -> str:
    page = page.lstrip("/")
    return f"{page}index.html" if page == "" or page.endswith("/") else page


NOT_INDEXED = (b"<!--digest:not-indexed-->", b"<!--/digest:not-indexed-->")
"""Around a part of a page Pagefind ignores (data-pagefind-ignore="all", article.md.j2): links
to other articles, which a new seed changes on many pages. Seed text cannot make these markers:
its `<` reaches the page escaped."""


def _indexed_part(page: bytes) -> bytes:
    """The page without its marked parts, which Pagefind ignores: two pages that differ only there
    index the same, so a shard of such pages is reused. Unbalanced markers: the whole page."""
    start, end = NOT_INDEXED
    kept, at = [], 0
    while (opened := page.find(start, at)) >= 0:
        closed = page.find(end, opened + len(start))
        if closed < 0 or page.find(start, opened + len(start), closed) >= 0:
            return page
        kept.append(page[at:opened])
        at = closed + len(end)
    if page.find(end, at) >= 0:
        return page
    kept.append(page[at:])
    return b"".join(kept)


BODY_MARK = b"data-pagefind-body"
OUTSIDE_READ = re.compile(rb"data-pagefind-(?!path\b)|<h1|<img", re.IGNORECASE)
"""What Pagefind may read outside the body element: its attributes anywhere, the first heading
(the default title) and the image after it. Any of these outside the body: the whole page
counts. data-pagefind-path is the project's own (the search box's index address, read by
digest-search.js), on every page's header."""
_TAG_NAME = re.compile(rb"<([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*$")


def _read_part(page: bytes) -> bytes:
    """The page's head and its data-pagefind-body element, which is all Pagefind reads of it:
    Material's navigation and table of contents around the body change on pages a new seed links
    from, and would otherwise re-index their shards for nothing. Anything unusual (no body, two,
    an unclosed element, something Pagefind reads outside it): the whole page."""
    mark = page.find(BODY_MARK)
    head_end = page.find(b"<body")
    if mark < 0 or head_end < 0 or head_end > mark or page.find(BODY_MARK, mark + 1) >= 0:
        return page
    opened = page.rfind(b"<", 0, mark)
    name = _TAG_NAME.match(page, opened, mark)
    closed = _element_end(page, name.group(1), mark) if opened >= 0 and name else -1
    if closed < 0:
        return page
    outside = page[head_end:opened] + page[closed:]
    if OUTSIDE_READ.search(outside):
        return page
    # The separator keeps "head + body" from colliding with another split of the same bytes.
    return page[:head_end] + b"\0" + page[opened:closed]


def _element_end(page: bytes, name: bytes, start: int) -> int:
    """The offset just past the closing tag of the element named `name` opened before `start`,
    counting nested elements of the same name; -1 when it never closes."""
    pattern = re.compile(rb"<(/?)" + re.escape(name) + rb"(?=[\s>/])", re.IGNORECASE)
    depth = 1
    for found in pattern.finditer(page, start):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            end = page.find(b">", found.end())
            return -1 if end < 0 else end + 1
    return -1


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=1)
def pagefind_version() -> str:
    """Part of every cache key: another Pagefind may write another index from the same pages."""
    try:
        return importlib.metadata.version("pagefind")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"
