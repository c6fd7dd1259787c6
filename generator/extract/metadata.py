"""Metadata as a cascade of small extractors per field; each fills only what is still empty.

Order per field: the seed's own front-matter (the user's correction), hints from a saved HTML
page, then text extractors from the surest to the weakest. Every value records how it was found
and how sure the extractor is, so low-confidence fields can be listed for the user to check.
Dates are only taken from places that belong to the article (header, footer, dateline, address),
never from the body's story, a caption, a comment or a related-links list.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise
from pathlib import PurePosixPath
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from dateutil import parser as dateparser

from ..config import Config, Publication
from ..records import Article, Found
from . import patterns as P
from .parse import (
    _BULLET,
    TERMINAL,
    _strip_dates,
    furniture_reason,
    has_date,
    is_byline,
    is_category_list,
    is_meta_line,
    words,
)
from .phrase_table import PhraseTable

LOW_CONFIDENCE = 0.6
Result = tuple[object, Found] | None
Extractor = Callable[[Article, Config], Result]

_TRACKING = re.compile(
    r"^(?:utm_\w+|pnespid|from|fbclid|gclid|dclid|msclkid|ocid|mc_cid|mc_eid|cmpid|_ga|igshid|"
    r"module|pgtype|srnd|oref|trackingid|lipi|li_fat_id|_hsenc|_hsmi|mbid|ncid|soc_src|soc_trk|"
    r"mkt_tok|spm|share|sref|smid|ref|ref_src|src|cid|icid|guccounter|guce_\w+|taid|"
    r"sr_share|at_\w+|__twitter_impression|s_cid|ito|rss|feedtype|CMP|partner)$",
    re.IGNORECASE,
)
_WIRE_NAMES = {
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
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][\w'’.-]*|[A-Z]\.|(?:van|von|de|der|da|di|le|la|bin|ibn|al|el|du|dos|del)|"
    r"[\u3040-\u30ff\u3400-\u9fff]+)$"
)


def extract_metadata(article: Article, config: Config) -> Article:
    """Run every field's cascade and return the article with metadata and provenance filled."""
    values: dict[str, object] = {}
    found: dict[str, Found] = {}
    for name in FIELDS:
        for extractor in CASCADE[name]:
            result = extractor(replace(article, **values), config)
            if result is not None and result[0] not in (None, "", ()):
                values[name], found[name] = result
                break
    article = replace(article, **values, found=found)
    return _fuller_visible_byline(_without_site_suffix(article, config), config)


def _without_site_suffix(article: Article, config: Config) -> Article:
    """ "Headline | Reuters", "Headline – Field & Flight": a page title carries the site's name.

    The suffix goes when it names the publication or a known one; from page metadata, an unknown
    short name goes too, and becomes the publication when none was found."""
    if "title" in article.overrides:
        return article
    match = re.match(
        r"^(?P<head>.{10,}?)(?:\s*[|–—]\s*|\s+-\s+)(?P<site>[^|–—]{2,60})$", article.title
    )
    if not match:
        return article
    site, head = match.group("site").strip(), match.group("head").strip()
    known = _known_publication(site, config)
    names = {(article.publication or "").casefold(), (known or "").casefold()} - {""}
    from_metadata = article.found.get("title") and article.found["title"].method.startswith(
        "page metadata"
    )
    if (
        site.casefold() in names
        or known
        or P.DOMAIN_LINE.match(site)
        or _names_the_host(site, article.url)
    ):
        pass
    elif not (from_metadata and words(site) <= 5 and site[:1].isupper()):
        return article
    found = {
        **article.found,
        "title": replace(
            article.found["title"], method=article.found["title"].method + ", site name removed"
        ),
    }
    weak = not article.publication or article.found["publication"].confidence < 0.5  # a bare domain
    if weak:
        found["publication"] = Found("site name after the page title", 0.6)
        return replace(article, title=head, publication=known or site, found=found)
    return replace(article, title=head, found=found)


def _names_the_host(site: str, url: str | None) -> bool:
    """ "Field & Flight" is the name of fieldandflight.com."""
    host = (urlsplit(url or "").hostname or "").removeprefix("www.").split(".")[0]
    squash = lambda text: re.sub(
        r"[^a-z0-9]", "", text.casefold().replace("&", "and")
    ).removeprefix("the")
    return bool(host) and squash(site) == squash(host)


def _fuller_visible_byline(article: Article, config: Config) -> Article:
    """A page's author tag often names only the first writer; the visible byline wins when it names
    the same writers and more. The page's marked byline is asked first, then the text's own."""
    found = article.found.get("author")
    if not found or not found.method.startswith("page metadata") or "author" in article.overrides:
        return article
    shown = split_names(
        re.sub(r"^by\s+", "", article.hints.get("byline", ""), flags=re.IGNORECASE), config
    )
    marked = (", ".join(shown), Found("visible byline", 0.85)) if shown else None
    in_text = next(
        filter(None, (extractor(article, config) for extractor in CASCADE["author"][2:])), None
    )
    tagged = set(article.author.casefold().split(", "))
    for candidate in (marked, in_text):
        if candidate and tagged < set(str(candidate[0]).casefold().split(", ")):
            return replace(
                article, author=candidate[0], found={**article.found, "author": candidate[1]}
            )
    return article


# ---- helpers over the parsed article ------------------------------------------------------


def _header_candidates(article: Article) -> list[tuple[int, str]]:
    """Header lines that could be a headline: not furniture, byline, date, address or bullet."""
    return [
        (i, u)
        for i, u in enumerate(article.header)
        if not furniture_reason(u)
        and not is_meta_line(u)
        and not _BULLET.match(u)
        and not P.RELATED_HEADING.match(u)
    ]


