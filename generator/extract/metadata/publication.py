"""Publication rules, surest first: a credit, copyright or source line naming a listed
publication, a wire credit, the outlet in the byline, the address's domain, the masthead, names and
addresses in the page furniture, an unlisted copyright holder, the hosting platform, the bare
domain."""

from __future__ import annotations

import re
from itertools import pairwise
from urllib.parse import urlsplit

from ...config import Config, Publication
from ...records import Article, Found
from .. import linear
from .. import patterns as P
from ..parse import TERMINAL, furniture_reason, has_date, is_byline, is_meta_line, words
from .base import Extractor, Result
from .evidence import evidence_lines
from .names import OUTLET_WORD as _OUTLET_WORD
from .names import looks_like_name
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
# an address, "– All rights reserved", or the owner: "X, a division of Kelp Media Inc."
_HOLDER_END = linear.compile(
    r",\s*\d|\s[–—-]\s|"
    r",\s*an?\s+(?:division|subsidiary|unit|brand|member|part|publication)\s+of\b|"
    # an appositive after the name: "Lake Erie Signal, a nonprofit newsroom"
    r",\s*(?:an?|the)\s+(?:\w+\s+){0,3}(?:newsroom|newspaper|news ?site|magazine|publication|"
    r"journal|daily|weekly|website|outlet|broadcaster|service)\b",
    re.IGNORECASE,
)
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
    title = " ".join((article.title or "").split()).casefold()
    lines = [
        P.PARENT_COMPANY.sub(" ", line)  # "Vox Media" is not Vox
        for line in evidence_lines(article)
        if not is_byline(line)  # "Authored by: Ana Ruiz, Chief Economist" is not The Economist
        # the headline names what the story is about: "... In Course-Record Time" is not TIME
        and not (title and title in " ".join(line.split()).casefold())
    ]
    table = publication_phrases(config.publications)
    found = [
        (-len(entry.phrase), *entry.value)
        for line in lines
        for entry in table.find(line)
        if not (len(entry.phrase) <= SHORT_ALIAS and _MATCH_STATUS.search(line))
    ]
    if found:
        return min(found)[2], Found("publication table, by name in the page furniture", 0.75)
    return None


SHORT_ALIAS = 3
"""An alias this short ("FT", "AP") is also a word of other pages' chrome."""
# Rule *full time is not the FT*: a match centre's status line ("FT (AET)", "FT 2-1", "HT").
_MATCH_STATUS = linear.compile(r"\b(?:AET|HT|KO|pens)\b|\d+\s*[–-]\s*\d+|^FT$")


def copyright_holder(corporate: bool) -> Extractor:
    """An unknown name from a copyright or source line. A holder with a company suffix
    ("Questex LLC") is often the publisher's parent, so it comes after the masthead; a plain one
    comes before."""

    def extract(article: Article, config: Config) -> Result:
        for name in (n for line in evidence_lines(article) for n in _publication_names(line)):
            if bool(COMPANY_SUFFIX.search(name)) == corporate and not P.PARENT_COMPANY.match(name):
                holder = strip_company_suffix(name)
                if corporate:
                    holder = _title_of_publishing_company(holder)
                holder = _masthead_under_medium_word(holder, article)
                holder = _masthead_extending(holder, article)
                holder = _brand_of_publisher(holder, article)
                return holder, Found("credit, copyright or source line", 0.6 - 0.1 * corporate)
        return None

    return extract


# The medium a holder's name adds to a title: "Bramble Magazine Ltd", "Kitchen Table Talk Podcast".
_MEDIUM_WORD = linear.compile(
    r"^(?P<title>.{2,60}?)\s+(?:magazines?|podcast|publishing)$", re.IGNORECASE
)


def _masthead_extending(holder: str, article: Article) -> str:
    """Rule *masthead spells the holder out*: "Albion TV News" atop the page and "Copyright 2025
    Albion TV" at its foot: the page names itself by its masthead, the company by less."""
    folded = holder.casefold()
    for unit in article.header[:MASTHEAD_LINES]:
        line = " ".join(unit.split())
        extra = words(line) - words(holder)
        if any(c in line for c in ",:|·•"):
            continue  # "Austral Press, en Español": the name with its chrome, not a longer name
        if (
            0 < extra <= 2
            and folded in line.casefold()
            and not furniture_reason(line)
            and _site_name_like(line)
            and not is_meta_line(line)
        ):
            return line
    return holder


