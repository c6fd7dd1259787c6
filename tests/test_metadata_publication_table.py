"""generator.extract.metadata.publication_table: raw names map to the table's canonical names,
and each lookup over the table is built once per table."""

from __future__ import annotations

from dataclasses import replace

from metadata_text import CONFIG

from generator.config import Publication
from generator.extract.metadata.publication_table import (
    known_publication,
    once_per_table,
    table_index,
)

TABLE = (
    Publication("The Times", aliases=("Times",)),
    Publication("The Times of India", aliases=("TOI",)),
    Publication("Harbour Weekly", aliases=("HW",)),
    Publication("Second Harbour", aliases=("Harbour Weekly",)),
)
SMALL = replace(CONFIG, publications=TABLE)


def test_an_exact_name_or_alias_wins_in_table_order():
    assert known_publication("the times", SMALL) == "The Times"
    assert known_publication("TOI", SMALL) == "The Times of India"
    assert known_publication("Harbour Weekly", SMALL) == "Harbour Weekly"  # listed first
    assert known_publication("Harbour Weekly Ltd", SMALL) == "Harbour Weekly"  # suffix removed


def test_the_longest_name_a_raw_name_starts_with_before_a_company_word():
    assert known_publication("The Times of India Group", SMALL) == "The Times of India"
    assert known_publication("The Times Media", SMALL) == "The Times"
    assert known_publication("The Times Literary Supplement", SMALL) is None
    assert known_publication("Nobody Listed", SMALL) is None


def test_each_lookup_is_built_once_per_table():
    built = []
    count = once_per_table(lambda table: built.append(table) or len(table))
    assert count(TABLE) == count(TABLE) == count(tuple(TABLE)) == 4
    assert len(built) == 1  # the same table, and an equal copy, are not built again
    assert table_index(TABLE) is table_index(tuple(p for p in TABLE))


def test_a_name_inside_a_hyphenated_compound_is_not_found():
    from generator.extract.phrase_table import PhraseTable

    table = PhraseTable([("Time", "TIME"), ("AP", "Associated Press")])
    assert [e.value for e in table.find("Half-Time Report: Samoa lead Scotland")] == []
    assert [e.value for e in table.find("An AP-NORC poll found")] == []
    assert [e.value for e in table.find("Reported by AP, with Time")] == ["Associated Press", "TIME"]
