"""Company and topic pages: what an analyst needs about one company or one topic.

A company page has its profile (description, country, sector, ticker), its regulatory standing
and a timeline of its events with the articles published around each, a chart of mentions over
time, its stories, its feeds, the articles grouped by story with the sentence that names the
company, quotes about it, key figures, the people quoted about it, co-mentioned companies and the
articles that name it only in passing. A topic page has its articles with the phrases that gave
them the topic, the companies involved, the regulatory events of the kinds the topic covers, key
figures and people.

Every value from a seed is escaped (markup.escape) or comes through `link`; the page structure
is in templates/company.md.j2 and templates/topic.md.j2.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from urllib.parse import quote

from ..config import EVENT_KINDS, Company, Config, Event, Topic
from ..knowledge.stories import Story, stories_for_company, stories_for_topic
from ..records import Article, Figure, Page, Quote
from .charts import chart_markdown, company_mentions
from .markup import Md, escape, front_matter, plain, safe_url
from .render import _render, article_path, link, long_date, newest_first, plural
from .story_pages import story_listing

EVENT_WINDOW_DAYS = 30
"""Articles published this many days before or after an event are listed under it."""
MAX_QUOTES = 12
MAX_FIGURES = 12
MAX_CO_MENTIONS = 20
LISTED = 50
"""The newest articles (or stories, or passing mentions) a company or topic page lists in full; the
rest are a link to Browse filtered to the company or topic, and to the Articles page (its months
link the month digests). At 10,000
articles a topic page listing all its 3,000 articles was 0.8 MB of Markdown that nobody scrolls,
and rendering it took a second after every new seed."""
# Which event kinds a topic page lists.
TOPIC_EVENT_KINDS: dict[str, tuple[str, ...]] = {
    "entity-list": ("entity-list",),
    "export-controls": ("entity-list", "denial-order"),
    "government-procurement-ban": ("ndaa-889", "fcc-covered-list", "fcc-order", "procurement-ban"),
    "telecom-5g": ("fcc-covered-list", "fcc-order"),
    "sanctions": ("sanctions", "investment-ban", "settlement"),
    "stock-market": ("investment-ban",),
    "human-rights": ("entity-list",),
    "xinjiang": ("entity-list",),
}


def _article_link(a: Article, here: str) -> Md:
    meta = " · ".join(escape(x) for x in (long_date(a.date), a.publication) if x)
    return Md(f"{link(a.title, article_path(a), here)} — {meta}")


def _more(shown: int, total: int, noun: str, browse: str, here: str) -> Md | str:
    """The line under a list cut at LISTED: how many are not listed and where they all are."""
    if total <= shown:
        return ""
    rest = plural(total - shown, f"more {noun}")
    return Md(
        f"{rest}: all {total:,} in {link('Browse', browse, here)}, or month by month from "
        f"the {link('Articles', 'articles/index.md', here)} page."
    )


# ---- company pages ------------------------------------------------------------------------------


def render_company_page(
    company: Company, articles: Sequence[Article], config: Config, stories: Sequence[Story] = ()
) -> Page:
    here = f"companies/{company.slug}.md"
    mine = [a for a in articles if company.name in a.companies]
    passing = [a for a in articles if company.name in a.passing_companies]
    browse = f"browse.md?company={quote(company.name, safe='')}"
    grouped = _stories(mine, company.name, here)
    theirs = stories_for_company(stories, company.name)
    fm = {
        "title": plain(company.name),
        "company": plain(company.name),
        "articles": len(mine),
        "articles_in_passing": len(passing),
        "country": plain(company.country),
        "sector": plain(company.sector),
        "ticker": plain(company.ticker),
    }
    context = {
        "front_matter": Md(front_matter(fm)),
        "company": company,
        "profile": _profile(company),
        "count_line": _count_line(mine),
        "standing": _standing(company.events),
        "window": EVENT_WINDOW_DAYS,
        "events": _events(company.events, mine, here),
        "chart": chart_markdown(company_mentions(articles, company.name)),
        "story_list": story_listing(theirs[:LISTED], here),
        "more_stories": _more_stories(len(theirs), here),
        "feeds": _feed_links(f"companies/{company.slug}", here),
        "stories": grouped[:LISTED],
        "more_articles": _more(
            sum(1 + len(g["others"]) for g in grouped[:LISTED]), len(mine), "article", browse, here
        ),
        "quotes": _quotes(
            [(a, q) for a in newest_first(mine) for q in a.quotes if company.name in q.companies],
            here,
        ),
        "figures": _figures(
            [(a, f) for a in newest_first(mine) for f in a.figures if company.name in f.companies],
            here,
        ),
        "people": _people_quoted(mine, company.name, here),
        "co_mentions": _co_mentions(mine, company.name, config, here),
        "topics": _topic_links(mine, config, here),
        "passing": [
            {
                "link": _article_link(a, here),
                "sentence": _mention(a, company.name).sentence,
                "reason": _mention(a, company.name).reason,
            }
            for a in newest_first(passing)[:LISTED]
        ],
        "more_passing": len(passing) - LISTED if len(passing) > LISTED else 0,
    }
    return Page(here, _render("company.md.j2", **context))


def _more_stories(total: int, here: str) -> Md | str:
    if total <= LISTED:
        return ""
    rest = plural(total - LISTED, "more story", "more stories")
    return Md(f"{rest}: {link('Stories', 'stories/index.md', here)} lists every story.")


def _profile(company: Company) -> list[tuple[str, str]]:
    aliases = [x for x in company.aliases if x != company.name]
    rows = [
        ("Country", company.country),
        ("Sector", company.sector),
        ("Ticker", company.ticker or "Not listed"),
        ("Also written as", ", ".join(aliases)),
    ]
    return [(k, v) for k, v in rows if v]


def _standing(events: Sequence[Event]) -> list[Md]:
    """Measures in force: the latest event of each kind that has not been lifted."""
    latest: dict[str, Event] = {}
    for event in events:
        latest[event.kind] = event
    first = {}
    for event in events:
        first.setdefault(event.kind, event)
    lines = []
    for kind, event in sorted(latest.items(), key=lambda kv: first[kv[0]].date):
        if event.ended:
            continue
        since = escape(long_date(first[kind].date))
        lines.append(Md(f"**{escape(EVENT_KINDS[kind])}** since {since}"))
    return lines


def _events(events: Sequence[Event], mine: Sequence[Article], here: str) -> list[dict]:
    out = []
    for event in events:
        day = dt.date.fromisoformat(event.date)
        near = [
            a
            for a in newest_first(mine)
            if a.date and abs((dt.date.fromisoformat(a.date) - day).days) <= EVENT_WINDOW_DAYS
        ]
        url = safe_url(event.source)
        source = Md(f"[source]({url})") if url else ""
        ended = f" Lifted {long_date(event.ended)}." if event.ended else ""
        out.append(
            {
                "date": long_date(event.date),
                "kind": EVENT_KINDS[event.kind],
                "title": event.title + ended,
                "source": source,
                "articles": [_article_link(a, here) for a in near],
            }
        )
    return out


def _feed_links(name: str, here: str) -> Md:
    """This page's own Atom and JSON feeds (written by site/feeds.py under the same name)."""
    return Md(
        f"{link('Atom feed', f'feeds/{name}.xml', here)} · "
        f"{link('JSON Feed', f'feeds/{name}.json', here)}"
    )