def _brand_of_publisher(holder: str, article: Article) -> str:
    """Rule *brand over its publisher*: "Lumen" atop the page and "© 2025 Lumen Media Foundation"
    at its foot: the publication is the brand the page shows, the holder the body behind it."""
    for unit in article.header[:MASTHEAD_LINES]:
        brand = " ".join(unit.split())
        rest = holder[len(brand) :].strip()
        if (
            brand
            and holder.casefold().startswith(brand.casefold() + " ")
            and _PUBLISHER_WORDS.fullmatch(rest)
            and _site_name_like(brand)
        ):
            return brand
    return holder


# What a publisher's name adds to its brand: "Media Foundation", "News Agency", "Group"
_PUBLISHER_WORDS = linear.compile(
    r"(?:(?:news|media|publishing|press|broadcasting|digital)\s+)?(?:media|foundation|agency|"
    r"group|trust|company|corporation|holdings|network|publishing|publications|"
    r"ventures|enterprises|limited|ltd\.?|inc\.?|llc)",
    re.IGNORECASE,
)


def _title_of_publishing_company(holder: str) -> str:
    """Rule *publishing company of a title*: "© 2024 Bramble Magazine Ltd" is the company that
    publishes Bramble, named after it with its medium; the title is the publication. Only for a
    company (a suffix was cut): a site that calls itself "Orbit Magazine" keeps its name."""
    match = _MEDIUM_WORD.match(holder)
    return match.group("title").strip() if match else holder


MASTHEAD_LINES = 3
"""The masthead a copyright holder is checked against: one of the page's first lines."""


def _masthead_under_medium_word(holder: str, article: Article) -> str:
    """Rule *masthead under a medium word*: "Kitchen Table Talk" atop the page and "© 2024 Kitchen
    Table Talk Podcast" at its foot: the show names itself by its masthead, the medium is added."""
    match = _MEDIUM_WORD.match(holder)
    if not match:
        return holder
    title = match.group("title").strip().casefold()
    for unit in article.header[:MASTHEAD_LINES]:
        if " ".join(unit.split()).casefold() == title:
            return unit.strip()
    return holder


def _publication_names(line: str):
    """The names a part-of, printed-from, copyright or source line gives as its holder."""
    if is_byline(line):
        return  # "Source: Jane Doe, Editor" names the writer, not the outlet
    for pattern in (
        P.PART_OF_REPORTS,
        P.PRINTED_FROM,
        P.COPYRIGHT,
        P.SOURCE_LINE,
        _HOLDER_BEFORE_SIGN,
    ):
        match = pattern.search(line) if pattern is P.PART_OF_REPORTS else pattern.match(line)
        holder = _holder(_sender_name(match.group("name"))) if match else ""
        if holder:
            yield holder


def _holder(name: str) -> str:
    """ "Omaha World-Herald, 1314 Douglas St", "Handelsblatt GmbH – All rights reserved": the name
    alone.
    A bare year or "Crown copyright" names nobody."""
    if _ADDRESS_VALUE.match(name):
        return ""  # rule *address, not a holder*: "Source: https://..." gives the url, not a name
    name = _HOLDER_END.split(name, 1)[0].strip()
    name = _PART_OF.sub("", _COPYRIGHT_WORD.sub("", name))
    # rule *year after the holder*: "© Fenbridge Courier 2025" puts the year last; it is no
    # company form (COMPANY_SUFFIX counts a year), so the holder stays a plain one
    name = _TRAILING_YEAR.sub("", name)
    return "" if not _TWO_LETTERS.search(name) or "copyright" in name.casefold() else name


_TRAILING_YEAR = linear.compile(r"(?:[\s,]+\d{4}(?:\s*[-–]\s*\d{4})?)+\.?$")
# A source line's value that is a web address ("https:" is all SOURCE_LINE's name group keeps).
_ADDRESS_VALUE = linear.compile(r"^(?:https?:|www\.)", re.IGNORECASE)


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


# "Published in Urban Futures" under the writer's name: a blogging platform's post that a
# publication on the platform carries. The publication, not the platform, published it.
_PUBLISHED_IN = linear.compile(r"^published in\s+(?P<name>(?-i:[A-Z0-9]).{1,60})$", re.IGNORECASE)
PUBLISHED_IN_WORDS = 8
"""A publication's name is a few words; a longer line is a sentence about a journal."""


