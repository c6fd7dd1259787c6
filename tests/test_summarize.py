"""generator.summarize: sentence splitting, the lead summary, key points and the word count."""
from __future__ import annotations

from generator.knowledge.summarize import (
    SEGMENTED_CHARS,
    SUMMARY_WORDS,
    key_points,
    lead_summary,
    sentences,
    summarize,
)
from generator.records import Article, Block


def article(*blocks: Block, subtitle: str | None = None, **overrides) -> Article:
    return Article(seed="s.txt", seed_sha256="0" * 64, title="T", subtitle=subtitle, blocks=blocks,
                   overrides=overrides)


def p(text: str) -> Block:
    return Block("p", text)


LEAD = ("Washington added Hikvision and seven other Chinese companies to a trade blacklist on Monday, "
        "citing human rights abuses in Xinjiang.")
SECOND = "The move bars the companies from buying components from American suppliers without approval."


# ---- sentences ----------------------------------------------------------------------------------

def test_sentences_keeps_us_abbreviation_whole():
    assert sentences("The U.S. Commerce Department acted on Monday. Beijing objected.") == [
        "The U.S. Commerce Department acted on Monday.", "Beijing objected."]


def test_sentences_keeps_company_abbreviations_whole():
    text = "Huawei Technologies Co. Ltd. and ZTE Corp. were named. Hikvision Co. said nothing."
    assert sentences(text) == ["Huawei Technologies Co. Ltd. and ZTE Corp. were named.", "Hikvision Co. said nothing."]


def test_sentences_splits_after_quotes_and_question_marks():
    assert sentences("He said it was “done.” Was it? Yes!") == ["He said it was “done.”", "Was it?", "Yes!"]


def test_sentences_keep_contractions_and_semicolons_as_written():
    text = "Officials don't plan to act; Huawei can’t wait. It won't."
    assert sentences(text) == ["Officials don't plan to act; Huawei can’t wait.", "It won't."]


def test_sentences_keep_non_us_and_list_numbers_whole():
    text = "It adds non-U.S. affiliates to the list. 1. The order"
    assert sentences(text) == ["It adds non-U.S. affiliates to the list.", "1. The order"]


