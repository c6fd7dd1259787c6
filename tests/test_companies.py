"""generator.knowledge.companies: alias edge cases, case rules, fuzzy variants, passing mentions."""
from __future__ import annotations

import pytest

from generator.config import parse_config
from generator.knowledge.companies import company_mentions, find_hits

CONFIG = parse_config({
    "site": {"title": "Test"},
    "companies": [
        {"name": "Hikvision", "aliases": ["Hangzhou Hikvision Digital Technology", "Hik Vision"]},
        {"name": "Huawei", "aliases": ["Huawei Technologies"]},
        {"name": "ZTE"}, {"name": "SMIC"}, {"name": "Apple"}, {"name": "Intel"},
        {"name": "AMD", "aliases": ["Advanced Micro Devices"]}, {"name": "Xilinx"},
        {"name": "Baidu"}, {"name": "Tencent", "aliases": ["Tencent Holdings"]}, {"name": "Alibaba"},
        {"name": "IHS Markit"}, {"name": "iFlytek", "aliases": ["Iflytek"]},
        {"name": "Qualcomm"},
    ],
    "topics": [{"slug": "x", "title": "X", "keywords": ["x"]}],
})


def names(text: str) -> list[str]:
    return [h.company for h in find_hits(text, CONFIG)]


def about(*paragraphs: str, kind: str = "p") -> dict[str, tuple[bool, str]]:
    return {m.company: (m.substantive, m.reason) for m in company_mentions([(kind, p) for p in paragraphs], CONFIG)}


def test_longest_alias_wins_and_is_one_mention():
    assert names("Hangzhou Hikvision Digital Technology said.") == ["Hikvision"]
    assert names("Huawei Technologies and Huawei") == ["Huawei", "Huawei"]


@pytest.mark.parametrize("text,expected", [
    ("ZTE and zte.com", ["ZTE"]),                     # short alias: exact case only
    ("SMIC, Smic and smic", ["SMIC"]),                # all-capital alias: exact case only
    ("Apple said; an apple a day", ["Apple"]),        # everyday word: needs a capital
    ("intel reports and Intel chips", ["Intel"]),
    ("iFlytek, Iflytek and IFLYTEK", ["iFlytek", "iFlytek", "iFlytek"]),  # distinctive: any case
    ("Intelligence and Applesauce", []),              # word boundaries
    ("AMD’s chips and ZTE's phones", ["AMD", "ZTE"]),  # possessives
])
def test_case_rules_and_boundaries(text, expected):
    assert names(text) == expected


def test_spelling_variants_are_found_with_rapidfuzz():
    mentions = company_mentions([("p", "Hikvison said it sells to Qualcom.")], CONFIG)
    found = {m.company: m.fuzzy for m in mentions}
    assert found == {"Hikvision": True, "Qualcomm": True}


def test_short_or_common_words_are_not_fuzzy_matches():
    assert company_mentions([("p", "Appel, Intell and Macron met.")], CONFIG) == ()


def test_supplier_list_is_substantive():
    found = about("It depends on Intel and Xilinx for its circuits, and Intel and Advanced Micro Devices for parts.")
    assert found == {"Intel": (True, ""), "Xilinx": (True, ""), "AMD": (True, "")}


@pytest.mark.parametrize("text,company,reason", [
    ("Many firms, including internet giants Baidu, Tencent Holdings and Alibaba, sell it.", "Tencent",
     "aside in a list"),
    ("The market grew 10 per cent, according to research firm IHS Markit.", "IHS Markit", "cited source"),
    ("It had 38% of the market, according to a research report by IHS Markit.", "IHS Markit", "cited source"),
    ("Hikvision posted a statement on Baidu, saying it was treated unfairly.", "Baidu", "cited source"),
    ("China's ambitions are seen as a threat. Photo: Huawei", "Huawei", "photo credit"),
    ("Huawei says the ban will hurt its 5G plans (Qualcomm)", "Qualcomm", "in parentheses"),
])
def test_passing_mentions(text, company, reason):
    assert about(text)[company] == (False, reason)


def test_related_link_headline_is_passing_but_a_title_is_not():
    assert about("Amazon to stop serving merchants, Alibaba to expand")["Alibaba"] == (False, "related link")
    assert about("Alibaba to expand in Europe", kind="title")["Alibaba"] == (True, "")


def test_one_substantive_mention_outweighs_passing_ones():
    found = company_mentions([("p", "Data from Huawei shows growth."), ("p", "Huawei denied it."),
                              ("p", "Photo: Huawei")], CONFIG)
    assert found[0].company == "Huawei" and found[0].substantive and found[0].count == 3
    assert found[0].sentence == "Huawei denied it."


def test_two_names_in_a_short_list_are_not_an_aside():
    assert about("We look at the market, including Hikvision and Huawei.") == {
        "Hikvision": (True, ""), "Huawei": (True, "")}


def test_a_list_without_a_comma_before_its_marker_is_what_the_sentence_is_about():
    found = about("Chipmakers including Intel, Qualcomm and Xilinx told staff to stop shipping.")
    assert found == {"Intel": (True, ""), "Qualcomm": (True, ""), "Xilinx": (True, "")}
