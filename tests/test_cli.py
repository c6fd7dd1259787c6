"""The `digest` command: help texts, exit codes (0 ok, 1 problems under --strict, 2 unusable config
or arguments), and that `check` writes nothing while `generate --strict` still writes good pages."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DIGEST_YML = ROOT / "digest.yml"
COMMANDS = ["generate", "build", "serve", "check"]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def run(*args: str, cwd: Path | None = None):
    """Invoke the CLI in-process (optionally in another working directory)."""
    runner = CliRunner()
    old = Path.cwd()
    if cwd:
        os.chdir(cwd)
    try:
        return runner.invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


def output(result) -> str:
    """stdout and stderr together, whatever the Click version keeps them in."""
    text = result.output or ""
    try:
        err = result.stderr
    except (ValueError, AttributeError):
        err = ""
    return text if err and err in text else text + (err or "")


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(root).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in root.rglob("*")}


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    dst = tmp_path / "seeds"
    shutil.copytree(SEEDS, dst)
    return dst


def write_config(tmp_path: Path, edit) -> Path:
    raw = yaml.safe_load(DIGEST_YML.read_text(encoding="utf-8"))
    edit(raw)
    path = tmp_path / "digest.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# ---- help -------------------------------------------------------------------------------------

def test_group_help_lists_every_command():
    result = run("--help")
    assert result.exit_code == 0, output(result)
    assert "Usage" in result.output
    for command in COMMANDS:
        assert command in result.output, f"{command} missing from `digest --help`"


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0, output(result)
    assert f" {command} [OPTIONS]" in result.output, result.output
    assert "--seeds" in result.output


def test_python_m_generator_help():
    proc = subprocess.run([sys.executable, "-m", "generator", "--help"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "Usage" in proc.stdout and "generate" in proc.stdout


def test_installed_digest_script_help():
    script = Path(sys.executable).with_name("digest")
    assert script.exists(), f"console script {script} not installed; run `pip install -e .`"
    proc = subprocess.run([str(script), "--help"], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert all(c in proc.stdout for c in COMMANDS)


# ---- config and argument errors: exit 2 -----------------------------------------------------------

def test_unknown_top_level_key_exits_2_and_names_it(tmp_path):
    config = write_config(tmp_path, lambda raw: raw.update(colour_scheme="blue"))
    result = run("check", "--seeds", str(SEEDS), "--config", str(config))
    assert result.exit_code == 2, output(result)
    assert "colour_scheme" in output(result)


def test_unknown_nested_key_exits_2_and_names_it(tmp_path):
    config = write_config(tmp_path, lambda raw: raw["companies"][0].update(alises=["Hik"]))
    result = run("generate", "--seeds", str(SEEDS), "--config", str(config), "--docs", str(tmp_path / "docs"))
    assert result.exit_code == 2, output(result)
    assert "alises" in output(result)
    assert not (tmp_path / "docs").exists(), "pages were written despite the config error"


def test_missing_config_file_exits_2(tmp_path):
    result = run("check", "--seeds", str(SEEDS), "--config", str(tmp_path / "nope.yml"))
    assert result.exit_code == 2, output(result)
    assert "nope.yml" in output(result)


@pytest.mark.parametrize("command", ["check", "generate", "build"])
def test_missing_seeds_folder_exits_2(tmp_path, command):
    missing = tmp_path / "no-such-seeds"
    args = [command, "--seeds", str(missing), "--config", str(DIGEST_YML)]
    if command != "check":
        args += ["--docs", str(tmp_path / "docs")]
    if command == "build":
        args += ["--site", str(tmp_path / "site")]
    result = run(*args)
    assert result.exit_code == 2, output(result)
    assert "no-such-seeds" in output(result)
    assert not (tmp_path / "docs").exists() and not (tmp_path / "site").exists()


# ---- check ------------------------------------------------------------------------------------

def test_check_on_the_seeds_exits_0_and_writes_nothing(tmp_path, seeds_copy):
    workdir = tmp_path / "work"
    workdir.mkdir()
    before = snapshot(tmp_path)
    result = run("check", "--seeds", str(seeds_copy), "--config", str(DIGEST_YML), cwd=workdir)
    assert result.exit_code == 0, output(result)
    assert "5 seed files" in output(result)
    assert snapshot(tmp_path) == before, "`digest check` wrote or changed files"


def test_check_reports_a_binary_seed_with_exit_1(tmp_path, seeds_copy):
    (seeds_copy / "photo.png").write_bytes(PNG)
    result = run("check", "--seeds", str(seeds_copy), "--config", str(DIGEST_YML), cwd=tmp_path)
    assert result.exit_code == 1, output(result)
    assert "photo.png" in output(result)


# ---- generate --strict --------------------------------------------------------------------------

def test_generate_strict_with_a_binary_seed_exits_1_but_writes_the_others(tmp_path, seeds_copy):
    (seeds_copy / "photo.png").write_bytes(PNG)
    docs = tmp_path / "docs"
    result = run("generate", "--strict", "--seeds", str(seeds_copy), "--docs", str(docs),
                 "--config", str(DIGEST_YML))
    assert result.exit_code == 1, output(result)
    text = output(result)
    assert "photo.png" in text and "binary" in text.lower(), text
    articles = sorted(p.name for p in (docs / "articles").glob("*.md") if p.name != "index.md")
    assert len(articles) == 5, f"expected the 5 good seeds' pages despite the bad one, got {articles}"
    pages = [p for p in (docs / "articles").glob("*.md") if p.name != "index.md"]
    seeds_on_pages = {line.split(":", 1)[1].strip() for p in pages
                      for line in p.read_text(encoding="utf-8").splitlines() if line.startswith("seed:")}
    assert seeds_on_pages == {p.name for p in SEEDS.iterdir() if p.suffix == ".txt"}
    report = (docs / "report.md").read_text(encoding="utf-8")
    assert "photo.png" in report, "the build report omits the bad seed"


def test_generate_without_strict_exits_0_with_a_binary_seed(tmp_path, seeds_copy):
    (seeds_copy / "photo.png").write_bytes(PNG)
    result = run("generate", "--seeds", str(seeds_copy), "--docs", str(tmp_path / "docs"),
                 "--config", str(DIGEST_YML))
    assert result.exit_code == 0, output(result)


def test_generate_strict_on_good_seeds_exits_0_then_writes_nothing(tmp_path):
    docs = tmp_path / "docs"
    args = ["generate", "--strict", "--seeds", str(SEEDS), "--docs", str(docs), "--config", str(DIGEST_YML)]
    first = run(*args)
    assert first.exit_code == 0, output(first)
    second = run(*args)
    assert second.exit_code == 0, output(second)
    assert ": 0 written, 0 removed," in output(second), output(second)


def test_build_strict_builds_the_site(tmp_path):
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    shutil.copy2(ROOT / "docs" / "about.md", docs / "about.md")
    shutil.copytree(ROOT / "docs" / "stylesheets", docs / "stylesheets")
    result = run("build", "--strict", "--seeds", str(SEEDS), "--docs", str(docs), "--site", str(site),
                 "--config", str(DIGEST_YML), "--mkdocs-config", str(ROOT / "mkdocs.yml"))
    assert result.exit_code == 0, output(result)
    assert (site / "index.html").is_file() and (site / "search" / "search_index.json").is_file()


@pytest.mark.parametrize("flags,env", [(["--strict"], {"CI": None}), ([], {"CI": "true"})],
                         ids=["--strict", "CI=true"])
def test_build_fails_on_a_broken_link_when_strict(tmp_path, flags, env):
    """`--strict`, or CI=true through mkdocs.yml's `strict: !ENV [CI, false]` (what `make site` relies on
    in CI), turns MkDocs' broken-link warning into a failed build."""
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    about = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    broken = "\nSee [a page that does not exist](no-such-page.md).\n"
    (docs / "about.md").write_text(about + broken, encoding="utf-8")
    shutil.copytree(ROOT / "docs" / "stylesheets", docs / "stylesheets")
    result = CliRunner().invoke(main, ["build", *flags, "--seeds", str(SEEDS), "--docs", str(docs), "--site",
                                       str(site), "--config", str(DIGEST_YML),
                                       "--mkdocs-config", str(ROOT / "mkdocs.yml")], env=env)
    assert result.exit_code == 1, \
        f"strict build with a broken link exited {result.exit_code}:\n{output(result)}"


