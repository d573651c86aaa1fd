"""Isolated evaluation (``[engine] isolate``): a timeout that holds whatever the rule does.

The timer signal of :class:`~._timer.CallTimer` interrupts a call by raising an exception in
it, and a rule with a bare ``except:`` (or a C extension that never returns to Python)
swallows it or never sees it. With ``isolate`` each task (a batch of records, due subjects or
groups, as for worker processes) is evaluated in a forked child process, and this process
watches it: before each rule call the child writes the rule and subject into a shared page,
with the time it started. A call that is still running ``rule_timeout`` plus a grace period
later gets its child killed (``SIGKILL`` cannot be swallowed); that call is the rule's
``timeout`` error on that subject, and the task is evaluated again in a new child that skips
it. A child that dies by itself (a crash in native code) is handled the same way. The
partial output of a killed child is dropped, so every result is written once, in task
order, by this process — the findings are those of a serial run.

Meanwhile this process keeps beating: it renews the check lock while the child works, and
the child's runaway call can hold nothing for longer than the kill.
"""

from __future__ import annotations

import mmap
import multiprocessing
import os
import signal
import struct
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection
from typing import Any, Protocol

from enforcement_supervision.engine._parallel import Task, TaskOutput
from enforcement_supervision.store import Store

__all__ = ["IsolatedPool", "Watch", "kill_after"]

_HEADER = struct.Struct("<dI")
_PAGE = 4096
#: Polls per second of the watching process (each poll is cheap: a read of shared memory).
_POLL = 0.05


def kill_after(timeout: float) -> float:
    """Seconds after which a call still running is killed: its timeout and a grace period
    for the timer signal to work on a rule that lets it."""
    return timeout + max(1.0, timeout / 2)


class Watch:
    """The child's side: names the call in progress in the shared page, and which calls
    to skip (those that got a previous child killed)."""

    def __init__(self, page: mmap.mmap, skipped: dict[tuple[str, str], str]) -> None:
        self.page = page
        self.skipped = skipped

    def begin(self, rule_id: str, subject_key: str) -> str | None:
        """Announce a call; returns why it must be skipped (``"timeout"``, ``"died"``) or
        ``None`` to make it."""
        reason = self.skipped.get((rule_id, subject_key))
        if reason is not None:
            return reason
        name = f"{rule_id}\n{subject_key}".encode()[: _PAGE - _HEADER.size]
        self.page[_HEADER.size : _HEADER.size + len(name)] = name
        # The start time last: a reader that sees it set sees the name too.
        self.page[: _HEADER.size] = _HEADER.pack(time.monotonic(), len(name))
        return None

    def end(self) -> None:
        self.page[: _HEADER.size] = _HEADER.pack(0.0, 0)


def _current(page: mmap.mmap) -> tuple[float, tuple[str, str]] | None:
    """The call in progress in a child: when it started and its (rule, subject)."""
    started, length = _HEADER.unpack(page[: _HEADER.size])
    if not started:
        return None
    raw = page[_HEADER.size : _HEADER.size + length].decode("utf-8", "replace")
    again, _ = _HEADER.unpack(page[: _HEADER.size])
    if again != started:  # the child moved on while we read: look at the next poll
        return None
    rule_id, _, subject_key = raw.partition("\n")
    return started, (rule_id, subject_key)


class _Runner(Protocol):
    store: Store
    watch: Watch | None

    def run_task(self, task: Task) -> TaskOutput: ...


def _child(runner: _Runner, task: Task, watch: Watch, connection: Connection) -> None:
    # Connections must never be shared across a fork: the child opens its own.
    runner.store.engine.dispose(close=False)
    runner.watch = watch
    try:
        output = runner.run_task(task)
    except BaseException as exc:
        connection.send(("error", f"{type(exc).__name__}: {exc}", traceback.format_exc()))
    else:
        connection.send(("ok", output))
    connection.close()


class IsolatedPool:
    """Runs tasks one at a time, each in a forked child watched by this process (the same
    ``map_ordered`` as :class:`~._parallel.WorkerPool`)."""

    def __init__(self, runner: _Runner, timeout: float | None, pulse: Callable[[], None]) -> None:
        self.runner = runner
        self.limit = None if timeout is None else kill_after(timeout)
        self.pulse = pulse
        self._page = mmap.mmap(-1, _PAGE)  # anonymous and shared: the children write here
        self._context = multiprocessing.get_context("fork")

    def map_ordered(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, TaskOutput]]:
        for task in tasks:
            yield task, self.run(task)

    def run(self, task: Task) -> TaskOutput:
        """The output of ``task``; calls that got a child killed become errors and are
        skipped by the next child."""
        skipped: dict[tuple[str, str], str] = {}
        while True:
            result = self._attempt(task, skipped)
            if isinstance(result, TaskOutput):
                return result
            call, reason = result
            skipped[call] = reason

    def _attempt(
        self, task: Task, skipped: dict[tuple[str, str], str]
    ) -> TaskOutput | tuple[tuple[str, str], str]:
        self._page[: _HEADER.size] = _HEADER.pack(0.0, 0)
        # No pooled connection may cross the fork (SQLite in particular forbids it).
        self.runner.store.engine.dispose()
        receive, send = self._context.Pipe(duplex=False)
        child = self._context.Process(
            target=_child,
            args=(self.runner, task, Watch(self._page, dict(skipped)), send),
            daemon=True,
        )
        child.start()
        send.close()
        try:
            while True:
                if receive.poll(_POLL):
                    try:
                        message = receive.recv()
                    except EOFError:  # died without a word
                        return self._died(child)
                    child.join()
                    if message[0] == "ok":
                        output: TaskOutput = message[1]
                        return output
                    raise RuntimeError(f"isolated evaluation failed: {message[1]}\n{message[2]}")
                self.pulse()
                if not child.is_alive() and not receive.poll(0):
                    return self._died(child)
                current = _current(self._page)
                if (
                    current is not None
                    and self.limit is not None
                    and time.monotonic() - current[0] > self.limit
                ):
                    os.kill(child.pid or 0, signal.SIGKILL)
                    child.join()
                    return current[1], "timeout"
        finally:
            if child.is_alive():
                os.kill(child.pid or 0, signal.SIGKILL)
                child.join()
            receive.close()

    def _died(self, child: Any) -> tuple[tuple[str, str], str]:
        child.join()
        current = _current(self._page)
        if current is None:
            raise RuntimeError(
                f"an isolated evaluation process died (exit status {child.exitcode}) "
                "outside any rule call"
            )
        return current[1], "died"

    def close(self) -> None:
        self._page.close()
