"""Which companies an article names, and whether it is about them or names them in passing.

The gazetteer is the config's aliases. One Aho-Corasick automaton per config finds them all in a
single pass over each paragraph; the longest alias wins where names overlap, on word boundaries,
with case rules for aliases that are short or everyday words. Spelling variants ("Hikvison") are
found with rapidfuzz among the capitalised words the gazetteer did not match.

A mention is passing when a named rule says so (a photo credit, a cited outlet or research firm,
a related-link headline, an aside in an "including ..." list); a company is substantive when at
least one of its mentions is not passing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import wraps
from typing import TypeVar

import ahocorasick
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from ..config import Config
from ..records import Mention
from .sentences import sentence_at, sentence_spans

SHORT_ALIAS = 4
"""Aliases this short ("ZTE", "DJI") must match case exactly, or "zte" in a URL would count."""
EVERYDAY_WORDS = frozenset(
    {
        "apple",
        "amazon",
        "oracle",
        "micron",
        "intel",
        "arm",
        "meta",
        "alphabet",
        "square",
        "shell",
        "visa",
        "target",
        "google",
        "vivo",
        "honor",
    }
)
"""Aliases that are also ordinary words (or often written in lower case in URLs and handles): they
count only when written with a capital, so "an apple" and "honor the deal" are not mentions."""
FUZZY_MIN_LENGTH = 7
"""Shorter names are too close to ordinary words ("Micron"/"Macron") to match approximately."""
FUZZY_LONG = 10
"""From this length two edits are allowed, below it one."""
_CAPITALISED_WORD = re.compile(r"\b[A-Z][A-Za-z]{6,24}\b")
# A heading or related-link line: no sentence punctuation at its end and at most this many words.
HEADLINE_MAX_WORDS = 16
_SENTENCE_END = re.compile(r"[.!?:;\"\u201d)]\s*$")


@dataclass(frozen=True)
class Hit:
    """One company mention in one paragraph."""

    company: str
    start: int
    end: int
    """Exclusive end offset."""
    fuzzy: bool = False


@dataclass(frozen=True)
class PassingRule:
    """A named reason for a mention not to make the article about the company."""

    name: str
    before: re.Pattern | None = None
    """Matched against the sentence text just before the mention (anchored at its end)."""
    after: re.Pattern | None = None
    """Matched against the text just after the mention (anchored at its start)."""
    example: str = ""
    needs_list: bool = False
    """Only when the mention is one item of a comma-separated list (three or more names)."""


WINDOW = 80
"""Characters of context either side of a mention that the passing rules look at."""

PASSING_RULES: tuple[PassingRule, ...] = (
    PassingRule(
        "photo credit",
        before=re.compile(
            r"(?:photo|photograph|image|picture|illustration|credit|video)s?(?:\s+by)?\s*[:|/]\s*"
            r"(?:[A-Z][\w.&'-]{0,30}\s+){0,3}$",
            re.IGNORECASE,
        ),
        example="China’s ambitions are seen as a threat. Photo: Reuters",
    ),
    PassingRule(
        "cited source",
        before=re.compile(
            r"\b(?i:according\s+to|citing|cited\s+by|told|data\s+from|figures\s+from|"
            r"estimates?\s+(?:from|by)|(?:report|study|survey|note|analysis|"
            r"ranking)\s+(?:by|from|of)|"
            r"posted\s+(?:a\s+)?(?:\w{1,20}\s+)?on|"
            r"statement\s+on)\s+(?:[a-z][\w-]{0,30}\s+){0,4}$"
        ),
        example="owning 38% of the market, according to a research report by IHS Markit",
    ),
    PassingRule(
        "cited outlet",
        after=re.compile(r"^\s*(?:reported|reports)\b(?!\s+(?:revenue|profit|sales|a\s))"),
        example="Bloomberg reported, citing people familiar with the matter",
    ),
    PassingRule(
        "in parentheses",
        before=re.compile(r"\(\s*$"),
        after=re.compile(r"^\s*\)"),
        example="Huawei says the ban will hurt US 5G (CNET)",
    ),
    # The comma before the marker makes it an aside ("Many firms, including A, B and C, ...");
    # without it the list is what the sentence is about ("Chipmakers including Intel and AMD
    # stopped ...").
    PassingRule(
        "aside in a list",
        before=re.compile(
            r",\s+(?:including|such\s+as|like|among\s+them|e\.g\.,?)\s+"
            r"(?:[\w&'’.-]{1,30},?\s+){0,8}$"
        ),
        example="companies, including internet giants Baidu, Tencent Holdings and Alibaba",
        needs_list=True,
    ),
)
"""Applied in order; the first that fires names the reason. A related link is decided per
paragraph (`is_headline_line`)."""
RELATED_LINK = "related link"
HEADER_KINDS = ("title", "subtitle")


T = TypeVar("T")
PER_CONFIG_CACHE = 8


def per_config(build: Callable[[Config], T]) -> Callable[[Config], T]:
    """Cache what `build` makes from a config, keyed by the config object itself.

    A Config is a frozen dataclass whose hash walks every company and topic, so `lru_cache` on it
    would cost more than the matching it saves when asked once per paragraph.
    """
    cache: dict[int, tuple[Config, T]] = {}

    @wraps(build)
    def cached(config: Config) -> T:
        hit = cache.get(id(config))
        if hit is None or hit[0] is not config:
            if len(cache) >= PER_CONFIG_CACHE:
                cache.clear()
            hit = cache[id(config)] = (config, build(config))
        return hit[1]

    return cached


@per_config
def _automaton(config: Config) -> ahocorasick.Automaton:
    """Lower-cased alias -> (length, ((company, alias as written), ...))."""
    table: dict[str, list[tuple[str, str]]] = {}
    for company in config.companies:
        for alias in company.aliases:
            table.setdefault(alias.lower(), []).append((company.name, alias))
    automaton = ahocorasick.Automaton()
    for phrase, owners in table.items():
        automaton.add_word(phrase, (len(phrase), tuple(owners)))
    if table:
        automaton.make_automaton()
    return automaton


def case_ok(alias: str, written: str) -> bool:
    """The case rules: short or all-capital aliases match exactly; everyday words need a capital."""
    if len(alias) <= SHORT_ALIAS or alias.isupper():
        return written == alias
    if alias.lower() in EVERYDAY_WORDS:
        return written[:1].isupper()
    return True


def on_boundaries(text: str, start: int, end: int) -> bool:
    """Not inside a longer word; a trailing plural `s` ("DJIs") still counts."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if after == "s":
        after = text[end + 1] if end + 1 < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def find_hits(text: str, config: Config) -> list[Hit]:
    """Exact (gazetteer) mentions in one paragraph, in text order; the longest wins an overlap."""
    automaton = _automaton(config)
    if not len(automaton):
        return []
    lowered = text.lower()
    found = []
    for last, (length, owners) in automaton.iter(lowered):
        start, end = last - length + 1, last + 1
        if on_boundaries(lowered, start, end):
            found.append((start, end, owners))
    hits: list[Hit] = []
    taken_until = -1
    for start, end, owners in sorted(found, key=lambda m: (m[0], -m[1])):
        if start < taken_until:
            continue
        written = text[start:end]
        names = [name for name, alias in owners if case_ok(alias, written)]
        if names:
            hits.append(Hit(names[0], start, end))
            taken_until = end
    return hits


