"""The user-editable config (digest.yml): schema, loading and validation.

Every key is checked; an unknown key, a wrong type, an alias shared by two companies or a
regular expression that does not compile is a ConfigError naming where it is. The build refuses
to start on a ConfigError rather than guess.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify


class ConfigError(Exception):
    """The config cannot be used; the message names the file, the key and the problem."""


@dataclass(frozen=True)
class Company:
    name: str
    """Canonical name, used on pages and in front-matter."""
    slug: str
    aliases: tuple[str, ...]
    """Every spelling that counts as a mention, the canonical name included."""
    description: str
    country: str | None = None


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


@dataclass(frozen=True)
class Publication:
    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    """Names and marker phrases in a text that identify this publication."""


@dataclass(frozen=True)
class SiteInfo:
    title: str
    description: str
    subject: str


@dataclass(frozen=True)
class Config:
    site: SiteInfo
    companies: tuple[Company, ...]
    topics: tuple[Topic, ...]
    publications: tuple[Publication, ...]
    max_seed_bytes: int
    fingerprint: str
    """Hash of the config text, part of the cache key: a config edit invalidates cached results."""


# Each section: key -> (type, required). Types are checked before any value is used.
_SCHEMA: dict[str, dict[str, tuple[type | tuple[type, ...], bool]]] = {
    "root": {"site": (dict, True), "companies": (list, True), "topics": (list, True),
             "publications": (list, False), "limits": (dict, False)},
    "site": {"title": (str, True), "description": (str, False), "subject": (str, False)},
    "limits": {"max_seed_bytes": (int, False)},
    "company": {"name": (str, True), "aliases": (list, False), "description": (str, False),
                "slug": (str, False), "country": (str, False)},
    "topic": {"slug": (str, True), "title": (str, True), "description": (str, False),
              "keywords": (list, False), "patterns": (list, False), "min_mentions": (int, False)},
    "publication": {"name": (str, True), "domains": (list, False), "aliases": (list, False)},
}

DEFAULT_MAX_SEED_BYTES = 5_000_000


def load_config(path: Path) -> Config:
    """Read and validate the config file; raise ConfigError with the precise location of any fault."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: the config file is not UTF-8 text") from exc
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    return parse_config(raw, str(path), hashlib.sha256(text.encode()).hexdigest()[:16])


def parse_config(raw: Any, where: str = "digest.yml", fingerprint: str = "") -> Config:
    _check(raw, "root", where)
    site = raw["site"]
    _check(site, "site", f"{where}: site")
    limits = raw.get("limits") or {}
    _check(limits, "limits", f"{where}: limits")
    companies = tuple(_company(c, f"{where}: companies[{i}]") for i, c in enumerate(raw["companies"]))
    topics = tuple(_topic(t, f"{where}: topics[{i}]") for i, t in enumerate(raw["topics"]))
    pubs = tuple(_publication(p, f"{where}: publications[{i}]")
                 for i, p in enumerate(raw.get("publications") or []))
    _unique([c.slug for c in companies], f"{where}: companies", "slug")
    _unique_aliases(companies, where)
    _unique([t.slug for t in topics], f"{where}: topics", "slug")
    max_bytes = limits.get("max_seed_bytes", DEFAULT_MAX_SEED_BYTES)
    if max_bytes <= 0:
        raise ConfigError(f"{where}: limits.max_seed_bytes must be a positive number of bytes")
    info = SiteInfo(site["title"], site.get("description", ""), site.get("subject", site["title"]))
    return Config(info, companies, topics, pubs, max_bytes, fingerprint)


def _check(value: Any, section: str, where: str) -> None:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a mapping of keys, got {type(value).__name__}")
    schema = _SCHEMA[section]
    unknown = sorted(set(map(str, value)) - set(schema))
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (allowed: {', '.join(schema)})")
    for key, (kind, required) in schema.items():
        if key not in value:
            if required:
                raise ConfigError(f"{where}: missing required key {key!r}")
            continue
        if not isinstance(value[key], kind) or isinstance(value[key], bool) and kind is int:
            expected = kind.__name__ if isinstance(kind, type) else "/".join(k.__name__ for k in kind)
            raise ConfigError(f"{where}.{key}: expected {expected}, got {type(value[key]).__name__}")


def _strings(values: list, where: str) -> tuple[str, ...]:
    for i, v in enumerate(values):
        if not isinstance(v, str) or not v.strip():
            raise ConfigError(f"{where}[{i}]: expected a non-empty string, got {v!r}")
    return tuple(v.strip() for v in values)


def _company(raw: Any, where: str) -> Company:
    _check(raw, "company", where)
    name = raw["name"].strip()
    aliases = _strings(raw.get("aliases", []), f"{where}.aliases")
    merged = tuple(dict.fromkeys((name, *aliases)))
    return Company(name, raw.get("slug") or slugify(name), merged,
                   raw.get("description", ""), raw.get("country"))


def _topic(raw: Any, where: str) -> Topic:
    _check(raw, "topic", where)
    if raw["slug"] != slugify(raw["slug"]):
        raise ConfigError(f"{where}.slug: {raw['slug']!r} is not a slug; use {slugify(raw['slug'])!r}")
    patterns = _strings(raw.get("patterns", []), f"{where}.patterns")
    for i, pattern in enumerate(patterns):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"{where}.patterns[{i}]: invalid regular expression {pattern!r}: {exc}") from exc
    keywords = _strings(raw.get("keywords", []), f"{where}.keywords")
    if not keywords and not patterns:
        raise ConfigError(f"{where}: a topic needs at least one keyword or pattern")
    return Topic(raw["slug"], raw["title"], raw.get("description", ""), keywords, patterns,
                 raw.get("min_mentions", 2))


def _publication(raw: Any, where: str) -> Publication:
    _check(raw, "publication", where)
    domains = tuple(d.lower().removeprefix("www.") for d in _strings(raw.get("domains", []), f"{where}.domains"))
    return Publication(raw["name"], domains, _strings(raw.get("aliases", []), f"{where}.aliases"))


def _unique(values: list[str], where: str, what: str) -> None:
    seen: set[str] = set()
    for v in values:
        if v in seen:
            raise ConfigError(f"{where}: duplicate {what} {v!r}")
        seen.add(v)


def _unique_aliases(companies: tuple[Company, ...], where: str) -> None:
    owner: dict[str, str] = {}
    for company in companies:
        for alias in company.aliases:
            key = alias.casefold()
            if key in owner and owner[key] != company.name:
                raise ConfigError(f"{where}: alias {alias!r} is claimed by both {owner[key]!r} "
                                  f"and {company.name!r}; an alias must name one company")
            owner[key] = company.name
