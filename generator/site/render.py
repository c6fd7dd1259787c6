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
from ..records import Article, BuildReport, Level, Page, Problem
from .markup import Md, escape, front_matter, message, plain, safe_url
from .search import search_terms_block

WORDS_PER_MINUTE = 230
LATEST_ON_HOME = 10
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")

_env = jinja2.Environment(loader=jinja2.PackageLoader("generator.site", "templates"), autoescape=False,
                          finalize=escape, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                          undefined=jinja2.StrictUndefined)


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
    dated = sorted((a for a in articles if a.date), key=lambda a: (a.date, a.title.casefold(), a.slug))
    undated = sorted((a for a in articles if not a.date), key=lambda a: (a.title.casefold(), a.slug))
    return [*reversed(dated), *undated]


# ---- article pages ----------------------------------------------------------------------------

def article_front_matter(a: Article, config: Config) -> dict:
    """The public front-matter contract; other tools read these keys."""
    topic_titles = {t.slug: t.title for t in config.topics}
    data = {
        "title": plain(a.title), "subtitle": plain(a.subtitle), "author": plain(a.author), "date": a.date,
        "publication": plain(a.publication), "url": safe_url(a.url), "companies": list(a.companies),
        "topics": list(a.topics), "summary": plain(a.summary), "seed": plain(a.seed), "seed_sha256": a.seed_sha256,
        "words": a.words, "reading_time": max(1, round(a.words / WORDS_PER_MINUTE)),
        "redacted": a.redacted, "comments": len(a.comments),
        "tags": [*a.companies, *(topic_titles[t] for t in a.topics if t in topic_titles)],
        "extraction": {name: {"method": f.method, "confidence": round(f.confidence, 2)}
                       for name, f in sorted(a.found.items())},
    }
    if a.duplicates:
        data["duplicates"] = [plain(d) for d in a.duplicates]
    data["story"] = a.story
    return data


def render_article(a: Article, config: Config, same_story: Sequence[Article] = ()) -> Page:
    """One article's page; `same_story` are the other seeds' reports of its story."""
    here = article_path(a)
    companies = {c.name: c for c in config.companies}
    topics = {t.slug: t for t in config.topics}
    company_links = [link(n, f"companies/{companies[n].slug}.md", here) for n in a.companies if n in companies]
    topic_links = [link(topics[s].title, f"topics/{s}.md", here) for s in a.topics if s in topics]
    text = _render("article.md.j2", a=a, front_matter=Md(front_matter(article_front_matter(a, config))),
                   byline=_byline(a), company_links=Md(" · ".join(company_links)),
                   topic_links=Md(" · ".join(topic_links)), source_line=_source_line(a),
                   redacted_paragraphs=sum(b.count for b in a.blocks if b.kind == "redacted"),
                   comment_count=plural(len(a.comments), "paragraph"),
                   other_reports=_other_reports(a, same_story, here),
                   search_terms=search_terms_block(a, config))
    return Page(here, text)


def _other_reports(a: Article, same_story: Sequence[Article], here: str) -> list[dict]:
    others = [o for o in newest_first(same_story) if o.slug != a.slug]
    return [{"link": link(o.title, article_path(o), here),
             "meta": Md(" · ".join(escape(x) for x in (o.publication, long_date(o.date)) if x))} for o in others]


def _byline(a: Article) -> Md:
    from .sources import authors_of, page_path  # sources builds on this module's listings
    here = article_path(a)
    minutes = max(1, round(a.words / WORDS_PER_MINUTE))
    authors = ", ".join(link(n, page_path("authors", n), here) for n in authors_of(a))
    publication = link(a.publication, page_path("publications", a.publication), here) if a.publication else ""
    parts = [f"**{authors or 'Author not named'}**", publication or "Publication unknown",
             escape(long_date(a.date)), f"{minutes} min read"]
    return Md(" · ".join(parts))


def _source_line(a: Article) -> Md:
    url = safe_url(a.url)
    original = f"[Read the original]({url})" if url else "No source address in the seed"
    return Md(f"{original} · Seed file: {escape(a.seed)}")


# ---- listings, company and topic pages ----------------------------------------------------------

