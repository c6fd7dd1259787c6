"""Author rules, surest first: a "By" byline, a name beside the date, an Authors block, a line of
names under the headline, then closing credits ("Reporting by", "By X" at the end, "Write to"), an
Author: footer line and an author bio."""

from __future__ import annotations

import re
from dataclasses import replace

from ...config import Config
from ...records import Article, Found, RoleReason
from .. import linear
from .. import patterns as P
from ..parse import furniture_reason, has_date, words
from .base import Extractor, Result
from .headline import headline_lines
from .names import looks_like_name, names_line, split_names

_PIPE = linear.compile(r"\s+[|·•]\s+")
_BY = linear.compile(r"^by\s+", re.IGNORECASE)
_AT_ADDRESS = linear.compile(r"\s+at\s+\S+@\S+")  # "Jane Doe at jane@example.com"
_UP_TO_BY = linear.compile(r"^.*?\bby\b", re.IGNORECASE)  # "Additional reporting by"
# "Posted on December 8, 2021 by Tom Doyle": the writer after the date
_BY_AT_END = linear.compile(r"\bby\s+(?P<names>(?-i:[A-Z])[^|]{2,80})$", re.IGNORECASE)
# A byline going on on the next line: "by Lukas Horvat" / "with Lukas Halvorsen in Ljubljana"
_WITH_LINE = linear.compile(r"^(?:with|and)\s+(?-i:[A-Z])", re.IGNORECASE)
_CONTACT_LABEL = linear.compile(
    r"^to contact the (?:reporters?|writers?|authors?)\b[^:]{0,40}:$", re.IGNORECASE
)
_REPORTING = linear.compile(r"\s*(?:additional )?(?:reporting|writing|written)\b", re.IGNORECASE)


def author_from_byline(article: Article, config: Config) -> Result:
    """A "By ..." or "Author: ..." line in the header: the page says outright who wrote it."""
    for i, unit in enumerate(article.header):
        for name, pattern in P.BYLINE:
            match = pattern.match(unit)
            if match:
                raw = match.group("names")
                names = split_names(_uninverted(raw) if name == "author-label" else raw, config)
                following = article.header[i + 1] if i + 1 < len(article.header) else ""
                if names and _WITH_LINE.match(following):
                    names += split_names(following, config)
                if names:
                    return ", ".join(dict.fromkeys(names)), Found(f"byline ({name})", 0.9)
    return None


def _uninverted(names: str) -> str:
    """Rule *library record's inverted name*: "Morales, Dana" (a database's Author field) is Dana
    Morales. Only a single surname and given name: "Doe, Smith" of two writers has no initial."""
    match = _INVERTED_NAME.match(names.strip())
    return f"{match.group('given')} {match.group('surname')}" if match else names


_INVERTED_NAME = linear.compile(
    r"^(?P<surname>[A-Z][a-z'’-]+(?: [A-Z][a-z'’-]+)?), "
    r"(?P<given>[A-Z][a-z'’-]+(?: [A-Z]\.)?)$"
)


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
        after = _BY_AT_END.search(unit)
        if after and has_date(unit[: after.start()]):
            names = split_names(after.group("names"), config)
            if names:
                return ", ".join(names), Found("name after the date", 0.75)
        parts = _PIPE.split(unit)
        if len(parts) == 2 and has_date(parts[0]) and not has_date(parts[1]):
            names = names_line(_BY.sub("", parts[1]), config)
            if names:
                return ", ".join(names), Found("name after the date", 0.75)
    return None


_AUTHORS_LABEL = linear.compile(r"^(?:authors?|contributors?|written by)$", re.IGNORECASE)


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


