"""Cross-seed identity: addresses that never move, and one page per identical text.

A new article's address is the title's slug plus 16 hex digits (64 bits) of its identity hash
(its text without the override block): forging a clash would take about 2^32 tries per target
even for a birthday attack on all pages, far beyond a laptop. An article the addresses file
already lists keeps that address whatever new seeds arrive; they are placed after it and can
only take a free address. A title correction moves the words of the address, never its hash
part, and the old address becomes a redirect.
"""

from __future__ import annotations

from dataclasses import replace

from slugify import slugify

from ..records import Article, Level, Problem
from .addresses import NO_ADDRESSES, Address, Addresses

MAX_SLUG_WORDS_CHARS = 60
HASH_CHARS = 16
"""Hex digits of the identity hash in a new address: 64 bits."""
RESERVED = frozenset({"index", "tags", "report"})
"""Names of pages the site generates itself; an article never takes them."""


def base_slug(
    article: Article, hash_part: str | None = None, words: dict[str, str] | None = None
) -> str:
    """The address this article asks for: a hand-set `slug:`, else title words and hash part."""
    if "slug" in article.overrides:
        return slugify(article.overrides["slug"], max_length=100) or article.identity[:12]
    return f"{title_words(article, words)}-{hash_part or article.identity[:HASH_CHARS]}"


def title_words(article: Article, words: dict[str, str] | None = None) -> str:
    """The title's words as they go into its address. `words`, when given, holds titles already
    turned into words (kept between builds by the caller: slugify took 0.5 s per 10,000 titles)
    and gets the new ones."""
    # A title made from the file name would change the URL on a rename; such pages use the
    # hash only.
    title = "" if _title_from_file_name(article) else article.title
    if words is not None and title in words:
        return words[title]
    made = (
        slugify(title, max_length=MAX_SLUG_WORDS_CHARS, word_boundary=True, save_order=True)
        or "article"
    )
    if words is not None:
        words[title] = made
    return made


def _title_from_file_name(article: Article) -> bool:
    found = article.found.get("title")
    return found is not None and found.method == "seed file name"


def merge_duplicates(articles: list[Article], known: Addresses = NO_ADDRESSES) -> list[Article]:
    """Keep one article per identical text; report the others, naming both files.

    The seed the addresses file lists for that text keeps the page (it was published first); else
    the first seed by name. A duplicate's own front-matter is never applied to the page.
    """

    def published_first(article: Article) -> tuple[bool, str]:
        entry = known.by_text.get(article.identity)
        return (entry is None or entry.seed != article.seed, article.seed)

    by_identity: dict[str, Article] = {}
    for article in sorted(articles, key=published_first):
        first = by_identity.get(article.identity)
        if first is None:
            by_identity[article.identity] = article
            continue
        ignored = sorted(article.overrides)
        note = f"same text as {_quoted(first.seed)}; published once, on that seed's page" + (
            f"; this file's front-matter ({', '.join(ignored)}) was not applied to it"
            if ignored
            else ""
        )
        by_identity[article.identity] = replace(
            first,
            duplicates=(*first.duplicates, article.seed),
            problems=(
                *first.problems,
                *article.problems,
                Problem(article.seed, "identity", Level.INFO, note),
            ),
        )
    return list(by_identity.values())


def _quoted(name: str) -> str:
    """A seed's name inside a message; a backtick would turn it into code in the report."""
    return name.replace("`", "'")


def assign_slugs(
    articles: list[Article], known: Addresses = NO_ADDRESSES, words: dict[str, str] | None = None
) -> list[Article]:
    """Give every article a unique address: the recorded ones first, then newcomers on free ones.

    A newcomer whose address is taken (possible with hand-set slugs) gets a suffix and a warning;
    so does a hand-set `slug:` that asks for a taken address. `words`: see title_words.
    """
    recorded = {a.seed: known.of(a) for a in articles}
    taken: dict[str, str] = {}
    for article in articles:
        entry = recorded[article.seed]
        for address in (entry.address, *entry.redirects) if entry else ():
            taken.setdefault(address, article.seed)
    out = [
        _keep_or_move(a, recorded[a.seed], taken, words)
        for a in sorted(articles, key=lambda a: a.identity)
        if recorded[a.seed]
    ]
    newcomers = sorted(
        (a for a in articles if not recorded[a.seed]),
        key=lambda a: ("slug" in a.overrides, a.identity, a.seed),
    )
    out += [_newcomer(a, taken, words) for a in newcomers]
    return out


def _keep_or_move(
    article: Article, entry: Address, taken: dict[str, str], words: dict[str, str] | None
) -> Article:
    """A listed article keeps its address, unless its own title (or `slug:`) changed: then it moves
    to the new one when that is free, and the old one redirects."""
    wanted = base_slug(article, _hash_part(entry), words)
    if wanted == entry.address:
        return replace(article, slug=entry.address, former_slugs=entry.redirects)
    if taken.get(wanted, article.seed) != article.seed or wanted in RESERVED:
        note = _taken(article, wanted, entry.address, taken.get(wanted, "a page of the site"))
        return replace(
            article,
            slug=entry.address,
            former_slugs=entry.redirects,
            problems=(*article.problems, note),
        )
    taken[wanted] = article.seed
    former = tuple(dict.fromkeys((*entry.redirects, entry.address)))
    note = Problem(
        article.seed,
        "identity",
        Level.INFO,
        f"the page moved from {entry.address!r} to {wanted!r} after the title changed; the old "
        "address "
        "redirects to it",
    )
    return replace(
        article,
        slug=wanted,
        former_slugs=tuple(s for s in former if s != wanted),
        problems=(*article.problems, note),
    )


def _hash_part(entry: Address) -> str | None:
    """The hash digits at the end of a recorded address (6 in old ones, 16 in new), if it has
    them."""
    for size in range(HASH_CHARS, 5, -1):
        if entry.address.endswith("-" + entry.text[:size]):
            return entry.text[:size]
    return None


def _newcomer(article: Article, taken: dict[str, str], words: dict[str, str] | None) -> Article:
    base = slug = base_slug(article, words=words)
    n = 1
    while slug in taken or slug in RESERVED:
        slug = f"{base}-{article.identity[:6]}" + (f"-{n}" if n > 1 else "")
        n += 1
    problems = article.problems
    if slug != base:
        problems = (*problems, _taken(article, base, slug, taken.get(base, "a page of the site")))
    taken[slug] = article.seed
    return replace(article, slug=slug, problems=problems)


def _taken(article: Article, wanted: str, got: str, owner: str) -> Problem:
    """The same words whether the article is new or listed in the addresses file already."""
    return Problem(
        article.seed,
        "identity",
        Level.WARNING,
        f"slug {wanted!r} is already used by {_quoted(owner)}; this article got {got!r} instead; "
        "choose another `slug:` in the seed's front-matter",
    )
