"""Related articles for every article: its story's other reports first, then articles sharing its
companies and topics (weighted, rarer ones count more), then closeness in time.

Near-linear: for each company or topic an article has, only the NEIGHBOURS articles nearest in time
that share it are scored, found by bisection in that company's or topic's date-ordered list, so a
company in half of 10,000 articles does not make 25 million pairs.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import math
from collections import defaultdict
from collections.abc import Sequence

from ..records import Article

RELATED = 5
"""How many related articles an article page shows."""
NEIGHBOURS = 12
"""Candidates per shared company or topic, nearest in time on either side."""
COMPANY_WEIGHT = 2.0
"""A shared company says more about what an article is about than a shared broad topic."""
TOPIC_WEIGHT = 1.0
TIME_WEIGHT = 0.5
"""Closeness in time counts less than a shared company: it orders articles that share as much."""
CLOSE_DAYS = 30
"""Half the time bonus goes to articles this many days apart; undated ones get none."""
_UNDATED = "9999-99-99"


def related_articles(articles: Sequence[Article], count: int = RELATED) -> dict[str, list[Article]]:
    """slug -> up to `count` related articles, best first; copies of the same report left out."""
    ordered = sorted(articles, key=lambda a: (a.date or _UNDATED, a.slug))
    lists: dict[str, list[Article]] = defaultdict(list)
    for a in ordered:
        for key in _keys(a):
            lists[key].append(a)
    positions = {
        key: [(x.date or _UNDATED, x.slug) for x in members] for key, members in lists.items()
    }
    rarity = {key: math.log(1 + len(articles) / len(members)) for key, members in lists.items()}
    stories: dict[str, list[Article]] = defaultdict(list)
    for a in ordered:
        if a.story:
            stories[a.story].append(a)
    by_slug = {x.slug: x for x in articles}
    # Each date parsed once: an article is scored against a few hundred candidates.
    day = {x.slug: dt.date.fromisoformat(x.date).toordinal() if x.date else None for x in articles}
    report_of = {x.slug: x.copy_of or x.slug for x in articles}
    """The report an article is a copy of (itself when it is none): see _copies."""
    result = {}
    for a in ordered:
        same = [s for s in stories.get(a.story or "", ()) if s.slug != a.slug and not _copies(a, s)]
        scores: dict[str, float] = defaultdict(float)
        for key in _keys(a):
            weight = (COMPANY_WEIGHT if key[0] == "c" else TOPIC_WEIGHT) * rarity[key]
            for other in _near(lists[key], positions[key], a):
                scores[other.slug] += weight
        taken = {a.slug, *(s.slug for s in same)}
        report, mine = a.copy_of or a.slug, day[a.slug]
        # (minus score, slug) sorts as the list sorted by that key would; only the best few
        # are wanted of a hundred or more candidates, so they are picked, not all sorted.
        ranked = [
            (-(score + _closeness(mine, day[s])), s)
            for s, score in scores.items()
            if s not in taken and report_of[s] != report
        ]
        best = heapq.nsmallest(max(0, count - len(same)), ranked)
        result[a.slug] = (same + [by_slug[s] for _, s in best])[:count]
    return result


def _keys(a: Article) -> list[str]:
    return [f"c:{c}" for c in a.companies] + [f"t:{t}" for t in a.topics]


def _near(members: list[Article], positions: list[tuple[str, str]], a: Article) -> list[Article]:
    at = bisect.bisect_left(positions, (a.date or _UNDATED, a.slug))
    return members[max(0, at - NEIGHBOURS) : at] + members[at + 1 : at + 1 + NEIGHBOURS]


def _copies(a: Article, b: Article) -> bool:
    """Two copies of one report (or one the copy of the other) are not each other's reading."""
    return (a.copy_of or a.slug) == (b.copy_of or b.slug)


def _closeness(a: int | None, b: int | None) -> float:
    """The time bonus of two articles by their dates' day numbers (None: undated)."""
    if a is None or b is None:
        return 0.0
    return TIME_WEIGHT / (1.0 + abs(a - b) / CLOSE_DAYS)
