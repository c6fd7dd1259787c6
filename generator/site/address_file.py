"""The addresses file's text for a build, a few entries at a time (addresses.py writes and reads
the file; this module lives apart from it because ingest imports addresses.py, so its code is part
of the per-seed cache's key, and this is not).

PyYAML's emitter took three seconds of CPU for 10,000 entries, on every build where any article
changed. Each entry of the list comes out the same whatever its neighbours (a block sequence of
flat mappings of plain strings: no anchors, every scalar's style decided by the scalar alone), so
each is emitted once and kept, keyed by its own content, and the file is their concatenation.

Reading it back is kept the same way: parsing 10,000 entries with the strict YAML reader took
seconds, and after one new seed the file is the one the last build wrote, so what it says is
taken from the cache under the hash of its bytes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from ..records import Article, Problem
from .addresses import _HEADER, ADDRESSES_FILE, Addresses, dump_addresses, load_addresses
from .render_cache import RenderCache

TABLE = "address-entries"
LIST_KEY = "articles:\n"
"""What dumping {"articles": [entry]} puts before the entry."""


def addresses_text(articles: tuple[Article, ...], memo: RenderCache) -> str:
    """dump_addresses(articles), byte for byte (tests/test_address_file.py)."""
    if not articles:
        return dump_addresses(articles)
    known = memo.table(TABLE)
    used = {}
    parts = [_HEADER, LIST_KEY]
    for a in sorted(articles, key=lambda a: a.slug):
        row = (a.slug, a.seed, a.identity, a.former_slugs)
        text = known.get(row)
        if text is None:
            text = _entry_text(a)
        used[row] = text
        parts.append(text)
    memo.keep_table(TABLE, used)
    return "".join(parts)


def known_addresses(seeds_dir: Path, memo: RenderCache) -> tuple[Addresses, list[Problem]]:
    """load_addresses(seeds_dir), taken from the cache when the file's bytes are the ones it
    read last time (the cache file is checksummed and salted with the code: a damaged or old one
    is read again from the file)."""
    path = seeds_dir / ADDRESSES_FILE
    digest = _digest(path)
    if digest is None:  # none, a symlink or unreadable: load_addresses says which, quickly
        return load_addresses(seeds_dir)
    try:
        known, problems = memo.value(
            memo.key_of("addresses", (digest,)), lambda: _loaded(seeds_dir, digest)
        )
    except _ChangedWhileRead as changed:  # nothing was kept: the next build reads it again
        known, problems = changed.args
    return known, list(problems)


class _ChangedWhileRead(Exception):
    """The file's bytes changed while it was parsed: what was read is used, never kept."""


def _digest(path: Path) -> str | None:
    if not path.is_file() or path.is_symlink():
        return None
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _loaded(seeds_dir: Path, digest: str) -> tuple[Addresses, tuple[Problem, ...]]:
    known, problems = load_addresses(seeds_dir)
    if _digest(seeds_dir / ADDRESSES_FILE) != digest:
        raise _ChangedWhileRead(known, tuple(problems))
    return known, tuple(problems)


def _entry_text(a: Article) -> str:
    entry = {"address": a.slug, "seed": a.seed, "text": a.identity}
    if a.former_slugs:
        entry["redirects"] = list(a.former_slugs)
    text = yaml.safe_dump({"articles": [entry]}, sort_keys=False, allow_unicode=True, width=1000)
    if not text.startswith(LIST_KEY):
        raise ValueError(f"unexpected YAML for the addresses entry of {a.slug!r}")
    return text[len(LIST_KEY) :]
