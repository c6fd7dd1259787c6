"""Stories: several seeds' reports of one event, grouped after the per-seed stages.

Two articles report the same story when their headlines and leads share enough distinctive words
(TF-IDF cosine) and they were published within a few days of each other; a story is a connected
group of such pairs. Only articles that share a rare word are compared, so the step stays close to
linear in the number of articles. A story's id is the slug of its first report, which a later seed
can change (an earlier report found later); page addresses never depend on it.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from dataclasses import replace
from itertools import combinations

from ..records import Article

WINDOW_DAYS = 3
"""Reports of one event appear within days; a follow-up weeks later is a new story."""
# Measured on the 125 labelled articles: same-event pairs within three days score 0.26-0.50, and no
# pair of different events within three days scores above 0.25.
MIN_SIMILARITY = 0.25
MIN_SIMILARITY_UNDATED = 0.5
"""Without a date to check, only near-identical headlines and leads are grouped."""
MAX_SHARED_BY = 50
"""A word used by more articles than this says nothing about which event an article reports."""

_WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*[a-z0-9]")
_STOPWORDS = frozenset(re.findall(r"\S+", """
a about after against all also an and any are as at be been before but by can could did do does for from had has
have he her his how if in into is it its more most new not of on or over said says she so than that the their them
then there these they this those to under up us was we were what when which who will with would year years u.s
"""))


def assign_stories(articles: list[Article]) -> list[Article]:
    """Set `story` on every article reported by more than one seed; others keep None."""
    vectors = _vectors(articles)
    parent = {a.slug: a.slug for a in articles}
    by_slug = {a.slug: a for a in articles}
    for left, right in sorted(_candidates(vectors)):
        days = _days_apart(by_slug[left], by_slug[right])
        if days is not None and days > WINDOW_DAYS:
            continue  # checked first: it is cheaper than the similarity
        needed = MIN_SIMILARITY if days is not None else MIN_SIMILARITY_UNDATED
        if _cosine(vectors[left], vectors[right]) >= needed:
            parent[_root(parent, left)] = _root(parent, right)
    groups: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        groups[_root(parent, a.slug)].append(a)
    story_of = {}
    for members in groups.values():
        if len(members) > 1:
            first = min(members, key=lambda a: (a.date or "9999", a.slug))
            story_of.update({a.slug: first.slug for a in members})
    return [replace(a, story=story_of.get(a.slug)) for a in articles]


def _terms(article: Article) -> list[str]:
    text = " ".join(x for x in (article.title, article.subtitle or "", article.summary) if x).casefold()
    words = [w.replace("’", "'") for w in _WORD.findall(text)]
    return [w for w in words if w not in _STOPWORDS and not w.isdigit()] + [f"@{c}" for c in article.companies]


def _vectors(articles: list[Article]) -> dict[str, dict[str, float]]:
    terms = {a.slug: Counter(_terms(a)) for a in articles}
    df = Counter(t for counts in terms.values() for t in counts)
    n = len(articles)
    vectors = {}
    for slug, counts in terms.items():
        weights = {t: (1 + math.log(c)) * math.log(1 + n / df[t]) for t, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors[slug] = {t: w / norm for t, w in weights.items()}
    return vectors


def _candidates(vectors: dict[str, dict[str, float]]) -> set[tuple[str, str]]:
    """Pairs of articles sharing at least one word few other articles use."""
    postings: dict[str, list[str]] = defaultdict(list)
    for slug in sorted(vectors):
        for term in vectors[slug]:
            postings[term].append(slug)
    return {pair for slugs in postings.values() if 1 < len(slugs) <= MAX_SHARED_BY
            for pair in combinations(slugs, 2)}


def _cosine(left: dict[str, float], right: dict[str, float]) -> float:
    if len(left) > len(right):
        left, right = right, left
    return sum(w * right.get(t, 0.0) for t, w in left.items())


def _days_apart(left: Article, right: Article) -> int | None:
    if not (left.date and right.date):
        return None
    return abs((dt.date.fromisoformat(left.date) - dt.date.fromisoformat(right.date)).days)


def _root(parent: dict[str, str], slug: str) -> str:
    while parent[slug] != slug:
        parent[slug] = parent[parent[slug]]
        slug = parent[slug]
    return slug
