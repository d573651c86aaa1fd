"""esup-notify: a digest of new and overdue findings per agency after each check run,
delivered to a webhook (HTTP POST of JSON) and by e-mail (SMTP).

The plugin listens to the run and finding hooks: it collects the findings a run opens or
reopens (and the rule errors), and when the run has finished — its findings stored — it
reads the active findings whose rectification is overdue from the run's store (the
read-only ``run.store`` the hooks receive), builds one digest
grouped by agency, and delivers it **in a background thread** with a short timeout and a
bounded number of retries. The check run never waits for the receiver and never fails
because of it; failures are logged (``notify_delivery_failed``) and kept in
:func:`recent_deliveries`. A process waits for pending deliveries before it exits (at most
``(retries + 1) × timeout`` plus the backoff per channel); :func:`wait_for_deliveries` waits
explicitly.

The digest is written for the supervised agency (``enforcement_supervision.privacy``,
audience ``agency``): rule, severity, subject, masked messages and due dates — no facts,
evidence or statement of reasons, no reporter's identity, ID and phone numbers masked.

Configuration (``[plugins.notify]``)::

    [plugins.notify]
    schedules = ["working-mornings"]   # only runs of these schedules (default: every run)
    min_severity = "S3"                # leave out less serious findings (default S4: all)
    timeout = 5                        # seconds per attempt
    retries = 3                        # attempts after the first, backoff doubling
    backoff = 1.0                      # seconds before the first retry

    [plugins.notify.webhook]
    url = "https://ops.example.gov.cn/hooks/esup"
    headers = { Authorization = "Bearer …" }

    [plugins.notify.email]
    host = "smtp.example.gov.cn"
    port = 587
    security = "starttls"                  # the default; "ssl" (SMTPS, port 465) or "none"
    username = "esup"
    password_env = "ESUP_SMTP_PASSWORD"    # the password is read from the environment
    sender = "esup@example.gov.cn"
    to = ["jiandu@example.gov.cn"]         # the whole digest
    [plugins.notify.email.agencies]        # each agency: only its own section
    "AG-ZF-01" = ["zhifa@example.gov.cn"]

Transport rules: a webhook is never redirected (a 3xx or any non-2xx is a failed
delivery), credentials in its URL are sent as Basic authentication and never logged; SMTP
uses verified TLS (certificate and host name) unless ``security = "none"``, and sends a
password over plaintext only to a loopback relay with ``allow_plaintext_auth = true``.

Only the public API of enforcement-supervision is used.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import attrs
import structlog

from enforcement_supervision.config import Config
from enforcement_supervision.rules import Finding, hookimpl
from enforcement_supervision.rules.hookspecs import RunInfo
from esup_notify._clocks_digest import send_clock_digest
from esup_notify._deliver import DeliveryReport, deliver, email_messages
from esup_notify._digest import AgencyDigest, Digest, DigestItem, build_digest
from esup_notify._settings import EmailSettings, NotifySettings, WebhookSettings

__version__ = "0.1.0"
#: The hook API this plugin was written for.
ESUP_HOOK_API = 2

__all__ = [
    "ESUP_HOOK_API",
    "AgencyDigest",
    "DeliveryReport",
    "Digest",
    "DigestItem",
    "EmailSettings",
    "Notifier",
    "NotifySettings",
    "WebhookSettings",
    "build_digest",
    "email_messages",
    "plugin",
    "recent_deliveries",
    "wait_for_deliveries",
]

_log = structlog.get_logger("esup_notify")
#: Runs collected at the same time, at most (a long-running ``serve`` must not grow).
_MAX_OPEN_RUNS = 64


@attrs.define
class _Collected:
    """What one run has told the plugin so far."""

    schedule: str | None
    slot: datetime | None
    settings: NotifySettings
    new: list[tuple[Finding, str]] = attrs.field(factory=list)
    resolved: int = 0
    errors: Counter[tuple[str | None, str, str]] = attrs.field(factory=Counter)


class Notifier:
    """The plugin object (entry point ``notify = "esup_notify:plugin"``).

    Hooks never raise: a problem is logged and the run goes on. ``sleep`` is the wait
    between retries (tests pass a no-op)."""

    def __init__(self, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = NotifySettings(enabled=False)
        self.sleep = sleep
        self._runs: dict[str, _Collected] = {}
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self._reports: deque[DeliveryReport] = deque(maxlen=200)

    # -- hooks ------------------------------------------------------------------------------

    @hookimpl
    def esup_configure(self, config: Config, settings: Mapping[str, Any]) -> None:
        """Read ``[plugins.notify]``; a bad setting is a configuration error (the plugin is
        then reported and skipped)."""
        self.settings = NotifySettings.from_mapping(settings, config)

    @hookimpl
    def esup_run_started(self, run: RunInfo) -> None:
        """Start collecting for a run the settings want a digest of."""
        settings = self.settings
        if not settings.active:
            return
        schedule = run.schedule
        if settings.schedules is not None and schedule not in settings.schedules:
            return
        with self._lock:
            # A run that raised never reaches esup_run_finished: forget the oldest.
            while len(self._runs) >= _MAX_OPEN_RUNS:
                self._runs.pop(next(iter(self._runs)))
            self._runs[run.run_id] = _Collected(schedule=schedule, slot=run.slot, settings=settings)

    @hookimpl
    def esup_finding_opened(self, finding: Finding, run: RunInfo) -> None:
        """A new finding goes into the digest."""
        self._add(run, finding, "opened")

    @hookimpl
    def esup_finding_reopened(self, finding: Finding, run: RunInfo) -> None:
        """A finding that came back goes into the digest as new."""
        self._add(run, finding, "reopened")

    @hookimpl
    def esup_finding_resolved(self, finding: Finding, run: RunInfo) -> None:
        """Counted."""
        collected = self._runs.get(run.run_id)
        if collected is not None:
            collected.resolved += 1

    @hookimpl
    def esup_rule_error(self, rule_id: str, plugin: str | None, error: Any, run: RunInfo) -> None:
        """Counted per (plugin, rule, error type); the message is not sent (it may quote
        a record)."""
        collected = self._runs.get(run.run_id)
        if collected is not None:
            kind = str(getattr(error, "error_type", type(error).__name__))
            collected.errors[(plugin, rule_id, kind)] += 1

    @hookimpl
    def esup_run_finished(self, run: RunInfo) -> None:
        """Build the digest and hand it to a delivery thread (or deliver it now with
        ``background = false``)."""
        with self._lock:
            collected = self._runs.pop(run.run_id, None)
        if collected is None:
            return
        # Early warning: the clocks that turned yellow, once per clock and light.
        send_clock_digest(self, run, collected.settings)
        try:
            digest = self._digest(run, collected)
        except Exception as exc:  # never fail the run
            _log.error("notify_digest_failed", run_id=run.run_id, error=repr(exc))
            return
        settings = collected.settings
        if settings.skip_empty and digest.is_empty:
            _log.info("notify_nothing_to_send", run_id=run.run_id)
            return
        if not settings.background:
            self._deliver(settings, digest)
            return
        thread = threading.Thread(
            target=self._deliver,
            args=(settings, digest),
            name=f"esup-notify-{run.run_id[:8]}",
            daemon=False,  # the process waits for it (bounded by timeout and retries)
        )
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()]
            self._threads.append(thread)
        thread.start()

    # -- helpers ----------------------------------------------------------------------------

    def _add(self, run: RunInfo, finding: Finding, change: str) -> None:
        collected = self._runs.get(run.run_id)
        if collected is not None:
            collected.new.append((finding, change))

    def _overdue(self, run: RunInfo) -> list[tuple[Finding, str]] | None:
        # The run's own store, read through the hook's read-only view (no second connection
        # to configure, and the list is of the very store the run wrote to).
        if run.store is None:
            return None
        try:
            return [(stored.finding, stored.status) for stored in run.store.open_findings()]
        except Exception as exc:
            _log.warning("notify_store_unreadable", error=type(exc).__name__)
            return None

    def _digest(self, run: RunInfo, collected: _Collected) -> Digest:
        settings = collected.settings
        errors = [
            {"plugin": plugin, "rule_id": rule_id, "error_type": kind, "count": count}
            for (plugin, rule_id, kind), count in sorted(
                collected.errors.items(), key=lambda item: (str(item[0][0]), item[0][1])
            )
        ]
        return build_digest(
            run=run,
            schedule=collected.schedule,
            slot=collected.slot,
            new=collected.new,
            overdue=self._overdue(run),
            resolved=collected.resolved,
            rule_errors=errors,
            min_severity=settings.min_severity,
            max_items=settings.max_items,
        )

    def _deliver(self, settings: NotifySettings, digest: Digest) -> None:
        try:
            reports = deliver(settings, digest, sleep=self.sleep)
        except Exception as exc:  # deliver() does not raise; this is a last guard
            _log.error("notify_delivery_crashed", run_id=digest.run_id, error=repr(exc))
            return
        with self._lock:
            self._reports.extend(reports)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for pending deliveries; ``True`` when none is left."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            thread.join(remaining)
        return not any(thread.is_alive() for thread in threads)

    def reports(self) -> list[DeliveryReport]:
        """The latest delivery reports, oldest first."""
        with self._lock:
            return list(self._reports)


#: The plugin object the entry point names.
plugin = Notifier()


def wait_for_deliveries(timeout: float | None = None) -> bool:
    """Wait until the digests handed to delivery threads are delivered or given up;
    ``True`` when none is pending."""
    return plugin.wait(timeout)


def recent_deliveries() -> list[DeliveryReport]:
    """The latest delivery reports of this process (channel, target, ok, attempts, error)."""
    return plugin.reports()
