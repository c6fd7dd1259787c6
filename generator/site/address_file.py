"""The addresses file's text for a build, a few entries at a time (addresses.py writes and reads
the file; this module lives apart from it because ingest imports addresses.py, so its code is part
of the per-seed cache's key, and this is not).

PyYAML's emitter took three seconds of CPU for 10,000 entries, on every build where any article
changed. Each entry of the list comes out the same whatever its neighbours (a block sequence of
flat mappings of plain strings: no anchors, every scalar's style decided by the scalar alone), so
each is emitted once and kept, keyed by its own content, and the file is their concatenation.

Reading it back is kept the same way: parsing 10,000 entries with the strict YAML reader took
seconds after any new seed. When the file is made only of entries this module wrote (the last
build's file, unless someone edited it), each entry is read once, alone, and its reading kept
under its text; read alone it says what it says inside the whole file, for the same reason.
A file with any other text in it is parsed whole, as load_addresses does.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..extract.safe_yaml import load_plain_yaml
from ..records import Article, Problem
from .addresses import (
    _HEADER,
    ADDRESSES_FILE,
    MAX_ADDRESSES_CHARS,
    Address,
    Addresses,
    _entry,
    dump_addresses,
    load_addresses,
)
from .render_cache import RenderCache

TABLE = "address-entries"
"""Kept by the build: each entry's row (address, seed, text hash, redirects) -> its text."""
READINGS = "address-readings"
"""Kept by the build: an entry's text -> the Address the strict reader makes of it."""
ENTRY_START = "\n- "
"""Where an entry of the list begins: its continuation lines are indented (a redirect list's
items too), so a piece of the file between two of these that is not an entry this module wrote
just sends the file to the whole parse."""
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
    """What load_addresses(seeds_dir) gives: from the kept readings of its entries when the file
    is made only of entries this module wrote, else by parsing it whole."""
    entries = _our_entries(seeds_dir / ADDRESSES_FILE, memo.table(TABLE))
    if entries is None:
        return load_addresses(seeds_dir)
    readings = memo.table(READINGS)
    try:
        kept = {text: readings.get(text) or _reading(text) for text in entries}
    except (yaml.YAMLError, TypeError, KeyError, IndexError, AttributeError):
        return load_addresses(seeds_dir)  # cannot happen to an entry it wrote; never guessed
    memo.keep_table(READINGS, kept)
    read = [kept[text] for text in entries]
    return Addresses({e.text: e for e in read}, {e.seed: e for e in read}), []


def _our_entries(path: Path, written: dict) -> list[str] | None:
    """The file's entries, in order, when it is the header and entries this module wrote."""
    if not path.is_file() or path.is_symlink():
        return None
    try:
        text = path.read_text(encoding="utf-8")  # as load_addresses reads it (newlines too)
    except (OSError, UnicodeDecodeError):
        return None
    if len(text) > MAX_ADDRESSES_CHARS or not text.startswith(_HEADER + LIST_KEY):
        return None
    pieces = text[len(_HEADER + LIST_KEY) :].split(ENTRY_START)
    entries = [pieces[0], *("- " + p for p in pieces[1:])]
    entries = [e + "\n" for e in entries[:-1]] + entries[-1:]
    ours = set(written.values())
    return entries if all(e in ours for e in entries) else None


def _reading(entry: str) -> Address:
    """One entry read alone, as the strict reader reads the file."""
    raw = load_plain_yaml(LIST_KEY + entry, MAX_ADDRESSES_CHARS, 10 * MAX_ADDRESSES_CHARS)
    return _entry(raw["articles"][0])


def _entry_text(a: Article) -> str:
    entry = {"address": a.slug, "seed": a.seed, "text": a.identity}
    if a.former_slugs:
        entry["redirects"] = list(a.former_slugs)
    text = yaml.safe_dump({"articles": [entry]}, sort_keys=False, allow_unicode=True, width=1000)
    if not text.startswith(LIST_KEY):
        raise ValueError(f"unexpected YAML for the addresses entry of {a.slug!r}")
    return text[len(LIST_KEY) :]