@per_config
def _fuzzy_table(config: Config) -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str], dict]:
    """Single-word aliases long enough to match approximately, their companies, every alias
    word, and a memo of words already looked up."""
    words, owners, exact = [], [], set()
    for company in config.companies:
        for alias in company.aliases:
            exact.update(alias.lower().split())
            long_word = " " not in alias and len(alias) >= FUZZY_MIN_LENGTH
            if long_word and alias.lower() not in EVERYDAY_WORDS:
                words.append(alias.lower())
                owners.append(company.name)
    return tuple(words), tuple(owners), frozenset(exact), {}


FUZZY_MEMO = 65536
"""Words remembered per config; capitalised words repeat across articles."""


def _fuzzy_owner(word: str, config: Config) -> str | None:
    words, owners, exact, memo = _fuzzy_table(config)
    if word in memo:
        return memo[word]
    owner = None
    if word not in exact and words:
        cutoff = 2 if len(word) >= FUZZY_LONG else 1
        best = process.extractOne(word, words, scorer=Levenshtein.distance, score_cutoff=cutoff)
        if best is not None and best[0][0] == word[0]:
            owner = owners[best[2]]
    if len(memo) >= FUZZY_MEMO:
        memo.clear()
    memo[word] = owner
    return owner


def find_fuzzy_hits(text: str, config: Config, exact: Sequence[Hit]) -> list[Hit]:
    """Capitalised words outside exact mentions that are one or two edits from a long alias."""
    hits = []
    for match in _CAPITALISED_WORD.finditer(text):
        if any(h.start <= match.start() < h.end for h in exact):
            continue
        owner = _fuzzy_owner(match.group().lower(), config)
        if owner:
            hits.append(Hit(owner, match.start(), match.end(), fuzzy=True))
    return hits


