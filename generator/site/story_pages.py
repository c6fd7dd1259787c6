"""Pages about what happened: one page per story, the story index, the timeline, and one digest page
per month and per year. Pure functions from stories and articles to Pages.

Every seed-derived value goes through the templates' escaping (or `link`), as in render.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..config import Config
from ..knowledge.stories import Story, period_label
from ..knowledge.timeline import Timeline, month_of
from ..records import Article, Page
from .charts import articles_per_month, chart_markdown, co_mentions, mentions_over_time
from .markup import NOT_SEARCHED, Md, escape, front_matter, plain
from .render import _MONTHS, _render, article_path, link, listing, long_date, newest_first, plural

if TYPE_CHECKING:
    from .render_cache import RenderCache

TOP_COMPANIES_IN_DIGEST = 8


def story_path(story: Story) -> str:
    return f"stories/{story.id}.md"


def month_path(month: str) -> str:
    return f"digests/{month}.md"


def year_path(year: str) -> str:
    return f"digests/{year}.md"


def month_name(month: str) -> str:
    """ "2019-05" -> "May 2019"."""
    return f"{_MONTHS[int(month[5:7]) - 1]} {month[:4]}"


def story_line(story: Story, here: str) -> dict:
    """A story as one listing item: link, period and outlets, and the lead of its merged summary."""
    meta = (
        f"{period_label(story, long_date)} · {plural(len(story.articles), 'report')} · "
        f"{plural(len(story.outlets), 'outlet')}"
    )
    return {
        "link": link(story.title, story_path(story), here),
        "meta": meta,
        "summary": story.summary[0] if story.summary else "",
    }


def story_listing(stories: Sequence[Story], here: str) -> Md:
    """Stories as a Markdown list for any page (company and topic pages: pass
    `stories_for_company(...)` or `stories_for_topic(...)` from knowledge/stories.py)."""
    if not stories:
        return Md("")
    return Md(_render("listing.md.j2", items=[story_line(s, here) for s in stories]).rstrip("\n"))


def render_story(story: Story, config: Config) -> Page:
    here = story_path(story)
    companies = {c.name: c for c in config.companies}
    topics = {t.slug: t for t in config.topics}
    reports = []
    for report in story.reports:
        a = report.article
        placed = "" if a.date else ", placed by this story's period"
        reports.append(
            {
                "link": link(a.title, article_path(a), here),
                "meta": Md(
                    escape(" · ".join(report.outlets) or "Publication unknown")
                    + " · "
                    + escape(long_date(a.date) + placed)
                ),
                "copies": Md(
                    " · ".join(
                        link(f"{c.publication or 'a copy'}", article_path(c), here)
                        for c in report.copies
                    )
                ),
            }
        )
    fm = {
        "title": plain(story.title),
        "story": story.id,
        "start": story.start,
        "end": story.end,
        "reports": len(story.articles),
        "outlets": [plain(o) for o in story.outlets],
        "companies": list(story.companies),
    }
    return Page(
        here,
        _render(
            "story.md.j2",
            front_matter=Md(front_matter(fm)),
            story=story,
            period=period_label(story, long_date),
            outlets=", ".join(story.outlets) or "unknown outlets",
            company_links=Md(
                " · ".join(
                    link(n, f"companies/{companies[n].slug}.md", here)
                    for n in story.companies
                    if n in companies
                )
            ),
            topic_links=Md(
                " · ".join(
                    link(topics[t].title, f"topics/{t}.md", here)
                    for t in story.topics
                    if t in topics
                )
            ),
            reports=reports,
            feed=f"feeds/stories/{story.id}.xml",
        ),
    )


def render_story_index(stories: Sequence[Story]) -> Page:
    here = "stories/index.md"
    items = [story_line(s, here) for s in stories]
    intro = (
        f"{plural(len(stories), 'story', 'stories')}: events that several seeds report, newest "
        "first. Each story page merges the reports' summaries and credits every outlet."
    )
    return Page(
        here,
        _render(
            "stories_index.md.j2",
            front_matter=Md(front_matter({"title": "Stories", **NOT_SEARCHED})),
            intro=intro,
            items=items,
        ),
    )


TIMELINE_UNDATED_LISTED = 50
"""Undated articles the timeline lists; the Articles page lists every one."""
TIMELINE_ONE_PAGE = 300
"""Up to this many entries the whole timeline is one page; above it, one page per year."""


def render_timeline(
    timeline: Timeline,
    articles: Sequence[Article],
    config: Config,
    memo: RenderCache | None = None,
) -> list[Page]:
    """The timeline: `timeline.md` shows the charts, the newest year month by month and a link to
    each earlier year's page (`timeline/YYYY.md`). One page per year keeps each page readable and
    means a new seed re-renders its own year's page (at 10,000 articles the single page was 1.9 MB
    of Markdown, a second to render after every new seed). With a render cache, each month's lines
    are kept by exactly what they show (its articles, its stories by their articles, the kinds of
    its entries in order, the page they are on; the config's events are in the cache's salt)."""
    years: dict[str, list] = {}
    for month, entries in timeline.months:
        years.setdefault(month[:4], []).append((month, entries))
    counts = {y: sum(len(e) for _, e in months) for y, months in years.items()}
    newest = max(years, default="") if sum(counts.values()) > TIMELINE_ONE_PAGE else ""
    pages = [
        Page(
            f"timeline/{year}.md",
            _render(
                "timeline_year.md.j2",
                front_matter=Md(front_matter({"title": f"Timeline {year}", **NOT_SEARCHED})),
                year=year,
                back=link("Timeline", "timeline.md", f"timeline/{year}.md"),
                years=_year_links(counts, newest, f"timeline/{year}.md"),
                months=_timeline_months(months, f"timeline/{year}.md", memo),
            ),
        )
        for year, months in years.items()
        if newest and year != newest
    ]
    here = "timeline.md"
    undated = [
        {"link": link(a.title, article_path(a), here), "meta": a.publication or ""}
        for a in timeline.undated[:TIMELINE_UNDATED_LISTED]
    ]
    more = len(timeline.undated) - len(undated)
    pages.append(
        Page(
            here,
            _render(
                "timeline.md.j2",
                front_matter=Md(front_matter({"title": "Timeline", **NOT_SEARCHED})),
                newest=newest,
                years=_year_links(counts, newest, here) if newest else "",
                months=_timeline_months(
                    years[newest] if newest else [m for y in years.values() for m in y], here, memo
                ),
                undated=undated,
                more_undated=Md(
                    # more than 50 here means more than 50 undated articles: their page exists
                    f"{plural(more, 'more undated article')}: "
                    f"{link('Undated articles', 'articles/undated.md', here)} lists every one."
                )
                if more > 0
                else "",
                charts=_charts(articles, config),
            ),
        )
    )
    return pages


def _year_links(counts: dict[str, int], newest: str, here: str) -> Md:
    """Every year with its number of entries, newest first, each linked to its page."""
    return Md(
        " · ".join(
            f"{link(year, 'timeline.md' if year == newest else f'timeline/{year}.md', here)} "
            f"({counts[year]:,})"
            for year in sorted(counts, reverse=True)
        )
    )


def _timeline_months(months, here: str, memo: RenderCache | None) -> list[dict]:
    out = []
    for month, entries in months:

        def lines(entries=entries) -> str:
            return "\n".join(f"- {_timeline_line(e, here)}" for e in entries)

        if memo is None:
            block = lines()
        else:
            shown = [e.article.slug for e in entries if e.article]
            told = [[a.slug for a in e.story.articles] for e in entries if e.story]
            kinds = [e.kind for e in entries]
            key = memo.key("timeline-month", shown, *told, extra=(month, here, *kinds))
            block = memo.text(key, lines)
        out.append(
            {
                "heading": month_name(month),
                # A month with only company events (from the config) has no digest page.
                "digest": link(f"Digest of {month_name(month)}", month_path(month), here)
                if any(e.kind != "event" for e in entries)
                else "",
                "lines": Md(block),
            }
        )
    return out


def _charts(articles: Sequence[Article], config: Config) -> list[Md]:
    drawn = (
        articles_per_month(articles),
        mentions_over_time(articles, config),
        co_mentions(articles),
    )
    return [chart_markdown(c) for c in drawn if c is not None]


def _timeline_line(entry, here: str) -> Md:
    day = escape(long_date(entry.date) if len(entry.date) == 10 else month_name(entry.date))
    if entry.kind == "event":
        e = entry.event
        return Md(f"**{day}** · **Event, {escape(e.company)}:** {escape(e.title)}")
    if entry.kind == "story":
        s = entry.story
        return Md(
            f"**{day}** · **Story:** {link(s.title, story_path(s), here)} — "
            f"{plural(len(s.articles), 'report')}, "
            f"{escape(', '.join(s.outlets) or 'unknown outlets')}"
        )
    a = entry.article
    return Md(
        f"**{day}** · {link(a.title, article_path(a), here)}"
        + (f" — {escape(a.publication)}" if a.publication else "")
    )


def render_digests(
    articles: Sequence[Article],
    stories: Sequence[Story],
    config: Config,
    memo: RenderCache | None = None,
) -> list[Page]:
    """One page per month with articles (undated reports counted in their story's month), and one
    per year when the corpus spans more than one year.

    With a render cache, each page is kept by exactly what it shows: its articles, the stories
    that start in it (each by its own articles) and its neighbouring months, so a new seed
    renders again only its own month (and its year), not every digest."""
    story_of = {a.slug: s for s in stories for a in s.articles}
    by_month: dict[str, list[Article]] = {}
    for a in articles:
        month = month_of(a, story_of)
        if month:
            by_month.setdefault(month, []).append(a)
    months = sorted(by_month)
    years = sorted({m[:4] for m in months})
    starting: dict[str, list[Story]] = {}
    for s in stories:
        if s.start:
            starting.setdefault(s.start[:7], []).append(s)
    spans = str(len(years) > 1)

    def kept(kind: str, mine: Sequence[Article], told: Sequence[Story], extra, render) -> list:
        if memo is None:
            return [render()]
        told_slugs = [[a.slug for a in s.articles] for s in told]
        key = memo.key(kind, [a.slug for a in mine], *told_slugs, extra=(spans, *extra))
        return memo.pages(key, lambda: [render()])

    pages = []
    for at, m in enumerate(months):
        around = (months[at - 1] if at else "", months[at + 1] if at + 1 < len(months) else "")
        pages += kept(
            "digest",
            by_month[m],
            starting.get(m, ()),
            (m, *around),
            lambda m=m: _month_page(m, by_month[m], stories, months, config),
        )
    if len(years) > 1:
        for y in years:
            mine = [m for m in months if m[:4] == y]
            told = [s for s in stories if s.start and s.start[:4] == y]
            counts = [f"{m}={len(by_month[m])}" for m in mine]
            pages += kept(
                "digest-year",
                (),
                told,
                (y, *counts),
                lambda y=y, mine=mine: _year_page(y, mine, by_month, stories),
            )
    return pages


def _month_page(
    month: str, mine: list[Article], stories: Sequence[Story], months: list[str], config: Config
) -> Page:
    here = month_path(month)
    at = months.index(month)
    around = [
        ("Previous month", months[at - 1]) if at else None,
        ("Next month", months[at + 1]) if at + 1 < len(months) else None,
    ]
    nav = " · ".join(
        str(link(f"{label}: {month_name(m)}", month_path(m), here))
        for label, m in filter(None, around)
    )
    mine_stories = [s for s in stories if s.start and s.start[:7] == month]
    counts = Counter(c for a in mine for c in a.companies)
    companies = {c.name: c for c in config.companies}
    top = " · ".join(
        f"{link(n, f'companies/{companies[n].slug}.md', here)} ({k})"
        for n, k in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:TOP_COMPANIES_IN_DIGEST]
        if n in companies
    )
    placed = sum(1 for a in mine if not a.date)
    count = plural(len(mine), "article") + (
        f", {placed} of them undated and placed here by their story" if placed else ""
    )
    fm = {"title": f"Digest: {month_name(month)}", "month": month, "articles": len(mine)}
    spans_years = len({m[:4] for m in months}) > 1  # year pages exist only then
    year = link(f"All of {month[:4]}", year_path(month[:4]), here) if spans_years else ""
    return Page(
        here,
        _render(
            "digest.md.j2",
            front_matter=Md(front_matter({**fm, **NOT_SEARCHED})),
            heading=f"Digest: {month_name(month)}",
            count=count,
            nav=Md(nav),
            year=year,
            stories=[story_line(s, here) for s in mine_stories],
            companies=Md(top),
            listing=listing(newest_first(mine), here),
        ),
    )


def _year_page(
    year: str, months: list[str], by_month: dict[str, list[Article]], stories: Sequence[Story]
) -> Page:
    here = year_path(year)
    rows = [
        {"link": link(month_name(m), month_path(m), here), "count": len(by_month[m])}
        for m in months
    ]
    mine_stories = [s for s in stories if s.start and s.start[:4] == year]
    total = sum(len(by_month[m]) for m in months)
    fm = {"title": f"Digest: {year}", "year": year, "articles": total}
    return Page(
        here,
        _render(
            "digest_year.md.j2",
            front_matter=Md(front_matter({**fm, **NOT_SEARCHED})),
            year=year,
            count=plural(total, "article"),
            rows=rows,
            stories=[story_line(s, here) for s in mine_stories],
        ),
    )