def listing(articles: Sequence[Article], here: str) -> Md:
    items = [{"link": link(a.title, article_path(a), here),
              "meta": Md(" · ".join(escape(x) for x in (a.date or "Undated", a.publication) if x)),
              "summary": a.summary} for a in newest_first(articles)]
    return Md(_render("listing.md.j2", items=items).rstrip("\n")) if items else Md("*No articles yet.*")


def render_company(company: Company, articles: Sequence[Article], config: Config) -> Page:
    mine = [a for a in articles if company.name in a.companies]
    topics = {t.slug: (t.title, f"topics/{t.slug}.md") for t in config.topics}
    aliases = [x for x in company.aliases if x != company.name]
    description = company.description + (f" Also written as: {', '.join(aliases)}." if aliases else "")
    fm = {"title": plain(company.name), "company": plain(company.name), "articles": len(mine)}
    return _entity_page(f"companies/{company.slug}.md", company.name, description.strip(), fm, mine,
                        "Topics", Counter(t for a in mine for t in a.topics), topics)


def render_topic(topic: Topic, articles: Sequence[Article], config: Config) -> Page:
    mine = [a for a in articles if topic.slug in a.topics]
    companies = {c.name: (c.name, f"companies/{c.slug}.md") for c in config.companies}
    fm = {"title": plain(topic.title), "topic": topic.slug, "articles": len(mine)}
    return _entity_page(f"topics/{topic.slug}.md", topic.title, topic.description, fm, mine,
                        "Companies", Counter(c for a in mine for c in a.companies), companies)


def _entity_page(here: str, heading: str, description: str, fm: dict, mine: list[Article], label: str,
                 counts: Counter, targets: dict[str, tuple[str, str]]) -> Page:
    """A company or topic page: description, span, the other side's links with counts, the articles."""
    related = " · ".join(f"{link(*targets[key], here)} ({n})"
                         for key, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])) if key in targets)
    return Page(here, _render("entity.md.j2", front_matter=Md(front_matter(fm)), heading=heading,
                              description=description, count_line=_count_line(mine),
                              related=Md(f"**{label}:** {related}") if related else "",
                              listing=listing(mine, here)))


def _count_line(articles: Sequence[Article]) -> str:
    dates = sorted(a.date for a in articles if a.date)
    span = f", {long_date(dates[0])} – {long_date(dates[-1])}" if dates else ""
    return f"{len(articles)} article{'s' if len(articles) != 1 else ''}{span}."


def render_section_index(kind: str, articles: Sequence[Article], config: Config) -> Page:
    here = f"{kind}/index.md"
    if kind == "companies":
        entries = [(c.name, f"companies/{c.slug}.md", c.description, c.name, "companies") for c in config.companies]
    else:
        entries = [(t.title, f"topics/{t.slug}.md", t.description, t.slug, "topics") for t in config.topics]
    counts = {key: sum(1 for a in articles if key in getattr(a, attr)) for _, _, _, key, attr in entries}
    rows = [{"link": link(name, path, here), "count": counts[key], "description": desc}
            for name, path, desc, key, _ in sorted(entries, key=lambda e: (-counts[e[3]], e[0].casefold()))]
    heading = "Companies" if kind == "companies" else "Topics"
    intro = (f"{len(entries)} {kind} from the config (digest.yml), by number of articles. "
             "A company or topic with no articles yet is listed with 0.")
    return Page(here, _render("section_index.md.j2", front_matter=Md(front_matter({"title": heading})),
                              heading=heading, intro=intro, rows=rows,
                              column="Company" if kind == "companies" else "Topic"))


def render_articles_index(articles: Sequence[Article]) -> Page:
    here = "articles/index.md"
    groups: dict[str, list[Article]] = {}
    for a in newest_first(articles):
        key = f"{_MONTHS[int(a.date[5:7]) - 1]} {a.date[:4]}" if a.date else "Undated"
        groups.setdefault(key, []).append(a)
    months = [(month, listing(items, here)) for month, items in groups.items()]
    intro = f"All {len(articles)} articles, newest first; undated articles come last."
    return Page(here, _render("articles_index.md.j2", front_matter=Md(front_matter({"title": "Articles"})),
                              intro=intro, months=months))


# ---- home page and build report ---------------------------------------------------------------------

