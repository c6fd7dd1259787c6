"""People an article names with the role it gives them, bylines excluded.

Two named rules: an appositive ("Liu Guohong, research director at China Development Institute")
and a title before the name ("Foreign Ministry spokesperson Lu Kang", "Huawei founder Ren
Zhengfei"). A name is two or three capitalised words; words that start sentences, places and
company names are not names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..extract import linear
from ..records import Person

ROLE_WORDS = (
    "president",
    "vice president",
    "chairman",
    "chairwoman",
    "chair",
    "founder",
    "co-founder",
    "director",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "analyst",
    "partner",
    "minister",
    "secretary",
    "senator",
    "representative",
    "ceo",
    "chief executive",
    "executive",
    "professor",
    "researcher",
    "official",
    "lawyer",
    "attorney",
    "head",
    "manager",
    "economist",
    "fellow",
    "ambassador",
    "chief",
    "governor",
    "commissioner",
    "adviser",
    "advisor",
    "editor",
    "engineer",
    "consultant",
    "investor",
    "strategist",
    "lawmaker",
    "congressman",
    "congresswoman",
    "leader",
)
"""Words that make a phrase a role. One vocabulary, used by both rules and by quotes."""
_ROLE = "|".join(sorted((re.escape(w) for w in ROLE_WORDS), key=len, reverse=True))
_TOKEN = r"[A-Z][a-z]{1,15}(?:-[A-Za-z][a-z]{1,15})?"
NAME = rf"{_TOKEN}(?: {_TOKEN}){{1,2}}"
NOT_NAME_WORDS = frozenset(
    {
        "The",
        "This",
        "That",
        "These",
        "Those",
        "A",
        "An",
        "In",
        "On",
        "At",
        "For",
        "But",
        "And",
        "If",
        "As",
        "It",
        "He",
        "She",
        "They",
        "We",
        "Our",
        "His",
        "Her",
        "Its",
        "Chinese",
        "American",
        "China",
        "Beijing",
        "Washington",
        "Hong",
        "Kong",
        "Shenzhen",
        "Hangzhou",
        "Xinjiang",
        "Trump",
        "White",
        "House",
        "Commerce",
        "Department",
        "Ministry",
        "Foreign",
        "State",
        "Treasury",
        "Congress",
        "Senate",
        "United",
        "States",
        "Nations",
        "European",
        "Union",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Post",
        "Times",
        "News",
        "Reuters",
        "Bloomberg",
        "Street",
        "Journal",
        "Global",
        "Security",
        "Technology",
        "Technologies",
        "Group",
        "Holdings",
        "Company",
        "Institute",
        "University",
        "Council",
        "Committee",
        "Bureau",
        "Act",
        "Entity",
        "List",
        "Shares",
        "President",
        "Secretary",
        "Senator",
        "Minister",
        "Chairman",
        "Spokesperson",
        "Long",
        "North",
        "South",
        "East",
        "West",
        "New",
        "York",
        "Research",
        "Development",
        "Android",
        "Google",
        "Huawei",
        "Hikvision",
        "Dahua",
        "Many",
        "Some",
        "Most",
        "Even",
        "Still",
        "Just",
        "Last",
        "Vice",
        "Chief",
        "Professor",
        "Director",
        "Office",
        "Tech",
        "Markit",
    }
)
"""Capitalised words that begin a sentence or name a place or body rather than a person. "Long" is
here: "Long March" is a campaign, not a person."""


@dataclass(frozen=True)
class PersonRule:
    name: str
    pattern: re.Pattern
    """Matched against the text just before a role word (anchored at its end) or just after it."""
    example: str


# Both rules start from a role word, found in one pass, and look at the few words around it:
# scanning every capitalised word of a paragraph for a possible name costs far more.
# On RE2: an automaton scans a paragraph for ~45 role words at once, about 6 times faster than
# Python's engine trying the alternation at every position (same matches on the labelled set)
_ROLE_WORD = linear.compile(rf"\b(?i:{_ROLE})\b")
_ROLE_TAIL = re.compile(r"[^,.;:“”\"()]{0,90}")
ROLE_LOOKBACK = 140
"""Characters before a role word searched for "Name, a ... role" or "Title Title role"."""
PERSON_RULES: tuple[PersonRule, ...] = (
    PersonRule(
        "name, role",
        re.compile(
            rf"(?P<name>{NAME}),\s+(?:(?:a|an|the)\s+)?(?P<lead>(?:[\w'’-]{{1,30}}\s+){{0,4}})$"
        ),
        "Liu Guohong, research director at think tank China Development Institute",
    ),
    PersonRule(
        "role name",
        re.compile(rf"\s+(?P<name>{NAME})\b"),
        "Chinese Foreign Ministry Spokesperson Lu Kang",
    ),
)
_TITLE_WORDS = re.compile(r"(?:[A-Z][\w'’-]{1,30}\s+){0,3}$")


def is_name(candidate: str) -> bool:
    words = candidate.split()
    return len(words) >= 2 and not any(w in NOT_NAME_WORDS for w in words)


def _candidates(text: str) -> list[tuple[int, str, str, str]]:
    """(position, name, role, rule) for each role word with a name beside it."""
    appositive, titled = PERSON_RULES
    found = []
    for role in _ROLE_WORD.finditer(text):
        start = max(0, role.start() - ROLE_LOOKBACK)
        before = appositive.pattern.search(text, start, role.start())
        if before:
            tail = _ROLE_TAIL.match(text, role.end()).group()
            found.append(
                (
                    start + before.start(),
                    before.group("name"),
                    before.group("lead") + role.group() + tail,
                    appositive.name,
                )
            )
            continue
        after = titled.pattern.match(text, role.end())
        if after:
            title = _TITLE_WORDS.search(text, start, role.start())
            role_text = title.group() + role.group()
            found.append((role.start(), after.group("name"), role_text, titled.name))
    return found


MAX_PEOPLE = 60
"""People kept per article, the first found. A news story names a dozen at most; the cap keeps
a seed of thousands of "Name, a spokesman" phrases linear (each new name is checked against
those already found)."""


def find_people(
    paragraphs: Sequence[str], exclude: Sequence[str] = (), folded: frozenset[str] = frozenset()
) -> tuple[Person, ...]:
    """People with roles, in order of first appearance; names in `exclude` (bylines, company
    names) or in `folded` (the same, already case-folded: built once per config) are left out,
    and so are names with an excluded word. A person named twice keeps the first role found; at
    most MAX_PEOPLE."""
    excluded = folded | {e.casefold() for e in exclude}
    people: dict[str, Person] = {}
    for text in paragraphs:
        if len(people) >= MAX_PEOPLE:
            break
        for _, name, role, rule in sorted(_candidates(text)):
            if len(people) >= MAX_PEOPLE:
                break
            folded = name.casefold()
            if not is_name(name) or folded in excluded:
                continue
            if any(w in excluded for w in folded.split()):
                continue
            if any(name in p for p in people):
                continue
            people.setdefault(name, Person(name, " ".join(role.split()).rstrip(" -–—"), rule))
    return tuple(sorted(people.values(), key=lambda p: _first_position(p.name, paragraphs)))


def _first_position(name: str, paragraphs: Iterable[str]) -> int:
    offset = 0
    for text in paragraphs:
        at = text.find(name)
        if at >= 0:
            return offset + at
        offset += len(text) + 1
    return offset


def resolve(speaker: str, people: Sequence[Person]) -> Person | None:
    """The person a speaker phrase names: a full name, or a surname or given name used alone."""
    for person in people:
        if person.name in speaker:
            return person
    words = set(re.findall(r"[A-Z][a-z]+", speaker))
    for person in people:
        if words & set(person.name.split()) and len(speaker.split()) <= 2:
            return person
    return None
