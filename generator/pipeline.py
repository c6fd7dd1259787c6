"""The build, read top to bottom: gather every seed, run the per-seed stages, then the cross-seed
steps, render everything, and only then write."""

from __future__ import annotations

import gc
import hashlib
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import slugify

from .budget import Budget, OverBudget
from .cache import SeedCache, code_version, read_entry, write_entry
from .config import Config
from .executors import Executor, as_executor
from .extract.convert_html import html_to_text, left_out_paragraphs
from .extract.convert_markdown import markdown_to_text
from .extract.ingest import normalise, read_seed, seed_name
from .extract.metadata import extract_metadata
from .extract.metadata.base import STAND_IN
from .extract.parse import parse, reclaim_header_prose, split_long
from .extract.roles import tag_text, with_role_title, without_repeated_title
from .fingerprint import base_digests, changes_of, combined, fingerprints, replayed
from .knowledge.enrich import enrich
from .knowledge.stories import assign_stories_cached
from .knowledge.summarize import summarize
from .records import (
    Article,
    Block,
    BuildReport,
    Dropped,
    Found,
    Level,
    Page,
    Problem,
    RuleReason,
    Seed,
    SeedChanges,
)
from .site.address_file import addresses_text, known_addresses
from .site.addresses import REDIRECTS_PAGE, dump_redirects
from .site.render import render_site
from .site.render_cache import RenderCache
from .site.slugs import assign_slugs, merge_duplicates
from .site.write import write_pages
from .unchanged import Inputs, shortcut, written_manifest

Progress = Callable[[int, int], None]


def build(
    config: Config,
    seeds_dir: Path,
    docs_dir: Path | None,
    jobs: int | Executor = 1,
    progress: Progress | None = None,
    cache_dir: Path | None = None,
    inputs: Inputs | None = None,
) -> BuildReport:
    """Generate the whole site's Markdown; write it into docs_dir unless that is None (a dry run).

    With a cache_dir, per-seed results, stories, rendered pages and the list of written files are
    reused from it and stored in it, each under exactly its inputs. `inputs`: this build's, read
    by a caller that already found them changed (unchanged.shortcut gave None).
    """
    try:
        return _build(config, seeds_dir, docs_dir, jobs, progress, cache_dir, inputs)
    finally:
        gc.unfreeze()  # see _collector_paused: the next collections may look at them again


def _build(
    config: Config,
    seeds_dir: Path,
    docs_dir: Path | None,
    jobs: int | Executor,
    progress: Progress | None,
    cache_dir: Path | None,
    inputs: Inputs | None,
) -> BuildReport:
    clock = _Stages()
    if inputs is None:
        inputs = Inputs.read(config, seeds_dir, docs_dir, cache_dir)
        if (previous := shortcut(inputs, clock.last)) is not None:
            return previous
    files, problems = inputs.files, list(inputs.problems)
    cache = SeedCache(cache_dir, config) if cache_dir is not None else None
    with _collector_paused():
        per_seed, seed_problems = process_all(files, seeds_dir, config, jobs, progress, cache)
        # the list of files written into docs/: the render cache trusts pages it records
        manifest = written_manifest(cache_dir, docs_dir) if cache_dir and docs_dir else None
        memo = RenderCache(cache_dir, config, {}, docs_dir if manifest else None, manifest)
    clock.split_off("read and cache", cache.seconds if cache else 0.0)
    clock.lap("per-seed stages")
    known, address_problems = known_addresses(seeds_dir, memo)
    prints = _Prints(per_seed, cache)
    slugs_key = memo.key_of("slugs", (*prints.bases(), repr(known)))
    slugged = replayed(memo.value(slugs_key, lambda: _slugged(per_seed, known, memo)), per_seed)
    memo.carry_table(TITLE_WORDS)
    # The slugged articles follow from exactly what the slugs' key covers (per-seed results and
    # the addresses file, salted with the code), so it keys the stories too: fingerprinting every
    # slugged article for it cost a second per 10,000.
    stories_key = combined((f"{code_version()}:{config.stories!r}", slugs_key)) if slugs_key else ""
    clock.lap("addresses and slugs")
    articles = assign_stories_cached(
        slugged, config.stories, stories_key, cache_dir, prints.of(slugged)
    )
    clock.lap("stories")
    problems += address_problems
    report = BuildReport(
        tuple(sorted(articles, key=lambda a: a.slug)),
        tuple(problems) + tuple(seed_problems) + tuple(p for a in articles for p in a.problems),
        seeds_seen=len(files) + len(problems) - len(address_problems),
    )
    memo.prints = prints.of(report.articles)
    slugs = [a.slug for a in report.articles]
    # A broken addresses file is left as it is, for the user to restore; it is never overwritten.
    addresses = addresses_text(report.articles, memo)
    report = replace(report, addresses="" if address_problems else addresses)
    pages = (
        *render_site(report.articles, report, config, memo),
        *memo.pages(
            memo.key("redirects", slugs),
            lambda: [Page(REDIRECTS_PAGE, dump_redirects(report.articles))],
        ),
    )
    memo.save()
    clock.lap("render")
    report = replace(
        report,
        pages=pages,
        changes=_seed_changes(files, seeds_dir, cache, cache_dir),
        rendered=memo.rendered if cache_dir is not None else -1,
    )
    if docs_dir is None:
        return replace(report, stages=clock.stages)
    written, removed = write_pages(pages, docs_dir, manifest)
    clock.lap("write")
    report = replace(report, written=tuple(written), removed=tuple(removed), stages=clock.stages)
    if manifest is not None:
        inputs.remember(report, manifest)
        clock.lap("remember the inputs")
    return replace(report, stages=clock.stages)


