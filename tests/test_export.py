import csv
import io
import json

from generator.config import parse_config
from generator.knowledge.stories import assign_stories, build_stories
from generator.records import Article, Block
from generator.site.export import COLUMNS, render_exports

CONFIG = parse_config(
    {"site": {"title": "T"}, "companies": [{"name": "Huawei"}, {"name": "ZTE"}], "topics": []}
)
BODY = (
    "The Commerce Department added Huawei Technologies to the Entity List on Wednesday, barring "
    "American suppliers from selling it chips without a licence worth $11 billion a year."
)


def art(slug, date, title="T", companies=("Huawei",)):
    return Article(
        seed=f"{slug}.txt",
        seed_sha256="",
        slug=slug,
        title=title,
        date=date,
        blocks=(Block("p", BODY),),
        companies=companies,
    )


def exports():
    grouped = assign_stories(
        [art("a", "2019-05-16"), art("b", None), art("c", "2020-01-01", "=HYPERLINK(1)", ("ZTE",))]
    )
    grouped[2] = Article(
        **{**grouped[2].__dict__, "blocks": (Block("p", "Other."),), "story": None}
    )
    return {p.path: p.text for p in render_exports(grouped, build_stories(grouped), CONFIG)}


def test_articles_json_holds_every_front_matter_with_its_story():
    records = json.loads(exports()["data/articles.json"])
    assert [r["slug"] for r in records] == ["a", "b", "c"]
    b = records[1]
    assert b["story"] == "a" and b["story_period"] == "May 16, 2019" and b["date"] is None
    assert {"title", "author", "publication", "companies", "extraction"} <= set(b)


def test_csv_of_articles_and_per_company_with_formulas_neutralised():
    out = exports()
    rows = list(csv.DictReader(io.StringIO(out["data/articles.csv"])))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 3
    assert rows[2]["title"] == "'=HYPERLINK(1)"
    assert [r["slug"] for r in csv.DictReader(io.StringIO(out["data/companies/huawei.csv"]))] == [
        "a",
        "b",
    ]
    assert [r["slug"] for r in csv.DictReader(io.StringIO(out["data/companies/zte.csv"]))] == ["c"]


def test_a_page_links_every_download():
    page = exports()["data/index.md"]
    for target in (
        "(articles.json)",
        "(articles.csv)",
        "(companies/huawei.csv)",
        "(companies/zte.csv)",
    ):
        assert target in page


def test_the_files_are_the_bytes_the_json_and_csv_modules_write_for_all_records():
    # The rows are encoded one by one (and kept by the render cache): the joined text must be
    # what dumping the whole list writes, unicode, quotes and empty articles included.
    from generator.site.export import export_record

    grouped = assign_stories(
        [art("a", "2019-05-16", 'Huawei "quoted", naïve'), art("b", None, "line\nbreak")]
    )
    stories = build_stories(grouped)
    story_of = {a.slug: s for s in stories for a in s.articles}
    records = [export_record(a, CONFIG, story_of.get(a.slug)) for a in grouped]
    out = {p.path: p.text for p in render_exports(grouped, stories, CONFIG)}
    assert out["data/articles.json"] == json.dumps(records, ensure_ascii=False, indent=1) + "\n"
    table = io.StringIO()
    writer = csv.writer(table, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in records:
        cells = (r.get(k) for k in COLUMNS)
        writer.writerow(
            ["; ".join(v) if isinstance(v, list) else "" if v is None else str(v) for v in cells]
        )
    assert out["data/articles.csv"] == table.getvalue()
    empty = {p.path: p.text for p in render_exports([], [], CONFIG)}
    assert empty["data/articles.json"] == json.dumps([], indent=1) + "\n"
    assert empty["data/articles.csv"] == ",".join(COLUMNS) + "\n"
