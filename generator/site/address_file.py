"""The addresses file's text for a build, a few entries at a time (addresses.py writes and reads
the file; this module lives apart from it because ingest imports addresses.py, so its code is part
of the per-seed cache's key, and this is not).

PyYAML's emitter took three seconds of CPU for 10,000 entries, on every build where any article
changed. Each entry of the list comes out the same whatever its neighbours (a block sequence of
flat mappings of plain strings: no anchors, every scalar's style decided by the scalar alone), so
each is emitted once and kept, keyed by its own content, and the file is their concatenation.
"""

from __future__ import annotations

import yaml

from ..records import Article
from .addresses import _HEADER, dump_addresses
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


def _entry_text(a: Article) -> str:
    entry = {"address": a.slug, "seed": a.seed, "text": a.identity}
    if a.former_slugs:
        entry["redirects"] = list(a.former_slugs)
    text = yaml.safe_dump({"articles": [entry]}, sort_keys=False, allow_unicode=True, width=1000)
    if not text.startswith(LIST_KEY):
        raise ValueError(f"unexpected YAML for the addresses entry of {a.slug!r}")
    return text[len(LIST_KEY) :]
