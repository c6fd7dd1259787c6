"""A build whose every input is as the last build left it gives the last build's report, and its
docs folder already holds exactly the last build's pages: nothing is read, rendered or written.

Reading 10,000 seeds and their cached results back only to find nothing new cost 12 s of CPU;
taking the file system's word for it costs a `stat` per seed and per page.

The inputs are the seeds folder as `stat` sees it (every seed's size, modification and change
times, inode), the addresses file the same way, the code, the config, the libraries that shape
the Markdown, the one environment variable a page reads (SITE_URL, in the feeds), and the docs
folder as the list of written files (site/write.py) records it. A change time cannot be set
back by hand, so an edit that keeps a seed's size and modification time is still seen.
A seed written less than `RACY_NS` before its `stat` could change again within the same tick of
the clock: then the inputs are not remembered, and the next build reads everything.
Symbolic links among the seeds (their target can change under an unchanged link) are never
trusted this way either.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.metadata
import os
import stat
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from .cache import code_version, hash_config, read_entry, write_entry
from .config import Config
from .extract.ingest import find_seed_files, seed_name
from .records import Article, BuildReport, Problem, SeedChanges, StoredPage
from .site.addresses import ADDRESSES_FILE
from .site.write import RACY_NS, untouched

FILE = "unchanged.entry"
ARTICLES_FILE = "unchanged-articles.entry"
"""The last build's articles in full, apart: the console needs only their outlines (`outline`),
and unpickling 10,000 whole articles (70 MB) cost about a second."""
FORMAT = "digest-unchanged/2"
"""Bump when the entry's layout changes: an older one is then never matched."""
SHAPING = ("Jinja2", "PyYAML", "python-slugify", "matplotlib", "Markdown")
"""Libraries whose versions reach the generated Markdown (templates, front-matter, slugs,
charts)."""
ENVIRONMENT = ("SITE_URL",)
"""Environment variables the generated pages read (feeds.py: the feeds' absolute links)."""


def written_manifest(cache_dir: Path, docs_dir: Path) -> Path:
    """The list of files written into this docs folder (one per folder: tests build several)."""
    where = hashlib.sha256(str(docs_dir.resolve()).encode("utf-8")).hexdigest()[:12]
    return cache_dir / f"written-{where}.entry"


@dataclass(frozen=True)
class Inputs:
    """The seed files of this build and, with a cache and a docs folder, the key of its inputs."""

    files: list[Path]
    problems: tuple[Problem, ...]
    """What finding the seeds reported (hidden files, links, unreadable folders)."""
    key: str | None
    """None: no cache or docs folder, or a seed that cannot be trusted by its `stat`."""
    steady: bool
    """No seed changed within RACY_NS of this build: its inputs may be remembered."""
    docs_dir: Path | None
    cache_dir: Path | None

    @classmethod
    def read(
        cls, config: Config, seeds_dir: Path, docs_dir: Path | None, cache_dir: Path | None
    ) -> Inputs:
        now = time.time_ns()
        files, problems = find_seed_files(seeds_dir)
        key, steady = None, False
        if docs_dir is not None and cache_dir is not None:
            key, steady = _key(config, seeds_dir, docs_dir, files, problems, now)
        return cls(files, tuple(problems), key, steady, docs_dir, cache_dir)

    def previous_report(self, whole_articles: bool = True) -> BuildReport | None:
        """The last build's report when nothing it read has changed and the docs folder still
        holds exactly its pages; else None (then the build runs). Without `whole_articles` its
        articles are outlines (`outline`): what the console shows of them."""
        if self.key is None or self.docs_dir is None or self.cache_dir is None:
            return None
        saved = _read_without_collector(self.cache_dir / FILE)
        if not isinstance(saved, dict) or saved.get("key") != self.key:
            return None
        paths = saved["paths"]
        if not untouched(written_manifest(self.cache_dir, self.docs_dir), self.docs_dir, paths):
            return None
        report: BuildReport = saved["report"]
        if whole_articles:
            stored = _read_without_collector(self.cache_dir / ARTICLES_FILE)
            if not isinstance(stored, dict) or stored.get("key") != self.key:
                return None
            report = replace(report, articles=stored["articles"])
        root = self.docs_dir.resolve()
        # Exactly the bytes written: the list of written files vouches for them by their stat.
        pages = tuple(StoredPage(p, root) for p in paths)
        seeds = report.changes
        unchanged = seeds.new + seeds.changed + seeds.unchanged if seeds is not None else 0
        return replace(
            report,
            pages=pages,
            written=(),
            removed=(),
            rendered=0,
            changes=SeedChanges(new=0, changed=0, unchanged=unchanged, removed=0),
        )

    def remember(self, report: BuildReport, manifest: Path) -> None:
        """Keep this build's report under its inputs, for a next build that finds them unchanged."""
        if self.cache_dir is None:
            return
        entry = self.cache_dir / FILE
        if self.key is None or not self.steady:
            entry.unlink(missing_ok=True)  # an older entry must not outlive a build it missed
            return
        light = replace(
            report,
            articles=tuple(outline(a) for a in report.articles),
            pages=(),
            written=(),
            removed=(),
            stages=(),
        )
        paths = [p.path for p in report.pages]
        # The articles first: the report's entry, written last, is what a next build trusts.
        write_entry(self.cache_dir / ARTICLES_FILE, {"key": self.key, "articles": report.articles})
        write_entry(entry, {"key": self.key, "report": light, "paths": paths})


