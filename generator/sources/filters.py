"""A source's filter: which feed entries are worth fetching, judged from the entry's own text."""

from __future__ import annotations

import re
from functools import lru_cache

from ..config import Config, SourceFilter
from ..knowledge.enrich import count_mentions
from .feeds import Entry


def kept(entry: Entry, rule: SourceFilter | None, config: Config) -> bool:
    """True when the source has no filter, or the entry matches a criterion the filter has on.

    A feed's summary is a sentence or two, so one mention of a topic keyword is enough here, though
    the build asks for `min_mentions` in the whole article.
    """
    if rule is None:
        return True
    text = entry.text or entry.title
    if rule.words and any(_word(w).search(text) for w in rule.words):
        return True
    if rule.companies or rule.topics:
        companies, topics = count_mentions(text, config)
        return bool(rule.companies and +companies or rule.topics and +topics)
    return False


@lru_cache(maxsize=256)
def _word(word: str) -> re.Pattern[str]:
    """The word or phrase on word boundaries, any case, any spacing between its words."""
    spaced = r"\s+".join(re.escape(part) for part in word.split())
    return re.compile(rf"(?<!\w){spaced}(?!\w)", re.IGNORECASE)
