"""The per-seed budget: a worker over its time or memory is stopped and replaced, the rest goes on."""

from __future__ import annotations

import os
import time

from generator.budget import Budget, OverBudget, run_all

FAST = Budget(seconds=1.0, megabytes=128)


def _work(task):
    kind, value = task
    if kind == "sleep":
        time.sleep(value)
    elif kind == "allocate":
        blocks = [bytearray(1024 * 1024) for _ in range(value)]
        return len(blocks)
    elif kind == "die":
        os._exit(3)
    return (kind, value, os.getpid())


def test_results_come_back_in_task_order():
    tasks = [("echo", n) for n in range(7)]
    results = run_all(_work, tasks, 2, FAST)
    assert [r[:2] for r in results] == tasks


def test_a_task_over_the_time_budget_is_stopped_and_the_others_finish():
    started = time.monotonic()
    results = run_all(_work, [("echo", 1), ("sleep", 60), ("echo", 2), ("echo", 3)], 1, FAST)
    assert results[1] == OverBudget("time")
    assert [r[:2] for i, r in enumerate(results) if i != 1] == [
        ("echo", 1),
        ("echo", 2),
        ("echo", 3),
    ]
    assert time.monotonic() - started < 30, "the sleeping worker was not killed"


def test_the_replacement_worker_is_a_new_process():
    results = run_all(_work, [("echo", 1), ("sleep", 60), ("echo", 2)], 1, FAST)
    assert results[0][2] != results[2][2]


def test_a_task_over_the_memory_budget_is_stopped():
    results = run_all(_work, [("allocate", 1024), ("allocate", 8)], 1, Budget(30.0, 128))
    assert results == [OverBudget("memory"), 8]


def test_a_worker_that_dies_is_reported_and_replaced():
    results = run_all(_work, [("die", 0), ("echo", 5)], 1, FAST)
    assert results[0] == OverBudget("crash")
    assert results[1][:2] == ("echo", 5)


def test_progress_counts_every_task_once():
    seen = []
    run_all(
        _work, [("echo", 1), ("sleep", 60), ("echo", 2)], 2, FAST, lambda d, t: seen.append((d, t))
    )
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_no_tasks_start_no_workers():
    assert run_all(_work, [], 4, FAST) == []


def _call(task):
    return task()


def test_workers_get_the_task_list_once_and_only_task_numbers_after():
    # a lambda cannot be pickled: the tasks reach the forked workers without being sent one by one
    tasks = [lambda n=n: n * n for n in range(5)]
    assert run_all(_call, tasks, 2, FAST) == [0, 1, 4, 9, 16]
