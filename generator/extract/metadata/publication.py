"""Publication rules, surest first: a credit, copyright or source line naming a listed
publication, a wire credit, the outlet in the byline, the address's domain, the masthead, names and
addresses in the page furniture, an unlisted copyright holder, the hosting platform, the bare
domain."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from ...config import Config, Publication
from ...records import Article, Found
from .. import linear
from .. import patterns as P
from ..parse import TERMINAL, furniture_reason, is_byline, is_meta_line, words
from .base import Extractor, Result
from .evidence import evidence_lines
from .publication_table import (
    COMPANY_SUFFIX,
    WIRE_NAMES,
    canonical,
    known_publication,
    publication_phrases,
    strip_company_suffix,
)
from .title import clean_title

_BYLINE_PARTS = linear.compile(r"\s*[|,·•]\s*|\bby\b", re.IGNORECASE)
_HOLDER_END = linear.compile(r",\s*\d|\s[–—-]\s")  # an address or "– All rights reserved"
_COPYRIGHT_WORD = linear.compile(
    r"^copyright\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[,.]?\s*", re.IGNORECASE
)
_TWO_LETTERS = linear.compile(r"[A-Za-z]{2}")
_PRESS_OFFICE = linear.compile(
    r"\s+(?:press(?: office)?|communications|newsroom|media relations)$", re.IGNORECASE
)
_DIGIT_OR_PRICE = linear.compile(r"[\d$€£]")
_BUTTON = linear.compile(r"(?:subscribe|log|sign|skip|menu|search|register)\b", re.IGNORECASE)
# An image's alt text standing for the masthead: "HM Treasury crest", "Wessex Police logo"
_LOGO = linear.compile(r"\s+(?:logo|crest|seal|emblem)$", re.IGNORECASE)
# An image of a state's arms or flag above the name: "Coat of arms of Norvania"
_ARMS = linear.compile(r"^(?:coat of arms|flag|seal|emblem) of\b", re.IGNORECASE)
# A button where a masthead would stand: "Tap to view on site", "Click here"
_ACTION = linear.compile(r"^(?:tap|click|view|read|watch|open|download|go)\b", re.IGNORECASE)
# "The Vale Gazette is part of Reach plc": the holder is the masthead, not its owner
_PART_OF = linear.compile(r"\s+is part of\b.*$", re.IGNORECASE)
# A label line over the publisher's name: "From:" / "HM Treasury" (government pages)
_SENDER_LABEL = linear.compile(r"^(?:from|published by|issued by)\s*:$", re.IGNORECASE)
SENDER_MAX_WORDS = 8


def publication_from_url(article: Article, config: Config) -> Result:
    """The publication of the address's domain in the table; else the bare domain, marked
    unsure."""
    if not article.url:
        return None
    host = (urlsplit(article.url).hostname or "").lower().removeprefix("www.")
    for pub in config.publications:
        if any(host == d or host.endswith("." + d) for d in pub.domains):
            return pub.name, Found("publication table, by domain", 0.95)
    return (host or None), Found("domain of the source address", 0.4)


def publication_from_credit_lines(article: Article, config: Config) -> Result:
    """A copyright, "Source:" or "part of X's reports" line naming a publication from the table."""
    for line in evidence_lines(article):
        for name in _publication_names(line):
            if P.PARENT_COMPANY.match(name):
                continue
            known = known_publication(name, config)
            if known:
                return known, Found("credit, copyright or source line", 0.9)
    return None


def publication_from_byline(article: Article, config: Config) -> Result:
    """The outlet named in a byline: "By Jane Doe | Reuters", "Story by Associated Press"."""
    for unit in article.header:
        if not is_byline(unit):
            continue
        for part in _BYLINE_PARTS.split(unit):
            known = known_publication(part.strip(" :"), config) if part.strip() else None
            if known:
                return known, Found("outlet named in the byline", 0.8)
    return None


def publication_from_url_table(article: Article, config: Config) -> Result:
    """The address's domain, only when the table lists it (the bare domain comes last)."""
    result = publication_from_url(article, config)
    return result if result and result[1].confidence >= 0.9 else None


