"""The summary printed after a build: what came in, what went out, and where the time went.

On a terminal it is a small aligned block; in CI logs (CI=true) and pipes, plain `summary:` lines
that stay readable when a log viewer strips colour and spacing, and are easy to grep.
"""

from __future__ import annotations

from pathlib import Path

from .records import BuildReport, Level


def summary_lines(report: BuildReport, docs: Path | None, tidy: bool) -> list[str]:
    """The summary as lines of text: a block for a terminal when tidy, else plain lines."""
    rows = [
        ("seeds", _seeds(report)),
        ("problems", _problems(report)),
        ("pages", _pages(report, docs)),
    ]
    if not tidy:
        if report.stages:
            rows.append(("time", _times(report.stages)))
        return [f"summary: {name} {text}" for name, text in rows]
    lines = ["Summary", *(f"  {name:<8}  {text}" for name, text in rows)]
    if report.stages:
        total = sum(seconds for _, seconds in report.stages)
        width = max(len(name) for name, _ in report.stages)
        lines.append(f"  {'time':<8}  {total:.2f} s in all")
        lines += [f"            {name:<{width}}  {s:6.2f} s" for name, s in report.stages]
    return lines


def _seeds(report: BuildReport) -> str:
    text = f"{report.seeds_seen:,} read"
    c = report.changes
    if c is None:
        return f"{text} (no cache: not compared with the last build)"
    return (
        f"{text}: {c.new:,} new, {c.changed:,} changed, {c.unchanged:,} unchanged, "
        f"{c.removed:,} removed since the last build"
    )


def _problems(report: BuildReport) -> str:
    counts = {level: sum(1 for p in report.problems if p.level is level) for level in Level}
    return (
        f"{_n(counts[Level.ERROR], 'error')}, {_n(counts[Level.WARNING], 'warning')}, "
        f"{_n(counts[Level.INFO], 'note')}"
    )


def _pages(report: BuildReport, docs: Path | None) -> str:
    total = len(report.pages)
    text = f"{total:,}"
    if report.rendered >= 0:
        text += (
            f" ({report.rendered:,} rendered, {total - report.rendered:,} reused from the cache)"
        )
    if docs is None:
        return text
    unchanged = total - len(report.written)
    return (
        f"{text}: {len(report.written):,} written, {len(report.removed):,} removed, "
        f"{unchanged:,} unchanged in {docs}/"
    )


def _times(stages: tuple[tuple[str, float], ...]) -> str:
    total = sum(seconds for _, seconds in stages)
    parts = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in stages)
    return f"{total:.2f} s in all: {parts}"


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
