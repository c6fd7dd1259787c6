"""Cheap sentence boundaries for the enrichment stage: which sentence holds a given position.

Enrichment only needs the sentence around a company mention, a figure or a quote, so a linear
scan for sentence-ending punctuation is enough; the summary's segmentation (sentencex) is
slower and not needed here.
"""

from __future__ import annotations

import re

# A sentence ends at . ! or ? (maybe followed by a closing quote or bracket) before whitespace and
# a capital, a digit or an opening quote.
_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]?\s+(?=[\"'\u201c\u2018(\[A-Z0-9])")
# Abbreviations that end with a full stop without ending the sentence.
ABBREVIATIONS = frozenset(
    {
        "u.s",
        "u.k",
        "mr",
        "mrs",
        "ms",
        "dr",
        "no",
        "st",
        "inc",
        "corp",
        "co",
        "ltd",
        "jr",
        "sr",
        "gen",
        "sen",
        "rep",
        "gov",
        "e.g",
        "i.e",
        "vs",
        "jan",
        "feb",
        "aug",
        "sept",
        "oct",
        "nov",
        "dec",
    }
)
MAX_SENTENCE_CHARS = 600
"""Longer runs without an end are cut, so a page never quotes a whole unpunctuated paragraph."""


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one paragraph."""
    spans, start = [], 0
    for match in _END.finditer(text):
        word = text[max(start, match.start() - 5) : match.start()].rsplit(" ", 1)[-1].lower()
        if word in ABBREVIATIONS or len(word) == 1 and word.isalpha():
            continue
        spans.append((start, match.start() + 1 + len(match.group().rstrip()) - 1))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def sentence_at(text: str, position: int, spans: list[tuple[int, int]] | None = None) -> str:
    """The sentence of `text` that contains `position`, trimmed to MAX_SENTENCE_CHARS."""
    for start, end in spans if spans is not None else sentence_spans(text):
        if start <= position < end:
            return _trim(text[start:end].strip())
    return _trim(text.strip())


def _trim(sentence: str) -> str:
    if len(sentence) <= MAX_SENTENCE_CHARS:
        return sentence
    return sentence[:MAX_SENTENCE_CHARS].rsplit(" ", 1)[0] + " …"
