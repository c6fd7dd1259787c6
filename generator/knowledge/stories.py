"""Stories: several seeds' reports of one event, grouped after the per-seed stages.

How two reports are judged to tell one event (README, "How stories are formed"):

1. Each article is described by its most distinctive event features (`event_features.py`): words of
   the headline, dek and body, the companies, the people and organisations named, the figures and
   the dates mentioned, weighted by TF-IDF and by kind (`stories.weights` in digest.yml).
2. Candidate pairs are only articles that share `min_shared` features that few articles use
   (`max_shared_by`): a posting list per rare feature, never all pairs, so the step stays
   near-linear.
3. A pair joins when its cosine reaches `min_similarity` and both dates lie within `window_days`;
   when either report is undated, content is the only evidence and the bar is
   `min_similarity_undated`. Strongest pairs join first, and two groups merge only if their dated
   reports then span at most `max_span_days`, so follow-ups do not chain into one story.
4. Bodies sharing at least `near_duplicate` of their five-word runs are copies of one report
   (syndication, one wire story on two sites): one report, every outlet credited.

An undated report in a story is placed by the story's period, never given a date. A story's id is
the slug of its first report (earliest date, then slug); page addresses of articles never depend
on it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import combinations, repeat
from operator import mul
from pathlib import Path

from ..cache import code_version, read_entry, write_entry
from ..records import Article
from .event_features import WORD, features, shingles
from .story_rules import StoryRules

_KINDS = {"w": "words", "c": "companies", "n": "names", "f": "figures", "d": "dates"}
SUMMARY_SENTENCES = 4
"""A story's merged summary: the first reports' leads, enough to say what happened."""
MAY_COPY = 0.7
"""A copy shares nearly all its distinctive features (cosine 0.9-1.0 on the planted copies); only
pairs this close are tested for shared runs of words, which costs more."""
REPEATED_SENTENCE = 0.5
"""Word overlap (Jaccard) above which a sentence repeats one already in the merged summary."""


def assign_stories(
    articles: list[Article],
    rules: StoryRules | None = None,
    counts: Mapping[str, Counter] | None = None,
) -> list[Article]:
    """Set `story` on every article reported by more than one seed (others keep None) and
    `copy_of` on near-duplicate copies. `counts`: the articles' event features by slug, when the
    caller kept them (`features` of each article otherwise)."""
    rules = rules or StoryRules()
    by_slug = {a.slug: a for a in articles}
    vectors = _vectors(articles, rules, counts)
    groups = _Groups(by_slug, rules.max_span_days)
    copies = _Groups(by_slug, None)
    body_runs: dict[str, frozenset[int]] = {}
    for similarity, left, right in _scored_pairs(vectors, by_slug, rules):
        near = similarity >= MAY_COPY and _copies(left, right, by_slug, body_runs, rules)
        joins = near or _joins(by_slug[left], by_slug[right], similarity, rules)
        if joins and groups.union(left, right) and near:
            copies.union(left, right)
    story_of = {}
    for members in groups.members().values():
        if len(members) > 1:
            first = min(members, key=_first_order)
            story_of.update({a.slug: first.slug for a in members})
    copy_of = {}
    for members in copies.members().values():
        original = min(members, key=lambda a: (a.date or "9999", -a.words, a.slug))
        copy_of.update({a.slug: original.slug for a in members if a is not original})
    return [replace(a, story=story_of.get(a.slug), copy_of=copy_of.get(a.slug)) for a in articles]


def _first_order(a: Article) -> tuple:
    return (a.date or "9999", a.slug)


def _vectors(
    articles: Sequence[Article], rules: StoryRules, known: Mapping[str, Counter] | None = None
) -> dict[str, dict[str, float]]:
    """Each article's `top_terms` most distinctive features, TF-IDF weighted, unit length.

    A feature no other article has cannot make two articles alike; left in, it would only dilute
    the shared ones (in a small corpus it would be all of the top features), so it is left out."""
    counts = {a.slug: (known or {}).get(a.slug) or features(a) for a in articles}
    df = Counter(t for c in counts.values() for t in c)
    n = len(articles)
    weight = {prefix: rules.weight(kind) for prefix, kind in _KINDS.items()}
    idf = {t: weight[t[0]] * math.log(1 + n / k) for t, k in df.items() if k > 1}
    vectors = {}
    for slug, c in counts.items():
        scored = {t: idf[t] * (1 + math.log(k) if k > 1 else 1.0) for t, k in c.items() if t in idf}
        top = sorted(scored.items(), key=lambda x: (-x[1], x[0]))[: rules.top_terms]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        vectors[slug] = {t: w / norm for t, w in top}
    return vectors


def _scored_pairs(
    vectors: dict[str, dict[str, float]], by_slug: dict[str, Article], rules: StoryRules
) -> list[tuple[float, str, str]]:
    """Candidate pairs with their cosine, strongest first, ties in a fixed order."""
    postings: dict[str, list[str]] = defaultdict(list)
    for slug in sorted(vectors):
        for term in vectors[slug]:
            postings[term].append(slug)
    shared: Counter = Counter()
    for slugs in postings.values():
        if 1 < len(slugs) <= rules.max_shared_by:
            shared.update(combinations(slugs, 2))
    # Each date parsed once, not once per pair it is in (tens of thousands of pairs).
    day = {s: _ordinal(a.date) for s, a in by_slug.items()}
    scored = []
    for (left, right), count in shared.items():
        if count < rules.min_shared:
            continue
        similarity = _cosine(vectors[left], vectors[right])
        first, second = day[left], day[right]
        far = first is not None and second is not None and abs(first - second) > rules.window_days
        if far and similarity < MAY_COPY:
            continue  # too far apart to join, and not close enough to be a copy
        scored.append((similarity, left, right))
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    return scored


def _joins(left: Article, right: Article, similarity: float, rules: StoryRules) -> bool:
    days = days_apart(left, right)
    if days is None:
        return similarity >= rules.min_similarity_undated
    return days <= rules.window_days and similarity >= rules.min_similarity


def _copies(
    left: str,
    right: str,
    by_slug: dict[str, Article],
    cache: dict[str, frozenset[int]],
    rules: StoryRules,
) -> bool:
    """Near-duplicate bodies: measured only for pairs already similar, so rarely."""
    for slug in (left, right):
        if slug not in cache:
            cache[slug] = shingles(by_slug[slug])
    a, b = cache[left], cache[right]
    if not a or not b:
        return False
    return len(a & b) / len(a | b) >= rules.near_duplicate


def _cosine(left: dict[str, float], right: dict[str, float]) -> float:
    if len(left) > len(right):
        left, right = right, left
    # The products in the smaller vector's order, summed left to right as a loop would, but
    # without a Python frame per term: the step scores tens of thousands of pairs.
    return sum(map(mul, left.values(), map(right.get, left, repeat(0.0))))


def _ordinal(date: str | None) -> int | None:
    return dt.date.fromisoformat(date).toordinal() if date else None


def days_apart(left: Article, right: Article) -> int | None:
    if not (left.date and right.date):
        return None
    return abs((dt.date.fromisoformat(left.date) - dt.date.fromisoformat(right.date)).days)


class _Groups:
    """Union-find over slugs that refuses a merge whose dated members would span too many days."""

    def __init__(self, by_slug: dict[str, Article], max_span: int | None) -> None:
        self.by_slug = by_slug
        self.parent = {s: s for s in by_slug}
        self.span = {s: (a.date, a.date) for s, a in by_slug.items()}
        self.max_span = max_span

    def root(self, slug: str) -> str:
        while self.parent[slug] != slug:
            self.parent[slug] = self.parent[self.parent[slug]]
            slug = self.parent[slug]
        return slug

    def union(self, left: str, right: str) -> bool:
        """Merge the two groups; False when that would stretch a story too far in time."""
        a, b = self.root(left), self.root(right)
        if a == b:
            return True
        dates = [d for d in (*self.span[a], *self.span[b]) if d]
        span = (min(dates), max(dates)) if dates else (None, None)
        if self.max_span is not None and dates and _days(*span) > self.max_span:
            return False
        low, high = sorted((a, b))
        self.parent[high] = low
        self.span[low] = span
        return True

    def members(self) -> dict[str, list[Article]]:
        groups: dict[str, list[Article]] = defaultdict(list)
        for slug in sorted(self.parent):
            groups[self.root(slug)].append(self.by_slug[slug])
        return groups


def _days(first: str, last: str) -> int:
    return (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days


# ---- stories as readers see them ------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """One report of a story: an article and the near-identical copies other outlets carried."""

    article: Article
    copies: tuple[Article, ...] = ()

    @property
    def outlets(self) -> tuple[str, ...]:
        names = [a.publication for a in (self.article, *self.copies) if a.publication]
        return tuple(dict.fromkeys(names))


@dataclass(frozen=True)
class Story:
    """Several seeds' reports of one event, as the story page shows it."""

    id: str
    """Slug of the first report; also the story page's address (stories/<id>/)."""
    title: str
    reports: tuple[Report, ...]
    """Oldest first, undated reports after the dated ones."""
    start: str | None
    """Date of the earliest dated report; None when no report has a date."""
    end: str | None
    outlets: tuple[str, ...]
    companies: tuple[str, ...]
    """By number of reports naming them, then name."""
    topics: tuple[str, ...]
    summary: tuple[str, ...]
    """Merged summary: the reports' lead sentences, none repeated."""

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple(a for r in self.reports for a in (r.article, *r.copies))

    @property
    def undated(self) -> tuple[Article, ...]:
        """Reports placed in time only by their story."""
        return tuple(a for a in self.articles if not a.date)


