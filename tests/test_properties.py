"""Property-based tests of the per-seed stages: `process_seed(decode_seed(name, bytes))` on random and
mutated seeds never raises, always gives a title (at worst the file name) or the problems that explain
why not, and keeps every sentence of plain prose that is not page furniture."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.config import load_config
from generator.extract.ingest import decode_seed
from generator.pipeline import process_seed
from generator.records import Article, Level, Problem
from generator.site.markup import plain
from generator.site.render import render_article

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(ROOT / "digest.yml")
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Plain newsroom words: nothing a furniture pattern looks for (no share/subscribe/photo/reporting/cookie
# words), no digits or month names (no dates), no names of publications.
WORDS = ["the", "a", "government", "company", "officials", "analysts", "said", "would", "could", "new", "old", "rules", "trade", "market", "policy", "industry", "network", "equipment", "suppliers", "country", "week", "year", "plans", "talks", "court", "agency", "shares", "investors", "factory", "workers", "prices", "chips", "phones", "cameras", "review", "decision", "statement", "licence", "ministry", "board", "project", "region", "border", "customers", "contract", "quarter", "profit", "sales", "growth", "demand", "supply", "plant", "engineers", "software", "hardware", "systems", "and", "of", "to", "in", "on", "for", "with", "by", "from", "that", "which", "while", "after", "before", "because", "although", "since", "during", "under", "over"]
NAMES = ["Jane Doe", "John Smith", "Wei Zhang", "Maria Garcia", "Ahmed Khan", "Olga Petrova"]

CONTENT = [w for w in WORDS if len(w) > 3]
# Headlines of five words and more in title case with a preposition, as real ones have (a row of
# capitalised words with no function word reads as a menu bar to parse.is_menu, by design; for short
# headlines see test_a_short_headline_over_a_single_paragraph below).
TITLE = st.tuples(st.lists(st.sampled_from(CONTENT), min_size=4, max_size=8, unique=True),
                  st.sampled_from(["Of", "In", "For", "With", "After"])).map(
    lambda t: " ".join([*(w.capitalize() for w in t[0][:-1]), t[1], t[0][-1].capitalize()]))
PARAGRAPH = st.lists(st.sampled_from(WORDS), min_size=15, max_size=45).map(
    lambda ws: " ".join([ws[0].capitalize(), *ws[1:]]) + ".")
PARAGRAPHS = st.lists(PARAGRAPH, min_size=1, max_size=6, unique=True)
NAME = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"), min_size=1,
               max_size=30).map(lambda s: s + ".txt")


def seed_text(title: str, byline: str, paragraphs: list[str]) -> str:
    return f"{title}\n\nBy {byline}\n\n" + "\n\n".join(paragraphs) + "\n"


def check_result(name: str, result) -> None:
    """The contract of process_seed on any input."""
    if isinstance(result, Article):
        assert result.title.strip(), "an article without a title"
        assert result.seed == name and result.slug == ""
        assert all(isinstance(p, Problem) and p.message for p in result.problems)
        if result.found.get("title") and result.found["title"].method == "seed file name":
            assert all(word in name for word in result.title.split()), (result.title, name)
        page = render_article(result, CONFIG)  # and it renders
        assert page.text.startswith("---\n")
    else:
        assert isinstance(result, tuple) and result, "neither an article nor a reason"
        assert any(p.level is Level.ERROR for p in result), "a seed was dropped without an error"
        assert all(p.seed == name and p.message for p in result)


def run(name: str, data: bytes):
    result = process_seed(decode_seed(name, data), CONFIG)
    check_result(name, result)
    return result


# ---- anything at all ---------------------------------------------------------------------------------

@SETTINGS
@given(NAME, st.binary(max_size=3000))
def test_random_bytes_never_raise(name, data):
    run(name, data)


@SETTINGS
@given(NAME, st.text(max_size=3000))
def test_random_text_never_raises(name, text):
    run(name, text.encode("utf-8", "surrogatepass"))


# ---- well-formed seeds keep every paragraph -------------------------------------------------------------

def paragraphs_of(result) -> list[str]:
    assert isinstance(result, Article), result
    return [b.text for b in result.blocks if b.kind == "p"]


@SETTINGS
@given(TITLE, st.sampled_from(NAMES), PARAGRAPHS)
def test_every_prose_paragraph_is_kept(title, byline, paragraphs):
    result = run("seed.txt", seed_text(title, byline, paragraphs).encode())
    assert paragraphs_of(result) == paragraphs
    assert result.title == title and result.author == byline


LAYOUTS = st.sampled_from(["lf", "crlf", "cr", "trailing-spaces", "extra-blank-lines", "indent", "tabs"])
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"])


def layout(text: str, how: str) -> str:
    if how == "crlf":
        return text.replace("\n", "\r\n")
    if how == "cr":
        return text.replace("\n", "\r")
    if how == "trailing-spaces":
        return text.replace("\n", "   \n")
    if how == "extra-blank-lines":
        return text.replace("\n\n", "\n\n\n\n")
    if how == "indent":
        return "\n".join("  " + line if line else line for line in text.split("\n"))
    return text.replace(" ", "\t", 3)


@SETTINGS
@given(TITLE, st.sampled_from(NAMES), PARAGRAPHS, LAYOUTS, ENCODINGS)
def test_paragraphs_survive_line_endings_and_encodings(title, byline, paragraphs, how, encoding):
    text = layout(seed_text(title, byline, paragraphs), how)
    result = run("seed.txt", codecs.encode(text, encoding))
    assert paragraphs_of(result) == [" ".join(p.split()) for p in paragraphs]


@SETTINGS
@given(TITLE, st.sampled_from(NAMES), PARAGRAPHS, TITLE)
def test_a_front_matter_title_wins_and_the_text_stays(title, byline, paragraphs, override):
    text = f"---\ntitle: {override}\n---\n" + seed_text(title, byline, paragraphs)
    result = run("seed.txt", text.encode())
    assert result.title == override and paragraphs_of(result) == paragraphs


# ---- mutated seeds ---------------------------------------------------------------------------------------

SNIPPETS = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "{{ 7*7 }}",
    "{% raw %}", "---\n", "\n---\ntitle: [\n---\n", "!!python/object:os.system", "# ", "| a | b |\n|---|---|\n",
    "\x00", "\x1b[31m", "\ufeff", "\u202e", "\u2028", "\r", "\n\n", "Advertisement\n", "** *** ****", "By ",
    "May 5, 2021", "https://example.com/a", "\xa0", "Ã©", "&lt;", "&#0;", " " * 50,
])
# Headings that open a comments or related-links section: what follows them is not article text.
SECTION_HEADINGS = st.sampled_from(["Comments\n\n", "Related\n\n", "Read more\n\n", "5 comments\n\n"])


@st.composite
def mutated(draw) -> bytes:
    text = seed_text(draw(TITLE), draw(st.sampled_from(NAMES)), draw(PARAGRAPHS))
    data = bytearray(text.encode())
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "bytes", "delete", "duplicate", "truncate"]))
        if action == "insert":
            data[at:at] = draw(SNIPPETS).encode()
        elif action == "bytes":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 40))]
        elif action == "duplicate":
            data[at:at] = data[max(0, at - 60):at]
        else:
            del data[at:]
    return bytes(data)


@SETTINGS
@given(NAME, mutated())
def test_mutated_seeds_never_raise(name, data):
    run(name, data)


@SETTINGS
@given(NAME, mutated(), SECTION_HEADINGS, st.integers(0, 2000))
def test_mutated_seeds_with_section_headings_never_raise(name, data, heading, at):
    run(name, data[:at] + heading.encode() + data[at:])


# A NUL byte is left out: three of them in a short seed make it a binary file (tested in test_ingest).
JUNK = SNIPPETS.filter(lambda s: s != "\x00")


@SETTINGS
@given(TITLE, st.sampled_from(NAMES), PARAGRAPHS, st.lists(JUNK, min_size=1, max_size=5))
def test_hostile_snippets_between_paragraphs_do_not_cost_a_paragraph(title, byline, paragraphs, snippets):
    """Junk lines between paragraphs may be dropped or shown, but never take a paragraph with them."""
    assume(all(not s.strip().startswith("---") for s in snippets))
    junk = ["".join(snippets)] * len(paragraphs)
    body = "\n\n".join(p + "\n\n" + j.replace("\n", " ") for p, j in zip(paragraphs, junk))
    result = run("seed.txt", f"{title}\n\nBy {byline}\n\n{body}\n".encode())
    assert isinstance(result, Article)
    kept = result.body_text + "\n" + "\n".join(result.comments)
    for paragraph in paragraphs:
        assert paragraph in kept, (paragraph, result.subtitle, [d for d in result.dropped if paragraph in d.line])


@SETTINGS
@given(NAME)
def test_a_seed_without_a_headline_takes_its_title_from_the_file_name(name):
    stem = Path(name).stem
    assume(any(c.isalnum() for c in stem))
    result = run(name, b"Home | News | Sport\n")
    if isinstance(result, Article) and result.found["title"].method == "seed file name":
        assert plain(result.title)


@pytest.mark.parametrize("first,line", [
    # a date, address or byline line just after the first paragraph makes it a "dek" above a byline
    ("Analysts said the decision would weigh on sales and profit at the companies during the coming quarter.",
     "May 5, 2021"),
    ("Analysts said the decision would weigh on sales and profit at the companies during the coming quarter.",
     "https://example.com/a"),
    # prose that starts with "By" and has at most 20 words reads as a byline
    ("By the end of the year, the company expects sales to fall sharply in every region it serves.", ""),
])
def test_the_first_paragraph_is_never_swallowed_by_the_header(first, line):
    """Regressions found by the properties below: the first paragraph must not vanish into the header."""
    second = "The ministry said the new rules would apply to every supplier of network equipment in the region."
    text = f"Huawei Sales To Fall In Every Region\n\nBy Jane Doe\n\n{first}\n\n{line}\n\n{second}\n"
    result = run("seed.txt", text.encode())
    assert first in result.body_text or first == result.subtitle, result.header


def test_a_short_headline_over_a_single_paragraph():
    paragraph = "The government said the new rules would apply to suppliers of network equipment in the region."
    result = run("seed.txt", f"Officials Plan New Rules\n\nBy Jane Doe\n\n{paragraph}\n\nMay 5, 2021\n".encode())
    assert result.title == "Officials Plan New Rules"
    assert paragraphs_of(result) == [paragraph]
