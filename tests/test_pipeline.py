"""generator.pipeline: the per-seed stages, failure isolation and the whole build into a folder."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline
from generator.config import parse_config
from generator.extract.ingest import decode_seed
from generator.pipeline import build, process_seed
from generator.records import Article, Level
from generator.site.render import render_article

CONFIG = parse_config({
    "site": {"title": "Test Digest"},
    "companies": [{"name": "Huawei", "aliases": ["Huawei Technologies"]}, {"name": "ZTE"}],
    "topics": [{"slug": "entity-list", "title": "Entity List", "keywords": ["Entity List", "blacklist"]}],
    "publications": [{"name": "Reuters", "domains": ["reuters.com"], "aliases": ["Thomson Reuters"]}],
})

GOOD = """Advertisement
US adds Huawei to trade blacklist in major escalation

By Jane Doe
May 16, 2019
https://www.reuters.com/article/us-usa-china-huawei-idUSKCN1SL2QX?utm_source=twitter

WASHINGTON (Reuters) - The U.S. Commerce Department said on Wednesday it was adding Huawei Technologies \
Co. to its Entity List, a move that bans the company from acquiring components from U.S. companies without \
government approval.

The blacklist listing, which takes effect on Friday, makes it hard for Huawei to sell some products because \
of its reliance on U.S. suppliers, people familiar with the matter said.

Advertisement

ZTE, a smaller rival, was hit by a similar ban in 2018 that nearly put it out of business before the order \
was lifted.

(Reporting by Jane Doe; Editing by John Smith)
"""

OTHER = """ZTE shares jump after US lifts export ban

By Mark Roe
July 13, 2018

ZTE Corp shares rose sharply on Friday after the U.S. Commerce Department lifted a ban that had stopped \
American companies from selling components to the Chinese telecoms equipment maker.

