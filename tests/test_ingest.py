"""Reading seeds: finding files safely, refusing what is not an article, decoding any encoding, and
splitting off the seed's own front-matter. Each bad input gives a Problem, never an exception."""
from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.extract.ingest import (
    MAX_FRONT_MATTER_CHARS,
    OVERRIDE_TYPES,
    decode_seed,
    find_seed_files,
    normalise,
    read_seed,
    seed_name,
    split_overrides,
)
from generator.records import Level

ROOT = Path(__file__).resolve().parent.parent
TEXT = ("Huawei Faces New Export Restrictions\n\nBy Jane Doe\nMay 5, 2021\n\n"
        "The United States Commerce Department said on Tuesday it would add Huawei to the Entity List.\n")
ACCENTED = "Huawei’s “café” résumé — naïve Zürich €5"


def levels(seed) -> list[tuple[str, str]]:
    return [(p.level.value, p.message) for p in seed.problems]


def only(seed, level: Level) -> str:
    found = [p.message for p in seed.problems if p.level is level]
    assert len(found) == 1, seed.problems
    return found[0]


# ---- finding seed files ------------------------------------------------------------------------------

@pytest.fixture
def seeds(tmp_path) -> Path:
    path = tmp_path / "seeds"
    path.mkdir()
    (path / "b.txt").write_text(TEXT)
    (path / "a.txt").write_text(TEXT)
    (path / "sub").mkdir()
    (path / "sub" / "c.txt").write_text(TEXT)
    return path


def names(files, seeds_dir):
    return [seed_name(f, seeds_dir) for f in files]


def test_regular_files_are_found_sorted_and_nested(seeds):
    files, problems = find_seed_files(seeds)
    assert names(files, seeds) == ["a.txt", "b.txt", "sub/c.txt"] and problems == []


def test_hidden_files_and_folders_are_reported_once(seeds):
    (seeds / ".DS_Store").write_bytes(b"\x00\x00")
    (seeds / ".git").mkdir()
    for i in range(5):
        (seeds / ".git" / f"object{i}").write_text("x")
    files, problems = find_seed_files(seeds)
    assert names(files, seeds) == ["a.txt", "b.txt", "sub/c.txt"]
    assert [(p.seed, p.level) for p in problems] == [(".git", Level.INFO), (".DS_Store", Level.INFO)]
    assert "hidden folder" in problems[0].message and "rename" in problems[1].message


def test_symlinks_are_checked_before_anything_is_read(seeds, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret")
    (seeds / "out.txt").symlink_to(outside / "secret.txt")
    (seeds / "out-relative.txt").symlink_to(Path("..") / "outside" / "secret.txt")
    (seeds / "out-dir").symlink_to(outside, target_is_directory=True)
    (seeds / "dangling.txt").symlink_to(seeds / "nope.txt")
    (seeds / "loop1").symlink_to(seeds / "loop2")
    (seeds / "loop2").symlink_to(seeds / "loop1")
    (seeds / "in.txt").symlink_to(seeds / "a.txt")
    (seeds / "in-dir").symlink_to(seeds / "sub", target_is_directory=True)
    (seeds / "chain.txt").symlink_to(seeds / "out.txt")
    files, problems = find_seed_files(seeds)
    assert names(files, seeds) == ["a.txt", "b.txt", "in.txt", "sub/c.txt"]
    got = {p.seed: p.level for p in problems}
    assert got == {"out.txt": Level.ERROR, "out-relative.txt": Level.ERROR, "out-dir": Level.ERROR,
                   "dangling.txt": Level.ERROR, "loop1": Level.ERROR, "loop2": Level.ERROR,
                   "chain.txt": Level.ERROR, "in-dir": Level.INFO}
    assert all("symbolic link" in p.message for p in problems)


def test_special_files_are_reported_not_opened(seeds):
    os.mkfifo(seeds / "pipe.txt")  # opening it for reading would block the build forever
    files, problems = find_seed_files(seeds)
    assert "pipe.txt" not in names(files, seeds)
    assert [(p.seed, p.level) for p in problems] == [("pipe.txt", Level.ERROR)]
    assert "not a regular file" in problems[0].message


def test_seeds_folder_given_through_a_link(seeds, tmp_path):
    link = tmp_path / "linked-seeds"
    link.symlink_to(seeds, target_is_directory=True)
    (seeds / "in.txt").symlink_to(seeds / "a.txt")
    files, problems = find_seed_files(link)
    assert names(files, link) == ["a.txt", "b.txt", "in.txt", "sub/c.txt"] and problems == []


@pytest.mark.parametrize("raw,shown", [
    ("plain.txt", "plain.txt"), ("with space.txt", "with space.txt"), ("ünï 名前.txt", "ünï 名前.txt"),
    ("new\nline.txt", "new\\nline.txt"), ("tab\there.txt", "tab\\there.txt"), ("esc\x1b[1m.txt", "esc\\x1b[1m.txt"),
    (os.fsdecode(b"bad\xff.txt"), "bad\\xff.txt"), ("sub/x.txt", "sub/x.txt"),
])
def test_seed_names_are_printable(raw, shown):
    assert seed_name(Path("/s") / raw, Path("/s")) == shown


# ---- reading: size limit -----------------------------------------------------------------------------

def test_over_the_limit_is_refused_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB, sparse: costs no disk and no time
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("an over-limit seed was opened"))
    monkeypatch.setattr(Path, "read_bytes", lambda *a, **k: pytest.fail("an over-limit seed was read"))
    seed = read_seed(big, "big.txt", 5_000_000)
    assert seed.text == "" and seed.size == 50 * 1024 * 1024
    message = only(seed, Level.ERROR)
    assert "52,428,800 bytes" in message and "5,000,000" in message and "limits.max_seed_bytes" in message
    assert "not read" in message and "raise the limit" in message


