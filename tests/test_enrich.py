"""generator.enrich: company and topic matching over an article's title, subtitle and body."""
from __future__ import annotations

from generator.config import parse_config
from generator.knowledge.enrich import count_mentions, enrich
from generator.records import Article, Block

CONFIG = parse_config({
    "site": {"title": "Test digest"},
    "companies": [
        {"name": "Hikvision", "aliases": ["Hangzhou Hikvision Digital Technology", "Hik Vision"]},
        {"name": "Dahua", "aliases": ["Dahua Technology"]},
        {"name": "Huawei"},
        {"name": "ZTE", "aliases": ["ZTE Corp"]},
        {"name": "DJI"},
        {"name": "Megvii", "aliases": ["Face++"]},
    ],
    "topics": [
        {"slug": "entity-list", "title": "Entity List", "keywords": ["Entity List", "blacklist"]},
        {"slug": "trade-war", "title": "Trade war", "keywords": ["tariff", "tariffs", "trade war"]},
        {"slug": "xinjiang", "title": "Xinjiang", "keywords": ["Xinjiang", "Uyghur", "Uyghurs"],
         "min_mentions": 1},
        {"slug": "five-g", "title": "5G", "keywords": ["5G"], "patterns": [r"\bnext-generation networks?\b"],
         "min_mentions": 3},
    ],
})


def article(body: str = "", title: str = "A headline", subtitle: str | None = None, **overrides) -> Article:
    blocks = tuple(Block("p", p) for p in body.split("\n\n") if p)
    return Article(seed="s.txt", seed_sha256="0" * 64, title=title, subtitle=subtitle, blocks=blocks,
                   overrides=overrides)


def companies_in(text: str) -> dict[str, int]:
    return {k: n for k, n in count_mentions(text, CONFIG)[0].items() if n}


def topics_in(text: str) -> dict[str, int]:
    return {k: n for k, n in count_mentions(text, CONFIG)[1].items() if n}  # patterns add zero counts


# ---- companies: word boundaries and case -------------------------------------------------------

def test_alias_matches_on_word_boundaries_only():
    assert companies_in("Huawei sold phones.") == {"Huawei": 1}
    assert companies_in("SuperHuawei and HuaweiPhone are not the company.") == {}
    assert companies_in("(Huawei), “Huawei” and Huawei-made gear.") == {"Huawei": 3}


def test_matching_of_long_aliases_ignores_case():
    assert companies_in("HUAWEI and huawei and Huawei") == {"Huawei": 3}
    assert companies_in("dahua said, hik vision added") == {"Dahua": 1, "Hikvision": 1}


def test_short_alias_must_match_case():
    assert companies_in("ZTE said so.") == {"ZTE": 1}
    assert companies_in("zte said so.") == {}
    assert companies_in("Dji and dji are not DJI.") == {"DJI": 1}


def test_short_alias_inside_a_word_is_not_a_mention():
    assert companies_in("The AZTEC empire and BZTE Ltd") == {}
    assert companies_in("Production of DJIs") == {"DJI": 1}  # a plural is a mention


def test_possessives_count_as_mentions():
    assert companies_in("Hikvision’s cameras and Huawei's phones") == {"Hikvision": 1, "Huawei": 1}
    assert companies_in("ZTE’s shares and ZTE's bonds") == {"ZTE": 2}


def test_multi_word_alias_and_punctuation_alias():
    assert companies_in("Hik Vision is spelled apart here.") == {"Hikvision": 1}
    assert companies_in("The Face++ platform") == {"Megvii": 1}


def test_a_longer_alias_is_one_mention_not_one_per_alias_inside_it():
    # "Hangzhou Hikvision Digital Technology" contains the alias "Hikvision": one name written once
    # is one mention, or ordering by mentions favours companies with nested aliases.
    assert companies_in("Hangzhou Hikvision Digital Technology said so.") == {"Hikvision": 1}
    assert companies_in("ZTE Corp said so.") == {"ZTE": 1}


# ---- topics --------------------------------------------------------------------------------

def test_topic_keywords_match_case_insensitively_on_word_boundaries():
    assert topics_in("The ENTITY LIST and the entity list") == {"entity-list": 2}
    assert topics_in("blacklists") == {"entity-list": 1}
    assert topics_in("unblacklistable") == {}


