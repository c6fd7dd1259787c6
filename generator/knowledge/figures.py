"""Key figures: sums of money, percentages and counts, each with the sentence it comes from.

Three named patterns ("US$1.2 billion", "38%", "10.2 per cent", "1,000 cameras", "2.6 million
users"). Years, dates and bare numbers are not figures: a count needs one of COUNT_NOUNS.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..config import Config
from ..records import Figure
from .companies import find_hits
from .prefilter import finditer_where_needed
from .sentences import sentence_at, sentence_spans

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Spelled-out numbers count only with a scale ("three million people"); "two countries" is prose.
_WORD_NUMBER = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten)\s(?:million|billion)"
    r"|hundreds of|thousands of"
)
# A bare count needs two digits at least: "7 citizens" in "1 camera per 7 citizens" is a ratio.
_COUNT_NUMBER = r"\d{1,3}(?:,\d{3})+|\d{2,}(?:\.\d+)?|\d(?:\.\d+)?\s?(?:million|billion)"
_SCALE = r"(?:\s?(?:million|billion|trillion|bn|mn)\b)"
COUNT_NOUNS = (
    "countries",
    "territories",
    "cameras",
    "users",
    "people",
    "companies",
    "entities",
    "employees",
    "lawmakers",
    "firms",
    "units",
    "customers",
    "devices",
    "phones",
    "smartphones",
    "chips",
    "Uyghurs",
    "Uighurs",
    "Muslims",
    "prisoners",
    "stores",
    "subsidiaries",
    "affiliates",
    "branches",
    "engineers",
    "workers",
    "citizens",
    "organisations",
    "organizations",
    "staff",
    "jobs",
    "patents",
    "products",
    "suppliers",
    "contracts",
    "shipments",
    "base stations",
    "wafers",
    "drones",
    "faces",
    "records",
)
_NOUNS = "|".join(sorted((re.escape(n) for n in COUNT_NOUNS), key=len, reverse=True))
_CURRENCY_WORDS = ("yuan", "renminbi", "dollars", "euros", "pounds")
_QUALIFIER = r"(?:(?:more than|about|nearly|almost|up to|over|some|around|at least|roughly)\s)?"


@dataclass(frozen=True)
class FigureRule:
    kind: str
    pattern: re.Pattern
    example: str
    needs: tuple[str, ...] = ()
    """Every match holds one of these strings (see prefilter). Empty: always searched."""

    def finditer(self, text: str):
        return finditer_where_needed(self.pattern, self.needs, text)


FIGURE_RULES: tuple[FigureRule, ...] = (
    FigureRule(
        "money",
        re.compile(
            rf"(?:US\$|HK\$|A\$|C\$|\$|€|£|¥|RMB\s?|CNY\s?)\s?(?:{_NUMBER}){_SCALE}?"
            rf"|\b(?:{_NUMBER}){_SCALE}?\s(?:{'|'.join(_CURRENCY_WORDS)})\b"
        ),
        "US$1.2 billion",
        needs=("$", "€", "£", "¥", "RMB", "CNY", *_CURRENCY_WORDS),
    ),
    FigureRule(
        "percent",
        re.compile(rf"\b(?:{_NUMBER})\s?(?:%|per ?cent\b|percent\b)"),
        "38%",
        needs=("%", "per cent", "percent"),
    ),
    FigureRule(
        "count",
        re.compile(
            rf"\b{_QUALIFIER}(?:{_COUNT_NUMBER}|{_WORD_NUMBER}){_SCALE}?\s"
            rf"(?:(?!of\s|the\s)[a-z][\w-]{{1,20}}\s){{0,2}}?"
            rf"(?:{_NOUNS})\b"
        ),
        "more than 150 countries",
    ),
)
# A paragraph without a digit or a spelled-out number has no figure: skip the three patterns.
_HAS_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundreds|thousands)\b"
)
MAX_FIGURES = 12
"""Per article; the first ones in reading order, where the news usually is."""


def find_figures(paragraphs: Sequence[str], config: Config) -> tuple[Figure, ...]:
    figures: list[Figure] = []
    seen: set[tuple[str, str]] = set()
    for text in paragraphs:
        if not _HAS_NUMBER.search(text):
            continue
        spans = None
        found = sorted(
            (m.start(), m.end(), rule.kind)
            for rule in FIGURE_RULES
            for m in rule.finditer(text)
        )
        taken_until = -1
        for start, end, kind in found:
            if start < taken_until:
                continue  # "US$18.5 billion" is one figure, not also a count
            taken_until = end
            spans = spans if spans is not None else sentence_spans(text)
            sentence = sentence_at(text, start, spans)
            value = " ".join(text[start:end].split())
            if (value, sentence) in seen:
                continue
            seen.add((value, sentence))
            companies = tuple(dict.fromkeys(h.company for h in find_hits(sentence, config)))
            figures.append(Figure(value, kind, sentence, companies))
            if len(figures) >= MAX_FIGURES:
                return tuple(figures)
    return tuple(figures)