The company paid a penalty of $1 billion and put another $400 million in escrow under the settlement, \
which also required it to replace its board of directors.
"""

PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)


def seed(name: str, text: str | bytes):
    return decode_seed(name, text.encode("utf-8") if isinstance(text, str) else text)


# ---- process_seed -------------------------------------------------------------------------------

def test_process_seed_fills_every_stage():
    a = process_seed(seed("good.txt", GOOD), CONFIG)
    assert isinstance(a, Article)
    assert a.title == "US adds Huawei to trade blacklist in major escalation"
    assert a.author == "Jane Doe" and a.date == "2019-05-16" and a.publication == "Reuters"
    assert a.url == "https://www.reuters.com/article/us-usa-china-huawei-idUSKCN1SL2QX"  # tracking removed
    assert a.companies == ("Huawei", "ZTE") and a.topics == ("entity-list",)
    assert [b.kind for b in a.blocks] == ["p", "p", "p"]
    assert "Advertisement" not in a.body_text and "Reporting by" not in a.body_text
    assert a.summary.startswith("WASHINGTON (Reuters)")
    assert 1 <= len(a.key_points) <= 3 and a.words > 50
    assert a.identity and a.seed_sha256 and not a.problems


def test_process_seed_is_deterministic():
    assert process_seed(seed("good.txt", GOOD), CONFIG) == process_seed(seed("good.txt", GOOD), CONFIG)


def test_front_matter_overrides_win():
    text = "---\ntitle: My own title\ndate: 2020-02-03\ncompanies: [ZTE]\n---\n" + GOOD
    a = process_seed(seed("o.txt", text), CONFIG)
    assert a.title == "My own title" and a.date == "2020-02-03" and a.companies == ("ZTE",)
    assert a.found["title"].method == "seed front-matter"
    assert a.identity == process_seed(seed("good.txt", GOOD), CONFIG).identity  # overrides do not change identity


def test_undated_article_gets_a_note():
    a = process_seed(seed("undated.txt", GOOD.replace("May 16, 2019\n", "").replace("https", "see https")), CONFIG)
    assert isinstance(a, Article) and a.date is None
    assert any(p.level is Level.INFO and p.stage == "metadata" and "date" in p.message for p in a.problems)


@pytest.mark.parametrize("name, data", [("shot.png", PNG), ("empty.txt", b""), ("blank.txt", b" \n\n  \n")])
def test_unusable_seed_gives_only_problems(name, data):
    result = process_seed(seed(name, data), CONFIG)
    assert isinstance(result, tuple) and result
    assert all(p.seed == name for p in result)
    assert any(p.level is Level.ERROR for p in result)


def test_windows_1252_and_crlf_seed():
    a = process_seed(seed("w.txt", GOOD.replace("\n", "\r\n").replace("rival", "rival’s").encode("cp1252")), CONFIG)
    assert isinstance(a, Article)
    assert a.title == "US adds Huawei to trade blacklist in major escalation"
    assert "rival’s" in a.body_text


def test_exception_in_a_stage_gives_an_error_page_not_a_crash(monkeypatch):
    def broken(article, config):
        raise ValueError("boom")

    monkeypatch.setattr(pipeline, "extract_metadata", broken)
    a = process_seed(seed("good.txt", GOOD), CONFIG)
    assert isinstance(a, Article)
    errors = [p for p in a.problems if p.level is Level.ERROR]
    assert len(errors) == 1 and errors[0].seed == "good.txt"
    assert "ValueError" in errors[0].message and "report this as a bug" in errors[0].message
    assert a.title == "good"  # the file name, since nothing was extracted
    assert "The blacklist listing" in a.body_text  # the raw text is still published
    a = pipeline.assign_slugs([a])[0]
    page = render_article(a, CONFIG)  # and it renders
    assert "The blacklist listing" in page.text


def test_exception_keeps_a_title_override(monkeypatch):
    monkeypatch.setattr(pipeline, "summarize", lambda article: 1 / 0)
    a = process_seed(seed("o.txt", "---\ntitle: Kept title\n---\n" + GOOD), CONFIG)
    assert a.title == "Kept title"
    assert any(p.level is Level.ERROR and "ZeroDivisionError" in p.message for p in a.problems)


# ---- build --------------------------------------------------------------------------------------

def write_seeds(folder: Path, files: dict[str, str | bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content.encode() if isinstance(content, str) else content)
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_publishes_good_seeds_and_reports_bad_ones(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a_good.txt": GOOD, "b_screenshot.png": PNG})
    docs = tmp_path / "docs"
    report = build(CONFIG, seeds, docs)
    assert [a.seed for a in report.articles] == ["a_good.txt"]
    assert report.seeds_seen == 2
    assert [(p.seed, p.level) for p in report.errors] == [("b_screenshot.png", Level.ERROR)]
    page = docs / "articles" / f"{report.articles[0].slug}.md"
    assert page.is_file() and "US adds Huawei to trade blacklist" in page.read_text(encoding="utf-8")
    for name in ("index.md", "report.md", "tags.md", "articles/index.md", "companies/huawei.md",
                 "topics/entity-list.md"):
        assert (docs / name).is_file(), name
    assert "b\\_screenshot.png" in (docs / "report.md").read_text(encoding="utf-8")
    assert sorted(report.written) == sorted(tree(docs))


def test_build_with_a_failing_stage_still_writes_every_other_page(tmp_path, monkeypatch):
    real = pipeline.extract_metadata

    def flaky(article, config):
        if article.seed == "b_other.txt":
            raise RuntimeError("stage failed")
        return real(article, config)

    monkeypatch.setattr(pipeline, "extract_metadata", flaky)
    seeds = write_seeds(tmp_path / "seeds", {"a_good.txt": GOOD, "b_other.txt": OTHER})
    report = build(CONFIG, seeds, tmp_path / "docs")
    assert sorted(a.seed for a in report.articles) == ["a_good.txt", "b_other.txt"]
    assert [p.seed for p in report.errors] == ["b_other.txt"]


def test_second_build_writes_nothing_and_stale_pages_are_removed(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a.txt": GOOD, "b.txt": OTHER})
    docs = tmp_path / "docs"
    first = build(CONFIG, seeds, docs)
    assert len(first.written) == len(first.pages)
    again = build(CONFIG, seeds, docs)
    assert again.written == () and again.removed == ()
    (seeds / "b.txt").unlink()
    third = build(CONFIG, seeds, docs)
    gone = next(a for a in first.articles if a.seed == "b.txt")
    assert f"articles/{gone.slug}.md" in third.removed
    # Its author's page goes with it (no other article names Mark Roe); its month's digest and its
    # story's feed can go too; nothing hand-written ever does.
    assert "authors/mark-roe.md" in third.removed
    assert all(p.startswith(("articles/", "digests/", "stories/", "feeds/", "authors/")) for p in third.removed)
    assert not (docs / "articles" / f"{gone.slug}.md").exists()


def test_dry_run_writes_nothing(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a.txt": GOOD})
    report = build(CONFIG, seeds, None)
    assert report.pages and report.written == ()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seeds"]


def test_identical_seeds_are_published_once(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a.txt": GOOD, "b.txt": GOOD})
    report = build(CONFIG, seeds, tmp_path / "docs")
    assert [(a.seed, a.duplicates) for a in report.articles] == [("a.txt", ("b.txt",))]
    assert any(p.seed == "b.txt" and p.stage == "identity" for p in report.problems)


def test_jobs_2_gives_byte_identical_pages(tmp_path):
    files = {f"{i:02d}_good.txt": GOOD.replace("Jane Doe", f"Writer Number{i}") for i in range(6)}
    files |= {f"{i:02d}_other.txt": OTHER.replace("Mark Roe", f"Mark Roe{i}x") for i in range(6)}
    files["99_bad.png"] = PNG
    seeds = write_seeds(tmp_path / "seeds", files)
    one = build(CONFIG, seeds, tmp_path / "docs1", jobs=1)
    two = build(CONFIG, seeds, tmp_path / "docs2", jobs=2)
    assert tree(tmp_path / "docs1") == tree(tmp_path / "docs2")
    assert one.problems == two.problems and one.articles == two.articles
    assert len(one.articles) == 12


def test_progress_is_reported_per_seed(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", {"a.txt": GOOD, "b.txt": OTHER, "c.png": PNG})
    calls = []
    build(CONFIG, seeds, None, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 3), (2, 3), (3, 3)]


def test_a_build_leaves_the_garbage_collector_as_it_found_it(tmp_path, monkeypatch):
    """The loaded articles are frozen out of the collector's passes while the site is built, and
    given back at the end, also when a stage raises: nothing stays frozen, the collector runs."""
    import gc

    seeds = write_seeds(tmp_path / "seeds", {"a.txt": GOOD, "b.txt": OTHER})
    frozen = gc.get_freeze_count()
    seen = []
    real = pipeline.render_site
    monkeypatch.setattr(
        pipeline, "render_site", lambda *a: seen.append(gc.get_freeze_count()) or real(*a)
    )
    build(CONFIG, seeds, tmp_path / "docs", cache_dir=tmp_path / "cache")
    assert seen[0] > frozen, "nothing was frozen while the site was rendered"
    assert gc.isenabled() and gc.get_freeze_count() == 0
    monkeypatch.setattr(pipeline, "render_site", lambda *a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        build(CONFIG, seeds, tmp_path / "docs2")
    assert gc.isenabled() and gc.get_freeze_count() == 0