def publication_from_host_masthead(article: Article, config: Config) -> Result:
    """A host that is a newspaper's name run together ("glenmorrowherald.co.nz"): split before the
    masthead noun it ends with ("Glenmorrow Herald"). Only when no page line names the outlet."""
    for label in _host_labels(article)[:1]:
        match = _HOST_NOUN.match(label)
        if match:
            name = f"{match.group('place').title()} {match.group('noun').title()}"
            return name, Found("host name ending in a newspaper noun", 0.45)
        # rule *hyphenated masthead host*: "kelp-bay-herald.ie" spells its words out
        parts = label.split("-")
        if (
            2 <= len(parts) <= 4
            and all(p.isalpha() for p in parts)
            and _HOST_NOUN_WORD.match(parts[-1])
        ):
            name = " ".join(p.title() for p in parts)
            return name, Found("hyphenated host ending in a newspaper noun", 0.45)
    return None


# The host's letters before a newspaper noun: at least four, so "thepost" stays a bare domain.
_NEWSPAPER_NOUNS = (
    r"tribune|times|post|herald|journal|gazette|chronicle|"
    r"observer|courier|mirror|ledger|sentinel|examiner|bulletin|advertiser|telegraph|dispatch|"
    r"echo|recorder|standard"
)
_HOST_NOUN = linear.compile(rf"^(?P<place>[a-z]{{4,20}})(?P<noun>{_NEWSPAPER_NOUNS})$")
_HOST_NOUN_WORD = linear.compile(rf"^(?:{_NEWSPAPER_NOUNS})$")


def publication_from_published_in(article: Article, config: Config) -> Result:
    """A header line "Published in X": the platform publication that carries the post."""
    for unit in article.header:
        match = _PUBLISHED_IN.match(unit)
        if match and words(unit) <= PUBLISHED_IN_WORDS and not has_date(unit):
            name = match.group("name").strip(" .")
            return canonical(name, config), Found("'Published in' line", 0.7)
    return None


def publication_from_platform(article: Article, config: Config) -> Result:
    """The hosting platform's name on the first line, when nothing on the page names another
    publisher."""
    pub = _first_line_publication(article, config)
    return (pub.name, Found("platform named on the first line", 0.5)) if pub else None


# A site's greeting banner on top: "Welcome to the Parish of Lowmere", "Welcome to Harbour FM".
# The name is capitalised words (with "of", "and", "&" between): a sentence is not a banner.
_WELCOME = linear.compile(
    r"^welcome to (?:the )?(?P<name>(?-i:[A-Z])[\w'’.&-]*(?:\s+(?:(?-i:[A-Z])[\w'’.&-]*|of|"
    r"and|&|on|upon|the)){0,6})$",
    re.IGNORECASE,
)
WELCOME_LINES = 3
"""The banner stands among the page's first lines, above the headline."""


def publication_from_welcome_banner(article: Article, config: Config) -> Result:
    """Rule *welcome banner*: "Welcome to the Parish of Lowmere" atop a council or club site
    names the site's owner. A headline must stand below it: a title-case headline "Welcome to
    the Age of Batteries" alone on top greets no one from a site. (The rules' headline may still
    be the banner at this point, the line-role model corrects it later, so it is not asked.)"""
    header = article.header
    for i, unit in enumerate(header[:WELCOME_LINES]):
        match = _WELCOME.match(unit.strip())
        if not match or match.group("name").endswith((" of", " and", " the", " &")):
            continue
        if any(words(u) >= HEADLINE_WORDS_MIN and not is_meta_line(u) for u in header[i + 1 :]):
            return canonical(match.group("name"), config), Found("welcome banner on top", 0.6)
    return None


HEADLINE_WORDS_MIN = 5
"""A line this long under the banner reads as the headline."""


def publication_from_edition_line(article: Article, config: Config) -> Result:
    """Rule *paper over its edition line*: an e-paper kiosk shows the paper's name over the date
    and page of the edition ("Kingsmere Evening Post" / "Monday, 12 May 2025 · Page 54"), under
    the kiosk's own name and menu."""
    header = article.header[:EDITION_LINES]
    for name, below in pairwise(header):
        if (
            _EDITION_PAGE.search(below)
            and has_date(below)
            and _site_name_like(name)
            and not is_meta_line(name)
            and not furniture_reason(name)
            and words(name) >= 2
        ):
            return canonical(name.strip(), config), Found("paper over its edition line", 0.7)
    return None