def test_serve_on_a_busy_port_says_so_in_one_line(tmp_path):
    import socket
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = run("serve", "--seeds", str(SEEDS), "--docs", str(tmp_path / "docs"),
                     "-a", f"127.0.0.1:{port}")
    assert result.exit_code == 2
    text = output(result)
    assert f"cannot serve on 127.0.0.1:{port}" in text and "--dev-addr" in text
    assert "Traceback" not in text and len(text.strip().splitlines()) == 1
    assert not (tmp_path / "docs").exists(), "nothing is generated before the address is known"


def test_plain_progress_prints_a_line_per_interval_with_what_is_left(capsys):
    from generator.cli import PlainProgress
    ticks = iter([0.0, 1.0, 12.0, 13.0, 25.0, 30.0])
    progress = PlainProgress(every=10.0, clock=lambda: next(ticks))
    for done in range(1, 6):
        progress(done, 5)
    lines = capsys.readouterr().err.splitlines()
    assert lines == ["processed 2 of 5 seeds (40%), 12 s so far, about 18 s left",
                     "processed 4 of 5 seeds (80%), 25 s so far, about 6 s left"]


def test_build_says_how_many_pages_were_rendered_and_reused():
    from generator.cli import site_summary
    from generator.site.incremental import BuildStats

    incremental = BuildStats(3, 1200, None, frozenset({"index.html"}))
    full = BuildStats(1, 0, "asked for a full build", frozenset({"index.html"}))
    assert site_summary(incremental) == "Site: 3 pages rendered, 1,200 reused"
    assert site_summary(full) == "Site: 1 page rendered, 0 reused (full build: asked for a full build)"
    result = CliRunner().invoke(main, ["build", "--help"])
    assert "--full" in result.output


