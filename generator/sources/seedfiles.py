"""Seeds written by `digest add` and `digest pull`: the page as served, under a stable name.

The only change to the served bytes is one line that records the address, in the form a browser's
"Save page as" writes (`<!-- saved from url=(0031)https://... -->`); the build reads it as the
article's address when the page names none of its own.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from slugify import slugify

from ..extract.convert_html import saved_from_comment
from .canonical import printable_address
from .files import write_atomic

SEED_SUFFIX = ".html"
MAX_SLUG_CHARS = 60
MAX_ADDRESS_CHARS = 2000  # what the saved-from line can hold; longer addresses are not recorded
# A page's <title> often ends with the site's name after a bar or a spaced dash.
_SITE_NAME_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
MIN_HEADLINE_WORDS = 3
_UTF8_BOM = b"\xef\xbb\xbf"
# A doctype stays the first thing in the file, so browsers and the build still see an HTML page.
_DOCTYPE = re.compile(rb"\A\s*<!doctype[^>\n]{0,200}>[ \t]*\r?\n?", re.IGNORECASE)
_RECORDED = re.compile(rb"<!-- saved from url=\(\d{4}\)https?://[^\s<>\"]{1,2000} -->\n")


def seed_file_name(day: str, title: str, url: str, taken: set[str]) -> str:
    """`YYYY-MM-DD-slug.html`, the slug from the title (else the address); `-2`, `-3` if taken."""
    slug = slugify(
        _without_site_name(title), max_length=MAX_SLUG_CHARS, word_boundary=True
    ) or _address_slug(url)
    stem = f"{day}-{slug}"
    name, number = f"{stem}{SEED_SUFFIX}", 1
    while name in taken:
        number += 1
        name = f"{stem}-{number}{SEED_SUFFIX}"
    return name


def _without_site_name(title: str) -> str:
    """'Huawei wins a deal | Example News' -> 'Huawei wins a deal', when a headline is left."""
    head = _SITE_NAME_SEPARATOR.split(title, maxsplit=1)[0]
    return head if len(head.split()) >= MIN_HEADLINE_WORDS else title


def _address_slug(url: str) -> str:
    parts = urlsplit(url)
    last = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    last = re.sub(r"\.(?:s?html?|php|aspx?)$", "", last, flags=re.IGNORECASE)
    return (
        slugify(last, max_length=MAX_SLUG_CHARS, word_boundary=True)
        or slugify(parts.hostname or "", max_length=MAX_SLUG_CHARS)
        or "page"
    )


def with_address(body: bytes, url: str) -> bytes:
    """The served page with the line that records where it came from (after a BOM and a doctype)."""
    address = printable_address(url)
    if len(address) > MAX_ADDRESS_CHARS:
        return body
    line = saved_from_comment(address).encode("ascii") + b"\n"
    bom = _UTF8_BOM if body.startswith(_UTF8_BOM) else b""
    rest = body[len(bom) :]
    doctype = _DOCTYPE.match(rest)
    cut = doctype.end() if doctype else 0
    return bom + rest[:cut] + line + rest[cut:]


def served_bytes(data: bytes) -> bytes:
    """A seed's bytes without the recorded-address line: the page as the server sent it."""
    head = data[:4096]
    match = _RECORDED.search(head)
    return data[: match.start()] + data[match.end() :] if match else data


def save_seed(folder: Path, name: str, data: bytes) -> None:
    """Write the seed in one step; FileExistsError if the name was taken meanwhile."""
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / name, data, replace_existing=False)
