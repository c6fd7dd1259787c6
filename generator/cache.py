"""Per-seed results kept between runs, so a rebuild after a few new seeds only processes those.

An entry is keyed by everything its result depends on: the seed's name and bytes, the config and
the generator's own code. Change any of them and the entry is simply not found. The cache lives in
.cache/digest/ (the CLI's --cache) and is pruned to the seeds of the last run.

Nothing read back is trusted blindly: each entry carries a format tag and a SHA-256 of its payload,
checked before unpickling, so a truncated or corrupted entry (or one from another release of the
format) is reported, processed again and replaced.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import time
from functools import cache
from pathlib import Path

from .config import Config

DEFAULT_FOLDER = Path(".cache") / "digest"
ENTRY_FORMAT = b"digest-cache-entry/2\n"
"""Leads every entry; bump it when the entry layout changes so old entries are refused."""
DIGEST_BYTES = 32
log = logging.getLogger(__name__)


@cache
def code_version() -> str:
    """Hash of the generator's source, templates, data and model: new code never reuses old
    results."""
    return source_hash(Path(__file__).parent)


CROSS_SEED = (
    "knowledge/stories.py",
    "knowledge/related.py",
    "knowledge/timeline.py",
    "knowledge/event_features.py",
)
"""The steps across all articles (stories, related reading, the timeline): they read the per-seed
results and no per-seed stage imports them (tests/test_cache.py checks)."""
AFTER_PER_SEED = ("site/", "cli.py", "summary.py", "fingerprint.py", "unchanged.py", *CROSS_SEED)
"""Code that only runs after the per-seed stages (pages, console, cross-seed steps): a change to a
template or to story grouping must not send 10,000 seeds through the per-seed stages again
(minutes), only group and render again."""
USED_PER_SEED = ("site/addresses.py",)
"""The exception: ingest reads the addresses file's name from here."""


@cache
def per_seed_version() -> str:
    """Hash of the code the per-seed stages run: the key of their cached results."""
    return source_hash(Path(__file__).parent, AFTER_PER_SEED, USED_PER_SEED)


def source_hash(package: Path, skip: tuple[str, ...] = (), keep: tuple[str, ...] = ()) -> str:
    """Hash of the package's source files, leaving out those under `skip` unless under `keep`."""
    digest = hashlib.sha256()
    for path in sorted(
        p for p in package.rglob("*") if p.suffix in (".py", ".j2", ".crfsuite", ".yml")
    ):
        name = path.relative_to(package).as_posix()
        if name.startswith(skip) and not name.startswith(keep):
            continue
        digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


