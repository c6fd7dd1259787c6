"""Subtitle (dek) rules: an export's subtitle field, bullet points or a "Key Points" list under
the headline, or the lines between the headline and the byline."""

from __future__ import annotations

from rapidfuzz import fuzz

from ...config import Config
from ...records import Article, Found
from .. import patterns as P
from ..parse import furniture_reason, is_meta_line, is_paragraph, words
from .base import Result
from .headline import headline_lines
from .names import names_line
from .title import _SITE_SUFFIX, _field

subtitle_from_field = _field(
    "subtitle|sub-?headline|dek|standfirst|description",
    400,
    "subtitle field of an export",
    lambda v: " ".join(v.split()),
)


def subtitle_from_header(article: Article, config: Config) -> Result:
    """Bullet points or dek lines between the headline and the byline."""
    candidates = headline_lines(article, config)
    if not candidates:
        return None
    first = candidates[0][0]
    after = [u for u in article.header[first + 1 :] if not furniture_reason(u)]
    title = (article.title or "").casefold()
    deks = list(
        dict.fromkeys(
            u
            for _, u in _dek_candidates(candidates, title)
            if words(u) >= 5
            and u.casefold() != title
            and not furniture_reason(u)
            and not P.REPRINT_CREDIT.match(u)  # "Provided by X" credits, it does not summarise
        )
    )
    bullets = [P.BULLET.sub("", u).strip() for u in after if P.BULLET.match(u)]
    # A "Summary" label below a standfirst heads the article's first section (a report's
    # summary, in paragraphs): the points under such a label are the dek only with no dek line
    # under the headline.
    points = bullets or ([] if deks else _key_points(after, config))
    if points:
        return "; ".join(points), Found("bullet summary under the headline", 0.85)
    if deks:
        return "; ".join(deks), Found("line between headline and byline", 0.8)
    return None


SAME_HEADLINE_SCORE = 75
"""rapidfuzz's similarity (0-100, edit-based) from which a shown line is the metadata title worded a
little differently ("Site puts four X on its list" for "Site puts X on its list | Site")."""


def _shows_title(line: str, title: str) -> bool:
    """The line is the title, or close to it or to its part before a site suffix."""
    shown = line.casefold()
    suffixed = _SITE_SUFFIX.match(title)
    heads = (title, suffixed.group("head")) if suffixed else (title,)
    return any(h in shown or fuzz.ratio(shown, h) >= SAME_HEADLINE_SCORE for h in heads)


def _dek_candidates(candidates: list[tuple[int, str]], title: str) -> list[tuple[int, str]]:
    """The lines of the headline's run that may be the dek: those after the headline; or, when
    the title (from the page's metadata) is not shown in the run, its first line unless that is
    already prose (the page shows no headline, and the run ends where the prose begins)."""
    if not title or any(_shows_title(u, title) for _, u in candidates):
        return candidates[1:]
    return [] if is_paragraph(candidates[0][1]) else candidates[:1]


def subtitle_from_shown_description(article: Article, config: Config) -> Result:
    """The page's description (a clipper's `description:`), shown as a line of the header: the
    page's own word that this line is its dek, where no headline is shown above it to find the
    dek by (the headline is only in the front-matter)."""
    description = _folded(str(article.hints.get("description") or ""))
    if not description or description == _folded(article.title or ""):
        return None
    line = next((u for u in article.header if _folded(u) == description), None)
    if line is None:
        return None
    return " ".join(line.split()), Found("page description shown under the headline", 0.8)


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _key_points(lines: list[str], config: Config) -> list[str]:
    """The lines under a "Key Points" label, up to the next byline, date, address or line of
    names."""
    label = next((k for k, u in enumerate(lines) if P.KEY_POINTS.match(u)), None)
    if label is None:
        return []
    points = []
    for unit in lines[label + 1 :]:
        if (
            is_meta_line(unit)
            or words(unit) > 40
            or names_line(unit, config)
            or words(unit) < 4
            or unit.endswith(":")
        ):
            break  # points are sentences; "DATES:" or "ACTION:" starts a form, not a summary
        points.append(unit)
    return points
