"""The CLI and the addresses file: generate writes it, check says when it is out of date; counts in
console messages have the right plural."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from generator.cli import count, main
from generator.site.addresses import ADDRESSES_FILE

ROOT = Path(__file__).resolve().parent.parent
TEXT = (
    "Huawei Faces New Curbs\n\nBy Dana Whitfield\nMarch 3, 2021\n\nThe Commerce Department added the company "
    "to its export blacklist on Tuesday, officials said, in a move that bars American suppliers.\n"
)


def run(*args: str):
    return CliRunner().invoke(main, [*args, "--config", str(ROOT / "digest.yml")])


def test_counts_have_the_right_plural():
    assert (count(1, "article"), count(0, "error"), count(2, "seed file")) == (
        "1 article",
        "0 errors",
        "2 seed files",
    )


def test_generate_keeps_the_addresses_file_and_check_says_when_it_is_out_of_date(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(TEXT, encoding="utf-8")
    result = run("generate", "--seeds", str(seeds), "--docs", str(tmp_path / "docs"), "--no-cache")
    assert result.exit_code == 0, result.output
    assert "1 seed file: 1 article published, 0 errors" in result.output
    assert ADDRESSES_FILE in result.output and (seeds / ADDRESSES_FILE).is_file()
    assert "out of date" not in run("check", "--seeds", str(seeds)).output
    (seeds / "b.txt").write_text(
        TEXT.replace("New Curbs", "Other Curbs") + "More.\n", encoding="utf-8"
    )
    checked = run("check", "--seeds", str(seeds))
    assert "out of date" in checked.output and "2 seed files: 2 articles" in checked.output
    again = run("generate", "--seeds", str(seeds), "--docs", str(tmp_path / "docs"), "--no-cache")
    assert (
        ADDRESSES_FILE in again.output
        and "out of date" not in run("check", "--seeds", str(seeds)).output
    )


def test_a_title_correction_redirects_the_old_address_on_the_built_site(tmp_path):
    from generator import pipeline
    from generator.config import load_config
    from generator.site.addresses import save_addresses
    from generator.site.write import build_site

    config = load_config(ROOT / "digest.yml")
    seeds, docs, site = tmp_path / "seeds", tmp_path / "docs", tmp_path / "site"
    seeds.mkdir()
    (seeds / "a.txt").write_text(TEXT, encoding="utf-8")
    first = pipeline.build(config, seeds, docs)
    save_addresses(seeds, first.addresses)
    (seeds / "a.txt").write_text("---\ntitle: Huawei Faces Wider Curbs\n---\n" + TEXT, encoding="utf-8")
    second = pipeline.build(config, seeds, docs)
    [old], [new] = (a.slug for a in first.articles), (a.slug for a in second.articles)
    assert old != new and new.startswith("huawei-faces-wider-curbs-")
    import shutil
    shutil.copy2(ROOT / "docs" / "about.md", docs / "about.md")  # hand-written; the nav names it
    shutil.copytree(ROOT / "docs" / "stylesheets", docs / "stylesheets")
    build_site(ROOT / "mkdocs.yml", docs, site, strict=True)  # as CI builds it
    redirect = (site / "articles" / old / "index.html").read_text(encoding="utf-8")
    assert f"{new}/" in redirect and "refresh" in redirect
    assert (site / "articles" / new / "index.html").is_file()
