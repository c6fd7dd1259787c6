"""generator.knowledge.discovery: company-like names not in the config, counted across articles."""
from __future__ import annotations

import yaml

from generator.config import parse_config
from generator.knowledge.discovery import (
    DISCOVERY_RULES,
    base_name,
    discover,
    find_candidates,
    snippet,
)
from generator.records import Article, Candidate

CONFIG = parse_config({"site": {"title": "Test"}, "companies": [{"name": "Huawei"}, {"name": "DJI", "aliases": ["SZ DJI Technology"]}],
                       "topics": [{"slug": "x", "title": "X", "keywords": ["x"]}]})


def names(text: str) -> dict[str, str]:
    return {c.name: c.rule for c in find_candidates([text], CONFIG)}


def test_rules_find_company_like_names():
    assert names("Many firms, including Tencent Holdings, sell it.") == {"Tencent Holdings": "legal suffix"}
    assert names("said Paul Haswell of international law firm Pinsent Masons.") == {"Pinsent Masons": "company word"}
    assert names("Hangzhou-based camera maker Tiandy Vision said so.") == {"Tiandy Vision": "X-based maker"}


def test_known_companies_publications_and_bodies_are_not_candidates():
    assert names("Shenzhen-based drone maker DJI and Huawei Technologies said so.") == {}
    assert names("The Commerce Department and the South China Morning Post Group agreed.") == {}


def test_base_name_strips_legal_suffixes():
    assert base_name("Tencent Holdings") == "Tencent"
    assert base_name("Acme Widgets Co., Ltd.") == "Acme Widgets"


def test_discover_counts_articles_and_merges_spellings():
    a = Article(seed="a.txt", seed_sha256="", candidates=(Candidate("Tencent Holdings", "legal suffix", "S1."),))
    b = Article(seed="b.txt", seed_sha256="", candidates=(Candidate("Tencent Holdings", "legal suffix", "S2."),
                                                          Candidate("Pinsent Masons", "company word", "S3.")))
    found = discover([b, a])
    assert [(d.name, d.articles, d.sentence, d.seed) for d in found] == [
        ("Tencent", 2, "S1.", "a.txt"), ("Pinsent Masons", 1, "S3.", "b.txt")]
    pasted = yaml.safe_load(snippet(found))
    assert pasted == [{"name": "Tencent", "aliases": ["Tencent Holdings"]}, {"name": "Pinsent Masons"}]
    assert parse_config({"site": {"title": "T"}, "companies": pasted, "topics": []}).companies[0].name == "Tencent"


def test_leading_words_possessives_generic_names_and_legal_forms_of_known_names():
    assert names("At Tokyo Electron Ltd, staff left.") == {"Tokyo Electron Ltd": "legal suffix"}
    assert names("Rivals like China’s Wingtech Technology grew.") == {"Wingtech Technology": "legal suffix"}
    assert names("A degree in Information Technology helps.") == {}
    assert names("SZ DJI Technology Co. Ltd said so.") == {}


def test_a_rule_skips_only_paragraphs_where_it_cannot_match():
    """A rule's `needs` are strings every match holds: on the development part of the labelled
    set (never the sealed part), skipping the paragraphs without them loses no candidate."""
    from test_figures import development_lines

    lines = development_lines()
    for rule in DISCOVERY_RULES:
        matched = [m.group() for line in lines for m in rule.pattern.finditer(line)]
        assert matched, rule.name
        assert not rule.needs or all(any(n in m for n in rule.needs) for m in matched), rule.name
        assert [m.span() for line in lines for m in rule.finditer(line)] == [
            m.span() for line in lines for m in rule.pattern.finditer(line)
        ]
