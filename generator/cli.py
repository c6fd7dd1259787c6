"""The `digest` command: a thin shell over the pipeline that maps outcomes to exit codes.

Exit codes: 0 success; 1 problems under --strict (or a failed site build); 2 unusable config or
arguments.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import click

from .cache import DEFAULT_FOLDER
from .config import Config, ConfigError, load_config
from .executors import EXECUTORS, LOCAL, Executor, ExecutorError, open_executor
from .records import BuildReport, Level
from .site.addresses import ADDRESSES_FILE, out_of_date, save_addresses
from .summary import summary_lines
from .unchanged import Inputs, shortcut

EXIT_PROBLEMS = 1
EXIT_CONFIG = 2
LOG_FORMAT = "warning  %(message)s"
T = TypeVar("T")

_seeds = click.option(
    "--seeds",
    "seeds",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("seeds"),
    show_default=True,
    help="Folder of seed articles.",
)
_docs = click.option(
    "--docs",
    "docs",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("docs"),
    show_default=True,
    help="Folder the generated Markdown pages are written into.",
)
_config = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("digest.yml"),
    show_default=True,
    help="Companies, topics and publications.",
)
_strict = click.option(
    "--strict", is_flag=True, help="Exit with status 1 when any seed has an error."
)
_verbose = click.option(
    "-v", "--verbose", is_flag=True, help="Also list every dropped line and every note."
)
_cache = click.option(
    "--cache",
    "cache_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_FOLDER,
    show_default=True,
    help="Folder of per-seed results reused by the next run.",
)
_no_cache = click.option(
    "--no-cache", is_flag=True, help="Process every seed again, ignoring the cache."
)
_jobs = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Seeds processed in parallel (by the local executor).",
)
_executor = click.option(
    "--executor",
    "executor_name",
    type=click.Choice(EXECUTORS),
    default=LOCAL,
    show_default=True,
    help="Where the per-seed stages run: processes here, or a Dask cluster (the [dask] extra).",
)
_scheduler = click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Address of the Dask scheduler for --executor dask, e.g. tcp://10.0.0.5:8786.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="digest-generator")
def main() -> None:
    """Turn a folder of clipped news articles into a searchable MkDocs digest site."""
    # Library modules report through logging (e.g. an untrusted cache entry); show it plainly.
    logging.basicConfig(format=LOG_FORMAT, level=logging.WARNING, stream=sys.stderr)


def _load(path: Path) -> Config:
    try:
        return load_config(path)
    except ConfigError as exc:
        click.secho(f"config error: {exc}", fg="red", err=True)
        raise SystemExit(EXIT_CONFIG) from exc


def _check_seeds(seeds: Path) -> None:
    if not seeds.is_dir():
        click.secho(f"error: seeds folder {seeds} does not exist", fg="red", err=True)
        raise SystemExit(EXIT_CONFIG)


def _run(
    config: Config,
    seeds: Path,
    docs: Path | None,
    jobs: int | Executor,
    cache_dir: Path | None = None,
) -> BuildReport:
    _check_seeds(seeds)
    started = time.perf_counter()
    inputs = Inputs.read(config, seeds, docs, cache_dir)
    # The console shows only the articles' outlines: their text is not read back.
    if (previous := shortcut(inputs, started, whole_articles=False)) is not None:
        return previous
    # Imported only now: the extraction, knowledge and site modules (and matplotlib, numpy,
    # trafilatura under them) took 1 s of a 2 s build with nothing to do.
    from . import pipeline

    if not sys.stderr.isatty():
        return pipeline.build(config, seeds, docs, jobs, PlainProgress(), cache_dir, inputs)
    with click.progressbar(
        length=1, label="Processing seeds", file=sys.stderr, show_pos=True, show_eta=True
    ) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = total
            bar.update(1)

        return pipeline.build(config, seeds, docs, jobs, progress, cache_dir, inputs)


class PlainProgress:
    """Progress for logs (CI, pipes): a plain line every PLAIN_PROGRESS_SECONDS, never a redrawn
    bar."""

    def __init__(self, every: float = 10.0, clock=time.monotonic):
        self.every, self.clock = every, clock
        self.start = self.last = clock()

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        if now - self.last < self.every or done >= total:
            return
        self.last = now
        elapsed = now - self.start
        left = elapsed / done * (total - done)
        click.echo(
            f"processed {done:,} of {total:,} seeds ({100 * done // total}%), "
            f"{elapsed:.0f} s so far, about {left:.0f} s left",
            err=True,
        )


@contextmanager
def _opened(name: str, scheduler: str | None, jobs: int, seeds: Path) -> Iterator[Executor]:
    """The executor asked for; a one-line error, not a traceback, when it cannot be used."""
    try:
        executor = open_executor(name, scheduler, jobs, seeds)
    except ExecutorError as exc:
        click.secho(f"error: {exc}", fg="red", err=True)
        raise SystemExit(EXIT_CONFIG) from None
    try:
        yield executor
    except ExecutorError as exc:
        click.secho(f"error: {exc}", fg="red", err=True)
        raise SystemExit(EXIT_PROBLEMS) from None
    finally:
        executor.close()


def _generate(
    config_path: Path,
    seeds: Path,
    docs: Path,
    jobs: int | Executor,
    verbose: bool,
    cache_dir: Path | None,
) -> BuildReport:
    report = _run(_load(config_path), seeds, docs, jobs, cache_dir)
    print_report(report, verbose)
    if report.addresses and save_addresses(seeds, report.addresses):
        click.echo(
            f"{seeds / ADDRESSES_FILE} updated: commit it with the seeds, so every page keeps its "
            "address.",
            err=True,
        )
    return report


def print_report(report: BuildReport, verbose: bool) -> None:
    """Console summary: counts, then each problem with its seed, stage and level."""
    shown = [p for p in report.problems if verbose or p.level is not Level.INFO]
    for p in sorted(shown, key=lambda p: (p.seed, p.stage)):
        colour = {"error": "red", "warning": "yellow", "info": None}[p.level.value]
        click.secho(f"{p.level.value:>7}  {p.seed} [{p.stage}]: {p.message}", fg=colour, err=True)
    if verbose:
        for line in dropped_lines(report):
            click.echo(line, err=True)
    notes = sum(1 for p in report.problems if p.level is Level.INFO)
    warnings = sum(1 for p in report.problems if p.level is Level.WARNING)
    click.echo(
        f"{count(report.seeds_seen, 'seed file')}: "
        f"{count(len(report.articles), 'article')} published, "
        f"{count(len(report.errors), 'error')}, {count(warnings, 'warning')}, "
        f"{count(notes, 'note')}"
        f"{'' if verbose else ' (-v lists notes and dropped lines)'}.",
        err=True,
    )


DROPPED_LINE_CHARS = 80
"""A dropped line is shown up to this many characters: enough to recognise it, one per row."""


def dropped_lines(report: BuildReport) -> list[str]:
    """Each published seed's dropped lines, seed by seed, each with the rule or the line role
    that dropped it: `seed.txt: dropped (role: caption (0.93)) "Photo: …"`."""
    rows = []
    for a in sorted(report.articles, key=lambda a: a.seed):
        for d in a.dropped:
            rows.append(f"{a.seed}: dropped ({d.reason}) {_shortened(d.line)!r}")
    return rows


def _shortened(line: str, limit: int = DROPPED_LINE_CHARS) -> str:
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def site_summary(stats) -> str:
    """One line: pages rendered and reused by the (incremental) site build, and why it was full."""
    line = f"Site: {count(stats.rendered, 'page')} rendered, {stats.reused:,} reused"
    return f"{line} (full build: {stats.full_reason})" if stats.full_reason else line


def print_summary(report: BuildReport, docs: Path | None) -> None:
    """The closing summary: a block on a terminal, plain `summary:` lines in CI logs and pipes."""
    tidy = sys.stderr.isatty() and os.environ.get("CI", "").lower() not in ("true", "1")
    for line in summary_lines(report, docs, tidy):
        click.echo(line, err=True)


def count(n: int, noun: str) -> str:
    """ "1 article", "2 articles", "0 errors": console messages with the right plural."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _generation_options(command):
    """The options every command that generates pages takes."""
    options = (
        _seeds,
        _docs,
        _config,
        _strict,
        _verbose,
        _jobs,
        _executor,
        _scheduler,
        _cache,
        _no_cache,
    )
    for option in reversed(options):
        command = option(command)
    return command


