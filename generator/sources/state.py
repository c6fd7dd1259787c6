"""The pull state file, committed beside the seeds: what `digest pull` and `digest add` fetched.

Per feed: the ETag and Last-Modified it last answered with (sent back so an unchanged feed costs a
`304`), and every entry taken from it. Per seed written: the address and the hash of the page as
served. Sorted JSON, so the file's diff in a commit shows exactly what a pull added.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .files import write_atomic

STATE_FILE_NAME = "pull-state.json"
FORMAT_VERSION = 1
_ABOUT = (
    "Written by `digest pull` and `digest add`: what they fetched. Commit it with the seeds; "
    "deleting it makes the next pull consider every feed entry again."
)


class StateError(Exception):
    """The state file exists but cannot be used; the message names it and says what to do."""


def default_state_path(seeds_dir: Path) -> Path:
    """The state file beside the seeds folder (seeds/ -> pull-state.json next to it)."""
    return seeds_dir.parent / STATE_FILE_NAME


@dataclass
class FeedState:
    etag: str | None = None
    last_modified: str | None = None
    entries: dict[str, str] = field(default_factory=dict)
    """Entry key (id or link) -> the seed it became, or the seed that already held the article."""


@dataclass
class SeedRecord:
    url: str
    sha256: str
    """Of the page as served, without the recorded-address line."""


@dataclass
class PullState:
    """Loaded at the start of a run, updated as seeds are written, saved once at the end."""

    feeds: dict[str, FeedState] = field(default_factory=dict)
    seeds: dict[str, SeedRecord] = field(default_factory=dict)

    def feed(self, url: str) -> FeedState:
        return self.feeds.setdefault(url, FeedState())

    def to_json(self) -> str:
        data = {
            "about": _ABOUT,
            "version": FORMAT_VERSION,
            "feeds": {
                url: {"etag": f.etag, "last_modified": f.last_modified, "entries": f.entries}
                for url, f in self.feeds.items()
            },
            "seeds": {name: {"url": s.url, "sha256": s.sha256} for name, s in self.seeds.items()},
        }
        return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def load_state(path: Path) -> PullState:
    """The state at path; an empty state when there is no file yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return PullState()
    except (OSError, UnicodeDecodeError) as exc:
        raise StateError(f"{path}: cannot read the pull state file ({exc})") from exc
    try:
        data = json.loads(text)
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(f"unknown format version {data.get('version')!r}")
        feeds = {
            str(url): FeedState(f.get("etag"), f.get("last_modified"), dict(f.get("entries", {})))
            for url, f in data.get("feeds", {}).items()
        }
        seeds = {
            str(name): SeedRecord(str(s["url"]), str(s["sha256"]))
            for name, s in data.get("seeds", {}).items()
        }
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise StateError(
            f"{path}: the pull state file is damaged ({exc}); restore it from git (git checkout "
            f"-- {path.name}) or delete it, and the next pull considers every entry again"
        ) from exc
    return PullState(feeds, seeds)


def save_state(path: Path, state: PullState) -> None:
    write_atomic(path, state.to_json().encode("utf-8"))
