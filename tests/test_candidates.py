"""generator.site.candidates: the discovery section of the build report."""
from __future__ import annotations

import yaml

from generator.records import Article, BuildReport, Candidate
from generator.site.candidates import candidates_context
from generator.site.render import render_report


def articles() -> list[Article]:
    return [Article(seed="a.txt", seed_sha256="", slug="a", title="A",
                    candidates=(Candidate("Pinsent Masons", "company word", "A *law* firm | Pinsent Masons."),)),
            Article(seed="b.txt", seed_sha256="", slug="b", title="B",
                    candidates=(Candidate("Pinsent Masons", "company word", "Again."),))]


def test_report_lists_candidates_with_counts_sentence_and_snippet():
    text = render_report(BuildReport(tuple(articles()), (), seeds_seen=2)).text
    section = text[text.index("## Companies not in digest.yml"):]
    assert "| Pinsent Masons |  | 2 | company word | A \\*law\\* firm \\| Pinsent Masons. (a.txt) |" in section
    block = section[section.index("~~~~ yaml\n") + len("~~~~ yaml\n"):section.rindex("~~~~")]
    assert yaml.safe_load(block) == [{"name": "Pinsent Masons"}]


def test_no_candidates_no_section():
    assert candidates_context([]) == {"candidates": [], "candidates_yaml": ""}
    assert "Companies not in digest.yml" not in render_report(BuildReport((), (), seeds_seen=0)).text
