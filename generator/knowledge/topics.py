"""Which topics an article is about: weighted evidence from the config's signal phrases.

Each topic has signal phrases with weights (a keyword weighs 1) and optional regular
expressions (weight 1 each match). An article gets a topic when the weighted evidence passes the
topic's threshold; the evidence (phrases and counts) is kept so the page can say why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import ahocorasick

from ..config import Config, Topic
from ..records import TopicEvidence
from .companies import on_boundaries, per_config

MAX_TOPICS = 6
"""A long piece touches many topics; pages are easier to browse with the strongest few."""
REPEAT_CAP = 3
"""A phrase counts at most this often, so one word repeated down a page does not make a topic."""
TEASER_WORDS = 150
"""A paywalled teaser is short: its threshold is cut to one point per this many words."""


@per_config
def _automaton(config: Config) -> ahocorasick.Automaton:
    """Lower-cased phrase -> (length, ((topic slug, weight, phrase as configured), ...))."""
    table: dict[str, list[tuple[str, float, str]]] = {}
    for topic in config.topics:
        for phrase, weight in _weighted(topic):
            table.setdefault(phrase.lower(), []).append((topic.slug, weight, phrase))
    automaton = ahocorasick.Automaton()
    for phrase, owners in table.items():
        automaton.add_word(phrase, (len(phrase), tuple(owners)))
    if table:
        automaton.make_automaton()
    return automaton


def _weighted(topic: Topic) -> list[tuple[str, float]]:
    """(phrase, weight), keywords weighing 1; phrases that differ only in case are one phrase
    (matching ignores case): the one with the larger weight."""
    weights: dict[str, tuple[str, float]] = {}
    for phrase, weight in [*((k, 1.0) for k in topic.keywords), *topic.signals]:
        key = phrase.lower()
        if key not in weights or weight > weights[key][1]:
            weights[key] = (phrase, weight)
    return sorted(weights.values())


def phrase_counts(text: str, config: Config) -> dict[str, dict[str, int]]:
    """Per topic slug, how often each of its phrases occurs (longest match, word boundaries)."""
    counts: dict[str, dict[str, int]] = {}
    automaton = _automaton(config)
    if len(automaton):
        lowered = text.lower()
        found = []
        for last, (length, owners) in automaton.iter(lowered):
            start, end = last - length + 1, last + 1
            if on_boundaries(lowered, start, end):
                found.append((start, end, owners))
        taken_until = -1
        for start, end, owners in sorted(found, key=lambda m: (m[0], -m[1])):
            if start < taken_until:
                continue
            taken_until = end
            for slug, _weight, phrase in owners:
                per = counts.setdefault(slug, {})
                per[phrase] = per.get(phrase, 0) + 1
    for topic in config.topics:
        for pattern in topic.patterns:
            n = len(re.findall(pattern, text, flags=re.IGNORECASE))
            if n:
                counts.setdefault(topic.slug, {})[f"/{pattern}/"] = n
    return counts


def score(topic: Topic, phrases: dict[str, int]) -> float:
    weights = dict(_weighted(topic))
    return round(sum(weights.get(p, 1.0) * min(n, REPEAT_CAP) for p, n in phrases.items()), 2)


def topic_evidence(
    text: str, config: Config, teaser_words: int | None = None
) -> tuple[TopicEvidence, ...]:
    """Topics whose evidence passes the threshold, strongest first (at most MAX_TOPICS).

    `teaser_words` is the word count of a paywalled teaser, whose thresholds are scaled down.
    """
    counts = phrase_counts(text, config)
    order = {t.slug: i for i, t in enumerate(config.topics)}
    passed = []
    for topic in config.topics:
        phrases = counts.get(topic.slug)
        if not phrases:
            continue  # no evidence, no topic: most topics of the config, not worth scoring
        value = score(topic, phrases)
        threshold = topic.threshold
        if teaser_words is not None:
            threshold = min(threshold, 1 + teaser_words // TEASER_WORDS)
        if value >= threshold:
            ranked = tuple(sorted(phrases.items(), key=lambda x: (-x[1], x[0])))
            passed.append(TopicEvidence(topic.slug, value, ranked))
    passed.sort(key=lambda e: (-e.score, order[e.topic]))
    return tuple(passed[:MAX_TOPICS])


def slugs(evidence: Sequence[TopicEvidence]) -> tuple[str, ...]:
    return tuple(e.topic for e in evidence)
