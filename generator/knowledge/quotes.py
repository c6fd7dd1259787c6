"""Quoted statements and their speakers, as the text attributes them.

A quote is text between quotation marks (curly or straight) of at least MIN_QUOTE_WORDS words.
Its speaker comes from the attribution right after it (“…,” said Liu Guohong / “…,” a
company spokesperson told Reuters / "…" Hikvision said) or right before it (Ma said: “…”). A
paragraph that is only a quote, right after an attributed one, continues the same speaker's
words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..config import Config
from ..records import Person, Quote
from .companies import find_hits
from .people import resolve

MIN_QUOTE_WORDS = 6
"""Shorter quoted runs are scare quotes ("re-education") or titles, not statements."""
MAX_QUOTE_CHARS = 700
_QUOTE = re.compile(r"\u201c(?P<a>[^\u201c\u201d]{20,700})\u201d|\"(?P<b>[^\"\n]{20,700})\"")
_VERB = r"(?:said|says|told|added|wrote|stated|noted|warned|argued|explained|insisted|commented)"
_SPEAKER = r"[A-Za-z][\w.'’&-]{0,30}(?:\s+[\w.'’&-]{1,30}){0,7}?"
# “…,” said Liu Guohong, research director …  /  “…,” a spokesperson told Reuters.
_AFTER_VERB_FIRST = re.compile(
    rf"^\s*,?\s*{_VERB}\s+(?P<speaker>{_SPEAKER})(?=[,.;]|\s+(?:in|on|at|to|of)\s|$)"
)
_AFTER_SPEAKER_FIRST = re.compile(
    rf"^\s*,?\s*(?P<speaker>{_SPEAKER})(?:,[^,]{{1,120}},)?\s+{_VERB}\b"
)
# Ma said: “…”   /   Hikvision said in a statement: “…”
_BEFORE = re.compile(rf"(?P<speaker>{_SPEAKER})\s+{_VERB}(?:\s+[\w ]{{0,30}})?[:,]\s*$")
PRONOUNS = frozenset({"he", "she", "they", "it", "we"})


def find_quotes(
    paragraphs: Sequence[str], people: Sequence[Person], config: Config
) -> tuple[Quote, ...]:
    quotes: list[Quote] = []
    previous_speaker: tuple[str, str] | None = None
    for text in paragraphs:
        found = list(_QUOTE.finditer(text))
        attributed_here: tuple[str, str] | None = None
        for match in found:
            words = (match.group("a") or match.group("b")).strip()
            if len(words.split()) < MIN_QUOTE_WORDS:
                continue
            speaker = _speaker(text, match)
            if speaker is None and attributed_here:
                speaker = attributed_here  # a second quote in the paragraph, same speaker
            if speaker is None and previous_speaker and match.start() == 0:
                speaker = previous_speaker  # a paragraph that continues the last speaker's quote
            if speaker is None:
                continue
            attributed_here = speaker
            quotes.append(_quote(_clean(words), speaker[0], people, config))
        previous_speaker = attributed_here
    return tuple(quotes)


def _quote(words: str, speaker: str, people: Sequence[Person], config: Config) -> Quote:
    """The quote with its speaker's full name and role when a known person says it, and the
    companies named in the quote, the speaker phrase or the role ("… for Uniview")."""
    person = resolve(speaker, people)
    name, role = (person.name, person.role) if person else (speaker, "")
    hits = find_hits(f"{words} | {speaker} | {role}", config)
    companies = tuple(dict.fromkeys(h.company for h in hits))
    return Quote(words, name, role, companies)


def _speaker(text: str, match: re.Match) -> tuple[str, str] | None:
    after = text[match.end() : match.end() + 160]
    before = text[max(0, match.start() - 120) : match.start()]
    found = (
        _AFTER_VERB_FIRST.search(after)
        or _AFTER_SPEAKER_FIRST.search(after)
        or _BEFORE.search(before)
    )
    if not found:
        return None
    speaker = found.group("speaker").strip(" ,")
    if speaker.lower() in PRONOUNS or not speaker:
        return None
    return speaker, ""


def _clean(words: str) -> str:
    words = " ".join(words.split()).rstrip(",")
    if len(words) <= MAX_QUOTE_CHARS:
        return words
    return words[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0] + " …"