def build_stories(articles: Sequence[Article]) -> list[Story]:
    """Every story of the corpus (from `story` and `copy_of`), newest first."""
    grouped: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        if a.story:
            grouped[a.story].append(a)
    stories = [_story(sid, members) for sid, members in sorted(grouped.items())]
    return sorted(stories, key=lambda s: (s.end or "", s.start or "", s.id), reverse=True)


def _story(sid: str, members: list[Article]) -> Story:
    members = sorted(members, key=_first_order)
    copies: dict[str, list[Article]] = defaultdict(list)
    for a in members:
        if a.copy_of:
            copies[a.copy_of].append(a)
    reports = tuple(Report(a, tuple(copies.get(a.slug, ()))) for a in members if not a.copy_of)
    dates = sorted(a.date for a in members if a.date)
    first = next((a for a in members if a.slug == sid), members[0])
    outlets = tuple(sorted({o for r in reports for o in r.outlets}, key=str.casefold))
    return Story(
        sid,
        first.title,
        reports,
        dates[0] if dates else None,
        dates[-1] if dates else None,
        outlets,
        _ranked(c for r in reports for c in r.article.companies),
        _ranked(t for r in reports for t in r.article.topics),
        merged_summary(reports),
    )


def _ranked(values) -> tuple[str, ...]:
    counts = Counter(values)
    return tuple(sorted(counts, key=lambda v: (-counts[v], v.casefold())))


