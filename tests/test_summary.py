"""generator/summary.py: the closing summary reads the same counts the build report holds."""
from pathlib import Path

from generator.records import Article, BuildReport, Level, Page, Problem, SeedChanges
from generator.summary import summary_lines

REPORT = BuildReport(
    articles=(Article("a.txt", "0" * 64, slug="a"),),
    problems=(Problem("b.txt", "ingest", Level.ERROR, "unreadable"),
              Problem("a.txt", "metadata", Level.INFO, "no date")),
    pages=(Page("articles/a.md", "a\n"), Page("index.md", "home\n"), Page("report.md", "r\n")),
    written=("index.md",),
    removed=("articles/old.md",),
    seeds_seen=2,
    stages=(("read and cache", 0.25), ("render", 1.5)),
    changes=SeedChanges(new=1, changed=0, unchanged=1, removed=3),
    rendered=2,
)


def test_plain_lines_for_logs_name_every_count_and_stage():
    lines = summary_lines(REPORT, Path("docs"), tidy=False)
    assert lines == [
        "summary: seeds 2 read: 1 new, 0 changed, 1 unchanged, 3 removed since the last build",
        "summary: problems 1 error, 0 warnings, 1 note",
        (
            "summary: pages 3 (2 rendered, 1 reused from the cache): 1 written, 1 removed, "
            "2 unchanged in docs/"
        ),
        "summary: time 1.75 s in all: read and cache 0.25 s, render 1.50 s",
    ]


def test_the_terminal_block_lists_one_stage_a_line():
    lines = summary_lines(REPORT, Path("docs"), tidy=True)
    assert lines[0] == "Summary" and lines[4] == "  time      1.75 s in all"
    assert [line.split()[-2:] for line in lines[5:]] == [["0.25", "s"], ["1.50", "s"]]


def test_without_a_cache_the_seeds_are_not_compared():
    report = BuildReport(articles=(), problems=(), seeds_seen=4)
    assert summary_lines(report, None, tidy=False) == [
        "summary: seeds 4 read (no cache: not compared with the last build)",
        "summary: problems 0 errors, 0 warnings, 0 notes",
        "summary: pages 0",
    ]
