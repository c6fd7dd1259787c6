"""Fingerprints of articles: a short hash that changes whenever anything a page shows of the
article changes, cheap enough to take for 10,000 articles on every build.

An article is its per-seed result (whose hash the seed cache already knows, from the pickled
bytes it read or stored) plus what the cross-seed steps set on it afterwards: slug, duplicates,
story, copy_of, former slugs, extra problems. Those later fields are found by comparing each field
with the per-seed result by identity (`dataclasses.replace` keeps untouched fields as the same
objects), so a step that starts setting another field is covered without a list to keep up.
"""

from __future__ import annotations

import copy
import hashlib
import pickle
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import fields

from .records import Article

_FIELDS = tuple(f.name for f in fields(Article))


def base_digests(articles: Iterable[Article], known: Mapping[str, bytes]) -> dict[str, bytes]:
    """Seed name -> hash of its per-seed article: the seed cache's when it has one, else
    computed."""
    return {
        a.seed: known.get(a.seed)
        or hashlib.sha256(pickle.dumps(a, protocol=pickle.HIGHEST_PROTOCOL)).digest()
        for a in articles
    }


def fingerprints(
    articles: Sequence[Article], originals: Mapping[str, Article], base: Mapping[str, bytes]
) -> dict[str, str]:
    """Slug -> fingerprint of each article as the cross-seed steps left it."""
    return {a.slug: fingerprint(a, originals[a.seed], base[a.seed]) for a in articles}


def fingerprint(article: Article, original: Article, base: bytes) -> str:
    changed = [
        (name, getattr(article, name))
        for name in _FIELDS
        if getattr(article, name) is not getattr(original, name)
    ]
    return hashlib.sha256(base + repr(changed).encode("utf-8")).hexdigest()[:32]


def combined(parts: Iterable[str]) -> str:
    """One hash over many fingerprints (and other key parts), in the order given."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()[:32]


def changes_of(results: Sequence[Article], originals: Sequence[Article]) -> list[tuple[str, dict]]:
    """What a cross-seed step did, as (seed, fields it set) per article it returned, in order:
    small enough to keep, and replayed on the per-seed results by `replayed`."""
    by_seed = {a.seed: a for a in originals}
    return [
        (
            a.seed,
            {n: getattr(a, n) for n in _FIELDS if getattr(a, n) is not getattr(by_seed[a.seed], n)},
        )
        for a in results
    ]


def replayed(changes: Sequence[tuple[str, dict]], originals: Sequence[Article]) -> list[Article]:
    """The step's result again: each per-seed result with the fields the step set."""
    by_seed = {a.seed: a for a in originals}
    return [_with(by_seed[seed], fields) if fields else by_seed[seed] for seed, fields in changes]


def _with(article: Article, changed: dict) -> Article:
    # A shallow copy with the fields set directly: dataclasses.replace re-runs __init__ over all
    # 40 fields, which costs a second per 10,000 articles.
    new = copy.copy(article)
    new.__dict__.update(changed)
    return new
