"""Saved HTML pages: trafilatura finds the article and the page's own metadata."""
from __future__ import annotations

import html as htmllib
import re

import trafilatura

# trafilatura's metadata key -> our field name.
_HINT_KEYS = {"title": "title", "author": "author", "date": "date", "sitename": "publication", "url": "url"}
# Only dates the page's markup states for the article (meta tags, JSON-LD, <time> in the header), never
# a date guessed from the text: a page whose only dates are in its comments has no date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_HIDDEN = re.compile(r"<(script|style|noscript|template|head)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


# The line a browser's "Save page as" (and `digest add` / `digest pull`) puts at the top of a saved page:
# `<!-- saved from url=(0031)https://example.com/article -->`, the number being the address's length.
_SAVED_FROM = re.compile(r"<!-- saved from url=\((?P<length>\d{4})\)(?P<url>https?://[^\s<>\"]{1,2000}) -->")
_SAVED_FROM_WITHIN = 4000  # characters from the start of the page: after a doctype and BOM, before <html>
_HTML_TAG = re.compile(r"<html\b", re.IGNORECASE)


def saved_from_comment(url: str) -> str:
    """The comment that records where a page was fetched from; url must hold no space, <, > or quote."""
    return f"<!-- saved from url=({len(url):04d}){url} -->"


def saved_from_address(html: str) -> str | None:
    """The address in a `saved from url=` comment at the top of the page (before <html>), if it has one;
    the same words further down are page content, not a record of where the page came from."""
    top = html[:_SAVED_FROM_WITHIN]
    start = _HTML_TAG.search(top)
    match = _SAVED_FROM.search(top, 0, start.start() if start else len(top))
    return match.group("url") if match else None


def html_to_text(html: str) -> tuple[str, dict]:
    """The article's text with one paragraph per line, and metadata hints from the page's markup."""
    document = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                           with_metadata=True, favor_precision=True,
                                           date_extraction_params=_DATE_PARAMS)
    if document is None:
        return "", {}
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    hints = {ours: " ".join(str(data[theirs]).split()) for theirs, ours in _HINT_KEYS.items() if data.get(theirs)}
    if "author" in hints:
        hints["author"] = ", ".join(a.strip() for a in hints["author"].split(";") if a.strip())
    text = (data.get("text") or "").replace("\n", "\n\n")
    saved_from = saved_from_address(html)
    if saved_from and "url" not in hints:
        hints["url"] = saved_from  # the page names no address of its own (no canonical link, no og:url)
    if "date" in hints and not _stated_before_article(html, hints["date"][:10], text):
        del hints["date"]
    shown = _HIDDEN.sub(" ", html)  # the markup readers see: no head, scripts or styles
    byline = _visible_byline(shown)
    if byline:
        hints["byline"] = byline
    dek = _visible_dek(shown, str(data.get("description") or ""), text)
    if dek:
        hints["subtitle"] = dek
    return text, hints


# Elements that hold a dek, by the class names sites give them ("standfirst", "article-header__subheadline").
_DEK_ELEMENT = re.compile(r"<(h2|h3|p|div)\b[^>]*\bclass=\"[^\"]*(?:sub-?head(?:line|ing)?|standfirst|\bdek\b|subtitle|"
                          r"article-?_*summary|\bexcerpt\b)[^\"]*\"[^>]*>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)


def _visible_dek(shown: str, description: str, text: str) -> str | None:
    """The dek: an element marked as one, else the page's description when the page also shows it,
    outside the article text."""
    body_text = _plain(text)
    for match in _DEK_ELEMENT.finditer(shown):
        dek = _text_of(match.group(2))
        if 6 <= len(dek.split()) <= 60 and _plain(dek) not in body_text:
            return dek
    description = " ".join(htmllib.unescape(description).split())
    if len(description.split()) < 6 or description.endswith(("...", "…")) or _plain(description) in body_text:
        return None
    return description if _plain(description) in _plain(_text_of(shown)) else None


def _text_of(markup: str) -> str:
    """The words of a piece of markup, entities decoded, on one line."""
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _plain(text: str) -> str:
    """Text compared without its quote styles and spacing: a description has ' where the page has ’."""
    return " ".join(text.translate(str.maketrans("’‘“”", "''\"\"")).split())


def _stated_before_article(html: str, date: str, text: str) -> bool:
    """A date the markup states in the head or above the article's first words; one that appears only
    further down belongs to a comment or a related link."""
    page = htmllib.unescape(html)
    body = re.search(r"<body\b", page, re.IGNORECASE)
    opening = " ".join(text.split()[:6])
    start = page.find(opening, body.start() if body else 0) if opening else -1  # the lede is in meta tags too
    return start < 0 or date in page[:start]


# Elements that hold the visible byline ("c-byline", "author-names", "article__byline").
_BYLINE_ELEMENT = re.compile(r"<(p|div|span|address)\b[^>]*\bclass=\"[^\"]*(?:byline|author-?names?)[^\"]*\"[^>]*>(.*?)</\1\s*>",
                             re.IGNORECASE | re.DOTALL)


def _visible_byline(shown: str) -> str | None:
    """The byline as readers see it: the author tag in the page's metadata often names only the first writer."""
    match = _BYLINE_ELEMENT.search(shown)
    if not match:
        return None
    text = _text_of(match.group(2))
    return text if 2 <= len(text.split()) <= 20 else None
