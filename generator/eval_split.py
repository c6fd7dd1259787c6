"""The labelled set in two parts: a development part to tune on and a sealed part to measure on.

The split is a rule, not a choice: the articles are numbered in batches (one batch per round of
labelling), and inside each batch they are ordered by stratum (file type, then the kind of trap
the file name announces) and, within a stratum, by the SHA-256 of the file name. Walking that
order, an article goes to the sealed part each time the running count of sealed articles falls
below `share` of the articles seen so far. So every batch, and every stratum in it, gives its share
to the sealed part, spread evenly, and nobody picks which text is sealed.

Texts of one page shape go together. A file name `NNN_shape-name--story.txt` says that its text
shares the page shape `shape-name` with other files of the batch; such a group is sealed or not as
a whole (hashed by the shape name), so tuning on a development text never teaches the extractor
the chrome of a sealed one. A name without `--` is a shape of its own.

`split.yml` records the batches, their shares and the resulting lists. A test recomputes the rule
and compares, so the recorded split can neither be edited by hand nor move when the code changes.
New texts form a new batch (a new number range); adding a file to an old batch would move that
batch's split, which the test reports. A batch of texts added while tuning has share 0: it is all
development.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from pathlib import Path

import yaml

DEV, SEALED = "dev", "sealed"
PARTS = (DEV, SEALED)
# Trap words in file names (see tests/data/eval/README.md): strata inside a batch.
STRATUM_WORDS = ("nodate", "hard")
# In 'NNN_shape-name--story.txt', what comes before this mark names the page shape.
SHAPE_MARK = "--"


@dataclass(frozen=True)
class Batch:
    first: int
    """Lowest article number in the batch."""
    last: int
    """Highest article number in the batch."""
    share: float
    """Fraction of the batch that goes to the sealed part (0 for texts added while tuning)."""
    note: str = ""


@dataclass(frozen=True)
class Split:
    batches: tuple[Batch, ...]
    parts: dict[str, tuple[str, ...]]
    """Part name (dev, sealed) to the sorted file names in it."""

    def part_of(self, name: str) -> str | None:
        return next((part for part, names in self.parts.items() if name in names), None)


def number(name: str) -> int:
    """The article number in 'NNN_short-name.ext'."""
    return int(name.split("_", 1)[0])


def shape_of(name: str) -> str:
    """The page shape a file name announces ('shape-name' in 'NNN_shape-name--story.txt'), or the
    whole file name when it announces none."""
    stem = name.split("_", 1)[-1].rsplit(".", 1)[0]
    return stem.split(SHAPE_MARK, 1)[0] if SHAPE_MARK in stem else name


def stratum(name: str) -> tuple[str, str]:
    """File type, then the first trap word in the name ('' for a plain article)."""
    stem, _, extension = name.rpartition(".")
    words = stem.split("_", 1)[-1].split(SHAPE_MARK, 1)[0].split("-")
    return extension, next((w for w in STRATUM_WORDS if w in words), "")


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def sealed_in_batch(names: list[str], share: float) -> list[str]:
    """The articles of one batch that the rule seals: `share` of each stratum, spread by hash,
    whole page-shape groups at a time."""
    groups: dict[str, list[str]] = {}
    for name in names:
        groups.setdefault(shape_of(name), []).append(name)
    ordered = sorted(
        groups.values(), key=lambda g: (min(stratum(n) for n in g), _hash(shape_of(g[0])))
    )
    sealed: list[str] = []
    seen = 0
    for group in ordered:
        seen += len(group)
        if len(sealed) < math.floor(seen * share + 0.5):
            sealed += group
    return sorted(sealed)


def batch_of(name: str, batches: tuple[Batch, ...]) -> Batch | None:
    return next((b for b in batches if b.first <= number(name) <= b.last), None)


def compute_split(names: list[str], batches: tuple[Batch, ...]) -> Split:
    """Apply the rule to every batch. Names outside every batch are in neither part."""
    sealed: list[str] = []
    for batch in batches:
        members = [n for n in names if batch_of(n, (batch,))]
        sealed += sealed_in_batch(members, batch.share)
    dev = [n for n in names if batch_of(n, batches) and n not in set(sealed)]
    return Split(batches, {DEV: tuple(sorted(dev)), SEALED: tuple(sorted(sealed))})


def load_split(path: Path) -> Split:
    """The recorded split: batches and the two lists, as `write_split` saved them."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    batches = tuple(
        Batch(int(b["first"]), int(b["last"]), float(b["share"]), str(b.get("note", "")))
        for b in data.get("batches") or ()
    )
    parts = {part: tuple(sorted(data.get(part) or ())) for part in PARTS}
    return Split(batches, parts)


SPLIT_HEADER = """\
# The sealed split of the labelled set: generator/eval_split.py explains the rule, and
# tests/test_eval_split.py checks these lists against it. Never tune extraction on the sealed
# part; when its score drops, add new texts to a development batch (share 0).
# Regenerate after adding a batch: python -m generator.eval_split
"""


def write_split(path: Path, split: Split) -> None:
    data = {
        "batches": [
            {"first": b.first, "last": b.last, "share": b.share, "note": b.note}
            for b in split.batches
        ]
    }
    data.update({part: list(split.parts[part]) for part in PARTS})
    path.write_text(
        SPLIT_HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )


def refresh(eval_dir: Path) -> Split:
    """Recompute the split for the batches recorded in split.yml and save it."""
    path = eval_dir / "split.yml"
    names = sorted(p.name for p in (eval_dir / "articles").iterdir() if p.is_file())
    split = compute_split(names, load_split(path).batches)
    write_split(path, split)
    return split


if __name__ == "__main__":
    result = refresh(Path(__file__).resolve().parent.parent / "tests" / "data" / "eval")
    print({part: len(names) for part, names in result.parts.items()})