TITLE_WORDS = f"title-words:{slugify.__version__}"
"""The render cache's table of titles turned into address words (slugify's own version in the
name: another version may make other words)."""


def _slugged(per_seed: list[Article], known, memo: RenderCache):
    """The addresses' changes to the per-seed articles; titles turned into address words are kept
    in the render cache, by slugify's version, for the next build."""
    words = memo.table(TITLE_WORDS)
    slugged = assign_slugs(merge_duplicates(per_seed, known), known, words)
    titles = {a.title for a in per_seed} | {""}
    memo.keep_table(TITLE_WORDS, {t: w for t, w in words.items() if t in titles})
    return changes_of(slugged, per_seed)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Reading 10,000 cached results makes millions of objects, none of them in a cycle: the cyclic
    garbage collector ran over them again and again, half the time of reading them back.

    They are then frozen (kept out of the collector's generations, still freed by reference
    counting) until the build ends: else every full collection while the site is rendered walked
    them all again, a tenth of the time of a build after one new seed."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was:
            gc.enable()


class _Stages:
    """Wall-clock seconds per stage of a build, in the order they ran."""

    def __init__(self) -> None:
        self.stages: tuple[tuple[str, float], ...] = ()
        self.last = time.perf_counter()
        self.carried = 0.0

    def split_off(self, name: str, seconds: float) -> None:
        """A stage measured inside the next one (reading the cache inside the per-seed run)."""
        self.stages += ((name, seconds),)
        self.carried = seconds

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.stages += ((name, max(0.0, now - self.last - self.carried)),)
        self.last, self.carried = now, 0.0


class _Prints:
    """Fingerprints of articles (generator/fingerprint.py), taken only when a cache will use
    them."""

    def __init__(self, per_seed: list[Article], cache: SeedCache | None):
        self.active = cache is not None
        self.originals = {a.seed: a for a in per_seed}
        self.base = base_digests(per_seed, cache.digests) if cache is not None else {}

    def bases(self) -> list[str]:
        """The per-seed results' hashes, in seed order: the key of the steps that read them all."""
        return [f"{seed}:{digest.hex()}" for seed, digest in sorted(self.base.items())]

    def of(self, articles) -> dict[str, str]:
        return fingerprints(articles, self.originals, self.base) if self.active else {}


SEEDS_FILE = "seeds.entry"


def _seed_changes(
    files: list[Path], seeds_dir: Path, cache: SeedCache | None, cache_dir: Path | None
) -> SeedChanges | None:
    """Compare the seeds with the last build's list (name -> hash of the bytes) and keep this
    one."""
    if cache is None or cache_dir is None:
        return None
    now = {}
    for f in files:
        name = seed_name(f, seeds_dir)
        # A seed the cache does not read (too large, a link) is compared by its size and time.
        now[name] = cache.seed_sha256.get(name) or _stat_mark(f)
    before = read_entry(cache_dir / SEEDS_FILE)
    before = before if isinstance(before, dict) else {}
    if now != before:
        write_entry(cache_dir / SEEDS_FILE, now)
    return SeedChanges(
        new=sum(1 for n in now if n not in before),
        changed=sum(1 for n, d in now.items() if n in before and before[n] != d),
        unchanged=sum(1 for n, d in now.items() if before.get(n) == d),
        removed=sum(1 for n in before if n not in now),
    )


