"""Where the per-seed stages run: a Dask cluster gives the docs/ tree of `-j 1` byte for byte,
keeps the per-seed budget, and every way it cannot be used is one clear line, not a traceback.

The cluster is a LocalCluster in this process (processes=False): a real scheduler and worker, with
no worker processes to start, so it runs on CI's two cores in seconds.
"""

from __future__ import annotations

import shutil
import socket
import sys
import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from budget_seeds import BODY, RAW
from click.testing import CliRunner
from distributed import LocalCluster

from generator import executors, pipeline
from generator.budget import Budget, OverBudget
from generator.cli import main
from generator.config import load_config, parse_config
from generator.executors import ExecutorError, LocalExecutor, open_executor
from generator.records import Level

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(ROOT / "digest.yml")


@pytest.fixture(scope="module")
def scheduler():
    """The address of an in-process Dask cluster with one worker of two threads."""
    with LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Fourteen synthetic clippings of the shapes bench/synth.py makes, and the project's seeds."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import synth
    finally:
        sys.path.remove(str(ROOT / "bench"))
    folder = tmp_path_factory.mktemp("corpus") / "seeds"
    synth.write_corpus(folder, 14, CONFIG, seed=13)
    for seed in (ROOT / "seeds").iterdir():
        if seed.is_file():
            shutil.copy2(seed, folder / f"project-{seed.name}")
    return folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _generate(tmp_path: Path, corpus: Path, name: str, *options: str):
    """`digest generate` on a copy of the corpus (it writes an addresses file beside the seeds)."""
    seeds, docs = tmp_path / name / "seeds", tmp_path / name / "docs"
    shutil.copytree(corpus, seeds)
    result = CliRunner().invoke(
        main,
        [
            "generate",
            "--seeds",
            str(seeds),
            "--docs",
            str(docs),
            "--config",
            str(ROOT / "digest.yml"),
            "--no-cache",
            *options,
        ],
        catch_exceptions=False,
    )
    return result, docs


def test_dask_generate_writes_the_docs_tree_of_jobs_1_byte_for_byte(tmp_path, corpus, scheduler):
    local, docs_local = _generate(tmp_path, corpus, "local", "-j", "1")
    dask, docs_dask = _generate(
        tmp_path, corpus, "dask", "--executor", "dask", "--scheduler", scheduler
    )
    assert local.exit_code == 0 and dask.exit_code == 0, dask.output
    tree = _tree(docs_dask)
    assert len([p for p in tree if p.startswith("articles/")]) > 14
    assert tree == _tree(docs_local)


def test_the_work_is_spread_over_several_dask_tasks():
    chunks = executors._chunks(list(range(100)), threads=2)
    assert len(chunks) == 8 and [t for c in chunks for t in c] == list(range(100))
    assert len(executors._chunks(list(range(100_000)), threads=2)[0]) == executors.CHUNK_MAX


# Eight seconds: far above what a small seed takes even on a loaded machine, so only the seed that
# sleeps is stopped.
BUDGET_CONFIG = replace(parse_config(RAW), seconds_per_seed=8.0, megabytes_per_seed=128)


def _over_budget_for(name: str, how: str):
    real = pipeline.process_seed

    def stage(seed, config):
        if seed.name == name:
            if how == "time":
                time.sleep(60)
            else:
                _ = bytearray(1 << 30)  # one allocation: refused at once by the worker's ceiling
        return real(seed, config)

    return stage


@pytest.mark.parametrize(
    "how,words", [("time", "8 s a seed may take"), ("memory", "128 MB a seed may use")]
)
def test_a_seed_over_budget_on_dask_is_reported_and_the_build_goes_on(
    tmp_path, scheduler, monkeypatch, how, words
):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("a.txt", "heavy.txt", "z.txt"):
        (seeds / name).write_text(
            f"Headline of {name} about Huawei\n\n" + BODY * 3, encoding="utf-8"
        )
    monkeypatch.setattr(pipeline, "process_seed", _over_budget_for("heavy.txt", how))
    executor = open_executor("dask", scheduler, 1, seeds)
    try:
        on_dask = pipeline.build(BUDGET_CONFIG, seeds, None, executor)
    finally:
        executor.close()
    by_seed = {a.seed: a for a in on_dask.articles}
    heavy = by_seed["heavy.txt"]
    [problem] = [p for p in heavy.problems if p.stage == "budget"]
    assert problem.level is Level.ERROR and words in problem.message
    assert "officials said" in heavy.body_text  # published as its raw text, as on one machine
    assert by_seed["a.txt"].title == "Headline of a.txt about Huawei"
    assert by_seed["z.txt"].title == "Headline of z.txt about Huawei"
    assert not any(p.stage == "budget" for p in by_seed["z.txt"].problems)