def render_home(articles: Sequence[Article], report: BuildReport, config: Config) -> Page:
    here = "index.md"
    companies = render_rows([(c.name, f"companies/{c.slug}.md", c.name, "companies") for c in config.companies],
                            articles, here)
    topics = render_rows([(t.title, f"topics/{t.slug}.md", t.slug, "topics") for t in config.topics], articles, here)
    latest = newest_first(articles)[:LATEST_ON_HOME]
    return Page(here, _render("home.md.j2", front_matter=Md(front_matter({"title": "Digest"})), site=config.site,
                              overview=_overview(articles, report), top_companies=companies[:8],
                              top_topics=topics[:8], latest=listing(latest, here),
                              all_articles="articles/index.md", report="report.md"))


def render_rows(entries: list[tuple[str, str, str, str]], articles: Sequence[Article], here: str) -> list[dict]:
    counts = {key: sum(1 for a in articles if key in getattr(a, attr)) for _, _, key, attr in entries}
    ranked = sorted((e for e in entries if counts[e[2]]), key=lambda e: (-counts[e[2]], e[0].casefold()))
    return [{"link": link(name, path, here), "count": counts[key]} for name, path, key, _ in ranked]


def _overview(articles: Sequence[Article], report: BuildReport) -> str:
    dates = sorted(a.date for a in articles if a.date)
    publications = {a.publication for a in articles if a.publication}
    period = f"published between {long_date(dates[0])} and {long_date(dates[-1])}" if dates else "with no dates"
    undated = len(articles) - len(dates)
    text = (f"{plural(len(articles), 'article')} from {plural(len(publications), 'publication')}, {period}"
            f"{f' ({undated} undated)' if undated else ''}.")
    errors = len(report.errors)
    return text + (f" {plural(errors, 'seed problem needs', 'seed problems need')} attention in the build report."
                   if errors else "")


def render_report(report: BuildReport) -> Page:
    here = "report.md"
    published = len(report.articles)
    summary = (f"{plural(report.seeds_seen, 'file')} in seeds/: {published} published as "
               f"{'an article' if published == 1 else 'articles'}; {plural(len(report.errors), 'error')}, "
               f"{plural(_count(report.problems, Level.WARNING), 'warning')}, "
               f"{plural(_count(report.problems, Level.INFO), 'note')}.")
    rows = [{"link": link(a.title, article_path(a), here), "field": name, "value": _field(a, name),
             "method": found.method, "confidence": f"{found.confidence:.2f}"}
            for a in sorted(report.articles, key=lambda a: a.seed)
            for name, found in sorted(a.found.items()) if found.confidence < LOW_CONFIDENCE]
    published = {a.seed: a for a in report.articles}
    problems = [{"seed": link(p.seed, article_path(published[p.seed]), here) if p.seed in published else p.seed,
                 "stage": p.stage, "level": p.level.value, "message": message(p.message)}
                for p in sorted(report.problems, key=_problem_order)]
    fm = {"title": "Build report", "search": {"exclude": True}}
    return Page(here, _render("report.md.j2", front_matter=Md(front_matter(fm)), summary=summary,
                              problems=problems, low_confidence=rows))


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """"1 article", "2 articles": counts that readers see agree with their nouns."""
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
    return Page("tags.md", front_matter(fm) + "# Tags\n\nEvery company and topic tag, with its articles.\n\n"
                "<!-- material/tags -->\n")


def render_site(articles: Sequence[Article], report: BuildReport, config: Config) -> list[Page]:
    """Every generated page, in a stable order."""
    stories: dict[str, list[Article]] = {}
    for a in articles:
        if a.story:
            stories.setdefault(a.story, []).append(a)
    pages = [render_article(a, config, stories.get(a.story or "", ())) for a in sorted(articles, key=lambda a: a.slug)]
    pages += [render_company(c, articles, config) for c in config.companies]
    pages += [render_topic(t, articles, config) for t in config.topics]
    pages += [render_section_index("companies", articles, config), render_section_index("topics", articles, config),
              render_articles_index(articles), render_home(articles, report, config), render_report(report),
              render_tags_page()]
    from .browse import render_browse_page
    from .sources import render_sources  # sources builds on this module's listings
    pages += [*render_sources(articles), render_browse_page()]
    return pages
