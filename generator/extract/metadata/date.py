"""Date rules. A date is taken only from places that belong to the article (header lines, the
dateline, a closing timestamp, the source address), never from the story, a caption, a comment or a
related link; a regular expression finds it and dateutil reads it strictly."""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise

from dateutil import parser as dateparser

from ...config import Config
from ...records import Article, Found
from .. import linear
from .. import patterns as P
from ..parse import _strip_dates, has_date, is_meta_line, words
from .base import Result
from .date_order import reads_day_first
from .headline import headline_lines

_NOT_DIGITS = linear.compile(r"\D+")
# "12th" and "14." before a month name: the day alone, for dateutil
_ORDINAL_OR_DOT = linear.compile(r"(\d)(?:st|nd|rd|th)\b|(\d)\.(\s+[^\W\d])")
_LETTERS = linear.compile(r"[^\W\d_]+")
_SEPT = linear.compile(r"\bSept\b")
_RANGE_GAP = linear.compile(r"\s*(?:[-–—]|to|until)\s*")
_PUBLISHED_LABEL = linear.compile(
    r"^(?:first )?(?:published|posted|updated|date|dated)\b", re.IGNORECASE
)
_ISO_DAY = linear.compile(r"\d{4}-\d{2}-\d{2}")
# "[Shenzhen, China, December 5, 2019] Huawei today ..."
_BRACKETED_DATELINE = linear.compile(r"^\[([^\]]{5,60})\]")
# "Law360 (Sept 26, 2025) --"
_OUTLET_DATELINE = linear.compile(r"^[A-Z][\w .'’-]{1,40}\s\(([^)]{6,60})\)\s*[-–—]{1,2}")
# "BEIJING, May 5, 2019 (Xinhua) --"
_PLACE_DATELINE = linear.compile(
    r"^[A-Z][A-Za-z .'-]{1,40},\s+(.{4,40}?)\s*(?:\([\w .]+\))?\s*[-–—]{1,2}"
)


def _day_alone(match) -> str:
    """ "12th" -> "12"; "14." before a month name -> "14" (the month name stays)."""
    return match.group(1) or match.group(2) + match.group(3)


# All-number shapes whose order of day and month only the page can tell (date_order.py).
_AMBIGUOUS_SHAPES = frozenset({"us-slash", "us-slash-short"})


def parse_date(text: str, day_first: bool = False) -> tuple[str, str] | None:
    """First date in `text` as (ISO date, pattern name); a regex finds it, dateutil reads it
    strictly. `day_first` reads "04/06/2024" as 4 June, as the page's country writes it."""
    for name, pattern, dayfirst in P.DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        if name in _AMBIGUOUS_SHAPES and day_first:
            name, dayfirst = f"{name} read day first", True
        raw = match.group(0)
        if name == "cjk":
            raw = _NOT_DIGITS.sub("-", raw).strip("-")
        raw = _ORDINAL_OR_DOT.sub(_day_alone, raw).replace(" of ", " ")
        raw = _LETTERS.sub(lambda m: P.FOREIGN_MONTHS.get(m.group(0).casefold(), m.group(0)), raw)
        raw = _SEPT.sub("Sep", raw)
        try:
            value = dateparser.parse(raw, dayfirst=dayfirst, fuzzy=False).date()
        except (ValueError, OverflowError):
            continue
        if 1990 <= value.year <= dt.date.today().year + 1:
            return value.isoformat(), name
    return None


def date_from_header(article: Article, config: Config) -> Result:
    """A date line of the header: below the headline before above it; updates and editions last."""
    headline = headline_lines(article, config)
    start = headline[0][0] if headline else 0
    lines = [
        (i < start, bool(_SECONDARY_DATE.search(u)), i, u)
        for i, u in enumerate(article.header)
        if is_meta_line(u)
        and not _ISSUE_DATE.search(u)
        and not _date_range(u)
        and not _clip_stamp(article.header, i)
    ]
    # Rule *stamp beside the writer*: a date on the line naming the author ("12-03-2025 16:05 |
    # Jakub Souček") is the article's stamp; a lone date above the page menu may be today's.
    author = (article.author or "").split(", ")[0].casefold()
    lines = [(not (author and author in u.casefold()), *rest, u) for *rest, u in lines]
    day_first = reads_day_first(article)
    for *_, unit in sorted(lines):
        parsed = parse_date(_published_part(unit), day_first)
        if parsed:
            return parsed[0], Found(f"header line ({parsed[1]})", 0.9)
    return None


def _clip_stamp(header: tuple[str, ...], i: int) -> bool:
    """Rule *clip stamp*: a note app's record of when the page was clipped sits right above its
    "Clipped from: <address>" line (OneNote: "Sunday, October 5, 2025" / "8:14 PM" / "Clipped
    from: ..."); it dates the clipping, not the article."""
    return any(_CLIPPED_FROM.match(u) for u in header[i + 1 : i + 1 + CLIP_STAMP_LINES])


