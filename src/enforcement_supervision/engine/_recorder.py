"""The recorder of a check run: results gathered into batches and written in order.

What a check writes is decided here and in the store (``record_results``, ``write_clocks``):
results are buffered until a batch of ``batch_size`` is complete, then reconciled with the
stored findings, state, dependencies and clocks in one transaction per batch. The batch
boundaries decide the order of events (within a batch they follow the fingerprints), so a
worker's result that changes nothing stored (see ``store._findings.settle_results``) is not
kept, but still counts towards its batch (:meth:`Recorder.count`).

The planner (:mod:`._planner`) decides what is due, the run (:mod:`._run`) evaluates it, the
recorder writes it: each can be measured alone (``benchmarks/profile_engine.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from enforcement_supervision.clocks._settings import ClockSettings
from enforcement_supervision.clocks._store import stored_pairs, write_clocks
from enforcement_supervision.statutory_time import StatutoryCalendar
from enforcement_supervision.store import Store
from enforcement_supervision.store._internal import SubjectResult, Transition, record_results

__all__ = ["Recorder"]


class Recorder:
    """Buffers a run's results and writes them a batch at a time.

    ``before_write`` is called before every batch is written (the run renews its check lock
    there: never write after another check took it over); ``after_write`` gets the
    transitions of each written batch (the finding hooks)."""

    def __init__(
        self,
        store: Store,
        *,
        run_id: str,
        as_of: datetime,
        calendar: StatutoryCalendar,
        clock_settings: ClockSettings,
        batch_size: int,
        before_write: Callable[[], None],
        after_write: Callable[[Sequence[Transition]], None],
    ) -> None:
        self.store = store
        self.run_id = run_id
        self.as_of = as_of
        self.calendar = calendar
        self.clock_settings = clock_settings
        self.batch_size = batch_size
        self._before_write = before_write
        self._after_write = after_write
        self.buffer: list[SubjectResult] = []
        #: Results in the current batch, counting those not kept (see :meth:`count`).
        self.buffered = 0
        #: Transitions written so far, by kind.
        self.transitions: Counter[str] = Counter()
        #: Clock rows written or deleted so far.
        self.clock_writes = 0
        self._clock_pairs: set[tuple[str, str]] | None = None

    def clock_pairs(self) -> set[tuple[str, str]]:
        """The (rule, subject) pairs with stored clocks: read once per run, then kept up to
        date by :func:`write_clocks`."""
        if self._clock_pairs is None:
            self._clock_pairs = stored_pairs(self.store)
        return self._clock_pairs

    def add(self, result: SubjectResult) -> None:
        """One result, in evaluation order."""
        self.buffer.append(result)
        self.buffered += 1
        if self.buffered >= self.batch_size:
            self.flush()

    def count(self) -> None:
        """A result that changes nothing stored: only its place in the batch."""
        self.buffered += 1
        if self.buffered >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        """Write the current batch (nothing when it holds nothing to write)."""
        self.buffered = 0
        if not self.buffer:
            return
        self._before_write()
        batch, self.buffer = self.buffer, []
        transitions = record_results(self.store, batch, run_id=self.run_id, at=datetime.now(UTC))
        self.clock_writes += write_clocks(
            self.store,
            batch,
            run_id=self.run_id,
            as_of=self.as_of,
            calendar=self.calendar,
            settings=self.clock_settings,
            known=self.clock_pairs(),
        )
        for transition in transitions:
            self.transitions[transition.kind] += 1
        self._after_write(transitions)
