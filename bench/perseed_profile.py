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
import resource
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


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(files: list[Path], folder: Path, config, jobs: int) -> tuple[float, float]:
    """Wall and CPU milliseconds per seed of process_all (budgeted workers, no cache). CPU time
    is the steadier figure on a machine shared with other work."""
    start, cpu = time.perf_counter(), _cpu()
    pipeline.process_all(files, folder, config, jobs, None, None)
    wall = (time.perf_counter() - start) * 1000 / len(files)
    return wall, (_cpu() - cpu) * 1000 / len(files)


def in_process(files: list[Path], folder: Path, config) -> tuple[float, float]:
    """Milliseconds per seed of the same stages called directly, without workers: the difference
    to -j1 is the cost of the budgeted worker (sending tasks and results between processes)."""
    tasks = [(f, seed_name(f, folder), config) for f in files]
    start, cpu = time.perf_counter(), _cpu()
    for task in tasks:
        pipeline._process_task(task)
    wall = (time.perf_counter() - start) * 1000 / len(files)
    return wall, (_cpu() - cpu) * 1000 / len(files)


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
            wall, cpu = in_process(files, folder, config)
            print(f"{size} seeds  in-process  wall {wall:6.1f}  cpu {cpu:6.1f} ms/article", flush=True)
            for jobs in (1, 2):
                wall, cpu = timed(files, folder, config, jobs)
                print(f"{size} seeds  -j{jobs}         wall {wall:6.1f}  cpu {cpu:6.1f} ms/article",
                      flush=True)


if __name__ == "__main__":
    main()
