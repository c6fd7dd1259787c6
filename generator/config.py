"""The user-editable config (digest.yml): schema, loading and validation.

Every key is checked; an unknown key, a wrong type, an alias shared by two companies or a
regular expression that does not compile is a ConfigError naming where it is. The build refuses
to start on a ConfigError rather than guess.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from slugify import slugify

from .knowledge.story_rules import StoryRules, parse_story_rules


class ConfigError(Exception):
    """The config cannot be used; the message names the file, the key and the problem."""


class StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """yaml.safe_load, except that a key given twice in one mapping is an error.

    PyYAML silently keeps the last of two equal keys; for a config (or a seed's front-matter) that
    would mean guessing which one the user meant.
    """

    def construct_mapping(self, node, deep=False):
        seen: dict[tuple[str, str], yaml.Node] = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                key = (key_node.tag, key_node.value)
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        "while reading a mapping",
                        node.start_mark,
                        f"found the key {key_node.value!r} twice (first on line "
                        f"{seen[key].start_mark.line + 1})",
                        key_node.start_mark,
                    )
                seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


def load_yaml(text: str):
    """Safe YAML loading that refuses duplicate keys; raises yaml.YAMLError."""
    return yaml.load(text, Loader=StrictLoader)


# Kinds of regulatory event a company record may list, with the label pages show.
EVENT_KINDS: dict[str, str] = {
    "entity-list": "US Entity List",
    "ndaa-889": "NDAA section 889 procurement ban",
    "fcc-covered-list": "FCC Covered List",
    "fcc-order": "FCC order",
    "procurement-ban": "Procurement ban",
    "investment-ban": "US investment ban",
    "sanctions": "US sanctions",
    "settlement": "Settlement or plea",
    "denial-order": "Export denial order",
    "divestment-order": "Divest-or-ban order",
}


@dataclass(frozen=True)
class Event:
    """A dated regulatory action against a company, with the public document that records it."""

    date: str
    """YYYY-MM-DD: the day the measure took effect (or was signed, for a law)."""
    kind: str
    """One of EVENT_KINDS."""
    title: str
    source: str
    """Address of the public record (Federal Register, agency press release, congress.gov)."""
    ended: str | None = None
    """YYYY-MM-DD when the measure was lifted; None while it stands."""


@dataclass(frozen=True)
class Company:
    name: str
    """Canonical name, used on pages and in front-matter."""
    slug: str
    aliases: tuple[str, ...]
    """Every spelling that counts as a mention, the canonical name included."""
    description: str
    country: str | None = None
    sector: str | None = None
    ticker: str | None = None
    """Main listing, as `CODE.EXCHANGE` or `EXCHANGE: CODE`; None for unlisted companies."""
    events: tuple[Event, ...] = ()
    """Regulatory events, oldest first."""


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    description: str
    keywords: tuple[str, ...]
    """Words and phrases that signal the topic, matched case-insensitively on word boundaries."""
    patterns: tuple[str, ...] = ()
    """Regular expressions for signals a word list cannot express."""
    min_mentions: int = 2
    signals: tuple[tuple[str, float], ...] = ()
    """Weighted phrases: (phrase, weight). Each keyword counts as a signal of weight 1."""
    threshold: float = 0.0
    """Weighted evidence an article needs to get the topic; min_mentions when not given."""


@dataclass(frozen=True)
class Publication:
    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    """Names and marker phrases in a text that identify this publication."""
    platform: bool = False
    """A site that hosts others' work (YouTube, Medium): a channel or outlet named on the page
    wins."""


@dataclass(frozen=True)
class SiteInfo:
    title: str
    description: str
    subject: str
    url: str = ""
    """The published site's address (`site.url`), for the absolute links feeds need; the
    SITE_URL environment variable (as in mkdocs.yml) when empty."""


@dataclass(frozen=True)
class SourceFilter:
    """Which feed entries `digest pull` keeps: those matching any of the criteria switched on."""

    companies: bool = False
    """Keep entries whose title or summary mentions a company of `companies:`."""
    topics: bool = False
    """Keep entries whose title or summary mentions a keyword or pattern of a topic in `topics:`."""
    words: tuple[str, ...] = ()
    """Keep entries that contain one of these words or phrases (any case, on word boundaries)."""


@dataclass(frozen=True)
class Source:
    """A feed (RSS, Atom or JSON Feed) that `digest pull` reads for new articles."""

    url: str
    name: str
    """Shown in the pull summary; the feed's host when the config gives none."""
    filter: SourceFilter | None = None
    """None: every entry of the feed is kept."""


SEARCH_ENGINES = ("auto", "lunr", "pagefind")
DEFAULT_PAGEFIND_FROM = 300


@dataclass(frozen=True)
class SearchSettings:
    engine: str = "auto"
    """`lunr` (Material's own search), `pagefind`, or `auto`: Pagefind from `pagefind_from`
    articles."""
    pagefind_from: int = DEFAULT_PAGEFIND_FROM
    """lunr.js fetches and builds its whole index in the browser: at 300 articles 2.8 MB and 2.4 s
    to the first result against Pagefind's 0.5 MB and 1.5 s; at 1,000, 10.7 MB and 24 s."""
    variants: tuple[tuple[str, ...], ...] = ()
    """Groups of spellings that find each other's articles (Uyghur, Uighur, Uygur)."""


@dataclass(frozen=True)
class Config:
    site: SiteInfo
    companies: tuple[Company, ...]
    topics: tuple[Topic, ...]
    publications: tuple[Publication, ...]
    max_seed_bytes: int
    fingerprint: str
    """Hash of the config text, part of the cache key: a config edit invalidates cached results."""
    sources: tuple[Source, ...] = ()
    """Feeds `digest pull` reads; the build itself never uses them."""
    stories: StoryRules = field(default_factory=StoryRules)
    """Thresholds of story grouping (`stories:` in digest.yml)."""
    seconds_per_seed: float = 10.0
    """Wall-clock time one seed may take before its worker is stopped (limits.seconds_per_seed)."""
    megabytes_per_seed: int = 512
    """Memory one seed's processing may add to its worker (limits.megabytes_per_seed)."""
    search: SearchSettings = SearchSettings()


# Each section: key -> (type, required). Types are checked before any value is used.
_SCHEMA: dict[str, dict[str, tuple[type | tuple[type, ...], bool]]] = {
    "root": {
        "site": (dict, True),
        "companies": (list, True),
        "topics": (list, True),
        "publications": (list, False),
        "limits": (dict, False),
        "sources": (list, False),
        "stories": (dict, False),
        "search": (dict, False),
    },
    "site": {
        "title": (str, True),
        "description": (str, False),
        "subject": (str, False),
        "url": (str, False),
    },
    "limits": {
        "max_seed_bytes": (int, False),
        "seconds_per_seed": ((int, float), False),
        "megabytes_per_seed": (int, False),
    },
    "company": {
        "name": (str, True),
        "aliases": (list, False),
        "description": (str, False),
        "slug": (str, False),
        "country": (str, False),
        "sector": (str, False),
        "ticker": (str, False),
        "events": (list, False),
    },
    "event": {
        "date": ((str, dt.date), True),
        "kind": (str, True),
        "title": (str, True),
        "source": (str, True),
        "ended": ((str, dt.date), False),
    },
    "topic": {
        "slug": (str, True),
        "title": (str, True),
        "description": (str, False),
        "keywords": (list, False),
        "patterns": (list, False),
        "min_mentions": (int, False),
        "signals": (dict, False),
        "threshold": ((int, float), False),
    },
    "publication": {
        "name": (str, True),
        "domains": (list, False),
        "aliases": (list, False),
        "platform": (bool, False),
    },
    "source": {"url": (str, True), "name": (str, False), "filter": (dict, False)},
    "source_filter": {"companies": (bool, False), "topics": (bool, False), "words": (list, False)},
    "search": {"engine": (str, False), "pagefind_from": (int, False), "variants": (list, False)},
}

DEFAULT_MAX_SEED_BYTES = 5_000_000


def load_config(path: Path) -> Config:
    """Read and validate the config file; raise ConfigError with the precise location of any
    fault."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: the config file is not UTF-8 text") from exc
    try:
        raw = load_yaml(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {_yaml_message(exc)}") from exc
    except (ValueError, RecursionError) as exc:  # impossible dates, absurd nesting
        raise ConfigError(f"{path}: not usable YAML: {exc}") from exc
    if raw is None:
        raise ConfigError(
            f"{path}: the config file is empty; it needs at least `site:`, `companies:` and "
            "`topics:`"
        )
    return parse_config(raw, str(path), hashlib.sha256(text.encode()).hexdigest()[:16])


def _yaml_message(exc: yaml.YAMLError) -> str:
    """PyYAML's message on one line, with the 1-based line and column of the fault first."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None)
    if mark is None or problem is None:
        return " ".join(str(exc).split())
    context = getattr(exc, "context", None)
    return f"line {mark.line + 1}, column {mark.column + 1}: {problem}" + (
        f" ({context})" if context else ""
    )


def parse_config(raw: Any, where: str = "digest.yml", fingerprint: str = "") -> Config:
    _check(raw, "root", where)
    site = raw["site"]
    _check(site, "site", f"{where}: site")
    limits = raw.get("limits") or {}
    _check(limits, "limits", f"{where}: limits")
    companies = tuple(
        _company(c, f"{where}: companies[{i}]") for i, c in enumerate(raw["companies"])
    )
    topics = tuple(_topic(t, f"{where}: topics[{i}]") for i, t in enumerate(raw["topics"]))
    pubs = tuple(
        _publication(p, f"{where}: publications[{i}]")
        for i, p in enumerate(raw.get("publications") or [])
    )
    pubs += tuple(
        p
        for p in builtin_publications()
        if p.name.casefold() not in {q.name.casefold() for q in pubs}
    )
    _unique([c.name.casefold() for c in companies], where, "companies", "name")
    _unique([c.slug for c in companies], where, "companies", "slug")
    _unique_aliases(raw["companies"], where)
    _unique([t.slug for t in topics], where, "topics", "slug")
    max_bytes = limits.get("max_seed_bytes", DEFAULT_MAX_SEED_BYTES)
    if max_bytes <= 0:
        raise ConfigError(
            f"{where}: limits.max_seed_bytes: must be a positive number of bytes, got {max_bytes}"
        )
    info = SiteInfo(
        site["title"],
        site.get("description", ""),
        site.get("subject", site["title"]),
        site.get("url", ""),
    )
    sources = tuple(
        _source(s, f"{where}: sources[{i}]") for i, s in enumerate(raw.get("sources") or [])
    )
    _unique([s.url for s in sources], where, "sources", "url")
    rules = parse_story_rules(raw.get("stories"), f"{where}: stories", ConfigError)
    seconds, megabytes = _budget(limits, where)
    return Config(
        info,
        companies,
        topics,
        pubs,
        max_bytes,
        fingerprint,
        sources=sources,
        stories=rules,
        seconds_per_seed=seconds,
        megabytes_per_seed=megabytes,
        search=_search(raw.get("search") or {}, f"{where}: search"),
    )


DEFAULT_SECONDS_PER_SEED = 10.0
DEFAULT_MEGABYTES_PER_SEED = 512
_MIN_MEGABYTES_PER_SEED = 64  # below this a worker cannot even read an ordinary seed


def _budget(limits: dict, where: str) -> tuple[float, int]:
    """The per-seed time and memory budget of `limits:`, checked."""
    seconds = limits.get("seconds_per_seed", DEFAULT_SECONDS_PER_SEED)
    megabytes = limits.get("megabytes_per_seed", DEFAULT_MEGABYTES_PER_SEED)
    if isinstance(seconds, bool) or seconds <= 0:
        raise ConfigError(
            f"{where}: limits.seconds_per_seed: must be a positive number of seconds, got {seconds}"
        )
    if megabytes < _MIN_MEGABYTES_PER_SEED:
        raise ConfigError(
            f"{where}: limits.megabytes_per_seed: must be at least {_MIN_MEGABYTES_PER_SEED} "
            f"(megabytes), got {megabytes}"
        )
    return float(seconds), megabytes


@lru_cache(maxsize=1)
def builtin_publications() -> tuple[Publication, ...]:
    """The table of well-known publications shipped in generator/data/publications.yml."""
    path = Path(__file__).parent / "data" / "publications.yml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(_publication(p, f"{path.name}[{i}]") for i, p in enumerate(raw))


def _check(value: Any, section: str, where: str) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a mapping of `key: value` lines, got {_kind(value)}")
    schema = _SCHEMA[section]
    unknown = sorted(set(map(str, value)) - set(schema))
    if unknown:
        close = difflib.get_close_matches(unknown[0], schema, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ConfigError(
            f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(schema)}){hint}"
        )
    prefix = f"{where}: " if section == "root" else f"{where}."
    for key, (kind, required) in schema.items():
        if key not in value:
            if required:
                raise ConfigError(f"{where}: missing required key {key!r}")
            continue
        if (
            not isinstance(value[key], kind)
            or isinstance(value[key], bool)
            and kind in (int, (int, float))
        ):
            expected = (
                _kind_name(kind) if isinstance(kind, type) else " or ".join(map(_kind_name, kind))
            )
            raise ConfigError(
                f"{prefix}{key}: expected {expected}, got {_kind(value[key])} "
                f"({_short(value[key])})"
            )