# ---- -v: dropped lines ------------------------------------------------------------------------

TAGGED_SEED = """Harbour council approves ferry timetable for the winter season

By Mirela Stoica

Published 3 November 2024

The harbour council approved a new ferry timetable on Monday that cuts two evening crossings \
between the island and the mainland from December, citing falling passenger numbers.

Councillors said the savings would pay for a second morning crossing, which commuters had asked \
for in a survey last spring, and that the evening boats would return in April.

Advertisement

The ferry operator said it would publish the new times on its website and at both terminals.

Read More News on

Ferries

Harbour council

Winter timetable
"""


def test_generate_v_lists_each_dropped_line_with_the_rule_or_role_that_dropped_it(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "ferry.txt").write_text(TAGGED_SEED, encoding="utf-8")
    result = run("generate", "-v", "--no-cache", "--seeds", str(seeds), "--docs",
                 str(tmp_path / "docs"), "--config", str(DIGEST_YML))
    assert result.exit_code == 0, output(result)
    rows = [r for r in output(result).splitlines() if r.startswith("ferry.txt: dropped")]
    assert "ferry.txt: dropped (rule: advertisement) 'Advertisement'" in rows
    # the tag list no rule knows: the line-role model drops it, and -v says so
    assert any(r.startswith("ferry.txt: dropped (role: footer (0.") and r.endswith(") 'Ferries'")
               for r in rows), rows
    quiet = run("generate", "--no-cache", "--seeds", str(seeds), "--docs",
                str(tmp_path / "docs"), "--config", str(DIGEST_YML))
    assert "dropped (" not in output(quiet)


def test_dropped_lines_are_listed_seed_by_seed_shortened_and_escaped():
    from generator.cli import DROPPED_LINE_CHARS, dropped_lines
    from generator.records import Article, BuildReport, Dropped, RoleReason, RuleReason

    long_line = "Photo: " + "a harbour ferry at dusk " * 10
    b = Article(seed="b.txt", seed_sha256="", dropped=(
        Dropped(long_line, RuleReason("photo caption")),
        Dropped("Ready for more?\x1b[2J", RoleReason("footer", 0.93)),
    ))
    a = Article(seed="a.txt", seed_sha256="", dropped=(Dropped("Share", RuleReason("navigation")),))
    rows = dropped_lines(BuildReport((b, a), ()))
    assert rows[0] == "a.txt: dropped (rule: navigation) 'Share'"
    assert rows[1].startswith("b.txt: dropped (rule: photo caption) 'Photo: a harbour ferry")
    assert rows[1].endswith("…'") and len(rows[1]) < len(long_line)
    assert len(rows[1].split(") ", 1)[1]) <= DROPPED_LINE_CHARS + 2
    assert rows[2] == "b.txt: dropped (role: footer (0.93)) 'Ready for more?\\x1b[2J'"


def test_the_site_is_built_in_a_fresh_process_whose_errors_are_raised_here():
    """`digest build` runs MkDocs apart from generate, so their peaks do not add up."""
    import os

    from generator.cli import in_fresh_process
    assert in_fresh_process(os.getpid) != os.getpid()
    with pytest.raises(ValueError, match="invalid literal"):
        in_fresh_process(int, "not a number")