def _title_score(unit: str, is_last: bool) -> float:
    n = words(unit)
    score = 1.0 if 3 <= n <= 25 else 0.3
    if n <= 4 and not is_last:
        score -= 0.6  # a short label above the headline ("US-China tech war")
    if unit.endswith((".", "!")) and n > 15:
        score -= 0.4  # a sentence: more likely a dek or the first paragraph
    return score


def _override(name: str) -> Extractor:
    def extract(article: Article, config: Config) -> Result:
        if name in article.overrides:
            return article.overrides[name], Found("seed front-matter", 1.0)
        return None

    return extract


# ---- title and subtitle ---------------------------------------------------------------------


def headline_lines(article: Article, config: Config) -> list[tuple[int, str]]:
    """Headline and dek candidates in the header, in order.

    Furniture, bullets, bylines and date lines split the header into runs of plain lines; the
    headline's run is the first one directly followed by a byline or date (else the last run).
    Site names, short section labels and a trailing line of names are set aside.
    """
    site_names = _site_names(config)
    # (lines, what follows: 2 a byline, date or summary label, 1 a line of names, 0 anything else)
    runs: list[tuple[list[tuple[int, str]], int]] = []
    current: list[tuple[int, str]] = []
    for i, unit in enumerate(article.header):
        meta = (
            2
            if is_meta_line(unit) or P.KEY_POINTS.match(unit)
            else int(bool(current and names_line(unit, config)))
        )
        if meta or furniture_reason(unit) or _BULLET.match(unit) or P.RELATED_HEADING.match(unit):
            if current:
                runs.append((current, meta))
            current = []
        elif unit.casefold() not in site_names and not P.DOMAIN_LINE.match(unit):
            current.append((i, unit))
    if current:
        runs.append((current, 0))
    runs = [(r, m) for r, m in runs if any(words(u) >= 3 for _, u in r)]
    if not runs:
        return []
    # Prefer a headline-like run right above a byline or date, then any headline-like run, then a
    # short run above a byline ("Officials Plan New Rules" / "By Jane Doe").
    # A run above a real byline or date beats one above a line that only looks like names ("Support Carnegie").
    followed = [r for r, m in sorted(runs, key=lambda run: -run[1]) if m]
    headline_like = [r for r, _ in runs if any(_headline_like(u) for _, u in r)]
    followed_headline = [r for r in followed if r in headline_like]
    candidates = (followed_headline or headline_like[-1:] or followed or [runs[-1][0]])[0]
    # Mastheads and section labels ("Yonhap News Agency", "ECONOMY") stand above the headline.
    while (
        len(candidates) > 1
        and (words(candidates[0][1]) <= 4 or is_category_list(candidates[0][1]))
        and any(_headline_like(u) for _, u in candidates[1:])
    ):
        candidates = candidates[1:]
    # A section label further down ("Business & Tech", "Rule") ends the site's tagline and chrome.
    labels = [
        k
        for k in range(1, len(candidates) - 1)
        if words(candidates[k][1]) <= 3 and _headline_like(candidates[k + 1][1])
    ]
    if labels:
        candidates = candidates[labels[-1] + 1 :]
    cut = next(
        (k for k, (_, u) in enumerate(candidates) if k and names_line(u, config)), len(candidates)
    )
    return candidates[:cut]


def _headline_like(unit: str) -> bool:
    """Headline length; a line ending in a period only if short or two clipped sentences."""
    n = words(unit)
    two_sentences = re.search(r"[.!?][”’\"']?\s", unit)
    return (
        5 <= n <= 25
        and not unit.endswith(":")  # "Full text below:" introduces, it does not headline
        and (not unit.endswith(".") or n <= 10 or (n <= 16 and bool(two_sentences)))
    )


@lru_cache(maxsize=8)
def _site_names(config: Config) -> frozenset[str]:
    return frozenset(
        n.casefold() for p in config.publications for n in (p.name, *p.aliases, *p.domains)
    )


def title_from_header(article: Article, config: Config) -> Result:
    candidates = headline_lines(article, config)
    if not candidates:
        return None
    unit = candidates[0][1]
    if words(unit) > 30 or len(unit) > 300:
        return None  # prose, not a headline
    has_byline = any(is_meta_line(u) for u in article.header)
    return _clean_title(unit), Found("header line", 0.9 if has_byline else 0.75)


def title_from_first_line(article: Article, config: Config) -> Result:
    first = next((b.text for b in article.blocks if b.kind in ("p", "h")), "")
    if not first:
        return None
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    return _clean_title(_shorten(sentence, 120)), Found("first sentence of the body", 0.3)


def title_from_file_name(article: Article, config: Config) -> Result:
    stem = PurePosixPath(article.seed).stem
    return (re.sub(r"[_-]+", " ", stem).strip() or article.seed), Found("seed file name", 0.1)


def title_from_email_subject(article: Article, config: Config) -> Result:
    """A forwarded newsletter or e-mail: its Subject: header is the headline. An alert digest's
    subject ("Google Alert - YMTC") names the search, not the article."""
    for line in (*article.header, *(d.line for d in article.dropped[:20])):
        match = re.match(r"^subject:\s*(?:(?:fwd?|re):\s*)*(.+)$", line, re.IGNORECASE)
        if match and not re.match(
            r"(?:google|talkwalker|news) alerts?\b", match.group(1), re.IGNORECASE
        ):
            return _clean_title(match.group(1)), Found("e-mail subject line", 0.85)
    return None


