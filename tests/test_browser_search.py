"""Search, Browse, dark mode, phone width and accessibility of the built site in Debian's Chromium,
with each search engine: the five-seed site built once with lunr and once with Pagefind."""
from __future__ import annotations

import functools
import re
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from test_browser import CHROMIUM, QuietHandler

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]
ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("lunr", "pagefind")
# (query, seed the article comes from): a body word, a company alias no seed spells out, a person
# quoted in the body, and the spellings the issue names.
QUERIES = [("stockpiling", "004"), ("Hik Vision", "004"), ("Liu Guohong", "001"), ("Uyghur", "004"),
           ("Uighur", "004"), ("Meiya Pico", "001")]
SERIOUS = ("serious", "critical")


def _serve(folder: Path):
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    return httpd, thread


@pytest.fixture(scope="module", params=ENGINES)
def site(request, generated, tmp_path_factory):
    """(engine, base URL, slug of each seed's article) for the site built with that engine."""
    from generator.site.write import build_site
    docs, report = generated
    folder = tmp_path_factory.mktemp(f"site-{request.param}") / "site"
    build_site(ROOT / "mkdocs.yml", docs, folder, strict=True, search_engine=request.param)
    slugs = {a.seed[:3]: a.slug for a in report.articles}
    httpd, thread = _serve(folder)
    try:
        yield request.param, f"http://127.0.0.1:{httpd.server_address[1]}", slugs
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def _search(page, base: str, query: str) -> list[str]:
    from playwright.sync_api import expect
    page.goto(f"{base}/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=30)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    if page.locator("[data-digest-search=pagefind]").count():
        # The results of the typed query, not of a prefix typed on the way, and all of them (the
        # first five come first, then the rest).
        output = page.locator(".md-search-result")
        expect(output).to_have_attribute("data-query", query)
        expect(output).to_have_attribute("aria-busy", "false")
        total = _shown_count(page.locator(".md-search-result__meta").inner_text())
        expect(page.locator(".md-search-result__item")).to_have_count(min(total, 20))
    return [a.get_attribute("href") or "" for a in page.locator(".md-search-result__item a").all()]


def _shown_count(meta: str) -> int:
    """The number of results the meta line announces."""
    found = re.match(r"(\d+) matching document", meta.strip())
    return int(found[1]) if found else 0


@pytest.mark.parametrize(("query", "seed"), QUERIES)
def test_search_finds_the_article(page, site, query, seed):
    engine, base, slugs = site
    hrefs = _search(page, base, query)
    assert any(f"/articles/{slugs[seed]}/" in h for h in hrefs), f"{engine}: {query!r} -> {hrefs}"
    assert not page.js_errors, page.js_errors


def test_a_title_match_ranks_above_body_matches(page, site):
    # "blacklist" is in one headline (ZDNet's) and in the text of three other articles.
    engine, base, _ = site
    articles = [h for h in _search(page, base, "blacklist") if "/articles/" in h]
    assert len(articles) >= 3 and "/articles/us-to-reportedly-blacklist-" in articles[0], (engine, articles)


def test_a_result_shows_title_publication_date_and_opens_highlighted(page, site):
    engine, base, slugs = site
    _search(page, base, "stockpiling")
    from playwright.sync_api import expect
    item = page.locator(f".md-search-result__item a[href*='{slugs['004']}']").first
    expect(item).to_contain_text("Surveillance Company")
    expect(item).to_contain_text(re.compile(r"VICE News · May 22, 2019"))
    page.locator(f".md-search-result__item a[href*='{slugs['004']}'][href*='stockpiling']").first.click()
    page.wait_for_url(re.compile(slugs["004"]))
    page.wait_for_timeout(500)
    assert page.locator("article mark").count() >= 1, f"{engine}: no highlighted word on the target page"


# The header's results under a slow or failing network (Pagefind: a query fetches one fragment per
# result shown). Every state the results pass through is recorded; outside aria-busy, the count
# on the meta line must describe the list below it, and the list must answer what was typed.
RECORD_STATES = """() => {
  window.digestStates = [];
  const out = document.querySelector(".md-search-result");
  const snap = () => window.digestStates.push({
    busy: out.getAttribute("aria-busy"), query: out.dataset.query ?? null,
    typed: document.querySelector("input.md-search__input").value.trim(),
    meta: out.querySelector(".md-search-result__meta").textContent.trim(),
    items: out.querySelectorAll(".md-search-result__item").length});
  new MutationObserver(snap).observe(out, {subtree: true, childList: true, characterData: true,
                                           attributes: true});
}"""
FRAGMENTS = "**/pagefind/fragment/*"


def _pagefind_only(site):
    if site[0] != "pagefind":
        pytest.skip("Material's lunr search renders its own results")


def _wait_until(page, condition, timeout_ms: int = 10_000) -> None:
    """Lets Playwright's event loop run (routes, responses) until condition() holds."""
    for _ in range(timeout_ms // 50):
        if condition():
            return
        page.wait_for_timeout(50)
    raise AssertionError("condition not reached")


def _settled_states_disagree(page) -> list[dict]:
    states = page.evaluate("window.digestStates")

    def wrong(s: dict) -> bool:
        miscounted = min(_shown_count(s["meta"]), 20) != s["items"]
        return miscounted or bool(s["items"]) and s["query"] != s["typed"]

    return [s for s in states if s["busy"] != "true" and wrong(s)]


def test_results_of_a_prefix_are_marked_busy_until_the_typed_query_settles(page, site):
    # The CI flake: a pause after "stock" let that prefix's results (two) show; the test read their
    # count while "stockpiling" (one result) was on its way.
    from playwright.sync_api import expect
    _pagefind_only(site)
    _, base, _ = site
    page.goto(f"{base}/")
    page.evaluate(RECORD_STATES)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("stock", delay=30)
    output = page.locator(".md-search-result")
    expect(output).to_have_attribute("data-query", "stock")
    expect(page.locator(".md-search-result__item")).to_have_count(2)
    box.press_sequentially("piling", delay=30)
    expect(output).to_have_attribute("data-query", "stockpiling")
    expect(output).to_have_attribute("aria-busy", "false")
    expect(page.locator(".md-search-result__item")).to_have_count(1)
    assert not _settled_states_disagree(page), page.evaluate("window.digestStates")


def test_a_slow_earlier_query_never_shows_over_the_newer_one(page, site):
    from playwright.sync_api import expect
    _pagefind_only(site)
    _, base, slugs = site
    held = []  # the first query's fragment requests, answered only after the second query settled
    hold = True
    page.context.route(FRAGMENTS, lambda route: held.append(route) if hold else route.continue_())
    page.goto(f"{base}/")
    page.evaluate(RECORD_STATES)
    box = page.locator("input.md-search__input")
    box.click()
    # A result per company page (its profile), none of them seed 004's article. ("Meiya" had
    # nine while listing pages were indexed with their lists; it now finds three pages.)
    box.fill("Ticker")
    _wait_until(page, lambda: len(held) >= 5)
    hold = False
    box.fill("stockpiling")  # one result: seed 004's article, whose fragment is not held
    expect(page.locator(".md-search-result__meta")).to_have_text("1 matching document")
    expect(page.locator(".md-search-result__item")).to_have_count(1)
    for route in held:
        route.continue_()
    page.wait_for_timeout(800)  # time for the first query's results to (wrongly) land
    hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__item a").all()]
    assert len(hrefs) == 1 and slugs["004"] in hrefs[0], hrefs
    assert page.locator(".md-search-result__meta").inner_text() == "1 matching document"
    assert not _settled_states_disagree(page), page.evaluate("window.digestStates")
    assert not page.js_errors, page.js_errors


def test_a_failed_fragment_is_fetched_again(page, site):
    _pagefind_only(site)
    _, base, _ = site
    failed: set[str] = set()
    asked: list[str] = []

    def fail_once(route):
        asked.append(route.request.url)
        if route.request.url in failed:
            route.continue_()
        else:
            failed.add(route.request.url)
            route.abort("connectionreset")

    page.context.route(FRAGMENTS, fail_once)
    _search(page, base, "Hikvision")
    assert _shown_count(page.locator(".md-search-result__meta").inner_text()) > 5
    assert len(asked) > len(failed) > 0, (asked, failed)
    assert not page.js_errors, page.js_errors


def test_results_that_cannot_load_say_so_and_can_be_tried_again(page, site):
    from playwright.sync_api import expect
    _pagefind_only(site)
    _, base, _ = site
    page.context.route(FRAGMENTS, lambda route: route.abort("connectionreset"))
    page.goto(f"{base}/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Hikvision", delay=30)
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_contain_text("could not be loaded")
    assert page.locator(".md-search-result__item").count() == 0  # no list that looks complete
    page.context.unroute(FRAGMENTS)
    meta.get_by_role("button").click()
    output = page.locator(".md-search-result")
    expect(output).to_have_attribute("aria-busy", "false")
    total = _shown_count(meta.inner_text())
    assert total > 5
    expect(page.locator(".md-search-result__item")).to_have_count(min(total, 20))


def test_clearing_the_box_drops_the_query_on_its_way(page, site):
    _pagefind_only(site)
    _, base, _ = site
    held = []
    page.context.route(FRAGMENTS, lambda route: held.append(route))
    page.goto(f"{base}/")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Hikvision", delay=30)
    _wait_until(page, lambda: len(held) >= 1)
    page.locator(".md-search__options button[type=reset]").click()
    for route in held:
        route.continue_()
    page.wait_for_timeout(800)
    assert page.locator(".md-search-result__item").count() == 0
    assert box.input_value() == ""


def test_the_lunr_index_waits_until_the_reader_reaches_for_search(page, site):
    from playwright.sync_api import expect
    engine, base, _ = site
    if engine != "lunr":
        pytest.skip("Pagefind fetches only the chunks of the typed words")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{base}/")
    page.wait_for_timeout(1500)
    assert not [u for u in requests if "search_index" in u]
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("Hikvision", delay=30)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert [u for u in requests if "search_index" in u]


def test_slash_key_opens_search(page, site):
    from playwright.sync_api import expect
    _, base, _ = site
    page.goto(f"{base}/about/")
    page.locator("body").click()
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()


def test_browse_filter_narrows_and_the_url_reproduces_it(page, site):
    from playwright.sync_api import expect
    engine, base, _ = site
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{base}/browse/")
    status = page.locator(".digest-browse__status")
    expect(status).to_have_text(re.compile(r"^5 articles match"))
    page.locator("select[name=topic]").select_option("xinjiang")
    expect(status).to_have_text(re.compile(r"^2 articles match"))
    page.locator("select[name=company]").select_option("ZTE")
    expect(status).to_have_text(re.compile(r"^1 article matches"))
    assert "topic=xinjiang" in page.url and "company=ZTE" in page.url, page.url
    titles = page.locator(".digest-browse__item > a").all_inner_texts()
    # A filter without a search term never downloads a search index (under lunr, the header's
    # index waits until the reader reaches for search: digest-lunr-defer.js).
    fetched = [u for u in requests if "/pagefind/" in u or "search_index" in u]
    assert not fetched, fetched
    page.goto(page.url)
    expect(status).to_have_text(re.compile(r"^1 article matches"))
    assert page.locator(".digest-browse__item > a").all_inner_texts() == titles
    assert not page.js_errors, f"{engine}: {page.js_errors}"


def _counts(page, facet: str) -> dict[str, int]:
    """{value: number shown beside it} of a Browse select; "" is its "Any ..." entry."""
    options = page.locator(f"select[name={facet}] option")
    found = {}
    for value, text in zip(options.evaluate_all("os => os.map(o => o.value)"), options.all_inner_texts(),
                           strict=True):
        match = re.fullmatch(r"(.*) \((\d+)\)", text)
        if match:
            found[value] = int(match[2])
    return found


def _matches(page, url: str) -> int:
    """The number of articles Browse lists at url."""
    from playwright.sync_api import expect
    page.goto(url)
    status = page.locator(".digest-browse__status")
    expect(status).to_have_text(re.compile(r"^\d+ articles? match"))
    return int(status.inner_text().split()[0])


def _choosing(url: str, facet: str, value: str) -> str:
    """url with the facet set to value ("": any)."""
    from urllib.parse import parse_qsl, urlencode, urlsplit
    parts = urlsplit(url)
    query = {k: v for k, v in parse_qsl(parts.query) if k != facet} | ({facet: value} if value else {})
    return parts._replace(query=urlencode(query)).geturl()


BROWSE_FACETS = ("company", "topic", "publication", "author")


def test_browse_counts_are_what_choosing_the_option_gives(page, site):
    """Every number shown beside an option, "Any ..." included, is the number of articles the view
    lists once that option is chosen, the rest of the filter unchanged."""
    from playwright.sync_api import expect
    engine, base, _ = site
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{base}/browse/")
    status = page.locator(".digest-browse__status")
    expect(status).to_have_text(re.compile(r"^5 articles match"))
    everywhere = {facet: _counts(page, facet) for facet in BROWSE_FACETS}
    assert all(counts[""] == 5 for counts in everywhere.values()), everywhere
    page.locator("select[name=topic]").select_option("xinjiang")
    expect(status).to_have_text(re.compile(r"^2 articles match"))
    within = _counts(page, "company")
    assert within.keys() == everywhere["company"].keys() and within != everywhere["company"]
    assert within[""] == 2 and all(n <= min(2, everywhere["company"][c]) for c, n in within.items())
    assert _counts(page, "topic") == everywhere["topic"]  # the topic is the only filter: site-wide
    page.locator("select[name=company]").select_option("ZTE")
    expect(status).to_have_text(re.compile(r"^1 article matches"))
    views = [page.url, f"{base}/browse/?company=Hikvision&from=2019-01"]
    if engine == "pagefind":
        # Without words no view fetched Pagefind (nor, under lunr, Material's index: it waits).
        assert not [u for u in requests if "/pagefind/" in u or "search_index" in u], requests
    views.append(f"{base}/browse/?words=Hikvision&publication=ZDNet")  # with words: the engine counts
    for view in views:
        page.goto(view)
        expect(status).to_have_text(re.compile(r"^\d+ articles? match"))
        shown = {facet: _counts(page, facet) for facet in BROWSE_FACETS}
        for facet, counts in shown.items():
            # The "Any" entry and the values that would change the view most (the largest counts).
            chosen = [""] + sorted((v for v in counts if v), key=lambda v: -counts[v])[:2]
            for value in chosen:
                got = _matches(page, _choosing(view, facet, value))
                assert got == counts[value], (engine, view, facet, value, counts[value], got)
    assert not page.js_errors, f"{engine}: {page.js_errors}"


def test_browse_date_range_and_words(page, site):
    from playwright.sync_api import expect
    _, base, _ = site
    page.goto(f"{base}/browse/?from=2017-01&to=2019-12")
    expect(page.locator(".digest-browse__status")).to_have_text(re.compile(r"^2 articles match"))
    page.goto(f"{base}/browse/?from=2018-01")
    expect(page.locator(".digest-browse__status")).to_have_text(re.compile(r"^1 article matches"))
    page.goto(f"{base}/browse/?words=Hikvision&publication=ZDNet")
    expect(page.locator(".digest-browse__status")).to_have_text(re.compile(r"^1 article matches"))
    # Material opens its search dialog for a "q" parameter; Browse's words must not set it off.
    page.wait_for_timeout(500)
    assert not page.locator("#__search").is_checked()


def test_light_dark_toggle(page, site):
    _, base, _ = site
    page.goto(f"{base}/")
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    after = page.locator("body").get_attribute("data-md-color-scheme")
    assert {before, after} == {"default", "slate"}, (before, after)


def _views(base: str, slugs: dict[str, str]) -> dict[str, str]:
    return {"home": f"{base}/", "article": f"{base}/articles/{slugs['004']}/",
            "company": f"{base}/companies/hikvision/", "browse": f"{base}/browse/?company=Hikvision",
            "publication": f"{base}/publications/vice-news/",
            "browse with words": f"{base}/browse/?words=Hikvision&company=ZTE"}


@pytest.mark.parametrize("width", [1280, 375])
def test_one_search_box_in_the_header_at_every_size(browser, site, width):
    from playwright.sync_api import expect
    _, base, _ = site
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{base}/")
        assert page.locator(".md-search").count() == 1
        assert page.locator("header.md-header .md-search input.md-search__input").count() == 1
        if width < 400:  # on a phone the header's magnifier opens the same box
            page.locator("header.md-header label.md-header__button[for=__search]").click()
        else:
            page.locator("input.md-search__input").click()
        box = page.locator("input.md-search__input")
        expect(box).to_be_visible()
        expect(box).to_be_focused()
        page.wait_for_timeout(400)  # Material slides the box in on a phone
        edge = box.bounding_box()
        assert edge["x"] + edge["width"] <= width + 1, edge  # within the screen (a sub-pixel aside)
    finally:
        context.close()


def test_no_horizontal_scroll_at_375_px(browser, site):
    _, base, slugs = site
    context = browser.new_context(viewport={"width": 375, "height": 800})
    phone = context.new_page()
    try:
        for name, url in _views(base, slugs).items():
            phone.goto(url)
            phone.wait_for_timeout(300)
            width = phone.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, f"{name} is {width} px wide at 375 px"
    finally:
        context.close()


def test_no_serious_accessibility_violations(page, site):
    from axe_playwright_python.sync_playwright import Axe
    engine, base, slugs = site
    axe = Axe()
    found = {}
    for name, url in _views(base, slugs).items():
        page.goto(url)
        page.wait_for_timeout(300)
        found[name] = _serious(axe.run(page))
    _search(page, base, "Hikvision")
    found["search results"] = _serious(axe.run(page))
    assert not any(found.values()), f"{engine}: {found}"


def _serious(results) -> list[str]:
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
            for v in results.response["violations"] if v.get("impact") in SERIOUS]


@pytest.fixture(scope="module")
def sharded(generated, tmp_path_factory):
    """The Pagefind site indexed in shards (listings, then two articles each), as a large site is."""
    import shutil

    from generator.site.search import index_with_pagefind
    from generator.site.write import build_site
    docs, report = generated
    folder = tmp_path_factory.mktemp("site-sharded") / "site"
    build_site(ROOT / "mkdocs.yml", docs, folder, strict=True, search_engine="pagefind", index_search=False)
    index_with_pagefind(folder, shard_pages=2)
    assert len(list(folder.glob("pagefind-*"))) >= 2
    httpd, thread = _serve(folder)
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", {a.seed[:3]: a.slug for a in report.articles}
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
        shutil.rmtree(folder, ignore_errors=True)


def test_search_and_browse_cover_every_shard(page, sharded):
    from playwright.sync_api import expect
    base, _ = sharded
    # Listing pages (their own shard) and articles (the other shards) in one list of results.
    hrefs = _search(page, base, "Hikvision")
    assert any("/companies/hikvision/" in h for h in hrefs), hrefs
    assert any("/articles/" in h for h in hrefs), hrefs
    # Each shard ranks by its own statistics: in shards of two articles a word common to both
    # weighs little, so the per-query checks run on the one-shard site; Browse lists every article.
    page.goto(f"{base}/browse/?words=Hikvision")
    expect(page.locator(".digest-browse__status")).to_have_text(re.compile(r"^5 articles match"))