EDITION_LINES = 12
"""The top of an e-paper's text view, where the paper's name and edition line stand."""
_EDITION_PAGE = linear.compile(r"(?:^|[·|•,]\s*)(?:page|p\.)\s?[A-Z]?\d{1,3}\b", re.IGNORECASE)


def publication_from_language_switch(article: Article, config: Config) -> Result:
    """Rule *name by its language switch*: "MercoPress, en Español" on the first line, the site's
    name with the link to its edition in another language, which only a site's own chrome has."""
    header = [u for u in article.header[:3] if not furniture_reason(u)]
    match = _LANGUAGE_SWITCH.match(header[0]) if header else None
    if not match or not 1 <= words(match.group("name")) <= 5:
        return None
    return canonical(match.group("name"), config), Found("site name by its language link", 0.6)


_LANGUAGE_SWITCH = linear.compile(
    r"^(?P<name>(?-i:[A-Z])[\w&.'’ -]{1,50}?)\s*[,|·•/]\s*(?:en español|edición en español|"
    r"in english|english edition|en français|auf deutsch|em português|in italiano|中文版?)$",
    re.IGNORECASE,
)


def publication_from_subscription_notice(article: Article, config: Config) -> Result:
    """Rule *paywall names the publisher*: "This is premium content that requires an active
    Capital Economics subscription to view." A page asks for a subscription to itself."""
    for unit in (*article.header, *(d.line for d in article.dropped[:40])):
        match = _SUBSCRIPTION_OF.search(unit)
        name = match and (match.group("name") or match.group("only"))
        if name and name.casefold() not in _NOT_A_PUBLISHER:
            return canonical(name, config), Found("subscription it asks for", 0.6)
    return None


def publication_from_newsletter_issue(article: Article, config: Config) -> Result:
    """Rule *issue number of a newsletter*: "what you're reading is issue #53 of The Week in
    Newsletters": a newsletter numbers its issues under its own name."""
    for unit in (*article.header, *(b.text for b in article.blocks[:3])):
        match = _ISSUE_OF.search(unit)
        if match:
            return canonical(match.group("name"), config), Found("newsletter's issue line", 0.6)
    return None


_ISSUE_OF = linear.compile(
    r"\bissue (?:#|no\.? ?|number )?\d{1,4} of (?P<name>(?-i:[A-Z])[\w&.'’-]*"
    r"(?: (?:(?-i:[A-Z])[\w&.'’-]*|of|in|on|and|the|for)){0,5})",
    re.IGNORECASE,
)


_NOT_A_PUBLISHER = frozenset({"premium", "digital", "print", "free", "all", "plus", "pro"})
_SUBSCRIPTION_OF = linear.compile(
    r"\brequires? an? (?:active |paid |current |valid )?"
    r"(?P<name>(?-i:[A-Z])[\w&.'’-]*(?: (?-i:[A-Z])[\w&.'’-]*){0,4}) "
    r"(?:subscription|membership)\b|"
    r"\bfor (?P<only>(?-i:[A-Z])[\w&.'’-]*(?: (?-i:[A-Z])[\w&.'’-]*){0,4}) subscribers only\b",
    re.IGNORECASE,
)


TAGLINE_WORDS = (4, 15)
"""A blog's tagline is one short sentence: "Notes on old buildings, kept weekly." """


