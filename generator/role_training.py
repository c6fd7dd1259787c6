"""Training and scoring the line-role model (extract/roles.py) from the labelled set.

Line roles are derived from the field labels of tests/data/eval: the line that is the labelled
title is the title, lines holding a labelled author are bylines, labelled keep lines are body,
labelled drop lines are captions, related links, chrome or footer by their cue and place, and
the rest by where they sit (above the title: chrome; running prose after it: body; after the
last body line: footer, related or comment). The model trains on the development part only, so
its score on the sealed part is a first-sight score. `make train` runs `python -m
generator.role_training`; the same data and code always give the same model file.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from .config import Config, load_config
from .eval_split import DEV, PARTS, load_split
from .evaluate import FieldScore, load_labels, normalise
from .extract.convert_html import html_to_text
from .extract.convert_markdown import markdown_to_text
from .extract.ingest import decode_seed
from .extract.ingest import normalise as normalise_text
from .extract.metadata import parse_date
from .extract.parse import furniture_reason, words
from .extract.role_features import as_crfsuite, line_features, text_lines
from .extract.roles import MODEL_PATH, ROLES

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "tests" / "data" / "eval"
# L1 keeps the model small (most feature weights become zero); L2 smooths the rest. Chosen by
# two-fold cross-validation on the development part (folds by page shape), never on the sealed
# part.
TRAINING = {"c1": 1.0, "c2": 0.1, "max_iterations": 150, "feature.possible_transitions": True}
CAPTION_CUE = re.compile(
    r"\b(?:photo|photograph|picture|pictured|image|credit|getty|caption|"
    r"illustration|file photo)\b|\((?:[^()]*/)?(?:ap|afp|reuters|getty images)\)",
    re.IGNORECASE,
)
COMMENT_HEADING = re.compile(
    r"^(?:\d+\s+)?(?:comments?|leave a reply|reader comments|discussion)\b", re.IGNORECASE
)
HEADLINE_WORDS = (4, 20)
"""A related-story headline has this many words (inclusive) and no closing full stop."""
KICKER_MAX_WORDS = 5
BYLINE_MAX_WORDS = 24
DATE_LINE_MAX_WORDS = 16


def seed_text(name: str, data: bytes) -> str:
    """The text the metadata stage reads, as pipeline.process_seed converts it."""
    seed = decode_seed(name, data)
    if seed.format == "markdown":
        return markdown_to_text(seed.text)
    if seed.format == "html":
        text, _ = html_to_text(seed.text)
        return normalise_text(text) if text.strip() else text
    return seed.text


def _norm(text: str) -> str:
    return str(normalise("title", text) or "").casefold()


def _holds(line: str, wanted: str, share: float) -> bool:
    """`wanted` is the line, or most of it (a label inside a line with a little chrome)."""
    return bool(wanted) and wanted in line and len(wanted) >= share * len(line)


def _headline_like(line: str) -> bool:
    return HEADLINE_WORDS[0] <= words(line) <= HEADLINE_WORDS[1] and not line.endswith(".")


def _prose(line: str) -> bool:
    return words(line) >= 25 or (
        words(line) >= 12 and line.rstrip("”’\"')").endswith((".", "!", "?"))
    )


@dataclass
class _Marks:
    title: str
    deks: list[str]
    authors: list[str]
    keep: list[str]
    drop: list[str]
    date: str | None


def _marks(label: dict) -> _Marks:
    def parts(key: str, separator: str) -> list[str]:
        return [_norm(p) for p in (label.get(key) or "").split(separator) if p.strip()]

    def lines(key: str) -> list[str]:
        return [_norm(x) for x in label.get(key) or ()]

    return _Marks(
        _norm(label.get("title") or ""),
        parts("subtitle", "; "),
        parts("author", ", "),
        lines("keep"),
        lines("drop"),
        label.get("date"),
    )


def _by_label(line: str, marks: _Marks) -> str | None:
    """The role a line's own label gives it, if any."""
    if _holds(line, marks.title, 0.5):
        return "title"
    if any(_holds(line, d, 0.6) for d in marks.deks):
        return "dek"
    if any(k and (k == line or k in line or line in k and words(line) >= 8) for k in marks.keep):
        return "body"
    if line in marks.drop:
        return "caption" if CAPTION_CUE.search(line) else "drop"
    if words(line) <= BYLINE_MAX_WORDS and any(a in line for a in marks.authors):
        return "byline"
    if (
        marks.date
        and words(line) <= DATE_LINE_MAX_WORDS
        and (parse_date(line) or ("",))[0] == marks.date
    ):
        return "date"
    return None


