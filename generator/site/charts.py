"""Charts drawn at build time with matplotlib, as static SVG put inline into the page: articles per
month, mentions per company over time, the company co-mention matrix, and one company's mentions
per month (for company pages). No script runs when a reader views them.

Light and dark: text, axes and the matrix's cells are drawn in `currentColor`, so the SVG takes the
page's own text colour in either palette (and follows the theme's toggle, which an <img> could
not); bars and lines use the theme's indigo, readable on both backgrounds. Each chart carries a
<title> and a data table in a collapsed box as its text alternative.

Deterministic: fixed figure sizes, a fixed hash salt for element ids, no date in the metadata, text
kept as text (svg.fonttype none), so the same articles give byte-identical SVG.
"""

from __future__ import annotations

import functools
import hashlib
import html
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..config import Config
from ..records import Article
from .markup import Md, escape

INK = "#010101"
"""Drawn as this colour, then written as currentColor (matplotlib does not take currentColor)."""
ACCENT = "#5c6bc0"
"""Material's indigo 400: enough contrast on white and on the slate background."""
TOP_COMPANIES = 6
"""Lines in the mentions chart; more would be unreadable in one chart."""
MATRIX_COMPANIES = 10
_STYLE = {
    "svg.hashsalt": "digest",
    "svg.fonttype": "none",
    "font.size": 9,
    "font.family": "sans-serif",
    "text.color": INK,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.transparent": True,
}
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.DOTALL)
_ID = re.compile(r'(id="|url\(#|href="#)([A-Za-z_][\w.-]*)')


class SvgMemo:
    """Drawn SVG by the exact data drawn, so a chart whose data did not change is not drawn again
    (matplotlib takes 0.1-0.2 s a chart). The render cache loads and saves it between builds."""

    def __init__(self) -> None:
        self.svgs: dict[str, str] = {}
        self.used: set[str] = set()
        self.drawn = 0

    def get(self, parts: tuple, draw) -> str:
        key = hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:32]
        self.used.add(key)
        if key not in self.svgs:
            self.svgs[key] = draw()
            self.drawn += 1
        return self.svgs[key]

    def start(self) -> None:
        """A new build: forget what the last one did not use, count afresh."""
        self.svgs, self.used, self.drawn = self.kept(), set(), 0

    def load(self, svgs: dict[str, str]) -> None:
        self.svgs.update(svgs)

    def kept(self) -> dict[str, str]:
        """The charts this build used: what is worth keeping for the next one."""
        return {k: v for k, v in self.svgs.items() if k in self.used}


MEMO = SvgMemo()


def _styled(draw):
    """Run a chart function under the chart style: axes read the style when they are created."""

    @functools.wraps(draw)
    def styled(*args, **kwargs):
        with matplotlib.rc_context(_STYLE):
            return draw(*args, **kwargs)

    return styled


@dataclass(frozen=True)
class Chart:
    """One chart: a name unique on its page, the inline SVG, and its text alternative."""

    name: str
    title: str
    """One sentence saying what the chart shows; the SVG's <title>."""
    svg: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    """The data drawn, as a table a screen reader or a text browser reads."""


def months_of(articles: Sequence[Article]) -> list[str]:
    """Every month from the first dated article to the last (months without articles included)."""
    dated = sorted(a.date[:7] for a in articles if a.date)
    return _month_range(dated[0], dated[-1]) if dated else []


def _month_range(first: str, last: str) -> list[str]:
    months, (year, month) = [], map(int, first.split("-"))
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def articles_per_month(articles: Sequence[Article]) -> Chart | None:
    # The home page and the timeline show the same chart: drawn once per set of dates.
    return _articles_per_month(tuple(sorted(a.date[:7] for a in articles if a.date)))