# A site's address, not the end of an e-mail address or a longer name: the character before it
# is matched (RE2 has no lookbehind) and the address is group 1.
_DOMAIN = linear.compile(
    r"(?:^|[^\w@.-])(?:www\.)?((?:[a-z0-9-]+\.)+(?:com|gov|org|net|cn|tw|uk|jp|kr|eu|news))\b",
    re.IGNORECASE,
)


_EMAIL_DOMAIN = linear.compile(r"@((?:[a-z0-9-]+\.)+[a-z]{2,})\b", re.IGNORECASE)


def publication_from_domain_mention(article: Article, config: Config) -> Result:
    """A site's address or e-mail domain in the page furniture ("www.fcc.gov", "press@fcc.gov")."""
    for line in evidence_lines(article):
        for match in (*_DOMAIN.finditer(line), *_EMAIL_DOMAIN.finditer(line)):
            host = match.group(1).lower().removeprefix("www.")
            for pub in config.publications:
                if not pub.platform and any(
                    host == d or host.endswith("." + d) for d in pub.domains
                ):
                    return pub.name, Found(
                        "publication table, by an address in the page furniture", 0.75
                    )
    return None


def publication_from_furniture_names(article: Article, config: Config) -> Result:
    """A publication's name or marker phrase in the page furniture.

    The longest name found wins, so "The Times of India" is not read as "The Times".
    """
    lines = [
        P.PARENT_COMPANY.sub(" ", line) for line in evidence_lines(article)
    ]  # "Vox Media" is not Vox
    table = publication_phrases(config.publications)
    found = [(-len(entry.phrase), *entry.value) for line in lines for entry in table.find(line)]
    if found:
        return min(found)[2], Found("publication table, by name in the page furniture", 0.75)
    return None


def copyright_holder(corporate: bool) -> Extractor:
    """An unknown name from a copyright or source line. A holder with a company suffix
    ("Questex LLC") is often the publisher's parent, so it comes after the masthead; a plain one
    comes before."""

    def extract(article: Article, config: Config) -> Result:
        for name in (n for line in evidence_lines(article) for n in _publication_names(line)):
            if bool(COMPANY_SUFFIX.search(name)) == corporate and not P.PARENT_COMPANY.match(name):
                return strip_company_suffix(name), Found(
                    "credit, copyright or source line", 0.6 - 0.1 * corporate
                )
        return None

    return extract


def _publication_names(line: str):
    """The names a part-of, printed-from, copyright or source line gives as its holder."""
    if is_byline(line):
        return  # "Source: Jane Doe, Editor" names the writer, not the outlet
    for pattern in (P.PART_OF_REPORTS, P.PRINTED_FROM, P.COPYRIGHT, P.SOURCE_LINE):
        match = pattern.search(line) if pattern is P.PART_OF_REPORTS else pattern.match(line)
        holder = _holder(_sender_name(match.group("name"))) if match else ""
        if holder:
            yield holder


def _holder(name: str) -> str:
    """ "Omaha World-Herald, 1314 Douglas St", "Handelsblatt GmbH – All rights reserved": the name
    alone.
    A bare year or "Crown copyright" names nobody."""
    name = _HOLDER_END.split(name, 1)[0].strip()
    name = _PART_OF.sub("", _COPYRIGHT_WORD.sub("", name))
    return "" if not _TWO_LETTERS.search(name) or "copyright" in name.casefold() else name


def _sender_name(name: str) -> str:
    """ "Senate Banking Committee Press <press@...>" (an e-mail From: line) is sent by the
    committee."""
    if "<" not in name:
        return name.strip()
    name = name.split("<", 1)[0].strip(' "')
    return _PRESS_OFFICE.sub("", name)


def publication_from_wire_credit(article: Article, config: Config) -> Result:
    """ "WASHINGTON (Reuters) -" in the first paragraphs: the agency that filed the story."""
    for block in article.blocks[:3]:
        match = P.WIRE_CREDIT.search(block.text[:200])
        if match:
            name = WIRE_NAMES[match.group("name").lower()]
            return canonical(name, config), Found("wire credit in the dateline", 0.8)
    return None


