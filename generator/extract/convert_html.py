"""Saved HTML pages: trafilatura finds the article and the page's own metadata."""

from __future__ import annotations

import html as htmllib
import re

import trafilatura

from . import linear
from .ingest import strip_bidi

# trafilatura's metadata key -> our field name.
_HINT_KEYS = {
    "title": "title",
    "author": "author",
    "date": "date",
    "sitename": "publication",
    "url": "url",
}
# Only dates the page's markup states for the article (meta tags, JSON-LD, <time> in the header),
# never a date guessed from the text: a page whose only dates are in its comments has no date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_HIDDEN_OPEN = linear.compile(r"<(script|style|noscript|template|head)\b", re.IGNORECASE)
# Void elements written without their closing slash, and embedded objects: the HTML parser may take
# one for a container and hang every following paragraph inside it, where the extractor skips them.
_VOID = linear.compile(
    r"<(?:embed|param|source|track|wbr|keygen|area|base|col|object|/object|iframe|/iframe|"
    r"applet|/applet)\b[^>]*>",
    re.IGNORECASE,
)
# A run of opening tags with nothing between them, 40,000 unclosed `<div>` deep: no page is built
# like that, and the HTML parser gives up past 256 levels, losing every paragraph below. Two tags
# are kept.
_TAG_PILE = linear.compile(r"(<[a-zA-Z][^<>]*>)(?:\s*<[a-zA-Z][^<>]*>){48,}(\s*<[a-zA-Z][^<>]*>)")
_PILE_KEEPS = r"\1\2"  # the first tag, and the last, which opens the text that follows
_NOTE_APP = linear.compile(
    r"<meta\s+name=[\"'](?:exporter-version|source-application)[\"']\s+content=[\"'][^\"']*"
    r"(?:evernote|webclipper|joplin|onenote)",
    re.IGNORECASE,
)
_SOURCE_URL = linear.compile(
    r"<meta\s+name=[\"']source-url[\"']\s+content=[\"'](https?://[^\"']{4,1000})[\"']",
    re.IGNORECASE,
)
MAX_HEAD_CHARS = 20_000
"""Where a saved page's head, with its meta tags, ends at the latest."""
MAX_HINT_CHARS = 1_000
"""A metadata value from the page's markup longer than this is cut: a title or an author is
short."""


# The line a browser's "Save page as" (and `digest add` / `digest pull`) puts at the top of a
# saved page: `<!-- saved from url=(0031)https://example.com/article -->`, the number being the
# address's length.
_SAVED_FROM = re.compile(
    r"<!-- saved from url=\((?P<length>\d{4})\)(?P<url>https?://[^\s<>\"]{1,2000}) -->"
)
_SAVED_FROM_WITHIN = (
    4000  # characters from the start of the page: after a doctype and BOM, before <html>
)
_HTML_TAG = re.compile(r"<html\b", re.IGNORECASE)


def saved_from_comment(url: str) -> str:
    """The comment that records where a page was fetched from; url must hold no space, <, > or
    quote."""
    return f"<!-- saved from url=({len(url):04d}){url} -->"


def saved_from_address(html: str) -> str | None:
    """The address in a `saved from url=` comment at the top of the page (before <html>), if it has
    one;
    the same words further down are page content, not a record of where the page came from."""
    top = html[:_SAVED_FROM_WITHIN]
    start = _HTML_TAG.search(top)
    match = _SAVED_FROM.search(top, 0, start.start() if start else len(top))
    return match.group("url") if match else None


