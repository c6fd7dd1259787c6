"""The site's search index, queried with lunr.py the way Material's lunr.js queries it in the browser.

Material ignores a prebuilt index and builds lunr's index in the browser from search_index.json,
so this test builds the same index from the same documents and runs the reader's queries.
"""
import json

import pytest
from lunr import lunr


@pytest.fixture(scope="module")
def search(built_site):
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for i, doc in enumerate(docs):
        doc["id"] = str(i)
    index = lunr(ref="id", fields=("title", "text"), documents=docs)

    def query(text: str) -> list[str]:
        return [docs[int(hit["ref"])]["location"] for hit in index.search(text)]
    return query


@pytest.mark.parametrize("word", ["Uyghur", "Honovich", "Hikvision", "Megvii", "Xinjiang"])
def test_seed_words_find_article_pages(search, word):
    assert any(location.startswith("articles/") for location in search(word)), word


def test_a_headline_word_ranks_its_article_first(search):
    assert search("Honovich")[0].startswith("articles/china-threatens-reducing-exports")


def test_reader_comments_are_not_searchable(search):
    # "Black Friday" appears only in a reader comment on seed 000.
    assert not search("Friday")
