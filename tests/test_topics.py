"""generator.knowledge.topics: weighted signal phrases against a threshold, with the evidence."""
from __future__ import annotations

from generator.config import parse_config
from generator.knowledge.topics import REPEAT_CAP, topic_evidence

CONFIG = parse_config({
    "site": {"title": "Test"}, "companies": [],
    "topics": [
        {"slug": "entity-list", "title": "Entity List", "signals": {"Entity List": 3, "blacklist": 2},
         "threshold": 4},
        {"slug": "tariffs", "title": "Tariffs", "keywords": ["tariffs"], "signals": {"Section 301": 3},
         "threshold": 3},
        {"slug": "drones", "title": "Drones", "keywords": ["drone"], "patterns": [r"\bUAVs?\b"], "min_mentions": 2},
    ],
})


def found(text: str, teaser: int | None = None) -> dict[str, float]:
    return {e.topic: e.score for e in topic_evidence(text, CONFIG, teaser)}


def test_weighted_evidence_must_reach_the_threshold():
    assert found("It was put on a blacklist.") == {}
    assert found("It was put on the Entity List, a blacklist.") == {"entity-list": 5.0}


def test_keywords_weigh_one_and_threshold_defaults_to_min_mentions():
    assert found("A drone.") == {}
    assert found("A drone and two UAVs.") == {"drones": 2.0}


def test_a_repeated_phrase_counts_at_most_the_cap():
    assert found("tariffs " * 10) == {"tariffs": float(REPEAT_CAP)}


def test_evidence_lists_the_phrases_that_matched():
    (evidence,) = topic_evidence("Section 301 tariffs and more tariffs.", CONFIG)
    assert evidence.topic == "tariffs" and evidence.score == 5.0
    assert evidence.phrases == (("tariffs", 2), ("Section 301", 1))


def test_a_paywalled_teaser_needs_less_evidence():
    assert found("One blacklist.", teaser=40) == {"entity-list": 2.0}


def test_phrases_differing_only_in_case_count_once():
    config = parse_config({"site": {"title": "T"}, "companies": [],
                           "topics": [{"slug": "el", "title": "EL", "keywords": ["entity list"],
                                       "signals": {"Entity List": 3}, "threshold": 1}]})
    (evidence,) = topic_evidence("The Entity List grew.", config)
    assert evidence.score == 3.0 and evidence.phrases == (("Entity List", 1),)
