"""The timeline: dated articles, stories and the companies' regulatory events on one axis, by month.

A story is one entry at its first date, with its reports under it; its undated reports are placed
there by the story, never given a date. Undated articles outside any story are kept apart. Company
events come from the config (`events:` under a company) when it has them; the config may not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..config import Config
from ..records import Article
from .stories import Story


@dataclass(frozen=True)
class Event:
    """A dated regulatory event of a company (an Entity List addition, a ban), from the config."""

    date: str
    """YYYY-MM-DD, or YYYY-MM when only the month is known."""
    company: str
    title: str
    url: str | None = None


@dataclass(frozen=True)
class Entry:
    """One line of the timeline: an article on its own, a story, or a company event."""

    date: str
    kind: str
    """"article", "story" or "event"."""
    article: Article | None = None
    story: Story | None = None
    event: Event | None = None


@dataclass(frozen=True)
class Timeline:
    months: tuple[tuple[str, tuple[Entry, ...]], ...]
    """(YYYY-MM, entries oldest first), months oldest first."""
    undated: tuple[Article, ...]
    """Articles with no date and no story to place them by."""


def company_events(config: Config) -> list[Event]:
    """Every company's events from the config, read defensively: a config without `events:` has
    none, and an event without a usable date is left off the axis."""
    events = []
    for company in config.companies:
        for raw in getattr(company, "events", None) or ():
            date = str(_field(raw, "date") or "")
            title = _field(raw, "title") or _field(raw, "event") or _field(raw, "summary")
            if len(date) >= 7 and date[:4].isdigit() and title:
                events.append(Event(date[:10], company.name, str(title), _field(raw, "url")))
    return sorted(events, key=lambda e: (e.date, e.company, e.title))


def _field(raw, name: str):
    return raw.get(name) if isinstance(raw, dict) else getattr(raw, name, None)


def build_timeline(
    articles: Sequence[Article], stories: Sequence[Story], events: Sequence[Event] = ()
) -> Timeline:
    in_story = {a.slug for s in stories for a in s.articles}
    entries = [Entry(s.start, "story", story=s) for s in stories if s.start]
    entries += [
        Entry(a.date, "article", article=a) for a in articles if a.date and a.slug not in in_story
    ]
    entries += [Entry(e.date, "event", event=e) for e in events]
    months: dict[str, list[Entry]] = defaultdict(list)
    for entry in sorted(entries, key=_order):
        months[entry.date[:7]].append(entry)
    undated = [a for a in articles if not a.date and a.slug not in in_story]
    undated += [a for s in stories if not s.start for a in s.articles]
    return Timeline(
        tuple((m, tuple(e)) for m, e in sorted(months.items())),
        tuple(sorted(undated, key=lambda a: (a.title.casefold(), a.slug))),
    )


def _order(entry: Entry) -> tuple:
    key = (
        entry.story.id
        if entry.story
        else entry.article.slug
        if entry.article
        else entry.event.title
    )
    return (entry.date, {"event": 0, "story": 1, "article": 2}[entry.kind], key)


def month_of(article: Article, story_of: dict[str, Story]) -> str | None:
    """An article's month: its own date's, or for an undated report its story's start."""
    if article.date:
        return article.date[:7]
    story = story_of.get(article.slug)
    return story.start[:7] if story and story.start else None
