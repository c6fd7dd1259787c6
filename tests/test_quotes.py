"""generator.knowledge.quotes: quoted statements with their speakers."""
from __future__ import annotations

from generator.config import parse_config
from generator.knowledge.people import find_people
from generator.knowledge.quotes import find_quotes

CONFIG = parse_config({"site": {"title": "Test"}, "companies": [{"name": "Hikvision"}, {"name": "Uniview"}],
                       "topics": [{"slug": "x", "title": "X", "keywords": ["x"]}]})


def quotes(*paragraphs: str) -> list[tuple[str, str, str, tuple[str, ...]]]:
    people = find_people(list(paragraphs))
    return [(q.speaker, q.role, q.text, q.companies) for q in find_quotes(list(paragraphs), people, CONFIG)]


def test_speaker_after_the_quote():
    assert quotes("“We have never engaged in anything inappropriate there,” a company spokesperson told the "
                  "Global Times.") == [("a company spokesperson", "", ("We have never engaged in anything "
                                        "inappropriate there"), ())]


def test_said_before_the_name_and_role_from_people():
    (q,) = quotes("“The US intention can’t be any clearer than this,” said Liu Guohong, research director "
                  "at China Development Institute.")
    assert q[:2] == ("Liu Guohong", "research director at China Development Institute")


def test_a_surname_is_resolved_and_the_role_names_the_company():
    found = quotes("Ma Li, vice-product director for Uniview, said bans hurt.",
                   "“There’ll always be more than one supplier for us,” Ma said.")
    assert found == [("Ma Li", "vice-product director for Uniview", ("There’ll always be more than one supplier "
                      "for us"), ("Uniview",))]


def test_straight_quotes_and_a_company_speaker():
    (q,) = quotes('"The company has taken the initiative to hire US professionals," Hikvision said.')
    assert q[0] == "Hikvision" and q[3] == ("Hikvision",)


def test_a_continuation_paragraph_keeps_the_speaker():
    found = quotes("“There are concerns that China may decide to retaliate,” Tim Stratford, chairman of the "
                   "chamber, told the BBC.",
                   "“These are real concerns, and they increase the risk.”")
    assert [f[0] for f in found] == ["Tim Stratford", "Tim Stratford"]


def test_scare_quotes_and_unattributed_quotes_are_not_quotes():
    assert quotes("Detainees undergo “re-education,” activists say.") == []
    assert quotes("The letter called it “crimes against humanity in the region of Xinjiang.”") == []