def _field(labels: str, limit: int, method: str, clean: Callable[[str], str]) -> Extractor:
    """A labelled field of a feed, read-later or document export ("Title: ...", "Subtitle: ...")."""
    pattern = re.compile(rf"^(?:{labels}):\s+(.{{3,{limit}}})$", re.IGNORECASE)

    def extract(article: Article, config: Config) -> Result:
        match = next(filter(None, map(pattern.match, article.header)), None)
        return (clean(match.group(1)), Found(method, 0.85)) if match else None

    return extract


title_from_field = _field(
    "title|headline", 300, "title field of an export", lambda v: _clean_title(v)
)
subtitle_from_field = _field(
    "subtitle|sub-?headline|dek|standfirst|description",
    400,
    "subtitle field of an export",
    lambda v: " ".join(v.split()),
)


def clean_title(text: str) -> str:
    """A headline line without glued section labels, kickers, host names (public: line roles)."""
    return _clean_title(text)


def _clean_title(text: str) -> str:
    text = re.sub(
        r"^(?:Opinion|Exclusive|Breaking|Live|Explainer|Editorial)\s+(?=[A-Z])", "", text
    )  # a glued section label
    # A kicker on the headline's line: "5G WARS: Britain's Huawei ban ...", "Tech war | Singapore server ..."
    # ("ZTE: US lifts ban" keeps its company: a kicker has five characters or more.)
    text = re.sub(r"^(?:[A-Z0-9][A-Z0-9 '’&.-]{4,30}:|[^|:]{2,25}\s\|)\s+(?=\S.{19,})", "", text)
    text = re.sub(
        r"\s+\((?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\)$", "", text
    )  # "Headline (bloomberg.com)"
    return " ".join(_strip_symbols(text).split())


def _strip_symbols(text: str) -> str:
    """Emoji, flags and bullets a post or channel puts around its headline or name; punctuation stays."""

    def symbol(c: str) -> bool:
        return (
            c.isspace() or c in "•·▪►▶" or unicodedata.category(c) in ("So", "Sk", "Cf", "Mn", "Co")
        )

    start, end = 0, len(text)
    while start < end and symbol(text[start]):
        start += 1
    while end > start and symbol(text[end - 1]):
        end -= 1
    return text[start:end]


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def subtitle_from_header(article: Article, config: Config) -> Result:
    """Bullet points or dek lines between the headline and the byline."""
    candidates = headline_lines(article, config)
    if not candidates:
        return None
    first = candidates[0][0]
    after = [u for u in article.header[first + 1 :] if not furniture_reason(u)]
    bullets = [_BULLET.sub("", u).strip() for u in after if _BULLET.match(u)] or _key_points(
        after, config
    )
    if bullets:
        return "; ".join(bullets), Found("bullet summary under the headline", 0.85)
    title = (article.title or "").casefold()
    deks = list(
        dict.fromkeys(u for _, u in candidates[1:] if words(u) >= 5 and u.casefold() != title)
    )
    if deks:
        return "; ".join(deks), Found("line between headline and byline", 0.8)
    return None


def _key_points(lines: list[str], config: Config) -> list[str]:
    """The lines under a "Key Points" label, up to the next byline, date, address or line of names."""
    label = next((k for k, u in enumerate(lines) if P.KEY_POINTS.match(u)), None)
    if label is None:
        return []
    points = []
    for unit in lines[label + 1 :]:
        if (
            is_meta_line(unit)
            or words(unit) > 40
            or names_line(unit, config)
            or words(unit) < 4
            or unit.endswith(":")
        ):
            break  # points are sentences; "DATES:" or "ACTION:" starts a form, not a summary
        points.append(unit)
    return points


# ---- author ---------------------------------------------------------------------------------


def author_from_byline(article: Article, config: Config) -> Result:
    for unit in article.header:
        for name, pattern in P.BYLINE:
            match = pattern.match(unit)
            if match:
                names = split_names(match.group("names"), config)
                if names:
                    return ", ".join(names), Found(f"byline ({name})", 0.9)
    return None


def author_from_footer_label(article: Article, config: Config) -> Result:
    """An "Author: X" line in a metadata block at the end of the page."""
    for unit in article.footer:
        match = dict(P.BYLINE)["author-label"].match(unit)
        if match and words(unit) <= 8:
            names = split_names(match.group("names"), config)
            if names:
                return ", ".join(names), Found("author line in the page footer", 0.7)
    return None


def author_from_name_and_date(article: Article, config: Config) -> Result:
    """ "Jane Doe | May 5, 2021", or the other way round: "May 5, 2022, 1:16 pm EDT | Jane Doe"."""
    for unit in article.header:
        match = P.NAME_THEN_DATE.match(unit)
        if match and has_date(match.group("rest")):
            names = split_names(match.group("names"), config)
            if names:
                return ", ".join(names), Found("name before the date", 0.75)
        parts = re.split(r"\s+[|·•]\s+", unit)
        if len(parts) == 2 and has_date(parts[0]) and not has_date(parts[1]):
            names = names_line(re.sub(r"^by\s+", "", parts[1], flags=re.IGNORECASE), config)
            if names:
                return ", ".join(names), Found("name after the date", 0.75)
    return None


_AUTHORS_LABEL = re.compile(r"^(?:authors?|contributors?|written by)$", re.IGNORECASE)