def html_to_text(html: str) -> tuple[str, dict]:
    """The article's text with one paragraph per line, and metadata hints from the page's markup."""
    html = _TAG_PILE.sub(_PILE_KEEPS, _VOID.sub(" ", html))
    document = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
        favor_precision=True,
        date_extraction_params=_DATE_PARAMS,
    )
    if document is None:
        return "", {}
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    hints = {
        ours: " ".join(strip_bidi(str(data[theirs])[:MAX_HINT_CHARS]).split())
        for theirs, ours in _HINT_KEYS.items()
        if data.get(theirs)
    }
    if _NOTE_APP.search(html[:MAX_HEAD_CHARS]):
        # a note app's export (Evernote): its author and created tags are the note's, the clipper
        # account and the time of the clip; the page's own address is its source-url
        hints.pop("author", None)
        hints.pop("date", None)
        source = _SOURCE_URL.search(html[:MAX_HEAD_CHARS])
        if source:
            hints["url"] = htmllib.unescape(source.group(1))
    if "author" in hints:
        hints["author"] = ", ".join(a.strip() for a in hints["author"].split(";") if a.strip())
    text = (data.get("text") or "").replace("\n", "\n\n")
    saved_from = saved_from_address(html)
    if saved_from and "url" not in hints:
        hints["url"] = (
            saved_from  # the page names no address of its own (no canonical link, no og:url)
        )
    if "date" in hints and not _stated_before_article(html, hints["date"][:10], text):
        del hints["date"]
    site = _title_site(html, str(data.get("title") or ""))
    # a bare domain in the site-name slot is the extractor's stand-in, not a name the page gives
    named = "publication" in hints and not _DOMAIN.fullmatch(hints["publication"])
    if site and not named:
        hints["title_site"] = site
    shown = without_hidden(html)  # the markup readers see: no head, scripts or styles
    logo = None if named else _header_logo_alt(shown)
    if logo:
        hints["logo_alt"] = logo
    stamp = None if "date" in hints else _time_before_lede(shown, text)
    if stamp:
        hints["date"] = stamp
    headings = marked_elements(shown, _H1_OPEN) if _H1_OPEN.search(shown) else []
    headline = visible_headline(shown, hints.get("title", ""), headings)
    if headline:
        hints["title"] = headline
    byline = _visible_byline(shown)
    if byline:
        hints["byline"] = byline
    description = " ".join(str(data.get("description") or "")[:MAX_HINT_CHARS].split())
    if description:
        hints["description"] = strip_bidi(description)
    dek = _visible_dek(shown, description, text)
    if dek:
        hints["subtitle"] = dek
    return _with_header_lines(shown, headings, text), hints


HEADER_SPAN_CHARS = 6_000
"""The most markup between the h1 and the lede that can be the article's header block."""
HEADER_BLOCK_LINES = 12
_BLOCK_BREAK = linear.compile(
    r"<(?:/?(?:div|p|li|h[1-6]|header|section|figure|figcaption|"
    r"time|address)\b[^>]*|br\s*/?)>",
    re.IGNORECASE,
)


def _with_header_lines(shown: str, headings: list[str], text: str) -> str:
    """The text with the lines the page shows between its headline and the article's first
    paragraph (dek, byline, date) put back above it, where the page reader left them out: a page
    without the usual class names (a note app's export, a bare template) loses them otherwise."""
    first = next((p for p in text.split("\n") if _is_sentence(p)), "")
    if len(headings) != 1 or not first:
        return text
    page = htmllib.unescape(shown)
    h1 = _text_of(headings[0])
    opening = page.find(" ".join(first.split()[:6]))
    h1_end = page.find("</h1>")
    if h1_end < 0 or opening < 0 or not 0 < opening - h1_end <= HEADER_SPAN_CHARS:
        return text
    span = _BLOCK_BREAK.sub("\n", page[h1_end + len("</h1>") : opening])
    lines = [" ".join(_TAG.sub(" ", line).split()) for line in span.split("\n")]
    top = {" ".join(u.split()) for u in text.split("\n")[: HEADER_BLOCK_LINES * 2]}
    new = [u for u in dict.fromkeys(lines) if u and len(u) <= 300 and u not in top]
    if not new or len(new) > HEADER_BLOCK_LINES:
        return text
    head = [] if h1 in top else [h1]
    return "\n".join([*head, *new, text])


_TITLE_ELEMENT = linear.compile(r"<title\b[^>]*>([^<]{1,400})</title>", re.IGNORECASE)
_TITLE_SITE = linear.compile(
    r"^(?P<head>.{10,}?)"  # the headline
    r"(?:\s*[|–—]\s*|\s+-\s+)"  # a bar or a dash between
    r"(?P<site>[^|–—]{2,60})$"  # the site's name
)


def _title_site(html: str, headline: str) -> str | None:
    """The site's name after the headline in the page's <title> ("Headline | Bureau of Industry
    and Security"): how sites name themselves to browsers, even when no meta tag does."""
    element = _TITLE_ELEMENT.search(html[:_TITLE_WITHIN])
    if not element or not headline:
        return None
    match = _TITLE_SITE.match(" ".join(htmllib.unescape(element.group(1)).split()))
    if not match or match.group("head").strip().casefold() != headline.strip().casefold():
        return None
    return match.group("site").strip()


_TITLE_WITHIN = 20_000
"""The <title> is in the page's head, near the top."""


