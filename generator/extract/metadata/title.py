"""Title rules, surest first: an e-mail subject, an export's title field, the headline line of the
header, the body's first sentence, the file name; and the cleaning every title gets (glued section
labels, kickers, a site name after the headline)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from ...config import Config
from ...records import Article, Found
from .. import linear
from .. import patterns as P
from ..parse import is_meta_line, words
from .base import STAND_IN, Extractor, Result
from .headline import headline_lines
from .publication_table import known_publication

_SENTENCE_END = linear.compile(r"[.!?]\s")
_UNDERSCORES = linear.compile(r"[_-]+")
_SUBJECT = linear.compile(r"^subject:\s*(?:(?:fwd?|re):\s*)*(.+)$", re.IGNORECASE)
_ALERT = linear.compile(r"(?:google|talkwalker|news) alerts?\b", re.IGNORECASE)
# A section label glued to the headline: "Opinion The chip war needs allies ..."
_GLUED_LABEL = linear.compile(r"^(?:Opinion|Exclusive|Breaking|Live|Explainer|Editorial)\s+([A-Z])")
_MENU_ENTRIES = """menu search home news sport sports business culture opinion weather money
politics world tech technology entertainment lifestyle life travel video videos health science
local arts style food markets podcasts newsletters sections environment education"""
MENU_WORDS = frozenset(_MENU_ENTRIES.split())
"""Single-word menu entries: a copy of a page that lost its line breaks puts a run of them
before the headline on one line ("Menu Search News Sport Business Culture Walk-in clinic ...")."""
MENU_RUN_MIN = 3
"""At least this many menu words in a row: "News" or "Sport Business" alone may start a
headline ("Sport Business awards ...")."""
HEADLINE_AFTER_MENU_MIN = 5
"""Words a headline after the menu run has at least."""
# A kicker on the headline's line: "5G WARS: Britain's Huawei ban ...",
# "Tech war | Singapore server ..." ("ZTE: US lifts ban" keeps its company: a kicker has five
# characters or more, and at least twenty characters of headline follow it.)
_KICKER = linear.compile(r"^(?:[A-Z0-9][A-Z0-9 '’&.-]{4,30}:|[^|:]{2,25}\s\|)\s+(\S.{19,})")
_HOST_IN_BRACKETS = linear.compile(
    r"\s+\((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\)$"
)  # "Headline (bloomberg.com)"
# "Headline | Reuters", "Headline – Field & Flight"
_SITE_SUFFIX = linear.compile(
    r"^(?P<head>.{10,}?)(?:\s*[|–—]\s*|\s+-\s+)(?P<site>[^|–—]{2,60})$"
)
_NOT_ALNUM = linear.compile(r"[^a-z0-9]")


def title_from_header(article: Article, config: Config) -> Result:
    """The first headline line of the header (headline_lines); surer when a byline or date
    stands in the header too."""
    candidates = headline_lines(article, config)
    if not candidates:
        return None
    unit = candidates[0][1]
    if words(unit) > 30 or len(unit) > 300:
        return None  # prose, not a headline
    has_byline = any(is_meta_line(u) for u in article.header)
    return clean_title(unit), Found("header line", 0.9 if has_byline else 0.75)


def title_from_first_line(article: Article, config: Config) -> Result:
    """No headline in the header: the body's first sentence, shortened, marked unsure."""
    first = next((b.text for b in article.blocks if b.kind in ("p", "h")), "")
    if not first:
        return None
    end = _SENTENCE_END.search(first)
    sentence = first[: end.start() + 1] if end else first
    return clean_title(_shorten(sentence, 120)), Found("first sentence of the body", STAND_IN)


def title_from_file_name(article: Article, config: Config) -> Result:
    """Nothing else: the seed's file name, so the page still has a title."""
    stem = PurePosixPath(article.seed).stem
    return (_UNDERSCORES.sub(" ", stem).strip() or article.seed), Found("seed file name", 0.1)


def title_from_email_subject(article: Article, config: Config) -> Result:
    """A forwarded newsletter or e-mail: its Subject: header is the headline. An alert digest's
    subject ("Google Alert - YMTC") names the search, not the article."""
    for line in (*article.header, *(d.line for d in article.dropped[:20])):
        match = _SUBJECT.match(line)
        if match and not _ALERT.match(match.group(1)):
            return clean_title(match.group(1)), Found("e-mail subject line", 0.85)
    return None