def outline(article: Article) -> Article:
    """The article as the console shows it: its seed, address, title, problems and dropped
    lines (`digest generate -v`), without its text and knowledge."""
    return Article(
        seed=article.seed,
        seed_sha256=article.seed_sha256,
        title=article.title,
        slug=article.slug,
        dropped=article.dropped,
        problems=article.problems,
    )


SHORTCUT_STAGE = "unchanged since the last build"


def shortcut(inputs: Inputs, started: float, whole_articles: bool = True) -> BuildReport | None:
    """The last build's report, its time one stage since `started` (time.perf_counter), when
    nothing changed; else None. `whole_articles`: as in Inputs.previous_report."""
    previous = inputs.previous_report(whole_articles)
    if previous is None:
        return None
    return replace(previous, stages=((SHORTCUT_STAGE, time.perf_counter() - started),))


def _key(
    config: Config,
    seeds_dir: Path,
    docs_dir: Path,
    files: list[Path],
    problems: list[Problem],
    now: int,
) -> tuple[str | None, bool]:
    """(key of every input, whether none of them changed within RACY_NS of `now`)."""
    digest = hashlib.sha256(FORMAT.encode())
    for part in (
        code_version(),
        config.fingerprint,
        hash_config(config),
        sys.version,
        *(f"{name}={_version(name)}" for name in SHAPING),
        *(f"{name}={os.environ.get(name)}" for name in ENVIRONMENT),
        str(seeds_dir.resolve()),
        str(docs_dir.resolve()),
        repr(problems),
    ):
        digest.update(part.encode("utf-8", "replace") + b"\0")
    newest = 0
    for path, name in [(seeds_dir / ADDRESSES_FILE, ADDRESSES_FILE)] + [
        (f, seed_name(f, seeds_dir)) for f in files
    ]:
        try:
            st = os.lstat(path)
        except FileNotFoundError:
            digest.update(f"{name}\0absent\0".encode("utf-8", "replace"))
            continue
        except OSError:
            return None, False
        if stat.S_ISLNK(st.st_mode):
            return None, False
        newest = max(newest, st.st_mtime_ns, st.st_ctime_ns)
        mark = (st.st_mode, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)
        digest.update(f"{name}\0{mark}\0".encode("utf-8", "replace"))
    return digest.hexdigest(), newest < now - RACY_NS


def _read_without_collector(path: Path):
    """read_entry, with the cyclic garbage collector paused: the report's 10,000 articles are
    millions of objects and no cycle, and the collector's passes over them doubled the time.
    They are then frozen (kept out of the collector's generations, still freed by reference
    counting): else its first pass after re-enabling scanned them all, 0.3 s at 10,000 seeds.
    The price: a cycle made before this call is never collected, nothing in a CLI run."""
    was = gc.isenabled()
    gc.disable()
    try:
        return read_entry(path)
    finally:
        if was:
            gc.freeze()
            gc.enable()


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "absent"
