"""Golden test: the docs tree generated from seeds/ is byte-identical to tests/golden/docs.

After an intended change to the output, regenerate the golden tree with `make golden` and review
the diff in version control.
"""
from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from generator import pipeline
from generator.site.addresses import ADDRESSES_FILE

GOLDEN = Path(__file__).resolve().parent / "golden" / "docs"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
HINT = "run `make golden` after an intended change to the generated pages"
MAX_DIFF_LINES = 16  # per file, for at most MAX_DIFF_FILES files
MAX_DIFF_FILES = 3
MAX_LINE = 140


def tree(root: Path) -> dict[str, bytes]:
    """Every file under root (relative POSIX path -> bytes)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def short_diff(name: str, expected: bytes, actual: bytes) -> str:
    lines = list(difflib.unified_diff(expected.decode("utf-8", "replace").splitlines(),
                                      actual.decode("utf-8", "replace").splitlines(),
                                      f"golden/{name}", f"generated/{name}", lineterm="", n=1))
    lines = [line if len(line) <= MAX_LINE else line[:MAX_LINE] + " [...]" for line in lines]
    if len(lines) > MAX_DIFF_LINES:
        lines = lines[:MAX_DIFF_LINES] + [f"... ({len(lines) - MAX_DIFF_LINES} more diff lines)"]
    if not lines:  # same text, different bytes (line endings, trailing newline)
        lines = [(f"{name}: contents differ only in bytes that do not show in a line diff "
                  f"(golden {len(expected)} bytes, generated {len(actual)} bytes)")]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory, digest_config):
    docs = tmp_path_factory.mktemp("golden") / "docs"
    report = pipeline.build(digest_config, SEEDS, docs)
    return docs, report


def test_golden_tree_exists():
    assert GOLDEN.is_dir() and any(GOLDEN.rglob("*.md")), f"tests/golden/docs is missing; {HINT}"


def test_same_set_of_files(fresh):
    docs, _ = fresh
    golden, generated = set(tree(GOLDEN)), set(tree(docs))
    missing, extra = sorted(golden - generated), sorted(generated - golden)
    assert not missing and not extra, (
        f"generated files differ from tests/golden/docs: missing {missing}, unexpected {extra}; {HINT}")


def test_files_byte_identical(fresh):
    docs, _ = fresh
    golden, generated = tree(GOLDEN), tree(docs)
    changed = [name for name in sorted(golden.keys() & generated.keys()) if golden[name] != generated[name]]
    diffs = "\n".join(short_diff(n, golden[n], generated[n]) for n in changed[:MAX_DIFF_FILES])
    more = (f"\n... and {len(changed) - MAX_DIFF_FILES} more changed files: {changed[MAX_DIFF_FILES:]}"
            if len(changed) > MAX_DIFF_FILES else "")
    assert not changed, \
        f"{len(changed)} generated page(s) differ from tests/golden/docs; {HINT}:\n{diffs}{more}"


def test_golden_covers_every_seed(fresh):
    _, report = fresh
    seeds = sorted(p.name for p in SEEDS.iterdir() if p.is_file() and p.name != ADDRESSES_FILE)
    assert sorted(a.seed for a in report.articles) == seeds
    assert len(list((GOLDEN / "articles").glob("*.md"))) == len(seeds) + 1  # + articles/index.md


def test_second_run_is_identical_and_writes_nothing(tmp_path, digest_config):
    docs = tmp_path / "docs"
    first = pipeline.build(digest_config, SEEDS, docs)
    assert first.written, "the first run into an empty folder must write pages"
    before = tree(docs)
    # Push every mtime into the past, so a rewrite with identical bytes is still detectable.
    for p in docs.rglob("*"):
        if p.is_file():
            os.utime(p, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    mtimes = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file()}

    second = pipeline.build(digest_config, SEEDS, docs)

    assert second.written == (), f"second run rewrote unchanged pages: {list(second.written)[:10]}"
    assert second.removed == (), f"second run removed pages: {list(second.removed)[:10]}"
    after = tree(docs)
    assert after.keys() == before.keys()
    changed = [n for n in before if before[n] != after[n]]
    assert not changed, f"second run changed content of {changed[:10]}"
    touched = [p.relative_to(docs).as_posix() for p, m in mtimes.items() if p.stat().st_mtime_ns != m]
    assert not touched, f"second run touched the files {touched[:10]}"
    assert not [p for p in docs.rglob(".*.tmp")], "temporary files left behind"