def test_a_dask_task_that_kills_its_workers_is_a_crash_of_its_seeds_only(scheduler, monkeypatch):
    from distributed.scheduler import KilledWorker

    client_executor = open_executor("dask", scheduler, 1)

    def fail_or_run(work, chunk, budget):
        if "bad" in chunk:
            raise KilledWorker("task", SimpleNamespace(address="tcp://10.0.0.9:1"), 3)
        return [work(task) for task in chunk]

    monkeypatch.setattr(executors, "_run_chunk", fail_or_run)
    monkeypatch.setattr(executors, "CHUNK_MAX", 1)
    try:
        results = client_executor.map(str.upper, ["a", "bad", "c"], Budget(5, 128), None)
    finally:
        client_executor.close()
    assert results == ["A", OverBudget("crash"), "C"]


def test_progress_counts_every_seed_on_dask(scheduler):
    seen = []
    executor = open_executor("dask", scheduler, 1)
    try:
        results = executor.map(
            str.upper,
            list("abcdefghij"),
            Budget(5, 128),
            lambda done, total: seen.append((done, total)),
        )
    finally:
        executor.close()
    assert results == list("ABCDEFGHIJ")
    assert seen[-1] == (10, 10) and all(total == 10 for _, total in seen)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_local_is_the_default_and_jobs_is_its_worker_count():
    assert open_executor("local", None, 3) == LocalExecutor(3)
    assert executors.as_executor(2) == LocalExecutor(2)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(
    "name,scheduler,message",
    [
        ("dask", None, "--executor dask needs --scheduler ADDRESS"),
        ("local", "tcp://127.0.0.1:8786", "--scheduler is for --executor dask"),
    ],
)
def test_mismatched_options_are_refused(name, scheduler, message):
    with pytest.raises(ExecutorError, match=message):
        open_executor(name, scheduler, 1)


def test_an_unreachable_scheduler_is_one_line(monkeypatch):
    monkeypatch.setattr(executors, "CONNECT_SECONDS", 1.0)
    address = f"tcp://127.0.0.1:{_free_port()}"
    with pytest.raises(ExecutorError) as caught:
        open_executor("dask", address, 1)
    assert str(caught.value).startswith(f"cannot reach the Dask scheduler at {address} (")
    assert "\n" not in str(caught.value)


def test_a_missing_dask_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` now fails
    with pytest.raises(ExecutorError, match=r"pip install 'digest-generator\[dask\]'"):
        open_executor("dask", "tcp://127.0.0.1:8786", 1)


def test_workers_that_cannot_see_the_seeds_are_refused_before_the_build(tmp_path, scheduler):
    with pytest.raises(ExecutorError, match="cannot see the seeds folder"):
        open_executor("dask", scheduler, 1, tmp_path / "elsewhere")


def test_the_cli_gives_one_line_and_exit_2_when_dask_cannot_be_used(tmp_path, monkeypatch):
    monkeypatch.setattr(executors, "CONNECT_SECONDS", 1.0)
    (tmp_path / "seeds").mkdir()
    for options, message in (
        (["--executor", "dask"], "needs --scheduler"),
        (
            ["--executor", "dask", "--scheduler", f"tcp://127.0.0.1:{_free_port()}"],
            "cannot reach the Dask scheduler",
        ),
    ):
        result = CliRunner().invoke(
            main,
            [
                "generate",
                "--seeds",
                str(tmp_path / "seeds"),
                "--docs",
                str(tmp_path / "docs"),
                "--config",
                str(ROOT / "digest.yml"),
                *options,
            ],
        )
        assert result.exit_code == 2, result.output
        [line] = [line for line in result.output.splitlines() if line.strip()]
        assert line.startswith("error: ") and message in line