def is_headline_line(text: str) -> bool:
    """A short line without closing punctuation: a related-link headline or list item, not prose."""
    return len(text.split()) <= HEADLINE_MAX_WORDS and not _SENTENCE_END.search(text)


def passing_reason(text: str, hit: Hit, sentence_start: int) -> str:
    """The name of the first passing rule the mention meets, or "" when it is substantive."""
    before = text[max(sentence_start, hit.start - WINDOW) : hit.start]
    after = text[hit.end : hit.end + WINDOW]
    for rule in PASSING_RULES:
        if rule.before is not None and not rule.before.search(before):
            continue
        if rule.after is not None and not rule.after.search(after):
            continue
        if rule.needs_list and not _in_list(before, after):
            continue
        return rule.name
    return ""


_LIST_MARKER = re.compile(r"\b(?:including|such\s+as|like|among\s+them|e\.g\.)\s")


def _in_list(before: str, after: str) -> bool:
    """A comma between the list's marker and the mention, or right after it: "A, B and C"."""
    marker = None
    for marker in _LIST_MARKER.finditer(before):
        pass
    tail = before[marker.end() :] if marker else before
    return "," in tail or after.lstrip().startswith(",")


@per_config
def _config_order(config: Config) -> dict[str, int]:
    """Each company's place in digest.yml, which breaks ties between equally mentioned ones."""
    return {c.name: i for i, c in enumerate(config.companies)}


def company_mentions(paragraphs: Sequence[tuple[str, str]], config: Config) -> tuple[Mention, ...]:
    """Mentions per company over (kind, text) paragraphs; most mentioned first, then config order.

    Kind `p` is body prose; `h` a subheading; `title` and `subtitle` the header. A related-link
    line is a short `p` paragraph without closing punctuation.
    """
    counts: dict[str, int] = {}
    first: dict[str, str] = {}
    substantive: dict[str, str] = {}
    reasons: dict[str, str] = {}
    fuzzy_only: dict[str, bool] = {}
    for kind, text in paragraphs:
        exact = find_hits(text, config)
        hits = sorted([*exact, *find_fuzzy_hits(text, config, exact)], key=lambda h: h.start)
        if not hits:
            continue
        spans = sentence_spans(text)
        related = kind == "p" and is_headline_line(text)
        for hit in hits:
            counts[hit.company] = counts.get(hit.company, 0) + 1
            fuzzy_only[hit.company] = fuzzy_only.get(hit.company, True) and hit.fuzzy
            if substantive.get(hit.company):
                continue  # already about it, with its sentence: later mentions change nothing
            sentence = sentence_at(text, hit.start, spans)
            first.setdefault(hit.company, sentence)
            start = next((s for s, e in spans if s <= hit.start < e), 0)
            reason = passing_reason(text, hit, start) or (RELATED_LINK if related else "")
            if reason:
                reasons.setdefault(hit.company, reason)
            elif kind in HEADER_KINDS:
                substantive.setdefault(hit.company, "")  # named in the headline: about it
            elif not substantive.get(hit.company):
                substantive[hit.company] = sentence  # the body sentence shown on the company page
    order = _config_order(config)
    names = sorted(counts, key=lambda n: (n not in substantive, -counts[n], order[n]))
    return tuple(
        Mention(
            n,
            counts[n],
            substantive.get(n) or first[n],
            n in substantive,
            "" if n in substantive else reasons[n],
            fuzzy_only[n],
        )
        for n in names
    )
