"""Metadata as a cascade of small rules per field; each fills only what is still empty.

One module per field (title, subtitle, author, date, url, publication), the helpers they share
(headline: where the headline is; names: person names; publication_table: the config's table;
evidence: lines that may name the outlet), and cascade.py, which declares each field's rules in
order and runs them. Every value records how it was found and how sure the rule is, so
low-confidence fields can be listed for the user to check.
"""

from __future__ import annotations

from .base import LOW_CONFIDENCE, Extractor, Result
from .cascade import CASCADE, FIELDS, extract_metadata
from .date import parse_date
from .headline import headline_lines
from .names import names_line, split_names
from .title import clean_title
from .url import clean_url

__all__ = [
    "CASCADE",
    "FIELDS",
    "LOW_CONFIDENCE",
    "Extractor",
    "Result",
    "clean_title",
    "clean_url",
    "extract_metadata",
    "headline_lines",
    "names_line",
    "parse_date",
    "split_names",
]
