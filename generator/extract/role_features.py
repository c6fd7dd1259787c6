"""Features of each line of a seed's text, for the line-role model (roles.py).

A line is described by where it sits, how long it is, how it is capitalised and punctuated, how
often it repeats, how many of its words the lead paragraph shares, and what today's named rules
say about it (a byline shape, a date, a furniture phrase, a known publication). Its neighbours'
main features are copied in with a position prefix, so the sequence model sees a line's context.
All features are strings or booleans, so the model file holds no floats from the text.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import ahocorasick

from ..config import Config
from .metadata import parse_date
from .metadata.publication_table import Publications, once_per_table
from .parse import furniture_reason, has_date, is_byline, words

# Bucket edges: a feature names the first edge its value is under.
WORD_BUCKETS = (2, 3, 5, 9, 16, 26, 51)
LEAD_MIN_WORDS = 25
"""The lead paragraph is the first line of running prose this long."""
CONTENT_WORD_MIN = 4
"""Words shorter than this (articles, prepositions) do not count for overlap with the lead."""
NEIGHBOUR_OFFSETS = (-2, -1, 1, 2)
NEIGHBOUR_KEYS = ("words", "caps", "end", "byline", "date", "furniture", "prose", "first")
CUE_MAX_CHARS = 12
"""The first word is a feature only when it is a short word (By, Photo, Share, Published …)."""
FEATURE_CHARS = 2_000
"""A line's features are read from at most its first this many characters (its length and its
last character excepted): every bucket tops out long before, and so a 2 MB one-line seed costs
what a news story does. The longest line of the labelled set has 737."""
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = (".", "!", "?", "”", '"', "’")


def bucket(value: float, edges: tuple[int, ...]) -> str:
    return next((f"<{edge}" for edge in edges if value < edge), f">={edges[-1]}")


@lru_cache(maxsize=8)
def _publication_automaton(names: tuple[str, ...]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name, name)
    automaton.make_automaton()
    return automaton


def publication_names(config: Config) -> tuple[str, ...]:
    """Every publication name and alias of the table, case-folded, longest first; built once per
    publication table (found by its identity: hashing the table cost more than the lookup)."""
    return _names_of(config.publications)


@once_per_table
def _names_of(table: Publications) -> tuple[str, ...]:
    names = {n.casefold() for p in table for n in (p.name, *p.aliases) if len(n) >= 3}
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


def names_publication(line: str, names: tuple[str, ...]) -> bool:
    """The line mentions a known publication as whole words."""
    if not names:
        return False
    low = line.casefold()
    for end, name in _publication_automaton(names).iter(low):
        start = end - len(name) + 1
        before = low[start - 1] if start else " "
        after = low[end + 1] if end + 1 < len(low) else " "
        if not before.isalnum() and not after.isalnum():
            return True
    return False


def _content_words(line: str) -> set[str]:
    return _content_of(_WORD.findall(line))


def _content_of(tokens: list[str]) -> set[str]:
    return {w.casefold() for w in tokens if len(w) >= CONTENT_WORD_MIN}


def _caps(line: str, tokens: list[str]) -> str:
    """`tokens` are the line's words (_WORD), found once for this and for its content words."""
    if line.isupper():  # every cased letter is a capital
        return "upper"
    if not tokens:
        return "none"
    share = sum(t[0].isupper() for t in tokens) / len(tokens)
    return "title" if share >= 0.7 else "some" if share >= 0.3 else "lower"


def _ending(line: str) -> str:
    last = line.rstrip()[-1:]
    if line.rstrip().endswith(_SENTENCE_END):
        return "sentence"
    return {":": "colon", "|": "pipe", ")": "paren"}.get(
        last, "digit" if last.isdigit() else "other"
    )


def _digit_count(line: str) -> int:
    """The characters of the line that are digits (str.isdigit); in ASCII text only 0-9 are, and
    counting each of them in C costs a fifth of a loop over every character."""
    if line.isascii():
        return sum(line.count(digit) for digit in "0123456789")
    return sum(map(str.isdigit, line))


def _first_word(line: str) -> str:
    token = line.split(maxsplit=1)[0].strip(":,.|()[]").casefold() if line.split() else ""
    return token if token.isalpha() and len(token) <= CUE_MAX_CHARS else "-"


def _lead_index(lines: list[str]) -> int | None:
    return next(
        (
            i
            for i, line in enumerate(lines)
            if words(line[:FEATURE_CHARS]) >= LEAD_MIN_WORDS
            and line.rstrip().endswith(_SENTENCE_END)
        ),
        None,
    )


