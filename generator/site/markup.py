"""Making untrusted text inert in Markdown and in the YAML front-matter MkDocs reads.

Seed text must never add HTML, scripts, links or Markdown structure to the site: every value that
came from a seed passes through `escape` (body) or `plain` (front-matter) before it is written.
"""

from __future__ import annotations

import re
from html.entities import html5 as html5_entities
from urllib.parse import quote, urlsplit

import yaml

# libyaml's emitter when PyYAML was built with it: same output, several times faster.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Md(str):
    """A string that is already safe Markdown (built by our templates), not to be escaped again."""


# Characters Python-Markdown (with the tables extension) accepts backslash escapes for.
_INLINE = re.compile(r"([\\`*_{}\[\]#|!])")
# Block markers that only matter at the start of a line: lists, quotes, rules, details (???).
_LINE_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)])|(\?))")
# An `&` an HTML parser would read as a character reference: `&#...`, `&name;`, or one of the
# legacy names browsers decode even without the semicolon (`&copy`, `&lt`, `&amp` ...), which
# match as prefixes.
_LEGACY = sorted((name for name in html5_entities if not name.endswith(";")), key=len, reverse=True)
_ENTITY = re.compile(rf"&(?=#|[A-Za-z0-9]+;|(?:{'|'.join(_LEGACY)}))")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_OPEN_QUOTE = re.compile(r'(^|[\s(\[{\u2018\u2014\u2013-])"')


def escape(text: object) -> str:
    """Escape text so Python-Markdown renders it literally: no HTML, links, emphasis or
    structure."""
    if isinstance(text, Md):
        return text
    value = "" if text is None else str(text)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _INLINE.sub(r"\\\1", value)
    return "\n".join(_LINE_START.sub(_escape_marker, line.strip()) for line in value.split("\n"))


def _escape_marker(match: re.Match) -> str:
    indent, sign, digits, dot, _question = match.groups()
    if sign:
        return f"{indent}&#{ord(sign)};"
    if digits:
        return f"{indent}{digits}\\{dot}"
    return f"{indent}&#63;"


def message(text: str) -> Md:
    """A problem message: escaped text, with `backticked` spans shown as code (escaped too)."""
    parts = str(text).replace("\n", " ").split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: show everything as text
        return Md(escape(text))
    return Md(
        "".join(
            f"<code>{escape(part)}</code>" if i % 2 else _spaced(part)
            for i, part in enumerate(parts)
        )
    )


def _spaced(part: str) -> str:
    """Escape a fragment, keeping the spaces around it that separate it from its neighbours."""
    lead = " " if part[:1].isspace() else ""
    tail = " " if part[-1:].isspace() else ""
    return lead + escape(part) + tail


def plain(text: str | None) -> str | None:
    """A front-matter string: one line, no angle brackets or straight double quotes, no HTML
    entities.

    MkDocs themes print front-matter values into HTML without escaping: the title into <title> and
    the header, the author into `<meta name="author" content="...">`. So `<`/`>` become `‹`/`›`,
    a `"` (which would close that attribute) becomes a curly quote, and `&` before something that
    reads as an entity is written `&amp;` (Jinja's `striptags` would otherwise un-escape it).
    """
    if text is None:
        return None
    value = " ".join(_CONTROL.sub(" ", str(text)).split())
    value = _OPEN_QUOTE.sub("\\1\u201c", value).replace('"', "\u201d")
    return _ENTITY.sub("&amp;", value.replace("<", "\u2039").replace(">", "\u203a"))


def safe_url(url: str | None) -> str | None:
    """Only http(s) addresses, with characters that could end a Markdown link or an attribute
    encoded."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url.strip(), safe=":/?#[]@!$&*+,;=%-._~")


class _Dumper(_DUMPER):
    """Safe YAML, with any string holding a line break written double-quoted on one line.

    PyYAML would write a NEL (U+0085) raw inside single quotes, where reading it back turns it into
    a space; and a multi-line value could put a `---` line into the block, where MkDocs ends it.
    """


_LINE_BREAK = re.compile("[\n\r\x85\u2028\u2029]")
_Dumper.add_representer(
    str,
    lambda dumper, value: dumper.represent_scalar(
        "tag:yaml.org,2002:str", value, style='"' if _LINE_BREAK.search(value) else None
    ),
)


def front_matter(data: dict) -> str:
    """YAML front-matter written by a serializer, never by hand, so any value round-trips."""
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100000,
    )
    return f"---\n{body}---\n"


NOT_SEARCHED = {"search": {"exclude": True}}
"""Front-matter of listing pages (indexes, timeline, digests): they repeat the titles of many
articles, so in search results they would bury the articles themselves. Both engines honour it."""