def _kind_name(kind: type) -> str:
    return {
        str: "text",
        int: "a whole number",
        list: "a list",
        dict: "a mapping of keys",
        bool: "true or false",
        float: "a number",
        dt.date: "a date",
    }.get(kind, kind.__name__)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true/false"
    return _kind_name(type(value))


def _short(value: Any, limit: int = 50) -> str:
    text = " ".join(repr(value).split())
    return text if len(text) <= limit else text[:limit] + "…"


def _strings(values: list, where: str) -> tuple[str, ...]:
    for i, v in enumerate(values):
        if not isinstance(v, str) or not v.strip():
            raise ConfigError(f"{where}[{i}]: expected a non-empty string, got {v!r}")
    return tuple(v.strip() for v in values)


def _company(raw: Any, where: str) -> Company:
    _check(raw, "company", where)
    name = raw["name"].strip()
    if not name:
        raise ConfigError(f"{where}.name: a company needs a name")
    aliases = _strings(raw.get("aliases", []), f"{where}.aliases")
    merged = tuple(dict.fromkeys((name, *aliases)))
    slug = raw.get("slug") or slugify(name)
    if not slug:
        raise ConfigError(
            f"{where}: the name {name!r} gives no usable page name; "
            "add `slug:` (letters, digits, -)"
        )
    if slug != slugify(slug):
        raise ConfigError(f"{where}.slug: {slug!r} is not a slug; use {slugify(slug)!r}")
    events = tuple(
        sorted(
            (_event(e, f"{where}.events[{i}]") for i, e in enumerate(raw.get("events", []))),
            key=lambda e: (e.date, e.kind, e.title),
        )
    )
    return Company(
        name,
        slug,
        merged,
        raw.get("description", ""),
        raw.get("country"),
        raw.get("sector"),
        raw.get("ticker"),
        events,
    )