def author_from_authors_block(article: Article, config: Config) -> Result:
    """An "Authors" label over name, role, office and phone lines (law firms, think tanks)."""
    header = list(article.header)
    label = next((i for i, u in enumerate(header) if _AUTHORS_LABEL.match(u)), None)
    if label is None:
        return None
    found: list[str] = []
    for i in range(label + 1, min(len(header), label + 16)):
        following = header[i + 1] if i + 1 < len(header) else ""
        names = names_line(header[i], config)
        if names and _credential(following):  # a name is followed by its role or contact
            found += names
    return (
        (", ".join(dict.fromkeys(found)), Found("names under an Authors label", 0.75))
        if found
        else None
    )


def _credential(unit: str) -> bool:
    return bool(
        P.ROLE_WORDS.search(unit)
        or P.CREDENTIAL.match(unit)
        or furniture_reason(unit) == "contact details"
    )


def author_from_closing_byline(article: Article, config: Config) -> Result:
    """ "By Vo Hai Dang" as the article's last line."""
    for unit in (*article.footer, *(b.text for b in article.blocks[-2:])):
        match = dict(P.BYLINE)["by-line"].match(unit)
        if match and words(unit) <= 7:
            names = split_names(match.group("names"), config)
            if names:
                return ", ".join(names), Found("byline at the end", 0.7)
    return None


def author_from_write_to(article: Article, config: Config) -> Result:
    """A closing "Write to Jane Doe at jane.doe@example.com and John Roe at ..." line."""
    for unit in (
        *article.footer,
        *(d.line for d in article.dropped),
        *(b.text for b in article.blocks[-3:]),
    ):
        match = P.WRITE_TO.match(unit)
        if match:
            text = re.sub(r"\s+at\s+\S+@\S+", "", match.group("names"))
            names = split_names(text, config)
            if names:
                return ", ".join(names), Found("'Write to' line at the end", 0.75)
    return None


def author_from_names_line(article: Article, config: Config) -> Result:
    """A header line below the headline that is nothing but names: "Jane Doe in Beijing", "X, with Y"."""
    candidates = headline_lines(article, config)
    start = candidates[0][0] + 1 if candidates else 0
    found: list[str] = []
    for unit in article.header[start:]:
        names = names_line(unit, config)
        if names:
            found += names  # one author per line is common: collect the run
        elif found:
            break
    return (
        (", ".join(dict.fromkeys(found)), Found("line of names in the header", 0.75))
        if found
        else None
    )


def names_line(unit: str, config: Config) -> list[str]:
    """The person names on a line made only of names (and places), else an empty list."""
    if (
        words(unit) > 16
        or unit.endswith((".", "?", "!", ":"))
        or has_date(unit)
        or furniture_reason(unit)
    ):
        return []
    if P.OFFICE_TITLE.match(unit):
        return []
    if is_byline(unit):
        return []  # a "By ..." line is read by the byline extractor, which knows outlets from people
    stripped = re.sub(r"\b(?:in|from)\s+[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+){0,2}", "", unit)
    stripped = re.sub(
        r"\bwith\b", ",", re.sub(r"\s@\w+", "", stripped)
    )  # "Ellis Varga @ellisvarga"
    parts = [p.strip(" .") for p in re.split(r",|;|&|\||·|•|\band\b", stripped) if p.strip(" .")]
    # After a name may come a role, a place or the outlet: "Jane Doe, International Editor",
    # "Chia-ling Hsu, Taipei; Trevor Lin, DIGITIMES", "Yuki Ishiguro and Akane Oku, Nikkei staff writers".
    names = [p for k, p in enumerate(parts) if not (k and _affiliation(p, config))]
    # Upper-case names only with an affiliation after them: "KENTA OSHIRO and HSU MEI-LING, Nikkei Asia ..."
    shouting_ok = len(names) < len(parts)
    if not names or not all(
        _looks_like_name(p)
        and len(p.split()) >= 2
        and (shouting_ok or not p.isupper())
        and not P.ROLE_WORDS.search(p)
        and not _OUTLET_WORD.search(p)
        for p in names
    ):
        return []
    return [p for p in names if p.casefold() not in _outlets(config)]


def _affiliation(part: str, config: Config) -> bool:
    """A role, a one-word place or an outlet standing after a name in a byline."""
    tokens = part.split()
    return (
        len(tokens) <= 6
        and bool(P.ROLE_WORDS.search(part))
        or len(tokens) == 1
        and part[:1].isupper()
        or part.casefold() in _outlets(config)
    )


# Words that make a capitalised line a masthead, not a person: "Great Falls Tribune".
_OUTLET_WORD = re.compile(
    r"\b(?:Tribune|Times|Post|News|Herald|Journal|Daily|Gazette|Press|Magazine|Review|"
    r"Chronicle|Observer|Weekly|Wire|Report|Media|Network|Radio|TV|Online|Blog|Insider)\b"
)


@lru_cache(maxsize=8)  # asked for every part of every header line
def _outlets(config: Config) -> frozenset[str]:
    return frozenset(
        {n.casefold() for p in config.publications for n in (p.name, *p.aliases)} | set(_WIRE_NAMES)
    )


def author_from_credit_line(article: Article, config: Config) -> Result:
    for unit in (*article.footer, *(d.line for d in article.dropped)):
        bracketed = P.BRACKET_BYLINE.match(unit)
        if bracketed:
            names = split_names(bracketed.group("names"), config)
            if names:
                return ", ".join(names), Found("byline in brackets at the end", 0.8)
        if not P.CREDIT_LINE.match(unit):
            continue
        parts = re.split(r";", unit.strip("() "))
        reporters = [
            re.sub(r"^.*?\bby\b", "", p, flags=re.IGNORECASE)
            for p in parts
            if re.match(r"\s*(?:additional )?(?:reporting|writing|written)\b", p, re.IGNORECASE)
        ]
        names = [n for part in reporters for n in split_names(part, config)]
        if names:
            return ", ".join(dict.fromkeys(names)), Found("credit line at the end", 0.8)
    return None


