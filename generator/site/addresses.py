"""The addresses file (seeds/addresses.yml): the page address of every published article, kept
between builds and committed with the seeds, so an address once given never moves.

`digest build` and `digest generate` bring it up to date; `digest check` says when it is out of
date. An entry is found by the article's text hash (a renamed seed keeps its page), else by the
seed's name (an edited text keeps its page too). Former addresses are kept as redirects.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..extract.safe_yaml import load_plain_yaml
from ..records import Article, Level, Problem

ADDRESSES_FILE = "addresses.yml"
"""Its name inside the seeds folder; the seed reader never takes it for an article."""
MAX_ADDRESSES_CHARS = 50_000_000
_HEADER = (
    "# Page addresses of the published articles, kept by `digest build`. Commit this "
    "file with the\n"
    "# seeds: an article listed here keeps its address whatever other seeds arrive.\n"
)


@dataclass(frozen=True)
class Address:
    """Where one article is published, and where it was before."""

    address: str
    seed: str
    text: str
    """The article's identity (hash of its text) when the address was given."""
    redirects: tuple[str, ...] = ()
    """Former addresses, which now lead to this one."""


@dataclass(frozen=True)
class Addresses:
    by_text: dict[str, Address]
    by_seed: dict[str, Address]

    def of(self, article: Article) -> Address | None:
        """The recorded address of this article: same text first, else the same seed file."""
        return self.by_text.get(article.identity) or self.by_seed.get(article.seed)


NO_ADDRESSES = Addresses({}, {})


def load_addresses(seeds_dir: Path) -> tuple[Addresses, list[Problem]]:
    """The addresses file of this seeds folder (none yet is no problem; a broken one is
    reported)."""
    path = seeds_dir / ADDRESSES_FILE
    if not path.is_file() or path.is_symlink():
        return NO_ADDRESSES, []
    try:
        raw = load_plain_yaml(
            path.read_text(encoding="utf-8"), MAX_ADDRESSES_CHARS, 10 * MAX_ADDRESSES_CHARS
        )
        entries = [_entry(e) for e in (raw or {}).get("articles") or []]
    except (
        OSError,
        UnicodeDecodeError,
        yaml.YAMLError,
        AttributeError,
        TypeError,
        KeyError,
    ) as exc:
        return NO_ADDRESSES, [
            Problem(
                ADDRESSES_FILE,
                "identity",
                Level.ERROR,
                (
                    f"the addresses file could not be read ({type(exc).__name__}), so every "
                    "article got a new address "
                    "this time; restore it from version control (git checkout "
                    "seeds/addresses.yml) and build again"
                ),
            )
        ]
    return Addresses({e.text: e for e in entries}, {e.seed: e for e in entries}), []


def _entry(raw: dict) -> Address:
    redirects = raw.get("redirects") or []
    if not all(isinstance(v, str) for v in (raw["address"], raw["seed"], raw["text"], *redirects)):
        raise TypeError("an entry holds something other than text")
    return Address(raw["address"], raw["seed"], raw["text"], tuple(redirects))


def dump_addresses(articles: tuple[Article, ...]) -> str:
    """The addresses file for these published articles, sorted by address (byte-identical each
    time)."""
    entries = []
    for a in sorted(articles, key=lambda a: a.slug):
        entry = {"address": a.slug, "seed": a.seed, "text": a.identity}
        if a.former_slugs:
            entry["redirects"] = list(a.former_slugs)
        entries.append(entry)
    return _HEADER + yaml.safe_dump(
        {"articles": entries}, sort_keys=False, allow_unicode=True, width=1000
    )


def save_addresses(seeds_dir: Path, text: str) -> bool:
    """Write the addresses file when its content changed; True when it did."""
    path = seeds_dir / ADDRESSES_FILE
    if _current(path) == text:
        return False
    tmp = path.with_name(f".{ADDRESSES_FILE}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return True


def out_of_date(seeds_dir: Path, text: str) -> bool:
    return _current(seeds_dir / ADDRESSES_FILE) != text


def _current(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def redirect_map(articles: tuple[Article, ...]) -> dict[str, str]:
    """Former page → current page, in the form of mkdocs-redirects' `redirect_maps`."""
    return {
        f"articles/{old}.md": f"articles/{a.slug}.md"
        for a in sorted(articles, key=lambda a: a.slug)
        for old in a.former_slugs
    }


REDIRECTS_PAGE = ".redirects.yml"
"""Written into docs/ beside the pages (MkDocs does not publish dot files); the MkDocs hook hands it
to the mkdocs-redirects plugin, which writes a page at each former address leading to the new
one."""


def dump_redirects(articles: tuple[Article, ...]) -> str:
    return yaml.safe_dump(redirect_map(articles), sort_keys=True, allow_unicode=True)


def load_redirects(docs_dir: Path) -> dict[str, str]:
    """The redirects the last generation wrote into docs_dir ({} when there are none)."""
    path = docs_dir / REDIRECTS_PAGE
    try:
        raw = load_plain_yaml(
            path.read_text(encoding="utf-8"), MAX_ADDRESSES_CHARS, MAX_ADDRESSES_CHARS
        )
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {k: v for k, v in raw.items() if isinstance(k, str) and isinstance(v, str)}