# Elements that hold a dek, by the class names sites give them ("standfirst",
# "article-header__subheadline").
_DEK_OPEN = linear.compile(
    r"<(h2|h3|p|div)\b[^>]*\bclass=\"[^\"]*(?:sub-?head(?:line|ing)?|standfirst|\bdek\b|"
    r"subtitle|article-?_*summary|\bexcerpt\b)[^\"]*\"[^>]*>",
    re.IGNORECASE,
)
_TAG = linear.compile(r"<[^>]+>")


def without_hidden(html: str) -> str:
    """The markup with its head, scripts, styles and templates cut out, in one pass over the page.

    An element that is never closed is left in place, as the old pattern did.
    """
    lower, memo, parts, position = html.lower(), {}, [], 0
    for match in _HIDDEN_OPEN.finditer(html):
        if match.start() < position:
            continue
        end = linear.find_closing(lower, match.group(1).lower(), match.end(), memo)
        close = lower.find(">", end) if end >= 0 else -1
        if close < 0:
            continue
        parts += [html[position : match.start()], " "]
        position = close + 1
    return "".join(parts) + html[position:]


def marked_elements(shown: str, opening) -> list[str]:
    """The inner markup of each element whose opening tag `opening` matches, up to its closing
    tag."""
    lower, memo, found = shown.lower(), {}, []
    for match in opening.finditer(shown):
        end = linear.find_closing(lower, match.group(1).lower(), match.end(), memo)
        if end >= 0:
            found.append(shown[match.end() : end])
    return found


def _visible_dek(shown: str, description: str, text: str) -> str | None:
    """The dek: an element marked as one, else the page's description when the page also shows it,
    outside the article text."""
    body_text = _plain(text)
    for inner in marked_elements(shown, _DEK_OPEN):
        dek = _text_of(inner)
        if 6 <= len(dek.split()) <= 60 and _plain(dek) not in body_text:
            return dek
    description = " ".join(htmllib.unescape(description).split())
    if (
        len(description.split()) < 6
        or description.endswith(("...", "…"))
        or _plain(description) in body_text
    ):
        return None
    return description if _plain(description) in _plain(_text_of(shown)) else None


def _text_of(markup: str) -> str:
    """The words of a piece of markup, entities decoded, on one line."""
    return " ".join(htmllib.unescape(_TAG.sub(" ", markup)).split())


def _plain(text: str) -> str:
    """Text compared without its quote styles and spacing: a description has ' where the page has
    ’."""
    return " ".join(text.translate(str.maketrans("’‘“”", "''\"\"")).split())


def _stated_before_article(html: str, date: str, text: str) -> bool:
    """A date the markup states in the head or above the article's first words; one that appears
    only
    further down belongs to a comment or a related link."""
    page = htmllib.unescape(html)
    body = re.search(r"<body\b", page, re.IGNORECASE)
    opening = " ".join(text.split()[:6])
    start = (
        page.find(opening, body.start() if body else 0) if opening else -1
    )  # the lede is in meta tags too
    return start < 0 or date in page[:start]


# <time datetime="2025-03-11T14:05:00Z">Updated 2:05 PM GMT</time>: the date only in the attribute
_TIME_DATETIME = linear.compile(
    r"<time\b[^>]*\bdatetime=\"(\d{4}-\d{2}-\d{2})(?:[T ][^\"]{0,40})?\"", re.IGNORECASE
)


def _time_before_lede(shown: str, text: str) -> str | None:
    """The day of the first <time datetime> element above the article's first words: a saved
    wire page may show readers only the time of day and keep the date in the attribute. A <time>
    further down dates a comment or a related story."""
    page = htmllib.unescape(shown)
    match = _TIME_DATETIME.search(page)
    if not match:
        return None
    # the lede: the first paragraph that is a full sentence, which a headline is not
    first = next((p for p in text.split("\n") if _is_sentence(p)), "")
    lede = page.find(" ".join(first.split()[:6])) if first else -1
    return match.group(1) if lede < 0 or match.start() < lede else None


LEDE_WORDS_MIN = 8


def _is_sentence(paragraph: str) -> bool:
    """Eight words or more ending in a full stop: a lede, where a headline has no stop."""
    return len(paragraph.split()) >= LEDE_WORDS_MIN and paragraph.rstrip().endswith((".", '."'))


_DOMAIN = linear.compile(r"(?:[\w-]+\.)+[a-z]{2,}", re.IGNORECASE)
# The page header's first image, as the site's logo: <header><a href="/"><img alt="Name">
_HEADER_OPEN = linear.compile(r"<header\b[^>]*>", re.IGNORECASE)
_IMG_ALT = linear.compile(r"<img\b[^>]*\balt=\"([^\"<>]{2,80})\"", re.IGNORECASE)
_HEADER_CLOSE = "</header>"


