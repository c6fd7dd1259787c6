"""`digest eval` scores the development and the sealed part separately and lists misses for the
development part only (generator/evaluate.py: evaluate_parts, format_parts)."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.config import load_config
from generator.eval_split import Batch, compute_split, write_split
from generator.evaluate import FieldScore, evaluate, evaluate_parts, format_parts

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "data" / "eval"
PICKED = [
    "001_reuters-entity-list-eight-firms.txt",
    "002_reuters-china-vows-huawei.txt",
    "003_ap-fcc-bans-huawei-zte-gear.txt",
]


def small_set(tmp_path: Path, wrong_title: str) -> tuple[Path, Path, Path]:
    """Three labelled articles, one of them sealed, with one title label made wrong."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for name in PICKED:
        shutil.copy(EVAL / "articles" / name, articles / name)
    labels = yaml.safe_load((EVAL / "labels.yml").read_text(encoding="utf-8"))
    picked = {name: dict(labels[name]) for name in PICKED}
    picked[wrong_title]["title"] = "A headline nobody wrote"
    (tmp_path / "labels.yml").write_text(yaml.safe_dump(picked), encoding="utf-8")
    split = compute_split(PICKED, (Batch(1, 3, 0.35),))
    write_split(tmp_path / "split.yml", split)
    return articles, tmp_path / "labels.yml", tmp_path / "split.yml"


def test_parts_are_scored_apart(tmp_path):
    split = compute_split(PICKED, (Batch(1, 3, 0.35),))
    sealed = split.parts["sealed"][0]
    articles, labels, split_file = small_set(tmp_path, sealed)
    parts = evaluate_parts(articles, labels, split_file, load_config(ROOT / "digest.yml"))
    assert parts["sealed"]["title"].total == 1 and parts["sealed"]["title"].right == 0
    assert parts["dev"]["title"].total == 2 and parts["dev"]["title"].right == 2


def test_sealed_misses_are_not_printed():
    miss = FieldScore(right=0, total=1, misses=[("009_sealed.txt", "a", "b")])
    hit = FieldScore(right=1, total=1)
    dev_miss = FieldScore(right=0, total=1, misses=[("008_dev.txt", "c", "d")])
    text = format_parts({"dev": {"title": dev_miss}, "sealed": {"title": miss}})
    assert "008_dev.txt" in text and "009_sealed.txt" not in text
    assert "sealed part" in text and "development part" in text
    assert "0.0%" in format_parts({"dev": {"title": hit}, "sealed": {"title": miss}})


def test_eval_command_prints_both_parts(tmp_path):
    dev = compute_split(PICKED, (Batch(1, 3, 0.35),)).parts["dev"][0]
    articles, labels, split_file = small_set(tmp_path, dev)
    result = CliRunner().invoke(
        main,
        [
            "eval",
            "--config",
            str(ROOT / "digest.yml"),
            "--articles",
            str(articles),
            "--labels",
            str(labels),
            "--split",
            str(split_file),
        ],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert "development part" in result.output and "sealed part" in result.output
    assert dev in result.output  # the development miss is listed


def test_with_roles_scores_the_title_with_the_role_models_override(tmp_path):
    dev = compute_split(PICKED, (Batch(1, 3, 0.35),)).parts["dev"][0]
    articles, labels, _ = small_set(tmp_path, dev)
    config = load_config(ROOT / "digest.yml")
    scores = evaluate(articles, labels, config, with_roles=True)
    assert scores["title+roles"].total == 3
    assert "title+roles" not in evaluate(articles, labels, config)
