"""Pure functions from articles to pages: Article/Config -> Page(path, Markdown text).

Every `{{ value }}` in a template is escaped as Markdown unless it is an `Md` built here, so
seed text cannot add structure, links or HTML to the site.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterable, Sequence

import jinja2

from ..config import Company, Config, Topic
from ..extract.metadata import LOW_CONFIDENCE
from ..knowledge.related import RELATED, related_articles
from ..knowledge.stories import Story, build_stories
from ..knowledge.timeline import build_timeline, company_events, month_of
from ..records import Article, BuildReport, Level, Page, Problem
from .markup import NOT_SEARCHED, Md, escape, front_matter, message, plain, safe_url
from .render_cache import RenderCache
from .search import search_terms_block

WORDS_PER_MINUTE = 230
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_env = jinja2.Environment(
    loader=jinja2.PackageLoader("generator.site", "templates"),
    autoescape=False,
    finalize=escape,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)


def _render(template: str, **context) -> str:
    text = _env.get_template(template).render(**context)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.rstrip("\n") + "\n"


def link(text: str, target: str, here: str) -> Md:
    """A relative Markdown link from page `here` to page `target` (both docs-relative paths)."""
    rel = posixpath.relpath(target, posixpath.dirname(here) or ".")
    return Md(f"[{escape(text)}]({rel})")


def article_path(article: Article) -> str:
    return f"articles/{article.slug}.md"


def long_date(iso: str | None) -> str:
    if not iso:
        return "Undated"
    year, month, day = iso.split("-")
    return f"{_MONTHS[int(month) - 1]} {int(day)}, {year}"


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Newest first, undated last, ties by title so output never depends on input order."""
    articles = list(articles)
    dated = sorted(
        (a for a in articles if a.date), key=lambda a: (a.date, a.title.casefold(), a.slug)
    )
    undated = sorted(
        (a for a in articles if not a.date), key=lambda a: (a.title.casefold(), a.slug)
    )
    return [*reversed(dated), *undated]


# ---- article pages ----------------------------------------------------------------------------


def article_front_matter(a: Article, config: Config) -> dict:
    """The public front-matter contract; other tools read these keys."""
    topic_titles = {t.slug: t.title for t in config.topics}
    data = {
        "title": plain(a.title),
        "subtitle": plain(a.subtitle),
        "author": plain(a.author),
        "date": a.date,
        "publication": plain(a.publication),
        "url": safe_url(a.url),
        "companies": list(a.companies),
        "topics": list(a.topics),
        "summary": plain(a.summary),
        "seed": plain(a.seed),
        "seed_sha256": a.seed_sha256,
        "words": a.words,
        "reading_time": max(1, round(a.words / WORDS_PER_MINUTE)),
        "redacted": a.redacted,
        "comments": len(a.comments),
        "tags": [*a.companies, *(topic_titles[t] for t in a.topics if t in topic_titles)],
        "extraction": {
            name: {"method": f.method, "confidence": round(f.confidence, 2)}
            for name, f in sorted(a.found.items())
        },
    }
    if a.duplicates:
        data["duplicates"] = [plain(d) for d in a.duplicates]
    data["story"] = a.story
    data["companies_in_passing"] = list(a.passing_companies)
    return data