def _stat_mark(path: Path) -> str:
    try:
        st = path.lstat()
    except OSError:
        return "unreadable"
    return f"stat:{st.st_size}:{st.st_mtime_ns}"


def process_all(
    files: list[Path],
    seeds_dir: Path,
    config: Config,
    jobs: int | Executor,
    progress: Progress | None,
    cache: SeedCache | None = None,
) -> tuple[list[Article], list[Problem]]:
    """Run the per-seed stages over every file not in the cache: on `jobs` local workers, or on the
    executor given instead (generator.executors, e.g. a Dask cluster)."""
    names = [seed_name(f, seeds_dir) for f in files]
    keys = [cache.key(f, n, config.max_seed_bytes) if cache else None for f, n in zip(files, names)]
    cached = [cache.get(k) if cache else None for k in keys]
    # Absolute paths: a Dask worker reads the seed itself, from another working directory.
    tasks = [(f.absolute(), n, config) for f, n, hit in zip(files, names, cached) if hit is None]
    fresh = run_budgeted(tasks, config, jobs, progress)
    results = _merge(cached, iter(fresh), keys, cache)
    articles = [r for r in results if isinstance(r, Article)]
    problems = [p for r in results if isinstance(r, tuple) for p in r]
    return articles, problems


def _merge(cached: list, fresh: Iterator, keys: list[str | None], cache: SeedCache | None) -> list:
    """Cached and freshly computed results in seed order; fresh ones are stored for next time."""
    results = []
    for hit, key in zip(cached, keys):
        result = hit if hit is not None else next(fresh)
        if cache and hit is None and not over_budget(result):
            cache.put(key, result)
        results.append(result)
    if cache:
        cache.prune()
    return results


def _process_task(task: tuple[Path, str, Config]) -> Article | tuple[Problem, ...]:
    path, name, config = task
    try:
        return process_seed(read_seed(path, name, config.max_seed_bytes), config)
    except MemoryError:
        raise  # the worker reports the seed as over its memory budget
    # one seed must never stop the build or vanish from the report
    except Exception as exc:  # noqa: BLE001
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return (
            Problem(
                name,
                "ingest",
                Level.ERROR,
                f"the generator failed while reading this seed ({type(exc).__name__} at "
                f"{Path(where.filename).name}:{where.lineno}), so it is not published; check the "
                "file "
                "is a text or HTML article, and please report this as a bug",
            ),
        )


def process_seed(seed: Seed, config: Config) -> Article | tuple[Problem, ...]:
    """All per-seed stages; a seed with no usable text yields only its problems for the report."""
    if any(p.level is Level.ERROR for p in seed.problems) and not seed.text.strip():
        return seed.problems
    text, hints, html_problems, left_out = seed.text, dict(seed.hints), (), ()
    if seed.format == "markdown":
        text = markdown_to_text(text)
    if seed.format == "html":
        try:
            text, page_hints = html_to_text(seed.text)
            hints.update(page_hints)
        # a page the HTML reader chokes on is still published, as text
        except Exception as exc:  # noqa: BLE001
            html_problems = (
                Problem(
                    seed.name,
                    "parse",
                    Level.WARNING,
                    (
                        f"the saved web page could not be read as HTML ({type(exc).__name__}); "
                        "its text is shown with the "
                        "markup as plain text. Save the article as text instead"
                    ),
                ),
            )
        text = normalise(text) if text.strip() else text
        if not html_problems:
            left_out = tuple(
                Dropped(" ".join(normalise(p).split()), RuleReason("left out by the page reader"))
                for p in left_out_paragraphs(seed.text, text)
            )
    overrides, override_problems = known_overrides(seed, config)
    article = Article(
        seed=seed.name,
        seed_sha256=seed.sha256,
        identity=_identity(text),
        format=seed.format,
        overrides=overrides,
        hints=hints,
        problems=(*seed.problems, *html_problems, *override_problems),
    )
    if not text.strip():
        return (
            *article.problems,
            Problem(
                seed.name,
                "parse",
                Level.ERROR,
                "no article text found in the saved web page, so it is not published; "
                "save the article as text (select it, copy, paste into a .txt file)",
            ),
        )
    try:
        # One tagging of the text, read by body cleaning, the byline rule and the title stage.
        article = replace(article, roles=tag_text(text, config))
        article = parse(article, text)
        if left_out:  # only a saved page has paragraphs its reader left out
            article = replace(article, dropped=(*article.dropped, *left_out))
        # The model comes after header prose is given back to the body, so it never takes a
        # paragraph of the article as its headline.
        article = reclaim_header_prose(extract_metadata(article, config))
        article = without_repeated_title(with_role_title(article, config))
        article = summarize(enrich(article, config))
    except MemoryError:
        raise
    # a bug on one seed must not cost the user the other pages; it is reported
    except Exception as exc:  # noqa: BLE001
        return _fallback(replace(article, roles=None), text, config, exc)
    # The tags were for the stages above; the page never shows them (check_article reads none).
    return replace(article, roles=None, problems=(*article.problems, *check_article(article)))


