"""Data export under docs/data/, so researchers can take the data elsewhere: articles.json (every
article's front-matter, with its story), articles.csv, one CSV per company, and a page linking them.

CSV is written with the csv module. A cell that starts with =, +, - or @ would run as a formula in a
spreadsheet, so it gets a leading apostrophe (seed text is untrusted).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from ..config import Config
from ..fingerprint import combined
from ..knowledge.stories import Story, period_label
from ..records import Article, Page
from .markup import Md, front_matter, plain
from .render import _render, article_front_matter, link, long_date, plural
from .render_cache import RenderCache

COLUMNS = (
    "slug",
    "title",
    "subtitle",
    "author",
    "date",
    "publication",
    "url",
    "companies",
    "topics",
    "summary",
    "words",
    "story",
    "story_title",
    "story_period",
    "copy_of",
    "seed",
)
TABLE = "export-rows"
"""The render cache's table of encoded rows: article and story fingerprints -> (JSON, CSV)."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_record(a: Article, config: Config, story: Story | None) -> dict:
    """One article as exported: the page's front-matter, its address, and its story."""
    record = {"slug": a.slug, **article_front_matter(a, config)}
    record["story_title"] = plain(story.title) if story else None
    record["story_period"] = period_label(story, long_date) if story else None
    record["copy_of"] = a.copy_of
    return record


def render_exports(
    articles: Sequence[Article],
    stories: Sequence[Story],
    config: Config,
    memo: RenderCache | None = None,
) -> list[Page]:
    """The data files and their page. With a render cache, each article's JSON record and CSV
    row are kept by its fingerprint and its story's, so a new seed encodes only its own (encoding
    all of them took a second per 2,000 articles); the files are the same bytes either way."""
    story_of = {a.slug: s for s in stories for a in s.articles}
    ordered = sorted(articles, key=lambda a: a.slug)
    rows = _rows(ordered, story_of, config, memo)
    items = [item for item, _ in rows]
    pages = [
        Page("data/articles.json", ("[\n" + ",\n".join(items) + "\n]" if items else "[]") + "\n"),
        Page("data/articles.csv", _csv_text(row for _, row in rows)),
    ]
    # Each article's companies read once, not once per company of the config.
    naming: dict[str, list[str]] = {}
    for a, (_, row) in zip(ordered, rows):
        for name in dict.fromkeys(a.companies):
            naming.setdefault(name, []).append(row)
    companies = []
    for c in config.companies:
        mine = naming.get(c.name, [])
        pages.append(Page(f"data/companies/{c.slug}.csv", _csv_text(mine)))
        companies.append(
            {
                "link": link(c.name, f"data/companies/{c.slug}.csv", "data/index.md"),
                "count": plural(len(mine), "article"),
            }
        )
    fm = {"title": "Data", "search": {"exclude": True}}
    pages.append(
        Page(
            "data/index.md",
            _render(
                "data.md.j2",
                front_matter=Md(front_matter(fm)),
                count=plural(len(rows), "article"),
                columns=", ".join(COLUMNS),
                companies=companies,
            ),
        )
    )
    return pages


def _rows(
    ordered: Sequence[Article],
    story_of: dict[str, Story],
    config: Config,
    memo: RenderCache | None,
) -> list[tuple[str, str]]:
    """(JSON list item, CSV line) of each article, from the table the last build kept."""
    prints = memo.prints if memo is not None and memo.folder is not None else {}
    known = memo.table(TABLE) if prints else {}
    story_keys = (
        {s.id: combined(prints[a.slug] for a in s.articles) for s in story_of.values()}
        if prints
        else {}
    )
    used, rows = {}, []
    for a in ordered:
        story = story_of.get(a.slug)
        key = f"{prints[a.slug]}:{story_keys[story.id] if story else ''}" if prints else ""
        row = known.get(key) if key else None
        if row is None:
            row = _encoded(export_record(a, config, story))
        used[key] = row
        rows.append(row)
    if prints:
        memo.keep_table(TABLE, used)
    return rows


def _encoded(record: dict) -> tuple[str, str]:
    """The record as json.dumps(records, indent=1) writes it inside the list (one more space on
    each line), and as its CSV line."""
    dumped = json.dumps(record, ensure_ascii=False, indent=1)
    item = "\n".join(" " + line for line in dumped.split("\n"))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([_cell(record.get(k)) for k in COLUMNS])
    return item, out.getvalue()


def _csv_text(rows) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(COLUMNS)
    return out.getvalue() + "".join(rows)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(map(str, value))
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
