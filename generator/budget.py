"""Run per-seed work in worker processes that can be stopped: a time and a memory budget per seed.

Each worker is a child process whose address space may grow by at most the memory budget
(RLIMIT_AS, counted from the size it had when it started); the parent watches the clock and
kills a worker whose seed runs over the time budget, then starts a replacement. So one seed can
cost the build at most its budget, never the machine's memory or an afternoon.

A worker is given the whole task list when it starts (inherited for free with fork) and is then
sent only task numbers: pickling the shared config with every task cost more per seed (about
6 ms, mostly unpickling) than some of the per-seed stages themselves.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

Progress = Callable[[int, int], None]

_POLL_SECONDS = 0.5
"""How often the parent looks at the clock while every worker is busy."""
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True)
class Budget:
    seconds: float
    """Wall-clock time one seed may take."""
    megabytes: int
    """Memory one seed may add to its worker."""


@dataclass(frozen=True)
class OverBudget:
    """The work on one task was stopped; `reason` is `time` or `memory` (or `crash`)."""

    reason: str


def run_all(
    work: Callable[[Any], Any],
    tasks: Sequence,
    jobs: int,
    budget: Budget,
    progress: Progress | None = None,
) -> list:
    """work(task) for every task, in task order, each in a worker under the budget.

    A task that runs out of time or memory, or whose worker dies, gives OverBudget instead of a
    result.
    """
    if not tasks:
        return []
    tasks = list(tasks)
    pool = _Pool(work, tasks, min(jobs, len(tasks)), budget)
    try:
        return pool.run(progress)
    finally:
        pool.close()


class _Worker:
    def __init__(self, context, work: Callable, tasks: list, budget: Budget):
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child, work, tasks, budget.megabytes), daemon=True
        )
        self.process.start()
        child.close()
        self.task: int | None = None
        self.started = 0.0

    def give(self, index: int) -> None:
        self.task, self.started = index, time.monotonic()
        self.conn.send(index)

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.conn.close()


class _Pool:
    def __init__(self, work: Callable, tasks: list, size: int, budget: Budget):
        methods = multiprocessing.get_all_start_methods()
        # fork starts a worker in milliseconds and with the parent's modules already imported
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.work, self.tasks, self.budget = work, tasks, budget
        self.workers = [_Worker(self.context, work, tasks, budget) for _ in range(size)]

    def run(self, progress: Progress | None) -> list:
        tasks = self.tasks
        results: list = [None] * len(tasks)
        pending = list(range(len(tasks)))[::-1]
        done = 0
        while done < len(tasks):
            for worker in self.workers:
                if worker.task is None and pending:
                    index = pending.pop()
                    worker.give(index)
            busy = {w.conn: w for w in self.workers if w.task is not None}
            for conn in wait(list(busy), timeout=_POLL_SECONDS):
                worker = busy[conn]
                index = worker.task
                results[index] = self._receive(worker)
                done += 1
                if progress:
                    progress(done, len(tasks))
            for worker in self.workers:
                if (
                    worker.task is not None
                    and time.monotonic() - worker.started > self.budget.seconds
                ):
                    results[worker.task] = OverBudget("time")
                    self._replace(worker)
                    done += 1
                    if progress:
                        progress(done, len(tasks))
        return results

    def _receive(self, worker: _Worker) -> Any:
        try:
            _, result = worker.conn.recv()
        except (EOFError, OSError):  # the worker died: the kernel stopped it, or it crashed
            self._replace(worker)
            return OverBudget("crash")
        if isinstance(result, OverBudget):
            self._replace(worker)  # after a MemoryError the worker's heap is not to be trusted
        else:
            worker.task = None
        return result

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        replacement = _Worker(self.context, self.work, self.tasks, self.budget)
        self.workers[self.workers.index(worker)] = replacement

    def close(self) -> None:
        for worker in self.workers:
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.process.join(timeout=2)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()


def _serve(conn: Connection, work: Callable, tasks: list, megabytes: int) -> None:
    """A worker's life: set its memory ceiling, then do the tasks it is sent the numbers of until
    told to stop."""
    _limit_memory(megabytes)
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        index = message
        try:
            result = work(tasks[index])
        except MemoryError:
            result = OverBudget("memory")
        conn.send((index, result))


def _limit_memory(megabytes: int) -> None:
    """Let the address space grow by `megabytes` from what the worker holds now (its imported
    modules)."""
    try:
        with open("/proc/self/statm") as handle:
            current = int(handle.read().split()[0]) * _PAGE
    except (OSError, ValueError, IndexError):
        current = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    ceiling = current + megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        ceiling = min(ceiling, hard)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
