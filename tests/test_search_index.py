"""The site's search index, queried with lunr.py the way Material's lunr.js queries it in the browser.

Material ignores a prebuilt index and builds lunr's index in the browser from search_index.json,
so this test builds the same index from the same documents and runs the reader's queries.
"""
import json

import pytest
from lunr import lunr


@pytest.fixture(scope="module")
def search(built_site):
    data = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = data["docs"]
    for i, doc in enumerate(docs):
        doc["id"] = str(i)
        doc.setdefault("terms", "")
    # The fields and boosts Material's worker uses, tags aside (a list lunr.py cannot extract).
    fields = [{"field_name": name, "boost": spec["boost"]} for name, spec in data["config"]["fields"].items()
              if name != "tags"]
    index = lunr(ref="id", fields=fields, documents=docs)

    def query(text: str) -> list[str]:
        return [docs[int(hit["ref"])]["location"] for hit in index.search(text)]
    return query


@pytest.mark.parametrize("word", ["Uyghur", "Honovich", "Hikvision", "Megvii", "Xinjiang"])
def test_seed_words_find_article_pages(search, word):
    assert any(location.startswith("articles/") for location in search(word)), word


def test_a_headline_word_ranks_its_article_first(search):
    articles = [hit for hit in search("Honovich") if hit.startswith("articles/")]
    assert articles[0].startswith("articles/china-threatens-reducing-exports")


@pytest.mark.parametrize(("word", "slug"), [("Uighur", "chinas-biggest-surveillance"),
                                            ("Hik Vision", "chinas-biggest-surveillance"),
                                            ("Meiya Pico", "us-widens-its-campaign"),
                                            ("Liu Guohong", "us-widens-its-campaign")])
def test_aliases_variants_and_people_find_the_article(search, word, slug):
    assert any(hit.startswith(f"articles/{slug}") for hit in search(word)), search(word)


def test_an_alias_ranks_above_a_body_mention(search):
    # "Hangzhou Hikvision" is an alias: every Hikvision article has it in its boosted terms.
    hits = [h for h in search("Hangzhou") if "#" not in h]
    assert hits and all(h.startswith(("articles/", "companies/")) for h in hits[:5]), hits


def test_reader_comments_are_not_searchable(search):
    # "Black Friday" appears only in a reader comment on seed 000.
    assert not search("Friday")


def test_the_topic_scores_are_not_searched(built_site):
    # The "Why these topics" list repeats the article's own words with scores: indexed, it was
    # shown as the matching text of a search instead of the article.
    data = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    articles = [d for d in data["docs"] if d["location"].startswith("articles/")]
    assert any("Xinjiang" in d["text"] for d in articles)
    assert not any("Why these topics" in d["text"] or "(score " in d["text"] for d in articles)
