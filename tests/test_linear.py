"""generator.extract.linear: patterns on RE2 mean what they meant on `re`, and a pattern RE2 cannot
run in linear time is refused at import, not discovered on a seed."""

from __future__ import annotations

import re

import pytest
import re2
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.extract import (  # noqa: F401 - imported to compile every pattern
    convert_html,
    convert_markdown,
    ingest,
    linear,
    metadata,
    parse,
    patterns,
)

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


def test_no_pattern_is_left_on_python_re():
    assert not hasattr(linear, "backtracking") and not hasattr(linear, "BACKTRACKING")
    for name, pattern, _ in patterns.DATE_PATTERNS:
        engine = pattern.pattern if isinstance(pattern, linear.Inside) else pattern
        assert isinstance(engine, re2._Regexp), name


def _mixed(pattern: str):
    """The adversarial strings of a pattern, some with non-ASCII letters and quotes in them."""
    extra = st.sampled_from(["", "é", "’", "“", "中文", "Ü"])
    return st.tuples(adversarial(pattern), extra, st.integers(0, 40)).map(
        lambda t: t[0][: t[2]] + t[1] + t[0][t[2] :]
    )


_SAMPLE = [p for p in PATTERNS if p[0] in {s for s, _ in PATTERNS[::7]}]


@pytest.mark.parametrize("source,flags", _SAMPLE, ids=[f"{s[:30]}" for s, _ in _SAMPLE])
def test_the_faster_search_finds_what_the_wrapper_found(source, flags):
    """linear.Pattern takes short cuts past google-re2's offset mapping: its matches (spans,
    groups, every match of finditer, sub, split) are the wrapper's own."""
    ours = linear.compile(source, flags)
    theirs = re2._Regexp(ours.pattern, ours.options)

    def spans(match):
        return match and [match.span(g) for g in range(ours.groups + 1)]

    @settings(max_examples=40, deadline=None, database=None)
    @given(_mixed(source), st.integers(0, 12))
    def same(text, pos):
        for method in ("search", "match", "fullmatch"):
            assert spans(getattr(ours, method)(text)) == spans(getattr(theirs, method)(text))
            assert spans(getattr(ours, method)(text, pos)) == spans(
                getattr(theirs, method)(text, pos)
            )
        assert [spans(m) for m in ours.finditer(text)] == [spans(m) for m in theirs.finditer(text)]
        assert ours.sub("#", text) == theirs.sub("#", text)
        assert ours.split(text) == theirs.split(text)

    same()


_RULE_TABLES = {
    "furniture": (list(patterns.FURNITURE.values()), False),
    "dates": ([p for _, p, _ in patterns.DATE_PATTERNS], False),
    "bylines": ([p for _, p in patterns.BYLINE], True),
}


@pytest.mark.parametrize("table", sorted(_RULE_TABLES))
def test_a_rule_set_names_every_rule_that_matches(table):
    rules, anchored = _RULE_TABLES[table]
    rule_set = linear.RuleSet(rules, anchored=anchored)
    source = "|".join(rule.pattern for rule in rules if isinstance(rule, linear.Pattern))
    samples = ["Advertisement", "By Jane Doe", "May 22, 2019", "HSI 17,295.89 -0.72% HSCEI -0.85%"]

    def one_by_one(text):
        return [
            i
            for i, rule in enumerate(rules)
            if (rule.match(text) if anchored else rule.search(text)) is not None
        ]

    for text in samples:
        assert rule_set.matching(text) == one_by_one(text)

    @settings(max_examples=150, deadline=None, database=None)
    @given(_mixed(source))
    def same(text):
        assert rule_set.matching(text) == one_by_one(text)
        assert rule_set.any(text) == bool(one_by_one(text))

    same()


def test_an_anchored_rule_set_takes_patterns_only():
    with pytest.raises(TypeError):
        linear.RuleSet([patterns.DATE_PATTERNS[0][1]], anchored=True)


# The four date shapes as they were written with lookarounds on Python's `re`: their RE2 forms
# (linear.Inside) must find the same dates at the same places.
_ORD = r"(?:st|nd|rd|th)?"
_YEAR_END = r"(?:\b|(?=\d{1,2}:\d{2}))"
LOOKAROUND_DATES = {
    "month-day-year": re.compile(
        rf"\b{patterns.MONTH}(?:\s+|(?<=\.))\d{{1,2}}{_ORD},?\s+\d{{4}}{_YEAR_END}", re.IGNORECASE
    ),
    "day-month-year": re.compile(
        rf"\b\d{{1,2}}(?:{_ORD}|\.)\s+(?:of\s+)?{patterns.MONTH},?\s+\d{{4}}{_YEAR_END}",
        re.IGNORECASE,
    ),
    "iso": re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}(?=\b|T)"),
    "us-slash-short": re.compile(r"\b\d{1,2}/\d{1,2}/\d{2}(?=\s+\d{1,2}:\d{2})"),
}
DATE_PIECES = [
    "May",
    "Sept",
    "Dec",
    "mars",
    "Oktober",
    "of",
    "th",
    "1",
    "12",
    "5",
    "2019",
    "20185",
    "22",
    ":",
    "41",
    " ",
    "  ",
    ".",
    ",",
    "-",
    "/",
    "T",
    "x",
    "é",
    "年",
    "\n",
]


@pytest.mark.parametrize("name", sorted(LOOKAROUND_DATES))
def test_date_shapes_without_lookaround_find_what_they_found(name):
    ours = {n: p for n, p, _ in patterns.DATE_PATTERNS}[name]
    theirs = LOOKAROUND_DATES[name]

    @settings(max_examples=300, deadline=None, database=None)
    @given(st.lists(st.sampled_from(DATE_PIECES), max_size=30).map("".join))
    def same(text):
        assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)]
        assert ours.sub(" ", text) == theirs.sub(" ", text)
        found, expected = ours.search(text), theirs.search(text)
        assert (found and found.group(0)) == (expected and expected.group(0))

    same()


def test_inside_reports_the_group_and_resumes_after_it():
    dates = {n: p for n, p, _ in patterns.DATE_PATTERNS}
    glued = dates["month-day-year"].search("Published Apr 16 20185:41 PM")
    assert glued.group(0) == "Apr 16 2018" and glued.span() == (10, 21)
    assert [m.group(0) for m in dates["iso"].finditer("2019-05-22T10:00 2020-01-02")] == [
        "2019-05-22",
        "2020-01-02",
    ]
    assert dates["iso"].search("年2019-05-22") is None  # a letter before it: no word boundary
    assert dates["us-slash-short"].sub("D", "09/07/22 5:26 PM, 09/07/22") == "D 5:26 PM, 09/07/22"


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


def test_letters_written_as_python_writes_them_are_translated():
    letters = linear.compile(r"[^\W\d_]+")
    assert [m.group(0) for m in letters.finditer("Zoë12_x 北京")] == ["Zoë", "x", "北京"]
    assert linear.compile(r"\.(\s+[^\W\d])").search("5. Mai").group(1) == " M"
