"""What the seeds already hold: canonical addresses and content hashes, each pointing to its seed.

A page is a duplicate when any address it has (the one asked for, the one redirected to, its own
canonical link) or the hash of its bytes is already here. Hand-made seeds count too: their
front-matter `url:`/`source:`, a `Source: https://...` line at the top, a saved page's canonical.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..extract.ingest import find_seed_files, seed_name
from ..extract.patterns import URL_LINE
from .canonical import canonical_key
from .pages import page_facts
from .seedfiles import served_bytes
from .state import PullState

TOP_LINES = 40  # a clipping's source line, if any, is among its first lines
_TEXT_HEAD_BYTES = 8192
_FRONT_MATTER_URL = re.compile(
    r"^(?:url|source|link|original_url)\s*:\s*[\"']?(?P<url>https?://[^\s\"']+)", re.IGNORECASE
)
_LOOKS_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)


@dataclass
class KnownArticles:
    addresses: dict[str, str] = field(default_factory=dict)
    """canonical_key(address) -> seed name."""
    hashes: dict[str, str] = field(default_factory=dict)
    """sha256 of the page as served -> seed name."""

    def holder(self, addresses: tuple[str, ...] = (), sha256: str = "") -> str | None:
        """The seed that already holds this article, if one does."""
        for address in addresses:
            found = self.addresses.get(canonical_key(address))
            if found:
                return found
        return self.hashes.get(sha256) if sha256 else None

    def remember(self, seed: str, addresses: tuple[str, ...] = (), sha256: str = "") -> None:
        for address in addresses:
            self.addresses.setdefault(canonical_key(address), seed)
        if sha256:
            self.hashes.setdefault(sha256, seed)


def known_articles(seeds_dir: Path, state: PullState, max_bytes: int) -> KnownArticles:
    """Every article in seeds_dir (read up to max_bytes each), plus the state's records of seeds
    that still exist: a seed deleted by hand may be added again."""
    known = KnownArticles()
    files, _ = find_seed_files(seeds_dir) if seeds_dir.is_dir() else ([], [])
    names = set()
    for path in files:
        name = seed_name(path, seeds_dir)
        names.add(name)
        try:
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except OSError:
            continue  # the build reports an unreadable seed; here it simply holds nothing known
        served = served_bytes(data)
        known.remember(name, _addresses(data), hashlib.sha256(served).hexdigest())
        known.remember(name, (), hashlib.sha256(data).hexdigest())
    for name, record in sorted(state.seeds.items()):
        if name in names:
            known.remember(name, (record.url,), record.sha256)
    return known


def _addresses(data: bytes) -> tuple[str, ...]:
    if _LOOKS_HTML.search(data[:4096]):
        return page_facts(data).addresses
    head = data[:_TEXT_HEAD_BYTES].decode("utf-8", errors="replace").lstrip("\ufeff")
    found = []
    for line in head.splitlines()[:TOP_LINES]:
        line = line.strip()
        match = _FRONT_MATTER_URL.match(line) or URL_LINE.match(line)
        if match:
            found.append(match.group("url"))
    return tuple(found)
