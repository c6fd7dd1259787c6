"""`digest add` and `digest pull` end to end against a local server on 127.0.0.1: what is saved,
what each summary line says, and that no seed is ever written half."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from local_http import Server, running

from generator.cli import main
from generator.config import parse_config
from generator.sources.clip import Kind, Run, add_pages, pull_sources
from generator.sources.fetch import FetchLimits
from generator.sources.seedfiles import served_bytes
from generator.sources.state import load_state
from generator.sources.summary import detail_lines, summary_line

TODAY = "2026-12-02"
# Small limits keep the failure cases quick: a 0.5 s timeout, one retry after 0.05 s.
LIMITS = FetchLimits(max_bytes=20_000, timeout=0.5, max_redirects=3, attempts=2, backoff=0.05)


@pytest.fixture
def web() -> Iterator[Server]:
    with running() as server:
        yield server


def page(title: str, words: str = "", canonical: str | None = None) -> str:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = words or f"{title}. The ministry said on Tuesday that the rules would take effect next month."
    return (f"<!DOCTYPE html>\n<html><head><title>{title} | Harbour Post</title>{link}</head><body><article>"
            f"<h1>{title}</h1><p>By Mara Quint</p><p>{body}</p><p>Officials declined to say more.</p>"
            "</article></body></html>\n")


def rss(*items: tuple[str, str], extra: str = "") -> str:
    """An RSS 2.0 feed; each item is (title, link)."""
    entries = "".join(f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
                      f"<pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate><description>{t}</description></item>"
                      for t, link in items)
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Harbour Post</title>'
            f"<link>https://harbour.example</link>{entries}{extra}</channel></rss>\n")


def config(*feeds: dict, max_bytes: int = 20_000):
    return parse_config({
        "site": {"title": "T"}, "limits": {"max_seed_bytes": max_bytes},
        "companies": [{"name": "Huawei"}, {"name": "ZTE"}],
        "topics": [{"slug": "entity-list", "title": "Entity List", "keywords": ["Entity List"]}],
        "sources": list(feeds)})


def make_run(tmp_path: Path, cfg, dry_run: bool = False, limits: FetchLimits = LIMITS) -> Run:
    return Run(cfg, tmp_path / "seeds", tmp_path / "pull-state.json", limits, TODAY, dry_run)


def seed_files(tmp_path: Path) -> list[str]:
    """Every file in seeds/, temporary ones included: a half-written seed would show up here."""
    folder = tmp_path / "seeds"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def lines(report) -> list[str]:
    return [summary_line(report), *detail_lines(report)]


def test_new_entries_are_saved_and_a_second_pull_saves_nothing(web, tmp_path):
    one = web.serve("/a/huawei-deal", page("Huawei signs a supply deal"))
    two = web.serve("/a/zte-fine", page("ZTE pays a fine"))
    feed = web.serve("/feed.xml", rss(("Huawei signs a supply deal", one), ("ZTE pays a fine", two)),
                     "application/rss+xml")
    cfg = config({"url": feed, "name": "Harbour Post"})
    [report] = pull_sources(make_run(tmp_path, cfg))
    assert summary_line(report) == (f"Harbour Post ({feed}): 2 seen: 2 new, 0 already pulled, 0 duplicates, "
                                    "0 filtered out, 0 failed")
    names = ["2026-11-30-huawei-signs-a-supply-deal.html", "2026-11-30-zte-pays-a-fine.html"]
    assert seed_files(tmp_path) == names
    saved = (tmp_path / "seeds" / names[0]).read_bytes()
    assert served_bytes(saved) == page("Huawei signs a supply deal").encode()  # as served, plus one line
    assert saved.splitlines()[1] == f"<!-- saved from url=({len(one):04d}){one} -->".encode()
    state = load_state(tmp_path / "pull-state.json")
    assert state.feeds[feed].entries == {one: names[0], two: names[1]}

    [again] = pull_sources(make_run(tmp_path, cfg))
    assert summary_line(again) == (f"Harbour Post ({feed}): 2 seen: 0 new, 2 already pulled, 0 duplicates, "
                                   "0 filtered out, 0 failed")
    assert seed_files(tmp_path) == names
    assert web.hits["/a/huawei-deal"] == 1, "a second pull fetched an article again"


def test_etag_and_last_modified_are_sent_back_and_304_is_honoured(web, tmp_path):
    link = web.serve("/a/one", page("Huawei signs a supply deal"))
    body = rss(("Huawei signs a supply deal", link)).encode()
    stamp = "Mon, 30 Nov 2026 08:00:00 GMT"

    def feed_route(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            handler.answer(304, b"", None, {"ETag": '"v1"'})
        else:
            handler.answer(200, body, "application/rss+xml", {"ETag": '"v1"', "Last-Modified": stamp})
    web.routes["/feed.xml"] = feed_route
    cfg = config({"url": web.url("/feed.xml"), "name": "Harbour Post"})
    [first] = pull_sources(make_run(tmp_path, cfg))
    assert first.count(Kind.NEW) == 1
    [second] = pull_sources(make_run(tmp_path, cfg))
    assert summary_line(second) == (f"Harbour Post ({web.url('/feed.xml')}): not modified since the last pull "
                                    "(304), nothing to fetch")
    sent = web.headers_of("/feed.xml")[-1]
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"] == stamp
    assert web.hits["/a/one"] == 1 and len(seed_files(tmp_path)) == 1


def test_a_malformed_feed_and_an_html_page_fail_without_stopping_the_good_feed(web, tmp_path):
    good_page = web.serve("/a/good", page("Huawei signs a supply deal"))
    good = web.serve("/good.xml", rss(("Huawei signs a supply deal", good_page)), "application/rss+xml")
    broken = web.serve("/broken.xml", "<rss version='2.0'><channel><title>x</title><<<&&& not xml", "text/xml")
    html = web.serve("/news", page("Front page"))
    cfg = config({"url": broken, "name": "Broken"}, {"url": html, "name": "Front"}, {"url": good, "name": "Good"})
    reports = pull_sources(make_run(tmp_path, cfg))
    assert summary_line(reports[0]).startswith(f"Broken ({broken}): failed: malformed feed (")
    assert summary_line(reports[0]).endswith("); no entries could be read")
    assert summary_line(reports[1]) == (f"Front ({html}): failed: the address serves an HTML page, not a feed; "
                                        "use the address of the site's RSS, Atom or JSON feed (often behind an "
                                        "RSS link)")
    assert summary_line(reports[2]).endswith(": 1 seen: 1 new, 0 already pulled, 0 duplicates, 0 filtered out, "
                                             "0 failed")
    assert [r.failed for r in reports] == [True, True, False]
    assert seed_files(tmp_path) == ["2026-11-30-huawei-signs-a-supply-deal.html"]
    assert load_state(tmp_path / "pull-state.json").feeds[broken].etag is None


def test_a_truncated_feed_gives_the_entries_it_still_has_with_a_warning(web, tmp_path):
    link = web.serve("/a/one", page("Huawei signs a supply deal"))
    text = rss(("Huawei signs a supply deal", link), ("Cut off", web.url("/a/two")))
    feed = web.serve("/feed.xml", text[:text.index("<item><title>Cut off") + 30], "application/rss+xml")
    [report] = pull_sources(make_run(tmp_path, config({"url": feed, "name": "Cut"})))
    assert report.count(Kind.NEW) == 1 and not report.failed
    assert detail_lines(report)[0].startswith("  warning    malformed feed (")
    assert detail_lines(report)[0].endswith("; read 1 entry anyway")


def test_an_entry_listed_twice_is_saved_once(web, tmp_path):
    link = web.serve("/a/one", page("Huawei signs a supply deal"))
    feed = web.serve("/feed.xml", rss(("Huawei signs a supply deal", link),
                                      ("Huawei signs a supply deal", link + "?utm_source=rss")))
    [report] = pull_sources(make_run(tmp_path, config({"url": feed, "name": "Harbour Post"})))
    assert lines(report) == [
        f"Harbour Post ({feed}): 2 seen: 1 new, 0 already pulled, 1 duplicate, 0 filtered out, 0 failed",
        (f"  new        saved {(tmp_path / 'seeds').as_posix()}/2026-11-30-huawei-signs-a-supply-deal.html "
         f"({len(page('Huawei signs a supply deal')) + len(link) + 31:,} bytes) <- {link}"),
        f"  duplicate  {link}?utm_source=rss: listed twice in this feed"]
    assert web.hits["/a/one"] == 1


def test_two_feeds_carrying_the_same_article(web, tmp_path):
    link = web.serve("/a/one", page("Huawei signs a supply deal"))
    # The second feed links another address that serves the same page (a mirror with the same bytes).
    mirror = web.serve("/mirror/one", page("Huawei signs a supply deal"))
    first = web.serve("/first.xml", rss(("Huawei signs a supply deal", link)))
    second = web.serve("/second.xml", rss(("Huawei signs a supply deal", link), ("Same, elsewhere", mirror)))
    cfg = config({"url": first, "name": "First"}, {"url": second, "name": "Second"})
    reports = pull_sources(make_run(tmp_path, cfg))
    assert summary_line(reports[0]).endswith("1 seen: 1 new, 0 already pulled, 0 duplicates, 0 filtered out, "
                                             "0 failed")
    assert summary_line(reports[1]).endswith("2 seen: 0 new, 0 already pulled, 2 duplicates, 0 filtered out, "
                                             "0 failed")
    name = "2026-11-30-huawei-signs-a-supply-deal.html"
    assert detail_lines(reports[1]) == [f"  duplicate  {link}: also listed by {first}",
                                        f"  duplicate  {mirror}: the same article as {name}"]
    assert seed_files(tmp_path) == [name]
    again = pull_sources(make_run(tmp_path, cfg))
    assert [r.count(Kind.KNOWN) for r in again] == [1, 2], "both feeds remember the article"


@pytest.mark.parametrize(("case", "reason"), [
    ("too big", ("the page is 30,000 bytes, over the limit of 20,000 bytes (limits.max_seed_bytes in "
                 "digest.yml); nothing was saved")),
    ("too big, no length", ("the page is over 20,000 bytes, over the limit of 20,000 bytes "
                            "(limits.max_seed_bytes in digest.yml); nothing was saved")),
    ("slow", "timed out after 0.5 s, 2 times"),
    ("redirect loop", ("more than 3 redirects (a redirect loop?); open the address in a browser and use the "
                       "one it ends at")),
    ("not html", "not a web page: the server sent application/pdf; only HTML pages are saved"),
    ("always 500", "the server answered 500 (a server error), 2 times"),
    ("gone", "the server answered 404 Not Found"),
])
def test_a_page_that_cannot_be_saved_fails_with_its_reason(web, tmp_path, case, reason):
    path = "/a/page"
    if case == "too big":
        web.serve(path, b"<html>" + b"x" * 29_994)
    elif case == "too big, no length":
        def streamed(handler):  # no Content-Length: the limit must stop the read itself
            handler.send_response(200)
            handler.send_header("Content-Type", "text/html")
            handler.end_headers()
            handler.wfile.write(b"<html>" + b"x" * 40_000)
            handler.close_connection = True
        web.routes[path] = streamed
    elif case == "slow":
        web.serve(path, page("Slow"), delay=1.5)
    elif case == "redirect loop":
        web.serve(path, b"", headers={"Location": "/a/page2"}, status=302)
        web.serve("/a/page2", b"", headers={"Location": "/a/page"}, status=302)
    elif case == "not html":
        web.serve(path, b"%PDF-1.7 ...", "application/pdf")
    elif case == "always 500":
        web.serve(path, b"oops", status=500)
    elif case == "gone":
        web.serve(path, b"", status=404)
    link = web.url(path)
    feed = web.serve("/feed.xml", rss(("Huawei signs a supply deal", link)))
    [report] = pull_sources(make_run(tmp_path, config({"url": feed, "name": "Harbour Post"})))
    assert lines(report) == [
        f"Harbour Post ({feed}): 1 seen: 0 new, 0 already pulled, 0 duplicates, 0 filtered out, 1 failed",
        f"  failed     {link}: {reason}"]
    assert seed_files(tmp_path) == [], "nothing, not even a temporary file, is left in seeds/"
    state = load_state(tmp_path / "pull-state.json")
    assert state.feeds[feed].entries == {}, "a failed entry is tried again by the next pull"


def test_a_500_that_succeeds_on_retry_is_saved(web, tmp_path):
    def flaky(handler):
        if web.hits["/a/flaky"] == 1:
            handler.answer(503, b"busy")
        else:
            handler.answer(200, page("Huawei signs a supply deal").encode())
    web.routes["/a/flaky"] = flaky
    feed = web.serve("/feed.xml", rss(("Huawei signs a supply deal", web.url("/a/flaky"))))
    [report] = pull_sources(make_run(tmp_path, config({"url": feed, "name": "Harbour Post"})))
    assert summary_line(report).endswith("1 seen: 1 new, 0 already pulled, 0 duplicates, 0 filtered out, 0 failed")
    assert web.hits["/a/flaky"] == 2


def test_a_feed_that_times_out_is_retried_then_reported(web, tmp_path):
    feed = web.serve("/feed.xml", rss(), delay=1.5)
    [report] = pull_sources(make_run(tmp_path, config({"url": feed, "name": "Slow"})))
    assert summary_line(report) == (f"Slow ({feed}): failed: the feed could not be fetched: timed out after "
                                    "0.5 s, 2 times")
    assert web.hits["/feed.xml"] == 2


def test_a_failed_entry_keeps_the_feed_from_answering_304_next_time(web, tmp_path):
    good = web.serve("/a/good", page("Huawei signs a supply deal"))
    bad = web.serve("/a/bad", b"", status=404)

    def feed_route(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            handler.answer(304, b"", None)
        else:
            handler.answer(200, rss(("Good", good), ("Bad", bad)).encode(), "application/rss+xml",
                           {"ETag": '"v1"'})
    web.routes["/feed.xml"] = feed_route
    cfg = config({"url": web.url("/feed.xml"), "name": "Harbour Post"})
    pull_sources(make_run(tmp_path, cfg))
    web.serve("/a/bad", page("ZTE pays a fine"))  # the page is back
    [second] = pull_sources(make_run(tmp_path, cfg))
    assert summary_line(second).endswith("2 seen: 1 new, 1 already pulled, 0 duplicates, 0 filtered out, 0 failed")


def test_the_filter_keeps_only_matching_entries(web, tmp_path):
    links = [web.serve(f"/a/{i}", page(title)) for i, title in enumerate(
        ["Huawei signs a supply deal", "Harbour festival opens", "Firm added to the Entity List",
         "Port strike ends", "Drone makers face new export rules"])]
    titles = ["Huawei signs a supply deal", "Harbour festival opens", "Firm added to the Entity List",
              "Port strike ends", "Drone makers face new export rules"]
    feed = web.serve("/feed.xml", rss(*zip(titles, links)))
    everything = web.serve("/all.xml", rss(("Harbour festival opens", links[1])))
    cfg = config({"url": feed, "name": "Filtered", "filter": {"companies": True, "topics": True,
                                                              "words": ["export rules"]}},
                 {"url": everything, "name": "Unfiltered"})
    reports = pull_sources(make_run(tmp_path, cfg))
    assert summary_line(reports[0]).endswith("5 seen: 3 new, 0 already pulled, 0 duplicates, 2 filtered out, "
                                             "0 failed")
    filtered = [o.address for o in reports[0].outcomes if o.kind is Kind.FILTERED]
    assert filtered == [links[1], links[3]]
    assert summary_line(reports[1]).endswith("1 seen: 1 new, 0 already pulled, 0 duplicates, 0 filtered out, "
                                             "0 failed"), "a source without a filter keeps every entry"
    assert len(seed_files(tmp_path)) == 4


def test_a_json_feed_is_pulled(web, tmp_path):
    link = web.serve("/a/one", page("Huawei signs a supply deal"))
    feed = web.serve("/feed.json", json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "Harbour Post",
        "items": [{"id": "item-1", "url": link, "title": "Huawei signs a supply deal",
                   "date_published": "2026-11-29T22:00:00-05:00"}]}), "application/feed+json")
    [report] = pull_sources(make_run(tmp_path, config({"url": feed, "name": "JSON"})))
    assert report.count(Kind.NEW) == 1
    assert seed_files(tmp_path) == ["2026-11-29-huawei-signs-a-supply-deal.html"]
    assert load_state(tmp_path / "pull-state.json").feeds[feed].entries == {
        "item-1": "2026-11-29-huawei-signs-a-supply-deal.html"}


def test_pages_are_fetched_in_parallel_but_one_at_a_time_per_host(web, tmp_path):
    links = [web.serve(f"/a/{i}", page(f"Story number {i} of the day"), delay=0.05) for i in range(6)]
    feed = web.serve("/feed.xml", rss(*((f"Story number {i} of the day", link) for i, link in enumerate(links))))
    limits = FetchLimits(20_000, timeout=2, attempts=1, concurrency=4)
    [report] = pull_sources(make_run(tmp_path, config({"url": feed, "name": "Busy"}), limits=limits))
    assert report.count(Kind.NEW) == 6
    assert web.max_in_flight == 1, "two requests reached one host at the same time"


def test_add_saves_a_page_and_skips_an_address_already_present(web, tmp_path):
    link = web.serve("/a/huawei-deal", page("Huawei signs a supply deal"))
    run = make_run(tmp_path, config())
    first = add_pages(run, [link])
    assert lines(first) == [
        "digest add: 1 given: 1 new, 0 duplicates, 0 failed",
        (f"  new        saved {(tmp_path / 'seeds').as_posix()}/2026-12-02-huawei-signs-a-supply-deal.html "
         f"({len(page('Huawei signs a supply deal')) + len(link) + 31:,} bytes) <- {link}")]
    again = add_pages(run, [link + "?utm_source=newsletter&utm_medium=email#top"])
    assert lines(again) == [
        "digest add: 1 given: 0 new, 1 duplicate, 0 failed",
        (f"  duplicate  {link}?utm_source=newsletter&utm_medium=email#top: already in the seeds as "
         "2026-12-02-huawei-signs-a-supply-deal.html")]
    assert web.hits["/a/huawei-deal"] == 1, "an address already present is not even fetched"
    copy = web.serve("/copy", page("Huawei signs a supply deal"))  # another address, the same bytes
    assert detail_lines(add_pages(run, [copy])) == [
        f"  duplicate  {copy}: the same article as 2026-12-02-huawei-signs-a-supply-deal.html"]
    assert seed_files(tmp_path) == ["2026-12-02-huawei-signs-a-supply-deal.html"]


def test_add_knows_hand_made_seeds_by_their_canonical_link_and_source_line(web, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "saved.html").write_text(page("Saved by hand", canonical="https://harbour.example/a/1"))
    (seeds / "clip.txt").write_text("Harbour Post\nSource: https://harbour.example/a/2?utm_source=x\n\nText.\n")
    web.serve("/a/1", page("Saved by hand, served again", canonical="https://harbour.example/a/1"))
    report = add_pages(make_run(tmp_path, config()), [web.url("/a/1"), "https://harbour.example/a/2"])
    assert [o.detail for o in report.outcomes] == ["the same article as saved.html",
                                                   "already in the seeds as clip.txt"]


def test_add_refuses_addresses_that_are_not_web_pages(tmp_path):
    report = add_pages(make_run(tmp_path, config()), ["ftp://example.org/a", "file:///etc/passwd", "seeds/x"])
    assert summary_line(report) == "digest add: 3 given: 0 new, 0 duplicates, 3 failed"
    assert {o.detail for o in report.outcomes} == {
        "not an http:// or https:// address; only web pages are fetched (to add a file, copy it into seeds/)"}


def test_dry_run_writes_nothing(web, tmp_path):
    link = web.serve("/a/one", page("Huawei signs a supply deal"))
    feed = web.serve("/feed.xml", rss(("Huawei signs a supply deal", link)))
    [report] = pull_sources(make_run(tmp_path, config({"url": feed, "name": "P"}), dry_run=True))
    assert detail_lines(report)[0].startswith(f"  new        would save {(tmp_path / 'seeds').as_posix()}/2026-11-30-")
    assert not (tmp_path / "seeds").exists() and not (tmp_path / "pull-state.json").exists()


def test_the_cli_prints_the_summary_and_exits_1_on_a_failure(web, tmp_path):
    link = web.serve("/a/one", page("Huawei signs a supply deal"))
    cfg = tmp_path / "digest.yml"
    cfg.write_text("site: {title: T}\ncompanies: [{name: Huawei}]\ntopics: [{slug: t, title: T, keywords: [x]}]\n"
                   f"sources:\n  - url: {web.serve('/feed.xml', rss(('Huawei', link)))}\n    name: Harbour Post\n"
                   f"  - url: {web.url('/missing.xml')}\n")
    result = CliRunner().invoke(main, ["pull", "--config", str(cfg), "--seeds", str(tmp_path / "seeds")])
    assert result.exit_code == 1, result.output
    assert "Harbour Post (" in result.output and ": 1 seen: 1 new," in result.output
    assert f"127.0.0.1 ({web.url('/missing.xml')}): failed: the feed could not be fetched: the server answered " \
           "404 Not Found" in result.output
    assert "2 sources, 1 new seed saved; state in" in result.output
    assert (tmp_path / "pull-state.json").exists(), "the state sits beside the seeds folder"
    dry = CliRunner().invoke(main, ["add", "--dry-run", "--config", str(cfg), "--seeds", str(tmp_path / "s2"),
                                    link])
    assert dry.exit_code == 0 and "would save" in dry.output and "(dry run: nothing written)" in dry.output
    assert not (tmp_path / "s2").exists()


def test_the_cli_refuses_a_damaged_state_file_and_a_config_without_sources(tmp_path):
    cfg = tmp_path / "digest.yml"
    cfg.write_text("site: {title: T}\ncompanies: []\ntopics: []\n")
    result = CliRunner().invoke(main, ["pull", "--config", str(cfg), "--seeds", str(tmp_path / "seeds")])
    assert result.exit_code == 0 and "no feeds to pull: add a `sources:` list" in result.output
    (tmp_path / "pull-state.json").write_text("{not json")
    result = CliRunner().invoke(main, ["add", "--config", str(cfg), "--seeds", str(tmp_path / "seeds"),
                                       "https://example.org/a"])
    assert result.exit_code == 2 and "the pull state file is damaged" in result.output
