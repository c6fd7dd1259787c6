"""Where the headline is in the header: the run of plain lines it belongs to, and the dek lines
after it. Title, subtitle, author and date rules all start from this."""

from __future__ import annotations

from ...config import Config
from ...records import Article
from .. import linear
from .. import patterns as P
from ..parse import furniture_reason, is_category_list, is_meta_line, words
from .names import names_line
from .publication_table import Publications, once_per_table

_TWO_SENTENCES = linear.compile(r"[.!?][”’\"']?\s")


def headline_lines(article: Article, config: Config) -> list[tuple[int, str]]:
    """Headline and dek candidates in the header, in order.

    Furniture, bullets, bylines and date lines split the header into runs of plain lines; the
    headline's run is the first one directly followed by a byline or date (else the last run).
    Site names, short section labels and a trailing line of names are set aside.
    """
    site_names = _site_names(config.publications)
    # (lines, what follows: 2 a byline, date or summary label, 1 a line of names, 0 anything else)
    runs: list[tuple[list[tuple[int, str]], int]] = []
    current: list[tuple[int, str]] = []
    for i, unit in enumerate(article.header):
        if P.FURNITURE["relative timestamp"].match(unit):
            continue  # "Updated 12 minutes ago" between headline and dek: it splits neither off
        if i and P.TEASER_LABEL.match(article.header[i - 1]):
            # another story's headline under "Top stories" or "Up next": it heads no run
            if current:
                runs.append((current, 0))
            current = []
            continue
        meta = (
            2
            if is_meta_line(unit) or P.KEY_POINTS.match(unit)
            else int(bool(current and names_line(unit, config)))
        )
        if meta or furniture_reason(unit) or P.BULLET.match(unit) or P.RELATED_HEADING.match(unit):
            if current:
                runs.append((current, meta))
            current = []
        elif unit.casefold() not in site_names and not P.DOMAIN_LINE.match(unit):
            current.append((i, unit))
    if current:
        runs.append((current, 0))
    runs = [(r, m) for r, m in runs if any(words(u) >= 3 for _, u in r)]
    if not runs:
        return []
    # Prefer a headline-like run right above a byline or date, then any headline-like run, then a
    # short run above a byline ("Officials Plan New Rules" / "By Jane Doe").
    # A run above a real byline or date beats one above a line that only looks like names
    # ("Support Carnegie").
    followed = [r for r, m in sorted(runs, key=lambda run: -run[1]) if m]
    headline_like = [r for r, _ in runs if any(_headline_like(u) for _, u in r)]
    followed_headline = [r for r in followed if r in headline_like]
    candidates = (followed_headline or headline_like[-1:] or followed or [runs[-1][0]])[0]
    # Mastheads and section labels ("Yonhap News Agency", "ECONOMY") stand above the headline.
    while (
        len(candidates) > 1
        and (words(candidates[0][1]) <= 4 or is_category_list(candidates[0][1]))
        and any(_headline_like(u) for _, u in candidates[1:])
    ):
        candidates = candidates[1:]
    # A section label further down ("Business & Tech", "Rule") ends the site's tagline and chrome.
    labels = [
        k
        for k in range(1, len(candidates) - 1)
        if words(candidates[k][1]) <= 3 and _headline_like(candidates[k + 1][1])
    ]
    if labels:
        candidates = candidates[labels[-1] + 1 :]
    cut = next(
        (k for k, (_, u) in enumerate(candidates) if k and names_line(u, config)), len(candidates)
    )
    return candidates[:cut]


def _headline_like(unit: str) -> bool:
    """Headline length; a line ending in a period only if short or two clipped sentences."""
    n = words(unit)
    two_sentences = _TWO_SENTENCES.search(unit)
    return (
        5 <= n <= 25
        and not unit.endswith(":")  # "Full text below:" introduces, it does not headline
        and (not unit.endswith(".") or n <= 10 or (n <= 16 and bool(two_sentences)))
    )


@once_per_table
def _site_names(publications: Publications) -> frozenset[str]:
    """Every publication name, alias and domain, case-folded: a masthead line, not a headline."""
    return frozenset(n.casefold() for p in publications for n in (p.name, *p.aliases, *p.domains))
