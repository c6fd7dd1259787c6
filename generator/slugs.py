"""Cross-seed identity: stable, unique slugs and merging of seeds with identical text.

A slug is the title's slug plus six hex digits of the article's identity hash (its text without
the override block). So renaming a seed or correcting it through front-matter keeps its URL, and
a new seed never changes an existing article's URL: nothing depends on which other seeds exist.
"""
from __future__ import annotations

from dataclasses import replace

from slugify import slugify

from .records import Article, Level, Problem

MAX_SLUG_WORDS_CHARS = 60


def base_slug(article: Article) -> str:
    if "slug" in article.overrides:
        return slugify(article.overrides["slug"], max_length=100) or article.identity[:12]
    words = slugify(article.title, max_length=MAX_SLUG_WORDS_CHARS, word_boundary=True, save_order=True) or "article"
    return f"{words}-{article.identity[:6]}"


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
    """Give every article a unique slug; a clash (only possible with hand-set slugs) gets a suffix."""
    taken: dict[str, str] = {}
    out = []
    for article in sorted(articles, key=lambda a: (a.identity, a.seed)):
        slug = base_slug(article)
        problems = article.problems
        if slug in taken or slug in ("index", "tags", "report"):
            problems = (*problems, Problem(article.seed, "identity", Level.WARNING,
                                           f"slug {slug!r} is already used by {taken.get(slug, 'a site page')}; "
                                           "a suffix was added; choose another `slug:` in the front-matter"))
            slug = f"{slug}-{article.identity[:6]}"
        taken[slug] = article.seed
        out.append(replace(article, slug=slug, problems=problems))
    return out