def merged_summary(reports: Sequence[Report]) -> tuple[str, ...]:
    """Each report's summary and key points in report order, leaving out any sentence that says what
    an earlier one already said."""
    kept: list[tuple[str, set[str]]] = []
    for report in reports:
        for sentence in (report.article.summary, *report.article.key_points):
            bag = set(WORD.findall(sentence.casefold()))
            if not bag or any(_jaccard(bag, other) >= REPEATED_SENTENCE for _, other in kept):
                continue
            kept.append((sentence, bag))
            if len(kept) == SUMMARY_SENTENCES:
                return tuple(s for s, _ in kept)
    return tuple(s for s, _ in kept)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b)


def stories_for_company(stories: Sequence[Story], name: str) -> list[Story]:
    """The stories naming a company (its canonical name), newest first: for company pages."""
    return [s for s in stories if name in s.companies]


def stories_for_topic(stories: Sequence[Story], slug: str) -> list[Story]:
    """The stories about a topic (its slug), newest first: for topic pages."""
    return [s for s in stories if slug in s.topics]


def period_label(story: Story, long_date) -> str:
    """ "May 21 – 23, 2019"-style period in the caller's date format; undated stories say so."""
    if not story.start:
        return "Undated"
    if story.start == story.end:
        return long_date(story.start)
    return f"{long_date(story.start)} – {long_date(story.end)}"


STORIES_FILE = "stories.entry"
FEATURES_FILE = "story-features.entry"
"""Each article's event features under its fingerprint: after one new seed the other 9,999
articles' features are taken from here (computing them was half of grouping 10,000 articles)."""


def assign_stories_cached(
    articles: list[Article],
    rules: StoryRules | None,
    key: str,
    folder: Path | None,
    prints: Mapping[str, str] | None = None,
) -> list[Article]:
    """assign_stories, or its result kept in folder under key (the fingerprints of the articles
    and the rules): grouping 10,000 articles takes seconds, and a rebuild with nothing new
    gives the same stories. `prints` (slug -> fingerprint of the article as given) keys the
    features kept for the next build."""
    saved = read_entry(folder / STORIES_FILE) if folder is not None else None
    if isinstance(saved, dict) and saved.get("key") == key:
        found = saved["stories"]
        if found.keys() == {a.slug for a in articles}:
            return [
                a
                if (a.story, a.copy_of) == found[a.slug]
                else replace(a, story=found[a.slug][0], copy_of=found[a.slug][1])
                for a in articles
            ]
    counts = _kept_features(articles, folder, prints)
    grouped = assign_stories(articles, rules, counts)
    if folder is not None:
        stories = {a.slug: (a.story, a.copy_of) for a in grouped}
        write_entry(folder / STORIES_FILE, {"key": key, "stories": stories})
    return grouped


def _kept_features(
    articles: Sequence[Article], folder: Path | None, prints: Mapping[str, str] | None
) -> dict[str, Counter] | None:
    """Every article's features by slug, the unchanged ones from the last build's file (keyed by
    fingerprint, salted with the code: a new feature rule computes them all again); the file is
    rewritten with exactly this build's."""
    if folder is None or not prints:
        return None
    salt = code_version()
    saved = read_entry(folder / FEATURES_FILE)
    known = saved["features"] if isinstance(saved, dict) and saved.get("salt") == salt else {}
    counts = {a.slug: known.get(prints[a.slug]) or features(a) for a in articles}
    kept = {prints[a.slug]: counts[a.slug] for a in articles}
    if kept.keys() != known.keys():
        write_entry(folder / FEATURES_FILE, {"salt": salt, "features": kept})
    return counts
