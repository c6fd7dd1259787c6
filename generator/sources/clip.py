"""`digest add` and `digest pull`: decide what to fetch, fetch in parallel, save new seeds in order.

Every run has three steps: read the feeds (pull only) and decide for each entry; fetch the pages
that are still wanted, all at once within the Fetcher's limits; then, in the order of the config and
the feeds, drop duplicates and write the seeds. Writing in a fixed order keeps names deterministic
whatever order the answers came in.
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path

from ..config import Config, Source
from .canonical import canonical_key, is_web_address
from .feeds import Entry, parse_feed
from .fetch import Fetcher, FetchError, FetchLimits, Response
from .filters import kept
from .known import KnownArticles, known_articles
from .pages import page_facts
from .seedfiles import save_seed, seed_file_name, with_address
from .state import FeedState, PullState, SeedRecord, load_state, save_state

ADD_SOURCE = "digest add"


class Kind(Enum):
    NEW = "new"
    KNOWN = "already pulled"
    DUPLICATE = "duplicate"
    FILTERED = "filtered out"
    FAILED = "failed"


@dataclass(frozen=True)
class Outcome:
    address: str
    kind: Kind
    detail: str = ""
    """The seed written (NEW), the seed that already has the article, or why it failed."""


@dataclass(frozen=True)
class SourceReport:
    name: str
    url: str
    outcomes: tuple[Outcome, ...] = ()
    problem: str | None = None
    """Why the feed itself could not be read."""
    warning: str | None = None
    not_modified: bool = False

    def count(self, kind: Kind) -> int:
        return sum(1 for o in self.outcomes if o.kind is kind)

    @property
    def failed(self) -> bool:
        return bool(self.problem) or any(o.kind is Kind.FAILED for o in self.outcomes)


@dataclass(frozen=True)
class Run:
    """Where a run reads and writes, and how."""

    config: Config
    seeds_dir: Path
    state_path: Path
    limits: FetchLimits
    today: str
    """YYYY-MM-DD: the date in the file name of a page whose feed entry states none."""
    dry_run: bool = False


@dataclass
class _Wanted:
    """A page to fetch, and what to record once it is saved."""

    address: str
    entry: Entry | None = None
    feed: FeedState | None = None
    page: Response | FetchError | None = None
    seed: str = ""
    """The seed that holds the article once it is saved (or found to be in the seeds already)."""
    followers: list[tuple[FeedState, str]] = field(default_factory=list)
    """Other entries (listed twice, or in a second feed) that are this same article."""


def add_pages(run: Run, urls: list[str]) -> SourceReport:
    """Fetch each address and save it as a seed, unless the seeds already have it."""
    state = load_state(run.state_path)
    known = known_articles(run.seeds_dir, state, run.config.max_seed_bytes)
    asked: dict[str, _Wanted] = {}
    outcomes = [_decide_address(url.strip(), known, asked) for url in urls]
    asyncio.run(_fetch_pages(run.limits, list(asked.values())))
    taken = _names(run.seeds_dir)
    report = SourceReport(
        ADD_SOURCE,
        "",
        tuple(
            _save(run, w, known, state, taken) if isinstance(w, _Wanted) else w for w in outcomes
        ),
    )
    if not run.dry_run:
        save_state(run.state_path, state)
    return report


def _decide_address(url: str, known: KnownArticles, asked: dict[str, _Wanted]) -> Outcome | _Wanted:
    """An address given to `add`: refused, already in the seeds, given twice, or to fetch."""
    if not is_web_address(url):
        return Outcome(
            url,
            Kind.FAILED,
            "not an http:// or https:// address; only web pages are "
            "fetched (to add a file, copy it into seeds/)",
        )
    holder = known.holder((url,))
    if holder:
        return Outcome(url, Kind.DUPLICATE, f"already in the seeds as {holder}")
    first = asked.get(canonical_key(url))
    if first:
        return Outcome(url, Kind.DUPLICATE, f"given twice (as {first.address})")
    asked[canonical_key(url)] = _Wanted(url)
    return asked[canonical_key(url)]


def pull_sources(run: Run, sources: tuple[Source, ...] | None = None) -> list[SourceReport]:
    """Read every source's feed and save each new entry's page as a seed; one report per source."""
    sources = run.config.sources if sources is None else sources
    state = load_state(run.state_path)
    known = known_articles(run.seeds_dir, state, run.config.max_seed_bytes)
    answers = asyncio.run(_fetch_feeds(run.limits, sources, state))
    in_this_run: dict[str, tuple[str, _Wanted]] = {}
    plans = [
        _plan(run, source, answer, state.feed(source.url), known, in_this_run)
        for source, answer in zip(sources, answers)
    ]
    wanted = [w for _, items in plans for w in items if isinstance(w, _Wanted)]
    asyncio.run(_fetch_pages(run.limits, wanted))
    reports, taken = [], _names(run.seeds_dir)
    for (report, items), source, answer in zip(plans, sources, answers):
        outcomes = tuple(
            _save(run, w, known, state, taken) if isinstance(w, _Wanted) else w for w in items
        )
        reports.append(replace(report, outcomes=outcomes))
        _remember_validators(state.feed(source.url), answer, reports[-1])
    for w in wanted:  # an entry listed twice, or in two feeds, is taken once the article is saved
        for feed, key in w.followers:
            if w.seed:
                feed.entries[key] = w.seed
    if not run.dry_run:
        save_state(run.state_path, state)
    return reports


async def _fetch_feeds(
    limits: FetchLimits, sources: tuple[Source, ...], state: PullState
) -> list[Response | FetchError]:
    async with Fetcher(limits) as fetcher:
        return await asyncio.gather(
            *(_get_feed(fetcher, s.url, state.feed(s.url)) for s in sources)
        )


async def _get_feed(fetcher: Fetcher, url: str, feed: FeedState) -> Response | FetchError:
    headers = {
        "Accept": "application/rss+xml, application/atom+xml, application/feed+json, "
        "application/xml;q=0.9, */*;q=0.5"
    }
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    try:
        return await fetcher.get(url, headers)
    except FetchError as exc:
        return exc


async def _fetch_pages(limits: FetchLimits, wanted: list[_Wanted]) -> None:
    async def one(fetcher: Fetcher, item: _Wanted) -> None:
        try:
            item.page = await fetcher.page(item.address)
        except FetchError as exc:
            item.page = exc

    if wanted:
        async with Fetcher(limits) as fetcher:
            await asyncio.gather(*(one(fetcher, w) for w in wanted))


def _plan(
    run: Run,
    source: Source,
    answer: Response | FetchError,
    feed_state: FeedState,
    known: KnownArticles,
    in_this_run: dict[str, tuple[str, _Wanted]],
) -> tuple[SourceReport, list[Outcome | _Wanted]]:
    """What to do with each entry of one source's feed, before any page is fetched."""
    if isinstance(answer, FetchError):
        return SourceReport(
            source.name, source.url, problem=f"the feed could not be fetched: {answer}"
        ), []
    if answer.status == 304:
        return SourceReport(source.name, source.url, not_modified=True), []
    feed = parse_feed(answer.body, answer.content_type, answer.url)
    report = SourceReport(source.name, source.url, problem=feed.problem, warning=feed.warning)
    return report, [
        _decide(run, source, entry, feed_state, known, in_this_run) for entry in feed.entries
    ]


