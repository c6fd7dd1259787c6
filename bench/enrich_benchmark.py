"""Benchmark the enrichment stage alone on synthetic articles: throughput and peak memory.

    .venv/bin/python bench/enrich_benchmark.py [--size 10000] [--seed 2024]

Articles are built from bench/synth.py's synthetic clippings (headline and body paragraphs, with
the furniture lines between them) and the project's digest.yml. Building them is not timed. Two
timings: mention finding alone (companies: gazetteer, fuzzy variants, passing rules) and the whole
enrich stage (also topics, people, quotes, figures and discovery). See bench/README.md.
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth

from generator.config import load_config
from generator.knowledge.companies import company_mentions
from generator.knowledge.enrich import enrich
from generator.records import Article, Block


def synthetic_articles(count: int, seed: int, config) -> list[Article]:
    rng = random.Random(seed)
    articles = []
    for index in range(count):
        art = synth._Article(rng, config, index)
        _header, title = art.header()
        blocks = tuple(Block("p", line) for line in art.body() if line.strip())
        articles.append(Article(seed=f"{index:05d}.txt", seed_sha256="", title=title, blocks=blocks))
    return articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    config = load_config(ROOT / "digest.yml")
    start = time.perf_counter()
    articles = synthetic_articles(args.size, args.seed, config)
    built = time.perf_counter() - start
    words = sum(len(a.title.split()) + len(a.body_text.split()) for a in articles)
    print(f"{len(articles):,} synthetic articles ({words / len(articles):.0f} words on average), "
          f"{len(config.companies)} companies, {len(config.topics)} topics; built in {built:.1f} s")
    # Warm the per-config automata and caches once, as a real build does on its first seed.
    enrich(articles[0], config)
    start, cpu = time.perf_counter(), time.process_time()
    for a in articles:
        company_mentions([("title", a.title), *((b.kind, b.text) for b in a.blocks)], config)
    mentions, mentions_cpu = time.perf_counter() - start, time.process_time() - cpu
    start, cpu = time.perf_counter(), time.process_time()
    enriched = [enrich(a, config) for a in articles]
    full, full_cpu = time.perf_counter() - start, time.process_time() - cpu
    n = len(articles)
    # CPU time is printed too: on a shared machine the wall clock also counts time spent waiting.
    print(f"mention finding:  {n / mentions:,.0f} articles/s ({mentions / n * 1000:.3f} ms per article; "
          f"CPU {mentions_cpu / n * 1000:.3f} ms)")
    print(f"whole enrich:     {n / full:,.0f} articles/s ({full / n * 1000:.3f} ms per article; "
          f"CPU {full_cpu / n * 1000:.3f} ms)")
    print(f"companies found:  {sum(len(a.companies) for a in enriched) / n:.1f} substantive and "
          f"{sum(len(a.passing_companies) for a in enriched) / n:.1f} passing per article")
    print(f"peak memory:      {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB resident "
          "(the process, with all articles and their enriched copies held)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
