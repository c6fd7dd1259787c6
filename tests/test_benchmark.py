"""Smoke test of bench/benchmark.py at a tiny size, so the script cannot rot. No timing assertions."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ("corpus generation", "generate --jobs 1", "generate --jobs 2", "regenerate, nothing changed",
           "regenerate, 5 new seeds",
           "mkdocs build", "site total size", "article page median", "article page max", "search index size")


def run_benchmark(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "bench" / "benchmark.py"), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, check=False)


def test_benchmark_runs_and_prints_every_figure(tmp_path):
    out = tmp_path / "figures.json"
    keep = tmp_path / "work"
    result = run_benchmark("--size", "20", "--jobs", "2", "--json", str(out), "--keep", str(keep))
    assert result.returncode == 0, result.stderr[-3000:]
    for name in FIGURES:
        assert name in result.stdout, f"{name!r} missing from:\n{result.stdout}"
    assert "articles/s" in result.stdout

    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["corpus_files"] == 20 and figures["articles"] > 0
    assert figures["regenerate_written"] == 0 and figures["regenerate_removed"] == 0
    assert figures["jobs_outputs_identical"] is True
    assert figures["article_pages"] == figures["articles"]
    assert figures["search_index_bytes"] > 0 and figures["site_bytes"] > figures["search_index_bytes"]
    assert (keep / "site" / "index.html").is_file() and len(list((keep / "seeds").iterdir())) == 20


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
    result = run_benchmark("--size", "0")
    assert result.returncode == 2 and "--size" in result.stderr