def known_overrides(seed: Seed, config: Config) -> tuple[dict, list[Problem]]:
    """Front-matter `companies` and `topics` may only name what digest.yml defines (aliases are
    mapped to
    the company's name); anything else is dropped with a warning instead of becoming a tag."""
    overrides, problems = dict(seed.overrides), []
    if "companies" not in overrides and "topics" not in overrides:
        return overrides, problems  # most seeds: no table to build
    names = {alias.casefold(): c.name for c in config.companies for alias in c.aliases}
    slugs = {t.slug: t.slug for t in config.topics} | {
        t.title.casefold(): t.slug for t in config.topics
    }
    for key, table, known in (
        ("companies", names, "company names"),
        ("topics", slugs, "topic slugs"),
    ):
        if key not in overrides:
            continue
        values = [table.get(v.casefold()) for v in overrides[key]]
        unknown = [v for v, found in zip(overrides[key], values) if found is None]
        if unknown:
            listed = ", ".join(repr(v[:40].replace("`", "'")) for v in unknown[:5])
            problems.append(
                Problem(
                    seed.name,
                    "ingest",
                    Level.WARNING,
                    f"front-matter {key} {listed} {'is' if len(unknown) == 1 else 'are'} not in "
                    f"digest.yml and {'was' if len(unknown) == 1 else 'were'} ignored; use the "
                    f"{known} from digest.yml, or add the missing one there",
                )
            )
        overrides[key] = tuple(dict.fromkeys(v for v in values if v))
    return overrides, problems


