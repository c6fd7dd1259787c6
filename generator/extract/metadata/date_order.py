"""Which way an all-number date reads. "04/06/2024" is 4 June on a British, Irish, Australian,
Indian or South African page and April 6 on an American one; the numbers alone cannot tell, so
the page is asked, strongest evidence first."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ...records import Article
from .. import linear
from .. import patterns as P

# "13/05/2024" elsewhere on the page: a first number over 12 can only be a day
_SLASH_DATE = linear.compile(r"\b(\d{1,2})/(\d{1,2})/(?:\d{4}|\d{2})\b")
MONTHS_IN_A_YEAR = 12

# Country domains whose sites write the day first (".co.uk", ".com.au", ".in", ".ie" ...).
DAY_FIRST_COUNTRY_DOMAINS = frozenset(
    {"uk", "ie", "au", "nz", "in", "za", "sg", "my", "pk", "ng", "ke", "gh", "eu"}
)
# Time zones of day-first countries, as pages print them after the time ("09:32 IST"); GMT and
# UTC are left out, American wire pages print them too.
_DAY_FIRST_ZONE = linear.compile(
    r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?\s*)?"
    r"(?:IST|BST|AEST|AEDT|ACST|ACDT|AWST|NZST|NZDT|SAST)\b",
    re.IGNORECASE,
)


def reads_day_first(article: Article) -> bool:
    """True when the page writes all-number dates day first: by an unambiguous date on the page,
    else by its address's country domain (or that of an address line printed on the page, which
    may be a related link's but is still the site's), else by a day-first country's time zone."""
    lines = (*article.header, *article.footer)
    by_other_dates = _order_shown_by_other_dates(lines)
    if by_other_dates is not None:
        return by_other_dates
    addresses = (m.group("url") for m in map(P.URL_LINE.match, lines) if m)
    return any(map(_day_first_host, (article.url, *addresses))) or any(
        _DAY_FIRST_ZONE.search(u) for u in lines
    )


def _order_shown_by_other_dates(lines: tuple[str, ...]) -> bool | None:
    """ "13/05/2024" shows the day first, "05/13/2024" the month first; None when no date
    tells."""
    for line in lines:
        for match in _SLASH_DATE.finditer(line):
            first, second = int(match.group(1)), int(match.group(2))
            if first > MONTHS_IN_A_YEAR >= second:
                return True
            if second > MONTHS_IN_A_YEAR >= first:
                return False
    return None


def _day_first_host(url: str | None) -> bool:
    """ "www.dunmoregazette.co.uk": the last label of the host names a day-first country."""
    if not url:
        return False
    host = urlsplit(url).hostname or ""
    return host.rsplit(".", 1)[-1] in DAY_FIRST_COUNTRY_DOMAINS
