"""generator.knowledge.people: names with their roles; bylines and company names excluded."""
from __future__ import annotations

from generator.knowledge.people import MAX_PEOPLE, find_people, resolve


def people(*paragraphs: str, exclude=()) -> dict[str, str]:
    return {p.name: p.role for p in find_people(list(paragraphs), exclude=exclude)}


def test_appositive_role():
    assert people("“It is unfair,” said Liu Guohong, research director at think tank China Development "
                  "Institute in Shenzhen.") == {
        "Liu Guohong": "research director at think tank China Development Institute in Shenzhen"}


def test_title_before_the_name():
    assert people("Chinese Foreign Ministry Spokesperson Lu Kang said so.") == {
        "Lu Kang": "Chinese Foreign Ministry Spokesperson"}
    assert people("Huawei founder Ren Zhengfei said the US underestimates it.") == {
        "Ren Zhengfei": "Huawei founder"}


def test_a_role_never_reaches_into_the_previous_sentence():
    assert people("Apps for its Play Store. Huawei founder Ren Zhengfei spoke.")["Ren Zhengfei"] == "Huawei founder"


def test_bylines_places_and_bodies_are_not_people():
    assert people("David Gilbert, a reporter at VICE, wrote it.", exclude=["David Gilbert"]) == {}
    assert people("The White House, a senior official said.") == {}
    assert people("Hong Kong, a financial hub for the region.") == {}


def test_a_surname_alone_resolves_to_the_person():
    found = find_people(["Ma Li, vice-product director for Uniview, spoke."])
    assert resolve("Ma", found).name == "Ma Li"
    assert resolve("a company spokesperson", found) is None


def test_at_most_max_people_are_kept_the_first_found():
    letters = "abcdefghijklmnopqrstuvwxyz"
    names = [f"Ab{letters[i // 26]}{letters[i % 26]} Cd{letters[i % 26]}{letters[i // 26]}"
             for i in range(MAX_PEOPLE + 40)]
    paragraphs = [f"“We will comply,” said {name}, a spokesman for the ministry." for name in names]
    found = find_people(paragraphs)
    assert [p.name for p in found] == names[:MAX_PEOPLE]