def test_a_file_that_grows_while_read_is_refused_not_half_read(tmp_path, monkeypatch):
    path = tmp_path / "growing.txt"
    path.write_text(TEXT * 10)
    real_stat = Path.stat

    class Small:
        st_size = 10

    monkeypatch.setattr(Path, "stat", lambda self, **k: Small() if self == path else real_stat(self, **k))
    seed = read_seed(path, "growing.txt", 100)
    assert seed.text == "" and "grew while it was read" in only(seed, Level.ERROR)


def test_at_the_limit_is_read(tmp_path):
    path = tmp_path / "exact.txt"
    path.write_text(TEXT)
    seed = read_seed(path, "exact.txt", path.stat().st_size)
    assert seed.text.startswith("Huawei Faces") and not seed.problems


def test_unreadable_file_is_reported(tmp_path):
    seed = read_seed(tmp_path / "missing.txt", "missing.txt", 1000)
    assert "cannot read the file" in only(seed, Level.ERROR)


TWO_MB_SCRIPT = textwrap.dedent("""
    import random, resource, sys, time
    from pathlib import Path
    from generator.config import load_config
    from generator.extract.ingest import decode_seed
    from generator.pipeline import process_seed
    from generator.site.render import render_article
    config = load_config(Path(sys.argv[1]))
    random.seed(7)
    words = "the government said the company would face new export rules over security concerns".split()
    line = " ".join(" ".join(random.choice(words) for _ in range(20)).capitalize() + "." for _ in range(16000))
    data = ("A Headline Over One Enormous Line\\n\\n" + line[:2_000_000]).encode()
    start = time.perf_counter()
    article = process_seed(decode_seed("one-line.txt", data), config)
    page = render_article(article, config)
    seconds = time.perf_counter() - start
    kept = sum(len(b.text) for b in article.blocks)
    print(seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, kept, len(page.text))
""")


def test_two_megabyte_single_line_in_bounded_time_and_memory():
    """A 2 MB paragraph without a single line break (under the default 5 MB limit) is processed whole,
    in a fresh process so the peak memory is its own."""
    proc = subprocess.run([sys.executable, "-c", TWO_MB_SCRIPT, str(ROOT / "digest.yml")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    seconds, peak_mb, kept, page = proc.stdout.split()
    assert float(seconds) < 40, f"2 MB line took {seconds} s"
    assert int(peak_mb) < 400, f"2 MB line peaked at {peak_mb} MB"
    assert int(kept) > 1_900_000 and int(page) > 1_900_000, "the long line was not kept whole"


# ---- decoding ------------------------------------------------------------------------------------------

def test_empty_and_blank_files_are_errors_with_distinct_messages():
    assert "0 bytes" in only(decode_seed("e.txt", b""), Level.ERROR)
    blank = decode_seed("b.txt", " \n\t\r\n\u00a0\n\u200b".encode())
    assert "only blank space" in only(blank, Level.ERROR)
    fm = decode_seed("f.txt", b"---\ntitle: Only A Title\n---\n\n")
    assert "no article text under it" in only(fm, Level.ERROR) and fm.overrides == {"title": "Only A Title"}


@pytest.mark.parametrize("data,kind", [
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"), (b"PK\x03\x04" + bytes(100), "ZIP"), (b"%PDF-1.7\n%", "PDF"),
    (b"GIF89a" + bytes(10), "GIF"), (b"\xff\xd8\xff\xe0" + bytes(10), "JPEG"), (b"\x7fELF\x02\x01", "executable"),
    (b"\x1f\x8b\x08\x00", "gzip"), (b"Rar!\x1a\x07", "RAR"), (b"\xd0\xcf\x11\xe0\xa1\xb1", "Office"),
    (bytes(range(32)) * 20, "NUL"), (b"\x01\x02\x03\x04\x05\x06\x07\x08 text" * 20, "control bytes"),
])
def test_binary_files_are_refused(data, kind):
    seed = decode_seed("x.txt", data)
    message = only(seed, Level.ERROR)
    assert "binary file" in message and kind in message and "remove it from seeds/" in message
    assert seed.text == ""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                                      "cp1252"])