CLIP_STAMP_LINES = 3
_CLIPPED_FROM = linear.compile(
    r"^(?:clipped|saved|captured|archived) (?:from|on)\s*:", re.IGNORECASE
)


# "Updated 04/09/2024, 4:10pm, first published 03/09/2024": the published stamp after an update
_PUBLISHED_AFTER_UPDATE = linear.compile(
    r"^\s*(?:last )?(?:updated|modified)\b.*?\b(?:first )?(?:published|posted)\b", re.IGNORECASE
)


def _published_part(unit: str) -> str:
    """The part of an update line from its "first published" stamp on, or the whole line."""
    match = _PUBLISHED_AFTER_UPDATE.search(unit)
    return unit[match.end() :] if match else unit


_SECONDARY_DATE = linear.compile(r"^\s*(?:last )?(?:updated|modified)|\bedition\b", re.IGNORECASE)


# A magazine's issue or print-edition line dates the issue, not the article.
_ISSUE_DATE = linear.compile(
    r"\bedition\b|\bissue\b|\bno\.\s*\d+|\bvol(?:ume)?\.?\s*\d+", re.IGNORECASE
)


def _date_range(unit: str) -> bool:
    """ "17 Apr 2018 - 29 Nov 2021": an archive's capture range or an event's dates, not a
    publication date."""
    if _TIME_RANGE.search(unit):
        return True  # "Tuesday, April 15, 2025 · 10:00–11:30 a.m.": an event's schedule
    dates = sorted((m.start(), m.end()) for _, p, _ in P.DATE_PATTERNS for m in p.finditer(unit))
    return any(_RANGE_GAP.fullmatch(unit[end:start]) for (_, end), (start, _) in pairwise(dates))


_TIME_RANGE = linear.compile(
    r"\b\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*[–-]\s*\d{1,2}(?::\d{2})?\s*"
    r"(?:[ap]\.?m\.?|[A-Z]{2,4}\b|h\b)",
    re.IGNORECASE,
)


def date_from_visible_byline(article: Article, config: Config) -> Result:
    """ "By Jane Doe | March 11, 2025": a saved page's byline element, which the text extractor
    may leave out of the text, carries the date beside the name."""
    parsed = parse_date(article.hints.get("byline", ""), reads_day_first(article))
    return (parsed[0], Found("visible byline of the saved page", 0.85)) if parsed else None


def date_from_dateline(article: Article, config: Config) -> Result:
    """ "[Shenzhen, December 5, 2019]", "Law360 (Sept 26, 2025) --", "BEIJING, May 5, 2019 --":
    the dateline opening the body dates the story it opens."""
    first = next((b.text for b in article.blocks if b.kind == "p"), "")
    bracketed = _BRACKETED_DATELINE.match(first) or _OUTLET_DATELINE.match(first)
    parsed = parse_date(bracketed.group(1)) if bracketed else None
    if parsed:
        return parsed[0], Found("dateline", 0.8)
    match = _PLACE_DATELINE.match(first)
    if match:
        parsed = parse_date(match.group(1))
        if parsed:
            return parsed[0], Found("dateline", 0.8)
    return None


def date_from_footer(article: Article, config: Config) -> Result:
    """A "Published ..." line at the end, or a closing line that is only a timestamp (wire copy)."""
    day_first = reads_day_first(article)
    for unit in article.footer:
        timestamp = (
            has_date(unit)
            and words(_strip_dates(unit)) <= 2
            and "print" not in unit.casefold()
            and not _date_range(unit)
            and parse_date(unit, day_first)
        )
        if timestamp:
            return timestamp[0], Found("timestamp line at the end", 0.6)
        if _PUBLISHED_LABEL.match(unit) and words(unit) <= 15:
            parsed = parse_date(unit, day_first)
            if parsed:
                return parsed[0], Found("footer publication line", 0.7)
    return None


def date_from_url(article: Article, config: Config) -> Result:
    """/2019/05/22/ or /20190522 in the source address: sites file articles by their day."""
    url = article.url or ""
    match = P.URL_DATE.search(url) or P.URL_DATE_COMPACT.search(url)
    if not match:
        return None
    try:
        value = dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None
    return value.isoformat(), Found("date in the source address", 0.6)


def hint_date(value: str, config: Config) -> str | None:
    """A page's date tag, read like a text date; an ISO timestamp keeps its own day."""
    if _ISO_DAY.fullmatch(value[:10]) and parse_date(value[:10]):
        return value[:10]  # ISO timestamps: the date as the page states it, not converted to UTC
    parsed = parse_date(value)
    return parsed[0] if parsed else None
