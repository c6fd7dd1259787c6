"""Per-seed results kept between runs, so a rebuild after a few new seeds only processes those.

An entry is keyed by everything its result depends on: the seed's name and bytes, the config and
the generator's own code. Change any of them and the entry is simply not found. The cache lives in
.cache/digest/ (the CLI's --cache) and is pruned to the seeds of the last run.

Nothing read back is trusted blindly: each entry carries a format tag and a SHA-256 of its payload,
checked before unpickling, so a truncated or corrupted entry (or one from another release of the
format) is reported, processed again and replaced.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
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
    """Hash of the generator's source, templates, data and model: new code never reuses old results."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(
        p for p in package.rglob("*") if p.suffix in (".py", ".j2", ".crfsuite", ".yml")
    ):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


class SeedCache:
    """Pickled per-seed results in one folder; a missing or unreadable entry is just a miss."""

    def __init__(self, folder: Path, config: Config):
        self.folder = folder
        self.salt = f"{code_version()}:{config.fingerprint}:{hash_config(config)}".encode()
        self.used: set[str] = set()
        self.rejected = 0
        """Entries found but refused (corrupt, truncated, other format) in this run."""

    def key(self, path: Path, name: str, max_bytes: int) -> str | None:
        """The entry's key, or None for a seed that is not cached (too large, unreadable, special)."""
        try:
            if path.is_symlink() or not path.is_file() or path.stat().st_size > max_bytes:
                return None
            data = path.read_bytes()
        except OSError:
            return None
        return hashlib.sha256(
            self.salt + b"\0" + name.encode("utf-8", "replace") + b"\0" + data
        ).hexdigest()

    def get(self, key: str | None):
        if key is None:
            return None
        self.used.add(key)
        try:
            data = (self.folder / f"{key}.pickle").read_bytes()
        except OSError:
            return None  # not cached yet: an ordinary miss
        payload = _verified_payload(data)
        try:
            if payload is not None:
                return pickle.loads(payload)
        except (pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError) as exc:
            log.debug("cache entry %s refused: %s", key, exc)  # intact bytes of a vanished class
        self.rejected += 1
        return None

    def put(self, key: str | None, result) -> None:
        if key is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{key}.pickle"
        tmp = target.with_suffix(".tmp")
        payload = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.write_bytes(ENTRY_FORMAT + hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, target)

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
            if entry.suffix in (".pickle", ".tmp") and entry.stem not in self.used:
                entry.unlink(missing_ok=True)


def _verified_payload(data: bytes) -> bytes | None:
    """The pickled payload of an entry whose tag and checksum match, else None."""
    head = len(ENTRY_FORMAT) + DIGEST_BYTES
    if len(data) < head or not data.startswith(ENTRY_FORMAT):
        return None
    payload = data[head:]
    return payload if hashlib.sha256(payload).digest() == data[len(ENTRY_FORMAT) : head] else None


def hash_config(config: Config) -> str:
    """The parsed config's own hash, for configs built in code (tests) that have no file fingerprint."""
    return hashlib.sha256(repr(config).encode()).hexdigest()[:16]
