"""The adversarial corpus (tests/adversarial_corpus.py, over 100 cases) built as one site: every seed
published or reported, every sentence on its page or in the dropped lines, nothing injected, no
spoofing controls shown, each heavy case bounded by the per-seed budget, no address moved."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from adversarial_corpus import SENTENCES, Case, body, cases, front
from test_hostile import (
    CONFIG,
    MKDOCS_YML,
    benign_site,  # noqa: F401 - a fixture, used by name
    html_pages,
    prepare_docs,
    scripts,
    shape,
    soup,
)

from generator import pipeline
from generator.extract.ingest import seed_name
from generator.records import Article, BuildReport, Level
from generator.site.addresses import save_addresses
from generator.site.render import article_path
from generator.site.write import build_site

CASES = cases()
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


@dataclass
class Corpus:
    seeds: Path
    site: Path
    report: BuildReport
    seconds: float

    def article(self, case: Case) -> Article | None:
        name = seed_name(self.seeds / case.name, self.seeds)
        return next((a for a in self.report.articles if name in (a.seed, *a.duplicates)), None)

    def page(self, article: Article) -> str:
        return next(p.text for p in self.report.pages if p.path == article_path(article))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Corpus:
    root = tmp_path_factory.mktemp("adversarial")
    seeds = root / "seeds"
    seeds.mkdir()
    for case in CASES:
        (seeds / case.name).write_bytes(case.data)
    prepare_docs(root / "docs")
    started = time.monotonic()
    report = pipeline.build(CONFIG, seeds, root / "docs", jobs=2)
    seconds = time.monotonic() - started
    build_site(MKDOCS_YML, root / "docs", root / "site", strict=False)
    total = time.monotonic() - started
    print(
        f"\nadversarial corpus: {len(CASES)} cases, generated in {seconds:.1f} s with -j 2, "  # a figure, not a test
        f"site built in {total:.1f} s"
    )
    return Corpus(seeds, root / "site", report, seconds)


def test_the_corpus_covers_every_class_with_over_a_hundred_cases():
    kinds = {c.kind for c in CASES}
    assert len(CASES) >= 100 and kinds == {"regex", "yaml", "address", "lost", "spoof", "inject"}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_nothing_is_lost(corpus, case):
    """Each seed is published (its sentences on the page or in the dropped lines) or reported."""
    article = corpus.article(case)
    if article is None:
        name = seed_name(corpus.seeds / case.name, corpus.seeds)
        assert any(p.seed == name and p.level is Level.ERROR for p in corpus.report.problems), (
            case.name
        )
        return
    shown = " ".join(corpus.page(article).replace("\\", "").split())
    dropped = " ".join(" ".join(d.line for d in article.dropped).split())
    missing = [s for s in case.keep if s not in shown and s not in dropped]
    assert not missing, f"{case.name}: {missing}"


def test_every_heavy_case_is_published_not_refused(corpus):
    heavy = [c for c in CASES if c.kind in ("regex", "yaml")]
    assert all(corpus.article(c) is not None for c in heavy)


def test_built_pages_hold_only_our_markup(corpus, benign_site):  # noqa: F811 - the fixture, imported
    allowed, allowed_scripts = set(), set()
    for path in html_pages(benign_site):
        allowed |= shape(soup(path))
        allowed_scripts |= scripts(soup(path))
    for path in html_pages(corpus.site):
        page = soup(path)
        assert not shape(page) - allowed, f"{path}: {shape(page) - allowed}"
        assert scripts(page) <= allowed_scripts, path
        assert not page.find_all(["iframe", "object", "embed", "frame"]), path


def test_no_bidirectional_control_is_shown(corpus):
    for page in corpus.report.pages:
        assert not BIDI.search(page.text), page.path
    for path in html_pages(corpus.site):
        assert not BIDI.search(path.read_text(encoding="utf-8")), path
    spoofed = [a for a in corpus.report.articles if "spoof-name-\\u202e" in a.seed]
    assert spoofed, "the seed named with U+202E is listed under its escaped name"


def test_yaml_bombs_are_refused_with_a_reason(corpus):
    for case in (c for c in CASES if c.name.startswith("yaml-bomb")):
        article = corpus.article(case)
        assert not {"companies", "author", "title"} & set(article.overrides)
        assert any("anchor" in p.message for p in article.problems), case.name


def test_the_hijacking_duplicate_never_takes_the_page(corpus):
    victim = corpus.article(next(c for c in CASES if c.name == "address-victim.txt"))
    assert (
        victim.seed == "0-address-duplicate-plain.txt"
        or victim.title == "Huawei Ban Lifted After Long Review"
    )
    assert "evil.example" not in corpus.page(victim)


# ---- the budget ---------------------------------------------------------------------------------


def test_each_heavy_case_finishes_within_the_budget(tmp_path):
    """With a budget far below what the heavy cases need, every one is stopped on time and still
    accounted for; the bound comes from the config, not from this machine's speed."""
    heavy = [c for c in CASES if c.kind == "regex"][:12]
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for case in heavy:
        (seeds / case.name).write_bytes(case.data)
    config = replace(CONFIG, seconds_per_seed=0.5)
    started = time.monotonic()
    report = pipeline.build(config, seeds, None, jobs=2)
    elapsed = time.monotonic() - started
    # two tries per seed (processing, then raw text), each at most the budget, on two workers
    bound = len(heavy) * 2 * config.seconds_per_seed / 2
    assert elapsed < bound + 30, f"{elapsed:.1f} s for a bound of {bound:.1f} s"
    accounted = {n for a in report.articles for n in (a.seed, *a.duplicates)} | {
        p.seed for p in report.problems
    }
    assert {c.name for c in heavy} <= accounted


# ---- addresses ------------------------------------------------------------------------------------


def test_adding_any_seed_never_moves_an_existing_address(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    victim = body(title="Huawei Ban Lifted After Long Review")
    (seeds / "victim.txt").write_text(victim, encoding="utf-8")
    (seeds / "other.txt").write_text(body(title="Another Story About Chips"), encoding="utf-8")
    first = pipeline.build(CONFIG, seeds, None)
    save_addresses(seeds, first.addresses)
    before = {a.seed: a.slug for a in first.articles}
    (seeds / "0-hijack.txt").write_text(
        front("title: Hijacked\nurl: https://evil.example/x", victim), "utf-8"
    )
    (seeds / "0-same-title.txt").write_text(
        body(
            "Another paragraph with other words for the clash case.",
            title="Huawei Ban Lifted After Long Review",
        ),
        "utf-8",
    )
    (seeds / "0-slug-thief.txt").write_text(
        front(f"slug: {before['victim.txt']}", body(title="Thief")), "utf-8"
    )
    second = pipeline.build(CONFIG, seeds, None)
    after = {a.seed: a for a in second.articles}
    assert {seed: after[seed].slug for seed in before} == before
    page = after["victim.txt"]
    assert page.title == "Huawei Ban Lifted After Long Review" and page.url is None
    assert page.duplicates == ("0-hijack.txt",)
    [note] = [p for p in second.problems if p.seed == "0-hijack.txt"]
    assert "victim.txt" in note.message and "not applied" in note.message
    assert SENTENCES[0] in page.body_text