def derive_roles(lines: list[str], label: dict) -> list[str]:
    """One role per line from the article's field labels (see the module docstring)."""
    marks = _marks(label)
    normed = [_norm(line) for line in lines]
    roles = [_by_label(line, marks) for line in normed]
    title = next((i for i, r in enumerate(roles) if r == "title"), 0)
    body = [
        i
        for i, r in enumerate(roles)
        if r == "body" or (i > title and r is None and _prose(normed[i]))
    ]
    first, last = (body[0], body[-1]) if body else (title + 1, title + 1)
    in_comments = False
    for i, role in enumerate(roles):
        in_comments = in_comments or (i > last and bool(COMMENT_HEADING.match(lines[i])))
        if role not in (None, "drop"):
            continue
        roles[i] = _by_place(lines[i], i, title, first, last, role == "drop", in_comments)
    return roles


def _by_place(
    line: str, i: int, title: int, first: int, last: int, dropped: bool, in_comments: bool
) -> str:
    if i < title:
        near = i == title - 1 and words(line) <= KICKER_MAX_WORDS and not dropped
        return "kicker" if near and furniture_reason(line) is None else "chrome"
    if CAPTION_CUE.search(line) and words(line) <= 40:
        return "caption"
    if i < first:
        return "chrome"
    if i <= last:
        return (
            "related"
            if dropped and _headline_like(line)
            else "chrome"
            if dropped
            else ("body" if furniture_reason(line) is None else "chrome")
        )
    if in_comments:
        return "comment"
    return (
        "related" if _headline_like(line) and not line.startswith(("©", "Copyright")) else "footer"
    )


def labelled_sequences(
    names: list[str],
    config: Config,
    articles_dir: Path = EVAL / "articles",
    labels_file: Path = EVAL / "labels.yml",
):
    """(lines, features, roles) for each named article that has text."""
    labels = load_labels(labels_file)
    for name in sorted(names):
        lines, gaps = text_lines(seed_text(name, (articles_dir / name).read_bytes()))
        if lines:
            yield lines, line_features(lines, gaps, config), derive_roles(lines, labels[name])


def train(names: list[str], config: Config, model_path: Path = MODEL_PATH) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for _, features, roles in labelled_sequences(names, config):
        trainer.append([as_crfsuite(f) for f in features], roles)
    trainer.set_params(TRAINING)
    trainer.train(str(model_path))


def model_exists(model_path: Path = MODEL_PATH) -> bool:
    return model_path.is_file()


def role_scores(
    names: list[str],
    config: Config,
    articles_dir: Path = EVAL / "articles",
    labels_file: Path = EVAL / "labels.yml",
    model_path: Path = MODEL_PATH,
) -> dict[str, FieldScore]:
    """Per-line role accuracy against the derived roles, and how often the line the model finds
    most title-like is the labelled title."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    lines_score, title_score = FieldScore(), FieldScore()
    for lines, features, roles in labelled_sequences(names, config, articles_dir, labels_file):
        predicted = tagger.tag([as_crfsuite(f) for f in features])
        lines_score.total += len(roles)
        lines_score.right += sum(p == r for p, r in zip(predicted, roles, strict=True))
        scores = [tagger.marginal("title", i) for i in range(len(lines))]
        best = max(range(len(lines)), key=lambda i: (scores[i], -i))
        title_score.total += 1
        if roles[best] == "title":
            title_score.right += 1
    return {"line roles": lines_score, "title line (roles)": title_score}


def role_table(names: list[str], config: Config, model_path: Path = MODEL_PATH) -> str:
    """Recall and precision of each role over the named texts, one line per role."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    right, predicted, actual = Counter(), Counter(), Counter()
    for _, features, roles in labelled_sequences(names, config):
        for guess, role in zip(tagger.tag([as_crfsuite(f) for f in features]), roles, strict=True):
            predicted[guess] += 1
            actual[role] += 1
            right[role] += guess == role
    rows = [f"  {'role':<8} {'lines':>6} {'recall':>7} {'precision':>10}"]
    for role in ROLES:
        if actual[role] or predicted[role]:
            rows.append(
                f"  {role:<8} {actual[role]:>6} {right[role] / max(1, actual[role]):>7.1%} "
                f"{right[role] / max(1, predicted[role]):>10.1%}"
            )
    return "\n".join(rows)


def main(argv: list[str]) -> None:
    config = load_config(ROOT / "digest.yml")
    split = load_split(EVAL / "split.yml")
    if argv[:1] == ["score"]:
        for part in PARTS:
            scores = role_scores(list(split.parts[part]), config)
            print(part, {k: f"{v.accuracy:.1%} of {v.total}" for k, v in scores.items()})
            print(role_table(list(split.parts[part]), config))
        return
    train(list(split.parts[DEV]), config)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL_PATH))
    assert set(tagger.labels()) <= set(ROLES), tagger.labels()
    print(
        f"trained {MODEL_PATH.relative_to(ROOT)} on {len(split.parts[DEV])} development texts, "
        f"{MODEL_PATH.stat().st_size} bytes"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
