"""A table of phrases found in one pass over a text (Aho-Corasick), never one pattern per phrase.

With 400 publication names and aliases, a pattern per alias per line made a seed of 200,000
short lines cost 80 million searches. The automaton reads each line once, whatever the number
of phrases, and a match counts only on word boundaries, as `(?<!\\w)phrase(?!\\w)` did.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import ahocorasick

FOLD_LONGER_THAN = 4
"""Phrases longer than this match in any case; shorter ones ("AP", "FT", "Vox") only as written."""


@dataclass(frozen=True)
class Entry:
    phrase: str
    value: object


class PhraseTable:
    """Phrases with a value each; `find` yields the entries found on word boundaries in a text."""

    def __init__(self, entries: Iterable[tuple[str, object]]):
        self._folded = ahocorasick.Automaton()
        self._exact = ahocorasick.Automaton()
        for phrase, value in entries:
            if not phrase:
                continue
            folded = len(phrase) > FOLD_LONGER_THAN
            automaton, key = (self._folded, phrase.lower()) if folded else (self._exact, phrase)
            automaton.add_word(key, (*automaton.get(key, ()), Entry(phrase, value)))
        for automaton in (self._folded, self._exact):
            if len(automaton):
                automaton.make_automaton()

    def find(self, text: str) -> Iterator[Entry]:
        for automaton, haystack in ((self._folded, text.lower()), (self._exact, text)):
            if not len(automaton):
                continue
            for end, entries in automaton.iter(haystack):
                start = end - len(_key(entries[0], automaton is self._folded)) + 1
                if _boundary(haystack, start - 1) and _boundary(haystack, end + 1):
                    yield from entries


def _key(entry: Entry, folded: bool) -> str:
    return entry.phrase.lower() if folded else entry.phrase


def _boundary(text: str, index: int) -> bool:
    """No word character at index (or it is outside the text). A hyphen joins a compound word:
    "Half-Time Report" does not name TIME, "AP-NORC poll" not the AP."""
    if index < 0 or index >= len(text):
        return True
    char = text[index]
    return not (char.isalnum() or char in "_-")
