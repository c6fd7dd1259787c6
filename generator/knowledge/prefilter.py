"""A cheap look before a regex search: the rules of figures and discovery name strings every
match of theirs holds, and a paragraph holding none of them is not searched (a search costs
about twenty times the look)."""

from __future__ import annotations

import re
from collections.abc import Iterator


def finditer_where_needed(pattern: re.Pattern, needs: tuple[str, ...], text: str) -> Iterator:
    """pattern.finditer(text), or nothing when needs is set and text holds none of its strings."""
    if needs and not any(needed in text for needed in needs):
        return iter(())
    return pattern.finditer(text)
