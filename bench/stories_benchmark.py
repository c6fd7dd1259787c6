"""Benchmark story grouping on synthetic reports with planted stories: time and precision/recall.

    .venv/bin/python bench/stories_benchmark.py --size 10000 [--seed 2024] [--json FILE]

Precision and recall are counted over pairs of articles: a predicted pair is two articles put in one
story, a planted pair two articles of one planted group (near-duplicate copies included). Targets
(issue 11): precision and recall >= 0.9, grouping 10,000 articles in under 10 s. Only
`assign_stories` is timed (features, candidate pairs, scoring, grouping), not the corpus generation.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import event_corpus

from generator.knowledge.stories import assign_stories
from generator.knowledge.story_rules import StoryRules


def pairs_within(labels: dict[str, str]) -> int:
    """Number of pairs of items that share a label, without listing the pairs."""
    return sum(n * (n - 1) // 2 for n in Counter(labels.values()).values())


def pair_scores(predicted: dict[str, str], planted: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall of a grouping against the planted groups."""
    both = pairs_within({k: f"{predicted[k]}|{planted[k]}" for k in predicted})
    found, truth = pairs_within(predicted), pairs_within(planted)
    return (both / found if found else 1.0), (both / truth if truth else 1.0)


def run(size: int, seed: int) -> dict:
    start = time.perf_counter()
    labelled = event_corpus.corpus(size, seed)
    made = time.perf_counter() - start
    articles = [a for a, _ in labelled]
    start, cpu = time.perf_counter(), time.process_time()
    grouped = assign_stories(articles, StoryRules())
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    predicted = {a.slug: a.story or a.slug for a in grouped}
    planted = {a.slug: group for a, group in labelled}
    precision, recall = pair_scores(predicted, planted)
    undated = {a.slug for a in articles if not a.date}
    undated_placed = sum(1 for a in grouped if a.slug in undated and a.story)
    sizes = Counter(planted.values())
    undated_planted = sum(1 for a, g in labelled if a.slug in undated and sizes[g] > 1)
    return {
        "articles": len(articles),
        "planted_groups": len(set(planted.values())),
        "planted_pairs": pairs_within(planted),
        "predicted_pairs": pairs_within(predicted),
        "stories": len({a.story for a in grouped if a.story}),
        "copies_found": sum(1 for a in grouped if a.copy_of),
        "copies_planted": sum(1 for a in articles if a.slug.endswith("-copy")),
        "undated": len(undated),
        "undated_in_a_story": undated_placed,
        "undated_planted_in_a_story": undated_planted,
        "corpus_seconds": made,
        "grouping_seconds": took,
        "grouping_cpu_seconds": cpu,
        "precision": precision,
        "recall": recall,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if args.size < 1:
        parser.error("--size must be 1 or more")
    figures = run(args.size, args.seed)
    print(f"articles                 {figures['articles']:>8,}")
    print(
        f"planted groups / pairs   {figures['planted_groups']:>8,} / {figures['planted_pairs']:,}"
    )
    print(
        f"stories found            {figures['stories']:>8,} ({figures['predicted_pairs']:,} pairs)"
    )
    print(
        f"near-duplicate copies    {figures['copies_found']:>8,} found, {figures['copies_planted']:,} planted"
    )
    print(
        f"undated in a story       {figures['undated_in_a_story']:>8,} "
        f"({figures['undated_planted_in_a_story']:,} planted in one, {figures['undated']:,} undated)"
    )
    print(
        f"corpus generation        {figures['corpus_seconds']:>8.2f} s (not part of the grouping)"
    )
    print(
        f"grouping time            {figures['grouping_seconds']:>8.2f} s "
        f"({figures['articles'] / max(figures['grouping_seconds'], 1e-9):,.0f} articles/s)"
    )
    # CPU time too: on a shared machine the wall-clock time says more about the load than the code.
    print(f"grouping CPU time        {figures['grouping_cpu_seconds']:>8.2f} s")
    print(f"precision                {figures['precision']:>8.3f}  (target >= 0.9)")
    print(f"recall                   {figures['recall']:>8.3f}  (target >= 0.9)")
    if args.json:
        args.json.write_text(
            json.dumps(figures, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