def _event(raw: Any, where: str) -> Event:
    _check(raw, "event", where)
    if raw["kind"] not in EVENT_KINDS:
        raise ConfigError(
            f"{where}.kind: unknown kind {raw['kind']!r} (allowed: {', '.join(EVENT_KINDS)})"
        )
    if not raw["source"].startswith("https://"):
        raise ConfigError(
            f"{where}.source: give the https:// address of the public record, got {raw['source']!r}"
        )
    ended = _iso_date(raw["ended"], f"{where}.ended") if raw.get("ended") is not None else None
    return Event(
        _iso_date(raw["date"], f"{where}.date"),
        raw["kind"],
        raw["title"].strip(),
        raw["source"],
        ended,
    )


def _iso_date(value: str | dt.date, where: str) -> str:
    """A YAML date (or a YYYY-MM-DD string) as YYYY-MM-DD; anything else is an error."""
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError as exc:
        raise ConfigError(f"{where}: expected a date as YYYY-MM-DD, got {value!r}") from exc


def _topic(raw: Any, where: str) -> Topic:
    _check(raw, "topic", where)
    if not raw["slug"] or raw["slug"] != slugify(raw["slug"]):
        raise ConfigError(
            f"{where}.slug: {raw['slug']!r} is not a slug; use {slugify(raw['slug'])!r}"
        )
    patterns = _strings(raw.get("patterns", []), f"{where}.patterns")
    for i, pattern in enumerate(patterns):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(
                f"{where}.patterns[{i}]: invalid regular expression {pattern!r}: {exc}"
            ) from exc
    keywords = _strings(raw.get("keywords", []), f"{where}.keywords")
    signals = _signals(raw.get("signals", {}), f"{where}.signals")
    if not keywords and not patterns and not signals:
        raise ConfigError(f"{where}: a topic needs at least one keyword, signal or pattern")
    min_mentions = raw.get("min_mentions", 2)
    if min_mentions < 1:
        raise ConfigError(f"{where}.min_mentions: must be 1 or more, got {min_mentions}")
    threshold = float(raw.get("threshold", min_mentions))
    if threshold <= 0:
        raise ConfigError(f"{where}.threshold: must be more than 0, got {raw['threshold']}")
    return Topic(
        raw["slug"],
        raw["title"],
        raw.get("description", ""),
        keywords,
        patterns,
        min_mentions,
        signals,
        threshold,
    )


