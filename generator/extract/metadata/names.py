"""Person names: which parts of a byline are people (not roles, places, desks or outlets), and
whether a header line is nothing but names."""

from __future__ import annotations

import re

from ...config import Config
from .. import linear
from .. import patterns as P
from ..parse import furniture_reason, has_date, is_byline, words
from .publication_table import WIRE_NAMES, Publications, once_per_table

# A capital may carry an accent: "Émilie", "Łukasz", "Şahin".
_NAME_TOKEN = linear.compile(
    r"^(?:[A-Z\u00C0-\u00DE\u0100-\u017F][\w'’.-]*|[A-Z]\.|"
    r"(?:van|von|de|der|da|di|le|la|bin|ibn|al|el|du|dos|del)|"
    r"[\u3040-\u30ff\u3400-\u9fff]+)$"
)

_PLACE = linear.compile(r"\b(?:in|from)\s+[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+){0,2}")  # "in Beijing"
_WITH = linear.compile(r"\bwith\b")
_HANDLE = linear.compile(r"\s@\w+")
_NAME_SEPARATOR = linear.compile(r",|;|&|\||·|•|\band\b|\s[–—-]\s")
# (role), [e-mail], e-mail
_ASIDES = linear.compile(r"\s*\([^)]*\)|\s*\[[^\]]*\]|\s*<?\S+@\S+\.\w+>?")
# Where the names of a byline end: "..., published ...", "... on May 5", "Source: ..."
_AFTER_NAMES = linear.compile(
    r"\s*(?:,\s*)?\b(?:published|posted|updated|on)\b\s*|\s*\b(?:source|editor|photo|via)\s*:",
    re.IGNORECASE,
)
_BYLINE_SEPARATOR = linear.compile(r"\s+[|/·•]\s+|\s*/\s+|\s+[–—-]\s+")
_BYLINE_NAME_SEPARATOR = linear.compile(r",|;|&|\band\b|\bwith\b")
_HAN = linear.compile(r"[\u3400-\u9fff]")


# "Cedar Bluff-Marlow Springs, TX": a local site's edition, a place and a US state, not a person
_CITY_AND_STATE = linear.compile(
    r"^[A-Z][\w.'’ -]{1,40}, "
    r"(?:AL|AK|AZ|AR|CA|CO|CT|DE|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|"
    r"NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|DC)$"
)


def names_line(unit: str, config: Config, shouting: bool = False) -> list[str]:
    """The person names on a line made only of names (and places), else an empty list.
    Upper-case names count only with an affiliation after them, or with `shouting` (the caller
    saw a role line under them)."""
    reason = furniture_reason(unit)
    if (
        words(unit) > 16
        or unit.endswith((".", "?", "!", ":"))
        or has_date(unit)
        or reason and not (reason == "navigation" and _name_and_outlet(unit))
    ):
        return []
    if P.OFFICE_TITLE.match(unit) or _CITY_AND_STATE.match(unit):
        return []
    if is_byline(unit):
        # a "By ..." line is read by the byline rule, which knows outlets from people
        return []
    stripped = _PLACE.sub("", unit)
    stripped = _WITH.sub(",", _HANDLE.sub("", stripped))  # "Ellis Varga @ellisvarga"
    parts = [p.strip(" .") for p in _NAME_SEPARATOR.split(stripped) if p.strip(" .")]
    # After a name may come a role, a place or the outlet: "Jane Doe, International Editor",
    # "Chia-ling Hsu, Taipei; Trevor Lin, DIGITIMES",
    # "Yuki Ishiguro and Akane Oku, Nikkei staff writers".
    if len(parts) >= 2 and parts[0].casefold() in _outlets(config):
        parts = parts[1:]  # "Los Angeles Times - Karen Kaplan": the outlet first, then the writer
    names = [p for k, p in enumerate(parts) if not (k and _affiliation(p, config))]
    # Upper-case names only with an affiliation after them:
    # "KENTA OSHIRO and HSU MEI-LING, Nikkei Asia ..."
    shouting_ok = shouting or len(names) < len(parts)
    if not names or not all(
        looks_like_name(p)
        and len(p.split()) >= 2
        and (shouting_ok or not p.isupper())
        and not P.ROLE_WORDS.search(p)
        and not OUTLET_WORD.search(p)
        for p in names
    ):
        return []
    return [p for p in names if p.casefold() not in _outlets(config)]


_PIPE = linear.compile(r"\s+\|\s+")


def _name_and_outlet(unit: str) -> bool:
    """ "Danielle Haskins | KQRA Public Radio": a name and its outlet, though the pipe makes the
    line look like a menu."""
    parts = _PIPE.split(unit)
    return (
        len(parts) == 2
        and len(parts[0].split()) >= 2
        and looks_like_name(parts[0])
        and bool(OUTLET_WORD.search(parts[1]))
    )


def _affiliation(part: str, config: Config) -> bool:
    """A role, a one-word place or an outlet standing after a name in a byline."""
    tokens = part.split()
    return (
        len(tokens) <= 6
        and bool(P.ROLE_WORDS.search(part) or OUTLET_WORD.search(part))
        or len(tokens) == 1
        and part[:1].isupper()
        or part.casefold() in _outlets(config)
    )


