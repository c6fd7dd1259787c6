"""The enrichment stage: what an article is about, who it quotes and which figures it gives.

It runs the knowledge modules over one article's title, subtitle and cleaned body (never its
comments): companies (gazetteer, substantive vs passing), topics (weighted evidence), people with
roles, quotes with speakers, key figures, and discovery candidates. Front-matter corrections in
the seed (`companies`, `topics`) beat what is found.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..config import Config
from ..records import Article
from .companies import company_mentions, find_hits, per_config
from .discovery import find_candidates
from .figures import find_figures
from .people import find_people
from .quotes import find_quotes
from .topics import phrase_counts, slugs, topic_evidence

_AUTHOR_SEPARATORS = re.compile(r",\s*|\s+and\s+|\s*&\s*")


def count_mentions(text: str, config: Config) -> tuple[Counter, Counter]:
    """Mentions per company name and per topic slug in one text, on word boundaries."""
    companies = Counter(h.company for h in find_hits(text, config))
    topics: Counter = Counter()
    for slug, phrases in phrase_counts(text, config).items():
        topics[slug] += sum(phrases.values())
    return companies, topics


def enrich(article: Article, config: Config) -> Article:
    """Fill companies (substantive, most mentioned first), passing mentions, topics and their
    evidence, people, quotes, figures and discovery candidates."""
    paragraphs = [
        ("title", article.title),
        ("subtitle", article.subtitle or ""),
        *((b.kind, b.text) for b in article.blocks if b.kind != "redacted"),
    ]
    mentions = company_mentions([p for p in paragraphs if p[1]], config)
    text = "\n".join(t for _, t in paragraphs)
    evidence = topic_evidence(text, config, len(text.split()) if article.redacted else None)
    prose = [t for kind, t in paragraphs if kind == "p"]
    authors = [a for a in _AUTHOR_SEPARATORS.split(article.author or "") if a]
    people = find_people(prose, exclude=authors, folded=_folded_aliases(config))
    quotes = find_quotes(prose, people, config)
    substantive = tuple(m.company for m in mentions if m.substantive)
    companies = tuple(article.overrides.get("companies", substantive))
    passing = tuple(m.company for m in mentions if not m.substantive and m.company not in companies)
    topics = tuple(article.overrides.get("topics", slugs(evidence)))
    return replace(
        article,
        companies=companies,
        topics=topics,
        mentions=mentions,
        passing_companies=passing,
        people=people,
        quotes=quotes,
        figures=find_figures(prose, config),
        topic_evidence=evidence,
        candidates=find_candidates(prose, config, known=[p.name for p in people]),
    )


@per_config
def _folded_aliases(config: Config) -> frozenset[str]:
    """Every company alias, case-folded: no company is a person."""
    return frozenset(a.casefold() for c in config.companies for a in c.aliases)