def _mention(a: Article, name: str):
    return next(m for m in a.mentions if m.company == name)


def _stories(mine: Sequence[Article], name: str, here: str) -> list[dict]:
    """Articles newest first; reports of one story are listed together under the newest."""
    groups: dict[str, list[Article]] = {}
    for a in newest_first(mine):
        groups.setdefault(a.story or a.slug, []).append(a)
    items = []
    for reports in groups.values():
        lead, others = reports[0], reports[1:]
        mention = next((m for m in lead.mentions if m.company == name), None)
        items.append(
            {
                "link": _article_link(lead, here),
                "sentence": mention.sentence if mention else "",
                "others": [_article_link(o, here) for o in others],
            }
        )
    return items


def _quotes(pairs: Sequence[tuple[Article, Quote]], here: str) -> list[dict]:
    return [
        {
            "text": q.text,
            "speaker": q.speaker,
            "role": q.role,
            "link": link(a.title, article_path(a), here),
        }
        for a, q in pairs[:MAX_QUOTES]
    ]


def _figures(pairs: Sequence[tuple[Article, Figure]], here: str) -> list[dict]:
    return [
        {"value": f.value, "sentence": f.sentence, "link": link(a.title, article_path(a), here)}
        for a, f in pairs[:MAX_FIGURES]
    ]


