"""The lines that may name the publication: header, footer and dropped lines, without photo
captions, related links and share rows (which name someone else)."""

from __future__ import annotations

import re

from ...records import Article
from .. import linear
from ..parse import furniture_reason


def evidence_lines(article: Article) -> list[str]:
    """Header, footer and dropped lines that may name the publication (not captions, menus,
    links)."""
    lines = [
        *article.header,
        *article.footer,
        *(d.line for d in article.dropped if d.reason not in NOT_PUBLICATION_EVIDENCE),
    ]
    lines = [u for u in lines if len(u) <= 1000]  # credits and footers are short; skip long prose
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


# Share-button rows name social networks, not the publication.
SHARE_ROW = linear.compile(
    r"\b(?:share|facebook|twitter|linkedin|whatsapp|reddit|e-?mail|tweet)\b", re.IGNORECASE
)
