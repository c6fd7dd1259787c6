"""Making untrusted text inert: `escape` for Markdown bodies, `plain` for front-matter values the theme
prints raw into HTML, `safe_url` for links, and `front_matter` as a YAML serializer that round-trips.

The Markdown properties render through Python-Markdown with the extensions mkdocs.yml enables, in the
contexts the templates use (paragraph, `<p markdown>`, admonition, table cell, link text).
"""
from __future__ import annotations

import html
import math
import re
from pathlib import Path

import markdown as md
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from generator.site.markup import Md, escape, front_matter, plain, safe_url

ROOT = Path(__file__).resolve().parent.parent
_MKDOCS = load_config(str(ROOT / "mkdocs.yml"))
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text as it reaches the renderer: normalise() has removed control characters already.
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=200)
NASTY = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "![i](x.png)",
    "{{ config }}", "{% raw %}", "{: onclick=x}", "# ", "## ", "- ", "* ", "+ ", "1. ", "1) ", "> ", "!!! note ",
    "??? note ", "???+ note ", "|", "---", "===", "***", "___", "`", "```", "~~~", "    ", "\t", "&lt;", "&#60;",
    "&amp;", "&copy", "<!--", "-->", "<https://x.example>", "<a@b.example>", "[TOC]", "[^1]", "*[HTML]: x",
    ":   def", "\\", "\\\\", "  \n", "\n", "\n\n", "[x]: javascript:alert(1)", "<div markdown>", "</p>", '"', "'",
])
HOSTILE = st.lists(st.one_of(TEXT, NASTY), max_size=12).map("".join)
LINE = HOSTILE.map(lambda s: " ".join(s.split()))


def render(text: str) -> BeautifulSoup:
    converter = md.Markdown(extensions=_MKDOCS.markdown_extensions, extension_configs=_MKDOCS.mdx_configs)
    return BeautifulSoup(converter.convert(text), "html.parser")


def words(text: str) -> str:
    return " ".join(text.split())


def tags(page: BeautifulSoup) -> list[tuple[str, dict]]:
    return [(t.name, dict(t.attrs)) for t in page.find_all(True)]


# ---- escape ---------------------------------------------------------------------------------------------

@SETTINGS
@given(HOSTILE)
def test_escaped_text_renders_as_that_text_and_nothing_else(text):
    page = render(escape(text))
    assert {name for name, attrs in tags(page)} <= {"p"} and all(not attrs for _, attrs in tags(page))
    assert words(page.get_text(" ")) == words(text)


@SETTINGS
@given(LINE, LINE)
def test_escaped_line_in_every_template_context(one, two):
    """Paragraph with markdown attribute, admonition, table cell and link text, as the templates use them."""
    page = render(f'<p class="digest-byline" markdown>{escape(one)}</p>\n\n'
                  f'!!! abstract "Key points"\n    - {escape(one)}\n\n'
                  f"| A | B |\n|---|---|\n| {escape(one)} | {escape(two)} |\n\n"
                  f"[{escape(two)}](../articles/x.md)\n")
    assert [name for name, _ in tags(page)] == ["p", "div", "p", "ul", "li", "table", "thead", "tr", "th", "th",
                                                "tbody", "tr", "td", "td", "p", "a"]
    assert [a["href"] for a in page.find_all("a")] == ["../articles/x.md"]
    assert words(page.find("p", class_="digest-byline").get_text()) == words(one)
    assert words(page.find("li").get_text()) == words(one)
    assert [words(td.get_text()) for td in page.find_all("td")] == [words(one), words(two)]
    assert words(page.find("a").get_text()) == words(two)


@pytest.mark.parametrize("text", [
    "<script>alert(1)</script>", "# heading", "- item", "1. item", "> quote", "!!! note", "??? note", "---",
    "| a | b |", "{: #id onclick=x }", "[x](javascript:alert(1))", "**bold**", "`code`", "[TOC]", "&lt;b&gt;",
])
def test_each_construct_is_literal(text):
    page = render(escape(text))
    assert [t.name for t in page.find_all(True)] == ["p"] and page.get_text() == text


def test_md_strings_pass_through():
    assert escape(Md("**x**")) == "**x**" and escape(None) == "" and escape(3) == "3"


# ---- plain --------------------------------------------------------------------------------------------

