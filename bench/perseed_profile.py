"""Milliseconds per article of the per-seed stages, through the budgeted workers.

    python bench/perseed_profile.py 300 1000            # ms/article at -j1 and -j2
    python bench/perseed_profile.py 300 --profile       # cProfile of the stages in this process

Run it from two checkouts (for example main and a branch) in one shell session to compare them
side by side; the figures are noisy on a shared machine, so compare ratios, not absolutes.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import synth

from generator import pipeline
from generator.config import load_config
from generator.extract.ingest import find_seed_files, seed_name


def corpus(folder: Path, count: int):
    config = load_config(ROOT / "digest.yml")
    synth.write_corpus(folder, count, config)
    files, _ = find_seed_files(folder)
    return files, config


def timed(files: list[Path], folder: Path, config, jobs: int) -> float:
    """Milliseconds per seed of process_all (budgeted workers, no cache)."""
    start = time.perf_counter()
    pipeline.process_all(files, folder, config, jobs, None, None)
    return (time.perf_counter() - start) * 1000 / len(files)


def in_process(files: list[Path], folder: Path, config) -> float:
    """Milliseconds per seed of the same stages called directly, without workers: the difference
    to -j1 is the cost of the budgeted worker (sending tasks and results between processes)."""
    tasks = [(f, seed_name(f, folder), config) for f in files]
    start = time.perf_counter()
    for task in tasks:
        pipeline._process_task(task)
    return (time.perf_counter() - start) * 1000 / len(files)


def profile(files: list[Path], folder: Path, config) -> None:
    tasks = [(f, seed_name(f, folder), config) for f in files]
    profiler = cProfile.Profile()
    profiler.enable()
    for task in tasks:
        pipeline._process_task(task)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--profile", action="store_true", help="cProfile in-process instead")
    args = parser.parse_args()
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "seeds"
            files, config = corpus(folder, size)
            if args.profile:
                profile(files, folder, config)
                continue
            pipeline.process_all(files[:20], folder, config, 1, None, None)  # warm imports
            ms = in_process(files, folder, config)
            print(f"{size} seeds  in-process {ms:6.1f} ms/article", flush=True)
            for jobs in (1, 2):
                ms = timed(files, folder, config, jobs)
                print(f"{size} seeds  -j{jobs}  {ms:6.1f} ms/article", flush=True)


if __name__ == "__main__":
    main()
