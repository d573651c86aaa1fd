"""Worker processes for a check: evaluate batches elsewhere, write the results here, in order.

The check run forks ``workers`` processes once it knows its plan. A task names a batch (a
range of stored records of one type, or a list of group keys of one rule); a worker reads
the batch with its own database connection, evaluates it exactly as a serial run would and
sends back what the evaluations produced (:class:`TaskOutput`). The parent applies the
outputs in task order, so results are written, findings reconciled and events chained in
the same order as a serial run: the findings are the same, only faster to compute.

``fork`` is required: the workers inherit the run's plugins, rules (including rules
registered in code, which could not be pickled), parameters and calendar without
re-loading anything.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, Protocol

import attrs

from enforcement_supervision._host import RuleErrorRecord
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import SubjectResult

__all__ = ["TaskOutput", "WorkerPool", "fork_available"]

#: A task: ``("records", record_type, after_row_id, up_to_row_id)`` (a full scan),
#: ``("due", [subject keys], {key: [rule ids]})`` (the due subjects of an incremental run) or
#: ``("groups", rule_id, [group subject keys])``.
Task = tuple[Any, ...]


@attrs.define
class TaskOutput:
    """What the evaluations of one task produced, to be applied by the parent."""

    #: The results in order; a result that changes nothing stored is its rule id alone
    #: (see ``store._findings.settle_results``).
    results: list[SubjectResult | str] = attrs.Factory(list)
    #: Group memberships found while scanning records: ``{rule_id: [(group, member)]}``.
    pairs: dict[str, list[tuple[str, str]]] = attrs.Factory(dict)
    notes: list[dict[str, Any]] = attrs.Factory(list)
    #: ``(rule_id, kind, error, subject_key)`` in the order they happened.
    rule_errors: list[tuple[str, str, RuleErrorRecord, str]] = attrs.Factory(list)
    #: Per rule: ``(evaluated, seconds, max_seconds, slowest subject, unfinished)``.
    stats: dict[str, tuple[int, float, float, str | None, bool]] = attrs.Factory(dict)
    not_in_force: int = 0
    #: Rule screens: (evaluations spared, subjects evaluated outside their screen) by rule.
    screened: tuple[dict[str, int], dict[str, int]] | None = None


class _Runner(Protocol):
    store: Store

    def run_task(self, task: Task) -> TaskOutput: ...


# The run being executed; set in the parent just before forking, so every worker has it.
_RUNNER: _Runner | None = None


def fork_available() -> bool:
    """Whether worker processes can be forked on this platform."""
    return "fork" in multiprocessing.get_all_start_methods()


def _start_worker() -> None:
    assert _RUNNER is not None
    # Connections must never be shared across a fork: the worker opens its own.
    _RUNNER.store.engine.dispose(close=False)


def _run_task(task: Task) -> TaskOutput:
    assert _RUNNER is not None
    return _RUNNER.run_task(task)


class WorkerPool:
    """``workers`` forked processes running tasks of ``runner``."""

    def __init__(self, runner: _Runner, workers: int) -> None:
        global _RUNNER
        _RUNNER = runner
        # No pooled connection may cross the fork (SQLite in particular forbids it).
        runner.store.engine.dispose()
        self.workers = workers
        self._pool: Pool = multiprocessing.get_context("fork").Pool(
            workers, initializer=_start_worker
        )

    def map_ordered(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, TaskOutput]]:
        """Run ``tasks`` on the workers; yield each with its output, in task order. At most
        three tasks per worker are in flight, so memory stays bounded however many there
        are."""
        window = 3 * self.workers
        pending: deque[tuple[Task, AsyncResult[TaskOutput]]] = deque()
        for task in tasks:
            pending.append((task, self._pool.apply_async(_run_task, (task,))))
            if len(pending) >= window:
                done, result = pending.popleft()
                yield done, result.get()
        while pending:
            done, result = pending.popleft()
            yield done, result.get()

    def close(self) -> None:
        """Stop the workers (tasks still running are abandoned)."""
        global _RUNNER
        self._pool.terminate()
        self._pool.join()
        _RUNNER = None
