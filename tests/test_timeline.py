from types import SimpleNamespace

from generator.config import parse_config
from generator.knowledge.stories import assign_stories, build_stories
from generator.knowledge.timeline import Event, build_timeline, company_events, month_of
from generator.records import Article, Block

CONFIG = parse_config({"site": {"title": "T"}, "companies": [{"name": "Huawei"}], "topics": []})
BODY = (
    "The Commerce Department added Huawei Technologies to the Entity List on Wednesday, barring "
    "American suppliers from selling it chips without a licence worth $11 billion a year."
)


def art(slug: str, date: str | None, body: str = BODY, story: str | None = None) -> Article:
    return Article(
        seed=f"{slug}.txt",
        seed_sha256="",
        slug=slug,
        title=f"Report {slug}",
        date=date,
        blocks=(Block("p", body),),
        companies=("Huawei",),
        story=story,
    )


def test_stories_dated_articles_and_events_share_one_axis_by_month():
    grouped = assign_stories(
        [art("a", "2019-05-15"), art("b", None), art("c", "2019-06-02", "Unrelated.")]
    )
    stories = build_stories(grouped)
    events = [Event("2019-05-16", "Huawei", "Added to the Entity List")]
    timeline = build_timeline(grouped, stories, events)
    months = dict(timeline.months)
    assert list(months) == ["2019-05", "2019-06"]
    assert [e.kind for e in months["2019-05"]] == ["story", "event"]
    assert months["2019-05"][0].story.id == "a"
    assert [e.article.slug for e in months["2019-06"]] == ["c"]
    assert timeline.undated == ()  # b is placed by its story


def test_undated_articles_outside_a_story_are_listed_apart():
    timeline = build_timeline(
        [art("a", None, "Something else entirely."), art("b", "2020-01-01")], []
    )
    assert [a.slug for a in timeline.undated] == ["a"]
    assert [m for m, _ in timeline.months] == ["2020-01"]


def test_company_events_are_read_defensively_from_the_config():
    assert company_events(CONFIG) == []
    company = SimpleNamespace(
        name="Huawei",
        events=[
            {"date": "2019-05-16", "title": "Added to the Entity List"},
            SimpleNamespace(
                date="2020-08", title="Foreign direct product rule extended", url=None
            ),
            {"date": None, "title": "no date"},
            {"date": "2021-01-01"},
        ],
    )
    config = SimpleNamespace(companies=[company])
    assert company_events(config) == [
        Event("2019-05-16", "Huawei", "Added to the Entity List"),
        Event("2020-08", "Huawei", "Foreign direct product rule extended"),
    ]


def test_an_undated_report_belongs_to_its_story_month():
    grouped = assign_stories([art("a", "2019-05-15"), art("b", None)])
    story_of = {a.slug: s for s in build_stories(grouped) for a in s.articles}
    by_slug = {a.slug: a for a in grouped}
    assert month_of(by_slug["b"], story_of) == "2019-05"
    assert month_of(art("x", None), {}) is None
