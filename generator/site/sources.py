"""Publication and author pages: each lists its articles by month, newest first, a hundred to a
page, so no listing grows without bound; an index page per kind lists every name with its count.

    publications/index.md             every publication, by number of articles
    publications/<slug>.md            its newest 100 articles, grouped by month
    publications/<slug>/page-2.md     the next 100, and so on
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence

from slugify import slugify

from ..records import Article, Page
from .markup import Md, escape, front_matter, plain
from .render import link, listing, newest_first, plural

PER_PAGE = 100
KINDS = {"publications": ("Publications", "Publication"), "authors": ("Authors", "Author")}


def publications_of(a: Article) -> list[str]:
    return [a.publication] if a.publication else []


def authors_of(a: Article) -> list[str]:
    return [n.strip() for n in (a.author or "").split(",") if n.strip()]


NAMES: dict[str, Callable[[Article], list[str]]] = {
    "publications": publications_of,
    "authors": authors_of,
}


def slug_for(name: str) -> str:
    return slugify(name) or "unnamed"


def page_path(kind: str, name: str, number: int = 1) -> str:
    base = f"{kind}/{slug_for(name)}"
    return f"{base}.md" if number == 1 else f"{base}/page-{number}.md"


def names(kind: str, articles: Sequence[Article]) -> dict[str, list[Article]]:
    """Each name (its first spelling by slug) -> its articles, for one kind."""
    by_slug: dict[str, tuple[str, list[Article]]] = {}
    for a in sorted(articles, key=lambda a: a.slug):
        for name in NAMES[kind](a):
            entry = by_slug.setdefault(slug_for(name), (name, []))
            entry[1].append(a)
    return {name: items for name, items in by_slug.values()}


def render_kind(
    kind: str, articles: Sequence[Article], remember: Remember | None = None
) -> list[Page]:
    """The index page of a kind and every name's pages (each depends only on the name's articles,
    so the render cache keeps them by those)."""
    remember = remember or (lambda what, items, render: render())
    members = names(kind, articles)
    pages = [_index(kind, members)]
    for name in sorted(members, key=slug_for):
        pages += remember(
            f"{kind}:{name}",
            members[name],
            lambda name=name: _name_pages(kind, name, members[name]),
        )
    return pages


def _index(kind: str, members: dict[str, list[Article]]) -> Page:
    here = f"{kind}/index.md"
    heading, column = KINDS[kind]
    rows = sorted(members.items(), key=lambda x: (-len(x[1]), x[0].casefold()))
    lines = [f"| {column} | Articles |", "|---|---:|"]
    lines += [
        f"| {link(name, page_path(kind, name), here)} | {len(items)} |" for name, items in rows
    ]
    intro = f"{plural(len(members), column.lower())}, by number of articles."
    body = "\n".join(lines) if rows else "*None yet.*"
    return Page(here, f"{front_matter({'title': heading})}# {heading}\n\n{intro}\n\n{body}\n")


def _name_pages(kind: str, name: str, items: list[Article]) -> list[Page]:
    ordered = newest_first(items)
    count = max(1, -(-len(ordered) // PER_PAGE))
    pages = []
    for number in range(1, count + 1):
        here = page_path(kind, name, number)
        chunk = ordered[(number - 1) * PER_PAGE : number * PER_PAGE]
        fm = {
            "title": plain(name if number == 1 else f"{name} (page {number})"),
            kind[:-1]: plain(name),
            "articles": len(ordered),
        }
        text = (
            f"{front_matter(fm)}# {escape(name)}\n\n{_count_line(kind, ordered, number, count)}\n\n"
            f"{_months(chunk, here)}\n{_pager(kind, name, number, count, here)}"
        )
        pages.append(Page(here, text))
    return pages


def _count_line(kind: str, ordered: list[Article], number: int, count: int) -> Md:
    what = "published by this outlet" if kind == "publications" else "by this author"
    line = f"{plural(len(ordered), 'article')} {what}, newest first."
    if count > 1:
        first, last = (number - 1) * PER_PAGE + 1, min(number * PER_PAGE, len(ordered))
        line += f" Articles {first}–{last}, page {number} of {count}."
    return Md(line)


def _months(chunk: list[Article], here: str) -> str:
    groups: dict[str, list[Article]] = {}
    for a in chunk:
        key = f"{calendar.month_name[int(a.date[5:7])]} {a.date[:4]}" if a.date else "Undated"
        groups.setdefault(key, []).append(a)
    return "".join(f"## {month}\n\n{listing(items, here)}\n\n" for month, items in groups.items())


def _pager(kind: str, name: str, number: int, count: int, here: str) -> str:
    if count == 1:
        return ""
    parts = [link("← Newer", page_path(kind, name, number - 1), here)] if number > 1 else []
    parts += [
        link(str(n), page_path(kind, name, n), here) if n != number else Md(f"**{n}**")
        for n in range(1, count + 1)
    ]
    if number < count:
        parts.append(link("Older →", page_path(kind, name, number + 1), here))
    return f'<nav class="digest-pager" aria-label="Pages" markdown>{" · ".join(parts)}</nav>\n'


Remember = Callable[[str, list[Article], Callable[[], list[Page]]], list[Page]]
"""(what, its articles, render) -> pages: the render cache's lookup, or just render()."""


def render_sources(articles: Sequence[Article], remember: Remember | None = None) -> list[Page]:
    """Publication and author pages, in a stable order."""
    return [
        *render_kind("publications", articles, remember),
        *render_kind("authors", articles, remember),
    ]
