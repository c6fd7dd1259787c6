"""A deterministic synthetic corpus of news reports with planted stories, for the stories benchmark.

Each planted event has its own facts: a date, one or two companies, an agency, an official with a
name, two figures and a few words of its own. Its reports tell those facts in different sentences
and orders, wrapped in background sentences every article shares (so there is noise), from
different outlets, within two days of the event; some reports are undated. Near-duplicate copies
(one wire story on two sites) repeat a report with a paragraph dropped and another outlet. Some
events have a "sibling": another event about the same companies and agency in the same week, with
other facts, which must not be merged with it. The rest are single reports of their own events.

The same (size, seed) always gives the same articles; each article carries its planted group.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from generator.records import Article, Block

COMPANIES = (
    "Hikvision",
    "Dahua",
    "Huawei",
    "ZTE",
    "DJI",
    "Megvii",
    "SenseTime",
    "iFlytek",
    "SMIC",
    "Hytera",
    "Uniview",
    "TikTok",
    "Meiya Pico",
    "SenseNets",
)
AGENCIES = (
    "Commerce Department",
    "Federal Communications Commission",
    "Treasury Department",
    "State Department",
    "Justice Department",
    "European Commission",
    "Ministry of Commerce",
)
OUTLETS = tuple(f"Outlet {chr(65 + i)}{chr(65 + j)}" for i in range(8) for j in range(8))
FIRST = (
    "John",
    "Mei",
    "David",
    "Sarah",
    "Karen",
    "Michael",
    "Emily",
    "Raymond",
    "Sophia",
    "James",
    "Alexandra",
    "Paul",
    "Jennifer",
    "Kenji",
    "Laura",
    "Thomas",
    "Isabel",
    "Daniel",
    "Rachel",
    "Olivia",
)
LAST = (
    "Holloway",
    "Brandt",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Castell",
    "Whitcombe",
    "Varga",
    "Ashby",
    "Delacroix",
    "Fairbanks",
    "Gruber",
    "Hartigan",
    "Ingram",
    "Jessup",
    "Kowalski",
    "Lachance",
    "Marchetti",
    "Northcott",
    "Pemberton",
)
SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ran",
    "tes",
    "vor",
    "ul",
    "bex",
    "dri",
    "fen",
    "gal",
    "hor",
    "jin",
    "kel",
    "mar",
    "nus",
    "pol",
    "quo",
    "ril",
    "sun",
    "tar",
    "vek",
    "wen",
    "zor",
)

EVENT_SENTENCES = (
    "The {agency} said on {weekday} that {co} would face new {w0} {w1} rules.",
    "{official}, who leads the {agency} review, said the {w2} measures cover {fig0}.",
    "The {w0} order affects {fig1} and takes effect within {days} days, {official} said.",
    "{co} called the {w1} decision by the {agency} unfair and said it would study the {w3} terms.",
    "According to {official}, the {agency} acted after a {w4} inquiry into {co} and {fig0}.",
    "Industry groups warned the {w2} {w5} step against {co} could cost {fig1}.",
    "The {w3} move, announced by the {agency}, follows months of {w5} pressure on {co}.",
    "{official} told reporters the {agency} had evidence of {w4} {w0} practices at {co}.",
)
BACKGROUND = (
    "Relations between Washington and Beijing have been strained by disputes over {topic} for years.",
    "{co} has repeatedly denied that its products pose a risk to {topic}.",
    "Analysts said companies such as {co} were likely to increase spending on {topic}.",
    "The broader dispute over {topic} has weighed on shares of technology companies in Asia.",
    "Lawmakers in several countries have raised questions about {topic} in recent months.",
    "{co} is one of the largest suppliers of equipment used in {topic}, according to analysts.",
    "Officials on both sides have said they want to avoid a wider conflict over {topic}.",
)
TOPICS = (
    "export controls",
    "supply chains",
    "national security",
    "semiconductor access",
    "surveillance",
    "data privacy",
    "trade tariffs",
    "telecommunications networks",
    "investment screening",
)
TITLES = (
    "{agency} targets {co} with {w0} {w1} rules",
    "{co} hit by new {w0} measures",
    "What the {agency}'s {w1} decision means for {co}",
    "{co} faces {w0} curbs covering {fig}",
    "US moves against {co} over {w1} concerns",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

SHARE_IN_STORIES = 0.45
"""Share of articles that report an event another article also reports (copies included)."""
SHARE_UNDATED = 0.25
SHARE_COPIED = 0.2
"""Share of planted stories with a near-duplicate copy of one report."""
SHARE_SIBLINGS = 0.3
"""Share of planted stories with a same-week event about the same companies and agency."""
FIRST_DAY = dt.date(2018, 1, 1)
DAYS = 7 * 365


@dataclass(frozen=True)
class Event:
    date: dt.date
    companies: tuple[str, ...]
    agency: str
    official: str
    figures: tuple[str, str]
    words: tuple[str, ...]


def corpus(size: int, seed: int = 2024) -> list[tuple[Article, str]]:
    """`size` articles, each with the id of its planted group (one group per event)."""
    rng = random.Random(seed)
    out: list[tuple[Article, str]] = []
    group = 0
    while len(out) < size:
        group += 1
        event = _event(rng)
        in_story = rng.random() < SHARE_IN_STORIES / 3  # a story averages ~3.5 reports
        reports = rng.randint(2, 5) if in_story else 1
        out += [(a, f"g{group}") for a in _reports(rng, event, reports, f"g{group}")]
        if in_story and rng.random() < SHARE_SIBLINGS:
            group += 1
            sibling = _sibling(rng, event)
            out += [
                (a, f"g{group}") for a in _reports(rng, sibling, rng.randint(1, 3), f"g{group}")
            ]
    return out[:size]


def _vocabulary(count: int) -> tuple[str, ...]:
    """Made-up words that stand for an event's own terms; a limited pool, so events share some."""
    rng = random.Random(0)
    words: dict[str, None] = {}
    while len(words) < count:
        words["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))] = None
    return tuple(words)


VOCABULARY = _vocabulary(1500)


def _event(
    rng: random.Random,
    date: dt.date | None = None,
    companies: tuple[str, ...] | None = None,
    agency: str | None = None,
) -> Event:
    date = date or FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    companies = companies or tuple(rng.sample(COMPANIES, rng.randint(1, 2)))
    figures = (
        f"${rng.randint(2, 98)}.{rng.randint(1, 9)} billion",
        f"{rng.randint(11, 480)} entities",
    )
    official = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    return Event(
        date,
        companies,
        agency or rng.choice(AGENCIES),
        official,
        figures,
        tuple(rng.sample(VOCABULARY, 6)),
    )


def _sibling(rng: random.Random, event: Event) -> Event:
    """Another event about the same companies and agency, days later."""
    return _event(
        rng, event.date + dt.timedelta(days=rng.randint(1, 6)), event.companies, event.agency
    )


def _reports(rng: random.Random, event: Event, count: int, group: str) -> list[Article]:
    reports = []
    for i in range(count):
        outlet = rng.choice(OUTLETS)
        paragraphs = _body(rng, event)
        reports.append(_article(rng, event, f"{group}-{i}", outlet, paragraphs, count > 1))
    if count > 1 and rng.random() < SHARE_COPIED:
        original = reports[0]
        kept = [b for j, b in enumerate(original.blocks) if j != len(original.blocks) - 1]
        copy = Article(
            seed=f"{group}-copy.txt",
            seed_sha256="",
            identity=f"{group}-copy",
            slug=f"{group}-copy",
            title=original.title,
            date=original.date,
            publication=rng.choice(OUTLETS),
            blocks=tuple(kept),
            companies=original.companies,
            words=original.words,
        )
        reports.append(copy)
    return reports


def _body(rng: random.Random, event: Event) -> list[str]:
    fill = {
        "agency": event.agency,
        "official": event.official,
        "co": event.companies[0],
        "fig0": event.figures[0],
        "fig1": event.figures[1],
        "days": rng.randint(10, 90),
        "weekday": rng.choice(WEEKDAYS),
        **{f"w{i}": w for i, w in enumerate(event.words)},
    }
    told = [s.format(**fill) for s in rng.sample(EVENT_SENTENCES, rng.randint(3, 5))]
    noise = [
        rng.choice(BACKGROUND).format(co=rng.choice(COMPANIES), topic=rng.choice(TOPICS))
        for _ in range(rng.randint(4, 10))
    ]
    sentences = told[:2] + sorted(told[2:] + noise, key=lambda _: rng.random())
    return [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]


def _article(
    rng: random.Random, event: Event, slug: str, outlet: str, paragraphs: list[str], in_story: bool
) -> Article:
    date = event.date + dt.timedelta(days=rng.randint(0, 2))
    undated = in_story and rng.random() < SHARE_UNDATED
    title = rng.choice(TITLES).format(
        agency=event.agency,
        co=event.companies[0],
        w0=event.words[0],
        w1=event.words[1],
        fig=event.figures[1],
    )
    return Article(
        seed=f"{slug}.txt",
        seed_sha256="",
        identity=slug,
        slug=slug,
        title=title,
        date=None if undated else date.isoformat(),
        publication=outlet,
        blocks=tuple(Block("p", p) for p in paragraphs),
        companies=event.companies,
        words=sum(len(p.split()) for p in paragraphs),
    )
