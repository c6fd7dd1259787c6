"""generator.extract.role_body: the body-cleaning rule that reads the line-role model's tags."""

from __future__ import annotations

from generator.extract.role_body import (
    DROP_CONFIDENCE,
    reads_as_sentence,
    role_drop,
    unit_roles,
)
from generator.records import LineRoles, RoledLine, RoleReason


def _tags(*lines: tuple[str, str, float]) -> LineRoles:
    return LineRoles(tuple(RoledLine(i, *line) for i, line in enumerate(lines)), None)


def test_each_unit_gets_its_lines_role_and_a_joined_unit_none():
    tags = _tags(("Headline here", "title", 0.9), ("The first half of a wrapped", "body", 0.8),
                 ("line goes on here", "body", 0.8), ("Ferries", "footer", 0.99))
    units = ["Headline here", "The first half of a wrapped line goes on here", "Ferries"]
    assert [r and r.role for r in unit_roles(units, tags)] == ["title", None, "footer"]


def test_units_past_the_tagged_lines_or_after_a_mismatch_have_no_role():
    tags = _tags(("One", "chrome", 0.9), ("Two", "footer", 0.9))
    assert [r and r.role for r in unit_roles(["One", "Two", "Three"], tags)] == [
        "chrome", "footer", None]
    assert unit_roles(["Other", "Two"], tags) == [None, None]
    assert unit_roles(["One"], None) == [None]


def test_only_sure_furniture_roles_that_are_no_sentence_drop():
    sure = DROP_CONFIDENCE + 0.05
    assert role_drop(RoledLine(0, "Ferries", "footer", sure)) == RoleReason(
        "footer", round(sure, 2))
    for line in (
        RoledLine(0, "Ferries", "footer", DROP_CONFIDENCE - 0.05),
        RoledLine(0, "Ferries", "body", 0.99),
        RoledLine(0, "By Mirela Stoica", "byline", 0.99),
        RoledLine(0, "A spokesman declined to comment.", "footer", 0.99),
        RoledLine(0, "- Encrypted firmware and secure boot", "related", 0.99),
        None,
    ):
        assert role_drop(line) is None, line


def test_what_reads_as_a_sentence():
    assert reads_as_sentence("A ZTE spokesman declined to comment.")
    assert reads_as_sentence("Shares fell. The Register asked for comment; it declined. ®")
    assert reads_as_sentence("“We will appeal,” she said.”")
    assert not reads_as_sentence("Go to full article")
    assert not reads_as_sentence("Ends.")
