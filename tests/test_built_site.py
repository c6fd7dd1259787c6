"""The static site built with strict MkDocs (once per session, see conftest.built_site): every
seed has a page, every internal link resolves, search finds the seeds' words, and the navigation
lists the sections but not the articles."""
from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

SECTIONS = ["Digest", "Stories", "Timeline", "Companies", "Topics", "Articles", "Browse", "Publications",
            "Authors", "About"]
MAX_ARTICLE_PAGE_BYTES = 100_000


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n", 2)[1])


@pytest.fixture(scope="module")
def articles(generated_docs) -> dict[str, dict]:
    """slug -> front-matter of each generated article page."""
    return {p.stem: front_matter(p) for p in sorted((generated_docs / "articles").glob("*.md"))
            if p.name != "index.md"}


@pytest.fixture(scope="module")
def pages(built_site) -> list[Path]:
    return sorted(built_site.rglob("*.html"))


def site_url(site: Path, page: Path) -> str:
    """The URL path ('/companies/hikvision/index.html') a page is served under."""
    return "/" + page.relative_to(site).as_posix()


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """The file an internal link points to and its fragment; None for links leaving the site."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("javascript:", "mailto:", "data:")):
        return None
    base = site_url(site, page)
    url = base
    if parts.path:
        url = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(parts.path)))
    if parts.path.endswith("/") or url == "/":
        url = url.rstrip("/") + "/index.html"
    target = site / url.lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def test_strict_build_produced_the_site(built_site):
    for name in ("index.html", "404.html", "sitemap.xml", "search/search_index.json", "about/index.html",
                 "companies/index.html", "topics/index.html", "articles/index.html"):
        assert (built_site / name).is_file(), f"{name} missing from the built site"


def test_every_seed_has_an_article_page(built_site, articles):
    seeds_dir = Path(__file__).resolve().parent.parent / "seeds"
    seeds = sorted(p.name for p in seeds_dir.iterdir() if p.is_file() and p.suffix == ".txt")
    assert sorted(fm["seed"] for fm in articles.values()) == seeds
    for slug, fm in articles.items():
        page = built_site / "articles" / slug / "index.html"
        assert page.is_file(), f"no article page for {fm['seed']} at articles/{slug}/index.html"
        h1 = soup(page).find("h1")
        assert h1, f"{slug}: no h1"
        assert h1.get_text(strip=True) == fm["title"], f"{slug}: h1 {h1} is not the title {fm['title']!r}"


def test_every_internal_link_resolves(built_site, pages):
    broken = []
    checked = 0
    for page in pages:
        doc = soup(page)
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for el in doc.find_all(tag):
                href = el.get(attr)
                if not href:
                    continue
                resolved = resolve(built_site, page, href)
                if resolved is None:
                    continue
                checked += 1
                target, _ = resolved
                if not target.is_file():
                    where = page.relative_to(built_site)
                    broken.append(f"{where}: {href} -> {target.relative_to(built_site)}")
    assert checked > 100, f"only {checked} internal links found; is the site complete?"
    assert not broken, f"{len(broken)} broken internal links:\n" + "\n".join(broken[:20])


def test_content_anchors_resolve(built_site, pages):
    """Links inside the page content that carry a #fragment land on an existing id."""
    ids_cache: dict[Path, set[str]] = {}
    broken = []
    for page in pages:
        content = soup(page).select_one("article.md-content__inner") or soup(page)
        for a in content.find_all("a", href=True):
            resolved = resolve(built_site, page, a["href"])
            if not resolved or not resolved[1] or not resolved[0].is_file():
                continue
            target, fragment = resolved
            if target not in ids_cache:
                ids_cache[target] = {el["id"] for el in soup(target).find_all(id=True)}
            if fragment not in ids_cache[target]:
                broken.append(f"{page.relative_to(built_site)}: {a['href']}")
    assert not broken, "links to missing anchors:\n" + "\n".join(broken[:20])


