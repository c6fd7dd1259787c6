"""generator.extract.linear: patterns on RE2 mean what they meant on `re`, and a pattern RE2 cannot
run in linear time is refused at import, not discovered on a seed."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.extract import convert_html, convert_markdown, ingest, linear, patterns  # noqa: F401 - compile all

PATTERNS = sorted(set(linear.COMPILED))
_TOKEN = re.compile(r"[A-Za-z]+|\\?[^\w\s\\()\[\]{}?*+|^$]")


def tokens(pattern: str) -> list[str]:
    """The literal pieces of a pattern (words, punctuation): the material its slow inputs are made of."""
    found = {t.lstrip("\\") for t in _TOKEN.findall(pattern)} - {
        "",
        "d",
        "s",
        "w",
        "b",
        "S",
        "W",
        "D",
        "B",
        "i",
    }
    return sorted(found)[:80] or ["a"]


def adversarial(pattern: str):
    """Strings built from the pattern's own pieces, repeated with the separators it allows, and cut
    short so they almost match: the shape that makes a backtracking engine slow."""
    pieces = st.sampled_from(
        tokens(pattern) + ["1", "12", "2021", " ", "  ", " | ", ", ", ".", ":", "-"]
    )
    return st.lists(pieces, min_size=1, max_size=40).map("".join)


@pytest.mark.parametrize("source,flags", PATTERNS, ids=[f"{s[:30]}" for s, _ in PATTERNS])
def test_every_pattern_runs_on_re2_and_means_what_it_meant(source, flags):
    fast, python = linear.compile(source, flags), re.compile(source, flags)

    @settings(max_examples=60, deadline=None, database=None)
    @given(adversarial(source))
    def same(text):
        ours, theirs = fast.search(text), python.search(text)
        assert (ours and ours.span()) == (theirs and theirs.span()), text

    same()


def test_enough_patterns_are_checked():
    assert len(PATTERNS) >= 50


def test_a_pattern_re2_cannot_run_fails_loudly():
    for source in (r"(a)\1", r"(?<=x)y", r"a(?=b)", r"(?!x)y"):
        with pytest.raises(linear.NotLinear, match="not a linear-time pattern"):
            linear.compile(source)


def test_the_patterns_left_on_python_re_are_few_and_named():
    assert {why for _, why in linear.BACKTRACKING} == {patterns._LOOKAHEAD_WHY}
    assert len(linear.BACKTRACKING) == 4
    for source, _ in linear.BACKTRACKING:  # no nested or adjacent unbounded quantifiers
        assert not re.search(r"[*+]\)?[*+]|\.\*.*\.\*|\)\*", source), source


def test_word_characters_cover_every_script():
    assert linear.compile(r"^\w+$").search("Zoë_Łódź北京")
    assert linear.compile(r"[\w.]+").search("Müller.x").group(0) == "Müller.x"
    assert not linear.compile(r"\W").search("Zoë")


def test_unicode_escapes_are_translated():
    assert linear.compile(r"[\u00C0-\u00FF]").search("é")


def test_unclosed_elements_cost_one_scan():
    lower = "<script>" * 1000 + "</p>"
    memo: dict[str, int] = {}
    assert all(linear.find_closing(lower, "script", i * 8 + 8, memo) == -1 for i in range(1000))
    assert linear.find_closing("<p>x</pre></p >", "p", 3, {}) == 10
