"""Split a seed's text into header, clean body, reader comments and dropped furniture.

Pure: takes an Article with `overrides` and the seed text, returns a copy with the parse fields
filled. The patterns it relies on live in patterns.py so a new kind of furniture is one line there.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..records import Article, Block, Dropped, DropReason, RoledLine, RuleReason
from . import linear
from . import patterns as P
from .role_body import role_drop, unit_roles

TERMINAL = tuple('.!?:;"”’)…')
_MAX_HEADER_UNITS = 80  # some sites put 50 lines of tickers and menus above the headline


def parse(article: Article, text: str) -> Article:
    """Fill header, blocks, comments, dropped and redacted from the seed text (and the line roles
    of `article.roles`, when tagged)."""
    units = to_units(text)
    header_end = find_header_end(units)
    header = tuple(units[:header_end])
    roles = unit_roles(units, article.roles)[header_end:]
    body, comments, dropped, footer = clean_body(units[header_end:], roles)
    blocks = to_blocks(body)
    redacted_paras = sum(b.count for b in blocks if b.kind == "redacted")
    visible = sum(1 for b in blocks if b.kind == "p")
    return replace(
        article,
        header=header,
        blocks=tuple(blocks),
        comments=tuple(comments),
        dropped=tuple(dropped),
        footer=tuple(footer),
        redacted=redacted_paras >= 2 and redacted_paras >= visible / 2,
    )


def to_units(text: str) -> list[str]:
    """One unit per line, re-joining lines that were hard-wrapped inside a paragraph."""
    lines = text.split("\n")
    width = _wrap_width(lines)
    units: list[str] = []
    joinable = False
    previous_length = 0
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            joinable = False
            continue
        if (
            joinable
            and units
            and (_continues(units[-1], line) or _wrapped(previous_length, width, line))
        ):
            units[-1] += " " + line
        else:
            units.append(line)
        joinable = True
        previous_length = len(raw.rstrip())
    return units


def _continues(previous: str, line: str) -> bool:
    """A wrapped line: the previous one is long, unfinished, and this one starts in lower case,
    unless it is a byline of its own ("by MWANAISHA SAIDI" under the headline)."""
    return (
        len(previous) >= 40
        and not previous.endswith(TERMINAL)
        and line[:1].islower()
        and not (line.startswith("by ") and is_byline(line) and words(line) <= 8)
    )


def _wrap_width(lines: list[str]) -> int | None:
    """The column a hard-wrapped text (an e-mail, a terminal copy) was wrapped at, or None.

    In such a text most lines of a paragraph end within a few characters of the same column.
    """
    lengths = sorted(
        len(raw.rstrip()) for raw in lines if " " in raw.strip()
    )  # a long address is not wrapped
    if len(lengths) < 10 or lengths[-1] > 100:
        return None
    width = lengths[int(len(lengths) * 0.95) - 1]
    near = sum(1 for n in lengths if width - 20 <= n <= width)
    return width if width >= 50 and near >= max(5, len(lengths) * 0.3) else None


def _wrapped(previous_length: int, width: int | None, line: str) -> bool:
    """In a hard-wrapped text, a line after one that reached the wrap column goes on the paragraph,
    unless it is a byline, date, address or furniture line of its own."""
    return (
        width is not None
        and previous_length >= width - 20
        and not is_meta_line(line)
        and not furniture_reason(line)
        and not P.BULLET.match(line)
    )


def words(unit: str) -> int:
    return len(unit.split())


def is_paragraph(unit: str) -> bool:
    """Running prose: long, or a full sentence of a dozen words and more."""
    n = words(unit)
    return n >= 25 or (n >= 12 and unit.rstrip("”’\"')").endswith((".", "!", "?", ":")))


# Pure functions of one line, asked about the same header lines by parse and by every metadata
# extractor: cached per process.
@lru_cache(maxsize=1 << 16)
def furniture_reason(unit: str) -> str | None:
    """Name of the furniture pattern this unit matches, or None when it may be article text."""
    n = words(unit)
    if n > 90 or is_redacted(unit):
        return None  # furniture is short; a long unit is prose (and regexes over it would be slow)
    if is_menu(unit):
        return "navigation"
    answers: list[list[int] | None] = [None] * len(_ASKED_TOGETHER)
    for index, (name, pattern) in enumerate(P.FURNITURE.items()):
        if n > _furniture_limit(name) or name == "contact details" and has_date(unit):
            continue  # "2019.05.22" is a date line, not a phone number
        group = _GROUP_OF.get(index)
        if group is None:
            if pattern.search(unit):
                return name
            continue
        together = _ASKED_TOGETHER[group]
        if answers[group] is None:
            answers[group] = together.rules.matching(unit)
        if together.positions[index] in answers[group]:
            return name
    return None


def _furniture_limit(name: str) -> int:
    """The most words a line may have for this furniture pattern to be asked about it."""
    return _FURNITURE_LIMITS.get(name, 25)


_FURNITURE_LIMITS = {
    "subscription notice": 90,
    "newsletter prompt": 15,
    # a consent dialog's paragraph about partners and purposes runs long
    "cookie notice": 80,
    # a news photo's caption runs to two sentences before its credit ("... Photo: Agency")
    "photo caption": 50,
}


class _Together:
    """Furniture patterns asked of a line in one pass (linear.RuleSet), each set answered once
    per line, the first time one of its patterns is reached in the table's order. A pattern that
    may start anywhere and holds long bounded repeats ("photo caption": `.{10,300}`), or a huge
    one, stays on its own: joined with others, its automaton has to be built afresh for almost
    every new line (measured: the whole table as one set cost 250 µs a new line, one by one
    170 µs, the anchored set 100 µs; the three phrase patterns took 6.6 µs one by one, 1.9 µs as
    a set, and with "photo caption" added 110 µs)."""

    def __init__(self, table: dict, chosen: list[int]) -> None:
        self.positions = {index: k for k, index in enumerate(chosen)}
        """Position in the table -> position in the set."""
        patterns = list(table.values())
        self.rules = linear.RuleSet(patterns[i] for i in chosen)


MAX_PROGRAM = 50_000
"""Patterns anchored at the line's start join the first set when their automaton is this small."""
PHRASES_TOGETHER = ("newsletter prompt", "subscription notice", "cookie notice")
"""Patterns of phrases that may stand anywhere in a line, small enough to share one set."""


