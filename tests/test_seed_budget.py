"""The per-seed budget inside a build: a seed over its time or memory is published as escaped raw
text (or reported), the others are published as usual, and the result is not cached."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from budget_seeds import BODY, RAW

from generator import pipeline
from generator.config import ConfigError, parse_config
from generator.records import Level

CONFIG = replace(parse_config(RAW), seconds_per_seed=1.0, megabytes_per_seed=128)


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in ("a.txt", "slow.txt", "z.txt"):
        (folder / name).write_text(
            f"Headline of {name} about Huawei\n\n" + BODY * 3, encoding="utf-8"
        )
    return folder


def _slow_for(name: str, how: str):
    real = pipeline.process_seed

    def stage(seed, config):
        if seed.name == name:
            if how == "time":
                time.sleep(60)
            else:
                _ = bytearray(1 << 30)  # one allocation: refused at once, whatever the load
        return real(seed, config)

    return stage


@pytest.mark.parametrize(
    "how,words", [("time", "1 s a seed may take"), ("memory", "128 MB a seed may use")]
)
def test_a_seed_over_budget_is_published_as_raw_text_and_the_build_goes_on(
    seeds, monkeypatch, how, words
):
    monkeypatch.setattr(pipeline, "process_seed", _slow_for("slow.txt", how))
    report = pipeline.build(CONFIG, seeds, None)
    by_seed = {a.seed: a for a in report.articles}
    assert sorted(by_seed) == ["a.txt", "slow.txt", "z.txt"]
    slow = by_seed["slow.txt"]
    assert slow.title == "slow" and "officials said" in slow.body_text
    [problem] = [p for p in slow.problems if p.stage == "budget"]
    assert (
        problem.level is Level.ERROR and words in problem.message and "raw text" in problem.message
    )
    assert by_seed["a.txt"].title == "Headline of a.txt about Huawei"


def test_a_seed_over_budget_even_as_raw_text_is_reported_with_the_reason(seeds, monkeypatch):
    monkeypatch.setattr(pipeline, "process_seed", _slow_for("slow.txt", "time"))
    monkeypatch.setattr(pipeline, "read_seed", lambda path, name, limit: time.sleep(60))
    report = pipeline.build(CONFIG, seeds, None)
    assert report.articles == ()
    [problem, *_] = [p for p in report.problems if p.seed == "slow.txt"]
    assert problem.stage == "budget" and "not even as raw text" in problem.message


def test_an_over_budget_result_is_not_cached(seeds, monkeypatch, tmp_path):
    monkeypatch.setattr(pipeline, "process_seed", _slow_for("slow.txt", "time"))
    pipeline.build(CONFIG, seeds, None, cache_dir=tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 2


def test_jobs_2_gives_the_same_result_under_the_budget(seeds, monkeypatch):
    monkeypatch.setattr(pipeline, "process_seed", _slow_for("slow.txt", "time"))
    one, two = pipeline.build(CONFIG, seeds, None), pipeline.build(CONFIG, seeds, None, jobs=2)
    assert [p.text for p in one.pages] == [p.text for p in two.pages]


@pytest.mark.parametrize(
    "limits,message",
    [
        ({"seconds_per_seed": 0}, "positive number of seconds"),
        ({"seconds_per_seed": True}, "seconds_per_seed"),
        ({"megabytes_per_seed": 10}, "at least 64"),
        ({"megabytes_per_seed": "lots"}, "expected a whole number"),
    ],
)
def test_bad_limits_are_config_errors(limits, message):
    with pytest.raises(ConfigError, match=message):
        parse_config({**RAW, "limits": limits})


def test_limits_default_to_ten_seconds_and_512_mb():
    config = parse_config(RAW)
    assert (config.seconds_per_seed, config.megabytes_per_seed) == (10.0, 512)
    assert parse_config({**RAW, "limits": {"seconds_per_seed": 2.5}}).seconds_per_seed == 2.5


def test_a_two_megabyte_one_line_prose_seed_is_published_normally_under_the_default_budget(tmp_path):
    """Plain prose on one 2 MB line (no headline line) gets a proper page: every per-seed stage
    reads a bounded part of it or runs in linear time, so it is never cut short as raw text."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    words = ("the", "government", "said", "Huawei", "would", "face", "new", "Entity", "List",
             "rules", "over", "security", "concerns")
    sentences = (" ".join(words[(i * 7 + j) % len(words)] for j in range(14)) for i in range(10**6))
    line, size = [], 0
    while size < 2_000_000:
        sentence = next(sentences).capitalize() + ". "
        line.append(sentence)
        size += len(sentence)
    (folder / "huge.txt").write_text("".join(line), encoding="utf-8")
    config = parse_config(RAW)  # the default budget: 10 s and 512 MB
    [article] = pipeline.build(config, folder, None).articles
    assert not [p for p in article.problems if p.stage == "budget" or p.level is Level.ERROR]
    assert article.summary.startswith("The government said huawei")
    assert len(article.key_points) == 3 and "Huawei" in article.companies
    assert sum(len(b.text) for b in article.blocks) > 1_900_000
