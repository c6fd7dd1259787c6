from generator.knowledge.related import NEIGHBOURS, RELATED, related_articles
from generator.records import Article


def art(
    slug: str, date: str | None = None, companies=(), topics=(), story=None, copy_of=None
) -> Article:
    return Article(
        seed=f"{slug}.txt",
        seed_sha256="",
        slug=slug,
        title=slug,
        date=date,
        companies=tuple(companies),
        topics=tuple(topics),
        story=story,
        copy_of=copy_of,
    )


def slugs(found, slug):
    return [a.slug for a in found[slug]]


def test_same_story_first_then_shared_companies_then_topics_then_time():
    articles = [
        art("a", "2020-01-10", ["Huawei"], ["5g"], story="a"),
        art("b", "2020-06-01", [], [], story="a"),
        art("c", "2020-01-11", [], ["5g"]),
        art("d", "2020-03-01", ["Huawei"]),
        art("e", "2019-01-01", ["Huawei"]),
        art("f", "2020-01-10"),
    ]
    assert slugs(related_articles(articles), "a") == ["b", "d", "e", "c"]


def test_copies_of_the_same_report_are_not_related_reading():
    articles = [
        art("a", "2020-01-10", ["ZTE"], story="a"),
        art("a-copy", "2020-01-10", ["ZTE"], story="a", copy_of="a"),
        art("z", "2020-01-12", ["ZTE"]),
    ]
    found = related_articles(articles)
    assert slugs(found, "a") == ["z"] and slugs(found, "a-copy") == ["z"]


def test_at_most_five_and_only_near_neighbours_are_scored():
    articles = [
        art(f"s{i:03d}", f"2020-{1 + i % 12:02d}-{1 + i % 28:02d}", ["Huawei"]) for i in range(200)
    ]
    found = related_articles(articles)
    assert all(len(v) == RELATED for v in found.values())
    assert NEIGHBOURS < 200


def test_order_does_not_depend_on_input_order():
    articles = [
        art(f"s{i}", f"2020-01-{1 + i:02d}", ["Huawei"] if i % 2 else ["ZTE"]) for i in range(9)
    ]
    assert related_articles(articles) == related_articles(list(reversed(articles)))
