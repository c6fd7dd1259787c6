"""The addresses file's text for a build, through the render cache (addresses.py writes and reads
the file; this module lives apart from it because ingest imports addresses.py, so its code is part
of the per-seed cache's key, and this is not)."""

from __future__ import annotations

from ..records import Article
from .addresses import dump_addresses
from .render_cache import RenderCache


def addresses_text(articles: tuple[Article, ...], memo: RenderCache) -> str:
    """dump_addresses(articles), kept under the fingerprints of the articles."""
    return memo.value(memo.key("addresses", [a.slug for a in articles]), lambda: dump_addresses(articles))
