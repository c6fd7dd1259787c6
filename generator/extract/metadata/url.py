"""The source address: a front-matter or page value, or an address line in the text, with tracking
parameters, archive wrappers and search-engine redirects removed."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ...config import Config
from ...records import Article, Found
from .. import linear
from .. import patterns as P
from .base import Result
from .evidence import names_someone_else

_TRACKING_FRAGMENT = linear.compile(r"(?:storylink|xtor|ref|utm_|:~:)", re.IGNORECASE)


def url_from_lines(article: Article, config: Config) -> Result:
    """A "Source: https://..." or bare address line in the header, or dropped from the body
    outside a list of related links."""
    for unit in (*article.header, *(d.line for d in article.dropped)):
        match = P.URL_LINE.match(unit)
        if match and (
            unit in article.header
            or not unit.startswith("http")
            or _outside_link_lists(unit, article)
            or _slug_repeats_a_header_line(match.group("url"), article)
        ):
            return clean_url(match.group("url")), Found("source address line", 0.95)
    # rule *closing address spelling the headline*: a print or "save as text" footer ends with
    # the page's address; below a related-links list only its slug tells it from their links
    for unit in article.footer:
        match = P.URL_LINE.match(unit)
        if match and _slug_repeats_a_header_line(match.group("url"), article):
            found = Found("closing address spelling the headline", 0.85)
            return clean_url(match.group("url")), found
    return None


def _outside_link_lists(line: str, article: Article) -> bool:
    """A bare address dropped from the body, not one of the links of a related-links list."""
    return not any(names_someone_else(d) for d in article.dropped if d.line == line)


# The slug must carry this many of a header line's words to name the article, not a related one.
SLUG_WORDS_MIN = 4
SLUG_SHARE_MIN = 0.7
_SLUG_WORD = linear.compile(r"[a-z0-9]+")


def _slug_repeats_a_header_line(url: str, article: Article) -> bool:
    """ "/news/24101/netball-side-clinches-promotion-on-the-final-whi/" under the headline
    "Netball side clinches promotion on the final whistle": a bare address at the foot of the
    page, even after a list of related links, is the article's own when its slug spells the
    headline."""
    segments = [s for s in urlsplit(url).path.split("/") if s]
    slug = _SLUG_WORD.findall(segments[-1].casefold()) if segments else []
    if len(slug) < SLUG_WORDS_MIN:
        return _short_slug_spells_a_header_line(slug, article)
    for line in article.header:
        line_words = set(_SLUG_WORD.findall(line.casefold()))
        # the slug's last word may be cut short ("whi" for "whistle")
        cut_word = any(w.startswith(slug[-1]) for w in line_words)
        shared = sum(w in line_words for w in slug[:-1]) + cut_word
        if shared >= SLUG_SHARE_MIN * len(slug):
            return True
    return False


SHORT_SLUG_WORD_MIN = 3
"""A short slug's words are this long at least: "clinic-waits", not "p-2"."""


def _short_slug_spells_a_header_line(slug: list[str], article: Article) -> bool:
    """ "/news/2024/library-hours" under "Library extends opening hours for students": a slug of
    two or three words, each the start of a word of one header line."""
    if len(slug) < 2 or any(len(w) < SHORT_SLUG_WORD_MIN or w.isdigit() for w in slug):
        return False
    for line in article.header:
        line_words = _SLUG_WORD.findall(line.casefold())
        if all(any(w.startswith(s) for w in line_words) for s in slug):
            return True
    return False


# A search engine's or alert's redirect:
# "https://www.google.com/url?rct=j&sa=t&url=https%3A%2F%2F..."
_REDIRECT = linear.compile(
    r"^https?://(?:www\.)?google\.[a-z.]+/url\?.*\burl=https?%3A", re.IGNORECASE
)


_ARCHIVED = linear.compile(
    r"^https?://web\.archive\.org/web/[\w*]+/(?P<url>https?://.+)$", re.IGNORECASE
)


def clean_url(url: str) -> str:
    """Drop tracking parameters; keep everything that identifies the page (the original of an
    archive copy)."""
    archived = _ARCHIVED.match(url)
    if archived:
        url = archived.group("url")
    redirect = _REDIRECT.match(url)
    if redirect:
        url = dict(parse_qsl(urlsplit(url).query)).get("url") or url
    parts = urlsplit(url.rstrip(".,;)"))
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    ]
    fragment = "" if _TRACKING_FRAGMENT.match(parts.fragment) else parts.fragment
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), fragment))


_TRACKING = linear.compile(
    r"^(?:utm_\w+|pnespid|from|fbclid|gclid|dclid|msclkid|ocid|mc_cid|mc_eid|cmpid|_ga|igshid|"
    r"module|pgtype|srnd|oref|trackingid|lipi|li_fat_id|_hsenc|_hsmi|mbid|ncid|soc_src|soc_trk|"
    r"mkt_tok|spm|share|sref|smid|ref|ref_src|src|cid|icid|guccounter|guce_\w+|taid|"
    r"sr_share|at_\w+|__twitter_impression|s_cid|ito|rss|feedtype|CMP|partner)$",
    re.IGNORECASE,
)