def test_encodings_round_trip(encoding):
    text = f"{ACCENTED}\n\n{TEXT}"
    seed = decode_seed("x.txt", text.encode(encoding))
    assert seed.text == text
    assert not [p for p in seed.problems if p.level is not Level.INFO]


@pytest.mark.parametrize("text,encoding", [
    ("Latin-1 : café résumé naïve Zürich façade. " * 3, "latin-1"),
    ("Хуавэй попала под санкции. Министерство торговли США заявило во вторник.", "cp1251"),
    ("华为受到制裁。美国商务部周二表示，将把该公司列入黑名单。分析人士说这一决定可能会加剧贸易争端。", "gb18030"),
    ("ファーウェイは制裁を受けた。米商務省は火曜日、同社をブラックリストに加えると発表した。", "shift_jis"),
    ("Η κυβέρνηση των ΗΠΑ ανακοίνωσε την Τρίτη ότι θα προσθέσει τη Huawei στη μαύρη λίστα.", "cp1253"),
])
def test_legacy_encodings_are_detected_with_a_note(text, encoding):
    seed = decode_seed("x.txt", text.encode(encoding))
    assert seed.text.strip() == text.strip()
    assert "not UTF-8" in only(seed, Level.INFO)


def test_invalid_utf8_keeps_the_good_text_and_counts_the_bad_bytes():
    data = ACCENTED.encode() + b" \xff\xfe broken \xc3 end\n" + TEXT.encode()
    seed = decode_seed("x.txt", data)
    assert seed.encoding == "utf-8" and seed.text.startswith(ACCENTED + " \ufffd\ufffd broken \ufffd end")
    assert "3 byte sequences are not valid UTF-8" in only(seed, Level.WARNING)


def test_mojibake_is_repaired():
    seed = decode_seed("x.txt", (ACCENTED.encode("utf-8").decode("cp1252", "replace") + "\n").encode())
    broken = ACCENTED.encode("utf-8").decode("cp1252", "replace")
    assert broken != ACCENTED
    seed = decode_seed("x.txt", "Huaweiâ€™s cafÃ© rÃ©sumÃ© â€” naÃ¯ve ZÃ¼rich\n".encode())
    assert seed.text == "Huawei’s café résumé — naïve Zürich\n"


def test_a_stray_nul_is_removed_with_a_warning():
    seed = decode_seed("x.txt", TEXT.encode()[:30] + b"\x00" + TEXT.encode()[30:])
    assert seed.text == TEXT and "1 NUL byte" in only(seed, Level.WARNING)


def test_control_characters_and_odd_breaks_are_normalised():
    raw = "Title\x1b[31m red\x1b[0m\x07\r\nline\rtwo\x0cpage\u2028sep\x85nel\u00a0nbsp\u200bzw\t tab  \n\n\n"
    # \x85 is NEL in Latin-1 but "…" in Windows-1252, which is what it almost always was.
    assert normalise(raw) == "Title red\nline\ntwo\npage\nsep…nel nbspzw  tab\n"


def test_html_and_text_are_told_apart_by_content():
    page = "<!DOCTYPE html><html><head><title>t</title></head><body><div><p>a</p><p>b</p></div></body></html>"
    assert decode_seed("page.txt", page.encode()).format == "html"
    assert decode_seed("note.html", b"Huawei said <b>nothing</b> about <i>it</i>.\n").format == "text"


# ---- the seed's own front-matter ---------------------------------------------------------------------

def fm(block: str, body: str = TEXT):
    return split_overrides("s.txt", f"---\n{block}\n---\n{body}")


