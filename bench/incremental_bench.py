"""Benchmark the incremental site build: what adding one seed costs, against a full build.

    .venv/bin/python bench/incremental_bench.py --size 1000 [--jobs 2] [--keep DIR] [--json FILE]

On a synthetic corpus of SIZE seeds (bench/synth.py) it times, each in a process of its own so
its peak memory is its own:
  1. cold: generate every page, then build the whole site (no manifest yet);
  2. nothing changed: generate, then build (every page reused but the tag listing);
  3. one seed added: generate, then build incrementally, and the two end to end;
  4. the same pages built in full again (`digest build --full`).
The search engine is the one `digest build` picks for that many articles (Pagefind from 300);
Pagefind indexing is timed apart, since search.py owns it; it runs as `digest build` runs it,
reusing from the cache every shard whose pages did not change. The project's digest.yml and
mkdocs.yml are used as they are.
"""

from __future__ import annotations

import argparse
import json
import logging
import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

HAND_WRITTEN = ("about.md", "stylesheets")
PHASES = ("cold", "unchanged", "add_one", "full")


def _phase(work: str, jobs: int, full: bool, search: bool) -> dict:
    """Generate and build the site in `work`; runs in a fresh process (peak memory of its own)."""
    logging.getLogger("mkdocs").setLevel(logging.ERROR)  # hundreds of INFO lines otherwise
    from generator import pipeline
    from generator.config import load_config
    from generator.site.search import PAGEFIND, choose_engine, index_with_pagefind
    from generator.site.write import build_site

    folder = Path(work)
    config = load_config(ROOT / "digest.yml")
    start = time.perf_counter()
    report = pipeline.build(config, folder / "seeds", folder / "docs", jobs, None, folder / "cache")
    generated = time.perf_counter()
    engine = choose_engine(config.search, len(report.articles))
    stats = build_site(
        ROOT / "mkdocs.yml",
        folder / "docs",
        folder / "site",
        False,
        engine,
        index_search=False,
        cache_dir=folder / "cache",
        full=full,
    )
    built = time.perf_counter()
    if engine == PAGEFIND and search:
        # As `digest build` indexes (write.py): after an incremental build only the shards with a
        # changed page run Pagefind again; the others are copied from the cache.
        changed = None if stats is None or stats.full_reason else set(stats.changed)
        index = index_with_pagefind(folder / "site", changed=changed, cache_dir=folder / "cache")
        shards = f"{len(index.indexed)} indexed, {len(index.reused)} reused"
    else:
        shards = "-"
    indexed = time.perf_counter()
    return {
        "articles": len(report.articles),
        "search_engine": engine,
        "generate_s": generated - start,
        "site_s": built - generated,
        "search_s": indexed - built,
        "end_to_end_s": indexed - start,
        "shards": shards,
        "rendered": stats.rendered,
        "reused": stats.reused,
        "full_reason": stats.full_reason,
        "peak_rss_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    }


def _in_own_process(work: Path, jobs: int, full: bool, search: bool) -> dict:
    # Not a multiprocessing.Pool: its daemonic worker could not start generate's -j workers.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        return pool.submit(_phase, str(work), jobs, full, search).result()


def prepare(work: Path, size: int, seed: int) -> Path:
    """SIZE seeds in work/seeds/ and one more, the seed to add, returned."""
    import synth

    from generator.config import load_config

    corpus = work / "corpus"
    synth.write_corpus(corpus, size + 1, load_config(ROOT / "digest.yml"), seed=seed)
    *seeds, spare = sorted(corpus.iterdir())
    (work / "seeds").mkdir()
    for path in seeds:
        path.rename(work / "seeds" / path.name)
    docs = work / "docs"
    docs.mkdir()
    for name in HAND_WRITTEN:
        source = ROOT / "docs" / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, docs / name)
    return spare


def run(size: int, jobs: int, work: Path, search: bool = True, seed: int = 2024) -> dict:
    spare = prepare(work, size, seed)
    figures = {"size": size, "jobs": jobs, "search_indexed": search}
    for phase in PHASES:
        if phase == "add_one":
            spare.rename(work / "seeds" / spare.name)
        figures[phase] = _in_own_process(work, jobs, phase == "full", search)
    add, full = figures["add_one"], figures["full"]
    figures["site_add_one_over_full"] = add["site_s"] / full["site_s"]
    figures["end_to_end_add_one_over_full"] = add["end_to_end_s"] / full["end_to_end_s"]
    return figures


def table(f: dict) -> str:
    title = (
        f"Incremental site build, {f['size']:,} seeds, -j {f['jobs']} "
        f"({f['cold']['articles']:,} articles, {f['cold']['search_engine']} search"
        f"{'' if f['search_indexed'] else ', not indexed'})"
    )
    header = (
        f"{'phase':<24}{'generate':>10}{'site':>9}{'search':>9}{'total':>9}"
        f"{'rendered':>10}{'reused':>8}{'peak MB':>9}  Pagefind shards"
    )
    rows = [title, header]
    names = {
        "cold": "cold (no cache)",
        "unchanged": "nothing changed",
        "add_one": "one seed added",
        "full": "full rebuild (--full)",
    }
    for phase in PHASES:
        p = f[phase]
        rows.append(
            f"{names[phase]:<24}{p['generate_s']:>9.1f}s{p['site_s']:>8.1f}s{p['search_s']:>8.1f}s"
            f"{p['end_to_end_s']:>8.1f}s{p['rendered']:>10,}{p['reused']:>8,}"
            f"{p['peak_rss_bytes'] / 2**20:>9,.0f}  {p['shards']}"
        )
    rows.append(
        f"one seed added / full rebuild: site {f['site_add_one_over_full']:.2f}x, "
        f"end to end {f['end_to_end_add_one_over_full']:.2f}x"
    )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="seeds in the corpus (1,000)")
    parser.add_argument("--jobs", type=int, default=2, help="generate's -j (2)")
    parser.add_argument("--keep", type=Path, help="work in this (new) folder and keep it")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--no-search-index",
        dest="search",
        action="store_false",
        help="skip Pagefind indexing (timed by bench/search_bench.py)",
    )
    args = parser.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True)
        figures = run(args.size, args.jobs, args.keep, args.search)
    else:
        with tempfile.TemporaryDirectory(prefix="incremental-bench-") as work:
            figures = run(args.size, args.jobs, Path(work), args.search)
    print(table(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
