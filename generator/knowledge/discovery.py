"""Discovery: organisations that look like companies but are not in digest.yml.

Per article, three named rules collect candidates: a legal suffix ("Pinsent Masons LLP",
"Tencent Holdings"), "X-based Y maker Name", and a company word before a capitalised run
("law firm Pinsent Masons"). Across all articles they are counted, given an example sentence and a
ready-to-paste digest.yml snippet for the build report, so adding one is a single edit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import yaml

from ..config import Config
from ..records import Article, Candidate
from .companies import per_config
from .prefilter import finditer_where_needed
from .sentences import sentence_at, sentence_spans

_WORD = r"[A-Z][\w&'’-]{1,30}"
_RUN = rf"{_WORD}(?:\s{_WORD}){{0,4}}"
LEGAL_SUFFIXES = (
    "Co., Ltd.",
    "Co. Ltd.",
    "Co Ltd",
    "Co.",
    "Co",
    "Corp.",
    "Corp",
    "Corporation",
    "Inc.",
    "Inc",
    "Ltd.",
    "Ltd",
    "Limited",
    "LLC",
    "LLP",
    "PLC",
    "plc",
    "GmbH",
    "AG",
    "S.A.",
    "N.V.",
    "Holdings",
    "Group",
    "Technologies",
    "Technology",
)
_SUFFIX = "|".join(re.escape(s) for s in sorted(LEGAL_SUFFIXES, key=len, reverse=True))
COMPANY_WORDS = (
    "company",
    "firm",
    "maker",
    "manufacturer",
    "supplier",
    "chipmaker",
    "startup",
    "start-up",
    "giant",
    "rival",
    "conglomerate",
    "operator",
    "vendor",
    "carrier",
    "retailer",
    "bank",
    "law firm",
    "research firm",
    "consultancy",
    "contractor",
    "developer",
)
_COMPANY_WORD = "|".join(re.escape(w) for w in sorted(COMPANY_WORDS, key=len, reverse=True))


@dataclass(frozen=True)
class DiscoveryRule:
    name: str
    pattern: re.Pattern
    example: str
    needs: tuple[str, ...] = ()
    """Every match holds one of these strings (see prefilter). Empty: always searched."""

    def finditer(self, text: str):
        return finditer_where_needed(self.pattern, self.needs, text)


DISCOVERY_RULES: tuple[DiscoveryRule, ...] = (
    DiscoveryRule(
        "legal suffix",
        re.compile(rf"\b(?P<name>{_RUN}\s(?:{_SUFFIX}))(?=[\s,;:)]|$)"),
        "Tencent Holdings",
    ),
    DiscoveryRule(
        "X-based maker",
        re.compile(
            rf"\b[A-Z][\w-]{{1,20}}-based\s(?:[a-z][\w-]{{1,20}}\s){{0,3}}?(?:{_COMPANY_WORD})"
            rf"\s(?P<name>{_RUN})"
        ),
        "Shenzhen-based drone maker DJI",
        needs=("-based",),
    ),
    DiscoveryRule(
        "company word",
        re.compile(rf"\b(?:{_COMPANY_WORD})\s(?P<name>{_RUN})"),
        "international law firm Pinsent Masons",
        needs=COMPANY_WORDS,
    ),
)
NOT_COMPANY_WORDS = frozenset(
    {
        "The",
        "This",
        "That",
        "A",
        "An",
        "In",
        "On",
        "US",
        "U.S.",
        "China",
        "Chinese",
        "American",
        "Beijing",
        "Washington",
        "It",
        "He",
        "She",
        "They",
        "We",
        "But",
        "And",
        "Commerce",
        "Department",
        "Ministry",
        "Government",
        "State",
        "Party",
        "University",
        "Institute",
        "Council",
        "Committee",
        "Bureau",
        "Agency",
        "Commission",
        "Office",
        "House",
        "Senate",
        "Congress",
        "Security",
        "Public",
        "Communist",
        "People’s",
        "People's",
        "Liberation",
        "Army",
        "Xinjiang",
        "Technology",
        "Technologies",
        "Group",
        "Holdings",
        "Last",
        "Many",
        "Some",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    }
)
"""Words a candidate may not start with: they begin sentences, or name governments and bodies."""
LEADING_WORDS = frozenset(
    {
        "At",
        "Unlike",
        "Like",
        "For",
        "With",
        "From",
        "By",
        "Both",
        "Rival",
        "Rivals",
        "While",
        "After",
        "When",
        "As",
        "Its",
        "Their",
        "Including",
        "Under",
        "Via",
        "Of",
        "The",
        "A",
        "An",
        "In",
        "On",
        "But",
        "And",
        "Last",
        "Many",
        "Some",
        "This",
        "That",
    }
)
"""Sentence words dropped from the front of a candidate ("At Tokyo Electron Ltd")."""
GENERIC_WORDS = frozenset(
    {
        "Information",
        "Security",
        "Digital",
        "Electronics",
        "Science",
        "Network",
        "Networks",
        "Communications",
        "Industrial",
        "International",
        "Global",
        "National",
        "Advanced",
        "Media",
        "Semiconductor",
        "Internet",
        "Data",
        "Software",
        "Systems",
        "Energy",
    }
)
"""A name made only of these and legal suffixes ("Information Technology") is a field, not a
firm."""
MAX_CANDIDATES = 40
"""Listed in the build report, most frequent first."""


def find_candidates(
    paragraphs: Sequence[str], config: Config, known: Iterable[str] = ()
) -> tuple[Candidate, ...]:
    """Company-like names in one article that are no company's alias, publication or person."""
    known_names = _known(config) | {k.casefold() for k in known}
    found: dict[str, Candidate] = {}
    for text in paragraphs:
        spans = None
        for rule in DISCOVERY_RULES:
            for match in rule.finditer(text):
                name = _tidy(match.group("name"))
                if not name or _is_generic(name) or _is_known(name, known_names):
                    continue
                spans = spans if spans is not None else sentence_spans(text)
                sentence = sentence_at(text, match.start("name"), spans)
                found.setdefault(name, Candidate(name, rule.name, sentence))
    return tuple(sorted(found.values(), key=lambda c: c.name))