@functools.lru_cache(maxsize=4)
@_styled
def _articles_per_month(dated: tuple[str, ...]) -> Chart | None:
    if not dated:
        return None
    months = _month_range(dated[0], dated[-1])
    counts = Counter(dated)
    values = [counts[m] for m in months]
    title = f"Dated articles per month, {months[0]} to {months[-1]}"

    def draw() -> str:
        fig, ax = _figure()
        ax.bar(range(len(months)), values, color=ACCENT, width=0.8)
        _month_axis(ax, months)
        ax.set_ylabel("articles")
        return _svg(fig, "articles-per-month", title)

    return Chart(
        "articles-per-month",
        title,
        MEMO.get(("articles-per-month", title, tuple(months), tuple(values)), draw),
        ("Month", "Articles"),
        tuple((m, str(counts[m])) for m in months if counts[m]),
    )


MIN_CHART_MONTHS = 2
"""A company with articles in fewer months gets no chart: one bar says nothing its article list
(dated) does not, and each chart costs a tenth of a second on every build."""


@_styled
def company_mentions(articles: Sequence[Article], company: str) -> Chart | None:
    """One company's articles per month: for its company page."""
    mine = [a for a in articles if company in a.companies]
    months = months_of(mine)
    counts = Counter(a.date[:7] for a in mine if a.date)
    if len(counts) < MIN_CHART_MONTHS:
        return None
    title = f"Dated articles mentioning {company} per month"
    name = "mentions-" + re.sub(r"[^a-z0-9]+", "-", company.casefold()).strip("-")
    values = [counts[m] for m in months]

    def draw() -> str:
        fig, ax = _figure(height=2.0, bottom=0.38)
        # One filled step outline, not a bar per month: a patch per month made this chart 0.25 s
        # a company (18 s of a 25 s rebuild at 300 seeds).
        edges = [n - 0.5 for n in range(len(months) + 1)]
        ax.stairs(values, edges, fill=True, color=ACCENT)
        _month_axis(ax, months)
        ax.set_ylabel("articles")
        return _svg(fig, name, title)

    return Chart(
        name,
        title,
        MEMO.get(("company", name, title, tuple(months), tuple(values)), draw),
        ("Month", "Articles"),
        tuple((m, str(counts[m])) for m in months if counts[m]),
    )


@_styled
def mentions_over_time(articles: Sequence[Article], config: Config) -> Chart | None:
    """The most-mentioned companies' articles per quarter, one line each."""
    totals = Counter(c for a in articles if a.date for c in a.companies)
    top = sorted(totals, key=lambda c: (-totals[c], c))[:TOP_COMPANIES]
    quarters = sorted({_quarter(a.date) for a in articles if a.date})
    if not top or not quarters:
        return None
    series = {
        c: Counter(_quarter(a.date) for a in articles if a.date and c in a.companies) for c in top
    }
    title = f"Articles per quarter naming the {len(top)} most-mentioned companies"
    rows = tuple((q, *(str(series[c][q]) for c in top)) for q in quarters)

    def draw() -> str:
        fig, ax = _figure()
        styles = ("-", "--", ":", "-.", (0, (5, 1)), (0, (1, 2, 5, 2)))
        for company, style in zip(top, styles):
            ax.plot(
                range(len(quarters)),
                [series[company][q] for q in quarters],
                linestyle=style,
                marker="o",
                markersize=3,
                label=company,
                color=INK if style != "-" else ACCENT,
            )
        ax.set_xticks(range(len(quarters)), quarters, rotation=45, ha="right")
        ax.set_ylabel("articles")
        ax.legend(frameon=False, fontsize=8)
        return _svg(fig, "mentions-over-time", title)

    return Chart(
        "mentions-over-time",
        title,
        MEMO.get(("mentions-over-time", title, tuple(top), rows), draw),
        ("Quarter", *top),
        rows,
    )