def _people_quoted(mine: Sequence[Article], name: str | None, here: str) -> list[dict]:
    """People quoted (about the company, when a name is given), with their role and articles."""
    people: dict[str, dict] = {}
    for a in newest_first(mine):
        known = {p.name for p in a.people}
        for q in a.quotes:
            if q.speaker not in known or (name and name not in q.companies and name not in q.role):
                continue
            entry = people.setdefault(q.speaker, {"name": q.speaker, "role": q.role, "links": []})
            article_link = link(a.title, article_path(a), here)
            if article_link not in entry["links"]:
                entry["links"].append(article_link)
    ordered = sorted(people.values(), key=lambda p: p["name"])
    return [dict(p, links=Md(" · ".join(p["links"]))) for p in ordered]


def _co_mentions(mine: Sequence[Article], name: str, config: Config, here: str) -> Md | str:
    slugs = {c.name: c.slug for c in config.companies}
    counts = Counter(other for a in mine for other in a.companies if other != name)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))[:MAX_CO_MENTIONS]
    return (
        Md(
            " · ".join(
                f"{link(other, f'companies/{slugs[other]}.md', here)} ({n})"
                for other, n in ranked
                if other in slugs
            )
        )
        if ranked
        else ""
    )


def _topic_links(mine: Sequence[Article], config: Config, here: str) -> Md | str:
    titles = {t.slug: t.title for t in config.topics}
    counts = Counter(t for a in mine for t in a.topics if t in titles)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], titles[kv[0]].casefold()))
    if not ranked:
        return ""
    return Md(" · ".join(f"{link(titles[s], f'topics/{s}.md', here)} ({n})" for s, n in ranked))


def _count_line(articles: Sequence[Article]) -> str:
    return f"{plural(len(articles), 'article')} about it{_span(articles)}."


# ---- topic pages --------------------------------------------------------------------------------


def render_topic_page(
    topic: Topic, articles: Sequence[Article], config: Config, stories: Sequence[Story] = ()
) -> Page:
    here = f"topics/{topic.slug}.md"
    mine = newest_first(a for a in articles if topic.slug in a.topics)
    fm = {"title": plain(topic.title), "topic": topic.slug, "articles": len(mine)}
    theirs = stories_for_topic(stories, topic.slug)
    browse = f"browse.md?topic={quote(topic.slug, safe='')}"
    slugs = {c.name: c.slug for c in config.companies}
    counts = Counter(c for a in mine for c in a.companies)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
    companies = Md(
        " · ".join(
            f"{link(n, f'companies/{slugs[n]}.md', here)} ({k})" for n, k in ranked if n in slugs
        )
    )
    involved = [c for c in config.companies if c.name in counts]
    kinds = TOPIC_EVENT_KINDS.get(topic.slug, ())
    events = sorted(
        ((e, c) for c in involved for e in c.events if e.kind in kinds),
        key=lambda ec: (ec[0].date, ec[1].name),
    )
    context = {
        "front_matter": Md(front_matter(fm)),
        "topic": topic,
        "count_line": f"{plural(len(mine), 'article')}{_span(mine)}.",
        "articles": [
            {"link": _article_link(a, here), "why": _why(a, topic.slug)} for a in mine[:LISTED]
        ],
        "more_articles": _more(min(LISTED, len(mine)), len(mine), "article", browse, here),
        "companies": companies,
        "story_list": story_listing(theirs[:LISTED], here),
        "more_stories": _more_stories(len(theirs), here),
        "feeds": _feed_links(f"topics/{topic.slug}", here),
        "events": [
            {
                "date": long_date(e.date),
                "company": link(c.name, f"companies/{c.slug}.md", here),
                "title": e.title,
                "source": _source(e),
            }
            for e, c in events
        ],
        "figures": _figures([(a, f) for a in mine for f in a.figures], here),
        "people": _people_quoted(mine, None, here),
    }
    return Page(here, _render("topic.md.j2", **context))


def _source(event: Event) -> Md | str:
    url = safe_url(event.source)
    return Md(f"[source]({url})") if url else ""


def _span(mine: Sequence[Article]) -> str:
    """ ", May 22, 2019" for one date, ", August 23, 2017 – May 22, 2019" for several, "" for
    none."""
    dates = sorted(a.date for a in mine if a.date)
    if not dates:
        return ""
    first, last = long_date(dates[0]), long_date(dates[-1])
    return f", {first}" if first == last else f", {first} – {last}"


def _why(a: Article, slug: str) -> str:
    evidence = next((e for e in a.topic_evidence if e.topic == slug), None)
    if evidence is None:
        return "set in the seed's front-matter"
    return "; ".join(f"{p} ×{n}" for p, n in evidence.phrases[:6])