def publication_from_tagline_masthead(article: Article, config: Config) -> Result:
    """Rule *masthead over its tagline*: a blog theme prints the blog's name on the first line and
    its motto, one short sentence, under it, above the post's own headline: a longer line with no
    full stop further down. (The rules may have read the name as the headline at this point; the
    line-role model corrects that later, so the headline found is not asked.) A short headline
    over its dek has no longer headline below it."""
    header = [u for u in article.header if not P.URL_LINE.match(u)]
    if len(header) < 3:
        return None
    name, tagline = header[0].strip(), header[1].strip()
    low, high = MASTHEAD_WORDS
    headline_below = any(
        words(u) >= max(HEADLINE_WORDS_MIN + 1, words(name) + 2)
        and not u.endswith(".")
        and not is_meta_line(u)
        and not furniture_reason(u)
        for u in header[2:]
    )
    if (
        headline_below
        and low <= words(name) <= high
        and name[:1].isupper()
        and not name.isupper()
        and not name.endswith((*TERMINAL, ":"))
        and not furniture_reason(name)
        and not is_meta_line(name)
        and tagline.endswith(".")
        and TAGLINE_WORDS[0] <= words(tagline) <= TAGLINE_WORDS[1]
        and not is_meta_line(tagline)
        and not furniture_reason(tagline)
    ):
        return canonical(name, config), Found("masthead over its tagline", 0.5)
    return None


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
    if top[0] + 1 < len(header) and _spells_out(first, header[top[0] + 1]):
        first = header[top[0] + 1]  # "NWFL" over "Northern Women's Football League"
    if is_meta_line(first) or not 1 <= words(first) <= 5:
        return None
    if _DIGIT_OR_PRICE.search(first) or "%" in first or _ACTION.match(first):
        return None  # a market ticker or a button, not a name
    if first.isupper() and first.casefold() in _SECTION_WORDS:
        return None  # "TECH" above the headline is a section label
    if all(w in _SECTION_WORDS or w == "local" for w in first.casefold().split()):
        return None  # "Local news", "World Business": a section label over a menu, not a name
    if first.isupper():  # "BUENOS AIRES TIMES", "LAW360"; short acronyms stay as they are
        first = " ".join(
            w if len(w) <= 3 and w not in ("THE", "AND") else w.title() for w in first.split()
        )
    if _MASTHEAD_NOUN.search(first) and words(first) >= 2:
        # "THE NORTHERN LEDGER" over a tagline: a newspaper noun makes a masthead without a menu
        return clean_title(first), Found("masthead naming a newspaper", 0.5)
    following = header[top[0] + 1 : top[0] + 6]
    menu = sum(1 for u in following if words(u) <= 3 and not u.endswith(TERMINAL))
    if any(furniture_reason(u) == "navigation" for u in following) or menu >= 3:
        return clean_title(first), Found("site name above the page menu", 0.5)
    return None


def _spells_out(acronym: str, line: str) -> bool:
    """Rule *acronym over its name*: the line's capitalised words begin with the acronym's
    letters, in order ("NWFL" and "Northern Women's Football League")."""
    if not (acronym.isupper() and acronym.isalpha() and 2 <= len(acronym) <= 6):
        return False
    initials = "".join(w[0] for w in line.split() if w[:1].isupper())
    return initials == acronym


# An image's alt text standing for the publisher's logo, anywhere near the top: "Norland Department
# of Natural Resources logo", "Oswell County seal image", "University of Ellerby logo". A site's
# logo is its own name; a seal "of" something ("Seal of the President") names an office instead.
_LOGO_ALT = linear.compile(
    r"^(?P<name>(?-i:[A-Z])[^|:]{2,80}?)\s+(?:logo|crest|seal|emblem)(?:\s+image)?$",
    re.IGNORECASE,
)
LOGO_LINES = 12
"""A logo stands in the page's top chrome: the first lines of the header."""


MASTHEAD_WORDS = (2, 5)
"""A masthead's length in words (inclusive): "The Harrowgate Echo", not a sentence."""


def publication_from_repeated_masthead(article: Article, config: Config) -> Result:
    """ "THE HARROWGATE ECHO" in the header and "The Harrowgate Echo" alone closing the page: a
    name with a newspaper noun that the page prints at its top and again at its foot is the
    outlet's, wherever a dialog or a menu pushed it in the header."""
    foot = {" ".join(u.split()).casefold(): u.strip() for u in article.footer}
    for unit in article.header:
        name = foot.get(" ".join(unit.split()).casefold())
        low, high = MASTHEAD_WORDS
        if name and low <= words(name) <= high and _MASTHEAD_NOUN.search(name.title()):
            return canonical(name, config), Found("masthead repeated at the foot", 0.6)
    return None


def publication_from_logo_alt(article: Article, config: Config) -> Result:
    """The alt text of the site's logo at the top of the page names the publisher: a line "X logo"
    in the header, or a saved page's header image (convert_html), whose alt may be the bare name."""
    saved = article.hints.get("logo_alt", "")
    saved = _LOGO.sub("", saved) if _LOGO_ALT.match(saved) or _LOGO.search(saved) else saved
    for unit in article.header[:LOGO_LINES]:
        match = _LOGO_ALT.match(unit)
        name = match.group("name").strip() if match else ""
        if _names_a_site(name):
            return canonical(name, config), Found("the site's logo (alt text)", 0.7)
    if _names_a_site(saved) and saved[:1].isupper():
        return canonical(saved, config), Found("the saved page's header logo (alt text)", 0.65)
    return None


