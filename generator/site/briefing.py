"""The home page as an analyst's briefing: the latest headline first (visible without scrolling on a
phone), the period covered, the top stories with two-line summaries, what is new since the previous
month, the most-mentioned companies and topics with their trend, key figures and quotes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from ..config import Config
from ..knowledge.stories import Story
from ..knowledge.summarize import sentences
from ..knowledge.timeline import month_of
from ..records import Article, BuildReport, Page
from .charts import articles_per_month, chart_markdown, months_of
from .markup import Md, escape, front_matter
from .render import _render, article_path, link, listing, long_date, newest_first, plural
from .story_pages import month_name, month_path, story_line

TOP_STORIES = 5
NEW_ITEMS = 5
TOP_ENTITIES = 8
TREND_MONTHS = 3
"""Trend: mentions in the last three months of the corpus against the three before."""
SUMMARY_CHARS = 220
"""About two lines of text on a desktop screen."""
KEY_FIGURES = 4
KEY_QUOTES = 3
LEAD_PARAGRAPHS = 8
"""Figures and quotes are looked for in a report's first paragraphs, where its news is."""
_FIGURE = re.compile(
    r"(?:US)?\$ ?\d[\d.,]*(?: (?:billion|million|trillion))?|\b\d[\d.,]* ?(?:%|percent\b)"
)
_SAID = re.compile(r"\b(?:said|says|told|added|wrote|according to)\b")
_QUOTE = re.compile(r"[“\"][^”\"]{20,300}[”\"]")


def render_home(
    articles: Sequence[Article], stories: Sequence[Story], report: BuildReport, config: Config
) -> Page:
    here = "index.md"
    latest = newest_first(articles)[:1]
    ranked = top_stories(stories)
    return Page(
        here,
        _render(
            "home.md.j2",
            front_matter=Md(front_matter({"title": "Digest"})),
            site=config.site,
            latest=_latest_line(latest[0], here) if latest else "",
            period=_period(articles, stories, report),
            stories=[_brief(s, here) for s in ranked],
            new=_new_since(articles, stories, here),
            companies=_trend_rows(
                [(c.name, f"companies/{c.slug}.md", c.name, "companies") for c in config.companies],
                articles,
                here,
            ),
            topics=_trend_rows(
                [(t.title, f"topics/{t.slug}.md", t.slug, "topics") for t in config.topics],
                articles,
                here,
            ),
            figures=key_figures(ranked, here),
            quotes=key_quotes(ranked, here),
            chart=chart_markdown(articles_per_month(articles)),
        ),
    )


def top_stories(stories: Sequence[Story], count: int = TOP_STORIES) -> list[Story]:
    """Stories by how many outlets covered them, then reports, then recency (stable sorts, last key
    first)."""
    newest = sorted(sorted(stories, key=lambda s: s.id), key=lambda s: s.end or "", reverse=True)
    return sorted(newest, key=lambda s: (-len(s.outlets), -len(s.articles)))[:count]


def _latest_line(a: Article, here: str) -> Md:
    meta = " · ".join(escape(x) for x in (a.publication, long_date(a.date)) if x)
    return Md(
        f"**Latest:** {link(a.title, article_path(a), here)}" + (f" — {meta}" if meta else "")
    )


def _period(articles: Sequence[Article], stories: Sequence[Story], report: BuildReport) -> str:
    dates = sorted(a.date for a in articles if a.date)
    outlets = {a.publication for a in articles if a.publication}
    span = f"from {long_date(dates[0])} to {long_date(dates[-1])}" if dates else "with no dates"
    undated = len(articles) - len(dates)
    text = (
        f"Coverage {span}: {plural(len(articles), 'article')} from {plural(len(outlets), 'outlet')}"
        f"{f' ({undated} undated)' if undated else ''}, {plural(len(stories), 'story', 'stories')} "
        "reported by several outlets."
    )
    errors = len(report.errors)
    return text + (
        f" {plural(errors, 'seed problem needs', 'seed problems need')} attention in the "
        "build report."
        if errors
        else ""
    )