def author_from_bio(article: Article, config: Config) -> Result:
    tail = [b.text for b in article.blocks[-5:]] + list(article.footer)
    for unit in tail:
        match = P.AUTHOR_BIO.match(unit)
        if match:
            return match.group("names"), Found("author bio", 0.6)
    return None


def split_names(text: str, config: Config) -> list[str]:
    """Person names out of a byline: dates, roles, places and publication names removed."""
    text = re.sub(
        r"\s*\([^)]*\)|\s*\[[^\]]*\]|\s*<?\S+@\S+\.\w+>?", "", text
    )  # (role), [e-mail], e-mail
    for _, pattern, _ in P.DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            text = text[: match.start()]
    text = re.split(
        r"\s*(?:,\s*)?\b(?:published|posted|updated|on)\b\s*|\s*\b(?:source|editor|photo|via)\s*:",
        text,
        maxsplit=1,
        flags=re.IGNORECASE,
    )[0]
    text = re.split(r"\s+[|/·•]\s+|\s*/\s+|\s+[–—-]\s+", text)[0]
    outlets = _outlets(config)
    names = []
    for part in re.split(r",|;|&|\band\b|\bwith\b", text):
        tokens = part.split()
        if len(tokens) > 2 and tokens[-1].casefold() in outlets:
            part = " ".join(tokens[:-1])  # "Brendan Kowalczyk FOXBusiness"
        role_stripped = P.ROLE_WORDS.sub("", part).strip(" .:-–—")
        if names and role_stripped != part.strip(" .:-–—"):
            continue  # "Kenji Moriyama, Yomiuri Shimbun Staff Writer": the second part is where he works
        part = role_stripped
        if part and part.split()[0].casefold() in outlets and len(part.split()) <= 3:
            continue  # "By Jane Doe, CNN Business": the outlet's desk, not a person
        if part and part.casefold() not in outlets and _looks_like_name(part):
            names.append(part)
    return names


# Site chrome that comes in capitalised pairs ("Today's Paper", "Expert Panel", "HT News Desk").
_NON_NAME_WORDS = frozenset(
    re.findall(
        r"\S+",
        """desk team staff bureau newsroom paper content panel studies study news opinion editorial
today's external expert case sponsored partner guest readers reader archive archives live video podcast newsletter
latest popular trending section sections topics more home menu search login subscribe""",
    )
)


def _looks_like_name(text: str) -> bool:
    tokens = text.split()
    if (
        any(t.casefold() in _NON_NAME_WORDS for t in tokens)
        or tokens
        and tokens[0].casefold() in ("the", "a", "an")
    ):
        return False  # "The Big Story" is a label, not a person
    if not 1 <= len(tokens) <= 5 or text.isupper() and len(tokens) < 2:
        return False
    if len(tokens) == 1 and not re.search(r"[\u3400-\u9fff]", text):
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


# ---- date -----------------------------------------------------------------------------------


def parse_date(text: str) -> tuple[str, str] | None:
    """First date in `text` as (ISO date, pattern name); a regex finds it, dateutil reads it strictly."""
    for name, pattern, dayfirst in P.DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        raw = match.group(0)
        if name == "cjk":
            raw = re.sub(r"\D+", "-", raw).strip("-")
        raw = re.sub(r"(\d)(?:st|nd|rd|th)\b|(\d)\.(?=\s+[^\W\d])", r"\1\2", raw).replace(
            " of ", " "
        )
        raw = re.sub(
            r"[^\W\d_]+", lambda m: P.FOREIGN_MONTHS.get(m.group(0).casefold(), m.group(0)), raw
        )
        raw = re.sub(r"\bSept\b", "Sep", raw)
        try:
            value = dateparser.parse(raw, dayfirst=dayfirst, fuzzy=False).date()
        except (ValueError, OverflowError):
            continue
        if 1990 <= value.year <= dt.date.today().year + 1:
            return value.isoformat(), name
    return None


def date_from_header(article: Article, config: Config) -> Result:
    """A date line of the header: below the headline before above it; updates and editions last."""
    headline = headline_lines(article, config)
    start = headline[0][0] if headline else 0
    lines = [
        (i < start, bool(_SECONDARY_DATE.search(u)), i, u)
        for i, u in enumerate(article.header)
        if is_meta_line(u) and not _ISSUE_DATE.search(u) and not _date_range(u)
    ]
    for *_, unit in sorted(lines):
        parsed = parse_date(unit)
        if parsed:
            return parsed[0], Found(f"header line ({parsed[1]})", 0.9)
    return None


_SECONDARY_DATE = re.compile(r"^\s*(?:last )?(?:updated|modified)|\bedition\b", re.IGNORECASE)
# A magazine's issue or print-edition line dates the issue, not the article.
_ISSUE_DATE = re.compile(
    r"\bedition\b|\bissue\b|\bno\.\s*\d+|\bvol(?:ume)?\.?\s*\d+", re.IGNORECASE
)


def _date_range(unit: str) -> bool:
    """ "17 Apr 2018 - 29 Nov 2021": an archive's capture range or an event's dates, not a publication date."""
    dates = sorted((m.start(), m.end()) for _, p, _ in P.DATE_PATTERNS for m in p.finditer(unit))
    return any(
        re.fullmatch(r"\s*(?:[-–—]|to|until)\s*", unit[end:start])
        for (_, end), (start, _) in pairwise(dates)
    )


