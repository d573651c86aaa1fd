"""Whether the check running in this process is making progress.

The engine beats on every evaluation and every written batch, from the thread that
evaluates. A scheduler's lease thread asks :meth:`Liveness.stalled` before renewing its
leases: a run stuck in a rule (one that swallows the timeout, say) stops beating, so its
schedule lease lapses with its check lock and another process can take the slot over. The
lease never outlives a stuck run.
"""

from __future__ import annotations

import threading
import time

__all__ = ["LIVENESS", "Liveness"]


class Liveness:
    """The last beat of the check running in this process, and how long it may be silent."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._active = 0
        self._last = 0.0
        self._limit: float | None = None

    def start(self, limit: float | None) -> None:
        with self._lock:
            self._active += 1
            self._last = time.monotonic()
            self._limit = limit

    def beat(self, now: float | None = None) -> None:
        """A sign of progress (``now``: the caller's ``time.monotonic()``, if it has one)."""
        self._last = time.monotonic() if now is None else now

    def stop(self) -> None:
        with self._lock:
            self._active = max(0, self._active - 1)
            self._last = time.monotonic()

    def stalled(self) -> bool:
        """A check is running here and has not beaten for longer than its limit."""
        with self._lock:
            if not self._active or self._limit is None:
                return False
            return time.monotonic() - self._last > self._limit


#: The one instance per process (checks in one process run one after another).
LIVENESS = Liveness()