def _tidy(name: str) -> str:
    """Without leading sentence words and possessives ("China’s Wingtech" -> "Wingtech")."""
    words = name.strip(" .,;’'").split()
    while words and (words[0] in LEADING_WORDS or words[0].endswith(("'s", "’s"))):
        words = words[1:]
    name = " ".join(words)
    if not words or words[0] in NOT_COMPANY_WORDS or len(name) < 3:
        return ""
    return name


def _is_generic(name: str) -> bool:
    return all(w in GENERIC_WORDS or w in LEGAL_SUFFIXES for w in name.split())


@per_config
def _known(config: Config) -> frozenset[str]:
    """Every company alias, publication name and alias, case-folded: built once per config (it
    cost a tenth of a millisecond per article, rebuilt for each)."""
    names = {a.casefold() for c in config.companies for a in c.aliases}
    names |= {p.name.casefold() for p in config.publications}
    names |= {a.casefold() for p in config.publications for a in p.aliases}
    return frozenset(names)


def _is_known(name: str, known: frozenset[str]) -> bool:
    """Known as written, or once legal suffixes are stripped one by one ("SZ DJI Technology Co.
    Ltd")."""
    words = name.split()
    while words:
        if " ".join(words).casefold() in known:
            return True
        if words[-1] not in LEGAL_SUFFIXES and " ".join(words[-2:]) not in LEGAL_SUFFIXES:
            break
        words = words[:-1]
    return any(w in known and len(w) > 4 for w in name.casefold().split())


def base_name(name: str) -> str:
    """The name without its legal suffix: "Tencent Holdings" -> "Tencent"."""
    words = name.split()
    while len(words) > 1 and any(" ".join(words[-n:]) in LEGAL_SUFFIXES for n in (1, 2)):
        words = words[:-2] if " ".join(words[-2:]) in LEGAL_SUFFIXES else words[:-1]
    return " ".join(words)


@dataclass(frozen=True)
class Discovered:
    """One candidate across the whole corpus, for the build report."""

    name: str
    """The name without legal suffix, as a digest.yml entry would use it."""
    spellings: tuple[str, ...]
    articles: int
    rule: str
    sentence: str
    seed: str


def discover(articles: Sequence[Article]) -> list[Discovered]:
    """Candidates merged by base name, counted per article, most frequent first."""
    groups: dict[str, list[tuple[Article, Candidate]]] = {}
    for article in sorted(articles, key=lambda a: a.seed):
        for cand in article.candidates:
            groups.setdefault(base_name(cand.name), []).append((article, cand))
    found = []
    for name, items in groups.items():
        spellings = tuple(sorted({c.name for _, c in items} - {name}))
        first_article, first = items[0]
        count = len({a.seed for a, _ in items})
        found.append(
            Discovered(name, spellings, count, first.rule, first.sentence, first_article.seed)
        )
    found.sort(key=lambda d: (-d.articles, d.name.casefold()))
    return found[:MAX_CANDIDATES]


def snippet(found: Sequence[Discovered]) -> str:
    """YAML to paste under `companies:` in digest.yml (fill in description and country)."""
    entries = []
    for d in found:
        entry: dict = {"name": d.name}
        if d.spellings:
            entry["aliases"] = list(d.spellings)
        entries.append(entry)
    if not entries:
        return ""
    return yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, default_flow_style=False)
