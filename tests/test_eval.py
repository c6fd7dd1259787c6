"""Extraction-quality gate: per-field accuracy on the SEALED part of the labelled set must stay
above its floors (tests/data/eval/split.yml; generator/eval_split.py has the rule).

The sealed part is never tuned on, so its score is the honest one. The floors sit a little under
the sealed part's measured level; raise them when extraction improves, and lowering one is a
visible change to MINIMUMS below, never a silent edit. A failure prints the table only, not the
sealed misses: read the development part's misses (`digest eval`) to find what to fix.
"""
from pathlib import Path

import pytest
import yaml

from generator.config import load_config
from generator.eval_split import load_split
from generator.evaluate import evaluate, format_scores

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "data" / "eval"
# Set on 2026-12-06, a little under the sealed part's measured title 92.0, subtitle 88.8, author
# 82.5, date 95.6 (none invented), publication 80.1, url 95.6, body kept 100, furniture 92.7 %
# (251 of 834 articles). The sealed texts of 001-245 were tuned on before the split existed; those
# of 246-834 were measured on first sight and never tuned on. Lowered from title 0.92,
# author 0.84, publication 0.86, url 0.96 and furniture 0.93 when the blind batches 735-764 and
# 805-834 joined the sealed part (42 texts in new shapes, first-sight publication 52 and 33 %,
# author 67 and 67 %): on the 209 texts sealed before them the figures did not drop but for one
# title (title 92.8, author 85.2, date 96.2, publication 87.1, url 96.7, furniture 94.4 %).
# Floors follow the sealed part, they are not fitted to it.
MINIMUMS = {"title": 0.91, "date": 0.94, "author": 0.81, "publication": 0.79, "subtitle": 0.88,
            "url": 0.95,
            # body cleaning: labelled article sentences kept, labelled furniture lines removed
            "body kept": 0.97, "furniture dropped": 0.92}


@pytest.fixture(scope="module")
def scores():
    sealed = load_split(EVAL / "split.yml").parts["sealed"]
    config = load_config(ROOT / "digest.yml")
    return evaluate(EVAL / "articles", EVAL / "labels.yml", config, sealed)


def test_labelled_set_is_large_and_complete():
    labels = yaml.safe_load((EVAL / "labels.yml").read_text(encoding="utf-8"))
    files = {p.name for p in (EVAL / "articles").iterdir()}
    assert len(labels) >= 400
    assert set(labels) == files


@pytest.mark.parametrize("field", sorted(MINIMUMS))
def test_field_accuracy_above_floor(scores, field):
    assert scores[field].accuracy >= MINIMUMS[field], format_scores(scores, show_misses=False)


def test_no_invented_dates(scores):
    assert scores["date"].invented == 0, format_scores(scores, show_misses=False)


def test_no_seed_crashes_the_extractor(scores):
    assert "errors" not in scores, scores.get("errors") and scores["errors"].misses


def test_sealed_part_is_scored(scores):
    """The gate really reads the sealed part: every sealed article is labelled and scored."""
    assert scores["title"].total == len(load_split(EVAL / "split.yml").parts["sealed"]) >= 30


def test_a_stand_in_title_scores_as_no_headline(tmp_path):
    from generator.evaluate import evaluate

    (tmp_path / "a.txt").write_text(
        "The harbour board put off its vote on the new ferry pier until the spring, members "
        "said on Tuesday after a long meeting.\n\nA second survey of the seabed will be done "
        "first, the chairman said, and its results will be published.\n"
    )
    labels = tmp_path / "labels.yml"
    for title, right in ((None, 1), ("The harbour board put off its vote", 0)):
        labels.write_text(yaml.safe_dump({"a.txt": {"title": title}}))
        scores = evaluate(tmp_path, labels, load_config(ROOT / "digest.yml"), ["a.txt"])
        assert scores["title"].right == right