@_styled
def co_mentions(articles: Sequence[Article]) -> Chart | None:
    """How many articles name each pair of the most-mentioned companies together."""
    totals = Counter(c for a in articles for c in a.companies)
    top = sorted(totals, key=lambda c: (-totals[c], c))[:MATRIX_COMPANIES]
    if len(top) < 2:
        return None
    pairs = Counter((x, y) for a in articles for x in a.companies for y in a.companies)
    grid = [[pairs[(x, y)] for y in top] for x in top]
    title = "Articles naming each pair of companies together (the diagonal: all articles naming it)"
    rows = tuple((x, *(str(v) for v in row)) for x, row in zip(top, grid))
    svg = MEMO.get(("co-mentions", title, tuple(top), rows), lambda: _draw_co_mentions(top, grid))
    return Chart("co-mentions", title, svg, ("Company", *top), rows)


def _draw_co_mentions(top: list[str], grid: list[list[int]]) -> str:
    title = "Articles naming each pair of companies together (the diagonal: all articles naming it)"
    fig, ax = _figure(
        height=0.35 * len(top) + 1.4, width=0.45 * len(top) + 2.4, left=0.25, bottom=0.25
    )
    # pcolormesh, not imshow: imshow would embed a PNG in the SVG.
    ax.pcolormesh(grid, cmap="Blues", vmin=0, edgecolors="white", linewidth=0.5)
    ax.invert_yaxis()
    peak = max(max(row) for row in grid) or 1
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            ax.text(
                j + 0.5,
                i + 0.5,
                str(value),
                ha="center",
                va="center",
                fontsize=7,
                color="white" if value > peak / 2 else "black",
            )
    ax.set_xticks([k + 0.5 for k in range(len(top))], top, rotation=45, ha="right")
    ax.set_yticks([k + 0.5 for k in range(len(top))], top)
    return _svg(fig, "co-mentions", title)


def _quarter(date: str) -> str:
    return f"{date[:4]} Q{(int(date[5:7]) - 1) // 3 + 1}"


def _figure(height: float = 2.6, width: float = 7.0, left: float = 0.09, bottom: float = 0.3):
    # Fixed margins: matplotlib's automatic layout costs more time than the drawing.
    fig = Figure(figsize=(width, height))
    fig.subplots_adjust(left=left, right=0.98, top=0.95, bottom=bottom)
    ax = fig.add_subplot()
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts of articles: no 0.2 ticks
    return fig, ax


def _month_axis(ax, months: list[str]) -> None:
    step = max(1, -(-len(months) // 12))  # at most 12 labels: they must stay readable
    ticks = list(range(0, len(months), step))
    ax.set_xticks(ticks, [months[i] for i in ticks], rotation=45, ha="right")


def _svg(fig: Figure, name: str, title: str) -> str:
    """The figure as inline SVG: ids made unique to the chart, ink as currentColor, a <title>."""
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    svg = out.getvalue()
    svg = svg[svg.index("<svg") :]  # no XML declaration or DOCTYPE inside an HTML page
    svg = _METADATA.sub("", svg)
    svg = _ID.sub(lambda m: f"{m.group(1)}{name}-{m.group(2)}", svg)
    svg = svg.replace(INK, "currentColor").replace(INK.upper(), "currentColor")
    head, _, rest = svg.partition(">")
    label = html.escape(title)
    return f'{head} role="img" aria-label="{label}"><title>{label}</title>{rest}'


def chart_markdown(chart: Chart | None) -> Md:
    """The chart inline, then its data in a collapsed box; kept out of the search index."""
    if chart is None:
        return Md("")
    svg = "\n".join(line for line in chart.svg.splitlines() if line.strip())
    table = [
        "| " + " | ".join(escape(h) for h in chart.header) + " |",
        "|" + "---|" * len(chart.header),
    ]
    table += ["| " + " | ".join(escape(v) for v in row) + " |" for row in chart.rows]
    rows = "\n".join(f"    {line}" for line in table)
    return Md(
        f'<figure class="digest-chart" data-search-exclude>\n{svg}\n'
        f"<figcaption>{html.escape(chart.title)}</figcaption>\n</figure>\n\n"
        f'??? note "Data of this chart: {escape(chart.title)}"\n\n{rows}\n'
    )