def test_topic_patterns_count_as_mentions():
    assert topics_in("Next-generation networks and 5G.") == {"five-g": 2}


def test_one_plural_keyword_is_one_mention():
    # The topic lists both "tariff" and "tariffs"; the single word "tariffs" is one mention.
    assert topics_in("New tariffs were announced.") == {"trade-war": 1}
    assert topics_in("Uyghurs in Xinjiang") == {"xinjiang": 2}


def test_topic_below_min_mentions_is_not_applied():
    once = enrich(article("The blacklist was published on Monday."), CONFIG)
    assert once.topics == ()
    twice = enrich(article("The blacklist grew. The Entity List now names 300 firms."), CONFIG)
    assert twice.topics == ("entity-list",)


def test_topic_min_mentions_from_config():
    assert enrich(article("Reporting from Xinjiang."), CONFIG).topics == ("xinjiang",)  # min_mentions 1
    assert enrich(article("5G and 5G networks."), CONFIG).topics == ()  # min_mentions 3
    assert enrich(article("5G, 5G and next-generation networks."), CONFIG).topics == ("five-g",)


def test_a_single_plural_keyword_does_not_reach_the_default_threshold():
    # min_mentions defaults to 2; "tariffs" once must not tag the article as about the trade war.
    assert enrich(article("New tariffs were announced on Friday."), CONFIG).topics == ()


def test_title_and_subtitle_count_too():
    a = enrich(article("Nothing here.", title="Huawei and the blacklist", subtitle="The Entity List grows"), CONFIG)
    assert a.companies == ("Huawei",)
    assert a.topics == ("entity-list",)


def test_redacted_blocks_are_not_searched():
    a = Article(seed="s.txt", seed_sha256="0" * 64, title="T",
                blocks=(Block("p", "Dahua said."), Block("redacted", "Huawei Huawei", 2)))
    assert enrich(a, CONFIG).companies == ("Dahua",)


# ---- ordering and overrides ---------------------------------------------------------------------

def test_companies_ordered_by_mentions_then_config_order():
    a = enrich(article("Dahua. Huawei. Huawei. Hikvision. Dahua. Huawei."), CONFIG)
    assert a.companies == ("Huawei", "Dahua", "Hikvision")
    tie = enrich(article("Huawei and Dahua and Hikvision."), CONFIG)
    assert tie.companies == ("Hikvision", "Dahua", "Huawei")  # ties follow digest.yml


def test_ordering_counts_a_full_company_name_once():
    a = enrich(article("Dahua said. Dahua added. Hangzhou Hikvision Digital Technology declined."), CONFIG)
    assert a.companies == ("Dahua", "Hikvision")


def test_topics_ordered_by_mentions_then_config_order():
    text = "Xinjiang. The trade war, the trade war. The blacklist, the Entity List, the blacklist."
    assert enrich(article(text), CONFIG).topics == ("entity-list", "trade-war", "xinjiang")


def test_overrides_win_over_matching():
    a = enrich(article("Huawei and the blacklist and the Entity List.", companies=("DJI",), topics=("xinjiang",)),
               CONFIG)
    assert a.companies == ("DJI",)
    assert a.topics == ("xinjiang",)


def test_empty_override_clears_matches():
    a = enrich(article("Huawei and the blacklist and the Entity List.", companies=(), topics=()), CONFIG)
    assert a.companies == ()
    assert a.topics == ()


def test_no_mentions_gives_empty_tuples():
    a = enrich(article("Nothing relevant in this text at all."), CONFIG)
    assert a.companies == () and a.topics == ()


def test_config_without_companies_or_topics():
    empty = parse_config({"site": {"title": "T"}, "companies": [], "topics": []})
    a = enrich(article("Huawei and the blacklist."), empty)
    assert a.companies == () and a.topics == ()


# ---- the shipped seeds and digest.yml -----------------------------------------------------------

def test_substantive_companies_on_the_shipped_seeds(generated):
    by_seed = {a.seed[:3]: a for a in generated[1].articles}
    assert set(by_seed["004"].companies) == {"Hikvision", "Huawei", "ZTE", "Intel", "Xilinx", "AMD", "Bank Tejarat"}
    assert {"Megvii", "Meiya Pico", "iFlytek", "Uniview"} <= set(by_seed["001"].companies)
    assert {"Baidu", "Tencent", "Alibaba"} <= set(by_seed["001"].passing_companies)
