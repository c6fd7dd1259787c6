"""The Browse page: narrow the articles by company, topic, publication, author, story and date.

It works from static files only, and a filter without a search term never downloads a search
index. Measured at 10,000 synthetic articles (bench/search_bench.py), precomputed facet data beats
paged listing pages: one small file lists the facet values with their counts and the articles per
month, one file per value holds the positions of its articles, and the article rows come in chunks,
newest first, so the first page of any filter needs one or two chunks.

    browse/index.json               facets (value, count, file), months, chunk size, total
    browse/<facet>/<slug>.json      positions of the value's articles in the newest-first order
    browse/rows/<n>.json            rows [url, title, date, publication, author, summary]
    browse/values.json              per position, the ids of its facet values: the counts
                                    within a filter (fetched once a filter is chosen; about
                                    0.3 MB at 10,000 articles, against an 18 MB word index)
"""

from __future__ import annotations

import json
from pathlib import Path

from slugify import slugify

from ..records import Page
from .markup import Md, front_matter

FOLDER = "browse"
CHUNK = 250
"""Rows per chunk: a page of 50 results needs one chunk, rarely two (about 60 KB each)."""
SUMMARY_CHARS = 220
FACETS = ("company", "topic", "publication", "author", "story")
PAGE = "browse.md"


def render_browse_page() -> Page:
    """The page's frame; browse.js fills it from browse/index.json and keeps the filter in the
    URL."""
    fm = front_matter(
        {
            "title": "Browse",
            "search": {"exclude": True},
            "description": "Narrow the articles by company, topic, publication, author, "
            "story and date.",
        }
    )
    text = (
        f"{fm}# Browse\n\n"
        "Choose a company, topic, publication, author, story or months; the address of this page "
        "keeps your choice, so you can bookmark or share it. Every tag is on the "
        "[Tags](tags.md) page.\n\n"
        '<div id="digest-browse" class="digest-browse" data-search-exclude data-pagefind-ignore '
        f'data-browse="{FOLDER}/"></div>\n\n'
        "<noscript>Browsing needs JavaScript. The [Articles](articles/index.md) page lists every "
        "article by month, and every company, topic, publication and author has its own page."
        "</noscript>\n"
    )
    return Page(PAGE, Md(text))


def newest_first(articles: dict[str, dict]) -> list[tuple[str, dict]]:
    """(url, front-matter) newest first, undated last, ties by title and url, like the listings."""
    dated = sorted(
        ((u, m) for u, m in articles.items() if m.get("date")),
        key=lambda x: (str(x[1]["date"]), str(x[1].get("title", "")).casefold(), x[0]),
        reverse=True,
    )
    undated = sorted(
        ((u, m) for u, m in articles.items() if not m.get("date")),
        key=lambda x: (str(x[1].get("title", "")).casefold(), x[0]),
    )
    return [*dated, *undated]


def facet_values(meta: dict, facet: str, titles: dict[str, str]) -> list[tuple[str, str]]:
    """(key, label) of one article's values of a facet, read from its front-matter."""
    if facet == "company":
        return [(str(c), str(c)) for c in meta.get("companies") or ()]
    if facet == "topic":
        # Tags are the companies, then the titles of the topics in the `topics` order.
        companies, topics = meta.get("companies") or (), meta.get("topics") or ()
        labels = (meta.get("tags") or [])[len(companies) :]
        return [
            (str(t), str(labels[i]) if i < len(labels) else str(t)) for i, t in enumerate(topics)
        ]
    if facet == "publication":
        return [(str(meta["publication"]),) * 2] if meta.get("publication") else []
    if facet == "author":
        names = str(meta.get("author") or "").split(",")
        return [(n.strip(), n.strip()) for n in names if n.strip()]
    story = meta.get("story")
    return [(str(story), titles.get(str(story), str(story)))] if story else []


def build_data(articles: dict[str, dict]) -> dict[str, object]:
    """Every Browse file, path -> JSON value, from {page url: front-matter} of the article pages."""
    ordered = newest_first(articles)
    titles = {url.rstrip("/").rsplit("/", 1)[-1]: str(m.get("title", "")) for url, m in ordered}
    files: dict[str, object] = {}
    facets: dict[str, list[dict]] = {}
    values: list[list[int]] = [[] for _ in ordered]
    next_id = 0
    for facet in FACETS:
        members: dict[str, list[int]] = {}
        labels: dict[str, str] = {}
        for position, (_, meta) in enumerate(ordered):
            for key, label in facet_values(meta, facet, titles):
                members.setdefault(key, []).append(position)
                labels[key] = label
        facets[facet] = _facet_entries(facet, members, labels, files)
        for entry in facets[facet]:
            entry["id"] = next_id  # ids run across the facets, in the order of index.json
            next_id += 1
            for position in members[entry["key"]]:
                if not values[position] or values[position][-1] != entry["id"]:  # "A, A" as author
                    values[position].append(entry["id"])
    files["values.json"] = values
    for n in range(0, len(ordered), CHUNK):
        files[f"rows/{n // CHUNK}.json"] = [_row(url, meta) for url, meta in ordered[n : n + CHUNK]]
    files["index.json"] = {
        "total": len(ordered),
        "chunk": CHUNK,
        "facets": facets,
        "months": _months(ordered),
    }
    return files


def _facet_entries(
    facet: str, members: dict[str, list[int]], labels: dict[str, str], files: dict[str, object]
) -> list[dict]:
    entries, used = [], set()
    for key in sorted(members, key=lambda k: (-len(members[k]), labels[k].casefold(), k)):
        name = slugify(key) or "value"
        while name in used:  # two values with one slug ("AP" and "A.P.")
            name += "-x"
        used.add(name)
        files[f"{facet}/{name}.json"] = members[key]
        entries.append(
            {
                "key": key,
                "label": labels[key],
                "count": len(members[key]),
                "file": f"{facet}/{name}.json",
            }
        )
    return entries


def _row(url: str, meta: dict) -> list:
    summary = str(meta.get("summary") or "")
    if len(summary) > SUMMARY_CHARS:
        summary = summary[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"
    date = meta.get("date")
    return [
        url,
        str(meta.get("title", "")),
        str(date) if date else None,
        meta.get("publication"),
        meta.get("author"),
        summary,
    ]


def _months(ordered: list[tuple[str, dict]]) -> list[list]:
    """[month, first position, count] in newest-first order; a date range is a slice of
    positions."""
    months: list[list] = []
    for position, (_, meta) in enumerate(ordered):
        month = str(meta["date"])[:7] if meta.get("date") else "undated"
        if months and months[-1][0] == month:
            months[-1][2] += 1
        else:
            months.append([month, position, 1])
    return months


def write_data(site: Path, articles: dict[str, dict]) -> None:
    """Write the Browse files into site/browse/ (removing those of an earlier build)."""
    folder = site / FOLDER
    if folder.is_dir():
        for old in sorted(folder.rglob("*.json"), reverse=True):
            old.unlink()
    for path, value in sorted(build_data(articles).items()):
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
            encoding="utf-8",
        )