def _names_a_site(name: str) -> bool:
    """A short alt text that is not a coat of arms or a button."""
    return bool(name) and words(name) <= 10 and not _ARMS.match(name) and not _ACTION.match(name)


# "Lakeview Sentinel © 2025 · All rights reserved", "Field Notes on Water © 2025": the holder
# before the sign, the way many small sites and blog themes print it.
_HOLDER_BEFORE_SIGN = linear.compile(
    r"^(?P<name>(?-i:[A-Z])[^©|·•]{1,60}?)\s*[|·•]?\s*(?:©|\(c\)|copyright)\s*\d{4}\b",
    re.IGNORECASE,
)


def publication_from_reprint_credit(article: Article, config: Config) -> Result:
    """A portal's or paper's credit to the outlet whose story it carries: that outlet published it
    (the labels' rule for reprints), not the portal around it."""
    lines = (*article.header, *article.footer, *(d.line for d in article.dropped))
    blocks = (b.text for b in article.blocks[-3:])
    for unit in (*lines, *blocks):
        match = P.REPRINT_CREDIT.match(unit)
        if match and words(match.group("name")) <= 6:
            return canonical(match.group("name"), config), Found("reprint credit", 0.75)
    return None


def _host_labels(article: Article) -> list[str]:
    """The name part of the source address's host ("eastmoorpost" for www.eastmoorpost.co.uk), and
    of a bare site address printed on the page ("www.thewellingtonecho.co.uk" in a print footer)."""
    hosts = [(urlsplit(article.url or "").hostname or "").lower()]
    hosts += [u.lower() for u in (*article.header, *article.footer) if P.DOMAIN_LINE.match(u)]
    labels = [h.removeprefix("www.").split(".", 1)[0] for h in hosts if "." in h]
    return list(dict.fromkeys(label for label in labels if len(label) >= 4))


_WORD = linear.compile(r"[A-Za-z0-9&'’.-]+")
HOST_NAME_WORDS = 6
"""A publication's name is a few words: longer runs are not tried against the host."""
HOST_NAME_TAIL = 2
"""The closing paragraphs read for a name spelling the host."""


def publication_from_host_name(article: Article, config: Config) -> Result:
    """A name on the page that spells the address's host ("Eastmoor Post" on eastmoorpost.co.uk):
    sites are named after their outlet, so a phrase whose letters are the host's is the outlet,
    written the way the outlet writes it. Only for hosts the table does not know."""
    if publication_from_url_table(article, config):
        return None
    # the page's last paragraphs too: a masthead link closing a clipping ("[Site](https://...)")
    # stays as a short paragraph when no furniture rule knows it
    tail = (b.text for b in article.blocks[-HOST_NAME_TAIL:])
    lines = (*article.header, *article.footer, *(d.line for d in article.dropped), *tail)
    for label in _host_labels(article):
        targets = {label, label.removeprefix("the")}
        for unit in lines:
            if len(unit) > 300 or label.removeprefix("the")[:4] not in unit.casefold():
                continue  # cheap test first: the host's first letters must be on the line
            tokens = _WORD.findall(unit)
            for i, first in enumerate(tokens):
                end = _spelled_host(tokens, i, targets) if first[:1].isupper() else None
                if end is not None:
                    start = i - 1 if i and tokens[i - 1] in ("The", "THE") else i
                    name = " ".join(tokens[start:end]).strip(".,'’")
                    name = name.title() if name.isupper() and len(name) > 5 else name
                    return name, Found("name on the page spelling the address's host", 0.7)
    return None


def _spelled_host(tokens: list[str], i: int, targets: set[str]) -> int | None:
    """The end of the run of two or more words from `i` whose letters spell one of `targets`."""
    squashed = ""
    for k in range(i, min(len(tokens), i + HOST_NAME_WORDS)):
        squashed += "".join(c for c in tokens[k].casefold() if c.isalnum())
        if squashed in targets and k > i:
            return k + 1
        if not any(t.startswith(squashed) for t in targets):
            return None
    return None


# Newspaper nouns that name a masthead and never a section or a label ("Press Release",
# "Report" and "News" do both, so they are not here).
_MASTHEAD_NOUN = linear.compile(
    r"\b(?:Tribune|Times|Post|Herald|Journal|Gazette|Chronicle|Observer|Courier|Mirror|Ledger|"
    r"Sentinel|Examiner|Bulletin|Advertiser|Telegraph|Dispatch|Inquirer|Echo|Clarion|Argus|"
    r"Enquirer|Recorder|Standard|Daily|Weekly)$"
)