def _header_logo_alt(shown: str) -> str | None:
    """The alt text of the first image in the page's <header> element: the logo, which is often
    the only place a saved page names its outlet, and which the text extractor drops with the
    header. Only the header's image: an image in the article is a photo."""
    opening = _HEADER_OPEN.search(shown)
    if not opening:
        return None
    end = shown.lower().find(_HEADER_CLOSE, opening.end())
    header = shown[opening.end() : end if end >= 0 else opening.end() + MAX_HINT_CHARS]
    match = _IMG_ALT.search(header)
    return " ".join(htmllib.unescape(match.group(1)).split()) if match else None


_H1_OPEN = linear.compile(r"<(h1)\b[^>]*>", re.IGNORECASE)
H1_WORDS = (4, 30)
"""A visible h1 this many words long (inclusive) is a headline; a shorter one is a logo or a
section name, a longer one a paragraph in the wrong element."""
SAME_STORY_WORDS = 2
"""Content words (four letters or more) the h1 and the metadata title share at least: two
headlines of one story do ("Cricket ground renamed ..." / "County cricket club sells naming
rights to its ground ..."); a site's name or another story's headline in an h1 does not."""
_CONTENT_WORD = linear.compile(r"[^\W\d_]{4,}")


def visible_headline(shown: str, meta_title: str, h1s: list[str] | None = None) -> str | None:
    """The page's one h1 when the metadata title is another headline of the same story: sites
    write a search-engine headline into <title> and og:title ("Marathon start time changed: full
    details") and show readers the h1, which is the headline a reader quotes. A metadata title
    that holds the h1 ("Headline | Site") is kept, as it also names the site. `h1s`: the page's
    h1 elements, when the caller has already found them."""
    if h1s is None:
        h1s = marked_elements(shown, _H1_OPEN) if _H1_OPEN.search(shown) else []
    if not h1s:
        return None  # most pages: no h1
    headings = [_text_of(inner) for inner in h1s]
    headings = [h for h in dict.fromkeys(headings) if h]
    if len(headings) != 1:
        return None  # no h1, or several (a listing page): nothing says which is the article's
    (heading,) = headings
    if not H1_WORDS[0] <= len(heading.split()) <= H1_WORDS[1]:
        return None
    if _plain(heading).casefold() in _plain(meta_title).casefold():
        return None
    shared = _content_words(heading) & _content_words(meta_title)
    return heading if len(shared) >= SAME_STORY_WORDS else None


def _content_words(text: str) -> set[str]:
    return {w.casefold() for w in _CONTENT_WORD.findall(text)}


# Elements that hold the visible byline ("c-byline", "author-names", "article__byline").
_BYLINE_OPEN = linear.compile(
    r"<(p|div|span|address)\b[^>]*\bclass=\"[^\"]*(?:byline|author-?names?)[^\"]*\"[^>]*>",
    re.IGNORECASE,
)


def _visible_byline(shown: str) -> str | None:
    """The byline as readers see it: the author tag in the page's metadata often names only the
    first writer."""
    lower, memo = shown.lower(), {}
    for match in _BYLINE_OPEN.finditer(shown):  # the first marked element that is closed
        end = linear.find_closing(lower, match.group(1).lower(), match.end(), memo)
        if end >= 0:
            text = _text_of(shown[match.end() : end])
            return text if 2 <= len(text.split()) <= 20 else None
    return None


_PARAGRAPH_OPEN = linear.compile(r"<(p|li|blockquote|h[1-6])\b[^>]*>", re.IGNORECASE)
MIN_LEFT_OUT_WORDS = 8
"""A shorter paragraph the page reader left out is a button or a label, not article text."""


def left_out_paragraphs(html: str, text: str) -> list[str]:
    """Paragraphs a reader of the page sees that the page reader (trafilatura) left out.

    They are listed among the dropped lines, so no visible sentence of a saved page vanishes
    without a trace (a related-links box, a comment, or text after broken markup).
    """
    kept = _plain(text)
    shown = without_hidden(_TAG_PILE.sub(_PILE_KEEPS, _VOID.sub(" ", html)))
    out = []
    for inner in marked_elements(shown, _PARAGRAPH_OPEN):
        paragraph = _text_of(inner)
        if len(paragraph.split()) >= MIN_LEFT_OUT_WORDS and _plain(paragraph) not in kept:
            out.append(paragraph)
    return list(dict.fromkeys(out))