@main.command()
@_generation_options
def generate(
    seeds: Path,
    docs: Path,
    config_path: Path,
    strict: bool,
    verbose: bool,
    jobs: int,
    executor_name: str,
    scheduler: str | None,
    cache_dir: Path,
    no_cache: bool,
) -> None:
    """Write the generated Markdown pages (articles, companies, topics, digest, report) into
    DOCS."""
    with _opened(executor_name, scheduler, jobs, seeds) as executor:
        report = _generate(
            config_path, seeds, docs, executor, verbose, None if no_cache else cache_dir
        )
    print_summary(report, docs)
    if strict and report.errors:
        raise SystemExit(EXIT_PROBLEMS)


@main.command()
@_generation_options
@click.option(
    "--site",
    "site",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("site"),
    show_default=True,
    help="Folder the static site is built into.",
)
@click.option(
    "--mkdocs-config",
    "mkdocs_yml",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("mkdocs.yml"),
    show_default=True,
    help="MkDocs configuration.",
)
@click.option(
    "--engine",
    type=click.Choice(["mkdocs", "zensical"]),
    default="mkdocs",
    show_default=True,
    help="Site builder: MkDocs, or Zensical (Material's successor; the [zensical] extra).",
)
@click.option(
    "--search",
    "search",
    type=click.Choice(["config", "lunr", "pagefind"]),
    default="config",
    show_default=True,
    help="Search engine; `config` follows digest.yml's search.engine.",
)
@click.option(
    "--full",
    is_flag=True,
    help="Render every page again instead of only those whose inputs changed since the last build.",
)
def build(
    seeds: Path,
    docs: Path,
    config_path: Path,
    strict: bool,
    verbose: bool,
    jobs: int,
    executor_name: str,
    scheduler: str | None,
    cache_dir: Path,
    no_cache: bool,
    site: Path,
    mkdocs_yml: Path,
    engine: str,
    search: str,
    full: bool,
) -> None:
    """Generate the pages, then build the static site with MkDocs (strict MkDocs under --strict).

    MkDocs renders only the pages whose inputs changed since the last build (the record of it is
    kept in the cache folder); --full, --no-cache or any site-wide change renders them all."""
    from mkdocs.exceptions import MkDocsException

    from .site.search import SearchIndexError, choose_engine
    from .site.write import build_site

    config = _load(config_path)
    with _opened(executor_name, scheduler, jobs, seeds) as executor:
        report = _generate(
            config_path, seeds, docs, executor, verbose, None if no_cache else cache_dir
        )
    started = time.perf_counter()
    search_engine = (
        search if search != "config" else choose_engine(config.search, len(report.articles))
    )
    search_engine = "Zensical's own" if engine == "zensical" else search_engine
    try:
        # MkDocs runs in a process of its own: generate's articles, caches and freed-but-kept
        # heap stay in this one, so the build's peak is the larger of the two, not their sum
        # (1.76 GB at 10,000 articles in one process; each alone stays under 1.5 GB).
        stats = in_fresh_process(
            build_site,
            mkdocs_yml,
            docs,
            site,
            strict,
            search_engine,
            engine=engine,
            cache_dir=cache_dir,
            full=full or no_cache,
        )
    except (MkDocsException, SearchIndexError) as exc:
        click.secho(f"site build failed: {exc}", fg="red", err=True)
        raise SystemExit(EXIT_PROBLEMS) from exc
    site_stage = (f"site build ({engine})", time.perf_counter() - started)
    print_summary(replace(report, stages=(*report.stages, site_stage)), docs)
    if stats is not None:
        click.echo(site_summary(stats), err=True)
    click.echo(
        f"Site built in {site}/ ({count(len(report.articles), 'article')}, {search_engine} "
        "search): "
        "see it with `make preview` (serves site/ and prints its address), or preview with live "
        "reload: make serve.",
        err=True,
    )
    if strict and report.errors:
        raise SystemExit(EXIT_PROBLEMS)


