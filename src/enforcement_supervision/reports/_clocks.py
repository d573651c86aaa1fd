"""The clocks in the reports: the "即将到期" section, the reminder letters (提醒函), the JSON.

Read once from the stored clocks (``docs/guide/early-warning.md``) with their lights on the
report's day, named for the report's audience like the findings are (no record slugs, no rule
ids in the Chinese texts people read).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, overload

import attrs

from enforcement_supervision.clocks import RED, YELLOW, StoredClock, list_clocks
from enforcement_supervision.reports.vocabulary import format_date, people_text, zh_part
from enforcement_supervision.statutory_time import StatutoryCalendar
from enforcement_supervision.store import Store

if TYPE_CHECKING:
    from enforcement_supervision.reports._model import ReportData
    from enforcement_supervision.reports._notice import Notice
    from enforcement_supervision.reports._people import PeopleContext

__all__ = [
    "REMINDER_LABELS",
    "REMINDER_TITLE",
    "ClockItem",
    "build_reminders",
    "expiring_sections",
    "load_clock_items",
    "render_reminders",
]

_LIGHT = {"green": ("绿灯", "green"), "yellow": ("黄灯", "yellow"), "red": ("红灯", "red")}
_UNIT = {"WD": ("个工作日", "working days")}


@attrs.frozen(kw_only=True)
class ClockItem:
    """One stored clock as a report shows it (``left`` in the clock's own unit)."""

    id: str
    light: str
    agency_id: str | None
    rule_id: str
    rule_title_zh: str
    rule_title_en: str
    subject_type: str
    subject_id: str
    subject_zh: str
    deadline_zh: str
    started_by: str | None
    start_date: date
    unit: str
    strict_date: date
    rolled_date: date | None
    due_date: date
    left: int
    lights_zh: tuple[str, ...]
    trace_zh: str

    def left_text(self, lang: str = "zh") -> str:
        zh_unit, en_unit = _UNIT.get(self.unit, ("日", "days"))
        if self.left < 0:
            return (
                f"已超期{-self.left}{zh_unit}" if lang != "en" else f"{-self.left} {en_unit} late"
            )
        return f"剩余{self.left}{zh_unit}" if lang != "en" else f"{self.left} {en_unit} left"

    def due_text(self, lang: str = "zh") -> str:
        """The due date, with the strict one where the rolled one differs."""
        if self.rolled_date is not None and self.rolled_date != self.strict_date:
            if lang == "en":
                return f"{self.due_date.isoformat()} (strict {self.strict_date.isoformat()})"
            return (
                f"{format_date(self.due_date, 'zh')}（严格计算为"
                f"{format_date(self.strict_date, 'zh')}，末日为休息日顺延）"
            )
        return self.due_date.isoformat() if lang == "en" else format_date(self.due_date, "zh")

    def light_label(self, lang: str = "zh") -> str:
        zh, en = _LIGHT.get(self.light, (self.light, self.light))
        return en if lang == "en" else zh

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "light": self.light,
            "agency_id": self.agency_id,
            "rule_id": self.rule_id,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "deadline": self.deadline_zh,
            "started_by": self.started_by,
            "start_date": self.start_date.isoformat(),
            "unit": self.unit,
            "strict_date": self.strict_date.isoformat(),
            "rolled_date": None if self.rolled_date is None else self.rolled_date.isoformat(),
            "due_date": self.due_date.isoformat(),
            "left": self.left,
            "lights_zh": list(self.lights_zh),
        }


class LazyClocks(Sequence[Any]):
    """The report's clock items, loaded the first time a format reads them (the formats
    that do not show clocks never pay for them)."""

    def __init__(self, load: Callable[[], Sequence[Any]]) -> None:
        self._load: Callable[[], Sequence[Any]] | None = load
        self._items: tuple[Any, ...] = ()

    def _all(self) -> tuple[Any, ...]:
        if self._load is not None:
            self._items = tuple(self._load())
            self._load = None
        return self._items

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[Any]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return self._all() == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(self._all())