def _decide(
    run: Run,
    source: Source,
    entry: Entry,
    feed_state: FeedState,
    known: KnownArticles,
    in_this_run: dict[str, tuple[str, _Wanted]],
) -> Outcome | _Wanted:
    link = entry.link
    if entry.key in feed_state.entries:
        return Outcome(link or entry.key, Kind.KNOWN, feed_state.entries[entry.key])
    if not is_web_address(link):
        return Outcome(
            link or entry.key, Kind.FAILED, "the entry links to no http:// or https:// page"
        )
    if canonical_key(link) in in_this_run:
        where, first = in_this_run[canonical_key(link)]
        first.followers.append((feed_state, entry.key))
        return Outcome(
            link,
            Kind.DUPLICATE,
            "listed twice in this feed" if where == source.url else f"also listed by {where}",
        )
    holder = known.holder((link,))
    if holder:
        feed_state.entries[entry.key] = holder
        return Outcome(link, Kind.DUPLICATE, f"already in the seeds as {holder}")
    if not kept(entry, source.filter, run.config):
        return Outcome(
            link, Kind.FILTERED, "mentions none of the filter's companies, topics or words"
        )
    wanted = _Wanted(link, entry, feed_state)
    in_this_run[canonical_key(link)] = (source.url, wanted)
    return wanted


def _names(seeds_dir: Path) -> set[str]:
    return {p.name for p in seeds_dir.iterdir()} if seeds_dir.is_dir() else set()


def _save(
    run: Run, wanted: _Wanted, known: KnownArticles, state: PullState, taken: set[str]
) -> Outcome:
    """Save the fetched page as a seed, unless it failed or the seeds have it at another address."""
    page = wanted.page
    if not isinstance(page, Response):
        return Outcome(wanted.address, Kind.FAILED, str(page or "not fetched"))
    facts = page_facts(page.body, page.charset)
    addresses = (wanted.address, page.url, *facts.addresses)
    sha256 = hashlib.sha256(page.body).hexdigest()
    holder = known.holder(addresses, sha256)
    if holder:
        _record(wanted, holder)
        return Outcome(wanted.address, Kind.DUPLICATE, f"the same article as {holder}")
    entry = wanted.entry
    day = entry.published if entry and entry.published else run.today
    data = with_address(page.body, page.url)
    name = _write(run, day, (entry.title if entry else "") or facts.title, page.url, data, taken)
    known.remember(name, addresses, sha256)
    state.seeds[name] = SeedRecord(page.url, sha256)
    _record(wanted, name)
    verb = "would save" if run.dry_run else "saved"
    return Outcome(
        wanted.address, Kind.NEW, f"{verb} {run.seeds_dir.as_posix()}/{name} ({len(data):,} bytes)"
    )


def _record(wanted: _Wanted, seed: str) -> None:
    wanted.seed = seed
    if wanted.entry and wanted.feed:
        wanted.feed.entries[wanted.entry.key] = seed


def _write(run: Run, day: str, title: str, url: str, data: bytes, taken: set[str]) -> str:
    """Save under the first free name; a name another process takes meanwhile moves us on."""
    while True:
        name = seed_file_name(day, title, url, taken)
        taken.add(name)
        if run.dry_run:
            return name
        try:
            save_seed(run.seeds_dir, name, data)
            return name
        except FileExistsError:
            continue


def _remember_validators(
    feed_state: FeedState, answer: Response | FetchError, report: SourceReport
) -> None:
    """Keep the feed's ETag and Last-Modified for the next pull, but only after a clean read: a 304
    would otherwise hide a broken feed, and entries that failed would never be retried."""
    if isinstance(answer, Response) and answer.status == 200 and not report.failed:
        feed_state.etag, feed_state.last_modified = answer.etag, answer.last_modified
