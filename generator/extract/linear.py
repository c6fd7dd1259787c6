"""Regular expressions that run in linear time, whatever the seed text: compiled on RE2.

Python's `re` backtracks: a pattern with adjacent or nested unbounded quantifiers can take hours
on a line a few kilobytes long that almost matches. RE2 (google-re2) runs every pattern as an
automaton, in time linear in the text, and refuses what it cannot do that way (backreferences,
lookaround). A pattern that sees seed text is compiled here; one RE2 refuses fails at import, so
a super-linear pattern can never slip in unnoticed.

Python's meanings are kept where RE2's differ: `\\w` and `\\W` cover every script's letters and
digits (RE2's are ASCII), and the `re` flags become inline flags. (`\\b` stays ASCII in RE2: it
differs from Python's only between a non-ASCII letter and an ASCII one.)
"""

from __future__ import annotations

import re

import re2

_FLAGS = ((re.IGNORECASE, "i"), (re.DOTALL, "s"), (re.MULTILINE, "m"))
# The furniture patterns are long alternations: with RE2's default 8 MB its automaton runs out of
# room on a long line and falls back to a slower (still linear) matcher, logging each time.
_OPTIONS = re2.Options()
_OPTIONS.max_mem = 64 << 20
_OPTIONS.log_errors = False
_WORD = r"\pL\pN_"
_SUPPORTED_FLAGS = re.IGNORECASE | re.DOTALL | re.MULTILINE


class NotLinear(ValueError):
    """A pattern RE2 cannot run in linear time (a backreference, a lookaround ...)."""


def compile(pattern: str, flags: int = 0):
    """The pattern compiled on RE2, with Python's `re` flags and Unicode `\\w`.

    The result has the `re.Pattern` methods the extractors use: search, match, fullmatch, finditer,
    findall, sub, split. Raises NotLinear for a pattern RE2 refuses.
    """
    if flags & ~_SUPPORTED_FLAGS:
        raise NotLinear(f"unsupported flags {flags!r} for {pattern[:60]!r}")
    COMPILED.append((pattern, flags))
    inline = "".join(letter for flag, letter in _FLAGS if flags & flag)
    translated = (f"(?{inline})" if inline else "") + unicode_words(pattern)
    try:
        return Pattern(translated, _OPTIONS)
    except re2.error as exc:
        raise NotLinear(f"not a linear-time pattern ({exc}): {pattern[:80]!r}") from exc


COMPILED: list[tuple[str, int]] = []
"""Every pattern compiled here, as written, with its flags: the property tests replay them on
`re`."""


_NO_MATCH = (-1, -1)


class Pattern(re2._Regexp):
    """An RE2 pattern whose searches cost less on the texts extractors ask about.

    google-re2's wrapper maps every byte offset of a match back to a character offset, through
    several calls per search (about 4 µs of the 6 µs a short line costs). In ASCII text the two
    offsets are the same, so the automaton's spans are used as they come; in other text a search
    that finds nothing (most of them: a line is asked about dozens of patterns) returns at once,
    and only a match takes the wrapper's way. The match objects are the wrapper's own, with the
    same spans, so every caller sees what it saw before.
    """

    __slots__ = ()

    def search(self, text, pos=None, endpos=None):
        return self._first(_UNANCHORED, text, pos, endpos)

    def match(self, text, pos=None, endpos=None):
        return self._first(_ANCHOR_START, text, pos, endpos)

    def fullmatch(self, text, pos=None, endpos=None):
        return self._first(_ANCHOR_BOTH, text, pos, endpos)

    def _first(self, anchor, text, pos, endpos):
        if pos is None and endpos is None and type(text) is str:
            ascii_text = text.isascii()
            encoded = text.encode("ascii" if ascii_text else "utf-8")
            spans = self._regexp.Match(anchor, encoded, 0, len(encoded))
            if spans[0] == _NO_MATCH:
                return None
            if ascii_text:
                return re2._Match(self, text, 0, len(text), spans)
        return next(self._match(anchor, text, pos, endpos), None)

    def _match(self, anchor, text, pos=None, endpos=None):
        if type(text) is str and text.isascii():
            yield from self._match_ascii(anchor, text, pos, endpos)
        else:
            yield from super()._match(anchor, text, pos, endpos)

    def _match_ascii(self, anchor, text: str, pos, endpos):
        """The wrapper's loop over a text whose characters are its bytes (its bytes branch, with
        the str kept as the match's text)."""
        size = len(text)
        pos = 0 if pos is None else max(0, min(pos, size))
        endpos = size if endpos is None else max(0, min(endpos, size))
        if pos > endpos:
            return
        encoded, at = text.encode("ascii"), pos
        while True:
            spans = self._regexp.Match(anchor, encoded, at, endpos)
            if spans[0] == _NO_MATCH:
                return
            yield re2._Match(self, text, pos, endpos, spans)
            if at == endpos:
                return
            at = at + 1 if at == spans[0][1] else spans[0][1]