def date_from_dateline(article: Article, config: Config) -> Result:
    first = next((b.text for b in article.blocks if b.kind == "p"), "")
    bracketed = (
        re.match(
            r"^\[([^\]]{5,60})\]", first
        )  # "[Shenzhen, China, December 5, 2019] Huawei today ..."
        or re.match(r"^[A-Z][\w .'’-]{1,40}\s\(([^)]{6,60})\)\s*[-–—]{1,2}", first)
    )  # "Law360 (Sept 26, 2025) --"
    parsed = parse_date(bracketed.group(1)) if bracketed else None
    if parsed:
        return parsed[0], Found("dateline", 0.8)
    match = re.match(
        r"^[A-Z][A-Za-z .'-]{1,40},\s+(.{4,40}?)\s*(?:\([\w .]+\))?\s*[-–—]{1,2}", first
    )
    if match:
        parsed = parse_date(match.group(1))
        if parsed:
            return parsed[0], Found("dateline", 0.8)
    return None


def date_from_footer(article: Article, config: Config) -> Result:
    """A "Published ..." line at the end, or a closing line that is only a timestamp (wire copy)."""
    for unit in article.footer:
        timestamp = (
            has_date(unit)
            and words(_strip_dates(unit)) <= 2
            and "print" not in unit.casefold()
            and not _date_range(unit)
            and parse_date(unit)
        )
        if timestamp:
            return timestamp[0], Found("timestamp line at the end", 0.6)
        if (
            re.match(r"^(?:first )?(?:published|posted|updated|date|dated)\b", unit, re.IGNORECASE)
            and words(unit) <= 15
        ):
            parsed = parse_date(unit)
            if parsed:
                return parsed[0], Found("footer publication line", 0.7)
    return None


def date_from_url(article: Article, config: Config) -> Result:
    url = article.url or ""
    match = P.URL_DATE.search(url) or P.URL_DATE_COMPACT.search(url)
    if not match:
        return None
    try:
        value = dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None
    return value.isoformat(), Found("date in the source address", 0.6)


# ---- url and publication --------------------------------------------------------------------


def url_from_lines(article: Article, config: Config) -> Result:
    for unit in (*article.header, *(d.line for d in article.dropped)):
        match = P.URL_LINE.match(unit)
        if match and (
            unit in article.header
            or not unit.startswith("http")
            or _outside_link_lists(unit, article)
        ):
            return clean_url(match.group("url")), Found("source address line", 0.95)
    return None


def _outside_link_lists(line: str, article: Article) -> bool:
    """A bare address dropped from the body, not one of the links of a related-links list."""
    return all(d.reason not in _NOT_PUBLICATION_EVIDENCE for d in article.dropped if d.line == line)


# A search engine's or alert's redirect: "https://www.google.com/url?rct=j&sa=t&url=https%3A%2F%2F..."
_REDIRECT = re.compile(r"^https?://(?:www\.)?google\.[a-z.]+/url\?.*\burl=https?%3A", re.IGNORECASE)
_ARCHIVED = re.compile(
    r"^https?://web\.archive\.org/web/[\w*]+/(?P<url>https?://.+)$", re.IGNORECASE
)


def clean_url(url: str) -> str:
    """Drop tracking parameters; keep everything that identifies the page (the original of an archive copy)."""
    archived = _ARCHIVED.match(url)
    if archived:
        url = archived.group("url")
    redirect = _REDIRECT.match(url)
    if redirect:
        url = dict(parse_qsl(urlsplit(url).query)).get("url") or url
    parts = urlsplit(url.rstrip(".,;)"))
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    ]
    fragment = (
        ""
        if re.match(r"(?:storylink|xtor|ref|utm_|:~:)", parts.fragment, re.IGNORECASE)
        else parts.fragment
    )
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), fragment))


def publication_from_url(article: Article, config: Config) -> Result:
    if not article.url:
        return None
    host = (urlsplit(article.url).hostname or "").lower().removeprefix("www.")
    for pub in config.publications:
        if any(host == d or host.endswith("." + d) for d in pub.domains):
            return pub.name, Found("publication table, by domain", 0.95)
    return (host or None), Found("domain of the source address", 0.4)


def _evidence_lines(article: Article) -> list[str]:
    """Header, footer and dropped lines that may name the publication (not captions, menus, links)."""
    lines = [
        *article.header,
        *article.footer,
        *(d.line for d in article.dropped if d.reason not in _NOT_PUBLICATION_EVIDENCE),
    ]
    lines = [u for u in lines if len(u) <= 1000]  # credits and footers are short; skip long prose
    return list(
        dict.fromkeys(
            u
            for u in lines
            if furniture_reason(u) not in _NOT_PUBLICATION_EVIDENCE
            and not (furniture_reason(u) == "navigation" and _SHARE_ROW.search(u))
        )
    )


def publication_from_credit_lines(article: Article, config: Config) -> Result:
    """A copyright, "Source:" or "part of X's reports" line naming a publication from the table."""
    for line in _evidence_lines(article):
        for name in _publication_names(line):
            if P.PARENT_COMPANY.match(name):
                continue
            known = _known_publication(name, config)
            if known:
                return known, Found("credit, copyright or source line", 0.9)
    return None


def publication_from_byline(article: Article, config: Config) -> Result:
    """The outlet named in a byline: "By Jane Doe | Reuters", "Story by Associated Press"."""
    for unit in article.header:
        if not is_byline(unit):
            continue
        for part in re.split(r"\s*[|,·•]\s*|\bby\b", unit, flags=re.IGNORECASE):
            known = _known_publication(part.strip(" :"), config) if part.strip() else None
            if known:
                return known, Found("outlet named in the byline", 0.8)
    return None