def test_overrides_are_parsed_and_cleaned():
    overrides, rest, problems = fm("title: '  A   Title '\nauthor: [Jane Doe, ' John  Roe ']\ndate: 2021-05-05\n"
                                   "companies: [Huawei]\nurl: https://example.com/a\nsubtitle: null")
    assert overrides == {"title": "A Title", "author": "Jane Doe, John Roe", "date": "2021-05-05",
                         "companies": ("Huawei",), "url": "https://example.com/a", "subtitle": None}
    assert rest == TEXT and problems == []


def test_dotted_terminator_and_datetime():
    overrides, rest, problems = split_overrides("s.txt", f"---\ndate: 2021-05-05 10:30:00\n...\n{TEXT}")
    assert overrides == {"date": "2021-05-05"} and rest == TEXT and not problems


@pytest.mark.parametrize("block,words", [
    ("titel: Typo", ["'titel' is unknown", "known keys: title"]),
    ("title: [a, b]", ["'title' must be text, not a list"]),
    ("title: 42", ["'title' must be text, not a number"]),
    ("companies: Huawei", ["'companies' must be a list of texts, not text"]),
    ("companies: [1, 2]", ["'companies' must be a list of texts, not a list containing a number"]),
    ("author: {a: 1}", ["'author' must be text or a list of texts or empty, not a mapping"]),
    ("date: 12345", ["'date' must be"]),
    ("date: '20210505'", ["not a date written YYYY-MM-DD"]),
    ("date: 2021-W01-1", ["not a date written YYYY-MM-DD"]),
    ("url: javascript:alert(1)", ["not an http:// or https:// address"]),
    ("url: 'data:text/html,<script>'", ["not an http:// or https:// address"]),
])
def test_bad_override_is_ignored_with_a_precise_warning(block, words):
    overrides, rest, problems = fm(f"title: Kept\n{block}" if not block.startswith("title") else block)
    assert rest == TEXT
    message = " ".join(p.message for p in problems)
    assert all(p.level is Level.WARNING for p in problems) and len(problems) == 1
    for word in words:
        assert word in message, message
    assert set(overrides) <= {"title"}


@pytest.mark.parametrize("block,words", [
    ("title: Huawei: the ban", ["not valid YAML", "line 2", "quotes"]),
    ("title: 'unclosed", ["not valid YAML"]),
    ("title: A\ntitle: B", ["'title' twice (first on line 2) at line 3", "remove one"]),
    ("date: 2021-13-45", ["could not be read", "month must be in 1..12"]),
    ("title: " + "[" * 5000, ["front-matter block"]),
    ("title: !!python/object/apply:os.system ['echo hi']", ["cannot be read safely", "remove the YAML tag"]),
    ("a: &a [x, x]\ntitle: *a", ["cannot be read safely", "anchor", "line 2", "anchors and aliases"]),
    ("- a\n- b", ["not a mapping"]),
])
def test_unreadable_front_matter_is_dropped_with_a_warning(block, words):
    overrides, rest, problems = fm(block)
    assert overrides == {} and rest == TEXT
    [problem] = problems
    assert problem.level is Level.WARNING
    for word in words:
        assert word in problem.message, problem.message


def test_yaml_tags_are_not_executed(tmp_path):
    marker = tmp_path / "ran"
    fm(f"title: !!python/object/apply:os.system ['touch {marker}']")
    fm(f"!!python/object/apply:os.system ['touch {marker}']: x")
    assert not marker.exists()


