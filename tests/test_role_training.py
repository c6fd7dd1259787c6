"""Line roles derived from the field labels, and the model trained from them
(generator/role_training.py)."""

from pathlib import Path

from generator.config import load_config
from generator.eval_split import DEV, SEALED, load_split
from generator.evaluate import load_labels
from generator.extract.role_features import text_lines
from generator.extract.roles import MODEL_PATH
from generator.role_training import EVAL, derive_roles, role_scores, role_table, seed_text, train

CONFIG = load_config(Path(__file__).resolve().parent.parent / "digest.yml")
SPLIT = load_split(EVAL / "split.yml")
LABEL = {
    "title": "Council approves new cycle lanes on the ring road",
    "subtitle": "Drivers object",
    "author": "Jane Marlow",
    "date": "2024-03-04",
    "publication": "The Fenwick Gazette",
    "url": None,
    "style": "test",
    "keep": ["Work starts in May, the council said, and will last for most of the summer."],
    "drop": ["Photo: the ring road at rush hour (Staff)", "Share"],
}
TEXT = (
    "Menu  Search  Sign in\n\nLocal news\n\nCouncil approves new cycle lanes on the ring road\n\n"
    "Drivers object\n\nBy Jane Marlow\n\n4 March 2024\n\nPhoto: the ring road at rush hour (Staff)\n\n"
    "The council on Thursday approved cycle lanes on both sides of the ring road, despite objections "
    "from drivers who say the loss of a traffic lane will slow journeys at peak hours.\n\n"
    "Work starts in May, the council said, and will last for most of the summer.\n\nShare\n\n"
    "Most read\n\nMan rescued from river after three hours clinging to a branch\n\n"
    "© 2024 The Fenwick Gazette\n"
)


def test_roles_come_from_the_labels_and_the_place_of_each_line():
    lines, _ = text_lines(TEXT)
    assert dict(zip(lines, derive_roles(lines, LABEL), strict=True)) == {
        "Menu Search Sign in": "chrome",
        "Local news": "kicker",
        "Council approves new cycle lanes on the ring road": "title",
        "Drivers object": "dek",
        "By Jane Marlow": "byline",
        "4 March 2024": "date",
        "Photo: the ring road at rush hour (Staff)": "caption",
        lines[7]: "body",
        lines[8]: "body",
        "Share": "footer",
        "Most read": "footer",
        "Man rescued from river after three hours clinging to a branch": "related",
        "© 2024 The Fenwick Gazette": "footer",
    }


def test_every_labelled_text_has_its_title_line():
    """The derivation finds the labelled title as a line in almost every text."""
    labels = load_labels(EVAL / "labels.yml")
    found = 0
    for name in sorted(labels):
        lines, _ = text_lines(seed_text(name, (EVAL / "articles" / name).read_bytes()))
        found += "title" in derive_roles(lines, labels[name])
    assert found >= 0.97 * len(labels)


def test_training_is_deterministic(tmp_path):
    names = list(SPLIT.parts[DEV])[:25]
    train(names, CONFIG, tmp_path / "a.crfsuite")
    train(names, CONFIG, tmp_path / "b.crfsuite")
    assert (tmp_path / "a.crfsuite").read_bytes() == (tmp_path / "b.crfsuite").read_bytes()


def test_committed_model_is_what_make_train_gives(tmp_path):
    """Trained on the development part only; run `make train` after changing labels or features."""
    train(list(SPLIT.parts[DEV]), CONFIG, tmp_path / "model.crfsuite")
    assert (tmp_path / "model.crfsuite").read_bytes() == MODEL_PATH.read_bytes(), "run make train"


def test_role_scores_count_lines_and_titles():
    names = list(SPLIT.parts[SEALED])[:10]
    scores = role_scores(names, CONFIG)
    assert scores["title line (roles)"].total == 10
    assert scores["line roles"].total > 100 and scores["line roles"].right > 0


def test_role_table_lists_recall_and_precision_per_role():
    table = role_table(list(SPLIT.parts[SEALED])[:5], CONFIG)
    assert table.splitlines()[0].split() == ["role", "lines", "recall", "precision"]
    assert any(row.split()[0] == "title" for row in table.splitlines()[1:])