def _signals(raw: dict, where: str) -> tuple[tuple[str, float], ...]:
    """`phrase: weight` pairs; a weight is a positive number."""
    out = []
    for phrase, weight in raw.items():
        if not isinstance(phrase, str) or not phrase.strip():
            raise ConfigError(f"{where}: a signal phrase must be non-empty text, got {phrase!r}")
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or weight <= 0:
            raise ConfigError(
                f"{where}.{phrase}: the weight must be a positive number, got {weight!r}"
            )
        out.append((phrase.strip(), float(weight)))
    return tuple(out)


def _publication(raw: Any, where: str) -> Publication:
    _check(raw, "publication", where)
    domains = tuple(
        d.lower().removeprefix("www.") for d in _strings(raw.get("domains", []), f"{where}.domains")
    )
    return Publication(
        raw["name"],
        domains,
        _strings(raw.get("aliases", []), f"{where}.aliases"),
        raw.get("platform", False),
    )


def _search(raw: Any, where: str) -> SearchSettings:
    _check(raw, "search", where)
    engine = raw.get("engine", "auto")
    if engine not in SEARCH_ENGINES:
        raise ConfigError(f"{where}.engine: {engine!r} is not one of {', '.join(SEARCH_ENGINES)}")
    threshold = raw.get("pagefind_from", DEFAULT_PAGEFIND_FROM)
    if threshold < 0:
        raise ConfigError(f"{where}.pagefind_from: must be 0 or more articles, got {threshold}")
    groups = []
    for i, group in enumerate(raw.get("variants", [])):
        if not isinstance(group, list) or len(group) < 2:
            raise ConfigError(
                f"{where}.variants[{i}]: expected a list of two or more spellings, got "
                f"{_short(group)}"
            )
        groups.append(_strings(group, f"{where}.variants[{i}]"))
    return SearchSettings(engine, threshold, tuple(groups))