def _anchored_and_small(table: dict) -> list[int]:
    return [
        i
        for i, pattern in enumerate(table.values())
        if isinstance(pattern, linear.Pattern)
        and pattern.pattern.removeprefix("(?i)").startswith("^")
        and pattern.programsize < MAX_PROGRAM
    ]


_ASKED_TOGETHER = (
    _Together(P.FURNITURE, _anchored_and_small(P.FURNITURE)),
    _Together(P.FURNITURE, [list(P.FURNITURE).index(name) for name in PHRASES_TOGETHER]),
)
_GROUP_OF = {index: g for g, together in enumerate(_ASKED_TOGETHER) for index in together.positions}
"""Position in the furniture table -> the set that answers for it."""


_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "to",
        "of",
        "in",
        "on",
        "for",
        "at",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "be",
        "was",
        "after",
        "over",
        "into",
        "and",
        "or",
        "but",
        "not",
        "its",
        "it",
        "this",
        "that",
        "how",
        "why",
        "what",
        "who",
        "when",
        "where",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "must",
        "should",
        "says",
        "said",
        "has",
        "have",
        "had",
        "despite",
        "amid",
        "against",
        "under",
        "than",
        "before",
        "up",
        "down",
        "out",
        "off",
        "still",
        "now",
        "your",
        "our",
        "his",
        "her",
        "their",
        "takes",
        "take",
        "gets",
        "get",
        "makes",
        "make",
        "set",
        "sets",
        "wins",
        "win",
    ]
)


@lru_cache(maxsize=1 << 16)
def is_menu(unit: str) -> bool:
    """A row of menu entries: five or more capitalised words and no function word a headline
    would have,
    or three and more short entries between pipes."""
    # Without a separator character there is one part, so the split (RE2's wrapper is slow) is
    # skipped on most lines.
    separated = any(c in unit for c in _MENU_SEPARATOR_CHARS)
    parts = [p.strip() for p in P.MENU_SEPARATOR.split(unit)] if separated else [unit]
    if len(parts) >= 3 and all(
        0 < len(p.split()) <= 3 and not p.endswith((".", "?", "!")) for p in parts
    ):
        return True
    tokens = [t for t in unit.split() if t not in ("&", "|", "·", "/", "•")]
    if has_date(unit):
        return False  # "Kenji Liu | 16 June 2024" is a byline, not a menu
    account = _ACCOUNT_LINKS.search(unit)
    if account and account.start() > 0:
        # "Markets Announcements Company search Alerts Sign in": a menu ending in the account
        # links, its entries capitalised but for the lower-case words menus use
        rest = unit[: account.start()].split()
        if (
            len(rest) >= 3
            and rest[0][:1].isupper()
            and all(t[:1].isupper() or t in _MENU_LOWER_WORDS for t in rest)
            and not any(c in unit for c in ".,:?!'’\"")
            and not any(t.casefold() in _FUNCTION_WORDS or t.endswith("ed") for t in rest)
        ):
            return True
    shouting = unit.isupper()
    return (
        len(tokens) >= 5
        and all(t[:1].isupper() or t[:1].isdigit() or t[1:2].isupper() for t in tokens)
        and not any(c in unit for c in ":,?!'’\"")
        # menus are nouns: a past participle ("Published") means a headline
        and not any(len(t) > 4 and t.endswith("ed") for t in tokens)
        and not any(
            t.casefold().strip(".,:") in _FUNCTION_WORDS
            for t in tokens
            if shouting or len(t) == 1 or not t.isupper()
        )
    )


