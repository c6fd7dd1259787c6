"""Time `digest generate`'s three everyday cases on a synthetic corpus, with the stage summary of
each: cold (empty cache), nothing changed, and after adding one seed.

    .venv/bin/python bench/render_bench.py --size 1000 --work /tmp/render-bench

The work folder keeps the corpus and the cache: run it again with --keep to skip the cold run
(the per-seed stages of 10,000 seeds take minutes) and time only the two incremental cases.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

import synth

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import pipeline
from generator.config import load_config
from generator.summary import summary_lines


def timed(label: str, config, seeds: Path, work: Path, jobs: int) -> float:
    start = time.perf_counter()
    report = pipeline.build(config, seeds, work / "docs", jobs=jobs, cache_dir=work / "cache")
    seconds = time.perf_counter() - start
    print(f"{label}: {seconds:.2f} s")
    for line in summary_lines(report, work / "docs", tidy=False):
        print(f"    {line}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1000, help="synthetic seeds (default 1000)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/render-bench"))
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="reuse the work folder's cache")
    args = parser.parse_args()
    config = load_config(ROOT / "digest.yml")
    seeds, extra = args.work / "seeds", args.work / "extra"
    if not args.keep:
        shutil.rmtree(args.work, ignore_errors=True)
        synth.write_corpus(seeds, args.size, config)
        synth.write_corpus(extra, 1, config, seed=2025)
    removed = [added.unlink() for added in seeds.glob("added_*")]  # a previous run's extra seed
    print(f"{args.size:,} synthetic seeds, -j {args.jobs}")
    if not args.keep:
        timed("cold", config, seeds, args.work, args.jobs)
    # The first run after a cold one also settles the list of written files (see write.RACY_NS).
    timed("one seed removed" if removed else "first rebuild", config, seeds, args.work, args.jobs)
    timed("nothing changed", config, seeds, args.work, args.jobs)
    new = next(extra.iterdir())
    shutil.copy(new, seeds / f"added_{new.name}")
    timed("one seed added", config, seeds, args.work, args.jobs)


if __name__ == "__main__":
    main()