def _unique(values: list[str], where: str, section: str, what: str) -> None:
    seen: dict[str, int] = {}
    for i, v in enumerate(values):
        if v in seen:
            raise ConfigError(
                f"{where}: {section}[{i}]: duplicate {what} {v!r} (already used by "
                f"{section}[{seen[v]}])"
            )
        seen[v] = i


def _unique_aliases(raw_companies: list[dict], where: str) -> None:
    """An alias (or name) may belong to one company only; the error names both places."""
    owner: dict[str, tuple[str, str]] = {}
    for i, raw in enumerate(raw_companies):
        name = raw["name"].strip()
        spellings = [(f"companies[{i}].name", name)]
        spellings += [
            (f"companies[{i}].aliases[{j}]", a.strip())
            for j, a in enumerate(raw.get("aliases", []))
        ]
        for place, alias in spellings:
            key = alias.casefold()
            if key in owner and owner[key][0] != name:
                first_name, first_place = owner[key]
                raise ConfigError(
                    f"{where}: {place}: alias {alias!r} is claimed by both {first_name!r} "
                    f"({first_place}) and {name!r}; an alias must name one company, so remove "
                    "it from one of them"
                )
            owner.setdefault(key, (name, place))


def _source(raw: Any, where: str) -> Source:
    _check(raw, "source", where)
    url = raw["url"].strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{where}.url: {url!r} is not an http:// or https:// address of a feed")
    name = (raw.get("name") or "").strip() or parts.hostname
    if "filter" not in raw:
        return Source(url, name)
    _check(raw["filter"], "source_filter", f"{where}.filter")
    words = _strings(raw["filter"].get("words", []), f"{where}.filter.words")
    kept = SourceFilter(
        raw["filter"].get("companies", False), raw["filter"].get("topics", False), words
    )
    if not (kept.companies or kept.topics or kept.words):
        raise ConfigError(
            f"{where}.filter: keeps nothing; set `companies: true`, `topics: true` or list "
            "`words:`, or remove the filter to keep every entry"
        )
    return Source(url, name, kept)
