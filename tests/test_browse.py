"""generator.site.browse: the Browse page's static files from the articles' front-matter."""
from __future__ import annotations

import datetime as dt
import json

from generator.site.browse import CHUNK, build_data, render_browse_page, write_data


def meta(title: str, date: str | None, **fields) -> dict:
    return {"title": title, "date": dt.date.fromisoformat(date) if date else None,
            "publication": "Reuters", "author": "Jane Doe", "companies": [], "topics": [], "tags": [],
            "summary": f"About {title}.", "story": None} | fields


ARTICLES = {
    "articles/a/": meta("Alpha", "2020-03-02", companies=["Huawei", "ZTE"], topics=["five-g"],
                        tags=["Huawei", "ZTE", "5G and telecoms"], story="b"),
    "articles/b/": meta("Beta", "2020-03-01", companies=["Huawei"], author="Jane Doe, John Roe", story="b"),
    "articles/c/": meta("Gamma", "2019-12-31", publication="AP"),
    "articles/d/": meta("Delta", None, publication=None, author=None),
}


def test_rows_are_newest_first_with_undated_last():
    rows = build_data(ARTICLES)["rows/0.json"]
    assert [r[1] for r in rows] == ["Alpha", "Beta", "Gamma", "Delta"]
    assert rows[0] == ["articles/a/", "Alpha", "2020-03-02", "Reuters", "Jane Doe", "About Alpha."]


def test_each_facet_value_lists_its_positions_and_count():
    files = build_data(ARTICLES)
    facets = files["index.json"]["facets"]
    huawei = next(v for v in facets["company"] if v["key"] == "Huawei")
    assert huawei["count"] == 2 and files[huawei["file"]] == [0, 1]
    assert [(v["key"], v["label"]) for v in facets["topic"]] == [("five-g", "5G and telecoms")]
    assert [v["key"] for v in facets["author"]] == ["Jane Doe", "John Roe"]
    assert [v["count"] for v in facets["author"]] == [3, 1]
    assert facets["story"] == [{"key": "b", "label": "Beta", "count": 2, "file": "story/b.json", "id": 7}]


def test_values_give_each_position_the_ids_of_its_facet_values():
    files = build_data(ARTICLES)
    facets = files["index.json"]["facets"]
    ids = {(f, v["key"]): v["id"] for f, values in facets.items() for v in values}
    assert sorted(ids.values()) == list(range(len(ids)))  # one id per value, across the facets
    values = files["values.json"]
    assert len(values) == 4
    assert set(values[1]) == {ids["company", "Huawei"], ids["publication", "Reuters"],
                              ids["author", "Jane Doe"], ids["author", "John Roe"], ids["story", "b"]}
    assert values[3] == []  # Delta: no company, topic, publication, author or story
    # Counting the values of the Huawei articles gives the counts within that filter.
    within = [i for p in files[facets["company"][0]["file"]] for i in values[p]]
    assert within.count(ids["author", "Jane Doe"]) == 2 and ids["publication", "AP"] not in within


def test_months_are_slices_of_the_newest_first_order():
    assert build_data(ARTICLES)["index.json"]["months"] == [["2020-03", 0, 2], ["2019-12", 2, 1],
                                                           ["undated", 3, 1]]


def test_rows_come_in_chunks():
    many = {f"articles/x{i:04d}/": meta(f"T{i:04d}", "2021-01-01") for i in range(CHUNK + 3)}
    files = build_data(many)
    assert len(files["rows/0.json"]) == CHUNK and len(files["rows/1.json"]) == 3
    assert files["index.json"]["total"] == CHUNK + 3


def test_two_values_with_one_slug_get_two_files():
    files = build_data({"articles/a/": meta("A", None, publication="A.P."),
                        "articles/b/": meta("B", None, publication="A P")})
    assert len({v["file"] for v in files["index.json"]["facets"]["publication"]}) == 2


def test_write_data_replaces_an_earlier_build(tmp_path):
    stale = tmp_path / "browse" / "company" / "gone.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("[]")
    write_data(tmp_path, ARTICLES)
    assert not stale.exists()
    index = json.loads((tmp_path / "browse" / "index.json").read_text(encoding="utf-8"))
    assert index["total"] == 4


def test_the_page_is_a_frame_that_needs_no_index():
    page = render_browse_page()
    assert page.path == "browse.md" and 'id="digest-browse"' in page.text and "<noscript>" in page.text
    assert "exclude: true" in page.text
