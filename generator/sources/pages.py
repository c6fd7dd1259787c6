"""The few facts of a web page that adding it needs: its title and the addresses it gives itself.

Read from the page's head with the standard library's tolerant HTML parser; the article itself is
extracted later, by the build, like any saved page.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from ..extract.convert_html import saved_from_address

HEAD_BYTES = 131_072  # the head of any real page fits; the body is not needed here
_TITLE_CHARS = 300


@dataclass(frozen=True)
class PageFacts:
    title: str = ""
    addresses: tuple[str, ...] = ()
    """The page's canonical link, og:url and `saved from url=` comment: those it has, in order."""


class _HeadReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.addresses: list[str] = []
        self._in_title = False
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: (v or "").strip() for k, v in attrs}
        if tag == "title" and not self.title:
            self._in_title = True
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.addresses.append(values.get("href", ""))
        elif tag == "meta" and values.get("property", values.get("name", "")).lower() == "og:url":
            self.addresses.append(values.get("content", ""))
        elif tag == "body":
            self.done = True

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data: str) -> None:
        if self._in_title and not self.done:
            self.title.append(data)


def page_facts(body: bytes, charset: str | None = None) -> PageFacts:
    """Title and self-declared addresses of an HTML page; an unreadable page simply has none."""
    text = _decode(body[:HEAD_BYTES], charset)
    reader = _HeadReader()
    try:
        reader.feed(text)
        reader.close()
    except (
        AssertionError,
        ValueError,
    ):  # the parser gives up on some broken markup; keep what it read
        pass
    title = " ".join("".join(reader.title).split())[:_TITLE_CHARS]
    saved = saved_from_address(text)
    found = [a for a in (*reader.addresses, saved or "") if a.startswith(("http://", "https://"))]
    return PageFacts(title, tuple(dict.fromkeys(found)))


def _decode(data: bytes, charset: str | None) -> str:
    """Text good enough for markup and a title: the declared charset, else UTF-8, bad bytes as
    U+FFFD."""
    try:
        return data.decode(charset or "utf-8", errors="replace")
    except LookupError:  # a charset name Python does not know
        return data.decode("utf-8", errors="replace")
