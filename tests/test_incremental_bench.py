"""Smoke test of bench/incremental_bench.py, so the benchmark `make bench` runs cannot rot. At 320
seeds the site searches with Pagefind (from 300 articles), so the search column is measured the way
`digest build` indexes: a rebuild with nothing changed copies the shard from the cache."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_incremental_benchmark_prints_every_phase(tmp_path):
    out = tmp_path / "figures.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "incremental_bench.py"), "--size", "320",
         "--jobs", "1", "--json", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=900, check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["cold"]["search_engine"] == "pagefind"
    for phase in ("cold", "unchanged", "add_one", "full"):
        assert figures[phase]["end_to_end_s"] > 0, phase
    assert figures["cold"]["shards"] == "1 indexed, 0 reused"
    assert figures["unchanged"]["shards"] == "0 indexed, 1 reused"
    assert figures["add_one"]["shards"] == "1 indexed, 0 reused"  # one shard holds every page
    assert figures["add_one"]["reused"] > figures["add_one"]["rendered"] > 0
    for line in ("cold (no cache)", "nothing changed", "one seed added", "full rebuild (--full)"):
        assert line in result.stdout
