import re

from generator.knowledge.prefilter import finditer_where_needed

PERCENT = re.compile(r"\d+(?:%| per cent)")


def test_a_text_without_any_needed_string_is_not_searched():
    assert list(finditer_where_needed(PERCENT, ("%", "per cent"), "It rose by 12 points.")) == []


def test_a_text_with_a_needed_string_is_searched_as_the_pattern_would():
    text = "It rose 12% in May and 3 per cent in June."
    found = [m.group() for m in finditer_where_needed(PERCENT, ("%", "per cent"), text)]
    assert found == [m.group() for m in PERCENT.finditer(text)] == ["12%", "3 per cent"]


def test_no_needs_means_always_searched():
    assert [m.group() for m in finditer_where_needed(PERCENT, (), "5%")] == ["5%"]