def author_from_names_over_roles(article: Article, config: Config) -> Result:
    """In the header, each writer's name on a line over a role line ("Priya Raman" /
    "Senior Fellow, Fiscal Policy Program"), several in a row: a think tank's or a paper's
    byline without a label. Every pair in the run counts, so two writers are not read as one."""
    header = article.header
    found: list[str] = []
    i = 0
    newsroom = False
    while i < min(len(header) - 1, PAIR_LINES):
        names = names_line(header[i], config, shouting=_credential(header[i + 1]))
        if names and _credential(header[i + 1]):
            found += names
            newsroom = newsroom or bool(_NEWSROOM_ROLE.match(header[i + 1]))
            i += 2
        elif found:
            break
        else:
            i += 1
    # one name over a think tank's role may be a speaker's; over a newsroom role it is the writer
    return (
        (", ".join(dict.fromkeys(found)), Found("names over role lines", 0.75))
        if len(found) >= 2 or found and newsroom
        else None
    )


# "GRAHAM ELDER" over "Sports Reporter", "Jordan Pike" over "News Editor": a paper's own staff
_NEWSROOM_ROLE = linear.compile(
    r"^(?:[\w-]+\s+){0,3}(?:reporter|correspondent|writer|columnist|journalist|editor)s?$",
    re.IGNORECASE,
)


PAIR_LINES = 30
"""Writers' name-and-role pairs stand in the page's top lines, with the headline and dek."""


# A job title on its own line under a name: "Research Associate", "Director, Cities Programme".
_ROLE_LINE = linear.compile(
    r"^(?:[\w-]+\s+){0,3}(?:associate|fellow|director|professor|lecturer|researcher|economist|"
    r"adviser|advisor|officer|manager|strategist|scientist|partner|head of)\b",
    re.IGNORECASE,
)


