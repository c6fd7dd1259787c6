"""Choose the line-role body-cleaning thresholds (generator/extract/role_body.py) by two-fold
cross-validation on the development part of the labelled set: a model trained on one fold's
texts cleans the other fold's, so the figures are not those of a model that saw the texts'
labels. The sealed part is never read.

    python bench/role_body_folds.py                 # the default thresholds
    python bench/role_body_folds.py --drop off 0.8 0.9

Prints, per threshold (DROP_CONFIDENCE), body kept and furniture dropped over both folds, and
the metadata fields (which read the dropped lines too).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pycrfsuite

from generator.config import load_config
from generator.eval_split import DEV, load_split
from generator.evaluate import FieldScore, evaluate
from generator.extract import role_body, roles
from generator.role_training import EVAL, train

OFF = 1.01
"""A threshold no probability reaches: the rule is off."""
ROWS = ("body kept", "furniture dropped", "title", "author", "date", "publication", "url")


def shape(name: str) -> str:
    """The page shape a labelled file is written in: "319_public-radio--water-main.txt" ->
    "public-radio", "002_reuters-china-vows-huawei.txt" -> "reuters"."""
    stem = re.sub(r"^\d+_", "", name.rsplit(".", 1)[0])
    return stem.split("--")[0] if "--" in stem else stem.split("-")[0]


def folds(names: list[str]) -> tuple[list[str], list[str]]:
    """Two folds by page shape, so no shape is in both."""
    first = [n for n in names if hashlib.sha256(shape(n).encode()).digest()[0] % 2 == 0]
    return first, [n for n in names if n not in first]


def threshold(value: str) -> float:
    return OFF if value == "off" else float(value)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--drop", nargs="+", default=["off", "0.6", "0.7", "0.8", "0.9"])
    args = parser.parse_args()
    config = load_config(ROOT / "digest.yml")
    dev = sorted(load_split(EVAL / "split.yml").parts[DEV])
    parts = folds(dev)
    totals: dict[str, dict[str, FieldScore]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for k, held_out in enumerate(parts):
            model = Path(tmp) / f"fold{k}.crfsuite"
            train([n for n in dev if n not in held_out], config, model)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(model))
            roles._tagger = lambda path, tagger=tagger: tagger
            for drop in args.drop:
                role_body.DROP_CONFIDENCE = threshold(drop)
                scores = evaluate(EVAL / "articles", EVAL / "labels.yml", config, held_out)
                total = totals.setdefault(drop, {r: FieldScore() for r in ROWS})
                for row in ROWS:
                    total[row].right += scores[row].right
                    total[row].total += scores[row].total
    print(f"folds of {len(parts[0])} and {len(parts[1])} development texts")
    print(f"{'drop':>5} " + " ".join(f"{r:>17}" for r in ROWS))
    for drop, total in totals.items():
        cells = " ".join(
            f"{s.accuracy:>8.1%} {s.right:>4}/{s.total:<4}" for s in total.values()
        )
        print(f"{drop:>5} {cells}")


if __name__ == "__main__":
    main()
