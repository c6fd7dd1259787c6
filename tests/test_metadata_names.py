"""generator.extract.metadata.names: person names out of bylines: roles, places, desks and labels
are not people."""

from __future__ import annotations

import pytest
from metadata_text import CONFIG

from generator.extract.metadata import split_names


@pytest.mark.parametrize(
    "byline, names",
    [
        ("John Honovich, Published on Aug 23, 2017", ["John Honovich"]),
        ("Hannah Pryce, Ravi Menon and Chloe Tan", ["Hannah Pryce", "Ravi Menon", "Chloe Tan"]),
        ("Cyrus Lee, Contributor", ["Cyrus Lee"]),
        ("Anna Kowal | Reuters", ["Anna Kowal"]),
        ("Liu Wen and Fan Jiayi Source:Global Times", ["Liu Wen", "Fan Jiayi"]),
        ("Staff Reporter", []),
    ],
)
def test_byline_names(byline, names):
    assert split_names(byline, CONFIG) == names


def test_a_label_is_not_a_person():
    assert not split_names("The Big Story", CONFIG)


@pytest.mark.parametrize(
    "byline, names",
    [
        (
            "Ellen Marsh, Joon-ho Park and Tessa Grant in Washington",
            ["Ellen Marsh", "Joon-ho Park", "Tessa Grant"],
        ),
        ("Jordan Guerrero Associated Press", ["Jordan Guerrero"]),
        ("Priya Hussain, Local Democracy Reporting Service", ["Priya Hussain"]),
        ("Press Office", []),
        ("Northbrook Regional Partnership", []),
    ],
)
def test_places_outlets_and_organisations_are_not_people(byline, names):
    assert split_names(byline, CONFIG) == names
