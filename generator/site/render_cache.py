"""Rendered pages kept between builds, each under a key made of exactly what it is rendered from,
so a page whose inputs did not change is taken as it is instead of being rendered again.

Keys are fingerprints (generator/fingerprint.py) of the articles a page shows, salted with the
generator's code, the config, the chart library's version and the site's address (the feeds'
links are absolute, and SITE_URL can give the address): new code, a new config or a new address
renders everything again. The pages, the drawn charts and other cross-article results live in one
file of the cache folder, checksummed like every cache entry; a corrupt or old one is rebuilt.

With a docs folder, a page is kept as its path and the SHA-256 of its bytes, not its text: the
build writes it there, and the next build takes it from there when the file still holds those
bytes (by the stat the written-files list recorded, else by hashing it), or renders it again.
At 10,000 articles the file held 190 MB of page text, read, hashed, pickled and written again
after every change (2.5 s of a build after one new seed).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import matplotlib

from ..cache import code_version, hash_config, read_entry, write_entry
from ..config import Config
from ..fingerprint import combined
from ..records import KnownPage, Page
from . import charts, feeds
from .write import on_disk, written_files

FILE = "render.entry"
FORMAT = 3
"""Bump when the layout of the file's entries changes: an older file is then not used."""


@dataclass(frozen=True)
class PageRef:
    """A kept page that the docs folder holds: where, and the SHA-256 of its bytes."""

    path: str
    digest: bytes


