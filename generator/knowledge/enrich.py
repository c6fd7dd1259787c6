"""Which companies and topics an article is about: gazetteer matching over the cleaned text.

Aliases and topic phrases are data from the config; one Aho-Corasick automaton per config finds
them all in a single pass, so matching stays fast with thousands of aliases.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

import ahocorasick

from ..config import Config
from ..records import Article

# Broad topics all get a few mentions in a long piece; a page is easier to browse with its main few.
MAX_TOPICS = 4


@lru_cache(maxsize=8)
def _automaton(config: Config) -> ahocorasick.Automaton:
    """Lower-cased phrase -> list of (kind, key, case-sensitive original) for companies and topics."""
    table: dict[str, list[tuple[str, str, str | None]]] = {}
    for company in config.companies:
        for alias in company.aliases:
            # Short all-caps aliases ("ZTE", "DJI") must match case to avoid common words.
            exact = alias if len(alias) <= 4 else None
            table.setdefault(alias.lower(), []).append(("company", company.name, exact))
    for topic in config.topics:
        for keyword in topic.keywords:
            table.setdefault(keyword.lower(), []).append(("topic", topic.slug, None))
    automaton = ahocorasick.Automaton()
    for phrase, owners in table.items():
        automaton.add_word(phrase, (len(phrase), tuple(owners)))
    if table:
        automaton.make_automaton()
    return automaton


def count_mentions(text: str, config: Config) -> tuple[Counter, Counter]:
    """Mentions per company name and per topic slug, on word boundaries."""
    companies: Counter = Counter()
    topics: Counter = Counter()
    automaton = _automaton(config)
    if not len(automaton):
        return companies, topics
    lowered = text.lower()
    last_end = -1
    # Longest match wins where names overlap: "Hangzhou Hikvision Digital Technology" is one mention.
    for start, end, owners in sorted(_matches(lowered, automaton), key=lambda m: (m[0], -m[1])):
        if start <= last_end:
            continue
        last_end = end
        for kind, key, exact in owners:
            if exact and text[start:end + 1] != exact:
                continue
            (companies if kind == "company" else topics)[key] += 1
    for topic in config.topics:
        for pattern in topic.patterns:
            topics[topic.slug] += len(re.findall(pattern, text, flags=re.IGNORECASE))
    return companies, topics


def _matches(lowered: str, automaton: ahocorasick.Automaton) -> list[tuple[int, int, tuple]]:
    found = []
    for end, (length, owners) in automaton.iter(lowered):
        start = end - length + 1
        if _on_boundaries(lowered, start, end):
            found.append((start, end, owners))
    return found


def _on_boundaries(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end + 1] if end + 1 < len(text) else " "
    return not before.isalnum() and not (after.isalnum() and after not in "s")


def enrich(article: Article, config: Config) -> Article:
    """Fill companies (by mentions, most first) and topics (those with enough signal)."""
    text = "\n".join((article.title, article.subtitle or "", article.body_text))
    companies, topics = count_mentions(text, config)
    order = {c.name: i for i, c in enumerate(config.companies)}
    named = sorted(companies, key=lambda name: (-companies[name], order[name]))
    # A paywalled teaser is too short to mention anything three times.
    scale = 1 + len(text.split()) // 150 if article.redacted else 99
    thresholds = {t.slug: min(t.min_mentions, scale) for t in config.topics}
    topic_order = {t.slug: i for i, t in enumerate(config.topics)}
    found = sorted((s for s, n in topics.items() if n >= thresholds[s]),
                   key=lambda s: (-topics[s], topic_order[s]))[:MAX_TOPICS]
    companies_out = tuple(article.overrides.get("companies", named))
    topics_out = tuple(article.overrides.get("topics", found))
    return replace(article, companies=companies_out, topics=topics_out)
