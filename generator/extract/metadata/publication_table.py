"""The publication table of the config, asked by name: which listed publication a raw name from a
byline, copyright line or page title stands for, and the wire agencies' names.

Each lookup over the table is built once per publication table (lru_cache), not per line.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...config import Config, Publication
from .. import linear
from ..phrase_table import PhraseTable

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


def known_publication(name: str, config: Config) -> str | None:
    """Map a raw name from a credit or copyright line to the table's canonical name, if listed."""
    keys = {c.casefold().removeprefix("the ").strip() for c in (name, strip_company_suffix(name))}
    prefixes: list[tuple[int, str]] = []
    for pub in config.publications:
        names = {n.casefold().removeprefix("the ") for n in (pub.name, *pub.aliases)}
        if keys & names:
            return pub.name
        prefixes += [
            (-len(n), pub.name)
            for n in names
            for key in keys
            if len(n) > 4 and key.startswith(n + " ") and _ONLY_SUFFIX.match(key[len(n) :])
        ]
    return (
        min(prefixes)[1] if prefixes else None
    )  # "The Times of India Group": the longest name it starts with


def canonical(name: str, config: Config) -> str:
    """The table's name for a raw name, or the raw name when the table lists none."""
    return known_publication(name, config) or name


@lru_cache(maxsize=8)
def publication_phrases(publications: tuple[Publication, ...]) -> PhraseTable:
    """Every name and alias of the non-platform publications ("Listen on YouTube", "Save to
    Pocket": a platform named in the chrome is not the publisher), each with (table order, name)."""
    return PhraseTable(
        (alias, (order, pub.name))
        for order, pub in enumerate(publications)
        if not pub.platform
        for alias in dict.fromkeys((pub.name, *pub.aliases))
    )
