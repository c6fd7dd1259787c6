"""Per-seed results kept between runs, so a rebuild after a few new seeds only processes those.

An entry is keyed by everything its result depends on: the seed's name and bytes, the config and
the generator's own code. Change any of them and the entry is simply not found. The cache lives in
.cache/digest/ (the CLI's --cache) and is pruned to the seeds of the last run.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from functools import cache
from pathlib import Path

from .config import Config

DEFAULT_FOLDER = Path(".cache") / "digest"


@cache
def code_version() -> str:
    """Hash of the generator's source and templates: new code never reuses old results."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.suffix in (".py", ".j2")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


class SeedCache:
    """Pickled per-seed results in one folder; a missing or unreadable entry is just a miss."""

    def __init__(self, folder: Path, config: Config):
        self.folder = folder
        self.salt = f"{code_version()}:{config.fingerprint}:{hash_config(config)}".encode()
        self.used: set[str] = set()

    def key(self, path: Path, name: str, max_bytes: int) -> str | None:
        """The entry's key, or None for a seed that is not cached (too large, unreadable, special)."""
        try:
            if path.is_symlink() or not path.is_file() or path.stat().st_size > max_bytes:
                return None
            data = path.read_bytes()
        except OSError:
            return None
        return hashlib.sha256(self.salt + b"\0" + name.encode("utf-8", "replace") + b"\0" + data).hexdigest()

    def get(self, key: str | None):
        if key is None:
            return None
        self.used.add(key)
        try:
            return pickle.loads((self.folder / f"{key}.pickle").read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
            return None

    def put(self, key: str | None, result) -> None:
        if key is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{key}.pickle"
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, target)

    def prune(self) -> None:
        """Remove entries no seed of this run asked for (deleted or edited seeds, old code)."""
        if not self.folder.is_dir():
            return
        for entry in self.folder.iterdir():
            if entry.suffix in (".pickle", ".tmp") and entry.stem not in self.used:
                entry.unlink(missing_ok=True)


def hash_config(config: Config) -> str:
    """The parsed config's own hash, for configs built in code (tests) that have no file fingerprint."""
    return hashlib.sha256(repr(config).encode()).hexdigest()[:16]