@pytest.mark.parametrize("section", ["companies", "topics"])
def test_entity_pages_link_to_their_articles(built_site, generated_docs, articles, section):
    entity_pages = sorted(p for p in (generated_docs / section).glob("*.md") if p.name != "index.md")
    assert entity_pages, f"no {section} pages generated"
    for md in entity_pages:
        expected = front_matter(md)["articles"] + front_matter(md).get("articles_in_passing", 0)
        page = built_site / section / md.stem / "index.html"
        assert page.is_file(), f"{section}/{md.stem}/ not built"
        content = soup(page).select_one("article.md-content__inner")
        linked = set()
        for a in content.find_all("a", href=True):
            resolved = resolve(built_site, page, a["href"])
            if resolved and resolved[0].parent.parent.name == "articles" and resolved[0].is_file():
                linked.add(resolved[0].parent.name)
        name = f"{section}/{md.stem}"
        assert linked <= set(articles), f"{name}: links to unknown articles {linked - set(articles)}"
        assert len(linked) == expected, f"{name}: {len(linked)} article links, front-matter says {expected}"


def test_hikvision_page_lists_every_article(built_site, articles):
    page = built_site / "companies" / "hikvision" / "index.html"
    content = soup(page).select_one("article.md-content__inner")
    hrefs = {a["href"] for a in content.find_all("a", href=True)}
    for slug in articles:
        assert f"../../articles/{slug}/" in hrefs, f"Hikvision page does not link to articles/{slug}/"


def test_search_index(built_site, articles):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    text = " ".join(f"{d['title']} {d['text']}" for d in docs)
    for word in ("Uyghur", "Honovich", "Hikvision"):
        assert word in text, f"{word!r} not in the search index"
    locations = {d["location"] for d in docs}
    for slug in articles:
        assert f"articles/{slug}/" in locations, f"articles/{slug}/ not in the search index"
    uyghur = {d["location"].split("#")[0] for d in docs if "Uyghur" in d["text"]}
    assert any(loc.startswith("articles/") and loc != "articles/" for loc in uyghur), \
        f"no article page mentions Uyghur in the index: {sorted(uyghur)}"
    # Reader comments are excluded from search (data-search-exclude); the build report too.
    assert "call China's bluff" not in text, "reader comments leaked into the search index"
    assert not any(d["location"].startswith("report/") for d in docs), "the build report is searchable"


@pytest.mark.parametrize("page", ["index.html", "companies/hikvision/index.html", "about/index.html",
                                  "article"])
def test_navigation_lists_sections_not_articles(built_site, articles, page):
    path = built_site / "articles" / min(articles) / "index.html" if page == "article" else built_site / page
    doc = soup(path)
    nav = doc.select_one("nav.md-nav--primary")
    assert nav, f"{page}: no primary navigation"
    top = [a.get_text(" ", strip=True) for a in nav.select(":scope > ul > li > a, :scope > ul > li > label, "
                                                           ":scope > ul > li > div > a")]
    labels = list(dict.fromkeys(t for t in top if t))
    for section in SECTIONS:
        assert section in labels, f"{page}: section {section!r} not in the navigation {labels}"
    tabs = [a.get_text(" ", strip=True) for a in doc.select("nav.md-tabs a")]
    assert tabs == SECTIONS, f"{page}: tabs are {tabs}"
    article_link = re.compile(r"articles/[^/#]+/")
    for nav_el in doc.select("nav.md-nav, nav.md-tabs"):
        listed = [a["href"] for a in nav_el.find_all("a", href=True) if article_link.search(a["href"])]
        assert not listed, f"{page}: navigation links to article pages {listed[:5]}"


def test_article_page_size_is_reasonable(built_site, generated_docs, articles):
    for slug in articles:
        html = (built_site / "articles" / slug / "index.html").stat().st_size
        md = (generated_docs / "articles" / f"{slug}.md").stat().st_size
        assert html < MAX_ARTICLE_PAGE_BYTES, f"articles/{slug}/ is {html} bytes"
        assert html < 30_000 + 3 * md, f"articles/{slug}/ is {html} bytes for {md} bytes of Markdown"


def test_reader_comments_render_collapsed(built_site, articles):
    slug = next(s for s, fm in articles.items() if fm["seed"] == "000_5163b31a66d99eb6.txt")
    doc = soup(built_site / "articles" / slug / "index.html")
    details = [d for d in doc.find_all("details") if "Reader comments" in d.summary.get_text()]
    assert details, "no collapsed Reader comments block on the paywalled article"
    assert not details[0].has_attr("open"), "the Reader comments block is open by default"
    assert "call China's bluff" in details[0].get_text()
    assert doc.select_one(".admonition.warning"), "no paywall notice on the paywalled article"
