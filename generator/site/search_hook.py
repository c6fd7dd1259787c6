"""MkDocs hook for search and browsing, run by `mkdocs build` and `mkdocs serve` alike.

- Every page gets a `description` (its summary) for the meta and Open Graph tags.
- Each article's hidden search words (aliases, spelling variants, authors; see search.py) go into
  a `terms` field of Material's lunr index, boosted above body text, instead of its text.
- The Browse page's static data (browse.py) is written from the articles' front-matter.
- Listing pages (the home page, the section indexes, publication and author pages) are found by
  their heading only: Pagefind skips what follows it, as company and topic pages' templates do.
- Under Pagefind, Material's own search_index.json is replaced by an empty one: nothing reads it.
  Material's search plugin is then told not to parse every page into entries for it (a tenth of
  the MkDocs build); it still strips the pages' data-search-* attributes, so the HTML is the same.
"""

from __future__ import annotations

import html as html_module
import json
import re
from pathlib import Path

from generator.site import browse
from generator.site.search import NOT_INDEXED

_TERMS = re.compile(r'<div class="digest-search-terms"[^>]*>(?P<words>[^<]*)</div>')
_SEPARATOR = " · "
LISTING = re.compile(r"(?:[^/]+/)?index\.md|(?:publications|authors)/[^/]+(?:/page-\d+)?\.md")
"""Pages that list other pages (home, section indexes, a publication's or author's articles by
month). Their lists repeat the articles' titles and summaries, so a search for an article's
words found them beside the article; and every new article changes them, which made Pagefind
index their shard again on every new seed."""
_HEADING_END = "</h1>"
_SKIPPED = (
    NOT_INDEXED[0].decode() + '<div data-pagefind-ignore="all">',
    "</div>" + NOT_INDEXED[1].decode(),
)
_articles: dict[str, dict] = {}
_terms: dict[str, str] = {}


def on_pre_build(config) -> None:
    _articles.clear()
    _terms.clear()
    if config is not None and config["extra"].get("search_engine") == "pagefind":
        _skip_lunr_entries(config)


def _skip_lunr_entries(config) -> None:
    """Under Pagefind, Material's index gets no entries: on_post_build empties it anyway."""
    plugin = config.plugins.get("material/search")
    index = getattr(plugin, "search_index", None)  # made by the plugin's on_config
    if index is not None:
        index.add_entry_from_context = _no_entry


def _no_entry(page) -> None:
    """SearchIndex.add_entry_from_context without the HTML parse it would throw away."""


def on_page_markdown(markdown: str, page, config, files) -> str:
    summary = page.meta.get("summary")
    if summary and not page.meta.get("description"):
        page.meta["description"] = str(summary)
    if page.file.src_uri.startswith("articles/") and page.file.src_uri != "articles/index.md":
        _articles[page.url] = dict(page.meta)
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    match = _TERMS.search(html)
    if match:
        _terms[page.url] = html_module.unescape(" ".join(match["words"].split(_SEPARATOR)))
    if LISTING.fullmatch(page.file.src_uri):
        return heading_only(html)
    return html


def heading_only(html: str) -> str:
    """The page's HTML with everything after its first heading in an element Pagefind skips,
    between the markers that tell the shard cache (search.py) it is not indexed. The content is
    a sequence of whole elements, so the wrapper nests; no heading: unchanged."""
    end = html.find(_HEADING_END)
    if end < 0:
        return html
    end += len(_HEADING_END)
    return f"{html[:end]}{_SKIPPED[0]}{html[end:]}{_SKIPPED[1]}"


def on_post_build(config) -> None:
    site = Path(config["site_dir"])
    index = site / "search" / "search_index.json"
    if config["extra"].get("search_engine") == "pagefind":
        if index.is_file():
            data = json.loads(index.read_text(encoding="utf-8"))
            index.write_text(json.dumps({"config": data["config"], "docs": []}), encoding="utf-8")
    elif index.is_file():
        _add_terms(index)
    browse.write_data(site, _articles)


def _add_terms(index: Path) -> None:
    """The `terms` field Material's worker indexes (mkdocs.yml: plugins.search.fields)."""
    data = json.loads(index.read_text(encoding="utf-8"))
    for doc in data["docs"]:
        words = _terms.get(doc["location"])
        if words is not None:
            doc["terms"] = words
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
