"""Extraction on page shapes the role model has not seen: two-fold cross-validation by page shape
on the development part of the labelled set. The model is trained on one fold's texts and the
other fold is scored (rules and model together, as the pipeline runs them), then the other way
round; the sealed part is never read.

    python bench/shape_folds.py            # per-field accuracy over both folds
    python bench/shape_folds.py --misses title

A model trained on the whole development part knows every shape in it, so `digest eval`'s
development table flatters it; this figure is the one to choose rules by.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import pycrfsuite
from role_body_folds import folds

from generator.config import load_config
from generator.eval_split import DEV, load_split
from generator.evaluate import FieldScore, evaluate
from generator.extract import roles
from generator.role_training import EVAL, train

FIELDS = ("title", "subtitle", "author", "date", "publication", "url", "body kept",
          "furniture dropped")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", choices=FIELDS, help="also list this field's misses")
    args = parser.parse_args()
    config = load_config(ROOT / "digest.yml")
    dev = sorted(load_split(EVAL / "split.yml").parts[DEV])
    totals = {name: FieldScore() for name in FIELDS}
    with tempfile.TemporaryDirectory() as tmp:
        for k, held_out in enumerate(folds(dev)):
            model = Path(tmp) / f"fold{k}.crfsuite"
            train([n for n in dev if n not in held_out], config, model)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(model))
            roles._tagger = lambda path, tagger=tagger: tagger
            scores = evaluate(EVAL / "articles", EVAL / "labels.yml", config, held_out)
            for name in FIELDS:
                totals[name].right += scores[name].right
                totals[name].total += scores[name].total
            if args.misses:
                for name, expected, got in scores[args.misses].misses:
                    print(f"  {name}: expected {expected!r}, got {got!r}")
    print(f"two folds by page shape over {len(dev)} development texts")
    for name, score in totals.items():
        print(f"{name:<18} {score.accuracy:>6.1%} {score.right:>6} / {score.total}")


if __name__ == "__main__":
    main()
