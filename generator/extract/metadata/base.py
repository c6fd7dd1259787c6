"""What a metadata rule is: a function of the parsed article and the config that gives a value
and how it was found (`Found`), or None when it does not apply."""

from __future__ import annotations

from collections.abc import Callable

from ...config import Config
from ...records import Article, Found

LOW_CONFIDENCE = 0.6
STAND_IN = 0.3
"""A value at or below this confidence stands in for one the text does not give (a title from
the body's first sentence or the file name): the page needs something, but nothing was found."""


Result = tuple[object, Found] | None


Extractor = Callable[[Article, Config], Result]