# Words that make a capitalised line a masthead, not a person: "Great Falls Tribune".
OUTLET_WORD = linear.compile(
    r"\b(?:Tribune|Times|Post|News|Herald|Journal|Daily|Gazette|Press|Magazine|Review|"
    r"Chronicle|Observer|Weekly|Wire|Report|Media|Network|Radio|TV|Online|Blog|Insider|"
    r"Service|Agency|Noticias|Agencia|Agence|"
    # the newspaper nouns of mastheads around the world
    r"Courier|Mirror|Ledger|Sentinel|Examiner|Bulletin|Advertiser|Telegraph|Dispatch|"
    r"Inquirer|Gazeta|Zeitung|Monitor|Echo|Clarion|Argus|Enquirer|Recorder|Standard)\b"
)


def _outlets(config: Config) -> frozenset[str]:
    """Publication names and wire agencies, case-folded: parts of a byline that are not people."""
    return _outlet_names(config.publications)


@once_per_table  # asked for every part of every header line
def _outlet_names(publications: Publications) -> frozenset[str]:
    return frozenset(
        {n.casefold() for p in publications for n in (p.name, *p.aliases)} | set(WIRE_NAMES)
    )


def split_names(text: str, config: Config) -> list[str]:
    """Person names out of a byline: dates, roles, places and publication names removed."""
    text = _ASIDES.sub("", text)
    for _, pattern, _ in P.DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            text = text[: match.start()]
    text = _AFTER_NAMES.split(text, 1)[0]
    text = _BYLINE_SEPARATOR.split(text)[0]
    outlets = _outlets(config)
    names = []
    for part in _BYLINE_NAME_SEPARATOR.split(text):
        part = _PLACE.sub("", part)  # "Tessa Grant in Washington": where she filed from
        tokens = part.split()
        # an outlet glued after the name: "Brendan Kowalczyk FOXBusiness",
        # "Jordan Guerrero Associated Press"
        cut = next(
            (k for k in range(2, len(tokens)) if " ".join(tokens[k:]).casefold() in outlets), None
        )
        if cut is not None:
            part = " ".join(tokens[:cut])
        role_stripped = P.ROLE_WORDS.sub("", part).strip(" .:-–—")
        if names and role_stripped != part.strip(" .:-–—"):
            # "Kenji Moriyama, Yomiuri Shimbun Staff Writer": the second part is where he works
            continue
        part = role_stripped
        if part and part.split()[0].casefold() in outlets and len(part.split()) <= 3:
            continue  # "By Jane Doe, CNN Business": the outlet's desk, not a person
        if part and part.casefold() not in outlets and looks_like_name(part):
            names.append(part)
    return names


# Site chrome that comes in capitalised pairs ("Today's Paper", "Expert Panel", "HT News Desk").
_NON_NAME_WORDS = frozenset(
    [
        # organisations that sign press releases: "Press Office", "HM Treasury",
        # "Tucson Regional Partnership", "Northbrook Foods"
        "office",
        "treasury",
        "partnership",
        "foods",
        "medicines",
        "vaccines",
        "police",
        "ministry",
        "department",
        "council",
        "agency",
        "university",
        "institute",
        "foundation",
        "association",
        "service",
        "services",
        "commission",
        "committee",
        "government",
        "authority",
        "press",
        "noticias",
        "desk",
        "team",
        "staff",
        "bureau",
        "newsroom",
        "paper",
        "content",
        "panel",
        "studies",
        "study",
        "news",
        "opinion",
        "editorial",
        "today's",
        # a blogging platform's audio and share buttons on one line: "Listen  Share"
        "listen",
        "share",
        # the picture credits beside a writer's: "Illustration Dan Iwu", "Pictures Tom Reed"
        "illustration",
        "illustrations",
        "pictures",
        "photography",
        "external",
        "expert",
        "case",
        "sponsored",
        "partner",
        "guest",
        "readers",
        "reader",
        "archive",
        "archives",
        "live",
        "video",
        "podcast",
        "newsletter",
        "latest",
        "popular",
        "trending",
        # a logo's alt text: "ZTE Logo AH2"
        "logo",
        # a summary box's label: "In Summary", "Key Points"
        "summary",
        "points",
        "section",
        "sections",
        "topics",
        "more",
        "home",
        "menu",
        "search",
        "login",
        "subscribe",
    ]
)


def looks_like_name(text: str) -> bool:
    """One to five capitalised name tokens that are not site chrome, a label or a platform."""
    tokens = text.split()
    if (
        any(t.casefold() in _NON_NAME_WORDS for t in tokens)
        or tokens
        and tokens[0].casefold() in ("the", "a", "an")
    ):
        return False  # "The Big Story" is a label, not a person
    if not 1 <= len(tokens) <= 5 or text.isupper() and len(tokens) < 2:
        return False
    if len(tokens) == 1 and not _HAN.search(text):
        return False
    return all(_NAME_TOKEN.match(t) for t in tokens) and text.casefold() not in _NOT_NAMES


_NOT_NAMES = {
    "apple podcasts",
    "google podcasts",
    "spotify",
    "apple news",
    "google news",
    "feedly",
    "flipboard",
    "telegram",
    "wechat",
    "youtube",
    "facebook",
    "twitter",
    "linkedin",
    "instagram",
    "tiktok",
    "staff",
    "staff reporter",
    "staff writer",
    "the associated press",
    "associated press",
    "news desk",
    "editorial board",
    "the editorial board",
    "our reporter",
    "admin",
    "editor",
    "guest contributor",
    "web desk",
    "global times",
    "china daily",
    "xinhua",
}