_UNANCHORED = re2._Anchor.UNANCHORED
_ANCHOR_START = re2._Anchor.ANCHOR_START
_ANCHOR_BOTH = re2._Anchor.ANCHOR_BOTH


class Inside:
    """Matches of `pattern` that are only its group `found`: RE2's stand-in for lookaround.

    RE2 has no lookbehind or lookahead, so the context they would check is matched around the
    group instead, and the match reported is the group: Python's `\\bX(?=Y)` (a Unicode word
    boundary, then Y after X without taking it) is written `(?:^|\\W)(?P<found>X)Y`. A search for
    the next match starts where the group ended, so the context after one match can begin the
    next, as it could with a lookahead.
    """

    def __init__(self, pattern, group: str = "found"):
        self.pattern, self.group = pattern, pattern.groupindex[group]

    def search(self, text: str, pos: int = 0) -> InsideMatch | None:
        match = self.pattern.search(text, pos)
        if match is None:
            return None
        return InsideMatch(text, match.start(self.group), match.end(self.group))

    def finditer(self, text: str):
        pos = 0
        while (match := self.search(text, pos)) is not None:
            yield match
            pos = max(match.end(), match.start() + 1)

    def sub(self, replacement: str, text: str) -> str:
        """Every match replaced by the plain string `replacement` (no group references)."""
        pieces, last = [], 0
        for match in self.finditer(text):
            pieces += [text[last : match.start()], replacement]
            last = match.end()
        return "".join([*pieces, text[last:]])


class InsideMatch:
    """The part of a match that `Inside` reports, with the `re.Match` methods its callers use."""

    def __init__(self, text: str, start: int, end: int):
        self.string, self._start, self._end = text, start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def span(self) -> tuple[int, int]:
        return self._start, self._end

    def group(self, index: int = 0) -> str:
        if index != 0:
            raise IndexError("an Inside match has only group 0")
        return self.string[self._start : self._end]


class Unless:
    """`pattern`, in a text where `forbidden` matches nowhere: RE2's stand-in for
    `^(?!.*forbidden)`."""

    def __init__(self, pattern, forbidden):
        self.pattern, self.forbidden = pattern, forbidden

    def search(self, text: str):
        # The pattern first: it is the rarer match ("market ticker": two percentages), while the
        # forbidden one matches most lines (a prose word), so most lines are answered by one search.
        match = self.pattern.search(text)
        return None if match is None or self.forbidden.search(text) else match


class FirstOf:
    """The first of several rules that matches, as one rule with one name."""

    def __init__(self, *rules):
        self.rules = rules

    def search(self, text: str):
        return next((m for m in (rule.search(text) for rule in self.rules) if m is not None), None)


