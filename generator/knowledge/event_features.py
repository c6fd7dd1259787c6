"""What makes an event, read from one article: its distinctive words, the companies, the people and
organisations named, the figures and the dates mentioned.

Each feature is a token with a prefix that says its kind (`w:` word, `c:` company, `n:` name,
`f:` figure, `d:` date), so one TF-IDF space holds them all and each kind can carry its own weight.
Every pattern here runs in linear time (no nested unbounded quantifiers).
"""

from __future__ import annotations

import re
import zlib
from collections import Counter

from ..records import Article

MAX_BODY_CHARS = 12_000
"""An event is told in the first screens of a report; a long read's tail adds background."""
SHINGLE_WORDS = 5
"""Near-duplicate test: runs of five words shared by two texts (syndicated copies share most)."""
MAX_SHINGLES = 600
"""Enough shingles to tell a copy from a rewrite; the first ones carry the lead."""

WORD = re.compile(r"[a-z][a-z'’-]*[a-z]")
# "New York Times", "Commerce Department", "Wilbur Ross": two or more capitalised words in a row.
NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -](?:of |for |and )?[A-Z][a-z]+)+")
# "$1.2 billion", "38%", "10 percent", "28 companies": a number with what it counts. It starts with
# "$" or a digit, so the search skips ahead fast; the parts are told apart in _figures.
FIGURE = re.compile(
    r"[$\d][\d.,]*(?: ?(?:%|percent|per cent|billion|million|bn|[a-z]+))?", re.IGNORECASE
)
_FIGURE_PARTS = re.compile(r"(\$?)([\d.,]*\d)[.,]? ?(.*)")
MONTH_DAY = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? (\d{1,2})\b")
_FIGURE_UNITS = {"%": "%", "percent": "%", "per cent": "%", "bn": "billion"}

STOPWORDS = frozenset(
    re.findall(
        r"\S+",
        """
a about above according across after again against all almost also although always am among an and
another any are around as at away back be became because become been before being below between
both but by came can cannot could did do does doing done down during each either else even ever
every few first for from further get gets getting given go goes going got had has have having he
her here hers him his how however i if in including into is it its itself just last later least
less like made make makes many may me might more most much must my near need needs never new next
no nor not now of off often on once one only onto or other others our out over own part per put
rather really said same say says see seen several shall she should since so some still such take
taken than that the their them then there these they this those though three through thus to today
told too two under until up upon us use used very via was way we week well were what when where
whether which while who whom whose why will with within without would year years yet you your u.s
mr ms mrs
""",
    )
)
_NAME_STOP = frozenset(
    {
        "The",
        "A",
        "An",
        "In",
        "On",
        "But",
        "And",
        "For",
        "As",
        "At",
        "By",
        "If",
        "It",
        "Its",
        "This",
        "That",
        "When",
        "While",
        "After",
        "Before",
        "Read",
        "See",
        "Photo",
        "Image",
        "Click",
        "Share",
    }
)


def event_text(article: Article) -> str:
    """Headline, dek and the start of the body: where a report says what happened."""
    parts = [article.title, article.subtitle or "", article.body_text[:MAX_BODY_CHARS]]
    return "\n".join(p for p in parts if p)


def features(article: Article) -> Counter:
    """Every event feature of the article with how often it occurs."""
    text = event_text(article)
    counts: Counter = Counter()
    counts.update(f"w:{w}" for w in _words(text))
    counts.update(f"c:{c.casefold()}" for c in article.companies)
    # Headlines are in title case: every word looks like a name there.
    counts.update(f"n:{n}" for n in _names(text.partition("\n")[2] if article.title else text))
    counts.update(f"f:{f}" for f in _figures(text))
    counts.update(f"d:{m.group(1).lower()}-{int(m.group(2))}" for m in MONTH_DAY.finditer(text))
    return counts


def _words(text: str) -> list[str]:
    words = WORD.findall(text.casefold().replace("’", "'"))
    return [
        w.removesuffix("'s") if w.endswith("'s") else w
        for w in words
        if len(w) > 2 and w not in STOPWORDS
    ]


def _names(text: str) -> list[str]:
    names = []
    for match in NAME.finditer(text):
        words = match.group(0).replace("-", " ").split()
        while (
            words and words[0] in _NAME_STOP
        ):  # "The Commerce Department" is "Commerce Department"
            words = words[1:]
        if len(words) > 1:
            names.append(" ".join(words).casefold())
    return names


def _figures(text: str) -> list[str]:
    found = []
    for figure in FIGURE.findall(text):
        parts = _FIGURE_PARTS.fullmatch(figure)
        if not parts:
            continue  # a lone "$"
        money, number, unit = parts.groups()
        number = number.replace(",", "")
        unit = _FIGURE_UNITS.get(unit.casefold(), unit.casefold())
        if not money and unit not in {"%", "billion", "million"} and not unit.endswith("s"):
            continue  # a bare number ("2019", "5G") or one with a word after it is not a figure
        if not money and unit != "%" and len(number) == 4 and number.startswith(("19", "20")):
            continue  # "2019 companies" is a year followed by a word
        found.append(f"{money}{number}{unit}")
    return found


def shingles(article: Article) -> frozenset[int]:
    """Hashes of the body's runs of SHINGLE_WORDS words, for the near-duplicate test.

    crc32, not hash(): Python salts string hashes per process, and output must not change.
    """
    words = WORD.findall(article.body_text[:MAX_BODY_CHARS].casefold())
    runs = (
        " ".join(words[i : i + SHINGLE_WORDS])
        for i in range(max(0, len(words) - SHINGLE_WORDS + 1))
    )
    hashes = []
    for run in runs:
        hashes.append(zlib.crc32(run.encode("utf-8")))
        if len(hashes) >= MAX_SHINGLES:
            break
    return frozenset(hashes)
