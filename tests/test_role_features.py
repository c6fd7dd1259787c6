"""Features of a seed's lines for the line-role model (generator/extract/role_features.py)."""

from pathlib import Path

from generator.config import load_config
from generator.extract.role_features import (
    FEATURE_CHARS,
    _digit_count,
    as_crfsuite,
    bucket,
    line_features,
    names_publication,
    publication_names,
    text_lines,
)

CONFIG = load_config(Path(__file__).resolve().parent.parent / "digest.yml")
TEXT = (
    "Menu  Search  Sign in\n\n"
    "Local news\n\n"
    "Council approves new cycle lanes on the ring road\n\n"
    "By Jane Marlow\n\n"
    "4 March 2024\n\n"
    "The council on Thursday approved cycle lanes on both sides of the ring road, despite objections from "
    "drivers who say the loss of a traffic lane will slow journeys at peak hours across the town.\n\n"
    "Work starts in May.\n\n"
    "© 2024 The Fenwick Gazette\n"
)


def test_text_lines_are_stripped_with_gaps():
    lines, gaps = text_lines("  One  line \n\n\nTwo\nThree\n")
    assert lines == ["One line", "Two", "Three"]
    assert gaps == [True, True, False]


def test_features_describe_place_shape_and_rules():
    lines, gaps = text_lines(TEXT)
    features = line_features(lines, gaps, CONFIG)
    assert len(features) == len(lines)
    title, byline, date, lead = (
        features[lines.index(x)]
        for x in (
            "Council approves new cycle lanes on the ring road",
            "By Jane Marlow",
            "4 March 2024",
            next(x for x in lines if x.startswith("The council")),
        )
    )
    assert byline["byline"] and byline["first"] == "by"
    assert date["date_parsed"] and not title["date_parsed"]
    assert lead["prose"] and lead["lead_rel"] == "<1" and title["lead_rel"] == "<-2"
    assert title["lead_overlap"] != "<1"  # the headline shares words with the lead
    assert title["-1:first"] == "local" and title["+1:byline"]
    assert features[0]["first_line"] and features[0]["-1:edge"] and features[-1]["+1:edge"]
    assert features[-1]["has_copyright"] and features[-1]["last3"]


def test_repetition_counts_the_same_line_elsewhere():
    lines, gaps = text_lines("Share\nA headline here\nShare\n")
    features = line_features(lines, gaps, CONFIG)
    assert features[0]["repeats"] == "<2" and features[1]["repeats"] == "<1"


def test_publication_table_mentions_are_whole_words():
    names = publication_names(CONFIG)
    assert names_publication("Copyright 2024 Reuters. All rights reserved.", names)
    assert not names_publication("Reutersville council meets", names)
    assert not names_publication("anything", ())


def test_crfsuite_items_are_sorted_strings():
    assert as_crfsuite({"b": "x", "a": True, "c": False}) == ["a", "b=x"]
    assert bucket(0, (2, 5)) == "<2" and bucket(3, (2, 5)) == "<5" and bucket(9, (2, 5)) == ">=5"


def test_a_huge_line_is_described_by_its_head_and_its_true_length_and_ending():
    sentence = "Officials said on March 4, 2024 that the rules would change again. "
    head = (sentence * (FEATURE_CHARS // len(sentence) + 1))[:FEATURE_CHARS]
    huge = head + "x" * 50_000 + " the end|"
    [features] = line_features([huge], [True], CONFIG)
    [of_head] = line_features([head + " the end|"], [True], CONFIG)
    assert features["end"] == "pipe" and features["chars"] == ">=320"
    assert features["date"] is True  # the date in the head is seen
    same = {k: v for k, v in features.items() if k not in ("end", "chars")}
    assert same == {k: v for k, v in of_head.items() if k not in ("end", "chars")}


def test_digit_share_counts_every_kind_of_digit():
    # ASCII lines count 0-9 by str.count; other lines every character str.isdigit calls a digit
    # (Arabic-Indic digits, superscripts), as before the shortcut.
    for line in ("", "No digits here", "5 June 2024, 10:30", "٣ يونيو ٢٠٢٤", "x² and 3"):
        assert _digit_count(line) == sum(map(str.isdigit, line))
