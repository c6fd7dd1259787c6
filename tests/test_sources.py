"""generator.site.sources: publication and author pages, grouped by month and paginated."""
from __future__ import annotations

from generator.records import Article, Block
from generator.site.sources import PER_PAGE, page_path, render_sources


def make(n: int, date: str | None, publication: str | None = "Reuters", author: str | None = "Jane Doe") -> Article:
    return Article(seed=f"{n:03d}.txt", seed_sha256="0" * 64, title=f"Story {n}", slug=f"story-{n}",
                   date=date, publication=publication, author=author, blocks=(Block("p", "x"),))


def pages(articles) -> dict[str, str]:
    return {p.path: p.text for p in render_sources(articles)}


def test_one_page_per_publication_and_author_and_an_index_each():
    out = pages([make(1, "2020-01-05"), make(2, "2020-02-01", "AP", "Jane Doe, John Roe")])
    assert set(out) == {"publications/index.md", "publications/reuters.md", "publications/ap.md",
                        "authors/index.md", "authors/jane-doe.md", "authors/john-roe.md"}
    assert "| [Jane Doe](jane-doe.md) | 2 |" in out["authors/index.md"]


def test_articles_are_grouped_by_month_newest_first():
    text = pages([make(1, "2020-01-05"), make(2, "2020-02-01"), make(3, None)])["publications/reuters.md"]
    assert text.index("## February 2020") < text.index("## January 2020") < text.index("## Undated")
    assert "[Story 2](../articles/story-2.md)" in text


def test_long_lists_are_paginated():
    out = pages([make(n, f"2020-01-{1 + n % 28:02d}") for n in range(PER_PAGE * 2 + 1)])
    assert {page_path("publications", "Reuters", n) for n in (1, 2, 3)} <= set(out)
    assert page_path("publications", "Reuters", 2) == "publications/reuters/page-2.md"
    second = out["publications/reuters/page-2.md"]
    assert "page 2 of 3" in second and second.count("](../../articles/") == PER_PAGE
    assert "[Older →](page-3.md)" in second and "[← Newer](../reuters.md)" in second


def test_names_are_escaped():
    text = pages([make(1, None, "<b>Evil</b> *Press*")])
    page = next(t for p, t in text.items() if p.startswith("publications/") and "index" not in p)
    assert "<b>" not in page and r"\*Press\*" in page
