"""Cross-seed identity: stable, unique slugs and merging of seeds with identical text.

A slug is the title's slug plus six hex digits of the article's identity hash (its text without
the override block). So renaming a seed or correcting it through front-matter keeps its URL, and
a new seed never changes an existing article's URL: nothing depends on which other seeds exist.
"""
from __future__ import annotations

from dataclasses import replace

from slugify import slugify

from ..records import Article, Level, Problem

MAX_SLUG_WORDS_CHARS = 60
RESERVED = frozenset({"index", "tags", "report"})
"""Names of pages the site generates itself; an article never takes them."""


def base_slug(article: Article) -> str:
    if "slug" in article.overrides:
        return slugify(article.overrides["slug"], max_length=100) or article.identity[:12]
    # A title made from the file name would change the URL on a rename; such pages use the hash only.
    title = "" if _title_from_file_name(article) else article.title
    words = slugify(title, max_length=MAX_SLUG_WORDS_CHARS, word_boundary=True, save_order=True) or "article"
    return f"{words}-{article.identity[:6]}"


def _title_from_file_name(article: Article) -> bool:
    found = article.found.get("title")
    return found is not None and found.method == "seed file name"


def merge_duplicates(articles: list[Article]) -> list[Article]:
    """Keep one article per identical text (the first seed by name); report the others."""
    by_identity: dict[str, Article] = {}
    for article in sorted(articles, key=lambda a: a.seed):
        first = by_identity.get(article.identity)
        if first is None:
            by_identity[article.identity] = article
            continue
        note = Problem(article.seed, "identity", Level.INFO,
                       f"same text as {first.seed}; published once, on that seed's page")
        by_identity[article.identity] = replace(first, duplicates=(*first.duplicates, article.seed),
                                                problems=(*first.problems, note))
    return list(by_identity.values())


def assign_slugs(articles: list[Article]) -> list[Article]:
    """Give every article a unique slug; a clash (only possible with hand-set slugs) gets a suffix.

    Slugs made from the title come first, so a hand-set `slug:` in a new seed can never take the
    URL of an existing article; it gets the suffix instead.
    """
    taken: dict[str, str] = {}
    out = []
    for article in sorted(articles, key=lambda a: ("slug" in a.overrides, a.identity, a.seed)):
        base = slug = base_slug(article)
        problems = article.problems
        n = 1
        while slug in taken or slug in RESERVED:
            slug = f"{base}-{article.identity[:6]}" + (f"-{n}" if n > 1 else "")
            n += 1
        if slug != base:
            problems = (*problems, Problem(article.seed, "identity", Level.WARNING,
                                           f"slug {base!r} is already used by {taken.get(base, 'a page of the site')}; "
                                           f"this article got {slug!r} instead; choose another `slug:` in the "
                                           "seed's front-matter"))
        taken[slug] = article.seed
        out.append(replace(article, slug=slug, problems=problems))
    return out
