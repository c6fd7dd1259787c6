"""generator.extract.role_use: a line the line-role model tags byline names the writers when no
text rule knows its shape; the body's lines are never read as a byline."""

from __future__ import annotations

from pathlib import Path

from metadata_text import CONFIG

from generator.extract import role_use
from generator.extract.ingest import decode_seed
from generator.pipeline import process_seed
from generator.records import Article, Block

EVAL = Path(__file__).resolve().parent / "data" / "eval" / "articles"


def test_a_byline_in_a_shape_no_rule_knows_is_read_from_the_role():
    # a development text: "Devon Coleman | Lakeshore Public Media" read as a menu row to the rules
    # before names.py learnt "Name | Outlet"; the model reads the same line on its own
    name = "319_public-radio--water-main.txt"
    a = process_seed(decode_seed(name, (EVAL / name).read_bytes()), CONFIG)
    assert a.author == "Devon Coleman"
    names, found = role_use.author_from_byline_role(a, CONFIG)
    assert names == "Devon Coleman" and found.method == "line-role model: byline line"


def test_the_model_reads_the_article_as_a_seed_and_never_the_body_as_a_byline():
    article = Article(
        seed="t.txt",
        seed_sha256="",
        header=("Headline of the story here",),
        blocks=(Block("p", "Jane Doe said the plan would go ahead."),),
        footer=("© 2024 Example",),
    )
    assert role_use.article_text(article) == (
        "Headline of the story here\n\nJane Doe said the plan would go ahead.\n\n© 2024 Example"
    )
    assert role_use.author_from_byline_role(article, CONFIG) is None


def test_a_name_opening_a_credit_sentence():
    assert role_use._leading_name("Caleb Ostrowski writes The Week in Space every week.") == [
        "Caleb Ostrowski"
    ]
    assert role_use._leading_name("The Week in Space is written every week.") == []
