"""Markdown seeds (notes apps, "save as Markdown" extensions) turned into the plain text the parser reads.

Markup is removed, never rendered: a heading becomes its text, a link its words, emphasis its
content, so the same cleaning and metadata cascade applies to every input format.
"""
from __future__ import annotations

import re

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_CODE = re.compile(r"`([^`]+)`")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")

# Signals that a text is Markdown, not plain prose that happens to contain a "#".
_SIGNALS = (re.compile(r"^#{1,6}\s+\S", re.MULTILINE), _LINK, re.compile(r"\*\*[^*\n]+\*\*"),
            re.compile(r"^\s{0,3}>\s", re.MULTILINE))


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
        line = _EMPHASIS.sub(r"\2", line)
        lines.append(line)
    return "\n".join(lines)