_ACCOUNT_LINKS = linear.compile(
    r"\s(?:sign in|log ?in|sign up|register|subscribe|my account)$", re.IGNORECASE
)
_MENU_LOWER_WORDS = frozenset({"search", "alerts", "news", "centre", "center", "list", "more"})
_MENU_SEPARATOR_CHARS = "|·•/"
"""The characters one of which every MENU_SEPARATOR match holds."""


def is_category_list(unit: str) -> bool:
    """Section labels above a headline, between commas: "Video Surveillance, K-12, Higher Ed".
    (A list of three authors has the same shape, so this is only asked of lines above a
    headline.)"""
    if ";" in unit:
        return False
    parts = [p.split() for p in unit.split(", ")]
    return (
        len(parts) >= 3
        and all(1 <= len(p) <= 3 for p in parts)
        and all(t[:1].isupper() or t[:1].isdigit() for p in parts for t in p)
        and not any(t.casefold() in _FUNCTION_WORDS for p in parts for t in p)
    )


@lru_cache(maxsize=1 << 16)
def is_meta_line(unit: str) -> bool:
    """A byline, date line or source address: header material, never body."""
    if P.URL_LINE.match(unit) or P.UPDATED_WITHOUT_DATE.match(unit) or P.FIELD_LINE.match(unit):
        return True
    if words(unit) > 20:
        return False
    if is_byline(unit) or P.NAME_THEN_DATE.match(unit) and has_date(unit):
        return True
    return has_date(unit) and words(_strip_dates(unit)) <= 6


@lru_cache(maxsize=1 << 16)
def is_byline(unit: str) -> bool:
    """A "By ...", "Author: ..." or "Source: Jane Doe, Editor" line."""
    return _BYLINES.any(unit)


_BYLINES = linear.RuleSet((p for _, p in P.BYLINE), anchored=True)


@lru_cache(maxsize=1 << 16)
def has_date(unit: str) -> bool:
    # every date shape has digits: a line without one is not asked of each shape
    return any(d in unit for d in DIGITS) and _DATES.any(unit)


_DATES = linear.RuleSet(p for _, p, _ in P.DATE_PATTERNS)


DIGITS = "0123456789"
"""The digits a date shape matches (RE2's `\\d`, ASCII)."""


def _strip_dates(unit: str) -> str:
    for _, pattern, _ in P.DATE_PATTERNS:
        unit = pattern.sub(" ", unit)
    return P.TIME_OF_DAY.sub(" ", unit)


def is_redacted(unit: str) -> bool:
    """Paywall text where most words were replaced by asterisks."""
    if "**" not in unit:  # asked first: most lines have no asterisks, and the split costs more
        return False
    tokens = unit.split()
    if not tokens:
        return False
    starred = sum(1 for t in tokens if P.REDACTED_TOKEN.match(t) or t.count("*") >= 3)
    return starred / len(tokens) >= 0.3


def find_header_end(units: list[str]) -> int:
    """Index of the first body unit: after the title, dek, byline, date and source lines.

    The first prose-like unit may still be a dek: if a byline or date follows it after only short
    lines (a name, "Follow", "5 min read"), the header runs on to that line.
    """
    limit = min(len(units), _MAX_HEADER_UNITS)
    paragraphs = [
        i
        for i in range(limit)
        if is_paragraph(units[i])
        and not furniture_reason(units[i])
        and not is_meta_line(units[i])
        and not P.BULLET.match(units[i])
    ]
    first = paragraphs[0] if paragraphs else min(1, len(units))
    chrome = sum(1 for u in units[:first] if furniture_reason(u) or words(u) <= 3)
    if first > 20 and not any(is_meta_line(u) for u in units[:first]) and chrome < first / 2:
        # no byline, date or page chrome above a late paragraph: the lines above are body
        first = 1
    end = max([first] + [i + 1 for i in range(first) if is_meta_line(units[i])])
    end = _past_key_points(units, end)
    prose = 0
    for i in range(first + 1, min(len(units), first + 8)):
        if P.COMMENTS_HEADING.match(units[i]) or P.RELATED_HEADING.match(units[i]):
            break
        if _header_line(units, i, first):
            end = i + 1
        elif is_paragraph(units[i]) and not furniture_reason(units[i]):
            prose += 1
            if prose > 1:  # a headline and a dek may both read as prose; a third is the body
                break
    return min(end, len(units))


