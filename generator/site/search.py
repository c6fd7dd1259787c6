"""Site search: which engine serves a site, the hidden words that make aliases and spelling variants
find an article, and the Pagefind index.

Two engines give one search box in the Material header:
- `lunr`: Material's own search. The browser downloads search_index.json and builds a lunr index
  from it on every full page load, which is fine for a few hundred articles (10 MB at 1,000).
- `pagefind`: a static index split into small chunks; a query fetches only the chunks its words
  live in, so the cost stays flat up to tens of thousands of articles.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
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
SHARD_PAGES = 3000
"""Pages per Pagefind run: about 0.5 GB of peak memory at ~2,000 pages (bench/search_bench.py)."""
SHARD_LIST = "shards.json"


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


def pagefind_shards(site: Path, work: Path, shard_pages: int = SHARD_PAGES) -> list[list[str]]:
    """Commands that index the built site in shards of at most `shard_pages` searchable pages.

    Pagefind holds every page of a run in memory (3.2 GiB at 10,000 articles in one run); shards
    keep the peak to one shard's. Each shard is a folder of hard links to its pages, so Pagefind
    computes the same URLs; the first shard writes site/pagefind/, the others site/pagefind-2/ ...,
    listed in site/pagefind/shards.json for the browser to merge (Pagefind's mergeIndex).
    """
    pages = sorted(
        p
        for p in site.rglob("*.html")
        if not p.relative_to(site).parts[0].startswith("pagefind")
        and "data-pagefind-body" in p.read_text(encoding="utf-8", errors="replace")
    )
    commands = []
    for n in range(0, max(len(pages), 1), shard_pages):
        number = n // shard_pages + 1
        folder = work / f"shard-{number}"
        for page in pages[n : n + shard_pages]:
            link = folder / page.relative_to(site)
            link.parent.mkdir(parents=True, exist_ok=True)
            os.link(page, link)
        output = site / (PAGEFIND_FOLDER if number == 1 else f"{PAGEFIND_FOLDER}-{number}")
        commands.append(pagefind_command(folder, output))
    return commands


def write_shard_list(site: Path, shards: int) -> None:
    extra = [f"{PAGEFIND_FOLDER}-{n}/" for n in range(2, shards + 1)]
    (site / PAGEFIND_FOLDER / SHARD_LIST).write_text(json.dumps(extra), encoding="utf-8")


def index_with_pagefind(site: Path, shard_pages: int = SHARD_PAGES) -> None:
    """Write site/pagefind/ (and site/pagefind-N/ for further shards): the index and Pagefind's
    own scripts."""
    with tempfile.TemporaryDirectory(prefix="pagefind-shards-", dir=site.parent) as work:
        commands = pagefind_shards(site, Path(work), shard_pages)
        for command in commands:
            result = subprocess.run(command, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                raise SearchIndexError(
                    f"pagefind failed ({result.returncode}): "
                    f"{(result.stderr or result.stdout).strip()[-2000:]}"
                )
    write_shard_list(site, len(commands))
