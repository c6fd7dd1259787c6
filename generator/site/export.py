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
from ..knowledge.stories import Story, period_label
from ..records import Article, Page
from .markup import Md, front_matter, plain
from .render import _render, article_front_matter, link, long_date, plural

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
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_record(a: Article, config: Config, story: Story | None) -> dict:
    """One article as exported: the page's front-matter, its address, and its story."""
    record = {"slug": a.slug, **article_front_matter(a, config)}
    record["story_title"] = plain(story.title) if story else None
    record["story_period"] = period_label(story, long_date) if story else None
    record["copy_of"] = a.copy_of
    return record


def render_exports(
    articles: Sequence[Article], stories: Sequence[Story], config: Config
) -> list[Page]:
    story_of = {a.slug: s for s in stories for a in s.articles}
    ordered = sorted(articles, key=lambda a: a.slug)
    records = [export_record(a, config, story_of.get(a.slug)) for a in ordered]
    pages = [
        Page("data/articles.json", json.dumps(records, ensure_ascii=False, indent=1) + "\n"),
        Page("data/articles.csv", to_csv(records)),
    ]
    companies = []
    for c in config.companies:
        mine = [r for r in records if c.name in r["companies"]]
        pages.append(Page(f"data/companies/{c.slug}.csv", to_csv(mine)))
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
                count=plural(len(records), "article"),
                columns=", ".join(COLUMNS),
                companies=companies,
            ),
        )
    )
    return pages


def to_csv(records: Sequence[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in records:
        writer.writerow([_cell(r.get(k)) for k in COLUMNS])
    return out.getvalue()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(map(str, value))
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text