def render_article(
    a: Article, config: Config, same_story: Sequence[Article] = (), related: Sequence[Article] = ()
) -> Page:
    """One article's page; `same_story` are the other seeds' reports of its story, `related` the
    articles to read next (knowledge/related.py)."""
    here = article_path(a)
    companies = {c.name: c for c in config.companies}
    topics = {t.slug: t for t in config.topics}
    company_links = [
        link(n, f"companies/{companies[n].slug}.md", here) for n in a.companies if n in companies
    ]
    topic_links = [link(topics[s].title, f"topics/{s}.md", here) for s in a.topics if s in topics]
    text = _render(
        "article.md.j2",
        a=a,
        front_matter=Md(front_matter(article_front_matter(a, config))),
        byline=_byline(a),
        company_links=Md(" · ".join(company_links)),
        topic_links=Md(" · ".join(topic_links)),
        source_line=_source_line(a),
        redacted_paragraphs=sum(b.count for b in a.blocks if b.kind == "redacted"),
        comment_count=plural(len(a.comments), "paragraph"),
        other_reports=_other_reports(a, same_story, here),
        story_link=link("The story", f"stories/{a.story}.md", here) if a.story else "",
        related=[
            {
                "link": link(o.title, article_path(o), here),
                "meta": Md(" · ".join(escape(x) for x in (o.publication, long_date(o.date)) if x)),
            }
            for o in related
        ],
        search_terms=search_terms_block(a, config),
        **_knowledge(a, config, here),
    )
    return Page(here, text)


def _knowledge(a: Article, config: Config, here: str) -> dict:
    from .article_knowledge import knowledge_context  # it builds on this module's helpers

    return knowledge_context(a, config, here)


def _other_reports(a: Article, same_story: Sequence[Article], here: str) -> list[dict]:
    others = [o for o in newest_first(same_story) if o.slug != a.slug]
    return [
        {
            "link": link(o.title, article_path(o), here),
            "meta": Md(" · ".join(escape(x) for x in (o.publication, long_date(o.date)) if x)),
        }
        for o in others
    ]


def _byline(a: Article) -> Md:
    from .sources import authors_of, page_path  # sources builds on this module's listings

    here = article_path(a)
    minutes = max(1, round(a.words / WORDS_PER_MINUTE))
    authors = ", ".join(link(n, page_path("authors", n), here) for n in authors_of(a))
    publication = (
        link(a.publication, page_path("publications", a.publication), here) if a.publication else ""
    )
    parts = [
        f"**{authors or 'Author not named'}**",
        publication or "Publication unknown",
        escape(long_date(a.date)),
        f"{minutes} min read",
    ]
    return Md(" · ".join(parts))


def _source_line(a: Article) -> Md:
    url = safe_url(a.url)
    original = f"[Read the original]({url})" if url else "No source address in the seed"
    return Md(f"{original} · Seed file: {escape(a.seed)}")


# ---- listings, company and topic pages ----------------------------------------------------------


def listing(articles: Sequence[Article], here: str) -> Md:
    items = [
        {
            "link": link(a.title, article_path(a), here),
            "meta": Md(
                " · ".join(
                    escape(x)
                    for x in (long_date(a.date) if a.date else "Undated", a.publication)
                    if x
                )
            ),
            "summary": a.summary,
        }
        for a in newest_first(articles)
    ]
    return (
        Md(_render("listing.md.j2", items=items).rstrip("\n"))
        if items
        else Md("*No articles yet.*")
    )


def render_company(
    company: Company, articles: Sequence[Article], config: Config, stories: Sequence[Story] = ()
) -> Page:
    from .entity_pages import render_company_page  # it builds on this module's helpers

    return render_company_page(company, articles, config, stories)


def render_topic(
    topic: Topic, articles: Sequence[Article], config: Config, stories: Sequence[Story] = ()
) -> Page:
    from .entity_pages import render_topic_page  # it builds on this module's helpers

    return render_topic_page(topic, articles, config, stories)


