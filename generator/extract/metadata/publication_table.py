"""The publication table of the config, asked by name: which listed publication a raw name from a
byline, copyright line or page title stands for, and the wire agencies' names.

Each lookup over the table is built once per publication table (lru_cache), not per line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from ...config import Config, Publication
from .. import linear
from ..phrase_table import PhraseTable

Publications = tuple[Publication, ...]
T = TypeVar("T")

WIRE_NAMES = {
    "reuters": "Reuters",
    "ap": "Associated Press",
    "afp": "AFP",
    "xinhua": "Xinhua",
    "bloomberg": "Bloomberg",
    "upi": "UPI",
    "kyodo": "Kyodo News",
    "yonhap": "Yonhap",
    "dpa": "dpa",
    "ians": "IANS",
    "pti": "PTI",
    "cna": "CNA",
    "ani": "ANI",
    "sputnik": "Sputnik",
    "tass": "TASS",
}


COMPANY_SUFFIX = linear.compile(
    r"(?:[,\s]+(?:inc|ltd|limited|llc|l\.p|lp|plc|corp|corporation|co|gmbh|s\.a|dac|ag|bv|nv|pty|"
    r"pvt|sdn|bhd|s|b|sa|spa|kk|oy|ab|as|"
    r"group|media|company|news ?papers?|\d{4}))+\.?$",
    re.IGNORECASE,
)


def strip_company_suffix(name: str) -> str:
    """ "Questex LLC" -> "Questex": the name without its company form or year."""
    return COMPANY_SUFFIX.sub("", name.strip(" .,")).strip(" .,")


# What may follow a table name in a longer one: "The Times of India Group", "The Japan News by
# The Yomiuri Shimbun"; not "Atlantic Council" after "The Atlantic".
_ONLY_SUFFIX = linear.compile(
    r"^\s+(?:by\b.*|(?:group|media|company|online|digital|inc|ltd|llc|plc|news|newspapers?|"
    r"corporation|holdings|limited|co|dac|ag)\b.*)$"
)


def once_per_table(build: Callable[[Publications], T]) -> Callable[[Publications], T]:
    """`build(publications)`, computed once per publication table.

    Asked for every header line, so the lookup must be cheap: first by the table's identity (no
    hashing), then by its value (a worker process gets an equal copy of the config per seed).
    """
    by_id: dict[int, tuple[Publications, T]] = {}
    by_value: dict[Publications, T] = {}

    def cached(publications: Publications) -> T:
        known = by_id.get(id(publications))
        if known is not None and known[0] is publications:
            return known[1]
        if publications not in by_value:
            if len(by_value) >= TABLES_KEPT:
                by_value.clear()
                by_id.clear()
            by_value[publications] = build(publications)
        by_id[id(publications)] = (publications, by_value[publications])
        return by_value[publications]

    return cached


TABLES_KEPT = 8
"""A process sees one or two publication tables (tests build a few more)."""


@dataclass(frozen=True)
class TableIndex:
    """The table's names, case-folded without a leading "The", for lookups by name."""

    exact: dict[str, tuple[int, str]]
    """Name or alias -> (table order, canonical name) of the first publication listing it."""
    long_names: dict[str, tuple[str, ...]]
    """Names longer than four characters -> the canonical names listing them: a longer raw name
    may start with one ("The Times of India Group")."""


@once_per_table
def table_index(publications: Publications) -> TableIndex:
    exact: dict[str, tuple[int, str]] = {}
    long_names: dict[str, set[str]] = {}
    for order, pub in enumerate(publications):
        for name in {n.casefold().removeprefix("the ") for n in (pub.name, *pub.aliases)}:
            exact.setdefault(name, (order, pub.name))
            if len(name) > 4:
                long_names.setdefault(name, set()).add(pub.name)
    return TableIndex(exact, {n: tuple(sorted(p)) for n, p in long_names.items()})


def known_publication(name: str, config: Config) -> str | None:
    """Map a raw name from a credit or copyright line to the table's canonical name, if listed:
    the first publication in table order that lists the name; else the one whose longest name
    the raw name starts with, followed only by a company word ("The Times of India Group")."""
    keys = {c.casefold().removeprefix("the ").strip() for c in (name, strip_company_suffix(name))}
    index = table_index(config.publications)
    exact = [index.exact[key] for key in keys if key in index.exact]
    if exact:
        return min(exact)[1]
    prefixes = [
        (-cut, pub)
        for key in keys
        for cut, char in enumerate(key)
        if char == " " and key[:cut] in index.long_names and _ONLY_SUFFIX.match(key[cut:])
        for pub in index.long_names[key[:cut]]
    ]
    return min(prefixes)[1] if prefixes else None


def canonical(name: str, config: Config) -> str:
    """The table's name for a raw name, or the raw name when the table lists none."""
    return known_publication(name, config) or name


@once_per_table
def publication_phrases(publications: Publications) -> PhraseTable:
    """Every name and alias of the non-platform publications ("Listen on YouTube", "Save to
    Pocket": a platform named in the chrome is not the publisher), each with (table order, name)."""
    return PhraseTable(
        (alias, (order, pub.name))
        for order, pub in enumerate(publications)
        if not pub.platform
        for alias in dict.fromkeys((pub.name, *pub.aliases))
    )