def publication_from_url_table(article: Article, config: Config) -> Result:
    result = publication_from_url(article, config)
    return result if result and result[1].confidence >= 0.9 else None


_DOMAIN = re.compile(
    r"(?<![\w@.-])(?:www\.)?((?:[a-z0-9-]+\.)+(?:com|gov|org|net|cn|tw|uk|jp|kr|eu|news))\b",
    re.IGNORECASE,
)
_EMAIL_DOMAIN = re.compile(r"@((?:[a-z0-9-]+\.)+[a-z]{2,})\b", re.IGNORECASE)


def publication_from_domain_mention(article: Article, config: Config) -> Result:
    """A site's address or e-mail domain in the page furniture ("www.fcc.gov", "press@fcc.gov")."""
    for line in _evidence_lines(article):
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
        P.PARENT_COMPANY.sub(" ", line) for line in _evidence_lines(article)
    ]  # "Vox Media" is not Vox
    table = _publication_phrases(config.publications)
    found = [(-len(entry.phrase), *entry.value) for line in lines for entry in table.find(line)]
    if found:
        return min(found)[2], Found("publication table, by name in the page furniture", 0.75)
    return None


@lru_cache(maxsize=8)
def _publication_phrases(publications: tuple[Publication, ...]) -> PhraseTable:
    """Every name and alias of the non-platform publications ("Listen on YouTube", "Save to Pocket": a
    platform named in the chrome is not the publisher), each with (table order, name)."""
    return PhraseTable(
        (alias, (order, pub.name))
        for order, pub in enumerate(publications)
        if not pub.platform
        for alias in dict.fromkeys((pub.name, *pub.aliases))
    )


def _copyright_holder(corporate: bool) -> Extractor:
    """An unknown name from a copyright or source line. A holder with a company suffix ("Questex LLC")
    is often the publisher's parent, so it comes after the masthead; a plain one comes before."""

    def extract(article: Article, config: Config) -> Result:
        for name in (n for line in _evidence_lines(article) for n in _publication_names(line)):
            if bool(_COMPANY_SUFFIX.search(name)) == corporate and not P.PARENT_COMPANY.match(name):
                return _strip_company_suffix(name), Found(
                    "credit, copyright or source line", 0.6 - 0.1 * corporate
                )
        return None

    return extract


# Dropped lines whose names are someone else's: photo agencies, linked headlines.
_NOT_PUBLICATION_EVIDENCE = {
    "photo caption",
    "related headline",
    "related-links list",
    "related link",
    "comments heading",
}
# Share-button rows name social networks, not the publication.
_SHARE_ROW = re.compile(
    r"\b(?:share|facebook|twitter|linkedin|whatsapp|reddit|e-?mail|tweet)\b", re.IGNORECASE
)
_COMPANY_SUFFIX = re.compile(
    r"(?:[,\s]+(?:inc|ltd|limited|llc|l\.p|lp|plc|corp|corporation|co|gmbh|s\.a|dac|ag|bv|nv|pty|"
    r"pvt|sdn|bhd|s|b|sa|spa|kk|oy|ab|as|"
    r"group|media|company|news ?papers?|\d{4}))+\.?$",
    re.IGNORECASE,
)


def _strip_company_suffix(name: str) -> str:
    return _COMPANY_SUFFIX.sub("", name.strip(" .,")).strip(" .,")


# What may follow a table name in a longer one: "The Times of India Group", "The Japan News by The Yomiuri
# Shimbun"; not "Atlantic Council" after "The Atlantic".
_ONLY_SUFFIX = re.compile(
    r"^\s+(?:by\b.*|(?:group|media|company|online|digital|inc|ltd|llc|plc|news|newspapers?|"
    r"corporation|holdings|limited|co|dac|ag)\b.*)$"
)


def _known_publication(name: str, config: Config) -> str | None:
    """Map a raw name from a credit or copyright line to the table's canonical name, if listed."""
    keys = {c.casefold().removeprefix("the ").strip() for c in (name, _strip_company_suffix(name))}
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


def _publication_names(line: str):
    if is_byline(line):
        return  # "Source: Jane Doe, Editor" names the writer, not the outlet
    for pattern in (P.PART_OF_REPORTS, P.PRINTED_FROM, P.COPYRIGHT, P.SOURCE_LINE):
        match = pattern.search(line) if pattern is P.PART_OF_REPORTS else pattern.match(line)
        holder = _holder(_sender_name(match.group("name"))) if match else ""
        if holder:
            yield holder


def _holder(name: str) -> str:
    """ "Omaha World-Herald, 1314 Douglas St", "Handelsblatt GmbH – All rights reserved": the name alone.
    A bare year or "Crown copyright" names nobody."""
    name = re.split(r",\s*\d|\s[–—-]\s", name, maxsplit=1)[0].strip()
    name = re.sub(
        r"^copyright\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?[,.]?\s*",
        "",
        name,
        flags=re.IGNORECASE,
    )
    return "" if not re.search(r"[A-Za-z]{2}", name) or "copyright" in name.casefold() else name


def _sender_name(name: str) -> str:
    """ "Senate Banking Committee Press <press@...>" (an e-mail From: line) is sent by the committee."""
    if "<" not in name:
        return name.strip()
    name = name.split("<", 1)[0].strip(' "')
    return re.sub(
        r"\s+(?:press(?: office)?|communications|newsroom|media relations)$",
        "",
        name,
        flags=re.IGNORECASE,
    )


