"""The ``[engine]`` section of the configuration, and evaluation instants."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import attrs

from enforcement_supervision.config import Config
from enforcement_supervision.errors import ConfigurationError, EsupError
from enforcement_supervision.rules import Severity
from enforcement_supervision.statutory_time import SHANGHAI

__all__ = [
    "EngineSettings",
    "EngineUsageError",
    "RunError",
    "parse_as_of",
    "parse_fail_on",
    "resolve_workers",
]

_KEYS = frozenset(
    {
        "rule_timeout",
        "rule_budget",
        "batch_size",
        "fail_on",
        "workers",
        "isolate",
        "lock_wait",
        "lock_lease",
        "screens",
    }
)
#: Defaults of :class:`EngineSettings` (documented in docs/guide/checks.md).
DEFAULT_RULE_TIMEOUT = 10.0
DEFAULT_RULE_BUDGET = 600.0
DEFAULT_BATCH_SIZE = 1000
DEFAULT_WORKERS = 1
DEFAULT_LOCK_WAIT = 60.0
DEFAULT_LOCK_LEASE = 120.0


class RunError(EsupError):
    """Base of the engine's exceptions: a check could not be run as asked.

    Failures *inside* a run (a rule body raised, a plugin failed to load) do not raise: they
    are kept on the run as :class:`~enforcement_supervision.engine.RunErrorRecord` objects.
    """


class EngineUsageError(RunError):
    """A check was asked for with options the engine cannot use (a ``--rules`` pattern that
    matches nothing, an unknown mode, an unreadable ``--as-of``)."""


def _seconds(table: Mapping[str, Any], name: str, default: float | None) -> float | None:
    value = table.get(name, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ConfigurationError(
            f"[engine] {name} 必须是非负的秒数（0 表示不限）",
            f"[engine] {name} must be a non-negative number of seconds (0 means no limit)",
        )
    return None if value == 0 else float(value)


@attrs.frozen(kw_only=True)
class EngineSettings:
    """How the engine runs, from ``[engine]`` in the configuration file::

        [engine]
        rule_timeout = 10     # seconds one call of a rule may take (0: no limit)
        rule_budget = 600     # seconds all calls of one rule may take in one run (0: no limit)
        batch_size = 1000     # subjects per read and per write transaction
        fail_on = "S2"        # default of esup check --fail-on ("none" to never fail)
        workers = 1           # processes evaluating a full check in parallel (0: one per CPU)
        isolate = false       # evaluate in a child process killed when a call overruns
        lock_wait = 60        # seconds a check waits for another one to finish (0: decline)
        lock_lease = 120      # seconds a check's lock holds without progress
        screens = true        # skip subjects a rule's screen leaves out (docs/guide/screens.md)

    ``rule_timeout`` interrupts a call with a timer signal, which works on the main thread of
    a Unix process; elsewhere only ``rule_budget`` applies (checked between calls).
    ``workers`` above 1 evaluates batches of records and groups in forked worker processes
    while this process writes the results, in the same order as a serial run (so the
    findings and their events are the same); where ``fork`` is unavailable (Windows, macOS
    by default) the check runs serially and says so in a note.

    ``isolate`` evaluates in forked child processes watched by this one: a call that runs
    past ``rule_timeout`` (whatever the rule does, a bare ``except:`` included) gets its
    process killed, is that rule's ``timeout`` error on that subject, and the rest of the
    batch is evaluated in a new child. Only one writing check runs per database at a time:
    a second one waits ``lock_wait`` seconds, then declines (``esup check`` exit status 6).
    A run renews its lock as it makes progress; one that is killed or stuck past
    ``lock_lease`` seconds without progress loses it and is marked ``abandoned``.

    ``screens = false`` evaluates every subject even where a rule's screen says it cannot
    flag; ``verify_screens`` (``esup check --verify-screens``, not a configuration key)
    evaluates every subject and reports a finding outside a screen as an error.
    """

    rule_timeout: float | None = DEFAULT_RULE_TIMEOUT
    rule_budget: float | None = DEFAULT_RULE_BUDGET
    batch_size: int = DEFAULT_BATCH_SIZE
    fail_on: Severity | None = Severity.S2
    workers: int = DEFAULT_WORKERS
    isolate: bool = False
    lock_wait: float = DEFAULT_LOCK_WAIT
    lock_lease: float = DEFAULT_LOCK_LEASE
    screens: bool = True
    verify_screens: bool = False

    @classmethod
    def from_config(cls, config: Config | None) -> EngineSettings:
        """Read ``[engine]``; unknown keys and bad values are configuration errors."""
        table = (config or Config()).section("engine")
        unknown = sorted(set(table) - _KEYS)
        if unknown:
            raise ConfigurationError(
                f"[engine] 中有未知的键：{', '.join(unknown)}（可用：{', '.join(sorted(_KEYS))}）",
                f"unknown key(s) in [engine]: {', '.join(unknown)} "
                f"(allowed: {', '.join(sorted(_KEYS))})",
            )
        batch_size = table.get("batch_size", DEFAULT_BATCH_SIZE)
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ConfigurationError(
                "[engine] batch_size 必须是正整数", "[engine] batch_size must be a positive integer"
            )
        workers = table.get("workers", DEFAULT_WORKERS)
        if isinstance(workers, bool) or not isinstance(workers, int) or workers < 0:
            raise ConfigurationError(
                "[engine] workers 必须是非负整数（0 表示每个处理器一个）",
                "[engine] workers must be a non-negative integer (0: one per CPU)",
            )
        isolate = table.get("isolate", False)
        if not isinstance(isolate, bool):
            raise ConfigurationError(
                "[engine] isolate 必须是 true 或 false", "[engine] isolate must be true or false"
            )
        screens = table.get("screens", True)
        if not isinstance(screens, bool):
            raise ConfigurationError(
                "[engine] screens 必须是 true 或 false", "[engine] screens must be true or false"
            )
        lock_wait = _seconds(table, "lock_wait", DEFAULT_LOCK_WAIT)
        lock_lease = _seconds(table, "lock_lease", DEFAULT_LOCK_LEASE)
        return cls(
            workers=resolve_workers(workers),
            isolate=isolate,
            lock_wait=lock_wait or 0.0,
            lock_lease=lock_lease or DEFAULT_LOCK_LEASE,
            rule_timeout=_seconds(table, "rule_timeout", DEFAULT_RULE_TIMEOUT),
            rule_budget=_seconds(table, "rule_budget", DEFAULT_RULE_BUDGET),
            batch_size=batch_size,
            fail_on=parse_fail_on(table.get("fail_on", "S2")),
            screens=screens,
        )


def resolve_workers(workers: int) -> int:
    """``0`` → the number of CPUs this process may use; otherwise ``workers``."""
    if workers > 0:
        return workers
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def parse_fail_on(value: object) -> Severity | None:
    """``"S2"`` → ``Severity.S2``; ``"none"`` (or ``None``) → never fail on findings."""
    if value is None or (isinstance(value, str) and value.strip().lower() == "none"):
        return None
    if isinstance(value, Severity):
        return value
    try:
        return Severity.parse(str(value))
    except EsupError:
        raise ConfigurationError(
            f"fail_on 应为 S1–S4 或 none，而不是 {value!r}",
            f"fail_on must be S1-S4 or none, not {value!r}",
        ) from None


def parse_as_of(value: str | date | datetime | None, *, now: datetime | None = None) -> datetime:
    """The evaluation instant: ``None`` is now; a date (or ``YYYY-MM-DD``) is 00:00
    Asia/Shanghai of that day; a date-time without an offset is Shanghai time."""
    if value is None:
        return (now or datetime.now(SHANGHAI)).astimezone(SHANGHAI)
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) == 10:
                value = date.fromisoformat(text)
            else:
                value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise EngineUsageError(
                f"无法识别的评估时点：{value!r}（应为 YYYY-MM-DD 或 ISO 日期时间）",
                f"unreadable evaluation instant {value!r} (use YYYY-MM-DD or an ISO date-time)",
            ) from None
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=SHANGHAI)
    return datetime(value.year, value.month, value.day, tzinfo=SHANGHAI)
