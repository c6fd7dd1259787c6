"""Hostile and broken seeds: clear errors, nothing lost, nothing injected.

One corpus of bad seeds (broken encodings, binaries, empty and huge files, script and markup
injection, YAML tricks, odd file names, symbolic links, duplicates) is written into a temporary
seeds folder next to a few benign seeds, generated with `pipeline.build` and built with MkDocs
once per module. Each test then checks one case or one guarantee on that result:

- every file in seeds/ is published or listed in the build report with a specific reason;
- no seed text adds an element, attribute or script to the built HTML;
- front-matter is YAML that parses back to the values the generator meant;
- slugs are unique, and stable when seeds are added or renamed;
- nothing outside seeds/ is read and nothing outside docs/ and site/ is written.

Big files are generated here in tmp_path, never committed.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import zipfile
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner

from generator import pipeline
from generator.cli import main
from generator.config import load_config
from generator.extract.ingest import seed_name
from generator.records import Article, BuildReport, Level
from generator.site.markup import plain
from generator.site.render import article_front_matter, article_path
from generator.site.write import build_site

ROOT = Path(__file__).resolve().parent.parent
DIGEST_YML = ROOT / "digest.yml"
MKDOCS_YML = ROOT / "mkdocs.yml"
CONFIG = load_config(DIGEST_YML)
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# ---- the corpus ---------------------------------------------------------------------------------

PARAS = [
    ("The United States Commerce Department said on Tuesday it would add Huawei and several other Chinese "
     "technology companies to the Entity List over national security concerns."),
    ("Officials in Washington said the move would restrict exports of American components to the companies, "
     "which deny that their equipment is used for surveillance or espionage."),
    ("Analysts said the decision was likely to escalate the trade dispute between the two countries and would "
     "weigh on suppliers that depend on sales to Chinese telecommunications makers."),
]
SECRET = "SECRET-OUTSIDE-MARKER-7f3a"
PWNED = "hostile-yaml-ran"


def article(title: str, *paras: str, byline: str = "By Jane Doe", date: str = "May 5, 2021",
            extra: str = "") -> str:
    body = "\n\n".join(paras or PARAS)
    return f"{title}\n\n{byline}\n{date}\n\n{body}\n{extra}"


XSS_TITLE = """<script>alert('title')</script> Huawei <iframe src="javascript:alert(1)"></iframe> ban x" onclick="alert(9)"""
XSS_SEED = f"""---
author: 'Jane x" onmouseover="alert(1)'
subtitle: '<img src=x onerror=alert(1)> "quoted" <b onclick=alert(2)>sub</b>'
summary: '<script>alert("summary")</script> a summary'
---
{XSS_TITLE}
By Jane Doe
May 5, 2021

{PARAS[0]} It added <script>alert(2)</script> and <img src=x onerror=alert(3)> to the text.

{PARAS[1]} A link <a href="javascript:alert(5)">here</a> and <svg onload=alert(6)> and <style>body{{display:none}}</style>.

<b onmouseover=alert(7)>Bold injected subheading</b>

{PARAS[2]}

Comments

<script>alert('comment')</script> A reader comment <iframe src=//evil.example></iframe> that goes on with <img src=x onerror=alert(8)> in it.
"""
MARKUP_SEED = f"""Markdown And Jinja In A Huawei Story About Templates
By Jane Doe
May 5, 2021