def publication_from_wire_credit(article: Article, config: Config) -> Result:
    for block in article.blocks[:3]:
        match = P.WIRE_CREDIT.search(block.text[:200])
        if match:
            name = _WIRE_NAMES[match.group("name").lower()]
            return _canonical(name, config), Found("wire credit in the dateline", 0.8)
    return None


def _canonical(name: str, config: Config) -> str:
    return _known_publication(name, config) or name


def _hint(name: str) -> Extractor:
    """A value from the page's own metadata (a saved page's meta tags, a web clipper's front-matter),
    cleaned like text-extracted values: an author tag may hold an outlet, a date tag a timestamp."""

    def extract(article: Article, config: Config) -> Result:
        value = article.hints.get(name)
        if not value:
            return None
        value = _HINT_CLEANERS.get(name, lambda v, c: v)(value, config)
        return (value, Found("page metadata (saved page or clipper)", 0.85)) if value else None

    return extract


def _hint_date(value: str, config: Config) -> str | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]) and parse_date(value[:10]):
        return value[:10]  # ISO timestamps: the date as the page states it, not converted to UTC
    parsed = parse_date(value)
    return parsed[0] if parsed else None


_HINT_CLEANERS: dict[str, Callable[[str, Config], object]] = {
    "publication": lambda v, c: _canonical(v, c),
    "author": lambda v, c: ", ".join(split_names(v, c)) or None,
    "date": _hint_date,
    "url": lambda v, c: clean_url(v) if re.match(r"https?://", v) else None,
    "title": lambda v, c: _clean_title(v),
}


def _first_line_publication(article: Article, config: Config) -> Publication | None:
    """The table's entry for the page's first line (after address lines), if that line names one."""
    first = next((u for u in article.header if not P.URL_LINE.match(u)), "")
    known = _known_publication(first, config) if first else None
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
    re.findall(
        r"\S+",
        """tech technology business world news markets politics opinion economy china asia us
sports sport life culture science health analysis features investigations""",
    )
)


def _site_name_like(unit: str) -> bool:
    """A short capitalised name, not a button ("Subscribe for $1", "Log In")."""
    return (
        words(unit) <= 4
        and unit[:1].isalpha()
        and not re.search(r"[\d$€£]", unit)
        and not re.match(r"(?:subscribe|log|sign|skip|menu|search|register)\b", unit, re.IGNORECASE)
    )


def publication_from_platform(article: Article, config: Config) -> Result:
    """The hosting platform's name on the first line, when nothing on the page names another publisher."""
    pub = _first_line_publication(article, config)
    return (pub.name, Found("platform named on the first line", 0.5)) if pub else None


def publication_from_masthead(article: Article, config: Config) -> Result:
    """A short name at the top of the page, followed by site chrome (Subscribe, Sign in, a menu).

    "Skip to content" and a bare domain line may stand above the name.
    """
    if _first_line_publication(article, config):
        return None  # a table name there was taken by publication_from_first_line, a platform's comes last
    header = [u for u in article.header if not P.URL_LINE.match(u)]
    top = [i for i, u in enumerate(header[:4]) if not furniture_reason(u)]
    if not top:
        return None
    if P.DOMAIN_LINE.match(header[top[0]]) and len(top) > 1 and _site_name_like(header[top[1]]):
        top = top[1:]  # "asmag.com" above "a&s International": the name under the address
    first = re.sub(r"\s+logo$", "", header[top[0]], flags=re.IGNORECASE)
    if is_meta_line(first) or not 1 <= words(first) <= 5:
        return None
    if first.isupper() and first.casefold() in _SECTION_WORDS:
        return None  # "TECH" above the headline is a section label
    if first.isupper():  # "BUENOS AIRES TIMES", "LAW360"; short acronyms stay as they are
        first = " ".join(w if len(w) <= 3 else w.title() for w in first.split())
    following = header[top[0] + 1 : top[0] + 6]
    menu = sum(1 for u in following if words(u) <= 3 and not u.endswith(TERMINAL))
    if any(furniture_reason(u) == "navigation" for u in following) or menu >= 3:
        return _clean_title(first), Found("site name above the page menu", 0.5)
    return None


CASCADE: dict[str, list[Extractor]] = {
    "url": [_override("url"), _hint("url"), url_from_lines],
    "title": [
        _override("title"),
        _hint("title"),
        title_from_email_subject,
        title_from_field,
        title_from_header,
        title_from_first_line,
        title_from_file_name,
    ],
    "subtitle": [
        _override("subtitle"),
        subtitle_from_field,
        subtitle_from_header,
        _hint("subtitle"),
    ],
    "author": [
        _override("author"),
        _hint("author"),
        author_from_byline,
        author_from_name_and_date,
        author_from_authors_block,
        author_from_names_line,
        author_from_credit_line,
        author_from_closing_byline,
        author_from_write_to,
        author_from_footer_label,
        author_from_bio,
    ],
    "date": [
        _override("date"),
        _hint("date"),
        date_from_header,
        date_from_dateline,
        date_from_footer,
        date_from_url,
    ],
    "publication": [
        _override("publication"),
        _hint("publication"),
        publication_from_credit_lines,
        publication_from_wire_credit,
        publication_from_byline,
        publication_from_url_table,
        publication_from_first_line,
        publication_from_furniture_names,
        publication_from_domain_mention,
        _copyright_holder(False),
        publication_from_masthead,
        _copyright_holder(True),
        publication_from_platform,
        publication_from_url,
    ],
}
FIELDS = ("url", "title", "subtitle", "author", "date", "publication")