# "Posted Sun, Aug 17, 2025 at 10:12 am CT|Updated Sun, Aug 17, 2025 at 4:40 pm CT": a stamp
# line runs long with its update, and is still the header's
_STAMP = linear.compile(
    r"^(?:posted|published|updated|last updated|first published)\b", re.IGNORECASE
)


def _header_line(units: list[str], i: int, first: int) -> bool:
    """A byline or date line close under the first prose unit (which was then a dek)."""
    unit = units[i]
    if is_meta_line(unit) and (words(unit) <= 12 or is_byline(unit) or _STAMP.match(unit)):
        return True
    return i <= first + 2 and _bare_name_byline(units, i)


def _bare_name_byline(units: list[str], i: int) -> bool:
    """A byline that is only a name ("Lydia Shaw") under the dek: two or three name-shaped words,
    followed by furniture, a date or nothing, where a subheading would be followed by prose."""
    tokens = units[i].split()
    following = units[i + 1] if i + 1 < len(units) else ""
    return (
        2 <= len(tokens) <= 3
        and all(P.NAME_WORD.match(t) for t in tokens)
        and (not following or bool(furniture_reason(following)) or is_meta_line(following))
    )


def _past_key_points(units: list[str], end: int) -> int:
    """If a "Key Points" label closes the header, its points (up to five short lines) belong to
    it too."""
    label = next(
        (
            i
            for i in range(max(0, end - 3), min(len(units), end + 1))
            if P.KEY_POINTS.match(units[i])
        ),
        None,
    )
    if label is None:
        return end
    end = label + 1
    while (
        end < len(units)
        and end - label <= 5
        and words(units[end]) <= 40
        and not furniture_reason(units[end])
        and not is_meta_line(units[end])
        and len(P.SENTENCE_BREAK.findall(units[end])) == 0
    ):
        end += 1
    return end


def clean_body(
    units: list[str], roles: list[RoledLine | None] | None = None
) -> tuple[list[str], list[str], list[Dropped], list[str]]:
    """Sort body units into kept text, reader comments, dropped furniture and footer lines.
    `roles` holds the line-role model's reading of each unit (role_body.unit_roles), or None."""
    kept: list[str] = []
    comments: list[str] = []
    dropped: list[Dropped] = []
    footer: list[str] = []
    roles = roles or [None] * len(units)
    mode = "body"
    for i, unit in enumerate(units):
        if mode == "related" and _body_resumes(units, i):
            mode = "body"
        mode, where = _route(unit, mode, bool(kept))
        if where == "comment":
            comments.append(unit)
            continue
        # A line every rule keeps may be one the model is sure is furniture (role_body.py).
        reason: DropReason | None = role_drop(roles[i]) if where == "body" else RuleReason(where)
        if reason is None:
            kept.append(unit)
        else:
            dropped.append(Dropped(unit, reason))
            footer.append(unit)
    _drop_trailing_fragments(kept, dropped, footer)
    return kept, comments, dropped, footer


def _route(unit: str, mode: str, has_body: bool) -> tuple[str, str]:
    """Return the next mode and where this unit goes (body, comment, or a drop reason)."""
    if P.COMMENTS_HEADING.match(unit) and has_body:
        return "comments", "comments heading"
    if P.RELATED_HEADING.match(unit):
        return "related", "related-links heading"
    if mode == "comments":
        reason = furniture_reason(unit)
        if reason in P.COMMENTS_END:
            return "footer", reason
        return mode, "comment"
    if mode == "related":
        return mode, "related-links list"
    if mode == "footer" and not is_paragraph(unit):
        return mode, "page footer"
    mode = "body"
    reason = furniture_reason(unit) or _body_line_reason(unit)
    return mode, reason or "body"