class SeedCache:
    """Pickled per-seed results in one folder; a missing or unreadable entry is just a miss."""

    def __init__(self, folder: Path, config: Config):
        self.folder = folder
        self.salt = f"{per_seed_version()}:{config.fingerprint}:{hash_config(config)}".encode()
        self.used: set[str] = set()
        self.rejected = 0
        """Entries found but refused (corrupt, truncated, other format) in this run."""
        self.digests: dict[str, bytes] = {}
        """Seed name -> SHA-256 of its article's pickled result (read or stored in this run): the
        article's fingerprint for the render cache, with no need to pickle it again."""
        self.seed_sha256: dict[str, str] = {}
        """Seed name -> SHA-256 of its bytes, for the summary's new / changed / unchanged counts."""
        self.seconds = 0.0
        """Time spent reading seeds for their keys and reading entries back (the summary's read)."""

    def key(self, path: Path, name: str, max_bytes: int) -> str | None:
        """The entry's key, or None for a seed that is not cached (too large, unreadable,
        special)."""
        start = time.perf_counter()
        try:
            if path.is_symlink() or not path.is_file() or path.stat().st_size > max_bytes:
                return None
            data = path.read_bytes()
        except OSError:
            return None
        finally:
            self.seconds += time.perf_counter() - start
        self.seed_sha256[name] = hashlib.sha256(data).hexdigest()
        return hashlib.sha256(
            self.salt + b"\0" + name.encode("utf-8", "replace") + b"\0" + data
        ).hexdigest()

    def get(self, key: str | None):
        if key is None:
            return None
        start = time.perf_counter()
        try:
            return self._get(key)
        finally:
            self.seconds += time.perf_counter() - start

    def _get(self, key: str):
        self.used.add(key)
        try:
            data = (self.folder / f"{key}.pickle").read_bytes()
        except OSError:
            return None  # not cached yet: an ordinary miss
        payload = _verified_payload(data)
        try:
            if payload is not None:
                result = pickle.loads(payload)
                self._remember(result, data[len(ENTRY_FORMAT) : len(ENTRY_FORMAT) + DIGEST_BYTES])
                return result
        except (pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError) as exc:
            log.debug("cache entry %s refused: %s", key, exc)  # intact bytes of a vanished class
        self.rejected += 1
        return None

    def _remember(self, result, digest: bytes) -> None:
        seed = getattr(result, "seed", None)
        if isinstance(seed, str):
            self.digests[seed] = digest

    def put(self, key: str | None, result) -> None:
        if key is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{key}.pickle"
        tmp = target.with_suffix(".tmp")
        payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        digest = hashlib.sha256(payload).digest()
        tmp.write_bytes(ENTRY_FORMAT + digest + payload)
        os.replace(tmp, target)
        self._remember(result, digest)

    def prune(self) -> None:
        """Remove entries no seed of this run asked for (deleted or edited seeds, old code)."""
        if self.rejected:
            log.warning(
                "%d cache %s in %s could not be trusted (corrupt, truncated or from another "
                "version); those seeds were processed again",
                self.rejected,
                "entry" if self.rejected == 1 else "entries",
                self.folder,
            )
        if not self.folder.is_dir():
            return
        for entry in self.folder.iterdir():
            # Only per-seed entries: the render cache's files (NAME.entry) are kept by their owners.
            if entry.suffix in (".pickle", ".tmp") and entry.stem not in self.used:
                entry.unlink(missing_ok=True)


def read_entry(path: Path):
    """The object stored at path by write_entry, or None when it is missing or cannot be trusted
    (truncated, corrupt, another format or a class that no longer exists): then it is rebuilt."""
    try:
        payload = _verified_payload(path.read_bytes())
    except OSError:
        return None
    if payload is None:
        log.warning(
            "cache file %s could not be trusted (corrupt, truncated or from another "
            "version); it is rebuilt",
            path,
        )
        return None
    try:
        return _unpickled(payload)
    except (pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError, EOFError):
        log.warning("cache file %s is from another version; it is rebuilt", path)
        return None


def _unpickled(payload: bytes):
    """pickle.loads with the cyclic garbage collector paused: an entry is hundreds of thousands of
    new objects (pages, features), none of them garbage, and the collector's passes over them
    while they were made cost a third of reading them."""
    was = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(payload)
    finally:
        if was:
            gc.enable()


def write_entry(path: Path, value) -> None:
    """Store value at path with the format tag and checksum; atomic, so a crash leaves the old
    one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(ENTRY_FORMAT + hashlib.sha256(payload).digest() + payload)
    os.replace(tmp, path)


def _verified_payload(data: bytes) -> bytes | None:
    """The pickled payload of an entry whose tag and checksum match, else None."""
    head = len(ENTRY_FORMAT) + DIGEST_BYTES
    if len(data) < head or not data.startswith(ENTRY_FORMAT):
        return None
    payload = data[head:]
    return payload if hashlib.sha256(payload).digest() == data[len(ENTRY_FORMAT) : head] else None


def hash_config(config: Config) -> str:
    """The parsed config's own hash, for configs built in code (tests) that have no file
    fingerprint."""
    return hashlib.sha256(repr(config).encode()).hexdigest()[:16]