def _brief(story: Story, here: str) -> dict:
    item = story_line(story, here)
    return {**item, "summary": clip(" ".join(story.summary[:2]), SUMMARY_CHARS)}


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _new_since(articles: Sequence[Article], stories: Sequence[Story], here: str) -> dict | None:
    """The latest month's articles (undated ones counted by their story), against the month
    before."""
    story_of = {a.slug: s for s in stories for a in s.articles}
    months = Counter(m for a in articles if (m := month_of(a, story_of)))
    if not months:
        return None
    latest = max(months)
    calendar = months_of([a for a in articles if a.date])
    before = (
        calendar[calendar.index(latest) - 1]
        if latest in calendar and calendar.index(latest)
        else None
    )
    mine = [a for a in articles if month_of(a, story_of) == latest]
    compare = f", against {months.get(before, 0)} in {month_name(before)}" if before else ""
    return {
        "heading": f"New in {month_name(latest)}",
        "line": f"{plural(len(mine), 'article')} in {month_name(latest)}{compare}.",
        "digest": link(f"Digest of {month_name(latest)}", month_path(latest), here),
        "listing": listing(newest_first(mine)[:NEW_ITEMS], here),
    }


def _trend_rows(
    entries: list[tuple[str, str, str, str]], articles: Sequence[Article], here: str
) -> list[dict]:
    months = months_of(articles)
    recent = set(months[-TREND_MONTHS:])
    earlier = set(months[-2 * TREND_MONTHS : -TREND_MONTHS])
    # Each article's companies and topics read once, not once per entry of the config.
    having: dict[tuple[str, str], list[Article]] = {}
    for attr in {e[3] for e in entries}:
        for a in articles:
            for key in dict.fromkeys(getattr(a, attr)):
                having.setdefault((attr, key), []).append(a)
    rows = []
    for name, path, key, attr in entries:
        mine = having.get((attr, key), [])
        if not mine:
            continue
        now = sum(1 for a in mine if a.date and a.date[:7] in recent)
        then = sum(1 for a in mine if a.date and a.date[:7] in earlier)
        rows.append(
            {
                "link": link(name, path, here),
                "count": len(mine),
                "name": name,
                "trend": _trend(now, then),
            }
        )
    rows.sort(key=lambda r: (-r["count"], r["name"].casefold()))
    return rows[:TOP_ENTITIES]


def _trend(now: int, then: int) -> str:
    """Words, not only an arrow, so a screen reader says it too."""
    if now > then:
        return f"↑ up: {now} in the last {TREND_MONTHS} months, {then} before"
    if now < then:
        return f"↓ down: {now} in the last {TREND_MONTHS} months, {then} before"
    return f"→ steady: {now} in the last {TREND_MONTHS} months"


def key_figures(stories: Sequence[Story], here: str) -> list[dict]:
    """One sentence with a sum of money or a percentage from each of the top stories' reports.

    Hook: when articles carry extracted figures (a `figures` field, from the knowledge issue),
    those are used first."""
    return _picked(stories, here, "figures", _FIGURE.search, KEY_FIGURES)


def key_quotes(stories: Sequence[Story], here: str) -> list[dict]:
    """One quoted sentence from each of the top stories' reports: the articles' own `quotes` when
    the knowledge stage provides them (a hook), otherwise a sentence holding a quotation."""
    return _picked(stories, here, "quotes", _is_quote, KEY_QUOTES)


def _is_quote(sentence: str) -> bool:
    """Someone's words: a quotation that opens the sentence or is attributed in it, not a phrase in
    scare quotes ("described as “mass detention centers”")."""
    quoted = _QUOTE.search(sentence)
    return bool(quoted) and (quoted.start() == 0 or bool(_SAID.search(sentence)))


def _picked(stories: Sequence[Story], here: str, field: str, fits, count: int) -> list[dict]:
    found: list[dict] = []
    for article in (r.article for s in stories for r in s.reports):
        given = [str(x) for x in getattr(article, field, ()) or ()]
        chosen = next(iter(given), None) or next(
            (s for s in _lead_sentences(article) if fits(s)), None
        )
        if chosen and all(clip(chosen, SUMMARY_CHARS) != f["text"] for f in found):
            source = link(article.publication or article.title, article_path(article), here)
            found.append({"text": clip(chosen, SUMMARY_CHARS), "source": source})
        if len(found) == count:
            break
    return found


def _lead_sentences(article: Article):
    """Summary, key points, then the sentences of the first paragraphs, lazily: usually the first
    few hold what the briefing wants."""
    yield article.summary
    yield from article.key_points
    for block in [b for b in article.blocks if b.kind == "p"][:LEAD_PARAGRAPHS]:
        yield from sentences(block.text)
