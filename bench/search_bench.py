"""Benchmark search and Browse in headless Chromium on synthetic sites of several sizes.

    .venv/bin/python bench/search_bench.py --sizes 1000,10000 [--lunr-max 1000] [--json FILE]

For each size it writes a synthetic corpus (bench/synth.py), generates the pages once, builds the
site once per engine and prints, per engine:
- search: the home page's load time (navigation to the load event), then the time from the load
  event until the first result of a query typed into the header box ("Hikvision", 20 ms between
  keys) is visible, and from the last key; the bytes the browser fetched from navigation on, and
  the browser's memory (PSS of Chromium and all its processes) at that moment;
- browse: the same for the Browse page with a company filter and no search term;
- indexing: Pagefind's time and peak memory (RSS high-water mark) on the built site; for lunr,
  the MkDocs build that writes search_index.json (the browser builds the index itself).
Each view is measured in --repeat fresh browsers (default 3) and the run with the median time
from the load event is reported, with the slowest beside it: one browser start on a shared
machine is noisy.
lunr above --lunr-max articles is skipped: it builds its whole index in the browser on every page
load (the issue measured 33-71 s and 2.7-2.9 GB at 10,000 articles).
"""
from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import threading
import time
import uuid
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import synth

from generator import pipeline
from generator.config import load_config
from generator.site.search import LUNR, PAGEFIND, SearchIndexError, index_with_pagefind
from generator.site.write import build_site

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
QUERY = "Hikvision"
BROWSE = "browse/?company=Hikvision"
HAND_WRITTEN = ("about.md", "stylesheets")
TIMEOUT_MS = 180_000
POLL_SECONDS = 0.05


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def _serve(folder: Path):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def _children(pid: int) -> set[int]:
    """pid and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = {pid}, [pid]
    while frontier:
        current = frontier.pop()
        kids = [p for p, parent in parents.items() if parent == current and p not in found]
        found.update(kids)
        frontier.extend(kids)
    return found


def _pss_bytes(pids: set[int]) -> int:
    total = 0
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        match = re.search(r"^Pss:\s+(\d+) kB", text, re.MULTILINE)
        total += int(match[1]) * 1024 if match else 0
    return total


def _browser_pid(tag: str) -> int:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if tag in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    return int(entry.name)
            except OSError:
                continue
    raise RuntimeError("cannot find the Chromium browser process")


def measure(base: str, action: str) -> dict:
    """One fresh browser: time to the first result, bytes fetched, PSS of all its processes."""
    from playwright.sync_api import sync_playwright
    tag = f"--digest-bench={uuid.uuid4().hex}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, tag])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(TIMEOUT_MS)
            fetched = []
            page.on("requestfinished", lambda r: fetched.append(r))
            start = time.perf_counter()
            if action == "search":
                page.goto(f"{base}/")
                loaded = time.perf_counter()
                box = page.locator("input.md-search__input")
                box.click()
                box.press_sequentially(QUERY, delay=20)
                typed = time.perf_counter()
                page.locator(".md-search-result__item").first.wait_for(state="visible")
            else:
                page.goto(f"{base}/{BROWSE}")
                loaded = time.perf_counter()
                page.locator(".digest-browse__item").first.wait_for(state="visible")
            end = time.perf_counter()
            pss = _pss_bytes(_children(_browser_pid(tag)))
            transferred = sum(_size(r) for r in fetched)
            after_typing = round(end - typed, 3) if action == "search" else None
            return {"seconds": round(end - start, 3), "load_seconds": round(loaded - start, 3),
                    "from_load_seconds": round(end - loaded, 3),
                    "after_typing_seconds": after_typing,
                    "bytes": transferred, "pss_bytes": pss, "requests": len(fetched),
                    "pagefind_requests": sum("/pagefind" in r.url for r in fetched)}
        finally:
            browser.close()


def measure_median(base: str, action: str, repeat: int) -> dict:
    """`measure` in `repeat` fresh browsers: the run with the median time from the load event,
    with every run's time and the slowest one's beside it."""
    runs = sorted((measure(base, action) for _ in range(repeat)),
                  key=lambda m: m["from_load_seconds"])
    median = dict(runs[len(runs) // 2])
    median["runs_from_load_seconds"] = [m["from_load_seconds"] for m in runs]
    median["slowest_from_load_seconds"] = runs[-1]["from_load_seconds"]
    return median


def _size(request) -> int:
    from playwright.sync_api import Error
    try:
        sizes = request.sizes()
    except Error:  # a request the page abandoned has no sizes; it fetched nothing to count
        return 0
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]


def index_pagefind(site: Path, work: Path) -> dict:
    """Index the built site as `digest build` does (search.index_with_pagefind); the wall time
    and the peak RSS (VmHWM, polled) of the Pagefind processes running at once."""
    start = time.perf_counter()
    done = threading.Event()
    report: list = []
    errors: list = []

    def run() -> None:
        try:
            report.append(index_with_pagefind(site))
        except (SearchIndexError, OSError) as error:  # reported by the main thread
            errors.append(error)
        finally:
            done.set()

    threading.Thread(target=run, daemon=True).start()
    peak = 0
    while not done.is_set():
        peak = max(peak, sum(_hwm(pid) for pid in _children(os.getpid()) - {os.getpid()}))
        time.sleep(POLL_SECONDS)
    if errors:
        raise RuntimeError(f"pagefind failed: {errors[0]}")
    return {"seconds": round(time.perf_counter() - start, 2), "peak_rss_bytes": peak,
            "shards": len(report[0].indexed)}


def _hwm(pid: int) -> int:
    try:
        match = re.search(r"^VmHWM:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text(), re.MULTILINE)
    except OSError:
        return 0
    return int(match[1]) * 1024 if match else 0


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run_size(size: int, engines: list[str], work: Path, lunr_max: int,
             repeat: int = 1) -> dict:
    config = load_config(ROOT / "digest.yml")
    seeds, docs = work / "seeds", work / "docs"
    if (docs / "index.md").is_file():  # --keep: a second run measures the pages generated before
        articles = sum(1 for p in (docs / "articles").glob("*.md") if p.name != "index.md")
    else:
        synth.write_corpus(seeds, size, config)
        docs.mkdir(parents=True, exist_ok=True)
        for name in HAND_WRITTEN:
            src = ROOT / "docs" / name
            (shutil.copytree(src, docs / name) if src.is_dir() else shutil.copy2(src, docs / name))
        articles = len(pipeline.build(config, seeds, docs, 2).articles)
    result = {"size": size, "articles": articles, "engines": {}}
    for engine in engines:
        if engine == LUNR and size > lunr_max:
            result["engines"][engine] = {"skipped": f"above --lunr-max {lunr_max}"}
            continue
        site = work / f"site-{engine}"
        shutil.rmtree(site, ignore_errors=True)
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        start = time.perf_counter()
        build_site(ROOT / "mkdocs.yml", docs, site, False, engine, index_search=False)
        figures: dict = {"mkdocs_build_seconds": round(time.perf_counter() - start, 2)}
        if engine == PAGEFIND:
            figures["indexing"] = index_pagefind(site, work)
            figures["index_bytes"] = sum(_folder_bytes(d) for d in site.glob("pagefind*"))
        else:
            figures["index_bytes"] = (site / "search" / "search_index.json").stat().st_size
        httpd = _serve(site)
        try:
            base = f"http://127.0.0.1:{httpd.server_address[1]}"
            figures["search"] = measure_median(base, "search", repeat)
            figures["browse"] = measure_median(base, "browse", repeat)
        finally:
            httpd.shutdown()
            httpd.server_close()
        result["engines"][engine] = figures
    return result


def _mb(n: float) -> str:
    return f"{n / 1024 / 1024:.1f} MB"


def table(results: list[dict]) -> str:
    lines = [("articles  engine    view    page load  load->first result  (after last key)"
              "  slowest run  transferred  browser PSS  indexing"), "-" * 133]
    for r in results:
        for engine, f in r["engines"].items():
            if "skipped" in f:
                lines.append(f"{r['articles']:>8}  {engine:<8}  skipped ({f['skipped']})")
                continue
            if "indexing" in f:
                index = (f"pagefind {f['indexing']['seconds']:.1f} s, {f['indexing']['shards']} shard(s), "
                         f"peak {_mb(f['indexing']['peak_rss_bytes'])}, index {_mb(f['index_bytes'])}")
            else:
                index = f"mkdocs build {f['mkdocs_build_seconds']:.1f} s, search_index.json {_mb(f['index_bytes'])}"
            for view in ("search", "browse"):
                m = f[view]
                typed = f"({m['after_typing_seconds']:.2f} s)" if m["after_typing_seconds"] else ""
                lines.append(f"{r['articles']:>8}  {engine:<8}  {view:<6}  {m['load_seconds']:>7.2f} s"
                             f"  {m['from_load_seconds']:>16.2f} s  {typed:>16}"
                             f"  {m['slowest_from_load_seconds']:>9.2f} s  {_mb(m['bytes']):>11}"
                             f"  {_mb(m['pss_bytes']):>11}  {index if view == 'search' else ''}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes")
    parser.add_argument("--engines", default="lunr,pagefind")
    parser.add_argument("--lunr-max", type=int, default=1000, help="skip lunr above this many articles")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    parser.add_argument("--repeat", type=int, default=3,
                        help="fresh browsers per view; the median run is reported")
    args = parser.parse_args(argv)
    try:
        sizes = [int(s) for s in args.sizes.split(",")]
    except ValueError:
        parser.error("--sizes: expected numbers such as 1000,10000")
    if not sizes or min(sizes) < 1:
        parser.error("--sizes: every size must be 1 or more")
    if args.repeat < 1:
        parser.error("--repeat: must be 1 or more")
    engines = [e for e in args.engines.split(",") if e]
    if set(engines) - {LUNR, PAGEFIND}:
        parser.error("--engines: choose from lunr, pagefind")
    results = []
    for size in sizes:
        work = (args.keep / str(size)) if args.keep else Path(tempfile.mkdtemp(prefix=f"search-bench-{size}-"))
        try:
            results.append(run_size(size, engines, work, args.lunr_max, args.repeat))
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        print(table(results[-1:]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
