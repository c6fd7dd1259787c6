"""Smoke test of bench/search_bench.py at a tiny size, so the benchmark cannot rot. It checks that
every figure is measured and printed, never how fast anything is."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium")]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "bench" / "search_bench.py"), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, check=False)


def test_search_benchmark_measures_both_engines(tmp_path):
    out = tmp_path / "figures.json"
    result = run("--sizes", "12", "--lunr-max", "12", "--repeat", "2", "--json", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    [figures] = json.loads(out.read_text(encoding="utf-8"))
    assert figures["size"] == 12 and figures["articles"] > 0
    for engine in ("lunr", "pagefind"):
        for view in ("search", "browse"):
            m = figures["engines"][engine][view]
            assert m["seconds"] > 0 and m["bytes"] > 0 and m["pss_bytes"] > 0, (engine, view, m)
            assert f"{engine:<8}  {view:<6}" in result.stdout
            # two fresh browsers; the reported run is one of them, the slowest beside it
            runs = m["runs_from_load_seconds"]
            assert len(runs) == 2 and runs == sorted(runs), m
            assert m["from_load_seconds"] in runs and m["slowest_from_load_seconds"] == runs[-1]
    assert figures["engines"]["pagefind"]["indexing"]["peak_rss_bytes"] > 0


def test_lunr_is_skipped_above_its_limit(tmp_path):
    result = run("--sizes", "3", "--lunr-max", "2", "--engines", "lunr")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "skipped (above --lunr-max 2)" in result.stdout


def test_bad_sizes_are_refused():
    result = run("--sizes", "0")
    assert result.returncode == 2 and "--sizes" in result.stderr
