"""The build, read top to bottom: gather every seed, run the per-seed stages, then the cross-seed
steps, render everything, and only then write."""
from __future__ import annotations

import hashlib
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

from .config import Config
from .enrich import enrich
from .html import html_to_text
from .ingest import find_seed_files, normalise, read_seed
from .metadata import extract_metadata
from .parse import parse
from .records import Article, Block, BuildReport, Level, Problem, Seed
from .render import render_site
from .site import write_pages
from .slugs import assign_slugs, merge_duplicates
from .summarize import summarize

Progress = Callable[[int, int], None]


def build(config: Config, seeds_dir: Path, docs_dir: Path | None, jobs: int = 1,
          progress: Progress | None = None) -> BuildReport:
    """Generate the whole site's Markdown; write it into docs_dir unless that is None (a dry run)."""
    files, problems = find_seed_files(seeds_dir)
    articles, seed_problems = process_all(files, seeds_dir, config, jobs, progress)
    articles = assign_slugs(merge_duplicates(articles))
    report = BuildReport(tuple(sorted(articles, key=lambda a: a.slug)),
                         tuple(problems) + tuple(seed_problems) + tuple(p for a in articles for p in a.problems),
                         seeds_seen=len(files) + len(problems))
    pages = tuple(render_site(report.articles, report, config))
    if docs_dir is None:
        return replace(report, pages=pages)
    written, removed = write_pages(pages, docs_dir)
    return replace(report, pages=pages, written=tuple(written), removed=tuple(removed))


def process_all(files: list[Path], seeds_dir: Path, config: Config, jobs: int,
                progress: Progress | None) -> tuple[list[Article], list[Problem]]:
    """Run the per-seed stages over every file, in parallel when jobs > 1."""
    names = [f.relative_to(seeds_dir).as_posix() for f in files]
    tasks = [(f, n, config) for f, n in zip(files, names)]
    results: Iterable
    if jobs > 1 and len(tasks) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(_tracked(pool.map(_process_task, tasks, chunksize=16), len(tasks), progress))
    else:
        results = list(_tracked(map(_process_task, tasks), len(tasks), progress))
    articles = [r for r in results if isinstance(r, Article)]
    problems = [p for r in results if isinstance(r, tuple) for p in r]
    return articles, problems


def _tracked(results: Iterable, total: int, progress: Progress | None) -> Iterable:
    for done, result in enumerate(results, 1):
        if progress:
            progress(done, total)
        yield result


def _process_task(task: tuple[Path, str, Config]) -> Article | tuple[Problem, ...]:
    path, name, config = task
    return process_seed(read_seed(path, name, config.max_seed_bytes), config)


def process_seed(seed: Seed, config: Config) -> Article | tuple[Problem, ...]:
    """All per-seed stages; a seed with no usable text yields only its problems for the report."""
    if any(p.level is Level.ERROR for p in seed.problems) and not seed.text.strip():
        return seed.problems
    text, hints = seed.text, {}
    if seed.format == "html":
        text, hints = html_to_text(seed.text)
        text = normalise(text) if text.strip() else text
    article = Article(seed=seed.name, seed_sha256=seed.sha256, identity=_identity(text), format=seed.format,
                      overrides=seed.overrides, hints=hints, problems=seed.problems)
    if not text.strip():
        return (*seed.problems, Problem(seed.name, "parse", Level.ERROR,
                                        "no article text found in the page; save the article as text instead"))
    try:
        article = parse(article, text)
        article = extract_metadata(article, config)
        article = summarize(enrich(article, config))
    except Exception as exc:  # a bug on one seed must not cost the user the other pages
        return _fallback(article, text, config, exc)
    return replace(article, problems=(*article.problems, *check_article(article)))


def _identity(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def _fallback(article: Article, text: str, config: Config, exc: Exception) -> Article:
    """Publish the raw text, escaped, with an ERROR, so the seed is never silently lost."""
    where = traceback.extract_tb(exc.__traceback__)[-1]
    problem = Problem(article.seed, "parse", Level.ERROR,
                      f"the generator failed on this seed ({type(exc).__name__} at {Path(where.filename).name}:"
                      f"{where.lineno}); its raw text is shown unprocessed. Please report this as a bug.")
    blocks = tuple(Block("p", " ".join(p.split())) for p in text.split("\n\n") if p.strip())
    title = article.overrides.get("title") or Path(article.seed).stem
    return replace(article, title=title, blocks=blocks, problems=(*article.problems, problem))


def check_article(article: Article) -> list[Problem]:
    """Problems a reader would notice on the page, each with what to do about it."""
    problems = []
    found = article.found
    if found.get("title") and found["title"].confidence <= 0.3:
        problems.append(Problem(article.seed, "metadata", Level.WARNING,
                                f"no recognisable headline; the title was taken from the {found['title'].method}. "
                                "Add `title:` to the seed's front-matter"))
    if not any(b.kind == "p" for b in article.blocks) and not article.redacted:
        problems.append(Problem(article.seed, "parse", Level.WARNING,
                                "no article text left after removing page furniture; check the seed is complete"))
    if not article.date:
        problems.append(Problem(article.seed, "metadata", Level.INFO,
                                "no publication date in the article (dates in comments, captions, related links or "
                                "the story itself are not used); add `date: YYYY-MM-DD` to the seed's front-matter "
                                "if you know it"))
    return problems