def render_section_index(kind: str, articles: Sequence[Article], config: Config) -> Page:
    here = f"{kind}/index.md"
    if kind == "companies":
        entries = [
            (c.name, f"companies/{c.slug}.md", c.description, c.name, "companies")
            for c in config.companies
        ]
    else:
        entries = [
            (t.title, f"topics/{t.slug}.md", t.description, t.slug, "topics") for t in config.topics
        ]
    # One pass over the articles, not one per company or topic of the config.
    attr = "companies" if kind == "companies" else "topics"
    named = Counter(key for a in articles for key in set(getattr(a, attr)))
    counts = {key: named[key] for _, _, _, key, _ in entries}
    rows = [
        {"link": link(name, path, here), "count": counts[key], "description": desc}
        for name, path, desc, key, _ in sorted(
            entries, key=lambda e: (-counts[e[3]], e[0].casefold())
        )
    ]
    heading = "Companies" if kind == "companies" else "Topics"
    intro = (
        f"{len(entries)} {kind} from the config (digest.yml), by number of articles. "
        "A company or topic with no articles yet is listed with 0."
    )
    return Page(
        here,
        _render(
            "section_index.md.j2",
            front_matter=Md(front_matter({"title": heading, **NOT_SEARCHED})),
            heading=heading,
            intro=intro,
            rows=rows,
            column="Company" if kind == "companies" else "Topic",
        ),
    )


# The Articles index lists the newest articles in full and every month as a link to its digest
# page (which lists all of that month's articles), so it grows by a line a year, not one per
# article: at 10,000 articles a page listing them all is megabytes that nobody scrolls.
LATEST_LISTED = 50


def render_articles_index(
    articles: Sequence[Article], stories: Sequence[Story] = (), memo: RenderCache | None = None
) -> Page:
    """The newest articles, then every month with its number of articles linked to its digest,
    by year, newest first, then every undated article. Months are counted as the digest pages
    count them (an undated report in its story's month)."""
    from .story_pages import month_path  # story_pages builds on this module's helpers

    here = "articles/index.md"
    story_of = {a.slug: s for s in stories for a in s.articles}
    counts = Counter(m for m in (month_of(a, story_of) for a in articles) if m)
    dated = [a for a in newest_first(articles) if a.date]
    latest = dated[:LATEST_LISTED]
    undated = [a for a in newest_first(articles) if not a.date]
    years: dict[str, list[str]] = {}
    for month in sorted(counts, reverse=True):
        years.setdefault(month[:4], []).append(month)
    by_year = [
        (
            year,
            Md(
                " · ".join(
                    f"{link(_MONTHS[int(m[5:7]) - 1], month_path(m), here)} ({counts[m]})"
                    for m in months
                )
            ),
        )
        for year, months in years.items()
    ]

    def listed(kind: str, items: list[Article]) -> Md:
        if memo is None or not items:
            return listing(items, here)
        key = memo.key(kind, [a.slug for a in items])
        return Md(memo.text(key, lambda: str(listing(items, here))))

    intro = (
        f"{plural(len(articles), 'article')} in all. The newest {len(latest)} are listed first; "
        "every month's digest lists all of that month's articles."
        if len(dated) > len(latest)
        else f"{plural(len(articles), 'article')}, newest first; undated articles come last."
    )
    return Page(
        here,
        _render(
            "articles_index.md.j2",
            front_matter=Md(front_matter({"title": "Articles", **NOT_SEARCHED})),
            intro=intro,
            latest=listed("articles-latest", latest) if latest else "",
            years=by_year,
            undated=listed("articles-undated", undated)
            if 0 < len(undated) <= LATEST_LISTED
            else "",
            undated_page=Md(
                f"{plural(len(undated), 'article')} show no date of their own: "
                f"{link('Undated articles', UNDATED_PAGE, here)} lists them all."
            )
            if len(undated) > LATEST_LISTED
            else "",
        ),
    )


UNDATED_PAGE = "articles/undated.md"


def render_undated_articles(
    articles: Sequence[Article], memo: RenderCache | None = None
) -> list[Page]:
    """Every undated article on a page of its own once there are more than the Articles page
    lists (LATEST_LISTED): a new dated seed then leaves it as it is (at 10,000 articles the
    2,000 undated ones made the Articles page 0.6 MB, re-rendered after every new seed)."""
    undated = [a for a in newest_first(articles) if not a.date]
    if len(undated) <= LATEST_LISTED:
        return []
    here = UNDATED_PAGE
    key = memo.key("articles-undated-page", [a.slug for a in undated]) if memo else ""
    text = memo.text(key, lambda: str(listing(undated, here))) if memo else listing(undated, here)
    return [
        Page(
            here,
            _render(
                "articles_undated.md.j2",
                front_matter=Md(front_matter({"title": "Undated articles", **NOT_SEARCHED})),
                count=plural(len(undated), "article"),
                back=link("Articles", "articles/index.md", here),
                listing=Md(text),
            ),
        )
    ]


