"""Extraction quality as numbers: run the per-seed stages over a labelled set and score each field.

`digest eval` prints per-field accuracy and the misses for the development part and the sealed
part of the set (see eval_split.py); tests hold floors on the sealed part's numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .config import Config
from .eval_split import PARTS, load_split
from .extract.ingest import decode_seed
from .extract.metadata.base import STAND_IN
from .pipeline import process_seed
from .records import Article

SCORED = ("title", "subtitle", "author", "date", "publication", "url")
# Body cleaning, scored per labelled line: sentences that must stay in the body, furniture that
# must go.
BODY_SCORES = {"keep": "body kept", "drop": "furniture dropped"}


@dataclass
class FieldScore:
    right: int = 0
    total: int = 0
    misses: list[tuple[str, object, object]] = field(default_factory=list)
    """(file, expected, got) for every wrong answer."""
    invented: int = 0
    """Values given where the label says the text has none (a guessed date, say)."""

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 1.0


def normalise(field_name: str, value: object) -> object:
    """Compare what a reader would call the same: spacing, quote style and name order do not
    count."""
    if value in (None, ""):
        return None
    text = unicodedata.normalize("NFKC", str(value))
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = " ".join(text.split())
    if field_name == "author":
        return frozenset(n.strip().casefold() for n in re.split(r",|\band\b", text) if n.strip())
    if field_name in ("publication", "url"):
        return text.casefold().rstrip("/")
    return text


def load_labels(labels_file: Path) -> dict[str, dict]:
    """labels.yml with the keep/drop lines of body.yml beside it merged in."""
    labels = yaml.safe_load(labels_file.read_text(encoding="utf-8")) or {}
    body_file = labels_file.with_name(
        "body.yml"
    )  # keep/drop lines for articles labelled before they existed
    if body_file.exists():
        for name, extra in (yaml.safe_load(body_file.read_text(encoding="utf-8")) or {}).items():
            labels.setdefault(name, {}).update(extra)
    return labels


def evaluate(
    articles_dir: Path,
    labels_file: Path,
    config: Config,
    names: Iterable[str] | None = None,
    with_roles: bool = False,
) -> dict[str, FieldScore]:
    """Scores over the labelled articles, or only over `names` when given. `with_roles` adds the
    title the rules would give with the line-role model's override (not yet in the pipeline)."""
    labels = load_labels(labels_file)
    if names is not None:
        labels = {name: labels[name] for name in names if name in labels}
    scores = {name: FieldScore() for name in SCORED}
    for name in sorted(labels):
        data = (articles_dir / name).read_bytes()
        result = process_seed(decode_seed(name, data), config)
        article = result if isinstance(result, Article) else None
        if with_roles and "title" in labels[name]:
            _score_role_title(scores, name, data, labels[name]["title"], article, config)
        problems = result.problems if article else result
        for problem in problems:
            if problem.level.value == "error":
                scores.setdefault("errors", FieldScore()).misses.append(
                    (name, "no error", problem.message)
                )
        for field_name in SCORED:
            if field_name not in labels[name]:
                continue
            _score(scores[field_name], name, field_name, labels[name][field_name], article)
        for key, score_name in BODY_SCORES.items():
            for line in labels[name].get(key) or ():
                _score_body(
                    scores.setdefault(score_name, FieldScore()), name, line, article, key == "keep"
                )
    return scores


def _score_role_title(
    scores: dict[str, FieldScore],
    name: str,
    data: bytes,
    expected: object,
    article: Article | None,
    config: Config,
) -> None:
    from .extract.roles import tag_text, title_from_roles
    from .role_training import seed_text  # here: role_training imports this module

    rules = article.title if article else None
    better = title_from_roles(tag_text(seed_text(name, data), config), rules)
    got = better.text if better else rules
    score = scores.setdefault("title+roles", FieldScore())
    _score(score, name, "title", expected, _Titled(got))


@dataclass(frozen=True)
class _Titled:
    """Stands in for an Article where only a title is scored."""

    title: str | None


def evaluate_parts(
    articles_dir: Path, labels_file: Path, split_file: Path, config: Config
) -> dict[str, dict[str, FieldScore]]:
    """Scores for each part of the recorded split (dev, sealed), each part scored on its own."""
    split = load_split(split_file)
    from .role_training import model_exists, role_scores  # here: role_training imports this module

    roles = model_exists()
    parts = {p: evaluate(articles_dir, labels_file, config, split.parts[p], roles) for p in PARTS}
    if roles:
        for part in PARTS:
            names = list(split.parts[part])
            parts[part].update(role_scores(names, config, articles_dir, labels_file))
    return parts


def _score_body(
    score: FieldScore, name: str, line: str, article: Article | None, should_stay: bool
) -> None:
    """A kept sentence must be somewhere in the body; a furniture line must not be one of its
    paragraphs."""
    blocks = (
        [normalise("body", b.text) for b in article.blocks if b.kind != "redacted"]
        if article
        else []
    )
    wanted = normalise("body", line)
    stayed = any(wanted in b for b in blocks) if should_stay else wanted in blocks
    score.total += 1
    if stayed == should_stay:
        score.right += 1
    else:
        score.misses.append((name, "kept" if should_stay else "dropped", line))


def _score(
    score: FieldScore, name: str, field_name: str, expected: object, article: Article | None
) -> None:
    got = getattr(article, field_name) if article else None
    found = getattr(article, "found", {}).get(field_name) if article else None
    if found is not None and found.confidence <= STAND_IN:
        got = None  # a stand-in (the first sentence as the title): the text gave no value
    score.total += 1
    if normalise(field_name, expected) == normalise(field_name, got):
        score.right += 1
        return
    score.misses.append((name, expected, got))
    if expected is None and got is not None:
        score.invented += 1


def format_scores(scores: dict[str, FieldScore], show_misses: bool = True) -> str:
    lines = [f"{'field':<18} {'accuracy':>9} {'right':>6} {'total':>6} {'invented':>9}"]
    for name, s in scores.items():
        if name == "errors":
            continue
        lines.append(f"{name:<18} {s.accuracy:>8.1%} {s.right:>6} {s.total:>6} {s.invented:>9}")
    if show_misses:
        for name, s in scores.items():
            if s.misses:
                lines.append(f"\n{name} misses:")
                lines += [f"  {file}: expected {exp!r}, got {got!r}" for file, exp, got in s.misses]
    return "\n".join(lines)


PART_TITLES = {
    "dev": "development part (tune on these)",
    "sealed": "sealed part (never tuned on; CI floors hold here)",
}


def format_parts(parts: dict[str, dict[str, FieldScore]], show_misses: bool = True) -> str:
    """Each part's table under its own heading. Misses are listed for the development part only:
    whoever tunes reads them, and the sealed part must stay unread."""
    sections = []
    for part, scores in parts.items():
        table = format_scores(scores, show_misses=show_misses and part != "sealed")
        sections.append(
            f"== {PART_TITLES.get(part, part)}: {scores['title'].total} articles ==\n{table}"
        )
    return "\n\n".join(sections)