def _field(labels: str, limit: int, method: str, clean: Callable[[str], str]) -> Extractor:
    """A labelled field of a feed, read-later or document export ("Title: ...", "Subtitle: ...")."""
    pattern = linear.compile(rf"^(?:{labels}):\s+(.{{3,{limit}}})$", re.IGNORECASE)

    def extract(article: Article, config: Config) -> Result:
        match = next(filter(None, map(pattern.match, article.header)), None)
        return (clean(match.group(1)), Found(method, 0.85)) if match else None

    return extract


title_from_field = _field(
    "title|headline", 300, "title field of an export", lambda v: clean_title(v)
)


def clean_title(text: str) -> str:
    """A headline line without glued section labels, kickers, host names (also used by the
    line-role model's title)."""
    text = _without_menu_run(text)
    text = _GLUED_LABEL.sub(r"\1", text)
    # A kicker on the headline's line: "5G WARS: Britain's Huawei ban ...",
    # "Tech war | Singapore server ..."
    # ("ZTE: US lifts ban" keeps its company: a kicker has five characters or more.)
    text = _KICKER.sub(r"\1", text)
    text = _HOST_IN_BRACKETS.sub("", text)
    return " ".join(_strip_symbols(text).split())


def _without_menu_run(text: str) -> str:
    """The headline without a run of menu words glued before it (MENU_WORDS): the run has
    MENU_RUN_MIN words or more, each capitalised, and a headline of HEADLINE_AFTER_MENU_MIN
    words or more, starting with a capital, follows."""
    tokens = text.split()
    run = 0
    while run < len(tokens) and tokens[run][:1].isupper() and tokens[run].casefold() in MENU_WORDS:
        run += 1
    rest = tokens[run:]
    if run < MENU_RUN_MIN or len(rest) < HEADLINE_AFTER_MENU_MIN or not rest[0][:1].isupper():
        return text
    return " ".join(rest)


def _strip_symbols(text: str) -> str:
    """Emoji, flags and bullets a post or channel puts around its headline or name; punctuation
    stays."""

    def symbol(c: str) -> bool:
        category = unicodedata.category(c)
        return c.isspace() or c in "•·▪►▶" or category in ("So", "Sk", "Cf", "Mn", "Co")

    start, end = 0, len(text)
    while start < end and symbol(text[start]):
        start += 1
    while end > start and symbol(text[end - 1]):
        end -= 1
    return text[start:end]


def _shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word, with an ellipsis."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def without_site_suffix(article: Article, config: Config) -> Article:
    """ "Headline | Reuters", "Headline – Field & Flight": a page title carries the site's name.

    The suffix goes when it names the publication or a known one; from page metadata, an unknown
    short name goes too, and becomes the publication when none was found."""
    if "title" in article.overrides:
        return article
    match = _SITE_SUFFIX.match(article.title)
    if not match:
        return article
    site, head = match.group("site").strip(), match.group("head").strip()
    known = known_publication(site, config)
    names = {(article.publication or "").casefold(), (known or "").casefold()} - {""}
    from_metadata = article.found.get("title") and article.found["title"].method.startswith(
        "page metadata"
    )
    if (
        site.casefold() in names
        or known
        or P.DOMAIN_LINE.match(site)
        or _names_the_host(site, article.url)
    ):
        pass
    elif not (from_metadata and words(site) <= 5 and site[:1].isupper()):
        return article
    found = {
        **article.found,
        "title": replace(
            article.found["title"], method=article.found["title"].method + ", site name removed"
        ),
    }
    weak = not article.publication or article.found["publication"].confidence < 0.5  # a bare domain
    if weak:
        found["publication"] = Found("site name after the page title", 0.6)
        return replace(article, title=head, publication=known or site, found=found)
    return replace(article, title=head, found=found)


def _names_the_host(site: str, url: str | None) -> bool:
    """ "Field & Flight" is the name of fieldandflight.com."""
    host = (urlsplit(url or "").hostname or "").removeprefix("www.").split(".")[0]
    squash = lambda text: _NOT_ALNUM.sub("", text.casefold().replace("&", "and")).removeprefix(
        "the"
    )
    return bool(host) and squash(site) == squash(host)
