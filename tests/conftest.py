"""Shared fixtures. Keep this file small and generic; add new fixtures by appending.

Everything expensive (generating the docs tree, building the MkDocs site) happens once per test
session, into pytest's temporary directories, never into the repository's docs/ or site/.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DIGEST_YML = ROOT / "digest.yml"
MKDOCS_YML = ROOT / "mkdocs.yml"
# Hand-written pages that live in docs/ next to the generated ones.
HAND_WRITTEN = ("about.md", "stylesheets")

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository root (tests never depend on the current directory)."""
    return ROOT


@pytest.fixture(scope="session")
def digest_config():
    """The project's digest.yml, loaded and validated."""
    from generator.config import load_config
    return load_config(DIGEST_YML)


@pytest.fixture(scope="session")
def generated(tmp_path_factory, digest_config):
    """(docs_dir, report): the pipeline run once over seeds/ into a temporary docs folder that also
    holds copies of the hand-written pages, ready for MkDocs."""
    from generator import pipeline
    docs = tmp_path_factory.mktemp("generated") / "docs"
    docs.mkdir()
    for name in HAND_WRITTEN:
        src = ROOT / "docs" / name
        if src.is_dir():
            shutil.copytree(src, docs / name)
        elif src.is_file():
            shutil.copy2(src, docs / name)
    report = pipeline.build(digest_config, SEEDS, docs)
    return docs, report


@pytest.fixture(scope="session")
def generated_docs(generated) -> Path:
    return generated[0]


@pytest.fixture(scope="session")
def built_site(generated, tmp_path_factory) -> Path:
    """The static site, built once per session with strict MkDocs from the generated docs."""
    from generator.site.write import build_site
    docs, _ = generated
    site = tmp_path_factory.mktemp("built") / "site"
    build_site(MKDOCS_YML, docs, site, strict=True)
    return site


# Browser tests (test_browser*.py) drive Debian's Chromium through Playwright.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    try:
        yield page
    finally:
        context.close()