_BYLINE_OUTLET_SEPARATOR = linear.compile(r"\s+[|/·•–—-]\s+|,\s+")


def publication_from_byline_outlet(article: Article, config: Config) -> Result:
    """An outlet the table does not know, after the writer's name in the byline: "Ramon Dizon -
    Visayas Daily Mirror", "By Ana Ruiz, The Bay Courier". A newspaper noun ("Mirror", "Courier")
    tells the outlet from a role or a place."""
    for unit in article.header:
        if len(unit) > 120 or is_meta_line(unit) and not is_byline(unit):
            continue
        parts = _BYLINE_OUTLET_SEPARATOR.split(_BY_PREFIX.sub("", unit))
        if len(parts) < 2 or not looks_like_name(parts[0]) or len(parts[0].split()) < 2:
            continue
        outlet = parts[-1].strip(" .")
        if (
            1 <= words(outlet) <= 6
            and outlet[:1].isupper()
            and _OUTLET_WORD.search(outlet)
            and not P.ROLE_WORDS.search(outlet)
        ):
            return canonical(outlet, config), Found("outlet named in the byline", 0.65)
    return None


_BY_PREFIX = linear.compile(r"^by\s+", re.IGNORECASE)

# An organisation's own name in its page footer, over (or beside) its postal address or phone:
# "Westvale Hospitals Health Trust" / "Trust Headquarters, Ferry Lane" / "Switchboard: ...".
_ORGANISATION_WORD = linear.compile(
    r"\b(?:County|City|Council|Department|Ministry|Agency|Authority|Board|Trust|Hospitals?|"
    r"University|College|Institute|Police|Office|Commission|Foundation|Centre|Center|Society|"
    r"Association|Federation|Club|Library|Museum|District|Government|Borough|Parliament)\b"
)
_ADDRESS = linear.compile(
    r"^\d{1,5}\s+\w|\b(?:street|st|road|rd|avenue|ave|lane|way|drive|square|place|boulevard|"
    r"headquarters|p\.?o\.? box)\b|^(?:phone|tel|telephone|switchboard|call)\b",
    re.IGNORECASE,
)
FOOTER_TAIL = 8
"""The address block closes the page: the last body paragraphs and the footer are read."""


def publication_from_footer_address(article: Article, config: Config) -> Result:
    """The organisation named over its address at the foot of its own page (agencies, councils,
    hospitals): the publisher where no masthead or copyright names one."""
    tail = [b.text for b in article.blocks[-FOOTER_TAIL:]]
    lines = [*tail, *article.footer, *(d.line for d in article.dropped)]
    for i, unit in enumerate(lines):
        parts = _PIPE_PARTS.split(unit)
        name = parts[0].strip()
        address = parts[1] if len(parts) > 1 else (lines[i + 1] if i + 1 < len(lines) else "")
        if i == len(tail) - 1 and len(parts) == 1:
            # the page's last paragraph, its address already cut away as footer: "###" ends a
            # release, so the agency's name below it is kept as text and the address is not
            address = next((u for u in article.footer if _ADDRESS.search(u)), address)
        if (
            2 <= words(name) <= 8
            and name[:1].isupper()
            and not name.endswith(TERMINAL)
            and _ORGANISATION_WORD.search(name)
            and not _ABOUT.match(name)
            and _ADDRESS.search(address)
            and not has_date(address)  # "Kestrel Rowing Club · 3 March 2025": a date
        ):
            return canonical(name, config), Found("organisation over its address", 0.6)
    return None


_PIPE_PARTS = linear.compile(r"\s+[|·•]\s+")
_ABOUT = linear.compile(r"^(?:about|contact|visit|find|follow|back)\b", re.IGNORECASE)


def publication_from_title_site(article: Article, config: Config) -> Result:
    """The site's name after the headline in a saved page's <title> (convert_html puts it in the
    hints as `title_site`): how the page names itself to the browser."""
    site = article.hints.get("title_site", "")
    if not site or words(site) > 8 or not site[:1].isupper() or _DIGIT_OR_PRICE.search(site):
        return None
    return canonical(site, config), Found("site name in the page title", 0.65)