def _own(
    lines: list[str],
    i: int,
    gaps: list[bool],
    counts: Counter,
    lead: int | None,
    lead_words: set[str],
    pubs: tuple[str, ...],
) -> dict[str, str | bool]:
    whole = lines[i]
    content, intrinsic = _of_line(whole, pubs)
    overlap = len(content & lead_words) / max(1, len(content))
    return {
        "first_line": i == 0,
        "top3": i < 3,
        "top8": i < 8,
        "top20": i < 20,
        "last3": len(lines) - 1 - i < 3,
        "decile": str(min(9, 10 * i // max(1, len(lines)))),
        **intrinsic[0],
        "repeats": bucket(counts[whole.casefold()] - 1, (1, 2)),
        "lead_rel": "none" if lead is None else bucket(i - lead, (-5, -2, -1, 0, 1, 4)),
        "lead_overlap": bucket(int(overlap * 10), (1, 3, 6))
        if lead is not None and i != lead
        else "-",
        "gap_before": gaps[i],
        "gap_after": gaps[i + 1] if i + 1 < len(gaps) else True,
        **intrinsic[1],
    }


def _of_line(whole: str, pubs: tuple[str, ...]) -> tuple[set[str], tuple[dict, dict]]:
    """The features of a line that depend on its text alone (split where the position features
    go between them, so the mapping keeps its order), and its content words; remembered per
    line, as a seed's lines are read twice (for the title, for the byline) and page furniture
    repeats across seeds."""
    memo = _LINE_MEMO.setdefault(id(pubs), (pubs, {}))[1]
    known = memo.get(whole)
    if known is None:
        if len(memo) >= _LINE_MEMO_SIZE:
            memo.clear()
        known = memo[whole] = _line_own(whole, pubs)
    return known


_LINE_MEMO: dict[int, tuple[tuple[str, ...], dict]] = {}
"""Per publication-name table (kept alive beside its id): line -> its text's features."""
_LINE_MEMO_SIZE = 1 << 15


def _line_own(whole: str, pubs: tuple[str, ...]) -> tuple[set[str], tuple[dict, dict]]:
    line = whole[:FEATURE_CHARS]
    tokens = _WORD.findall(line)
    n = words(line)
    furniture = furniture_reason(line)
    dated = has_date(line)
    before = {
        "words": bucket(n, WORD_BUCKETS),
        "chars": bucket(len(whole), (20, 40, 80, 160, 320)),
        "caps": _caps(line, tokens),
        "end": _ending(whole),
        "first": _first_word(line),
        "digits": bucket(_digit_count(line) * 10 // max(1, len(line)), (1, 2, 4)),
        "has_pipe": "|" in line,
        "has_bullet": any(c in line for c in "•·"),
        "has_copyright": "©" in line or "copyright" in line.casefold(),
        "has_url": "http" in line or "www." in line,
        "has_at": "@" in line,
        "has_quote": any(c in line for c in '“”"'),
        "opens_paren": line.startswith(("(", "[")),
    }
    after = {
        "byline": is_byline(line),
        "date": dated,
        "date_parsed": dated and n <= 20 and parse_date(line) is not None,
        "furniture": furniture or "-",
        "publication": names_publication(line, pubs),
        "prose": n >= LEAD_MIN_WORDS or (n >= 12 and whole.rstrip().endswith(_SENTENCE_END)),
    }
    return frozenset(_content_of(tokens)), (before, after)


def text_lines(text: str) -> tuple[list[str], list[bool]]:
    """The non-blank lines of a text, stripped, and for each whether a blank line preceded it."""
    lines, gaps, blank = [], [], True
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            blank = True
            continue
        lines.append(line)
        gaps.append(blank)
        blank = False
    return lines, gaps


def line_features(
    lines: list[str], gaps: list[bool], config: Config
) -> list[dict[str, str | bool]]:
    """One feature mapping per line, with the main features of neighbouring lines prefixed by
    their offset ('-1:caps', '+2:byline')."""
    counts = Counter(line.casefold() for line in lines)
    lead = _lead_index(lines)
    lead_words = _content_words(lines[lead][:FEATURE_CHARS]) if lead is not None else set()
    pubs = publication_names(config)
    own = [_own(lines, i, gaps, counts, lead, lead_words, pubs) for i in range(len(lines))]
    result = []
    for i, features in enumerate(own):
        merged = {"bias": True, **features}
        for offset, (prefixed, edge) in _PREFIXED.items():
            j = i + offset
            if 0 <= j < len(own):
                merged.update({name: own[j][key] for name, key in prefixed})
            else:
                merged[edge] = True
        result.append(merged)
    return result


_PREFIXED = {
    offset: (tuple((f"{offset:+d}:{key}", key) for key in NEIGHBOUR_KEYS), f"{offset:+d}:edge")
    for offset in NEIGHBOUR_OFFSETS
}
"""Per neighbour offset: (prefixed name, own feature) pairs and the name of the edge flag, named
once rather than for every line."""


def as_crfsuite(features: dict[str, str | bool]) -> list[str]:
    """crfsuite's item form: 'name=value' strings for values, 'name' for true flags, sorted."""
    items = []
    for name in sorted(features):  # names are unique: sorting them alone sorts the items
        value = features[name]
        if value is True:
            items.append(name)
        elif value is not False:
            items.append(f"{name}={value}")
    return items
