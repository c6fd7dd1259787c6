"""Metadata rules that read the line-role model's roles (roles.py).

The text rules name the writer from shapes they know ("By ...", "Name | date", a line of names
under the headline). A page whose byline has a shape none of them knows ("Devon Coleman |
Lakeshore Public Media" read as a menu row, a bare name over a job title, "Caleb Ostrowski writes
The Week in Space every week.") is still one the model, trained on the labelled pages, tags
byline. So after the text rules, a line the model tags byline with enough confidence names the
writers, read by the same name rules (split_names). The tags are the seed's, made once by the
pipeline's roles stage (roles.roles_of).
"""

from __future__ import annotations

import re

from ..config import Config
from ..records import Article, Found
from . import linear
from .metadata.base import Result
from .metadata.names import looks_like_name, split_names

BYLINE_ROLE_CONFIDENCE = 0.5
"""The model's marginal probability a line must reach to be read as the byline. Measured on the
development part: authors right at 0.3, 0.4 and 0.5: 96.4 %; at 0.6 and 0.7: 95.7 % (none
invented at any); the middle of the plateau is kept."""
_BY = linear.compile(r"^by\s+", re.IGNORECASE)
# The name opening a credit sentence: "Caleb Ostrowski writes The Week in Space every week."
_LEADING_NAME = linear.compile(r"^((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+)\s+(?-i:[a-z])")


def article_text(article: Article) -> str:
    """The article's lines as the model reads a seed: header lines, then the body's paragraphs
    and the lines after it, each after a blank line. Only for an article without the tags of its
    seed's text (roles.roles_of)."""
    header = "\n".join(article.header)
    body = "\n\n".join(b.text for b in article.blocks if b.kind != "redacted")
    return "\n\n".join(part for part in (header, body, "\n".join(article.footer)) if part)


def author_from_byline_role(article: Article, config: Config) -> Result:
    """The names on the first line outside the body that the model tags byline."""
    from .roles import roles_of  # roles reads metadata's date parser: import when first asked

    outside_body = {*article.header, *article.footer}
    for line in roles_of(article, config).lines:
        if (
            line.role != "byline"
            or line.confidence < BYLINE_ROLE_CONFIDENCE
            or line.text not in outside_body
        ):
            continue
        names = split_names(_BY.sub("", line.text), config) or _leading_name(line.text)
        if names:
            return ", ".join(names), Found(
                "line-role model: byline line", round(line.confidence, 2)
            )
    return None


def _leading_name(line: str) -> list[str]:
    match = _LEADING_NAME.match(line)
    return [match.group(1)] if match and looks_like_name(match.group(1)) else []
