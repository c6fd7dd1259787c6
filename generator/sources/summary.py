"""The words a person reads after `digest add` or `digest pull`: one line per source, then the
entries worth a look (saved, duplicate, failed and why)."""

from __future__ import annotations

import re

from .clip import Kind, Outcome, SourceReport

# Feeds and servers choose these texts: shown escaped so they cannot move the cursor or recolour.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_LISTED = (Kind.NEW, Kind.DUPLICATE, Kind.FAILED)
_COUNTED = (Kind.NEW, Kind.KNOWN, Kind.DUPLICATE, Kind.FILTERED, Kind.FAILED)


def summary_line(report: SourceReport) -> str:
    """`Name (address): 5 seen: 2 new, 1 already pulled, 1 duplicate, 1 filtered out, 0 failed`;
    for `add`: `digest add: 3 given: 1 new, 1 duplicate, 1 failed`."""
    where = f"{_safe(report.name)} ({_safe(report.url)})" if report.url else _safe(report.name)
    if report.not_modified:
        return f"{where}: not modified since the last pull (304), nothing to fetch"
    if report.problem and not report.outcomes:
        return f"{where}: failed: {_safe(report.problem)}"
    kinds = (
        _COUNTED if report.url else _LISTED
    )  # addresses given to `add` are never pulled or filtered
    counts = ", ".join(
        f"{report.count(kind)} {_plural(kind, report.count(kind))}" for kind in kinds
    )
    return f"{where}: {len(report.outcomes)} {'seen' if report.url else 'given'}: {counts}"


def detail_lines(report: SourceReport, verbose: bool = False) -> list[str]:
    """One indented line per outcome worth reading; -v adds those filtered out or pulled before."""
    lines = [f"  warning    {_safe(report.warning)}"] if report.warning else []
    for outcome in report.outcomes:
        if verbose or outcome.kind in _LISTED:
            lines.append(_detail(outcome))
    return lines


def _detail(outcome: Outcome) -> str:
    label = outcome.kind.value
    if outcome.kind is Kind.NEW:
        return f"  {label:<10} {_safe(outcome.detail)} <- {_safe(outcome.address)}"
    return f"  {label:<10} {_safe(outcome.address)}: {_safe(outcome.detail)}"


def _plural(kind: Kind, count: int) -> str:
    return "duplicates" if kind is Kind.DUPLICATE and count != 1 else kind.value


def _safe(text: str | None) -> str:
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text or "")