def visible(text: str) -> str:
    """What the reader should see for a front-matter value."""
    value = words(re.sub("[\x00-\x1f\x7f-\x9f]", " ", text)).replace("<", "‹").replace(">", "›")
    return re.sub(r'(^|[\s(\[{‘—–-])"', "\\1“", value).replace('"', "”")


@SETTINGS
@given(HOSTILE)
def test_plain_value_printed_raw_into_a_page_is_inert(text):
    """Material prints title and author unescaped into <title>, a header <span> and a meta attribute."""
    value = plain(text)
    assert "\n" not in value and not re.search("[<>\"\x00-\x1f]", value)
    page = BeautifulSoup(f'<html><head><meta name="author" content="{value}"><title>{value}</title></head>'
                         f"<body><span>{value}</span></body></html>", "html.parser")
    assert [(n, sorted(a)) for n, a in tags(page)] == [("html", []), ("head", []), ("meta", ["content", "name"]),
                                                       ("title", []), ("body", []), ("span", [])]
    assert page.find("meta")["content"] == page.title.get_text() == page.span.get_text() == visible(text)
    assert html.unescape(value) == visible(text)


@pytest.mark.parametrize("text,expected", [
    ('<script>alert("x")</script>', "‹script›alert(“x”)‹/script›"),
    ('Jane x" onmouseover="alert(1)', "Jane x” onmouseover=”alert(1)"),
    ('He said "no" (and "yes")', "He said “no” (and “yes”)"),
    ("AT&T, R&D and Q&A", "AT&T, R&D and Q&A"),
    ("&lt;b&gt; &#60; &copy &amp", "&amp;lt;b&amp;gt; &amp;#60; &amp;copy &amp;amp"),
    ("two\nlines\tand\x1bescape", "two lines and escape"),
])
def test_plain_examples(text, expected):
    assert plain(text) == expected


def test_plain_none():
    assert plain(None) is None


# ---- safe_url -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("url,expected", [
    ("https://example.com/a?b=1&c=2#d", "https://example.com/a?b=1&c=2#d"),
    ("HTTP://EXAMPLE.COM/x", "HTTP://EXAMPLE.COM/x"),
    ("javascript:alert(1)", None), ("JaVaScRiPt:alert(1)", None), (" javascript:alert(1)", None),
    ("data:text/html,<script>", None), ("vbscript:x", None), ("//evil.example/x", None), ("https:///x", None),
    ("", None), (None, None),
    ('https://e.example/a") onclick=("x', "https://e.example/a%22%29%20onclick=%28%22x"),
    ("https://e.example/<script>", "https://e.example/%3Cscript%3E"),
])
def test_safe_url(url, expected):
    assert safe_url(url) == expected


@SETTINGS
@given(st.text(max_size=80))
def test_safe_url_is_http_and_cannot_break_a_link_or_attribute(url):
    value = safe_url(url)
    if value is not None:
        assert re.match(r"(?i)https?://", value) and not re.search(r"[\s()<>\"'`\\]", value)


# ---- front_matter ------------------------------------------------------------------------------------

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40), HOSTILE)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)), max_leaves=12)


def same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isinf(a) and a == b)
    return a == b


@SETTINGS
@given(st.dictionaries(st.text(max_size=12), VALUES, max_size=6))
def test_front_matter_parses_back_to_the_same_values(data):
    text = front_matter(data)
    assert text.startswith("---\n") and text.endswith("\n---\n")
    import yaml
    assert (yaml.safe_load(text[4:-4]) or {}) == data
    body, meta = get_data(text + "# Body\n")
    assert body.strip() == "# Body" and meta == data, "MkDocs reads the front-matter differently"


@pytest.mark.parametrize("value", [
    '---\n: "quoted" #hash', "!!python/object:os.system", "a\n---\nb", "x\n...\ny", "\x85nel", "line\u2028sep",
    "<<", "=", "!ENV [HOME]", "yes", "null", "2021-05-05", "0x1F", "1e3", "- item", "{a: 1}", "[1, 2]", "&anchor",
    "*alias", "| literal", "> folded", "@at", "`tick", "%directive", "key: value", " lead", "trail ", "",
])
def test_front_matter_awkward_strings(value):
    text = front_matter({"title": value, "list": [value], "nested": {"k": value}})
    assert get_data(text)[1] == {"title": value, "list": [value], "nested": {"k": value}}