{PARAS[0]} The site name is {{{{ config.site_name }}}} and {{% include 'base.html' %}} and {{# note #}} here.

{PARAS[1]} Click [here](javascript:alert(1)) or ![img](javascript:alert(2)) or <https://example.com/auto> now.

# A Markdown heading

## Second level heading {{#custom-id onclick="alert(3)"}}

| Column A | Column B |
|----------|----------|
| cell one | cell two |

!!! warning "Injected admonition"

??? note "Injected details"

{{: .evil onclick="alert(4)" }}

> A quoted line that should not become a blockquote in the page at all today.

{PARAS[2]} With *emphasis* and __strong__ and `code` and &lt;script&gt; and &#60;b&#62; entities kept.

{PARAS[0]} A table inline | a | b | and a rule --- and ## hashes and - dashes and 1. numbers are kept.

[ref]: javascript:alert(5)
"""
# A saved web page with scripts, frames, handlers and hostile metadata in its head.
HTML_SEED = f"""<!DOCTYPE html>
<html><head>
<title>&lt;script&gt;alert(1)&lt;/script&gt; Huawei "page" title</title>
<meta name="author" content='Evil" onload="alert(1)'>
<meta property="og:title" content="Huawei faces new curbs &quot;onmouseover=&quot;alert(1)">
<script>alert('head')</script>
</head><body onload="alert('body')">
<div class="nav"><a href="/">Home</a></div>
<article>
<h1>Huawei faces new curbs <img src=x onerror=alert(1)></h1>
<p>{PARAS[0]}</p>
<p>{PARAS[1]} <a href="javascript:alert(2)">a javascript link</a> inside.</p>
<iframe src="https://evil.example/frame"></iframe>
<p onclick="alert(3)">{PARAS[2]}</p>
<script>document.write('<img src=x onerror=alert(4)>')</script>
</article>
</body></html>
"""
YAML_TITLE = '--- Huawei: "Ban" #1 !!python/object:os.system \'x\' & <y> ---'
YAML_TITLE_OVERRIDE = '---\n: "quoted" \'single\' #hash !!python/object:os.system\nsecond line: [x] {y} &a *b |'
MOJIBAKE = "Huaweiâ€™s cafÃ© rÃ©sumÃ© â€” naÃ¯ve ZÃ¼rich"
ACCENTED = "Huawei’s café résumé — naïve Zürich"


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8


def _zip() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", article("Zipped Huawei Article About Sanctions"))
    return buffer.getvalue()


def _front(lines: str, text: str) -> str:
    return f"---\n{lines}\n---\n{text}"


def corpus(tmp: Path) -> dict[str, bytes]:
    """File name -> content of every regular seed file in the hostile corpus."""
    pwned = tmp / PWNED
    prose = article("A Stray Control Character Story About Huawei Sanctions").encode()
    return {
        # benign, for comparison: every template feature (subtitle, url, comments, subheading)
        "benign.txt": article("Huawei Faces New Export Restrictions From Washington", byline=(
            "The ban widens to suppliers of chips and software for the company\nBy John Smith"),
            extra=(f"\nWhat comes next\n\n{PARAS[2]}\n\nhttps://www.reuters.com/article/huawei-ban\n\nComments\n\n"
                   "This is a perfectly ordinary reader comment about the article above.\n")).encode(),
        "benign-undated.txt": article("Hikvision Added To The Entity List By Commerce", date="").encode(),
        "benign-paywall.txt": ("Dahua Earnings Fall As Sanctions Bite Into Sales\nBy John Smith\nMay 5, 2021\n\n"
                               f"{PARAS[0]}\n\n" + "\n\n".join(["** ***** ***** ** ******* **** ** *****"] * 4)
                               + f"\n\n{PARAS[1]}\n").encode(),
        # empty and unreadable
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n \r\n\n   ",
        "image.png": _png(),
        "disguised-image.txt": _png(),
        "archive.zip": _zip(),
        "nul-bytes.txt": b"\x00\x01\x02\x03binary\x00\x00" * 200,
        "too-big.txt": b"",  # written separately: 50 MB
        "only-front-matter.txt": b"---\ntitle: A Title But No Text\n---\n",
        # encodings
        "invalid-utf8.txt": article(f"Broken Bytes In A {ACCENTED} Headline").encode().replace(
            b"Broken", b"Bro\xff\xfeken", 1),
        "utf16-bom.txt": article(f"UTF-16 With BOM: {ACCENTED}").encode("utf-16"),
        "utf16le-nobom.txt": article(f"UTF-16 LE Without BOM: {ACCENTED}").encode("utf-16-le"),
        "utf16be-nobom.txt": article(f"UTF-16 BE Without BOM: {ACCENTED}").encode("utf-16-be"),
        "cp1252.txt": article(f"Windows 1252 Text: {ACCENTED}").encode("cp1252"),
        "latin1.txt": article("Latin-1 Text: café résumé naïve Zürich façade").encode("latin-1"),
        "mojibake.txt": article(f"Mojibake Headline: {MOJIBAKE}").encode(),
        "stray-nul.txt": prose[:200] + b"\x00" + prose[200:],
        "control-chars.txt": article("Control \x1b[31mCharacters\x1b[0m In A Huawei\x07 Headline\x0c").encode(),
        # structure
        "title-only.txt": b"Huawei Ban Expanded By The Commerce Department\n",
        "xss.txt": XSS_SEED.encode(),
        "markup.txt": MARKUP_SEED.encode(),
        "saved-page.html": HTML_SEED.encode(),
        "yaml-title.txt": article(YAML_TITLE).encode(),
        "yaml-title-override.txt": _front(f"title: {yaml.safe_dump(YAML_TITLE_OVERRIDE).strip()}",
                                          article("Plain Headline Under A Hostile Override")).encode(),
        "yaml-python-tag.txt": _front(f'title: !!python/object/apply:os.system ["touch {pwned}"]',
                                      article("Python Tag In Front Matter About Huawei")).encode(),
        "yaml-python-tag-text.txt": article(f'!!python/object/apply:os.system ["touch {pwned}"]').encode(),
        # front-matter overrides
        "fm-malformed.txt": _front("title: Huawei: the ban\nauthor: [unclosed", article(
            "Malformed Front Matter Over A Huawei Story")).encode(),
        "fm-unknown-keys.txt": _front("titel: Typo In The Key\nauthor: Jane Roe\ncolour: red\n"
                                      "'`<img src=x onerror=alert(1)>` `x`|y': 1", article(
            "Unknown Keys Over A Huawei Story")).encode(),
        "fm-wrong-types.txt": _front("title: [a, list]\ncompanies: Huawei\ndate: 12345\nauthor: {a: 1}\n"
                                     "url: javascript:alert(1)\nsummary: 42\nslug: 7", article(
                                         "Wrong Types Over A Huawei Story")).encode(),
        "fm-impossible-date.txt": _front("date: 2021-13-45", article("Impossible Date Over A Huawei Story")).encode(),
        "fm-compact-date.txt": _front("date: '20210505'", article("Compact Date Over A Huawei Story")).encode(),
        "fm-duplicate-key.txt": _front("title: First\ntitle: Second", article(
            "Duplicate Key Over A Huawei Story")).encode(),
        "fm-deep.txt": _front("title: " + "[" * 3000, article("Deeply Nested Front Matter Story")).encode(),
        "fm-not-mapping.txt": _front("Just A Headline Set Off By Rules", "\n".join(PARAS)).encode(),
        "fm-unknown-companies.txt": _front(
            'companies: [Huawei, "<img src=x onerror=alert(1)>", Hikvison, hangzhou hikvision]\n'
            "topics: [entity-list, '<b>bold</b>']", article("Unknown Companies Over A Dahua Story")).encode(),
        "fm-reserved-slug.txt": _front("slug: index", article("Reserved Slug Over A Huawei Story")).encode(),
        "fm-traversal-slug.txt": _front("slug: ../../../etc/passwd", article("Traversal Slug Story")).encode(),
        # names
        "name with spaces.txt": article("Spaces In The File Name Of A Huawei Story").encode(),
        "ünïcødé 名前.txt": article("Unicode In The File Name Of A Huawei Story").encode(),
        "dots..in..name.txt": article("Double Dots In The File Name Of A Story").encode(),
        ".hidden.txt": article("A Hidden Seed That Is Skipped").encode(),
        "..double-dot.txt": article("A Double Dot Seed That Is Skipped").encode(),
        ".git/config": b"[core]\n",
        "sub/nested seed.txt": article("A Seed In A Subfolder About Huawei").encode(),
        "new\nline.txt": article("A Newline In The File Name Of A Story").encode(),
        '<script>alert(1)</script> "quoted".txt': article("Markup In The File Name Of A Story").encode(),
        "`<img src=x onerror=alert(2)>` | [x](javascript:alert(3)).png": _png(),
        os.fsdecode(b"bad-\xff-bytes.txt"): article("Undecodable Bytes In The File Name Story").encode(),
        # identity
        "same-content-a.txt": article("Identical Content Published Only Once Here").encode(),
        "same-content-b.txt": article("Identical Content Published Only Once Here").encode(),
        "same-title-1.txt": article("Two Different Stories With The Same Title", PARAS[0]).encode(),
        "same-title-2.txt": article("Two Different Stories With The Same Title", PARAS[1]).encode(),
    }


BIG = 50 * 1024 * 1024


def write_corpus(seeds: Path, outside: Path) -> None:
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_text(article(f"Outside Secret {SECRET} Headline"), encoding="utf-8")
    (outside / "folder").mkdir(exist_ok=True)
    (outside / "folder" / "inner.txt").write_text(article(f"Outside Folder {SECRET}"), encoding="utf-8")
    for name, data in corpus(seeds.parent).items():
        path = seeds / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    chunk = (article("A Fifty Megabyte Seed") * 200).encode()
    with open(seeds / "too-big.txt", "wb") as handle:
        while handle.tell() < BIG:
            handle.write(chunk)
        handle.truncate(BIG)
    (seeds / "link-out.txt").symlink_to(outside / "secret.txt")
    (seeds / "link-out-relative.txt").symlink_to(Path("..") / outside.name / "secret.txt")
    (seeds / "link-dir-out").symlink_to(outside / "folder", target_is_directory=True)
    (seeds / "link-dangling.txt").symlink_to(seeds / "does-not-exist.txt")
    (seeds / "loop-a.txt").symlink_to(seeds / "loop-b.txt")
    (seeds / "loop-b.txt").symlink_to(seeds / "loop-a.txt")
    (seeds / "link-in.txt").symlink_to(seeds / "benign.txt")
    (seeds / "link-dir-in").symlink_to(seeds / "sub", target_is_directory=True)
    os.mkfifo(seeds / "pipe.txt")


# ---- one build for the whole module ----------------------------------------------------------------

@dataclass
class Built:
    root: Path
    seeds: Path
    docs: Path
    site: Path
    outside: Path
    report: BuildReport
    before: dict[str, str]
    after: dict[str, str]

    def article(self, name: str) -> Article:
        for a in self.report.articles:
            if a.seed == name or name in a.duplicates:
                return a
        raise AssertionError(f"{name!r} was not published; its problems: {self.problems(name)}")

    def problems(self, name: str):
        return [p for p in self.report.problems if p.seed == name]

    def html(self, name: str) -> BeautifulSoup:
        a = self.article(name)
        return soup(self.site / "articles" / a.slug / "index.html")

    def markdown(self, name: str) -> str:
        return (self.docs / article_path(self.article(name))).read_text(encoding="utf-8")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def tree(root: Path, skip: tuple[str, ...] = ()) -> dict[str, str]:
    """Every entry under root (links not followed) with a fingerprint of what it is or holds."""
    out = {}
    for folder, dirs, files in os.walk(root):
        rel = Path(folder).relative_to(root)
        dirs[:] = [d for d in dirs if (rel / d).as_posix() not in skip]
        for name in dirs + files:
            path = Path(folder) / name
            key = (rel / name).as_posix()
            if path.is_symlink():
                out[key] = "link:" + os.readlink(path)
            elif path.is_file() and not path.is_fifo():
                stat = path.stat()
                out[key] = f"{stat.st_size}:{stat.st_mtime_ns}"
            else:
                out[key] = "dir" if path.is_dir() else "special"
    return out


def prepare_docs(docs: Path) -> None:
    docs.mkdir(parents=True)
    shutil.copy2(ROOT / "docs" / "about.md", docs / "about.md")
    shutil.copytree(ROOT / "docs" / "stylesheets", docs / "stylesheets")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    root = tmp_path_factory.mktemp("hostile")
    seeds, outside = root / "seeds", root / "outside"
    seeds.mkdir()
    write_corpus(seeds, outside)
    docs, site = root / "docs", root / "site"
    prepare_docs(docs)
    before = tree(root, skip=("docs", "site"))
    report = pipeline.build(CONFIG, seeds, docs)
    build_site(MKDOCS_YML, docs, site, strict=False)
    after = tree(root, skip=("docs", "site"))
    return Built(root, seeds, docs, site, outside, report, before, after)


@pytest.fixture(scope="module")
def benign_site(tmp_path_factory) -> Path:
    """The same templates over benign seeds only: the reference for which HTML our pages may contain."""
    root = tmp_path_factory.mktemp("benign")
    seeds = root / "seeds"
    seeds.mkdir()
    for name, data in corpus(root).items():
        if name.startswith("benign") or name == "title-only.txt":
            (seeds / name).write_bytes(data)
    prepare_docs(root / "docs")
    pipeline.build(CONFIG, seeds, root / "docs")
    build_site(MKDOCS_YML, root / "docs", root / "site", strict=False)
    return root / "site"


def name_of(raw: str) -> str:
    return seed_name(Path("seeds") / raw, Path("seeds"))


def assert_refused(built: Built, name: str, stage: str, *words: str) -> None:
    """The seed is not published and the report names it with an ERROR that says why."""
    assert all(a.seed != name and name not in a.duplicates for a in built.report.articles), f"{name} published"
    errors = [p for p in built.problems(name) if p.level is Level.ERROR]
    assert errors, f"{name}: no error in the report; problems: {built.problems(name)}"
    message = " ".join(p.message for p in errors)
    assert errors[0].stage == stage, errors
    for word in words:
        assert word.lower() in message.lower(), f"{name}: {word!r} not in {message!r}"


def messages(built: Built, name: str, level: Level | None = None) -> str:
    return " | ".join(p.message for p in built.problems(name) if level is None or p.level is level)


# ---- unreadable seeds: refused with a specific reason ------------------------------------------------

@pytest.mark.parametrize("name,stage,words", [
    ("empty.txt", "ingest", ("empty", "0 bytes")),
    ("blank.txt", "ingest", ("blank space",)),
    ("image.png", "ingest", ("binary", "PNG")),
    ("disguised-image.txt", "ingest", ("binary", "PNG")),
    ("archive.zip", "ingest", ("binary", "ZIP")),
    ("nul-bytes.txt", "ingest", ("binary", "NUL")),
    ("too-big.txt", "ingest", ("52,428,800 bytes", "limits.max_seed_bytes", "not read")),
    ("only-front-matter.txt", "ingest", ("front-matter", "no article text")),
    ("link-out.txt", "ingest", ("symbolic link", "outside seeds/")),
    ("link-out-relative.txt", "ingest", ("symbolic link", "outside seeds/")),
    ("link-dir-out", "ingest", ("symbolic link", "outside seeds/")),
    ("link-dangling.txt", "ingest", ("symbolic link", "does not exist")),
    ("loop-a.txt", "ingest", ("symbolic link", "loop")),
    ("pipe.txt", "ingest", ("not a regular file",)),
])
def test_unusable_seed_is_refused_with_its_reason(built, name, stage, words):
    assert_refused(built, name, stage, *words)


def test_every_error_and_warning_says_what_to_do(built):
    verbs = ("remove", "paste", "copy", "save", "trim", "replace", "rename", "check", "fix", "add", "use",
             "choose", "delete", "write", "quote")
    for p in built.report.problems:
        if p.level is not Level.INFO:
            assert any(re.search(rf"\b{v}", p.message.lower()) for v in verbs), f"no advice in: {p}"


@pytest.mark.parametrize("name", [".hidden.txt", "..double-dot.txt", ".git"])
def test_hidden_files_and_folders_are_skipped_and_reported(built, name):
    assert all(a.seed != name for a in built.report.articles)
    assert "hidden" in messages(built, name, Level.INFO)
    assert not built.problems(".git/config"), "a hidden folder is reported once, not file by file"


def test_fifty_megabyte_seed_never_reaches_the_pages(built):
    assert (built.seeds / "too-big.txt").stat().st_size >= BIG
    assert all("Fifty Megabyte" not in a.title for a in built.report.articles)


# ---- encodings: decoded right, with a note when it was a guess -----------------------------------------

@pytest.mark.parametrize("name,title", [
    ("utf16-bom.txt", f"UTF-16 With BOM: {ACCENTED}"),
    ("utf16le-nobom.txt", f"UTF-16 LE Without BOM: {ACCENTED}"),
    ("utf16be-nobom.txt", f"UTF-16 BE Without BOM: {ACCENTED}"),
    ("cp1252.txt", f"Windows 1252 Text: {ACCENTED}"),
    ("latin1.txt", "Latin-1 Text: café résumé naïve Zürich façade"),
    ("mojibake.txt", f"Mojibake Headline: {ACCENTED}"),
])
def test_encoded_seed_is_decoded(built, name, title):
    a = built.article(name)
    assert a.title == title
    assert [b.text for b in a.blocks if b.kind == "p"] == PARAS
    assert not [p for p in built.problems(name) if p.level is Level.ERROR]


@pytest.mark.parametrize("name", ["cp1252.txt", "latin1.txt"])
def test_non_utf8_seed_gets_a_note_naming_the_encoding(built, name):
    assert re.search(r"not UTF-8.*read as (Windows-1252|Latin-1)", messages(built, name, Level.INFO))


def test_invalid_utf8_is_kept_and_flagged(built):
    a = built.article("invalid-utf8.txt")
    assert a.title == f"Bro\ufffd\ufffdken Bytes In A {ACCENTED} Headline", "valid UTF-8 around the damage is kept"
    assert "not valid UTF-8" in messages(built, "invalid-utf8.txt", Level.WARNING)


def test_stray_nul_and_control_characters_are_removed(built):
    a = built.article("stray-nul.txt")
    assert "NUL" in messages(built, "stray-nul.txt", Level.WARNING)
    assert [b.text for b in a.blocks if b.kind == "p"] == PARAS
    c = built.article("control-chars.txt")
    assert c.title == "Control Characters In A Huawei Headline"  # terminal colour codes removed whole
    for page in (built.docs / article_path(a), built.docs / article_path(c)):
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", page.read_text(encoding="utf-8"))


# ---- structure ------------------------------------------------------------------------------------------

def test_title_only_seed_is_published_with_a_warning(built):
    a = built.article("title-only.txt")
    assert a.title == "Huawei Ban Expanded By The Commerce Department"
    assert not [b for b in a.blocks if b.kind == "p"]
    assert "only a headline or byline, no article text" in messages(built, "title-only.txt", Level.WARNING)


def test_seed_text_is_shown_as_text(built):
    """Script, markup and template syntax in the seed appear on the page as the characters typed."""
    text = built.html("xss.txt").find("article").get_text(" ")
    for typed in ("<script>alert(2)</script>", "<img src=x onerror=alert(3)>", '<a href="javascript:alert(5)">',
                  "<svg onload=alert(6)>", "<script>alert('comment')</script>", "<iframe src=//evil.example>"):
        assert typed in text, typed
    text = built.html("markup.txt").find("article").get_text(" ")
    for typed in ("{{ config.site_name }}", "{% include 'base.html' %}", "{# note #}", "[here](javascript:alert(1))",
                  "![img](javascript:alert(2))", "*emphasis*", "__strong__", "`code`", "&lt;script&gt;",
                  "&#60;b&#62;", "| a | b |", "<https://example.com/auto>"):
        assert typed in text, typed
    assert CONFIG.site.title not in text, "Jinja syntax in a seed was executed"
    # Lines of pure syntax are shown as typed, or dropped as page furniture (listed with -v), never rendered.
    dropped = {d.line for d in built.article("markup.txt").dropped}
    for line in MARKUP_SEED.splitlines()[4:]:
        if line.strip():
            assert line in text or line in dropped, line


def test_markdown_in_a_seed_adds_no_structure(built):
    article_tag = built.html("markup.txt").find("article")
    assert not article_tag.find(["table", "blockquote", "em", "code", "img", "pre", "ol"])
    assert all(s.find_parent("p", class_=re.compile("digest-")) for s in article_tag.find_all("strong"))
    assert not article_tag.find(class_="evil") and not article_tag.find(id="custom-id")
    admonitions = [d.get_text(" ", strip=True) for d in article_tag.find_all(class_="admonition")]
    assert all("Injected" not in t for t in admonitions)
    assert all(a["href"].startswith(("../", "#", "http")) for a in article_tag.find_all("a", href=True))


def test_saved_web_page_is_read_without_its_scripts(built):
    a = built.article("saved-page.html")
    assert a.format == "html"
    assert PARAS[0] in a.body_text
    assert "alert('head')" not in a.body_text and "document.write" not in a.body_text


@pytest.mark.parametrize("name", ["yaml-python-tag.txt", "yaml-python-tag-text.txt"])
def test_yaml_tags_are_never_executed(built, name):
    assert not (built.root / PWNED).exists()
    assert built.article(name)


def test_yaml_syntax_in_a_title_stays_text(built):
    a = built.article("yaml-title.txt")
    assert a.title == YAML_TITLE
    fm = front_matter_of(built.markdown("yaml-title.txt"))
    assert fm["title"] == plain(YAML_TITLE)
    o = built.article("yaml-title-override.txt")
    assert o.title == " ".join(YAML_TITLE_OVERRIDE.split())
    assert front_matter_of(built.markdown("yaml-title-override.txt"))["title"] == plain(o.title)


# ---- front-matter overrides ---------------------------------------------------------------------------

@pytest.mark.parametrize("name,words", [
    ("fm-malformed.txt", ("not valid YAML", "line")),
    ("fm-unknown-keys.txt", ("'titel'", "'colour'", "unknown")),
    ("fm-wrong-types.txt", ("'title' must be text", "'companies' must be", "'date'", "'author'", "url", "'summary'")),
    ("fm-impossible-date.txt", ("could not be read", "month must be in 1..12")),
    ("fm-compact-date.txt", ("not a date written YYYY-MM-DD",)),
    ("fm-duplicate-key.txt", ("'title' twice",)),
    ("fm-deep.txt", ("front-matter",)),
    ("yaml-python-tag.txt", ("cannot be read safely", "YAML tag")),
    ("fm-unknown-companies.txt", ("'Hikvison'", "not in digest.yml", "'<b>bold</b>'")),
    ("fm-reserved-slug.txt", ("slug 'index'",)),
])
def test_bad_front_matter_is_published_with_a_precise_warning(built, name, words):
    a = built.article(name)
    assert [b.text for b in a.blocks if b.kind == "p"] == PARAS
    text = messages(built, name, Level.WARNING)
    for word in words:
        assert word in text, f"{word!r} not in {text!r}"


def test_valid_overrides_next_to_bad_ones_still_apply(built):
    assert built.article("fm-unknown-keys.txt").author == "Jane Roe"
    a = built.article("fm-wrong-types.txt")
    assert a.title == "Wrong Types Over A Huawei Story" and a.url is None and a.date == "2021-05-05"
    assert built.article("fm-duplicate-key.txt").title == "Duplicate Key Over A Huawei Story"


def test_unknown_companies_and_topics_are_dropped_aliases_mapped(built):
    a = built.article("fm-unknown-companies.txt")
    assert a.companies == ("Huawei", "Hikvision") and a.topics == ("entity-list",)
    fm = front_matter_of(built.markdown("fm-unknown-companies.txt"))
    assert fm["tags"][:2] == ["Huawei", "Hikvision"]


def test_a_block_that_is_not_front_matter_stays_text(built):
    a = built.article("fm-not-mapping.txt")
    assert "Just A Headline Set Off By Rules" in (a.title, *a.header, *(b.text for b in a.blocks))
    assert "kept as article text" in messages(built, "fm-not-mapping.txt")


def test_hand_set_slugs_stay_inside_articles(built):
    assert built.article("fm-traversal-slug.txt").slug == "etc-passwd"
    reserved = built.article("fm-reserved-slug.txt").slug
    assert reserved.startswith("index-") and (built.site / "articles" / reserved / "index.html").exists()


# ---- file names ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("raw,title", [
    ("name with spaces.txt", "Spaces In The File Name Of A Huawei Story"),
    ("ünïcødé 名前.txt", "Unicode In The File Name Of A Huawei Story"),
    ("dots..in..name.txt", "Double Dots In The File Name Of A Story"),
    ("sub/nested seed.txt", "A Seed In A Subfolder About Huawei"),
    ("new\nline.txt", "A Newline In The File Name Of A Story"),
    ('<script>alert(1)</script> "quoted".txt', "Markup In The File Name Of A Story"),
    (os.fsdecode(b"bad-\xff-bytes.txt"), "Undecodable Bytes In The File Name Story"),
])
def test_odd_file_names_are_published_under_a_printable_name(built, raw, title):
    name = name_of(raw)
    a = built.article(name)
    assert a.title == title
    assert name.isprintable() and "\n" not in name
    assert re.fullmatch(r"[a-z0-9-]+", a.slug)
    fm = front_matter_of(built.markdown(name))
    assert fm["seed"] == plain(name)


def test_printable_names():
    assert name_of("new\nline.txt") == "new\\nline.txt"
    assert name_of(os.fsdecode(b"bad-\xff.txt")) == "bad-\\xff.txt"
    assert name_of("esc\x1b[31m.txt") == "esc\\x1b[31m.txt"


# ---- symbolic links ---------------------------------------------------------------------------------

def test_links_out_of_seeds_are_never_followed(built):
    for path in [*built.docs.rglob("*.md"), *built.site.rglob("*.html"), *built.site.rglob("*.json")]:
        assert SECRET not in path.read_text(encoding="utf-8", errors="replace"), path
    assert all(SECRET not in a.title for a in built.report.articles)


def test_a_link_inside_seeds_is_read_as_the_same_article(built):
    benign = built.article("benign.txt")
    assert "link-in.txt" in benign.duplicates
    assert "same text as benign.txt" in messages(built, "link-in.txt")
    assert "inside seeds/" in messages(built, "link-dir-in", Level.INFO)
    assert built.article("sub/nested seed.txt")


# ---- identity ---------------------------------------------------------------------------------------

def test_identical_seeds_are_published_once(built):
    a = built.article("same-content-a.txt")
    assert a.seed == "same-content-a.txt" and a.duplicates == ("same-content-b.txt",)
    assert "same text as same-content-a.txt" in messages(built, "same-content-b.txt", Level.INFO)
    assert front_matter_of(built.markdown("same-content-a.txt"))["duplicates"] == ["same-content-b.txt"]


def test_same_title_gives_two_pages(built):
    one, two = built.article("same-title-1.txt"), built.article("same-title-2.txt")
    assert one.slug != two.slug
    assert one.slug.rsplit("-", 1)[0] == two.slug.rsplit("-", 1)[0] == "two-different-stories-with-the-same-title"


def test_slugs_are_unique(built):
    slugs = [a.slug for a in built.report.articles]
    assert len(slugs) == len(set(slugs))
    paths = [p.path for p in built.report.pages]
    assert len(paths) == len(set(paths))


def slugs_of(seeds: Path) -> dict[str, str]:
    report = pipeline.build(CONFIG, seeds, None)
    return {name: a.slug for a in report.articles for name in (a.seed, *a.duplicates)}


def test_new_and_renamed_seeds_never_move_an_existing_url(built, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    names = ["benign.txt", "benign-undated.txt", "same-title-1.txt", "title-only.txt", "xss.txt", "markup.txt",
             "fm-reserved-slug.txt", "cp1252.txt"]
    for name in names:
        shutil.copy2(built.seeds / name, seeds / name)
    before = slugs_of(seeds)
    # New seeds: the same title, an earlier-sorting copy, a clashing hand-set slug, a slug taken from a title.
    (seeds / "same-title-3.txt").write_text(article("Two Different Stories With The Same Title", PARAS[2]))
    (seeds / "0-copy-of-benign.txt").write_bytes((built.seeds / "benign.txt").read_bytes())
    (seeds / "zz-index.txt").write_text(_front("slug: index", article("Another Reserved Slug Story")))
    (seeds / "zz-clash.txt").write_text(_front(f"slug: {before['benign.txt']}", article("A Slug Thief Story")))
    after = slugs_of(seeds)
    assert {n: after[n] for n in names} == before
    # Renamed: same content under a new name keeps its URL, even when the title came from the name.
    for old in names:
        (seeds / old).rename(seeds / f"renamed-{old}")
    renamed = slugs_of(seeds)
    assert {n: renamed[f"renamed-{n}"] for n in names} == before


def test_title_from_the_file_name_does_not_make_the_url(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "first-name.txt").write_text("Home | News | Sport\n")
    first = slugs_of(seeds)["first-name.txt"]
    (seeds / "first-name.txt").rename(seeds / "second-name.txt")
    assert slugs_of(seeds)["second-name.txt"] == first


# ---- guarantee: nothing silently lost ---------------------------------------------------------------

def every_entry(seeds: Path) -> list[str]:
    """Every file, link and special file in seeds/, named as the report names them; a hidden folder
    stands for everything in it."""
    out = []
    for folder, dirs, files in os.walk(seeds):
        here = Path(folder)
        out += [seed_name(here / d, seeds) for d in dirs if d.startswith(".") or (here / d).is_symlink()]
        dirs[:] = [d for d in dirs if not d.startswith(".") and not (here / d).is_symlink()]
        out += [seed_name(here / f, seeds) for f in files]
    return sorted(out)


def test_every_seed_is_published_or_reported(built):
    published = {n for a in built.report.articles for n in (a.seed, *a.duplicates)}
    reported = {p.seed for p in built.report.problems}
    entries = every_entry(built.seeds)
    assert len(entries) > 60
    lost = [e for e in entries if e not in published and e not in reported]
    assert not lost, f"seeds neither published nor reported: {lost}"
    assert built.report.seeds_seen >= len(entries) - 2  # hidden folder and the link to one count once


def test_every_unpublished_seed_is_on_the_report_page(built):
    published = {n for a in built.report.articles for n in (a.seed, *a.duplicates)}
    page = soup(built.site / "report" / "index.html")
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in page.find_all("tr")]
    listed = {(r[0], r[1], r[2]) for r in rows if len(r) == 4}
    for p in built.report.problems:
        if p.seed not in published:
            assert (p.seed, p.stage, p.level.value) in listed, p


def test_report_counts_match(built):
    page = soup(built.site / "report" / "index.html").find("article").get_text(" ")
    assert f"{built.report.seeds_seen} files in seeds/" in page
    assert f"{len(built.report.errors)} errors" in page


# ---- guarantee: nothing injected into the built HTML ----------------------------------------------------

def shape(page: BeautifulSoup) -> set[tuple[str, tuple[str, ...]]]:
    return {(tag.name, tuple(sorted(tag.attrs))) for tag in page.find_all(True)}


def scripts(page: BeautifulSoup) -> set[str]:
    """Each script's address or text, without the page's depth (`../../`), so pages of any depth
    (paginated author pages sit three folders down) compare with the benign site's."""
    def text(script) -> str:
        text = re.sub(r'"base": "[./]*"|new URL\("[./]*"', "", script.get_text())
        return re.sub(r'(?<=")(?:\.\./)+', "", text)
    return {re.sub(r"^(?:\.\./)+", "", s.get("src") or "") or text(s) for s in page.find_all("script")}


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


def test_built_pages_hold_only_our_markup(built, benign_site):
    """Every element and attribute set on every page of the hostile site also occurs on the benign
    site, built from the same templates; scripts are Material's own."""
    allowed: set = set()
    allowed_scripts: set = set()
    allowed_js_links: set = set()
    for path in html_pages(benign_site):
        page = soup(path)
        allowed |= shape(page)
        allowed_scripts |= scripts(page)
        allowed_js_links |= {str(t) for t in page.find_all(href=re.compile(r"^\s*javascript:", re.IGNORECASE))}
    pages = html_pages(built.site)
    assert len(pages) > 50
    for path in pages:
        page = soup(path)
        extra = shape(page) - allowed
        assert not extra, f"{path.relative_to(built.site)}: markup not from our templates: {extra}"
        assert scripts(page) <= allowed_scripts, f"{path}: {scripts(page) - allowed_scripts}"
        assert not page.find_all(["iframe", "object", "embed", "frame"]), path
        for tag in page.find_all(True):
            handlers = [a for a in tag.attrs if a.lower().startswith("on")]
            assert not handlers, f"{path}: {tag.name} has {handlers}"
        for tag in page.find_all(href=re.compile(r"^\s*javascript:", re.IGNORECASE)):
            assert str(tag) in allowed_js_links, f"{path}: {tag}"
        for tag in page.find_all(src=re.compile(r"^\s*javascript:", re.IGNORECASE)):
            raise AssertionError(f"{path}: {tag}")


@pytest.mark.parametrize("name", ["xss.txt", "markup.txt", "saved-page.html", "yaml-title.txt",
                                  '<script>alert(1)</script> "quoted".txt', "fm-unknown-companies.txt"])
def test_hostile_article_head_is_inert(built, name):
    page = built.html(name)
    head = page.find("head")
    assert [m.get("content") for m in head.find_all("meta", attrs={"name": "author"})] == \
        ([plain(built.article(name).author)] if built.article(name).author else [])
    assert not head.find_all(["iframe", "img", "svg"])
    title = head.find("title").get_text()
    assert "<" not in title and ">" not in title
    header = page.find(attrs={"data-md-component": "header-topic"}).find("span")
    assert header.find_all(True) == [] and header.get_text(strip=True) == plain(built.article(name).title)


def test_xss_author_cannot_leave_its_attribute(built):
    meta = built.html("xss.txt").find("meta", attrs={"name": "author"})
    assert set(meta.attrs) == {"name", "content"}
    assert meta["content"] == "Jane x\u201d onmouseover=\u201dalert(1)" == plain('Jane x" onmouseover="alert(1)')


# ---- guarantee: front-matter round-trips --------------------------------------------------------------

def front_matter_of(text: str) -> dict:
    assert text.startswith("---\n")
    end = text.index("\n---\n", 4)
    return yaml.safe_load(text[4:end + 1])


def test_front_matter_parses_back_to_the_same_values(built):
    from mkdocs.utils.meta import get_data
    for a in built.report.articles:
        text = (built.docs / article_path(a)).read_text(encoding="utf-8")
        expected = article_front_matter(a, CONFIG)
        assert front_matter_of(text) == expected, a.seed
        assert get_data(text)[1] == expected, f"MkDocs reads other values for {a.seed}"


# ---- guarantee: nothing read or written outside ----------------------------------------------------------

def test_build_writes_only_into_docs_and_site(built):
    assert built.after == built.before  # seeds/, outside/ and the rest of the folder, byte for byte
    for path in built.docs.rglob("*"):
        assert not path.is_symlink() and path.resolve().is_relative_to(built.docs.resolve())


def test_outside_files_are_unchanged(built):
    assert (built.outside / "secret.txt").read_text(encoding="utf-8") == article(f"Outside Secret {SECRET} Headline")


# ---- the console report and the exit codes ------------------------------------------------------------

def cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_strict_build_fails_and_lists_each_error(built, tmp_path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    prepare_docs(docs)
    result = cli("build", "--strict", "--seeds", str(built.seeds), "--docs", str(docs), "--site", str(site),
                 "--config", str(DIGEST_YML), "--mkdocs-config", str(MKDOCS_YML))
    out = result.output + (result.stderr if result.stderr not in result.output else "")
    assert result.exit_code == 1, out
    for p in built.report.errors:
        assert f"error  {p.seed} [{p.stage}]: {p.message}" in out, p
    assert f"{len(built.report.errors)} errors" in out
    assert "Site built in" in out, "the failure must come from the seed errors, not from MkDocs"


def test_generate_without_strict_succeeds(built, tmp_path):
    result = cli("generate", "--seeds", str(built.seeds), "--docs", str(tmp_path / "docs"),
                 "--config", str(DIGEST_YML))
    assert result.exit_code == 0
    assert (tmp_path / "docs" / "report.md").exists()


def test_check_fails_on_errors_and_writes_nothing(built, tmp_path):
    before = tree(built.root, skip=("docs", "site"))
    result = cli("check", "--seeds", str(built.seeds), "--config", str(DIGEST_YML))
    assert result.exit_code == 1
    assert tree(built.root, skip=("docs", "site")) == before


def test_parallel_build_reports_the_same(built):
    """With -j 2 every seed is read in a worker process; a seed that would block or crash a worker
    (the pipe, the 50 MB file, broken YAML) must give the same report."""
    parallel = pipeline.build(CONFIG, built.seeds, None, jobs=2)
    assert [(a.seed, a.slug, a.duplicates) for a in parallel.articles] == \
        [(a.seed, a.slug, a.duplicates) for a in built.report.articles]
    assert sorted(map(repr, parallel.problems)) == sorted(map(repr, built.report.problems))


def test_size_limit_is_configurable(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "small.txt").write_text(article("A Small Seed About Huawei Sanctions"))
    (seeds / "large.txt").write_text(article("A Larger Seed About Huawei Sanctions") * 20)
    config = replace(CONFIG, max_seed_bytes=(seeds / "small.txt").stat().st_size + 10)
    report = pipeline.build(config, seeds, None)
    assert [a.seed for a in report.articles] == ["small.txt"]
    [problem] = [p for p in report.problems if p.seed == "large.txt"]
    assert problem.level is Level.ERROR and f"limit of {config.max_seed_bytes:,} bytes" in problem.message


def test_corpus_fingerprint_is_deterministic(tmp_path):
    """The corpus itself is deterministic, so a failure here is reproducible."""
    one, two = corpus(tmp_path), corpus(tmp_path)
    assert {k: hashlib.sha256(v).hexdigest() for k, v in one.items()} == \
        {k: hashlib.sha256(v).hexdigest() for k, v in two.items()}


def test_seed_values_quoted_in_messages_cannot_format_the_report(built):
    """A backtick in a seed's value would turn part of a report message into code."""
    quoted = messages(built, "fm-unknown-keys.txt", Level.WARNING)
    assert "<img src=x onerror=alert(1)>' 'x'|y" in quoted and "`" not in quoted.replace("`key: value`", "")
