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
    if page.locator("[data-digest-search=pagefind]").count():  # the first five come first, then the rest
        total = int(page.locator(".md-search-result__meta").inner_text().split()[0])
        expect(page.locator(".md-search-result__item")).to_have_count(min(total, 20))
    return [a.get_attribute("href") or "" for a in page.locator(".md-search-result__item a").all()]


@pytest.mark.parametrize(("query", "seed"), QUERIES)
def test_search_finds_the_article(page, site, query, seed):
    engine, base, slugs = site
    hrefs = _search(page, base, query)
    assert any(f"/articles/{slugs[seed]}/" in h for h in hrefs), f"{engine}: {query!r} -> {hrefs}"
    assert not page.js_errors, page.js_errors


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
    """{value: number shown beside it} of a Browse select."""
    texts = page.locator(f"select[name={facet}] option[data-id]").all_inner_texts()
    return {m[1]: int(m[2]) for m in (re.fullmatch(r"(.*) \((\d+)\)", t) for t in texts) if m}


def test_browse_counts_are_within_the_filter(page, site):
    from playwright.sync_api import expect
    engine, base, _ = site
    page.goto(f"{base}/browse/")
    status = page.locator(".digest-browse__status")
    expect(status).to_have_text(re.compile(r"^5 articles match"))
    everywhere = _counts(page, "company")
    page.locator("select[name=topic]").select_option("xinjiang")
    expect(status).to_have_text(re.compile(r"^2 articles match"))
    within = _counts(page, "company")
    assert within.keys() == everywhere.keys() and within != everywhere, (everywhere, within)
    assert all(n <= min(2, everywhere[c]) for c, n in within.items()) and max(within.values()) >= 1
    assert page.locator("select[name=topic] option[value=xinjiang]").inner_text().endswith("(2)")
    page.goto(page.url)  # the shared address shows the same counts
    expect(status).to_have_text(re.compile(r"^2 articles match"))
    assert _counts(page, "company") == within
    page.goto(f"{base}/browse/?q=Hikvision&publication=ZDNet")  # with words: the engine's counts
    expect(status).to_have_text(re.compile(r"^1 article matches"))
    assert sum(_counts(page, "publication").values()) == 1, (engine, _counts(page, "publication"))
    assert not page.js_errors, f"{engine}: {page.js_errors}"


def test_browse_date_range_and_words(page, site):
    from playwright.sync_api import expect
    _, base, _ = site
    page.goto(f"{base}/browse/?from=2017-01&to=2019-12")
    expect(page.locator(".digest-browse__status")).to_have_text(re.compile(r"^2 articles match"))
    page.goto(f"{base}/browse/?from=2018-01")
    expect(page.locator(".digest-browse__status")).to_have_text(re.compile(r"^1 article matches"))
    page.goto(f"{base}/browse/?q=Hikvision&publication=ZDNet")
    expect(page.locator(".digest-browse__status")).to_have_text(re.compile(r"^1 article matches"))


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
            "publication": f"{base}/publications/vice-news/"}


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
    page.goto(f"{base}/browse/?q=Hikvision")
    expect(page.locator(".digest-browse__status")).to_have_text(re.compile(r"^5 articles match"))
