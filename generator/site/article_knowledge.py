"""What enrichment found, as shown on an article page: the people it names with their roles,
the companies it names only in passing, and why it has each topic (the matched phrases)."""

from __future__ import annotations

from ..config import Config
from ..records import Article
from .markup import Md, escape
from .render import link

MAX_WHY_PHRASES = 8


def knowledge_context(a: Article, config: Config, here: str) -> dict:
    """Template values for article.md.j2: `people`, `passing_links` and `topic_why`."""
    slugs = {c.name: c.slug for c in config.companies}
    titles = {t.slug: t.title for t in config.topics}
    people = [Md(escape(p.name) + (f", {escape(p.role)}" if p.role else "")) for p in a.people]
    passing = [link(n, f"companies/{slugs[n]}.md", here) for n in a.passing_companies if n in slugs]
    why = [
        {
            "title": titles[e.topic],
            "score": f"{e.score:g}",
            "phrases": ", ".join(f"{p} ×{n}" for p, n in e.phrases[:MAX_WHY_PHRASES]),
        }
        for e in a.topic_evidence
        if e.topic in a.topics and e.topic in titles
    ]
    return {"people": people, "passing_links": Md(" · ".join(passing)), "topic_why": why}