class RuleSet:
    """Many rules asked of one text in one pass: RE2's Set, an automaton for all of them at once
    that reports which matched (without where, which is what makes it cheap).

    Rules are patterns, Inside (its pattern decides whether it matches), Unless and FirstOf. For
    the last two the set only says whether one of their patterns matched, and the rule itself is
    then asked. `anchored` asks `match` (at the start) instead of `search`, for patterns only.

    A set never misses a match silently: RE2 refuses to compile one its memory cannot run, and at
    match time a set's automaton, unlike a single pattern's, never gives up on a costly text (it
    clears its cache and goes on), so it stays linear in the text.
    """

    def __init__(self, rules, anchored: bool = False):
        self.rules = tuple(rules)
        self._set = re2.Set.MatchSet(_OPTIONS) if anchored else re2.Set.SearchSet(_OPTIONS)
        self._owner: list[int] = []
        for index, rule in enumerate(self.rules):
            if anchored and not isinstance(rule, Pattern):
                raise TypeError(f"an anchored set takes patterns only: {rule!r}")
            for source in _sources([rule]):
                self._set.Add(source)
                self._owner.append(index)
        self._set.Compile()
        self._exact = [isinstance(rule, (Pattern, Inside)) for rule in self.rules]
        self._all_exact = all(self._exact)

    def matching(self, text: str) -> list[int]:
        """The positions in `rules` of the rules that match `text`, in order."""
        found = self._set.Match(text)
        if not found:
            return []
        hits = sorted({self._owner[k] for k in found})
        return [i for i in hits if self._exact[i] or self.rules[i].search(text) is not None]

    def any(self, text: str) -> bool:
        """Whether one of the rules matches `text`."""
        if self._all_exact:
            return bool(self._set.Match(text))
        return bool(self.matching(text))


def _sources(rules) -> list[str]:
    """The RE2 patterns (as compiled, flags inline) whose matches a rule's matches need."""
    sources = []
    for rule in rules:
        if isinstance(rule, Pattern):
            sources.append(rule.pattern)
        elif isinstance(rule, (Inside, Unless)):
            sources += _sources([rule.pattern])
        elif isinstance(rule, FirstOf):
            sources += _sources(rule.rules)
        else:
            raise TypeError(f"not a linear rule: {rule!r}")
    return sources


# Letters, written as Python writes them (a word character that is not a digit): RE2 cannot
# subtract classes, so these two classes are translated whole. (Python's `\\d` is a decimal digit,
# Nd; its `\\w` is a letter, any numeric or `_`.)
_LETTER_CLASSES = {
    r"[^\W\d_]": r"[\pL\p{Nl}\p{No}]",
    r"[^\W\d]": r"[\pL\p{Nl}\p{No}_]",
}


def unicode_words(pattern: str) -> str:
    """`\\w` and `\\W` written as RE2 Unicode classes, inside and outside character classes."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            escape = pattern[i + 1]
            if escape == "w":
                out.append(_WORD if in_class else f"[{_WORD}]")
            elif (
                escape == "u"
                and pattern[i + 2 : i + 6].isalnum()
                and len(pattern[i + 2 : i + 6]) == 4
            ):
                out.append(f"\\x{{{pattern[i + 2 : i + 6]}}}")  # Python's \u00C0 is RE2's \x{00C0}
                i += 6
                continue
            elif escape == "W" and not in_class:
                out.append(f"[^{_WORD}]")
            elif escape == "W":
                raise NotLinear(f"\\W inside a character class is not supported: {pattern[:80]!r}")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        letters = next((c for c in _LETTER_CLASSES if pattern.startswith(c, i)), None)
        if letters and not in_class:
            out.append(_LETTER_CLASSES[letters])
            i += len(letters)
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            # a `]` or `^]` right after the opening bracket is a literal, not the end of the class
            for literal in ("^]", "]", "^"):
                if pattern.startswith(literal, i + 1):
                    out.append(literal)
                    i += len(literal)
                    break
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        else:
            out.append(char)
        i += 1
    return "".join(out)


def find_closing(lower: str, name: str, start: int, memo: dict[str, int]) -> int:
    """Where `</name` first appears in `lower` (lowercased markup) at or after start, or -1.

    The memo remembers the last answer per element name, so asking for every one of 60,000
    unclosed `<script>` tags costs one scan of the page, not one scan per tag; `start` must
    therefore never decrease between calls with one memo.
    """
    known = memo.get(name)
    if known is not None and (known == -1 or known >= start):
        return known
    tag = f"</{name}"
    found = lower.find(tag, start)
    while found >= 0 and lower[found + len(tag) : found + len(tag) + 1] not in _TAG_END:
        found = lower.find(tag, found + 1)  # `</p` of a `</pre>` does not close a `<p>`
    memo[name] = found
    return found


_TAG_END = frozenset(" \t\n\r\f>/")
