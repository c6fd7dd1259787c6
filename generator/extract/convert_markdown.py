"""Markdown seeds (notes apps, "save as Markdown" extensions) turned into the plain text the parser
reads.

Markup is removed, never rendered: a heading becomes its text, a link its words, emphasis its
content, so the same cleaning and metadata cascade applies to every input format.
"""

from __future__ import annotations

import re

from . import linear

_HEADING = linear.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_IMAGE = linear.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = linear.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_REFERENCE = linear.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
# `**bold**`, `__bold__`, `*it*`, `_it_`: content that starts and ends with a non-space, marker
# first to last
_EMPHASIS = linear.compile("|".join(rf"{m}(\S(?:.*?\S)?){m}" for m in (r"\*\*", "__", r"\*", "_")))
_CODE = linear.compile(r"`([^`]+)`")
_QUOTE = linear.compile(r"^\s{0,3}>\s?")
_RULE = linear.compile(r"^\s{0,3}(?:-(?:\s*-){2,}|\*(?:\s*\*){2,}|_(?:\s*_){2,})\s*$")

# Signals that a text is Markdown, not plain prose that happens to contain a "#".
_SIGNALS = (
    linear.compile(r"^#{1,6}\s+\S", re.MULTILINE),
    _LINK,
    linear.compile(r"\*\*[^*\n]+\*\*"),
    linear.compile(r"^\s{0,3}>\s", re.MULTILINE),
)


def _emphasised(match) -> str:
    return next(g for g in match.groups() if g is not None)


def looks_like_markdown(text: str) -> bool:
    head = text[:20000]
    return sum(bool(p.search(head)) for p in _SIGNALS) >= 2


def markdown_to_text(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        if _REFERENCE.match(line) or _RULE.match(line):
            lines.append("")
            continue
        heading = _HEADING.match(line)
        line = heading.group(1) if heading else _QUOTE.sub("", line)
        line = _IMAGE.sub("", line)
        line = _LINK.sub(r"\1", line)
        line = _CODE.sub(r"\1", line)
        line = _EMPHASIS.sub(_emphasised, line)
        lines.append(line)
    return "\n".join(lines)