def load_clock_items(
    store: Store,
    *,
    as_of: date,
    agency: str | None,
    calendar: StatutoryCalendar,
    titles: Mapping[str, tuple[str, str]],
    people: PeopleContext,
) -> tuple[ClockItem, ...]:
    """Every stored clock with its light on ``as_of`` (one agency's with ``agency``), by
    agency and due date; subjects named for the report's audience."""
    clocks: list[StoredClock] = list_clocks(
        store, as_of=as_of, light=("green", "yellow", "red"), agency=agency, calendar=calendar
    )
    if not clocks:
        return ()
    subjects = _subject_names(people, clocks)
    items = [
        ClockItem(
            id=clock.id,
            light=clock.light,
            agency_id=clock.agency_id,
            rule_id=clock.rule_id,
            rule_title_zh=titles.get(clock.rule_id, ("", ""))[0] or zh_part(clock.label),
            rule_title_en=titles.get(clock.rule_id, ("", ""))[1] or clock.rule_id,
            subject_type=clock.subject_type,
            subject_id=clock.subject_id,
            subject_zh=subjects[clock.subject_key],
            deadline_zh=zh_part(clock.label),
            started_by=clock.started_by,
            start_date=clock.start_date,
            unit=clock.unit,
            strict_date=clock.strict_date,
            rolled_date=clock.rolled_date,
            due_date=clock.due_date,
            left=clock.left,
            lights_zh=clock.lights_zh,
            trace_zh=clock.trace_zh,
        )
        for clock in clocks
    ]
    items.sort(
        key=lambda item: (item.agency_id or "", item.due_date, item.rule_id, item.subject_id)
    )
    return tuple(items)


#: Clock subjects named per chunk: a province has a clock or more per open case, and
#: loading every subject's record at once took most of the JSON report's memory.
_NAME_CHUNK = 2000


def _subject_names(people: PeopleContext, clocks: Sequence[StoredClock]) -> dict[str, str]:
    """``subject key → name`` of the clocks' subjects, their records loaded a chunk at a
    time. A subject whose record is gone is named from every subject's record at once (its
    id may be a party's in another record), as when all were loaded together."""
    by_key: dict[str, StoredClock] = {}
    for clock in clocks:
        by_key.setdefault(clock.subject_key, clock)
    keys = sorted(by_key)
    found: dict[str, str] = {}
    missing: list[str] = []
    for start in range(0, len(keys), _NAME_CHUNK):
        chunk = keys[start : start + _NAME_CHUNK]
        names = people.names(chunk, ())
        for key in chunk:
            if key in names.masked:
                clock = by_key[key]
                found[key] = names.subject(clock.subject_type, clock.subject_id, "zh")
            else:
                missing.append(key)
    if missing:
        names = people.names(keys, ())
        for key in missing:
            clock = by_key[key]
            found[key] = names.subject(clock.subject_type, clock.subject_id, "zh")
    return found


# --------------------------------------------------------------------------------------------
# The HTML section


def expiring_sections(data: ReportData) -> list[dict[str, Any]]:
    """The "即将到期" section: per agency, its yellow and red clocks with their lights."""
    lang = data.lang
    en = lang == "en"
    by_agency: dict[str, list[ClockItem]] = {}
    for item in data.clocks:
        if item.light in (YELLOW, RED):
            by_agency.setdefault(item.agency_id or "", []).append(item)
    sections = []
    for agency_id, items in sorted(by_agency.items()):
        sections.append(
            {
                "agency": data.agency_name(agency_id)
                or ("(no agency)" if en else "（未指明机关）"),
                "rows": [
                    {
                        "light": item.light,
                        "light_label": item.light_label(lang),
                        "rule": item.rule_title_en if en else item.deadline_zh,
                        "subject": (
                            f"{item.subject_type} {item.subject_id}" if en else item.subject_zh
                        ),
                        "deadline": item.deadline_zh,
                        "start": (
                            item.start_date.isoformat()
                            if en
                            else f"{format_date(item.start_date, 'zh')}{item.started_by or '起算'}"
                        ),
                        "due": item.due_text(lang),
                        "left": item.left_text(lang),
                        "changes": "" if en else people_text("；".join(item.lights_zh)),
                    }
                    for item in items
                ],
            }
        )
    return sections


