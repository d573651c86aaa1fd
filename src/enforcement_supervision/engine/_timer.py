"""Time budgets for rule calls: a per-call timer signal and a per-rule running total."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable
from types import FrameType, TracebackType
from typing import TypeVar

__all__ = ["CallTimer"]

T = TypeVar("T")


class _Expired(BaseException):
    # A BaseException, so neither the evaluator's nor a rule's ``except Exception`` swallows it.
    pass


class CallTimer:
    """Interrupts a call that runs longer than ``seconds``.

    Uses ``SIGALRM`` through :func:`signal.setitimer`, which exists on Unix and may only be
    installed from the main thread; elsewhere (Windows, a scheduler's worker thread) calls
    are not interrupted and only the cumulative per-rule budget applies. Use as a context
    manager around the whole run: the previous handler is restored on exit.
    """

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.enabled = (
            seconds is not None
            and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
        )
        self._previous: Callable[[int, FrameType | None], object] | int | None = None

    def __enter__(self) -> CallTimer:
        if self.enabled:
            self._previous = signal.signal(signal.SIGALRM, self._expire)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.enabled:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous or signal.SIG_DFL)

    @staticmethod
    def _expire(signum: int, frame: FrameType | None) -> None:
        raise _Expired

    def call(self, function: Callable[[], T]) -> tuple[T | None, bool, float]:
        """``(result, timed_out, elapsed seconds)``; the result is ``None`` on a timeout."""
        started = time.perf_counter()
        if not self.enabled or self.seconds is None:
            result = function()
            return result, False, time.perf_counter() - started
        try:
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
            try:
                result = function()
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
        except _Expired:
            return None, True, time.perf_counter() - started
        return result, False, time.perf_counter() - started
