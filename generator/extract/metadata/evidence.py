"""The lines that may name the publication: header, footer and dropped lines, without photo
captions, related links and share rows (which name someone else)."""

from __future__ import annotations

import re

from ...records import Article, Dropped
from .. import linear
from ..parse import furniture_reason


def evidence_lines(article: Article) -> list[str]:
    """Header, footer and dropped lines that may name the publication (not captions, menus,
    links)."""
    lines = [
        *article.header,
        *article.footer,
        *(d.line for d in article.dropped if d.rule not in NOT_PUBLICATION_EVIDENCE),
    ]
    # A line the model dropped (extract/role_body.py) was article text to every rule, and
    # article text names other outlets as often as its own: it is no evidence, in the footer
    # (where the body cleaner puts every line it drops) or among the dropped lines.
    by_role = {d.line for d in article.dropped if d.role is not None}
    # credits and footers are short; skip long prose
    lines = [u for u in lines if len(u) <= 1000 and u not in by_role]
    return list(
        dict.fromkeys(
            u
            for u in lines
            if furniture_reason(u) not in NOT_PUBLICATION_EVIDENCE
            and not (furniture_reason(u) == "navigation" and SHARE_ROW.search(u))
        )
    )


# Dropped lines whose names are someone else's: photo agencies, linked headlines.
NOT_PUBLICATION_EVIDENCE = {
    "photo caption",
    "related headline",
    "related-links list",
    "related link",
    "comments heading",
}


NOT_PUBLICATION_ROLES = {"caption", "related", "comment"}
"""Lines the line-role model dropped as these name a photo agency, another story, a reader."""


def names_someone_else(dropped: Dropped) -> bool:
    """A dropped line whose names are not the publication's, by the rule or the role that
    dropped it (a bare address in a related-links list is not the article's)."""
    return dropped.rule in NOT_PUBLICATION_EVIDENCE or dropped.role in NOT_PUBLICATION_ROLES


# Share-button rows name social networks, not the publication.
SHARE_ROW = linear.compile(
    r"\b(?:share|facebook|twitter|linkedin|whatsapp|reddit|e-?mail|tweet)\b", re.IGNORECASE
)
