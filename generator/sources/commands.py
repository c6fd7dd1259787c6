"""What `digest add` and `digest pull` do on the console: build the run, print the summary.

Exit codes follow the CLI's: 1 when a page or feed failed (the others are still saved), 2 when the
state file cannot be used (the config's own errors are the CLI's).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..config import Config
from .clip import Kind, Run, SourceReport, add_pages, pull_sources
from .fetch import FetchLimits
from .state import StateError, default_state_path
from .summary import detail_lines, summary_line

EXIT_UNUSABLE = 2


def make_run(
    config: Config,
    seeds: Path,
    state_path: Path | None,
    dry_run: bool,
    limits: FetchLimits | None = None,
    today: str | None = None,
) -> Run:
    """today (YYYY-MM-DD, the date of an undated entry's file name) defaults to the UTC date."""
    today = today or dt.datetime.now(dt.UTC).date().isoformat()
    return Run(
        config,
        seeds,
        state_path or default_state_path(seeds),
        limits or FetchLimits(config.max_seed_bytes),
        today,
        dry_run,
    )


def add(
    config: Config,
    seeds: Path,
    state_path: Path | None,
    urls: list[str],
    dry_run: bool,
    limits: FetchLimits | None = None,
    today: str | None = None,
) -> SourceReport:
    run = make_run(config, seeds, state_path, dry_run, limits, today)
    try:
        report = add_pages(run, urls)
    except StateError as exc:
        _unusable(str(exc))
    for line in detail_lines(report):
        click.echo(line, err=True)
    click.echo(summary_line(report) + (" (dry run: nothing written)" if dry_run else ""), err=True)
    return report


def pull(
    config: Config,
    seeds: Path,
    state_path: Path | None,
    dry_run: bool,
    verbose: bool = False,
    limits: FetchLimits | None = None,
    today: str | None = None,
) -> list[SourceReport]:
    if (
        not config.sources
    ):  # nothing is wrong, there is just nothing to do (the daily workflow stays green)
        click.secho(
            "no feeds to pull: add a `sources:` list to the config, each item with a `url:` "
            "(see the README, section 'Bringing articles in')",
            fg="yellow",
            err=True,
        )
        return []
    run = make_run(config, seeds, state_path, dry_run, limits, today)
    try:
        reports = pull_sources(run)
    except StateError as exc:
        _unusable(str(exc))
    for report in reports:
        click.secho(summary_line(report), err=True, fg="red" if report.failed else None)
        for line in detail_lines(report, verbose):
            click.echo(line, err=True)
    new = sum(r.count(Kind.NEW) for r in reports)
    where = "" if dry_run else f"; state in {run.state_path}"
    click.echo(
        f"{len(reports)} sources, {new} new seed{'s' if new != 1 else ''}"
        f"{' would be saved (dry run: nothing written)' if dry_run else ' saved'}{where}.",
        err=True,
    )
    return reports


def _unusable(message: str) -> None:
    click.secho(f"error: {message}", fg="red", err=True)
    raise SystemExit(EXIT_UNUSABLE)
