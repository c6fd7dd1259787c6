"""Smoke test of bench/stories_benchmark.py at a small size, so the script cannot rot. It checks the
figures are printed and the planted groups are found; it never checks a timing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURES = (
    "planted groups",
    "stories found",
    "near-duplicate copies",
    "undated in a story",
    "grouping time",
    "grouping CPU time",
    "precision",
    "recall",
)


def test_stories_benchmark_prints_every_figure_and_finds_the_planted_groups(tmp_path):
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "stories_benchmark.py"),
            "--size",
            "1000",
            "--json",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for name in FIGURES:
        assert name in result.stdout, f"{name!r} missing from:\n{result.stdout}"
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["articles"] == 1000 and figures["planted_pairs"] > 0 and figures["undated"] > 0
    assert figures["precision"] >= 0.9 and figures["recall"] >= 0.9
    assert figures["copies_found"] == figures["copies_planted"] > 0


def test_pair_scores_count_pairs_within_groups():
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import stories_benchmark
    finally:
        sys.path.remove(str(ROOT / "bench"))
    planted = {"a": "1", "b": "1", "c": "1", "d": "2"}
    assert stories_benchmark.pair_scores(planted, planted) == (1.0, 1.0)
    predicted = {"a": "x", "b": "x", "c": "y", "d": "y"}
    assert stories_benchmark.pair_scores(predicted, planted) == (0.5, 1 / 3)