def in_fresh_process(function: Callable[..., T], *args, **kwargs) -> T:
    """`function(*args, **kwargs)` run in a newly started interpreter (not a fork, which would
    share this process's heap); its exceptions are raised here, its output goes to this stderr."""
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=spawn, initializer=_child_logging) as child:
        return child.submit(function, *args, **kwargs).result()


def _child_logging() -> None:
    """The same plain warnings in the child as main() sets up here."""
    logging.basicConfig(format=LOG_FORMAT, level=logging.WARNING, stream=sys.stderr)


@main.command()
@_seeds
@_docs
@_config
@click.option(
    "-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on."
)
def serve(seeds: Path, docs: Path, config_path: Path, dev_addr: str) -> None:
    """Preview the site with live reload; editing a seed or the config regenerates the pages."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.serve import serve as mkdocs_serve

    _check_port_free(dev_addr)
    report = _run(_load(config_path), seeds, docs, 1, DEFAULT_FOLDER)
    print_report(report, False)
    # Read by generator.mkdocs_hook, which regenerates before each rebuild.
    os.environ.update(
        DIGEST_SEEDS=str(seeds.resolve()),
        DIGEST_DOCS=str(docs.resolve()),
        DIGEST_CONFIG=str(config_path.resolve()),
        DIGEST_CACHE=str(DEFAULT_FOLDER.resolve()),
    )
    mkdocs_serve(
        config_file="mkdocs.yml",
        dev_addr=dev_addr,
        livereload=True,
        watch=[str(seeds), str(config_path)],
    )


def _check_port_free(dev_addr: str) -> None:
    """Say in one line that the address is taken, instead of a traceback from deep in MkDocs."""
    import socket

    host, _, port = dev_addr.rpartition(":")
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.bind((host.strip("[]") or "127.0.0.1", int(port)))
    except ValueError:
        click.secho(f"error: --dev-addr {dev_addr!r} is not HOST:PORT", fg="red", err=True)
        raise SystemExit(EXIT_CONFIG) from None
    except OSError as exc:
        click.secho(
            f"error: cannot serve on {dev_addr}: {exc.strerror or exc} (is another "
            "`digest serve` running? pick another with --dev-addr 127.0.0.1:PORT)",
            fg="red",
            err=True,
        )
        raise SystemExit(EXIT_CONFIG) from None


@main.command()
@_seeds
@_config
@_verbose
def check(seeds: Path, config_path: Path, verbose: bool) -> None:
    """Validate the config and every seed without writing anything; list every problem."""
    report = _run(_load(config_path), seeds, None, 1)
    print_report(report, verbose)
    if report.addresses and out_of_date(seeds, report.addresses):
        click.secho(
            f"{seeds / ADDRESSES_FILE} is out of date (new, moved or removed articles); run "
            "`digest build` "
            "and commit it",
            fg="yellow",
            err=True,
        )
    if report.errors:
        raise SystemExit(EXIT_PROBLEMS)


@main.command(name="eval")
@_config
@click.option(
    "--articles",
    "articles",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("tests/data/eval/articles"),
    show_default=True,
    help="Folder of labelled articles.",
)
@click.option(
    "--labels",
    "labels",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("tests/data/eval/labels.yml"),
    show_default=True,
    help="Expected metadata per file.",
)
@click.option(
    "--split",
    "split",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("tests/data/eval/split.yml"),
    show_default=True,
    help="Development and sealed parts; without this file the whole set is scored as one.",
)
@click.option("--quiet", is_flag=True, help="Only the accuracy table, not the list of misses.")
def evaluate_command(
    config_path: Path, articles: Path, labels: Path, split: Path, quiet: bool
) -> None:
    """Score metadata extraction on a labelled set: per-field accuracy for the development and the
    sealed part, and every miss in the development part."""
    from .evaluate import evaluate, evaluate_parts, format_parts, format_scores

    if split.is_file():
        click.echo(
            format_parts(
                evaluate_parts(articles, labels, split, _load(config_path)), show_misses=not quiet
            )
        )
        return
    scores = evaluate(articles, labels, _load(config_path))
    click.echo(format_scores(scores, show_misses=not quiet))


_state = click.option(
    "--state",
    "state_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Pull state file (default: pull-state.json beside the seeds folder).",
)
_dry_run = click.option(
    "--dry-run", is_flag=True, help="Fetch and show what would be saved; write nothing."
)


@main.command()
@click.argument("urls", nargs=-1, required=True)
@_seeds
@_config
@_state
@_dry_run
def add(
    urls: tuple[str, ...], seeds: Path, config_path: Path, state_path: Path | None, dry_run: bool
) -> None:
    """Fetch each web page at URLS and save it, as served, as a new seed (skipping ones already
    there)."""
    from .sources import commands

    report = commands.add(_load(config_path), seeds, state_path, list(urls), dry_run)
    if report.failed:
        raise SystemExit(EXIT_PROBLEMS)


@main.command()
@_seeds
@_config
@_state
@_dry_run
@click.option(
    "-v", "--verbose", is_flag=True, help="Also list the entries filtered out or pulled before."
)
def pull(
    seeds: Path, config_path: Path, state_path: Path | None, dry_run: bool, verbose: bool
) -> None:
    """Read every feed under `sources:` in the config and save each new entry's page as a seed."""
    from .sources import commands

    reports = commands.pull(_load(config_path), seeds, state_path, dry_run, verbose)
    if any(r.failed for r in reports):
        raise SystemExit(EXIT_PROBLEMS)