class RenderCache:
    """Pages and values by key; with no folder it only renders (every lookup a miss, nothing
    kept)."""

    def __init__(
        self,
        folder: Path | None,
        config: Config,
        prints: Mapping[str, str],
        docs: Path | None = None,
        written: Path | None = None,
    ):
        self.folder = folder
        self.docs = docs.resolve() if docs is not None else None
        """The docs folder the pages are written to: kept pages are then references into it."""
        self._written = written_files(written, docs) if docs is not None else {}
        self.prints = prints
        """Slug -> fingerprint of every article of this build."""
        self.salt = (
            f"{code_version()}:{config.fingerprint}:{hash_config(config)}:"
            f"{matplotlib.__version__}:{feeds.site_url(config)}"
        )
        saved = read_entry(folder / FILE) if folder is not None else None
        saved = (
            saved
            if isinstance(saved, dict)
            and saved.get("salt") == self.salt
            and saved.get("format") == FORMAT
            else {}
        )
        self.saved: dict[str, object] = saved.get("entries", {})
        self.kept: dict[str, object] = {}
        self.rendered = 0
        """Pages rendered in this build (the others were taken from the cache)."""
        self.reused = 0
        self._tables_changed = False
        self._inside: list[list[str]] = []
        self._page_keys: set[str] = set()
        """Keys of this build's page entries (the others hold values, texts and tables)."""
        """Keys looked up inside each page render under way (innermost last)."""
        charts.MEMO.start()
        if folder is not None:
            charts.MEMO.load(saved.get("charts", {}))

    def key(self, kind: str, *groups: Sequence[str], extra: Sequence[str] = ()) -> str:
        """The key of a page (or value) rendered from the articles named by slug in groups."""
        if self.folder is None:
            return ""  # nothing is looked up or kept
        prints = self.prints
        return combined(
            (self.salt, kind, *(p for g in groups for p in ("|", *(prints[s] for s in g))), *extra)
        )

    def key_of(self, kind: str, parts: Sequence[str]) -> str:
        """The key of a value computed from the given parts (hashes, reprs) rather than articles."""
        return combined((self.salt, kind, *parts)) if self.folder is not None else ""

    def pages(self, key: str, render: Callable[[], Sequence[Page]]) -> list[Page]:
        """The pages stored under key, or render them (and keep them under key).

        Lookups made while rendering are remembered with the entry, so when it is reused next
        time, the smaller entries inside it are kept too (for the build where it is not)."""
        found = self._found(key)
        if found is not None:
            pages = found
            self.reused += len(pages)
            self._keep(key)
        else:
            before = self.rendered + self.reused
            self._inside.append([])
            pages = tuple(render())
            self.kept[key] = (pages, tuple(self._inside.pop()))
            self._page_keys.add(key)
            inner = self.rendered + self.reused - before  # counted by lookups inside render()
            self.rendered += len(pages) - inner
        if self._inside:
            self._inside[-1].append(key)
        return list(pages)

    def _found(self, key: str) -> tuple[Page, ...] | None:
        """The pages kept under key, if every one is still what the docs folder holds."""
        if self.folder is None or key not in self.saved:
            return None
        kept, _ = self.saved[key]
        pages = []
        for page in kept:
            if isinstance(page, PageRef):
                here = self.docs
                if here is None or not on_disk(here, page.path, page.digest, self._written):
                    return None  # edited, removed or never written: render it again
                page = KnownPage(page.path, self.docs, page.digest)
            pages.append(page)
        return tuple(pages)

    def _stored(self, entry: object) -> object:
        """A page entry as the file keeps it: with a docs folder, references instead of text."""
        if self.docs is None or not isinstance(entry, tuple) or not entry:
            return entry
        pages, inner = entry
        return tuple(_ref(p) for p in pages), inner

    def _keep(self, key: str) -> None:
        if key in self.kept or key not in self.saved:
            return
        entry = self.kept[key] = self.saved[key]
        if isinstance(entry, tuple):  # pages and the lookups inside them; a table is a dict
            for inner in entry[1]:
                self._keep(inner)

    def value(self, key: str, compute: Callable[[], object]):
        """A cross-article result (related reading, stories) stored under key, or computed."""
        found = self.saved.get(key) if self.folder is not None else None
        result = found if found is not None else compute()
        self.kept[key] = result
        return result

    def text(self, key: str, compute: Callable[[], str]) -> str:
        """A piece of a page (one month's listing) stored under key, or computed. Looked up
        inside a page's render, it is kept with that page's entry, like an inner page."""
        if self._inside:
            self._inside[-1].append(key)
        found = self.saved.get(key) if self.folder is not None else None
        result = found if isinstance(found, str) else compute()
        if self.folder is not None:
            self.kept[key] = result
        return result

    def table(self, name: str) -> dict:
        """A table the last build kept under name (see keep_table), or an empty one."""
        key = self.key_of("table", (name,))
        if self._inside:  # a page entry reused next time keeps the table it read
            self._inside[-1].append(key)
        found = self.saved.get(key) if self.folder is not None else None
        return dict(found) if isinstance(found, dict) else {}

    def keep_table(self, name: str, table: dict) -> None:
        """Keep a table of small results for the next build, each row keyed by its own inputs
        (the caller's choice): replaces the last one, so rows no longer used are dropped."""
        if self.folder is None:
            return
        key = self.key_of("table", (name,))
        self.kept[key] = table
        self._tables_changed |= self.saved.get(key) != table

    def carry_table(self, name: str) -> None:
        """Keep the last build's table under name for the next one, unless this build kept its own
        (a table whose rows were not asked for this time is still worth keeping)."""
        key = self.key_of("table", (name,))
        if self.folder is not None and key not in self.kept and key in self.saved:
            self.kept[key] = self.saved[key]

    def save(self) -> None:
        """Keep what this build used, and only that; the file is rewritten only if it changed."""
        if self.folder is None:
            return
        svgs = charts.MEMO.kept()
        if (
            self.kept.keys() == self.saved.keys()
            and not charts.MEMO.drawn
            and not self._tables_changed
        ):
            return
        entries = {
            key: self._stored(entry) if key in self._page_keys else entry
            for key, entry in self.kept.items()
        }
        write_entry(
            self.folder / FILE,
            {"salt": self.salt, "format": FORMAT, "entries": entries, "charts": svgs},
        )


def _ref(page: Page | PageRef) -> PageRef:
    if isinstance(page, PageRef):
        return page
    digest = getattr(page, "digest", None)
    return PageRef(page.path, digest or hashlib.sha256(page.text.encode("utf-8")).digest())
