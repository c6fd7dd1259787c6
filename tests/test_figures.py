"""generator.knowledge.figures: money, percentages and counts with their sentence."""
from __future__ import annotations

from generator.config import parse_config
from generator.knowledge.figures import FIGURE_RULES, find_figures

CONFIG = parse_config({"site": {"title": "Test"}, "companies": [{"name": "ZTE"}, {"name": "Hikvision"}],
                       "topics": [{"slug": "x", "title": "X", "keywords": ["x"]}]})


def figures(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.value) for f in find_figures([text], CONFIG)]


def test_money_percent_and_counts():
    assert figures("ZTE paid a US$1.2 billion fine.") == [("money", "US$1.2 billion")]
    assert figures("It owned 38% of the market; sales grew 10.2 per cent.") == [
        ("percent", "38%"), ("percent", "10.2 per cent")]
    assert figures("It sold 1,000 cameras to more than 150 countries.") == [
        ("count", "1,000 cameras"), ("count", "more than 150 countries")]
    assert figures("As many as three million people were held.") == [("count", "three million people")]


def test_years_ratios_and_prose_numbers_are_not_figures():
    assert figures("In 2017, two countries agreed; 1 camera per 7 citizens; one of the people said.") == []


def test_a_figure_keeps_its_sentence_and_companies():
    (f,) = find_figures(["Earlier news. Hikvision shares fell 10 percent on Monday. Later news."], CONFIG)
    assert f.sentence == "Hikvision shares fell 10 percent on Monday." and f.companies == ("Hikvision",)


def development_lines() -> list[str]:
    """Every line of the development part of the labelled set (never the sealed part)."""
    from generator.eval_split import DEV, load_split
    from generator.role_training import EVAL

    names = load_split(EVAL / "split.yml").parts[DEV]
    return [
        line
        for name in names
        for line in (EVAL / "articles" / name).read_text("utf-8", "replace").splitlines()
    ]


def test_a_rule_skips_only_paragraphs_where_it_cannot_match():
    """A rule's `needs` are strings every match holds: on real text, skipping the paragraphs
    without them loses no figure."""
    lines = development_lines()
    for rule in FIGURE_RULES:
        matched = [m.group() for line in lines for m in rule.pattern.finditer(line)]
        assert matched, rule.kind
        assert not rule.needs or all(any(n in m for n in rule.needs) for m in matched), rule.kind
        assert [m.span() for line in lines for m in rule.finditer(line)] == [
            m.span() for line in lines for m in rule.pattern.finditer(line)
        ]
    money = next(rule for rule in FIGURE_RULES if rule.kind == "money")
    assert list(money.finditer("It sold 3 million units.")) == []