def _body_resumes(units: list[str], i: int) -> bool:
    """After a related-links list, is units[i] article text again?

    A list's items are headlines, each maybe with a one-sentence teaser (often cut off with "...").
    Prose that is long, has several sentences, is followed by more prose, or does not follow a
    headline is the article going on, and must not be dropped with the list.
    """
    unit = units[i]
    if not is_paragraph(unit) or furniture_reason(unit) or unit.endswith(("...", "…")):
        return False
    following = units[i + 1] if i + 1 < len(units) else ""
    previous = units[i - 1] if i else ""
    after_headline = (
        bool(previous)
        and not previous.rstrip("”’\"')").endswith((".", "!", "?", ":"))
        and not furniture_reason(previous)
        and not P.RELATED_HEADING.match(previous)
    )
    return (
        words(unit) >= 40
        or len(P.SENTENCE_BREAK.findall(unit)) >= 1
        or not after_headline
        or (is_paragraph(following) and not furniture_reason(following))
    )


def _body_line_reason(unit: str) -> str | None:
    if P.CREDIT_LINE.match(unit) or P.BRACKET_BYLINE.match(unit):
        return "credit line"
    if P.URL_LINE.match(unit):
        return "source address"
    if is_meta_line(unit) and not is_paragraph(unit) and words(unit) <= 8:
        return "date or byline line"
    if _looks_like_related_headline(unit):
        return "related headline"
    return None


def _looks_like_related_headline(unit: str) -> bool:
    """A linked headline between paragraphs: headline-length, no punctuation, not a question or
    label."""
    n = words(unit)
    return (
        6 <= n <= 20
        and not unit.endswith(TERMINAL)
        and "," not in unit
        and not unit.isupper()
        and not is_redacted(unit)
        and not P.BULLET.match(unit)
    )


def _drop_trailing_fragments(kept: list[str], dropped: list[Dropped], footer: list[str]) -> None:
    """A one- or two-word line closing the page is a sign-off or a button, and a closing "Jane Doe
    is a senior writer at ..." is the author's bio (the author rules still read it), not article
    text."""
    while kept and (
        words(kept[-1]) <= 2
        and not kept[-1].endswith((".", "!", "?"))
        or words(kept[-1]) <= 50
        and P.AUTHOR_BIO.match(kept[-1])
    ):
        fragment = kept.pop()
        dropped.append(
            Dropped(
                fragment,
                RuleReason("author bio" if P.AUTHOR_BIO.match(fragment) else "sign-off"),
            )
        )
        footer.append(fragment)


def reclaim_header_prose(article: Article) -> Article:
    """Put prose the header held but metadata did not use (not the title, not the dek) back at the
    top of the body, so a paragraph above a late byline is never lost."""
    used = {article.title, *(article.subtitle or "").split("; ")}
    unused = [
        u
        for u in article.header
        if is_paragraph(u)
        and u not in used
        and not furniture_reason(u)
        and not is_meta_line(u)
        and not P.BULLET.match(u)
    ]
    if not unused:
        return article
    return replace(article, blocks=(*to_blocks(unused), *article.blocks))


def to_blocks(units: list[str]) -> list[Block]:
    """Paragraphs, subheadings and collapsed runs of redacted paragraphs."""
    blocks: list[Block] = []
    for i, unit in enumerate(units):
        if is_redacted(unit):
            if blocks and blocks[-1].kind == "redacted":
                blocks[-1] = Block("redacted", "", blocks[-1].count + 1)
            else:
                blocks.append(Block("redacted", "", 1))
        elif len(unit) <= MAX_PARAGRAPH_CHARS and _is_subheading(
            unit, units[i + 1] if i + 1 < len(units) else ""
        ):
            blocks.append(Block("h", unit))
        else:
            blocks += [Block("p", piece) for piece in split_long(unit)]
    return blocks


MAX_PARAGRAPH_CHARS = 4_000
"""Longer paragraphs are cut into pieces of this size: no article has one, and the site's Markdown
reader takes time that grows with the square of a paragraph's length (25 s for 400 KB)."""


def split_long(paragraph: str, limit: int = MAX_PARAGRAPH_CHARS) -> list[str]:
    """The paragraph in pieces of at most `limit` characters, cut at a space where there is one."""
    pieces = []
    while len(paragraph) > limit:
        cut = paragraph.rfind(" ", limit // 2, limit)
        cut = cut if cut > 0 else limit
        pieces.append(paragraph[:cut].rstrip())
        paragraph = paragraph[cut:].lstrip()
    return [*pieces, paragraph] if paragraph else pieces


def _is_subheading(unit: str, following: str) -> bool:
    return (
        bool(following)
        and words(unit) <= 12
        and not is_paragraph(unit)
        and not unit.endswith((".", ",", ";", ":", "”", '"'))
        and not P.BULLET.match(unit)
    )