@pytest.mark.parametrize("text", [
    f"---\nA Headline Between Rules\n---\n{TEXT}",
    f"---\nBREAKING: Huawei banned\nReuters: more soon\n---\n{TEXT}",  # looks like keys, none known
    "---\n" + "x: y\n" * (MAX_FRONT_MATTER_CHARS // 4) + f"---\n{TEXT}",
])
def test_a_block_that_is_not_front_matter_is_kept_as_text(text):
    overrides, rest, problems = split_overrides("s.txt", text)
    assert overrides == {} and rest == text
    [problem] = problems
    assert "kept as article text" in problem.message


def test_no_closing_line_means_no_front_matter():
    text = f"---\ntitle: x\n{TEXT}"
    assert split_overrides("s.txt", text) == ({}, text, [])


def test_every_override_key_is_documented_in_the_warning():
    _, _, [problem] = fm("bogus: 1\ntitle: t")
    assert all(key in problem.message for key in OVERRIDE_TYPES)


def test_dates_of_every_form_become_iso():
    assert fm("date: 2021-05-05")[0]["date"] == "2021-05-05"
    assert fm("date: '2021-05-05'")[0]["date"] == "2021-05-05"
    assert fm(f"date: {dt.date(2020, 2, 29).isoformat()}")[0]["date"] == "2020-02-29"


def test_web_clipper_front_matter_becomes_page_hints_not_overrides():
    text = ('---\ntitle: "The FCC bans new Huawei gear"\nsource: "https://www.theverge.com/2022/11/25/fcc"\n'
            'author:\n  - "[[Riley Okonkwo]]"\n  - "[[Sam Petrakis]]"\npublished: 2022-11-25\ncreated: 2024-06-11\n'
            'tags:\n  - "clippings"\n---\n# The FCC bans new Huawei gear\n\nBody text of the clipping.\n')
    seed = decode_seed("clip.md", text.encode())
    assert seed.overrides == {} and not seed.problems
    assert seed.hints == {"title": "The FCC bans new Huawei gear", "url": "https://www.theverge.com/2022/11/25/fcc",
                          "author": "Riley Okonkwo, Sam Petrakis", "date": "2022-11-25"}
    assert seed.text.startswith("# The FCC bans")


def test_a_correction_block_is_still_an_override():
    seed = decode_seed("s.txt", b"---\ntitle: Fixed title\nauthor: Jane Doe\n---\nHeadline\n\nBody.\n")
    assert seed.overrides == {"title": "Fixed title", "author": "Jane Doe"} and seed.hints == {}


@pytest.mark.parametrize(
    "encoding", ["cp1252", "latin-1", "mac_roman", "cp437", "cp1251", "cp1250", "iso-8859-2"]
)
def test_mojibake_repair_skips_only_lines_ftfy_would_leave_alone(encoding):
    import ftfy

    from generator.extract.ingest import _fix_mojibake, _ftfy

    lines = [f"He said “it’s {chr(cp)}” — done…\n" for cp in range(0x80, 0x800, 7)]
    garbled = "".join(line.encode("utf-8").decode(encoding, errors="replace") for line in lines)
    text = "A plain line — with “quotes” and an ellipsis…\n" + garbled + "\x1b[31mred\x1b[0m\r\n"
    assert _fix_mojibake(text) == ftfy.fix_text(text, _ftfy()[1])
    assert _fix_mojibake("Caf\u00c3\u00a9 \u00e2\u20ac\u2122s\n") == "Café ’s\n"


def test_normalise_turns_every_space_separator_into_a_space():
    # The translation runs only on texts holding one; each separator alone must still be found.
    for space in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000":
        assert normalise(f"one{space}two\n") == "one two\n"


def test_export_names_for_the_address_and_the_site_are_clipping_hints():
    text = ('---\ntitle: "Ferry fares rise"\nsource_url: "https://kelp.example/news/ferry"\n'
            'sitename: Kelp Bay Gazette\npublished_at: 2024-03-04\n---\n'
            '# Ferry fares rise\n\nBody.\n')
    seed = decode_seed("clip.md", text.encode())
    assert seed.overrides == {} and not seed.problems
    assert seed.hints == {"title": "Ferry fares rise", "url": "https://kelp.example/news/ferry",
                          "publication": "Kelp Bay Gazette", "date": "2024-03-04"}
    # a user's correction block without a clipper's key stays an override
    seed = decode_seed("s.txt", b"---\nurl: https://kelp.example/x\n---\nHeadline\n\nBody.\n")
    assert seed.overrides == {"url": "https://kelp.example/x"} and seed.hints == {}


def test_a_date_field_glued_before_the_first_line_becomes_a_date_line_of_its_own():
    from generator.extract.ingest import normalise

    glued = " date 2019-05-15 WASHINGTON, May 15 (Reuters) - The Commerce Department said.\n"
    assert normalise(glued) == (
        "date 2019-05-15\n\nWASHINGTON, May 15 (Reuters) - The Commerce Department said.\n"
    )
    for kept in ("Dated 2019-05-15 letters arrived.\n", "Body text. date 2019-05-15 x\n"):
        assert normalise(kept) == kept


def test_a_glued_date_field_is_the_date_and_not_part_of_the_headline():
    from metadata_text import extract

    a = extract(
        "date 2022-06-09 Police dismiss viral message about an attack on the market\n\n"
        "The state police command said on Thursday that a message shared widely on social media "
        "was false and asked residents to go about their business.\n\n"
        "A spokesman said officers had found no evidence of any planned attack.\n"
    )
    assert a.title == "Police dismiss viral message about an attack on the market"
    assert a.date == "2022-06-09"