def _identity(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


def _fallback(article: Article, text: str, config: Config, exc: Exception) -> Article:
    """Publish the raw text, escaped, with an ERROR, so the seed is never silently lost."""
    where = traceback.extract_tb(exc.__traceback__)[-1]
    problem = Problem(
        article.seed,
        "parse",
        Level.ERROR,
        f"the generator failed on this seed ({type(exc).__name__} at {Path(where.filename).name}:"
        f"{where.lineno}); its raw text is shown unprocessed. Please report this as a bug.",
    )
    blocks = tuple(
        Block("p", piece)
        for p in text.split("\n\n")
        if p.strip()
        for piece in split_long(" ".join(p.split()))
    )
    title = article.overrides.get("title") or Path(article.seed).stem
    found = (
        Found("seed front-matter", 1.0)
        if article.overrides.get("title")
        else Found("seed file name", 0.1)
    )
    return replace(
        article,
        title=title,
        blocks=blocks,
        found={**article.found, "title": found},
        problems=(*article.problems, problem),
    )


def check_article(article: Article) -> list[Problem]:
    """Problems a reader would notice on the page, each with what to do about it."""
    problems = []
    found = article.found
    if found.get("title") and found["title"].confidence <= STAND_IN:
        problems.append(
            Problem(
                article.seed,
                "metadata",
                Level.WARNING,
                f"no recognisable headline; the title was taken from the {found['title'].method}. "
                "Add `title:` to the seed's front-matter",
            )
        )
    if not any(b.kind == "p" for b in article.blocks) and not article.redacted:
        if article.dropped:
            message = (
                f"no article text left after removing page furniture ({len(article.dropped)} line"
                f"{'s' if len(article.dropped) > 1 else ''} dropped; `digest check -v` lists "
                "them); check "
                "the seed is complete"
            )
        else:
            message = (
                "the seed holds only a headline or byline, no article text; paste the "
                "article's text below it"
            )
        problems.append(Problem(article.seed, "parse", Level.WARNING, message))
    if not article.date:
        problems.append(
            Problem(
                article.seed,
                "metadata",
                Level.INFO,
                "no publication date in the article (dates in comments, captions, related links or "
                "the story itself are not used); add `date: YYYY-MM-DD` to the seed's front-matter "
                "if you know it",
            )
        )
    return problems


# ---- the per-seed budget ----------------------------------------------------------------------

_BUDGET_REASONS = {
    "time": "took longer than the {seconds:g} s a seed may take (limits.seconds_per_seed in "
    "digest.yml)",
    "memory": "needed more than the {megabytes:,} MB a seed may use (limits.megabytes_per_seed in "
    "digest.yml)",
    "crash": "stopped the process that read it (it ran out of memory or crashed)",
}


def run_budgeted(
    tasks: list[tuple[Path, str, Config]],
    config: Config,
    jobs: int | Executor,
    progress: Progress | None,
) -> list:
    """The per-seed stages for every task, each seed under the time and memory budget of `limits:`.

    A seed over budget is tried once more, as raw text only (escaped, unprocessed); if even that is
    over budget, the seed is listed in the report with the reason and nothing else.
    """
    budget = Budget(config.seconds_per_seed, config.megabytes_per_seed)
    executor = as_executor(jobs)
    results = executor.map(_process_task, tasks, budget, progress)
    stopped = [i for i, r in enumerate(results) if isinstance(r, OverBudget)]
    raw = executor.map(_raw_task, [(*tasks[i], results[i].reason) for i in stopped], budget, None)
    for i, second in zip(stopped, raw):
        results[i] = (
            second
            if not isinstance(second, OverBudget)
            else _budget_problems(tasks[i][1], results[i], config)
        )
    return results


def over_budget(result: Article | tuple[Problem, ...]) -> bool:
    """Whether a result was cut short by the budget (such results are not cached: the next run
    retries)."""
    problems = result.problems if isinstance(result, Article) else result
    return any(p.stage == "budget" for p in problems)


def _budget_reason(reason: str, config: Config) -> str:
    return _BUDGET_REASONS[reason].format(
        seconds=config.seconds_per_seed, megabytes=config.megabytes_per_seed
    )


def _budget_problems(name: str, stopped: OverBudget, config: Config) -> tuple[Problem, ...]:
    return (
        Problem(
            name,
            "budget",
            Level.ERROR,
            f"this seed {_budget_reason(stopped.reason, config)}, so it was stopped and is not "
            "published, not even as raw text; split it into smaller files or raise the limit",
        ),
    )


def _raw_task(task: tuple[Path, str, Config, str]) -> Article | tuple[Problem, ...]:
    """A seed that was over budget, published as its escaped raw text with an ERROR saying why."""
    path, name, config, reason = task
    seed = read_seed(path, name, config.max_seed_bytes)
    problem = Problem(
        name,
        "budget",
        Level.ERROR,
        f"this seed {_budget_reason(reason, config)}, so it was stopped; its raw text is shown "
        "unprocessed. Split it into smaller files, or raise the limit",
    )
    if not seed.text.strip():
        return (*seed.problems, problem)
    article = Article(
        seed=name,
        seed_sha256=seed.sha256,
        identity=_identity(seed.text),
        format=seed.format,
        overrides=known_overrides(seed, config)[0],
        problems=(*seed.problems, problem),
    )
    blocks = tuple(
        Block("p", piece)
        for p in seed.text.split("\n\n")
        if p.strip()
        for piece in split_long(" ".join(p.split()))
    )
    title = seed.overrides.get("title") or Path(name).stem
    found = (
        Found("seed front-matter", 1.0)
        if seed.overrides.get("title")
        else Found("seed file name", 0.1)
    )
    return replace(article, title=title, blocks=blocks, found={"title": found})
