"""The thresholds of story grouping, as read from the `stories:` section of digest.yml.

Every key is optional; the defaults below were set on the seeds, the labelled articles and the
planted groups of bench/stories_benchmark.py. A value of the wrong type or out of range is a
ConfigError naming it, like every other config key.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any


@dataclass(frozen=True)
class StoryRules:
    window_days: int = 4
    """Two dated reports of one event appear within days of each other; a follow-up weeks later is a
    new story."""
    max_span_days: int = 10
    """A story's dated reports span at most this many days, so chains of follow-ups do not merge."""
    min_similarity: float = 0.22
    """Cosine of two dated reports' event features needed to join them."""
    min_similarity_undated: float = 0.3
    """The stricter bar when either report is undated: content is the only evidence."""
    near_duplicate: float = 0.5
    """Share of five-word runs two bodies have in common (Jaccard) above which they are one copy."""
    top_terms: int = 40
    """Each article is described by its most distinctive features; the rest is background."""
    max_shared_by: int = 60
    """A feature in more articles than this names no particular event and proposes no pairs."""
    min_shared: int = 2
    """Two articles become a candidate pair when they share this many rare features."""
    weights: tuple[tuple[str, float], ...] = ()
    """Weight of each kind of feature (words, companies, names, figures, dates) that differs from
    DEFAULT_WEIGHTS. A tuple, not a dict: the config is hashed as a cache key."""

    def weight(self, kind: str) -> float:
        return dict(self.weights).get(kind, DEFAULT_WEIGHTS[kind])


DEFAULT_WEIGHTS = {"words": 1.0, "companies": 1.5, "names": 1.5, "figures": 2.0, "dates": 1.0}
_INTS = {"window_days": 0, "max_span_days": 0, "top_terms": 1, "max_shared_by": 2, "min_shared": 1}
_RATIOS = ("min_similarity", "min_similarity_undated", "near_duplicate")


def parse_story_rules(raw: Any, where: str, error: type[Exception]) -> StoryRules:
    """StoryRules from the `stories:` mapping; raises `error` naming the faulty key."""
    if raw is None:
        return StoryRules()
    if not isinstance(raw, dict):
        raise error(f"{where}: expected a mapping of `key: value` lines")
    known = {f.name for f in fields(StoryRules)}
    for key in sorted(map(str, raw)):
        if key not in known:
            raise error(f"{where}: unknown key {key!r} (allowed: {', '.join(sorted(known))})")
    values = {}
    for key, low in _INTS.items():
        if key in raw:
            values[key] = _number(raw[key], f"{where}.{key}", error, int, low, None)
    for key in _RATIOS:
        if key in raw:
            values[key] = float(_number(raw[key], f"{where}.{key}", error, (int, float), 0, 1))
    if "weights" in raw:
        values["weights"] = _weights(raw["weights"], f"{where}.weights", error)
    return StoryRules(**values)


def _number(value: Any, where: str, error: type[Exception], kind, low, high):
    if isinstance(value, bool) or not isinstance(value, kind):
        raise error(f"{where}: expected a number, got {value!r}")
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f"{low} or more"
        raise error(f"{where}: must be {bound}, got {value}")
    return value


def _weights(raw: Any, where: str, error: type[Exception]) -> tuple[tuple[str, float], ...]:
    if not isinstance(raw, dict):
        raise error(f"{where}: expected a mapping such as `words: 1.0`")
    for key in raw:
        if key not in DEFAULT_WEIGHTS:
            raise error(f"{where}: unknown kind {key!r} (allowed: {', '.join(DEFAULT_WEIGHTS)})")
    return tuple(
        (key, float(_number(raw[key], f"{where}.{key}", error, (int, float), 0, None)))
        for key in sorted(raw)
    )