# ---- home page and build report ------------------------------------------------------------


def render_report(report: BuildReport) -> Page:
    here = "report.md"
    published = len(report.articles)
    summary = (
        f"{plural(report.seeds_seen, 'file')} in seeds/: {published} published as "
        f"{'an article' if published == 1 else 'articles'}; {plural(len(report.errors), 'error')}, "
        f"{plural(_count(report.problems, Level.WARNING), 'warning')}, "
        f"{plural(_count(report.problems, Level.INFO), 'note')}."
    )
    rows = [
        {
            "link": link(a.title, article_path(a), here),
            "field": name,
            "value": _field(a, name),
            "method": found.method,
            "confidence": f"{found.confidence:.2f}",
        }
        for a in sorted(report.articles, key=lambda a: a.seed)
        for name, found in sorted(a.found.items())
        if found.confidence < LOW_CONFIDENCE
    ]
    published = {a.seed: a for a in report.articles}
    problems = [
        {
            "seed": link(p.seed, article_path(published[p.seed]), here)
            if p.seed in published
            else p.seed,
            "stage": p.stage,
            "level": p.level.value,
            "message": message(p.message),
        }
        for p in sorted(report.problems, key=_problem_order)
    ]
    fm = {"title": "Build report", "search": {"exclude": True}}
    from .candidates import candidates_context  # discovery across all articles

    return Page(
        here,
        _render(
            "report.md.j2",
            front_matter=Md(front_matter(fm)),
            summary=summary,
            problems=problems,
            low_confidence=rows,
            **candidates_context(report.articles),
        ),
    )


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """ "1 article", "2 articles": counts that readers see agree with their nouns."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def _count(problems: Iterable[Problem], level: Level) -> int:
    return sum(1 for p in problems if p.level is level)


def _field(a: Article, name: str) -> str:
    value = getattr(a, name)
    return "" if value is None else str(value)


def _problem_order(p: Problem) -> tuple:
    return ({Level.ERROR: 0, Level.WARNING: 1, Level.INFO: 2}[p.level], p.seed, p.stage, p.message)


def render_tags_page() -> Page:
    fm = {"title": "Tags", "search": {"exclude": True}}
    return Page(
        "tags.md",
        front_matter(fm) + "# Tags\n\nEvery company and topic tag, with its articles.\n\n"
        "<!-- material/tags -->\n",
    )


def render_site(
    articles: Sequence[Article],
    report: BuildReport,
    config: Config,
    memo: RenderCache | None = None,
) -> list[Page]:
    """Every generated page, in a stable order.

    With a render cache, an article page is taken from it when its article, its story's other
    reports and its related reading are unchanged, and every other page when no article, problem
    or count changed at all (those pages each read across all articles).
    """
    memo = memo or RenderCache(None, config, {})
    by_slug = sorted(articles, key=lambda a: a.slug)
    slugs = [a.slug for a in by_slug]
    stories: dict[str, list[Article]] = {}
    for a in articles:
        if a.story:
            stories.setdefault(a.story, []).append(a)
    # The story's other reports have their own box on the page; related reading lists the rest.
    related = _related(articles, by_slug, slugs, memo)
    pages = []
    for a in by_slug:
        same = stories.get(a.story or "", ())
        shown = [o for o in related.get(a.slug, ()) if not a.story or o.story != a.story][:RELATED]
        key = memo.key("article", [a.slug], [o.slug for o in same], [o.slug for o in shown])
        pages += memo.pages(
            key, lambda a=a, same=same, shown=shown: [render_article(a, config, same, shown)]
        )
    site_key = memo.key("site", slugs, extra=(str(report.seeds_seen), repr(report.problems)))
    pages += memo.pages(site_key, lambda: _site_pages(articles, report, config, memo))
    return pages


def _entity_pages(
    articles: Sequence[Article], config: Config, found: Sequence[Story], memo: RenderCache
) -> list[Page]:
    """Company and topic pages, each kept by exactly what it reads: the articles naming the
    company (and those naming it in passing) or given the topic, and the stories about it, each
    story by its own articles. After a new seed only the pages it joins are rendered again."""
    from ..knowledge.stories import stories_for_company, stories_for_topic

    naming: dict[str, list[str]] = {}
    passing: dict[str, list[str]] = {}
    topical: dict[str, list[str]] = {}
    for a in articles:
        for name in a.companies:
            naming.setdefault(name, []).append(a.slug)
        for name in a.passing_companies:
            passing.setdefault(name, []).append(a.slug)
        for slug in a.topics:
            topical.setdefault(slug, []).append(a.slug)

    def told(stories: Sequence[Story]) -> list[list[str]]:
        return [[a.slug for a in story.articles] for story in stories]

    pages = []
    for c in config.companies:
        groups = (naming.get(c.name, []), passing.get(c.name, []))
        key = memo.key(
            "company", *groups, *told(stories_for_company(found, c.name)), extra=(c.slug,)
        )
        pages += memo.pages(key, lambda c=c: [render_company(c, articles, config, found)])
    for t in config.topics:
        key = memo.key(
            "topic",
            topical.get(t.slug, []),
            *told(stories_for_topic(found, t.slug)),
            extra=(t.slug,),
        )
        pages += memo.pages(key, lambda t=t: [render_topic(t, articles, config, found)])
    return pages


def _related(
    articles: Sequence[Article], by_slug: list[Article], slugs: list[str], memo: RenderCache
) -> dict[str, list[Article]]:
    """Related reading of every article, kept as slugs under the fingerprints of all articles."""
    index = {a.slug: a for a in by_slug}
    found = memo.value(
        memo.key("related", slugs),
        lambda: {
            slug: tuple(o.slug for o in others)
            for slug, others in related_articles(articles, count=3 * RELATED).items()
        },
    )
    return {slug: [index[o] for o in others] for slug, others in found.items()}


def _site_pages(
    articles: Sequence[Article], report: BuildReport, config: Config, memo: RenderCache
) -> list[Page]:
    """The pages that read across all articles: listings, entities, stories, digests, feeds.

    Story, publication and author pages read only their own articles: after a new seed, only
    those it joins are rendered again."""
    # Imported here: these modules build on this one's helpers (link, listing, templates).
    from . import briefing, export, feeds, story_pages

    found = build_stories(articles)
    pages = _entity_pages(articles, config, found, memo)
    pages += [
        render_section_index("companies", articles, config),
        render_section_index("topics", articles, config),
        render_articles_index(articles, found, memo),
        *render_undated_articles(articles, memo),
        briefing.render_home(articles, found, report, config),
        render_report(report),
        render_tags_page(),
    ]
    for story in sorted(found, key=lambda s: s.id):
        key = memo.key("story", [a.slug for a in story.articles])
        pages += memo.pages(key, lambda story=story: [story_pages.render_story(story, config)])
    pages += [story_pages.render_story_index(found)]
    pages += story_pages.render_timeline(
        build_timeline(articles, found, company_events(config)), articles, config, memo
    )
    pages += story_pages.render_digests(articles, found, config, memo)
    pages += feeds.render_feeds(articles, found, config, memo) + export.render_exports(
        articles, found, config, memo
    )
    from .browse import render_browse_page
    from .sources import render_sources  # sources builds on this module's listings

    def remember(what: str, items: list[Article], render) -> list[Page]:
        return memo.pages(memo.key("source", [a.slug for a in items], extra=(what,)), render)

    pages += [*render_sources(articles, remember), render_browse_page()]
    return pages
