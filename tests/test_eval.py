"""Extraction-quality gate: per-field accuracy on the labelled set must stay above its floors.

The floors are the issue's minimums. Raise them when extraction improves; lowering one is a
visible change to MINIMUMS below, never a silent edit.
"""
from pathlib import Path

import pytest
import yaml

from generator.config import load_config
from generator.evaluate import evaluate, format_scores

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "data" / "eval"
# Raised on 2026-12-01 (from author .90, publication .85, subtitle .85, body kept .97, furniture .90)
# after the 096-125 set, a little under the measured 96.8 / 98.4 / 93.6 / 99.7 / 93.8 %.
MINIMUMS = {"title": 0.95, "date": 0.95, "author": 0.93, "publication": 0.95, "subtitle": 0.90, "url": 0.95,
            # body cleaning: labelled article sentences kept, labelled furniture lines removed
            "body kept": 0.98, "furniture dropped": 0.92}


@pytest.fixture(scope="module")
def scores():
    return evaluate(EVAL / "articles", EVAL / "labels.yml", load_config(ROOT / "digest.yml"))


def test_labelled_set_is_large_and_complete():
    labels = yaml.safe_load((EVAL / "labels.yml").read_text(encoding="utf-8"))
    files = {p.name for p in (EVAL / "articles").iterdir()}
    assert len(labels) >= 40
    assert set(labels) == files


@pytest.mark.parametrize("field", sorted(MINIMUMS))
def test_field_accuracy_above_floor(scores, field):
    assert scores[field].accuracy >= MINIMUMS[field], format_scores(scores)


def test_no_invented_dates(scores):
    assert scores["date"].invented == 0, format_scores(scores)


def test_no_seed_crashes_the_extractor(scores):
    assert "errors" not in scores, scores.get("errors") and scores["errors"].misses