def _first_line_publication(article: Article, config: Config) -> Publication | None:
    """The table's entry for the page's first line (after address lines), if that line names one."""
    first = next((u for u in article.header if not P.URL_LINE.match(u)), "")
    known = known_publication(first, config) if first else None
    return next((p for p in config.publications if p.name == known), None) if known else None


def publication_from_first_line(article: Article, config: Config) -> Result:
    """A known publication's name as the page's first line: the masthead, above any tagline."""
    pub = _first_line_publication(article, config)
    if not pub or pub.platform:
        return (
            None  # a platform's name tops every page it hosts; the channel named further down wins
        )
    return pub.name, Found("publication table, site name on the first line", 0.7)


_SECTION_WORDS = frozenset(
    [
        "tech",
        "technology",
        "business",
        "world",
        "news",
        "markets",
        "politics",
        "opinion",
        "economy",
        "china",
        "asia",
        "us",
        "sports",
        "sport",
        "life",
        "culture",
        "science",
        "health",
        "analysis",
        "features",
        "investigations",
    ]
)


def _site_name_like(unit: str) -> bool:
    """A short capitalised name, not a button ("Subscribe for $1", "Log In")."""
    return (
        words(unit) <= 4
        and unit[:1].isalpha()
        and not _DIGIT_OR_PRICE.search(unit)
        and not _BUTTON.match(unit)
    )


def publication_from_sender_label(article: Article, config: Config) -> Result:
    """A "From:" (or "Published by:") label line over a short name: the office that issued the
    page (government and agency pages put it under the headline)."""
    header = article.header
    for i, unit in enumerate(header[:-1]):
        name = header[i + 1]
        if (
            _SENDER_LABEL.match(unit)
            and 1 <= words(name) <= SENDER_MAX_WORDS
            and name[:1].isupper()
            and not is_meta_line(name)
            and not furniture_reason(name)
        ):
            return canonical(name, config), Found("publisher under a From: label", 0.7)
    return None


def publication_from_platform(article: Article, config: Config) -> Result:
    """The hosting platform's name on the first line, when nothing on the page names another
    publisher."""
    pub = _first_line_publication(article, config)
    return (pub.name, Found("platform named on the first line", 0.5)) if pub else None


def publication_from_masthead(article: Article, config: Config) -> Result:
    """A short name at the top of the page, followed by site chrome (Subscribe, Sign in, a menu).

    "Skip to content" and a bare domain line may stand above the name.
    """
    if _first_line_publication(article, config):
        # a table name there was taken by publication_from_first_line, a platform's comes last
        return None
    header = [u for u in article.header if not P.URL_LINE.match(u)]
    top = [i for i, u in enumerate(header[:4]) if not furniture_reason(u) and not _ARMS.match(u)]
    if not top:
        return None
    if P.DOMAIN_LINE.match(header[top[0]]) and len(top) > 1 and _site_name_like(header[top[1]]):
        top = top[1:]  # "asmag.com" above "a&s International": the name under the address
    first = _LOGO.sub("", header[top[0]])
    if is_meta_line(first) or not 1 <= words(first) <= 5:
        return None
    if _DIGIT_OR_PRICE.search(first) or "%" in first or _ACTION.match(first):
        return None  # a market ticker or a button, not a name
    if first.isupper() and first.casefold() in _SECTION_WORDS:
        return None  # "TECH" above the headline is a section label
    if first.isupper():  # "BUENOS AIRES TIMES", "LAW360"; short acronyms stay as they are
        first = " ".join(w if len(w) <= 3 else w.title() for w in first.split())
    following = header[top[0] + 1 : top[0] + 6]
    menu = sum(1 for u in following if words(u) <= 3 and not u.endswith(TERMINAL))
    if any(furniture_reason(u) == "navigation" for u in following) or menu >= 3:
        return clean_title(first), Found("site name above the page menu", 0.5)
    return None
