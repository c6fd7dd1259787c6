"""Read a feed's entries: RSS and Atom with feedparser, JSON Feed (jsonfeed.org) with json.

feedparser 6 does not read JSON Feed; that format is a JSON object with a documented `items` list,
so the standard json module is all it needs.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, replace
from urllib.parse import urljoin

import feedparser

JSON_FEED_VERSION = "https://jsonfeed.org/version/"
JSON_TYPES = ("application/feed+json", "application/json")
_TAG = re.compile(r"<[^>]*>")
_HTML_START = re.compile(rb"\s*<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Entry:
    key: str
    """The entry's id in the feed (its link when it has none): what the state file remembers."""
    link: str
    title: str = ""
    text: str = ""
    """Summary, content and tags as plain text: what a source's filter reads."""
    published: str | None = None
    """YYYY-MM-DD, when the feed dates the entry."""


@dataclass(frozen=True)
class Feed:
    entries: tuple[Entry, ...] = ()
    problem: str | None = None
    """Why the feed could not be read; None when it was."""
    warning: str | None = None
    """A fault the entries were read in spite of (a malformed feed feedparser still understood)."""


def parse_feed(body: bytes, content_type: str = "", base: str = "") -> Feed:
    """The entries of an RSS, Atom or JSON Feed document, or the reason it is not one; links
    relative to the feed's address (base) are made absolute."""
    feed = _parse(body, content_type)
    if not base:
        return feed
    entries = tuple(replace(e, link=urljoin(base, e.link)) if e.link else e for e in feed.entries)
    return replace(feed, entries=entries)


def _parse(body: bytes, content_type: str) -> Feed:
    if content_type in JSON_TYPES or body.lstrip()[:1] == b"{":
        return parse_json_feed(body)
    if _HTML_START.match(body[:4096]):
        return Feed(
            problem="the address serves an HTML page, not a feed; use the address of the site's "
            "RSS, Atom or JSON feed (often behind an RSS link)"
        )
    parsed = feedparser.parse(
        body, response_headers={"content-type": content_type or "application/xml"}
    )
    entries = tuple(e for e in (_entry(raw) for raw in parsed.entries) if e)
    fault = _fault(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    if not entries and (fault or not parsed.get("version")):
        reason = f"malformed feed ({fault})" if fault else "not an RSS, Atom or JSON feed"
        return Feed(problem=f"{reason}; no entries could be read")
    if fault:
        read = f"{len(entries)} entr{'ies' if len(entries) > 1 else 'y'}"
        return Feed(entries, warning=f"malformed feed ({fault}); read {read} anyway")
    return Feed(entries)


def _fault(exc: object) -> str | None:
    """feedparser's complaint, if it matters: a declared encoding that is not the real one, or a
    feed served as text/html or text/plain, still reads perfectly."""
    if exc is None or isinstance(
        exc, (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    ):
        return None
    return " ".join(str(exc).split())[:200] or type(exc).__name__


def _entry(raw: dict) -> Entry | None:
    link = (raw.get("link") or "").strip()
    key = (raw.get("id") or link).strip()
    if not key:
        return None
    contents = [c.get("value", "") for c in raw.get("content") or []]
    tags = [t.get("term", "") for t in raw.get("tags") or []]
    when = raw.get("published_parsed") or raw.get("updated_parsed")
    published = dt.date(*when[:3]).isoformat() if when else None
    title = _plain(raw.get("title") or "")
    return Entry(
        key,
        link,
        title,
        _plain(" ".join([title, raw.get("summary") or "", *contents, *tags])),
        published,
    )


def parse_json_feed(body: bytes) -> Feed:
    """A JSON Feed (version 1 or 1.1): `items`, each with `id`, `url`, `title`, `content_html`."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError) as exc:
        return Feed(problem=f"malformed JSON Feed ({_short(exc)}); no entries could be read")
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(JSON_FEED_VERSION):
        return Feed(
            problem=f"JSON, but not a JSON Feed (no `version` starting {JSON_FEED_VERSION})"
        )
    items = data.get("items")
    if not isinstance(items, list):
        return Feed(problem="malformed JSON Feed (`items` is not a list); no entries could be read")
    entries = tuple(e for e in (_json_entry(item) for item in items if isinstance(item, dict)) if e)
    skipped = len(items) - len(entries)
    warning = (
        f"{skipped} item{'s' if skipped > 1 else ''} without an id or address skipped"
        if skipped
        else None
    )
    return Feed(entries, warning=warning)


def _json_entry(item: dict) -> Entry | None:
    fields = {
        k: item.get(k) if isinstance(item.get(k), str) else ""
        for k in (
            "id",
            "url",
            "external_url",
            "title",
            "summary",
            "content_html",
            "content_text",
            "date_published",
        )
    }
    link = (fields["url"] or fields["external_url"]).strip()
    key = (fields["id"] or link).strip()
    if not key:
        return None
    tags = [t for t in item.get("tags") or [] if isinstance(t, str)]
    title = _plain(fields["title"])
    text = _plain(
        " ".join([title, fields["summary"], fields["content_html"], fields["content_text"], *tags])
    )
    return Entry(key, link, title, text, _iso_day(fields["date_published"]))


def _iso_day(value: str) -> str | None:
    """The day of an RFC 3339 timestamp as the feed states it (no conversion to UTC)."""
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None


def _plain(markup: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:120]
