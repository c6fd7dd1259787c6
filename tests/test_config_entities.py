"""generator.config: the company profile and event fields, and weighted topic signals."""
from __future__ import annotations

import datetime as dt

import pytest

from generator.config import ConfigError, load_config, parse_config

EVENT = {"date": "2019-10-09", "kind": "entity-list", "title": "Added", "source": "https://www.federalregister.gov/d/1"}


def config(company: dict | None = None, topic: dict | None = None):
    return parse_config({"site": {"title": "T"},
                         "companies": [{"name": "Hikvision", **(company or {})}],
                         "topics": [{"slug": "x", "title": "X", "keywords": ["x"], **(topic or {})}]})


def test_profile_and_events_are_read_and_sorted():
    c = config({"country": "China", "sector": "Cameras", "ticker": "002415.SZ",
                "events": [EVENT, dict(EVENT, date=dt.date(2018, 8, 13), kind="ndaa-889", ended="2020-01-02")]})
    (company,) = c.companies
    assert (company.country, company.sector, company.ticker) == ("China", "Cameras", "002415.SZ")
    assert [(e.date, e.kind, e.ended) for e in company.events] == [
        ("2018-08-13", "ndaa-889", "2020-01-02"), ("2019-10-09", "entity-list", None)]


@pytest.mark.parametrize("event,message", [
    (dict(EVENT, kind="blacklist"), "events[0].kind: unknown kind 'blacklist'"),
    (dict(EVENT, source="http://example.com"), "events[0].source: give the https:// address"),
    (dict(EVENT, date="9 Oct 2019"), "events[0].date: expected a date as YYYY-MM-DD"),
    ({k: v for k, v in EVENT.items() if k != "source"}, "events[0]: missing required key 'source'"),
    (dict(EVENT, when="x"), "events[0]: unknown key 'when'"),
])
def test_bad_events_are_named(event, message):
    with pytest.raises(ConfigError) as caught:
        config({"events": [event]})
    assert message in str(caught.value)


def test_signals_weights_and_threshold():
    (topic,) = config(topic={"signals": {"Entity List": 3, "blacklist": 1.5}, "threshold": 4}).topics
    assert topic.signals == (("Entity List", 3.0), ("blacklist", 1.5)) and topic.threshold == 4.0
    assert config(topic={"min_mentions": 3}).topics[0].threshold == 3.0


@pytest.mark.parametrize("topic,message", [
    ({"signals": {"x": 0}}, "the weight must be a positive number"),
    ({"signals": {"x": "high"}}, "the weight must be a positive number"),
    ({"threshold": 0}, "threshold: must be more than 0"),
    ({"threshold": "4"}, "threshold: expected a whole number or a number"),
])
def test_bad_signals_are_named(topic, message):
    with pytest.raises(ConfigError) as caught:
        config(topic=topic)
    assert message in str(caught.value)


def test_the_shipped_config_covers_the_subject(root):
    c = load_config(root / "digest.yml")
    assert len(c.companies) >= 60
    assert {t.slug for t in c.topics} >= {
        "trade-war", "export-controls", "entity-list", "human-rights", "xinjiang", "cybersecurity",
        "espionage",
        "surveillance-technology", "facial-recognition", "artificial-intelligence", "drones",
        "telecom-5g",
        "semiconductors", "tariffs", "government-procurement-ban", "sanctions", "market-share",
        "stock-market"}
    hikvision = next(x for x in c.companies if x.name == "Hikvision")
    assert ("2019-10-09", "entity-list") in {(e.date, e.kind) for e in hikvision.events}
    assert ("2018-08-13", "ndaa-889") in {(e.date, e.kind) for e in hikvision.events}
    assert all(e.source.startswith("https://") for x in c.companies for e in x.events)
