"""Smoke test of bench/enrich_benchmark.py at a tiny size, so the script cannot rot. No timings."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_enrich_benchmark_prints_every_figure():
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "enrich_benchmark.py"), "--size", "30"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    for figure in ("30 synthetic articles", "mention finding:", "whole enrich:", "articles/s", "peak memory:",
                   "companies found:"):
        assert figure in result.stdout, f"{figure!r} missing from:\n{result.stdout}"