def test_sentences_read_only_a_bounded_head_of_a_huge_paragraph():
    sentence = "Regulators in Washington met again on Monday to discuss the chip export rules. "
    text = sentence * (SEGMENTED_CHARS // len(sentence) * 3)
    out = sentences(text)
    assert out and all(s == sentence.strip() for s in out)  # no sentence cut in the middle
    assert len(out) < SEGMENTED_CHARS // len(sentence) + 1


def test_sentences_of_empty_text():
    assert sentences("") == []
    assert sentences("   ") == []


# ---- lead_summary -------------------------------------------------------------------------------

def test_lead_summary_is_the_first_paragraphs_lead():
    a = article(p(f"{LEAD} {SECOND}"), p("Another paragraph that should not be part of the summary at all, ever."))
    assert lead_summary(a) == f"{LEAD} {SECOND}"


def test_lead_summary_skips_short_lines_headings_and_redacted_blocks():
    a = article(p("Advertisement"), p("Photo: Reuters, a short caption line."), Block("redacted", "", 3),
                Block("h", "A subheading long enough to pass the twelve word minimum if it were a paragraph"),
                p(LEAD))
    assert lead_summary(a) == LEAD


def test_lead_summary_stops_before_the_word_limit():
    third = "A third sentence will push the running total well past the limit that the summary keeps."
    a = article(p(f"{LEAD} {SECOND} {third}"))
    summary = lead_summary(a)
    assert summary == f"{LEAD} {SECOND}"
    assert len(summary.split()) <= SUMMARY_WORDS


def test_lead_summary_truncates_one_very_long_sentence():
    words = " ".join(f"word{i}" for i in range(100)) + "."
    summary = lead_summary(article(p(words)))
    assert summary.endswith("…")
    assert len(summary.split()) == SUMMARY_WORDS


def test_lead_summary_falls_back_to_subtitle_then_empty():
    assert lead_summary(article(p("Too short to be a lead."), subtitle="The dek")) == "The dek"
    assert lead_summary(article(p("Too short to be a lead."))) == ""
    assert lead_summary(article()) == ""


# ---- key_points ---------------------------------------------------------------------------------

POOL = [
    "Huawei was added to the Entity List by the Commerce Department in May 2019.",
    "The weather in Shenzhen was unusually warm for the season, residents said.",
    "The Entity List bars Huawei from buying American components without a licence from Commerce.",
    "A local bakery reported record sales of mooncakes during the autumn festival.",
    "Commerce officials said Huawei and its affiliates on the Entity List need a licence for components.",
    "Football fans gathered downtown to watch the final match on large outdoor screens.",
    "Huawei said the Entity List decision by Commerce would hurt American component suppliers.",
]


def test_key_points_at_most_three_in_document_order():
    a = article(p(" ".join(POOL[:4])), Block("h", "Background"), p(" ".join(POOL[4:])))
    points = key_points(a)
    assert len(points) == 3
    positions = [POOL.index(s) for s in points]
    assert positions == sorted(positions)
    assert all(POOL.index(s) % 2 == 0 for s in points)  # the on-topic sentences, not the filler


def test_key_points_count_parameter_and_short_pool():
    a = article(p(" ".join(POOL)))
    assert len(key_points(a, count=2)) == 2
    few = article(p(f"{POOL[0]} Too short. {POOL[1]}"))
    assert key_points(few) == (POOL[0], POOL[1])  # fewer candidates than asked: all of them, in order


def test_key_points_ignore_very_short_and_very_long_sentences_and_other_blocks():
    long_sentence = " ".join(["word"] * 70) + "."
    a = article(p("Only six words in this one."), p(long_sentence), Block("h", POOL[0]), Block("redacted", "", 2))
    assert key_points(a) == ()


def test_key_points_are_deterministic():
    a = article(p(" ".join(POOL)))
    assert key_points(a) == key_points(a)


# ---- summarize ----------------------------------------------------------------------------------

def test_words_counts_paragraphs_and_headings_not_redacted_runs():
    a = summarize(article(p("one two three four five"), Block("h", "six seven"), Block("redacted", "", 4)))
    assert a.words == 7


def test_summarize_fills_summary_key_points_and_words():
    a = summarize(article(p(" ".join(POOL))))
    assert a.summary.startswith(POOL[0])
    assert 1 <= len(a.key_points) <= 3
    assert a.words == sum(len(s.split()) for s in POOL)


def test_summary_override_wins():
    a = summarize(article(p(LEAD), summary="The user's own summary."))
    assert a.summary == "The user's own summary."


# ---- wire datelines -----------------------------------------------------------------------------

WIRE = ("WASHINGTON (Reuters) - The U.S. Commerce Department said on Wednesday it was adding Huawei to its "
        "Entity List, a move that bans the company from buying American components.")


def test_sentences_keeps_a_wire_dateline_with_its_sentence():
    assert sentences(WIRE) == [WIRE]
    xinhua = "BEIJING, May 5 (Xinhua) -- China on Sunday opposed the move by the United States."
    assert sentences(xinhua) == [xinhua]


def test_key_points_do_not_start_with_the_dash_of_a_dateline():
    a = article(p(WIRE), p(" ".join(POOL[:3])), p(" ".join(POOL[3:])))
    points = key_points(a, count=len(POOL) + 1)
    assert points and all(not s.startswith(("-", "–", "—")) for s in points), points


def test_key_points_break_a_tie_by_position():
    first = "Huawei chips face new Commerce export rules from Washington this week."
    twin = "This week Washington gives Huawei chips new Commerce export rules from."  # same words
    filler = ["The weather in Shenzhen was unusually warm for the season, residents said.",
              "A local bakery reported record sales of mooncakes during the autumn festival.",
              "Football fans gathered downtown to watch the final match on large outdoor screens."]
    assert key_points(article(p(" ".join([filler[0], first, filler[1], twin, filler[2]]))), 1) == (first,)
    assert key_points(article(p(" ".join([filler[0], twin, filler[1], first, filler[2]]))), 1) == (twin,)