# --------------------------------------------------------------------------------------------
# Reminder letters (提醒函)

#: The title of a reminder letter (and the start of its file names).
REMINDER_TITLE = "行政执法期限提醒函"


def build_reminders(data: ReportData) -> list[Notice]:
    """One reminder letter (提醒函) per agency with yellow clocks, in the notice layout:
    Chinese only, each clock an item with its due date and the time left. Numbered in the
    notice series (``[notice] document_prefix``) after the notices of the same report."""
    from enforcement_supervision.reports._files import UniqueNames
    from enforcement_supervision.reports._notice import Notice, NoticeItem, item_number

    by_agency: dict[str, list[ClockItem]] = {}
    for item in data.clocks:
        if item.light == YELLOW and item.agency_id:
            by_agency.setdefault(item.agency_id, []).append(item)
    if not by_agency:
        return []
    settings = data.settings
    settings.require_notice()
    office = str(settings.issuing_office)
    prefix = str(settings.document_prefix)
    issued = data.as_of
    names = UniqueNames()
    letters: list[Notice] = []
    for number_index, (agency_id, items) in enumerate(sorted(by_agency.items()), 1):
        name = data.agency_name(agency_id)
        agency = data.agencies.get(agency_id)
        parent = agency.parent_name if agency is not None else None
        notice_items = tuple(
            NoticeItem(
                heading=f"{item_number(n, 'zh')}{item.subject_zh}",
                lines=(
                    f"{item.deadline_zh}：{format_date(item.start_date, 'zh')}"
                    f"{item.started_by or '起算'}，至{item.due_text('zh')}届满，"
                    f"截至{format_date(issued, 'zh')}{item.left_text('zh')}。",
                ),
                basis="",
                traces=(),
                deadline=item.due_date,
                own_deadline=True,
                domain="",
                fingerprints=(item.id,),
            )
            for n, item in enumerate(sorted(items, key=lambda i: (i.due_date, i.subject_id)), 1)
        )
        earliest = min(item.due_date for item in items)
        letters.append(
            Notice(
                agency_id=agency_id,
                title=REMINDER_TITLE,
                number=f"{prefix}提醒〔{issued.year}〕{number_index}号",
                addressee=f"{name}：",
                intro=(
                    f"经本机关行政执法监督信息系统监测，截至{format_date(issued, 'zh')}，"
                    f"你单位以下{len(notice_items)}项行政执法事项的法定期限即将届满（黄灯预警）："
                ),
                items=notice_items,
                domains=(),
                requirement=(
                    "请你单位高度重视，逐项核查办理进度，在法定期限届满前依法办结；"
                    "确因法定事由需要延长或者中止、扣除期限的，请依法履行审批和告知手续。"
                    f"其中最早届满的事项期限为{format_date(earliest, 'zh')}。"
                ),
                office=office,
                signature=f"{office}{settings.seal_line}",
                issued_on=issued,
                issued_text=format_date(issued, "zh"),
                deadline=earliest,
                deadline_trace="",
                copy_to=(f"抄送：{parent}。" if settings.copy_to_superior and parent else ""),
                lang="zh",
                file_stem=names.stem(f"{REMINDER_TITLE}-{name}", agency_id),
                labels=REMINDER_LABELS,
            )
        )
    return letters


#: The headings of a reminder letter where a notice has its own.
REMINDER_LABELS = {
    "problems": "一、即将到期的事项",
    "required": "二、工作要求",
    "deadline": "期限届满：",
}


def render_reminders(data: ReportData, out: Any) -> list[Any]:
    """Write one ``.docx`` and one print-ready ``.html`` per reminder letter into ``out``
    (``行政执法期限提醒函-<agency>.docx``); return the paths written."""
    from enforcement_supervision.reports._notice import write_notice

    written = []
    for letter in build_reminders(data):
        written.extend(write_notice(letter, out))
    return written
