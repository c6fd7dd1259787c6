"""The built site in a real browser: Playwright drives Debian's Chromium against the site served
over HTTP (search needs a server; file:// URLs cannot fetch the search index)."""
from __future__ import annotations

import functools
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS  # noqa: F401 - used by the browser tests

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="Debian's chromium is not installed at /usr/bin/chromium "
                              "(`make test` installs it)"),
]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def server(built_site):
    """The built site on http://127.0.0.1:<free port>/, served from a background thread."""
    handler = functools.partial(QuietHandler, directory=str(built_site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_home_page_renders(page, server):
    from playwright.sync_api import expect
    response = page.goto(f"{server}/")
    assert response and response.ok, f"home page: HTTP {response and response.status}"
    expect(page).to_have_title(re.compile("Tech Conflict Digest"))
    h1 = page.locator("article h1").first
    expect(h1).to_be_visible()
    expect(h1).to_have_text(re.compile(r"\S"))
    expect(page.locator("#top-stories")).to_be_visible()
    latest = page.locator("article a[href*='articles/']").filter(has_not_text="All articles")
    assert latest.count() >= 5, f"only {latest.count()} article links on the home page"
    expect(latest.first).to_be_visible()
    assert not page.js_errors, f"JavaScript errors on the home page: {page.js_errors}"


def test_search_finds_articles(page, server):
    from playwright.sync_api import expect
    page.goto(f"{server}/")
    # At desktop width the search input sits in the header; clicking it opens the search overlay.
    box = page.locator("input.md-search__input")
    expect(box).to_be_visible()
    box.click()
    expect(page.locator("#__search")).to_be_checked()
    box.press_sequentially("Uyghur", delay=40)  # Material reacts to key presses, not to fill()
    items = page.locator(".md-search-result__item")
    expect(items.first).to_be_visible()
    hrefs = [a.get_attribute("href") or "" for a in page.locator(".md-search-result__item a").all()]
    article_hits = [h for h in hrefs if re.search(r"/articles/[^/#]+/", h)]
    assert article_hits, f"search for Uyghur found no article pages: {hrefs}"
    # Following a result opens the article page.
    page.locator(".md-search-result__item a[href*='/articles/']").first.click()
    page.wait_for_url(re.compile(r"/articles/[^/]+/"))
    expect(page.locator("article h1").first).to_be_visible()
    assert not page.js_errors, f"JavaScript errors during search: {page.js_errors}"


def test_search_opens_with_slash_key(page, server):
    from playwright.sync_api import expect
    page.goto(f"{server}/about/")
    page.locator("body").click()
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    box.press_sequentially("Honovich", delay=40)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(page.locator(".md-search-result__item a[href*='/articles/']").first).to_be_attached()


def test_company_page_lists_and_opens_articles(page, server):
    from playwright.sync_api import expect
    response = page.goto(f"{server}/companies/hikvision/")
    assert response and response.ok
    expect(page.locator("article h1").first).to_have_text("Hikvision")
    links = page.locator("article.md-content__inner a[href*='articles/']")
    count = links.count()
    assert count >= 5, f"Hikvision page lists {count} article links"
    title = links.first.inner_text().strip()
    links.first.click()
    page.wait_for_url(re.compile(r"/articles/[^/]+/$"))
    expect(page.locator("article h1").first).to_have_text(title)
    assert not page.js_errors, f"JavaScript errors: {page.js_errors}"


def test_build_report_reads_on_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    phone = context.new_page()
    try:
        phone.goto(f"{server}/report/")
        message = phone.locator(".digest-report td").nth(3)
        box = message.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375, box
        assert "front-matter" in message.inner_text()
    finally:
        context.close()


def test_briefing_leads_from_a_top_story_to_its_story_page_and_on_to_an_article(page, server, browser):
    from playwright.sync_api import expect
    phone = browser.new_context(viewport={"width": 375, "height": 667})
    try:
        small = phone.new_page()
        small.goto(f"{server}/")
        latest = small.locator(".digest-latest a").first
        expect(latest).to_be_visible()
        box = latest.bounding_box()
        assert box and box["y"] + box["height"] <= 667, f"latest headline below the fold at 375 px: {box}"
    finally:
        phone.close()
    page.goto(f"{server}/")
    story = page.locator("#top-stories ~ ul a[href*='stories/']").first
    expect(story).to_be_visible()
    title = story.inner_text()
    story.click()
    expect(page).to_have_url(re.compile(r"/stories/[^/]+/$"))
    expect(page.locator("article h1").first).to_have_text(title)
    expect(page.get_by_text("Undated, placed by this story's period").first).to_be_visible()
    report = page.locator("article a[href*='articles/']").first
    headline = report.inner_text()
    report.click()
    expect(page).to_have_url(re.compile(r"/articles/[^/]+/$"))
    expect(page.locator("article h1").first).to_have_text(headline)
    expect(page.get_by_text("Other reports of this story")).to_be_visible()
    assert not page.js_errors, f"JavaScript errors: {page.js_errors}"