def _credential(unit: str) -> bool:
    """A role, a credential or contact details: what follows a name in an author block."""
    return bool(
        P.ROLE_WORDS.search(unit)
        or words(unit) <= 8
        and _ROLE_LINE.match(unit)
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
            text = _AT_ADDRESS.sub("", match.group("names"))
            names = split_names(text, config)
            if names:
                return ", ".join(names), Found("'Write to' line at the end", 0.75)
    return None


def author_from_contact_block(article: Article, config: Config) -> Result:
    """Wire copy's closing "To contact the reporters on this story:" over one line per reporter
    ("Jane Doe in London at jdoe@example.com"); the editors' block after it is not read."""
    lines = list(article.footer)
    for i, unit in enumerate(lines):
        if not _CONTACT_LABEL.match(unit):
            continue
        names: list[str] = []
        for line in lines[i + 1 : i + 1 + CONTACT_LINES]:
            if "@" not in line:
                break
            names += split_names(_AT_ADDRESS.sub("", line), config)
        if names:
            return ", ".join(dict.fromkeys(names)), Found("reporters' contact lines", 0.75)
    return None


CONTACT_LINES = 6
"""A contact block names a handful of reporters; more lines are something else."""


def author_from_names_line(article: Article, config: Config) -> Result:
    """A header line below the headline that is nothing but names: "Jane Doe in Beijing",
    "X, with Y"."""
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


def author_from_credit_line(article: Article, config: Config) -> Result:
    """Wire copy's closing "(Reporting by X; Editing by Y)": the reporters, not the editors,
    who did not write the story."""
    for unit in (*article.footer, *(d.line for d in article.dropped)):
        bracketed = P.BRACKET_BYLINE.match(unit)
        if bracketed:
            names = split_names(bracketed.group("names"), config)
            if names:
                return ", ".join(names), Found("byline in brackets at the end", 0.8)
        if not P.CREDIT_LINE.match(unit):
            continue
        parts = unit.strip("() ").split(";")
        reporters = [_UP_TO_BY.sub("", p) for p in parts if _REPORTING.match(p)]
        names = [n for part in reporters for n in split_names(part, config)]
        if names:
            return ", ".join(dict.fromkeys(names)), Found("credit line at the end", 0.8)
    return None


# A newsletter's or letter's sign-off: "— Rosalind Achebe" alone on a closing line, under
# "Until next week,". A dash before a bare name is how writers sign; a quote's attribution
# ("— FCC Chair Jo Ray, in a statement") has words that are not a name, so names_line refuses it.
_SIGN_OFF = linear.compile(r"^[—–-]{1,2}\s*(?P<names>(?-i:[A-Z]).{2,60})$")
SIGN_OFF_LINES = 4
"""A sign-off closes the letter: only its last few blocks and the footer's first lines."""


def author_from_sign_off(article: Article, config: Config) -> Result:
    """ "— Jane Doe" closing the text: the writer signing the letter."""
    tail = [b.text for b in article.blocks[-SIGN_OFF_LINES:]] + list(
        article.footer[:SIGN_OFF_LINES]
    )
    for unit in tail:
        for line in unit.splitlines():
            match = _SIGN_OFF.match(line.strip())
            names = names_line(match.group("names"), config) if match else None
            if names:
                return ", ".join(names), Found("sign-off at the end", 0.6)
    return None


# A letter to the editor opens on a salutation: "THE EDITOR:", "Sir, –", "Dear Editor,".
_SALUTATION = linear.compile(
    r"^(?:(?:to )?the editor\s*[:,]|(?:dear )?(?:sir|madam|editor)\s*[,:]|sir\s*[–—-])",
    re.IGNORECASE,
)
# and closes on the writer's name and town: "Orla Pennington, Westmarch"
_SIGNATURE = linear.compile(
    r"^(?P<name>[A-Z][^,]{2,50}),\s+(?P<place>[A-Z][\w'’.-]+(?:\s+[\w'’.-]+){0,3})$"
)
LETTER_TAIL = 8
"""A signature stands among the letter's last paragraphs, above the page's disclaimers."""


def author_from_letter_signature(article: Article, config: Config) -> Result:
    """Rule *letter signature*: a letter to the editor (its first paragraph opens on a salutation)
    is signed by a line of the writer's name and town at its end."""
    if not article.blocks or not _SALUTATION.match(article.blocks[0].text):
        return None
    # the line-role model may have set the signature aside as page furniture
    set_aside = [d.line for d in article.dropped if isinstance(d.reason, RoleReason)]
    for text in reversed([b.text for b in article.blocks[-LETTER_TAIL:]] + set_aside[-2:]):
        match = _SIGNATURE.match(text.strip())
        name = match.group("name").strip() if match else ""
        if name and looks_like_name(name) and 2 <= len(name.split()) <= 4:
            return name, Found("signature closing a letter to the editor", 0.7)
    return None


def author_from_bio(article: Article, config: Config) -> Result:
    """ "Jane Doe is a reporter at ..." near the end: the weakest sign, since a bio may describe a
    guest or a source."""
    tail = [b.text for b in article.blocks[-5:]] + list(article.footer)
    for unit in tail:
        match = P.AUTHOR_BIO.match(unit) or _WRITES.match(unit)
        if match:
            return match.group("names"), Found("author bio", 0.6)
    return None


# A newsletter's sign-off: "Caleb Ostrowski writes The Week in Space every week."
_WRITES = linear.compile(
    r"^(?P<names>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}) (?:writes|wrote|reports|reported) "
    r"(?:this|the|for|about|[A-Z])"
)


def fuller_visible_byline(article: Article, config: Config, text_rules: list[Extractor]) -> Article:
    """A page's author tag often names only the first writer; the visible byline wins when it names
    the same writers and more. The page's marked byline is asked first, then the text's own."""
    found = article.found.get("author")
    if not found or not found.method.startswith("page metadata") or "author" in article.overrides:
        return article
    shown = split_names(_BY.sub("", article.hints.get("byline", "")), config)
    marked = (", ".join(shown), Found("visible byline", 0.85)) if shown else None
    in_text = next(filter(None, (extractor(article, config) for extractor in text_rules)), None)
    tagged = set(article.author.casefold().split(", "))
    for candidate in (marked, in_text):
        if candidate and tagged < set(str(candidate[0]).casefold().split(", ")):
            return replace(
                article, author=candidate[0], found={**article.found, "author": candidate[1]}
            )
    return article
