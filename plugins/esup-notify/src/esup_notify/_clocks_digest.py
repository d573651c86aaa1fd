"""The daily digest of early warning: the statutory clocks that turned yellow (红黄灯预警).

After a check run the plugin reads, from the store, the clocks whose light is yellow and that
a channel has not sent yet (``enforcement_supervision.clocks.unsent``), sends them in one
digest per run (the same webhook and e-mail channels, the same retries), and records, per
channel that delivered, that the clock was sent for that light
(``enforcement_supervision.clocks.mark_sent``): each yellow clock is named once, whatever the
number of runs a day; a channel that failed sends it again with the next run.

The digest names the rule, the subject (record type and id), the agency, the deadline, the
due date and the time left — no facts, no personal data.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, cast

import attrs
import structlog

from enforcement_supervision.clocks import YELLOW, StoredClock, mark_sent, unsent
from enforcement_supervision.statutory_time import SHANGHAI, default_calendar, to_local_date
from enforcement_supervision.store import Store, StoreReader
from esup_notify._deliver import DeliveryReport, deliver
from esup_notify._digest import Digest
from esup_notify._settings import NotifySettings

if TYPE_CHECKING:
    from esup_notify import Notifier

__all__ = ["ClockDigest", "ClockDigestItem", "build_clock_digest", "send_clock_digest"]

_log = structlog.get_logger("esup_notify")


@attrs.frozen(kw_only=True)
class ClockDigestItem:
    """One clock that turned yellow."""

    clock_id: str
    agency_id: str | None
    rule_id: str
    subject_type: str
    subject_id: str
    deadline: str
    due_date: date
    unit: str
    left: int

    @classmethod
    def of(cls, clock: StoredClock) -> ClockDigestItem:
        return cls(
            clock_id=clock.id,
            agency_id=clock.agency_id,
            rule_id=clock.rule_id,
            subject_type=clock.subject_type,
            subject_id=clock.subject_id,
            deadline=clock.label,
            due_date=clock.due_date,
            unit=clock.unit,
            left=clock.left,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "clock_id": self.clock_id,
            "agency_id": self.agency_id,
            "rule_id": self.rule_id,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "deadline": self.deadline,
            "due_date": self.due_date.isoformat(),
            "unit": self.unit,
            "left": self.left,
        }

    def line(self, lang: str) -> str:
        wd = self.unit == "WD"
        if lang == "en":
            left = f"{self.left} {'working days' if wd else 'days'} left"
            return (
                f"{self.rule_id} {self.subject_type}/{self.subject_id}: {self.deadline}, "
                f"due {self.due_date.isoformat()} ({left})"
            )
        left = f"剩余 {self.left} {'个工作日' if wd else '日'}"
        return (
            f"{self.rule_id} {self.subject_type}/{self.subject_id}：{self.deadline}，"
            f"{self.due_date.isoformat()} 届满（{left}）"
        )


@attrs.frozen(kw_only=True)
class ClockDigest:
    """The clocks of one run that turned yellow, by agency. It answers what the delivery of
    :class:`~esup_notify.Digest` asks (``to_dict``, ``subject``, ``render_text``,
    ``for_agency``, the totals), so it goes through the same channels."""

    run_id: str
    as_of: datetime
    items: tuple[ClockDigestItem, ...]

    @property
    def new_total(self) -> int:
        return len(self.items)

    @property
    def overdue_total(self) -> int:
        return 0

    @property
    def is_empty(self) -> bool:
        return not self.items

    def for_agency(self, agency_id: str) -> ClockDigest:
        return attrs.evolve(self, items=tuple(i for i in self.items if i.agency_id == agency_id))

    def to_dict(self) -> dict[str, Any]:
        agencies: dict[str | None, list[ClockDigestItem]] = {}
        for item in self.items:
            agencies.setdefault(item.agency_id, []).append(item)
        return {
            "kind": "esup.clocks",
            "version": 1,
            "run": {"run_id": self.run_id, "as_of": self.as_of.isoformat()},
            "light": YELLOW,
            "total": len(self.items),
            "agencies": [
                {"agency_id": agency, "clocks": [item.to_dict() for item in items]}
                for agency, items in agencies.items()
            ],
        }

    def subject(self, prefix: str, lang: str) -> str:
        day = to_local_date(self.as_of).isoformat()
        if lang == "en":
            text = f"early warning {day}: {len(self.items)} deadline(s) turned yellow"
        else:
            text = f"期限预警 {day}：{len(self.items)} 项法定期限转为黄灯"
        return f"{prefix} {text}".strip()

    def render_text(self, lang: str) -> str:
        en = lang == "en"
        day = to_local_date(self.as_of).isoformat()
        lines = [
            "Early warning: deadlines running out" if en else "行政执法期限预警（黄灯）",
            f"as of {day} (Asia/Shanghai)" if en else f"截至 {day}（北京时间）",
        ]
        agencies: dict[str | None, list[ClockDigestItem]] = {}
        for item in self.items:
            agencies.setdefault(item.agency_id, []).append(item)
        for agency, items in agencies.items():
            lines.append("")
            lines.append(f"[{agency or ('no agency' if en else '未指明主体')}]")
            lines.extend(f"  - {item.line(lang)}" for item in items)
        return "\n".join(lines) + "\n"


def build_clock_digest(
    store: Store | StoreReader, *, run_id: str, as_of: datetime, channel: str
) -> ClockDigest:
    """The yellow clocks ``channel`` has not sent yet."""
    day = to_local_date(as_of)
    clocks = unsent(
        store, light=YELLOW, channel=channel, as_of=day, calendar=default_calendar(provisional=True)
    )
    return ClockDigest(
        run_id=run_id,
        as_of=as_of.astimezone(SHANGHAI),
        items=tuple(ClockDigestItem.of(clock) for clock in clocks),
    )


def _channels(settings: NotifySettings) -> list[str]:
    return [
        name
        for name, configured in (("webhook", settings.webhook), ("email", settings.email))
        if configured is not None
    ]


def _send(
    settings: NotifySettings,
    store: StoreReader,
    run_id: str,
    as_of: datetime,
    sleep: Callable[[float], None],
) -> list[DeliveryReport]:
    """Per channel: the clocks it has not sent, delivered; recorded as sent where delivered
    (in the run's own store, ``run.store``)."""
    reports: list[DeliveryReport] = []
    for channel in _channels(settings):
        digest = build_clock_digest(store, run_id=run_id, as_of=as_of, channel=channel)
        if digest.is_empty:
            continue
        one = attrs.evolve(
            settings,
            webhook=settings.webhook if channel == "webhook" else None,
            email=settings.email if channel == "email" else None,
        )
        sent = deliver(one, cast(Digest, digest), sleep=sleep)
        reports.extend(sent)
        if sent and all(report.ok for report in sent):
            mark_sent(
                store,
                [item.clock_id for item in digest.items],
                light=YELLOW,
                channel=channel,
                on=to_local_date(as_of),
            )
    return reports


def send_clock_digest(notifier: Notifier, run: Any, settings: NotifySettings) -> None:
    """The hook's work after a run (never raises): send the clocks that turned yellow, in
    the background like the findings digest unless ``background = false``."""
    as_of = getattr(run, "as_of", None)
    store = getattr(run, "store", None)
    if not isinstance(as_of, datetime) or store is None:
        return

    def work() -> None:
        try:
            reports = _send(settings, store, run.run_id, as_of, notifier.sleep)
        except Exception as exc:  # never fail the run
            _log.error("notify_clocks_failed", run_id=run.run_id, error=type(exc).__name__)
            return
        _keep(notifier, reports)

    if not settings.background:
        work()
        return
    thread = threading.Thread(target=work, name=f"esup-clocks-{run.run_id[:8]}", daemon=False)
    with notifier._lock:
        notifier._threads = [t for t in notifier._threads if t.is_alive()]
        notifier._threads.append(thread)
    thread.start()


def _keep(notifier: Notifier, reports: Iterable[DeliveryReport]) -> None:
    with notifier._lock:
        notifier._reports.extend(reports)
