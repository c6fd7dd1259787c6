"""Where the per-seed stages run: in budgeted worker processes on this machine (`--executor local`,
the default), or spread over a Dask cluster (`--executor dask --scheduler ADDRESS`).

The per-seed stages are a pure map from a task to a result, so any engine that runs a function
over a list can run them. On Dask each task is a chunk of seeds, and the Dask worker runs the chunk
through the same budgeted worker process as a local build (budget.run_all with one job): so a seed
over its time or memory budget is killed and reported exactly as on one machine, and never takes a
Dask worker (or the build) down with it. Dask's own limits could not do that: it has no per-task
timeout, and its memory limit restarts the whole worker and then retries the task elsewhere.

dask.distributed is an optional extra (`pip install 'digest-generator[dask]'`), imported only here.
"""

from __future__ import annotations

import importlib.metadata
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from .budget import Budget, OverBudget, run_all

Progress = Callable[[int, int], None]

LOCAL, DASK = "local", "dask"
EXECUTORS = (LOCAL, DASK)
CONNECT_SECONDS = 10.0
"""How long to try reaching the scheduler before saying it cannot be reached."""
CHUNKS_PER_THREAD = 4
"""Chunks per Dask worker thread: enough for a slow chunk not to hold up the end of the build."""
CHUNK_MAX = 64
"""Seeds per Dask task at most: each task costs the scheduler about a millisecond, so 10,000
one-seed tasks would be fine too, but one budgeted process per chunk saves a fork per seed."""


class ExecutorError(Exception):
    """The executor cannot run: no library, or a cluster that cannot be reached or used."""


class Executor(Protocol):
    def map(
        self,
        work: Callable[[Any], Any],
        tasks: Sequence,
        budget: Budget,
        progress: Progress | None,
    ) -> list:
        """work(task) for every task, in order; OverBudget for a task the budget stopped."""
        ...


@dataclass(frozen=True)
class LocalExecutor:
    """Worker processes on this machine, `jobs` at a time."""

    jobs: int = 1

    def map(
        self,
        work: Callable[[Any], Any],
        tasks: Sequence,
        budget: Budget,
        progress: Progress | None,
    ) -> list:
        return run_all(work, tasks, self.jobs, budget, progress)

    def close(self) -> None:
        pass


def as_executor(jobs: int | Executor) -> Executor:
    """A number of local workers as an executor; an executor as it is."""
    return LocalExecutor(jobs) if isinstance(jobs, int) else jobs


class DaskExecutor:
    """Chunks of seeds as tasks on a Dask cluster, each chunk under the per-seed budget there."""

    def __init__(self, client: Any):
        self.client = client

    def map(
        self,
        work: Callable[[Any], Any],
        tasks: Sequence,
        budget: Budget,
        progress: Progress | None,
    ) -> list:
        if not tasks:
            return []
        from distributed import as_completed
        from distributed.client import FutureCancelledError
        from distributed.scheduler import KilledWorker

        chunks = _chunks(list(tasks), self._threads())
        futures = {
            self.client.submit(_run_chunk, work, chunk, budget, pure=False): i
            for i, chunk in enumerate(chunks)
        }
        results: list[list | None] = [None] * len(chunks)
        done = 0
        try:
            for future in as_completed(futures, loop=self.client.loop):
                index = futures[future]
                try:
                    results[index] = future.result()
                except KilledWorker:  # the chunk killed every worker it was given to
                    results[index] = [OverBudget("crash")] * len(chunks[index])
                done += len(chunks[index])
                if progress:
                    progress(done, len(tasks))
        except (OSError, FutureCancelledError) as exc:
            raise ExecutorError(f"lost the Dask scheduler during the build ({exc})") from exc
        return [result for chunk in results for result in chunk or ()]

    def _threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def close(self) -> None:
        self.client.close()


def _chunks(tasks: list, threads: int) -> list[list]:
    size = max(1, min(CHUNK_MAX, math.ceil(len(tasks) / (threads * CHUNKS_PER_THREAD))))
    return [tasks[start : start + size] for start in range(0, len(tasks), size)]


def _run_chunk(work: Callable[[Any], Any], chunk: list, budget: Budget) -> list:
    """On a Dask worker: the chunk's seeds one after another in one budgeted worker process."""
    return run_all(work, chunk, 1, budget)


def open_executor(
    name: str, scheduler: str | None, jobs: int, seeds_dir: Path | None = None
) -> LocalExecutor | DaskExecutor:
    """The executor the command line asks for; raises ExecutorError with a one-line reason."""
    if name == LOCAL:
        if scheduler:
            raise ExecutorError(
                "--scheduler is for --executor dask; drop it, or add --executor dask"
            )
        return LocalExecutor(jobs)
    if name != DASK:
        raise ExecutorError(f"unknown executor {name!r}; choose one of {', '.join(EXECUTORS)}")
    if not scheduler:
        raise ExecutorError(
            "--executor dask needs --scheduler ADDRESS (for instance tcp://10.0.0.5:8786)"
        )
    return DaskExecutor(_connect(scheduler, seeds_dir))


def _connect(scheduler: str, seeds_dir: Path | None) -> Any:
    try:
        from distributed import Client
    except ImportError as exc:
        raise ExecutorError(
            "--executor dask needs dask.distributed, which is not installed: "
            "pip install 'digest-generator[dask]'"
        ) from exc
    try:
        client = Client(scheduler, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ExecutorError(
            f"cannot reach the Dask scheduler at {scheduler} ({_first_line(exc)}); check the "
            "address and that `dask scheduler` is running there"
        ) from exc
    try:
        _check_workers(client, scheduler, seeds_dir)
    except BaseException:
        client.close()
        raise
    return client


def _check_workers(client: Any, scheduler: str, seeds_dir: Path | None) -> None:
    """Fail before the build, in one line, if a worker could not run it: no workers, a generator
    it cannot import or of another version, or no view of the seeds folder at the same path."""
    seeds = str(seeds_dir.absolute()) if seeds_dir is not None else None
    try:
        answers = client.run(_worker_view, seeds)
    except (ImportError, AttributeError) as exc:
        raise ExecutorError(
            "the Dask workers cannot import this generator; install digest-generator[dask] "
            f"(the same version) on every worker ({_first_line(exc)})"
        ) from exc
    if not answers:
        raise ExecutorError(
            f"the Dask scheduler at {scheduler} has no workers; start some with "
            f"`dask worker {scheduler}`"
        )
    ours = _version()
    for worker, (version, sees_seeds) in sorted(answers.items()):
        if version != ours:
            raise ExecutorError(
                f"Dask worker {worker} runs digest-generator {version}, this machine {ours}; "
                "install the same version on every worker, as results must not depend on where a "
                "seed ran"
            )
        if not sees_seeds:
            raise ExecutorError(
                f"Dask worker {worker} cannot see the seeds folder {seeds}; every worker reads "
                "the seeds at the same path (a shared or synced folder)"
            )


def _worker_view(seeds: str | None) -> tuple[str, bool]:
    """On a worker: its generator version, and whether it sees the seeds folder."""
    return _version(), seeds is None or os.path.isdir(seeds)


def _version() -> str:
    try:
        return importlib.metadata.version("digest-generator")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
